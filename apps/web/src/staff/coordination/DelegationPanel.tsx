// 流转 on the ticket page: who passed the ticket to whom and when, whether each
// step is still open or how it ended, and the township's convenings.
import { Descriptions, Flex, Tag, Timeline, Typography } from 'antd';
import { TicketPanel } from '../tickets/TicketPanel';
import { formatDateTime } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { useTicketDelegations } from './queries';
import { tCoord } from '../../i18n/coord';

export function DelegationPanel({ ticketId }: { ticketId: string }) {
  const flow = useTicketDelegations(ticketId);
  const c = tCoord;
  return (
    <TicketPanel
      title={c.flow}
      testId="delegation-panel"
      query={flow}
      isEmpty={(d) => d.chain.length === 0 && d.convenings.length === 0}
    >
      {({ chain, convenings, lead, holder }) => (
        <Flex vertical gap={8}>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'lead', label: c.lead, children: lead?.name ?? t.web.common.none },
              { key: 'holder', label: c.holder, children: holder?.name ?? t.web.common.none },
            ]}
          />
          {chain.length > 0 && (
            <Timeline
              items={chain.map((d) => ({
                key: d.id,
                color: d.endedAt ? 'gray' : 'blue',
                content: (
                  <Flex vertical gap={2} data-testid="delegation-step">
                    <Typography.Text strong>
                      {d.from.name} → {d.to.name}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {fmt(c.passedAt, { at: formatDateTime(d.at) })}
                      {d.toUser && ` · ${fmt(c.toUser, { name: d.toUser.name })}`}
                    </Typography.Text>
                    {d.note && <Typography.Text>{d.note}</Typography.Text>}
                    {d.endedHow ? (
                      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                        {fmt(c.endedAt, {
                          how: t.delegationEnding[d.endedHow],
                          at: formatDateTime(d.endedAt),
                        })}
                      </Typography.Text>
                    ) : (
                      <span>
                        <Tag color="blue">{c.open}</Tag>
                      </span>
                    )}
                  </Flex>
                ),
              }))}
            />
          )}
          {convenings.map((m, i) => (
            <Flex key={i} vertical gap={2} data-testid="convening">
              <Typography.Text strong>{c.convenings}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {formatDateTime(m.at)} · {[m.by?.name, m.unit?.name].filter(Boolean).join(' · ')}
              </Typography.Text>
              <span>
                {c.sections}: {m.sections.map((s) => s.name).join('、')}
              </span>
              <span style={{ whiteSpace: 'pre-wrap' }}>{m.note}</span>
              {m.resources && (
                <span>
                  {c.resources}: {m.resources}
                </span>
              )}
            </Flex>
          ))}
        </Flex>
      )}
    </TicketPanel>
  );
}
