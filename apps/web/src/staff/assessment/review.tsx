// The 三率 month's review on the assessment page: the frozen badge with the
// version picker and 重新计算 (administrators, supervisors); the ranking's
// 申诉/剔除 and 末位约谈 columns (a bottom row without a summons shows 待约谈
// and, for reviewers, 记录约谈); below the ranking the public exclusion list,
// the appeals (a unit asks by ticket code, a reviewer accepts or rejects with a
// note) and the month's summons.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  List,
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
import { LockOutlined, SyncOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type {
  AssessmentAppealBody,
  AssessmentAppealDecisionBody,
  AssessmentAppealPage,
  AssessmentAppealStatus,
  AssessmentAppealView,
  AssessmentExclusion,
  AssessmentRecomputeBody,
  AssessmentSummonsBody,
  AssessmentSummonsList,
  AssessmentSummonsView,
  UnitAssessmentRow,
  UnitAssessmentView,
} from '@jiesu/contracts';
import { api, errorMessage, toSearch } from '../../api/client';
import { formatDateTime, nowMs } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { tAssessmentReview as r } from '../../i18n/assessment-review';

const STATUS_COLOUR: Record<AssessmentAppealStatus, string> = {
  pending: 'gold',
  accepted: 'green',
  rejected: 'default',
};

/** Invalidates everything the review changes (the month view, appeals, summons). */
function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['unit-assessment'] });
}

function ErrorAlert({ error }: { error: string | null }) {
  return error ? (
    <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />
  ) : null;
}

// ── Snapshot bar ───────────────────────────────────────────────────────────

export function SnapshotBar({
  view,
  townshipId,
  onVersion,
}: {
  view: UnitAssessmentView;
  townshipId: string | undefined;
  onVersion: (v: number | undefined) => void;
}) {
  const s = view.snapshot;
  const [open, setOpen] = useState(false);
  if (!s) return <Alert type="success" showIcon title={r.live} description={r.liveHelp} />;
  return (
    <>
      <Alert
        type={s.latest ? 'warning' : 'info'}
        showIcon
        icon={<LockOutlined />}
        title={
          <Flex gap={12} wrap align="center">
            <Tag color="blue" data-testid="snapshot-badge">
              {fmt(r.frozen, { v: s.version })}
            </Tag>
            <Typography.Text type="secondary">
              {fmt(r.frozenLine, {
                at: formatDateTime(s.frozenAt),
                reason: s.reason,
                by: s.createdBy ? ` · ${s.createdBy.name}` : '',
              })}
            </Typography.Text>
            {!s.latest && <Tag color="orange">{r.olderVersion}</Tag>}
            <Select
              aria-label={r.version}
              size="small"
              style={{ minWidth: 200 }}
              value={s.version}
              onChange={(v: number) => onVersion(v === s.versions[0]?.version ? undefined : v)}
              options={s.versions.map((x) => ({
                value: x.version,
                label: fmt(r.versionOption, { v: x.version, at: formatDateTime(x.frozenAt) }),
              }))}
            />
            {s.canRecompute && (
              <Button size="small" icon={<SyncOutlined />} onClick={() => setOpen(true)}>
                {r.recompute}
              </Button>
            )}
          </Flex>
        }
      />
      {open && (
        <RecomputeModal
          body={{
            month: view.month,
            group: view.group,
            ...(view.group === 'village' && (townshipId ?? view.township?.id)
              ? { townshipId: townshipId ?? view.township!.id }
              : {}),
          }}
          onClose={(v) => {
            setOpen(false);
            if (v) onVersion(undefined);
          }}
        />
      )}
    </>
  );
}

function RecomputeModal({
  body,
  onClose,
}: {
  body: Omit<AssessmentRecomputeBody, 'reason'>;
  onClose: (version?: number) => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const refresh = useRefresh();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (reason: string) =>
      api.post<UnitAssessmentView>('/api/assessment/snapshots', { ...body, reason }),
    onSuccess: async (v) => {
      message.success(fmt(r.recomputed, { v: v.snapshot?.version ?? '' }));
      await refresh();
      onClose(v.snapshot?.version);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal
      open
      title={r.recomputeTitle}
      okText={r.recompute}
      cancelText={t.web.common.cancel}
      confirmLoading={save.isPending}
      onCancel={() => onClose()}
      onOk={() =>
        void form
          .validateFields()
          .then((v) => save.mutate(v.reason.trim()))
          .catch(() => undefined)
      }
    >
      <Typography.Paragraph type="secondary">{r.recomputeHelp}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" name="assessment-recompute">
        <Form.Item
          name="reason"
          label={r.recomputeReason}
          rules={[{ required: true, min: 2, whitespace: true }]}
        >
          <Input.TextArea aria-label={r.recomputeReason} rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ── Ranking columns ────────────────────────────────────────────────────────

/** The ranking's 申诉/剔除 and 末位约谈 columns. */
export function reviewColumns(
  view: UnitAssessmentView | undefined,
  onSummon: (row: UnitAssessmentRow) => void,
): NonNullable<TableProps<UnitAssessmentRow>['columns']> {
  return [
    {
      title: r.col.appeals,
      key: 'appeals',
      render: (_, row) => (
        <Space size={4}>
          {fmt(r.appealsCell, { acc: row.appealsAccepted ?? 0, asked: row.appealsAsked ?? 0 })}
          {(row.excluded ?? 0) > 0 && (
            <Tag color="orange">{fmt(r.excludedTag, { n: row.excluded ?? 0 })}</Tag>
          )}
        </Space>
      ),
    },
    {
      title: r.col.summons,
      key: 'summons',
      render: (_, row) =>
        row.summons ? (
          <Tag color="blue" title={`${row.summons.attendees}\n${row.summons.notes}`}>
            {fmt(r.summonsLine, { date: row.summons.heldOn })}
          </Tag>
        ) : row.bottom ? (
          <Space size={4}>
            <Tag color="red">{r.pendingSummons}</Tag>
            {view?.canSummon && (
              <Button size="small" onClick={() => onSummon(row)}>
                {r.recordSummons}
              </Button>
            )}
          </Space>
        ) : null,
    },
  ];
}

export function SummonsModal({
  month,
  unit,
  onClose,
}: {
  month: string;
  unit: { id: string; name: string };
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ heldOn: dayjs.Dayjs; attendees: string; notes: string }>();
  const [error, setError] = useState<string | null>(null);
  const refresh = useRefresh();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (b: AssessmentSummonsBody) =>
      api.post<AssessmentSummonsView>('/api/assessment/summons', b),
    onSuccess: async () => {
      message.success(r.summonsSaved);
      await refresh();
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal
      open
      title={fmt(r.summonsTitle, { unit: unit.name })}
      okText={r.recordSummons}
      cancelText={t.web.common.cancel}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() =>
        void form
          .validateFields()
          .then((v) =>
            save.mutate({
              unitId: unit.id,
              month,
              heldOn: v.heldOn.format('YYYY-MM-DD'),
              attendees: v.attendees.trim(),
              notes: v.notes.trim(),
            }),
          )
          .catch(() => undefined)
      }
    >
      <ErrorAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        name="assessment-summons"
        initialValues={{ heldOn: dayjs(nowMs()) }}
      >
        <Form.Item name="heldOn" label={r.heldOn} rules={[{ required: true }]}>
          <DatePicker
            aria-label={r.heldOn}
            allowClear={false}
            disabledDate={(d) => d.isAfter(dayjs(nowMs()), 'day')}
          />
        </Form.Item>
        <Form.Item
          name="attendees"
          label={r.attendees}
          rules={[{ required: true, min: 2, whitespace: true }]}
        >
          <Input aria-label={r.attendees} maxLength={500} />
        </Form.Item>
        <Form.Item
          name="notes"
          label={r.summonsNotes}
          rules={[{ required: true, min: 2, whitespace: true }]}
        >
          <Input.TextArea aria-label={r.summonsNotes} rows={4} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ── Below the ranking ──────────────────────────────────────────────────────

function ExclusionList({ items }: { items: AssessmentExclusion[] }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{r.exclusionsHelp}</Typography.Text>
      <Table<AssessmentExclusion>
        aria-label={r.tabs.exclusions}
        rowKey="appealId"
        size="small"
        pagination={false}
        dataSource={items}
        locale={{ emptyText: r.exclusionsEmpty }}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: r.col.ticket,
            key: 'ticket',
            render: (_, e) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text code>{e.ticket.code}</Typography.Text>
                <span>{e.ticket.title}</span>
              </Space>
            ),
          },
          { title: r.col.unit, key: 'unit', render: (_, e) => e.unit.name },
          { title: r.col.reason, dataIndex: 'reason' },
          { title: r.col.decision, key: 'note', render: (_, e) => e.decisionNote ?? '' },
          {
            title: r.col.decidedBy,
            key: 'by',
            render: (_, e) => `${e.decidedBy?.name ?? ''} ${formatDateTime(e.decidedAt)}`,
          },
          {
            title: r.col.taken,
            key: 'taken',
            render: (_, e) => fmt(r.taken, { d: e.dispatched, r: e.rated }),
          },
        ]}
      />
    </Space>
  );
}

function AppealModal({ month, onClose }: { month: string; onClose: () => void }) {
  const [form] = Form.useForm<{ ticket: string; month: dayjs.Dayjs; reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const refresh = useRefresh();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (b: AssessmentAppealBody) =>
      api.post<AssessmentAppealView>('/api/assessment/appeals', b),
    onSuccess: async () => {
      message.success(r.appealed);
      await refresh();
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal
      open
      title={r.appealTitle}
      okText={r.newAppeal}
      cancelText={t.web.common.cancel}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() =>
        void form
          .validateFields()
          .then((v) =>
            save.mutate({
              ticket: v.ticket.trim(),
              month: v.month.format('YYYY-MM'),
              reason: v.reason.trim(),
            }),
          )
          .catch(() => undefined)
      }
    >
      <Typography.Paragraph type="secondary">{r.appealHelp}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        name="assessment-appeal"
        initialValues={{ month: dayjs(`${month}-01`) }}
      >
        <Form.Item name="ticket" label={r.ticket} rules={[{ required: true, whitespace: true }]}>
          <Input aria-label={r.ticket} maxLength={64} />
        </Form.Item>
        <Form.Item name="month" label={r.appealMonth} rules={[{ required: true }]}>
          <DatePicker
            picker="month"
            aria-label={r.appealMonth}
            allowClear={false}
            disabledDate={(d) => d.isAfter(dayjs(nowMs()), 'month')}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={r.appealReason}
          rules={[{ required: true, min: 2, whitespace: true }]}
        >
          <Input.TextArea aria-label={r.appealReason} rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DecideModal({ appeal, onClose }: { appeal: AssessmentAppealView; onClose: () => void }) {
  const [form] = Form.useForm<AssessmentAppealDecisionBody>();
  const [error, setError] = useState<string | null>(null);
  const refresh = useRefresh();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (b: AssessmentAppealDecisionBody) =>
      api.post<AssessmentAppealView>(`/api/assessment/appeals/${appeal.id}/decision`, b),
    onSuccess: async () => {
      message.success(r.decided);
      await refresh();
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal
      open
      title={r.decideTitle}
      okText={r.decide}
      cancelText={t.web.common.cancel}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() =>
        void form
          .validateFields()
          .then((v) => save.mutate({ verdict: v.verdict, note: v.note.trim() }))
          .catch(() => undefined)
      }
    >
      <Typography.Paragraph>
        <Typography.Text code>{appeal.ticket.code}</Typography.Text> {appeal.ticket.title}
        <br />
        {appeal.unit.name}:{appeal.reason}
      </Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" name="assessment-decision">
        <Form.Item name="verdict" label={r.verdict} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'accepted', label: r.accept },
              { value: 'rejected', label: r.reject },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={r.note}
          rules={[{ required: true, min: 2, whitespace: true }]}
        >
          <Input.TextArea aria-label={r.note} rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AppealList({ month }: { month: string }) {
  const [status, setStatus] = useState<AssessmentAppealStatus | undefined>();
  const [page, setPage] = useState(1);
  const [asking, setAsking] = useState(false);
  const [deciding, setDeciding] = useState<AssessmentAppealView | null>(null);
  const query = { month, status, page, pageSize: 20 };
  const q = useQuery({
    queryKey: ['unit-assessment', 'appeals', query],
    queryFn: () => api.get<AssessmentAppealPage>(`/api/assessment/appeals${toSearch(query)}`),
  });
  const columns: TableProps<AssessmentAppealView>['columns'] = [
    {
      title: r.col.ticket,
      key: 'ticket',
      render: (_, a) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text code>{a.ticket.code}</Typography.Text>
          <span>{a.ticket.title}</span>
        </Space>
      ),
    },
    { title: r.col.unit, key: 'unit', render: (_, a) => a.unit.name },
    { title: r.col.reason, dataIndex: 'reason' },
    {
      title: r.col.askedBy,
      key: 'asked',
      render: (_, a) => `${a.createdBy?.name ?? ''} ${formatDateTime(a.createdAt)}`,
    },
    {
      title: r.col.status,
      key: 'status',
      render: (_, a) => <Tag color={STATUS_COLOUR[a.status]}>{r.status[a.status]}</Tag>,
    },
    {
      title: r.col.decision,
      key: 'decision',
      render: (_, a) =>
        a.canDecide ? (
          <Button size="small" type="primary" onClick={() => setDeciding(a)}>
            {r.decide}
          </Button>
        ) : a.decidedAt ? (
          `${a.decisionNote ?? ''}(${a.decidedBy?.name ?? ''} ${formatDateTime(a.decidedAt)})`
        ) : null,
    },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Flex gap={12} wrap align="center">
        <Select
          aria-label={r.filterStatus}
          allowClear
          placeholder={r.filterStatus}
          style={{ minWidth: 140 }}
          value={status}
          onChange={(s?: AssessmentAppealStatus) => {
            setStatus(s);
            setPage(1);
          }}
          options={(['pending', 'accepted', 'rejected'] as const).map((s) => ({
            value: s,
            label: r.status[s],
          }))}
        />
        <span style={{ flex: 1 }} />
        {q.data && !q.data.canReview && (
          <Button type="primary" onClick={() => setAsking(true)}>
            {r.newAppeal}
          </Button>
        )}
      </Flex>
      {q.isError && <ErrorAlert error={errorMessage(q.error)} />}
      <Table<AssessmentAppealView>
        aria-label={r.tabs.appeals}
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={q.data?.items ?? []}
        loading={q.isFetching}
        locale={{ emptyText: r.appealsEmpty }}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: 20,
          total: q.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
      />
      {asking && <AppealModal month={month} onClose={() => setAsking(false)} />}
      {deciding && <DecideModal appeal={deciding} onClose={() => setDeciding(null)} />}
    </Space>
  );
}

function SummonsTab({ month }: { month: string }) {
  const q = useQuery({
    queryKey: ['unit-assessment', 'summons', month],
    queryFn: () => api.get<AssessmentSummonsList>(`/api/assessment/summons${toSearch({ month })}`),
  });
  return (
    <List
      aria-label={r.tabs.summons}
      loading={q.isFetching}
      locale={{ emptyText: r.summonsEmpty }}
      dataSource={q.data?.items ?? []}
      renderItem={(s) => (
        <List.Item key={s.id}>
          <List.Item.Meta
            title={`${s.unit.name} · ${fmt(r.summonsLine, { date: s.heldOn })}`}
            description={
              <>
                <div>
                  {r.attendees}:{s.attendees}
                </div>
                <div>{s.notes}</div>
                <Typography.Text type="secondary">
                  {fmt(r.summonsBy, { name: s.recordedBy?.name ?? '' })}
                </Typography.Text>
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}

/** Below the ranking: the public exclusion list, the appeals and the summons of the month. */
export function ReviewTabs({
  view,
  month,
}: {
  view: UnitAssessmentView | undefined;
  month: string;
}) {
  return (
    <Card size="small">
      <Tabs
        items={[
          {
            key: 'exclusions',
            label: `${r.tabs.exclusions}(${view?.exclusions?.length ?? 0})`,
            children: <ExclusionList items={view?.exclusions ?? []} />,
          },
          { key: 'appeals', label: r.tabs.appeals, children: <AppealList month={month} /> },
          { key: 'summons', label: r.tabs.summons, children: <SummonsTab month={month} /> },
        ]}
      />
    </Card>
  );
}
