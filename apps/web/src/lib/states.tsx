import type { ReactNode } from 'react';
import { Alert, Button, Empty, Spin } from 'antd';
import { errorMessage } from '../api/client';
import { t } from '../i18n';

export function PageLoading() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 48 }} role="status">
      <Spin aria-label={t.web.common.loading} />
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t.web.common.loadFailed}
      description={errorMessage(error)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t.web.common.retry}
          </Button>
        ) : undefined
      }
    />
  );
}

export function EmptyState({ text, children }: { text?: string; children?: ReactNode }) {
  return (
    <Empty description={text ?? t.web.common.empty} image={Empty.PRESENTED_IMAGE_SIMPLE}>
      {children}
    </Empty>
  );
}

/** What the states around a query read of it (a TanStack Query result). */
export interface QueryLike<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => unknown;
}

/** Loading, error and empty around a query's data. */
export function QueryState<T>({
  query,
  empty,
  children,
}: {
  query: QueryLike<T>;
  empty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <PageLoading />;
  if (query.isError || query.data === undefined)
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (empty?.(query.data)) return <EmptyState />;
  return <>{children(query.data)}</>;
}
