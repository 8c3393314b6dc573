// The ticket page's 督办与轨迹 card: the urges on the ticket with their answers,
// and the export of the ticket's whole trail (Excel or CSV).
import { Button, Card, Flex, List, Space, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { UrgeView } from '@jiesu/contracts';
import { formatDateTime } from '../../lib/time';
import { fmt } from '../../i18n';
import { tOversight as o } from '../../i18n/oversight';
import { useUrges } from './queries';

export function UrgeStatusTag({ u }: { u: UrgeView }) {
  return (
    <Space size={4} wrap>
      <Tag color={o.statusColour[u.status]} data-testid="urge-status">
        {o.status[u.status]}
      </Tag>
      {u.late && <Tag color="orange">{o.late}</Tag>}
      {u.escalatedTo && <Tag color="red">{fmt(o.escalatedTo, { unit: u.escalatedTo.name })}</Tag>}
    </Space>
  );
}

function UrgeItem({ u }: { u: UrgeView }) {
  return (
    <Flex vertical gap={2} style={{ width: '100%' }} data-testid="urge-item">
      <Flex justify="space-between" wrap gap={4}>
        <Typography.Text strong>{u.unit.name}</Typography.Text>
        <UrgeStatusTag u={u} />
      </Flex>
      <Typography.Text>{u.note}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {u.byUnit?.name} {u.by?.name} · {formatDateTime(u.createdAt)} · {o.dueAt}{' '}
        {formatDateTime(u.dueAt)}
      </Typography.Text>
      {u.response && (
        <Typography.Text style={{ fontSize: 13 }} data-testid="urge-response">
          {o.response}: {u.response}
          {u.finishBy && ` (${o.finishBy} ${formatDateTime(u.finishBy)})`}
        </Typography.Text>
      )}
    </Flex>
  );
}

export function UrgePanel({ ticketId }: { ticketId: string }) {
  const urges = useUrges({ ticketId, pageSize: 50 });
  const items = urges.data?.items ?? [];
  const base = `/api/tickets/${ticketId}/audit`;
  return (
    <Card
      size="small"
      title={o.panel}
      extra={
        <Space size={4}>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            href={`${base}?format=xlsx`}
            download
            data-testid="export-trail"
          >
            {o.exportTrail}
          </Button>
          <Button size="small" href={`${base}?format=csv`} download>
            {o.exportTrailCsv}
          </Button>
        </Space>
      }
    >
      {items.length === 0 ? (
        <Typography.Text type="secondary">{o.panelEmpty}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(u) => (
            <List.Item key={u.id}>
              <UrgeItem u={u} />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
