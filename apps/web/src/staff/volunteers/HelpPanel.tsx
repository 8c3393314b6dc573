// The ticket page's 志愿队协助 card: the help asked of teams on this ticket and what was done.
import { useQuery } from '@tanstack/react-query';
import { Card, List, Space, Tag, Typography } from 'antd';
import type { VolunteerHelpItems } from '@jiesu/contracts';
import { api } from '../../api/client';
import { formatDateTime } from '../../lib/time';
import { tVolunteers as v } from '../../i18n/volunteers';

export function VolunteerHelpPanel({ ticketId }: { ticketId: string }) {
  const help = useQuery({
    // Under 'tickets': an action on the ticket (请求志愿队协助) refreshes it.
    queryKey: ['tickets', ticketId, 'volunteer-help'],
    queryFn: () => api.get<VolunteerHelpItems>(`/api/tickets/${ticketId}/volunteer-help`),
    retry: false,
  });
  const items = help.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Card size="small" title={v.panelTitle} data-testid="volunteer-help-panel">
      <List
        size="small"
        dataSource={items}
        renderItem={(h) => (
          <List.Item>
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text strong>{h.team.name}</Typography.Text>
                <Tag
                  color={
                    h.status === 'done' ? 'green' : h.status === 'declined' ? 'default' : 'blue'
                  }
                >
                  {v.helpStatus[h.status]}
                </Tag>
              </Space>
              <span>{h.description}</span>
              {h.assigned.length > 0 && (
                <span>
                  {v.assigned}: {h.assigned.map((a) => a.name).join('、')}
                </span>
              )}
              {h.what && (
                <span>
                  {v.helpWhat}: {h.what}({formatDateTime(h.helpedAt)},{h.totalHours} 小时)
                </span>
              )}
              {h.declineReason && (
                <span>
                  {v.declineReason}: {h.declineReason}
                </span>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
