// 协办任务: a co-unit's tasks (its own by default), with the lead unit, the
// running limit and whether it is overdue; each links to its ticket.
import { useMemo } from 'react';
import { Card, Flex, Select, Space, Switch, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { TASK_STATES, type TaskListQuery, type TaskState, type TaskView } from '@jiesu/contracts';
import { useMe } from '../../api/hooks';
import { UrlPagedTable, UrlSearch, pageOf, useUrlFilters } from '../../lib/urlFilters';
import { t } from '../../i18n';
import { seesDistrict } from '../roles';
import { TicketRef, ticketColumn } from '../tickets/parts';
import { TaskCountdown, TaskStateTag } from './parts';
import { useTaskList } from './queries';
import { tCollab } from '../../i18n/collab';

const c = tCollab;
/** The default view: what is still to do. */
const TODO = 'todo';

function readQuery(sp: URLSearchParams, centre: boolean): TaskListQuery {
  const q: TaskListQuery = pageOf(sp);
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
  const centre = seesDistrict(me.data);
  const [sp, update] = useUrlFilters();
  const query = useMemo(() => readQuery(sp, centre), [sp, centre]);
  const list = useTaskList(query);

  const columns: TableProps<TaskView>['columns'] = [
    ticketColumn<TaskView>(c.ticket),
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
        <TicketRef ticket={k.ticket}>
          <Typography.Text type="secondary">
            {k.unit.name} · {c.leadUnit} {k.leadUnit?.name ?? t.web.common.none}
          </Typography.Text>
          <Space wrap size={4}>
            <TaskStateTag state={k.state} />
            {(k.overdue || k.responseOverdue) && <Tag color="red">{c.overdue}</Tag>}
            <TaskCountdown task={k} />
          </Space>
        </TicketRef>
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
            <UrlSearch label={c.search} value={query.q} update={update} />
          </Space>
          <UrlPagedTable<TaskView>
            list={list}
            query={query}
            update={update}
            columns={columns}
            narrowColumns={narrowColumns}
            width={960}
            empty={c.tasksEmpty}
            totalText={c.total}
            rowTestId="task-row"
          />
        </Flex>
      </Card>
    </Flex>
  );
}
