// [Grid] duties (网格履职): a grid worker's daily patrol (巡查打卡, with points and photos),
// household visits (走访, planned and done), the district's duty rules (a patrol a day per
// grid, key households visited twice a month, the 五必访 groups monthly), the overdue
// duties per worker and grid, and patrol reports — 三必到 (must attend, with the arrival
// time) and 四必报 (must report) — that become a ticket (channel 网格巡查) or are closed
// on the spot with evidence (未诉先办).
import { Type, type Static } from '@sinclair/typebox';
import {
  DateTime,
  LocalDate,
  Nullable,
  Page,
  PageQuery,
  Ref,
  Uuid,
  literalUnion,
} from './common.js';

export const PATROL_REPORT_GROUPS = ['must_attend', 'must_report'] as const;
export type PatrolReportGroup = (typeof PATROL_REPORT_GROUPS)[number];

/** 三必到: emergency, resident in difficulty, neighbour dispute; 四必报: the other four. */
export const PATROL_REPORT_KINDS = [
  'emergency',
  'resident_in_difficulty',
  'neighbour_dispute',
  'stability_threat',
  'safety_hazard',
  'newcomer',
  'damaged_facility',
] as const;
export type PatrolReportKind = (typeof PATROL_REPORT_KINDS)[number];

export const PATROL_REPORT_KIND_GROUP: Record<PatrolReportKind, PatrolReportGroup> = {
  emergency: 'must_attend',
  resident_in_difficulty: 'must_attend',
  neighbour_dispute: 'must_attend',
  stability_threat: 'must_report',
  safety_hazard: 'must_report',
  newcomer: 'must_report',
  damaged_facility: 'must_report',
};

export const PATROL_REPORT_OUTCOMES = ['ticket', 'closed_on_spot'] as const;
export type PatrolReportOutcome = (typeof PATROL_REPORT_OUTCOMES)[number];

/** zh-CN labels of the duties' enums (server messages and the pages). */
export const dutiesZhCN = {
  group: { must_attend: '三必到', must_report: '四必报' } as Record<PatrolReportGroup, string>,
  kind: {
    emergency: '突发事件',
    resident_in_difficulty: '群众遇困',
    neighbour_dispute: '邻里纠纷',
    stability_threat: '不稳定因素',
    safety_hazard: '安全隐患',
    newcomer: '新增人员',
    damaged_facility: '设施损坏',
  } as Record<PatrolReportKind, string>,
  outcome: { ticket: '转为工单', closed_on_spot: '当场办结' } as Record<
    PatrolReportOutcome,
    string
  >,
  error: {
    notYourGrid: '只能在本人负责的网格内履职',
    noGrid: '当前账号没有负责的网格',
    patrolOpen: '已有进行中的巡查,请先结束',
    patrolEnded: '该巡查已结束',
    householdNotInGrid: '该住户不在本人负责的网格内',
    visitDone: '该走访已完成',
    categoryRequired: '转为工单时请选择诉求分类',
    evidenceRequired: '当场办结时请说明处置情况',
    arrivalRequired: '三必到事项请填写到场时间',
    arrivalFuture: '到场时间不能晚于当前时间',
    unknownKind: '未知的居民类别',
    monthInvalid: '月份格式应为 YYYY-MM',
  },
  excel: {
    sheet: '网格履职逾期',
    township: '街乡镇',
    village: '村(社区)',
    grid: '网格',
    workers: '网格员',
    patrolsDue: '应巡查(次)',
    patrolsDone: '已巡查(次)',
    patrolDaysMissed: '未巡查天数',
    keyHouseholds: '重点户数',
    keyBelowRule: '重点户走访不足',
    fiveHouseholds: '五必访户数',
    fiveBelowRule: '五必访不足',
    plannedOverdue: '计划走访逾期',
  },
};

const Group = literalUnion(PATROL_REPORT_GROUPS);
const Kind = literalUnion(PATROL_REPORT_KINDS);
const Outcome = literalUnion(PATROL_REPORT_OUTCOMES);
const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const Lng = Type.Number({ minimum: -180, maximum: 180 });
const Lat = Type.Number({ minimum: -90, maximum: 90 });
const Photos = Type.Array(Uuid, { maxItems: 9, description: '已上传附件的 id(/api/attachments)' });

export const TrackPoint = Type.Object({ lng: Lng, lat: Lat, at: DateTime });
export type TrackPoint = Static<typeof TrackPoint>;

// ── patrols ────────────────────────────────────────────────────────────────

export const StartPatrolBody = Type.Object(
  {
    /** Needed only when the worker keeps several grids. */
    gridId: Type.Optional(Uuid),
    point: Type.Optional(Type.Object({ lng: Lng, lat: Lat }, { additionalProperties: false })),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type StartPatrolBody = Static<typeof StartPatrolBody>;

export const PatrolPointsBody = Type.Object(
  {
    points: Type.Array(
      Type.Object(
        { lng: Lng, lat: Lat, at: Type.Optional(DateTime) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);
export type PatrolPointsBody = Static<typeof PatrolPointsBody>;

export const EndPatrolBody = Type.Object(
  {
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    photos: Type.Optional(Photos),
    point: Type.Optional(Type.Object({ lng: Lng, lat: Lat }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type EndPatrolBody = Static<typeof EndPatrolBody>;

export const PatrolView = Type.Object({
  id: Uuid,
  grid: Ref,
  worker: Ref,
  startedAt: DateTime,
  endedAt: Nullable(DateTime),
  points: Type.Array(TrackPoint),
  note: Nullable(Type.String()),
  photos: Type.Array(Uuid),
});
export type PatrolView = Static<typeof PatrolView>;

export const PatrolListQuery = Type.Object(
  {
    gridId: Type.Optional(Uuid),
    workerUserId: Type.Optional(Uuid),
    from: Type.Optional(LocalDate),
    to: Type.Optional(LocalDate),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type PatrolListQuery = Static<typeof PatrolListQuery>;
export const PatrolList = Page(PatrolView);
export type PatrolList = Static<typeof PatrolList>;

// ── visits ─────────────────────────────────────────────────────────────────

export const CreateVisitBody = Type.Object(
  {
    householdId: Uuid,
    /** A planned visit (no `done`), or a visit recorded as done now. */
    plannedFor: Type.Optional(LocalDate),
    done: Type.Optional(Type.Boolean()),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type CreateVisitBody = Static<typeof CreateVisitBody>;

export const VisitDoneBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
export type VisitDoneBody = Static<typeof VisitDoneBody>;

export const VisitView = Type.Object({
  id: Uuid,
  household: Type.Object({ id: Uuid, address: Type.String() }),
  grid: Ref,
  worker: Ref,
  plannedFor: Nullable(LocalDate),
  doneAt: Nullable(DateTime),
  note: Nullable(Type.String()),
});
export type VisitView = Static<typeof VisitView>;

// ── rules ──────────────────────────────────────────────────────────────────

export const DutyRulesView = Type.Object({
  patrolsPerDay: Type.Integer({ description: '每个网格每天应巡查次数' }),
  keyVisitsPerMonth: Type.Integer({ description: '重点人群户每月应走访次数' }),
  fiveVisitKinds: Type.Array(Type.String(), { description: '五必访对象的居民类别编码' }),
  fiveVisitsPerMonth: Type.Integer({ description: '五必访户每月应走访次数' }),
  updatedAt: Nullable(DateTime),
  /** The district's resident kinds to choose the 五必访 groups from. */
  kinds: Type.Array(
    Type.Object({ code: Type.String(), label: Type.String(), keyPopulation: Type.Boolean() }),
  ),
  canEdit: Type.Boolean(),
});
export type DutyRulesView = Static<typeof DutyRulesView>;

export const UpdateDutyRulesBody = Type.Object(
  {
    patrolsPerDay: Type.Integer({ minimum: 0, maximum: 10 }),
    keyVisitsPerMonth: Type.Integer({ minimum: 0, maximum: 31 }),
    fiveVisitKinds: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 30 }),
    fiveVisitsPerMonth: Type.Integer({ minimum: 0, maximum: 31 }),
  },
  { additionalProperties: false },
);
export type UpdateDutyRulesBody = Static<typeof UpdateDutyRulesBody>;

// ── today ──────────────────────────────────────────────────────────────────

export const HouseholdDue = Type.Object({
  household: Type.Object({ id: Uuid, address: Type.String() }),
  grid: Ref,
  /** Why it must be visited: the labels of its residents' kinds that the rules name. */
  reasons: Type.Array(Type.String()),
  required: Type.Integer(),
  done: Type.Integer(),
  lastVisitAt: Nullable(DateTime),
  plannedFor: Nullable(LocalDate),
  plannedVisitId: Nullable(Uuid),
});
export type HouseholdDue = Static<typeof HouseholdDue>;

export const DutyToday = Type.Object({
  date: LocalDate,
  grids: Type.Array(Ref),
  patrol: Type.Object({
    due: Type.Integer(),
    done: Type.Integer(),
    open: Nullable(PatrolView),
  }),
  /** Households still below the rule this month. */
  visitsDue: Type.Array(HouseholdDue),
  visitsDoneThisMonth: Type.Integer(),
  overdue: Type.Object({
    /** Days of this month before today with fewer patrols than the rule. */
    patrolDaysMissed: Type.Array(LocalDate),
    /** Planned visits whose day has passed, not done. */
    plannedVisits: Type.Array(VisitView),
    /** Households below the rule last month. */
    lastMonthBelowRule: Type.Integer(),
  }),
  reportsThisMonth: Type.Integer(),
});
export type DutyToday = Static<typeof DutyToday>;

// ── overdue (per grid / worker) ────────────────────────────────────────────

export const OverdueQuery = Type.Object(
  {
    month: Type.Optional(Month),
    townshipId: Type.Optional(Uuid),
    villageId: Type.Optional(Uuid),
    gridId: Type.Optional(Uuid),
    by: Type.Optional(literalUnion(['grid', 'worker'] as const)),
    onlyOverdue: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type OverdueQuery = Static<typeof OverdueQuery>;

export const OverdueRow = Type.Object({
  /** The grid (by=grid), or null when a worker's row sums several grids. */
  grid: Nullable(Ref),
  village: Nullable(Ref),
  township: Nullable(Ref),
  /** The worker (by=worker), or the grid's workers (by=grid). */
  workers: Type.Array(Ref),
  patrolsDue: Type.Integer(),
  patrolsDone: Type.Integer(),
  patrolDaysMissed: Type.Integer(),
  keyHouseholds: Type.Integer(),
  keyBelowRule: Type.Integer(),
  fiveHouseholds: Type.Integer(),
  fiveBelowRule: Type.Integer(),
  plannedOverdue: Type.Integer(),
  overdue: Type.Boolean(),
});
export type OverdueRow = Static<typeof OverdueRow>;

export const OverdueList = Type.Object({
  month: Month,
  /** The last day counted: yesterday in the current month, else the month's last day. */
  asOf: LocalDate,
  monthComplete: Type.Boolean(),
  items: Type.Array(OverdueRow),
});
export type OverdueList = Static<typeof OverdueList>;

// ── patrol reports ─────────────────────────────────────────────────────────

export const CreatePatrolReportBody = Type.Object(
  {
    gridId: Type.Optional(Uuid),
    patrolId: Type.Optional(Uuid),
    kind: Kind,
    description: Type.String({ minLength: 5, maxLength: 2000 }),
    address: Type.Optional(Type.String({ maxLength: 200 })),
    point: Type.Optional(Type.Object({ lng: Lng, lat: Lat }, { additionalProperties: false })),
    photos: Type.Optional(Photos),
    /** 三必到: when the worker arrived. */
    arrivedAt: Type.Optional(DateTime),
    outcome: Outcome,
    /** For a ticket: its category and, optionally, title. */
    categoryId: Type.Optional(Uuid),
    title: Type.Optional(Type.String({ minLength: 2, maxLength: 100 })),
    /** For 当场办结: what was done. */
    evidence: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type CreatePatrolReportBody = Static<typeof CreatePatrolReportBody>;

export const PatrolReportView = Type.Object({
  id: Uuid,
  grid: Ref,
  worker: Ref,
  kind: Kind,
  group: Group,
  reportedAt: DateTime,
  arrivedAt: Nullable(DateTime),
  description: Type.String(),
  address: Nullable(Type.String()),
  point: Nullable(Type.Object({ lng: Type.Number(), lat: Type.Number() })),
  photos: Type.Array(Uuid),
  outcome: Outcome,
  ticket: Nullable(Type.Object({ id: Uuid, code: Type.String() })),
  evidence: Nullable(Type.String()),
});
export type PatrolReportView = Static<typeof PatrolReportView>;

export const PatrolReportListQuery = Type.Object(
  {
    gridId: Type.Optional(Uuid),
    month: Type.Optional(Month),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type PatrolReportListQuery = Static<typeof PatrolReportListQuery>;
export const PatrolReportList = Page(PatrolReportView);
export type PatrolReportList = Static<typeof PatrolReportList>;

export const ReportCountsQuery = Type.Object(
  {
    month: Type.Optional(Month),
    by: Type.Optional(literalUnion(['grid', 'worker'] as const)),
    townshipId: Type.Optional(Uuid),
    villageId: Type.Optional(Uuid),
    gridId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type ReportCountsQuery = Static<typeof ReportCountsQuery>;

export const ReportCountRow = Type.Object({
  grid: Nullable(Ref),
  worker: Nullable(Ref),
  total: Type.Integer(),
  ticket: Type.Integer(),
  closedOnSpot: Type.Integer(),
  byKind: Type.Record(Type.String(), Type.Integer()),
});
export type ReportCountRow = Static<typeof ReportCountRow>;

export const ReportCounts = Type.Object({
  month: Month,
  items: Type.Array(ReportCountRow),
  totals: ReportCountRow,
});
export type ReportCounts = Static<typeof ReportCounts>;
