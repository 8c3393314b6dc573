// Intake beside the state machine: the same-place same-category tickets an
// agent sees while taking a call, and what a merged ticket is merged with.
import { Type, type Static } from '@sinclair/typebox';
import { OUTCOMES } from './enums.js';
import { DateTime, Nullable, Uuid, literalUnion } from './common.js';
import { TicketStateSchema } from './tickets.js';

export const SimilarTicketsQuery = Type.Object(
  {
    jurisdictionId: Uuid,
    categoryId: Uuid,
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 90, default: 30 })),
  },
  { additionalProperties: false },
);
export type SimilarTicketsQuery = Static<typeof SimilarTicketsQuery>;

/** A ticket as another ticket refers to it. */
export const TicketBrief = Type.Object({
  id: Uuid,
  code: Type.String(),
  title: Type.String(),
  state: TicketStateSchema,
  outcome: Nullable(literalUnion(OUTCOMES)),
  receivedAt: DateTime,
  repliedAt: Nullable(DateTime),
});
export type TicketBrief = Static<typeof TicketBrief>;

export const MergeInfo = Type.Object({
  master: Nullable(TicketBrief),
  merged: Type.Array(TicketBrief, { description: '并入本工单的工单' }),
});
export type MergeInfo = Static<typeof MergeInfo>;
