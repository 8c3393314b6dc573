// Grid duties (网格履职). A grid worker acts on their own grids only: a current worker
// membership linked to their account, or a grid_worker role at the grid's unit. The
// village committee and the township government read the grids below them, the
// administrators and supervisors the whole district; anyone else gets 403. The rules
// are the district's configuration (defaults when none is saved); administrators edit them.
import type { Kysely } from 'kysely';
import ExcelJS from 'exceljs';
import {
  PATROL_REPORT_KIND_GROUP,
  dutiesZhCN as m,
  type CreatePatrolReportBody,
  type CreateVisitBody,
  type DutyRulesView,
  type DutyToday,
  type EndPatrolBody,
  type HouseholdDue,
  type OverdueList,
  type OverdueQuery,
  type OverdueRow,
  type PatrolListQuery,
  type PatrolList,
  type PatrolPointsBody,
  type PatrolReportList,
  type PatrolReportListQuery,
  type PatrolReportView,
  type PatrolView,
  type ReportCountRow,
  type ReportCounts,
  type ReportCountsQuery,
  type StartPatrolBody,
  type UpdateDutyRulesBody,
  type VisitDoneBody,
  type VisitView,
} from '@jiesu/contracts';
import type { DB, GeoPoint } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import type { StaffActor } from '../../shared/actor.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { effectiveSettings } from '../org/settings.js';
import { gridPeopleRepository } from '../grid-people/repository.js';
import type { ticketService } from '../tickets/service.js';
import { dutiesRepository, type DutiesRepository } from './repository.js';
import {
  DEFAULT_RULES,
  countedDays,
  dayRange,
  localDay,
  monthFirst,
  monthLast,
  monthOf,
  patrolTally,
  previousMonth,
  requirement,
  type DutyRules,
} from './rules.js';

type Tickets = Pick<ReturnType<typeof ticketService>, 'create'>;
type Grid = { id: string; name: string; path: string };

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', [{ path, message }]);
const forbidden = (message: string) => new AppError('FORBIDDEN', [{ path: '/', message }]);

/** District-wide readers: administrators and supervisors. */
const districtWide = (actor: StaffActor) =>
  actor.grants.some((g) => g.role === 'admin' || g.role === 'supervisor');

/** The subtrees a government's staff read (village committee, township government). */
const governmentPaths = (actor: StaffActor) =>
  actor.grants
    .filter(
      (g) => g.unitKind === 'government' && (g.role === 'handler' || g.role === 'unit_leader'),
    )
    .map((g) => g.jurisdictionPath);

export function dutiesService(deps: { db: Kysely<DB>; clock: Clock; tickets: Tickets }) {
  const { db, clock, tickets } = deps;
  const repo = dutiesRepository(db);
  const grids = gridPeopleRepository(db);

  async function offsetOf(tenantId: string): Promise<number> {
    return effectiveSettings(await repo.tenantSettings(tenantId)).utcOffsetMinutes;
  }

  async function rulesOf(tenantId: string): Promise<DutyRules & { updatedAt: Date | null }> {
    const r = await repo.rules(tenantId);
    if (!r) return { ...DEFAULT_RULES, updatedAt: null };
    return {
      patrolsPerDay: r.patrols_per_day,
      keyVisitsPerMonth: r.key_visits_per_month,
      fiveVisitKinds: r.five_visit_kinds,
      fiveVisitsPerMonth: r.five_visits_per_month,
      updatedAt: r.updated_at,
    };
  }

  async function workerGrids(actor: StaffActor, day: string): Promise<Grid[]> {
    return repo.workerGrids(actor.tenantId, actor.userId, day);
  }

  /** The grid a worker acts on: the one named (if theirs) or their only/first grid. */
  async function ownGrid(actor: StaffActor, day: string, gridId?: string): Promise<Grid> {
    const mine = await workerGrids(actor, day);
    if (!mine.length) throw forbidden(m.error.noGrid);
    if (!gridId) return mine[0]!;
    const g = mine.find((x) => x.id === gridId);
    if (!g) throw forbidden(m.error.notYourGrid);
    return g;
  }

  /**
   * What the actor may read: district-wide (undefined), government subtrees (paths), or
   * a worker's own grids (gridIds). Neither → 403.
   */
  async function readScope(
    actor: StaffActor,
    day: string,
  ): Promise<{ paths?: string[]; gridIds?: string[] }> {
    if (districtWide(actor)) return {};
    const paths = governmentPaths(actor);
    if (paths.length) return { paths };
    const mine = await workerGrids(actor, day);
    if (mine.length) return { gridIds: mine.map((g) => g.id) };
    throw new AppError('FORBIDDEN');
  }

  /** The grids in the actor's read scope, filtered, with village and township. */
  async function scopedGrids(
    actor: StaffActor,
    day: string,
    f: { townshipId?: string; villageId?: string; gridId?: string },
  ) {
    const scope = await readScope(actor, day);
    let rows = await grids.grids(
      actor.tenantId,
      { paths: scope.paths, townshipId: f.townshipId, villageId: f.villageId },
      { limit: 5000, offset: 0 },
    );
    if (scope.gridIds) rows = rows.filter((r) => scope.gridIds!.includes(r.id));
    if (f.gridId) rows = rows.filter((r) => r.id === f.gridId);
    return rows;
  }

  function patrolView(p: {
    id: string;
    grid_id: string;
    grid_name: string;
    worker_user_id: string;
    worker_name: string;
    started_at: Date;
    ended_at: Date | null;
    points: GeoPoint[];
    note: string | null;
    photos: string[];
  }): PatrolView {
    return {
      id: p.id,
      grid: { id: p.grid_id, name: p.grid_name },
      worker: { id: p.worker_user_id, name: p.worker_name },
      startedAt: p.started_at.toISOString(),
      endedAt: p.ended_at?.toISOString() ?? null,
      points: p.points,
      note: p.note,
      photos: p.photos,
    };
  }

  function visitView(v: {
    id: string;
    household_id: string;
    address: string;
    grid_id: string;
    grid_name: string;
    worker_user_id: string;
    worker_name: string;
    planned_for: string | null;
    done_at: Date | null;
    note: string | null;
  }): VisitView {
    return {
      id: v.id,
      household: { id: v.household_id, address: v.address },
      grid: { id: v.grid_id, name: v.grid_name },
      worker: { id: v.worker_user_id, name: v.worker_name },
      plannedFor: v.planned_for,
      doneAt: v.done_at?.toISOString() ?? null,
      note: v.note,
    };
  }

  function reportView(
    r: Awaited<ReturnType<typeof repo.reports>>['rows'][number],
  ): PatrolReportView {
    return {
      id: r.id,
      grid: { id: r.grid_id, name: r.grid_name },
      worker: { id: r.worker_user_id, name: r.worker_name },
      kind: r.kind as PatrolReportView['kind'],
      group: r.grp,
      reportedAt: r.reported_at.toISOString(),
      arrivedAt: r.arrived_at?.toISOString() ?? null,
      description: r.description,
      address: r.address,
      point: r.lng !== null && r.lat !== null ? { lng: r.lng, lat: r.lat } : null,
      photos: r.photos,
      outcome: r.outcome,
      ticket: r.ticket_id ? { id: r.ticket_id, code: r.ticket_code ?? '' } : null,
      evidence: r.evidence,
    };
  }

  async function ownPatrol(actor: StaffActor, id: string) {
    const p = await repo.patrol(actor.tenantId, id);
    if (!p) throw new AppError('NOT_FOUND');
    if (p.worker_user_id !== actor.userId) throw forbidden(m.error.notYourGrid);
    return p;
  }

  async function checkPhotos(actor: StaffActor, ids: string[] | undefined, path: string) {
    const list = [...new Set(ids ?? [])];
    if ((await repo.ownAttachments(actor.tenantId, actor.userId, list)) !== list.length)
      throw new AppError('UNKNOWN_ATTACHMENT', [{ path, message: '附件不存在' }]);
    return list;
  }

  /**
   * Per grid over the counted days of `month`: patrols due/done/missed days, the
   * households owed visits and those below the rule, planned visits overdue.
   */
  async function tally(
    tenantId: string,
    gridIds: string[],
    month: string,
    today: string,
    offset: number,
    rules: DutyRules,
  ) {
    const { days, asOf } = countedDays(month, today);
    const { start, end } = dayRange(monthFirst(month), monthLast(month), offset);
    const [starts, households, visits, kinds] = await Promise.all([
      repo.patrolStarts(tenantId, gridIds, start, end),
      repo.householdsWithKinds(tenantId, gridIds),
      repo.visitsOf(tenantId, gridIds, start, end),
      repo.residentKinds(tenantId),
    ]);
    const keyKinds = new Set(kinds.filter((k) => k.key_population).map((k) => k.code));
    const labels = new Map(kinds.map((k) => [k.code, k.label]));
    const doneBy = new Map<string, number>();
    for (const v of visits)
      if (v.done_at) doneBy.set(v.household_id, (doneBy.get(v.household_id) ?? 0) + 1);
    const out = new Map<
      string,
      {
        patrol: ReturnType<typeof patrolTally>;
        keyHouseholds: number;
        keyBelowRule: number;
        fiveHouseholds: number;
        fiveBelowRule: number;
        plannedOverdue: number;
        due: HouseholdDue[];
      }
    >();
    for (const g of gridIds) {
      const counts = new Map<string, number>();
      for (const p of starts)
        if (p.grid_id === g) {
          const d = localDay(p.started_at, offset);
          counts.set(d, (counts.get(d) ?? 0) + 1);
        }
      out.set(g, {
        patrol: patrolTally(days, rules.patrolsPerDay, counts),
        keyHouseholds: 0,
        keyBelowRule: 0,
        fiveHouseholds: 0,
        fiveBelowRule: 0,
        plannedOverdue: visits.filter(
          (v) =>
            v.grid_id === g &&
            !v.done_at &&
            v.planned_for !== null &&
            v.planned_for <= asOf &&
            v.planned_for >= monthFirst(month),
        ).length,
        due: [],
      });
    }
    for (const h of households) {
      const t = out.get(h.grid_id);
      if (!t) continue;
      const req = requirement(h.kinds, keyKinds, rules);
      if (!req.required) continue;
      const done = doneBy.get(h.id) ?? 0;
      if (req.key) {
        t.keyHouseholds++;
        if (done < rules.keyVisitsPerMonth) t.keyBelowRule++;
      }
      if (req.five) {
        t.fiveHouseholds++;
        if (done < rules.fiveVisitsPerMonth) t.fiveBelowRule++;
      }
      if (done < req.required) {
        const planned = visits.find((v) => v.household_id === h.id && !v.done_at);
        t.due.push({
          household: { id: h.id, address: h.address },
          grid: { id: h.grid_id, name: '' },
          reasons: req.reasons.map((k) => labels.get(k) ?? k),
          required: req.required,
          done,
          lastVisitAt: null,
          plannedFor: planned?.planned_for ?? null,
          plannedVisitId: planned?.id ?? null,
        });
      }
    }
    return { asOf, days, byGrid: out, visits };
  }

  async function overdueRows(actor: StaffActor, q: OverdueQuery) {
    const offset = await offsetOf(actor.tenantId);
    const today = localDay(clock.now(), offset);
    const month = q.month ?? monthOf(today);
    const rules = await rulesOf(actor.tenantId);
    const rows = await scopedGrids(actor, today, q);
    const ids = rows.map((r) => r.id);
    const [t, workers] = await Promise.all([
      tally(actor.tenantId, ids, month, today, offset, rules),
      repo.gridWorkers(actor.tenantId, ids, today),
    ]);
    const monthComplete = today > monthLast(month);
    const gridRows: OverdueRow[] = rows.map((r) => {
      const x = t.byGrid.get(r.id)!;
      const row = {
        grid: { id: r.id, name: r.name },
        village: { id: r.village_id, name: r.village_name },
        township: r.township_id ? { id: r.township_id, name: r.township_name ?? '' } : null,
        workers: workers.filter((w) => w.grid_id === r.id).map((w) => ({ id: w.id, name: w.name })),
        patrolsDue: x.patrol.due,
        patrolsDone: x.patrol.done,
        patrolDaysMissed: x.patrol.missed.length,
        keyHouseholds: x.keyHouseholds,
        keyBelowRule: x.keyBelowRule,
        fiveHouseholds: x.fiveHouseholds,
        fiveBelowRule: x.fiveBelowRule,
        plannedOverdue: x.plannedOverdue,
        overdue: false,
      };
      row.overdue = isOverdue(row, monthComplete);
      return row;
    });
    let items = gridRows;
    if (q.by === 'worker') {
      const byWorker = new Map<string, OverdueRow & { grids: number }>();
      for (const r of gridRows)
        for (const w of r.workers) {
          const acc = byWorker.get(w.id);
          if (!acc) {
            byWorker.set(w.id, { ...r, workers: [w], grids: 1 });
            continue;
          }
          acc.grids++;
          acc.grid = null;
          if (acc.village?.id !== r.village?.id) acc.village = null;
          if (acc.township?.id !== r.township?.id) acc.township = null;
          for (const k of [
            'patrolsDue',
            'patrolsDone',
            'patrolDaysMissed',
            'keyHouseholds',
            'keyBelowRule',
            'fiveHouseholds',
            'fiveBelowRule',
            'plannedOverdue',
          ] as const)
            acc[k] += r[k];
          acc.overdue = isOverdue(acc, monthComplete);
        }
      items = [...byWorker.values()].map(({ grids: _g, ...r }) => r);
    }
    if (q.onlyOverdue) items = items.filter((r) => r.overdue);
    return { month, asOf: t.asOf, monthComplete, items };
  }

  function isOverdue(
    r: Pick<OverdueRow, 'patrolDaysMissed' | 'plannedOverdue' | 'keyBelowRule' | 'fiveBelowRule'>,
    monthComplete: boolean,
  ) {
    return (
      r.patrolDaysMissed > 0 ||
      r.plannedOverdue > 0 ||
      (monthComplete && r.keyBelowRule + r.fiveBelowRule > 0)
    );
  }

  function monthRange(month: string, offset: number) {
    return dayRange(monthFirst(month), monthLast(month), offset);
  }

  return {
    // ── the worker's day ──
    async today(actor: StaffActor): Promise<DutyToday> {
      const offset = await offsetOf(actor.tenantId);
      const today = localDay(clock.now(), offset);
      const mine = await workerGrids(actor, today);
      if (!mine.length) throw forbidden(m.error.noGrid);
      const ids = mine.map((g) => g.id);
      const rules = await rulesOf(actor.tenantId);
      const month = monthOf(today);
      const [cur, last, openId] = await Promise.all([
        tally(actor.tenantId, ids, month, today, offset, rules),
        tally(actor.tenantId, ids, previousMonth(month), today, offset, rules),
        repo.openPatrol(actor.tenantId, actor.userId),
      ]);
      const todayRange = dayRange(today, today, offset);
      const todays = await repo.patrolStarts(actor.tenantId, ids, todayRange.start, todayRange.end);
      const open = openId ? await repo.patrol(actor.tenantId, openId) : undefined;
      const names = new Map(mine.map((g) => [g.id, g.name]));
      const due = [...cur.byGrid.values()].flatMap((x) => x.due);
      const lastAt = new Map(
        (
          await repo.lastVisits(
            actor.tenantId,
            due.map((d) => d.household.id),
          )
        ).map((r) => [r.household_id, r.last ? new Date(r.last as Date).toISOString() : null]),
      );
      const { start, end } = monthRange(month, offset);
      const reports = await repo.reports(
        actor.tenantId,
        { gridIds: ids, start, end },
        { limit: 1, offset: 0 },
      );
      const missed = [...new Set([...cur.byGrid.values()].flatMap((x) => x.patrol.missed))].sort();
      return {
        date: today,
        grids: mine.map((g) => ({ id: g.id, name: g.name })),
        patrol: {
          due: rules.patrolsPerDay * mine.length,
          done: todays.length,
          open: open ? patrolView(open) : null,
        },
        visitsDue: due.map((d) => ({
          ...d,
          grid: { id: d.grid.id || '', name: names.get(d.grid.id) ?? '' },
          lastVisitAt: lastAt.get(d.household.id) ?? null,
        })),
        visitsDoneThisMonth: cur.visits.filter((v) => v.done_at).length,
        overdue: {
          patrolDaysMissed: missed,
          plannedVisits: cur.visits
            .filter((v) => !v.done_at && v.planned_for !== null && v.planned_for < today)
            .map(visitView),
          lastMonthBelowRule: [...last.byGrid.values()].reduce((n, x) => n + x.due.length, 0),
        },
        reportsThisMonth: reports.total,
      };
    },

    // ── patrols ──
    async startPatrol(actor: StaffActor, b: StartPatrolBody): Promise<PatrolView> {
      const now = clock.now();
      const grid = await ownGrid(actor, localDay(now, await offsetOf(actor.tenantId)), b.gridId);
      if (await repo.openPatrol(actor.tenantId, actor.userId))
        throw new AppError('DUPLICATE', [{ path: '/', message: m.error.patrolOpen }]);
      const id = newId();
      await repo.insertPatrol({
        id,
        tenant_id: actor.tenantId,
        grid_id: grid.id,
        worker_user_id: actor.userId,
        started_at: now,
        ended_at: null,
        points: JSON.stringify(b.point ? [{ ...b.point, at: now.toISOString() }] : []),
        note: b.note?.trim() || null,
        photos: JSON.stringify([]),
        created_at: now,
      });
      return patrolView((await repo.patrol(actor.tenantId, id))!);
    },

    async addPoints(actor: StaffActor, id: string, b: PatrolPointsBody): Promise<PatrolView> {
      const p = await ownPatrol(actor, id);
      if (p.ended_at)
        throw new AppError('DUPLICATE', [{ path: '/', message: m.error.patrolEnded }]);
      const now = clock.now().toISOString();
      const points = [...p.points, ...b.points.map((x) => ({ ...x, at: x.at ?? now }))].slice(
        -2000,
      );
      await repo.updatePatrol(actor.tenantId, id, { points: JSON.stringify(points) });
      return patrolView((await repo.patrol(actor.tenantId, id))!);
    },

    async endPatrol(actor: StaffActor, id: string, b: EndPatrolBody): Promise<PatrolView> {
      const p = await ownPatrol(actor, id);
      if (p.ended_at)
        throw new AppError('DUPLICATE', [{ path: '/', message: m.error.patrolEnded }]);
      const photos = await checkPhotos(actor, b.photos, '/photos');
      const now = clock.now();
      const points = b.point ? [...p.points, { ...b.point, at: now.toISOString() }] : p.points;
      await repo.updatePatrol(actor.tenantId, id, {
        ended_at: now,
        note: b.note?.trim() || p.note,
        photos: JSON.stringify(photos),
        points: JSON.stringify(points),
      });
      return patrolView((await repo.patrol(actor.tenantId, id))!);
    },

    async patrols(actor: StaffActor, q: PatrolListQuery): Promise<PatrolList> {
      const offset = await offsetOf(actor.tenantId);
      const scope = await readScope(actor, localDay(clock.now(), offset));
      const pageSize = q.pageSize ?? 20;
      const page = q.page ?? 1;
      const range = dayRange(q.from ?? '2000-01-01', q.to ?? '2999-12-31', offset);
      const gridIds = q.gridId
        ? scope.gridIds && !scope.gridIds.includes(q.gridId)
          ? []
          : [q.gridId]
        : scope.gridIds;
      const { rows, total } = await repo.patrols(
        actor.tenantId,
        {
          gridIds,
          paths: scope.paths,
          workerUserId: q.workerUserId,
          start: range.start,
          end: range.end,
        },
        { limit: pageSize, offset: (page - 1) * pageSize },
      );
      return { items: rows.map(patrolView), total, page, pageSize };
    },

    // ── visits ──
    async createVisit(actor: StaffActor, b: CreateVisitBody): Promise<VisitView> {
      const now = clock.now();
      const today = localDay(now, await offsetOf(actor.tenantId));
      const h = await repo.household(actor.tenantId, b.householdId);
      if (!h) throw invalid('/householdId', m.error.householdNotInGrid);
      const mine = await workerGrids(actor, today);
      if (!mine.some((g) => g.id === h.grid_id)) throw forbidden(m.error.householdNotInGrid);
      const done = b.done ?? !b.plannedFor;
      const id = newId();
      await repo.insertVisit({
        id,
        tenant_id: actor.tenantId,
        household_id: h.id,
        grid_id: h.grid_id,
        worker_user_id: actor.userId,
        planned_for: b.plannedFor ?? (done ? today : null),
        done_at: done ? now : null,
        note: b.note?.trim() || null,
        created_at: now,
      });
      return visitView((await repo.visit(actor.tenantId, id))!);
    },

    async visitDone(actor: StaffActor, id: string, b: VisitDoneBody): Promise<VisitView> {
      const v = await repo.visit(actor.tenantId, id);
      if (!v) throw new AppError('NOT_FOUND');
      const mine = await workerGrids(actor, localDay(clock.now(), await offsetOf(actor.tenantId)));
      if (!mine.some((g) => g.id === v.grid_id)) throw forbidden(m.error.notYourGrid);
      if (v.done_at) throw new AppError('DUPLICATE', [{ path: '/', message: m.error.visitDone }]);
      await repo.markVisitDone(actor.tenantId, id, clock.now(), b.note?.trim() || null);
      return visitView((await repo.visit(actor.tenantId, id))!);
    },

    // ── rules ──
    async rules(actor: StaffActor): Promise<DutyRulesView> {
      await readScope(actor, localDay(clock.now(), await offsetOf(actor.tenantId)));
      const [r, kinds] = await Promise.all([
        rulesOf(actor.tenantId),
        repo.residentKinds(actor.tenantId),
      ]);
      return {
        patrolsPerDay: r.patrolsPerDay,
        keyVisitsPerMonth: r.keyVisitsPerMonth,
        fiveVisitKinds: r.fiveVisitKinds,
        fiveVisitsPerMonth: r.fiveVisitsPerMonth,
        updatedAt: r.updatedAt?.toISOString() ?? null,
        kinds: kinds.map((k) => ({
          code: k.code,
          label: k.label,
          keyPopulation: k.key_population,
        })),
        canEdit: actor.grants.some((g) => g.role === 'admin'),
      };
    },

    async updateRules(actor: StaffActor, b: UpdateDutyRulesBody): Promise<DutyRulesView> {
      if (!actor.grants.some((g) => g.role === 'admin')) throw new AppError('FORBIDDEN');
      const kinds = new Set((await repo.residentKinds(actor.tenantId)).map((k) => k.code));
      const five = [...new Set(b.fiveVisitKinds)];
      const bad = five.findIndex((k) => !kinds.has(k));
      if (bad >= 0) throw invalid(`/fiveVisitKinds/${bad}`, m.error.unknownKind);
      await repo.saveRules({
        tenant_id: actor.tenantId,
        patrols_per_day: b.patrolsPerDay,
        key_visits_per_month: b.keyVisitsPerMonth,
        five_visit_kinds: five,
        five_visits_per_month: b.fiveVisitsPerMonth,
        updated_by: actor.userId,
        updated_at: clock.now(),
      });
      return this.rules(actor);
    },

    // ── overdue ──
    overdue: overdueRows as (actor: StaffActor, q: OverdueQuery) => Promise<OverdueList>,

    async exportOverdue(actor: StaffActor, q: OverdueQuery): Promise<Buffer> {
      const list = await overdueRows(actor, q);
      const x = m.excel;
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet(`${x.sheet} ${list.month}`);
      ws.columns = [
        { header: x.township, key: 'township', width: 14 },
        { header: x.village, key: 'village', width: 16 },
        { header: x.grid, key: 'grid', width: 20 },
        { header: x.workers, key: 'workers', width: 16 },
        { header: x.patrolsDue, key: 'patrolsDue', width: 11 },
        { header: x.patrolsDone, key: 'patrolsDone', width: 11 },
        { header: x.patrolDaysMissed, key: 'patrolDaysMissed', width: 11 },
        { header: x.keyHouseholds, key: 'keyHouseholds', width: 10 },
        { header: x.keyBelowRule, key: 'keyBelowRule', width: 14 },
        { header: x.fiveHouseholds, key: 'fiveHouseholds', width: 11 },
        { header: x.fiveBelowRule, key: 'fiveBelowRule', width: 11 },
        { header: x.plannedOverdue, key: 'plannedOverdue', width: 13 },
      ];
      for (const r of list.items)
        ws.addRow({
          ...r,
          township: r.township?.name ?? '',
          village: r.village?.name ?? '',
          grid: r.grid?.name ?? '',
          workers: r.workers.map((w) => w.name).join('、'),
        });
      ws.getRow(1).font = { bold: true };
      ws.views = [{ state: 'frozen', ySplit: 1 }];
      return Buffer.from(await wb.xlsx.writeBuffer());
    },

    // ── patrol reports ──
    async createReport(actor: StaffActor, b: CreatePatrolReportBody): Promise<PatrolReportView> {
      const now = clock.now();
      const offset = await offsetOf(actor.tenantId);
      const grid = await ownGrid(actor, localDay(now, offset), b.gridId);
      const group = PATROL_REPORT_KIND_GROUP[b.kind];
      let arrived: Date | null = null;
      if (b.arrivedAt) {
        arrived = new Date(b.arrivedAt);
        if (arrived.getTime() > now.getTime() + 60_000)
          throw invalid('/arrivedAt', m.error.arrivalFuture);
      } else if (group === 'must_attend') throw invalid('/arrivedAt', m.error.arrivalRequired);
      if (b.patrolId) await ownPatrol(actor, b.patrolId);
      const photos = await checkPhotos(actor, b.photos, '/photos');
      const description = b.description.trim();
      const evidence = b.evidence?.trim() || null;
      const id = newId();
      const write = (r: DutiesRepository, ticketId: string | null) =>
        r.insertReport({
          id,
          tenant_id: actor.tenantId,
          grid_id: grid.id,
          worker_user_id: actor.userId,
          patrol_id: b.patrolId ?? null,
          kind: b.kind,
          grp: group,
          reported_at: now,
          arrived_at: arrived,
          description,
          address: b.address?.trim() || null,
          lng: b.point?.lng ?? null,
          lat: b.point?.lat ?? null,
          photos: JSON.stringify(photos),
          outcome: b.outcome,
          ticket_id: ticketId,
          evidence,
          created_at: now,
        });
      if (b.outcome === 'ticket') {
        if (!b.categoryId) throw invalid('/categoryId', m.error.categoryRequired);
        const unit = await repo.gridUnit(actor.tenantId, grid.id);
        await tickets.create(
          actor.tenantId,
          {
            channel: 'grid_patrol',
            type: 'report',
            categoryId: b.categoryId,
            title: b.title?.trim() || `【${m.kind[b.kind]}】${description.slice(0, 30)}`,
            description,
            address: b.address?.trim() || grid.name,
            jurisdictionId: grid.id,
            ...(b.point ? { point: b.point } : {}),
            requester: { name: actor.displayName },
            attachmentIds: photos,
          },
          { actorKind: actor.kind, userId: actor.userId, unitId: unit?.id ?? null },
          // The report and its ticket are written together, or neither.
          (trx, ticket) => write(dutiesRepository(trx), ticket.id),
        );
      } else if (!evidence) throw invalid('/evidence', m.error.evidenceRequired);
      else await write(repo, null);
      const { rows } = await repo.reports(actor.tenantId, { id }, { limit: 1, offset: 0 });
      return reportView(rows[0]!);
    },

    async reports(actor: StaffActor, q: PatrolReportListQuery): Promise<PatrolReportList> {
      const offset = await offsetOf(actor.tenantId);
      const scope = await readScope(actor, localDay(clock.now(), offset));
      const pageSize = q.pageSize ?? 20;
      const page = q.page ?? 1;
      const range = q.month ? monthRange(q.month, offset) : undefined;
      const gridIds = q.gridId
        ? scope.gridIds && !scope.gridIds.includes(q.gridId)
          ? []
          : [q.gridId]
        : scope.gridIds;
      const { rows, total } = await repo.reports(
        actor.tenantId,
        { gridIds, paths: scope.paths, start: range?.start, end: range?.end },
        { limit: pageSize, offset: (page - 1) * pageSize },
      );
      return { items: rows.map(reportView), total, page, pageSize };
    },

    async reportCounts(actor: StaffActor, q: ReportCountsQuery): Promise<ReportCounts> {
      const offset = await offsetOf(actor.tenantId);
      const today = localDay(clock.now(), offset);
      const month = q.month ?? monthOf(today);
      const rows = await scopedGrids(actor, today, q);
      const names = new Map(rows.map((r) => [r.id, r.name]));
      const { start, end } = monthRange(month, offset);
      const counts = await repo.reportCounts(
        actor.tenantId,
        rows.map((r) => r.id),
        start,
        end,
      );
      const blank = (): ReportCountRow => ({
        grid: null,
        worker: null,
        total: 0,
        ticket: 0,
        closedOnSpot: 0,
        byKind: {},
      });
      const add = (acc: ReportCountRow, c: (typeof counts)[number]) => {
        const n = Number(c.n);
        acc.total += n;
        if (c.outcome === 'ticket') acc.ticket += n;
        else acc.closedOnSpot += n;
        acc.byKind[c.kind] = (acc.byKind[c.kind] ?? 0) + n;
      };
      const by = new Map<string, ReportCountRow>();
      const totals = blank();
      for (const c of counts) {
        const key = q.by === 'worker' ? c.worker_user_id : c.grid_id;
        let acc = by.get(key);
        if (!acc) {
          acc = blank();
          if (q.by === 'worker') acc.worker = { id: c.worker_user_id, name: c.worker_name };
          else acc.grid = { id: c.grid_id, name: names.get(c.grid_id) ?? '' };
          by.set(key, acc);
        }
        add(acc, c);
        add(totals, c);
      }
      const items = [...by.values()].sort((a, b) => b.total - a.total);
      return { month, items, totals };
    },
  };
}

export type DutiesService = ReturnType<typeof dutiesService>;
