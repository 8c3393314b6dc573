// Queries of objections and co-unit tasks. Keys start with 'tickets' so that
// firing any ticket action (which invalidates ['tickets']) refreshes them too.
import { useQuery } from '@tanstack/react-query';
import type {
  ObjectionList,
  ObjectionListQuery,
  ObjectionStats,
  ObjectionStatsQuery,
  ObjectionView,
  TaskList,
  TaskListQuery,
  TaskView,
} from '@jiesu/contracts';
import { api } from '../../api/client';

export function useTicketTasks(id: string | undefined) {
  return useQuery({
    queryKey: ['tickets', 'tasks', id],
    queryFn: () => api.get<TaskView[]>(`/api/tickets/${id}/tasks`),
    enabled: Boolean(id),
  });
}

export function useTicketObjections(id: string | undefined) {
  return useQuery({
    queryKey: ['tickets', 'objections', id],
    queryFn: () => api.get<ObjectionView[]>(`/api/tickets/${id}/objections`),
    enabled: Boolean(id),
  });
}

export function useTaskList(query: TaskListQuery) {
  return useQuery({
    queryKey: ['tickets', 'task-list', query],
    queryFn: () => api.get<TaskList>('/api/tasks', query),
    placeholderData: (prev) => prev,
  });
}

export function useObjectionList(query: ObjectionListQuery) {
  return useQuery({
    queryKey: ['tickets', 'objection-list', query],
    queryFn: () => api.get<ObjectionList>('/api/objections', query),
    placeholderData: (prev) => prev,
  });
}

export function useObjectionStats(query: ObjectionStatsQuery, enabled: boolean) {
  return useQuery({
    queryKey: ['tickets', 'objection-stats', query],
    queryFn: () => api.get<ObjectionStats>('/api/objections/stats', query),
    enabled,
  });
}
