// 统计: per studio in reach, the month's receptions (answered on the spot,
// turned into tickets), the graded counts (小事/大事/难事), the checks and the
// working days left without anyone on duty.
import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Statistic, Table } from 'antd';
import type { TableProps } from 'antd';
import type { StudioStats } from '@jiesu/contracts';
import { api } from '../../api/client';
import { ErrorState } from '../../lib/states';
import { L, MonthPicker, s, studioKeys } from './common';

type Item = StudioStats['items'][number];

export function StatsTab({ month, setMonth }: { month: string; setMonth: (m: string) => void }) {
  const stats = useQuery({
    queryKey: studioKeys.stats(month),
    queryFn: () => api.get<StudioStats>('/api/studios/stats', { month }),
  });
  const d = stats.data;
  const columns: TableProps<Item>['columns'] = [
    { title: s.village, render: (_, i) => i.village.name, fixed: 'left', width: 140 },
    { title: s.receptions, dataIndex: 'receptions', align: 'right' },
    { title: s.answered, dataIndex: 'answered', align: 'right' },
    { title: s.ticketed, dataIndex: 'ticketed', align: 'right' },
    { title: L.grade.small, render: (_, i) => i.grades.small, align: 'right' },
    { title: L.grade.big, render: (_, i) => i.grades.big, align: 'right' },
    { title: L.grade.hard, render: (_, i) => i.grades.hard, align: 'right' },
    { title: s.ungraded, render: (_, i) => i.grades.ungraded, align: 'right' },
    { title: s.checks, dataIndex: 'checks', align: 'right' },
    { title: s.checksTicketed, dataIndex: 'checksTicketed', align: 'right' },
    { title: s.rosterGaps, dataIndex: 'rosterGaps', align: 'right' },
  ];
  return (
    <Flex vertical gap={12}>
      <MonthPicker value={month} onChange={setMonth} />
      {stats.isError && <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />}
      {d && (
        <Flex gap={12} wrap data-testid="studio-stats">
          {(
            [
              [s.receptions, d.total.receptions],
              [s.answered, d.total.answered],
              [s.ticketed, d.total.ticketed],
              [L.grade.small, d.total.grades.small],
              [L.grade.big, d.total.grades.big],
              [L.grade.hard, d.total.grades.hard],
              [s.checks, d.total.checks],
              [s.rosterGaps, d.total.rosterGaps],
            ] as const
          ).map(([label, value]) => (
            <Card size="small" key={label} style={{ minWidth: 110 }}>
              <Statistic title={label} value={value} />
            </Card>
          ))}
        </Flex>
      )}
      <Table<Item>
        rowKey={(i) => i.studio.id}
        size="small"
        loading={stats.isPending}
        columns={columns}
        dataSource={d?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
      />
    </Flex>
  );
}
