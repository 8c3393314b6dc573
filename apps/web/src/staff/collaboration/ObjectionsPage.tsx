// 异议审核 for the dispatch centre (open ones first, the longest waiting on top),
// 本单位异议 for units; a second tab counts them per unit and per dispatcher.
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  Card,
  DatePicker,
  Flex,
  Grid,
  Input,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import dayjs from 'dayjs';
import {
  OBJECTION_REASONS,
  OBJECTION_STATES,
  type ObjectionListQuery,
  type ObjectionStats,
  type ObjectionView,
} from '@jiesu/contracts';
import { useMe } from '../../api/hooks';
import { ErrorState } from '../../lib/states';
import { formatDateTime, formatSpan } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { hasAny } from '../roles';
import { UnitSelect } from '../tickets/UnitSelect';
import { ObjectionStateTag } from './parts';
import { useObjectionList, useObjectionStats } from './queries';

type Counts = ObjectionStats['total'];
const c = t.web.collab;

function readQuery(sp: URLSearchParams, centre: boolean): ObjectionListQuery {
  const state = sp.get('state') ?? (centre ? 'open' : 'all');
  const q: ObjectionListQuery = {
    page: Number(sp.get('page')) || 1,
    pageSize: Number(sp.get('pageSize')) || 20,
  };
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
      <Card size="small" title={c.byUnit}>
        <Table<UnitRow>
          size="small"
          rowKey={(r) => r.unit.id}
          loading={stats.isPending}
          dataSource={data?.byUnit ?? []}
          pagination={false}
          scroll={{ x: 560 }}
          columns={[
            { title: c.objectingUnit, dataIndex: ['unit', 'name'] },
            ...(countColumns<UnitRow>() ?? []),
          ]}
        />
      </Card>
      <Card size="small" title={c.byDispatcher}>
        <Table<DispatcherRow>
          size="small"
          rowKey={(r) => r.dispatcher?.id ?? 'none'}
          loading={stats.isPending}
          dataSource={data?.byDispatcher ?? []}
          pagination={false}
          scroll={{ x: 560 }}
          columns={[
            {
              title: c.dispatcher,
              key: 'dispatcher',
              render: (_: unknown, r) => r.dispatcher?.name ?? c.noDispatcher,
            },
            ...(countColumns<DispatcherRow>() ?? []),
          ]}
        />
      </Card>
    </Flex>
  );
}

export default function ObjectionsPage() {
  const me = useMe();
  const centre = hasAny(me.data, 'dispatcher', 'agent', 'supervisor', 'admin');
  const [sp, setSp] = useSearchParams();
  const query = useMemo(() => readQuery(sp, centre), [sp, centre]);
  const list = useObjectionList(query);
  const tab = sp.get('tab') === 'stats' ? 'stats' : 'list';
  const narrow = !Grid.useBreakpoint().md;

  function update(patch: Record<string, string | number | undefined>, keepPage = false) {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!keepPage) next.delete('page');
    setSp(next);
  }

  const columns: TableProps<ObjectionView>['columns'] = [
    {
      title: c.ticket,
      key: 'ticket',
      width: 220,
      render: (_: unknown, o) => (
        <Flex vertical>
          <Link to={`/tickets/${o.ticket.id}`}>{o.ticket.code}</Link>
          <Typography.Text ellipsis style={{ maxWidth: 210 }}>
            {o.ticket.title}
          </Typography.Text>
        </Flex>
      ),
    },
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
          <Typography.Text type={o.state === 'open' ? 'warning' : 'secondary'}>
            {fmt(o.state === 'open' ? c.waiting : c.waited, {
              span: formatSpan(o.waitingMinutes * 60_000),
            })}
          </Typography.Text>
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
          {o.newUnit && (
            <span>
              {c.newUnit} {o.newUnit.name}
            </span>
          )}
          {o.dispatchFault && <Tag color="volcano">{c.dispatchFault}</Tag>}
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
        <Flex vertical gap={2}>
          <Link to={`/tickets/${o.ticket.id}`}>{o.ticket.code}</Link>
          <Typography.Text>{o.ticket.title}</Typography.Text>
          <Typography.Text type="secondary">
            {o.unit.name} · {t.objectionReason[o.reason]}
          </Typography.Text>
          <Space wrap size={4}>
            <ObjectionStateTag state={o.state} />
            {o.newUnit && (
              <span>
                {c.newUnit} {o.newUnit.name}
              </span>
            )}
            {o.dispatchFault && <Tag color="volcano">{c.dispatchFault}</Tag>}
          </Space>
          <Typography.Text type={o.state === 'open' ? 'warning' : 'secondary'}>
            {fmt(o.state === 'open' ? c.waiting : c.waited, {
              span: formatSpan(o.waitingMinutes * 60_000),
            })}
          </Typography.Text>
        </Flex>
      ),
    },
  ];

  const range: [dayjs.Dayjs, dayjs.Dayjs] | null =
    query.from && query.to ? [dayjs(query.from), dayjs(query.to).subtract(1, 'day')] : null;
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
      <DatePicker.RangePicker
        aria-label={c.filterRange}
        value={range}
        onChange={(v) =>
          update({
            from: v?.[0] ? v[0].startOf('day').toISOString() : undefined,
            to: v?.[1] ? v[1].add(1, 'day').startOf('day').toISOString() : undefined,
          })
        }
      />
      <Input.Search
        aria-label={c.search}
        placeholder={c.search}
        allowClear
        defaultValue={query.q}
        onSearch={(v) => update({ q: v.trim() || undefined })}
        style={{ width: 200 }}
      />
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
                  {list.isError ? (
                    <ErrorState error={list.error} onRetry={() => void list.refetch()} />
                  ) : (
                    <Table<ObjectionView>
                      size="small"
                      rowKey="id"
                      loading={list.isFetching}
                      dataSource={list.data?.items ?? []}
                      columns={narrow ? narrowColumns : columns}
                      scroll={narrow ? undefined : { x: 1000 }}
                      locale={{ emptyText: c.objectionsEmpty }}
                      onRow={() => ({ 'data-testid': 'objection-row' }) as object}
                      pagination={{
                        current: query.page,
                        pageSize: query.pageSize,
                        total: list.data?.total ?? 0,
                        showSizeChanger: true,
                        showTotal: (n) => fmt(c.total, { n }),
                        onChange: (page, pageSize) => update({ page, pageSize }, true),
                      }}
                    />
                  )}
                </Flex>
              ),
            },
            {
              key: 'stats',
              label: c.stats,
              children: (
                <Flex vertical gap={12}>
                  <DatePicker.RangePicker
                    aria-label={c.filterRange}
                    value={range}
                    onChange={(v) =>
                      update(
                        {
                          from: v?.[0] ? v[0].startOf('day').toISOString() : undefined,
                          to: v?.[1] ? v[1].add(1, 'day').startOf('day').toISOString() : undefined,
                        },
                        true,
                      )
                    }
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
