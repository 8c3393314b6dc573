// [Interop] notifications (通知): what a person receives and how it is delivered. Every
// message is an outbox row written in the transaction of the event that caused it; a sender
// drains the queue through the channel's adapter (SMS through the district's HTTP gateway,
// WeChat template messages, email, in-app). In-app messages appear live in the staff
// workbench (server-sent events) and in the list of my notifications. Secrets of a channel's
// settings are write-only: the API says whether one is set, never what it is.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Page, PageQuery, Uuid, literalUnion } from './common.js';

export const NOTIFICATION_CHANNELS = ['sms', 'wechat', 'email', 'in_app'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** The channels a district configures (in-app needs nothing). */
export const CONFIGURABLE_CHANNELS = ['sms', 'wechat', 'email'] as const;
export type ConfigurableChannel = (typeof CONFIGURABLE_CHANNELS)[number];

export const NOTIFICATION_STATUSES = ['queued', 'sent', 'failed', 'dead'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** The message kinds (templates); WeChat maps each to a template id of the district's account. */
export const NOTIFICATION_KINDS = [
  'ticket_received',
  'ticket_replied',
  'callback_queued',
  'notice_published',
  'ticket_dispatched',
  'ticket_urged',
  'whistle_blown',
  'due_soon',
  'overdue',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One in-app notification of mine. */
export const NotificationItem = Type.Object({
  id: Uuid,
  kind: Nullable(Type.String()),
  text: Type.String(),
  ticketId: Nullable(Uuid),
  createdAt: DateTime,
  readAt: Nullable(DateTime),
});
export type NotificationItem = Static<typeof NotificationItem>;

export const NotificationList = Type.Intersect([
  Page(NotificationItem),
  Type.Object({ unread: Type.Integer({ minimum: 0 }) }),
]);
export type NotificationList = Static<typeof NotificationList>;

export const NotificationQuery = Type.Object(
  { ...PageQuery, unread: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type NotificationQuery = Static<typeof NotificationQuery>;

export const NotificationReadResult = Type.Object({
  updated: Type.Integer({ minimum: 0 }),
  unread: Type.Integer({ minimum: 0 }),
});
export type NotificationReadResult = Static<typeof NotificationReadResult>;

/** The payload of a `notification` event on GET /api/notifications/stream. */
export const NotificationStreamEvent = Type.Object({
  notification: NotificationItem,
  unread: Type.Integer({ minimum: 0 }),
});
export type NotificationStreamEvent = Static<typeof NotificationStreamEvent>;

const url = Type.String({ pattern: '^https?://', maxLength: 500 });
const short = (max: number) => Type.String({ minLength: 1, maxLength: max });

/**
 * SMS through an HTTP gateway: the body template gets `{phone}` and `{text}` (JSON-escaped);
 * the auth header (e.g. `Authorization`) carries the secret value.
 */
export const SmsChannelSettings = Type.Object(
  {
    url,
    method: Type.Optional(literalUnion(['POST', 'PUT'] as const)),
    contentType: Type.Optional(short(100)),
    authHeader: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9-]{1,60}$' })),
    bodyTemplate: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export const WechatChannelSettings = Type.Object(
  {
    appId: short(64),
    /** The API's base address (https://api.weixin.qq.com by default). */
    apiBase: Type.Optional(url),
    templateIds: Type.Record(Type.String(), short(128)),
  },
  { additionalProperties: false },
);
export const EmailChannelSettings = Type.Object(
  {
    host: short(200),
    port: Type.Integer({ minimum: 1, maximum: 65535 }),
    secure: Type.Optional(Type.Boolean()),
    user: Type.Optional(Type.String({ maxLength: 200 })),
    from: Type.String({ minLength: 3, maxLength: 200, pattern: '@' }),
  },
  { additionalProperties: false },
);

/** Write-only values: the SMS auth header's value, WeChat's app secret, the SMTP password. */
export const ChannelSecrets = Type.Object(
  {
    authValue: Type.Optional(Type.String({ maxLength: 1000 })),
    appSecret: Type.Optional(Type.String({ maxLength: 200 })),
    password: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const ChannelConfigInput = Type.Object(
  {
    enabled: Type.Boolean(),
    settings: Type.Union([SmsChannelSettings, WechatChannelSettings, EmailChannelSettings]),
    /** Only the secrets given change; an empty string clears one. */
    secrets: Type.Optional(ChannelSecrets),
  },
  { additionalProperties: false },
);
export type ChannelConfigInput = Static<typeof ChannelConfigInput>;

export const ChannelConfigView = Type.Object({
  channel: literalUnion(CONFIGURABLE_CHANNELS),
  enabled: Type.Boolean(),
  configured: Type.Boolean(),
  settings: Type.Record(Type.String(), Type.Unknown()),
  /** Which secrets are set (never their values). */
  secretsSet: Type.Array(Type.String()),
  updatedAt: Nullable(DateTime),
});
export type ChannelConfigView = Static<typeof ChannelConfigView>;

export const ChannelConfigList = Type.Object({ items: Type.Array(ChannelConfigView) });
export type ChannelConfigList = Static<typeof ChannelConfigList>;

export const ChannelParams = Type.Object({ channel: literalUnion(CONFIGURABLE_CHANNELS) });

export const DeadlineSweepResult = Type.Object({
  dueSoon: Type.Integer({ minimum: 0 }),
  overdue: Type.Integer({ minimum: 0 }),
  queued: Type.Integer({ minimum: 0 }),
});
export type DeadlineSweepResult = Static<typeof DeadlineSweepResult>;
