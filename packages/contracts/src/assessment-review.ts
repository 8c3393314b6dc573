// [Assessment] the 三率 month's review: a closed month is frozen (stored,
// immutable; a recompute adds a version with its reason), a unit appeals to
// exclude a ticket and a reviewer accepts or rejects it (accepted exclusions
// are listed openly beside the ranking, so 以剔代办 shows), and the summons
// (末位约谈) held with a bottom-ranked unit is recorded (date, who, notes).
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

const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const Group = literalUnion(['township', 'department', 'village'] as const);

export const ASSESSMENT_APPEAL_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type AssessmentAppealStatus = (typeof ASSESSMENT_APPEAL_STATUSES)[number];

// ── Snapshots ───────────────────────────────────────────────────────────────

export const AssessmentSnapshotVersion = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  frozenAt: DateTime,
  reason: Type.String(),
  createdBy: Nullable(Ref),
  /** The configuration version the snapshot was computed under. */
  configVersion: Type.Integer(),
});
export type AssessmentSnapshotVersion = Static<typeof AssessmentSnapshotVersion>;

/** On a frozen month's view: which stored version is shown, and every version of it. */
export const AssessmentSnapshotInfo = Type.Object({
  ...AssessmentSnapshotVersion.properties,
  latest: Type.Boolean(),
  versions: Type.Array(AssessmentSnapshotVersion),
  /** The reader may recompute (store a new version): administrators and supervisors. */
  canRecompute: Type.Boolean(),
});
export type AssessmentSnapshotInfo = Static<typeof AssessmentSnapshotInfo>;

export const AssessmentRecomputeBody = Type.Object(
  {
    month: Month,
    group: Group,
    townshipId: Type.Optional(Uuid),
    reason: Type.String({ minLength: 2, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type AssessmentRecomputeBody = Static<typeof AssessmentRecomputeBody>;

// ── Appeals (申诉剔除) ───────────────────────────────────────────────────────

export const AssessmentTicketRef = Type.Object({
  id: Uuid,
  code: Type.String(),
  title: Type.String(),
});

export const AssessmentAppealView = Type.Object({
  id: Uuid,
  ticket: AssessmentTicketRef,
  /** The unit asking: the ticket's lead unit. */
  unit: Ref,
  month: Month,
  reason: Type.String(),
  status: literalUnion(ASSESSMENT_APPEAL_STATUSES),
  createdBy: Nullable(Ref),
  createdAt: DateTime,
  decidedBy: Nullable(Ref),
  decisionNote: Nullable(Type.String()),
  decidedAt: Nullable(DateTime),
  /** The reader may accept or reject it (pending, and a reviewer). */
  canDecide: Type.Boolean(),
});
export type AssessmentAppealView = Static<typeof AssessmentAppealView>;

export const AssessmentAppealPage = Type.Object({
  ...Page(AssessmentAppealView).properties,
  /** The reader reviews appeals (supervisor, administrator, dispatch centre leader). */
  canReview: Type.Boolean(),
});
export type AssessmentAppealPage = Static<typeof AssessmentAppealPage>;

export const AssessmentAppealQuery = Type.Object(
  {
    status: Type.Optional(literalUnion(ASSESSMENT_APPEAL_STATUSES)),
    unitId: Type.Optional(Uuid),
    month: Type.Optional(Month),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type AssessmentAppealQuery = Static<typeof AssessmentAppealQuery>;

export const AssessmentAppealBody = Type.Object(
  {
    /** The ticket's id or its code (e.g. 2026110200012). */
    ticket: Type.String({ minLength: 1, maxLength: 64 }),
    month: Month,
    reason: Type.String({ minLength: 2, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type AssessmentAppealBody = Static<typeof AssessmentAppealBody>;

export const AssessmentAppealDecisionBody = Type.Object(
  {
    verdict: literalUnion(['accepted', 'rejected'] as const),
    note: Type.String({ minLength: 2, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type AssessmentAppealDecisionBody = Static<typeof AssessmentAppealDecisionBody>;

/** An accepted exclusion as listed openly in the month's assessment (公开剔除清单). */
export const AssessmentExclusion = Type.Object({
  appealId: Uuid,
  ticket: AssessmentTicketRef,
  unit: Ref,
  reason: Type.String(),
  decisionNote: Nullable(Type.String()),
  decidedBy: Nullable(Ref),
  decidedAt: Nullable(DateTime),
  /** The ticket's counted events of the month taken out of the unit's figures (dispatches). */
  dispatched: Type.Integer({ minimum: 0 }),
  rated: Type.Integer({ minimum: 0 }),
});
export type AssessmentExclusion = Static<typeof AssessmentExclusion>;

// ── Summons (末位约谈) ──────────────────────────────────────────────────────

export const AssessmentSummonsBody = Type.Object(
  {
    unitId: Uuid,
    month: Month,
    heldOn: LocalDate,
    /** Who attended (约谈人与被约谈人). */
    attendees: Type.String({ minLength: 2, maxLength: 500 }),
    notes: Type.String({ minLength: 2, maxLength: 4000 }),
  },
  { additionalProperties: false },
);
export type AssessmentSummonsBody = Static<typeof AssessmentSummonsBody>;

export const AssessmentSummonsView = Type.Object({
  id: Uuid,
  unit: Ref,
  month: Month,
  heldOn: LocalDate,
  attendees: Type.String(),
  notes: Type.String(),
  recordedBy: Nullable(Ref),
  createdAt: DateTime,
});
export type AssessmentSummonsView = Static<typeof AssessmentSummonsView>;

export const AssessmentSummonsQuery = Type.Object(
  { month: Month },
  { additionalProperties: false },
);
export const AssessmentSummonsList = Type.Object({
  items: Type.Array(AssessmentSummonsView),
  /** The reader may record a summons (supervisor, administrator, dispatch centre leader). */
  canRecord: Type.Boolean(),
});
export type AssessmentSummonsList = Static<typeof AssessmentSummonsList>;

// ── What the month's view carries (fields at the end of UnitAssessmentView/Row) ──

export const UnitAssessmentReviewRowFields = {
  /** Counted dispatches of accepted exclusions taken out of the unit's month. */
  excluded: Type.Optional(Type.Integer({ minimum: 0 })),
  /** Appeals the unit asked for the month, and how many were accepted (以剔代办 shows). */
  appealsAsked: Type.Optional(Type.Integer({ minimum: 0 })),
  appealsAccepted: Type.Optional(Type.Integer({ minimum: 0 })),
  /** The summons recorded for the month, null when none (a bottom row without one: 待约谈). */
  summons: Type.Optional(Nullable(AssessmentSummonsView)),
};

export const UnitAssessmentReviewViewFields = {
  /** Accepted exclusions of the month, listed openly. */
  exclusions: Type.Optional(Type.Array(AssessmentExclusion)),
  /** Set when the month is closed: the frozen version shown. */
  snapshot: Type.Optional(Nullable(AssessmentSnapshotInfo)),
  /** The reader may record a summons. */
  canSummon: Type.Optional(Type.Boolean()),
};

export const AssessmentVersionQueryField = {
  /** A frozen month's stored version (default: the latest). */
  version: Type.Optional(Type.Integer({ minimum: 1 })),
};
