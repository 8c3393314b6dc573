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
  'merged',
  'settled_by_deliberation',
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

export const JURISDICTION_LEVELS = ['city', 'district', 'township', 'village', 'grid'] as const;
export type JurisdictionLevel = (typeof JURISDICTION_LEVELS)[number];

export const LIMIT_UNITS = ['calendar_hours', 'working_hours', 'working_days'] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];

export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

export const REPLY_CHANNELS = ['phone', 'sms', 'web'] as const;
export type ReplyChannel = (typeof REPLY_CHANNELS)[number];

export const ACTOR_KINDS = ['staff', 'requester', 'system', 'api'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];
