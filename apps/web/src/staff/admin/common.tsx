import type { ReactNode } from 'react';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { App, Button, Flex, Popconfirm, Typography } from 'antd';
import { errorMessage } from '../../api/client';
import { useMe } from '../../api/hooks';
import { hasAny } from '../roles';
import { t } from '../../i18n';
import { EmptyState } from '../../lib/states';

/** A write that reports success or the server's message, then refreshes `keys`. */
export function useWrite<V, R = unknown>(
  fn: (v: V) => Promise<R>,
  keys: QueryKey[],
  onDone?: (result: R) => void,
  /** The success message; by default "saved". */
  saved: (result: R) => string = () => t.web.common.saved,
) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (result) => {
      message.success(saved(result));
      await Promise.all(keys.map((k) => qc.invalidateQueries({ queryKey: k })));
      onDone?.(result);
    },
    // Not returned: the message's promise settles only when it closes, and the
    // mutation would stay pending (buttons spinning) until then.
    onError: (e) => {
      void message.error(errorMessage(e));
    },
  });
}

/** A small danger button that deletes after the user confirms. */
export function DeleteButton({
  confirm = t.web.common.confirmDelete,
  okText,
  cancelText,
  onConfirm,
}: {
  confirm?: string;
  okText?: string;
  cancelText?: string;
  onConfirm: () => void;
}) {
  return (
    <Popconfirm title={confirm} okText={okText} cancelText={cancelText} onConfirm={onConfirm}>
      <Button size="small" danger>
        {t.web.common.delete}
      </Button>
    </Popconfirm>
  );
}

export function AdminPage({
  title,
  extra,
  allowed,
  children,
}: {
  title: string;
  extra?: ReactNode;
  /** Who may open the page; administrators only unless given. */
  allowed?: boolean;
  children: ReactNode;
}) {
  const me = useMe();
  if (me.data && !(allowed ?? hasAny(me.data, 'admin')))
    return <EmptyState text={t.error.FORBIDDEN} />;
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
