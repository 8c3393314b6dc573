// [Handling] SQL of the callback desk: the rounds (one per ticket per reply), the
// district's sampling rules, the desk's lists and counts, and the attempt log (the
// ticket's `record_callback_attempt` events).
import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { CallbackQuery, CallbackStatus } from '@jiesu/contracts';
import type { CallbackConfigTable, CallbackTable, DB } from '../../db/schema.js';

const SORTS = {
  repliedAt: ['c.replied_at', 'asc'],
  '-repliedAt': ['c.replied_at', 'desc'],
  attempts: ['c.attempts', 'asc'],
  '-attempts': ['c.attempts', 'desc'],
} as const;

/** What each tab of the desk lists. */
const TAB_STATUSES: Record<string, CallbackStatus[]> = {
  queue: ['queued'],
  review: ['awaiting_review'],
  finished: ['done', 'not_reached', 'closed_unrated'],
};

export function callbackRepository(db: Kysely<DB>) {
  const rows = () =>
    db
      .selectFrom('callbacks as c')
      .innerJoin('tickets as t', 't.id', 'c.ticket_id')
      .innerJoin('categories as cat', 'cat.id', 't.category_id')
      .leftJoin('units as un', 'un.id', 't.lead_unit_id')
      .leftJoin('users as rb', 'rb.id', 'c.result_by')
      .leftJoin('users as rv', 'rv.id', 'c.reviewed_by')
      .selectAll('c')
      .select([
        't.code as ticket_code',
        't.title as ticket_title',
        't.type as ticket_type',
        't.state as ticket_state',
        't.requester_phone',
        't.category_id',
        'cat.name as category_name',
        't.lead_unit_id',
        'un.name as unit_name',
        'rb.display_name as result_by_name',
        'rv.display_name as reviewed_by_name',
      ]);

  return {
    config(tenantId: string) {
      return db
        .selectFrom('callback_configs')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst();
    },

    async saveConfig(row: Insertable<CallbackConfigTable>) {
      const { tenant_id: _t, ...rest } = row;
      await db
        .insertInto('callback_configs')
        .values({ ...row, rules: JSON.stringify(row.rules) })
        .onConflict((oc) =>
          oc.column('tenant_id').doUpdateSet({ ...rest, rules: JSON.stringify(row.rules) }),
        )
        .execute();
    },

    /** The ticket's latest round (the current one). */
    latest(ticketId: string) {
      return db
        .selectFrom('callbacks')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('round', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    async insert(row: Insertable<CallbackTable>) {
      await db.insertInto('callbacks').values(row).execute();
    },

    async update(id: string, patch: Updateable<CallbackTable>) {
      await db.updateTable('callbacks').set(patch).where('id', '=', id).execute();
    },

    /** Records the review of a result waiting for it; false when it no longer waits. */
    async review(
      id: string,
      r: Pick<
        Updateable<CallbackTable>,
        'review_decision' | 'review_reason' | 'reviewed_by' | 'reviewed_at'
      >,
    ): Promise<boolean> {
      const res = await db
        .updateTable('callbacks')
        .set({ ...r, status: 'done' })
        .where('id', '=', id)
        .where('status', '=', 'awaiting_review')
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    forTicket(ticketId: string) {
      return rows().where('c.ticket_id', '=', ticketId).orderBy('c.round').execute();
    },

    /** A page of rounds; the queue and review tabs list only tickets still waiting for it. */
    async list(
      tenantId: string,
      q: CallbackQuery,
      now: Date,
      range: { from: Date | null; to: Date | null },
    ) {
      let base = db
        .selectFrom('callbacks as c')
        .innerJoin('tickets as t', 't.id', 'c.ticket_id')
        .where('c.tenant_id', '=', tenantId);
      const statuses = q.status ? [q.status] : TAB_STATUSES[q.tab ?? 'queue']!;
      base = base.where('c.status', 'in', statuses);
      if (!q.status && (q.tab ?? 'queue') !== 'finished') {
        base = base.where('t.state', 'in', ['replied', 'awaiting_callback']);
      }
      if (!q.status && (q.tab ?? 'queue') === 'queue')
        base = base.where('c.callable_from', '<=', now);
      if (q.type) base = base.where('t.type', '=', q.type);
      if (q.categoryId) base = base.where('t.category_id', '=', q.categoryId);
      if (q.unitId) base = base.where('t.lead_unit_id', '=', q.unitId);
      if (range.from) base = base.where('c.replied_at', '>=', range.from);
      if (range.to) base = base.where('c.replied_at', '<', range.to);
      const { n } = await base
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const page = q.page ?? 1;
      const size = q.pageSize ?? 20;
      const [col, dir] = SORTS[q.sort ?? 'repliedAt'];
      const items = await rows()
        .where('c.id', 'in', base.select('c.id'))
        .orderBy(col, dir)
        .orderBy('c.id')
        .limit(size)
        .offset((page - 1) * size)
        .execute();
      return { items, total: Number(n) };
    },

    /** Counts of the rounds started (replied) in [from, to). */
    async stats(tenantId: string, from: Date | null, to: Date | null) {
      const { rows: r } = await sql<Record<string, number>>`
        SELECT count(*)::int AS rounds,
               count(*) FILTER (WHERE sampled)::int AS sampled,
               count(*) FILTER (WHERE via = 'callback')::int AS reached,
               count(*) FILTER (WHERE via = 'online')::int AS rated_online,
               count(*) FILTER (WHERE status = 'not_reached')::int AS not_reached,
               count(*) FILTER (WHERE status = 'awaiting_review')::int AS awaiting_review,
               count(*) FILTER (WHERE solved = false AND review_decision IS NOT NULL)::int
                 AS unsolved_reviewed,
               count(*) FILTER (WHERE review_decision = 'reopen')::int AS reopened,
               count(*) FILTER (WHERE status = 'closed_unrated')::int AS closed_unrated
          FROM callbacks
         WHERE tenant_id = ${tenantId}
           ${from ? sql`AND replied_at >= ${from}` : sql``}
           ${to ? sql`AND replied_at < ${to}` : sql``}
      `.execute(db);
      return r[0]!;
    },

    /** Sampled rounds past their online window whose ticket still waits as `replied`. */
    dueForQueue(tenantId: string, now: Date, limit: number) {
      return db
        .selectFrom('callbacks as c')
        .innerJoin('tickets as t', 't.id', 'c.ticket_id')
        .select(['c.ticket_id'])
        .where('c.tenant_id', '=', tenantId)
        .where('c.status', '=', 'queued')
        .where('c.callable_from', '<=', now)
        .where('t.state', '=', 'replied')
        .orderBy('c.callable_from')
        .limit(limit)
        .execute();
    },

    /** Rounds not sampled whose ticket is still `replied` since before `before`. */
    unsampledUnrated(tenantId: string, before: Date, limit: number) {
      return db
        .selectFrom('callbacks as c')
        .innerJoin('tickets as t', 't.id', 'c.ticket_id')
        .select(['c.ticket_id'])
        .where('c.tenant_id', '=', tenantId)
        .where('c.status', '=', 'not_sampled')
        .where('c.replied_at', '<=', before)
        .where('t.state', '=', 'replied')
        .orderBy('c.replied_at')
        .limit(limit)
        .execute();
    },

    /** The attempt log: the ticket's `record_callback_attempt` events with who made them. */
    attempts(ticketId: string) {
      return db
        .selectFrom('ticket_events as e')
        .leftJoin('users as u', 'u.id', 'e.actor_user_id')
        .select(['e.seq', 'e.at', 'e.payload', 'e.actor_user_id', 'u.display_name as actor_name'])
        .where('e.ticket_id', '=', ticketId)
        .where('e.action', '=', 'record_callback_attempt')
        .orderBy('e.seq')
        .execute();
    },
  };
}
export type CallbackRepository = ReturnType<typeof callbackRepository>;
export type CallbackRow = Awaited<ReturnType<CallbackRepository['forTicket']>>[number];
