// 三率考核 per unit per month, read from the daily rollups (see rollups.ts for
// what each counter counts and formula.ts for the rates, composite and ranks).
//
// Peer groups: townships/streets (their governments), district departments,
// and the villages/communities of one township. Readers: administrators,
// supervisors, the dispatch centre's dispatchers and leaders over every group;
// a unit's leader over its own peer group (a village's: the villages of its
// township). Only administrators save a new configuration version.
import type { Kysely } from 'kysely';
import ExcelJS from 'exceljs';
import {
  CENTRE_ASSESSMENT_FIGURES,
  UNIT_ASSESSMENT_FIGURES,
  type AssessmentRecomputeBody,
  type CentreAssessmentMonth,
  type CentreAssessmentQuery,
  type CentreAssessmentView,
  type UnitAssessmentConfigBody,
  type UnitAssessmentConfigList,
  type UnitAssessmentConfigView,
  type UnitAssessmentQuery,
  type UnitAssessmentRow,
  type UnitAssessmentView,
  type UnitPeerGroup,
} from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import type { StaffActor } from '../../shared/actor.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { assessmentRepository } from './repository.js';
import { DEFAULT_CONFIG, rankGroup, rates, type Config } from './formula.js';
import { zeroCounts, type Counts } from './rollups.js';
import { assessmentReview } from './review.js';

type ConfigRow = Awaited<ReturnType<ReturnType<typeof assessmentRepository>['configs']>>[number];
type UnitRow = Awaited<ReturnType<ReturnType<typeof assessmentRepository>['units']>>[number];

const isAdmin = (a: StaffActor) => a.grants.some((g) => g.role === 'admin');
const districtWide = (a: StaffActor) =>
  a.grants.some(
    (g) =>
      g.role === 'admin' ||
      g.role === 'supervisor' ||
      (g.unitKind === 'dispatch_centre' && (g.role === 'dispatcher' || g.role === 'unit_leader')),
  );

/** The peer group a unit belongs to, or null when it is compared with none. */
function groupOf(u: Pick<UnitRow, 'kind' | 'level'>): UnitPeerGroup | null {
  if (u.kind === 'department') return 'department';
  if (u.kind === 'government' && u.level === 'township') return 'township';
  if (u.kind === 'government' && u.level === 'village') return 'village';
  return null;
}

/** The month `n` months after `month` ('YYYY-MM'; n may be negative). */
export const addMonths = (month: string, n: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const k = y * 12 + (m - 1) + n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
};

/** A period of whole months: the first and how many (1 = a month, 3 = a quarter). */
export interface AssessmentRange {
  from: string;
  months: number;
  group: UnitPeerGroup;
  townshipId?: string;
}

function configView(r: ConfigRow | undefined): UnitAssessmentConfigView {
  if (!r)
    return {
      ...DEFAULT_CONFIG,
      weights: { ...DEFAULT_CONFIG.weights },
      effectiveFrom: '2000-01',
      version: 0,
      reason: '系统默认',
      createdAt: null,
      createdBy: null,
    };
  return {
    effectiveFrom: String(r.effective_from).slice(0, 7),
    weights: r.weights,
    basicallySatisfiedWeight: Number(r.basically_satisfied_weight),
    minVolume: r.min_volume,
    bottomN: r.bottom_n,
    repeatWindowDays: r.repeat_window_days,
    reason: r.reason,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by ? { id: r.created_by, name: r.created_by_name ?? '' } : null,
  };
}

export function assessmentService(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;
  const repo = assessmentRepository(db);
  // [Assessment] snapshots, appeals (exclusions) and summons of the month (review.ts).
  const review = assessmentReview(deps);

  /** The peer group and township the actor may read for the query; throws FORBIDDEN otherwise. */
  function allowed(actor: StaffActor, q: UnitAssessmentQuery, units: UnitRow[]) {
    if (districtWide(actor)) return q.townshipId ?? null;
    const mine = actor.grants
      .filter((g) => g.role === 'unit_leader')
      .map((g) => units.find((u) => u.id === g.unitId))
      .filter((u): u is UnitRow => u !== undefined && groupOf(u) === q.group);
    if (!mine.length) throw new AppError('FORBIDDEN');
    if (q.group !== 'village') return null;
    const townships = mine.map((u) => u.parent_jurisdiction_id);
    if (q.townshipId && !townships.includes(q.townshipId)) throw new AppError('FORBIDDEN');
    return q.townshipId ?? townships[0] ?? null;
  }

  /** The UTC instants of local days [fromDay, toDay) and whether the current local month is inside. */
  async function instants(tenantId: string, fromDay: string, toDay: string) {
    const offset = await repo.tenantOffset(tenantId);
    const at = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - offset * 60_000);
    const now = clock.now();
    const today = new Date(now.getTime() + offset * 60_000).toISOString().slice(0, 10);
    return { from: at(fromDay), to: at(toDay), now, live: fromDay <= today && today < toDay };
  }

  async function compute(actor: StaffActor, q: UnitAssessmentQuery): Promise<UnitAssessmentView> {
    return review.freeze(
      actor,
      q,
      await computeRange(actor, {
        from: q.month,
        months: 1,
        group: q.group,
        townshipId: q.townshipId,
      }),
    );
  }

  async function computeRange(
    actor: StaffActor,
    range: AssessmentRange,
  ): Promise<UnitAssessmentView> {
    const q = { month: range.from, group: range.group, townshipId: range.townshipId };
    const units = await repo.units(actor.tenantId);
    const townshipId = allowed(actor, q, units);
    const configs = await repo.configs(actor.tenantId);
    const from = `${q.month}-01`;
    const toDay = `${addMonths(q.month, range.months)}-01`;
    const inForce = configs.find((c) => String(c.effective_from).slice(0, 10) <= from);
    const config = configView(inForce);
    const cfg: Config = config;
    const counts = new Map<string, Counts>();
    for (const r of await repo.rollupCounts(actor.tenantId, from, toDay)) {
      counts.set(r.unit_id, r);
    }
    // Accepted exclusions (appeals) take their tickets' events out of the units' counts.
    const ex = await review.exclusions(actor.tenantId, q.month, range.months, counts);
    const span = await instants(actor.tenantId, from, toDay);
    // Live figures, outside the rollups: open tickets overdue now (the current month only)
    // and the area's patrol reports (a small table of their own).
    const overdueNow = new Map<string, number>();
    if (span.live)
      for (const r of await repo.overdueOpen(actor.tenantId, span.now))
        overdueNow.set(r.unit_id, r.n);
    const reports = await repo.patrolReports(actor.tenantId, span.from, span.to);
    const proactiveOf = (path: string) =>
      reports.reduce((n, r) => (r.path.startsWith(path) ? n + r.n : n), 0);
    const townships = units
      .filter((u) => groupOf(u) === 'township')
      .map((u) => ({ id: u.jurisdiction_id, name: u.jurisdiction_name }));
    const townshipName = new Map(townships.map((t) => [t.id, t.name]));
    const members = units.filter(
      (u) =>
        groupOf(u) === q.group &&
        (q.group !== 'village' || !townshipId || u.parent_jurisdiction_id === townshipId),
    );
    const rows = members.map((u) => {
      const c = { ...zeroCounts(), ...counts.get(u.id) };
      for (const k of Object.keys(c) as Array<keyof Counts>) c[k] = Number(c[k]);
      const r = rates(c, cfg);
      const parent = u.parent_jurisdiction_id;
      const row: UnitAssessmentRow = {
        unit: { id: u.id, name: u.name },
        township:
          q.group === 'village' && parent && townshipName.has(parent)
            ? { id: parent, name: townshipName.get(parent)! }
            : null,
        volume: c.dispatched,
        accepted: c.accepted,
        acceptedOnTime: c.accepted_on_time,
        completed: c.completed,
        completedOnTime: c.completed_on_time,
        calledBack: c.called_back,
        rated: c.rated,
        solved: c.solved,
        satisfied: c.satisfied,
        basicallySatisfied: c.basically_satisfied,
        dissatisfied: c.dissatisfied,
        returns: c.returns_upheld,
        returnsFault: c.returns_fault,
        reopened: c.reopened,
        completedLate: c.completed - c.completed_on_time,
        overdueOpen: span.live ? (overdueNow.get(u.id) ?? 0) : null,
        overdue: c.completed - c.completed_on_time + (overdueNow.get(u.id) ?? 0),
        repeats: c.repeats,
        delegatedSettled: c.delegated_settled,
        proactive: u.kind === 'government' ? proactiveOf(u.path) : null,
        ...r,
        // Per month: a quarter's volume is divided by its three months.
        per10k:
          u.kind === 'government' && u.population > 0
            ? Math.round((c.dispatched / range.months / u.population) * 10000 * 100) / 100
            : null,
        rank: null,
        bottom: false,
      };
      return { row, peer: q.group === 'village' ? (parent ?? '') : q.group };
    });
    const ranks = rankGroup(
      rows,
      (x) => x.peer,
      (x) => x.row.volume,
      (x) => x.row.composite,
      cfg,
    );
    for (const x of rows) {
      const r = ranks.get(x);
      if (r) Object.assign(x.row, r);
    }
    const items = rows
      .map((x) => x.row)
      .sort(
        (a, b) =>
          (a.township?.name ?? '').localeCompare(b.township?.name ?? '', 'zh') ||
          (a.rank ?? Infinity) - (b.rank ?? Infinity) ||
          b.volume - a.volume ||
          a.unit.name.localeCompare(b.unit.name, 'zh'),
      );
    return review.withExclusions(ex, {
      month: q.month,
      months: range.months,
      group: q.group,
      township:
        townshipId && townshipName.has(townshipId)
          ? { id: townshipId, name: townshipName.get(townshipId)! }
          : null,
      townships: districtWide(actor) ? townships : townships.filter((t) => t.id === townshipId),
      config,
      ranked: ranks.size,
      items,
      figures: [...UNIT_ASSESSMENT_FIGURES],
      source: 'rollups',
    });
  }

  /** 双向考核: the dispatch centre's month from the district-wide sums of the rollups. */
  async function centreView(
    actor: StaffActor,
    q: CentreAssessmentQuery,
  ): Promise<CentreAssessmentView> {
    if (!districtWide(actor)) throw new AppError('FORBIDDEN');
    const n = q.months ?? 6;
    const first = addMonths(q.month, -(n - 1));
    const sums = new Map(
      (await repo.monthSums(actor.tenantId, `${first}-01`, `${addMonths(q.month, 1)}-01`)).map(
        (r) => [r.month, r],
      ),
    );
    const trend: CentreAssessmentMonth[] = [];
    for (let i = 0; i < n; i++) {
      const month = addMonths(first, i);
      const c = { ...zeroCounts(), ...sums.get(month) };
      const num = (k: keyof Counts) => Number(c[k]);
      const dispatched = num('dispatched');
      const ratio = (a: number, b: number) => (b > 0 ? Math.min(1, a / b) : null);
      trend.push({
        month,
        dispatched,
        faultedReturns: num('returns_fault'),
        accuracy: dispatched > 0 ? Math.max(0, 1 - num('returns_fault') / dispatched) : null,
        reassignments: num('returns_upheld'),
        reassignmentRate: ratio(num('returns_upheld'), dispatched),
        firstDispatched: num('first_dispatched'),
        meanMinutesToDispatch:
          num('first_dispatched') > 0
            ? Math.round((num('dispatch_wait_s') / num('first_dispatched') / 60) * 10) / 10
            : null,
      });
    }
    return {
      month: q.month,
      current: trend[trend.length - 1]!,
      trend,
      figures: [...CENTRE_ASSESSMENT_FIGURES],
      source: 'rollups',
    };
  }

  return {
    month: compute,
    /** The same view over several whole months (a quarter: `months: 3`), for reports. */
    range: computeRange,
    centre: centreView,
    /** A closed month recomputed and stored as its next frozen version, with the reason. */
    async recompute(actor: StaffActor, b: AssessmentRecomputeBody) {
      const q = await review.recompute(actor, b, (x) =>
        computeRange(actor, { from: x.month, months: 1, group: x.group, townshipId: x.townshipId }),
      );
      return compute(actor, q);
    },
    appeals: review.appeals,
    appeal: review.appeal,
    decideAppeal: review.decide,
    summons: review.summonsList,
    recordSummons: review.recordSummons,

    async exportMonth(actor: StaffActor, q: UnitAssessmentQuery) {
      const v = await compute(actor, q);
      const pct = (x: number | null) => (x === null ? '' : Math.round(x * 1000) / 10);
      const GROUP = { township: '街乡镇', department: '委办局', village: '村(社区)' } as const;
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet(`三率考核-${GROUP[v.group]}`);
      ws.columns = [
        { header: '排名', key: 'rank', width: 6 },
        ...(v.group === 'village' ? [{ header: '所属乡镇', key: 'township', width: 14 }] : []),
        { header: '单位', key: 'unit', width: 22 },
        { header: '派单量', key: 'volume', width: 8 },
        { header: '按时签收', key: 'acceptedOnTime', width: 9 },
        { header: '响应率%', key: 'response', width: 9 },
        { header: '回访/评价', key: 'rated', width: 9 },
        { header: '已解决', key: 'solved', width: 8 },
        { header: '解决率%', key: 'resolution', width: 9 },
        { header: '满意', key: 'satisfied', width: 6 },
        { header: '基本满意', key: 'basically', width: 9 },
        { header: '不满意', key: 'dissatisfied', width: 8 },
        { header: '满意率%', key: 'satisfaction', width: 9 },
        { header: '综合得分', key: 'composite', width: 9 },
        { header: '反馈', key: 'completed', width: 6 },
        { header: '按期办结率%', key: 'onTime', width: 11 },
        { header: '退单(有误)', key: 'returns', width: 10 },
        { header: '重办', key: 'reopened', width: 6 },
        { header: '超期', key: 'overdue', width: 6 },
        { header: '重复诉求', key: 'repeats', width: 9 },
        { header: '下交化解', key: 'delegatedSettled', width: 9 },
        { header: '主动治理', key: 'proactive', width: 9 },
        { header: '万人诉求比', key: 'per10k', width: 10 },
        { header: '末位', key: 'bottom', width: 6 },
      ];
      ws.getRow(1).font = { bold: true };
      for (const r of v.items)
        ws.addRow({
          rank: r.rank ?? '不参与',
          township: r.township?.name ?? '',
          unit: r.unit.name,
          volume: r.volume,
          acceptedOnTime: r.acceptedOnTime,
          response: pct(r.responseRate),
          rated: r.rated,
          solved: r.solved,
          resolution: pct(r.resolutionRate),
          satisfied: r.satisfied,
          basically: r.basicallySatisfied,
          dissatisfied: r.dissatisfied,
          satisfaction: pct(r.satisfactionRate),
          composite: r.composite ?? '',
          completed: r.completed,
          onTime: pct(r.onTimeRate),
          returns: `${r.returns}(${r.returnsFault})`,
          reopened: r.reopened,
          overdue: r.overdue,
          repeats: r.repeats,
          delegatedSettled: r.delegatedSettled,
          proactive: r.proactive ?? '',
          per10k: r.per10k ?? '',
          bottom: r.bottom ? '是' : '',
        });
      const c = v.config;
      const defs = wb.addWorksheet('指标口径');
      defs.columns = [
        { header: '指标', key: 'label', width: 14 },
        { header: '口径', key: 'definition', width: 100 },
      ];
      defs.getRow(1).font = { bold: true };
      for (const f of v.figures) defs.addRow(f);
      defs.addRow({
        label: '考核配置',
        definition: `第 ${c.version} 版(${c.effectiveFrom} 起):权重 响应 ${c.weights.response} / 解决 ${c.weights.resolution} / 满意 ${c.weights.satisfaction};基本满意计 ${c.basicallySatisfiedWeight};最低派单量 ${c.minVolume};末位 ${c.bottomN} 名。${c.reason}`,
      });
      review.exportSheets(wb, v);
      // 双向考核: the dispatch centre's months, for the district-wide readers.
      if (districtWide(actor)) {
        const centre = await centreView(actor, { month: v.month });
        const cs = wb.addWorksheet('双向考核-派单中心');
        cs.columns = [
          { header: '月份', key: 'month', width: 10 },
          { header: '派单次数', key: 'dispatched', width: 10 },
          { header: '派单有误', key: 'faulted', width: 10 },
          { header: '派单准确率%', key: 'accuracy', width: 12 },
          { header: '首次派单', key: 'first', width: 10 },
          { header: '平均派单用时(分钟)', key: 'mean', width: 18 },
          { header: '改派', key: 'reassignments', width: 8 },
          { header: '改派率%', key: 'reRate', width: 10 },
        ];
        cs.getRow(1).font = { bold: true };
        for (const m of centre.trend)
          cs.addRow({
            month: m.month,
            dispatched: m.dispatched,
            faulted: m.faultedReturns,
            accuracy: pct(m.accuracy),
            first: m.firstDispatched,
            mean: m.meanMinutesToDispatch ?? '',
            reassignments: m.reassignments,
            reRate: pct(m.reassignmentRate),
          });
        for (const f of centre.figures) defs.addRow(f);
      }
      const data = Buffer.from(await wb.xlsx.writeBuffer());
      return { name: `三率考核-${GROUP[v.group]}-${v.month}.xlsx`, data };
    },

    async configs(actor: StaffActor): Promise<UnitAssessmentConfigList> {
      if (!districtWide(actor) && !actor.grants.some((g) => g.role === 'unit_leader'))
        throw new AppError('FORBIDDEN');
      const rows = await repo.configs(actor.tenantId);
      const today = clock.now().toISOString().slice(0, 7);
      const current = rows.find((r) => String(r.effective_from).slice(0, 7) <= today);
      return {
        current: configView(current),
        versions: rows.map(configView),
        canEdit: isAdmin(actor),
      };
    },

    async saveConfig(
      actor: StaffActor,
      b: UnitAssessmentConfigBody,
    ): Promise<UnitAssessmentConfigView> {
      if (!isAdmin(actor)) throw new AppError('FORBIDDEN');
      const w = b.weights;
      if (w.response + w.resolution + w.satisfaction <= 0)
        throw new AppError('VALIDATION_FAILED', [
          { path: '/weights', message: '权重之和须大于 0' },
        ]);
      const rows = await repo.configs(actor.tenantId);
      const version = (rows[0]?.version ?? 0) + 1;
      await repo.insertConfig({
        id: newId(),
        tenant_id: actor.tenantId,
        version,
        effective_from: `${b.effectiveFrom}-01`,
        weights: b.weights,
        basically_satisfied_weight: b.basicallySatisfiedWeight,
        min_volume: b.minVolume,
        bottom_n: b.bottomN,
        repeat_window_days: b.repeatWindowDays ?? DEFAULT_CONFIG.repeatWindowDays,
        reason: b.reason.trim(),
        created_by: actor.userId,
        created_at: clock.now(),
      });
      return configView((await repo.configs(actor.tenantId))[0]);
    },

    /** Rebuilds the district's rollups from its event trail (the demo seed writes events directly). */
    rebuild: (tenantId: string) => repo.rebuild(tenantId),
  };
}
export type AssessmentService = ReturnType<typeof assessmentService>;
