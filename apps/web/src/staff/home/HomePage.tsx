import { lazy, Suspense, useMemo } from 'react';
import { Link } from 'react-router';
import { Button, Card, Col, Flex, List, Row, Space, Statistic, Typography } from 'antd';
import {
  HANDLING_STATES,
  type TicketListQuery,
  type TicketStats,
  type TicketSummary,
} from '@jiesu/contracts';
import { useMe, useStats, useTicketList } from '../../api/hooks';
import { EmptyState, ErrorState, PageLoading } from '../../lib/states';
import { fmt, t } from '../../i18n';
import { hasAny } from '../roles';
import { Countdown, StateTag } from '../tickets/parts';
import { HOME_DUE_SOON, HOME_OVERDUE } from './queries';

// ECharts is the largest library here: load it after the numbers are on screen.
const Chart = lazy(() => import('../../lib/Chart'));

function Numbers({ s }: { s: TicketStats }) {
  const items: { key: string; title: string; value: number; to: string; danger?: boolean }[] = [
    {
      key: 'open',
      title: t.web.home.open,
      value: s.open,
      to: '/tickets?' + HANDLING_STATES.map((x) => `state=${x}`).join('&'),
    },
    {
      key: 'overdue',
      title: t.web.home.overdue,
      value: s.overdue,
      to: '/tickets?overdue=true',
      danger: s.overdue > 0,
    },
    {
      key: 'responseOverdue',
      title: t.web.home.responseOverdue,
      value: s.responseOverdue,
      to: '/tickets?state=dispatched&sort=completionDueAt',
      danger: s.responseOverdue > 0,
    },
    {
      key: 'dueSoon',
      title: t.web.home.dueSoon,
      value: s.dueSoon,
      to: '/tickets?sort=completionDueAt&' + HANDLING_STATES.map((x) => `state=${x}`).join('&'),
    },
    {
      key: 'receivedToday',
      title: t.web.home.receivedToday,
      value: s.receivedToday,
      to: '/tickets?sort=-receivedAt',
    },
    {
      key: 'closedToday',
      title: t.web.home.closedToday,
      value: s.closedToday,
      to: '/tickets?state=closed',
    },
  ];
  return (
    <Row gutter={[12, 12]}>
      {items.map((i) => (
        <Col key={i.key} xs={12} md={8} xl={4}>
          <Link to={i.to} aria-label={`${i.title} ${i.value}`}>
            <Card size="small" hoverable>
              <Statistic
                title={i.title}
                value={i.value}
                styles={{ content: { color: i.danger ? '#cf1322' : undefined } }}
              />
            </Card>
          </Link>
        </Col>
      ))}
    </Row>
  );
}

function TicketMiniList({
  title,
  query,
  emptyText,
  more,
}: {
  title: string;
  query: TicketListQuery;
  emptyText: string;
  more: string;
}) {
  const list = useTicketList(query);
  return (
    <Card size="small" title={title} extra={<Link to={more}>{t.web.home.viewAll}</Link>}>
      {list.isPending ? (
        <PageLoading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState text={emptyText} />
      ) : (
        <List<TicketSummary>
          size="small"
          dataSource={list.data.items}
          renderItem={(r) => (
            <List.Item>
              <Flex vertical style={{ width: '100%' }}>
                <Flex justify="space-between" gap={8}>
                  <Link to={`/tickets/${r.id}`}>{r.code}</Link>
                  <Countdown ticket={r} />
                </Flex>
                <Flex justify="space-between" gap={8}>
                  <Typography.Text ellipsis>{r.title}</Typography.Text>
                  <StateTag state={r.state} />
                </Flex>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export default function HomePage() {
  const me = useMe();
  const stats = useStats();
  const s = stats.data;
  const volume = useMemo(
    () =>
      s && {
        tooltip: { trigger: 'axis' },
        legend: { top: 0, data: [t.web.home.received, t.web.home.closed] },
        grid: { left: 40, right: 16, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: s.volumeByDay.map((d) => d.day.slice(5)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            name: t.web.home.received,
            type: 'line',
            smooth: true,
            data: s.volumeByDay.map((d) => d.received),
          },
          {
            name: t.web.home.closed,
            type: 'line',
            smooth: true,
            data: s.volumeByDay.map((d) => d.closed),
          },
        ],
      },
    [s],
  );
  const byCategory = useMemo(() => {
    if (!s) return undefined;
    const rows = [...s.byCategory].sort((a, b) => a.count - b.count);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 96, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((r) => r.name) },
      series: [{ type: 'bar', data: rows.map((r) => r.count), itemStyle: { color: '#1458c8' } }],
    };
  }, [s]);
  const user = me.data;

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          {user ? fmt(t.web.home.greeting, { name: user.displayName }) : t.web.home.title}
        </Typography.Title>
        <Space wrap aria-label={t.web.home.quick}>
          {hasAny(user, 'agent', 'dispatcher') && (
            <Link to="/intake">
              <Button type="primary">{t.web.nav.intake}</Button>
            </Link>
          )}
          {hasAny(user, 'dispatcher') && (
            <Link to="/dispatch">
              <Button>{t.web.nav.dispatch}</Button>
            </Link>
          )}
          <Link to="/tickets">
            <Button>{t.web.nav.inbox}</Button>
          </Link>
        </Space>
      </Flex>
      {stats.isPending ? (
        <PageLoading />
      ) : stats.isError ? (
        <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
      ) : (
        <Numbers s={stats.data} />
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <TicketMiniList
            title={t.web.home.overdueList}
            query={HOME_OVERDUE}
            emptyText={t.web.home.noOverdue}
            more="/tickets?overdue=true&sort=completionDueAt"
          />
        </Col>
        <Col xs={24} lg={12}>
          <TicketMiniList
            title={t.web.home.dueSoonList}
            query={HOME_DUE_SOON}
            emptyText={t.web.home.noDueSoon}
            more={
              '/tickets?sort=completionDueAt&' + HANDLING_STATES.map((x) => `state=${x}`).join('&')
            }
          />
        </Col>
      </Row>
      {s && volume && byCategory && (
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={14}>
            <Card size="small" title={t.web.home.volume}>
              <Suspense fallback={<PageLoading />}>
                <Chart option={volume} label={t.web.home.volume} />
              </Suspense>
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card size="small" title={t.web.home.byCategory}>
              {s.byCategory.length ? (
                <Chart option={byCategory} label={t.web.home.byCategory} />
              ) : (
                <EmptyState />
              )}
            </Card>
          </Col>
        </Row>
      )}
    </Flex>
  );
}
