// The transition engine: pure functions over the state machine table of
// @jiesu/contracts. Given a ticket row, an action's input and the context the
// service computed (time, actor, deadlines), it returns the row's patch and
// the event to append. Everything an effect reads is recorded in the event,
// so replaying the events rebuilds the row (see `replay`).
import {
  HANDLING_STATES,
  rawTargetOf,
  targetOf,
  transitionFor,
  type ActorKind,
  type TicketAction,
  type TicketState,
  type TimeLimit,
  type TransitionDef,
} from '@jiesu/contracts';
import type { Ticket, TicketPatch } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';

export interface ActionContext {
  at: Date;
  actorKind: ActorKind;
  actorUserId: string | null;
  actorUnitId: string | null;
  reason?: string | null;
  /**
   * Set by the service for actions that start or move a clock (dispatch,
   * reopen, reassign, recalculation), with the limits counted when known.
   */
  deadlines?: {
    responseDueAt: string;
    completionDueAt: string;
    response?: TimeLimit;
    completion?: TimeLimit;
  };
}

export interface EventDraft {
  action: string;
  from_state: TicketState | null;
  to_state: TicketState;
  actor_kind: ActorKind;
  actor_user_id: string | null;
  actor_unit_id: string | null;
  at: Date;
  reason: string | null;
  visibility: 'public' | 'internal';
  /** The action's input plus what the service derived for it (deadlines). */
  payload: Record<string, unknown>;
}

type Effect = (
  t: Ticket,
  input: Record<string, unknown>,
  ctx: ActionContext,
  to: TicketState,
) => TicketPatch;

const date = (iso: string | undefined) => (iso ? new Date(iso) : null);

const startClock = (ctx: ActionContext): TicketPatch => ({
  response_due_at: date(ctx.deadlines?.responseDueAt),
  completion_due_at: date(ctx.deadlines?.completionDueAt),
  // [Handling] a new response clock waits for a new first contact, and runs (no pause).
  first_contact_at: null,
  paused_at: null,
  paused_until: null,
});

/** What an action changes besides state, outcome, version and updated_at. */
const EFFECTS: Partial<Record<TicketAction, Effect>> = {
  answer_directly: (_t, _i, ctx) => ({ closed_at: ctx.at }),
  dispatch: (t, i, ctx) => ({
    lead_unit_id: i.leadUnitId as string,
    holder_unit_id: i.leadUnitId as string,
    dispatched_at: ctx.at,
    urgency: (i.urgency as Ticket['urgency'] | undefined) ?? t.urgency,
    colour: (i.colour as Ticket['colour'] | undefined) ?? t.colour,
    ...startClock(ctx),
  }),
  // [Handling] the assignee (承办人): who accepts; the person a pass down or hand over names;
  // nobody once the unit that holds it gets it back (pull_back, send_up).
  accept: (_t, _i, ctx) => ({ accepted_at: ctx.at, assignee_user_id: ctx.actorUserId }),
  transfer: (_t, _i, ctx) => ({ closed_at: ctx.at }),
  answer_with_progress: (_t, _i, ctx) => ({ closed_at: ctx.at }),
  merge_into: (_t, i, ctx) => ({ closed_at: ctx.at, master_id: i.masterTicketId as string }),
  unmerge: () => ({ closed_at: null, master_id: null }),
  // The master's reply, relayed to a ticket merged into it: it stays closed, now answered.
  relay_reply: (_t, _i, ctx) => ({ replied_at: ctx.at }),
  // 改派 after an upheld objection: a new lead unit and a new clock; a rejected one changes nothing.
  review_objection: (_t, i, ctx, to) =>
    to === 'dispatched' && i.verdict === 'upheld'
      ? {
          lead_unit_id: i.newLeadUnitId as string,
          holder_unit_id: i.newLeadUnitId as string,
          dispatched_at: ctx.at,
          accepted_at: null,
          ...startClock(ctx),
        }
      : {},
  // Passing down and back moves who holds the ticket; the lead unit stays responsible.
  pass_down: (_t, i) => ({
    holder_unit_id: i.toUnitId as string,
    assignee_user_id: (i.toUser as { id: string } | undefined)?.id ?? null,
  }),
  pull_back: (_t, i) => ({ holder_unit_id: i.toUnitId as string, assignee_user_id: null }),
  send_up: (_t, i) => ({ holder_unit_id: i.toUnitId as string, assignee_user_id: null }),
  hand_over: (_t, i) => ({ assignee_user_id: i.toUserId as string }),
  recalculate_deadlines: (t, _i, ctx) => ({
    response_due_at: ctx.deadlines ? date(ctx.deadlines.responseDueAt) : t.response_due_at,
    completion_due_at: ctx.deadlines ? date(ctx.deadlines.completionDueAt) : t.completion_due_at,
  }),
  give_feedback: (_t, _i, ctx) => ({ feedback_at: ctx.at }),
  return_feedback: () => ({ feedback_at: null }),
  send_reply: (_t, _i, ctx) => ({ replied_at: ctx.at }),
  record_callback: callbackEffect,
  rate: callbackEffect,
  // [Handling] the callback desk: not reached after the last attempt, or not sampled and
  // not rated in time, closes; a reviewed "unsolved" reopens (重办) or closes.
  record_callback_attempt: (_t, _i, ctx, to) => (to === 'closed' ? { closed_at: ctx.at } : {}),
  close_unrated: (_t, _i, ctx) => ({ closed_at: ctx.at }),
  review_callback: (t, _i, ctx, to) =>
    to === 'dispatched' ? reopenPatch(t, ctx) : { closed_at: ctx.at },
  // 上交 qualified: the upper level (recorded by the service) becomes the lead and holds it.
  review_escalation: (_t, i, _ctx, to) =>
    i.verdict === 'accepted' && to === 'in_progress'
      ? { lead_unit_id: i.toUnitId as string, holder_unit_id: i.toUnitId as string }
      : {},
  // 下交群评 signed off: the village branch holds it; the lead unit stays responsible.
  sign_off_deliberation: (_t, i) =>
    i.verdict === 'signed' ? { holder_unit_id: i.villageUnitId as string } : {},
  settle_deliberation: (_t, _i, ctx) => ({ closed_at: ctx.at }),
  // One reply for the project: it stands for the unit's feedback where none was given.
  reply_by_project: (t, _i, ctx) => ({ replied_at: ctx.at, feedback_at: t.feedback_at ?? ctx.at }),
  // [Handling] the first reached contact since the clock started (the response, if in time).
  record_contact: (t, i, ctx) =>
    i.contactOutcome === 'reached' && !t.first_contact_at ? { first_contact_at: ctx.at } : {},
  // [Handling] an approved extension moves the completion deadline to the date asked for
  // (recorded on the event by handling/hooks.ts); a refused one moves nothing.
  review_extension: (_t, i) =>
    i.decision === 'approve' && typeof i.proposedDueAt === 'string'
      ? { completion_due_at: new Date(i.proposedDueAt) }
      : {},
  // [Handling] an approved suspension stops the completion clock until its bound (recorded
  // on the event by handling/hooks.ts); resuming, by hand or at the bound, moves the deadline
  // to the one the hook counted (the paused time added) and lets the clock run.
  review_suspension: (_t, i, ctx) =>
    i.decision === 'approve' && typeof i.until === 'string'
      ? { paused_at: ctx.at, paused_until: new Date(i.until) }
      : {},
  resume_handling: resumeEffect,
  end_suspension: resumeEffect,
  // [Handling] 终止办理 approved: closed as terminated (the branch's outcome).
  review_termination: (_t, i, ctx) => (i.decision === 'approve' ? { closed_at: ctx.at } : {}),
};

function resumeEffect(t: Ticket, i: Record<string, unknown>): TicketPatch {
  return {
    paused_at: null,
    paused_until: null,
    completion_due_at:
      typeof i.completionDueAt === 'string' ? new Date(i.completionDueAt) : t.completion_due_at,
  };
}

function callbackEffect(
  t: Ticket,
  i: Record<string, unknown>,
  ctx: ActionContext,
  to: TicketState,
): TicketPatch {
  const patch: TicketPatch = {
    solved: i.solved as boolean,
    satisfaction: i.satisfaction as Ticket['satisfaction'],
  };
  if (to === 'closed') patch.closed_at = ctx.at;
  if (to === 'dispatched') Object.assign(patch, reopenPatch(t, ctx));
  return patch;
}

/** 重办: back to the lead unit with a new limit; the earlier steps start over. */
function reopenPatch(t: Ticket, ctx: ActionContext): TicketPatch {
  return {
    reopen_count: t.reopen_count + 1,
    holder_unit_id: t.lead_unit_id,
    dispatched_at: ctx.at,
    accepted_at: null,
    feedback_at: null,
    replied_at: null,
    ...startClock(ctx),
  };
}

/**
 * Whether the transition starts a new clock, so the service must compute
 * deadlines first: every move into `dispatched`, and a unit reporting in to a
 * whistle (its co-unit task gets its own limit).
 */
export function needsDeadlines(def: TransitionDef, input: Record<string, unknown>): boolean {
  if (def.action === 'report_in') return true;
  return rawTargetOf(def, input) === 'dispatched';
}

export function decide(
  ticket: Ticket,
  action: TicketAction,
  input: Record<string, unknown>,
  ctx: ActionContext,
): { patch: TicketPatch; event: EventDraft } {
  const def = transitionFor(action);
  if (!def.from.includes(ticket.state)) throw new AppError('ACTION_NOT_ALLOWED_IN_STATE');
  const target = targetOf(def, ticket.state, input);
  if (!target) throw new AppError('NO_MATCHING_BRANCH');
  const effect = EFFECTS[action];
  const patch: TicketPatch = {
    ...(effect ? effect(ticket, input, ctx, target.to) : {}),
    state: target.to,
    version: ticket.version + 1,
    updated_at: ctx.at,
  };
  if (target.outcome) patch.outcome = target.outcome;
  // [Handling] a pause belongs to the handling stage: leaving it ends the pause.
  if (ticket.paused_at && !HANDLING_STATES.includes(target.to)) {
    patch.paused_at = null;
    patch.paused_until = null;
  }
  if (target.to !== 'closed' && ticket.state === 'closed') patch.outcome = null;
  const payload: Record<string, unknown> = { ...input };
  if (ctx.deadlines) payload.deadlines = ctx.deadlines;
  return {
    patch,
    event: {
      action,
      from_state: ticket.state,
      to_state: target.to,
      actor_kind: ctx.actorKind,
      actor_user_id: ctx.actorUserId,
      actor_unit_id: ctx.actorUnitId,
      at: ctx.at,
      reason: ctx.reason ?? null,
      visibility:
        def.publicWhen &&
        Object.entries(def.publicWhen).every(([k, v]) => (input[k] ?? false) === v)
          ? 'public'
          : def.visibility,
      payload,
    },
  };
}

/** Rebuilds a ticket from its creation snapshot and its later events. */
export function replay(
  created: Ticket,
  events: ReadonlyArray<{
    action: string;
    at: Date;
    payload: Record<string, unknown>;
    actor_kind: ActorKind;
    actor_user_id: string | null;
    actor_unit_id: string | null;
    reason: string | null;
  }>,
): Ticket {
  let t = created;
  for (const e of events) {
    if (e.action === 'create') continue;
    const { deadlines, ...input } = e.payload as {
      deadlines?: ActionContext['deadlines'];
    } & Record<string, unknown>;
    const { patch } = decide(t, e.action as TicketAction, input, {
      at: new Date(e.at),
      actorKind: e.actor_kind,
      actorUserId: e.actor_user_id,
      actorUnitId: e.actor_unit_id,
      reason: e.reason,
      deadlines,
    });
    t = { ...t, ...patch } as Ticket;
  }
  return t;
}
