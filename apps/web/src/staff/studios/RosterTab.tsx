// 值班表: a month of days with the calendar's working days, holidays and the
// secretary's reception day; the village's keepers pick who is on duty each
// day (a committee member, or a name typed in) and save the month at once.
// The working days without anyone are flagged as they are edited; the server
// reports them again after saving.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { RosterMonth, SaveRosterBody, StudioView } from '@jiesu/contracts';
import { api, errorMessage } from '../../api/client';
import { ErrorState } from '../../lib/states';
import { fmt } from '../../i18n';
import { MonthPicker, s, studioKeys } from './common';

type Day = RosterMonth['days'][number];

export function RosterTab({
  studio,
  month,
  setMonth,
}: {
  studio: StudioView;
  month: string;
  setMonth: (m: string) => void;
}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const roster = useQuery({
    queryKey: studioKeys.roster(studio.id, month),
    queryFn: () => api.get<RosterMonth>(`/api/studios/${studio.id}/roster`, { month }),
  });
  // Edits by date; undefined = as loaded.
  const [edits, setEdits] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const data = roster.data;
  const namesOf = (d: Day) => edits[d.date] ?? d.members.map((m) => m.name);
  const dirty = Object.keys(edits).length > 0;

  const gaps = (data?.days ?? [])
    .filter((d) => d.working && namesOf(d).length === 0)
    .map((d) => d.date);

  const save = useMutation({
    mutationFn: (body: SaveRosterBody) =>
      api.put<RosterMonth>(`/api/studios/${studio.id}/roster`, body),
    onSuccess: (r) => {
      qc.setQueryData(studioKeys.roster(studio.id, month), r);
      setEdits({});
      setError(null);
      void message.success(s.rosterSaved);
      void qc.invalidateQueries({ queryKey: ['studio-stats'] });
    },
    onError: (e) => setError(errorMessage(e)),
  });

  function submit() {
    if (!data) return;
    const byName = new Map(data.candidates.map((c) => [c.name, c.id]));
    const entries = data.days.flatMap((d) =>
      namesOf(d).map((name) => {
        const loaded = d.members.find((m) => m.name === name);
        const userId = loaded?.userId ?? byName.get(name);
        return { date: d.date, name, ...(userId ? { userId } : {}) };
      }),
    );
    save.mutate({ month, entries });
  }

  /** Fills the empty working days with the committee in turn. */
  function fill() {
    if (!data || data.candidates.length === 0) return;
    let i = 0;
    const next = { ...edits };
    for (const d of data.days) {
      if (!d.working || namesOf(d).length) continue;
      next[d.date] = [data.candidates[i++ % data.candidates.length]!.name];
    }
    setEdits(next);
  }

  const columns: TableProps<Day>['columns'] = [
    {
      title: s.date,
      dataIndex: 'date',
      width: 150,
      render: (date: string, d) => (
        <span>
          {date.slice(5)} {s.weekday[d.weekday]}
        </span>
      ),
    },
    {
      title: s.dayKind,
      width: 200,
      render: (_, d) => (
        <Space size={4} wrap>
          {d.working ? <Tag color="blue">{s.workday}</Tag> : <Tag>{s.restDay}</Tag>}
          {d.holiday && <Tag color={d.working ? 'purple' : 'default'}>{d.holiday}</Tag>}
          {d.secretaryDay && <Tag color="gold">{s.secretaryDay}</Tag>}
        </Space>
      ),
    },
    {
      title: s.onDuty,
      render: (_, d) => {
        const names = namesOf(d);
        const gap = d.working && names.length === 0;
        if (!data?.canEdit)
          return gap ? <Typography.Text type="danger">—</Typography.Text> : names.join('、');
        return (
          <Select
            mode="tags"
            aria-label={`${d.date} ${s.onDuty}`}
            data-testid={`duty-${d.date}`}
            status={gap ? 'error' : undefined}
            style={{ width: '100%', minWidth: 180 }}
            placeholder={d.working ? s.onDutyPlaceholder : undefined}
            value={names}
            onChange={(v: string[]) =>
              setEdits((e) => ({ ...e, [d.date]: v.map((x) => x.trim()).filter(Boolean) }))
            }
            options={data.candidates.map((c) => ({ value: c.name, label: c.name }))}
          />
        );
      },
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center">
        <MonthPicker
          value={month}
          onChange={(m) => {
            setEdits({});
            setMonth(m);
          }}
        />
        {data?.canEdit && (
          <>
            <Button onClick={fill} disabled={!data.candidates.length}>
              {s.fillWeekdays}
            </Button>
            <Button type="primary" onClick={submit} loading={save.isPending}>
              {s.saveRoster}
            </Button>
            {dirty && <Typography.Text type="warning">{s.unsaved}</Typography.Text>}
          </>
        )}
      </Flex>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
      {data &&
        (gaps.length ? (
          <Alert
            type="warning"
            showIcon
            data-testid="roster-gaps"
            title={fmt(s.gaps, { n: gaps.length, days: gaps.map((g) => g.slice(5)).join('、') })}
          />
        ) : (
          <Alert type="success" showIcon data-testid="roster-gaps" title={s.noGaps} />
        ))}
      {roster.isError ? (
        <ErrorState error={roster.error} onRetry={() => void roster.refetch()} />
      ) : (
        <Table<Day>
          rowKey="date"
          size="small"
          loading={roster.isPending}
          columns={columns}
          dataSource={data?.days ?? []}
          pagination={false}
          scroll={{ x: 560 }}
          rowClassName={(d) => (d.working ? '' : 'studio-rest-day')}
        />
      )}
    </Flex>
  );
}
