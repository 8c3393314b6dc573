// 一令到底 (workbench): compose a notice or an instruction to every grid worker
// under a place of one's own jurisdiction, follow each sent one's reading and
// acknowledgement, filter and export its recipients, remind those who have not
// read (or acknowledged) — the reminders land in the SMS outbox shown below.
import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Drawer,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Progress,
  Radio,
  Segmented,
  Space,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { BellOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import type {
  BroadcastDetail,
  BroadcastList,
  BroadcastRecipientView,
  BroadcastSummary,
  BroadcastTargets,
  CreateBroadcastBody,
  OutboxList,
  RecipientFilter,
  RemindResult,
} from '@jiesu/contracts';
import { api, errorMessage, toSearch } from '../../api/client';
import { DateTimeInput } from '../../lib/formControls';
import { requiredRule } from '../../lib/formRules';
import { ErrorState } from '../../lib/states';
import { formatDateTime } from '../../lib/time';
import { buildTree } from '../../lib/tree';
import { fmt, t } from '../../i18n';
import { tBroadcasts } from '../../i18n/broadcasts';

const b = tBroadcasts;
const PAGE_SIZE = 20;
const FILTERS: RecipientFilter[] = ['all', 'unread', 'read', 'unacked', 'acked'];

interface ComposeValues {
  kind: 'notice' | 'instruction';
  title: string;
  body: string;
  targetId: string;
  ackRequired?: boolean;
  dueAt?: string;
}

function ComposeModal({ onClose, onSent }: { onClose: () => void; onSent: (id: string) => void }) {
  const [form] = Form.useForm<ComposeValues>();
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const targets = useQuery({
    queryKey: ['broadcast-targets'],
    queryFn: () => api.get<BroadcastTargets>('/api/broadcasts/targets'),
  });
  const send = useMutation({
    mutationFn: (body: CreateBroadcastBody) => api.post<BroadcastDetail>('/api/broadcasts', body),
    onSuccess: async (d) => {
      message.success(fmt(b.sent, { n: d.progress.recipients }));
      await qc.invalidateQueries({ queryKey: ['broadcasts'] });
      onSent(d.id);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const tree = buildTree(
    (targets.data?.items ?? []).map((p) => ({
      ...p,
      name: fmt(b.workersN, { name: p.name, n: p.workers }),
    })),
  );
  async function submit() {
    let v: ComposeValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    send.mutate({
      kind: v.kind,
      title: v.title.trim(),
      body: v.body.trim(),
      targetId: v.targetId,
      ackRequired: v.kind === 'instruction' ? true : Boolean(v.ackRequired),
      ...(v.dueAt ? { dueAt: v.dueAt } : {}),
    });
  }
  return (
    <Modal
      open
      title={b.composeTitle}
      onCancel={onClose}
      okText={b.send}
      cancelText={t.web.common.cancel}
      onOk={() => void submit()}
      confirmLoading={send.isPending}
      width={640}
      destroyOnHidden
    >
      {error && (
        <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />
      )}
      {targets.isError && (
        <ErrorState error={targets.error} onRetry={() => void targets.refetch()} />
      )}
      <Form form={form} layout="vertical" name="broadcast" initialValues={{ kind: 'instruction' }}>
        <Form.Item name="kind" label={b.fKind} rules={[requiredRule(b.fKind)]}>
          <Radio.Group
            aria-label={b.fKind}
            optionType="button"
            options={(['instruction', 'notice'] as const).map((k) => ({
              value: k,
              label: b.kind[k],
            }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={b.fTitle}
          rules={[{ ...requiredRule(b.fTitle), whitespace: true }]}
        >
          <Input aria-label={b.fTitle} maxLength={80} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="body"
          label={b.fBody}
          rules={[{ ...requiredRule(b.fBody), whitespace: true }]}
        >
          <Input.TextArea aria-label={b.fBody} rows={4} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item
          name="targetId"
          label={b.fTarget}
          extra={b.fTargetHelp}
          rules={[requiredRule(b.fTarget)]}
        >
          <TreeSelect
            aria-label={b.fTarget}
            treeData={tree}
            treeDefaultExpandAll
            showSearch
            treeNodeFilterProp="title"
            loading={targets.isPending}
            placeholder={b.fTarget}
          />
        </Form.Item>
        <Flex gap={16} wrap>
          {kind === 'instruction' ? (
            <Form.Item extra={b.fAckHelp}>
              <Checkbox checked disabled>
                {b.fAck}
              </Checkbox>
            </Form.Item>
          ) : (
            <Form.Item name="ackRequired" valuePropName="checked">
              <Checkbox>{b.fAck}</Checkbox>
            </Form.Item>
          )}
          <Form.Item name="dueAt" label={b.fDue} style={{ flex: '1 1 220px' }}>
            <DateTimeInput label={b.fDue} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

function Counts({ s }: { s: BroadcastSummary }) {
  const { recipients: n, read, acked } = s.progress;
  return (
    <Space orientation="vertical" size={0} style={{ minWidth: 140 }}>
      <span>{fmt(b.progressRead, { read, n })}</span>
      <Progress percent={n ? Math.round((read * 100) / n) : 0} size="small" showInfo={false} />
      {s.ackRequired && (
        <span>
          {b.colAcked} {fmt(b.ratio, { x: acked, y: n })}
        </span>
      )}
    </Space>
  );
}

function Detail({ id, onClose }: { id: string; onClose: () => void }) {
  const [status, setStatus] = useState<RecipientFilter>('all');
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['broadcasts', 'detail', id, status],
    queryFn: () => api.get<BroadcastDetail>(`/api/broadcasts/${id}${toSearch({ status })}`),
    placeholderData: keepPreviousData,
  });
  const outbox = useQuery({
    queryKey: ['broadcasts', 'outbox', id],
    queryFn: () => api.get<OutboxList>(`/api/broadcasts/${id}/outbox`),
  });
  const remind = useMutation({
    mutationFn: () => api.post<RemindResult>(`/api/broadcasts/${id}/remind`),
    onSuccess: async (r) => {
      message.success(fmt(b.reminded, { n: r.reminded }));
      await qc.invalidateQueries({ queryKey: ['broadcasts'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const d = q.data;
  const pending = d
    ? d.progress.recipients - (d.ackRequired ? d.progress.acked : d.progress.read)
    : 0;
  const columns: TableProps<BroadcastRecipientView>['columns'] = [
    { title: b.rVillage, key: 'village', render: (_, r) => r.village?.name ?? '' },
    { title: b.rGrid, key: 'grid', render: (_, r) => r.grid.name },
    { title: b.rWorker, key: 'worker', render: (_, r) => r.worker.name },
    { title: b.rPhone, dataIndex: 'phone', render: (p: string | null) => p ?? t.web.common.none },
    {
      title: b.rRead,
      key: 'read',
      render: (_, r) => (r.readAt ? formatDateTime(r.readAt) : <Tag color="red">{b.unread}</Tag>),
    },
    ...(d?.ackRequired
      ? [
          {
            title: b.rAcked,
            key: 'acked',
            render: (_: unknown, r: BroadcastRecipientView) =>
              r.ackedAt ? formatDateTime(r.ackedAt) : <Tag color="orange">{b.unacked}</Tag>,
          },
          { title: b.rNote, dataIndex: 'ackNote', render: (n: string | null) => n ?? '' },
        ]
      : []),
    {
      title: b.rReminded,
      key: 'reminded',
      render: (_, r) =>
        r.remindCount ? (
          <span title={formatDateTime(r.remindedAt)}>{fmt(b.remindedN, { n: r.remindCount })}</span>
        ) : (
          ''
        ),
    },
  ];
  return (
    <Drawer open onClose={onClose} size="large" title={d ? `${b.kind[d.kind]} · ${d.title}` : ''}>
      {q.isError && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {d && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card size="small">
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{d.body}</Typography.Paragraph>
            <Typography.Text type="secondary">
              {fmt(b.sender, { unit: d.senderUnit.name, name: d.sender.name })} ·{' '}
              {formatDateTime(d.sentAt)} · {b.colTarget} {d.target.name}
              {d.dueAt ? ` · ${b.colDue} ${formatDateTime(d.dueAt)}` : ''}
            </Typography.Text>
          </Card>
          <Flex gap={12} align="center" wrap data-testid="broadcast-progress">
            <Typography.Text strong>
              {d.ackRequired
                ? fmt(b.progress, {
                    read: d.progress.read,
                    acked: d.progress.acked,
                    n: d.progress.recipients,
                  })
                : fmt(b.progressRead, { read: d.progress.read, n: d.progress.recipients })}
            </Typography.Text>
            <span style={{ flex: 1 }} />
            {d.canRemind && (
              <Button
                icon={<BellOutlined />}
                disabled={pending === 0}
                loading={remind.isPending}
                onClick={() =>
                  modal.confirm({
                    title: fmt(b.remindConfirm, {
                      n: pending,
                      ack: d.ackRequired ? b.remindConfirmAck : '',
                    }),
                    okText: d.ackRequired ? b.remindAck : b.remind,
                    cancelText: t.web.common.cancel,
                    onOk: () => remind.mutateAsync(),
                  })
                }
              >
                {d.ackRequired ? b.remindAck : b.remind}
              </Button>
            )}
            <Button
              icon={<DownloadOutlined />}
              href={`/api/broadcasts/${id}/recipients.xlsx${toSearch({ status })}`}
            >
              {b.exportXlsx}
            </Button>
          </Flex>
          <Segmented
            aria-label={b.recipients}
            value={status}
            onChange={(v) => setStatus(v as RecipientFilter)}
            options={FILTERS.filter((f) => d.ackRequired || (f !== 'acked' && f !== 'unacked')).map(
              (f) => ({ value: f, label: b.filter[f] }),
            )}
          />
          <Table
            rowKey={(r) => r.worker.id}
            size="small"
            columns={columns}
            dataSource={d.recipients}
            pagination={false}
            scroll={{ x: 'max-content' }}
            loading={q.isFetching}
            aria-label={b.recipients}
          />
          <Card size="small" title={b.outbox}>
            <List
              dataSource={outbox.data?.items ?? []}
              locale={{ emptyText: b.outboxEmpty }}
              renderItem={(m) => (
                <List.Item data-testid="outbox-item">
                  <Space orientation="vertical" size={0}>
                    <span>
                      <Tag>{b.channel[m.channel]}</Tag>
                      {m.to.name} {m.phone ?? ''} · {formatDateTime(m.createdAt)} ·{' '}
                      {b.status[m.status]}
                    </span>
                    <Typography.Text type="secondary">{m.text}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Space>
      )}
    </Drawer>
  );
}

export default function BroadcastsPage() {
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [composing, setComposing] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['broadcasts', 'list', page, q],
    queryFn: () =>
      api.get<BroadcastList>(
        `/api/broadcasts${toSearch({ page, pageSize: PAGE_SIZE, q: q || undefined })}`,
      ),
    placeholderData: keepPreviousData,
  });
  const targets = useQuery({
    queryKey: ['broadcast-targets'],
    queryFn: () => api.get<BroadcastTargets>('/api/broadcasts/targets'),
    retry: false,
  });
  const canSend = targets.isSuccess;
  const columns: TableProps<BroadcastSummary>['columns'] = [
    {
      title: b.colTitle,
      key: 'title',
      render: (_, r) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(r.id)}>
          {r.title}
        </Button>
      ),
    },
    {
      title: b.colKind,
      key: 'kind',
      render: (_, r) => (
        <Tag color={r.kind === 'instruction' ? 'volcano' : 'blue'}>{b.kind[r.kind]}</Tag>
      ),
    },
    { title: b.colTarget, key: 'target', render: (_, r) => r.target.name },
    { title: b.colSender, key: 'sender', render: (_, r) => r.senderUnit.name },
    { title: b.colSentAt, key: 'sentAt', render: (_, r) => formatDateTime(r.sentAt) },
    {
      title: b.colDue,
      key: 'due',
      render: (_, r) => (r.dueAt ? formatDateTime(r.dueAt) : t.web.common.none),
    },
    { title: b.colRead, key: 'progress', render: (_, r) => <Counts s={r} /> },
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex align="center" gap={12} wrap>
        <Typography.Title level={3} style={{ margin: 0, flex: 1 }}>
          {b.title}
        </Typography.Title>
        {canSend && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setComposing(true)}>
            {b.compose}
          </Button>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {b.help}
      </Typography.Paragraph>
      <Input.Search
        aria-label={b.search}
        placeholder={b.search}
        allowClear
        style={{ maxWidth: 320 }}
        onSearch={(v) => {
          setQ(v.trim());
          setPage(1);
        }}
      />
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: b.empty }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            showTotal: (n) => fmt(b.total, { n }),
            onChange: setPage,
            showSizeChanger: false,
          }}
        />
      )}
      {composing && (
        <ComposeModal
          onClose={() => setComposing(false)}
          onSent={(id) => {
            setComposing(false);
            setOpen(id);
          }}
        />
      )}
      {open && <Detail id={open} onClose={() => setOpen(null)} />}
    </Space>
  );
}
