import { useQuery } from '@tanstack/react-query';
import type {
  CategoryView,
  JurisdictionView,
  MeView,
  SavedView,
  TicketEventView,
  TicketList,
  TicketListQuery,
  TicketStats,
  TicketView,
  UnitView,
} from '@jiesu/contracts';
import { api, setCsrfToken } from './client';
import type { RelatedTickets, UnitSuggestion } from './types';

export const keys = {
  me: ['me'] as const,
  tickets: ['tickets'] as const,
  stats: ['tickets', 'stats'] as const,
};

export const meQuery = {
  queryKey: keys.me,
  queryFn: async () => {
    const me = await api.get<MeView>('/api/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  },
  staleTime: Infinity,
  retry: false,
} as const;

export function useMe() {
  return useQuery(meQuery);
}

export function useCategories(publicOnly = false) {
  return useQuery({
    queryKey: ['categories', publicOnly],
    queryFn: () =>
      api.get<CategoryView[]>(publicOnly ? '/api/public/categories' : '/api/categories'),
    staleTime: 5 * 60_000,
  });
}

export function useJurisdictions(publicOnly = false) {
  return useQuery({
    queryKey: ['jurisdictions', publicOnly],
    queryFn: () =>
      api.get<JurisdictionView[]>(
        publicOnly ? '/api/public/jurisdictions' : '/api/org/jurisdictions',
      ),
    staleTime: 5 * 60_000,
  });
}

export function useUnits() {
  return useQuery({
    queryKey: ['units'],
    queryFn: () => api.get<UnitView[]>('/api/org/units'),
    staleTime: 5 * 60_000,
  });
}

export const statsQuery = {
  queryKey: keys.stats,
  queryFn: () => api.get<TicketStats>('/api/tickets/stats'),
};

export function useStats() {
  return useQuery({ ...statsQuery, refetchInterval: 60_000 });
}

export function ticketListQuery(query: TicketListQuery) {
  return {
    queryKey: ['tickets', 'list', query] as const,
    queryFn: () => api.get<TicketList>('/api/tickets', query),
  };
}

export function useTicketList(query: TicketListQuery, enabled = true) {
  return useQuery({ ...ticketListQuery(query), placeholderData: (prev) => prev, enabled });
}

export function useTicket(id: string | undefined) {
  return useQuery({
    queryKey: ['tickets', 'one', id],
    queryFn: () => api.get<TicketView>(`/api/tickets/${id}`),
    enabled: Boolean(id),
  });
}

/**
 * One of a ticket's sub-resources, `/api/tickets/:id/<part>`. The key starts
 * with 'tickets', so that any ticket action (which invalidates ['tickets'])
 * refreshes it too.
 */
export function useTicketPart<T>(id: string | undefined, part: string) {
  return useQuery({
    queryKey: ['tickets', part, id],
    queryFn: () => api.get<T>(`/api/tickets/${id}/${part}`),
    enabled: Boolean(id),
  });
}

export function useTicketEvents(id: string | undefined) {
  return useTicketPart<TicketEventView[]>(id, 'events');
}

export function useRelated(id: string | undefined) {
  return useTicketPart<RelatedTickets>(id, 'related');
}

export function useSuggestions(id: string | undefined) {
  return useTicketPart<UnitSuggestion[]>(id, 'suggestions');
}

export function useSavedViews() {
  return useQuery({
    queryKey: ['views'],
    queryFn: () => api.get<SavedView[]>('/api/me/views'),
  });
}
