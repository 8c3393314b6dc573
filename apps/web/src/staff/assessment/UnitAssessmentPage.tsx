// 三率考核: a month's response, resolution and satisfaction rates per unit with
// the composite, ranked within the peer group (townships, departments, the
// villages of one township) above the minimum volume, the volume beside every
// rate and the bottom N flagged; each figure's definition on the page; an
// administrator saves a new configuration version; Excel export of what is shown.
import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, EditOutlined, FilePdfOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type {
  UnitAssessmentConfigBody,
  UnitAssessmentConfigList,
  UnitAssessmentConfigView,
  UnitAssessmentRow,
  UnitAssessmentView,
  UnitPeerGroup,
} from '@jiesu/contracts';
import { api, errorMessage, toSearch } from '../../api/client';
import { ErrorState } from '../../lib/states';
import { formatDateTime, nowMs } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { tUnitAssessment } from '../../i18n/assessment';
import { ReviewTabs, SnapshotBar, SummonsModal, reviewColumns } from './review';
import { CentreCard } from './CentreCard';
import { useMe } from '../../api/hooks';
import { hasAny } from '../roles';

const a = tUnitAssessment;
const pct = (x: number) => Math.round(x * 1000) / 10;
const rateOf = (n: number, d: number, r: number | null) =>
  r === null ? `${n}/${d} · ${a.none}` : fmt(a.rateOf, { n, d, p: pct(r) });

function configLine(c: UnitAssessmentConfigView) {
  return fmt(a.configLine, {
    v: c.version ? fmt(a.versionN, { v: c.version, from: c.effectiveFrom }) : a.defaultVersion,
    wr: c.weights.response,
    ws: c.weights.resolution,
    wf: c.weights.satisfaction,
    b: c.basicallySatisfiedWeight,
    min: c.minVolume,
    n: c.bottomN,
  });
}

type FormValues = Omit<UnitAssessmentConfigBody, 'effectiveFrom'> & { effectiveFrom: dayjs.Dayjs };

function ConfigModal({ list, onClose }: { list: UnitAssessmentConfigList; onClose: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (b: UnitAssessmentConfigBody) =>
      api.post<UnitAssessmentConfigView>('/api/assessment/configs', b),
    onSuccess: async (v) => {
      message.success(fmt(a.saved, { v: v.version }));
      await qc.invalidateQueries({ queryKey: ['unit-assessment'] });
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const c = list.current;
  const num = (name: string | string[], label: string, max: number, step = 1) => (
    <Form.Item name={name} label={label} rules={[{ required: true }]} style={{ flex: '1 1 150px' }}>
      <InputNumber aria-label={label} min={0} max={max} step={step} style={{ width: '100%' }} />
    </Form.Item>
  );
  return (
    <Modal
      open
      title={a.editTitle}
      onCancel={onClose}
      okText={a.save}
      cancelText={t.web.common.cancel}
      confirmLoading={save.isPending}
      onOk={() =>
        void form
          .validateFields()
          .then((v) =>
            save.mutate({
              ...v,
              effectiveFrom: v.effectiveFrom.format('YYYY-MM'),
              reason: v.reason.trim(),
            }),
          )
          .catch(() => undefined)
      }
      width={640}
    >
      <Typography.Paragraph type="secondary">{a.editHelp}</Typography.Paragraph>
      {error && (
        <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />
      )}
      <Form
        form={form}
        layout="vertical"
        name="unit-assessment-config"
        initialValues={{
          effectiveFrom: dayjs(nowMs()).startOf('month'),
          weights: c.weights,
          basicallySatisfiedWeight: c.basicallySatisfiedWeight,
          minVolume: c.minVolume,
          bottomN: c.bottomN,
        }}
      >
        <Form.Item name="effectiveFrom" label={a.effectiveFrom} rules={[{ required: true }]}>
          <DatePicker picker="month" aria-label={a.effectiveFrom} allowClear={false} />
        </Form.Item>
        <Typography.Text strong>{a.weights}</Typography.Text>
        <Flex gap={12} wrap>
          {num(['weights', 'response'], a.wResponse, 100)}
          {num(['weights', 'resolution'], a.wResolution, 100)}
          {num(['weights', 'satisfaction'], a.wSatisfaction, 100)}
        </Flex>
        <Flex gap={12} wrap>
          {num('basicallySatisfiedWeight', a.basicallyWeight, 1, 0.1)}
          {num('minVolume', a.minVolume, 100000)}
          {num('bottomN', a.bottomN, 50)}
        </Flex>
        <Form.Item
          name="reason"
          label={a.reason}
          rules={[{ required: true, min: 2, whitespace: true }]}
        >
          <Input.TextArea aria-label={a.reason} maxLength={500} rows={2} />
        </Form.Item>
      </Form>
      {list.versions.length > 0 && (
        <>
          <Typography.Text strong>{a.versions}</Typography.Text>
          <ul style={{ paddingLeft: 20 }}>
            {list.versions.map((v) => (
              <li key={v.version}>
                {fmt(a.versionLine, {
                  v: v.version,
                  from: v.effectiveFrom,
                  at: formatDateTime(v.createdAt),
                  by: v.createdBy?.name ?? '',
                })}
                {` · ${v.reason}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </Modal>
  );
}

export default function UnitAssessmentPage() {
  const [month, setMonth] = useState(() => dayjs(nowMs()).format('YYYY-MM'));
  const [group, setGroup] = useState<UnitPeerGroup>('township');
  const [townshipId, setTownshipId] = useState<string | undefined>();
  const [editing, setEditing] = useState(false);
  // A frozen month's older version, for the month and group it was picked in.
  const [picked, setPicked] = useState<{ key: string; version: number } | undefined>();
  const [summoning, setSummoning] = useState<UnitAssessmentRow | null>(null);
  const pickKey = `${month}/${group}/${townshipId ?? ''}`;
  const version = picked?.key === pickKey ? picked.version : undefined;
  const query = { month, group, townshipId: group === 'village' ? townshipId : undefined, version };
  const q = useQuery({
    queryKey: ['unit-assessment', 'month', query],
    queryFn: () => api.get<UnitAssessmentView>(`/api/assessment/units${toSearch(query)}`),
    placeholderData: keepPreviousData,
  });
  const configs = useQuery({
    queryKey: ['unit-assessment', 'configs'],
    queryFn: () => api.get<UnitAssessmentConfigList>('/api/assessment/configs'),
  });
  const v = q.data;
  // The district's monthly report (PDF) is for the district-wide readers.
  const districtReader = hasAny(useMe().data, 'admin', 'supervisor', 'dispatcher');
  const columns: TableProps<UnitAssessmentRow>['columns'] = [
    {
      title: a.col.rank,
      key: 'rank',
      fixed: 'left',
      render: (_, r) =>
        r.rank === null ? (
          <Typography.Text type="secondary">{a.notRanked}</Typography.Text>
        ) : (
          <Space size={4}>
            {r.rank}
            {r.bottom && <Tag color="red">{a.bottomTag}</Tag>}
          </Space>
        ),
    },
    { title: a.col.unit, key: 'unit', fixed: 'left', render: (_, r) => r.unit.name },
    ...(group === 'village'
      ? [
          {
            title: a.col.township,
            key: 'township',
            render: (_: unknown, r: UnitAssessmentRow) => r.township?.name ?? '',
          },
        ]
      : []),
    { title: a.col.volume, dataIndex: 'volume' },
    {
      title: a.col.response,
      key: 'response',
      render: (_, r) => rateOf(r.acceptedOnTime, r.volume, r.responseRate),
    },
    {
      title: a.col.resolution,
      key: 'resolution',
      render: (_, r) => rateOf(r.solved, r.rated, r.resolutionRate),
    },
    {
      title: a.col.satisfaction,
      key: 'satisfaction',
      render: (_, r) =>
        r.satisfactionRate === null
          ? a.none
          : `${r.satisfied}+${r.basicallySatisfied}/${r.rated} · ${pct(r.satisfactionRate)}%`,
    },
    {
      title: a.col.composite,
      key: 'composite',
      render: (_, r) =>
        r.composite === null ? (
          a.none
        ) : (
          <Typography.Text strong>{r.composite.toFixed(2)}</Typography.Text>
        ),
    },
    {
      title: a.col.onTime,
      key: 'onTime',
      render: (_, r) => rateOf(r.completedOnTime, r.completed, r.onTimeRate),
    },
    { title: a.col.returns, key: 'returns', render: (_, r) => `${r.returns}(${r.returnsFault})` },
    { title: a.col.reopened, dataIndex: 'reopened' },
    {
      title: a.col.overdue,
      key: 'overdue',
      render: (_, r) =>
        r.overdueOpen === null
          ? r.overdue
          : fmt(a.overdueOf, { n: r.overdue, late: r.completedLate, open: r.overdueOpen }),
    },
    { title: a.col.repeats, dataIndex: 'repeats' },
    { title: a.col.delegatedSettled, dataIndex: 'delegatedSettled' },
    { title: a.col.proactive, key: 'proactive', render: (_, r) => r.proactive ?? a.none },
    { title: a.col.per10k, key: 'per10k', render: (_, r) => r.per10k ?? a.none },
    ...reviewColumns(v, setSummoning),
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex align="center" gap={12} wrap>
        <Typography.Title level={3} style={{ margin: 0, flex: 1 }}>
          {a.title}
        </Typography.Title>
        {configs.data?.canEdit && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {a.editConfig}
          </Button>
        )}
        <Button
          icon={<DownloadOutlined />}
          href={`/api/assessment/units/export.xlsx${toSearch(query)}`}
        >
          {a.exportXlsx}
        </Button>
        {districtReader && (
          <Button
            icon={<FilePdfOutlined />}
            href={`/api/period-reports/monthly${toSearch({ month, format: 'pdf' })}`}
          >
            {a.monthlyPdf}
          </Button>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {a.help}
      </Typography.Paragraph>
      <Flex gap={12} wrap align="center">
        <DatePicker
          picker="month"
          aria-label={a.month}
          allowClear={false}
          value={dayjs(`${month}-01`)}
          disabledDate={(d) => d.isAfter(dayjs(nowMs()), 'month')}
          onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
        />
        <Segmented<UnitPeerGroup>
          aria-label={a.group}
          value={group}
          onChange={setGroup}
          options={(['township', 'department', 'village'] as const).map((g) => ({
            value: g,
            label: a.groups[g],
          }))}
        />
        {group === 'village' && (
          <Select
            aria-label={a.township}
            allowClear
            placeholder={a.allTownships}
            style={{ minWidth: 180 }}
            options={(v?.townships ?? []).map((x) => ({ value: x.id, label: x.name }))}
            value={townshipId ?? v?.township?.id}
            onChange={(x?: string) => setTownshipId(x)}
          />
        )}
        {v && (
          <Typography.Text type="secondary">
            {fmt(a.rankedOf, { n: v.ranked, min: v.config.minVolume })}
          </Typography.Text>
        )}
      </Flex>
      {v && <Alert type="info" title={configLine(v.config)} />}
      {v && (
        <SnapshotBar
          view={v}
          townshipId={query.townshipId}
          onVersion={(x) => setPicked(x === undefined ? undefined : { key: pickKey, version: x })}
        />
      )}
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table
          data-testid="assessment-ranking"
          rowKey={(r) => r.unit.id}
          columns={columns}
          dataSource={v?.items ?? []}
          loading={q.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: a.empty }}
          pagination={{ pageSize: 50, showSizeChanger: false }}
          size="small"
          onRow={(r) => (r.bottom ? { style: { background: '#fff1f0' } } : {})}
        />
      )}
      <ReviewTabs view={v} month={month} />
      <CentreCard month={month} />
      <Card size="small" title={a.defsTitle}>
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {(v?.figures ?? []).map((f) => (
            <li key={f.key}>
              <Typography.Text strong>{f.label}</Typography.Text>:{f.definition}
            </li>
          ))}
        </ul>
      </Card>
      {summoning && (
        <SummonsModal month={month} unit={summoning.unit} onClose={() => setSummoning(null)} />
      )}
      {editing && configs.data && (
        <ConfigModal list={configs.data} onClose={() => setEditing(false)} />
      )}
    </Space>
  );
}
