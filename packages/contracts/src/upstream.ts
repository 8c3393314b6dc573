// [Interop] the upstream import: ticket batches from the city's 12345 platform, as JSON
// or as the Excel layout of a 12345 export read through a saved column mapping.
// Idempotent on the upstream ticket id (a second import reports `existing`); the
// upstream received time becomes the ticket's received time; rows with errors are
// reported one by one (row, field, code, Chinese message) and the valid rows go in.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Point, Uuid, literalUnion } from './common.js';
import { CHANNELS, TICKET_TYPES } from './enums.js';

export const UPSTREAM_MAX_BATCH = 2000;

/** One upstream ticket as JSON; `category` is a category's code or name; `type` a code or its label. */
export const UpstreamTicketInput = Type.Object(
  {
    upstreamId: Type.String({ minLength: 1, maxLength: 64, description: '上级平台工单编号' }),
    receivedAt: Type.String({
      description: '上级平台受理时间(ISO 8601,或 YYYY-MM-DD HH:mm[:ss] 北京时间)',
    }),
    channel: Type.Optional(literalUnion(CHANNELS)),
    type: Type.String({ description: `诉求类型:${TICKET_TYPES.join('、')} 或其中文名` }),
    category: Type.String({ description: '诉求分类:分类编码或名称' }),
    title: Type.String({ minLength: 2, maxLength: 100 }),
    description: Type.String({ minLength: 5, maxLength: 4000 }),
    address: Type.String({ minLength: 2, maxLength: 200 }),
    requester: Type.Optional(
      Type.Object({
        name: Type.Optional(Type.String({ maxLength: 50 })),
        phone: Type.Optional(Type.String({ maxLength: 20 })),
      }),
    ),
    point: Type.Optional(Point),
    upstreamDeadline: Type.Optional(Type.String({ description: '上级平台办理时限' })),
  },
  { additionalProperties: false },
);
export type UpstreamTicketInput = Static<typeof UpstreamTicketInput>;

/**
 * The batch. Its items are checked one by one (see UpstreamTicketInput), so that a bad
 * row is reported with its number and the good rows are imported.
 */
export const UpstreamImportBody = Type.Object(
  {
    tickets: Type.Array(Type.Object({}, { additionalProperties: true }), {
      minItems: 1,
      maxItems: UPSTREAM_MAX_BATCH,
      description: '每项为 UpstreamTicketInput',
    }),
  },
  { additionalProperties: false },
);
export type UpstreamImportBody = Static<typeof UpstreamImportBody>;

export const UPSTREAM_ROW_ERRORS = [
  'required',
  'invalid',
  'invalid_time',
  'invalid_type',
  'unknown_category',
  'invalid_phone',
  'duplicate_in_batch',
  'place_not_located',
  'failed',
] as const;
export type UpstreamRowErrorCode = (typeof UPSTREAM_ROW_ERRORS)[number];

export const UPSTREAM_ROW_MESSAGES: Record<UpstreamRowErrorCode, string> = {
  required: '必填项为空',
  invalid: '内容不符合要求(长度或格式)',
  invalid_time: '时间无法识别,请用 YYYY-MM-DD HH:mm 或 ISO 8601',
  invalid_type: '诉求类型须为 咨询、求助、投诉、举报、建议 之一',
  unknown_category: '诉求分类不存在或已停用',
  invalid_phone: '联系电话不是有效的手机或固定电话号码',
  duplicate_in_batch: '本批次中工单编号重复,只导入第一行',
  place_not_located: '事发地址无法定位到本区的区域',
  failed: '该行导入失败,请稍后重试',
};

export const UpstreamRowError = Type.Object({
  row: Type.Integer({ description: 'JSON 为序号(从 1 起),Excel 为表格行号' }),
  upstreamId: Nullable(Type.String()),
  field: Type.String(),
  code: literalUnion(UPSTREAM_ROW_ERRORS),
  message: Type.String(),
});
export type UpstreamRowError = Static<typeof UpstreamRowError>;

export const UpstreamImportResult = Type.Object({
  total: Type.Integer(),
  created: Type.Integer(),
  existing: Type.Integer(),
  failed: Type.Integer(),
  rows: Type.Array(
    Type.Object({
      row: Type.Integer(),
      upstreamId: Type.String(),
      status: literalUnion(['created', 'existing'] as const),
      ticketId: Uuid,
      code: Type.String(),
    }),
  ),
  errors: Type.Array(UpstreamRowError),
});
export type UpstreamImportResult = Static<typeof UpstreamImportResult>;

/** The fields a mapping's columns may point to. */
export const UPSTREAM_FIELDS = [
  'upstreamId',
  'receivedAt',
  'requesterName',
  'requesterPhone',
  'type',
  'category',
  'title',
  'description',
  'address',
  'upstreamDeadline',
  'channel',
  'lng',
  'lat',
] as const;
export type UpstreamField = (typeof UPSTREAM_FIELDS)[number];
export const UPSTREAM_REQUIRED_FIELDS: readonly UpstreamField[] = [
  'upstreamId',
  'receivedAt',
  'type',
  'category',
  'title',
  'description',
  'address',
];

/** The layout of a typical 12345 export. */
export const DEFAULT_UPSTREAM_MAPPING = {
  name: '12345 标准导出',
  headerRow: 1,
  columns: {
    工单编号: 'upstreamId',
    来电时间: 'receivedAt',
    来电人: 'requesterName',
    联系电话: 'requesterPhone',
    诉求类型: 'type',
    诉求分类: 'category',
    标题: 'title',
    诉求内容: 'description',
    事发地址: 'address',
    办理时限: 'upstreamDeadline',
  } as Record<string, UpstreamField>,
};

export const UpstreamMappingBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 60 }),
    headerRow: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    columns: Type.Record(
      Type.String({ minLength: 1, maxLength: 60 }),
      literalUnion(UPSTREAM_FIELDS),
      { description: '表头 → 字段' },
    ),
  },
  { additionalProperties: false },
);
export type UpstreamMappingBody = Static<typeof UpstreamMappingBody>;

export const UpstreamMappingView = Type.Object({
  id: Nullable(Uuid),
  name: Type.String(),
  headerRow: Type.Integer(),
  columns: Type.Record(Type.String(), Type.String()),
  builtIn: Type.Boolean({ description: '内置的 12345 标准导出映射(不可修改)' }),
  updatedAt: Nullable(DateTime),
});
export type UpstreamMappingView = Static<typeof UpstreamMappingView>;
export const UpstreamMappingList = Type.Object({ items: Type.Array(UpstreamMappingView) });
export type UpstreamMappingList = Static<typeof UpstreamMappingList>;

export const UpstreamExcelQuery = Type.Object(
  {
    mapping: Type.Optional(
      Type.String({ maxLength: 60, description: '列映射名称;默认 12345 标准导出' }),
    ),
  },
  { additionalProperties: false },
);
