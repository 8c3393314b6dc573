// The transition engine: pure functions over the state machine table of
// @jiesu/contracts. Given a ticket row, an action's input and the context the
// service computed (time, actor, deadlines), it returns the row's patch and
// the event to append. Everything an effect reads is recorded in the event,
// so replaying the events rebuilds the row (see `replay`).
import {
  targetOf,
  transitionFor,
  type ActorKind,
  type TicketAction,
  type TicketState,
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
  /** Set by the service for actions that start a clock (dispatch, reopen). */
  deadlines?: { responseDueAt: string; completionDueAt: string };
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
  give_feedback: (_t, _i, ctx) => ({ feedback_at: ctx.at }),
  return_feedback: () => ({ feedback_at: null }),
  send_reply: (_t, _i, ctx) => ({ replied_at: ctx.at }),
  record_callback: callbackEffect,
  rate: callbackEffect,
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

/** Whether the transition starts a new clock, so the service must compute deadlines first. */
export function needsDeadlines(
  def: TransitionDef,
  from: TicketState,
  input: Record<string, unknown>,
): boolean {
  return targetOf(def, from, input)?.to === 'dispatched';
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
  if (target.to === 'dispatched' && ticket.state === 'closed') patch.outcome = null;
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
