// All SQL of the grid module.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PlaceRow } from './resolve.js';

export function gridRepository(db: Kysely<DB>) {
  return {
    /** The tenant's townships, villages and grids with their boundaries, and their parents. */
    async places(tenantId: string): Promise<PlaceRow[]> {
      return db
        .selectFrom('jurisdictions')
        .select(['id', 'parent_id', 'level', 'code', 'name', 'boundary'])
        .where('tenant_id', '=', tenantId)
        .execute();
    },
  };
}
export type GridRepository = ReturnType<typeof gridRepository>;
