// Pickers for the intake actions' forms: the earlier ticket a repeat follows
// (answer_with_progress) and the master a duplicate is merged into (merge_into).
import type { Widgets } from '../../lib/schemaForm';
import { TicketPicker } from './TicketPicker';

export function intakeWidgets(ticketIds: string[]): Widgets {
  const ticketId = ticketIds[0];
  // Bulk forms have no one ticket to relate to: the plain field stays.
  if (!ticketId || ticketIds.length > 1) return {};
  return {
    relatedTicketId: () => <TicketPicker ticketId={ticketId} purpose="related" />,
    masterTicketId: () => <TicketPicker ticketId={ticketId} purpose="master" />,
  };
}
