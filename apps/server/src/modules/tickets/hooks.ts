// What an action does beyond the ticket row and its event: checks that depend
// on the input (is the new unit real, is the master ticket open), fields derived
// for the event (to whom a ticket is sent up), and the action's own records
// (co-unit tasks, objections, whistles, delegations). Each domain module
// exports hooks for its actions; the composition root hands them to the
// ticket service, which runs them inside the action's transaction.
import type { Kysely } from 'kysely';
import type { TicketAction } from '@jiesu/contracts';
import type { DB, Ticket } from '../../db/schema.js';
import type { StaffActor } from '../../shared/actor.js';
import type { TicketLinks } from './policy.js';
import type { ActionContext, EventDraft } from './workflow.js';

export interface HookContext {
  /** The action's transaction: on the embedded engine the only connection. */
  trx: Kysely<DB>;
  tenantId: string;
  action: TicketAction;
  /** The locked row before the action. */
  ticket: Ticket;
  input: Record<string, unknown>;
  /** The staff member acting, or null for the requester and the platform. */
  actor: StaffActor | null;
  /** The unit the actor acts through (see policy.actingUnit). */
  unitId: string | null;
  at: Date;
  links: TicketLinks;
  deadlines?: ActionContext['deadlines'];
}

export interface ActionHooks {
  /**
   * Runs after state and permission checks, before the decision. Throws an
   * AppError to refuse; may return fields to add to the input, which the
   * event records (so a replay needs nothing else).
   */
  prepare?(c: HookContext): Promise<Record<string, unknown> | void>;
  /** Runs after the row and the event are written, in the same transaction. */
  after?(c: HookContext & { updated: Ticket }): Promise<void>;
}

export type HookRegistry = Partial<Record<TicketAction, ActionHooks[]>>;

/** Joins the hook registries of several modules; an action may have hooks in more than one. */
export function joinHooks(...registries: HookRegistry[]): HookRegistry {
  const out: HookRegistry = {};
  for (const r of registries) {
    for (const [action, hooks] of Object.entries(r) as Array<[TicketAction, ActionHooks[]]>) {
      out[action] = [...(out[action] ?? []), ...hooks];
    }
  }
  return out;
}

/**
 * A module that reacts to every event a ticket gets (webhooks, notifications): called in
 * the event's transaction, after the row and the event are written, so what it records
 * (an outbox row) commits if and only if the event does. Keep it to inserts: it runs on
 * every action.
 */
export interface TicketEventListener {
  (c: {
    trx: Kysely<DB>;
    tenantId: string;
    /** The ticket as the event left it. */
    ticket: Ticket;
    /** The ticket before the event; null for `create`. */
    before: Ticket | null;
    event: EventDraft & { seq: number };
  }): Promise<void>;
}
