// [Interop] webhooks: a district subscribes URLs to ticket event types; every matching
// event is delivered once, signed (X-Jiesu-Signature: sha256=HMAC(secret, timestamp +
// '.' + body)), per ticket in event order, retried with exponential backoff; what fails
// every try lands in the dead-letter list, which an administrator can replay. An
// `upstream` subscription reports the status of tickets imported from the 12345
// platform back to it (with the upstream id). Payloads carry no requester personal data.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Page, PageQuery, Uuid, literalUnion } from './common.js';
import { CHANNELS, TICKET_STATES, TICKET_TYPES, URGENCIES } from './enums.js';
import { TICKET_ACTIONS } from './workflow.js';

/** `*` is every event; `create` is a ticket's creation; the rest are the state machine's actions. */
export const WEBHOOK_EVENT_TYPES = ['*', 'create', ...TICKET_ACTIONS] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** `standard`: any ticket; `upstream`: only tickets from the upstream platform, with its id. */
export const WEBHOOK_KINDS = ['standard', 'upstream'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivering', 'delivered', 'dead'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

const EventTypes = Type.Array(
  Type.Unsafe<string>({ type: 'string', enum: [...WEBHOOK_EVENT_TYPES] }),
  { minItems: 1, maxItems: 100, uniqueItems: true, description: '订阅的事件类型;* 为全部' },
);

export const CreateWebhookBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 60 }),
    url: Type.String({ minLength: 8, maxLength: 500, description: 'http(s) 地址' }),
    kind: Type.Optional(literalUnion(WEBHOOK_KINDS)),
    eventTypes: EventTypes,
  },
  { additionalProperties: false },
);
export type CreateWebhookBody = Static<typeof CreateWebhookBody>;

export const UpdateWebhookBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    url: Type.Optional(Type.String({ minLength: 8, maxLength: 500 })),
    eventTypes: Type.Optional(EventTypes),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateWebhookBody = Static<typeof UpdateWebhookBody>;

export const WebhookView = Type.Object({
  id: Uuid,
  name: Type.String(),
  url: Type.String(),
  kind: literalUnion(WEBHOOK_KINDS),
  eventTypes: Type.Array(Type.String()),
  active: Type.Boolean(),
  createdAt: DateTime,
  /** Deliveries waiting or retrying, and in the dead-letter list. */
  pending: Type.Integer(),
  dead: Type.Integer(),
});
export type WebhookView = Static<typeof WebhookView>;

export const WebhookList = Type.Object({ items: Type.Array(WebhookView) });
export type WebhookList = Static<typeof WebhookList>;

/** Only the creation answers the secret; it is never shown again. */
export const CreatedWebhook = Type.Object({
  webhook: WebhookView,
  secret: Type.String({ description: '签名密钥,只在创建时显示一次' }),
});
export type CreatedWebhook = Static<typeof CreatedWebhook>;

export const WebhookDeliveryQuery = Type.Object(
  {
    status: Type.Optional(literalUnion(WEBHOOK_DELIVERY_STATUSES)),
    subscriptionId: Type.Optional(Uuid),
    ticketId: Type.Optional(Uuid),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type WebhookDeliveryQuery = Static<typeof WebhookDeliveryQuery>;

export const WebhookDeliveryView = Type.Object({
  id: Uuid,
  subscription: Type.Object({ id: Uuid, name: Type.String() }),
  ticket: Nullable(Type.Object({ id: Uuid, code: Type.String() })),
  seq: Type.Integer(),
  eventType: Type.String(),
  status: literalUnion(WEBHOOK_DELIVERY_STATUSES),
  attempts: Type.Integer(),
  nextAttemptAt: DateTime,
  lastStatus: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  createdAt: DateTime,
  deliveredAt: Nullable(DateTime),
});
export type WebhookDeliveryView = Static<typeof WebhookDeliveryView>;

export const WebhookDeliveryList = Page(WebhookDeliveryView);
export type WebhookDeliveryList = Static<typeof WebhookDeliveryList>;

export const WebhookAttemptView = Type.Object({
  attempt: Type.Integer(),
  at: DateTime,
  statusCode: Nullable(Type.Integer()),
  durationMs: Type.Integer(),
  error: Nullable(Type.String()),
});
export const WebhookDeliveryDetail = Type.Object({
  delivery: WebhookDeliveryView,
  payload: Type.Record(Type.String(), Type.Unknown()),
  attempts: Type.Array(WebhookAttemptView),
});
export type WebhookDeliveryDetail = Static<typeof WebhookDeliveryDetail>;

/** What a receiver gets (the JSON body): the event and the ticket's summary. */
export const WebhookPayload = Type.Object({
  deliveryId: Uuid,
  type: Type.String(),
  tenant: Type.String(),
  event: Type.Object({
    action: Type.String(),
    seq: Type.Integer(),
    fromState: Nullable(literalUnion(TICKET_STATES)),
    toState: Nullable(literalUnion(TICKET_STATES)),
    at: DateTime,
    text: Nullable(Type.String({ description: '公开的办理说明或答复(无内部意见)' })),
  }),
  ticket: Nullable(
    Type.Object({
      id: Uuid,
      code: Type.String(),
      upstreamId: Nullable(Type.String()),
      channel: literalUnion(CHANNELS),
      type: literalUnion(TICKET_TYPES),
      urgency: literalUnion(URGENCIES),
      state: literalUnion(TICKET_STATES),
      title: Type.String(),
      categoryId: Uuid,
      jurisdictionId: Uuid,
      leadUnitId: Nullable(Uuid),
      receivedAt: DateTime,
      responseDueAt: Nullable(DateTime),
      completionDueAt: Nullable(DateTime),
      closedAt: Nullable(DateTime),
    }),
  ),
});
export type WebhookPayload = Static<typeof WebhookPayload>;

export const WebhookDrainResult = Type.Object({
  sent: Type.Integer(),
  delivered: Type.Integer(),
  failed: Type.Integer(),
  dead: Type.Integer(),
});
export type WebhookDrainResult = Static<typeof WebhookDrainResult>;
