import { Link } from 'react-router';
import { Alert, Card, Flex, List, Typography } from 'antd';
import type { MergeInfo } from '@jiesu/contracts';
import { useTicketPart } from '../../api/hooks';
import { fmt, t } from '../../i18n';
import { TicketHead } from '../tickets/parts';

/** 并单 on the ticket page: the master of a merged ticket, or the tickets merged into this one. */
export function MergePanel({ ticketId }: { ticketId: string }) {
  const info = useTicketPart<MergeInfo>(ticketId, 'merging');
  if (!info.data || (!info.data.master && info.data.merged.length === 0)) return null;
  const { master, merged } = info.data;
  return (
    <Card size="small" title={t.web.merge.title} data-testid="merge-panel">
      {master && (
        <Flex vertical gap={4}>
          <Typography.Text type="secondary">{t.web.merge.master}</Typography.Text>
          <TicketHead ticket={master} />
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
