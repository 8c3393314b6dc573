import type { ReactNode } from 'react';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { App, Flex, Typography } from 'antd';
import { errorMessage } from '../../api/client';
import { useMe } from '../../api/hooks';
import { hasAny } from '../roles';
import { t } from '../../i18n';
import { EmptyState } from '../../lib/states';

/** A write that reports success or the server's message, then refreshes `keys`. */
export function useWrite<V>(fn: (v: V) => Promise<unknown>, keys: QueryKey[], onDone?: () => void) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      message.success(t.web.common.saved);
      await Promise.all(keys.map((k) => qc.invalidateQueries({ queryKey: k })));
      onDone?.();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
}

export function AdminPage({
  title,
  extra,
  children,
}: {
  title: string;
  extra?: ReactNode;
  children: ReactNode;
}) {
  const me = useMe();
  if (me.data && !hasAny(me.data, 'admin')) return <EmptyState text={t.error.FORBIDDEN} />;
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      {children}
    </Flex>
  );
}
