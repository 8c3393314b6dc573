// [Deliberation]: escalation (上交/提级) and village deliberation (下交群评) with
// its elders panels (三老), sessions, public notices (公示) and ledger (挂账).
// The ticket actions are rows of the state machine (workflow.ts); these are the
// shapes of the lists, the ticket page's panel, the panels' administration and
// the resident notice board.
import { Type, type Static } from '@sinclair/typebox';
import {
  DELIBERATION_BASES,
  DELIBERATION_FINDINGS,
  DELIBERATION_STATES,
  ELDER_KINDS,
  ESCALATION_NEEDS,
  ESCALATION_STATES,
  PARTICIPANT_KINDS,
} from './enums.js';
import { DateTime, LocalDate, Nullable, PageQuery, Ref, Uuid, literalUnion } from './common.js';
import { AttachmentView, LinkedTicket } from './tickets.js';

export const EscalationView = Type.Object({
  id: Uuid,
  ticket: LinkedTicket,
  /** The unit that asked: the ticket stays traceable to it after the upper level takes over. */
  fromUnit: Ref,
  toUnit: Ref,
  reason: Type.String(),
  tried: Type.String(),
  needs: Type.Array(literalUnion(ESCALATION_NEEDS)),
  needsNote: Nullable(Type.String()),
  state: literalUnion(ESCALATION_STATES),
  raisedAt: DateTime,
  raisedBy: Nullable(Ref),
  reviewedAt: Nullable(DateTime),
  reviewedBy: Nullable(Ref),
  reviewNote: Nullable(Type.String()),
});
export type EscalationView = Static<typeof EscalationView>;

export const EscalationListQuery = Type.Object(
  {
    state: Type.Optional(literalUnion(ESCALATION_STATES)),
    /** `to`: addressed to my units (to review); `from`: raised by my units. */
    box: Type.Optional(literalUnion(['to', 'from'], 'to 为待本单位审核,from 为本单位提出')),
    unitId: Type.Optional(Uuid),
    from: Type.Optional(DateTime),
    to: Type.Optional(DateTime),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type EscalationListQuery = Static<typeof EscalationListQuery>;

export const EscalationList = Type.Object({
  items: Type.Array(EscalationView),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type EscalationList = Static<typeof EscalationList>;

/** Escalations counted per unit that raised them (上交考核). */
export const EscalationStats = Type.Object({
  units: Type.Array(
    Type.Object({
      unit: Ref,
      raised: Type.Integer(),
      accepted: Type.Integer(),
      refused: Type.Integer(),
      pending: Type.Integer(),
    }),
  ),
});
export type EscalationStats = Static<typeof EscalationStats>;

export const PeriodQuery = Type.Object(
  { from: Type.Optional(DateTime), to: Type.Optional(DateTime) },
  { additionalProperties: false },
);
export type PeriodQuery = Static<typeof PeriodQuery>;

// ── 三老 elders panels ────────────────────────────────────────────────────────

export const ElderView = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: literalUnion(ELDER_KINDS),
  note: Nullable(Type.String()),
});
export type ElderView = Static<typeof ElderView>;

export const ElderPanelView = Type.Object({
  id: Uuid,
  unit: Ref,
  termStart: LocalDate,
  termEnd: LocalDate,
  members: Type.Array(ElderView),
  createdAt: DateTime,
});
export type ElderPanelView = Static<typeof ElderPanelView>;

export const ElderPanelList = Type.Object({
  /** Village committees in the actor's reach, each with its current panel (null when none). */
  items: Type.Array(
    Type.Object({ unit: Ref, township: Nullable(Ref), panel: Nullable(ElderPanelView) }),
  ),
});
export type ElderPanelList = Static<typeof ElderPanelList>;

export const PutElderPanelBody = Type.Object(
  {
    termStart: LocalDate,
    termEnd: LocalDate,
    members: Type.Array(
      Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 50 }),
          kind: literalUnion(ELDER_KINDS),
          note: Type.Optional(Type.String({ maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 5, maxItems: 10, description: '三老评议团 5 至 10 人' },
    ),
  },
  { additionalProperties: false },
);
export type PutElderPanelBody = Static<typeof PutElderPanelBody>;

// ── Deliberation cases, sessions, notices ────────────────────────────────────

export const SessionView = Type.Object({
  id: Uuid,
  heldAt: DateTime,
  place: Type.String(),
  convenor: Type.String(),
  panelMembers: Type.Array(ElderView),
  participants: Type.Array(
    Type.Object({ name: Type.String(), kind: literalUnion(PARTICIPANT_KINDS) }),
  ),
  matter: Type.String(),
  minutes: Type.String(),
  finding: literalUnion(DELIBERATION_FINDINGS),
  settlement: Type.String(),
  signatures: Type.Array(Type.Object({ name: Type.String(), signedAt: DateTime })),
  attachments: Type.Array(AttachmentView),
  recordedAt: DateTime,
  recordedBy: Nullable(Ref),
  archivedAt: Nullable(DateTime),
  archivedBy: Nullable(Ref),
});
export type SessionView = Static<typeof SessionView>;

export const NoticeView = Type.Object({
  id: Uuid,
  sessionId: Uuid,
  title: Type.String(),
  text: Type.String(),
  finding: literalUnion(DELIBERATION_FINDINGS),
  startsAt: DateTime,
  endsAt: DateTime,
  active: Type.Boolean(),
});
export type NoticeView = Static<typeof NoticeView>;

export const DeliberationView = Type.Object({
  id: Uuid,
  ticket: LinkedTicket,
  basis: literalUnion(DELIBERATION_BASES),
  reason: Type.String(),
  state: literalUnion(DELIBERATION_STATES),
  proposedAt: DateTime,
  proposedBy: Nullable(Ref),
  proposedUnit: Ref,
  village: Ref,
  /** The township government whose party committee signs it off. */
  signer: Ref,
  signedAt: Nullable(DateTime),
  signedBy: Nullable(Ref),
  signNote: Nullable(Type.String()),
  endedAt: Nullable(DateTime),
  endNote: Nullable(Type.String()),
  /** Days on the ledger (挂账), from sign-off to settlement or now. */
  ledgerDays: Nullable(Type.Integer()),
  sessionCount: Type.Integer(),
  noticeEndsAt: Nullable(DateTime),
});
export type DeliberationView = Static<typeof DeliberationView>;

/** The ticket page's panel: escalations and deliberation cases with their records. */
export const TicketDeliberation = Type.Object({
  escalations: Type.Array(EscalationView),
  deliberations: Type.Array(
    Type.Composite([
      DeliberationView,
      Type.Object({ sessions: Type.Array(SessionView), notices: Type.Array(NoticeView) }),
    ]),
  ),
  /** The current elders panel of the village the open case is with (for the session form). */
  panel: Nullable(ElderPanelView),
});
export type TicketDeliberation = Static<typeof TicketDeliberation>;

export const DeliberationListQuery = Type.Object(
  {
    state: Type.Optional(Type.Array(literalUnion(DELIBERATION_STATES))),
    basis: Type.Optional(literalUnion(DELIBERATION_BASES)),
    villageUnitId: Type.Optional(Uuid),
    signerUnitId: Type.Optional(Uuid),
    sort: Type.Optional(
      literalUnion(['proposedAt', '-proposedAt', 'ledgerDays', '-ledgerDays'], '排序'),
    ),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type DeliberationListQuery = Static<typeof DeliberationListQuery>;

export const DeliberationList = Type.Object({
  items: Type.Array(DeliberationView),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type DeliberationList = Static<typeof DeliberationList>;

const LedgerRow = Type.Object({
  unit: Ref,
  /** Signed off onto the ledger (下交), in the period. */
  delegated: Type.Integer(),
  onLedger: Type.Integer(),
  settled: Type.Integer(),
  escalated: Type.Integer(),
  /** settled ÷ delegated (signed off onto the ledger in the period); null when none was. */
  settledRate: Nullable(Type.Number()),
  sessions: Type.Integer(),
});

/** 挂账 figures: settled rate per village and per township. */
export const LedgerStats = Type.Object({
  townships: Type.Array(LedgerRow),
  villages: Type.Array(Type.Composite([LedgerRow, Type.Object({ township: Nullable(Ref) })])),
});
export type LedgerStats = Static<typeof LedgerStats>;

/** A ticket the platform proposes for deliberation: a repeated request or an unsolved one. */
export const DeliberationCandidate = Type.Object({
  ticket: LinkedTicket,
  category: Ref,
  leadUnit: Nullable(Ref),
  receivedAt: DateTime,
  basis: literalUnion(DELIBERATION_BASES),
  /** How many requests the same requester made on the same matter in the window. */
  repeatCount: Type.Integer(),
  reopenCount: Type.Integer(),
});
export type DeliberationCandidate = Static<typeof DeliberationCandidate>;

export const DeliberationCandidates = Type.Object({
  threshold: Type.Integer(),
  windowDays: Type.Integer(),
  items: Type.Array(DeliberationCandidate),
});
export type DeliberationCandidates = Static<typeof DeliberationCandidates>;

// ── The resident notice board (公示栏) ───────────────────────────────────────

export const PublicNotice = Type.Object({
  id: Uuid,
  title: Type.String(),
  text: Type.String(),
  finding: literalUnion(DELIBERATION_FINDINGS),
  village: Type.String(),
  startsAt: DateTime,
  endsAt: DateTime,
});
export type PublicNotice = Static<typeof PublicNotice>;

export const PublicNoticeQuery = Type.Object(
  { place: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export type PublicNoticeQuery = Static<typeof PublicNoticeQuery>;

export const PublicNoticeBoard = Type.Object({
  /** Villages and communities with a notice up now, to choose from. */
  places: Type.Array(
    Type.Object({ id: Uuid, name: Type.String(), township: Type.String(), count: Type.Integer() }),
  ),
  items: Type.Array(PublicNotice),
});
export type PublicNoticeBoard = Static<typeof PublicNoticeBoard>;
