// [Grid]: the households and residents ledger (住户台账). Households sit in a grid;
// residents carry kinds from the district's configurable list (the common 14 by
// default), some of which mark the key population (重点人群), and care needs.
// Personal data is masked in every list and detail; revealing a resident's full
// phone and ID number is an explicit, logged action. Excel import goes through a
// preview with per-row errors, then a confirmed commit whose progress is polled.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, LocalDate, Nullable, Page, PageQuery, Phone, Ref, Uuid } from './common.js';

// ── kinds ──────────────────────────────────────────────────────────────────

/** The default kinds every district starts with (code, label, key population). */
export const DEFAULT_RESIDENT_KINDS = [
  { code: 'registered', label: '户籍人口', keyPopulation: false },
  { code: 'floating', label: '流动人口', keyPopulation: false },
  { code: 'left_behind_child', label: '留守儿童', keyPopulation: true },
  { code: 'elderly_alone', label: '独居老人', keyPopulation: true },
  { code: 'empty_nest_elderly', label: '空巢老人', keyPopulation: true },
  { code: 'disabled', label: '残疾人', keyPopulation: true },
  { code: 'low_income', label: '低保户', keyPopulation: true },
  { code: 'extreme_hardship', label: '特困人员', keyPopulation: true },
  { code: 'veteran', label: '退役军人', keyPopulation: false },
  { code: 'key_person', label: '重点人员', keyPopulation: true },
  { code: 'entitled_group', label: '优抚对象', keyPopulation: false },
  { code: 'pregnant', label: '孕产妇', keyPopulation: false },
  { code: 'unemployed', label: '失业人员', keyPopulation: false },
  { code: 'foreign_national', label: '外籍人员', keyPopulation: false },
] as const;

export const ResidentKindCode = Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' });

export const ResidentKindView = Type.Object({
  code: ResidentKindCode,
  label: Type.String(),
  sort: Type.Integer(),
  keyPopulation: Type.Boolean({ description: '重点人群' }),
  active: Type.Boolean(),
});
export type ResidentKindView = Static<typeof ResidentKindView>;

export const ResidentKindList = Type.Object({
  items: Type.Array(ResidentKindView),
  canEdit: Type.Boolean(),
});
export type ResidentKindList = Static<typeof ResidentKindList>;

export const CreateResidentKindBody = Type.Object(
  {
    code: ResidentKindCode,
    label: Type.String({ minLength: 1, maxLength: 20 }),
    keyPopulation: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateResidentKindBody = Static<typeof CreateResidentKindBody>;

export const UpdateResidentKindBody = Type.Object(
  {
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    keyPopulation: Type.Optional(Type.Boolean()),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateResidentKindBody = Static<typeof UpdateResidentKindBody>;

export const ReorderResidentKindsBody = Type.Object(
  { codes: Type.Array(ResidentKindCode, { minItems: 1, maxItems: 200 }) },
  { additionalProperties: false },
);
export type ReorderResidentKindsBody = Static<typeof ReorderResidentKindsBody>;

export const ResidentKindCodeParams = Type.Object({ code: ResidentKindCode });

// ── households and residents ───────────────────────────────────────────────

export const Gender = Type.Union([Type.Literal('male'), Type.Literal('female')]);

/** A member as lists show them: name and phone masked, ID number masked. */
export const ResidentBrief = Type.Object({
  id: Uuid,
  name: Type.String({ description: '脱敏姓名,如 张**' }),
  gender: Nullable(Gender),
  age: Nullable(Type.Integer()),
  relation: Nullable(Type.String()),
  phone: Nullable(Type.String({ description: '脱敏电话' })),
  idNumber: Nullable(Type.String({ description: '脱敏身份证号,如 110***********1234' })),
  kinds: Type.Array(Type.String()),
  keyPopulation: Type.Boolean(),
  careNeeds: Nullable(Type.String()),
  leftAt: Nullable(DateTime),
});
export type ResidentBrief = Static<typeof ResidentBrief>;

export const HouseholdView = Type.Object({
  id: Uuid,
  grid: Ref,
  village: Ref,
  address: Type.String(),
  note: Nullable(Type.String()),
  members: Type.Array(ResidentBrief),
  canEdit: Type.Boolean(),
  updatedAt: DateTime,
});
export type HouseholdView = Static<typeof HouseholdView>;

export const HouseholdList = Page(HouseholdView);
export type HouseholdList = Static<typeof HouseholdList>;

const ListFilters = {
  gridId: Type.Optional(Uuid),
  villageId: Type.Optional(Uuid),
  kind: Type.Optional(ResidentKindCode),
  keyPopulation: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 60, description: '姓名或地址' })),
};

export const HouseholdListQuery = Type.Object(
  { ...ListFilters, ...PageQuery },
  { additionalProperties: false },
);
export type HouseholdListQuery = Static<typeof HouseholdListQuery>;

export const HouseholdBody = Type.Object(
  {
    gridId: Uuid,
    address: Type.String({ minLength: 1, maxLength: 200 }),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export type HouseholdBody = Static<typeof HouseholdBody>;

export const ResidentListItem = Type.Composite([
  ResidentBrief,
  Type.Object({ household: Type.Object({ id: Uuid, address: Type.String() }), grid: Ref }),
]);
export type ResidentListItem = Static<typeof ResidentListItem>;

export const ResidentList = Page(ResidentListItem);
export type ResidentList = Static<typeof ResidentList>;

export const ResidentListQuery = Type.Object(
  {
    ...ListFilters,
    householdId: Type.Optional(Uuid),
    includeLeft: Type.Optional(Type.Boolean({ description: '含已迁出' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ResidentListQuery = Static<typeof ResidentListQuery>;

export const ResidentExportQuery = Type.Object(
  {
    ...ListFilters,
    includeLeft: Type.Optional(Type.Boolean()),
    full: Type.Optional(
      Type.Boolean({ description: '导出完整电话与身份证号(须有权限,记入查阅日志)' }),
    ),
  },
  { additionalProperties: false },
);
export type ResidentExportQuery = Static<typeof ResidentExportQuery>;

export const ResidentBody = Type.Object(
  {
    householdId: Uuid,
    name: Type.String({ minLength: 1, maxLength: 40 }),
    gender: Type.Optional(Nullable(Gender)),
    birthDate: Type.Optional(Nullable(LocalDate)),
    relation: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
    phone: Type.Optional(Nullable(Phone)),
    idNumber: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
    kinds: Type.Optional(Type.Array(ResidentKindCode, { maxItems: 30 })),
    careNeeds: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export type ResidentBody = Static<typeof ResidentBody>;

/** A resident's detail (its read is logged); phone and ID number stay masked unless revealed. */
export const ResidentView = Type.Object({
  id: Uuid,
  household: Type.Object({ id: Uuid, address: Type.String() }),
  grid: Ref,
  name: Type.String(),
  gender: Nullable(Gender),
  birthDate: Nullable(LocalDate),
  age: Nullable(Type.Integer()),
  relation: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  idNumber: Nullable(Type.String()),
  revealed: Type.Boolean({ description: '电话与身份证号为完整值' }),
  kinds: Type.Array(Type.String()),
  keyPopulation: Type.Boolean(),
  careNeeds: Nullable(Type.String()),
  note: Nullable(Type.String()),
  leftAt: Nullable(DateTime),
  canEdit: Type.Boolean(),
  updatedAt: DateTime,
});
export type ResidentView = Static<typeof ResidentView>;

export const RevealResidentBody = Type.Object(
  { purpose: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
export type RevealResidentBody = Static<typeof RevealResidentBody>;

export const MoveOutBody = Type.Object(
  { leftOn: Type.Optional(LocalDate) },
  { additionalProperties: false },
);
export type MoveOutBody = Static<typeof MoveOutBody>;

// ── the read log ───────────────────────────────────────────────────────────

export const RESIDENT_READ_ACTIONS = ['view', 'reveal', 'export', 'export_full'] as const;

export const ResidentReadView = Type.Object({
  id: Type.String(),
  user: Ref,
  resident: Nullable(Ref),
  action: Type.Union(RESIDENT_READ_ACTIONS.map((a) => Type.Literal(a))),
  count: Nullable(Type.Integer()),
  purpose: Nullable(Type.String()),
  at: DateTime,
});
export type ResidentReadView = Static<typeof ResidentReadView>;

export const ResidentReadList = Page(ResidentReadView);
export type ResidentReadList = Static<typeof ResidentReadList>;

export const ResidentReadQuery = Type.Object(
  { residentId: Type.Optional(Uuid), ...PageQuery },
  { additionalProperties: false },
);
export type ResidentReadQuery = Static<typeof ResidentReadQuery>;

// ── Excel import ───────────────────────────────────────────────────────────

/** The import template's columns, in order (the export adds 村(社区) and 迁出日期). */
export const RESIDENT_IMPORT_COLUMNS = [
  '网格',
  '地址',
  '姓名',
  '性别',
  '出生日期',
  '与户主关系',
  '联系电话',
  '身份证号',
  '人员类别',
  '照护需求',
  '备注',
] as const;
export type ResidentImportColumn = (typeof RESIDENT_IMPORT_COLUMNS)[number];

/** Stable codes of per-row import problems. */
export const RESIDENT_IMPORT_ERRORS = [
  'REQUIRED',
  'UNKNOWN_GRID',
  'GRID_OUT_OF_SCOPE',
  'UNKNOWN_KIND',
  'INVALID_ID_NUMBER',
  'INVALID_PHONE',
  'INVALID_GENDER',
  'INVALID_DATE',
  'DUPLICATE_IN_FILE',
  'DUPLICATE_IN_DB',
  'TOO_LONG',
] as const;
export type ResidentImportErrorCode = (typeof RESIDENT_IMPORT_ERRORS)[number];

export const ResidentImportError = Type.Object({
  row: Type.Integer({ description: 'Excel 行号(表头为第 1 行)' }),
  column: Type.String(),
  code: Type.Union(RESIDENT_IMPORT_ERRORS.map((c) => Type.Literal(c))),
  message: Type.String(),
});
export type ResidentImportError = Static<typeof ResidentImportError>;

export const RESIDENT_IMPORT_STATES = ['previewed', 'running', 'done', 'failed'] as const;

export const ResidentImportJob = Type.Object({
  id: Uuid,
  status: Type.Union(RESIDENT_IMPORT_STATES.map((s) => Type.Literal(s))),
  fileName: Nullable(Type.String()),
  total: Type.Integer({ description: '数据行数' }),
  valid: Type.Integer(),
  invalid: Type.Integer({ description: '有误的行数' }),
  done: Type.Integer({ description: '已写入的行数' }),
  householdsCreated: Type.Integer(),
  errors: Type.Array(ResidentImportError),
  /** The first valid rows, as they will be written (masked). */
  sample: Type.Array(
    Type.Object({
      row: Type.Integer(),
      grid: Type.String(),
      address: Type.String(),
      name: Type.String(),
      idNumber: Nullable(Type.String()),
      kinds: Type.Array(Type.String()),
    }),
  ),
  failure: Nullable(Type.String()),
  createdAt: DateTime,
  finishedAt: Nullable(DateTime),
});
export type ResidentImportJob = Static<typeof ResidentImportJob>;
