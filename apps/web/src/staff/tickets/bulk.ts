import { TRANSITIONS, type MeView, type TicketAction, type TicketState } from '@jiesu/contracts';
import { rolesOf } from '../roles';

/**
 * Actions a bulk selection may try: allowed from every selected state and held by one of
 * the user's roles. The server still decides per ticket (each its own transaction).
 */
export function bulkCandidates(me: MeView | undefined, states: TicketState[]): TicketAction[] {
  if (!states.length) return [];
  const roles = rolesOf(me);
  return TRANSITIONS.filter(
    (d) =>
      d.relation !== 'requester' &&
      d.roles.some((r) => roles.has(r)) &&
      states.every((s) => d.from.includes(s)),
  ).map((d) => d.action);
}
