import type { ReactNode } from 'react';
import { Card } from 'antd';
import { ErrorState, type QueryLike } from '../../lib/states';

/**
 * A panel of the ticket page around one query: nothing while it loads or when
 * there is nothing to show, the error in its card when it fails to load.
 */
export function TicketPanel<T>(props: {
  title: string;
  testId: string;
  query: QueryLike<T>;
  isEmpty: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  const { query } = props;
  if (query.isPending) return null;
  if (query.isError || query.data === undefined)
    return (
      <Card size="small" title={props.title}>
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </Card>
    );
  if (props.isEmpty(query.data)) return null;
  return (
    <Card size="small" title={props.title} data-testid={props.testId}>
      {props.children(query.data)}
    </Card>
  );
}
