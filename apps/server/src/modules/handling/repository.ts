// SQL of the handler's toolkit: the requests a reviewer decides (延期, 挂起, 终止办理),
// the contact log (the ticket's `record_contact` events), the running pauses and the
// counts per unit.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { HandlingRequestQuery } from '@jiesu/contracts';
import type { DB, HandlingRequestTable } from '../../db/schema.js';

export function handlingRepository(db: Kysely<DB>) {
  const requests = () =>
    db
      .selectFrom('handling_requests as r')
      .innerJoin('tickets as t', 't.id', 'r.ticket_id')
      .leftJoin('units as un', 'un.id', 'r.unit_id')
      .leftJoin('users as rq', 'rq.id', 'r.requested_by')
      .leftJoin('users as rv', 'rv.id', 'r.reviewed_by')
      .selectAll('r')
      .select([
        't.code as ticket_code',
        't.title as ticket_title',
        't.state as ticket_state',
        'un.name as unit_name',
        'rq.display_name as requested_by_name',
        'rv.display_name as reviewed_by_name',
      ]);

  return {
    /** The ticket's pending request of any kind (at most one: a unique index). */
    pending(ticketId: string) {
      return db
        .selectFrom('handling_requests')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
    },

    async insert(row: Insertable<HandlingRequestTable>) {
      await db.insertInto('handling_requests').values(row).execute();
    },

    /** Decides a pending request; false when it is no longer pending. */
    async decide(
      id: string,
      d: {
        status: 'approved' | 'refused';
        by: string | null;
        at: Date;
        note: string;
        /** An approved suspension: when the clock stopped. */
        pausedAt?: Date | null;
      },
    ): Promise<boolean> {
      const r = await db
        .updateTable('handling_requests')
        .set({
          status: d.status,
          reviewed_by: d.by,
          reviewed_at: d.at,
          review_note: d.note,
          paused_at: d.pausedAt ?? null,
        })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** The ticket left handling: its pending request can no longer be decided. */
    async lapse(ticketId: string, at: Date, note: string) {
      await db
        .updateTable('handling_requests')
        .set({ status: 'lapsed', reviewed_at: at, review_note: note })
        .where('ticket_id', '=', ticketId)
        .where('status', '=', 'pending')
        .execute();
    },

    /** The approved suspension whose pause is running (at most one: one pending, then this). */
    runningSuspension(ticketId: string) {
      return db
        .selectFrom('handling_requests')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .where('kind', '=', 'suspension')
        .where('status', '=', 'approved')
        .where('paused_at', 'is not', null)
        .where('resumed_at', 'is', null)
        .executeTakeFirst();
    },

    async resume(id: string, at: Date) {
      await db
        .updateTable('handling_requests')
        .set({ resumed_at: at })
        .where('id', '=', id)
        .where('resumed_at', 'is', null)
        .execute();
    },

    /** The ticket left handling while paused: its running pause ends then. */
    async endPause(ticketId: string, at: Date) {
      await db
        .updateTable('handling_requests')
        .set({ resumed_at: at })
        .where('ticket_id', '=', ticketId)
        .where('kind', '=', 'suspension')
        .where('status', '=', 'approved')
        .where('paused_at', 'is not', null)
        .where('resumed_at', 'is', null)
        .execute();
    },

    /** Pauses whose bound has passed: the platform resumes them (oldest bound first). */
    pausesRunOut(tenantId: string, now: Date, limit: number) {
      return db
        .selectFrom('tickets as t')
        .innerJoin('handling_requests as r', (j) =>
          j
            .onRef('r.ticket_id', '=', 't.id')
            .on('r.kind', '=', 'suspension')
            .on('r.status', '=', 'approved')
            .on('r.resumed_at', 'is', null),
        )
        .select(['t.id as ticket_id', 'r.id as request_id'])
        .where('t.tenant_id', '=', tenantId)
        .where('t.paused_at', 'is not', null)
        .where('t.paused_until', '<=', now)
        .orderBy('t.paused_until')
        .limit(limit)
        .execute();
    },

    /** The limit the running completion clock was counted in (the last clock event's). */
    async lastClock(ticketId: string): Promise<{ amount: number; unit: string } | null> {
      const row = await db
        .selectFrom('ticket_events')
        .select('payload')
        .where('ticket_id', '=', ticketId)
        .where('action', 'in', [
          'dispatch',
          'review_objection',
          'record_callback',
          'review_callback',
          'recalculate_deadlines',
        ])
        .where(sql<boolean>`payload->'deadlines'->'completion' IS NOT NULL`)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      const d = row?.payload.deadlines as
        { completion?: { amount: number; unit: string } } | undefined;
      return d?.completion ?? null;
    },

    /** Contacts that did not reach the requester (no answer, refused). */
    async failedContacts(ticketId: string): Promise<number> {
      const { n } = await db
        .selectFrom('ticket_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('ticket_id', '=', ticketId)
        .where('action', '=', 'record_contact')
        .where(sql<boolean>`payload->>'contactOutcome' <> 'reached'`)
        .executeTakeFirstOrThrow();
      return Number(n);
    },

    forTicket(ticketId: string) {
      return requests().where('r.ticket_id', '=', ticketId).orderBy('r.requested_at').execute();
    },

    /** A page of requests, newest first; `units` limits it to requests of those units. */
    async list(tenantId: string, q: HandlingRequestQuery, units: 'tenant' | string[]) {
      let base = db.selectFrom('handling_requests as r').where('r.tenant_id', '=', tenantId);
      if (units !== 'tenant') {
        if (!units.length) return { rows: [], total: 0 };
        base = base.where('r.unit_id', 'in', units);
      }
      if (q.status) base = base.where('r.status', '=', q.status);
      if (q.kind) base = base.where('r.kind', '=', q.kind);
      if (q.unitId) base = base.where('r.unit_id', '=', q.unitId);
      const { n } = await base
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const ids = base.select('r.id');
      const page = q.page ?? 1;
      const size = q.pageSize ?? 20;
      const rows = await requests()
        .where('r.id', 'in', ids)
        .orderBy('r.requested_at', 'desc')
        .orderBy('r.id')
        .limit(size)
        .offset((page - 1) * size)
        .execute();
      return { rows, total: Number(n) };
    },

    /** The contact log: the ticket's `record_contact` events with who made them. */
    contacts(ticketId: string) {
      return db
        .selectFrom('ticket_events as e')
        .leftJoin('users as u', 'u.id', 'e.actor_user_id')
        .leftJoin('units as un', 'un.id', 'e.actor_unit_id')
        .select([
          'e.seq',
          'e.at',
          'e.payload',
          'e.actor_user_id',
          'e.actor_unit_id',
          'u.display_name as actor_name',
          'un.name as actor_unit_name',
        ])
        .where('e.ticket_id', '=', ticketId)
        .where('e.action', '=', 'record_contact')
        .orderBy('e.seq')
        .execute();
    },

    /** The events that start or move the response clock, or answer it (acceptance). */
    clockEvents(ticketId: string) {
      return db
        .selectFrom('ticket_events')
        .select(['seq', 'action', 'at', 'payload'])
        .where('ticket_id', '=', ticketId)
        .where('action', 'in', [
          'dispatch',
          'review_objection',
          'record_callback',
          'review_callback',
          'recalculate_deadlines',
          'accept',
        ])
        .orderBy('seq')
        .execute();
    },

    /**
     * Extension requests per unit made in [from, to), by how they ended; and the
     * suspensions and terminations approved of requests made in the period.
     */
    async extensionCounts(tenantId: string, from: Date, to: Date) {
      const { rows } = await sql<{
        unit_id: string;
        unit_name: string;
        requested: number;
        approved: number;
        refused: number;
        suspended: number;
        terminated: number;
      }>`
        SELECT r.unit_id, u.name AS unit_name,
               count(*) FILTER (WHERE r.kind = 'extension')::int AS requested,
               count(*) FILTER (WHERE r.kind = 'extension' AND r.status = 'approved')::int AS approved,
               count(*) FILTER (WHERE r.kind = 'extension' AND r.status = 'refused')::int AS refused,
               count(*) FILTER (WHERE r.kind = 'suspension' AND r.status = 'approved')::int AS suspended,
               count(*) FILTER (WHERE r.kind = 'termination' AND r.status = 'approved')::int AS terminated
          FROM handling_requests r JOIN units u ON u.id = r.unit_id
         WHERE r.tenant_id = ${tenantId}
           AND r.requested_at >= ${from} AND r.requested_at < ${to}
         GROUP BY r.unit_id, u.name ORDER BY u.name
      `.execute(db);
      return rows;
    },
  };
}
export type HandlingRepository = ReturnType<typeof handlingRepository>;
