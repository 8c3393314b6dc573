// Enumerations shared by the server, the web app and the OpenAPI document.
// Labels for every value live in the message catalogue (messages/zh-CN.ts).

export const TICKET_STATES = [
  'received',
  'dispatched',
  'accepted',
  'in_progress',
  'feedback_given',
  'replied',
  'awaiting_callback',
  'in_deliberation',
  'closed',
] as const;
export type TicketState = (typeof TICKET_STATES)[number];

/** Open states are every state but `closed`; overdue is derived from them. */
export const OPEN_STATES: readonly TicketState[] = TICKET_STATES.filter((s) => s !== 'closed');

/** States in which the lead unit still owes feedback: the completion clock runs. */
export const HANDLING_STATES: readonly TicketState[] = ['dispatched', 'accepted', 'in_progress'];

export const OUTCOMES = [
  'answered_at_intake',
  'solved',
  'unsolved',
  'not_reached',
  'terminated',
  'transferred',
  'answered_with_progress',
  'merged',
  'settled_by_deliberation',
  // [Handling] not called back (not sampled) and not rated online within the window: no rating.
  'closed_unrated',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const CHANNELS = [
  'hotline',
  'web',
  'wechat',
  'app',
  'walk_in',
  'suggestion_box',
  'grid_patrol',
  'studio',
  'upstream',
  'api',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const TICKET_TYPES = ['consult', 'help', 'complaint', 'report', 'suggestion'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const URGENCIES = ['emergency', 'urgent', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const COLOURS = ['yellow', 'orange', 'red'] as const;
export type Colour = (typeof COLOURS)[number];

export const ROLES = [
  'agent',
  'dispatcher',
  'handler',
  'unit_leader',
  'grid_worker',
  'supervisor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const UNIT_KINDS = [
  'dispatch_centre',
  'department',
  'government',
  'section',
  'grid',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const JURISDICTION_LEVELS = [
  'city',
  'district',
  'township',
  'village',
  'grid',
  'micro_grid',
] as const;
export type JurisdictionLevel = (typeof JURISDICTION_LEVELS)[number];

export const LIMIT_UNITS = ['calendar_hours', 'working_hours', 'working_days'] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];

export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

export const REPLY_CHANNELS = ['phone', 'sms', 'web'] as const;
export type ReplyChannel = (typeof REPLY_CHANNELS)[number];

export const ACTOR_KINDS = ['staff', 'requester', 'system', 'api'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** 特殊路由: where a request that no unit handles is sent at intake (the regulation's special routes). */
export const SPECIAL_ROUTES = [
  'police_110',
  'fire_119',
  'ambulance_120',
  'traffic_122',
  'court',
  'arbitration',
  'discipline',
  'administrative_review',
  'information_disclosure',
  'petition',
  'market_channel',
] as const;
export type SpecialRoute = (typeof SPECIAL_ROUTES)[number];

/** Why a unit objects to a dispatch (异议/退单). */
export const OBJECTION_REASONS = ['not_our_duty', 'wrong_place', 'other'] as const;
export type ObjectionReason = (typeof OBJECTION_REASONS)[number];

export const OBJECTION_STATES = ['open', 'upheld', 'rejected'] as const;
export type ObjectionState = (typeof OBJECTION_STATES)[number];

export const OBJECTION_VERDICTS = ['upheld', 'rejected'] as const;
export type ObjectionVerdict = (typeof OBJECTION_VERDICTS)[number];

/** A co-unit's task (协办): its own small lifecycle beside the ticket's. */
export const TASK_STATES = ['open', 'accepted', 'reported', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** How a unit came to be summoned or to hold a co-unit task. */
export const TASK_SOURCES = ['dispatch', 'whistle'] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];

/** A department summoned by a whistle (吹哨): reported in time, late, or still waiting. */
export const SUMMONS_STATES = ['summoned', 'reported'] as const;
export type SummonsState = (typeof SUMMONS_STATES)[number];

/**
 * A summons as read at a given time (derived, never stored): waiting before its
 * due time, reported in time, reported after it (迟到报到), or past it and not
 * reported (超时未报到).
 */
export const SUMMONS_STATUSES = ['waiting', 'on_time', 'reported_late', 'overdue'] as const;
export type SummonsStatus = (typeof SUMMONS_STATUSES)[number];

/** How a passing down (三上三下) ended: taken back, sent back up, or the ticket was reassigned. */
export const DELEGATION_ENDINGS = ['pulled_back', 'sent_up', 'reassigned'] as const;
export type DelegationEnding = (typeof DELEGATION_ENDINGS)[number];

/** Who a dispatch-catalogue rule sends a ticket to: a named unit or the place's own government. */
export const RULE_TARGETS = ['unit', 'territorial_township', 'territorial_village'] as const;
export type RuleTarget = (typeof RULE_TARGETS)[number];

// ── [Deliberation] ──────────────────────────────────────────────────────────

/** What a unit escalating a ticket (上交/提级) needs from the upper level. */
export const ESCALATION_NEEDS = ['funds', 'authority', 'departments', 'policy', 'other'] as const;
export type EscalationNeed = (typeof ESCALATION_NEEDS)[number];

/** An escalation's own small lifecycle: waiting for the upper level's review, then qualified or not. */
export const ESCALATION_STATES = ['pending', 'accepted', 'refused'] as const;
export type EscalationState = (typeof ESCALATION_STATES)[number];

export const ESCALATION_VERDICTS = ['accepted', 'refused'] as const;
export type EscalationVerdict = (typeof ESCALATION_VERDICTS)[number];

/** Why a ticket is proposed for village deliberation (下交群评). */
export const DELIBERATION_BASES = ['unsolved_not_escalable', 'repeated_request'] as const;
export type DeliberationBasis = (typeof DELIBERATION_BASES)[number];

/**
 * A delegated case on the ledger (挂账): proposed, refused at sign-off, on the
 * ledger (signed off, with the village), settled, or escalated from the ledger.
 */
export const DELIBERATION_STATES = [
  'proposed',
  'refused',
  'on_ledger',
  'settled',
  'escalated',
] as const;
export type DeliberationState = (typeof DELIBERATION_STATES)[number];

export const SIGN_OFF_VERDICTS = ['signed', 'refused'] as const;
export type SignOffVerdict = (typeof SIGN_OFF_VERDICTS)[number];

/** 三老: who sits on a village's elders panel. */
export const ELDER_KINDS = ['old_party_member', 'old_cadre', 'model_resident'] as const;
export type ElderKind = (typeof ELDER_KINDS)[number];

/** A deliberation session's finding on the request. */
export const DELIBERATION_FINDINGS = ['reasonable', 'partly_reasonable', 'unreasonable'] as const;
export type DeliberationFinding = (typeof DELIBERATION_FINDINGS)[number];

/** Other people at a deliberation session besides the elders panel. */
export const PARTICIPANT_KINDS = [
  'party_member',
  'villager_representative',
  'grid_worker',
  'requester',
  'cadre',
  'other',
] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

/** Experts invited to a hearing (听证). */
export const EXPERT_KINDS = ['deputy', 'lawyer', 'counsellor', 'worthy', 'other'] as const;
export type ExpertKind = (typeof EXPERT_KINDS)[number];

export const HEARING_STATES = ['scheduled', 'held', 'cancelled'] as const;
export type HearingState = (typeof HEARING_STATES)[number];

/** A common-problem project (共性问题/每月一题). */
export const PROJECT_STATES = ['planning', 'active', 'completed', 'cancelled'] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];
