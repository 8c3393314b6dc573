// All SQL of co-unit tasks (协办) and objections (异议/退单). Hooks call it with
// the action's transaction; the lists and counts with the root connection.
import { sql, type Expression, type Insertable, type Kysely, type SqlBool } from 'kysely';
import { HANDLING_STATES, type ObjectionState, type TaskState } from '@jiesu/contracts';
import type { DB, TicketObjectionTable, TicketTaskTable } from '../../db/schema.js';
import { oneOf } from '../../db/fragments.js';
import { LINKED_TICKET, ticketMatches } from '../tickets/repository.js';

/** Which rows a reader may see: everything in the tenant, or rows touching these units. */
export type Scope = 'tenant' | string[];

const UNFINISHED: TaskState[] = ['open', 'accepted'];

export interface TaskFilter {
  scope: Scope;
  /** Only tasks of these units (the reader's own units for "mine"). */
  units?: string[];
  state?: TaskState[];
  overdue?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

export interface ObjectionFilter {
  scope: Scope;
  state?: ObjectionState[];
  reason?: string[];
  unitId?: string;
  from?: Date;
  to?: Date;
  q?: string;
  page: number;
  pageSize: number;
}

export function collaborationRepository(db: Kysely<DB>) {
  const tasksWithNames = () =>
    db
      .selectFrom('ticket_tasks as k')
      .innerJoin('tickets as t', 't.id', 'k.ticket_id')
      .innerJoin('units as u', 'u.id', 'k.unit_id')
      .leftJoin('units as lu', 'lu.id', 't.lead_unit_id')
      .leftJoin('users as rb', 'rb.id', 'k.reported_by')
      .selectAll('k')
      .select([
        ...LINKED_TICKET,
        'u.name as unit_name',
        'lu.id as lead_unit_id',
        'lu.name as lead_unit_name',
        'rb.display_name as reported_by_name',
      ]);

  const objectionsWithNames = () =>
    db
      .selectFrom('ticket_objections as o')
      .innerJoin('tickets as t', 't.id', 'o.ticket_id')
      .innerJoin('units as u', 'u.id', 'o.unit_id')
      .leftJoin('users as rb', 'rb.id', 'o.raised_by')
      .leftJoin('users as dp', 'dp.id', 'o.dispatcher_id')
      .leftJoin('users as rv', 'rv.id', 'o.reviewed_by')
      .leftJoin('units as nu', 'nu.id', 'o.new_unit_id')
      .selectAll('o')
      .select([
        ...LINKED_TICKET,
        'u.name as unit_name',
        'rb.display_name as raised_by_name',
        'dp.display_name as dispatcher_name',
        'rv.display_name as reviewed_by_name',
        'nu.name as new_unit_name',
      ]);

  return {
    // ── tasks ──────────────────────────────────────────────────────────────
    async insertTasks(rows: Array<Insertable<TicketTaskTable>>) {
      if (rows.length) await db.insertInto('ticket_tasks').values(rows).execute();
    },

    /** 协办签收: the unit's open tasks on the ticket become accepted. */
    async acceptTasks(ticketId: string, unitId: string, at: Date): Promise<number> {
      const r = await db
        .updateTable('ticket_tasks')
        .set({ state: 'accepted', accepted_at: at })
        .where('ticket_id', '=', ticketId)
        .where('unit_id', '=', unitId)
        .where('state', '=', 'open')
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    /** The unit reports its part: every unfinished task of it on the ticket is reported. */
    async reportTasks(
      ticketId: string,
      unitId: string,
      r: { part: string; by: string | null; at: Date },
    ): Promise<number> {
      const res = await db
        .updateTable('ticket_tasks')
        .set({
          state: 'reported',
          part: r.part,
          reported_by: r.by,
          reported_at: r.at,
          accepted_at: sql`coalesce(accepted_at, ${r.at})`,
        })
        .where('ticket_id', '=', ticketId)
        .where('unit_id', '=', unitId)
        .where('state', 'in', UNFINISHED)
        .executeTakeFirst();
      return Number(res.numUpdatedRows);
    },

    /** Cancels a unit's unfinished tasks on a ticket (it became the lead). */
    async cancelTasks(ticketId: string, unitId: string): Promise<number> {
      const r = await db
        .updateTable('ticket_tasks')
        .set({ state: 'cancelled' })
        .where('ticket_id', '=', ticketId)
        .where('unit_id', '=', unitId)
        .where('state', 'in', UNFINISHED)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    tasksOfTicket(ticketId: string) {
      return tasksWithNames()
        .where('k.ticket_id', '=', ticketId)
        .orderBy('k.assigned_at')
        .orderBy('u.name')
        .execute();
    },

    async listTasks(tenantId: string, f: TaskFilter, now: Date) {
      let q = db
        .selectFrom('ticket_tasks as k')
        .innerJoin('tickets as t', 't.id', 'k.ticket_id')
        .where('k.tenant_id', '=', tenantId);
      if (f.scope !== 'tenant') {
        const scope = f.scope;
        q = scope.length
          ? q.where((eb) =>
              eb.or([eb('k.unit_id', 'in', scope), eb('t.lead_unit_id', 'in', scope)]),
            )
          : q.where(sql<SqlBool>`false`);
      }
      if (f.units) q = q.where(oneOf('k.unit_id', f.units));
      if (f.state?.length) q = q.where('k.state', 'in', f.state);
      if (f.overdue !== undefined) {
        const overdue = taskOverdue(now);
        q = q.where(f.overdue ? overdue : sql<SqlBool>`NOT ${overdue}`);
      }
      if (f.q) q = q.where(ticketMatches(f.q));
      const ids = q.select('k.id');
      const [items, total] = await Promise.all([
        tasksWithNames()
          .where('k.id', 'in', ids)
          .orderBy(sql`k.completion_due_at ASC NULLS LAST`)
          .orderBy('k.assigned_at', 'desc')
          .orderBy('k.id')
          .limit(f.pageSize)
          .offset((f.page - 1) * f.pageSize)
          .execute(),
        q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    // ── objections ─────────────────────────────────────────────────────────
    async insertObjection(row: Insertable<TicketObjectionTable>) {
      await db.insertInto('ticket_objections').values(row).execute();
    },

    openObjection(ticketId: string) {
      return db
        .selectFrom('ticket_objections')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .where('state', '=', 'open')
        .executeTakeFirst();
    },

    async closeObjection(
      id: string,
      r: {
        state: 'upheld' | 'rejected';
        by: string | null;
        at: Date;
        note: string;
        dispatchFault: boolean | null;
        newUnitId: string | null;
      },
    ) {
      await db
        .updateTable('ticket_objections')
        .set({
          state: r.state,
          reviewed_by: r.by,
          reviewed_at: r.at,
          review_note: r.note,
          dispatch_fault: r.dispatchFault,
          new_unit_id: r.newUnitId,
        })
        .where('id', '=', id)
        .where('state', '=', 'open')
        .execute();
    },

    /** The dispatch a unit objects to: the latest dispatch or reassignment event. */
    latestDispatch(ticketId: string) {
      return db
        .selectFrom('ticket_events')
        .select(['at', 'actor_user_id'])
        .where('ticket_id', '=', ticketId)
        .where((eb) =>
          eb.or([
            eb('action', '=', 'dispatch'),
            eb.and([eb('action', '=', 'review_objection'), eb('to_state', '=', 'dispatched')]),
          ]),
        )
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    /** How many of these uploads exist in the tenant and are not yet tied to a ticket. */
    async unclaimedAttachments(tenantId: string, ids: string[]): Promise<number> {
      if (!ids.length) return 0;
      const r = await db
        .selectFrom('attachments')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', ids)
        .where('ticket_id', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    attachments(ids: string[]) {
      if (!ids.length) return Promise.resolve([]);
      return db
        .selectFrom('attachments')
        .select(['id', 'filename', 'mime', 'size'])
        .where('id', 'in', ids)
        .orderBy('created_at')
        .execute();
    },

    objectionsOfTicket(ticketId: string) {
      return objectionsWithNames()
        .where('o.ticket_id', '=', ticketId)
        .orderBy('o.raised_at')
        .execute();
    },

    async listObjections(tenantId: string, f: ObjectionFilter) {
      const q = filterObjections(db, tenantId, f);
      const ids = q.select('o.id');
      const [items, total] = await Promise.all([
        objectionsWithNames()
          .where('o.id', 'in', ids)
          // Open ones first, the longest waiting on top; then the latest reviewed.
          .orderBy(sql`CASE o.state WHEN 'open' THEN 0 ELSE 1 END`)
          .orderBy(sql`CASE WHEN o.state = 'open' THEN o.raised_at END ASC`)
          .orderBy('o.raised_at', 'desc')
          .orderBy('o.id')
          .limit(f.pageSize)
          .offset((f.page - 1) * f.pageSize)
          .execute(),
        q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    /** Counts per objecting unit and per dispatcher, for assessment. */
    async objectionStats(tenantId: string, f: Omit<ObjectionFilter, 'page' | 'pageSize'>) {
      const base = filterObjections(db, tenantId, { ...f, page: 1, pageSize: 1 });
      const counts = {
        raised: sql<number>`count(*)::int`.as('raised'),
        open: sql<number>`(count(*) FILTER (WHERE o.state = 'open'))::int`.as('open'),
        upheld: sql<number>`(count(*) FILTER (WHERE o.state = 'upheld'))::int`.as('upheld'),
        rejected: sql<number>`(count(*) FILTER (WHERE o.state = 'rejected'))::int`.as('rejected'),
        withFault: sql<number>`(count(*) FILTER (WHERE o.dispatch_fault))::int`.as('with_fault'),
      };
      const all = [counts.raised, counts.open, counts.upheld, counts.rejected, counts.withFault];
      const [total, byUnit, byDispatcher] = await Promise.all([
        base.select(all).executeTakeFirstOrThrow(),
        base
          .innerJoin('units as u', 'u.id', 'o.unit_id')
          .select(['o.unit_id', 'u.name as unit_name', ...all])
          .groupBy(['o.unit_id', 'u.name'])
          .orderBy('raised', 'desc')
          .orderBy('u.name')
          .execute(),
        base
          .leftJoin('users as dp', 'dp.id', 'o.dispatcher_id')
          .select(['o.dispatcher_id', 'dp.display_name as dispatcher_name', ...all])
          .groupBy(['o.dispatcher_id', 'dp.display_name'])
          .orderBy('raised', 'desc')
          .orderBy('dp.display_name')
          .execute(),
      ]);
      return { total, byUnit, byDispatcher };
    },
  };
}
export type CollaborationRepository = ReturnType<typeof collaborationRepository>;

/** A task is overdue while the ticket is being handled, it is unfinished and its limit has passed. */
function taskOverdue(now: Date): Expression<SqlBool> {
  return sql<SqlBool>`(k.state IN ('open','accepted') AND t.state IN (${sql.join(
    HANDLING_STATES,
  )}) AND coalesce(k.completion_due_at < ${now}, false))`;
}

function filterObjections(db: Kysely<DB>, tenantId: string, f: ObjectionFilter) {
  let q = db
    .selectFrom('ticket_objections as o')
    .innerJoin('tickets as t', 't.id', 'o.ticket_id')
    .where('o.tenant_id', '=', tenantId);
  if (f.scope !== 'tenant') q = q.where(oneOf('o.unit_id', f.scope));
  if (f.state?.length) q = q.where('o.state', 'in', f.state);
  if (f.reason?.length) q = q.where('o.reason', 'in', f.reason as TicketObjectionTable['reason'][]);
  if (f.unitId) q = q.where('o.unit_id', '=', f.unitId);
  if (f.from) q = q.where('o.raised_at', '>=', f.from);
  if (f.to) q = q.where('o.raised_at', '<', f.to);
  if (f.q) q = q.where(ticketMatches(f.q));
  return q;
}
