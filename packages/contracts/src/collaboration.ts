// [Dispatch] 首接负责 and 协办: objections to a dispatch (异议/退单) with their review,
// and co-units' tasks (一单多派). The actions themselves are rows of the state
// machine (workflow.ts); these are the lists and counts around them.
import { Type, type Static } from '@sinclair/typebox';
import { OBJECTION_REASONS, OBJECTION_STATES, TASK_SOURCES, TASK_STATES } from './enums.js';
import { DateTime, Nullable, Page, PageQuery, Ref, Uuid, literalUnion } from './common.js';
import { AttachmentView, LinkedTicket } from './tickets.js';

export const ObjectionView = Type.Object({
  id: Uuid,
  ticket: LinkedTicket,
  /** The unit that objected: the lead unit the ticket had been dispatched to. */
  unit: Ref,
  reason: literalUnion(OBJECTION_REASONS),
  text: Type.String(),
  attachments: Type.Array(AttachmentView),
  raisedBy: Nullable(Ref),
  raisedAt: DateTime,
  dispatchedAt: Nullable(DateTime),
  dispatcher: Nullable(Ref),
  state: literalUnion(OBJECTION_STATES),
  reviewedBy: Nullable(Ref),
  reviewedAt: Nullable(DateTime),
  reviewNote: Nullable(Type.String()),
  dispatchFault: Nullable(Type.Boolean({ description: '异议成立且认定为派单差错' })),
  newUnit: Nullable(Ref),
  waitingMinutes: Type.Integer({ description: '自提出至审核(未审核的至当前)经过的分钟数' }),
});
export type ObjectionView = Static<typeof ObjectionView>;

export const ObjectionListQuery = Type.Object(
  {
    ...PageQuery,
    state: Type.Optional(Type.Array(literalUnion(OBJECTION_STATES))),
    reason: Type.Optional(Type.Array(literalUnion(OBJECTION_REASONS))),
    unitId: Type.Optional(Uuid),
    from: Type.Optional(DateTime),
    to: Type.Optional(DateTime),
    q: Type.Optional(Type.String({ maxLength: 100, description: '工单编号或标题' })),
  },
  { additionalProperties: false },
);
export type ObjectionListQuery = Static<typeof ObjectionListQuery>;

export const ObjectionList = Page(ObjectionView);
export type ObjectionList = Static<typeof ObjectionList>;

export const ObjectionStatsQuery = Type.Object(
  {
    from: Type.Optional(DateTime),
    to: Type.Optional(DateTime),
  },
  { additionalProperties: false },
);
export type ObjectionStatsQuery = Static<typeof ObjectionStatsQuery>;

const ObjectionCounts = {
  raised: Type.Integer({ description: '提出异议数' }),
  open: Type.Integer({ description: '待审核' }),
  upheld: Type.Integer({ description: '异议成立(改派)' }),
  rejected: Type.Integer({ description: '异议驳回' }),
  withFault: Type.Integer({ description: '成立且认定为派单差错' }),
};

/** Objections counted per objecting unit and per dispatcher, by the time they were raised. */
export const ObjectionStats = Type.Object({
  from: Nullable(DateTime),
  to: Nullable(DateTime),
  total: Type.Object(ObjectionCounts),
  byUnit: Type.Array(Type.Object({ unit: Ref, ...ObjectionCounts })),
  byDispatcher: Type.Array(
    Type.Object(
      { dispatcher: Nullable(Ref), ...ObjectionCounts },
      {
        description: '被异议的派单的派单员;无派单记录的为 null',
      },
    ),
  ),
});
export type ObjectionStats = Static<typeof ObjectionStats>;

export const TaskView = Type.Object({
  id: Uuid,
  ticket: LinkedTicket,
  /** The co-unit the task is for. */
  unit: Ref,
  leadUnit: Nullable(Ref),
  source: literalUnion(TASK_SOURCES),
  state: literalUnion(TASK_STATES),
  assignedAt: DateTime,
  responseDueAt: Nullable(DateTime),
  completionDueAt: Nullable(DateTime),
  acceptedAt: Nullable(DateTime),
  reportedAt: Nullable(DateTime),
  part: Nullable(Type.String({ description: '协办单位报送的办理情况' })),
  reportedBy: Nullable(Ref),
  overdue: Type.Boolean({ description: '工单办理中、任务未报送且已过办结时限' }),
  responseOverdue: Type.Boolean({ description: '任务未签收且已过签收时限' }),
});
export type TaskView = Static<typeof TaskView>;

export const TaskListQuery = Type.Object(
  {
    ...PageQuery,
    mine: Type.Optional(literalUnion(['1', '0'] as const, '1:只看本单位的协办任务')),
    state: Type.Optional(Type.Array(literalUnion(TASK_STATES))),
    overdue: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ maxLength: 100, description: '工单编号或标题' })),
  },
  { additionalProperties: false },
);
export type TaskListQuery = Static<typeof TaskListQuery>;

export const TaskList = Page(TaskView);
export type TaskList = Static<typeof TaskList>;
