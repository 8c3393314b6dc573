// 网格员考核: a month per grid worker. The figures come from the duties module
// (its repository and its pure due arithmetic: patrols due per counted day,
// visits owed per household under the district's rules), reports from
// patrol_reports, tickets from the tickets the worker's grids handled:
//
//   patrols  — done vs due over the counted days (the month up to yesterday, or
//              all of it once over); at most the rule's patrols a day count.
//   visits   — per household owed visits (key population, 五必访 kinds): due = what
//              the rules ask this month, done = visits done this month, at most that.
//   reports  — patrol reports (三必到/四必报) made this month; full marks at the target.
//   tickets  — tickets passed down to the grid and sent back up, or led by the grid's
//              unit and fed back, this month; on time = done no later than the
//              ticket's completion deadline (a ticket without one counts on time).
//
// Readers: administrators, supervisors and the dispatch centre over the district;
// governments' staff over their own subtree. Ranks are per township, over all its
// workers. Only administrators save a new formula version.
import type { Kysely } from 'kysely';
import ExcelJS from 'exceljs';
import type {
  AssessmentFormulaBody,
  AssessmentFormulaList,
  AssessmentFormulaView,
  AssessmentQuery,
  AssessmentRow,
  AssessmentView,
} from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import type { StaffActor } from '../../shared/actor.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { effectiveSettings } from '../org/settings.js';
import { dutiesRepository } from '../duties/repository.js';
import {
  DEFAULT_RULES,
  countedDays,
  dayRange,
  localDay,
  monthFirst,
  monthLast,
  monthOf,
  patrolTally,
  requirement,
  type DutyRules,
} from '../duties/rules.js';
import { assessmentRepository } from './repository.js';
import {
  DEFAULT_FORMULA,
  FIGURES,
  factorOf,
  rankWithin,
  rates,
  score,
  type Counts,
  type Formula,
  type Grade,
} from './formula.js';

const districtWide = (actor: StaffActor) =>
  actor.grants.some(
    (g) => g.role === 'admin' || g.role === 'supervisor' || g.unitKind === 'dispatch_centre',
  );
const governmentPaths = (actor: StaffActor) =>
  actor.grants
    .filter(
      (g) => g.unitKind === 'government' && (g.role === 'handler' || g.role === 'unit_leader'),
    )
    .map((g) => g.jurisdictionPath);
const isAdmin = (actor: StaffActor) => actor.grants.some((g) => g.role === 'admin');

type FormulaRow = Awaited<ReturnType<ReturnType<typeof assessmentRepository>['formulas']>>[number];

function formulaView(r: FormulaRow | undefined): AssessmentFormulaView {
  if (!r)
    return {
      ...DEFAULT_FORMULA,
      version: 0,
      note: null,
      createdAt: null,
      createdBy: null,
    };
  return {
    base: r.base,
    weights: r.weights,
    gradeFactors: r.grade_factors,
    reportTarget: r.report_target,
    version: r.version,
    note: r.note,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by ? { id: r.created_by, name: r.created_by_name ?? '' } : null,
  };
}

export function gridAssessmentService(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;
  const repo = assessmentRepository(db);
  const duties = dutiesRepository(db);

  async function rulesOf(tenantId: string): Promise<DutyRules> {
    const r = await duties.rules(tenantId);
    if (!r) return DEFAULT_RULES;
    return {
      patrolsPerDay: r.patrols_per_day,
      keyVisitsPerMonth: r.key_visits_per_month,
      fiveVisitKinds: r.five_visit_kinds,
      fiveVisitsPerMonth: r.five_visits_per_month,
    };
  }

  function readPaths(actor: StaffActor): string[] | undefined {
    if (districtWide(actor)) return undefined;
    const paths = governmentPaths(actor);
    if (!paths.length) throw new AppError('FORBIDDEN');
    return paths;
  }

  async function compute(actor: StaffActor, q: AssessmentQuery): Promise<AssessmentView> {
    const paths = readPaths(actor);
    const offset = effectiveSettings(await duties.tenantSettings(actor.tenantId)).utcOffsetMinutes;
    const today = localDay(clock.now(), offset);
    const month = q.month ?? monthOf(today);
    if (monthFirst(month) > today)
      throw new AppError('VALIDATION_FAILED', [
        { path: '/month', message: '不能考核尚未开始的月份' },
      ]);
    const { days, asOf } = countedDays(month, today);
    const { start, end } = dayRange(monthFirst(month), monthLast(month), offset);
    // The formula in force at the month's end: the latest version saved before it.
    const versions = await repo.formulas(actor.tenantId);
    const fRow = versions.find((v) => new Date(v.created_at).getTime() < end.getTime());
    const fv = formulaView(fRow);
    const formula: Formula = fv;
    const rules = await rulesOf(actor.tenantId);

    // The workers on duty on the last counted day (the first of the month on the 1st).
    const onDay = asOf < monthFirst(month) ? monthFirst(month) : asOf;
    const members = await repo.workers(actor.tenantId, onDay, q.townshipId);
    const gridIds = [...new Set(members.map((m) => m.grid_id))];
    const userIds = [...new Set(members.map((m) => m.user_id))];
    const [starts, households, visits, kinds, reports, tickets] = await Promise.all([
      duties.patrolStarts(actor.tenantId, gridIds, start, end),
      duties.householdsWithKinds(actor.tenantId, gridIds),
      duties.visitsOf(actor.tenantId, gridIds, start, end),
      duties.residentKinds(actor.tenantId),
      repo.reportCounts(actor.tenantId, userIds, start, end),
      repo.ticketsHandled(actor.tenantId, gridIds, start, end),
    ]);
    const keyKinds = new Set(kinds.filter((k) => k.key_population).map((k) => k.code));
    const doneBy = new Map<string, number>();
    for (const v of visits)
      if (v.done_at) doneBy.set(v.household_id, (doneBy.get(v.household_id) ?? 0) + 1);
    const visitsByGrid = new Map<string, { due: number; done: number }>();
    for (const h of households) {
      const req = requirement(h.kinds, keyKinds, rules);
      if (!req.required) continue;
      const acc = visitsByGrid.get(h.grid_id) ?? { due: 0, done: 0 };
      acc.due += req.required;
      acc.done += Math.min(doneBy.get(h.id) ?? 0, req.required);
      visitsByGrid.set(h.grid_id, acc);
    }
    const reportsBy = new Map(reports.map((r) => [r.worker_user_id, Number(r.n)]));

    const byWorker = new Map<string, typeof members>();
    for (const m of members)
      (byWorker.get(m.user_id) ?? byWorker.set(m.user_id, []).get(m.user_id)!).push(m);

    const rows: Array<AssessmentRow & { path: string[]; townshipKey: string }> = [];
    for (const [userId, grids] of byWorker) {
      const first = grids[0]!;
      const c: Counts = {
        patrolsDue: 0,
        patrolsDone: 0,
        visitsDue: 0,
        visitsDone: 0,
        reports: reportsBy.get(userId) ?? 0,
        ticketsHandled: 0,
        ticketsOnTime: 0,
      };
      const seenTickets = new Set<string>();
      for (const g of grids) {
        // The worker's own patrols of this grid, per local day.
        const counts = new Map<string, number>();
        for (const p of starts)
          if (p.grid_id === g.grid_id && p.worker_user_id === userId) {
            const d = localDay(p.started_at, offset);
            counts.set(d, (counts.get(d) ?? 0) + 1);
          }
        const pt = patrolTally(days, rules.patrolsPerDay, counts);
        c.patrolsDue += pt.due;
        c.patrolsDone += pt.done;
        const v = visitsByGrid.get(g.grid_id);
        c.visitsDue += v?.due ?? 0;
        c.visitsDone += v?.done ?? 0;
        for (const t of tickets) {
          if (t.grid_id !== g.grid_id || seenTickets.has(t.ticket_id)) continue;
          seenTickets.add(t.ticket_id);
          c.ticketsHandled++;
          if (!t.due_at || new Date(t.done_at).getTime() <= new Date(t.due_at).getTime())
            c.ticketsOnTime++;
        }
      }
      const r = rates(c, formula);
      const factor = factorOf(
        grids.map((g) => g.grade as Grade | null),
        formula,
      );
      rows.push({
        worker: { id: userId, name: first.name },
        grids: grids.map((g) => ({ id: g.grid_id, name: g.grid_name, grade: g.grade })),
        village: { id: first.village_id, name: first.village_name },
        township: first.township_id
          ? { id: first.township_id, name: first.township_name ?? '' }
          : null,
        factor: Math.round(factor * 1000) / 1000,
        ...c,
        rates: Object.fromEntries(
          FIGURES.map((k) => [k, Math.round(r[k] * 10000) / 10000]),
        ) as AssessmentRow['rates'],
        score: score(formula, r, factor),
        rank: 0,
        rankOf: 0,
        path: grids.map((g) => g.grid_path),
        townshipKey: first.township_id ?? '',
      });
    }
    const ranks = rankWithin(
      rows,
      (r) => r.townshipKey,
      (r) => r.score,
    );
    const sizes = new Map<string, number>();
    for (const r of rows) sizes.set(r.townshipKey, (sizes.get(r.townshipKey) ?? 0) + 1);
    const visible = rows
      .filter((r) => !paths || r.path.some((p) => paths.some((s) => p.startsWith(s))))
      .map(({ path: _p, townshipKey, ...r }) => ({
        ...r,
        rank: ranks.get(rows.find((x) => x.worker.id === r.worker.id)!)!,
        rankOf: sizes.get(townshipKey) ?? 0,
      }));
    visible.sort(
      (a, b) =>
        (a.township?.name ?? '').localeCompare(b.township?.name ?? '', 'zh-CN') ||
        a.rank - b.rank ||
        a.worker.name.localeCompare(b.worker.name, 'zh-CN'),
    );
    return { month, asOf, monthComplete: today > monthLast(month), formula: fv, items: visible };
  }

  return {
    month: compute,

    async formulas(actor: StaffActor): Promise<AssessmentFormulaList> {
      readPaths(actor);
      const rows = await repo.formulas(actor.tenantId);
      return {
        current: formulaView(rows[0]),
        versions: rows.map((r) => formulaView(r)),
        canEdit: isAdmin(actor),
      };
    },

    async saveFormula(actor: StaffActor, b: AssessmentFormulaBody): Promise<AssessmentFormulaView> {
      if (!isAdmin(actor)) throw new AppError('FORBIDDEN');
      const sum = FIGURES.reduce((s, k) => s + b.weights[k], 0);
      if (sum <= 0)
        throw new AppError('VALIDATION_FAILED', [
          { path: '/weights', message: '权重之和须大于 0' },
        ]);
      const rows = await repo.formulas(actor.tenantId);
      const version = (rows[0]?.version ?? 0) + 1;
      await repo.insertFormula({
        id: newId(),
        tenant_id: actor.tenantId,
        version,
        base: b.base,
        weights: JSON.stringify(b.weights),
        grade_factors: JSON.stringify(b.gradeFactors),
        report_target: b.reportTarget,
        note: b.note?.trim() || null,
        created_by: actor.userId,
        created_at: clock.now(),
      });
      const saved = (await repo.formulas(actor.tenantId))[0];
      return formulaView(saved);
    },

    async exportMonth(
      actor: StaffActor,
      q: AssessmentQuery,
    ): Promise<{ name: string; data: Buffer }> {
      const v = await compute(actor, q);
      const pct = (x: number) => Math.round(x * 1000) / 10;
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('网格员考核');
      ws.columns = [
        { header: '街乡镇', key: 'township', width: 14 },
        { header: '村(社区)', key: 'village', width: 14 },
        { header: '网格', key: 'grids', width: 26 },
        { header: '等级', key: 'grades', width: 8 },
        { header: '网格员', key: 'worker', width: 10 },
        { header: '巡查 完成/应巡', key: 'patrols', width: 14 },
        { header: '巡查完成率%', key: 'rp', width: 12 },
        { header: '走访 完成/应访', key: 'visits', width: 14 },
        { header: '走访完成率%', key: 'rv', width: 12 },
        { header: '上报事件', key: 'reports', width: 10 },
        { header: '工单 按时/办理', key: 'tickets', width: 14 },
        { header: '按时办理率%', key: 'rt', width: 12 },
        { header: '难度系数', key: 'factor', width: 10 },
        { header: '得分', key: 'score', width: 8 },
        { header: '乡镇内排名', key: 'rank', width: 12 },
      ];
      for (const r of v.items)
        ws.addRow({
          township: r.township?.name ?? '',
          village: r.village?.name ?? '',
          grids: r.grids.map((g) => g.name).join('、'),
          grades: r.grids.map((g) => g.grade ?? '-').join('/'),
          worker: r.worker.name,
          patrols: `${r.patrolsDone}/${r.patrolsDue}`,
          rp: pct(r.rates.patrols),
          visits: `${r.visitsDone}/${r.visitsDue}`,
          rv: pct(r.rates.visits),
          reports: r.reports,
          tickets: `${r.ticketsOnTime}/${r.ticketsHandled}`,
          rt: pct(r.rates.tickets),
          factor: r.factor,
          score: r.score,
          rank: `${r.rank}/${r.rankOf}`,
        });
      ws.getRow(1).font = { bold: true };
      const f = v.formula;
      ws.addRow([]);
      ws.addRow([
        `计分公式(第 ${f.version || '默认'} 版):得分 = ${f.base} + 难度系数 × (${f.weights.patrols}×巡查完成率 + ${f.weights.visits}×走访完成率 + ${f.weights.reports}×上报率 + ${f.weights.tickets}×工单按时率);难度系数 A=${f.gradeFactors.A} B=${f.gradeFactors.B} C=${f.gradeFactors.C};上报率 = min(1, 上报数/${f.reportTarget});截至 ${v.asOf}`,
      ]);
      return {
        name: `网格员考核-${v.month}.xlsx`,
        data: Buffer.from(await wb.xlsx.writeBuffer()),
      };
    },
  };
}
export type GridAssessmentService = ReturnType<typeof gridAssessmentService>;
