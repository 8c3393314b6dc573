// Queries of escalations (上交), village deliberation (下交群评) and the elders
// panels (三老). Keys start with 'tickets' so that firing any ticket action
// (which invalidates ['tickets']) refreshes them too.
import { useQuery } from '@tanstack/react-query';
import type {
  DeliberationCandidates,
  DeliberationList,
  DeliberationListQuery,
  ElderPanelList,
  EscalationList,
  EscalationListQuery,
  EscalationStats,
  LedgerStats,
  PeriodQuery,
  TicketDeliberation,
} from '@jiesu/contracts';
import { api } from '../../api/client';
import { useTicketPart } from '../../api/hooks';

export function useTicketDeliberation(id: string | undefined) {
  return useTicketPart<TicketDeliberation>(id, 'deliberation');
}

export function useEscalationList(query: EscalationListQuery) {
  return useQuery({
    queryKey: ['tickets', 'escalation-list', query],
    queryFn: () => api.get<EscalationList>('/api/escalations', query),
    placeholderData: (prev) => prev,
  });
}

export function useEscalationStats(query: PeriodQuery) {
  return useQuery({
    queryKey: ['tickets', 'escalation-stats', query],
    queryFn: () => api.get<EscalationStats>('/api/escalations/stats', query),
  });
}

export function useLedger(query: DeliberationListQuery) {
  return useQuery({
    queryKey: ['tickets', 'deliberation-list', query],
    queryFn: () => api.get<DeliberationList>('/api/deliberations', query),
    placeholderData: (prev) => prev,
  });
}

export function useLedgerStats(query: PeriodQuery, enabled = true) {
  return useQuery({
    queryKey: ['tickets', 'deliberation-stats', query],
    queryFn: () => api.get<LedgerStats>('/api/deliberations/stats', query),
    enabled,
  });
}

export function useCandidates(enabled = true) {
  return useQuery({
    queryKey: ['tickets', 'deliberation-candidates'],
    queryFn: () => api.get<DeliberationCandidates>('/api/deliberations/candidates'),
    enabled,
  });
}

/** Village committees in reach with their current panels (also the villages to pick from). */
export const ELDER_PANELS_KEY = ['tickets', 'elder-panels'] as const;

export function useElderPanels() {
  return useQuery({
    queryKey: ELDER_PANELS_KEY,
    queryFn: () => api.get<ElderPanelList>('/api/elder-panels'),
    staleTime: 60_000,
  });
}
