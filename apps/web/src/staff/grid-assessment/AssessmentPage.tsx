// 网格员考核: a month's figures per grid worker — patrols, visits, reports,
// tickets on time — with the score by the district's formula and the rank in
// the township; each figure's definition on the page; an administrator saves a
// new version of the formula; Excel export of what is shown.
import { useMemo, useState } from 'react';
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
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, EditOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type {
  AssessmentFormulaBody,
  AssessmentFormulaList,
  AssessmentFormulaView,
  AssessmentRow,
  AssessmentView,
} from '@jiesu/contracts';
import { api, errorMessage, toSearch } from '../../api/client';
import { useJurisdictions } from '../../api/hooks';
import { ErrorState } from '../../lib/states';
import { formatDateTime, nowMs } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { tAssessment } from '../../i18n/grid-assessment';

const a = tAssessment;
const pct = (x: number) => fmt(a.rate, { p: Math.round(x * 1000) / 10 });

function formulaLine(f: AssessmentFormulaView) {
  return fmt(a.formulaLine, {
    v: f.version ? fmt(a.versionN, { v: f.version }) : a.defaultVersion,
    base: f.base,
    wp: f.weights.patrols,
    wv: f.weights.visits,
    wr: f.weights.reports,
    wt: f.weights.tickets,
    a: f.gradeFactors.A,
    b: f.gradeFactors.B,
    c: f.gradeFactors.C,
    target: f.reportTarget,
  });
}

function FormulaModal({ list, onClose }: { list: AssessmentFormulaList; onClose: () => void }) {
  const [form] = Form.useForm<AssessmentFormulaBody>();
  const [error, setError] = useState<string | null>(null);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (b: AssessmentFormulaBody) =>
      api.post<AssessmentFormulaView>('/api/grid-assessment/formulas', b),
    onSuccess: async (v) => {
      message.success(fmt(a.saved, { v: v.version }));
      await qc.invalidateQueries({ queryKey: ['grid-assessment'] });
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
          .then((v) => save.mutate({ ...v, note: v.note?.trim() || undefined }))
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
        name="assessment-formula"
        initialValues={{
          base: c.base,
          weights: c.weights,
          gradeFactors: c.gradeFactors,
          reportTarget: c.reportTarget,
        }}
      >
        <Flex gap={12} wrap>
          {num('base', a.base, 1000)}
          {num('reportTarget', a.reportTarget, 100)}
        </Flex>
        <Typography.Text strong>{a.weights}</Typography.Text>
        <Flex gap={12} wrap>
          {num(['weights', 'patrols'], a.wPatrols, 100)}
          {num(['weights', 'visits'], a.wVisits, 100)}
          {num(['weights', 'reports'], a.wReports, 100)}
          {num(['weights', 'tickets'], a.wTickets, 100)}
        </Flex>
        <Typography.Text strong>{a.factors}</Typography.Text>
        <Flex gap={12} wrap>
          {num(['gradeFactors', 'A'], a.fA, 5, 0.1)}
          {num(['gradeFactors', 'B'], a.fB, 5, 0.1)}
          {num(['gradeFactors', 'C'], a.fC, 5, 0.1)}
        </Flex>
        <Form.Item name="note" label={a.note}>
          <Input aria-label={a.note} maxLength={200} />
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
                  at: formatDateTime(v.createdAt),
                  by: v.createdBy?.name ?? '',
                })}
                {v.note ? ` · ${v.note}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </Modal>
  );
}

export default function AssessmentPage() {
  const [month, setMonth] = useState(() => dayjs(nowMs()).format('YYYY-MM'));
  const [townshipId, setTownshipId] = useState<string | undefined>();
  const [editing, setEditing] = useState(false);
  const places = useJurisdictions();
  const townships = useMemo(
    () =>
      (places.data ?? [])
        .filter((j) => j.level === 'township')
        .map((j) => ({ value: j.id, label: j.name })),
    [places.data],
  );
  const query = { month, townshipId };
  const q = useQuery({
    queryKey: ['grid-assessment', 'month', month, townshipId],
    queryFn: () => api.get<AssessmentView>(`/api/grid-assessment${toSearch(query)}`),
    placeholderData: keepPreviousData,
  });
  const formulas = useQuery({
    queryKey: ['grid-assessment', 'formulas'],
    queryFn: () => api.get<AssessmentFormulaList>('/api/grid-assessment/formulas'),
  });
  const columns: TableProps<AssessmentRow>['columns'] = [
    {
      title: a.col.rank,
      key: 'rank',
      render: (_, r) => fmt(a.rankOf, { rank: r.rank, n: r.rankOf }),
      fixed: 'left',
    },
    { title: a.col.worker, key: 'worker', render: (_, r) => r.worker.name, fixed: 'left' },
    { title: a.col.township, key: 'township', render: (_, r) => r.township?.name ?? '' },
    { title: a.col.village, key: 'village', render: (_, r) => r.village?.name ?? '' },
    {
      title: a.col.grids,
      key: 'grids',
      render: (_, r) =>
        r.grids.map((g) => (
          <div key={g.id}>
            {g.name} {g.grade && <Tag>{g.grade}</Tag>}
          </div>
        )),
    },
    {
      title: a.col.patrols,
      key: 'patrols',
      render: (_, r) => `${r.patrolsDone}/${r.patrolsDue} · ${pct(r.rates.patrols)}`,
    },
    {
      title: a.col.visits,
      key: 'visits',
      render: (_, r) => `${r.visitsDone}/${r.visitsDue} · ${pct(r.rates.visits)}`,
    },
    {
      title: a.col.reports,
      key: 'reports',
      render: (_, r) => `${r.reports} · ${pct(r.rates.reports)}`,
    },
    {
      title: a.col.tickets,
      key: 'tickets',
      render: (_, r) => `${r.ticketsOnTime}/${r.ticketsHandled} · ${pct(r.rates.tickets)}`,
    },
    { title: a.col.factor, dataIndex: 'factor' },
    {
      title: a.col.score,
      key: 'score',
      render: (_, r) => <Typography.Text strong>{r.score.toFixed(2)}</Typography.Text>,
    },
  ];
  const v = q.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex align="center" gap={12} wrap>
        <Typography.Title level={3} style={{ margin: 0, flex: 1 }}>
          {a.title}
        </Typography.Title>
        {formulas.data?.canEdit && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {a.editFormula}
          </Button>
        )}
        <Button
          icon={<DownloadOutlined />}
          href={`/api/grid-assessment/export.xlsx${toSearch(query)}`}
        >
          {a.exportXlsx}
        </Button>
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
        <Select
          aria-label={a.township}
          allowClear
          placeholder={a.allTownships}
          style={{ minWidth: 180 }}
          options={townships}
          value={townshipId}
          onChange={(x?: string) => setTownshipId(x)}
        />
        {v && (
          <Typography.Text type="secondary">
            {fmt(a.asOf, { d: v.asOf })}
            {v.monthComplete ? '' : a.monthOpen}
          </Typography.Text>
        )}
      </Flex>
      {v && <Alert type="info" title={formulaLine(v.formula)} />}
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table
          rowKey={(r) => r.worker.id}
          columns={columns}
          dataSource={v?.items ?? []}
          loading={q.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: a.empty }}
          pagination={{ pageSize: 50, showSizeChanger: false }}
          size="small"
        />
      )}
      <Card size="small" title={a.defsTitle}>
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {(['patrols', 'visits', 'reports', 'tickets', 'none', 'score'] as const).map((k) => (
            <li key={k}>{a.defs[k]}</li>
          ))}
        </ul>
      </Card>
      {editing && formulas.data && (
        <FormulaModal list={formulas.data} onClose={() => setEditing(false)} />
      )}
    </Space>
  );
}
