// 智能分派: the district's models (target, version, training time, held-out figures),
// 立即训练, and the live accuracy — how often the agent or dispatcher took the first
// suggestion or one of the three, per week and target — with the most common misses.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type {
  DispatchAccuracy,
  DispatchModelView,
  SmartDispatchOverview,
  TrainDispatchResult,
} from '@jiesu/contracts';
import { api, errorMessage, toSearch } from '../../api/client';
import { ErrorState, PageLoading } from '../../lib/states';
import { formatDateTime } from '../../lib/time';
import { fmt } from '../../i18n';
import { tSmartDispatch as s } from '../../i18n/smart-dispatch';

const pct = (x: number | null) => (x === null ? s.none : `${(x * 100).toFixed(1)}%`);
const f3 = (x: number | null) => (x === null ? s.none : x.toFixed(3));

type WeekRow = DispatchAccuracy['weeks'][number];
type MissRow = DispatchAccuracy['misses'][number];

export default function SmartDispatchPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [weeks, setWeeks] = useState(12);
  const overview = useQuery({
    queryKey: ['smart-dispatch', 'overview'],
    queryFn: () => api.get<SmartDispatchOverview>('/api/insight/dispatch'),
  });
  const accuracy = useQuery({
    queryKey: ['smart-dispatch', 'accuracy', weeks],
    queryFn: () => api.get<DispatchAccuracy>('/api/insight/dispatch/accuracy', { weeks }),
  });
  const train = useMutation({
    mutationFn: () => api.post<TrainDispatchResult>('/api/insight/dispatch/train', {}),
    onSuccess: (r) => {
      message.info(
        r.results
          .map((x) =>
            fmt(s.trainResult, {
              target: s.target[x.target],
              status: s.trainStatus[x.status],
              n: x.samples,
            }),
          )
          .join(';'),
      );
      void qc.invalidateQueries({ queryKey: ['smart-dispatch'] });
    },
  });

  if (overview.isPending) return <PageLoading />;
  if (overview.isError)
    return <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />;
  const o = overview.data;

  const modelColumns: TableProps<DispatchModelView>['columns'] = [
    {
      title: s.col.target,
      dataIndex: 'target',
      render: (t: DispatchModelView['target']) => s.target[t],
    },
    { title: s.col.version, dataIndex: 'version' },
    {
      title: s.col.active,
      dataIndex: 'active',
      render: (a: boolean) => (a ? <Tag color="green">{s.activeTag}</Tag> : <Tag>{s.oldTag}</Tag>),
    },
    { title: s.col.trainedAt, dataIndex: 'trainedAt', render: (v: string) => formatDateTime(v) },
    {
      title: s.col.trainedBy,
      dataIndex: 'trainedBy',
      render: (v: string | null) => v ?? s.scheduled,
    },
    { title: s.col.samples, dataIndex: 'samples' },
    { title: s.col.labels, dataIndex: 'labels' },
    { title: s.col.holdout, dataIndex: 'holdout' },
    { title: s.col.macroF1, dataIndex: 'macroF1', render: f3 },
    { title: s.col.accuracy, dataIndex: 'accuracy', render: pct },
    { title: s.col.top3, dataIndex: 'top3Accuracy', render: pct },
    {
      title: s.col.trainMs,
      dataIndex: 'trainMs',
      render: (v: number) => fmt(s.seconds, { s: (v / 1000).toFixed(1) }),
    },
    {
      title: s.col.bytes,
      dataIndex: 'bytes',
      render: (v: number) => fmt(s.kb, { n: Math.round(v / 1024) }),
    },
  ];
  const weekColumns: TableProps<WeekRow>['columns'] = [
    { title: s.col.week, dataIndex: 'week' },
    { title: s.col.target, dataIndex: 'target', render: (t: WeekRow['target']) => s.target[t] },
    { title: s.col.shown, dataIndex: 'shown' },
    { title: s.col.top1, dataIndex: 'top1' },
    { title: s.col.top3Taken, dataIndex: 'top3' },
    { title: s.col.top1Rate, dataIndex: 'top1Rate', render: pct },
    { title: s.col.top3Rate, dataIndex: 'top3Rate', render: pct },
  ];
  const missColumns: TableProps<MissRow>['columns'] = [
    { title: s.col.target, dataIndex: 'target', render: (t: MissRow['target']) => s.target[t] },
    { title: s.col.suggested, render: (_, r) => r.suggested.name || s.none },
    { title: s.col.chosen, render: (_, r) => r.chosen.name || s.none },
    { title: s.col.count, dataIndex: 'count' },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="baseline" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          {s.title}
        </Typography.Title>
        <Button
          type="primary"
          icon={<ThunderboltOutlined />}
          loading={train.isPending || o.training}
          onClick={() => train.mutate()}
          data-testid="train-now"
        >
          {train.isPending || o.training ? s.training : s.trainNow}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {s.help}
      </Typography.Paragraph>
      {train.isError && (
        <Alert type="error" showIcon title={errorMessage(train.error)} role="alert" />
      )}
      <Card size="small" title={s.models}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {fmt(s.available, o.available)} ·{' '}
          {fmt(s.config, { days: o.config.retrainDays, min: o.config.minSamples })}
        </Typography.Paragraph>
        <Table<DispatchModelView>
          size="small"
          rowKey={(r) => `${r.target}-${r.version}`}
          columns={modelColumns}
          dataSource={o.models}
          pagination={false}
          scroll={{ x: true }}
          locale={{ emptyText: s.noModels }}
          data-testid="models"
        />
      </Card>
      <Card
        size="small"
        title={s.accuracy}
        extra={
          <Space>
            <Select
              size="small"
              value={weeks}
              onChange={setWeeks}
              options={[4, 12, 26, 52].map((n) => ({ value: n, label: fmt(s.weeks, { n }) }))}
              aria-label={s.byWeek}
            />
            <Button
              size="small"
              icon={<DownloadOutlined />}
              href={`/api/insight/dispatch/accuracy.xlsx${toSearch({ weeks })}`}
            >
              {s.export}
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {s.accuracyHelp}
        </Typography.Paragraph>
        {accuracy.isPending ? (
          <PageLoading />
        ) : accuracy.isError ? (
          <ErrorState error={accuracy.error} onRetry={() => void accuracy.refetch()} />
        ) : (
          <Flex vertical gap={12}>
            <Flex gap={24} wrap>
              {accuracy.data.totals.map((t) => (
                <Space key={t.target} size={24} data-testid={`accuracy-${t.target}`}>
                  <Statistic title={`${s.target[t.target]} · ${s.col.shown}`} value={t.shown} />
                  <Statistic title={s.col.top1Rate} value={pct(t.top1Rate)} />
                  <Statistic title={s.col.top3Rate} value={pct(t.top3Rate)} />
                </Space>
              ))}
            </Flex>
            <Table<WeekRow>
              size="small"
              rowKey={(r) => `${r.week}-${r.target}`}
              columns={weekColumns}
              dataSource={accuracy.data.weeks}
              pagination={false}
              locale={{ emptyText: s.noData }}
            />
            <Typography.Text strong>{s.misses}</Typography.Text>
            <Table<MissRow>
              size="small"
              rowKey={(r) => `${r.target}-${r.suggested.id}-${r.chosen.id}`}
              columns={missColumns}
              dataSource={accuracy.data.misses}
              pagination={false}
              locale={{ emptyText: s.noData }}
            />
          </Flex>
        )}
      </Card>
    </Flex>
  );
}
