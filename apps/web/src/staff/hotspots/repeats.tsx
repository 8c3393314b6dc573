// 重复诉求 at intake and on the ticket page: the caller's earlier similar request (same
// caller, similar text and place, within the repeat window) before submitting, and
// on a ticket what it repeats and which later requests repeat it.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Flex, List, Tag } from 'antd';
import type { RepeatCheck, TicketRepeats } from '@jiesu/contracts';
import { api } from '../../api/client';
import { fmt } from '../../i18n';
import { tHotspots as h } from '../../i18n/hotspots';
import { TicketPanel } from '../tickets/TicketPanel';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** "该来电人 N 天前反映过相似问题 (code)" while the agent is still typing. */
export function RepeatWarning(props: {
  phone: string;
  title?: string;
  description?: string;
  address?: string;
  jurisdictionId?: string;
}) {
  const q = useDebounced(
    {
      phone: props.phone,
      title: (props.title ?? '').slice(0, 200),
      description: (props.description ?? '').slice(0, 1000),
      address: (props.address ?? '').slice(0, 300),
      jurisdictionId: props.jurisdictionId,
    },
    400,
  );
  const enabled = q.phone.length >= 7 && (q.title.length >= 2 || q.description.length >= 4);
  const check = useQuery({
    queryKey: ['tickets', 'repeat-check', q],
    queryFn: () => api.get<RepeatCheck>('/api/intake/repeat-check', q),
    enabled,
    retry: false,
  });
  const m = enabled ? check.data?.match : null;
  if (!m) return null;
  const text = fmt(m.daysAgo === 0 ? h.repeatToday : h.repeatWarning, {
    days: m.daysAgo,
    code: m.ticket.code,
    title: m.ticket.title,
  });
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="repeat-warning"
      message={
        <span>
          {text} <Link to={`/tickets/${m.ticket.id}`}>{m.ticket.code}</Link>
        </span>
      }
    />
  );
}

/** On the ticket page: 重复诉求 with links. */
export function RepeatPanel({ ticketId }: { ticketId: string }) {
  const repeats = useQuery({
    queryKey: ['tickets', ticketId, 'repeats'],
    queryFn: () => api.get<TicketRepeats>(`/api/tickets/${ticketId}/repeats`),
  });
  return (
    <TicketPanel
      title={h.repeatPanel}
      testId="repeat-panel"
      query={repeats}
      isEmpty={(d) => !d.repeatOf && d.repeatedBy.length === 0}
    >
      {(d) => (
        <Flex vertical gap={6}>
          {d.repeatOf && (
            <span>
              <Tag color="orange">{h.repeatTag}</Tag>
              {fmt(h.repeatOf, { days: d.repeatOf.daysAgo, code: '' })}
              <Link to={`/tickets/${d.repeatOf.ticket.id}`}>{d.repeatOf.ticket.code}</Link>
            </span>
          )}
          {d.repeatedBy.length > 0 && (
            <List
              size="small"
              header={fmt(h.repeatedBy, { n: d.repeatedBy.length })}
              dataSource={d.repeatedBy}
              rowKey="id"
              renderItem={(x) => (
                <List.Item>
                  <Link to={`/tickets/${x.id}`}>{x.code}</Link> {x.title}
                </List.Item>
              )}
            />
          )}
        </Flex>
      )}
    </TicketPanel>
  );
}
