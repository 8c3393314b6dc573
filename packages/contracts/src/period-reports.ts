// [Assessment] reports and exports: the weekly dispatch-meeting pack (调度会材料)
// and the monthly and quarterly reports per unit and per district, as JSON for the
// page and as Excel, PDF (with an embedded CJK font) and CSV downloads.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Ref, Uuid, literalUnion } from './common.js';
import { UnitAssessmentRow, UNIT_PEER_GROUPS } from './assessment.js';

export const PERIOD_REPORT_FORMATS = ['json', 'xlsx', 'pdf', 'csv'] as const;
export type PeriodReportFormat = (typeof PERIOD_REPORT_FORMATS)[number];

/** The tables a CSV can carry (one CSV per table; the report's main table by default). */
export const PERIOD_REPORT_TABLES = [
  'overdue',
  'red',
  'categories',
  'villages',
  'addresses',
  'escalations',
  'rankings',
  'trend',
  'overdueByUnit',
] as const;
export type PeriodReportTable = (typeof PERIOD_REPORT_TABLES)[number];

const format = Type.Optional(literalUnion(PERIOD_REPORT_FORMATS, '默认 json'));
const table = Type.Optional(literalUnion(PERIOD_REPORT_TABLES, 'CSV 导出哪一张表;默认主表'));

export const WeeklyPackQuery = Type.Object(
  {
    week: Type.String({ maxLength: 10, description: 'ISO 周次 YYYY-Www(周一至周日,本地时间)' }),
    /** One township (its jurisdiction); absent: the whole district. */
    townshipId: Type.Optional(Uuid),
    format,
    table,
  },
  { additionalProperties: false },
);
export type WeeklyPackQuery = Static<typeof WeeklyPackQuery>;

export const MonthlyReportQuery = Type.Object(
  {
    month: Type.String({ maxLength: 10, description: 'YYYY-MM' }),
    /** One unit; absent: the whole district. */
    unitId: Type.Optional(Uuid),
    format,
    table,
  },
  { additionalProperties: false },
);
export type MonthlyReportQuery = Static<typeof MonthlyReportQuery>;

export const QuarterlyReportQuery = Type.Object(
  {
    quarter: Type.String({ maxLength: 10, description: 'YYYY-Qn' }),
    unitId: Type.Optional(Uuid),
    format,
    table,
  },
  { additionalProperties: false },
);
export type QuarterlyReportQuery = Static<typeof QuarterlyReportQuery>;

export const ReportPeriod = Type.Object({
  kind: literalUnion(['weekly', 'monthly', 'quarterly']),
  key: Type.String(),
  label: Type.String(),
  /** First and last local day, inclusive. */
  firstDay: Type.String({ format: 'date' }),
  lastDay: Type.String({ format: 'date' }),
});
export type ReportPeriod = Static<typeof ReportPeriod>;

export const ReportScope = Type.Object({
  kind: literalUnion(['district', 'township', 'unit']),
  id: Nullable(Uuid),
  name: Type.String(),
});
export type ReportScope = Static<typeof ReportScope>;

const Count = Type.Integer({ minimum: 0 });

/** Headline numbers of a period: received, dispatched and completed in it, overdue now. */
export const ReportHeadline = Type.Object({
  received: Count,
  dispatched: Count,
  /** Feedback given (办结) in the period. */
  completed: Count,
  completedOnTime: Count,
  /** completedOnTime / completed; null without completions. */
  onTimeRate: Nullable(Type.Number({ minimum: 0, maximum: 1 })),
  /** Open tickets past their completion deadline at generation time. */
  overdueNow: Count,
});
export type ReportHeadline = Static<typeof ReportHeadline>;

export const ReportOverdueTicket = Type.Object({
  id: Uuid,
  code: Type.String(),
  title: Type.String(),
  leadUnit: Nullable(Ref),
  place: Type.String(),
  dueAt: DateTime,
  /** Whole days past the deadline (a started day counts). */
  daysOverdue: Count,
});
export type ReportOverdueTicket = Static<typeof ReportOverdueTicket>;

export const ReportRedItem = Type.Object({
  id: Type.String(),
  title: Type.String(),
  unit: Nullable(Ref),
  level: Type.String(),
  ticketCode: Nullable(Type.String()),
  clearBy: Nullable(Type.String()),
  createdAt: DateTime,
});
export type ReportRedItem = Static<typeof ReportRedItem>;

export const ReportCategoryCount = Type.Object({
  category: Ref,
  count: Count,
  /** The same category in the previous period (week before, month or quarter before). */
  previous: Count,
  change: Type.Integer(),
});
export type ReportCategoryCount = Static<typeof ReportCategoryCount>;

export const ReportPlaceCount = Type.Object({ name: Type.String(), count: Count });

export const ReportEscalation = Type.Object({
  id: Uuid,
  ticket: Type.Object({ id: Uuid, code: Type.String(), title: Type.String() }),
  fromUnit: Ref,
  toUnit: Ref,
  reason: Type.String(),
  raisedAt: DateTime,
  waitingDays: Count,
});
export type ReportEscalation = Static<typeof ReportEscalation>;

const Listed = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({
    total: Count,
    /** At most 500 listed; `total` counts them all. */
    items: Type.Array(item),
  });

export const WeeklyPack = Type.Object({
  kind: Type.Literal('weekly'),
  district: Type.String(),
  period: ReportPeriod,
  scope: ReportScope,
  generatedAt: DateTime,
  headline: ReportHeadline,
  previousHeadline: ReportHeadline,
  overdue: Listed(ReportOverdueTicket),
  /** Red-list items still open; `available` false until colour lists exist in the database. */
  red: Type.Object({ available: Type.Boolean(), total: Count, items: Type.Array(ReportRedItem) }),
  topCategories: Type.Array(ReportCategoryCount),
  topVillages: Type.Array(ReportPlaceCount),
  topAddresses: Type.Array(ReportPlaceCount),
  escalations: Listed(ReportEscalation),
});
export type WeeklyPack = Static<typeof WeeklyPack>;

export const ReportTrendMonth = Type.Object({ month: Type.String(), ...ReportHeadline.properties });
export type ReportTrendMonth = Static<typeof ReportTrendMonth>;

export const ReportRanking = Type.Object({
  group: literalUnion(UNIT_PEER_GROUPS),
  label: Type.String(),
  ranked: Count,
  rows: Type.Array(UnitAssessmentRow),
});
export type ReportRanking = Static<typeof ReportRanking>;

export const ReportUnitOverdue = Type.Object({ unit: Ref, count: Count });

export const PeriodReport = Type.Object({
  kind: literalUnion(['monthly', 'quarterly']),
  district: Type.String(),
  period: ReportPeriod,
  scope: ReportScope,
  generatedAt: DateTime,
  headline: ReportHeadline,
  /** Month by month: the quarter's months, or for a month the three months ending with it. */
  trend: Type.Array(ReportTrendMonth),
  topCategories: Type.Array(ReportCategoryCount),
  /** District: townships and departments ranked on 三率. Empty for a unit. */
  rankings: Type.Array(ReportRanking),
  /** District: overdue now per lead unit, most first. */
  overdueByUnit: Type.Array(ReportUnitOverdue),
  /** Unit: its 三率 row (null for a unit outside every peer group). */
  assessment: Nullable(UnitAssessmentRow),
  /** Unit: its overdue tickets now (district: the 500 most overdue). */
  overdue: Listed(ReportOverdueTicket),
});
export type PeriodReport = Static<typeof PeriodReport>;

const PeriodChoice = Type.Object({ key: Type.String(), label: Type.String() });

/** What the page offers the reader: the current periods and the scopes it may pick. */
export const PeriodReportOptions = Type.Object({
  current: Type.Object({ week: Type.String(), month: Type.String(), quarter: Type.String() }),
  /** The recent periods to pick from, the current first. */
  weeks: Type.Array(PeriodChoice),
  months: Type.Array(PeriodChoice),
  quarters: Type.Array(PeriodChoice),
  districtWide: Type.Boolean(),
  townships: Type.Array(Ref),
  units: Type.Array(Type.Object({ id: Uuid, name: Type.String(), group: Type.String() })),
});
export type PeriodReportOptions = Static<typeof PeriodReportOptions>;
