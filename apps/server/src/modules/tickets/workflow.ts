// The transition engine: pure functions over the state machine table of
// @jiesu/contracts. Given a ticket row, an action's input and the context the
// service computed (time, actor, deadlines), it returns the row's patch and
// the event to append. Everything an effect reads is recorded in the event,
// so replaying the events rebuilds the row (see `replay`).
import {
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
  accept: (_t, _i, ctx) => ({ accepted_at: ctx.at }),
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
  pass_down: (_t, i) => ({ holder_unit_id: i.toUnitId as string }),
  pull_back: (_t, i) => ({ holder_unit_id: i.toUnitId as string }),
  send_up: (_t, i) => ({ holder_unit_id: i.toUnitId as string }),
  recalculate_deadlines: (t, _i, ctx) => ({
    response_due_at: ctx.deadlines ? date(ctx.deadlines.responseDueAt) : t.response_due_at,
    completion_due_at: ctx.deadlines ? date(ctx.deadlines.completionDueAt) : t.completion_due_at,
  }),
  give_feedback: (_t, _i, ctx) => ({ feedback_at: ctx.at }),
  return_feedback: () => ({ feedback_at: null }),
  send_reply: (_t, _i, ctx) => ({ replied_at: ctx.at }),
  record_callback: callbackEffect,
  rate: callbackEffect,
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
};

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
  if (to === 'dispatched') {
    // 重办: back to the lead unit with a new limit; the earlier steps start over.
    Object.assign(patch, {
      reopen_count: t.reopen_count + 1,
      holder_unit_id: t.lead_unit_id,
      dispatched_at: ctx.at,
      accepted_at: null,
      feedback_at: null,
      replied_at: null,
      ...startClock(ctx),
    });
  }
  return patch;
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
      visibility: def.visibility,
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
