// Queries of urges (督办) and the unit audit trail. Keys start with 'tickets' so
// that firing any ticket action (which invalidates ['tickets']) refreshes them too.
import { useQuery } from '@tanstack/react-query';
import type {
  UnitAuditList,
  UnitAuditQuery,
  UrgeCounts,
  UrgeCountsQuery,
  UrgeList,
  UrgeListQuery,
} from '@jiesu/contracts';
import { api } from '../../api/client';

export function useUrges(query: UrgeListQuery, enabled = true) {
  return useQuery({
    queryKey: ['tickets', 'urges', query],
    queryFn: () => api.get<UrgeList>('/api/urges', query),
    placeholderData: (prev) => prev,
    enabled,
  });
}

export function useUrgeCounts(query: UrgeCountsQuery, enabled = true) {
  return useQuery({
    queryKey: ['tickets', 'urge-counts', query],
    queryFn: () => api.get<UrgeCounts>('/api/urges/counts', query),
    enabled,
  });
}

export function useUnitAudit(query: UnitAuditQuery | undefined) {
  return useQuery({
    queryKey: ['tickets', 'unit-audit', query],
    queryFn: () => api.get<UnitAuditList>('/api/audit/units', query),
    placeholderData: (prev) => prev,
    enabled: Boolean(query),
  });
}
