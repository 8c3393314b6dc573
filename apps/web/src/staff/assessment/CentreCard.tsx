// 双向考核: the dispatch centre's month beside the units' — dispatch accuracy,
// mean time to dispatch, reassignments — with the last six months and the
// definitions. Only district-wide readers get it; for others the card stays away.
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Table, Typography } from 'antd';
import type { CentreAssessmentMonth, CentreAssessmentView } from '@jiesu/contracts';
import { ApiError, api, toSearch } from '../../api/client';
import { ErrorState } from '../../lib/states';
import { useMe } from '../../api/hooks';
import { hasAny } from '../roles';
import { fmt } from '../../i18n';
import { tUnitAssessment } from '../../i18n/assessment';

const a = tUnitAssessment;
const c = a.centre;
const pct = (x: number | null) => (x === null ? a.none : `${Math.round(x * 1000) / 10}%`);
const minutes = (x: number | null) => (x === null ? a.none : fmt(c.minutes, { n: x }));

export function CentreCard({ month }: { month: string }) {
  const me = useMe();
  // Administrators, supervisors and the centre's dispatchers; the server answers others 403.
  const allowed = hasAny(me.data, 'admin', 'supervisor', 'dispatcher');
  const q = useQuery({
    queryKey: ['unit-assessment', 'centre', month],
    queryFn: () => api.get<CentreAssessmentView>(`/api/assessment/centre${toSearch({ month })}`),
    retry: false,
    enabled: allowed,
  });
  if (!allowed || (q.error instanceof ApiError && q.error.status === 403)) return null;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const v = q.data;
  const m = v?.current;
  return (
    <Card size="small" title={c.title} loading={q.isLoading} data-testid="centre-assessment">
      <Typography.Paragraph type="secondary">{c.help}</Typography.Paragraph>
      {m && (
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Statistic
              title={c.accuracy}
              value={pct(m.accuracy)}
              suffix={
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {`(${c.faulted} ${m.faultedReturns} / ${m.dispatched})`}
                </Typography.Text>
              }
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={c.meanMinutes}
              value={minutes(m.meanMinutesToDispatch)}
              suffix={
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {`(${c.firstDispatched} ${m.firstDispatched})`}
                </Typography.Text>
              }
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={c.reassignments}
              value={m.reassignments}
              suffix={
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {pct(m.reassignmentRate)}
                </Typography.Text>
              }
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={c.dispatched} value={m.dispatched} />
          </Col>
        </Row>
      )}
      {v && (
        <Table<CentreAssessmentMonth>
          style={{ marginTop: 12 }}
          size="small"
          rowKey="month"
          pagination={false}
          title={() => fmt(c.trend, { n: v.trend.length })}
          dataSource={[...v.trend].reverse()}
          columns={[
            { title: c.month, dataIndex: 'month' },
            { title: c.dispatched, dataIndex: 'dispatched' },
            { title: c.accuracy, key: 'accuracy', render: (_, r) => pct(r.accuracy) },
            {
              title: c.meanMinutes,
              key: 'mean',
              render: (_, r) => minutes(r.meanMinutesToDispatch),
            },
            {
              title: c.reassignments,
              key: 're',
              render: (_, r) => `${r.reassignments} · ${pct(r.reassignmentRate)}`,
            },
          ]}
        />
      )}
      {v && (
        <ul style={{ margin: '12px 0 0', paddingLeft: 20 }}>
          {v.figures.map((f) => (
            <li key={f.key}>
              <Typography.Text strong>{f.label}</Typography.Text>:{f.definition}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
