import { sql, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { TicketAction, TicketListQuery, TicketState, UnitKind } from '@jiesu/contracts';
import { HANDLING_STATES } from '@jiesu/contracts';
import type { AssignmentRole, DB, NewTicket, Ticket, TicketPatch } from '../../db/schema.js';
import type { TicketLinks } from './policy.js';
import type { EventDraft } from './workflow.js';
import { newId } from '../../shared/ids.js';
import {
  COUNT_CAP,
  RANKED_CANDIDATES,
  matchBranches,
  rankOf,
  type NameSearch,
} from '../search/repository.js';
import { searchPlan } from '../search/text.js';

export type ListScope = 'tenant' | string[];

// Tickets without a deadline sort after those with one, either way; urgency
// sorts by severity, not alphabetically.
const SORTS = {
  receivedAt: sql`t.received_at ASC`,
  '-receivedAt': sql`t.received_at DESC`,
  completionDueAt: sql`t.completion_due_at ASC NULLS LAST`,
  '-completionDueAt': sql`t.completion_due_at DESC NULLS LAST`,
  code: sql`t.code ASC`,
  '-code': sql`t.code DESC`,
  urgency: sql`CASE t.urgency WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END, t.received_at DESC`,
} as const;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Rows whose ticket (joined as `t`) has exactly this code, or this text in its title. */
export function ticketMatches(text: string) {
  return sql<SqlBool>`(t.code = ${text} OR t.title LIKE ${`%${escapeLike(text)}%`})`;
}

/** The columns naming the ticket (joined as `t`) of a row that refers to it: see presenter.linkedTicket. */
export const LINKED_TICKET = [
  't.code as ticket_code',
  't.title as ticket_title',
  't.state as ticket_state',
] as const;

export function ticketRepository(db: Kysely<DB>) {
  const withNames = () =>
    db
      .selectFrom('tickets as t')
      .innerJoin('categories as c', 'c.id', 't.category_id')
      .innerJoin('jurisdictions as j', 'j.id', 't.jurisdiction_id')
      .leftJoin('units as lu', 'lu.id', 't.lead_unit_id')
      .leftJoin('units as hu', 'hu.id', 't.holder_unit_id')
      .leftJoin('users as au', 'au.id', 't.assignee_user_id')
      .selectAll('t')
      .select([
        'c.name as category_name',
        'j.name as jurisdiction_name',
        'lu.name as lead_unit_name',
        'hu.name as holder_unit_name',
        'au.display_name as assignee_name',
      ]);

  /** Assigns units to the ticket in one role, from `at`. */
  async function assignUnits(
    tenantId: string,
    ticketId: string,
    unitIds: readonly string[],
    role: AssignmentRole,
    at: Date,
  ) {
    if (unitIds.length === 0) return;
    await db
      .insertInto('ticket_assignments')
      .values(
        unitIds.map((unit_id) => ({
          id: newId(),
          tenant_id: tenantId,
          ticket_id: ticketId,
          unit_id,
          role,
          assigned_at: at,
        })),
      )
      .execute();
  }

  async function hasAssignment(
    ticketId: string,
    unitId: string,
    role: AssignmentRole,
  ): Promise<boolean> {
    const row = await db
      .selectFrom('ticket_assignments')
      .select('id')
      .where('ticket_id', '=', ticketId)
      .where('unit_id', '=', unitId)
      .where('role', '=', role)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    return row !== undefined;
  }

  return {
    async nextCode(tenantId: string, day: string): Promise<number> {
      const row = await db
        .insertInto('ticket_code_counters')
        .values({ tenant_id: tenantId, day, last: 1 })
        .onConflict((oc) =>
          oc
            .columns(['tenant_id', 'day'])
            .doUpdateSet({ last: sql`ticket_code_counters.last + 1` }),
        )
        .returning('last')
        .executeTakeFirstOrThrow();
      return row.last;
    },

    async insert(t: NewTicket): Promise<void> {
      await db.insertInto('tickets').values(t).execute();
    },

    byId(tenantId: string, id: string): Promise<Ticket | undefined> {
      return db
        .selectFrom('tickets')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** Reads the row for an update: FOR UPDATE serialises concurrent actions on PostgreSQL. */
    forUpdate(tenantId: string, id: string): Promise<Ticket | undefined> {
      return db
        .selectFrom('tickets')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
    },

    byCode(tenantId: string, code: string): Promise<Ticket | undefined> {
      return db
        .selectFrom('tickets')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('code', '=', code)
        .executeTakeFirst();
    },

    detail(tenantId: string, id: string) {
      return withNames()
        .where('t.tenant_id', '=', tenantId)
        .where('t.id', '=', id)
        .executeTakeFirst();
    },

    /** Optimistic concurrency: the update applies only to the version the action read. */
    async update(id: string, expectedVersion: number, patch: TicketPatch): Promise<boolean> {
      const r = await db
        .updateTable('tickets')
        .set(patch)
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async appendEvent(tenantId: string, ticketId: string, e: EventDraft): Promise<number> {
      const row = await db
        .insertInto('ticket_events')
        .values({
          tenant_id: tenantId,
          ticket_id: ticketId,
          seq: sql<number>`(SELECT COALESCE(MAX(seq), 0) + 1 FROM ticket_events WHERE ticket_id = ${ticketId})`,
          ...e,
          payload: JSON.stringify(e.payload),
        })
        .returning('seq')
        .executeTakeFirstOrThrow();
      return row.seq;
    },

    /** The ticket's events in order, with who acted; only those of `action` when given. */
    events(ticketId: string, action?: TicketAction) {
      let q = db
        .selectFrom('ticket_events as e')
        .leftJoin('users as u', 'u.id', 'e.actor_user_id')
        .leftJoin('units as un', 'un.id', 'e.actor_unit_id')
        .selectAll('e')
        .select(['u.display_name as actor_name', 'un.name as actor_unit_name'])
        .where('e.ticket_id', '=', ticketId);
      if (action) q = q.where('e.action', '=', action);
      return q.orderBy('e.seq').execute();
    },

    assignUnits,
    hasAssignment,

    /** Assigns a unit in a role unless it already holds that role on the ticket. */
    async ensureAssignment(
      tenantId: string,
      ticketId: string,
      unitId: string,
      role: AssignmentRole,
      at: Date,
    ) {
      if (await hasAssignment(ticketId, unitId, role)) return;
      await assignUnits(tenantId, ticketId, [unitId], role, at);
    },

    /**
     * Ends the ticket's open assignments at `at`: all of them, or only those of
     * `only.unitIds` (none when the list is empty) and/or in `only.role`.
     */
    async endAssignments(
      ticketId: string,
      at: Date,
      only: { unitIds?: readonly string[]; role?: AssignmentRole } = {},
    ) {
      if (only.unitIds?.length === 0) return;
      let q = db
        .updateTable('ticket_assignments')
        .set({ ended_at: at })
        .where('ticket_id', '=', ticketId)
        .where('ended_at', 'is', null);
      if (only.unitIds) q = q.where('unit_id', 'in', [...only.unitIds]);
      if (only.role) q = q.where('role', '=', only.role);
      await q.execute();
    },

    assignments(ticketId: string) {
      return db
        .selectFrom('ticket_assignments as a')
        .innerJoin('units as u', 'u.id', 'a.unit_id')
        .select(['a.unit_id', 'a.role', 'u.name', 'a.ended_at'])
        .where('a.ticket_id', '=', ticketId)
        .where('a.ended_at', 'is', null)
        .execute();
    },

    /** Everything linked to the ticket that policies read, in one round trip. */
    async links(ticketId: string): Promise<TicketLinks> {
      const { rows } = await sql<{
        assignments: TicketLinks['assignments'];
        tasks: TicketLinks['tasks'];
        summoned: string[];
        passers: string[];
        objections: TicketLinks['objections'];
        master: { state: TicketState; repliedAt: string | null } | null;
        lead_unit_kind: UnitKind | null;
        escalation: TicketLinks['escalation'];
        deliberation: TicketLinks['deliberation'];
        projects: string[];
        hearings_scheduled: number;
        hearings_held: number;
        urged: string[];
        pending_request: TicketLinks['pendingRequest'];
        pending_callback_review: boolean;
      }>`
        SELECT
          (SELECT coalesce(json_agg(json_build_object('unitId', unit_id, 'role', role)), '[]'::json)
             FROM ticket_assignments WHERE ticket_id = ${ticketId} AND ended_at IS NULL) AS assignments,
          (SELECT coalesce(json_agg(json_build_object('unitId', unit_id, 'state', state)), '[]'::json)
             FROM ticket_tasks WHERE ticket_id = ${ticketId} AND state <> 'cancelled') AS tasks,
          (SELECT coalesce(json_agg(s.unit_id), '[]'::json)
             FROM whistle_summonses s JOIN whistles w ON w.id = s.whistle_id
            WHERE w.ticket_id = ${ticketId} AND s.state = 'summoned') AS summoned,
          (SELECT coalesce(json_agg(from_unit_id ORDER BY at), '[]'::json)
             FROM ticket_delegations WHERE ticket_id = ${ticketId} AND ended_at IS NULL) AS passers,
          (SELECT coalesce(json_agg(json_build_object('unitId', unit_id, 'state', state) ORDER BY raised_at), '[]'::json)
             FROM ticket_objections WHERE ticket_id = ${ticketId}) AS objections,
          (SELECT json_build_object('state', m.state, 'repliedAt', m.replied_at)
             FROM tickets t JOIN tickets m ON m.id = t.master_id WHERE t.id = ${ticketId}) AS master,
          (SELECT u.kind FROM tickets t JOIN units u ON u.id = t.lead_unit_id
            WHERE t.id = ${ticketId}) AS lead_unit_kind,
          (SELECT json_build_object('toUnitId', e.to_unit_id, 'toDistrict', j.level IN ('district','city'))
             FROM escalations e JOIN units u ON u.id = e.to_unit_id
             JOIN jurisdictions j ON j.id = u.jurisdiction_id
            WHERE e.ticket_id = ${ticketId} AND e.state = 'pending') AS escalation,
          (SELECT json_build_object('state', d.state, 'signerUnitId', d.signer_unit_id,
                  'villageUnitId', d.village_unit_id,
                  'noticed', EXISTS (SELECT 1 FROM public_notices n WHERE n.deliberation_id = d.id),
                  'sessionsOpen', (SELECT count(*) FROM deliberation_sessions s
                                    WHERE s.deliberation_id = d.id AND s.archived_at IS NULL),
                  'sessionsArchived', (SELECT count(*) FROM deliberation_sessions s
                                        WHERE s.deliberation_id = d.id AND s.archived_at IS NOT NULL))
             FROM deliberations d
            WHERE d.ticket_id = ${ticketId} AND d.state IN ('proposed','on_ledger')) AS deliberation,
          (SELECT coalesce(json_agg(project_id), '[]'::json)
             FROM project_tickets WHERE ticket_id = ${ticketId}) AS projects,
          (SELECT count(*)::int FROM hearings
            WHERE ticket_id = ${ticketId} AND state = 'scheduled') AS hearings_scheduled,
          (SELECT count(*)::int FROM hearings
            WHERE ticket_id = ${ticketId} AND state = 'held') AS hearings_held,
          (SELECT coalesce(json_agg(DISTINCT unit_id), '[]'::json)
             FROM urges WHERE ticket_id = ${ticketId} AND responded_at IS NULL) AS urged,
          (SELECT kind FROM handling_requests
            WHERE ticket_id = ${ticketId} AND status = 'pending' LIMIT 1) AS pending_request,
          EXISTS (SELECT 1 FROM callbacks
            WHERE ticket_id = ${ticketId} AND status = 'awaiting_review') AS pending_callback_review
      `.execute(db);
      const r = rows[0]!;
      return {
        assignments: r.assignments,
        tasks: r.tasks,
        summoned: r.summoned,
        passers: r.passers,
        objections: r.objections,
        master: r.master
          ? {
              state: r.master.state,
              repliedAt: r.master.repliedAt ? new Date(r.master.repliedAt) : null,
            }
          : null,
        leadUnitKind: r.lead_unit_kind,
        escalation: r.escalation,
        deliberation: r.deliberation,
        projects: r.projects,
        hearingsScheduled: Number(r.hearings_scheduled),
        hearingsHeld: Number(r.hearings_held),
        urged: r.urged,
        pendingRequest: r.pending_request ?? null,
        pendingCallbackReview: r.pending_callback_review === true,
      };
    },

    unitName(id: string) {
      return db.selectFrom('units').select('name').where('id', '=', id).executeTakeFirst();
    },

    async logPersonalRead(r: {
      tenant_id: string;
      user_id: string;
      ticket_id: string;
      fields: string;
      purpose: string | null;
      at: Date;
    }) {
      await db.insertInto('personal_data_reads').values(r).execute();
    },

    /**
     * One page of the tickets a scope sees, filtered. With `q`, the full-text
     * search (modules/search): all of the query's words, or an exact code, an
     * address fragment, or (with `nameSearch`) the requester's whole name; when no
     * ticket has all the words, any of them. Sorted by relevance unless told.
     */
    async list(
      tenantId: string,
      scope: ListScope,
      q: TicketListQuery,
      now: Date,
      opts: { nameSearch?: NameSearch; mine?: Mine } = {},
    ) {
      const plan = q.q ? searchPlan(q.q) : null;
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 20;
      const sort = q.sort ?? (plan ? 'relevance' : '-receivedAt');
      const offset = (page - 1) * pageSize;
      const scoped = <QB extends SelectQueryBuilder<DB & { t: DB['tickets'] }, 't', object>>(
        from: QB,
      ) => applyFilters(from.where('t.tenant_id', '=', tenantId), scope, q, now, opts.mine);
      // The rows with names of a page of ids, in the ids' order: the joins for
      // names run for one page, not for every match.
      const withRows = async (ids: readonly string[]) => {
        const rows = ids.length
          ? await withNames()
              .where('t.tenant_id', '=', tenantId)
              .where('t.id', 'in', [...ids])
              .execute()
          : [];
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id)!).filter(Boolean);
      };
      if (!plan) {
        const from = scoped(
          db.selectFrom('tickets as t') as unknown as SelectQueryBuilder<
            DB & { t: DB['tickets'] },
            't',
            object
          >,
        );
        const [ids, total] = await Promise.all([
          from
            .select('t.id')
            .orderBy(SORTS[sort === 'relevance' ? '-receivedAt' : sort])
            .orderBy('t.id')
            .limit(pageSize)
            .offset(offset)
            .execute(),
          from.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
        ]);
        const items = await withRows(ids.map((r) => r.id));
        return { items, total: Number(total.n), totalCapped: false, page, pageSize };
      }
      // With `q`: each way of matching (search/repository matchBranches) joined to
      // the tickets and filtered on its own, so the planner picks per branch the
      // words' GIN index (rare words) or the newest-first index (frequent ones).
      const branchesOf = (anyWord: boolean) =>
        matchBranches(tenantId, plan, { ...opts, anyWord }).map((b) =>
          scoped(
            db
              .selectFrom(b.as('h'))
              .innerJoin('tickets as t', 't.id', 'h.ticket_id') as unknown as SelectQueryBuilder<
              DB & { t: DB['tickets'] },
              't',
              object
            >,
          ),
        );
      // Counting stops after COUNT_CAP + 1 matches: the total is then a lower bound.
      const cappedCount = async (anyWord: boolean) => {
        const union = sql.join(
          branchesOf(anyWord).map((b) => sql`(${b.select('t.id').limit(COUNT_CAP + 1)})`),
          sql` UNION `,
        );
        const r = await sql<{ n: string }>`SELECT count(*) AS n FROM (SELECT id FROM (${union}) u
          LIMIT ${COUNT_CAP + 1}) c`.execute(db);
        return Number(r.rows[0]!.n);
      };
      const answer = (items: Awaited<ReturnType<typeof withRows>>, n: number) => ({
        items,
        total: Math.min(n, COUNT_CAP),
        totalCapped: n > COUNT_CAP,
        page,
        pageSize,
      });
      const run = async (anyWord: boolean) => {
        if (sort !== 'relevance') {
          const matches = sql.join(
            matchBranches(tenantId, plan, { ...opts, anyWord }),
            sql` UNION ALL `,
          );
          const [ids, n] = await Promise.all([
            scoped(
              db.selectFrom('tickets as t') as unknown as SelectQueryBuilder<
                DB & { t: DB['tickets'] },
                't',
                object
              >,
            )
              .where(sql<SqlBool>`t.id IN (SELECT m.ticket_id FROM (${matches}) m)`)
              .select('t.id')
              .orderBy(SORTS[sort])
              .orderBy('t.id')
              .limit(pageSize)
              .offset(offset)
              .execute(),
            cappedCount(anyWord),
          ]);
          return answer(await withRows(ids.map((r) => r.id)), n);
        }
        // [Insight] Relevance is among the newest RANKED_CANDIDATES matches: each
        // branch gives its newest K (filtered) matches, the newest K of those are
        // ranked and paged, so a query costs about K rows however many tickets
        // match (小区 is in ~18% of them). Pages past K are empty.
        const candidates = sql.join(
          branchesOf(anyWord).map(
            (b) =>
              // The branch's own received_at: the words' branch walks the search table's
              // newest-first index without a ticket row per document it checks.
              sql`(${b
                .select(['t.id', sql<Date>`h.received_at`.as('received_at')])
                .orderBy(sql`h.received_at`, 'desc')
                .limit(RANKED_CANDIDATES)})`,
          ),
          sql` UNION `,
        );
        const ranked = await sql<{ id: string; n: string }>`
          WITH c AS (SELECT id FROM (${candidates}) u ORDER BY received_at DESC LIMIT ${RANKED_CANDIDATES})
          SELECT t.id, count(*) OVER () AS n
          FROM c JOIN tickets t ON t.id = c.id AND t.tenant_id = ${tenantId}
          LEFT JOIN ticket_search s ON s.ticket_id = t.id AND s.tenant_id = ${tenantId}
          ORDER BY ${rankOf(plan, { anyWord })} DESC, t.received_at DESC, t.id
          LIMIT ${pageSize} OFFSET ${offset}`.execute(db);
        const n = ranked.rows.length ? Number(ranked.rows[0]!.n) : await cappedCount(anyWord);
        return answer(await withRows(ranked.rows.map((r) => r.id)), n);
      };
      const found = await run(false);
      if (plan && found.total === 0 && plan.terms.length > 1) return run(true);
      return found;
    },

    attachmentsOf(ticketId: string) {
      return db
        .selectFrom('attachments')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('created_at')
        .execute();
    },

    /** Claims unattached uploads for a ticket; returns how many were claimed. */
    /** Puts free uploads on the ticket (only `uploadedBy`'s own, when given); returns how many. */
    async claimAttachments(
      tenantId: string,
      ticketId: string,
      ids: string[],
      uploadedBy?: string,
    ): Promise<number> {
      if (ids.length === 0) return 0;
      let q = db
        .updateTable('attachments')
        .set({ ticket_id: ticketId })
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', ids)
        .where('ticket_id', 'is', null);
      if (uploadedBy) q = q.where('uploaded_by', '=', uploadedBy);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  };
}
export type TicketRepository = ReturnType<typeof ticketRepository>;
export type TicketWithNames = NonNullable<Awaited<ReturnType<TicketRepository['detail']>>>;

/**
 * Restricts a query over `tickets as t` to what a scope may see: tickets led,
 * held or co-handled by one of its units. The list, the counts and the export
 * all use this one rule.
 */
export function inScope<QB extends SelectQueryBuilder<DB & { t: DB['tickets'] }, 't', object>>(
  qb: QB,
  scope: ListScope,
): QB {
  if (scope === 'tenant') return qb;
  if (scope.length === 0) return qb.where(sql<boolean>`false`) as QB;
  return qb.where((eb) =>
    eb.or([
      eb('t.lead_unit_id', 'in', scope),
      eb('t.holder_unit_id', 'in', scope),
      eb.exists(
        eb
          .selectFrom('ticket_assignments as a')
          .select('a.id')
          .whereRef('a.ticket_id', '=', 't.id')
          .where('a.unit_id', 'in', scope)
          .where('a.ended_at', 'is', null),
      ),
    ]),
  ) as QB;
}

/** [Handling] 我的工单 / 本单位工单, resolved by the service from the actor. */
export interface Mine {
  /** Only tickets this user has in hand (承办人). */
  assigneeUserId?: string;
  /** Only tickets led, held or co-handled by one of these units. */
  unitIds?: string[];
}

function applyFilters<QB extends SelectQueryBuilder<DB & { t: DB['tickets'] }, 't', object>>(
  qb: QB,
  scope: ListScope,
  q: TicketListQuery,
  now: Date,
  mine: Mine = {},
): QB {
  let r = inScope(qb as SelectQueryBuilder<DB & { t: DB['tickets'] }, 't', object>, scope);
  if (mine.assigneeUserId) r = r.where('t.assignee_user_id', '=', mine.assigneeUserId);
  if (mine.unitIds) {
    const units = mine.unitIds;
    r = units.length
      ? r.where((eb) =>
          eb.or([
            eb('t.lead_unit_id', 'in', units),
            eb('t.holder_unit_id', 'in', units),
            eb.exists(
              eb
                .selectFrom('ticket_assignments as ma')
                .select('ma.id')
                .whereRef('ma.ticket_id', '=', 't.id')
                .where('ma.unit_id', 'in', units)
                .where('ma.role', '=', 'co')
                .where('ma.ended_at', 'is', null),
            ),
          ]),
        )
      : r.where(sql<boolean>`false`);
  }
  if (q.state?.length) r = r.where('t.state', 'in', q.state);
  if (q.type?.length) r = r.where('t.type', 'in', q.type);
  if (q.channel?.length) r = r.where('t.channel', 'in', q.channel);
  if (q.urgency?.length) r = r.where('t.urgency', 'in', q.urgency);
  if (q.colour?.length) r = r.where('t.colour', 'in', q.colour);
  if (q.projectId) {
    const projectId = q.projectId;
    r = r.where((eb) =>
      eb.exists(
        eb
          .selectFrom('project_tickets as pt')
          .select('pt.ticket_id')
          .whereRef('pt.ticket_id', '=', 't.id')
          .where('pt.project_id', '=', projectId),
      ),
    );
  }
  if (q.unitId) {
    const unitId = q.unitId;
    r = r.where((eb) =>
      eb.or([eb('t.lead_unit_id', '=', unitId), eb('t.holder_unit_id', '=', unitId)]),
    );
  }
  if (q.categoryId) {
    const categoryId = q.categoryId;
    r = r.where((eb) =>
      eb.exists(
        eb
          .selectFrom('categories as qc')
          .select('qc.id')
          .whereRef('qc.id', '=', 't.category_id')
          .where(
            'qc.path',
            'like',
            sql<string>`(SELECT path FROM categories WHERE id = ${categoryId}) || '%'`,
          ),
      ),
    );
  }
  if (q.jurisdictionId) {
    const jid = q.jurisdictionId;
    r = r.where((eb) =>
      eb.exists(
        eb
          .selectFrom('jurisdictions as qj')
          .select('qj.id')
          .whereRef('qj.id', '=', 't.jurisdiction_id')
          .where(
            'qj.path',
            'like',
            sql<string>`(SELECT path FROM jurisdictions WHERE id = ${jid}) || '%'`,
          ),
      ),
    );
  }
  if (q.overdue !== undefined) {
    // [Handling] a paused ticket (挂起) is not overdue while its clock stands still.
    const overdue = sql<boolean>`(t.state IN (${sql.join(HANDLING_STATES)}) AND t.completion_due_at < ${now} AND t.paused_at IS NULL)`;
    r = r.where(q.overdue ? overdue : sql<boolean>`NOT COALESCE(${overdue}, false)`);
  }
  if (q.receivedFrom) r = r.where('t.received_at', '>=', new Date(q.receivedFrom));
  if (q.receivedTo) r = r.where('t.received_at', '<', new Date(q.receivedTo));
  if (q.phone) r = r.where('t.requester_phone', '=', q.phone);
  // `q` is the search's join (see list).
  return r as QB;
}
