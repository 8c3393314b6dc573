import { Type, type Static } from '@sinclair/typebox';
import {
  CHANNELS,
  COLOURS,
  OUTCOMES,
  SATISFACTIONS,
  TICKET_STATES,
  TICKET_TYPES,
  URGENCIES,
  ACTOR_KINDS,
} from './enums.js';
import { TICKET_ACTIONS } from './workflow.js';
import {
  DateTime,
  Nullable,
  Page,
  PageQuery,
  Phone,
  Point,
  Ref,
  Uuid,
  literalUnion,
} from './common.js';

export const TicketStateSchema = literalUnion(TICKET_STATES);

/** A ticket as the lists of things about it show it (a task's, an objection's, a whistle's). */
export const LinkedTicket = Type.Object({
  id: Uuid,
  code: Type.String(),
  title: Type.String(),
  state: TicketStateSchema,
});
export type LinkedTicket = Static<typeof LinkedTicket>;
export const TicketActionSchema = literalUnion(TICKET_ACTIONS);

export const RequesterInput = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 50 })),
    phone: Type.Optional(Phone),
    anonymous: Type.Optional(Type.Boolean()),
    confidential: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const CreateTicketBody = Type.Object(
  {
    channel: literalUnion(CHANNELS),
    type: literalUnion(TICKET_TYPES),
    categoryId: Uuid,
    title: Type.String({ minLength: 2, maxLength: 100 }),
    description: Type.String({ minLength: 5, maxLength: 4000 }),
    address: Type.String({ minLength: 2, maxLength: 200 }),
    jurisdictionId: Type.Optional(
      Type.String({
        format: 'uuid',
        description:
          '所属区域;不填时按位置(point)或地址定位到网格、村(社区)或乡镇。给出位置且位置落在所选区域内的网格时,细化到该网格',
      }),
    ),
    point: Type.Optional(Point),
    requester: RequesterInput,
    urgency: Type.Optional(literalUnion(URGENCIES)),
    colour: Type.Optional(literalUnion(COLOURS)),
    subjectUnitId: Type.Optional(Uuid),
    attachmentIds: Type.Optional(Type.Array(Uuid, { maxItems: 9, uniqueItems: true })),
    upstreamId: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type CreateTicketBody = Static<typeof CreateTicketBody>;

export const RequesterView = Type.Object({
  name: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  masked: Type.Boolean({ description: '为 true 时姓名和电话已脱敏' }),
  anonymous: Type.Boolean(),
  confidential: Type.Boolean(),
});

export const AttachmentView = Type.Object({
  id: Uuid,
  filename: Type.String(),
  mime: Type.String(),
  size: Type.Integer(),
  url: Type.String(),
});
export type AttachmentView = Static<typeof AttachmentView>;

/** A search hit's field, sliced around its first match: the parts joined give the slice back. */
export const TicketHighlight = Type.Object({
  field: literalUnion(['title', 'address', 'description', 'reply'] as const),
  parts: Type.Array(
    Type.Object({
      text: Type.String(),
      hit: Type.Boolean({ description: '为 true 时是与检索词相符的词' }),
    }),
  ),
  cutStart: Type.Boolean({ description: '片段前还有文字(显示省略号)' }),
  cutEnd: Type.Boolean({ description: '片段后还有文字(显示省略号)' }),
});
export type TicketHighlight = Static<typeof TicketHighlight>;

export const TicketSummary = Type.Object({
  id: Uuid,
  code: Type.String(),
  channel: literalUnion(CHANNELS),
  type: literalUnion(TICKET_TYPES),
  category: Ref,
  title: Type.String(),
  address: Type.String(),
  jurisdiction: Ref,
  urgency: literalUnion(URGENCIES),
  colour: Nullable(literalUnion(COLOURS)),
  state: TicketStateSchema,
  outcome: Nullable(literalUnion(OUTCOMES)),
  leadUnit: Nullable(Ref),
  holderUnit: Nullable(Ref),
  /** [Handling] the person of the holding unit who has it in hand (承办人). */
  assignee: Nullable(Ref),
  receivedAt: DateTime,
  responseDueAt: Nullable(DateTime),
  completionDueAt: Nullable(DateTime),
  overdue: Type.Boolean({ description: '按当前时间推导,办理时限已过且未反馈' }),
  responseOverdue: Type.Boolean(),
  version: Type.Integer(),
});
export type TicketSummary = Static<typeof TicketSummary>;

export const TicketView = Type.Composite([
  TicketSummary,
  Type.Object({
    description: Type.String(),
    point: Nullable(Point),
    requester: RequesterView,
    subjectUnit: Nullable(Ref),
    coUnits: Type.Array(Ref),
    dispatchedAt: Nullable(DateTime),
    acceptedAt: Nullable(DateTime),
    feedbackAt: Nullable(DateTime),
    repliedAt: Nullable(DateTime),
    closedAt: Nullable(DateTime),
    solved: Nullable(Type.Boolean()),
    satisfaction: Nullable(literalUnion(SATISFACTIONS)),
    reopenCount: Type.Integer(),
    attachments: Type.Array(AttachmentView),
    allowedActions: Type.Array(TicketActionSchema, {
      description: '当前用户此刻可执行的操作,由状态机和权限推导',
    }),
  }),
]);
export type TicketView = Static<typeof TicketView>;

export const TicketEventView = Type.Object({
  seq: Type.Integer(),
  action: Type.String(),
  fromState: Nullable(TicketStateSchema),
  toState: TicketStateSchema,
  at: DateTime,
  actorKind: literalUnion(ACTOR_KINDS),
  actor: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  actorUnit: Nullable(Ref),
  reason: Nullable(Type.String()),
  visibility: literalUnion(['public', 'internal'] as const),
  payload: Type.Record(Type.String(), Type.Unknown()),
});
export type TicketEventView = Static<typeof TicketEventView>;

export const SORT_FIELDS = [
  'receivedAt',
  '-receivedAt',
  'completionDueAt',
  '-completionDueAt',
  'code',
  '-code',
  'urgency',
  'relevance',
] as const;

export const TicketListQuery = Type.Object(
  {
    ...PageQuery,
    state: Type.Optional(Type.Array(TicketStateSchema)),
    type: Type.Optional(Type.Array(literalUnion(TICKET_TYPES))),
    channel: Type.Optional(Type.Array(literalUnion(CHANNELS))),
    urgency: Type.Optional(Type.Array(literalUnion(URGENCIES))),
    colour: Type.Optional(Type.Array(literalUnion(COLOURS))),
    unitId: Type.Optional(Uuid),
    categoryId: Type.Optional(Uuid),
    jurisdictionId: Type.Optional(Uuid),
    /** Only the tickets gathered into this common-problem project (共性问题). */
    projectId: Type.Optional(Uuid),
    overdue: Type.Optional(Type.Boolean()),
    // [Handling] 我的工单 / 本单位工单
    assignee: Type.Optional(literalUnion(['me'] as const, '我的工单:承办人是当前用户')),
    assigneeId: Type.Optional(Uuid),
    myUnit: Type.Optional(
      Type.Boolean({ description: '本单位工单:主办、承办或协办单位是当前用户所在单位' }),
    ),
    receivedFrom: Type.Optional(DateTime),
    receivedTo: Type.Optional(DateTime),
    phone: Type.Optional(Type.String({ maxLength: 20 })),
    q: Type.Optional(
      Type.String({
        maxLength: 100,
        description:
          '全文检索:按词检索标题、描述、地址和答复(分词后各词都须出现),三字以上也匹配地址片段,受理编号精确匹配;热线坐席和派单员还可按诉求人姓名精确查找',
      }),
    ),
    sort: Type.Optional(literalUnion(SORT_FIELDS, '排序;relevance 按相关度(有 q 时的默认)')),
  },
  { additionalProperties: false },
);
export type TicketListQuery = Static<typeof TicketListQuery>;

/** A ticket in the list: with `q`, where the words were found. */
export const TicketListItem = Type.Composite([
  TicketSummary,
  Type.Object({
    highlights: Type.Optional(
      Type.Array(TicketHighlight, {
        description: '按 q 检索时:标题、地址、描述和答复中与检索词相符之处的片段',
      }),
    ),
  }),
]);
export type TicketListItem = Static<typeof TicketListItem>;

export const TicketList = Type.Object({
  ...Page(TicketListItem).properties,
  totalCapped: Type.Optional(
    Type.Boolean({
      description:
        '按 q 检索时计数在 1000 处停止:为 true 时 total 只是下限(界面显示“1000+”);不检索时为精确数',
    }),
  ),
});
export type TicketList = Static<typeof TicketList>;

export const ActionBody = Type.Object(
  {
    input: Type.Record(Type.String(), Type.Unknown(), {
      description: '各操作的输入,结构见 x-action-inputs',
    }),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type ActionBody = Static<typeof ActionBody>;

export const RevealResponse = Type.Object({
  name: Nullable(Type.String()),
  phone: Nullable(Type.String()),
});

export const BulkResult = Type.Object({
  results: Type.Array(
    Type.Object({
      id: Uuid,
      ok: Type.Boolean(),
      status: Type.Integer(),
      error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
    }),
  ),
});
export type BulkResult = Static<typeof BulkResult>;
