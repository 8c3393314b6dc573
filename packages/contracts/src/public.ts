import { Type, type Static } from '@sinclair/typebox';
import { OUTCOMES, TICKET_TYPES } from './enums.js';
import { DateTime, Nullable, Phone, Point, Uuid, literalUnion } from './common.js';
import { TicketStateSchema } from './tickets.js';

export const PublicRequestBody = Type.Object(
  {
    type: literalUnion(TICKET_TYPES),
    categoryId: Uuid,
    title: Type.Optional(Type.String({ minLength: 2, maxLength: 100 })),
    description: Type.String({ minLength: 5, maxLength: 4000 }),
    address: Type.String({ minLength: 2, maxLength: 200 }),
    jurisdictionId: Uuid,
    point: Type.Optional(Point),
    name: Type.Optional(Type.String({ maxLength: 50 })),
    phone: Phone,
    anonymous: Type.Optional(Type.Boolean()),
    confidential: Type.Optional(Type.Boolean()),
    attachmentIds: Type.Optional(Type.Array(Uuid, { maxItems: 9, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type PublicRequestBody = Static<typeof PublicRequestBody>;

export const PublicRequestCreated = Type.Object({
  code: Type.String(),
  receivedAt: DateTime,
  nextSteps: Type.String(),
});

export const PublicTimelineEntry = Type.Object({
  at: DateTime,
  action: Type.String(),
  label: Type.String(),
  text: Nullable(Type.String()),
});

export const PublicRequestView = Type.Object({
  code: Type.String(),
  title: Type.String(),
  state: TicketStateSchema,
  stateLabel: Type.String(),
  outcome: Nullable(literalUnion(OUTCOMES)),
  receivedAt: DateTime,
  completionDueAt: Nullable(DateTime),
  handlingUnit: Nullable(Type.String({ description: '承办单位名称(不含个人姓名)' })),
  timeline: Type.Array(PublicTimelineEntry),
  /** 并单: the master a merged request follows, with the master's progress. */
  mergedInto: Nullable(
    Type.Object({
      code: Type.String(),
      state: TicketStateSchema,
      stateLabel: Type.String(),
      handlingUnit: Nullable(Type.String()),
      completionDueAt: Nullable(DateTime),
      timeline: Type.Array(PublicTimelineEntry),
    }),
  ),
  canRate: Type.Boolean(),
  canAddInformation: Type.Boolean(),
});
export type PublicRequestView = Static<typeof PublicRequestView>;

export const PublicLookupQuery = Type.Object({ phone: Phone }, { additionalProperties: false });
export const PublicRatingBody = Type.Object(
  {
    phone: Phone,
    solved: Type.Boolean(),
    satisfaction: literalUnion(['satisfied', 'basically_satisfied', 'dissatisfied'] as const),
    comment: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export const PublicInformationBody = Type.Object(
  { phone: Phone, text: Type.String({ minLength: 2, maxLength: 2000 }) },
  { additionalProperties: false },
);
