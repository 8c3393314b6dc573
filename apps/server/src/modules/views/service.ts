import type { Kysely } from 'kysely';
import type { SavedView } from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import type { StaffActor } from '../../shared/actor.js';

const MAX_VIEWS = 50;

/** Named inbox queries per user. */
export function viewsService(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;
  return {
    async list(actor: StaffActor): Promise<SavedView[]> {
      const rows = await db
        .selectFrom('saved_views')
        .select(['id', 'name', 'query'])
        .where('user_id', '=', actor.userId)
        .orderBy('name')
        .execute();
      return rows.map((r) => ({ id: r.id, name: r.name, query: r.query }));
    },
    async save(
      actor: StaffActor,
      name: string,
      query: Record<string, unknown>,
    ): Promise<SavedView> {
      return db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('saved_views')
          .select(['id'])
          .where('user_id', '=', actor.userId)
          .execute();
        const same = await trx
          .selectFrom('saved_views')
          .select('id')
          .where('user_id', '=', actor.userId)
          .where('name', '=', name)
          .executeTakeFirst();
        if (same) {
          await trx
            .updateTable('saved_views')
            .set({ query: JSON.stringify(query) })
            .where('id', '=', same.id)
            .execute();
          return { id: same.id, name, query };
        }
        if (existing.length >= MAX_VIEWS)
          throw new AppError('VALIDATION_FAILED', [
            { path: '/name', message: `最多保存 ${MAX_VIEWS} 个视图` },
          ]);
        const id = newId();
        await trx
          .insertInto('saved_views')
          .values({
            id,
            tenant_id: actor.tenantId,
            user_id: actor.userId,
            name,
            query: JSON.stringify(query),
            created_at: clock.now(),
          })
          .execute();
        return { id, name, query };
      });
    },
    async remove(actor: StaffActor, id: string): Promise<void> {
      const r = await db
        .deleteFrom('saved_views')
        .where('id', '=', id)
        .where('user_id', '=', actor.userId)
        .executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) throw new AppError('NOT_FOUND');
    },
  };
}
export type ViewsService = ReturnType<typeof viewsService>;
