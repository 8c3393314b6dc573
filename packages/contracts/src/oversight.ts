// [Assessment] oversight: urges (督办) and the audit trail. The actions themselves
// (urge, respond_urge) are rows of the state machine (workflow.ts); these are the
// shapes of the urge list, its counts per unit, the sweep and the audit exports.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Page, PageQuery, Ref, Uuid, literalUnion } from './common.js';
import { LinkedTicket } from './tickets.js';

/**
 * An urge as read now: `open` (waiting, deadline ahead), `overdue` (waiting, deadline
 * passed, not yet escalated), `escalated` (ignored past the deadline and sent up),
 * `responded` (answered, possibly after an escalation).
 */
export const URGE_STATUSES = ['open', 'overdue', 'escalated', 'responded'] as const;
export type UrgeStatus = (typeof URGE_STATUSES)[number];

export const UrgeView = Type.Object({
  id: Uuid,
  ticket: LinkedTicket,
  /** The urged unit. */
  unit: Ref,
  status: literalUnion(URGE_STATUSES),
  note: Type.String(),
  dueAt: DateTime,
  createdAt: DateTime,
  by: Nullable(Ref),
  byUnit: Nullable(Ref),
  respondedAt: Nullable(DateTime),
  respondedBy: Nullable(Ref),
  response: Nullable(Type.String()),
  /** When the unit says it will finish. */
  finishBy: Nullable(DateTime),
  /** Answered after the deadline. */
  late: Type.Boolean(),
  escalatedAt: Nullable(DateTime),
  escalatedTo: Nullable(Ref),
});
export type UrgeView = Static<typeof UrgeView>;

export const UrgeListQuery = Type.Object(
  {
    ...PageQuery,
    status: Type.Optional(literalUnion(URGE_STATUSES)),
    /** The urged unit. */
    unitId: Type.Optional(Uuid),
    ticketId: Type.Optional(Uuid),
    /** Urged in [from, to). */
    from: Type.Optional(DateTime),
    to: Type.Optional(DateTime),
    mine: Type.Optional(literalUnion(['1', 'true', '0', 'false'], '为 1 时只列出督办本人单位的')),
  },
  { additionalProperties: false },
);
export type UrgeListQuery = Static<typeof UrgeListQuery>;

export const UrgeList = Page(UrgeView);
export type UrgeList = Static<typeof UrgeList>;

/** Urges per urged unit over a period (assessment reads these). */
export const UrgeUnitCount = Type.Object({
  unit: Ref,
  total: Type.Integer(),
  responded: Type.Integer(),
  respondedLate: Type.Integer(),
  waiting: Type.Integer(),
  escalated: Type.Integer(),
});
export type UrgeUnitCount = Static<typeof UrgeUnitCount>;

export const UrgeCountsQuery = Type.Object(
  { from: Type.Optional(DateTime), to: Type.Optional(DateTime) },
  { additionalProperties: false },
);
export type UrgeCountsQuery = Static<typeof UrgeCountsQuery>;

export const UrgeCounts = Type.Object({ items: Type.Array(UrgeUnitCount) });
export type UrgeCounts = Static<typeof UrgeCounts>;

export const UrgeSweepResult = Type.Object({
  /** Urges escalated by this sweep (0 when run again). */
  escalated: Type.Integer(),
  notified: Type.Integer(),
});
export type UrgeSweepResult = Static<typeof UrgeSweepResult>;

export const AUDIT_FORMATS = ['xlsx', 'csv'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export const TicketAuditQuery = Type.Object(
  { format: Type.Optional(literalUnion(AUDIT_FORMATS)) },
  { additionalProperties: false },
);
export type TicketAuditQuery = Static<typeof TicketAuditQuery>;

/** One event of a unit's actions: what its staff did, on which ticket. */
export const UnitAuditItem = Type.Object({
  /** The event's id. */
  id: Type.String(),
  at: DateTime,
  ticket: LinkedTicket,
  action: Type.String(),
  fromState: Nullable(Type.String()),
  toState: Type.String(),
  actor: Nullable(Ref),
  reason: Nullable(Type.String()),
  visibility: literalUnion(['public', 'internal']),
});
export type UnitAuditItem = Static<typeof UnitAuditItem>;

export const UnitAuditQuery = Type.Object(
  {
    ...PageQuery,
    unitId: Uuid,
    from: Type.Optional(DateTime),
    to: Type.Optional(DateTime),
    format: Type.Optional(literalUnion(AUDIT_FORMATS)),
  },
  { additionalProperties: false },
);
export type UnitAuditQuery = Static<typeof UnitAuditQuery>;

export const UnitAuditList = Page(UnitAuditItem);
export type UnitAuditList = Static<typeof UnitAuditList>;

export const oversightMessages = {
  urgeNotice: '【督办升级】{unit}未在期限内回复工单{code}的督办({note}),请督促办理。',
  sheetTrail: '工单轨迹',
  sheetUnit: '单位操作记录',
  col: {
    seq: '序号',
    at: '时间',
    code: '工单编号',
    title: '标题',
    action: '操作',
    fromState: '原状态',
    toState: '新状态',
    actorUnit: '操作单位',
    actor: '操作人',
    reason: '理由',
    visibility: '可见范围',
    detail: '内容',
  },
  visibility: { public: '公开', internal: '内部' },
  actorKind: { requester: '诉求人', system: '系统', api: '接口' },
  urgeSheet: '督办清单',
  urgeCol: {
    code: '工单编号',
    title: '标题',
    unit: '被督办单位',
    status: '状态',
    note: '督办要求',
    dueAt: '督办期限',
    by: '督办人',
    byUnit: '督办单位',
    createdAt: '督办时间',
    respondedAt: '回复时间',
    response: '回复内容',
    finishBy: '承诺办结时间',
    escalatedTo: '升级至',
  },
  status: { open: '待回复', overdue: '已超期', escalated: '已升级', responded: '已回复' },
} as const;
