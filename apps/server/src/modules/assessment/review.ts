// The 三率 month's review, beside the month view of service.ts:
//
// - Snapshots: a month is frozen once it has ended (in the tenant's local
//   time). The first read of a closed month stores version 1 ("月末自动封存")
//   and every later read answers from the stored data; administrators and
//   supervisors recompute with a reason, which stores version n + 1 (the older
//   ones stay readable with `?version=`). The table refuses UPDATE and DELETE.
// - Appeals (申诉剔除): the ticket's lead unit (its leader or a handler) asks to
//   exclude a ticket from a month; a reviewer (supervisor, administrator, the
//   dispatch centre's leader) accepts or rejects with a note. An accepted one
//   takes the ticket's counted events of the month out of the unit's counts
//   and is listed openly in the month's view, with each unit's appeals asked
//   and accepted, so "excluding instead of handling" (以剔代办) shows.
//   A frozen month keeps what was accepted when it was frozen; a recompute
//   takes the new ones.
// - Summons (末位约谈): a reviewer records the talk held with a unit for a
//   month (date, who, notes); each row of the view carries it (live, also on a
//   frozen month), so a bottom row without one reads 待约谈.
import type { Kysely } from 'kysely';
import type ExcelJS from 'exceljs';
import type {
  AssessmentAppealBody,
  AssessmentAppealDecisionBody,
  AssessmentAppealPage,
  AssessmentAppealQuery,
  AssessmentAppealView,
  AssessmentExclusion,
  AssessmentRecomputeBody,
  AssessmentSnapshotVersion,
  AssessmentSummonsBody,
  AssessmentSummonsList,
  AssessmentSummonsView,
  UnitAssessmentQuery,
  UnitAssessmentView,
} from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import type { StaffActor } from '../../shared/actor.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { assessmentRepository } from './repository.js';
import { reviewRepository, type SnapshotKey } from './review-repository.js';
import { addCounts, monthRange, subtractCounts } from './exclusions.js';
import { zeroCounts, type Counts } from './rollups.js';

type AppealRow = NonNullable<Awaited<ReturnType<ReturnType<typeof reviewRepository>['appeal']>>>;
type SummonsRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof reviewRepository>['summonsOf']>>
>;

export const AUTO_FREEZE_REASON = '月末自动封存';

/** Accepts and rejects appeals, records summons. */
export const isReviewer = (a: StaffActor) =>
  a.grants.some(
    (g) =>
      g.role === 'admin' ||
      g.role === 'supervisor' ||
      (g.unitKind === 'dispatch_centre' && g.role === 'unit_leader'),
  );
/** Recomputes a frozen month. */
const canRecompute = (a: StaffActor) =>
  a.grants.some((g) => g.role === 'admin' || g.role === 'supervisor');
const districtWide = (a: StaffActor) =>
  isReviewer(a) ||
  a.grants.some((g) => g.unitKind === 'dispatch_centre' && g.role === 'dispatcher');

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const ref = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

/** What the month's exclusions take out: per unit, and the open list. */
export interface Exclusions {
  list: AssessmentExclusion[];
  byUnit: Map<string, Counts>;
  appeals: Map<string, { asked: number; accepted: number }>;
}

function appealView(r: AppealRow, actor: StaffActor): AssessmentAppealView {
  return {
    id: r.id,
    ticket: { id: r.ticket_id, code: r.ticket_code, title: r.ticket_title },
    unit: { id: r.unit_id, name: r.unit_name },
    month: r.month,
    reason: r.reason,
    status: r.status,
    createdBy: ref(r.created_by, r.created_by_name),
    createdAt: new Date(r.created_at).toISOString(),
    decidedBy: ref(r.decided_by, r.decided_by_name),
    decisionNote: r.decision_note,
    decidedAt: iso(r.decided_at),
    canDecide: r.status === 'pending' && isReviewer(actor),
  };
}

function summonsView(r: SummonsRow): AssessmentSummonsView {
  return {
    id: r.id,
    unit: { id: r.unit_id, name: r.unit_name },
    month: r.month,
    heldOn: r.held_on,
    attendees: r.attendees,
    notes: r.notes,
    recordedBy: ref(r.recorded_by, r.recorded_by_name),
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** What a snapshot stores: the view without what is read live (summons, the reader's rights). */
function frozen(v: UnitAssessmentView): UnitAssessmentView {
  const { snapshot: _s, canSummon: _c, ...rest } = v;
  return { ...rest, items: v.items.map(({ summons: _m, ...row }) => row) };
}

/** A stored view over the live one: fields added since it was frozen keep a value. */
function merge(live: UnitAssessmentView, stored: UnitAssessmentView): UnitAssessmentView {
  const rows = new Map(live.items.map((r) => [r.unit.id, r]));
  return {
    ...live,
    ...stored,
    townships: live.townships,
    items: stored.items.map((r) => ({ ...rows.get(r.unit.id), ...r })),
  };
}

const monthAfter = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** A view's snapshot key; null for a village group asked of an unknown township. */
function keyOf(tenantId: string, v: UnitAssessmentView): SnapshotKey | null {
  if (v.group === 'village' && !v.township && v.items.length === 0) return null;
  return {
    tenantId,
    month: v.month,
    group: v.group,
    townshipId: v.group === 'village' ? (v.township?.id ?? null) : null,
  };
}

export function assessmentReview(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;
  const repo = assessmentRepository(db);
  const rrepo = reviewRepository(db);

  async function range(tenantId: string, month: string) {
    const r = monthRange(month, await repo.tenantOffset(tenantId));
    const now = clock.now().getTime();
    return { ...r, closed: r.to.getTime() <= now, future: r.from.getTime() > now };
  }

  /** The ticket's counted events of the month for the unit. */
  async function ticketCounts(tenantId: string, from: Date, to: Date, ticketId: string) {
    const rows = await repo.naiveCounts(tenantId, from, to, [ticketId]);
    return new Map(rows.map((r) => [r.unit_id, r as Counts]));
  }

  async function versionsOf(k: SnapshotKey): Promise<AssessmentSnapshotVersion[]> {
    return (await rrepo.snapshotVersions(k)).map((s) => ({
      version: s.version,
      frozenAt: new Date(s.frozen_at).toISOString(),
      reason: s.reason,
      createdBy: ref(s.created_by, s.created_by_name),
      configVersion: s.config_version,
    }));
  }

  async function store(
    actor: StaffActor,
    k: SnapshotKey,
    v: UnitAssessmentView,
    version: number,
    reason: string,
    by: string | null,
  ) {
    return rrepo.insertSnapshot({
      id: newId(),
      tenant_id: actor.tenantId,
      month: k.month,
      grp: k.group,
      township_id: k.townshipId,
      version,
      reason,
      data: frozen(v),
      config_version: v.config.version,
      frozen_at: clock.now(),
      created_by: by,
    });
  }

  /** The summons of the month on every row (live, also over a frozen month). */
  async function withSummons(
    actor: StaffActor,
    v: UnitAssessmentView,
  ): Promise<UnitAssessmentView> {
    const byUnit = new Map(
      (await rrepo.summons(actor.tenantId, v.month)).map((s) => [s.unit_id, summonsView(s)]),
    );
    return {
      ...v,
      items: v.items.map((r) => ({ ...r, summons: byUnit.get(r.unit.id) ?? null })),
      canSummon: isReviewer(actor),
    };
  }

  return {
    /**
     * The accepted exclusions of `months` months from `month`: takes them out of
     * `counts` (per unit, in place) and answers the open list and each unit's appeals.
     */
    async exclusions(
      tenantId: string,
      month: string,
      months: number,
      counts: Map<string, Counts>,
    ): Promise<Exclusions> {
      const byUnit = new Map<string, Counts>();
      const list: AssessmentExclusion[] = [];
      const appeals = new Map<string, { asked: number; accepted: number }>();
      for (let i = 0, m = month; i < months; i++, m = monthAfter(m)) {
        const { from, to } = await range(tenantId, m);
        for (const a of await rrepo.acceptedAppeals(tenantId, m)) {
          const c = (await ticketCounts(tenantId, from, to, a.ticket_id)).get(a.unit_id);
          if (!byUnit.has(a.unit_id)) byUnit.set(a.unit_id, zeroCounts());
          addCounts(byUnit.get(a.unit_id)!, c);
          list.push({
            appealId: a.id,
            ticket: { id: a.ticket_id, code: a.ticket_code, title: a.ticket_title },
            unit: { id: a.unit_id, name: a.unit_name },
            reason: a.reason,
            decisionNote: a.decision_note,
            decidedBy: ref(a.decided_by, a.decided_by_name),
            decidedAt: iso(a.decided_at),
            dispatched: Number(c?.dispatched ?? 0),
            rated: Number(c?.rated ?? 0),
          });
        }
        for (const r of await rrepo.appealCounts(tenantId, m)) {
          const x = appeals.get(r.unit_id) ?? { asked: 0, accepted: 0 };
          appeals.set(r.unit_id, {
            asked: x.asked + Number(r.asked),
            accepted: x.accepted + Number(r.accepted),
          });
        }
      }
      for (const [unit, minus] of byUnit) counts.set(unit, subtractCounts(counts.get(unit), minus));
      return { list, byUnit, appeals };
    },

    /** The exclusions and appeals on each row, and the open list of the view's units. */
    withExclusions(ex: Exclusions, view: UnitAssessmentView): UnitAssessmentView {
      const shown = new Set(view.items.map((r) => r.unit.id));
      return {
        ...view,
        items: view.items.map((r) => ({
          ...r,
          excluded: ex.byUnit.get(r.unit.id)?.dispatched ?? 0,
          appealsAsked: ex.appeals.get(r.unit.id)?.asked ?? 0,
          appealsAccepted: ex.appeals.get(r.unit.id)?.accepted ?? 0,
        })),
        exclusions: ex.list.filter((e) => shown.has(e.unit.id)),
      };
    },

    /**
     * A month's view as answered: over a closed month, the frozen version
     * (storing version 1 on its first read); the summons on every row.
     */
    async freeze(
      actor: StaffActor,
      q: UnitAssessmentQuery,
      live: UnitAssessmentView,
    ): Promise<UnitAssessmentView> {
      let v: UnitAssessmentView = { ...live, snapshot: null };
      const k = keyOf(actor.tenantId, live);
      if (!k || live.months !== 1 || !(await range(actor.tenantId, q.month)).closed)
        return withSummons(actor, v);
      let versions = await versionsOf(k);
      if (!versions.length) {
        await store(actor, k, v, 1, AUTO_FREEZE_REASON, null);
        versions = await versionsOf(k);
      }
      const version = q.version ?? versions[0]!.version;
      const info = versions.find((x) => x.version === version);
      const data = info && (await rrepo.snapshotData(k, version));
      if (!info || !data)
        throw new AppError('NOT_FOUND', undefined, `没有第 ${version} 版封存数据`);
      v = merge(v, data.data as UnitAssessmentView);
      return withSummons(actor, {
        ...v,
        snapshot: {
          ...info,
          latest: version === versions[0]!.version,
          versions,
          canRecompute: canRecompute(actor),
        },
      });
    },

    /** Stores version n + 1 of a closed month, computed now (`live`), with the reason. */
    async recompute(
      actor: StaffActor,
      b: AssessmentRecomputeBody,
      live: (q: UnitAssessmentQuery) => Promise<UnitAssessmentView>,
    ): Promise<UnitAssessmentQuery> {
      if (!canRecompute(actor)) throw new AppError('FORBIDDEN');
      const r = await range(actor.tenantId, b.month);
      if (!r.closed)
        throw new AppError(
          'VALIDATION_FAILED',
          [{ path: '/month', message: '该月尚未结束,仍按实时数据计算' }],
          '该月尚未结束,不能重新计算封存',
        );
      const q: UnitAssessmentQuery = {
        month: b.month,
        group: b.group,
        ...(b.townshipId ? { townshipId: b.townshipId } : {}),
      };
      const v = await live(q);
      const k = keyOf(actor.tenantId, v);
      if (!k) throw new AppError('UNKNOWN_JURISDICTION');
      const next = ((await versionsOf(k))[0]?.version ?? 0) + 1;
      if (!(await store(actor, k, v, next, b.reason.trim(), actor.userId)))
        throw new AppError('VERSION_CONFLICT', undefined, '同时有人重新计算了该月,请刷新后再试');
      return { ...q, version: next };
    },

    // ── Appeals ──────────────────────────────────────────────────────────────

    async appeals(actor: StaffActor, q: AssessmentAppealQuery): Promise<AssessmentAppealPage> {
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 20;
      const unitIds = districtWide(actor)
        ? undefined
        : actor.grants
            .filter((g) => g.role === 'unit_leader' || g.role === 'handler')
            .map((g) => g.unitId);
      const { items, total } = await rrepo.appeals(
        actor.tenantId,
        { status: q.status, unitId: q.unitId, month: q.month, unitIds },
        page,
        pageSize,
      );
      return {
        items: items.map((r) => appealView(r, actor)),
        total,
        page,
        pageSize,
        canReview: isReviewer(actor),
      };
    },

    async appeal(actor: StaffActor, b: AssessmentAppealBody): Promise<AssessmentAppealView> {
      const t = await rrepo.ticketByIdOrCode(actor.tenantId, b.ticket.trim());
      if (!t) throw new AppError('TICKET_NOT_FOUND');
      const lead = t.lead_unit_id;
      if (
        !lead ||
        !actor.grants.some(
          (g) => g.unitId === lead && (g.role === 'unit_leader' || g.role === 'handler'),
        )
      )
        throw new AppError('FORBIDDEN', undefined, '只有该工单的主办单位可以申请剔除');
      const r = await range(actor.tenantId, b.month);
      if (r.future)
        throw new AppError(
          'VALIDATION_FAILED',
          [{ path: '/month', message: '考核月份尚未开始' }],
          '考核月份尚未开始',
        );
      const c = (await ticketCounts(actor.tenantId, r.from, r.to, t.id)).get(lead);
      if (!c || !Object.values(c).some((x) => Number(x) > 0))
        throw new AppError(
          'VALIDATION_FAILED',
          [{ path: '/ticket', message: '该工单当月未计入本单位考核' }],
          '该工单当月未计入本单位考核,无需剔除',
        );
      if (await rrepo.liveAppeal(t.id, b.month))
        throw new AppError('DUPLICATE', undefined, '该工单本月已有待审核或已同意的剔除申诉');
      const id = newId();
      try {
        await rrepo.insertAppeal({
          id,
          tenant_id: actor.tenantId,
          ticket_id: t.id,
          unit_id: lead,
          month: b.month,
          reason: b.reason.trim(),
          status: 'pending',
          created_by: actor.userId,
          created_at: clock.now(),
        });
      } catch (e) {
        if ((e as { code?: string }).code === '23505')
          throw new AppError('DUPLICATE', undefined, '该工单本月已有待审核或已同意的剔除申诉');
        throw e;
      }
      return appealView((await rrepo.appeal(actor.tenantId, id))!, actor);
    },

    async decide(
      actor: StaffActor,
      id: string,
      b: AssessmentAppealDecisionBody,
    ): Promise<AssessmentAppealView> {
      if (!isReviewer(actor)) throw new AppError('FORBIDDEN');
      const a = await rrepo.appeal(actor.tenantId, id);
      if (!a) throw new AppError('NOT_FOUND');
      const ok =
        a.status === 'pending' &&
        (await rrepo.decideAppeal(actor.tenantId, id, {
          status: b.verdict,
          by: actor.userId,
          note: b.note.trim(),
          at: clock.now(),
        }));
      if (!ok) throw new AppError('ACTION_NOT_ALLOWED_IN_STATE', undefined, '该申诉已处理');
      return appealView((await rrepo.appeal(actor.tenantId, id))!, actor);
    },

    // ── Summons ──────────────────────────────────────────────────────────────

    async summonsList(actor: StaffActor, month: string): Promise<AssessmentSummonsList> {
      const mine = new Set(actor.grants.map((g) => g.unitId));
      const all = (await rrepo.summons(actor.tenantId, month)).map(summonsView);
      return {
        items: districtWide(actor) ? all : all.filter((s) => mine.has(s.unit.id)),
        canRecord: isReviewer(actor),
      };
    },

    async recordSummons(
      actor: StaffActor,
      b: AssessmentSummonsBody,
    ): Promise<AssessmentSummonsView> {
      if (!isReviewer(actor)) throw new AppError('FORBIDDEN');
      const u = await rrepo.unit(actor.tenantId, b.unitId);
      if (!u || !u.active) throw new AppError('UNKNOWN_UNIT');
      const r = await range(actor.tenantId, b.month);
      if (r.future)
        throw new AppError(
          'VALIDATION_FAILED',
          [{ path: '/month', message: '考核月份尚未开始' }],
          '考核月份尚未开始',
        );
      const offset = await repo.tenantOffset(actor.tenantId);
      const today = new Date(clock.now().getTime() + offset * 60_000).toISOString().slice(0, 10);
      if (b.heldOn > today)
        throw new AppError(
          'VALIDATION_FAILED',
          [{ path: '/heldOn', message: '约谈日期不能晚于今天' }],
          '约谈日期不能晚于今天',
        );
      const inserted = await rrepo.insertSummons({
        id: newId(),
        tenant_id: actor.tenantId,
        unit_id: u.id,
        month: b.month,
        held_on: b.heldOn,
        attendees: b.attendees.trim(),
        notes: b.notes.trim(),
        recorded_by: actor.userId,
        created_at: clock.now(),
      });
      if (!inserted) throw new AppError('DUPLICATE', undefined, '该单位本月的约谈已记录');
      return summonsView((await rrepo.summonsOf(actor.tenantId, b.month, u.id))!);
    },

    /** The Excel sheets of the open exclusion list and the summons. */
    exportSheets(wb: ExcelJS.Workbook, v: UnitAssessmentView) {
      const ex = wb.addWorksheet('公开剔除清单');
      ex.columns = [
        { header: '工单编号', key: 'code', width: 18 },
        { header: '标题', key: 'title', width: 30 },
        { header: '申请单位', key: 'unit', width: 22 },
        { header: '剔除理由', key: 'reason', width: 40 },
        { header: '审核意见', key: 'note', width: 30 },
        { header: '审核人', key: 'by', width: 10 },
        { header: '审核时间', key: 'at', width: 20 },
        { header: '剔除派单', key: 'dispatched', width: 9 },
        { header: '剔除评价', key: 'rated', width: 9 },
      ];
      ex.getRow(1).font = { bold: true };
      for (const e of v.exclusions ?? [])
        ex.addRow({
          code: e.ticket.code,
          title: e.ticket.title,
          unit: e.unit.name,
          reason: e.reason,
          note: e.decisionNote ?? '',
          by: e.decidedBy?.name ?? '',
          at: e.decidedAt ?? '',
          dispatched: e.dispatched,
          rated: e.rated,
        });
      const sm = wb.addWorksheet('末位约谈');
      sm.columns = [
        { header: '单位', key: 'unit', width: 22 },
        { header: '排名', key: 'rank', width: 6 },
        { header: '末位', key: 'bottom', width: 6 },
        { header: '约谈日期', key: 'heldOn', width: 12 },
        { header: '参加人员', key: 'attendees', width: 30 },
        { header: '约谈情况', key: 'notes', width: 60 },
        { header: '记录人', key: 'by', width: 10 },
      ];
      sm.getRow(1).font = { bold: true };
      for (const r of v.items)
        if (r.bottom || r.summons)
          sm.addRow({
            unit: r.unit.name,
            rank: r.rank ?? '',
            bottom: r.bottom ? '是' : '',
            heldOn: r.summons?.heldOn ?? '待约谈',
            attendees: r.summons?.attendees ?? '',
            notes: r.summons?.notes ?? '',
            by: r.summons?.recordedBy?.name ?? '',
          });
    },
  };
}
export type AssessmentReview = ReturnType<typeof assessmentReview>;
