// [Deliberation]: hearings (听证) and consultations (会商) on long-running cases,
// and the backlog (积案) they work through. The ticket actions themselves
// (schedule_hearing, record_hearing, record_consultation) are rows of the state
// machine (workflow.ts); these are the shapes of the ticket page's panel, the
// hearings list and the backlog list that read their records.
import { Type, type Static } from '@sinclair/typebox';
import { EXPERT_KINDS, HEARING_STATES } from './enums.js';
import { DateTime, Nullable, Page, PageQuery, Ref, Uuid, literalUnion } from './common.js';
import { AttachmentView, LinkedTicket, TicketSummary } from './tickets.js';

/** Why a ticket is on the backlog: open too long, or reopened too often. */
export const BACKLOG_REASONS = ['age', 'reopened'] as const;
export type BacklogReason = (typeof BACKLOG_REASONS)[number];

export const HearingExpertView = Type.Object({
  name: Type.String(),
  kind: literalUnion(EXPERT_KINDS),
  affiliation: Nullable(Type.String()),
});
export type HearingExpertView = Static<typeof HearingExpertView>;

export const HearingSignatureView = Type.Object({ name: Type.String(), signedAt: DateTime });
export type HearingSignatureView = Static<typeof HearingSignatureView>;

/** 息诉罢访承诺书: the requester's signed commitment; the signer's name is masked like the requester's. */
export const HearingCommitmentView = Type.Object({
  signerName: Type.String({ description: '签署人姓名(已脱敏)' }),
  signedAt: DateTime,
  text: Type.String(),
  attachments: Type.Array(AttachmentView),
});
export type HearingCommitmentView = Static<typeof HearingCommitmentView>;

export const HearingView = Type.Object({
  id: Uuid,
  ticket: LinkedTicket,
  /** The unit that scheduled it (the lead, the holder, or the township leading its territory). */
  unit: Ref,
  state: literalUnion(HEARING_STATES),
  scheduledAt: DateTime,
  place: Type.String(),
  matter: Type.String(),
  experts: Type.Array(HearingExpertView),
  scheduledBy: Nullable(Ref),
  createdAt: DateTime,
  heldAt: Nullable(DateTime),
  minutes: Nullable(Type.String()),
  outcome: Nullable(Type.String()),
  signatures: Type.Array(HearingSignatureView),
  attachments: Type.Array(AttachmentView),
  commitment: Nullable(HearingCommitmentView),
  recordedBy: Nullable(Ref),
  recordedAt: Nullable(DateTime),
});
export type HearingView = Static<typeof HearingView>;

export const ConsultationView = Type.Object({
  id: Uuid,
  ticket: LinkedTicket,
  unit: Ref,
  heldAt: DateTime,
  participants: Type.String(),
  notes: Type.String(),
  nextSteps: Nullable(Type.String()),
  recordedBy: Nullable(Ref),
  recordedAt: DateTime,
});
export type ConsultationView = Static<typeof ConsultationView>;

/** The ticket page's panel: its hearings (latest scheduled first) and consultations (latest first). */
export const TicketHearings = Type.Object({
  hearings: Type.Array(HearingView),
  consultations: Type.Array(ConsultationView),
});
export type TicketHearings = Static<typeof TicketHearings>;

export const HearingListQuery = Type.Object(
  {
    ...PageQuery,
    state: Type.Optional(literalUnion(HEARING_STATES)),
    /** The unit that scheduled the hearing. */
    unitId: Type.Optional(Uuid),
    /** Scheduled in [from, to). */
    from: Type.Optional(DateTime),
    to: Type.Optional(DateTime),
    commitment: Type.Optional(
      literalUnion(['1', 'true', '0', 'false'], '为 1 时只列出已签订息诉罢访承诺书的听证'),
    ),
    q: Type.Optional(Type.String({ maxLength: 100, description: '工单编号或标题' })),
  },
  { additionalProperties: false },
);
export type HearingListQuery = Static<typeof HearingListQuery>;

export const HearingList = Page(HearingView);
export type HearingList = Static<typeof HearingList>;

export const BACKLOG_SORTS = [
  '-age',
  'age',
  '-reopens',
  'reopens',
  'lastConsultation',
  '-lastConsultation',
] as const;
export type BacklogSort = (typeof BACKLOG_SORTS)[number];

export const BacklogQuery = Type.Object(
  {
    ...PageQuery,
    /** Led or held by this unit. */
    unitId: Type.Optional(Uuid),
    /** In this place or below it (a township, a village). */
    jurisdictionId: Type.Optional(Uuid),
    why: Type.Optional(literalUnion(BACKLOG_REASONS, 'age 为未办结超期,reopened 为多次重办')),
    q: Type.Optional(Type.String({ maxLength: 100, description: '工单编号或标题' })),
    sort: Type.Optional(
      literalUnion(
        BACKLOG_SORTS,
        '-age 为办理天数由长到短(默认);reopens 为重办次数;lastConsultation 为最近会商时间,未会商的在前',
      ),
    ),
  },
  { additionalProperties: false },
);
export type BacklogQuery = Static<typeof BacklogQuery>;

/** A backlog case: the ticket as lists show it (no requester), with its backlog figures. */
export const BacklogItem = Type.Composite([
  TicketSummary,
  Type.Object({
    ageDays: Type.Integer({ description: '自受理起的整天数' }),
    reopenCount: Type.Integer(),
    why: Type.Array(literalUnion(BACKLOG_REASONS), { minItems: 1 }),
    consultationCount: Type.Integer(),
    lastConsultationAt: Nullable(DateTime),
    hearingCount: Type.Integer({ description: '已安排或已召开的听证次数' }),
    hasCommitment: Type.Boolean({ description: '是否已签订息诉罢访承诺书' }),
  }),
]);
export type BacklogItem = Static<typeof BacklogItem>;

export const BacklogList = Type.Object({
  items: Type.Array(BacklogItem),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  now: DateTime,
  /** The district's rule as it applied to this list. */
  backlogDays: Type.Integer(),
  backlogReopens: Type.Integer(),
});
export type BacklogList = Static<typeof BacklogList>;
