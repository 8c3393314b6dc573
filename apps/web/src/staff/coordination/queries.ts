// Queries of whistles and delegations. Keys start with 'tickets' so that firing
// any ticket action (which invalidates ['tickets']) refreshes them too.
import { useQuery } from '@tanstack/react-query';
import type {
  CoordinationTargets,
  TicketDelegations,
  WhistleList,
  WhistleListQuery,
  WhistleStats,
  WhistleStatsQuery,
} from '@jiesu/contracts';
import { api } from '../../api/client';

export function useTicketWhistles(id: string | undefined) {
  return useQuery({
    queryKey: ['tickets', 'whistles', id],
    queryFn: () => api.get<WhistleList>(`/api/tickets/${id}/whistles`),
    enabled: Boolean(id),
  });
}

export function useTicketDelegations(id: string | undefined) {
  return useQuery({
    queryKey: ['tickets', 'delegations', id],
    queryFn: () => api.get<TicketDelegations>(`/api/tickets/${id}/delegations`),
    enabled: Boolean(id),
  });
}

export function useCoordinationTargets(id: string | undefined) {
  return useQuery({
    queryKey: ['tickets', 'coordination-targets', id],
    queryFn: () => api.get<CoordinationTargets>(`/api/tickets/${id}/coordination-targets`),
    enabled: Boolean(id),
  });
}

export function useWhistleList(query: WhistleListQuery) {
  return useQuery({
    queryKey: ['tickets', 'whistle-list', query],
    queryFn: () => api.get<WhistleList>('/api/whistles', query),
    placeholderData: (prev) => prev,
  });
}

export function useWhistleStats(query: WhistleStatsQuery, enabled: boolean) {
  return useQuery({
    queryKey: ['tickets', 'whistle-stats', query],
    queryFn: () => api.get<WhistleStats>('/api/whistles/stats', query),
    enabled,
  });
}
