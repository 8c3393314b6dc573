// 上交审核: escalations addressed to my units (the dispatch centre reviews those
// to the district's government), those my units raised, or all I may see; with
// the state and period in the address, paging, a review button on the ones
// waiting for me, and below, how many each unit raised and how they ended.
import { useMemo, useState } from 'react';
import { Button, Card, Flex, Select, Space, Tabs, Typography } from 'antd';
import type { TableProps } from 'antd';
import {
  ESCALATION_STATES,
  type EscalationListQuery,
  type EscalationStats,
  type EscalationView,
} from '@jiesu/contracts';
import { ErrorState } from '../../lib/states';
import { StatsCard } from '../../lib/StatsCard';
import { formatDateTime } from '../../lib/time';
import { DayRangePicker, UrlPagedTable, pageOf, useUrlFilters } from '../../lib/urlFilters';
import { fmt, t } from '../../i18n';
import { ActionModal } from '../tickets/ActionModal';
import { TicketRef, ticketColumn } from '../tickets/parts';
import { EscalationStateTag, needsText } from './parts';
import { useEscalationList, useEscalationStats } from './queries';
import { tDeliberation } from '../../i18n/deliberation';

const c = tDeliberation;
type Tab = 'to' | 'from' | 'all';

function readQuery(sp: URLSearchParams, tab: Tab): EscalationListQuery {
  const q: EscalationListQuery = pageOf(sp);
  if (tab !== 'all') q.box = tab;
  // Waiting for me first: the review box opens on the pending ones.
  const state = sp.get('state') ?? (tab === 'to' ? 'pending' : 'all');
  if (state !== 'all') q.state = state as EscalationView['state'];
  for (const k of ['from', 'to'] as const) {
    const v = sp.get(k);
    if (v) q[k] = v;
  }
  return q;
}

function StatsTable({ from, to }: { from?: string; to?: string }) {
  const stats = useEscalationStats({ from, to });
  if (stats.isError) return <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />;
  type Row = EscalationStats['units'][number];
  const num = { width: 90, align: 'right' as const };
  return (
    <StatsCard<Row>
      title={c.stats}
      rowKey={(r) => r.unit.id}
      loading={stats.isPending}
      rows={stats.data?.units}
      width={560}
      columns={[
        { title: c.unit, dataIndex: ['unit', 'name'] },
        { title: c.raised, dataIndex: 'raised', ...num },
        { title: c.accepted, dataIndex: 'accepted', ...num },
        { title: c.refused, dataIndex: 'refused', ...num },
        { title: c.pending, dataIndex: 'pending', ...num },
      ]}
    />
  );
}

export default function EscalationsPage() {
  const [sp, update] = useUrlFilters();
  const tabParam = sp.get('tab');
  const tab: Tab = tabParam === 'from' || tabParam === 'all' ? tabParam : 'to';
  const query = useMemo(() => readQuery(sp, tab), [sp, tab]);
  const list = useEscalationList(query);
  const [reviewing, setReviewing] = useState<EscalationView | null>(null);

  const reviewButton = (e: EscalationView) =>
    tab === 'to' && e.state === 'pending' ? (
      <Button type="primary" size="small" onClick={() => setReviewing(e)}>
        {c.review}
      </Button>
    ) : null;
  const outcome = (e: EscalationView) => (
    <Flex vertical gap={2}>
      <span>
        <EscalationStateTag state={e.state} />
      </span>
      {e.reviewNote && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {e.reviewNote}
        </Typography.Text>
      )}
    </Flex>
  );

  const columns: TableProps<EscalationView>['columns'] = [
    ticketColumn<EscalationView>(c.ticket),
    {
      title: c.units,
      key: 'units',
      width: 200,
      render: (_: unknown, e) => fmt(c.fromTo, { from: e.fromUnit.name, to: e.toUnit.name }),
    },
    {
      title: c.reason,
      key: 'reason',
      render: (_: unknown, e) => (
        <Flex vertical gap={2}>
          <Typography.Text ellipsis={{ tooltip: e.reason }} style={{ maxWidth: 320 }}>
            {e.reason}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {c.needs}:{needsText(e.needs, e.needsNote)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: c.raisedAt,
      key: 'raisedAt',
      width: 150,
      render: (_: unknown, e) => (
        <Flex vertical>
          <span>{formatDateTime(e.raisedAt)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {e.raisedBy?.name}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: c.state, key: 'state', width: 200, render: (_: unknown, e) => outcome(e) },
    {
      title: t.web.common.actions,
      key: 'act',
      width: 90,
      render: (_: unknown, e) => reviewButton(e),
    },
  ];

  // On a phone, one column: the ticket, who asked whom and why, where it stands.
  const narrowColumns: TableProps<EscalationView>['columns'] = [
    {
      title: c.ticket,
      key: 'all',
      render: (_: unknown, e) => (
        <TicketRef ticket={e.ticket}>
          <Typography.Text type="secondary">
            {fmt(c.fromTo, { from: e.fromUnit.name, to: e.toUnit.name })} ·{' '}
            {formatDateTime(e.raisedAt)}
          </Typography.Text>
          <Typography.Text>{e.reason}</Typography.Text>
          {outcome(e)}
          {reviewButton(e)}
        </TicketRef>
      ),
    },
  ];

  const filters = (
    <Space wrap>
      <Select
        aria-label={c.state}
        style={{ width: 150 }}
        value={query.state ?? 'all'}
        onChange={(v: string) => update({ state: v })}
        options={[
          { value: 'all', label: c.allStates },
          ...ESCALATION_STATES.map((s) => ({ value: s, label: t.escalationState[s] })),
        ]}
      />
      <DayRangePicker label={c.range} from={query.from} to={query.to} onChange={update} />
    </Space>
  );

  const table = (
    <Flex vertical gap={12}>
      {filters}
      <UrlPagedTable<EscalationView>
        list={list}
        query={query}
        update={update}
        columns={columns}
        narrowColumns={narrowColumns}
        width={1100}
        empty={c.escalationsEmpty}
        totalText={c.total}
        rowTestId="escalation-row"
      />
    </Flex>
  );

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
        {c.escalationsTitle}
      </Typography.Title>
      <Card size="small">
        <Tabs
          activeKey={tab}
          // A new tab starts with its own default state filter.
          onChange={(k) => update({ tab: k === 'to' ? undefined : k, state: undefined })}
          items={[
            { key: 'to', label: c.toMe, children: tab === 'to' && table },
            { key: 'from', label: c.fromMe, children: tab === 'from' && table },
            { key: 'all', label: c.all, children: tab === 'all' && table },
          ]}
        />
      </Card>
      <StatsTable from={query.from} to={query.to} />
      {reviewing && (
        <ActionModal
          action="review_escalation"
          ticketIds={[reviewing.ticket.id]}
          onClose={() => setReviewing(null)}
        />
      )}
    </Flex>
  );
}
