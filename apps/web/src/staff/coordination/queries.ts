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
import { useTicketPart } from '../../api/hooks';

export function useTicketWhistles(id: string | undefined) {
  return useTicketPart<WhistleList>(id, 'whistles');
}

export function useTicketDelegations(id: string | undefined) {
  return useTicketPart<TicketDelegations>(id, 'delegations');
}

export function useCoordinationTargets(id: string | undefined) {
  return useTicketPart<CoordinationTargets>(id, 'coordination-targets');
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
