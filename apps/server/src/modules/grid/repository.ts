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

    /** A grid with its village: names, paths, boundaries and centre points. */
    async gridWithVillage(tenantId: string, gridId: string) {
      return db
        .selectFrom('jurisdictions as g')
        .innerJoin('jurisdictions as v', 'v.id', 'g.parent_id')
        .select([
          'g.id',
          'g.name',
          'g.path',
          'g.boundary',
          'g.centre_lng',
          'g.centre_lat',
          'v.id as village_id',
          'v.name as village_name',
          'v.boundary as village_boundary',
          'v.centre_lng as village_lng',
          'v.centre_lat as village_lat',
        ])
        .where('g.tenant_id', '=', tenantId)
        .where('g.id', '=', gridId)
        .where('g.level', '=', 'grid')
        .executeTakeFirst();
    },

    /** The village's other grids that have a boundary. */
    async siblingOutlines(tenantId: string, villageId: string, exceptId: string) {
      return db
        .selectFrom('jurisdictions')
        .select(['id', 'name', 'boundary'])
        .where('tenant_id', '=', tenantId)
        .where('parent_id', '=', villageId)
        .where('level', '=', 'grid')
        .where('id', '<>', exceptId)
        .where('boundary', 'is not', null)
        .orderBy('code')
        .execute();
    },

    async setBoundary(tenantId: string, id: string, boundary: string | null): Promise<void> {
      await db
        .updateTable('jurisdictions')
        .set({ boundary })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },
  };
}
export type GridRepository = ReturnType<typeof gridRepository>;
