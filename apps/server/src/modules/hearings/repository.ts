// All SQL of hearings (听证), consultations (会商) and the backlog (积案): their
// own records beside the ticket row, and the reads behind the ticket page's
// panel, the hearings list and the backlog list (scoped exactly as the ticket
// list is, through tickets/repository.inScope).
import {
  sql,
  type Insertable,
  type Kysely,
  type RawBuilder,
  type SelectQueryBuilder,
} from 'kysely';
import type { BacklogQuery, BacklogSort, HearingListQuery } from '@jiesu/contracts';
import type {
  ConsultationTable,
  DB,
  HearingCommitment,
  HearingTable,
  Signature,
} from '../../db/schema.js';
import { LINKED_TICKET, inScope, ticketMatches, type ListScope } from '../tickets/repository.js';

type TicketsQB = SelectQueryBuilder<DB & { t: DB['tickets'] }, 't', object>;

// Never-consulted cases sort first by "last consultation": they are the ones waiting.
const BACKLOG_ORDER: Record<BacklogSort, RawBuilder<unknown>> = {
  '-age': sql`t.received_at ASC`,
  age: sql`t.received_at DESC`,
  '-reopens': sql`t.reopen_count DESC, t.received_at ASC`,
  reopens: sql`t.reopen_count ASC, t.received_at ASC`,
  lastConsultation: sql`last_consultation_at ASC NULLS FIRST, t.received_at ASC`,
  '-lastConsultation': sql`last_consultation_at DESC NULLS LAST, t.received_at ASC`,
};

export interface BacklogRule {
  /** Received at or before this instant (open for the district's number of days). */
  receivedBefore: Date;
  /** Reopened at least this many times. */
  reopens: number;
}

export function hearingsRepository(db: Kysely<DB>) {
  const hearingsWithNames = () =>
    db
      .selectFrom('hearings as h')
      .innerJoin('tickets as t', 't.id', 'h.ticket_id')
      .innerJoin('units as u', 'u.id', 'h.unit_id')
      .leftJoin('users as sb', 'sb.id', 'h.scheduled_by')
      .leftJoin('users as rb', 'rb.id', 'h.recorded_by')
      .selectAll('h')
      .select([
        ...LINKED_TICKET,
        'u.name as unit_name',
        'sb.display_name as scheduled_by_name',
        'rb.display_name as recorded_by_name',
      ]);

  /** Open tickets on the backlog by the rule, in scope, filtered: the list's and the export's base. */
  function backlogBase(
    tenantId: string,
    scope: ListScope,
    rule: BacklogRule,
    q: Pick<BacklogQuery, 'unitId' | 'jurisdictionId' | 'why' | 'q'>,
  ) {
    let r = db
      .selectFrom('tickets as t')
      .where('t.tenant_id', '=', tenantId)
      .where('t.state', '<>', 'closed') as TicketsQB;
    r = inScope(r, scope);
    const old = sql<boolean>`t.received_at <= ${rule.receivedBefore}`;
    const reopened = sql<boolean>`t.reopen_count >= ${rule.reopens}`;
    if (q.why === 'age') r = r.where(old);
    else if (q.why === 'reopened') r = r.where(reopened);
    else r = r.where(sql<boolean>`(${old} OR ${reopened})`);
    if (q.unitId) {
      const unitId = q.unitId;
      r = r.where((eb) =>
        eb.or([eb('t.lead_unit_id', '=', unitId), eb('t.holder_unit_id', '=', unitId)]),
      );
    }
    if (q.jurisdictionId) {
      const jid = q.jurisdictionId;
      r = r.where(
        sql<boolean>`EXISTS (SELECT 1 FROM jurisdictions qj WHERE qj.id = t.jurisdiction_id
          AND qj.path LIKE (SELECT path FROM jurisdictions WHERE id = ${jid} AND tenant_id = ${tenantId}) || '%')`,
      );
    }
    if (q.q) r = r.where(ticketMatches(q.q));
    return r;
  }

  return {
    // ── hearings ─────────────────────────────────────────────────────────────
    async insertHearing(h: Insertable<HearingTable>): Promise<void> {
      await db.insertInto('hearings').values(h).execute();
    },

    /** The hearing on this ticket, locked for the action that records it. */
    hearingOfTicket(tenantId: string, ticketId: string, id: string) {
      return db
        .selectFrom('hearings')
        .select(['id', 'state'])
        .where('tenant_id', '=', tenantId)
        .where('ticket_id', '=', ticketId)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
    },

    /** Records a scheduled hearing as held; false when it is no longer scheduled. */
    async markHeld(
      id: string,
      r: {
        heldAt: Date;
        minutes: string;
        outcome: string;
        signatures: Signature[];
        attachmentIds: string[];
        commitment: HearingCommitment | null;
        by: string | null;
        at: Date;
      },
    ): Promise<boolean> {
      const res = await db
        .updateTable('hearings')
        .set({
          state: 'held',
          held_at: r.heldAt,
          minutes: r.minutes,
          outcome: r.outcome,
          signatures: JSON.stringify(r.signatures),
          attachment_ids: r.attachmentIds,
          commitment: r.commitment ? JSON.stringify(r.commitment) : null,
          recorded_by: r.by,
          recorded_at: r.at,
        })
        .where('id', '=', id)
        .where('state', '=', 'scheduled')
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    hearingsOfTicket(ticketId: string) {
      return hearingsWithNames()
        .where('h.ticket_id', '=', ticketId)
        .orderBy('h.scheduled_at', 'desc')
        .orderBy('h.id')
        .execute();
    },

    async hearingList(tenantId: string, scope: ListScope, q: HearingListQuery) {
      let base = db
        .selectFrom('hearings as h')
        .innerJoin('tickets as t', 't.id', 'h.ticket_id')
        .where('h.tenant_id', '=', tenantId);
      base = inScope(base as unknown as TicketsQB, scope) as unknown as typeof base;
      if (q.state) base = base.where('h.state', '=', q.state);
      if (q.unitId) base = base.where('h.unit_id', '=', q.unitId);
      if (q.from) base = base.where('h.scheduled_at', '>=', new Date(q.from));
      if (q.to) base = base.where('h.scheduled_at', '<', new Date(q.to));
      if (q.commitment === '1' || q.commitment === 'true')
        base = base.where('h.commitment', 'is not', null);
      if (q.commitment === '0' || q.commitment === 'false')
        base = base.where('h.commitment', 'is', null);
      if (q.q) base = base.where(ticketMatches(q.q));
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 20;
      const ids = base.select('h.id');
      const [items, total] = await Promise.all([
        hearingsWithNames()
          .where('h.id', 'in', ids)
          .orderBy('h.scheduled_at', 'desc')
          .orderBy('h.id')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n), page, pageSize };
    },

    // ── consultations ────────────────────────────────────────────────────────
    async insertConsultation(c: Insertable<ConsultationTable>): Promise<void> {
      await db.insertInto('consultations').values(c).execute();
    },

    consultationsOfTicket(ticketId: string) {
      return db
        .selectFrom('consultations as c')
        .innerJoin('tickets as t', 't.id', 'c.ticket_id')
        .innerJoin('units as u', 'u.id', 'c.unit_id')
        .leftJoin('users as rb', 'rb.id', 'c.recorded_by')
        .selectAll('c')
        .select([...LINKED_TICKET, 'u.name as unit_name', 'rb.display_name as recorded_by_name'])
        .where('c.ticket_id', '=', ticketId)
        .orderBy('c.held_at', 'desc')
        .orderBy('c.id')
        .execute();
    },

    // ── attachments ──────────────────────────────────────────────────────────
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

    attachments(tenantId: string, ids: string[]) {
      if (!ids.length) return Promise.resolve([]);
      return db
        .selectFrom('attachments')
        .select(['id', 'filename', 'mime', 'size'])
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', ids)
        .orderBy('created_at')
        .execute();
    },

    // ── the backlog ──────────────────────────────────────────────────────────
    /**
     * One page of the backlog: open tickets received before the rule's instant
     * or reopened at least its number of times, with their consultations and
     * hearings counted.
     */
    async backlog(
      tenantId: string,
      scope: ListScope,
      rule: BacklogRule,
      q: BacklogQuery,
      limit?: number,
    ) {
      const base = backlogBase(tenantId, scope, rule, q);
      const page = limit ? 1 : (q.page ?? 1);
      const pageSize = limit ?? q.pageSize ?? 20;
      const [items, total] = await Promise.all([
        base
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
            sql<string>`(SELECT count(*) FROM consultations k WHERE k.ticket_id = t.id)`.as(
              'consultation_count',
            ),
            sql<Date | null>`(SELECT max(k.held_at) FROM consultations k WHERE k.ticket_id = t.id)`.as(
              'last_consultation_at',
            ),
            sql<string>`(SELECT count(*) FROM hearings h WHERE h.ticket_id = t.id AND h.state <> 'cancelled')`.as(
              'hearing_count',
            ),
            sql<boolean>`EXISTS (SELECT 1 FROM hearings h WHERE h.ticket_id = t.id AND h.commitment IS NOT NULL)`.as(
              'has_commitment',
            ),
          ])
          .orderBy(BACKLOG_ORDER[q.sort ?? '-age'])
          .orderBy('t.id')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n), page, pageSize };
    },
  };
}
export type HearingsRepository = ReturnType<typeof hearingsRepository>;
export type HearingRow = Awaited<ReturnType<HearingsRepository['hearingsOfTicket']>>[number];
export type ConsultationRow = Awaited<
  ReturnType<HearingsRepository['consultationsOfTicket']>
>[number];
export type BacklogRow = Awaited<ReturnType<HearingsRepository['backlog']>>['items'][number];
