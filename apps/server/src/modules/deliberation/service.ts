// Reads of escalations and deliberation cases (lists, the ticket page, the
// ledger's figures, candidates), the elders panels' administration and the
// resident notice board. Escalating, proposing, signing off, sessions, notices
// and settling change tickets, so they are ticket actions (see the hooks in
// escalations.ts and ledger.ts); this service only reads them, or keeps the
// panels that sessions draw on.
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import {
  zhCN,
  type DeliberationCandidates,
  type DeliberationList,
  type DeliberationListQuery,
  type DeliberationView,
  type ElderPanelList,
  type ElderPanelView,
  type EscalationList,
  type EscalationListQuery,
  type EscalationStats,
  type EscalationView,
  type LedgerStats,
  type PeriodQuery,
  type PublicNoticeBoard,
  type PublicNoticeQuery,
  type PutElderPanelBody,
  type SessionView,
  type TicketDeliberation,
} from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import type { StaffActor } from '../../shared/actor.js';
import { AppError } from '../../shared/errors.js';
import { attachmentUrl, iso, linkedTicket, ref } from '../tickets/presenter.js';
import { ticketRepository } from '../tickets/repository.js';
import { visibleTicket } from '../tickets/visible.js';
import { effectiveSettings } from '../org/settings.js';
import { deliberationRepository, type DeliberationRepository } from './repository.js';

const DAY = 86_400_000;
const EXPORT_LIMIT = 10_000;

type Repo = DeliberationRepository;
type EscalationRow = Awaited<ReturnType<Repo['escalations']>>[number];
type DeliberationRow = Awaited<ReturnType<Repo['deliberations']>>[number];
type SessionRow = Awaited<ReturnType<Repo['sessions']>>[number];
type NoticeRow = Awaited<ReturnType<Repo['notices']>>[number];

function toEscalationView(e: EscalationRow): EscalationView {
  return {
    id: e.id,
    ticket: linkedTicket(e),
    fromUnit: { id: e.from_unit_id, name: e.from_unit_name },
    toUnit: { id: e.to_unit_id, name: e.to_unit_name },
    reason: e.reason,
    tried: e.tried,
    needs: e.needs,
    needsNote: e.needs_note,
    state: e.state,
    raisedAt: iso(e.raised_at)!,
    raisedBy: ref(e.raised_by, e.raised_by_name),
    reviewedAt: iso(e.reviewed_at),
    reviewedBy: ref(e.reviewed_by, e.reviewed_by_name),
    reviewNote: e.review_note,
  };
}

function toDeliberationView(d: DeliberationRow, now: Date): DeliberationView {
  const end = d.ended_at ? new Date(d.ended_at) : now;
  return {
    id: d.id,
    ticket: linkedTicket(d),
    basis: d.basis,
    reason: d.reason,
    state: d.state,
    proposedAt: iso(d.proposed_at)!,
    proposedBy: ref(d.proposed_by, d.proposed_by_name),
    proposedUnit: { id: d.proposed_unit_id, name: d.proposed_unit_name },
    village: { id: d.village_unit_id, name: d.village_unit_name },
    signer: { id: d.signer_unit_id, name: d.signer_unit_name },
    signedAt: iso(d.signed_at),
    signedBy: ref(d.signed_by, d.signed_by_name),
    signNote: d.sign_note,
    endedAt: iso(d.ended_at),
    endNote: d.end_note,
    ledgerDays:
      d.signed_at && d.state !== 'refused'
        ? Math.floor((end.getTime() - new Date(d.signed_at).getTime()) / DAY)
        : null,
    sessionCount: Number(d.session_count),
    noticeEndsAt: iso(d.notice_ends_at),
  };
}

function toNoticeView(n: NoticeRow, now: Date) {
  return {
    id: n.id,
    sessionId: n.session_id,
    title: n.title,
    text: n.text,
    finding: n.finding,
    startsAt: iso(n.starts_at)!,
    endsAt: iso(n.ends_at)!,
    active: new Date(n.starts_at) <= now && now < new Date(n.ends_at),
  };
}

/** Units whose records the actor sees; undefined for the whole district. */
const reach = (actor: StaffActor) => (actor.scope === 'tenant' ? undefined : actor.scope);

const page = (q: { page?: number; pageSize?: number }) => {
  const size = q.pageSize ?? 20;
  const n = q.page ?? 1;
  return { page: n, pageSize: size, limit: size, offset: (n - 1) * size };
};

const rate = (settled: number, of: number) =>
  of ? Math.round((settled / of) * 1000) / 1000 : null;

export function deliberationService(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;
  const repo = deliberationRepository(db);

  async function panelViews(
    tenantId: string,
    unitIds: string[],
  ): Promise<Map<string, ElderPanelView>> {
    const panels = await repo.currentPanels(tenantId, unitIds);
    const members = await repo.members(panels.map((p) => p.id));
    const names = new Map((await repo.unitNames(unitIds)).map((u) => [u.id, u.name]));
    return new Map(
      panels.map((p) => [
        p.unit_id,
        {
          id: p.id,
          unit: { id: p.unit_id, name: names.get(p.unit_id) ?? '' },
          termStart: p.term_start,
          termEnd: p.term_end,
          members: members
            .filter((m) => m.panel_id === p.id)
            .map((m) => ({ id: m.id, name: m.name, kind: m.kind, note: m.note })),
          createdAt: iso(p.created_at)!,
        },
      ]),
    );
  }

  async function sessionViews(rows: SessionRow[]): Promise<Map<string, SessionView[]>> {
    const elders = new Map(
      (await repo.eldersByIds([...new Set(rows.flatMap((s) => s.panel_member_ids))])).map((m) => [
        m.id,
        m,
      ]),
    );
    const files = new Map(
      (await repo.attachments([...new Set(rows.flatMap((s) => s.attachment_ids))])).map((a) => [
        a.id,
        a,
      ]),
    );
    const out = new Map<string, SessionView[]>();
    for (const s of rows) {
      const list = out.get(s.deliberation_id) ?? [];
      list.push({
        id: s.id,
        heldAt: iso(s.held_at)!,
        place: s.place,
        convenor: s.convenor,
        panelMembers: s.panel_member_ids.flatMap((id) => {
          const m = elders.get(id);
          return m ? [{ id: m.id, name: m.name, kind: m.kind, note: m.note }] : [];
        }),
        participants: s.participants,
        matter: s.matter,
        minutes: s.minutes,
        finding: s.finding,
        settlement: s.settlement,
        signatures: s.signatures,
        attachments: s.attachment_ids.flatMap((id) => {
          const a = files.get(id);
          return a ? [{ ...a, url: attachmentUrl(a.id) }] : [];
        }),
        recordedAt: iso(s.recorded_at)!,
        recordedBy: ref(s.recorded_by, s.recorded_by_name),
        archivedAt: iso(s.archived_at),
        archivedBy: ref(s.archived_by, s.archived_by_name),
      });
      out.set(s.deliberation_id, list);
    }
    return out;
  }

  /** May the actor keep this village's elders panel: its own committee, its township, the centre. */
  function mayKeepPanel(actor: StaffActor, village: { id: string; township_id: string | null }) {
    return actor.grants.some(
      (g) =>
        g.role === 'admin' ||
        (g.unitKind === 'dispatch_centre' && g.role === 'dispatcher') ||
        (g.unitId === village.id && ['unit_leader', 'handler'].includes(g.role)) ||
        (g.unitId === village.township_id && g.role === 'unit_leader'),
    );
  }

  async function ledgerPage(
    actor: StaffActor,
    q: DeliberationListQuery,
    limit: number,
    offset: number,
  ) {
    const f = {
      states: q.state,
      basis: q.basis,
      villageUnitId: q.villageUnitId,
      signerUnitId: q.signerUnitId,
      visibleTo: reach(actor),
    };
    const [rows, total] = await Promise.all([
      repo.deliberations(actor.tenantId, f, { limit, offset, sort: q.sort }),
      repo.countDeliberations(actor.tenantId, f),
    ]);
    const now = clock.now();
    return { items: rows.map((d) => toDeliberationView(d, now)), total };
  }

  return {
    /** The ticket page's panel: its escalations and deliberation cases, sessions and notices. */
    async forTicket(actor: StaffActor, ticketId: string): Promise<TicketDeliberation> {
      await visibleTicket(ticketRepository(db), actor, ticketId);
      const now = clock.now();
      const escalations = await repo.escalations(actor.tenantId, { ticketId });
      const cases = await repo.deliberations(
        actor.tenantId,
        { ticketId },
        {
          limit: 50,
          offset: 0,
          sort: 'proposedAt',
        },
      );
      const ids = cases.map((d) => d.id);
      const [sessions, notices] = await Promise.all([repo.sessions(ids), repo.notices(ids)]);
      const byCase = await sessionViews(sessions);
      const open = cases.find((d) => d.state === 'proposed' || d.state === 'on_ledger');
      const panel = open
        ? ((await panelViews(actor.tenantId, [open.village_unit_id])).get(open.village_unit_id) ??
          null)
        : null;
      return {
        escalations: escalations.map(toEscalationView),
        deliberations: cases.map((d) => ({
          ...toDeliberationView(d, now),
          sessions: byCase.get(d.id) ?? [],
          notices: notices
            .filter((n) => n.deliberation_id === d.id)
            .map((n) => toNoticeView(n, now)),
        })),
        panel,
      };
    },

    async escalations(actor: StaffActor, q: EscalationListQuery): Promise<EscalationList> {
      const mine = actor.grants.map((g) => g.unitId);
      // The dispatch centre reviews what is addressed to the district's government.
      const reviewing = actor.grants.some((g) => g.unitKind === 'dispatch_centre')
        ? [...mine, ...(await repo.districtGovernments(actor.tenantId)).map((u) => u.id)]
        : mine;
      const f = {
        state: q.state,
        toUnits: q.box === 'to' ? reviewing : undefined,
        fromUnits: q.box === 'from' ? mine : undefined,
        visibleTo: q.unitId ? [q.unitId] : reach(actor),
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
      };
      if (q.unitId && reach(actor) && !reach(actor)!.includes(q.unitId)) f.visibleTo = [];
      const p = page(q);
      const [rows, total] = await Promise.all([
        repo.escalations(actor.tenantId, f, p),
        repo.countEscalations(actor.tenantId, f),
      ]);
      return { items: rows.map(toEscalationView), total, page: p.page, pageSize: p.pageSize };
    },

    async escalationStats(actor: StaffActor, q: PeriodQuery): Promise<EscalationStats> {
      const rows = await repo.escalationCounts(
        actor.tenantId,
        q.from ? new Date(q.from) : undefined,
        q.to ? new Date(q.to) : undefined,
      );
      const scope = reach(actor);
      return {
        units: rows
          .filter((r) => !scope || scope.includes(r.unit_id))
          .map((r) => ({
            unit: { id: r.unit_id, name: r.unit_name },
            raised: Number(r.raised),
            accepted: Number(r.accepted),
            refused: Number(r.refused),
            pending: Number(r.pending),
          })),
      };
    },

    async ledger(actor: StaffActor, q: DeliberationListQuery): Promise<DeliberationList> {
      const p = page(q);
      const { items, total } = await ledgerPage(actor, q, p.limit, p.offset);
      return { items, total, page: p.page, pageSize: p.pageSize };
    },

    /** The ledger as an .xlsx workbook (no personal data of requesters). */
    async ledgerXlsx(actor: StaffActor, q: DeliberationListQuery): Promise<Buffer> {
      const { items } = await ledgerPage(actor, q, EXPORT_LIMIT, 0);
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('下交群评台账');
      ws.columns = [
        { header: '受理编号', key: 'code', width: 18 },
        { header: '诉求标题', key: 'title', width: 36 },
        { header: '下交依据', key: 'basis', width: 24 },
        { header: '提议单位', key: 'proposer', width: 22 },
        { header: '评议村(社区)', key: 'village', width: 18 },
        { header: '签批党委', key: 'signer', width: 20 },
        { header: '提议时间', key: 'proposedAt', width: 20 },
        { header: '签批时间', key: 'signedAt', width: 20 },
        { header: '议事次数', key: 'sessions', width: 10 },
        { header: '公示截止', key: 'noticeEndsAt', width: 20 },
        { header: '台账状态', key: 'state', width: 14 },
        { header: '挂账天数', key: 'days', width: 10 },
      ];
      const offsetMs = await localOffsetMs(actor.tenantId);
      const local = (s: string | null) =>
        s
          ? new Date(new Date(s).getTime() + offsetMs).toISOString().slice(0, 16).replace('T', ' ')
          : '';
      for (const d of items) {
        ws.addRow({
          code: d.ticket.code,
          title: d.ticket.title,
          basis: zhCN.deliberationBasis[d.basis],
          proposer: d.proposedUnit.name,
          village: d.village.name,
          signer: d.signer.name,
          proposedAt: local(d.proposedAt),
          signedAt: local(d.signedAt),
          sessions: d.sessionCount,
          noticeEndsAt: local(d.noticeEndsAt),
          state: zhCN.deliberationState[d.state],
          days: d.ledgerDays ?? '',
        });
      }
      ws.getRow(1).font = { bold: true };
      ws.views = [{ state: 'frozen', ySplit: 1 }];
      return Buffer.from(await wb.xlsx.writeBuffer());
    },

    /** Settled rate per village and per township (settled ÷ delegated in the period). */
    async ledgerStats(actor: StaffActor, q: PeriodQuery): Promise<LedgerStats> {
      const rows = await repo.ledgerCounts(
        actor.tenantId,
        q.from ? new Date(q.from) : undefined,
        q.to ? new Date(q.to) : undefined,
      );
      const scope = reach(actor);
      const seen = rows.filter(
        (r) => !scope || scope.includes(r.village_unit_id) || scope.includes(r.signer_unit_id),
      );
      const names = new Map(
        (
          await repo.unitNames([
            ...new Set(seen.flatMap((r) => [r.village_unit_id, r.signer_unit_id])),
          ])
        ).map((u) => [u.id, u.name]),
      );
      const row = (id: string, rs: typeof seen) => {
        const n = (k: 'delegated' | 'on_ledger' | 'settled' | 'escalated' | 'sessions') =>
          rs.reduce((s, r) => s + Number(r[k]), 0);
        return {
          unit: { id, name: names.get(id) ?? '' },
          delegated: n('delegated'),
          onLedger: n('on_ledger'),
          settled: n('settled'),
          escalated: n('escalated'),
          settledRate: rate(n('settled'), n('delegated')),
          sessions: n('sessions'),
        };
      };
      const townships = [...new Set(seen.map((r) => r.signer_unit_id))].map((id) =>
        row(
          id,
          seen.filter((r) => r.signer_unit_id === id),
        ),
      );
      const villages = seen.map((r) => ({
        ...row(r.village_unit_id, [r]),
        township: { id: r.signer_unit_id, name: names.get(r.signer_unit_id) ?? '' },
      }));
      const byName = (a: { unit: { name: string } }, b: { unit: { name: string } }) =>
        a.unit.name.localeCompare(b.unit.name, 'zh-CN');
      return { townships: townships.sort(byName), villages: villages.sort(byName) };
    },

    /** Tickets the platform proposes for deliberation (repeated or reopened requests). */
    async candidates(actor: StaffActor): Promise<DeliberationCandidates> {
      const tenant = await db
        .selectFrom('tenants')
        .select('settings')
        .where('id', '=', actor.tenantId)
        .executeTakeFirstOrThrow();
      const s = effectiveSettings(tenant.settings);
      const rows = await repo.candidates({
        tenantId: actor.tenantId,
        since: new Date(clock.now().getTime() - s.repeatWindowDays * DAY),
        threshold: s.repeatThreshold,
        visibleTo: reach(actor),
        limit: 200,
      });
      return {
        threshold: s.repeatThreshold,
        windowDays: s.repeatWindowDays,
        items: rows.map((r) => ({
          ticket: linkedTicket(r),
          category: { id: r.category_id, name: r.category_name },
          leadUnit: ref(r.lead_unit_id, r.lead_unit_name),
          receivedAt: iso(r.received_at)!,
          basis:
            r.repeat_count >= s.repeatThreshold ? 'repeated_request' : 'unsolved_not_escalable',
          repeatCount: Number(r.repeat_count),
          reopenCount: Number(r.reopen_count),
        })),
      };
    },

    /** Village committees in the actor's reach with their current elders panels. */
    async panels(actor: StaffActor): Promise<ElderPanelList> {
      const villages = await repo.villages(actor.tenantId, reach(actor));
      const panels = await panelViews(
        actor.tenantId,
        villages.map((v) => v.id),
      );
      return {
        items: villages.map((v) => ({
          unit: { id: v.id, name: v.name },
          township: ref(v.township_id, v.township_name),
          panel: panels.get(v.id) ?? null,
        })),
      };
    },

    /** Sets a village's elders panel for a term (5–10 members; the schema refuses others). */
    async putPanel(
      actor: StaffActor,
      unitId: string,
      b: PutElderPanelBody,
    ): Promise<ElderPanelView> {
      const [village] = await repo.villages(actor.tenantId, [unitId]);
      if (!village) throw new AppError('NOT_FOUND');
      if (!mayKeepPanel(actor, village)) throw new AppError('FORBIDDEN');
      if (b.termEnd < b.termStart)
        throw new AppError('VALIDATION_FAILED', [
          { path: '/termEnd', message: '任期结束日期须不早于开始日期' },
        ]);
      const names = b.members.map((m) => m.name.trim());
      const dup = names.findIndex((n, i) => names.indexOf(n) !== i);
      if (dup >= 0)
        throw new AppError('VALIDATION_FAILED', [
          { path: `/members/${dup}/name`, message: `评议团成员“${names[dup]}”重复` },
        ]);
      await db.transaction().execute((trx) =>
        deliberationRepository(trx).replacePanel({
          tenantId: actor.tenantId,
          unitId,
          termStart: b.termStart,
          termEnd: b.termEnd,
          members: b.members,
          by: actor.userId,
          at: clock.now(),
        }),
      );
      return (await panelViews(actor.tenantId, [unitId])).get(unitId)!;
    },

    /** The resident notice board: notices up now, by village; no requester identity. */
    async publicNotices(tenantId: string, q: PublicNoticeQuery): Promise<PublicNoticeBoard> {
      const rows = await repo.activeNotices(tenantId, clock.now());
      const places = new Map<
        string,
        { id: string; name: string; township: string; count: number }
      >();
      for (const r of rows) {
        const p = places.get(r.jurisdiction_id) ?? {
          id: r.jurisdiction_id,
          name: r.village_name,
          township: r.township_name ?? '',
          count: 0,
        };
        p.count++;
        places.set(r.jurisdiction_id, p);
      }
      return {
        places: [...places.values()].sort((a, b) =>
          (a.township + a.name).localeCompare(b.township + b.name, 'zh-CN'),
        ),
        items: rows
          .filter((r) => !q.place || r.jurisdiction_id === q.place)
          .map((r) => ({
            id: r.id,
            title: r.title,
            text: r.text,
            finding: r.finding,
            village: r.village_name,
            startsAt: iso(r.starts_at)!,
            endsAt: iso(r.ends_at)!,
          })),
      };
    },
  };

  async function localOffsetMs(tenantId: string): Promise<number> {
    const t = await db
      .selectFrom('tenants')
      .select('settings')
      .where('id', '=', tenantId)
      .executeTakeFirstOrThrow();
    return effectiveSettings(t.settings).utcOffsetMinutes * 60_000;
  }
}

export type DeliberationService = ReturnType<typeof deliberationService>;
