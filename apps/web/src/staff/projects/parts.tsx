import { Link } from 'react-router';
import { Flex, List, Space, Tag, Typography } from 'antd';
import type { MeView, ProjectState, ProjectTicketResult, TicketState } from '@jiesu/contracts';
import { hasAny } from '../roles';
import { fmt, t } from '../../i18n';
import { tProjects } from '../../i18n/projects';

export const PROJECT_STATE_COLOURS: Record<ProjectState, string> = {
  planning: 'blue',
  active: 'processing',
  completed: 'success',
  cancelled: 'default',
};

export function ProjectStateTag({ state }: { state: ProjectState }) {
  return <Tag color={PROJECT_STATE_COLOURS[state]}>{t.projectState[state]}</Tag>;
}

/** Who may open the create form: the centre's dispatchers and supervisors, units' leaders. */
export function canCreateProject(me: MeView | undefined): boolean {
  return hasAny(me, 'dispatcher', 'supervisor', 'unit_leader');
}

/** The centre (its dispatchers and supervisors) runs projects for any unit; a leader for its own. */
export function centreManager(me: MeView | undefined): boolean {
  return hasAny(me, 'dispatcher', 'supervisor');
}

/** The outcome of an operation on many tickets, one line per ticket. */
export function TicketResults({
  results,
  testId,
}: {
  results: ProjectTicketResult[];
  testId: string;
}) {
  const p = tProjects;
  return (
    <List
      size="small"
      dataSource={results}
      rowKey="ticketId"
      pagination={results.length > 20 ? { pageSize: 20, size: 'small' } : false}
      renderItem={(r) => (
        <List.Item data-testid={testId}>
          <Space wrap size={8}>
            {r.ok ? (
              <Tag color="success">{p.resultOk}</Tag>
            ) : (
              <Tag color="error">{p.resultFailed}</Tag>
            )}
            <Link to={`/tickets/${r.ticketId}`}>{r.code ?? r.ticketId}</Link>
            {r.error && <Typography.Text type="danger">{r.error.message}</Typography.Text>}
          </Space>
        </List.Item>
      )}
    />
  );
}

/** "已办结 2 件、已受理 3 件" for the tickets a batch reply skipped. */
export function skippedText(byState: Record<string, number>): string {
  return Object.entries(byState)
    .map(([s, n]) => fmt(tProjects.stateCount, { state: t.state[s as TicketState] ?? s, n }))
    .join('、');
}

/** Two figures side by side: a label above a value. */
export function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Flex vertical>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      <span style={{ fontSize: 18, fontWeight: 500 }}>{value}</span>
    </Flex>
  );
}
