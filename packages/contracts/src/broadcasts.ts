// [Grid] 一令到底: a township or village government sends a notice (通知) or an
// instruction (指令) down to every grid worker below it. The recipients are
// fixed when it is sent (the workers on duty that day under the target place,
// one row each); each recipient's read and acknowledgement times are tracked,
// and those who have not read (or, for an instruction, not acknowledged) can be
// reminded through the notification outbox (SMS when a phone is known).
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Page, PageQuery, Ref, Uuid, literalUnion } from './common.js';

export const BROADCAST_KINDS = ['notice', 'instruction'] as const;
export type BroadcastKind = (typeof BROADCAST_KINDS)[number];
const KindSchema = literalUnion(BROADCAST_KINDS, 'notice 通知 | instruction 指令');

export const CreateBroadcastBody = Type.Object(
  {
    kind: KindSchema,
    title: Type.String({ minLength: 1, maxLength: 80 }),
    body: Type.String({ minLength: 1, maxLength: 4000 }),
    /** A township, village or grid inside the sender's own jurisdiction. */
    targetId: Uuid,
    /** Recipients must confirm receipt (确认收到); always true for an instruction. */
    ackRequired: Type.Optional(Type.Boolean()),
    /** When an instruction is to be carried out by; after now. */
    dueAt: Type.Optional(DateTime),
  },
  { additionalProperties: false },
);
export type CreateBroadcastBody = Static<typeof CreateBroadcastBody>;

/** Read and acknowledgement counts over a broadcast's recipients. */
export const BroadcastProgress = Type.Object({
  recipients: Type.Integer(),
  read: Type.Integer(),
  acked: Type.Integer(),
});
export type BroadcastProgress = Static<typeof BroadcastProgress>;

export const BroadcastSummary = Type.Object({
  id: Uuid,
  kind: KindSchema,
  title: Type.String(),
  target: Ref,
  senderUnit: Ref,
  sender: Ref,
  ackRequired: Type.Boolean(),
  dueAt: Nullable(DateTime),
  sentAt: DateTime,
  progress: BroadcastProgress,
});
export type BroadcastSummary = Static<typeof BroadcastSummary>;

export const BroadcastListQuery = Type.Object(
  { ...PageQuery, q: Type.Optional(Type.String({ maxLength: 60 })) },
  { additionalProperties: false },
);
export type BroadcastListQuery = Static<typeof BroadcastListQuery>;

export const BroadcastList = Page(BroadcastSummary);
export type BroadcastList = Static<typeof BroadcastList>;

export const RECIPIENT_FILTERS = ['all', 'read', 'unread', 'acked', 'unacked'] as const;
export type RecipientFilter = (typeof RECIPIENT_FILTERS)[number];

export const BroadcastDetailQuery = Type.Object(
  { status: Type.Optional(literalUnion(RECIPIENT_FILTERS)) },
  { additionalProperties: false },
);
export type BroadcastDetailQuery = Static<typeof BroadcastDetailQuery>;

export const BroadcastRecipientView = Type.Object({
  worker: Ref,
  grid: Ref,
  village: Nullable(Ref),
  /** The worker's phone, where known (a grid worker's phone is public on the grid board). */
  phone: Nullable(Type.String()),
  readAt: Nullable(DateTime),
  ackedAt: Nullable(DateTime),
  ackNote: Nullable(Type.String()),
  remindedAt: Nullable(DateTime),
  remindCount: Type.Integer(),
});
export type BroadcastRecipientView = Static<typeof BroadcastRecipientView>;

export const BroadcastDetail = Type.Object({
  ...BroadcastSummary.properties,
  body: Type.String(),
  /** May the current user remind the recipients (a sender of the same jurisdiction). */
  canRemind: Type.Boolean(),
  recipients: Type.Array(BroadcastRecipientView),
});
export type BroadcastDetail = Static<typeof BroadcastDetail>;

export const RemindResult = Type.Object({
  /** How many recipients were reminded (those who have not read; for acknowledgement, not acked). */
  reminded: Type.Integer(),
});
export type RemindResult = Static<typeof RemindResult>;

/** One message in the notification outbox (what the SMS gateway sends, or sent). */
export const OutboxMessageView = Type.Object({
  id: Uuid,
  channel: literalUnion(['sms', 'wechat', 'email', 'in_app'] as const),
  to: Ref,
  /** The phone the SMS goes to, masked (138****5678). */
  phone: Nullable(Type.String()),
  text: Type.String(),
  createdAt: DateTime,
  status: literalUnion(['queued', 'sent', 'failed', 'dead'] as const),
});
export type OutboxMessageView = Static<typeof OutboxMessageView>;

export const OutboxList = Type.Object({ items: Type.Array(OutboxMessageView) });
export type OutboxList = Static<typeof OutboxList>;

/** A place the sender may send to, with how many grid workers (logins on duty) it reaches. */
export const BroadcastTarget = Type.Object({
  id: Uuid,
  name: Type.String(),
  level: literalUnion(['district', 'township', 'village', 'grid'] as const),
  parentId: Nullable(Uuid),
  workers: Type.Integer(),
});
export type BroadcastTarget = Static<typeof BroadcastTarget>;

export const BroadcastTargets = Type.Object({ items: Type.Array(BroadcastTarget) });
export type BroadcastTargets = Static<typeof BroadcastTargets>;

// ── the grid worker's side ────────────────────────────────────────────────────

export const InboxBroadcast = Type.Object({
  id: Uuid,
  kind: KindSchema,
  title: Type.String(),
  senderUnit: Ref,
  ackRequired: Type.Boolean(),
  dueAt: Nullable(DateTime),
  sentAt: DateTime,
  readAt: Nullable(DateTime),
  ackedAt: Nullable(DateTime),
});
export type InboxBroadcast = Static<typeof InboxBroadcast>;

export const InboxBroadcastList = Type.Object({
  items: Type.Array(InboxBroadcast),
  unread: Type.Integer(),
});
export type InboxBroadcastList = Static<typeof InboxBroadcastList>;

export const InboxBroadcastDetail = Type.Object({
  ...InboxBroadcast.properties,
  body: Type.String(),
  ackNote: Nullable(Type.String()),
});
export type InboxBroadcastDetail = Static<typeof InboxBroadcastDetail>;

export const AckBroadcastBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export type AckBroadcastBody = Static<typeof AckBroadcastBody>;
