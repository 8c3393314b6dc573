// 异议 on the ticket page: who objected, why, with what evidence, and the verdict.
import { Descriptions, List, Space, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import type { ObjectionView } from '@jiesu/contracts';
import { formatDateTime, formatSpan } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { TicketPanel } from '../tickets/TicketPanel';
import { ObjectionStateTag, objectionOutcome } from './parts';
import { useTicketObjections } from './queries';
import { tCollab } from '../../i18n/collab';

function Objection({ o }: { o: ObjectionView }) {
  const c = tCollab;
  const items = [
    { key: 'reason', label: c.reason, children: t.objectionReason[o.reason] },
    {
      key: 'text',
      label: c.text,
      children: <span style={{ whiteSpace: 'pre-wrap' }}>{o.text}</span>,
    },
  ];
  if (o.attachments.length)
    items.push({
      key: 'evidence',
      label: c.evidence,
      children: (
        <Space wrap>
          {o.attachments.map((a) => (
            <a key={a.id} href={a.url} target="_blank" rel="noreferrer">
              <PaperClipOutlined /> {a.filename}
            </a>
          ))}
        </Space>
      ),
    });
  if (o.state !== 'open') {
    items.push(
      {
        key: 'verdict',
        label: c.verdict,
        children: (
          <Space wrap size={4}>
            <span>{t.verdict[o.state]}</span>
            {objectionOutcome(o)}
          </Space>
        ),
      },
      { key: 'note', label: c.reviewNote, children: <span>{o.reviewNote ?? ''}</span> },
    );
  }
  return (
    <List.Item data-testid="objection-item">
      <div style={{ width: '100%' }}>
        <Space wrap size={4} style={{ marginBottom: 4 }}>
          <Typography.Text strong>{o.unit.name}</Typography.Text>
          <ObjectionStateTag state={o.state} />
        </Space>
        <div style={{ color: '#595959', fontSize: 13 }}>
          {fmt(c.raised, { name: o.raisedBy?.name ?? o.unit.name, at: formatDateTime(o.raisedAt) })}
          {' · '}
          {fmt(o.state === 'open' ? c.waiting : c.waited, {
            span: formatSpan(o.waitingMinutes * 60_000),
          })}
          {o.reviewedBy &&
            ` · ${fmt(c.reviewedBy, { name: o.reviewedBy.name, at: formatDateTime(o.reviewedAt) })}`}
        </div>
        <Descriptions size="small" column={1} items={items} style={{ marginTop: 4 }} />
      </div>
    </List.Item>
  );
}

export function ObjectionsPanel({ ticketId }: { ticketId: string }) {
  const objections = useTicketObjections(ticketId);
  return (
    <TicketPanel
      title={tCollab.objections}
      testId="objections-panel"
      query={objections}
      isEmpty={(d) => d.length === 0}
    >
      {(data) => <List size="small" dataSource={data} renderItem={(o) => <Objection o={o} />} />}
    </TicketPanel>
  );
}
