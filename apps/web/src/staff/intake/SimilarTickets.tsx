import { useQuery } from '@tanstack/react-query';
import { Card, Typography } from 'antd';
import type { TicketSummary } from '@jiesu/contracts';
import { api } from '../../api/client';
import { EmptyState, ErrorState, PageLoading } from '../../lib/states';

import { TicketBriefList } from './TicketBriefList';
import { tIntake } from '../../i18n/intake';

/** The same-place same-category tickets of the last 30 days, once both are chosen. */
export function SimilarTickets({
  categoryId,
  jurisdictionId,
  onProgress,
}: {
  categoryId?: string;
  jurisdictionId?: string;
  onProgress: (t: TicketSummary) => void;
}) {
  const enabled = Boolean(categoryId && jurisdictionId);
  const similar = useQuery({
    queryKey: ['tickets', 'similar', categoryId, jurisdictionId],
    queryFn: () =>
      api.get<TicketSummary[]>('/api/tickets/similar', { categoryId, jurisdictionId, days: 30 }),
    enabled,
  });
  return (
    <Card size="small" title={tIntake.similar} data-testid="similar-tickets">
      {!enabled ? (
        <Typography.Text type="secondary">{tIntake.similarHint}</Typography.Text>
      ) : similar.isPending ? (
        <PageLoading />
      ) : similar.isError ? (
        <ErrorState error={similar.error} onRetry={() => void similar.refetch()} />
      ) : similar.data.length === 0 ? (
        <EmptyState text={tIntake.similarEmpty} />
      ) : (
        <TicketBriefList items={similar.data} onProgress={onProgress} />
      )}
    </Card>
  );
}
