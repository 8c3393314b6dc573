// Queries of hearings, consultations and the backlog. Keys start with 'tickets'
// so that firing any ticket action (which invalidates ['tickets']) refreshes them too.
import { useQuery } from '@tanstack/react-query';
import type {
  BacklogList,
  BacklogQuery,
  HearingList,
  HearingListQuery,
  TicketHearings,
} from '@jiesu/contracts';
import { api } from '../../api/client';
import { useTicketPart } from '../../api/hooks';

export function useTicketHearings(id: string | undefined) {
  return useTicketPart<TicketHearings>(id, 'hearings');
}

export function useBacklog(query: BacklogQuery) {
  return useQuery({
    queryKey: ['tickets', 'backlog', query],
    queryFn: () => api.get<BacklogList>('/api/backlog', query),
    placeholderData: (prev) => prev,
  });
}

export function useHearingList(query: HearingListQuery, enabled = true) {
  return useQuery({
    queryKey: ['tickets', 'hearing-list', query],
    queryFn: () => api.get<HearingList>('/api/hearings', query),
    placeholderData: (prev) => prev,
    enabled,
  });
}
