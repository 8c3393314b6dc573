// Period reports (generated on request, nothing stored): the weekly dispatch-meeting
// pack for the district or one township, and the monthly and quarterly reports of
// the district or one unit, as JSON and as Excel, PDF and CSV (render.ts).
//
// Readers: administrators, supervisors and the dispatch centre's dispatchers and
// leaders read every scope; a township's leader reads its township's pack and the
// reports of the units in its territory; any unit's leader reads its own unit's.
import type { Kysely } from 'kysely';
import type {
  MonthlyReportQuery,
  PeriodReport,
  PeriodReportOptions,
  PeriodReportTable,
  QuarterlyReportQuery,
  ReportHeadline,
  ReportOverdueTicket,
  ReportRanking,
  ReportScope,
  UnitAssessmentRow,
  UnitAssessmentView,
  UnitPeerGroup,
  WeeklyPack,
  WeeklyPackQuery,
} from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import type { StaffActor } from '../../shared/actor.js';
import { AppError } from '../../shared/errors.js';
import { utcOffsetOf } from '../calendar/service.js';
import type { AssessmentRange } from '../assessment/service.js';
import {
  currentKeys,
  monthPeriod,
  monthsEndingWith,
  previousPeriod,
  quarterPeriod,
  recentPeriods,
  weekPeriod,
  type Period,
} from './period.js';
import { periodReportsRepository, type TicketScope } from './repository.js';
import { monthlyDocument, weeklyDocument } from './present.js';
import { toCsv, toPdf, toXlsx, type RenderedFile } from './render.js';

const DAY_MS = 86_400_000;
/** Longest list in a report; the total is always given. */
export const LIST_LIMIT = 500;

type UnitRow = Awaited<ReturnType<ReturnType<typeof periodReportsRepository>['units']>>[number];

const districtWide = (a: StaffActor) =>
  a.grants.some(
    (g) =>
      g.role === 'admin' ||
      g.role === 'supervisor' ||
      (g.unitKind === 'dispatch_centre' && (g.role === 'dispatcher' || g.role === 'unit_leader')),
  );

function groupOf(u: Pick<UnitRow, 'kind' | 'level'>): UnitPeerGroup | null {
  if (u.kind === 'department') return 'department';
  if (u.kind === 'government' && u.level === 'township') return 'township';
  if (u.kind === 'government' && u.level === 'village') return 'village';
  return null;
}

/**
 * The assessment is asked as a district-wide reader: this service has already
 * decided what the actor may read, and reads one row or the district's groups.
 */
const asReader = (a: StaffActor): StaffActor => ({
  ...a,
  scope: 'tenant',
  grants: [
    {
      unitId: '',
      unitName: '',
      unitKind: 'dispatch_centre',
      jurisdictionPath: '/',
      role: 'supervisor',
    },
  ],
});

const rate = (n: number, d: number) => (d > 0 ? n / d : null);

export function periodReportsService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  assessment: { range(actor: StaffActor, r: AssessmentRange): Promise<UnitAssessmentView> };
}) {
  const { db, clock, assessment } = deps;
  const repo = periodReportsRepository(db);

  async function context(actor: StaffActor) {
    const [tenant, units] = await Promise.all([
      repo.tenant(actor.tenantId),
      repo.units(actor.tenantId),
    ]);
    return {
      district: tenant?.name ?? '',
      offset: utcOffsetOf(tenant?.settings),
      units,
      now: clock.now(),
    };
  }

  /** Government units the actor leads. */
  const led = (actor: StaffActor, units: UnitRow[]) =>
    actor.grants
      .filter((g) => g.role === 'unit_leader')
      .map((g) => units.find((u) => u.id === g.unitId))
      .filter((u): u is UnitRow => u !== undefined);

  function canSeeUnit(actor: StaffActor, unit: UnitRow, units: UnitRow[]) {
    if (districtWide(actor)) return true;
    return led(actor, units).some(
      (l) => l.id === unit.id || (l.kind === 'government' && unit.path.startsWith(l.path)),
    );
  }

  async function headline(
    tenantId: string,
    scope: TicketScope,
    p: { from: Date; to: Date },
    now: Date,
  ): Promise<ReportHeadline> {
    const h = await repo.headline(tenantId, scope, p, now);
    return {
      received: h.received,
      dispatched: h.dispatched,
      completed: h.completed,
      completedOnTime: h.completed_on_time,
      onTimeRate: rate(h.completed_on_time, h.completed),
      overdueNow: h.overdue_now,
    };
  }

  async function overdue(tenantId: string, scope: TicketScope, now: Date) {
    const o = await repo.overdue(tenantId, scope, now, LIST_LIMIT);
    return {
      total: o.total,
      items: o.rows.map((r): ReportOverdueTicket => ({
        id: r.id,
        code: r.code,
        title: r.title,
        leadUnit: r.lead_unit_id ? { id: r.lead_unit_id, name: r.lead_unit_name ?? '' } : null,
        place: r.place,
        dueAt: new Date(r.completion_due_at).toISOString(),
        daysOverdue: Math.ceil((now.getTime() - new Date(r.completion_due_at).getTime()) / DAY_MS),
      })),
    };
  }

  async function topCategories(tenantId: string, scope: TicketScope, p: Period, offset: number) {
    const prev = previousPeriod(p, offset);
    const rows = await repo.topCategories(tenantId, scope, p, prev, 10);
    return rows.map((r) => ({
      category: { id: r.id, name: r.name },
      count: r.n,
      previous: r.prev,
      change: r.n - r.prev,
    }));
  }

  const periodView = (p: Period) => ({
    kind: p.kind,
    key: p.key,
    label: p.label,
    firstDay: p.firstDay,
    lastDay: p.lastDay,
  });

  async function weekly(actor: StaffActor, q: WeeklyPackQuery): Promise<WeeklyPack> {
    const ctx = await context(actor);
    const p = weekPeriod(q.week, ctx.offset);
    let townshipId = q.townshipId;
    if (!districtWide(actor)) {
      const mine = led(actor, ctx.units).filter((u) => groupOf(u) === 'township');
      if (!townshipId && mine.length === 1) townshipId = mine[0]!.jurisdiction_id;
      if (!townshipId || !mine.some((u) => u.jurisdiction_id === townshipId))
        throw new AppError('FORBIDDEN');
    }
    let scope: TicketScope = { kind: 'district' };
    let scopeView: ReportScope = { kind: 'district', id: null, name: ctx.district };
    if (townshipId) {
      const j = await repo.jurisdiction(actor.tenantId, townshipId);
      if (!j || j.level !== 'township') throw new AppError('UNKNOWN_JURISDICTION');
      scope = { kind: 'township', path: j.path };
      scopeView = { kind: 'township', id: j.id, name: j.name };
    }
    const t = actor.tenantId;
    const prev = previousPeriod(p, ctx.offset);
    const [head, prevHead, od, red, cats, villages, addresses, esc] = await Promise.all([
      headline(t, scope, p, ctx.now),
      headline(t, scope, prev, ctx.now),
      overdue(t, scope, ctx.now),
      repo.redItems(t, scope, LIST_LIMIT),
      topCategories(t, scope, p, ctx.offset),
      repo.topVillages(t, scope, p, 10),
      repo.topAddresses(t, scope, p, 10),
      repo.escalationsWaiting(t, scope, LIST_LIMIT),
    ]);
    return {
      kind: 'weekly',
      district: ctx.district,
      period: periodView(p),
      scope: scopeView,
      generatedAt: ctx.now.toISOString(),
      headline: head,
      previousHeadline: prevHead,
      overdue: od,
      red: {
        available: red !== null,
        total: red?.total ?? 0,
        items: (red?.rows ?? []).map((r) => ({
          id: r.id,
          title: r.title,
          unit: r.unit_id ? { id: r.unit_id, name: r.unit_name ?? '' } : null,
          level: r.level,
          ticketCode: r.code,
          clearBy: r.clear_by ? new Date(r.clear_by).toISOString() : null,
          createdAt: new Date(r.created_at).toISOString(),
        })),
      },
      topCategories: cats,
      topVillages: villages.map((r) => ({ name: r.name, count: r.n })),
      topAddresses: addresses.map((r) => ({ name: r.name, count: r.n })),
      escalations: {
        total: esc.total,
        items: esc.rows.map((r) => ({
          id: r.id,
          ticket: { id: r.ticket_id, code: r.code, title: r.title },
          fromUnit: { id: r.from_id, name: r.from_name },
          toUnit: { id: r.to_id, name: r.to_name },
          reason: r.reason,
          raisedAt: new Date(r.raised_at).toISOString(),
          waitingDays: Math.floor((ctx.now.getTime() - new Date(r.raised_at).getTime()) / DAY_MS),
        })),
      },
    };
  }

  const assessRange = (actor: StaffActor, p: Period, group: UnitPeerGroup, townshipId?: string) =>
    assessment.range(asReader(actor), {
      from: p.months[0]!,
      months: p.months.length,
      group,
      ...(townshipId ? { townshipId } : {}),
    });

  async function report(
    actor: StaffActor,
    kind: 'monthly' | 'quarterly',
    key: string,
    unitId: string | undefined,
  ): Promise<PeriodReport> {
    const ctx = await context(actor);
    const p = kind === 'monthly' ? monthPeriod(key, ctx.offset) : quarterPeriod(key, ctx.offset);
    const t = actor.tenantId;
    let unit: UnitRow | undefined;
    if (unitId) {
      unit = ctx.units.find((u) => u.id === unitId);
      if (!unit) throw new AppError('UNKNOWN_UNIT');
      if (!canSeeUnit(actor, unit, ctx.units)) throw new AppError('FORBIDDEN');
    } else if (!districtWide(actor)) throw new AppError('FORBIDDEN');
    const scope: TicketScope = unit ? { kind: 'unit', unitId: unit.id } : { kind: 'district' };
    const months = kind === 'quarterly' ? p.months : monthsEndingWith(p.months[0]!, 3);
    const [head, trend, cats, od] = await Promise.all([
      headline(t, scope, p, ctx.now),
      Promise.all(
        months.map(async (m) => ({
          month: m,
          ...(await headline(t, scope, monthPeriod(m, ctx.offset), ctx.now)),
        })),
      ),
      topCategories(t, scope, p, ctx.offset),
      overdue(t, scope, ctx.now),
    ]);
    let rankings: ReportRanking[] = [];
    let overdueByUnit: PeriodReport['overdueByUnit'] = [];
    let row: UnitAssessmentRow | null = null;
    if (!unit) {
      const [twp, dept, byUnit] = await Promise.all([
        assessRange(actor, p, 'township'),
        assessRange(actor, p, 'department'),
        repo.overdueByUnit(t, ctx.now),
      ]);
      rankings = [
        { group: 'township', label: '街乡镇', ranked: twp.ranked, rows: twp.items },
        { group: 'department', label: '委办局', ranked: dept.ranked, rows: dept.items },
      ];
      overdueByUnit = byUnit.map((r) => ({ unit: { id: r.id, name: r.name }, count: r.n }));
    } else {
      const group = groupOf(unit);
      if (group) {
        const township =
          group === 'village'
            ? ctx.units.find((u) => groupOf(u) === 'township' && unit.path.startsWith(u.path))
                ?.jurisdiction_id
            : undefined;
        const v = await assessRange(actor, p, group, township);
        row = v.items.find((r) => r.unit.id === unit.id) ?? null;
      }
    }
    return {
      kind,
      district: ctx.district,
      period: periodView(p),
      scope: unit
        ? { kind: 'unit', id: unit.id, name: unit.name }
        : { kind: 'district', id: null, name: ctx.district },
      generatedAt: ctx.now.toISOString(),
      headline: head,
      trend,
      topCategories: cats,
      rankings,
      overdueByUnit,
      assessment: row,
      overdue: od,
    };
  }

  async function render(
    doc: ReturnType<typeof weeklyDocument>,
    format: 'xlsx' | 'pdf' | 'csv',
    table: PeriodReportTable | undefined,
  ): Promise<RenderedFile> {
    if (format === 'xlsx') return toXlsx(doc);
    if (format === 'pdf') return toPdf(doc);
    const key = table ?? doc.tables[0]!.key;
    const tables = doc.tables.filter((x) => x.key === key);
    if (!tables.length)
      throw new AppError('VALIDATION_FAILED', [{ path: '/table', message: '该报告没有这张表' }]);
    return toCsv(doc, tables);
  }

  const offsetOf = async (tenantId: string) => utcOffsetOf((await repo.tenant(tenantId))?.settings);

  return {
    weekly,
    monthly: (actor: StaffActor, q: MonthlyReportQuery) =>
      report(actor, 'monthly', q.month, q.unitId),
    quarterly: (actor: StaffActor, q: QuarterlyReportQuery) =>
      report(actor, 'quarterly', q.quarter, q.unitId),

    async weeklyFile(actor: StaffActor, q: WeeklyPackQuery, format: 'xlsx' | 'pdf' | 'csv') {
      const pack = await weekly(actor, q);
      return render(weeklyDocument(pack, await offsetOf(actor.tenantId)), format, q.table);
    },

    async reportFile(
      actor: StaffActor,
      kind: 'monthly' | 'quarterly',
      q: { key: string; unitId?: string; table?: PeriodReportTable },
      format: 'xlsx' | 'pdf' | 'csv',
    ) {
      const r = await report(actor, kind, q.key, q.unitId);
      return render(monthlyDocument(r, await offsetOf(actor.tenantId)), format, q.table);
    },

    /** The current periods and the scopes the actor may pick on the page. */
    async options(actor: StaffActor): Promise<PeriodReportOptions> {
      const ctx = await context(actor);
      const wide = districtWide(actor);
      const mine = led(actor, ctx.units);
      const townships = ctx.units
        .filter((u) => groupOf(u) === 'township')
        .filter((u) => wide || mine.some((l) => l.id === u.id));
      const units = ctx.units
        .filter((u) => groupOf(u) !== null || mine.some((l) => l.id === u.id))
        .filter((u) => canSeeUnit(actor, u, ctx.units));
      return {
        current: currentKeys(ctx.now, ctx.offset),
        weeks: recentPeriods('weekly', ctx.now, 26, ctx.offset),
        months: recentPeriods('monthly', ctx.now, 24, ctx.offset),
        quarters: recentPeriods('quarterly', ctx.now, 8, ctx.offset),
        districtWide: wide,
        townships: townships.map((u) => ({ id: u.jurisdiction_id, name: u.jurisdiction_name })),
        units: units.map((u) => ({ id: u.id, name: u.name, group: groupOf(u) ?? 'other' })),
      };
    },
  };
}
export type PeriodReportsService = ReturnType<typeof periodReportsService>;
