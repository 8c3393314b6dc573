import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, List, Typography } from 'antd';
import type { MergeInfo } from '@jiesu/contracts';
import { api } from '../../api/client';
import { fmt, t } from '../../i18n';
import { StateTag } from '../tickets/parts';

/** 并单 on the ticket page: the master of a merged ticket, or the tickets merged into this one. */
export function MergePanel({ ticketId }: { ticketId: string }) {
  const info = useQuery({
    queryKey: ['tickets', 'merging', ticketId],
    queryFn: () => api.get<MergeInfo>(`/api/tickets/${ticketId}/merging`),
  });
  if (!info.data || (!info.data.master && info.data.merged.length === 0)) return null;
  const { master, merged } = info.data;
  return (
    <Card size="small" title={t.web.merge.title} data-testid="merge-panel">
      {master && (
        <Flex vertical gap={4}>
          <Typography.Text type="secondary">{t.web.merge.master}</Typography.Text>
          <Flex justify="space-between" gap={8}>
            <Link to={`/tickets/${master.id}`}>{master.code}</Link>
            <StateTag state={master.state} />
          </Flex>
          <Typography.Text ellipsis>{master.title}</Typography.Text>
          {master.repliedAt && <Alert type="info" showIcon title={t.web.merge.replied} />}
        </Flex>
      )}
      {merged.length > 0 && (
        <>
          <Typography.Text type="secondary">
            {fmt(t.web.merge.merged, { n: merged.length })}
          </Typography.Text>
          <List
            size="small"
            dataSource={merged}
            renderItem={(m) => (
              <List.Item>
                <Flex justify="space-between" gap={8} style={{ width: '100%' }}>
                  <Link to={`/tickets/${m.id}`}>{m.code}</Link>
                  <Typography.Text ellipsis style={{ flex: 1 }}>
                    {m.title}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
