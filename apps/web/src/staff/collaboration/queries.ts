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
import { useTicketPart } from '../../api/hooks';

export function useTicketTasks(id: string | undefined) {
  return useTicketPart<TaskView[]>(id, 'tasks');
}

export function useTicketObjections(id: string | undefined) {
  return useTicketPart<ObjectionView[]>(id, 'objections');
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
