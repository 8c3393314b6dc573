// 下交群评台账 (挂账): the cases proposed for village deliberation, filtered by
// state, basis, village and township, sorted, paged and exported to Excel; the
// settled rate per township and per village; and the candidate tickets the
// platform finds (repeated or reopened requests), each a link to open.
import { useMemo } from 'react';
import { Link } from 'react-router';
import {
  Button,
  Card,
  Col,
  Flex,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import {
  DELIBERATION_BASES,
  DELIBERATION_STATES,
  type DeliberationCandidate,
  type DeliberationListQuery,
  type DeliberationView,
  type LedgerStats,
} from '@jiesu/contracts';
import { toSearch } from '../../api/client';
import { ErrorState } from '../../lib/states';
import { StatsCard } from '../../lib/StatsCard';
import { formatDate, formatDateTime } from '../../lib/time';
import { DayRangePicker, UrlPagedTable, pageOf, useUrlFilters } from '../../lib/urlFilters';
import { fmt, t } from '../../i18n';
import { StateTag, TicketRef, ticketColumn } from '../tickets/parts';
import { DeliberationStateTag } from './parts';
import { useCandidates, useElderPanels, useLedger, useLedgerStats } from './queries';
import { tDeliberation } from '../../i18n/deliberation';

const c = tDeliberation;
type Tab = 'list' | 'stats' | 'candidates';
type Sort = NonNullable<DeliberationListQuery['sort']>;
const SORTS = Object.keys(c.sorts) as Sort[];

function readQuery(sp: URLSearchParams): DeliberationListQuery {
  const q: DeliberationListQuery = pageOf(sp);
  const states = (sp.get('state') ?? '')
    .split(',')
    .filter((s): s is DeliberationView['state'] =>
      (DELIBERATION_STATES as readonly string[]).includes(s),
    );
  if (states.length) q.state = states;
  const basis = sp.get('basis');
  if (basis) q.basis = basis as DeliberationView['basis'];
  const sort = sp.get('sort');
  if (sort && (SORTS as string[]).includes(sort)) q.sort = sort as Sort;
  for (const k of ['villageUnitId', 'signerUnitId'] as const) {
    const v = sp.get(k);
    if (v) q[k] = v;
  }
  return q;
}

const rateText = (r: number | null) =>
  r === null ? t.web.common.none : `${(r * 100).toFixed(1).replace(/\.0$/, '')}%`;

function StatsTab({ from, to }: { from?: string; to?: string }) {
  const stats = useLedgerStats({ from, to });
  if (stats.isError) return <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />;
  type TownshipRow = LedgerStats['townships'][number];
  type VillageRow = LedgerStats['villages'][number];
  const rows = stats.data?.townships ?? [];
  const sum = (k: 'delegated' | 'onLedger' | 'settled' | 'escalated') =>
    rows.reduce((s, r) => s + r[k], 0);
  const delegated = sum('delegated');
  const cards: [string, string | number][] = [
    [c.delegated, delegated],
    [c.onLedger, sum('onLedger')],
    [c.settled, sum('settled')],
    [c.escalated, sum('escalated')],
    [c.settledRate, rateText(delegated ? sum('settled') / delegated : null)],
  ];
  const num = { width: 80, align: 'right' as const };
  const counts = [
    { title: c.delegated, dataIndex: 'delegated', ...num },
    { title: c.onLedger, dataIndex: 'onLedger', ...num },
    { title: c.settled, dataIndex: 'settled', ...num },
    { title: c.escalated, dataIndex: 'escalated', ...num },
    {
      title: c.settledRate,
      dataIndex: 'settledRate',
      ...num,
      render: (r: number | null) => rateText(r),
    },
    { title: c.sessionsHeld, dataIndex: 'sessions', ...num },
  ];
  return (
    <Flex vertical gap={12}>
      <Row gutter={[12, 12]}>
        {cards.map(([title, value]) => (
          <Col key={title} xs={12} sm={8} lg={4}>
            <Card size="small" loading={stats.isPending}>
              <Statistic title={title} value={value} />
            </Card>
          </Col>
        ))}
      </Row>
      <StatsCard<TownshipRow>
        title={c.townships}
        rowKey={(r) => r.unit.id}
        loading={stats.isPending}
        rows={stats.data?.townships}
        width={700}
        columns={[{ title: c.township, dataIndex: ['unit', 'name'] }, ...counts]}
      />
      <StatsCard<VillageRow>
        title={c.villages}
        rowKey={(r) => r.unit.id}
        loading={stats.isPending}
        rows={stats.data?.villages}
        width={860}
        columns={[
          { title: c.filterVillage, dataIndex: ['unit', 'name'] },
          { title: c.township, dataIndex: ['township', 'name'], width: 160 },
          ...counts,
        ]}
      />
    </Flex>
  );
}

function CandidatesTab() {
  const q = useCandidates();
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const columns: TableProps<DeliberationCandidate>['columns'] = [
    ticketColumn<DeliberationCandidate>(c.ticket),
    {
      title: c.state,
      key: 'state',
      width: 110,
      render: (_: unknown, r) => <StateTag state={r.ticket.state} />,
    },
    { title: c.category, dataIndex: ['category', 'name'], width: 140, ellipsis: true },
    {
      title: c.leadUnit,
      key: 'lead',
      width: 160,
      ellipsis: true,
      render: (_: unknown, r) => r.leadUnit?.name ?? t.web.common.none,
    },
    {
      title: c.receivedAt,
      dataIndex: 'receivedAt',
      width: 140,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: c.basis,
      dataIndex: 'basis',
      width: 200,
      render: (b: DeliberationCandidate['basis']) => t.deliberationBasis[b],
    },
    {
      title: c.repeatCount,
      dataIndex: 'repeatCount',
      width: 90,
      align: 'right',
      render: (n: number) => fmt(c.times, { n }),
    },
    {
      title: c.reopenCount,
      dataIndex: 'reopenCount',
      width: 90,
      align: 'right',
      render: (n: number) => fmt(c.times, { n }),
    },
    {
      title: t.web.common.actions,
      key: 'open',
      width: 90,
      render: (_: unknown, r) => <Link to={`/tickets/${r.ticket.id}`}>{c.open}</Link>,
    },
  ];
  return (
    <Flex vertical gap={12}>
      {q.data && (
        <Typography.Text type="secondary">
          {fmt(c.candidatesRule, { days: q.data.windowDays, n: q.data.threshold })}
        </Typography.Text>
      )}
      <Table<DeliberationCandidate>
        size="small"
        rowKey={(r) => r.ticket.id}
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1150 }}
        locale={{ emptyText: c.candidatesEmpty }}
        onRow={() => ({ 'data-testid': 'candidate-row' }) as object}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
    </Flex>
  );
}

export default function LedgerPage() {
  const [sp, update] = useUrlFilters();
  const tabParam = sp.get('tab');
  const tab: Tab = tabParam === 'stats' || tabParam === 'candidates' ? tabParam : 'list';
  const query = useMemo(() => readQuery(sp), [sp]);
  const list = useLedger(query);
  const panels = useElderPanels();
  const from = sp.get('from') ?? undefined;
  const to = sp.get('to') ?? undefined;

  const townships = useMemo(() => {
    const seen = new Map<string, string>();
    for (const x of panels.data?.items ?? [])
      if (x.township) seen.set(x.township.id, x.township.name);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [panels.data]);
  const villages = (panels.data?.items ?? [])
    .filter((x) => !query.signerUnitId || x.township?.id === query.signerUnitId)
    .map((x) => ({ value: x.unit.id, label: x.unit.name }));

  const columns: TableProps<DeliberationView>['columns'] = [
    ticketColumn<DeliberationView>(c.ticket),
    {
      title: c.basis,
      dataIndex: 'basis',
      width: 170,
      render: (b: DeliberationView['basis']) => t.deliberationBasis[b],
    },
    { title: c.village, dataIndex: ['village', 'name'], width: 130, ellipsis: true },
    { title: c.signer, dataIndex: ['signer', 'name'], width: 140, ellipsis: true },
    {
      title: c.proposedAt,
      key: 'proposed',
      width: 160,
      render: (_: unknown, d) => (
        <Flex vertical>
          <span>{formatDateTime(d.proposedAt)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {d.proposedUnit.name}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: c.state,
      key: 'state',
      width: 120,
      render: (_: unknown, d) => <DeliberationStateTag state={d.state} />,
    },
    {
      title: c.days,
      dataIndex: 'ledgerDays',
      width: 90,
      align: 'right',
      render: (n: number | null) => (n === null ? t.web.common.none : fmt(c.daysN, { n })),
    },
    {
      title: c.sessionCount,
      dataIndex: 'sessionCount',
      width: 70,
      align: 'right',
      render: (n: number) => fmt(c.sessionCountN, { n }),
    },
    {
      title: c.noticeEndsAt,
      dataIndex: 'noticeEndsAt',
      width: 110,
      render: (v: string | null) => formatDate(v),
    },
  ];

  const narrowColumns: TableProps<DeliberationView>['columns'] = [
    {
      title: c.ticket,
      key: 'all',
      render: (_: unknown, d) => (
        <TicketRef ticket={d.ticket}>
          <Typography.Text type="secondary">
            {d.village.name} · {t.deliberationBasis[d.basis]}
          </Typography.Text>
          <Space wrap size={4}>
            <DeliberationStateTag state={d.state} />
            {d.ledgerDays !== null && fmt(c.ledgerDays, { n: d.ledgerDays })}
          </Space>
        </TicketRef>
      ),
    },
  ];

  const exportHref = `/api/deliberations/export${toSearch({ ...query, page: undefined, pageSize: undefined })}`;
  const filters = (
    <Flex justify="space-between" wrap gap={8}>
      <Space wrap>
        <Select
          aria-label={c.filterState}
          placeholder={c.filterState}
          mode="multiple"
          allowClear
          style={{ minWidth: 180 }}
          value={query.state ?? []}
          onChange={(v: string[]) => update({ state: v.join(',') || undefined })}
          options={DELIBERATION_STATES.map((s) => ({ value: s, label: t.deliberationState[s] }))}
        />
        <Select
          aria-label={c.filterBasis}
          placeholder={c.filterBasis}
          allowClear
          style={{ width: 220 }}
          value={query.basis ?? null}
          onChange={(v?: string) => update({ basis: v ?? undefined })}
          options={DELIBERATION_BASES.map((b) => ({ value: b, label: t.deliberationBasis[b] }))}
        />
        <Select
          aria-label={c.filterTownship}
          placeholder={c.filterTownship}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 160 }}
          value={query.signerUnitId ?? null}
          onChange={(v?: string) =>
            update({ signerUnitId: v ?? undefined, villageUnitId: undefined })
          }
          options={townships}
        />
        <Select
          aria-label={c.filterVillage}
          placeholder={c.filterVillage}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 160 }}
          value={query.villageUnitId ?? null}
          onChange={(v?: string) => update({ villageUnitId: v ?? undefined })}
          options={villages}
        />
        <Select
          aria-label={c.sort}
          style={{ width: 170 }}
          value={query.sort ?? '-proposedAt'}
          onChange={(v: Sort) => update({ sort: v === '-proposedAt' ? undefined : v })}
          options={SORTS.map((s) => ({ value: s, label: c.sorts[s] }))}
        />
      </Space>
      <Button icon={<DownloadOutlined />} href={exportHref} download>
        {c.export}
      </Button>
    </Flex>
  );

  const range = (
    <Space wrap>
      <DayRangePicker label={c.period} from={from} to={to} onChange={(r) => update(r, true)} />
    </Space>
  );

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
        {c.ledgerTitle}
      </Typography.Title>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k === 'list' ? undefined : k }, true)}
          items={[
            {
              key: 'list',
              label: c.ledger,
              children: tab === 'list' && (
                <Flex vertical gap={12}>
                  {filters}
                  <UrlPagedTable<DeliberationView>
                    list={list}
                    query={query}
                    update={update}
                    columns={columns}
                    narrowColumns={narrowColumns}
                    width={1250}
                    empty={c.ledgerEmpty}
                    totalText={c.total}
                    rowTestId="ledger-row"
                  />
                </Flex>
              ),
            },
            {
              key: 'stats',
              label: c.ledgerStats,
              children: tab === 'stats' && (
                <Flex vertical gap={12}>
                  {range}
                  <StatsTab from={from} to={to} />
                </Flex>
              ),
            },
            {
              key: 'candidates',
              label: c.candidates,
              children: tab === 'candidates' && <CandidatesTab />,
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
