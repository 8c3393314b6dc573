// 吹哨报到 on the ticket page: each whistle's topic and deadline, and every
// summoned unit's state (waiting, in time, late, not reported).
import { Flex, List, Space, Typography } from 'antd';
import { TicketPanel } from '../tickets/TicketPanel';
import { formatDateTime } from '../../lib/time';

import { SummonsLine, WhistleCountdown } from './parts';
import { useTicketWhistles } from './queries';
import { tCoord } from '../../i18n/coord';

export function WhistlePanel({ ticketId }: { ticketId: string }) {
  const whistles = useTicketWhistles(ticketId);
  const c = tCoord;
  return (
    <TicketPanel
      title={c.whistles}
      testId="whistle-panel"
      query={whistles}
      isEmpty={(d) => d.items.length === 0}
    >
      {(data) => (
        <List
          size="small"
          dataSource={data.items}
          renderItem={(w) => {
            const waiting = w.summonses.some((s) => s.state === 'summoned');
            return (
              <List.Item>
                <Flex vertical gap={4} style={{ width: '100%' }}>
                  <Typography.Text strong>{w.topic}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {w.unit.name} · {formatDateTime(w.createdAt)}
                  </Typography.Text>
                  <Space size={4} style={{ fontSize: 13 }}>
                    <span>
                      {c.due} {formatDateTime(w.dueAt)}
                    </span>
                    {waiting && <WhistleCountdown whistle={w} />}
                  </Space>
                  {w.summonses.map((s) => (
                    <SummonsLine key={s.id} s={s} />
                  ))}
                </Flex>
              </List.Item>
            );
          }}
        />
      )}
    </TicketPanel>
  );
}
