// 吹哨报到: for a department, the whistles waiting for it to report in (soonest
// due first, with the countdown); for a township, the whistles it blew with each
// summoned unit's state, and a whistle to a place and topic; for the centre and
// leaders, the assessment figures of both sides.
import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import type { WhistleListQuery, WhistleStats, WhistleView } from '@jiesu/contracts';
import { api, errorMessage } from '../../api/client';
import { useJurisdictions, useMe, useUnits } from '../../api/hooks';
import { ErrorState } from '../../lib/states';
import { StatsCard } from '../../lib/StatsCard';
import { requiredRule } from '../../lib/formRules';
import { formatDateTime } from '../../lib/time';
import { DayRangePicker, useUrlFilters } from '../../lib/urlFilters';
import { fmt, t } from '../../i18n';
import { hasAny } from '../roles';
import { ticketColumn } from '../tickets/parts';
import { SummonsLine, SummonsTag, WhistleCountdown } from './parts';
import { useWhistleList, useWhistleStats } from './queries';
import { tCoord } from '../../i18n/coord';

const c = tCoord;
type Tab = 'waiting' | 'blown' | 'stats';

/** The ticket a whistle was blown for, or for a whistle to a place, the place. */
const ticketOrPlace = ticketColumn<WhistleView>(c.ticket, (w) => (
  <Flex vertical>
    <Typography.Text type="secondary">{c.noTicket}</Typography.Text>
    <span>{w.jurisdiction?.name}</span>
  </Flex>
));

/** Whistles in a table, or the error in its place when they fail to load. */
function WhistleTable(props: {
  query: WhistleListQuery;
  columns: TableProps<WhistleView>['columns'];
  width: number;
  empty: string;
  pagination: TableProps<WhistleView>['pagination'];
}) {
  const list = useWhistleList(props.query);
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Table<WhistleView>
      size="small"
      rowKey="id"
      loading={list.isFetching}
      dataSource={list.data?.items ?? []}
      columns={props.columns}
      scroll={{ x: props.width }}
      locale={{ emptyText: props.empty }}
      onRow={() => ({ 'data-testid': 'whistle-row' }) as object}
      pagination={props.pagination}
    />
  );
}

function ReportInButton({ w, unitName }: { w: WhistleView; unitName: string }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const { message } = App.useApp();
  async function submit() {
    setBusy(true);
    try {
      await api.post(`/api/whistles/${w.id}/report-in`, note.trim() ? { note: note.trim() } : {});
      message.success(c.reportedIn);
      await qc.invalidateQueries({ queryKey: ['tickets'] });
      setOpen(false);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <Button type="primary" size="small" onClick={() => setOpen(true)}>
        {c.reportIn}
      </Button>
      {open && (
        <Modal
          open
          title={fmt(c.reportInOf, { unit: unitName })}
          okText={t.web.action.submit}
          onOk={() => void submit()}
          onCancel={() => setOpen(false)}
          confirmLoading={busy}
        >
          <Typography.Paragraph>{w.topic}</Typography.Paragraph>
          <Input.TextArea
            aria-label={t.web.field.note}
            placeholder={t.web.field.note}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={2000}
            autoSize={{ minRows: 2 }}
          />
        </Modal>
      )}
    </>
  );
}

function WaitingTab({ myUnits }: { myUnits: Map<string, string> }) {
  const columns: TableProps<WhistleView>['columns'] = [
    ticketOrPlace,
    { title: c.topic, dataIndex: 'topic', ellipsis: true },
    { title: c.blownBy, dataIndex: ['unit', 'name'], width: 150, ellipsis: true },
    {
      title: c.due,
      key: 'due',
      width: 150,
      render: (_: unknown, w) => (
        <Flex vertical>
          <WhistleCountdown whistle={w} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(w.dueAt)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t.web.common.actions,
      key: 'act',
      width: 200,
      render: (_: unknown, w) => (
        <Space wrap size={4}>
          {w.summonses
            .filter((s) => s.state === 'summoned' && myUnits.has(s.unit.id))
            .map((s) => (
              <Space key={s.id} size={4}>
                <SummonsTag status={s.status} />
                <ReportInButton w={w} unitName={s.unit.name} />
              </Space>
            ))}
        </Space>
      ),
    },
  ];
  return (
    <WhistleTable
      query={{ mine: '1' }}
      columns={columns}
      width={900}
      empty={c.waitingEmpty}
      pagination={false}
    />
  );
}

function BlownTab({ from, to }: { from?: string; to?: string }) {
  const columns: TableProps<WhistleView>['columns'] = [
    ticketOrPlace,
    { title: c.topic, dataIndex: 'topic', width: 220, ellipsis: true },
    { title: c.blownBy, dataIndex: ['unit', 'name'], width: 140, ellipsis: true },
    {
      title: c.createdAt,
      dataIndex: 'createdAt',
      width: 140,
      render: (v: string) => formatDateTime(v),
    },
    { title: c.due, dataIndex: 'dueAt', width: 140, render: (v: string) => formatDateTime(v) },
    {
      title: c.summoned,
      key: 'summonses',
      render: (_: unknown, w) => (
        <Flex vertical gap={2}>
          {w.summonses.map((s) => (
            <SummonsLine key={s.id} s={s} />
          ))}
        </Flex>
      ),
    },
  ];
  return (
    <WhistleTable
      query={{ from, to }}
      columns={columns}
      width={1100}
      empty={c.blownEmpty}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
    />
  );
}

function StatsTab({ from, to }: { from?: string; to?: string }) {
  const stats = useWhistleStats({ from, to }, true);
  if (stats.isError) return <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />;
  type GovRow = WhistleStats['governments'][number];
  type UnitRow = WhistleStats['units'][number];
  const num = { width: 100, align: 'right' as const };
  return (
    <Flex vertical gap={12}>
      <StatsCard<GovRow>
        title={c.governments}
        rowKey={(r) => r.unit.id}
        loading={stats.isPending}
        rows={stats.data?.governments}
        width={560}
        columns={[
          { title: c.unit, dataIndex: ['unit', 'name'] },
          { title: c.whistleCount, dataIndex: 'whistles', ...num },
          { title: c.summonsCount, dataIndex: 'summonses', ...num },
          { title: c.onTime, dataIndex: 'reportedOnTime', ...num },
          { title: c.late, dataIndex: 'late', ...num },
        ]}
      />
      <StatsCard<UnitRow>
        title={c.units}
        rowKey={(r) => r.unit.id}
        loading={stats.isPending}
        rows={stats.data?.units}
        width={640}
        columns={[
          { title: c.unit, dataIndex: ['unit', 'name'] },
          { title: c.summonedCount, dataIndex: 'summoned', ...num },
          { title: c.onTime, dataIndex: 'reportedOnTime', ...num },
          { title: c.reportedLate, dataIndex: 'reportedLate', ...num },
          { title: c.overdue, dataIndex: 'overdue', ...num },
          { title: c.waitingCount, dataIndex: 'waiting', ...num },
        ]}
      />
    </Flex>
  );
}

/** A whistle to a place and topic, without a ticket (a township's leader). */
function NewWhistleButton() {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{
    jurisdictionId: string;
    topic: string;
    unitIds: string[];
    dueHours: number;
  }>();
  const places = useJurisdictions();
  const units = useUnits();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const summonable = (units.data ?? []).filter(
    (u) => u.active && (u.kind === 'department' || u.kind === 'section'),
  );
  async function submit() {
    let values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      await api.post('/api/whistles', { ...values, topic: values.topic.trim() });
      message.success(c.created);
      await qc.invalidateQueries({ queryKey: ['tickets'] });
      setOpen(false);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  const required = (field: string) => [requiredRule(field)];
  return (
    <>
      <Button onClick={() => setOpen(true)}>{c.newWhistle}</Button>
      {open && (
        <Modal
          open
          title={c.newWhistleTitle}
          okText={t.web.action.submit}
          onOk={() => void submit()}
          onCancel={() => setOpen(false)}
          confirmLoading={busy}
          destroyOnHidden
        >
          <Form form={form} layout="vertical" initialValues={{ dueHours: 24 }}>
            <Form.Item name="jurisdictionId" label={c.place} rules={required(c.place)}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={c.pickPlace}
                options={(places.data ?? [])
                  .filter((p) => p.level === 'township' || p.level === 'village')
                  .map((p) => ({ value: p.id, label: p.name }))}
              />
            </Form.Item>
            <Form.Item
              name="topic"
              label={t.web.field.topic}
              rules={[
                ...required(t.web.field.topic),
                { min: 2, message: fmt(t.web.form.minLength, { field: t.web.field.topic, n: 2 }) },
              ]}
            >
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
            </Form.Item>
            <Form.Item
              name="unitIds"
              label={t.web.field.unitIds}
              rules={required(t.web.field.unitIds)}
            >
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={c.pickUnits}
                options={summonable.map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
            <Form.Item
              name="dueHours"
              label={t.web.field.dueHours}
              rules={required(t.web.field.dueHours)}
            >
              <InputNumber min={1} max={168} style={{ width: '100%' }} />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}

export default function WhistlesPage() {
  const me = useMe();
  const units = useUnits();
  const [sp, update] = useUrlFilters();
  const kinds = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.kind])), [units.data]);
  const roles = me.data?.roles ?? [];
  const myUnits = new Map(roles.map((r) => [r.unitId, r.unitName]));
  const summonable = roles.some((r) => {
    const k = kinds.get(r.unitId);
    return k === 'department' || k === 'section';
  });
  const leader = hasAny(me.data, 'unit_leader');
  const assessor = hasAny(me.data, 'dispatcher', 'supervisor', 'admin') || leader;
  const tab = (sp.get('tab') as Tab | null) ?? (summonable ? 'waiting' : 'blown');
  const from = sp.get('from') ?? undefined;
  const to = sp.get('to') ?? undefined;
  const rangePicker = <DayRangePicker label={c.range} from={from} to={to} onChange={update} />;

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          {c.whistles}
        </Typography.Title>
        {leader && <NewWhistleButton />}
      </Flex>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k })}
          items={[
            {
              key: 'waiting',
              label: c.waiting,
              children: tab === 'waiting' && <WaitingTab myUnits={myUnits} />,
            },
            {
              key: 'blown',
              label: c.blown,
              children: tab === 'blown' && (
                <Flex vertical gap={12}>
                  {rangePicker}
                  <BlownTab from={from} to={to} />
                </Flex>
              ),
            },
            ...(assessor
              ? [
                  {
                    key: 'stats',
                    label: c.stats,
                    children: tab === 'stats' && (
                      <Flex vertical gap={12}>
                        {rangePicker}
                        <StatsTab from={from} to={to} />
                      </Flex>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </Flex>
  );
}
