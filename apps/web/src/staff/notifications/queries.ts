// Queries of my notifications and the channel settings; the live stream keeps the count.
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ChannelConfigInput,
  ChannelConfigList,
  ChannelConfigView,
  ConfigurableChannel,
  NotificationList,
  NotificationReadResult,
  NotificationStreamEvent,
} from '@jiesu/contracts';
import { api } from '../../api/client';

export function useNotifications(query: { unread?: boolean; page?: number }) {
  return useQuery({
    queryKey: ['notifications', 'list', query],
    queryFn: () => api.get<NotificationList>('/api/notifications', { pageSize: 20, ...query }),
    placeholderData: (prev) => prev,
  });
}

/** The unread count (a one-row page), refreshed by the stream. */
export function useUnreadCount() {
  return useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: async () =>
      (await api.get<NotificationList>('/api/notifications', { pageSize: 1, unread: true })).unread,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string | 'all') =>
      api.post<NotificationReadResult>(
        id === 'all' ? '/api/notifications/read-all' : `/api/notifications/${id}/read`,
      ),
    onSuccess: (r) => {
      qc.setQueryData(['notifications', 'unread'], r.unread);
      void qc.invalidateQueries({ queryKey: ['notifications', 'list'] });
    },
  });
}

/**
 * Listens to GET /api/notifications/stream while the workbench is open: each event sets the
 * unread count and refreshes the list. EventSource reconnects by itself; `live` says whether
 * it is connected now.
 */
export function useNotificationStream(): boolean {
  const qc = useQueryClient();
  const [live, setLive] = useState(false);
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const es = new EventSource('/api/notifications/stream');
    es.onopen = () => setLive(true);
    es.onerror = () => setLive(false);
    es.addEventListener('notification', (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data) as NotificationStreamEvent;
      qc.setQueryData(['notifications', 'unread'], data.unread);
      void qc.invalidateQueries({ queryKey: ['notifications', 'list'] });
    });
    return () => es.close();
  }, [qc]);
  return live;
}

export function useChannels() {
  return useQuery({
    queryKey: ['notifications', 'channels'],
    queryFn: () => api.get<ChannelConfigList>('/api/admin/notification-channels'),
  });
}

export function usePutChannel() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { channel: ConfigurableChannel; body: ChannelConfigInput }) =>
      api.put<ChannelConfigView>(`/api/admin/notification-channels/${v.channel}`, v.body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['notifications', 'channels'] }),
  });
}
