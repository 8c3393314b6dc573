// [Interop] webhooks: the subscriptions (create with the secret shown once, ping,
// disable/enable) and the deliveries with the dead-letter tab, attempts and replay.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import {
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_KINDS,
  type CreatedWebhook,
  type WebhookDeliveryDetail,
  type WebhookDeliveryList,
  type WebhookDeliveryStatus,
  type WebhookDeliveryView,
  type WebhookKind,
  type WebhookList,
  type WebhookView,
} from '@jiesu/contracts';
import { api, errorMessage } from '../../api/client';
import { ErrorState } from '../../lib/states';
import { formatDateTime } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { tInterop } from '../../i18n/interop';
import { AdminPage, useWrite } from './common';

const T = tInterop.webhooks;

interface CreateForm {
  name: string;
  url: string;
  kind: WebhookKind;
  eventTypes: string[];
}

const STATUS_COLOUR: Record<WebhookDeliveryStatus, string> = {
  pending: 'blue',
  delivering: 'processing',
  delivered: 'green',
  dead: 'red',
};

function eventLabel(e: string): string {
  if (e === '*') return T.allEvents;
  return (t.action as Record<string, string>)[e] ?? e;
}

function Deliveries({ status }: { status?: WebhookDeliveryStatus }) {
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['webhook-deliveries', status ?? 'all', page],
    queryFn: () =>
      api.get<WebhookDeliveryList>('/api/webhook-deliveries', {
        page,
        pageSize: 20,
        ...(status ? { status } : {}),
      }),
  });
  const detail = useQuery({
    queryKey: ['webhook-delivery', open],
    queryFn: () => api.get<WebhookDeliveryDetail>(`/api/webhook-deliveries/${open}`),
    enabled: !!open,
  });
  const replay = useWrite(
    (id: string) => api.post(`/api/webhook-deliveries/${id}/replay`),
    [['webhook-deliveries'], ['webhooks']],
    undefined,
    () => T.replayDone,
  );
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <Table<WebhookDeliveryView>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1000 }}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
        }}
        columns={[
          { title: T.createdAt, dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          { title: T.name, key: 'sub', render: (_: unknown, r) => r.subscription.name },
          { title: T.ticket, key: 'ticket', render: (_: unknown, r) => r.ticket?.code ?? '—' },
          { title: T.seq, dataIndex: 'seq' },
          { title: T.event, dataIndex: 'eventType', render: (v: string) => eventLabel(v) },
          {
            title: T.status,
            dataIndex: 'status',
            render: (s: WebhookDeliveryStatus) => (
              <Tag color={STATUS_COLOUR[s]}>{T.statusLabel[s]}</Tag>
            ),
          },
          { title: T.attempts, dataIndex: 'attempts' },
          {
            title: T.lastResult,
            key: 'last',
            render: (_: unknown, r) => r.lastError ?? (r.lastStatus ? String(r.lastStatus) : '—'),
          },
          {
            title: T.nextAttempt,
            key: 'next',
            render: (_: unknown, r) =>
              r.status === 'pending' ? formatDateTime(r.nextAttemptAt) : '—',
          },
          {
            title: t.web.common.actions,
            key: 'actions',
            render: (_: unknown, r) => (
              <Space>
                <Button size="small" onClick={() => setOpen(r.id)}>
                  {T.detail}
                </Button>
                {r.status === 'dead' && (
                  <Button size="small" type="primary" onClick={() => replay.mutate(r.id)}>
                    {T.replay}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!open}
        title={T.detail}
        footer={null}
        onCancel={() => setOpen(null)}
        width={720}
      >
        {detail.data && (
          <>
            <Typography.Title level={5}>{T.attemptLog}</Typography.Title>
            <Table
              rowKey={(a) => `${a.at}-${a.attempt}`}
              size="small"
              pagination={false}
              dataSource={detail.data.attempts}
              columns={[
                { title: '#', dataIndex: 'attempt' },
                { title: T.createdAt, dataIndex: 'at', render: (v: string) => formatDateTime(v) },
                { title: T.statusCode, dataIndex: 'statusCode', render: (v) => v ?? '—' },
                { title: T.duration, dataIndex: 'durationMs' },
                { title: T.error, dataIndex: 'error', render: (v) => v ?? '—' },
              ]}
            />
            <Typography.Title level={5}>{T.payload}</Typography.Title>
            <pre style={{ maxHeight: 300, overflow: 'auto', fontSize: 12 }}>
              {JSON.stringify(detail.data.payload, null, 2)}
            </pre>
          </>
        )}
      </Modal>
    </>
  );
}

export default function WebhooksAdmin() {
  const { message } = App.useApp();
  const subs = useQuery({
    queryKey: ['webhooks'],
    queryFn: () => api.get<WebhookList>('/api/webhooks'),
  });
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [form] = Form.useForm<CreateForm>();
  const create = useWrite(
    (b: CreateForm) => api.post<CreatedWebhook>('/api/webhooks', b),
    [['webhooks']],
    (r) => {
      setCreating(false);
      form.resetFields();
      setSecret(r.secret);
    },
  );
  const toggle = useWrite(
    (v: { id: string; active: boolean }) =>
      api.patch(`/api/webhooks/${v.id}`, { active: v.active }),
    [['webhooks']],
  );
  const ping = async (id: string) => {
    try {
      const r = await api.post<WebhookDeliveryDetail>(`/api/webhooks/${id}/ping`);
      if (r.delivery.status === 'delivered') void message.success(T.pingOk);
      else void message.error(`${T.pingFailed}${r.delivery.lastError ?? ''}`);
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const req = (field: string) => ({ required: true, message: fmt(t.web.form.required, { field }) });

  return (
    <AdminPage
      title={T.title}
      extra={
        <Button type="primary" onClick={() => setCreating(true)}>
          {T.create}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{T.help}</Typography.Paragraph>
      {subs.isError ? (
        <ErrorState error={subs.error} onRetry={() => void subs.refetch()} />
      ) : (
        <Table<WebhookView>
          rowKey="id"
          size="small"
          loading={subs.isPending}
          dataSource={subs.data?.items ?? []}
          scroll={{ x: 900 }}
          pagination={false}
          columns={[
            { title: T.name, dataIndex: 'name' },
            { title: T.url, dataIndex: 'url' },
            { title: T.kind, dataIndex: 'kind', render: (k: WebhookKind) => T.kindLabel[k] },
            {
              title: T.eventTypes,
              dataIndex: 'eventTypes',
              render: (e: string[]) => (
                <Space wrap size={4}>
                  {e.map((x) => (
                    <Tag key={x}>{eventLabel(x)}</Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: T.active,
              dataIndex: 'active',
              render: (a: boolean) =>
                a ? <Tag color="green">{T.enabled}</Tag> : <Tag>{T.disabled}</Tag>,
            },
            { title: T.pending, dataIndex: 'pending' },
            {
              title: T.dead,
              dataIndex: 'dead',
              render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0),
            },
            {
              title: t.web.common.actions,
              key: 'actions',
              render: (_: unknown, r) => (
                <Space>
                  <Button size="small" onClick={() => void ping(r.id)}>
                    {T.ping}
                  </Button>
                  {r.active ? (
                    <Popconfirm
                      title={T.disableConfirm}
                      onConfirm={() => toggle.mutate({ id: r.id, active: false })}
                    >
                      <Button size="small" danger>
                        {T.disable}
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Button size="small" onClick={() => toggle.mutate({ id: r.id, active: true })}>
                      {T.enable}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      <Tabs
        items={[
          { key: 'all', label: T.deliveries, children: <Deliveries /> },
          { key: 'dead', label: T.deadLetters, children: <Deliveries status="dead" /> },
        ]}
      />
      <Modal
        open={creating}
        title={T.create}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
      >
        <Form<CreateForm>
          form={form}
          layout="vertical"
          initialValues={{ kind: 'standard', eventTypes: ['*'] }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item name="name" label={T.name} rules={[req(T.name)]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="url" label={T.url} rules={[req(T.url)]}>
            <Input placeholder="https://" maxLength={500} />
          </Form.Item>
          <Form.Item name="kind" label={T.kind}>
            <Select options={WEBHOOK_KINDS.map((k) => ({ value: k, label: T.kindLabel[k] }))} />
          </Form.Item>
          <Form.Item name="eventTypes" label={T.eventTypes} rules={[req(T.eventTypes)]}>
            <Select
              mode="multiple"
              options={WEBHOOK_EVENT_TYPES.map((e) => ({ value: e, label: eventLabel(e) }))}
            />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!secret}
        title={T.secretTitle}
        closable={false}
        maskClosable={false}
        footer={
          <Button type="primary" onClick={() => setSecret(null)}>
            {T.close}
          </Button>
        }
      >
        <Typography.Paragraph>{T.secretHelp}</Typography.Paragraph>
        <Descriptions column={1} size="small">
          <Descriptions.Item label="secret">
            <Typography.Text code copyable={{ text: secret ?? '', tooltips: [T.copy, T.copied] }}>
              {secret}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Modal>
    </AdminPage>
  );
}
