// The SQL intake's hooks and views need beyond the ticket repository: the
// ticket a repeat refers to, the tickets merged into a master.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export function intakeRepository(db: Kysely<DB>) {
  const brief = () =>
    db
      .selectFrom('tickets as t')
      .select([
        't.id',
        't.code',
        't.title',
        't.state',
        't.outcome',
        't.received_at',
        't.replied_at',
        't.master_id',
      ]);

  return {
    /** A ticket with the name of the unit now holding it (for a repeat's progress). */
    withHolder(tenantId: string, id: string) {
      return db
        .selectFrom('tickets as t')
        .leftJoin('units as u', 'u.id', 't.holder_unit_id')
        .selectAll('t')
        .select('u.name as holder_unit_name')
        .where('t.tenant_id', '=', tenantId)
        .where('t.id', '=', id)
        .executeTakeFirst();
    },

    /** The tickets merged into a master and still closed as merged, locked for the relay. */
    mergedForUpdate(tenantId: string, masterId: string) {
      return db
        .selectFrom('tickets')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('master_id', '=', masterId)
        .where('state', '=', 'closed')
        .orderBy('id')
        .forUpdate()
        .execute();
    },

    async hasMerged(tenantId: string, masterId: string): Promise<boolean> {
      const row = await db
        .selectFrom('tickets')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('master_id', '=', masterId)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    brief(tenantId: string, id: string) {
      return brief().where('t.tenant_id', '=', tenantId).where('t.id', '=', id).executeTakeFirst();
    },

    mergedInto(tenantId: string, masterId: string) {
      return brief()
        .where('t.tenant_id', '=', tenantId)
        .where('t.master_id', '=', masterId)
        .orderBy('t.received_at')
        .execute();
    },
  };
}
export type IntakeRepository = ReturnType<typeof intakeRepository>;
export type TicketBriefRow = NonNullable<Awaited<ReturnType<IntakeRepository['brief']>>>;
