// Queries of reply templates (答复口径) and handover (转交). Keys start with 'tickets'
// where they depend on a ticket, so that any ticket action refreshes them.
import { useQuery } from '@tanstack/react-query';
import type {
  ApplicableReplyTemplates,
  HandoverCandidates,
  ReplyTemplateList,
  ReplyTemplateQuery,
} from '@jiesu/contracts';
import { api } from '../../api/client';

export function useReplyTemplates(query: ReplyTemplateQuery) {
  return useQuery({
    queryKey: ['reply-templates', query],
    queryFn: () => api.get<ReplyTemplateList>('/api/reply-templates', query),
    placeholderData: (prev) => prev,
  });
}

export function useTicketReplyTemplates(ticketId: string) {
  return useQuery({
    queryKey: ['tickets', 'reply-templates', ticketId],
    queryFn: () => api.get<ApplicableReplyTemplates>(`/api/tickets/${ticketId}/reply-templates`),
  });
}

export function useHandoverCandidates(ticketId: string) {
  return useQuery({
    queryKey: ['tickets', 'handover-candidates', ticketId],
    queryFn: () => api.get<HandoverCandidates>(`/api/tickets/${ticketId}/handover-candidates`),
  });
}
