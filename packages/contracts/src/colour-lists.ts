// [Assessment] colour lists (三色清单, 两级清单): a village or township government keeps
// its matters in three colours — yellow (solved at once: 日清周报), orange (needs several
// parties: 周清月报), red (long-term or needs the upper level: 月清季报). These are the
// shapes of the items, their change log, the tenant's cadences and the cadence reports.
import { Type, type Static } from '@sinclair/typebox';
import { COLOURS } from './enums.js';
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
import { LinkedTicket } from './tickets.js';

/** The period within which an item of a colour is to be cleared (清). */
export const CLEAR_UNITS = ['day', 'week', 'month'] as const;
export type ClearUnit = (typeof CLEAR_UNITS)[number];
/** The period a colour's progress is reported on (报). */
export const REPORT_UNITS = ['week', 'month', 'quarter'] as const;
export type ReportUnit = (typeof REPORT_UNITS)[number];
export const COLOUR_LEVELS = ['village', 'township'] as const;
export type ColourLevel = (typeof COLOUR_LEVELS)[number];
export const COLOUR_ITEM_STATUSES = ['open', 'cleared'] as const;
export type ColourItemStatus = (typeof COLOUR_ITEM_STATUSES)[number];
/** Where a matter came from: a ticket, or found by the unit itself. */
export const COLOUR_SOURCES = ['ticket', 'patrol', 'visit', 'meeting', 'other'] as const;
export type ColourSource = (typeof COLOUR_SOURCES)[number];
export const COLOUR_CHANGE_KINDS = ['added', 'raised', 'lowered', 'cleared'] as const;
export type ColourChangeKind = (typeof COLOUR_CHANGE_KINDS)[number];

const ColourSchema = literalUnion(COLOURS);
const Flag = literalUnion(['1', 'true', '0', 'false']);

export const ColourCadence = Type.Object(
  { clear: literalUnion(CLEAR_UNITS), report: literalUnion(REPORT_UNITS) },
  { additionalProperties: false },
);
export type ColourCadence = Static<typeof ColourCadence>;

export const ColourCadences = Type.Object(
  { yellow: ColourCadence, orange: ColourCadence, red: ColourCadence },
  { additionalProperties: false },
);
export type ColourCadences = Static<typeof ColourCadences>;

/** The seed's cadences: 日清周报, 周清月报, 月清季报. */
export const DEFAULT_COLOUR_CADENCES: ColourCadences = {
  yellow: { clear: 'day', report: 'week' },
  orange: { clear: 'week', report: 'month' },
  red: { clear: 'month', report: 'quarter' },
};

export const ColourCadenceVersion = Type.Object({
  /** 0: the defaults, never changed. */
  version: Type.Integer(),
  cadences: ColourCadences,
  reason: Nullable(Type.String()),
  createdBy: Nullable(Ref),
  createdAt: Nullable(DateTime),
});
export type ColourCadenceVersion = Static<typeof ColourCadenceVersion>;

export const ColourCadenceConfig = Type.Object({
  current: ColourCadenceVersion,
  /** Every version, newest first. */
  history: Type.Array(ColourCadenceVersion),
});
export type ColourCadenceConfig = Static<typeof ColourCadenceConfig>;

export const UpdateColourCadencesBody = Type.Object(
  { cadences: ColourCadences, reason: Type.String({ minLength: 2, maxLength: 500 }) },
  { additionalProperties: false },
);
export type UpdateColourCadencesBody = Static<typeof UpdateColourCadencesBody>;

/** A unit keeping a list that the actor may see. */
export const ColourUnit = Type.Object({
  id: Uuid,
  name: Type.String(),
  level: literalUnion(COLOUR_LEVELS),
  /** For a village: its township's government unit. */
  parentId: Nullable(Uuid),
  /** The actor may add, recolour and clear its items. */
  writable: Type.Boolean(),
});
export type ColourUnit = Static<typeof ColourUnit>;

export const ColourUnitList = Type.Object({ items: Type.Array(ColourUnit) });
export type ColourUnitList = Static<typeof ColourUnitList>;

export const ColourItemView = Type.Object({
  id: Uuid,
  unit: Ref,
  level: literalUnion(COLOUR_LEVELS),
  colour: ColourSchema,
  title: Type.String(),
  description: Nullable(Type.String()),
  source: literalUnion(COLOUR_SOURCES),
  ticket: Nullable(LinkedTicket),
  status: literalUnion(COLOUR_ITEM_STATUSES),
  /** Open past its clear-by time. */
  overdue: Type.Boolean(),
  /** For an overdue item: the clearing periods it has carried over (days, weeks, months). */
  carriedPeriods: Type.Integer(),
  clearBy: DateTime,
  createdAt: DateTime,
  raisedBy: Nullable(Ref),
  clearedAt: Nullable(DateTime),
  clearedBy: Nullable(Ref),
  clearNote: Nullable(Type.String()),
  /** Cleared by its clear-by time (null while open). */
  clearedOnTime: Nullable(Type.Boolean()),
  writable: Type.Boolean(),
});
export type ColourItemView = Static<typeof ColourItemView>;

export const ColourItemChange = Type.Object({
  id: Type.String(),
  at: DateTime,
  kind: literalUnion(COLOUR_CHANGE_KINDS),
  fromColour: Nullable(ColourSchema),
  toColour: ColourSchema,
  clearBy: DateTime,
  reason: Nullable(Type.String()),
  by: Nullable(Ref),
});
export type ColourItemChange = Static<typeof ColourItemChange>;

export const ColourItemDetail = Type.Object({
  item: ColourItemView,
  changes: Type.Array(ColourItemChange),
});
export type ColourItemDetail = Static<typeof ColourItemDetail>;

export const ColourItemListQuery = Type.Object(
  {
    ...PageQuery,
    colour: Type.Optional(ColourSchema),
    unitId: Type.Optional(Uuid),
    /** With a township's unitId: its villages' items too. */
    includeVillages: Type.Optional(Flag),
    level: Type.Optional(literalUnion(COLOUR_LEVELS)),
    status: Type.Optional(literalUnion(COLOUR_ITEM_STATUSES)),
    /** 1: only open items past their clear-by time. */
    overdue: Type.Optional(Flag),
    /** A piece of the title or a ticket code. */
    q: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type ColourItemListQuery = Static<typeof ColourItemListQuery>;

export const ColourItemList = Page(ColourItemView);
export type ColourItemList = Static<typeof ColourItemList>;

export const ColourCountsQuery = Type.Object(
  {
    unitId: Type.Optional(Uuid),
    includeVillages: Type.Optional(Flag),
    level: Type.Optional(literalUnion(COLOUR_LEVELS)),
  },
  { additionalProperties: false },
);
export type ColourCountsQuery = Static<typeof ColourCountsQuery>;

export const ColourCount = Type.Object({
  colour: ColourSchema,
  open: Type.Integer(),
  overdue: Type.Integer(),
  cleared: Type.Integer(),
});
export type ColourCount = Static<typeof ColourCount>;

export const ColourCounts = Type.Object({ items: Type.Array(ColourCount) });
export type ColourCounts = Static<typeof ColourCounts>;

export const AddColourItemBody = Type.Object(
  {
    /** The keeping unit; default: the actor's own village or township. */
    unitId: Type.Optional(Uuid),
    colour: ColourSchema,
    /** Default: the ticket's title. Required for a freestanding item. */
    title: Type.Optional(Type.String({ minLength: 2, maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    source: Type.Optional(literalUnion(COLOUR_SOURCES)),
    ticketId: Type.Optional(Uuid),
    ticketCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type AddColourItemBody = Static<typeof AddColourItemBody>;

/** Putting a ticket on a list from the ticket: the colour defaults to the ticket's, else yellow. */
export const AddTicketToColourListBody = Type.Object(
  {
    unitId: Type.Optional(Uuid),
    colour: Type.Optional(ColourSchema),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type AddTicketToColourListBody = Static<typeof AddTicketToColourListBody>;

export const ChangeColourBody = Type.Object(
  { colour: ColourSchema, reason: Type.String({ minLength: 2, maxLength: 500 }) },
  { additionalProperties: false },
);
export type ChangeColourBody = Static<typeof ChangeColourBody>;

export const ClearColourItemBody = Type.Object(
  { note: Type.String({ minLength: 2, maxLength: 2000 }) },
  { additionalProperties: false },
);
export type ClearColourItemBody = Static<typeof ClearColourItemBody>;

export const BulkClearColourItemsBody = Type.Object(
  {
    ids: Type.Array(Uuid, { minItems: 1, maxItems: 200, uniqueItems: true }),
    note: Type.String({ minLength: 2, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type BulkClearColourItemsBody = Static<typeof BulkClearColourItemsBody>;

export const BulkClearResult = Type.Object({
  cleared: Type.Integer(),
  /** Items not cleared, with why (already cleared, not the actor's, unknown). */
  skipped: Type.Array(Type.Object({ id: Uuid, code: Type.String() })),
});
export type BulkClearResult = Static<typeof BulkClearResult>;

export const ColourReportQuery = Type.Object(
  {
    unitId: Uuid,
    colour: ColourSchema,
    /** A local day inside the period; default today. */
    at: Type.Optional(LocalDate),
    includeVillages: Type.Optional(Flag),
  },
  { additionalProperties: false },
);
export type ColourReportQuery = Static<typeof ColourReportQuery>;

/**
 * A period's figures for the items of a colour (its colour at the period's end):
 * opening + new = cleared + carriedOver.
 */
export const ColourFigures = Type.Object({
  /** Open at the period's start (brought forward). */
  opening: Type.Integer(),
  new: Type.Integer(),
  cleared: Type.Integer(),
  clearedOnTime: Type.Integer(),
  /** Not cleared by their clear-by time, which fell in or before the period. */
  overdue: Type.Integer(),
  /** Still open at the period's end (or now): carried over to the next. */
  carriedOver: Type.Integer(),
});
export type ColourFigures = Static<typeof ColourFigures>;

export const ColourReportPeriod = Type.Object({
  unit: literalUnion(REPORT_UNITS),
  start: DateTime,
  end: DateTime,
  label: Type.String(),
  /** The local first day of this, the previous and the next period (null: in the future). */
  at: LocalDate,
  prevAt: LocalDate,
  nextAt: Nullable(LocalDate),
  /** The period has not ended yet: figures are as of now. */
  current: Type.Boolean(),
});
export type ColourReportPeriod = Static<typeof ColourReportPeriod>;

export const ColourReportItem = Type.Object({
  id: Uuid,
  unit: Ref,
  title: Type.String(),
  ticketCode: Nullable(Type.String()),
  createdAt: DateTime,
  clearBy: DateTime,
  clearedAt: Nullable(DateTime),
  clearNote: Nullable(Type.String()),
  isNew: Type.Boolean(),
  cleared: Type.Boolean(),
  clearedOnTime: Type.Boolean(),
  overdue: Type.Boolean(),
  carriedOver: Type.Boolean(),
});
export type ColourReportItem = Static<typeof ColourReportItem>;

export const ColourReport = Type.Object({
  unit: Ref,
  colour: ColourSchema,
  includeVillages: Type.Boolean(),
  period: ColourReportPeriod,
  figures: ColourFigures,
  byUnit: Type.Array(Type.Object({ unit: Ref, ...ColourFigures.properties })),
  items: Type.Array(ColourReportItem),
});
export type ColourReport = Static<typeof ColourReport>;

/** Server-side strings of the colour lists (Excel sheets, period labels), zh-CN. */
export const colourListMessages = {
  colour: { yellow: '黄色', orange: '橙色', red: '红色' },
  cadence: { yellow: '日清周报', orange: '周清月报', red: '月清季报' },
  level: { village: '村(社区)', township: '街乡镇' },
  status: { open: '未清结', cleared: '已清结' },
  source: {
    ticket: '工单',
    patrol: '巡查发现',
    visit: '走访发现',
    meeting: '会议交办',
    other: '其他',
  },
  listSheet: '三色清单',
  reportSheet: '汇总',
  reportItemsSheet: '明细',
  reportTitle: '{unit}{colour}清单{period}报表',
  weekLabel: '{year}年第{week}周({from}至{to})',
  monthLabel: '{year}年{month}月',
  quarterLabel: '{year}年第{q}季度',
  bulkSkipped: { cleared: '已清结', forbidden: '无权清结', missing: '不存在' },
  yes: '是',
  no: '否',
  col: {
    unit: '单位',
    level: '层级',
    colour: '颜色',
    title: '事项',
    description: '说明',
    source: '来源',
    ticket: '工单编号',
    status: '状态',
    overdue: '超期',
    carried: '结转周期数',
    createdAt: '列入时间',
    clearBy: '清结期限',
    clearedAt: '清结时间',
    clearNote: '清结说明',
    raisedBy: '列入人',
    clearedBy: '清结人',
    opening: '上期结转',
    new: '本期新增',
    cleared: '本期清结',
    clearedOnTime: '按期清结',
    overdueCount: '超期',
    carriedOver: '未清结转下期',
    period: '报告期',
    isNew: '本期新增',
    clearedOnTimeFlag: '按期',
  },
} as const;
