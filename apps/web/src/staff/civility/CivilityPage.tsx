// 文明积分: the households of my villages with their quarter's points (filters by
// village, grid and quarter in the address), a household's ledger with reversals,
// points recorded for one or several households at once, the quarter's ranking as
// Excel, and the rules (administrators edit them; every change is a new version).
import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import {
  CIVILITY_TRIGGERS,
  type AddCivilityEntriesResult,
  type CivilityEntryView,
  type CivilityHouseholdList,
  type CivilityHouseholdListQuery,
  type CivilityHouseholdView,
  type CivilityLedger,
  type CivilityPlaces,
  type CivilityRuleHistory,
  type CivilityRuleList,
  type CivilityRuleView,
  type CivilityTrigger,
} from '@jiesu/contracts';
import { api, toSearch } from '../../api/client';
import { fmt } from '../../i18n';
import { tCivility as c } from '../../i18n/civility';
import { formatDateTime } from '../../lib/time';
import { ErrorState, PageLoading } from '../../lib/states';
import { UrlSearch, pageOf, useUrlFilters } from '../../lib/urlFilters';
import { useWrite } from '../admin/common';

const KEY = ['civility'] as const;

const usePlaces = () =>
  useQuery({
    queryKey: [...KEY, 'places'],
    queryFn: () => api.get<CivilityPlaces>('/api/civility/places'),
    staleTime: 60_000,
  });
const useRules = () =>
  useQuery({
    queryKey: [...KEY, 'rules'],
    queryFn: () => api.get<CivilityRuleList>('/api/civility/rules'),
  });

function Points({ n }: { n: number }) {
  const colour = n > 0 ? '#389e0d' : n < 0 ? '#cf1322' : undefined;
  return <span style={{ color: colour, fontWeight: 600 }}>{n > 0 ? `+${n}` : n}</span>;
}

const quarterLabel = (q: string) => q.replace('-Q', ' 年第 ') + ' 季度';

function readQuery(sp: URLSearchParams): CivilityHouseholdListQuery {
  const q: CivilityHouseholdListQuery = pageOf(sp);
  for (const k of ['villageId', 'gridId', 'quarter', 'q'] as const) {
    const v = sp.get(k);
    if (v) q[k] = v;
  }
  return q;
}

function AddEntryModal({
  households,
  onClose,
}: {
  households: CivilityHouseholdView[];
  onClose: (done: boolean) => void;
}) {
  const rules = useRules();
  const [form] = Form.useForm<{ ruleId: string; reason: string }>();
  const write = useWrite(
    (v: { ruleId: string; reason: string }) =>
      api.post<AddCivilityEntriesResult>('/api/civility/entries', {
        ...v,
        householdIds: households.map((h) => h.id),
      }),
    [[...KEY]],
    () => onClose(true),
    (r) => fmt(c.added, { n: r.items.length }),
  );
  const manual = (rules.data?.items ?? []).filter((r) => r.kind === 'manual' && r.active);
  return (
    <Modal
      open
      title={fmt(c.addTitle, { n: households.length })}
      okText={c.save}
      cancelText={c.cancel}
      confirmLoading={write.isPending}
      onCancel={() => onClose(false)}
      onOk={() => void form.validateFields().then((v) => write.mutate(v))}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {households.map((h) => h.address).join('、')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="ruleId" label={c.rule} rules={[{ required: true, message: c.rulePick }]}>
          <Select
            aria-label={c.rule}
            placeholder={c.rulePick}
            showSearch={{ optionFilterProp: 'label' }}
            options={manual.map((r) => ({
              value: r.id,
              label: `${r.label}(${r.points > 0 ? '+' : ''}${r.points})`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={c.reason}
          rules={[{ required: true, min: 2, message: c.reasonHolder }]}
        >
          <Input aria-label={c.reason} placeholder={c.reasonHolder} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReverseButton({ entry }: { entry: CivilityEntryView }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const write = useWrite(
    () => api.post(`/api/civility/entries/${entry.id}/reverse`, { reason }),
    [[...KEY]],
    () => setOpen(false),
  );
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {c.reverse}
      </Button>
      <Modal
        open={open}
        title={c.reverseTitle}
        okText={c.reverse}
        cancelText={c.cancel}
        okButtonProps={{ disabled: reason.trim().length < 2, danger: true }}
        confirmLoading={write.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => write.mutate(undefined)}
      >
        <Typography.Paragraph type="secondary">{c.reverseHelp}</Typography.Paragraph>
        <Input
          aria-label={c.reason}
          placeholder={c.reason}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}

function LedgerDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const ledger = useQuery({
    queryKey: [...KEY, 'ledger', id],
    queryFn: () => api.get<CivilityLedger>(`/api/civility/households/${id}`),
  });
  const h = ledger.data?.household;
  const columns: TableProps<CivilityEntryView>['columns'] = [
    { title: c.at, key: 'at', width: 140, render: (_: unknown, e) => formatDateTime(e.at) },
    {
      title: c.rule,
      key: 'rule',
      render: (_: unknown, e) => (
        <Flex vertical>
          <span>
            {e.rule.label} {e.reversedBy && <Tag>{c.reversed}</Tag>}
            {e.source !== 'manual' && <Tag color="blue">{c.sourceLabel[e.source]}</Tag>}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.reason}
            {e.ticket && ` · ${c.ticket} ${e.ticket.code}`}
            {e.recordedBy && ` · ${e.recordedBy.name}`}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: c.points, key: 'p', width: 60, render: (_: unknown, e) => <Points n={e.points} /> },
    {
      title: '',
      key: 'act',
      width: 70,
      render: (_: unknown, e) =>
        h?.canEnter && e.source !== 'reversal' && !e.reversedBy ? (
          <ReverseButton entry={e} />
        ) : null,
    },
  ];
  return (
    <Drawer open size="large" title={h ? `${c.ledger} · ${h.address}` : c.ledger} onClose={onClose}>
      {ledger.isPending && <PageLoading />}
      {ledger.isError && <ErrorState error={ledger.error} onRetry={() => void ledger.refetch()} />}
      {h && (
        <Flex vertical gap={12}>
          <Space wrap>
            <span>
              {c.head}:{h.head ?? '—'}
            </span>
            <span>
              {c.quarterPoints}:<Points n={h.quarterPoints} />
            </span>
            <span>
              {c.totalPoints}:<Points n={h.totalPoints} />
            </span>
          </Space>
          <Table<CivilityEntryView>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={ledger.data?.items ?? []}
            columns={columns}
            locale={{ emptyText: c.ledgerEmpty }}
            onRow={() => ({ 'data-testid': 'civility-entry' }) as object}
          />
        </Flex>
      )}
    </Drawer>
  );
}

function HouseholdsTab() {
  const [sp, update] = useUrlFilters();
  const query = useMemo(() => readQuery(sp), [sp]);
  const places = usePlaces();
  const list = useQuery({
    queryKey: [...KEY, 'households', query],
    queryFn: () => api.get<CivilityHouseholdList>('/api/civility/households', query),
    placeholderData: (prev) => prev,
  });
  const [selected, setSelected] = useState<CivilityHouseholdView[]>([]);
  const [adding, setAdding] = useState<CivilityHouseholdView[] | null>(null);
  const [ledger, setLedger] = useState<string | null>(null);
  const village = places.data?.villages.find((v) => v.id === query.villageId);
  const exportHref = `/api/civility/ranking/export.xlsx${toSearch({
    villageId: query.villageId,
    quarter: query.quarter,
  })}`;
  const columns: TableProps<CivilityHouseholdView>['columns'] = [
    {
      title: c.address,
      key: 'address',
      render: (_: unknown, h) => (
        <Flex vertical>
          <Button
            type="link"
            style={{ padding: 0, height: 'auto', justifyContent: 'flex-start' }}
            onClick={() => setLedger(h.id)}
          >
            {h.address}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {h.village.name} · {h.grid.name}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: c.head, dataIndex: 'head', width: 80 },
    {
      title: c.quarterPoints,
      key: 'q',
      width: 90,
      render: (_: unknown, h) => <Points n={h.quarterPoints} />,
    },
    { title: c.quarterEntries, dataIndex: 'quarterEntries', width: 80 },
    {
      title: c.totalPoints,
      key: 't',
      width: 90,
      render: (_: unknown, h) => <Points n={h.totalPoints} />,
    },
    {
      title: '',
      key: 'act',
      width: 70,
      render: (_: unknown, h) =>
        h.canEnter ? (
          <Button size="small" onClick={() => setAdding([h])}>
            {c.add}
          </Button>
        ) : null,
    },
  ];
  if (places.isError) return <ErrorState error={places.error} />;
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <Space wrap>
          <Select
            aria-label={c.village}
            style={{ width: 200 }}
            allowClear
            placeholder={c.allVillages}
            value={query.villageId}
            onChange={(v?: string) => update({ villageId: v, gridId: undefined })}
            showSearch={{ optionFilterProp: 'label' }}
            options={(places.data?.villages ?? []).map((v) => ({
              value: v.id,
              label: `${v.township} · ${v.name}`,
            }))}
          />
          <Select
            aria-label={c.grid}
            style={{ width: 180 }}
            allowClear
            placeholder={c.allGrids}
            disabled={!village}
            value={query.gridId}
            onChange={(v?: string) => update({ gridId: v })}
            options={(village?.grids ?? []).map((g) => ({ value: g.id, label: g.name }))}
          />
          <Select
            aria-label={c.quarter}
            style={{ width: 160 }}
            value={query.quarter ?? places.data?.quarter}
            onChange={(v: string) =>
              update({ quarter: v === places.data?.quarter ? undefined : v })
            }
            options={(places.data?.quarters ?? []).map((q) => ({
              value: q,
              label: quarterLabel(q),
            }))}
          />
          <UrlSearch label={c.search} value={query.q} update={update} />
        </Space>
        <Space wrap>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!selected.length}
            onClick={() => setAdding(selected)}
          >
            {fmt(c.addBulk, { n: selected.length })}
          </Button>
          <Button icon={<DownloadOutlined />} href={exportHref} download>
            {c.export}
          </Button>
          {query.villageId && (
            <Button href={`/m/points?village=${query.villageId}`} target="_blank">
              {c.publicBoard}
            </Button>
          )}
        </Space>
      </Flex>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<CivilityHouseholdView>
          size="small"
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          columns={columns}
          scroll={{ x: 720 }}
          locale={{ emptyText: c.empty }}
          onRow={() => ({ 'data-testid': 'civility-household' }) as object}
          rowSelection={{
            selectedRowKeys: selected.map((h) => h.id),
            preserveSelectedRowKeys: true,
            getCheckboxProps: (h) => ({ disabled: !h.canEnter, 'aria-label': h.address }),
            onChange: (_keys, rows) => setSelected(rows.filter(Boolean)),
          }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => fmt(c.total, { n }),
            onChange: (page, pageSize) => update({ page, pageSize }, true),
          }}
        />
      )}
      {adding && (
        <AddEntryModal
          households={adding}
          onClose={(done) => {
            setAdding(null);
            if (done) setSelected([]);
          }}
        />
      )}
      {ledger && <LedgerDrawer id={ledger} onClose={() => setLedger(null)} />}
    </Flex>
  );
}

type RuleForm = {
  code?: string;
  label: string;
  points: number;
  kind: 'manual' | 'event';
  trigger?: CivilityTrigger | null;
  maxPerQuarter?: number | null;
  active: boolean;
};

function RuleModal({ rule, onClose }: { rule: CivilityRuleView | null; onClose: () => void }) {
  const [form] = Form.useForm<RuleForm>();
  const kind = Form.useWatch('kind', form);
  const write = useWrite(
    (v: RuleForm) => {
      const body = {
        label: v.label,
        points: v.points,
        kind: v.kind,
        trigger: v.kind === 'event' ? (v.trigger ?? null) : null,
        maxPerQuarter: v.maxPerQuarter ?? null,
        active: v.active,
      };
      return rule
        ? api.put(`/api/civility/rules/${rule.id}`, body)
        : api.post('/api/civility/rules', { ...body, code: v.code });
    },
    [[...KEY]],
    onClose,
    () => c.ruleSaved,
  );
  return (
    <Modal
      open
      title={rule ? `${c.edit} · ${rule.label}` : c.newRule}
      okText={c.save}
      cancelText={c.cancel}
      confirmLoading={write.isPending}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => write.mutate(v))}
    >
      <Form<RuleForm>
        form={form}
        layout="vertical"
        initialValues={
          rule
            ? { ...rule, trigger: rule.trigger ?? undefined }
            : { kind: 'manual', active: true, points: 1 }
        }
      >
        {!rule && (
          <Form.Item
            name="code"
            label={c.code}
            rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,39}$/ }]}
          >
            <Input aria-label={c.code} />
          </Form.Item>
        )}
        <Form.Item name="label" label={c.label} rules={[{ required: true, min: 2, max: 40 }]}>
          <Input aria-label={c.label} />
        </Form.Item>
        <Form.Item name="points" label={c.points} rules={[{ required: true }]}>
          <InputNumber aria-label={c.points} min={-100} max={100} />
        </Form.Item>
        <Form.Item name="kind" label={c.kind}>
          <Select
            aria-label={c.kind}
            options={[
              { value: 'manual', label: c.kindManual },
              { value: 'event', label: c.kindEvent },
            ]}
          />
        </Form.Item>
        {kind === 'event' && (
          <Form.Item name="trigger" label={c.trigger} rules={[{ required: true }]}>
            <Select
              aria-label={c.trigger}
              options={CIVILITY_TRIGGERS.map((t) => ({ value: t, label: c.triggerLabel[t] }))}
            />
          </Form.Item>
        )}
        <Form.Item name="maxPerQuarter" label={c.cap}>
          <InputNumber aria-label={c.cap} min={1} max={100} placeholder={c.capNone} />
        </Form.Item>
        <Form.Item name="active" label={c.active} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function HistoryModal({ rule, onClose }: { rule: CivilityRuleView; onClose: () => void }) {
  const history = useQuery({
    queryKey: [...KEY, 'history', rule.id],
    queryFn: () => api.get<CivilityRuleHistory>(`/api/civility/rules/${rule.id}/history`),
  });
  return (
    <Modal open footer={null} title={`${c.history} · ${rule.label}`} onCancel={onClose}>
      <Table
        size="small"
        rowKey="version"
        pagination={false}
        loading={history.isPending}
        dataSource={history.data?.items ?? []}
        columns={[
          { title: c.version, dataIndex: 'version', width: 50 },
          { title: c.label, dataIndex: 'label' },
          { title: c.points, dataIndex: 'points', width: 50 },
          {
            title: c.cap,
            dataIndex: 'maxPerQuarter',
            width: 70,
            render: (n: number | null) => (n ? fmt(c.capTimes, { n }) : c.capNone),
          },
          {
            title: c.active,
            dataIndex: 'active',
            width: 50,
            render: (a: boolean) => (a ? c.active : c.inactive),
          },
          {
            title: c.updated,
            key: 'at',
            render: (_: unknown, v: CivilityRuleHistory['items'][number]) =>
              `${formatDateTime(v.changedAt)} ${v.changedBy?.name ?? ''}`,
          },
        ]}
      />
    </Modal>
  );
}

function RulesTab() {
  const rules = useRules();
  const [editing, setEditing] = useState<CivilityRuleView | null | 'new'>(null);
  const [history, setHistory] = useState<CivilityRuleView | null>(null);
  if (rules.isPending) return <PageLoading />;
  if (rules.isError) return <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />;
  const canEdit = rules.data.canEdit;
  return (
    <Flex vertical gap={12}>
      {canEdit ? (
        <Flex justify="end">
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {c.newRule}
          </Button>
        </Flex>
      ) : (
        <Alert type="info" showIcon title={c.readOnly} />
      )}
      <Table<CivilityRuleView>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rules.data.items}
        scroll={{ x: 760 }}
        onRow={() => ({ 'data-testid': 'civility-rule' }) as object}
        columns={[
          {
            title: c.label,
            key: 'label',
            render: (_: unknown, r) => (
              <Flex vertical>
                <span>
                  {r.label} {!r.active && <Tag>{c.inactive}</Tag>}
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.code}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: c.points,
            key: 'p',
            width: 60,
            render: (_: unknown, r) => <Points n={r.points} />,
          },
          {
            title: c.kind,
            key: 'kind',
            width: 220,
            render: (_: unknown, r) =>
              r.kind === 'event' && r.trigger ? c.triggerLabel[r.trigger] : c.kindManual,
          },
          {
            title: c.cap,
            key: 'cap',
            width: 80,
            render: (_: unknown, r) =>
              r.maxPerQuarter ? fmt(c.capTimes, { n: r.maxPerQuarter }) : c.capNone,
          },
          {
            title: c.version,
            key: 'v',
            width: 150,
            render: (_: unknown, r) => (
              <Typography.Link onClick={() => setHistory(r)}>
                v{r.version} · {formatDateTime(r.updatedAt)}
              </Typography.Link>
            ),
          },
          ...(canEdit
            ? [
                {
                  title: '',
                  key: 'edit',
                  width: 70,
                  render: (_: unknown, r: CivilityRuleView) => (
                    <Button size="small" onClick={() => setEditing(r)}>
                      {c.edit}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <RuleModal rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      {history && <HistoryModal rule={history} onClose={() => setHistory(null)} />}
    </Flex>
  );
}

export default function CivilityPage() {
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
        {c.title}
      </Typography.Title>
      <Typography.Text type="secondary">{c.help}</Typography.Text>
      <Card size="small">
        <Tabs
          destroyOnHidden
          items={[
            { key: 'households', label: c.tabHouseholds, children: <HouseholdsTab /> },
            { key: 'rules', label: c.tabRules, children: <RulesTab /> },
          ]}
        />
      </Card>
    </Flex>
  );
}
