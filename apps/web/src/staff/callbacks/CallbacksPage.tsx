// 回访台: the centre's callback desk. Tabs 待回访 (callable now, oldest reply first),
// 待复核 ("unsolved" results for the reviewer), 已完成, and 设置 (sampling rules and
// limits). The actions are the ticket's own (record_callback, record_callback_attempt,
// review_callback); the phone is revealed through the ticket's logged reveal.
import { useState } from 'react';
import {
  App,
  Button,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import {
  CALLBACK_ATTEMPT_RESULTS,
  SATISFACTIONS,
  TICKET_TYPES,
  type CallbackConfig,
  type CallbackList,
  type CallbackQuery,
  type CallbackStats,
  type CallbackTab,
  type CallbackView,
} from '@jiesu/contracts';
import { api, errorMessage, toSearch } from '../../api/client';
import { useCategories, useMe } from '../../api/hooks';
import { formatDateTime } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { tCallbacks as c } from '../../i18n/callbacks';
import { hasAny } from '../roles';
import { TicketRef } from '../tickets/parts';

type Modal =
  | { kind: 'attempt' | 'record'; row: CallbackView }
  | { kind: 'review'; row: CallbackView; decision: 'reopen' | 'close' }
  | null;

function useCallbacks(query: CallbackQuery) {
  return useQuery({
    queryKey: ['tickets', 'callbacks', query],
    queryFn: () => api.get<CallbackList>('/api/callbacks', query),
    placeholderData: (prev) => prev,
  });
}

function Phone({ row }: { row: CallbackView }) {
  const { message } = App.useApp();
  const [phone, setPhone] = useState<string | null>(null);
  async function reveal() {
    try {
      const r = await api.post<{ phone: string | null }>(
        `/api/tickets/${row.ticket.id}/requester/reveal`,
        { purpose: c.revealPurpose },
      );
      setPhone(r.phone);
    } catch (e) {
      message.error(errorMessage(e));
    }
  }
  return (
    <Space size={4}>
      <span data-testid="callback-phone">{phone ?? row.ticket.requesterPhone ?? ''}</span>
      {!phone && row.ticket.requesterPhone && (
        <Button size="small" icon={<EyeOutlined />} onClick={() => void reveal()}>
          {c.reveal}
        </Button>
      )}
    </Space>
  );
}

function ActionModal({ modal, onClose }: { modal: Modal; onClose: () => void }) {
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const act = useMutation({
    mutationFn: (v: { action: string; input: Record<string, unknown> }) =>
      api.post(`/api/tickets/${modal!.row.ticket.id}/actions/${v.action}`, { input: v.input }),
    onSuccess: async () => {
      message.success(c.done);
      await qc.invalidateQueries({ queryKey: ['tickets'] });
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (!modal) return null;
  const title =
    modal.kind === 'attempt'
      ? c.attemptTitle
      : modal.kind === 'record'
        ? c.recordTitle
        : c.reviewTitle;
  async function submit() {
    const v = await form.validateFields();
    if (modal!.kind === 'attempt')
      act.mutate({
        action: 'record_callback_attempt',
        input: { result: v.result, ...(v.note ? { note: v.note } : {}) },
      });
    else if (modal!.kind === 'record')
      act.mutate({
        action: 'record_callback',
        input: {
          solved: v.solved === 'yes',
          satisfaction: v.satisfaction,
          ...(v.comment ? { comment: v.comment } : {}),
        },
      });
    else
      act.mutate({
        action: 'review_callback',
        input: { decision: (modal as { decision: string }).decision, reason: v.reason },
      });
  }
  return (
    <Modal
      open
      title={`${title} · ${modal.row.ticket.code}`}
      okText={t.web.action.submit}
      cancelText={c.cancel}
      confirmLoading={act.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        {modal.kind === 'attempt' && (
          <>
            <Form.Item
              name="result"
              label={c.attemptResult}
              initialValue="no_answer"
              rules={[{ required: true }]}
            >
              <Select
                aria-label={c.attemptResult}
                options={CALLBACK_ATTEMPT_RESULTS.map((r) => ({
                  value: r,
                  label: c.attemptLabel[r],
                }))}
              />
            </Form.Item>
            <Form.Item name="note" label={c.note}>
              <Input maxLength={1000} />
            </Form.Item>
          </>
        )}
        {modal.kind === 'record' && (
          <>
            <Form.Item
              name="solved"
              label={c.solved}
              initialValue="yes"
              rules={[{ required: true }]}
            >
              <Radio.Group>
                <Radio value="yes">{c.yes}</Radio>
                <Radio value="no">{c.no}</Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item
              name="satisfaction"
              label={c.satisfaction}
              initialValue="satisfied"
              rules={[{ required: true }]}
            >
              <Radio.Group>
                {SATISFACTIONS.map((s) => (
                  <Radio key={s} value={s}>
                    {t.satisfaction[s]}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item name="comment" label={c.comment}>
              <Input.TextArea maxLength={2000} rows={3} />
            </Form.Item>
          </>
        )}
        {modal.kind === 'review' && (
          <Form.Item
            name="reason"
            label={`${c.decisionLabel[modal.decision]} · ${c.reason}`}
            rules={[{ required: true, min: 2, message: c.reasonRequired }]}
          >
            <Input.TextArea maxLength={2000} rows={3} autoFocus />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function Desk({ tab }: { tab: CallbackTab }) {
  const [page, setPage] = useState(1);
  const [type, setType] = useState<string | undefined>();
  const [modal, setModal] = useState<Modal>(null);
  const query: CallbackQuery = {
    tab,
    page,
    pageSize: 20,
    ...(type ? { type: type as CallbackQuery['type'] } : {}),
  };
  const list = useCallbacks(query);
  const columns: TableProps<CallbackView>['columns'] = [
    {
      title: c.code,
      key: 'code',
      width: 200,
      render: (_: unknown, r) => <TicketRef ticket={r.ticket} />,
    },
    { title: c.type, key: 'type', width: 70, render: (_: unknown, r) => t.type[r.ticket.type] },
    { title: c.category, dataIndex: ['ticket', 'category', 'name'], width: 120, ellipsis: true },
    { title: c.unit, dataIndex: ['ticket', 'unit', 'name'], width: 140, ellipsis: true },
    {
      title: c.repliedAt,
      key: 'at',
      width: 140,
      render: (_: unknown, r) => formatDateTime(r.repliedAt),
    },
    { title: c.attempts, dataIndex: 'attempts', width: 70 },
    ...(tab === 'queue'
      ? [
          {
            title: c.phone,
            key: 'phone',
            width: 200,
            render: (_: unknown, r: CallbackView) => <Phone row={r} />,
          },
        ]
      : [
          {
            title: c.status,
            key: 'status',
            width: 100,
            render: (_: unknown, r: CallbackView) => (
              <Tag data-testid="callback-status">{c.statusLabel[r.status]}</Tag>
            ),
          },
          {
            title: c.result,
            key: 'result',
            width: 200,
            render: (_: unknown, r: CallbackView) =>
              r.result
                ? `${r.result.solved ? c.yes : c.no} · ${t.satisfaction[r.result.satisfaction]}${r.result.comment ? ` · ${r.result.comment}` : ''}`
                : t.web.common.none,
          },
        ]),
    ...(tab === 'finished'
      ? []
      : [
          {
            title: c.actions,
            key: 'actions',
            width: 200,
            render: (_: unknown, r: CallbackView) =>
              tab === 'queue' ? (
                <Space size={4}>
                  <Button size="small" onClick={() => setModal({ kind: 'attempt', row: r })}>
                    {c.attempt}
                  </Button>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setModal({ kind: 'record', row: r })}
                  >
                    {c.record}
                  </Button>
                </Space>
              ) : (
                <Space size={4}>
                  <Button
                    size="small"
                    onClick={() => setModal({ kind: 'review', row: r, decision: 'reopen' })}
                  >
                    {c.reopen}
                  </Button>
                  <Button
                    size="small"
                    onClick={() => setModal({ kind: 'review', row: r, decision: 'close' })}
                  >
                    {c.close}
                  </Button>
                </Space>
              ),
          },
        ]),
  ];
  const exportHref = `/api/callbacks/export.xlsx${toSearch({ ...query, page: undefined, pageSize: undefined })}`;
  return (
    <Flex vertical gap={12}>
      <Space wrap>
        <Select
          aria-label={c.type}
          style={{ width: 120 }}
          value={type ?? 'all'}
          onChange={(v: string) => {
            setType(v === 'all' ? undefined : v);
            setPage(1);
          }}
          options={[
            { value: 'all', label: c.any },
            ...TICKET_TYPES.map((k) => ({ value: k, label: t.type[k] })),
          ]}
        />
        <Button icon={<DownloadOutlined />} href={exportHref} download>
          {c.export}
        </Button>
      </Space>
      <Table<CallbackView>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1100 }}
        locale={{ emptyText: c.empty }}
        onRow={() => ({ 'data-testid': 'callback-row' }) as React.HTMLAttributes<HTMLElement>}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showTotal: (total) => fmt(c.total, { total: String(total) }),
        }}
      />
      <ActionModal modal={modal} onClose={() => setModal(null)} />
    </Flex>
  );
}

function Settings() {
  const [form] = Form.useForm<CallbackConfig>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const categories = useCategories();
  const config = useQuery({
    queryKey: ['callbacks', 'config'],
    queryFn: () => api.get<CallbackConfig>('/api/callbacks/config'),
  });
  const save = useMutation({
    mutationFn: (v: CallbackConfig) => api.put<CallbackConfig>('/api/callbacks/config', v),
    onSuccess: async () => {
      message.success(c.saved);
      await qc.invalidateQueries({ queryKey: ['callbacks'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (!config.data) return null;
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={config.data}
      onFinish={(v) =>
        save.mutate({
          ...v,
          rules: (v.rules ?? []).map((r) => ({
            percent: r.percent,
            ...(r.ticketType ? { ticketType: r.ticketType } : {}),
            ...(r.categoryId ? { categoryId: r.categoryId } : {}),
          })),
        })
      }
      style={{ maxWidth: 720 }}
    >
      <Typography.Text strong>{c.rules}</Typography.Text>
      <Form.List name="rules">
        {(fields, { add, remove }) => (
          <Flex vertical gap={4} style={{ margin: '8px 0 16px' }}>
            {fields.map((f) => (
              <Space key={f.key} wrap>
                <Form.Item name={[f.name, 'ticketType']} noStyle>
                  <Select
                    aria-label={c.ruleType}
                    allowClear
                    placeholder={c.ruleType}
                    style={{ width: 120 }}
                    options={TICKET_TYPES.map((k) => ({ value: k, label: t.type[k] }))}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'categoryId']} noStyle>
                  <Select
                    aria-label={c.ruleCategory}
                    allowClear
                    showSearch
                    optionFilterProp="label"
                    placeholder={c.ruleCategory}
                    style={{ width: 200 }}
                    options={(categories.data ?? []).map((k) => ({ value: k.id, label: k.name }))}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'percent']} noStyle rules={[{ required: true }]}>
                  <InputNumber aria-label={c.percent} min={0} max={100} addonAfter="%" />
                </Form.Item>
                <Button onClick={() => remove(f.name)}>{c.remove}</Button>
              </Space>
            ))}
            <Button onClick={() => add({ percent: 100 })} style={{ width: 120 }}>
              {c.addRule}
            </Button>
          </Flex>
        )}
      </Form.List>
      <Space wrap>
        <Form.Item name="defaultPercent" label={c.defaultPercent} rules={[{ required: true }]}>
          <InputNumber min={0} max={100} />
        </Form.Item>
        <Form.Item name="maxAttempts" label={c.maxAttempts} rules={[{ required: true }]}>
          <InputNumber min={1} max={10} />
        </Form.Item>
        <Form.Item
          name="onlineWindowHours"
          label={c.onlineWindowHours}
          rules={[{ required: true }]}
        >
          <InputNumber min={0} max={720} />
        </Form.Item>
        <Form.Item
          name="closeUnsampledAfterDays"
          label={c.closeUnsampledAfterDays}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={90} />
        </Form.Item>
      </Space>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {c.save}
      </Button>
    </Form>
  );
}

function Stats() {
  const stats = useQuery({
    queryKey: ['tickets', 'callbacks', 'stats'],
    queryFn: () => api.get<CallbackStats>('/api/callbacks/stats'),
  });
  const s = stats.data;
  if (!s) return null;
  return (
    <Typography.Text type="secondary" data-testid="callback-stats">
      {fmt(c.stats, {
        sampled: String(s.sampled),
        reached: String(s.reached),
        online: String(s.ratedOnline),
        notReached: String(s.notReached),
        reopened: String(s.reopened),
        unrated: String(s.closedUnrated),
      })}
    </Typography.Text>
  );
}

export default function CallbacksPage() {
  const me = useMe();
  const [sp, setSp] = useSearchParams();
  const tab = sp.get('tab') ?? 'queue';
  const canSet = hasAny(me.data, 'admin', 'dispatcher');
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {c.title}
      </Typography.Title>
      <Typography.Text type="secondary">{c.help}</Typography.Text>
      <Stats />
      <Tabs
        activeKey={tab}
        onChange={(k) => setSp({ tab: k })}
        destroyOnHidden
        items={[
          { key: 'queue', label: c.tabs.queue, children: <Desk tab="queue" /> },
          { key: 'review', label: c.tabs.review, children: <Desk tab="review" /> },
          { key: 'finished', label: c.tabs.finished, children: <Desk tab="finished" /> },
          ...(canSet ? [{ key: 'settings', label: c.tabs.settings, children: <Settings /> }] : []),
        ]}
      />
    </Flex>
  );
}
