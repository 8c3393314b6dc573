// 共性问题专项 on the ticket page: the projects this ticket is in, each a link.
import { Link } from 'react-router';
import { Flex, List, Typography } from 'antd';
import { TicketPanel } from '../tickets/TicketPanel';
import { formatDateTime } from '../../lib/time';
import { fmt } from '../../i18n';
import { ProjectStateTag } from './parts';
import { useTicketProjects } from './queries';
import { tProjects } from '../../i18n/projects';

export function ProjectsPanel({ ticketId }: { ticketId: string }) {
  const projects = useTicketProjects(ticketId);
  const p = tProjects;
  return (
    <TicketPanel
      title={p.panel}
      testId="projects-panel"
      query={projects}
      isEmpty={(d) => d.length === 0}
    >
      {(data) => (
        <List
          size="small"
          dataSource={data}
          rowKey="id"
          renderItem={(x) => (
            <List.Item>
              <Flex vertical gap={2} style={{ width: '100%' }}>
                <Flex justify="space-between" gap={8}>
                  <Link to={`/projects/${x.id}`}>{x.title}</Link>
                  <ProjectStateTag state={x.state} />
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {x.ownerUnit.name} · {fmt(p.linkedAt, { at: formatDateTime(x.linkedAt) })}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </TicketPanel>
  );
}
