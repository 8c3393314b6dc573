// [Interop] API tokens for integrations (scoped, revocable, last use shown) and the
// Open311 GeoReport v2 server with the mySociety extensions used by FixMyStreet.
// The Open311 field names are the specification's, snake_case, exactly.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Uuid, literalUnion } from './common.js';

// ── API tokens ──────────────────────────────────────────────────────────────

/**
 * What a token may reach. A token reaches only what its scopes allow AND its user may:
 * `tickets:read` the ticket reads (`GET /api/tickets…`), `tickets:write` creating and acting
 * on tickets, `open311` the Open311 POSTs (api_key), `import` the upstream import,
 * `webhooks` the webhook administration.
 */
export const API_TOKEN_SCOPES = [
  'tickets:read',
  'tickets:write',
  'open311',
  'import',
  'webhooks',
] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

export const ApiTokenView = Type.Object({
  id: Uuid,
  name: Type.String(),
  user: Type.Object({ id: Uuid, username: Type.String(), displayName: Type.String() }),
  scopes: Type.Array(literalUnion(API_TOKEN_SCOPES)),
  createdAt: DateTime,
  expiresAt: Nullable(DateTime),
  lastUsedAt: Nullable(DateTime),
  lastUsedIp: Nullable(Type.String()),
  revokedAt: Nullable(DateTime),
});
export type ApiTokenView = Static<typeof ApiTokenView>;

export const CreateApiTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 60 }),
    /** The user the integration acts as; its roles bound what the token may do. */
    userId: Uuid,
    scopes: Type.Array(literalUnion(API_TOKEN_SCOPES), {
      minItems: 1,
      maxItems: API_TOKEN_SCOPES.length,
      uniqueItems: true,
    }),
    expiresAt: Type.Optional(DateTime),
  },
  { additionalProperties: false },
);
export type CreateApiTokenBody = Static<typeof CreateApiTokenBody>;

/** The token itself is in this answer only: it is stored as a hash. */
export const CreatedApiToken = Type.Object({
  token: Type.String({ description: '令牌原文,仅此一次返回' }),
  item: ApiTokenView,
});
export type CreatedApiToken = Static<typeof CreatedApiToken>;

// ── Open311 GeoReport v2 ────────────────────────────────────────────────────

export const OPEN311_FORMATS = ['xml', 'json'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

/** GeoReport v2 statuses. */
export const OPEN311_STATUSES = ['open', 'closed'] as const;
export type Open311Status = (typeof OPEN311_STATUSES)[number];

/**
 * mySociety's extended statuses (open311-adapter, FixMyStreet): lower case in what we
 * send, upper case in what FixMyStreet posts to servicerequestupdates.
 */
export const OPEN311_EXTENDED_STATUSES = [
  'open',
  'closed',
  'fixed',
  'in_progress',
  'action_scheduled',
  'investigating',
  'duplicate',
  'not_councils_responsibility',
  'no_further_action',
  'internal_referral',
  'reopen',
] as const;
export type Open311ExtendedStatus = (typeof OPEN311_EXTENDED_STATUSES)[number];

export const Open311Error = Type.Object({ code: Type.Integer(), description: Type.String() });
export const Open311Errors = Type.Array(Open311Error);
export type Open311Error = Static<typeof Open311Error>;

export const Open311Discovery = Type.Object({
  changeset: Type.String(),
  contact: Type.String(),
  key_service: Type.String(),
  endpoints: Type.Array(
    Type.Object({
      specification: Type.String(),
      url: Type.String(),
      changeset: Type.String(),
      type: literalUnion(['production', 'test'] as const),
      formats: Type.Array(Type.String()),
    }),
  ),
});
export type Open311Discovery = Static<typeof Open311Discovery>;

export const Open311Service = Type.Object({
  service_code: Type.String(),
  service_name: Type.String(),
  description: Type.String(),
  metadata: Type.Boolean(),
  type: literalUnion(['realtime', 'batch', 'blackbox'] as const),
  keywords: Type.String(),
  group: Type.String(),
});
export type Open311Service = Static<typeof Open311Service>;

export const OPEN311_DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;

export const Open311Attribute = Type.Object({
  variable: Type.Boolean(),
  code: Type.String(),
  datatype: literalUnion(OPEN311_DATATYPES),
  required: Type.Boolean(),
  datatype_description: Type.String(),
  order: Type.Integer(),
  description: Type.String(),
  values: Type.Array(Type.Object({ key: Type.String(), name: Type.String() })),
});
export type Open311Attribute = Static<typeof Open311Attribute>;

export const Open311ServiceDefinition = Type.Object({
  service_code: Type.String(),
  attributes: Type.Array(Open311Attribute),
});
export type Open311ServiceDefinition = Static<typeof Open311ServiceDefinition>;

/** POST requests answer: the id at once (and a token that resolves to it). */
export const Open311Created = Type.Object({
  service_request_id: Type.String(),
  token: Type.String(),
  service_notice: Type.String(),
  account_id: Nullable(Type.String()),
});
export type Open311Created = Static<typeof Open311Created>;

export const Open311Token = Type.Object({
  service_request_id: Type.String(),
  token: Type.String(),
});
export type Open311Token = Static<typeof Open311Token>;

/** A service request as GET requests answers it: never the requester's personal data. */
export const Open311Request = Type.Object({
  service_request_id: Type.String(),
  status: literalUnion(OPEN311_STATUSES),
  status_notes: Nullable(Type.String()),
  service_name: Type.String(),
  service_code: Type.String(),
  description: Type.String(),
  agency_responsible: Nullable(Type.String()),
  service_notice: Nullable(Type.String()),
  requested_datetime: Type.String(),
  updated_datetime: Type.String(),
  expected_datetime: Nullable(Type.String()),
  address: Type.String(),
  address_id: Nullable(Type.String()),
  zipcode: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  long: Nullable(Type.Number()),
  media_url: Nullable(Type.String()),
});
export type Open311Request = Static<typeof Open311Request>;

/** mySociety: one update of a request (GET servicerequestupdates). */
export const Open311Update = Type.Object({
  update_id: Type.String(),
  service_request_id: Type.String(),
  status: literalUnion(OPEN311_EXTENDED_STATUSES),
  updated_datetime: Type.String(),
  description: Type.String(),
  media_url: Type.String(),
  external_status_code: Type.String({ description: '本平台的动作名' }),
});
export type Open311Update = Static<typeof Open311Update>;

/** mySociety: POST servicerequestupdates answer. */
export const Open311UpdateCreated = Type.Object({ update_id: Type.String() });
export type Open311UpdateCreated = Static<typeof Open311UpdateCreated>;
