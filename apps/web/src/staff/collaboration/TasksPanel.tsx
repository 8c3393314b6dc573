// 协办任务 on the ticket page: each co-unit's task, its limit and the part it reported.
import { Flex, List, Space, Tag, Typography } from 'antd';
import { TicketPanel } from '../tickets/TicketPanel';
import { formatDateTime } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { TaskCountdown, TaskStateTag } from './parts';
import { useTicketTasks } from './queries';
import { tCollab } from '../../i18n/collab';

export function TasksPanel({ ticketId }: { ticketId: string }) {
  const tasks = useTicketTasks(ticketId);
  const c = tCollab;
  return (
    <TicketPanel title={c.tasks} testId="tasks-panel" query={tasks} isEmpty={(d) => d.length === 0}>
      {(data) => (
        <List
          size="small"
          dataSource={data}
          renderItem={(k) => (
            <List.Item data-testid="task-item">
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex justify="space-between" wrap gap={8}>
                  <Space wrap size={4}>
                    <Typography.Text strong>{k.unit.name}</Typography.Text>
                    <TaskStateTag state={k.state} />
                    {k.source === 'whistle' && <Tag>{c.source.whistle}</Tag>}
                    {k.overdue && <Tag color="red">{c.overdue}</Tag>}
                  </Space>
                  <span>
                    {c.timeLeft}: <TaskCountdown task={k} />
                  </span>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {c.due} {formatDateTime(k.completionDueAt)}
                  {k.acceptedAt && ` · ${fmt(c.acceptedAt, { at: formatDateTime(k.acceptedAt) })}`}
                </Typography.Text>
                {k.part ? (
                  <div>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                      {k.part}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {fmt(c.reportedBy, {
                        name: k.reportedBy?.name ?? t.web.common.none,
                        at: formatDateTime(k.reportedAt),
                      })}
                    </Typography.Text>
                  </div>
                ) : (
                  <Typography.Text type="secondary">{c.noPart}</Typography.Text>
                )}
              </Flex>
            </List.Item>
          )}
        />
      )}
    </TicketPanel>
  );
}
