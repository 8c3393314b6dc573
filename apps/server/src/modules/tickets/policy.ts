// Who may see a ticket, act on it, and read its requester's personal data.
// One place, used by the routes (403), the ticket view (allowedActions, so the
// UI shows only buttons that will work) and the permission-matrix tests.
import { TRANSITIONS, transitionFor, type TicketAction } from '@jiesu/contracts';
import type { Ticket } from '../../db/schema.js';
import { type StaffActor, isCentre } from '../../shared/actor.js';

type TicketRef = Pick<
  Ticket,
  'state' | 'lead_unit_id' | 'holder_unit_id' | 'subject_unit_id' | 'confidential'
>;

export function canSee(actor: StaffActor, t: TicketRef & { unitIds?: string[] }): boolean {
  if (actor.scope === 'tenant') return true;
  const units = [t.lead_unit_id, t.holder_unit_id, ...(t.unitIds ?? [])];
  return units.some((u) => u !== null && actor.scope.includes(u));
}

/** The unit through which the actor would fire the action, or null when they may not. */
export function actingUnit(actor: StaffActor, action: TicketAction, t: TicketRef): string | null {
  const def = transitionFor(action);
  if (!def.from.includes(t.state)) return null;
  const grants = actor.grants.filter((g) => def.roles.includes(g.role));
  switch (def.relation) {
    case 'centre':
      return grants.find((g) => g.unitKind === 'dispatch_centre')?.unitId ?? null;
    case 'lead': {
      const direct = grants.find(
        (g) => g.unitId === t.lead_unit_id || g.unitId === t.holder_unit_id,
      );
      if (direct) return direct.unitId;
      // A government unit's leader may act for the units of its territory.
      const leader = grants.find(
        (g) =>
          g.unitKind === 'government' &&
          g.role === 'unit_leader' &&
          actor.scope !== 'tenant' &&
          t.lead_unit_id !== null &&
          actor.scope.includes(t.lead_unit_id),
      );
      return leader?.unitId ?? null;
    }
    case 'requester':
    case 'system':
      return null;
  }
}

export function can(actor: StaffActor, action: TicketAction, t: TicketRef): boolean {
  return actingUnit(actor, action, t) !== null;
}

export function allowedActions(actor: StaffActor, t: TicketRef): TicketAction[] {
  return TRANSITIONS.filter((d) => can(actor, d.action, t)).map((d) => d.action);
}

/**
 * Whether the actor may reveal the requester's name and phone. Never for the
 * unit complained about; a confidential ticket only to the dispatch centre.
 */
export function canRevealRequester(actor: StaffActor, t: TicketRef): boolean {
  if (t.subject_unit_id && actor.grants.some((g) => g.unitId === t.subject_unit_id)) return false;
  if (isCentre(actor, ['agent', 'dispatcher'])) return true;
  if (t.confidential) return false;
  return actor.grants.some(
    (g) =>
      (g.unitId === t.lead_unit_id || g.unitId === t.holder_unit_id) &&
      ['handler', 'unit_leader', 'grid_worker'].includes(g.role),
  );
}
