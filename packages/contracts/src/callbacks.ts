// [Handling] the callback desk (回访台): one record per ticket per round (a round starts
// with each reply); whether it is sampled for a call, the attempts that did not reach
// the requester, the result (by call or rated online) and, for "unsolved", the reviewer's
// decision (重办 or 办结). The actions themselves (record_callback, record_callback_attempt,
// review_callback, callback_due, close_unrated, rate) are rows of the state machine
// (workflow.ts); these are the enums and the shapes the desk reads. Imports nothing from
// the ticket contracts (workflow imports this).
import { Type, type Static } from '@sinclair/typebox';
import {
  DateTime,
  LocalDate,
  Nullable,
  Page,
  PageQuery,
  Ref,
  Uuid,
  literalUnion,
} from './common.js';
import { SATISFACTIONS, TICKET_STATES, TICKET_TYPES } from './enums.js';

/** Why a call did not reach the requester. */
export const CALLBACK_ATTEMPT_RESULTS = ['no_answer', 'busy', 'refused', 'wrong_number'] as const;
export type CallbackAttemptResult = (typeof CALLBACK_ATTEMPT_RESULTS)[number];

/** The reviewer's decision on an "unsolved" result: 重办 (back to the unit) or 办结. */
export const CALLBACK_REVIEW_DECISIONS = ['reopen', 'close'] as const;
export type CallbackReviewDecision = (typeof CALLBACK_REVIEW_DECISIONS)[number];

/**
 * A round's status: `queued` waits for the call (or the resident's online rating);
 * `awaiting_review` holds an "unsolved" result for the reviewer; `done` is rated (or
 * reviewed); `not_reached` closed after the district's number of failed attempts;
 * `not_sampled` is not called back; `closed_unrated` closed without a rating.
 */
export const CALLBACK_STATUSES = [
  'queued',
  'awaiting_review',
  'done',
  'not_reached',
  'not_sampled',
  'closed_unrated',
] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];

export const CALLBACK_VIA = ['callback', 'online'] as const;
export type CallbackVia = (typeof CALLBACK_VIA)[number];

/** The desk's tabs: 待回访, 待复核, 已完成 (done, not reached, closed unrated, not sampled). */
export const CALLBACK_TABS = ['queue', 'review', 'finished'] as const;
export type CallbackTab = (typeof CALLBACK_TABS)[number];

/** The district's defaults where it set none. */
export const CALLBACK_DEFAULTS = {
  defaultPercent: 100,
  maxAttempts: 3,
  onlineWindowHours: 24,
  closeUnsampledAfterDays: 7,
} as const;

/** A sampling rule: the first whose type and category match gives the percent called back. */
export const CallbackRule = Type.Object(
  {
    ticketType: Type.Optional(literalUnion(TICKET_TYPES)),
    categoryId: Type.Optional(Uuid),
    percent: Type.Integer({ minimum: 0, maximum: 100 }),
  },
  { additionalProperties: false },
);
export type CallbackRule = Static<typeof CallbackRule>;

export const CallbackConfig = Type.Object(
  {
    rules: Type.Array(CallbackRule, { maxItems: 50 }),
    defaultPercent: Type.Integer({ minimum: 0, maximum: 100 }),
    maxAttempts: Type.Integer({ minimum: 1, maximum: 10 }),
    onlineWindowHours: Type.Integer({ minimum: 0, maximum: 720 }),
    closeUnsampledAfterDays: Type.Integer({ minimum: 1, maximum: 90 }),
  },
  { additionalProperties: false },
);
export type CallbackConfig = Static<typeof CallbackConfig>;

export const CallbackAttemptView = Type.Object({
  seq: Type.Integer(),
  at: DateTime,
  result: literalUnion(CALLBACK_ATTEMPT_RESULTS),
  note: Nullable(Type.String()),
  by: Nullable(Ref),
});
export type CallbackAttemptView = Static<typeof CallbackAttemptView>;

export const CallbackView = Type.Object({
  id: Uuid,
  round: Type.Integer(),
  ticket: Type.Object({
    id: Uuid,
    code: Type.String(),
    title: Type.String(),
    type: literalUnion(TICKET_TYPES),
    state: literalUnion(TICKET_STATES),
    category: Ref,
    unit: Nullable(Ref),
    /** Masked (138****5678); the agent reveals it through the ticket's logged reveal. */
    requesterPhone: Nullable(Type.String()),
  }),
  sampled: Type.Boolean(),
  /** The rule that matched: `rule:N` (its position, from 1) or `default`. */
  rule: Type.String(),
  percent: Type.Integer(),
  status: literalUnion(CALLBACK_STATUSES),
  repliedAt: DateTime,
  callableFrom: DateTime,
  attempts: Type.Integer(),
  lastAttemptAt: Nullable(DateTime),
  result: Nullable(
    Type.Object({
      solved: Type.Boolean(),
      satisfaction: literalUnion(SATISFACTIONS),
      comment: Nullable(Type.String()),
      via: literalUnion(CALLBACK_VIA),
      by: Nullable(Ref),
      at: DateTime,
    }),
  ),
  review: Nullable(
    Type.Object({
      decision: literalUnion(CALLBACK_REVIEW_DECISIONS),
      reason: Type.String(),
      by: Nullable(Ref),
      at: DateTime,
    }),
  ),
});
export type CallbackView = Static<typeof CallbackView>;

export const CALLBACK_SORTS = ['repliedAt', '-repliedAt', 'attempts', '-attempts'] as const;

export const CallbackQuery = Type.Object(
  {
    tab: Type.Optional(literalUnion(CALLBACK_TABS)),
    status: Type.Optional(literalUnion(CALLBACK_STATUSES)),
    type: Type.Optional(literalUnion(TICKET_TYPES)),
    categoryId: Type.Optional(Uuid),
    unitId: Type.Optional(Uuid),
    /** Replied on or after / before (local days, inclusive). */
    from: Type.Optional(LocalDate),
    to: Type.Optional(LocalDate),
    sort: Type.Optional(literalUnion(CALLBACK_SORTS)),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type CallbackQuery = Static<typeof CallbackQuery>;

export const CallbackList = Page(CallbackView);
export type CallbackList = Static<typeof CallbackList>;

export const CallbackStatsQuery = Type.Object(
  { from: Type.Optional(LocalDate), to: Type.Optional(LocalDate) },
  { additionalProperties: false },
);
export type CallbackStatsQuery = Static<typeof CallbackStatsQuery>;

/** Rounds started (replied) in the period. Not reached and closed unrated are no ratings. */
export const CallbackStats = Type.Object({
  rounds: Type.Integer(),
  sampled: Type.Integer(),
  reached: Type.Integer(),
  ratedOnline: Type.Integer(),
  notReached: Type.Integer(),
  awaitingReview: Type.Integer(),
  unsolvedReviewed: Type.Integer(),
  reopened: Type.Integer(),
  closedUnrated: Type.Integer(),
});
export type CallbackStats = Static<typeof CallbackStats>;

export const TicketCallbacks = Type.Object({
  rounds: Type.Array(
    Type.Composite([CallbackView, Type.Object({ attemptLog: Type.Array(CallbackAttemptView) })]),
  ),
  maxAttempts: Type.Integer(),
});
export type TicketCallbacks = Static<typeof TicketCallbacks>;

export const CallbackSweepResult = Type.Object({ queued: Type.Integer(), closed: Type.Integer() });
export type CallbackSweepResult = Static<typeof CallbackSweepResult>;
