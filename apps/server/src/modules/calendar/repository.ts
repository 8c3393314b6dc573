import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export function calendarRepository(db: Kysely<DB>) {
  return {
    days(tenantId: string) {
      return db
        .selectFrom('calendar_days')
        .select(['day', 'kind', 'name'])
        .where('tenant_id', '=', tenantId)
        .orderBy('day')
        .execute();
    },
    async putDay(tenantId: string, day: string, kind: 'holiday' | 'workday', name: string) {
      await db
        .insertInto('calendar_days')
        .values({ tenant_id: tenantId, day, kind, name })
        .onConflict((oc) => oc.columns(['tenant_id', 'day']).doUpdateSet({ kind, name }))
        .execute();
    },
    async deleteDay(tenantId: string, day: string) {
      const r = await db
        .deleteFrom('calendar_days')
        .where('tenant_id', '=', tenantId)
        .where('day', '=', day)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async insertMany(
      rows: Array<{ tenant_id: string; day: string; kind: 'holiday' | 'workday'; name: string }>,
    ) {
      for (let i = 0; i < rows.length; i += 500) {
        await db
          .insertInto('calendar_days')
          .values(rows.slice(i, i + 500))
          .onConflict((oc) => oc.columns(['tenant_id', 'day']).doNothing())
          .execute();
      }
    },
  };
}
export type CalendarRepository = ReturnType<typeof calendarRepository>;
