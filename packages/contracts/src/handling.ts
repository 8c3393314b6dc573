// [Handling] the handler's toolkit: the contact log (联系记录) and the requests a
// handling unit makes that a reviewer decides (延期, 挂起, 终止办理). The actions themselves
// (record_contact, request_/review_extension, request_/review_suspension, resume_handling,
// end_suspension, request_/review_termination) are rows of the state machine
// (workflow.ts); these are the enums and the shapes the ticket page and the
// approvals list read. Imports nothing from the ticket contracts (workflow imports this).
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Page, PageQuery, Ref, Uuid, literalUnion } from './common.js';
import { TICKET_STATES } from './enums.js';

/** How the handling unit tried to reach the requester. */
export const CONTACT_CHANNELS = ['phone', 'visit', 'sms', 'wechat'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** What came of it: only `reached` can count as the response. */
export const CONTACT_OUTCOMES = ['reached', 'no_answer', 'refused'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** A reviewer's decision on a handling request. */
export const HANDLING_DECISIONS = ['approve', 'refuse'] as const;
export type HandlingDecision = (typeof HANDLING_DECISIONS)[number];

/** The requests a handling unit makes and a reviewer decides; one pending per ticket. */
export const HANDLING_REQUEST_KINDS = ['extension', 'suspension', 'termination'] as const;
export type HandlingRequestKind = (typeof HANDLING_REQUEST_KINDS)[number];

/** What a suspension (挂起) waits for: the requester's missing information, or a third party. */
export const SUSPENSION_KINDS = ['waiting_requester', 'waiting_third_party'] as const;
export type SuspensionKind = (typeof SUSPENSION_KINDS)[number];

/**
 * The regulation's special cases for ending handling (终止办理): the requester cannot be
 * reached after N attempts, withdraws, or the matter belongs to another channel (courts,
 * arbitration, petitions, administrative review); or another reason, written out.
 */
export const TERMINATION_KINDS = ['no_contact', 'withdrawn', 'other_channel', 'other'] as const;
export type TerminationKind = (typeof TERMINATION_KINDS)[number];

/** Local rules (tenants.settings), with these defaults where the district set none. */
export const HANDLING_DEFAULTS = {
  /** The longest suspension, in days from the request. */
  suspensionMaxDays: 15,
  /** Failed contacts (no answer, refused) the log must hold before a no_contact termination. */
  noContactAttempts: 3,
} as const;

/** `lapsed`: the ticket left handling (feedback given, re-dispatched…) before a decision. */
export const HANDLING_REQUEST_STATUSES = ['pending', 'approved', 'refused', 'lapsed'] as const;
export type HandlingRequestStatus = (typeof HANDLING_REQUEST_STATUSES)[number];

export const ContactView = Type.Object({
  seq: Type.Integer(),
  at: DateTime,
  channel: literalUnion(CONTACT_CHANNELS),
  outcome: literalUnion(CONTACT_OUTCOMES),
  note: Nullable(Type.String()),
  by: Nullable(Ref),
  unit: Nullable(Ref),
  /** This contact is the response the response rate counts (first reached, inside the limit). */
  countsAsResponse: Type.Boolean(),
  /** Made after the response deadline then running. */
  late: Type.Boolean(),
});
export type ContactView = Static<typeof ContactView>;

export const HandlingRequestView = Type.Object({
  id: Uuid,
  ticket: Type.Object({
    id: Uuid,
    code: Type.String(),
    title: Type.String(),
    state: literalUnion(TICKET_STATES),
  }),
  kind: literalUnion(HANDLING_REQUEST_KINDS),
  status: literalUnion(HANDLING_REQUEST_STATUSES),
  /** Suspension: what it waits for; termination: the special case. */
  reasonKind: Nullable(literalUnion([...SUSPENSION_KINDS, ...TERMINATION_KINDS])),
  reason: Type.String(),
  /** Extension: the completion deadline asked for, and the one it replaces. */
  proposedDueAt: Nullable(DateTime),
  previousDueAt: Nullable(DateTime),
  /** Suspension: the latest end asked for; once approved, when the clock stopped and ran again. */
  until: Nullable(DateTime),
  pausedAt: Nullable(DateTime),
  resumedAt: Nullable(DateTime),
  unit: Nullable(Ref),
  requestedBy: Nullable(Ref),
  requestedAt: DateTime,
  reviewedBy: Nullable(Ref),
  reviewedAt: Nullable(DateTime),
  reviewNote: Nullable(Type.String()),
});
export type HandlingRequestView = Static<typeof HandlingRequestView>;

/** What the ticket page's handling card reads. */
export const TicketHandlingView = Type.Object({
  contacts: Type.Array(ContactView),
  /** Reached contacts, and all attempts that did not reach the requester. */
  reachedCount: Type.Integer(),
  failedCount: Type.Integer(),
  responseDueAt: Nullable(DateTime),
  firstContactAt: Nullable(DateTime),
  requests: Type.Array(HandlingRequestView),
  /** Approved extensions on this ticket. */
  extensions: Type.Integer(),
  /** The completion clock: paused (since, until the bound) or running; ended pauses in total. */
  pause: Nullable(
    Type.Object({ since: DateTime, until: DateTime, kind: literalUnion(SUSPENSION_KINDS) }),
  ),
  pausedMs: Type.Integer({ minimum: 0 }),
  /** The district's rules the forms show: the longest suspension, the attempts before no_contact. */
  suspensionMaxDays: Type.Integer(),
  noContactAttempts: Type.Integer(),
});
export type TicketHandlingView = Static<typeof TicketHandlingView>;

export const HandlingRequestQuery = Type.Object(
  {
    status: Type.Optional(literalUnion(HANDLING_REQUEST_STATUSES)),
    kind: Type.Optional(literalUnion(HANDLING_REQUEST_KINDS)),
    unitId: Type.Optional(Uuid),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type HandlingRequestQuery = Static<typeof HandlingRequestQuery>;

export const HandlingRequestList = Page(HandlingRequestView);
export type HandlingRequestList = Static<typeof HandlingRequestList>;

/** Extensions per unit over a period, with approved suspensions and terminations (assessment reads it). */
export const ExtensionCountsQuery = Type.Object(
  { from: DateTime, to: DateTime },
  { additionalProperties: false },
);
export type ExtensionCountsQuery = Static<typeof ExtensionCountsQuery>;
export const ExtensionCounts = Type.Array(
  Type.Object({
    unit: Ref,
    requested: Type.Integer(),
    approved: Type.Integer(),
    refused: Type.Integer(),
    /** Approved suspensions and terminations (终止办理, never counted as solved) of requests made in the period. */
    suspended: Type.Integer(),
    terminated: Type.Integer(),
  }),
);
export type ExtensionCounts = Static<typeof ExtensionCounts>;

/** What the lazy resume did: suspensions whose bound had passed, resumed by the platform. */
export const SuspensionSweepResult = Type.Object({ resumed: Type.Integer() });
export type SuspensionSweepResult = Static<typeof SuspensionSweepResult>;
