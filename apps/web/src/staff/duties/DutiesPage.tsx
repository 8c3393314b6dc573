// 网格履职 (workbench): overdue patrols and visits per grid or grid worker, with an
// Excel export; the month's patrol report counts per kind and outcome; the rules,
// which administrators edit.
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  InputNumber,
  Modal,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  PATROL_REPORT_KINDS,
  dutiesZhCN,
  type DutyRulesView,
  type OverdueList,
  type OverdueRow,
  type ReportCountRow,
  type ReportCounts,
  type UpdateDutyRulesBody,
} from '@jiesu/contracts';
import { api, errorMessage, toSearch } from '../../api/client';
import { fmt } from '../../i18n';
import { tDuties } from '../../i18n/duties';
import { ErrorState } from '../../lib/states';
import { useUrlFilters } from '../../lib/urlFilters';

const S = tDuties.staff;

export default function DutiesPage() {
  const [sp, update] = useUrlFilters();
  const month = sp.get('month') ?? dayjs().format('YYYY-MM');
  const by = (sp.get('by') as 'grid' | 'worker' | null) ?? 'grid';
  const onlyOverdue = sp.get('onlyOverdue') === 'true';
  const query = { month, by, onlyOverdue: onlyOverdue || undefined };
  const overdue = useQuery({
    queryKey: ['duties', 'overdue', query],
    queryFn: () => api.get<OverdueList>('/api/duties/overdue', query),
  });
  const counts = useQuery({
    queryKey: ['duties', 'report-counts', month, by],
    queryFn: () => api.get<ReportCounts>('/api/duties/report-counts', { month, by }),
  });

  const columns = [
    { title: S.township, key: 't', render: (_: unknown, r: OverdueRow) => r.township?.name ?? '' },
    { title: S.village, key: 'v', render: (_: unknown, r: OverdueRow) => r.village?.name ?? '' },
    ...(by === 'grid'
      ? [{ title: S.grid, key: 'g', render: (_: unknown, r: OverdueRow) => r.grid?.name ?? '' }]
      : []),
    {
      title: S.workers,
      key: 'w',
      render: (_: unknown, r: OverdueRow) => r.workers.map((w) => w.name).join('、'),
    },
    {
      title: S.patrols,
      key: 'p',
      render: (_: unknown, r: OverdueRow) => `${r.patrolsDone}/${r.patrolsDue}`,
    },
    { title: S.patrolDaysMissed, dataIndex: 'patrolDaysMissed' },
    {
      title: S.keyVisits,
      key: 'k',
      render: (_: unknown, r: OverdueRow) => `${r.keyBelowRule}/${r.keyHouseholds}`,
    },
    {
      title: S.fiveVisits,
      key: 'f',
      render: (_: unknown, r: OverdueRow) => `${r.fiveBelowRule}/${r.fiveHouseholds}`,
    },
    { title: S.plannedOverdue, dataIndex: 'plannedOverdue' },
    {
      title: S.status,
      key: 's',
      render: (_: unknown, r: OverdueRow) =>
        r.overdue ? <Tag color="error">{S.overdue}</Tag> : <Tag color="success">{S.ok}</Tag>,
    },
  ];

  const countColumns = [
    {
      title: by === 'grid' ? S.grid : S.reportsWorker,
      key: 'who',
      render: (_: unknown, r: ReportCountRow) => r.grid?.name ?? r.worker?.name ?? S.total,
    },
    ...PATROL_REPORT_KINDS.map((k) => ({
      title: dutiesZhCN.kind[k],
      key: k,
      render: (_: unknown, r: ReportCountRow) => r.byKind[k] ?? 0,
    })),
    { title: S.toTicket, dataIndex: 'ticket' },
    { title: S.closedOnSpot, dataIndex: 'closedOnSpot' },
    { title: S.total, dataIndex: 'total' },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 20, marginBottom: 4 }}>
          {S.title}
        </Typography.Title>
        <Typography.Text type="secondary">{S.help}</Typography.Text>
      </div>
      <RulesCard />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
          <DatePicker
            picker="month"
            aria-label={S.month}
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(d) => update({ month: d ? d.format('YYYY-MM') : undefined })}
          />
          <Segmented
            value={by}
            options={[
              { value: 'grid', label: S.byGrid },
              { value: 'worker', label: S.byWorker },
            ]}
            onChange={(v) => update({ by: v === 'grid' ? undefined : v })}
          />
          <Space>
            <Switch
              checked={onlyOverdue}
              onChange={(v) => update({ onlyOverdue: v ? 'true' : undefined })}
              aria-label={S.onlyOverdue}
            />
            {S.onlyOverdue}
          </Space>
          <Button
            icon={<DownloadOutlined />}
            href={`/api/duties/overdue/export.xlsx${toSearch(query)}`}
          >
            {S.export}
          </Button>
          {overdue.data && (
            <Typography.Text type="secondary">
              {fmt(S.asOf, { day: overdue.data.asOf })}
              {!overdue.data.monthComplete ? `;${S.monthOpen}` : ''}
            </Typography.Text>
          )}
        </Flex>
        {overdue.isError ? (
          <ErrorState error={overdue.error} onRetry={() => void overdue.refetch()} />
        ) : (
          <Table<OverdueRow>
            size="small"
            rowKey={(r) => `${r.grid?.id ?? ''}/${r.workers.map((w) => w.id).join(',')}`}
            loading={overdue.isPending}
            dataSource={overdue.data?.items}
            columns={columns}
            scroll={{ x: 900 }}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            locale={{ emptyText: S.empty }}
          />
        )}
      </Card>
      <Card title={S.reports}>
        {counts.isError ? (
          <ErrorState error={counts.error} onRetry={() => void counts.refetch()} />
        ) : (
          <Table<ReportCountRow>
            size="small"
            rowKey={(r) => r.grid?.id ?? r.worker?.id ?? 'total'}
            loading={counts.isPending}
            dataSource={counts.data ? [...counts.data.items, counts.data.totals] : []}
            columns={countColumns}
            scroll={{ x: 900 }}
            pagination={false}
            locale={{ emptyText: S.noReports }}
          />
        )}
      </Card>
    </Space>
  );
}

function RulesCard() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const rules = useQuery({
    queryKey: ['duties', 'rules'],
    queryFn: () => api.get<DutyRulesView>('/api/duties/rules'),
  });
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<UpdateDutyRulesBody>();
  const r = rules.data;
  if (!r) return null;
  const label = new Map(r.kinds.map((k) => [k.code, k.label]));

  async function save(v: UpdateDutyRulesBody) {
    setBusy(true);
    try {
      await api.put('/api/duties/rules', v);
      void message.success(S.saved);
      setOpen(false);
      await qc.invalidateQueries({ queryKey: ['duties'] });
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card
      title={S.rules}
      size="small"
      extra={
        r.canEdit && (
          <Button
            onClick={() => {
              form.setFieldsValue(r);
              setOpen(true);
            }}
          >
            {S.editRules}
          </Button>
        )
      }
    >
      <Space wrap size={[16, 4]} data-testid="duty-rules">
        <span>{fmt(S.rulePatrols, { n: r.patrolsPerDay })}</span>
        <span>{fmt(S.ruleKey, { n: r.keyVisitsPerMonth })}</span>
        <span>
          {fmt(S.ruleFive, {
            n: r.fiveVisitsPerMonth,
            kinds: r.fiveVisitKinds.map((k) => label.get(k) ?? k).join('、') || S.none,
          })}
        </span>
      </Space>
      <Modal
        open={open}
        title={S.editRules}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: busy }}
        destroyOnHidden
      >
        <Form<UpdateDutyRulesBody> form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="patrolsPerDay" label={S.patrolsPerDay} rules={[{ required: true }]}>
            <InputNumber min={0} max={10} />
          </Form.Item>
          <Form.Item
            name="keyVisitsPerMonth"
            label={S.keyVisitsPerMonth}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={31} />
          </Form.Item>
          <Form.Item name="fiveVisitKinds" label={S.fiveVisitKinds}>
            <Select
              mode="multiple"
              options={r.kinds.map((k) => ({ value: k.code, label: k.label }))}
            />
          </Form.Item>
          <Form.Item
            name="fiveVisitsPerMonth"
            label={S.fiveVisitsPerMonth}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={31} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
