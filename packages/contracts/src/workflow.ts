// The ticket state machine, as data. The server's permission checks, the
// transition engine, the web app's action buttons, the OpenAPI document and
// the docs all read this table. Adding a transition is adding a row here
// (plus its input schema in `ACTION_INPUTS` and, if it changes more than the
// state, an effect on the server); nothing else enumerates actions.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { literalUnion } from './common.js';
import {
  REPLY_CHANNELS,
  SATISFACTIONS,
  type Outcome,
  type Role,
  type TicketState,
  URGENCIES,
  COLOURS,
} from './enums.js';

/**
 * How the actor must relate to the ticket, besides holding one of the roles:
 * - `centre`: a role in the tenant's dispatch centre (the 12345 desk);
 * - `lead`: a role in the ticket's lead unit or in the unit now holding it;
 * - `requester`: the resident who raised it (proved by code + phone);
 * - `system`: a scheduled job of the platform itself.
 */
export type Relation = 'centre' | 'lead' | 'requester' | 'system';

export interface Branch {
  /** Input field values that select this branch (all must match). */
  when: Record<string, string | boolean>;
  to: TicketState;
  outcome?: Outcome;
}

export interface TransitionDef {
  action: TicketAction;
  from: readonly TicketState[];
  /** Fixed target, `'same'` for actions that leave the state as it is, or branches on the input. */
  to: TicketState | 'same' | readonly Branch[];
  outcome?: Outcome;
  roles: readonly Role[];
  relation: Relation;
  /** Whether the event shows on the requester's public timeline. */
  visibility: 'public' | 'internal';
  /** Whether the action needs a written reason (stored on the event). */
  reasonRequired?: boolean;
  /** Which issue introduced the row; the docs group by it. */
  since: 'foundation';
}

const text = (min: number, max: number) => Type.String({ minLength: min, maxLength: max });
const uuid = Type.String({ format: 'uuid' });

/** Input schema per action: one schema validates the request, types the service and builds the form. */
export const ACTION_INPUTS = {
  answer_directly: Type.Object(
    { answer: text(2, 4000), knowledgeItemId: Type.Optional(uuid) },
    { additionalProperties: false },
  ),
  dispatch: Type.Object(
    {
      leadUnitId: uuid,
      coUnitIds: Type.Optional(Type.Array(uuid, { maxItems: 10, uniqueItems: true })),
      urgency: Type.Optional(literalUnion(URGENCIES)),
      colour: Type.Optional(literalUnion(COLOURS)),
      note: Type.Optional(text(0, 2000)),
    },
    { additionalProperties: false },
  ),
  accept: Type.Object({ note: Type.Optional(text(0, 2000)) }, { additionalProperties: false }),
  start_handling: Type.Object(
    { note: Type.Optional(text(0, 2000)) },
    { additionalProperties: false },
  ),
  add_progress: Type.Object({ text: text(2, 4000) }, { additionalProperties: false }),
  give_feedback: Type.Object(
    { result: text(10, 4000), replyText: text(10, 4000) },
    { additionalProperties: false },
  ),
  return_feedback: Type.Object({ reason: text(2, 2000) }, { additionalProperties: false }),
  send_reply: Type.Object(
    {
      replyText: text(10, 4000),
      channel: literalUnion(REPLY_CHANNELS),
    },
    { additionalProperties: false },
  ),
  queue_callback: Type.Object({}, { additionalProperties: false }),
  record_callback: Type.Object(
    {
      solved: Type.Boolean(),
      satisfaction: literalUnion(SATISFACTIONS),
      reopen: Type.Optional(Type.Boolean()),
      comment: Type.Optional(text(0, 2000)),
    },
    { additionalProperties: false },
  ),
  rate: Type.Object(
    {
      solved: Type.Boolean(),
      satisfaction: literalUnion(SATISFACTIONS),
      comment: Type.Optional(text(0, 1000)),
    },
    { additionalProperties: false },
  ),
  add_information: Type.Object({ text: text(2, 2000) }, { additionalProperties: false }),
} satisfies Record<string, TSchema>;

export type TicketAction = keyof typeof ACTION_INPUTS;
export type ActionInput<A extends TicketAction> = Static<(typeof ACTION_INPUTS)[A]>;
export const TICKET_ACTIONS = Object.keys(ACTION_INPUTS) as TicketAction[];

const OPEN: readonly TicketState[] = [
  'received',
  'dispatched',
  'accepted',
  'in_progress',
  'feedback_given',
  'replied',
  'awaiting_callback',
];

export const TRANSITIONS: readonly TransitionDef[] = [
  {
    action: 'answer_directly',
    from: ['received'],
    to: 'closed',
    outcome: 'answered_at_intake',
    roles: ['agent', 'dispatcher'],
    relation: 'centre',
    visibility: 'public',
    since: 'foundation',
  },
  {
    action: 'dispatch',
    from: ['received'],
    to: 'dispatched',
    roles: ['dispatcher'],
    relation: 'centre',
    visibility: 'public',
    since: 'foundation',
  },
  {
    action: 'accept',
    from: ['dispatched'],
    to: 'accepted',
    roles: ['handler', 'unit_leader', 'grid_worker'],
    relation: 'lead',
    visibility: 'public',
    since: 'foundation',
  },
  {
    action: 'start_handling',
    from: ['accepted'],
    to: 'in_progress',
    roles: ['handler', 'unit_leader', 'grid_worker'],
    relation: 'lead',
    visibility: 'public',
    since: 'foundation',
  },
  {
    action: 'add_progress',
    from: ['accepted', 'in_progress'],
    to: 'same',
    roles: ['handler', 'unit_leader', 'grid_worker'],
    relation: 'lead',
    visibility: 'internal',
    since: 'foundation',
  },
  {
    action: 'give_feedback',
    from: ['accepted', 'in_progress'],
    to: 'feedback_given',
    roles: ['handler', 'unit_leader'],
    relation: 'lead',
    visibility: 'internal',
    since: 'foundation',
  },
  {
    action: 'return_feedback',
    from: ['feedback_given'],
    to: 'in_progress',
    roles: ['dispatcher'],
    relation: 'centre',
    visibility: 'internal',
    reasonRequired: true,
    since: 'foundation',
  },
  {
    action: 'send_reply',
    from: ['feedback_given'],
    to: 'replied',
    roles: ['dispatcher', 'agent'],
    relation: 'centre',
    visibility: 'public',
    since: 'foundation',
  },
  {
    action: 'queue_callback',
    from: ['replied'],
    to: 'awaiting_callback',
    roles: ['dispatcher', 'agent'],
    relation: 'centre',
    visibility: 'internal',
    since: 'foundation',
  },
  {
    action: 'record_callback',
    from: ['replied', 'awaiting_callback'],
    to: [
      { when: { solved: true }, to: 'closed', outcome: 'solved' },
      { when: { solved: false, reopen: true }, to: 'dispatched' },
      { when: { solved: false }, to: 'closed', outcome: 'unsolved' },
    ],
    roles: ['agent', 'dispatcher'],
    relation: 'centre',
    visibility: 'public',
    since: 'foundation',
  },
  {
    action: 'rate',
    from: ['replied', 'awaiting_callback'],
    to: [
      { when: { solved: true }, to: 'closed', outcome: 'solved' },
      { when: { solved: false }, to: 'awaiting_callback' },
    ],
    roles: [],
    relation: 'requester',
    visibility: 'public',
    since: 'foundation',
  },
  {
    action: 'add_information',
    from: OPEN,
    to: 'same',
    roles: [],
    relation: 'requester',
    visibility: 'public',
    since: 'foundation',
  },
];

const BY_ACTION = new Map(TRANSITIONS.map((t) => [t.action, t]));

export function transitionFor(action: TicketAction): TransitionDef {
  const def = BY_ACTION.get(action);
  if (!def) throw new Error(`no transition row for action ${action}`);
  return def;
}

/** The target of a transition for a given input, or undefined when no branch matches. */
export function targetOf(
  def: TransitionDef,
  from: TicketState,
  input: Record<string, unknown>,
): { to: TicketState; outcome?: Outcome } | undefined {
  if (def.to === 'same') return { to: from };
  if (typeof def.to === 'string') return { to: def.to, outcome: def.outcome };
  for (const b of def.to) {
    const matches = Object.entries(b.when).every(([k, v]) => (input[k] ?? false) === v);
    if (matches) return { to: b.to, outcome: b.outcome };
  }
  return undefined;
}

/** Actions whose `from` includes the state: the candidates before permissions are checked. */
export function actionsFrom(state: TicketState): TicketAction[] {
  return TRANSITIONS.filter((t) => t.from.includes(state)).map((t) => t.action);
}
