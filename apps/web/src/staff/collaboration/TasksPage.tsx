// 协办任务: a co-unit's tasks (its own by default), with the lead unit, the
// running limit and whether it is overdue; each links to its ticket.
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Card, Flex, Grid, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { TASK_STATES, type TaskListQuery, type TaskState, type TaskView } from '@jiesu/contracts';
import { useMe } from '../../api/hooks';
import { ErrorState } from '../../lib/states';
import { fmt, t } from '../../i18n';
import { hasAny } from '../roles';
import { TaskCountdown, TaskStateTag } from './parts';
import { useTaskList } from './queries';

const c = t.web.collab;
/** The default view: what is still to do. */
const TODO = 'todo';

function readQuery(sp: URLSearchParams, centre: boolean): TaskListQuery {
  const q: TaskListQuery = {
    page: Number(sp.get('page')) || 1,
    pageSize: Number(sp.get('pageSize')) || 20,
  };
  const mine = sp.get('mine') ?? (centre ? '0' : '1');
  if (mine === '1') q.mine = '1';
  const state = sp.get('state') ?? TODO;
  if (state === TODO) q.state = ['open', 'accepted'];
  else if (state !== 'all') q.state = [state as TaskState];
  if (sp.get('overdue') === 'true') q.overdue = true;
  const text = sp.get('q');
  if (text) q.q = text;
  return q;
}

export default function TasksPage() {
  const me = useMe();
  const centre = hasAny(me.data, 'dispatcher', 'agent', 'supervisor', 'admin');
  const [sp, setSp] = useSearchParams();
  const query = useMemo(() => readQuery(sp, centre), [sp, centre]);
  const list = useTaskList(query);
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

  const columns: TableProps<TaskView>['columns'] = [
    {
      title: c.ticket,
      key: 'ticket',
      width: 220,
      render: (_: unknown, k) => (
        <Flex vertical>
          <Link to={`/tickets/${k.ticket.id}`}>{k.ticket.code}</Link>
          <Typography.Text ellipsis style={{ maxWidth: 210 }}>
            {k.ticket.title}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: c.unit, dataIndex: ['unit', 'name'], width: 150, ellipsis: true },
    {
      title: c.leadUnit,
      key: 'lead',
      width: 150,
      ellipsis: true,
      render: (_: unknown, k) => k.leadUnit?.name ?? t.web.common.none,
    },
    {
      title: c.state,
      key: 'state',
      width: 150,
      render: (_: unknown, k) => (
        <Space wrap size={4}>
          <TaskStateTag state={k.state} />
          {k.source === 'whistle' && <Tag>{c.source.whistle}</Tag>}
          {(k.overdue || k.responseOverdue) && <Tag color="red">{c.overdue}</Tag>}
        </Space>
      ),
    },
    {
      title: c.timeLeft,
      key: 'due',
      width: 130,
      render: (_: unknown, k) => <TaskCountdown task={k} />,
    },
    {
      title: c.part,
      dataIndex: 'part',
      ellipsis: true,
      render: (p: string | null) =>
        p ?? <Typography.Text type="secondary">{c.noPart}</Typography.Text>,
    },
  ];

  // On a phone, one column: the ticket, the units, the task's state and its running limit.
  const narrowColumns: TableProps<TaskView>['columns'] = [
    {
      title: c.ticket,
      key: 'all',
      render: (_: unknown, k) => (
        <Flex vertical gap={2}>
          <Link to={`/tickets/${k.ticket.id}`}>{k.ticket.code}</Link>
          <Typography.Text>{k.ticket.title}</Typography.Text>
          <Typography.Text type="secondary">
            {k.unit.name} · {c.leadUnit} {k.leadUnit?.name ?? t.web.common.none}
          </Typography.Text>
          <Space wrap size={4}>
            <TaskStateTag state={k.state} />
            {(k.overdue || k.responseOverdue) && <Tag color="red">{c.overdue}</Tag>}
            <TaskCountdown task={k} />
          </Space>
        </Flex>
      ),
    },
  ];

  const stateValue = sp.get('state') ?? TODO;

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
        {c.tasks}
      </Typography.Title>
      <Card size="small">
        <Flex vertical gap={12}>
          <Space wrap>
            <Select
              aria-label={c.filterState}
              style={{ width: 150 }}
              value={stateValue}
              onChange={(v: string) => update({ state: v })}
              options={[
                { value: TODO, label: c.todo },
                { value: 'all', label: c.allStates },
                ...TASK_STATES.map((s) => ({ value: s, label: t.taskState[s] })),
              ]}
            />
            <Space>
              <Switch
                aria-label={c.mine}
                checked={query.mine === '1'}
                onChange={(on) => update({ mine: on ? '1' : '0' })}
              />
              <span>{c.mine}</span>
            </Space>
            <Space>
              <Switch
                aria-label={c.overdueOnly}
                checked={query.overdue === true}
                onChange={(on) => update({ overdue: on ? 'true' : undefined })}
              />
              <span>{c.overdueOnly}</span>
            </Space>
            <Input.Search
              aria-label={c.search}
              placeholder={c.search}
              allowClear
              defaultValue={query.q}
              onSearch={(v) => update({ q: v.trim() || undefined })}
              style={{ width: 200 }}
            />
          </Space>
          {list.isError ? (
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          ) : (
            <Table<TaskView>
              size="small"
              rowKey="id"
              loading={list.isFetching}
              dataSource={list.data?.items ?? []}
              columns={narrow ? narrowColumns : columns}
              scroll={narrow ? undefined : { x: 960 }}
              locale={{ emptyText: c.tasksEmpty }}
              onRow={() => ({ 'data-testid': 'task-row' }) as object}
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
      </Card>
    </Flex>
  );
}
