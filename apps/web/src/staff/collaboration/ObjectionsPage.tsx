// 异议审核 for the dispatch centre (open ones first, the longest waiting on top),
// 本单位异议 for units; a second tab counts them per unit and per dispatcher.
import { useMemo } from 'react';
import { Card, Flex, Select, Space, Tabs, Typography } from 'antd';
import type { TableProps } from 'antd';
import {
  OBJECTION_REASONS,
  OBJECTION_STATES,
  type ObjectionListQuery,
  type ObjectionStats,
  type ObjectionView,
} from '@jiesu/contracts';
import { useMe } from '../../api/hooks';
import { ErrorState } from '../../lib/states';
import { StatsCard } from '../../lib/StatsCard';
import { formatDateTime } from '../../lib/time';
import {
  DayRangePicker,
  UrlPagedTable,
  UrlSearch,
  pageOf,
  useUrlFilters,
} from '../../lib/urlFilters';
import { t } from '../../i18n';
import { seesDistrict } from '../roles';
import { TicketRef, ticketColumn } from '../tickets/parts';
import { UnitSelect } from '../tickets/UnitSelect';
import { ObjectionStateTag, ObjectionWaiting, objectionOutcome } from './parts';
import { useObjectionList, useObjectionStats } from './queries';
import { tCollab } from '../../i18n/collab';

type Counts = ObjectionStats['total'];
const c = tCollab;

function readQuery(sp: URLSearchParams, centre: boolean): ObjectionListQuery {
  const state = sp.get('state') ?? (centre ? 'open' : 'all');
  const q: ObjectionListQuery = pageOf(sp);
  if (state !== 'all') q.state = [state as ObjectionView['state']];
  const reason = sp.get('reason');
  if (reason) q.reason = [reason as ObjectionView['reason']];
  for (const k of ['unitId', 'from', 'to', 'q'] as const) {
    const v = sp.get(k);
    if (v) q[k] = v;
  }
  return q;
}

function countColumns<T extends Counts>(): TableProps<T>['columns'] {
  return [
    { title: c.raisedCount, dataIndex: 'raised', width: 80, align: 'right' },
    { title: c.openCount, dataIndex: 'open', width: 80, align: 'right' },
    { title: c.upheldCount, dataIndex: 'upheld', width: 80, align: 'right' },
    { title: c.rejectedCount, dataIndex: 'rejected', width: 80, align: 'right' },
    { title: c.faultCount, dataIndex: 'withFault', width: 90, align: 'right' },
  ];
}

function StatsTab({ from, to }: { from?: string; to?: string }) {
  const stats = useObjectionStats({ from, to }, true);
  if (stats.isError) return <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />;
  const data = stats.data;
  type UnitRow = ObjectionStats['byUnit'][number];
  type DispatcherRow = ObjectionStats['byDispatcher'][number];
  return (
    <Flex vertical gap={12}>
      <StatsCard<UnitRow>
        title={c.byUnit}
        rowKey={(r) => r.unit.id}
        loading={stats.isPending}
        rows={data?.byUnit}
        width={560}
        columns={[
          { title: c.objectingUnit, dataIndex: ['unit', 'name'] },
          ...(countColumns<UnitRow>() ?? []),
        ]}
      />
      <StatsCard<DispatcherRow>
        title={c.byDispatcher}
        rowKey={(r) => r.dispatcher?.id ?? 'none'}
        loading={stats.isPending}
        rows={data?.byDispatcher}
        width={560}
        columns={[
          {
            title: c.dispatcher,
            key: 'dispatcher',
            render: (_: unknown, r) => r.dispatcher?.name ?? c.noDispatcher,
          },
          ...(countColumns<DispatcherRow>() ?? []),
        ]}
      />
    </Flex>
  );
}

export default function ObjectionsPage() {
  const me = useMe();
  const centre = seesDistrict(me.data);
  const [sp, update] = useUrlFilters();
  const query = useMemo(() => readQuery(sp, centre), [sp, centre]);
  const list = useObjectionList(query);
  const tab = sp.get('tab') === 'stats' ? 'stats' : 'list';

  const columns: TableProps<ObjectionView>['columns'] = [
    ticketColumn<ObjectionView>(c.ticket),
    { title: c.objectingUnit, dataIndex: ['unit', 'name'], width: 150, ellipsis: true },
    {
      title: c.reason,
      dataIndex: 'reason',
      width: 130,
      render: (r: ObjectionView['reason']) => t.objectionReason[r],
    },
    { title: c.text, dataIndex: 'text', ellipsis: true },
    {
      title: c.raisedAt,
      key: 'raised',
      width: 150,
      render: (_: unknown, o) => (
        <Flex vertical>
          <span>{formatDateTime(o.raisedAt)}</span>
          <ObjectionWaiting o={o} />
        </Flex>
      ),
    },
    {
      title: c.state,
      key: 'state',
      width: 170,
      render: (_: unknown, o) => (
        <Space wrap size={4}>
          <ObjectionStateTag state={o.state} />
          {objectionOutcome(o)}
        </Space>
      ),
    },
    {
      title: c.dispatcher,
      key: 'dispatcher',
      width: 110,
      render: (_: unknown, o) => o.dispatcher?.name ?? t.web.common.none,
    },
  ];

  // On a phone, one column carries what matters: the ticket, who objected, and where it stands.
  const narrowColumns: TableProps<ObjectionView>['columns'] = [
    {
      title: c.ticket,
      key: 'all',
      render: (_: unknown, o) => (
        <TicketRef ticket={o.ticket}>
          <Typography.Text type="secondary">
            {o.unit.name} · {t.objectionReason[o.reason]}
          </Typography.Text>
          <Space wrap size={4}>
            <ObjectionStateTag state={o.state} />
            {objectionOutcome(o)}
          </Space>
          <ObjectionWaiting o={o} />
        </TicketRef>
      ),
    },
  ];

  const stateValue = query.state?.[0] ?? 'all';
  const filters = (
    <Space wrap>
      <Select
        aria-label={c.filterState}
        style={{ width: 130 }}
        value={stateValue}
        onChange={(v: string) => update({ state: v })}
        options={[
          { value: 'all', label: c.allStates },
          ...OBJECTION_STATES.map((s) => ({ value: s, label: t.objectionState[s] })),
        ]}
      />
      <Select
        aria-label={c.filterReason}
        placeholder={c.filterReason}
        style={{ width: 170 }}
        allowClear
        value={query.reason?.[0] ?? null}
        onChange={(v?: string) => update({ reason: v ?? undefined })}
        options={OBJECTION_REASONS.map((r) => ({ value: r, label: t.objectionReason[r] }))}
      />
      {centre && (
        <div style={{ width: 220 }}>
          <UnitSelect
            label={c.filterUnit}
            value={query.unitId}
            onChange={(v) => update({ unitId: typeof v === 'string' ? v : undefined })}
          />
        </div>
      )}
      <DayRangePicker label={c.filterRange} from={query.from} to={query.to} onChange={update} />
      <UrlSearch label={c.search} value={query.q} update={update} />
    </Space>
  );

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
        {centre ? c.objectionsTitle : c.myObjectionsTitle}
      </Typography.Title>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k === 'stats' ? 'stats' : undefined }, true)}
          items={[
            {
              key: 'list',
              label: c.list,
              children: (
                <Flex vertical gap={12}>
                  {filters}
                  <UrlPagedTable<ObjectionView>
                    list={list}
                    query={query}
                    update={update}
                    columns={columns}
                    narrowColumns={narrowColumns}
                    width={1000}
                    empty={c.objectionsEmpty}
                    totalText={c.total}
                    rowTestId="objection-row"
                  />
                </Flex>
              ),
            },
            {
              key: 'stats',
              label: c.stats,
              children: (
                <Flex vertical gap={12}>
                  <DayRangePicker
                    label={c.filterRange}
                    from={query.from}
                    to={query.to}
                    onChange={(range) => update(range, true)}
                  />
                  {tab === 'stats' && <StatsTab from={query.from} to={query.to} />}
                </Flex>
              ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
