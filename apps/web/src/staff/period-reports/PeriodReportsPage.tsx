// 报表中心: pick the kind (the weekly dispatch-meeting pack, the monthly or the
// quarterly report), the period and the scope (the district, a township for the
// pack, a unit for the reports); the page previews the headline numbers and every
// section, and downloads the same report as Excel, PDF or CSV.
import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Flex,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type {
  PeriodReport,
  PeriodReportOptions,
  ReportCategoryCount,
  ReportHeadline,
  ReportOverdueTicket,
  UnitAssessmentRow,
  WeeklyPack,
} from '@jiesu/contracts';
import { api, toSearch } from '../../api/client';
import { ErrorState } from '../../lib/states';
import { formatDateTime } from '../../lib/time';
import { fmt } from '../../i18n';
import { tPeriodReports } from '../../i18n/period-reports';

const r = tPeriodReports;
type Kind = 'weekly' | 'monthly' | 'quarterly';
type Scope = 'district' | 'township' | 'unit';
const PREVIEW = 50;

const pct = (x: number | null) =>
  x === null ? r.none : `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function Section({
  title,
  children,
  extra,
}: {
  title: string;
  children: React.ReactNode;
  extra?: React.ReactNode;
}) {
  return (
    <Card size="small" title={title} extra={extra} data-section={title}>
      {children}
    </Card>
  );
}

function Headline({ items }: { items: Array<[string, string | number]> }) {
  return (
    <Row gutter={[12, 12]}>
      {items.map(([label, value]) => (
        <Col key={label} xs={12} sm={8} md={6} lg={3}>
          <Card size="small">
            <Statistic title={label} value={value} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

const headlineItems = (h: ReportHeadline): Array<[string, string | number]> => [
  [r.headline.received, h.received],
  [r.headline.dispatched, h.dispatched],
  [r.headline.completed, h.completed],
  [r.headline.onTimeRate, pct(h.onTimeRate)],
  [r.headline.overdueNow, h.overdueNow],
];

function OverdueTable({ o }: { o: { total: number; items: ReportOverdueTicket[] } }) {
  const cols: TableProps<ReportOverdueTicket>['columns'] = [
    { title: r.col.code, dataIndex: 'code' },
    { title: r.col.title, dataIndex: 'title' },
    { title: r.col.leadUnit, key: 'lead', render: (_, t) => t.leadUnit?.name ?? r.none },
    { title: r.col.place, dataIndex: 'place' },
    { title: r.col.dueAt, key: 'due', render: (_, t) => formatDateTime(t.dueAt) },
    { title: r.col.daysOverdue, dataIndex: 'daysOverdue', align: 'right' },
  ];
  return (
    <Section
      title={`${r.sections.overdue}(${o.total})`}
      extra={o.total > PREVIEW ? fmt(r.shownOf, { total: o.total, n: PREVIEW }) : undefined}
    >
      <Table
        size="small"
        rowKey="id"
        columns={cols}
        dataSource={o.items.slice(0, PREVIEW)}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: r.empty }}
      />
    </Section>
  );
}

function CategoriesTable({ rows }: { rows: ReportCategoryCount[] }) {
  return (
    <Section title={r.sections.categories}>
      <Table
        size="small"
        rowKey={(c) => c.category.id}
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: r.empty }}
        columns={[
          { title: r.col.rank, key: 'rank', render: (_, __, i) => i + 1, width: 60 },
          { title: r.col.category, key: 'c', render: (_, c) => c.category.name },
          { title: r.col.count, dataIndex: 'count', align: 'right' },
          { title: r.col.previous, dataIndex: 'previous', align: 'right' },
          {
            title: r.col.change,
            key: 'change',
            align: 'right',
            render: (_, c) => (
              <Tag color={c.change > 0 ? 'red' : c.change < 0 ? 'green' : undefined}>
                {signed(c.change)}
              </Tag>
            ),
          },
        ]}
      />
    </Section>
  );
}

function Places({ title, rows }: { title: string; rows: Array<{ name: string; count: number }> }) {
  return (
    <Section title={title}>
      <Table
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: r.empty }}
        columns={[
          { title: r.col.name, dataIndex: 'name' },
          { title: r.col.requests, dataIndex: 'count', align: 'right' },
        ]}
      />
    </Section>
  );
}

function WeeklyPreview({ p }: { p: WeeklyPack }) {
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Headline
        items={[
          ...headlineItems(p.headline),
          [r.headline.previousReceived, p.previousHeadline.received],
          [r.headline.red, p.red.available ? p.red.total : r.none],
          [r.headline.escalations, p.escalations.total],
        ]}
      />
      <OverdueTable o={p.overdue} />
      <Section
        title={`${r.sections.red}(${p.red.total})`}
        extra={p.red.available ? undefined : r.redUnavailable}
      >
        <Table
          size="small"
          rowKey="id"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={p.red.items}
          locale={{ emptyText: p.red.available ? r.empty : r.redUnavailable }}
          columns={[
            { title: r.col.item, dataIndex: 'title' },
            { title: r.col.unit, key: 'u', render: (_, x) => x.unit?.name ?? r.none },
            { title: r.col.ticket, key: 't', render: (_, x) => x.ticketCode ?? r.none },
            { title: r.col.clearBy, key: 'c', render: (_, x) => formatDateTime(x.clearBy) },
          ]}
        />
      </Section>
      <CategoriesTable rows={p.topCategories} />
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Places title={r.sections.villages} rows={p.topVillages} />
        </Col>
        <Col xs={24} md={12}>
          <Places title={r.sections.addresses} rows={p.topAddresses} />
        </Col>
      </Row>
      <Section title={`${r.sections.escalations}(${p.escalations.total})`}>
        <Table
          size="small"
          rowKey="id"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={p.escalations.items}
          locale={{ emptyText: r.empty }}
          columns={[
            { title: r.col.code, key: 'code', render: (_, e) => e.ticket.code },
            { title: r.col.title, key: 'title', render: (_, e) => e.ticket.title },
            { title: r.col.from, key: 'from', render: (_, e) => e.fromUnit.name },
            { title: r.col.to, key: 'to', render: (_, e) => e.toUnit.name },
            { title: r.col.reason, dataIndex: 'reason' },
            { title: r.col.waitingDays, dataIndex: 'waitingDays', align: 'right' },
          ]}
        />
      </Section>
    </Space>
  );
}

const rankingCols: TableProps<UnitAssessmentRow>['columns'] = [
  { title: r.col.rank, key: 'rank', render: (_, x) => x.rank ?? r.notRanked, width: 70 },
  {
    title: r.col.unit,
    key: 'unit',
    render: (_, x) => (x.bottom ? <Tag color="red">{x.unit.name}</Tag> : x.unit.name),
  },
  { title: r.col.volume, dataIndex: 'volume', align: 'right' },
  { title: r.col.response, key: 'rr', align: 'right', render: (_, x) => pct(x.responseRate) },
  { title: r.col.resolution, key: 'rs', align: 'right', render: (_, x) => pct(x.resolutionRate) },
  {
    title: r.col.satisfaction,
    key: 'sf',
    align: 'right',
    render: (_, x) => pct(x.satisfactionRate),
  },
  { title: r.col.composite, key: 'cp', align: 'right', render: (_, x) => x.composite ?? r.none },
  { title: r.col.onTime, key: 'ot', align: 'right', render: (_, x) => pct(x.onTimeRate) },
  {
    title: r.col.returns,
    key: 'rt',
    align: 'right',
    render: (_, x) => `${x.returns}(${x.returnsFault})`,
  },
  { title: r.col.reopened, dataIndex: 'reopened', align: 'right' },
];

function ReportPreview({ p }: { p: PeriodReport }) {
  const a = p.assessment;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Headline items={headlineItems(p.headline)} />
      {p.scope.kind === 'unit' && (
        <Section title={r.sections.assessment}>
          {a ? (
            <Table
              size="small"
              rowKey={(x) => x.unit.id}
              pagination={false}
              dataSource={[a]}
              columns={rankingCols}
            />
          ) : (
            <Typography.Text type="secondary">{r.noAssessment}</Typography.Text>
          )}
        </Section>
      )}
      {p.rankings.map((g) => (
        <Section key={g.group} title={fmt(r.sections.rankings, { group: g.label })}>
          <Table
            size="small"
            rowKey={(x) => x.unit.id}
            pagination={false}
            dataSource={g.rows}
            columns={rankingCols}
          />
        </Section>
      ))}
      <Section title={r.sections.trend}>
        <Table
          size="small"
          rowKey="month"
          pagination={false}
          dataSource={p.trend}
          columns={[
            { title: r.col.month, dataIndex: 'month' },
            { title: r.col.received, dataIndex: 'received', align: 'right' },
            { title: r.col.dispatched, dataIndex: 'dispatched', align: 'right' },
            { title: r.col.completed, dataIndex: 'completed', align: 'right' },
            { title: r.col.onTime, key: 'ot', align: 'right', render: (_, m) => pct(m.onTimeRate) },
          ]}
        />
      </Section>
      <CategoriesTable rows={p.topCategories} />
      {p.scope.kind === 'district' && (
        <Section title={r.sections.overdueByUnit}>
          <Table
            size="small"
            rowKey={(x) => x.unit.id}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={p.overdueByUnit}
            locale={{ emptyText: r.empty }}
            columns={[
              { title: r.col.unit, key: 'u', render: (_, x) => x.unit.name },
              { title: r.col.overdue, dataIndex: 'count', align: 'right' },
            ]}
          />
        </Section>
      )}
      <OverdueTable o={p.overdue} />
    </Space>
  );
}

export default function PeriodReportsPage() {
  const options = useQuery({
    queryKey: ['period-reports', 'options'],
    queryFn: () => api.get<PeriodReportOptions>('/api/period-reports/options'),
  });
  const o = options.data;
  const [kind, setKind] = useState<Kind>('weekly');
  const [keys, setKeys] = useState<Partial<Record<Kind, string>>>({});
  const [scope, setScope] = useState<Scope | undefined>();
  const [townshipId, setTownshipId] = useState<string | undefined>();
  const [unitId, setUnitId] = useState<string | undefined>();

  const choices = o ? { weekly: o.weeks, monthly: o.months, quarterly: o.quarters }[kind] : [];
  const key = keys[kind] ?? choices[0]?.key;
  const scopes: Scope[] = kind === 'weekly' ? ['district', 'township'] : ['district', 'unit'];
  const allowed = scopes.filter((s) => s !== 'district' || o?.districtWide);
  const sc: Scope = scope && allowed.includes(scope) ? scope : allowed[0]!;
  const twp = sc === 'township' ? (townshipId ?? o?.townships[0]?.id) : undefined;
  const unit = sc === 'unit' ? (unitId ?? o?.units[0]?.id) : undefined;

  const query = useMemo(() => {
    if (!key) return null;
    if (kind === 'weekly') return { week: key, townshipId: twp };
    return kind === 'monthly' ? { month: key, unitId: unit } : { quarter: key, unitId: unit };
  }, [kind, key, twp, unit]);
  const url = `/api/period-reports/${kind}`;
  const report = useQuery({
    queryKey: ['period-reports', kind, query],
    queryFn: () => api.get<WeeklyPack | PeriodReport>(`${url}${toSearch(query ?? {})}`),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
  const data = report.data?.kind === kind ? report.data : undefined;
  const href = (format: 'xlsx' | 'pdf' | 'csv') => `${url}${toSearch({ ...query, format })}`;

  if (options.error)
    return <ErrorState error={options.error} onRetry={() => void options.refetch()} />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {r.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {r.help}
      </Typography.Paragraph>
      <Flex gap={12} wrap align="center">
        <Segmented<Kind>
          aria-label={r.kind}
          value={kind}
          onChange={setKind}
          options={(['weekly', 'monthly', 'quarterly'] as const).map((k) => ({
            value: k,
            label: r.kinds[k],
          }))}
        />
        <Select
          aria-label={r.period}
          style={{ minWidth: 260 }}
          value={key}
          options={choices.map((c) => ({ value: c.key, label: c.label }))}
          onChange={(v: string) => setKeys((k) => ({ ...k, [kind]: v }))}
          showSearch
          optionFilterProp="label"
        />
        <Segmented<Scope>
          aria-label={r.scope}
          value={sc}
          onChange={setScope}
          options={allowed.map((s) => ({ value: s, label: r.scopes[s] }))}
        />
        {sc === 'township' && (
          <Select
            aria-label={r.pickTownship}
            style={{ minWidth: 180 }}
            value={twp}
            options={(o?.townships ?? []).map((x) => ({ value: x.id, label: x.name }))}
            onChange={(v: string) => setTownshipId(v)}
          />
        )}
        {sc === 'unit' && (
          <Select
            aria-label={r.pickUnit}
            style={{ minWidth: 240 }}
            value={unit}
            showSearch
            optionFilterProp="label"
            options={(o?.units ?? []).map((x) => ({ value: x.id, label: x.name }))}
            onChange={(v: string) => setUnitId(v)}
          />
        )}
      </Flex>
      {query && (
        <Flex gap={8} wrap align="center">
          <Typography.Text strong>{r.download}</Typography.Text>
          <Button icon={<DownloadOutlined />} href={href('xlsx')}>
            {r.excel}
          </Button>
          <Button icon={<DownloadOutlined />} href={href('pdf')}>
            {r.pdf}
          </Button>
          <Button icon={<DownloadOutlined />} href={href('csv')}>
            {r.csv}
          </Button>
          {data && (
            <Typography.Text type="secondary">
              {data.period.label} · {data.scope.name} ·{' '}
              {fmt(r.generatedAt, { at: formatDateTime(data.generatedAt) })}
            </Typography.Text>
          )}
        </Flex>
      )}
      {report.error && <ErrorState error={report.error} onRetry={() => void report.refetch()} />}
      {data && (data.kind === 'weekly' ? <WeeklyPreview p={data} /> : <ReportPreview p={data} />)}
      {!data && !report.error && <Card loading />}
    </Space>
  );
}
