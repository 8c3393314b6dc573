// The ticket state machine, as data. The server's permission checks, the
// transition engine, the web app's action buttons, the OpenAPI document and
// the docs all read this table. Adding a transition is adding a row here
// (plus its input schema in `ACTION_INPUTS` and, if it changes more than the
// state, an effect on the server); nothing else enumerates actions.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { literalUnion } from './common.js';
import {
  DELIBERATION_BASES,
  DELIBERATION_FINDINGS,
  ESCALATION_NEEDS,
  ESCALATION_VERDICTS,
  EXPERT_KINDS,
  PARTICIPANT_KINDS,
  SIGN_OFF_VERDICTS,
  OBJECTION_REASONS,
  OBJECTION_VERDICTS,
  REPLY_CHANNELS,
  SATISFACTIONS,
  SPECIAL_ROUTES,
  type Outcome,
  type Role,
  type TicketState,
  URGENCIES,
  COLOURS,
} from './enums.js';
import {
  CONTACT_CHANNELS,
  CONTACT_OUTCOMES,
  HANDLING_DECISIONS,
  SUSPENSION_KINDS,
  TERMINATION_KINDS,
} from './handling.js';
import { CALLBACK_ATTEMPT_RESULTS, CALLBACK_REVIEW_DECISIONS } from './callbacks.js';

/**
 * How the actor must relate to the ticket, besides holding one of the roles:
 * - `centre`: a role in the tenant's dispatch centre (the 12345 desk);
 * - `lead`: a role in the ticket's lead unit or in the unit now holding it
 *   (or the leader of the government whose territory the lead unit is in);
 * - `lead_unit`: a role in the lead unit itself (the unit the ticket was dispatched to);
 * - `holder`: a role in the unit now holding it (the lead, or the unit it was passed down to);
 * - `passer`: a role in a unit that passed the ticket down, while a lower unit holds it;
 * - `co`: a role in a co-unit with an unfinished task on the ticket (协办);
 * - `summoned`: a role in a department summoned by a whistle and not yet reported in;
 * - `upper`: a role in the unit a pending escalation is addressed to (for the
 *   district, the dispatch centre reviews on its behalf);
 * - `signer`: a role in the township government whose party committee signs off
 *   a proposed deliberation (下交群评);
 * - `overseer`: a supervisor or dispatcher of the dispatch centre, or the leader of a
 *   government above the unit it urges (督办);
 * - `urged`: a role in a unit with an unanswered urge (督办) on the ticket;
 * - `lead_or_centre`: as `lead`, or a role in the dispatch centre (ending a suspension);
 * - `requester`: the resident who raised it (proved by code + phone);
 * - `system`: a job of the platform itself.
 */
export type Relation =
  | 'centre'
  | 'lead'
  | 'lead_unit'
  | 'holder'
  | 'passer'
  | 'co'
  | 'summoned'
  | 'upper'
  | 'signer'
  | 'overseer'
  | 'urged'
  | 'lead_or_centre'
  | 'requester'
  | 'system';

export interface Branch {
  /** Input field values that select this branch (all must match). */
  when: Record<string, string | boolean>;
  /** The target state, or `'same'` to stay where the ticket is. */
  to: TicketState | 'same';
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
  /** An internal row's event is public when its input has these values (a note marked public). */
  publicWhen?: Record<string, string | boolean>;
  /** Whether the action needs a written reason (stored on the event). */
  reasonRequired?: boolean;
  /** Which issue introduced the row; the docs group by it. */
  since: 'foundation' | 'dispatch' | 'deliberation' | 'assessment' | 'handling' | 'volunteers';
}

const text = (min: number, max: number) => Type.String({ minLength: min, maxLength: max });
const uuid = Type.String({ format: 'uuid' });
const dateTime = Type.String({ format: 'date-time' });
const attachmentIds = Type.Optional(Type.Array(uuid, { maxItems: 10, uniqueItems: true }));
const person = (kinds: readonly string[], extra: Record<string, TSchema> = {}) =>
  Type.Object(
    { name: text(1, 50), kind: literalUnion(kinds), ...extra },
    { additionalProperties: false },
  );
const signature = Type.Object(
  { name: text(1, 50), signedAt: dateTime },
  { additionalProperties: false },
);

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
  add_progress: Type.Object(
    {
      text: text(2, 4000),
      // [Handling] a note the requester may read (e.g. "已联系施工队,预计周五完工").
      public: Type.Optional(Type.Boolean({ description: '向诉求人公开(显示在公开进度中)' })),
    },
    { additionalProperties: false },
  ),
  give_feedback: Type.Object(
    {
      // [Handling] the reply template (答复口径) the text started from, recorded on the event.
      templateId: Type.Optional(uuid),
      result: text(10, 4000),
      replyText: text(10, 4000),
    },
    { additionalProperties: false },
  ),
  return_feedback: Type.Object({ reason: text(2, 2000) }, { additionalProperties: false }),
  send_reply: Type.Object(
    {
      // [Handling] the reply template (答复口径) the text started from, recorded on the event.
      templateId: Type.Optional(uuid),
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

  // [Dispatch]: special routes, repeats and merging at intake.
  transfer: Type.Object(
    { route: literalUnion(SPECIAL_ROUTES), note: text(2, 2000) },
    { additionalProperties: false },
  ),
  answer_with_progress: Type.Object(
    { relatedTicketId: uuid, answer: text(2, 4000) },
    { additionalProperties: false },
  ),
  merge_into: Type.Object(
    { masterTicketId: uuid, note: Type.Optional(text(0, 2000)) },
    { additionalProperties: false },
  ),
  unmerge: Type.Object({ reason: text(2, 2000) }, { additionalProperties: false }),
  // The platform copies a master's reply to each ticket merged into it.
  relay_reply: Type.Object(
    { masterTicketId: uuid, replyText: text(1, 4000) },
    { additionalProperties: false },
  ),
  // [Dispatch]: 首接负责 — objections and their review.
  object: Type.Object(
    {
      reason: literalUnion(OBJECTION_REASONS),
      text: text(5, 2000),
      attachmentIds: Type.Optional(Type.Array(uuid, { maxItems: 9, uniqueItems: true })),
    },
    { additionalProperties: false },
  ),
  review_objection: Type.Object(
    {
      verdict: literalUnion(OBJECTION_VERDICTS),
      note: text(2, 2000),
      newLeadUnitId: Type.Optional(uuid),
      dispatchFault: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
  // [Dispatch]: co-unit tasks (协办) and whistles (吹哨报到).
  accept_task: Type.Object({ note: Type.Optional(text(0, 2000)) }, { additionalProperties: false }),
  report_part: Type.Object({ text: text(5, 4000) }, { additionalProperties: false }),
  blow_whistle: Type.Object(
    {
      unitIds: Type.Array(uuid, { minItems: 1, maxItems: 10, uniqueItems: true }),
      topic: text(2, 1000),
      dueHours: Type.Integer({ minimum: 1, maximum: 168 }),
    },
    { additionalProperties: false },
  ),
  report_in: Type.Object({ note: Type.Optional(text(0, 2000)) }, { additionalProperties: false }),
  // [Dispatch]: passing down and up (三上三下); the lead unit stays responsible.
  pass_down: Type.Object(
    {
      toUnitId: uuid,
      toUserId: Type.Optional(uuid),
      note: Type.Optional(text(0, 2000)),
    },
    { additionalProperties: false },
  ),
  pull_back: Type.Object({ reason: text(2, 2000) }, { additionalProperties: false }),
  send_up: Type.Object({ reason: text(2, 2000) }, { additionalProperties: false }),
  convene: Type.Object(
    {
      sectionIds: Type.Array(uuid, { minItems: 1, maxItems: 10, uniqueItems: true }),
      note: text(2, 2000),
      resources: Type.Optional(text(0, 2000)),
    },
    { additionalProperties: false },
  ),
  // The platform moves running deadlines when the working calendar changes.
  recalculate_deadlines: Type.Object({ reason: text(2, 500) }, { additionalProperties: false }),
  // [Deliberation]
  escalate: Type.Object(
    {
      reason: text(5, 2000),
      tried: text(5, 2000),
      needs: Type.Array(literalUnion(ESCALATION_NEEDS), { minItems: 1, uniqueItems: true }),
      needsNote: Type.Optional(text(0, 1000)),
    },
    { additionalProperties: false },
  ),
  review_escalation: Type.Object(
    { verdict: literalUnion(ESCALATION_VERDICTS), note: text(2, 2000) },
    { additionalProperties: false },
  ),
  propose_deliberation: Type.Object(
    { basis: literalUnion(DELIBERATION_BASES), villageUnitId: uuid, reason: text(5, 2000) },
    { additionalProperties: false },
  ),
  sign_off_deliberation: Type.Object(
    { verdict: literalUnion(SIGN_OFF_VERDICTS), note: text(2, 2000) },
    { additionalProperties: false },
  ),
  hold_session: Type.Object(
    {
      heldAt: dateTime,
      place: text(2, 200),
      convenor: text(1, 50),
      panelMemberIds: Type.Array(uuid, { minItems: 1, maxItems: 10, uniqueItems: true }),
      participants: Type.Array(person(PARTICIPANT_KINDS), { maxItems: 200 }),
      matter: text(2, 2000),
      minutes: text(10, 20000),
      finding: literalUnion(DELIBERATION_FINDINGS),
      settlement: text(2, 4000),
      signatures: Type.Array(signature, { maxItems: 250 }),
      attachmentIds,
    },
    { additionalProperties: false },
  ),
  archive_session: Type.Object({ sessionId: uuid }, { additionalProperties: false }),
  publish_notice: Type.Object(
    {
      sessionId: uuid,
      text: text(10, 4000),
      days: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
    },
    { additionalProperties: false },
  ),
  settle_deliberation: Type.Object({ note: text(2, 2000) }, { additionalProperties: false }),
  schedule_hearing: Type.Object(
    {
      scheduledAt: dateTime,
      place: text(2, 200),
      matter: text(2, 2000),
      experts: Type.Array(person(EXPERT_KINDS, { affiliation: Type.Optional(text(0, 100)) }), {
        minItems: 1,
        maxItems: 30,
      }),
    },
    { additionalProperties: false },
  ),
  record_hearing: Type.Object(
    {
      hearingId: uuid,
      heldAt: dateTime,
      minutes: text(10, 20000),
      outcome: text(2, 4000),
      /** 息诉罢访承诺书: the requester's signed commitment to stop petitioning, where reached. */
      commitment: Type.Optional(
        Type.Object(
          { signerName: text(1, 50), signedAt: dateTime, text: text(2, 4000), attachmentIds },
          { additionalProperties: false },
        ),
      ),
      signatures: Type.Array(signature, { maxItems: 250 }),
      attachmentIds,
    },
    { additionalProperties: false },
  ),
  record_consultation: Type.Object(
    {
      heldAt: dateTime,
      participants: text(2, 1000),
      notes: text(5, 8000),
      nextSteps: Type.Optional(text(0, 2000)),
    },
    { additionalProperties: false },
  ),
  link_project: Type.Object({ projectId: uuid }, { additionalProperties: false }),
  unlink_project: Type.Object(
    { projectId: uuid, reason: text(2, 1000) },
    { additionalProperties: false },
  ),
  reply_by_project: Type.Object(
    { projectId: uuid, text: text(5, 4000), channel: literalUnion(REPLY_CHANNELS) },
    { additionalProperties: false },
  ),
  // [Assessment]: oversight (督办). The urged unit defaults to the unit holding the ticket.
  urge: Type.Object(
    { unitId: Type.Optional(uuid), deadline: dateTime, note: text(2, 2000) },
    { additionalProperties: false },
  ),
  respond_urge: Type.Object(
    { reply: text(2, 2000), finishBy: Type.Optional(dateTime) },
    { additionalProperties: false },
  ),
  // The platform: an urge left unanswered past its deadline goes to the leader above.
  escalate_urge: Type.Object(
    { urgeId: uuid, urgedUnitId: uuid, toUnitId: uuid, deadline: dateTime },
    { additionalProperties: false },
  ),
  // [Handling]: the contact log (联系记录); a reached contact inside the limit is the response.
  record_contact: Type.Object(
    {
      contactChannel: literalUnion(CONTACT_CHANNELS),
      contactOutcome: literalUnion(CONTACT_OUTCOMES),
      note: Type.Optional(text(0, 1000)),
    },
    { additionalProperties: false },
  ),
  // [Handling]: extension (延期): the handling unit asks, the centre decides.
  request_extension: Type.Object(
    { reason: text(5, 2000), proposedDueAt: dateTime },
    { additionalProperties: false },
  ),
  review_extension: Type.Object(
    { decision: literalUnion(HANDLING_DECISIONS), note: text(2, 2000) },
    { additionalProperties: false },
  ),
  // [Handling]: suspension (挂起): waiting on the requester or a third party, up to a bound.
  request_suspension: Type.Object(
    { suspensionKind: literalUnion(SUSPENSION_KINDS), reason: text(5, 2000), until: dateTime },
    { additionalProperties: false },
  ),
  review_suspension: Type.Object(
    { decision: literalUnion(HANDLING_DECISIONS), note: text(2, 2000) },
    { additionalProperties: false },
  ),
  resume_handling: Type.Object(
    { note: Type.Optional(text(0, 2000)) },
    { additionalProperties: false },
  ),
  // The platform: a suspension whose bound has passed ends by itself (handling/service sweep).
  end_suspension: Type.Object({ requestId: uuid }, { additionalProperties: false }),
  // [Handling]: termination (终止办理): a special case, a written reason, a second person's review.
  request_termination: Type.Object(
    { terminationKind: literalUnion(TERMINATION_KINDS), reason: text(5, 2000) },
    { additionalProperties: false },
  ),
  review_termination: Type.Object(
    { decision: literalUnion(HANDLING_DECISIONS), note: text(2, 2000) },
    { additionalProperties: false },
  ),
  // [Handling]: a site visit (现场查看): when, where, what was found, photos.
  record_site_visit: Type.Object(
    {
      visitedAt: dateTime,
      place: text(2, 200),
      findings: text(5, 4000),
      lng: Type.Optional(Type.Number({ minimum: 73, maximum: 136 })),
      lat: Type.Optional(Type.Number({ minimum: 3, maximum: 54 })),
      attachmentIds,
      public: Type.Optional(Type.Boolean({ description: '向诉求人公开(不含照片)' })),
    },
    { additionalProperties: false },
  ),
  // [Handling]: 转交 within the holding unit, to a colleague or a grid worker of its area.
  hand_over: Type.Object(
    { toUserId: uuid, note: Type.Optional(text(0, 2000)) },
    { additionalProperties: false },
  ),
  // [Handling]: the callback desk (回访台, callbacks/hooks.ts). A call that did not reach the
  // requester; the hook derives the attempt's number and whether it was the last allowed.
  record_callback_attempt: Type.Object(
    { result: literalUnion(CALLBACK_ATTEMPT_RESULTS), note: Type.Optional(text(0, 1000)) },
    { additionalProperties: false },
  ),
  // The reviewer's decision on an "unsolved" callback: 重办 with a new limit, or 办结.
  review_callback: Type.Object(
    { decision: literalUnion(CALLBACK_REVIEW_DECISIONS), reason: text(2, 2000) },
    { additionalProperties: false },
  ),
  // The platform: the online window passed, the sampled ticket waits for the call.
  callback_due: Type.Object({}, { additionalProperties: false }),
  // The platform: not sampled and not rated online in time: closed without a rating.
  close_unrated: Type.Object({}, { additionalProperties: false }),
  // [Volunteers]: a handler or grid worker asks a volunteer team for help (志愿队协助);
  // the platform records the help the team gave, for its leader (who holds no unit of the
  // ticket: the volunteers service checks that the actor leads or keeps the team).
  request_volunteers: Type.Object(
    { teamId: uuid, description: text(2, 2000) },
    { additionalProperties: false },
  ),
  record_volunteer_help: Type.Object(
    {
      helpRequestId: uuid,
      teamName: text(1, 100),
      what: text(2, 2000),
      helpedAt: dateTime,
      hours: Type.Number({ minimum: 0 }),
      volunteers: Type.Array(
        Type.Object(
          { id: uuid, name: text(1, 50), minutes: Type.Integer({ minimum: 1, maximum: 1440 }) },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 50 },
      ),
      recordedBy: Type.Object({ id: uuid, name: text(1, 100) }, { additionalProperties: false }),
      photoIds: Type.Optional(Type.Array(uuid, { maxItems: 20, uniqueItems: true })),
    },
    { additionalProperties: false },
  ),
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
  'in_deliberation',
];

/** States in which the lead unit still owes feedback. */
const HANDLING: readonly TicketState[] = ['dispatched', 'accepted', 'in_progress'];
const HANDLERS: readonly Role[] = ['handler', 'unit_leader'];
/** Where a long-running case can get a hearing or a consultation: open, past the desk. */
const LONG_RUNNING: readonly TicketState[] = OPEN.filter((s) => s !== 'received');

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
    publicWhen: { public: true },
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
    // [Handling] "unsolved" without an immediate reopen waits for the reviewer
    // (review_callback); the dispatcher may still reopen at once.
    to: [
      { when: { solved: true }, to: 'closed', outcome: 'solved' },
      { when: { solved: false, reopen: true }, to: 'dispatched' },
      { when: { solved: false }, to: 'same' },
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
  // ── [Dispatch] ────────────────────────────────────────────────────────────
  {
    action: 'transfer',
    from: ['received'],
    to: 'closed',
    outcome: 'transferred',
    roles: ['agent', 'dispatcher'],
    relation: 'centre',
    visibility: 'public',
    since: 'dispatch',
  },
  {
    action: 'answer_with_progress',
    from: ['received'],
    to: 'closed',
    outcome: 'answered_with_progress',
    roles: ['agent', 'dispatcher'],
    relation: 'centre',
    visibility: 'public',
    since: 'dispatch',
  },
  {
    action: 'merge_into',
    from: ['received'],
    to: 'closed',
    outcome: 'merged',
    roles: ['dispatcher'],
    relation: 'centre',
    visibility: 'public',
    since: 'dispatch',
  },
  {
    action: 'unmerge',
    from: ['closed'],
    to: 'received',
    roles: ['dispatcher'],
    relation: 'centre',
    visibility: 'public',
    reasonRequired: true,
    since: 'dispatch',
  },
  {
    // A merged ticket follows its master: the master's reply reaches its requester too.
    action: 'relay_reply',
    from: ['closed'],
    to: 'same',
    roles: [],
    relation: 'system',
    visibility: 'public',
    since: 'dispatch',
  },
  {
    action: 'object',
    from: ['dispatched', 'accepted'],
    to: 'same',
    roles: HANDLERS,
    relation: 'lead_unit',
    visibility: 'internal',
    since: 'dispatch',
  },
  {
    action: 'review_objection',
    from: ['dispatched', 'accepted'],
    to: [
      { when: { verdict: 'upheld' }, to: 'dispatched' },
      { when: { verdict: 'rejected' }, to: 'same' },
    ],
    roles: ['dispatcher', 'unit_leader'],
    relation: 'centre',
    visibility: 'internal',
    since: 'dispatch',
  },
  {
    action: 'accept_task',
    from: HANDLING,
    to: 'same',
    roles: HANDLERS,
    relation: 'co',
    visibility: 'internal',
    since: 'dispatch',
  },
  {
    action: 'report_part',
    from: HANDLING,
    to: 'same',
    roles: HANDLERS,
    relation: 'co',
    visibility: 'internal',
    since: 'dispatch',
  },
  {
    action: 'blow_whistle',
    from: HANDLING,
    to: 'same',
    roles: ['unit_leader'],
    relation: 'lead',
    visibility: 'internal',
    since: 'dispatch',
  },
  {
    action: 'report_in',
    from: HANDLING,
    to: 'same',
    roles: HANDLERS,
    relation: 'summoned',
    visibility: 'internal',
    since: 'dispatch',
  },
  {
    action: 'pass_down',
    from: ['accepted', 'in_progress'],
    to: 'same',
    roles: HANDLERS,
    relation: 'holder',
    visibility: 'internal',
    since: 'dispatch',
  },
  {
    action: 'pull_back',
    from: ['accepted', 'in_progress'],
    to: 'same',
    roles: HANDLERS,
    relation: 'passer',
    visibility: 'internal',
    reasonRequired: true,
    since: 'dispatch',
  },
  {
    action: 'send_up',
    from: ['accepted', 'in_progress'],
    to: 'same',
    roles: ['handler', 'unit_leader', 'grid_worker'],
    relation: 'holder',
    visibility: 'internal',
    reasonRequired: true,
    since: 'dispatch',
  },
  {
    action: 'convene',
    from: ['accepted', 'in_progress'],
    to: 'same',
    roles: ['unit_leader'],
    relation: 'lead',
    visibility: 'internal',
    since: 'dispatch',
  },
  {
    action: 'recalculate_deadlines',
    from: HANDLING,
    to: 'same',
    roles: [],
    relation: 'system',
    visibility: 'internal',
    reasonRequired: true,
    since: 'dispatch',
  },
  // ── [Deliberation] ───────────────────────────────────────────────────────
  {
    // 上交/提级: a township to the district, a village to its township.
    action: 'escalate',
    from: ['accepted', 'in_progress', 'in_deliberation'],
    to: 'same',
    roles: HANDLERS,
    relation: 'lead_unit',
    visibility: 'internal',
    since: 'deliberation',
  },
  {
    // Qualified: the upper level becomes the lead unit and handles it; the
    // escalation record keeps the original unit. Not qualified: it stays.
    action: 'review_escalation',
    from: ['accepted', 'in_progress', 'in_deliberation'],
    to: [
      { when: { verdict: 'accepted' }, to: 'in_progress' },
      { when: { verdict: 'refused' }, to: 'same' },
    ],
    roles: ['unit_leader', 'dispatcher'],
    relation: 'upper',
    visibility: 'public',
    since: 'deliberation',
  },
  {
    // 下交群评: unsolved and not escalable, or a high-frequency repeated request.
    action: 'propose_deliberation',
    from: ['accepted', 'in_progress', 'feedback_given', 'awaiting_callback'],
    to: 'same',
    roles: HANDLERS,
    relation: 'lead',
    visibility: 'internal',
    since: 'deliberation',
  },
  {
    // The township party committee signs it off: the ticket goes to the village
    // branch and onto the ledger (挂账); the completion clock stops.
    action: 'sign_off_deliberation',
    from: ['accepted', 'in_progress', 'feedback_given', 'awaiting_callback'],
    to: [
      { when: { verdict: 'signed' }, to: 'in_deliberation' },
      { when: { verdict: 'refused' }, to: 'same' },
    ],
    roles: ['unit_leader'],
    relation: 'signer',
    visibility: 'public',
    since: 'deliberation',
  },
  {
    action: 'hold_session',
    from: ['in_deliberation'],
    to: 'same',
    roles: HANDLERS,
    relation: 'holder',
    visibility: 'internal',
    since: 'deliberation',
  },
  {
    // The video and the signed sheet become immutable.
    action: 'archive_session',
    from: ['in_deliberation'],
    to: 'same',
    roles: HANDLERS,
    relation: 'holder',
    visibility: 'internal',
    since: 'deliberation',
  },
  {
    // 公示: posted in the village without the requester's identity; the requester is told.
    action: 'publish_notice',
    from: ['in_deliberation'],
    to: 'same',
    roles: HANDLERS,
    relation: 'holder',
    visibility: 'public',
    since: 'deliberation',
  },
  {
    action: 'settle_deliberation',
    from: ['in_deliberation'],
    to: 'closed',
    outcome: 'settled_by_deliberation',
    roles: HANDLERS,
    relation: 'lead',
    visibility: 'public',
    since: 'deliberation',
  },
  {
    // 听证: a long-running case (积案) gets a hearing with invited experts.
    action: 'schedule_hearing',
    from: LONG_RUNNING,
    to: 'same',
    roles: HANDLERS,
    relation: 'lead',
    visibility: 'internal',
    since: 'deliberation',
  },
  {
    action: 'record_hearing',
    from: LONG_RUNNING,
    to: 'same',
    roles: HANDLERS,
    relation: 'lead',
    visibility: 'internal',
    since: 'deliberation',
  },
  {
    // 会商: the regular consultation on a backlog case.
    action: 'record_consultation',
    from: LONG_RUNNING,
    to: 'same',
    roles: HANDLERS,
    relation: 'lead',
    visibility: 'internal',
    since: 'deliberation',
  },
  {
    // 共性问题/每月一题: closed tickets too, so a project gathers the problem's history.
    action: 'link_project',
    from: [...OPEN, 'closed'],
    to: 'same',
    roles: ['dispatcher', 'supervisor'],
    relation: 'centre',
    visibility: 'internal',
    since: 'deliberation',
  },
  {
    action: 'unlink_project',
    from: [...OPEN, 'closed'],
    to: 'same',
    roles: ['dispatcher', 'supervisor'],
    relation: 'centre',
    visibility: 'internal',
    since: 'deliberation',
  },
  {
    // One reply, solved once for all: every linked ticket still waiting is answered.
    action: 'reply_by_project',
    from: ['dispatched', 'accepted', 'in_progress', 'feedback_given'],
    to: 'replied',
    roles: ['dispatcher'],
    relation: 'centre',
    visibility: 'public',
    since: 'deliberation',
  },
  // ── [Assessment] ─────────────────────────────────────────────────────────
  {
    // 督办: a deadline and a note for the unit holding (or leading, or co-handling) it
    // while it handles the ticket (not once its feedback is in: the centre's stage);
    // ignored past the deadline, it escalates to the leader above (see oversight/sweep).
    action: 'urge',
    from: [...HANDLING, 'in_deliberation'],
    to: 'same',
    roles: ['supervisor', 'dispatcher', 'unit_leader'],
    relation: 'overseer',
    visibility: 'internal',
    since: 'assessment',
  },
  {
    // The urged unit answers: what it did and when it will finish.
    action: 'respond_urge',
    from: [...LONG_RUNNING, 'closed'],
    to: 'same',
    roles: HANDLERS,
    relation: 'urged',
    visibility: 'internal',
    since: 'assessment',
  },
  {
    // An urge ignored past its deadline escalates to the government (or centre)
    // above the urged unit, once; the sweep acts for the platform.
    action: 'escalate_urge',
    from: [...LONG_RUNNING, 'closed'],
    to: 'same',
    roles: [],
    relation: 'system',
    visibility: 'internal',
    since: 'assessment',
  },
  // ── [Handling] ───────────────────────────────────────────────────────────
  {
    // 联系记录: every call or visit; the first reached one inside the limit is the response.
    action: 'record_contact',
    from: HANDLING,
    to: 'same',
    roles: ['handler', 'unit_leader', 'grid_worker'],
    relation: 'lead',
    visibility: 'internal',
    since: 'handling',
  },
  {
    // 现场查看: internal unless the handler marks it public (the photos stay internal).
    action: 'record_site_visit',
    from: ['accepted', 'in_progress'],
    to: 'same',
    roles: ['handler', 'unit_leader', 'grid_worker'],
    relation: 'lead',
    visibility: 'internal',
    publicWhen: { public: true },
    since: 'handling',
  },
  {
    // 延期: one pending request at a time (handling/hooks.ts).
    action: 'request_extension',
    from: ['accepted', 'in_progress'],
    to: 'same',
    roles: HANDLERS,
    relation: 'lead',
    visibility: 'internal',
    reasonRequired: true,
    since: 'handling',
  },
  {
    // Approved: the completion deadline moves to the date asked for; the requester sees
    // the new date and the reason. Refused: nothing moves, and it stays refused.
    // The dispatch centre, or the lead unit's leader, as the district's settings say
    // (extensionReviewer; the policy's guard keeps the other one out).
    action: 'review_extension',
    from: ['accepted', 'in_progress'],
    to: 'same',
    roles: ['dispatcher', 'unit_leader'],
    relation: 'lead_or_centre',
    visibility: 'public',
    since: 'handling',
  },
  {
    // 挂起: the clock is paused only once the centre approves, and for a bounded time.
    action: 'request_suspension',
    from: ['accepted', 'in_progress'],
    to: 'same',
    roles: HANDLERS,
    relation: 'lead',
    visibility: 'internal',
    reasonRequired: true,
    since: 'handling',
  },
  {
    // Approved: the completion clock stops (tickets.paused_at) until resumed or the bound;
    // the requester sees that handling waits, not the notes. Refused: nothing changes.
    action: 'review_suspension',
    from: ['accepted', 'in_progress'],
    to: 'same',
    roles: ['dispatcher'],
    relation: 'centre',
    visibility: 'public',
    since: 'handling',
  },
  {
    // 恢复办理 by the unit or the centre: the deadline moves by the time paused.
    action: 'resume_handling',
    from: ['accepted', 'in_progress'],
    to: 'same',
    roles: ['handler', 'unit_leader', 'dispatcher'],
    relation: 'lead_or_centre',
    visibility: 'public',
    since: 'handling',
  },
  {
    // The bound passed: the platform resumes, the deadline moved by the time up to the bound.
    action: 'end_suspension',
    from: ['accepted', 'in_progress'],
    to: 'same',
    roles: [],
    relation: 'system',
    visibility: 'public',
    since: 'handling',
  },
  {
    // 终止办理: no contact after N attempts, withdrawn, another channel, or another reason.
    action: 'request_termination',
    from: ['accepted', 'in_progress'],
    to: 'same',
    roles: HANDLERS,
    relation: 'lead',
    visibility: 'internal',
    reasonRequired: true,
    since: 'handling',
  },
  {
    // A second person of the centre (not the one who asked) decides; approved, the ticket
    // closes as terminated — counted apart, never as solved.
    action: 'review_termination',
    from: ['accepted', 'in_progress'],
    to: [
      { when: { decision: 'approve' }, to: 'closed', outcome: 'terminated' },
      { when: { decision: 'refuse' }, to: 'same' },
    ],
    roles: ['dispatcher', 'supervisor'],
    relation: 'centre',
    visibility: 'public',
    since: 'handling',
  },
  {
    // 转交: the holding unit gives the ticket to a colleague or a grid worker of its area;
    // lead and holder units stay, only the assignee (承办人) changes (reply-templates/hooks.ts).
    action: 'hand_over',
    from: ['accepted', 'in_progress'],
    to: 'same',
    roles: HANDLERS,
    relation: 'holder',
    visibility: 'internal',
    since: 'handling',
  },
  // ── [Handling] the callback desk (回访台) ────────────────────────────────
  {
    // 未接通: after the district's number of attempts the ticket closes as not reached
    // (no rating: excluded from the rates, counted apart).
    action: 'record_callback_attempt',
    from: ['replied', 'awaiting_callback'],
    to: [
      { when: { notReached: true }, to: 'closed', outcome: 'not_reached' },
      { when: { notReached: false }, to: 'same' },
    ],
    roles: ['agent', 'dispatcher'],
    relation: 'centre',
    visibility: 'internal',
    since: 'handling',
  },
  {
    // Only while a callback result waits for review (callbacks/hooks.ts): 重办 back to the
    // lead unit with a new limit, or 办结 as unsolved with the reason.
    action: 'review_callback',
    from: ['replied', 'awaiting_callback'],
    to: [
      { when: { decision: 'reopen' }, to: 'dispatched' },
      { when: { decision: 'close' }, to: 'closed', outcome: 'unsolved' },
    ],
    roles: ['dispatcher'],
    relation: 'centre',
    visibility: 'public',
    reasonRequired: true,
    since: 'handling',
  },
  {
    // The online window after the reply passed without a rating: the sampled ticket is
    // queued for the call (as queue_callback by hand).
    action: 'callback_due',
    from: ['replied'],
    to: 'awaiting_callback',
    roles: [],
    relation: 'system',
    visibility: 'internal',
    since: 'handling',
  },
  {
    // Not sampled, not rated online within the district's days: closed without a rating.
    action: 'close_unrated',
    from: ['replied'],
    to: 'closed',
    outcome: 'closed_unrated',
    roles: [],
    relation: 'system',
    visibility: 'public',
    since: 'handling',
  },
  // ── [Volunteers] ─────────────────────────────────────────────────────────
  {
    // 请求志愿队协助: the handling unit or its grid worker asks a team (volunteers/hooks.ts).
    action: 'request_volunteers',
    from: HANDLING,
    to: 'same',
    roles: ['handler', 'unit_leader', 'grid_worker'],
    relation: 'lead',
    visibility: 'internal',
    since: 'volunteers',
  },
  {
    // The help given (what, when, hours), recorded by the platform for the team's leader
    // after the volunteers service's own check; also the team's activity with the hours.
    action: 'record_volunteer_help',
    from: OPEN.filter((s) => s !== 'received'),
    to: 'same',
    roles: [],
    relation: 'system',
    visibility: 'internal',
    since: 'volunteers',
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
  const to = rawTargetOf(def, input);
  if (to === undefined) return undefined;
  if (to === 'same') return { to: from };
  const outcome = typeof def.to === 'string' ? def.outcome : branchOf(def, input)?.outcome;
  return { to, outcome };
}

/** The branch of a branching transition that the input selects (its `when` all match). */
export function branchOf(def: TransitionDef, input: Record<string, unknown>): Branch | undefined {
  if (typeof def.to === 'string') return undefined;
  return def.to.find((b) => Object.entries(b.when).every(([k, v]) => (input[k] ?? false) === v));
}

/** The target as the table states it, `'same'` included; undefined when no branch matches. */
export function rawTargetOf(
  def: TransitionDef,
  input: Record<string, unknown>,
): TicketState | 'same' | undefined {
  if (typeof def.to === 'string') return def.to;
  return branchOf(def, input)?.to;
}

/** Actions whose `from` includes the state: the candidates before permissions are checked. */
export function actionsFrom(state: TicketState): TicketAction[] {
  return TRANSITIONS.filter((t) => t.from.includes(state)).map((t) => t.action);
}
