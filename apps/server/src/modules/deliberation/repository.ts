// All SQL of escalation (上交/提级) and village deliberation (下交群评): the
// records beside the ticket row, the elders panels, the ledger's reads and the
// resident notice board. (The assignments that let the units involved see the
// ticket are written through tickets/repository.ts.)
import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { DeliberationState, EscalationState, TicketState } from '@jiesu/contracts';
import type {
  DB,
  DeliberationSessionTable,
  DeliberationTable,
  EscalationTable,
  PublicNoticeTable,
} from '../../db/schema.js';
import { newId } from '../../shared/ids.js';
import { oneOf } from '../../db/fragments.js';
import { LINKED_TICKET } from '../tickets/repository.js';

export interface EscalationFilter {
  ticketId?: string;
  state?: EscalationState;
  toUnits?: string[];
  fromUnits?: string[];
  /** Units the actor sees: escalations from or to them (undefined = all). */
  visibleTo?: string[];
  from?: Date;
  to?: Date;
}

export interface DeliberationFilter {
  ticketId?: string;
  states?: DeliberationState[];
  basis?: string;
  villageUnitId?: string;
  signerUnitId?: string;
  /** Units the actor sees: proposer, village or signer (undefined = all). */
  visibleTo?: string[];
}

export function deliberationRepository(db: Kysely<DB>) {
  const escalationRows = (tenantId: string, f: EscalationFilter) => {
    let q = db
      .selectFrom('escalations as e')
      .innerJoin('tickets as t', 't.id', 'e.ticket_id')
      .innerJoin('units as fu', 'fu.id', 'e.from_unit_id')
      .innerJoin('units as tu', 'tu.id', 'e.to_unit_id')
      .leftJoin('users as rb', 'rb.id', 'e.raised_by')
      .leftJoin('users as vb', 'vb.id', 'e.reviewed_by')
      .where('e.tenant_id', '=', tenantId);
    if (f.ticketId) q = q.where('e.ticket_id', '=', f.ticketId);
    if (f.state) q = q.where('e.state', '=', f.state);
    if (f.toUnits) q = q.where(oneOf('e.to_unit_id', f.toUnits));
    if (f.fromUnits) q = q.where(oneOf('e.from_unit_id', f.fromUnits));
    if (f.visibleTo) {
      const v = f.visibleTo;
      q = q.where((eb) => eb.or([oneOf('e.to_unit_id', v), oneOf('e.from_unit_id', v)]));
    }
    if (f.from) q = q.where('e.raised_at', '>=', f.from);
    if (f.to) q = q.where('e.raised_at', '<', f.to);
    return q;
  };

  const deliberationRows = (tenantId: string, f: DeliberationFilter) => {
    let q = db
      .selectFrom('deliberations as d')
      .innerJoin('tickets as t', 't.id', 'd.ticket_id')
      .innerJoin('units as pu', 'pu.id', 'd.proposed_unit_id')
      .innerJoin('units as vu', 'vu.id', 'd.village_unit_id')
      .innerJoin('units as su', 'su.id', 'd.signer_unit_id')
      .leftJoin('users as pb', 'pb.id', 'd.proposed_by')
      .leftJoin('users as sb', 'sb.id', 'd.signed_by')
      .where('d.tenant_id', '=', tenantId);
    if (f.ticketId) q = q.where('d.ticket_id', '=', f.ticketId);
    if (f.states?.length) q = q.where('d.state', 'in', f.states);
    if (f.basis) q = q.where('d.basis', '=', f.basis as DeliberationTable['basis']);
    if (f.villageUnitId) q = q.where('d.village_unit_id', '=', f.villageUnitId);
    if (f.signerUnitId) q = q.where('d.signer_unit_id', '=', f.signerUnitId);
    if (f.visibleTo) {
      const v = f.visibleTo;
      q = q.where((eb) =>
        eb.or([
          oneOf('d.proposed_unit_id', v),
          oneOf('d.village_unit_id', v),
          oneOf('d.signer_unit_id', v),
        ]),
      );
    }
    return q;
  };

  return {
    // ── places ───────────────────────────────────────────────────────────────
    /** A unit with its jurisdiction's level, path and parent. */
    placedUnit(tenantId: string, id: string) {
      return db
        .selectFrom('units as u')
        .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
        .select([
          'u.id',
          'u.name',
          'u.kind',
          'u.active',
          'u.jurisdiction_id as jurisdictionId',
          'j.parent_id as parentJurisdictionId',
          'j.path',
          'j.level',
        ])
        .where('u.tenant_id', '=', tenantId)
        .where('u.id', '=', id)
        .executeTakeFirst();
    },

    /** The active government of a jurisdiction (a township's 街乡镇政府, the district's 区政府). */
    governmentAt(tenantId: string, jurisdictionId: string) {
      return db
        .selectFrom('units')
        .select(['id', 'name'])
        .where('tenant_id', '=', tenantId)
        .where('jurisdiction_id', '=', jurisdictionId)
        .where('kind', '=', 'government')
        .where('active', '=', true)
        .orderBy('name')
        .executeTakeFirst();
    },

    /** Governments of the district (or city) level: escalations to them the centre reviews. */
    districtGovernments(tenantId: string) {
      return db
        .selectFrom('units as u')
        .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
        .select(['u.id'])
        .where('u.tenant_id', '=', tenantId)
        .where('u.kind', '=', 'government')
        .where('j.level', 'in', ['district', 'city'])
        .execute();
    },

    // ── escalations ──────────────────────────────────────────────────────────
    async insertEscalation(row: Omit<Insertable<EscalationTable>, 'id'>) {
      const id = newId();
      await db
        .insertInto('escalations')
        .values({ ...row, id })
        .execute();
      return id;
    },

    pendingEscalation(ticketId: string) {
      return db
        .selectFrom('escalations')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .where('state', '=', 'pending')
        .executeTakeFirst();
    },

    async updateEscalation(id: string, patch: Updateable<EscalationTable>) {
      await db.updateTable('escalations').set(patch).where('id', '=', id).execute();
    },

    escalations(tenantId: string, f: EscalationFilter, page?: { limit: number; offset: number }) {
      let q = escalationRows(tenantId, f)
        .select([
          'e.id',
          'e.ticket_id',
          ...LINKED_TICKET,
          'e.from_unit_id',
          'fu.name as from_unit_name',
          'e.to_unit_id',
          'tu.name as to_unit_name',
          'e.reason',
          'e.tried',
          'e.needs',
          'e.needs_note',
          'e.state',
          'e.raised_at',
          'e.raised_by',
          'rb.display_name as raised_by_name',
          'e.reviewed_at',
          'e.reviewed_by',
          'vb.display_name as reviewed_by_name',
          'e.review_note',
        ])
        .orderBy('e.raised_at', 'desc')
        .orderBy('e.id');
      if (page) q = q.limit(page.limit).offset(page.offset);
      return q.execute();
    },

    async countEscalations(tenantId: string, f: EscalationFilter) {
      const r = await escalationRows(tenantId, f)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    /** Escalations counted per unit that raised them, in a period. */
    escalationCounts(tenantId: string, from?: Date, to?: Date) {
      let q = db
        .selectFrom('escalations as e')
        .innerJoin('units as u', 'u.id', 'e.from_unit_id')
        .select([
          'e.from_unit_id as unit_id',
          'u.name as unit_name',
          sql<string>`count(*)`.as('raised'),
          sql<string>`count(*) FILTER (WHERE e.state = 'accepted')`.as('accepted'),
          sql<string>`count(*) FILTER (WHERE e.state = 'refused')`.as('refused'),
          sql<string>`count(*) FILTER (WHERE e.state = 'pending')`.as('pending'),
        ])
        .where('e.tenant_id', '=', tenantId)
        .groupBy(['e.from_unit_id', 'u.name'])
        .orderBy(sql`count(*)`, 'desc')
        .orderBy('u.name');
      if (from) q = q.where('e.raised_at', '>=', from);
      if (to) q = q.where('e.raised_at', '<', to);
      return q.execute();
    },

    // ── elders panels (三老) ─────────────────────────────────────────────────
    currentPanel(tenantId: string, unitId: string) {
      return db
        .selectFrom('elder_panels')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('unit_id', '=', unitId)
        .where('superseded_at', 'is', null)
        .executeTakeFirst();
    },

    currentPanels(tenantId: string, unitIds: string[]) {
      if (!unitIds.length) return Promise.resolve([]);
      return db
        .selectFrom('elder_panels')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('unit_id', 'in', unitIds)
        .where('superseded_at', 'is', null)
        .execute();
    },

    members(panelIds: string[]) {
      if (!panelIds.length) return Promise.resolve([]);
      return db
        .selectFrom('elders')
        .select(['id', 'panel_id', 'name', 'kind', 'note'])
        .where('panel_id', 'in', panelIds)
        .orderBy('panel_id')
        .orderBy('sort')
        .execute();
    },

    /** Replaces a village's panel: the old one is superseded (kept, sessions refer to it). */
    async replacePanel(p: {
      tenantId: string;
      unitId: string;
      termStart: string;
      termEnd: string;
      members: Array<{
        name: string;
        kind: 'old_party_member' | 'old_cadre' | 'model_resident';
        note?: string;
      }>;
      by: string | null;
      at: Date;
    }) {
      await db
        .updateTable('elder_panels')
        .set({ superseded_at: p.at })
        .where('tenant_id', '=', p.tenantId)
        .where('unit_id', '=', p.unitId)
        .where('superseded_at', 'is', null)
        .execute();
      const id = newId();
      await db
        .insertInto('elder_panels')
        .values({
          id,
          tenant_id: p.tenantId,
          unit_id: p.unitId,
          term_start: p.termStart,
          term_end: p.termEnd,
          created_by: p.by,
          created_at: p.at,
        })
        .execute();
      await db
        .insertInto('elders')
        .values(
          p.members.map((m, i) => ({
            id: newId(),
            tenant_id: p.tenantId,
            panel_id: id,
            name: m.name.trim(),
            kind: m.kind,
            note: m.note?.trim() || null,
            sort: i,
          })),
        )
        .execute();
      return id;
    },

    /** Village committees (government units of village jurisdictions), with their township. */
    villages(tenantId: string, unitIds?: string[]) {
      let q = db
        .selectFrom('units as u')
        .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
        .leftJoin('jurisdictions as pj', 'pj.id', 'j.parent_id')
        .leftJoin('units as tu', (join) =>
          join
            .onRef('tu.jurisdiction_id', '=', 'pj.id')
            .on('tu.kind', '=', 'government')
            .on('tu.active', '=', true),
        )
        .select(['u.id', 'u.name', 'tu.id as township_id', 'tu.name as township_name', 'j.path'])
        .where('u.tenant_id', '=', tenantId)
        .where('u.kind', '=', 'government')
        .where('u.active', '=', true)
        .where('j.level', '=', 'village')
        .orderBy('j.path')
        .orderBy('u.name');
      if (unitIds) q = q.where(oneOf('u.id', unitIds));
      return q.execute();
    },

    // ── deliberation cases ───────────────────────────────────────────────────
    async insertDeliberation(row: Omit<Insertable<DeliberationTable>, 'id'>) {
      const id = newId();
      await db
        .insertInto('deliberations')
        .values({ ...row, id })
        .execute();
      return id;
    },

    openDeliberation(ticketId: string) {
      return db
        .selectFrom('deliberations')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .where('state', 'in', ['proposed', 'on_ledger'])
        .executeTakeFirst();
    },

    async updateDeliberation(id: string, patch: Updateable<DeliberationTable>) {
      await db.updateTable('deliberations').set(patch).where('id', '=', id).execute();
    },

    deliberations(
      tenantId: string,
      f: DeliberationFilter,
      page?: { limit: number; offset: number; sort?: string },
    ) {
      let q = deliberationRows(tenantId, f).select([
        'd.id',
        'd.ticket_id',
        ...LINKED_TICKET,
        'd.basis',
        'd.reason',
        'd.state',
        'd.proposed_at',
        'd.proposed_by',
        'pb.display_name as proposed_by_name',
        'd.proposed_unit_id',
        'pu.name as proposed_unit_name',
        'd.village_unit_id',
        'vu.name as village_unit_name',
        'd.signer_unit_id',
        'su.name as signer_unit_name',
        'd.signed_at',
        'd.signed_by',
        'sb.display_name as signed_by_name',
        'd.sign_note',
        'd.ended_at',
        'd.end_note',
        sql<string>`(SELECT count(*) FROM deliberation_sessions s WHERE s.deliberation_id = d.id)`.as(
          'session_count',
        ),
        sql<Date | null>`(SELECT max(n.ends_at) FROM public_notices n WHERE n.deliberation_id = d.id)`.as(
          'notice_ends_at',
        ),
      ]);
      const sort = page?.sort ?? '-proposedAt';
      // Days on the ledger sort by sign-off time: the earliest signed has waited longest.
      if (sort === 'proposedAt') q = q.orderBy('d.proposed_at', 'asc');
      else if (sort === 'ledgerDays') q = q.orderBy('d.signed_at', 'desc');
      else if (sort === '-ledgerDays') q = q.orderBy(sql`d.signed_at ASC NULLS LAST`);
      else q = q.orderBy('d.proposed_at', 'desc');
      q = q.orderBy('d.id');
      if (page) q = q.limit(page.limit).offset(page.offset);
      return q.execute();
    },

    async countDeliberations(tenantId: string, f: DeliberationFilter) {
      const r = await deliberationRows(tenantId, f)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    /** Per village: cases signed off onto the ledger (in the period), and how they stand. */
    ledgerCounts(tenantId: string, from?: Date, to?: Date) {
      let q = db
        .selectFrom('deliberations as d')
        .select([
          'd.village_unit_id',
          'd.signer_unit_id',
          sql<string>`count(*)`.as('delegated'),
          sql<string>`count(*) FILTER (WHERE d.state = 'on_ledger')`.as('on_ledger'),
          sql<string>`count(*) FILTER (WHERE d.state = 'settled')`.as('settled'),
          sql<string>`count(*) FILTER (WHERE d.state = 'escalated')`.as('escalated'),
          sql<string>`(SELECT count(*) FROM deliberation_sessions s
                        JOIN deliberations x ON x.id = s.deliberation_id
                       WHERE x.village_unit_id = d.village_unit_id AND x.signer_unit_id = d.signer_unit_id
                         AND x.signed_at IS NOT NULL AND x.state <> 'refused'
                         ${from ? sql`AND x.signed_at >= ${from}` : sql``}
                         ${to ? sql`AND x.signed_at < ${to}` : sql``})`.as('sessions'),
        ])
        .where('d.tenant_id', '=', tenantId)
        // Delegated means signed off onto the ledger: a refused sign-off never was.
        .where('d.signed_at', 'is not', null)
        .where('d.state', '<>', 'refused')
        .groupBy(['d.village_unit_id', 'd.signer_unit_id']);
      if (from) q = q.where('d.signed_at', '>=', from);
      if (to) q = q.where('d.signed_at', '<', to);
      return q.execute();
    },

    unitNames(ids: string[]) {
      if (!ids.length) return Promise.resolve([]);
      return db.selectFrom('units').select(['id', 'name']).where('id', 'in', ids).execute();
    },

    // ── sessions ─────────────────────────────────────────────────────────────
    async insertSession(row: Insertable<DeliberationSessionTable>) {
      await db.insertInto('deliberation_sessions').values(row).execute();
    },

    session(ticketId: string, id: string) {
      return db
        .selectFrom('deliberation_sessions')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    sessions(deliberationIds: string[]) {
      if (!deliberationIds.length) return Promise.resolve([]);
      return db
        .selectFrom('deliberation_sessions as s')
        .leftJoin('users as rb', 'rb.id', 's.recorded_by')
        .leftJoin('users as ab', 'ab.id', 's.archived_by')
        .selectAll('s')
        .select(['rb.display_name as recorded_by_name', 'ab.display_name as archived_by_name'])
        .where('s.deliberation_id', 'in', deliberationIds)
        .orderBy('s.held_at')
        .execute();
    },

    async archiveSession(id: string, by: string | null, at: Date) {
      await db
        .updateTable('deliberation_sessions')
        .set({ archived_at: at, archived_by: by })
        .where('id', '=', id)
        .where('archived_at', 'is', null)
        .execute();
    },

    eldersByIds(ids: string[]) {
      if (!ids.length) return Promise.resolve([]);
      return db
        .selectFrom('elders')
        .select(['id', 'panel_id', 'name', 'kind', 'note'])
        .where('id', 'in', ids)
        .execute();
    },

    attachments(ids: string[]) {
      if (!ids.length) return Promise.resolve([]);
      return db
        .selectFrom('attachments')
        .select(['id', 'filename', 'mime', 'size'])
        .where('id', 'in', ids)
        .execute();
    },

    // ── notices (公示) ───────────────────────────────────────────────────────
    async insertNotice(row: Insertable<PublicNoticeTable>) {
      await db.insertInto('public_notices').values(row).execute();
    },

    notices(deliberationIds: string[]) {
      if (!deliberationIds.length) return Promise.resolve([]);
      return db
        .selectFrom('public_notices')
        .selectAll()
        .where('deliberation_id', 'in', deliberationIds)
        .orderBy('starts_at')
        .execute();
    },

    /** Notices up now, with their village and its township (the resident notice board). */
    activeNotices(tenantId: string, now: Date) {
      return db
        .selectFrom('public_notices as n')
        .innerJoin('jurisdictions as j', 'j.id', 'n.jurisdiction_id')
        .leftJoin('jurisdictions as pj', 'pj.id', 'j.parent_id')
        .select([
          'n.id',
          'n.title',
          'n.text',
          'n.finding',
          'n.starts_at',
          'n.ends_at',
          'n.jurisdiction_id',
          'j.name as village_name',
          'pj.name as township_name',
        ])
        .where('n.tenant_id', '=', tenantId)
        .where('n.starts_at', '<=', now)
        .where('n.ends_at', '>', now)
        .orderBy('n.starts_at', 'desc')
        .execute();
    },

    // ── candidates ───────────────────────────────────────────────────────────
    /**
     * Open tickets that qualify for deliberation: the requester asked about the
     * same matter (leaf category) at least `threshold` times in the window, or
     * a callback found it unsolved and it was reopened, or it is in a chain of at
     * least `threshold` similar requests (ticket_repeats). Not already proposed.
     */
    candidates(p: {
      tenantId: string;
      since: Date;
      threshold: number;
      visibleTo?: string[];
      limit: number;
    }) {
      const scope = p.visibleTo
        ? sql`AND (${oneOf('t.lead_unit_id', p.visibleTo)} OR ${oneOf('t.holder_unit_id', p.visibleTo)})`
        : sql``;
      return sql<{
        ticket_id: string;
        ticket_code: string;
        ticket_title: string;
        ticket_state: TicketState;
        category_id: string;
        category_name: string;
        lead_unit_id: string | null;
        lead_unit_name: string | null;
        received_at: Date;
        repeat_count: number;
        reopen_count: number;
      }>`
        WITH repeats AS (
          SELECT requester_phone, category_id, count(*)::int AS n
            FROM tickets
           WHERE tenant_id = ${p.tenantId} AND requester_phone IS NOT NULL
             AND received_at >= ${p.since}
           GROUP BY requester_phone, category_id
          HAVING count(*) >= ${p.threshold}
        ),
        -- [Insight] chains of similar requests found at intake (same requester, similar text and
        -- place, whatever the category): the first request and its repeats, N requests in all.
        chains AS (
          SELECT root_id, count(*)::int + 1 AS n FROM ticket_repeats
           WHERE tenant_id = ${p.tenantId} AND created_at >= ${p.since}
           GROUP BY root_id HAVING count(*) + 1 >= ${p.threshold}
        ),
        similar_requests AS (
          SELECT ticket_id, max(n) AS n FROM (
            SELECT c.root_id AS ticket_id, c.n FROM chains c
            UNION ALL
            SELECT r.ticket_id, c.n FROM ticket_repeats r JOIN chains c ON c.root_id = r.root_id
             WHERE r.tenant_id = ${p.tenantId}
          ) x GROUP BY ticket_id
        )
        SELECT t.id AS ticket_id, t.code AS ticket_code, t.title AS ticket_title,
               t.state AS ticket_state, t.category_id, c.name AS category_name,
               t.lead_unit_id, u.name AS lead_unit_name, t.received_at,
               greatest(coalesce(r.n, 1), coalesce(s.n, 1)) AS repeat_count, t.reopen_count
          FROM tickets t
          JOIN categories c ON c.id = t.category_id
          LEFT JOIN units u ON u.id = t.lead_unit_id
          LEFT JOIN repeats r ON r.requester_phone = t.requester_phone AND r.category_id = t.category_id
          LEFT JOIN similar_requests s ON s.ticket_id = t.id
         WHERE t.tenant_id = ${p.tenantId}
           AND t.state IN ('accepted','in_progress','feedback_given','awaiting_callback')
           AND (r.n IS NOT NULL OR s.n IS NOT NULL OR t.reopen_count > 0)
           AND NOT EXISTS (SELECT 1 FROM deliberations d WHERE d.ticket_id = t.id
                            AND d.state IN ('proposed','on_ledger'))
           ${scope}
         ORDER BY greatest(coalesce(r.n, 1), coalesce(s.n, 1)) DESC, t.reopen_count DESC, t.received_at
         LIMIT ${p.limit}
      `
        .execute(db)
        .then((r) => r.rows);
    },
  };
}

export type DeliberationRepository = ReturnType<typeof deliberationRepository>;
