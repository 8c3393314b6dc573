// Queries of the handler's toolkit. Keys start with 'tickets' so that firing any
// ticket action (which invalidates ['tickets']) refreshes them too.
import { useQuery } from '@tanstack/react-query';
import type {
  HandlingRequestList,
  HandlingRequestQuery,
  TicketHandlingView,
} from '@jiesu/contracts';
import { api } from '../../api/client';

export function useTicketHandling(ticketId: string) {
  return useQuery({
    queryKey: ['tickets', 'handling', ticketId],
    queryFn: () => api.get<TicketHandlingView>(`/api/tickets/${ticketId}/handling`),
  });
}

export function useHandlingRequests(query: HandlingRequestQuery) {
  return useQuery({
    queryKey: ['tickets', 'handling-requests', query],
    queryFn: () => api.get<HandlingRequestList>('/api/handling/requests', query),
    placeholderData: (prev) => prev,
  });
}
