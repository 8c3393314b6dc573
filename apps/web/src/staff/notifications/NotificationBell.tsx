// The bell in the workbench header: the unread count, live by server-sent events, and a
// drawer with my notifications (unread filter, mark read, all read); a click on one marks
// it read and opens its ticket.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import {
  Badge,
  Button,
  Drawer,
  Empty,
  List,
  Pagination,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { BellOutlined } from '@ant-design/icons';
import type { NotificationItem } from '@jiesu/contracts';
import { fmt } from '../../i18n';
import { tNotifications as n } from '../../i18n/notifications';
import { ErrorState } from '../../lib/states';
import { useMarkRead, useNotificationStream, useNotifications, useUnreadCount } from './queries';

const when = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

export default function NotificationBell({ compact }: { compact?: boolean }) {
  const [open, setOpen] = useState(false);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const live = useNotificationStream();
  const unread = useUnreadCount();
  const list = useNotifications({ unread: unreadOnly || undefined, page });
  const mark = useMarkRead();
  const navigate = useNavigate();
  const count = unread.data ?? 0;

  function openItem(item: NotificationItem) {
    if (!item.readAt) mark.mutate(item.id);
    if (item.ticketId) {
      setOpen(false);
      navigate(`/tickets/${item.ticketId}`);
    }
  }

  return (
    <>
      <Badge count={count} size="small" offset={[-4, 4]}>
        <Button
          icon={<BellOutlined />}
          aria-label={fmt(n.bellCount, { n: count })}
          data-testid="notification-bell"
          onClick={() => setOpen(true)}
        >
          {compact ? null : n.bell}
        </Button>
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={n.title}
        size={420}
        extra={
          <Button
            size="small"
            disabled={count === 0}
            loading={mark.isPending}
            onClick={() => mark.mutate('all')}
          >
            {n.readAll}
          </Button>
        }
      >
        <Space style={{ marginBottom: 12 }}>
          <Switch
            size="small"
            checked={unreadOnly}
            onChange={(v) => {
              setUnreadOnly(v);
              setPage(1);
            }}
            aria-label={n.unreadOnly}
          />
          <span>{n.unreadOnly}</span>
          {!live && <Typography.Text type="secondary">{n.offline}</Typography.Text>}
        </Space>
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <List<NotificationItem>
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: <Empty description={n.empty} /> }}
            renderItem={(item) => (
              <List.Item
                style={{ cursor: item.ticketId ? 'pointer' : undefined }}
                onClick={() => openItem(item)}
                actions={
                  item.readAt
                    ? []
                    : [
                        <Button
                          key="read"
                          type="link"
                          size="small"
                          onClick={(e) => {
                            e.stopPropagation();
                            mark.mutate(item.id);
                          }}
                        >
                          {n.markRead}
                        </Button>,
                      ]
                }
              >
                <List.Item.Meta
                  title={
                    <Space size={4}>
                      {!item.readAt && <Badge status="processing" />}
                      {item.kind && <Tag>{n.kind[item.kind] ?? item.kind}</Tag>}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {when(item.createdAt)}
                      </Typography.Text>
                    </Space>
                  }
                  description={<Typography.Text strong={!item.readAt}>{item.text}</Typography.Text>}
                />
              </List.Item>
            )}
          />
        )}
        {(list.data?.total ?? 0) > 20 && (
          <Pagination
            size="small"
            current={page}
            pageSize={20}
            total={list.data?.total ?? 0}
            onChange={setPage}
            showTotal={(total) => fmt(n.total, { total })}
            style={{ marginTop: 12 }}
          />
        )}
      </Drawer>
    </>
  );
}
