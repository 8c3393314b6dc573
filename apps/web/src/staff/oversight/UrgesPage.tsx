// 督办: the urges the user may see (all of the district for the centre and the
// supervisors; a unit's own and those it made otherwise) with filters and paging in
// the address and an Excel export; urges per unit; and a unit's actions over a
// period (单位操作记录), exportable as Excel or CSV.
import { useMemo } from 'react';
import { Button, Card, Flex, Select, Space, Table, Tabs, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import {
  URGE_STATUSES,
  type TicketAction,
  type TicketState,
  type UnitAuditItem,
  type UnitAuditQuery,
  type UrgeListQuery,
  type UrgeView,
} from '@jiesu/contracts';
import { toSearch } from '../../api/client';
import { useMe } from '../../api/hooks';
import { formatDateTime } from '../../lib/time';
import { DayRangePicker, UrlPagedTable, pageOf, useUrlFilters } from '../../lib/urlFilters';
import { t } from '../../i18n';
import { tOversight as o } from '../../i18n/oversight';
import { seesDistrict } from '../roles';
import { TicketRef } from '../tickets/parts';
import { UnitSelect } from '../tickets/UnitSelect';
import { UrgeStatusTag } from './UrgePanel';
import { useUnitAudit, useUrgeCounts, useUrges } from './queries';

function readUrgeQuery(sp: URLSearchParams): UrgeListQuery {
  const q: UrgeListQuery = pageOf(sp);
  const status = sp.get('status');
  if (status && (URGE_STATUSES as readonly string[]).includes(status))
    q.status = status as UrgeListQuery['status'];
  const mine = sp.get('mine');
  if (mine === '1') q.mine = '1';
  for (const k of ['unitId', 'from', 'to'] as const) {
    const v = sp.get(k);
    if (v) q[k] = v;
  }
  return q;
}

function UnitFilter({
  centre,
  value,
  onChange,
  label,
}: {
  centre: boolean;
  value?: string;
  onChange: (v?: string) => void;
  label: string;
}) {
  const me = useMe();
  if (centre)
    return (
      <div style={{ width: 200 }}>
        <UnitSelect
          label={label}
          placeholder={label}
          value={value}
          onChange={(v) => onChange(typeof v === 'string' ? v : undefined)}
        />
      </div>
    );
  const own = [
    ...new Map((me.data?.roles ?? []).map((r) => [r.unitId, r.unitName] as const)).entries(),
  ];
  return (
    <Select
      allowClear
      aria-label={label}
      placeholder={label}
      style={{ width: 200 }}
      value={value}
      onChange={(v?: string) => onChange(v)}
      options={own.map(([id, name]) => ({ value: id, label: name }))}
    />
  );
}

function UrgesTab({ centre }: { centre: boolean }) {
  const [sp, update] = useUrlFilters();
  const query = useMemo(() => readUrgeQuery(sp), [sp]);
  const list = useUrges(query);
  const exportHref = `/api/urges/export.xlsx${toSearch({ ...query, page: undefined, pageSize: undefined })}`;
  const columns: TableProps<UrgeView>['columns'] = [
    {
      title: o.ticket,
      key: 'ticket',
      width: 200,
      render: (_: unknown, u) => <TicketRef ticket={u.ticket} />,
    },
    { title: o.unit, dataIndex: ['unit', 'name'], width: 150, ellipsis: true },
    {
      title: t.web.ticket.state,
      key: 'status',
      width: 160,
      render: (_: unknown, u) => <UrgeStatusTag u={u} />,
    },
    { title: o.note, dataIndex: 'note', width: 200, ellipsis: true },
    {
      title: o.by,
      key: 'by',
      width: 150,
      render: (_: unknown, u) => (
        <Flex vertical>
          <span>{u.byUnit?.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {u.by?.name} · {formatDateTime(u.createdAt)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: o.dueAt,
      key: 'due',
      width: 130,
      render: (_: unknown, u) => formatDateTime(u.dueAt),
    },
    {
      title: o.response,
      key: 'response',
      width: 220,
      render: (_: unknown, u) =>
        u.response ? (
          <Flex vertical>
            <span data-testid="urge-response">{u.response}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(u.respondedAt)}
              {u.finishBy && ` · ${o.finishBy} ${formatDateTime(u.finishBy)}`}
            </Typography.Text>
          </Flex>
        ) : (
          t.web.common.none
        ),
    },
  ];
  const narrowColumns: TableProps<UrgeView>['columns'] = [
    {
      title: o.ticket,
      key: 'all',
      render: (_: unknown, u) => (
        <TicketRef ticket={u.ticket}>
          <UrgeStatusTag u={u} />
          <Typography.Text>
            {u.unit.name}: {u.note}
          </Typography.Text>
          <Typography.Text type="secondary">
            {o.dueAt} {formatDateTime(u.dueAt)}
          </Typography.Text>
          {u.response && (
            <Typography.Text data-testid="urge-response">{u.response}</Typography.Text>
          )}
        </TicketRef>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <Space wrap>
          <Select
            aria-label={t.web.ticket.state}
            style={{ width: 130 }}
            value={query.status ?? 'all'}
            onChange={(v: string) => update({ status: v === 'all' ? undefined : v })}
            options={[
              { value: 'all', label: o.allStatuses },
              ...URGE_STATUSES.map((s) => ({ value: s, label: o.status[s] })),
            ]}
          />
          <UnitFilter
            centre={centre}
            label={o.unit}
            value={query.unitId}
            onChange={(v) => update({ unitId: v })}
          />
          <DayRangePicker label={o.range} from={query.from} to={query.to} onChange={update} />
          {!centre && (
            <Select
              aria-label={o.mineOnly}
              style={{ width: 170 }}
              value={query.mine ?? '0'}
              onChange={(v: string) => update({ mine: v === '1' ? '1' : undefined })}
              options={[
                { value: '0', label: o.allUrges },
                { value: '1', label: o.mineOnly },
              ]}
            />
          )}
        </Space>
        <Button icon={<DownloadOutlined />} href={exportHref} download>
          {o.export}
        </Button>
      </Flex>
      <UrlPagedTable<UrgeView>
        list={list}
        query={query}
        update={update}
        columns={columns}
        narrowColumns={narrowColumns}
        width={1200}
        empty={o.empty}
        totalText={o.total}
        rowTestId="urge-row"
      />
    </Flex>
  );
}

function CountsTab() {
  const [sp, update] = useUrlFilters();
  const from = sp.get('from') ?? undefined;
  const to = sp.get('to') ?? undefined;
  const counts = useUrgeCounts({ from, to });
  const num = { width: 90, align: 'right' as const };
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{o.countsHelp}</Typography.Text>
      <Space wrap>
        <DayRangePicker label={o.range} from={from} to={to} onChange={update} />
      </Space>
      <Table
        size="small"
        rowKey={(r) => r.unit.id}
        loading={counts.isFetching}
        dataSource={counts.data?.items ?? []}
        locale={{ emptyText: o.countsEmpty }}
        pagination={false}
        scroll={{ x: 640 }}
        columns={[
          { title: o.unit, dataIndex: ['unit', 'name'] },
          { title: o.countTotal, dataIndex: 'total', ...num },
          { title: o.countResponded, dataIndex: 'responded', ...num },
          { title: o.countLate, dataIndex: 'respondedLate', ...num },
          { title: o.countWaiting, dataIndex: 'waiting', ...num },
          { title: o.countEscalated, dataIndex: 'escalated', ...num },
        ]}
      />
    </Flex>
  );
}

function AuditTab({ centre }: { centre: boolean }) {
  const [sp, update] = useUrlFilters();
  const unitId = sp.get('unitId') ?? undefined;
  const query: UnitAuditQuery | undefined = unitId
    ? {
        ...pageOf(sp),
        unitId,
        ...(sp.get('from') ? { from: sp.get('from')! } : {}),
        ...(sp.get('to') ? { to: sp.get('to')! } : {}),
      }
    : undefined;
  const list = useUnitAudit(query);
  const exportHref = (format: 'xlsx' | 'csv') =>
    `/api/audit/units/export${toSearch({ ...query, page: undefined, pageSize: undefined, format })}`;
  const columns: TableProps<UnitAuditItem>['columns'] = [
    { title: o.auditAt, key: 'at', width: 140, render: (_: unknown, e) => formatDateTime(e.at) },
    {
      title: o.ticket,
      key: 'ticket',
      width: 200,
      render: (_: unknown, e) => <TicketRef ticket={e.ticket} />,
    },
    {
      title: o.auditAction,
      key: 'action',
      width: 130,
      render: (_: unknown, e) => t.action[e.action as TicketAction] ?? e.action,
    },
    {
      title: o.auditState,
      key: 'state',
      width: 150,
      render: (_: unknown, e) =>
        e.fromState && e.fromState !== e.toState
          ? `${t.state[e.fromState as TicketState]} → ${t.state[e.toState as TicketState]}`
          : t.state[e.toState as TicketState],
    },
    { title: o.auditActor, key: 'actor', width: 110, render: (_: unknown, e) => e.actor?.name },
    { title: o.auditReason, dataIndex: 'reason', ellipsis: true },
  ];
  const narrowColumns: TableProps<UnitAuditItem>['columns'] = [
    {
      title: o.ticket,
      key: 'all',
      render: (_: unknown, e) => (
        <TicketRef ticket={e.ticket}>
          <Typography.Text>
            {t.action[e.action as TicketAction] ?? e.action} · {e.actor?.name}
          </Typography.Text>
          <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
        </TicketRef>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <Space wrap>
          <UnitFilter
            centre={centre}
            label={o.auditPick}
            value={unitId}
            onChange={(v) => update({ unitId: v })}
          />
          <DayRangePicker
            label={o.auditRange}
            from={query?.from}
            to={query?.to}
            onChange={update}
          />
        </Space>
        {query && (
          <Space>
            <Button icon={<DownloadOutlined />} href={exportHref('xlsx')} download>
              {o.auditExport}
            </Button>
            <Button href={exportHref('csv')} download>
              {o.auditExportCsv}
            </Button>
          </Space>
        )}
      </Flex>
      {query ? (
        <UrlPagedTable<UnitAuditItem>
          list={list}
          query={query}
          update={update}
          columns={columns}
          narrowColumns={narrowColumns}
          width={900}
          empty={o.auditEmpty}
          totalText={o.auditTotal}
          rowTestId="audit-row"
        />
      ) : (
        <Typography.Text type="secondary">{o.auditPick}</Typography.Text>
      )}
    </Flex>
  );
}

export default function UrgesPage() {
  const me = useMe();
  const centre = seesDistrict(me.data);
  const [sp, update] = useUrlFilters();
  const tab = sp.get('tab') ?? 'urges';
  const switchTo = (k: string) => {
    // Each tab has its own filters: switching starts from none.
    const next: Record<string, undefined | string> = {};
    for (const key of sp.keys()) next[key] = undefined;
    update({ ...next, tab: k === 'urges' ? undefined : k });
  };
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
        {o.title}
      </Typography.Title>
      <Typography.Text type="secondary">{o.help}</Typography.Text>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={switchTo}
          items={[
            {
              key: 'urges',
              label: o.tabUrges,
              children: tab === 'urges' && <UrgesTab centre={centre} />,
            },
            { key: 'counts', label: o.tabCounts, children: tab === 'counts' && <CountsTab /> },
            {
              key: 'audit',
              label: o.tabAudit,
              children: tab === 'audit' && <AuditTab centre={centre} />,
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
