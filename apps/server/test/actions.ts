// The handler's tools ([Handling], [Volunteers]) are offered wherever the unit handles a
// ticket; the permission matrix (tickets/permissions.db.test.ts) checks them. Tests of other
// modules compare the actions of their own concern: they drop these first.
import type { TicketAction } from '@jiesu/contracts';

export const HANDLER_TOOLS: readonly TicketAction[] = [
  'record_contact',
  'record_site_visit',
  'request_volunteers',
  'request_extension',
  'request_suspension',
  'request_termination',
  'hand_over',
];

/** The offered actions without the handler's tools, in the order given. */
export function withoutTools(actions: readonly string[]): string[] {
  return actions.filter((a) => !HANDLER_TOOLS.includes(a as TicketAction));
}
