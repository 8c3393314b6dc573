// Queries of common-problem projects (共性问题专项). Keys start with 'tickets' so
// that firing any ticket action (which invalidates ['tickets']) refreshes them:
// linking, unlinking and the batch reply are ticket actions.
import { useQuery } from '@tanstack/react-query';
import type {
  ProjectList,
  ProjectListQuery,
  ProjectTicketsQuery,
  ProjectView,
  ProjectVolume,
  TicketList,
  TicketProjects,
} from '@jiesu/contracts';
import { api } from '../../api/client';
import { useTicketPart } from '../../api/hooks';

export const projectKeys = {
  all: ['tickets', 'projects'] as const,
  list: (q: ProjectListQuery) => ['tickets', 'projects', 'list', q] as const,
  one: (id: string | undefined) => ['tickets', 'projects', 'one', id] as const,
  tickets: (id: string | undefined, q: ProjectTicketsQuery) =>
    ['tickets', 'projects', 'tickets', id, q] as const,
  volume: (id: string | undefined) => ['tickets', 'projects', 'volume', id] as const,
};

export function useProjectList(query: ProjectListQuery, enabled = true) {
  return useQuery({
    queryKey: projectKeys.list(query),
    queryFn: () => api.get<ProjectList>('/api/projects', query),
    placeholderData: (prev) => prev,
    enabled,
  });
}

export function useProject(id: string | undefined) {
  return useQuery({
    queryKey: projectKeys.one(id),
    queryFn: () => api.get<ProjectView>(`/api/projects/${id}`),
    enabled: Boolean(id),
  });
}

export function useProjectTickets(id: string | undefined, query: ProjectTicketsQuery) {
  return useQuery({
    queryKey: projectKeys.tickets(id, query),
    queryFn: () => api.get<TicketList>(`/api/projects/${id}/tickets`, query),
    placeholderData: (prev) => prev,
    enabled: Boolean(id),
  });
}

export function useProjectVolume(id: string | undefined) {
  return useQuery({
    queryKey: projectKeys.volume(id),
    queryFn: () => api.get<ProjectVolume>(`/api/projects/${id}/volume`),
    enabled: Boolean(id),
  });
}

/** The projects a ticket is in (the ticket page's panel, the action forms). */
export function useTicketProjects(id: string | undefined) {
  return useTicketPart<TicketProjects>(id, 'projects');
}
