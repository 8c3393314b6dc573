// 驾驶舱: intake and closing over a date range for the reader's scope — KPI cards,
// the daily trend, the top-level categories, a map of the villages coloured by
// requests per 10,000 residents (a heat bar where no boundaries are drawn) and
// the month's 三率 composite ranking. Clicking a category or a village opens the
// ticket list filtered by it and by the range. A lazy staff route: ECharts stays
// out of every other chunk.
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Flex, Row, Select, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { EChartsCoreOption } from 'echarts/core';
import type { DashboardGeo, DashboardView } from '@jiesu/contracts';
import { api, toSearch } from '../../api/client';
import { EmptyState, ErrorState, PageLoading } from '../../lib/states';
import { fmt, t } from '../../i18n';
import { tDashboard as dt } from '../../i18n/dashboard';
import DashChart, { type ChartClick } from './DashChart';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);
const PALETTE = ['#e0f3f8', '#fee090', '#fdae61', '#f46d43', '#d73027'];

function ticketsUrl(v: DashboardView, filter: { categoryId?: string; jurisdictionId?: string }) {
  return `/tickets${toSearch({
    ...filter,
    receivedFrom: dayjs(v.from).startOf('day').toISOString(),
    receivedTo: dayjs(v.to).endOf('day').toISOString(),
  })}`;
}

/** A card's title as a heading, so each chart is found by its name. */
function CardTitle({ text }: { text: string }) {
  return <h2 style={{ fontSize: 15, margin: 0, fontWeight: 600 }}>{text}</h2>;
}

function Kpis({ v }: { v: DashboardView }) {
  const k = v.kpis;
  const items: Array<[string, string | number, string?]> = [
    [dt.kpi.received, k.received],
    [dt.kpi.closed, k.closed, k.reopened ? fmt(dt.kpi.reopened, { n: k.reopened }) : undefined],
    [dt.kpi.closeRate, pct(k.closeRate)],
    [dt.kpi.satisfactionRate, pct(k.satisfactionRate), fmt(dt.kpi.rated, { n: k.rated })],
    [dt.kpi.solvedRate, pct(k.solvedRate)],
    [dt.kpi.perDay, k.perDay],
    [dt.kpi.per10k, k.per10k ?? '—'],
  ];
  return (
    <Flex wrap gap={12} role="list" aria-label={dt.title}>
      {items.map(([title, value, note]) => (
        <Card key={title} size="small" style={{ flex: '1 1 140px' }} role="listitem">
          <Statistic title={title} value={value} />
          {note && <Typography.Text type="secondary">{note}</Typography.Text>}
        </Card>
      ))}
    </Flex>
  );
}

export default function DashboardPage() {
  const [sp, setSp] = useSearchParams();
  const navigate = useNavigate();
  const query = {
    from: sp.get('from') ?? undefined,
    to: sp.get('to') ?? undefined,
    townshipId: sp.get('townshipId') ?? undefined,
  };
  const update = (patch: Partial<typeof query>) => {
    const next = { ...query, ...patch };
    const p = new URLSearchParams();
    for (const [k, val] of Object.entries(next)) if (val) p.set(k, val);
    setSp(p, { replace: true });
  };
  const q = useQuery({
    queryKey: ['dashboard', query],
    queryFn: () => api.get<DashboardView>(`/api/dashboard${toSearch(query)}`),
    placeholderData: keepPreviousData,
  });
  const geo = useQuery({
    queryKey: ['dashboard', 'geo', query.townshipId ?? null],
    queryFn: () =>
      api.get<DashboardGeo>(`/api/dashboard/geo${toSearch({ townshipId: query.townshipId })}`),
    staleTime: 10 * 60_000,
  });
  const v = q.data;

  const trend = useMemo<EChartsCoreOption | null>(
    () =>
      v
        ? {
            tooltip: { trigger: 'axis' },
            legend: { data: [dt.trendReceived, dt.trendClosed], top: 0 },
            grid: { left: 40, right: 16, top: 32, bottom: 28 },
            xAxis: { type: 'category', data: v.trend.map((d) => d.day.slice(5)) },
            yAxis: { type: 'value', minInterval: 1 },
            series: [
              {
                name: dt.trendReceived,
                type: 'line',
                smooth: true,
                data: v.trend.map((d) => d.received),
              },
              {
                name: dt.trendClosed,
                type: 'line',
                smooth: true,
                data: v.trend.map((d) => d.closed),
              },
            ],
          }
        : null,
    [v],
  );
  // Horizontal bars, the largest on top; the grid is fixed so a click lands predictably.
  const categories = useMemo<EChartsCoreOption | null>(
    () =>
      v
        ? {
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
            grid: { left: 110, right: 40, top: 8, bottom: 24 },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: {
              type: 'category',
              inverse: true,
              data: v.categories.map((c) => c.category.name),
              axisLabel: { width: 100, overflow: 'truncate' },
            },
            series: [
              {
                name: dt.trendReceived,
                type: 'bar',
                data: v.categories.map((c) => ({ value: c.received, id: c.category.id })),
                label: { show: true, position: 'right' },
                itemStyle: { color: '#1677ff' },
              },
            ],
          }
        : null,
    [v],
  );
  const mapName = `jiesu-villages-${query.townshipId ?? 'all'}`;
  const mapGeo = useMemo(
    () => (geo.data && geo.data.features.length ? { name: mapName, geoJson: geo.data } : undefined),
    [geo.data, mapName],
  );
  const villages = useMemo<EChartsCoreOption | null>(() => {
    if (!v) return null;
    const max = Math.max(1, ...v.villages.map((x) => x.per10k ?? 0));
    const tip = (p: { data?: { label?: string; received?: number; value?: number } }) =>
      p.data
        ? fmt(dt.tooltipVillage, {
            name: p.data.label ?? '',
            n: p.data.received ?? 0,
            p: p.data.value ?? 0,
          })
        : '';
    const data = v.villages.map((x) => ({
      name: x.village.id,
      label: x.village.name,
      value: x.per10k ?? 0,
      received: x.received,
      id: x.village.id,
    }));
    const visualMap = {
      min: 0,
      max,
      calculable: true,
      left: 8,
      bottom: 8,
      text: [`${Math.round(max)} ${dt.per10kUnit}`, '0'],
      inRange: { color: PALETTE },
    };
    if (mapGeo)
      return {
        tooltip: { trigger: 'item', formatter: tip },
        visualMap,
        series: [
          {
            type: 'map',
            map: mapGeo.name,
            nameProperty: 'id',
            roam: true,
            label: { show: false },
            emphasis: { label: { show: false } },
            data,
          },
        ],
      };
    const sorted = [...data].sort((a, b) => b.value - a.value);
    return {
      tooltip: { trigger: 'item', formatter: tip },
      visualMap: { ...visualMap, show: false, dimension: 0 },
      grid: { left: 110, right: 40, top: 8, bottom: 24 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: sorted.map((x) => x.label) },
      series: [{ type: 'bar', data: sorted }],
    };
  }, [v, mapGeo]);
  const ranking = useMemo<EChartsCoreOption | null>(() => {
    const items = (v?.ranking?.items ?? [])
      .filter((i) => i.composite !== null)
      .sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999) || (b.composite ?? 0) - (a.composite ?? 0));
    if (!items.length) return null;
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 130, right: 48, top: 8, bottom: 24 },
      xAxis: { type: 'value', max: 100 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: items.map((i) => (i.rank ? `${i.rank}. ${i.unit.name}` : i.unit.name)),
        axisLabel: { width: 120, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          data: items.map((i) => Math.round((i.composite ?? 0) * 10) / 10),
          label: { show: true, position: 'right' },
          itemStyle: { color: '#52c41a' },
        },
      ],
    };
  }, [v]);

  if (q.isPending) return <PageLoading />;
  if (q.isError || !v) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;

  const onCategory = (p: ChartClick) => {
    const c = v.categories[p.dataIndex];
    if (c) void navigate(ticketsUrl(v, { categoryId: c.category.id }));
  };
  const onVillage = (p: ChartClick) => {
    const id = (p.data as { id?: string } | undefined)?.id;
    if (id) void navigate(ticketsUrl(v, { jurisdictionId: id }));
  };
  const rankingTitle = fmt(dt.rankingTitle, { month: v.ranking?.month ?? v.to.slice(0, 7) });
  const mapTitle = mapGeo ? dt.mapTitle : dt.heatTitle;

  return (
    <Flex vertical gap={16}>
      <Flex wrap gap={12} align="center">
        <Typography.Title level={3} style={{ margin: 0, flex: 1 }}>
          {dt.title}
          {v.township && <Tag style={{ marginLeft: 8 }}>{v.township.name}</Tag>}
          {v.village && <Tag style={{ marginLeft: 8 }}>{v.village.name}</Tag>}
        </Typography.Title>
        <DatePicker.RangePicker
          aria-label={dt.range}
          allowClear={false}
          value={[dayjs(v.from), dayjs(v.to)]}
          onChange={(r) =>
            r?.[0] &&
            r[1] &&
            update({ from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') })
          }
        />
        {v.scope !== 'village' && v.townships.length > 1 && (
          <Select
            aria-label={dt.township}
            style={{ minWidth: 160 }}
            value={query.townshipId ?? ''}
            onChange={(id: string) => update({ townshipId: id || undefined })}
            options={[
              { value: '', label: dt.allTownships },
              ...v.townships.map((x) => ({ value: x.id, label: x.name })),
            ]}
          />
        )}
      </Flex>
      <Typography.Text type="secondary">{dt.help}</Typography.Text>
      <Kpis v={v} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={<CardTitle text={dt.trendTitle} />}>
            {trend && <DashChart option={trend} label={dt.trendTitle} testId="chart-trend" />}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card
            size="small"
            title={<CardTitle text={dt.categoryTitle} />}
            extra={<Typography.Text type="secondary">{dt.categoryHint}</Typography.Text>}
          >
            {categories && v.categories.length ? (
              <DashChart
                option={categories}
                label={dt.categoryTitle}
                onClick={onCategory}
                testId="chart-categories"
              />
            ) : (
              <EmptyState text={dt.noData} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={<CardTitle text={mapTitle} />}
            extra={<Typography.Text type="secondary">{dt.mapHint}</Typography.Text>}
          >
            {villages && (!geo.isPending || geo.isError) ? (
              <DashChart
                option={villages}
                label={mapTitle}
                height={380}
                map={mapGeo}
                onClick={onVillage}
                testId="chart-villages"
              />
            ) : (
              <PageLoading />
            )}
            {v.unplaced > 0 && (
              <Typography.Text type="secondary">
                {fmt(dt.unplaced, { n: v.unplaced })}
              </Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={<CardTitle text={rankingTitle} />}>
            {ranking ? (
              <DashChart
                option={ranking}
                label={rankingTitle}
                height={380}
                testId="chart-ranking"
              />
            ) : (
              <EmptyState text={v.ranking ? dt.rankingEmpty : dt.rankingNone} />
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={<CardTitle text={dt.channelTitle} />}>
        <Flex wrap gap={8}>
          {v.channels.length === 0 && (
            <Typography.Text type="secondary">{dt.noData}</Typography.Text>
          )}
          {v.channels.map((c) => (
            <Tag key={c.channel}>
              {t.channel[c.channel]} {c.received}
            </Tag>
          ))}
        </Flex>
      </Card>
      <Typography.Text type="secondary">{dt.source}</Typography.Text>
    </Flex>
  );
}
