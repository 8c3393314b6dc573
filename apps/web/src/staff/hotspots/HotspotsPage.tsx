// 热点发现: the groups of requests about one problem at one place from different
// requesters, ranked by heat, for a window and an area; each expands to its tickets;
// alert badges; 立项 (a common-problem project with the tickets linked) and 主动排查
// (an instruction to the grid workers below its place) in one click each; the alerts
// with acknowledgement; the list as Excel.
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Space,
  Table,
  Tabs,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type {
  HotspotActionResult,
  HotspotAlertList,
  HotspotAlertView,
  HotspotGroup,
  HotspotList,
  HotspotQuery,
  HotspotTicket,
} from '@jiesu/contracts';
import { api, errorMessage, toSearch } from '../../api/client';
import { useJurisdictions } from '../../api/hooks';
import { ErrorState, PageLoading } from '../../lib/states';
import { formatDate, formatDateTime } from '../../lib/time';
import { buildTree } from '../../lib/tree';
import { fmt } from '../../i18n';
import { StateTag } from '../tickets/parts';
import { tHotspots as h } from '../../i18n/hotspots';

type Action = { kind: 'project' | 'sweep'; group: HotspotGroup };

function Status({ g }: { g: HotspotGroup }) {
  return (
    <Space size={4} wrap>
      {g.alert && (
        <Badge
          status={g.alert.acknowledgedAt ? 'default' : 'error'}
          text={g.alert.acknowledgedAt ? h.alertAck : h.alert}
        />
      )}
      {!g.alert && g.overThreshold && <Tag color="red">{h.overThreshold}</Tag>}
      {(g.alert?.project ?? g.projects[0]) && (
        <Link to={`/projects/${(g.alert?.project ?? g.projects[0])!.id}`}>
          <Tag color="blue">{h.projectStarted}</Tag>
        </Link>
      )}
      {g.alert?.broadcast && (
        <Link to="/broadcasts">
          <Tag color="green">{h.sweepStarted}</Tag>
        </Link>
      )}
    </Space>
  );
}

function TicketsOf({ g }: { g: HotspotGroup }) {
  const columns: TableProps<HotspotTicket>['columns'] = [
    {
      title: h.code,
      dataIndex: 'code',
      width: 170,
      render: (_, r) => <Link to={`/tickets/${r.id}`}>{r.code}</Link>,
    },
    { title: h.ticketTitle, dataIndex: 'title' },
    {
      title: h.receivedAt,
      dataIndex: 'receivedAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: h.ticketPlace,
      key: 'place',
      render: (_, r) => [r.place, r.address].filter(Boolean).join(' · '),
    },
    {
      title: h.state,
      dataIndex: 'state',
      width: 100,
      render: (_, r) => <StateTag state={r.state} />,
    },
  ];
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      columns={columns}
      dataSource={g.tickets}
      data-testid="hotspot-tickets"
    />
  );
}

function AlertsTab() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const alerts = useQuery({
    queryKey: ['hotspots', 'alerts'],
    queryFn: () => api.get<HotspotAlertList>('/api/insight/hotspots/alerts'),
  });
  const ack = useMutation({
    mutationFn: (id: string) =>
      api.post<HotspotAlertView>(`/api/insight/hotspots/alerts/${id}/ack`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['hotspots'] }),
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (alerts.isPending) return <PageLoading />;
  if (alerts.isError)
    return <ErrorState error={alerts.error} onRetry={() => void alerts.refetch()} />;
  const columns: TableProps<HotspotAlertView>['columns'] = [
    {
      title: h.raisedAt,
      dataIndex: 'createdAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    { title: h.hotspot, dataIndex: 'title' },
    { title: h.place, dataIndex: 'place' },
    { title: h.messages, dataIndex: 'messages', width: 80 },
    { title: h.requesters, dataIndex: 'requesters', width: 90 },
    {
      title: h.source.threshold,
      dataIndex: 'source',
      width: 100,
      render: (s: 'threshold' | 'manual') => h.source[s],
    },
    {
      title: h.status,
      key: 'status',
      render: (_, a) => (
        <Space size={4} wrap>
          {a.project && (
            <Link to={`/projects/${a.project.id}`}>
              <Tag color="blue">{h.projectStarted}</Tag>
            </Link>
          )}
          {a.broadcast && (
            <Link to="/broadcasts">
              <Tag color="green">{h.sweepStarted}</Tag>
            </Link>
          )}
          {a.acknowledgedAt ? (
            <Typography.Text type="secondary">
              {h.alertAck} {a.acknowledgedBy?.name}
            </Typography.Text>
          ) : (
            <Button size="small" loading={ack.isPending} onClick={() => ack.mutate(a.id)}>
              {h.acknowledge}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Table
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={alerts.data.items}
      locale={{ emptyText: h.alertsEmpty }}
      data-testid="hotspot-alerts"
    />
  );
}

function ActionModal({ action, onClose }: { action: Action | null; onClose: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ title: string; body?: string }>();
  const g = action?.group;
  const start = useMutation({
    mutationFn: (v: { title: string; body?: string }) =>
      action!.kind === 'project'
        ? api.post<HotspotActionResult>('/api/insight/hotspots/project', {
            ticketIds: g!.tickets.map((x) => x.id),
            title: v.title,
          })
        : api.post<HotspotActionResult>('/api/insight/hotspots/broadcast', {
            ticketIds: g!.tickets.map((x) => x.id),
            title: v.title,
            ...(v.body?.trim() ? { body: v.body.trim() } : {}),
          }),
    onSuccess: (r) => {
      void message.success(
        fmt(action!.kind === 'project' ? h.projectDone : h.sweepDone, { n: r.linked }),
      );
      void qc.invalidateQueries({ queryKey: ['hotspots'] });
      onClose();
    },
  });
  if (!action || !g) return null;
  const project = action.kind === 'project';
  const initial = project
    ? fmt(h.projectTitleDefault, { place: g.jurisdiction?.name ?? '', title: g.title }).slice(
        0,
        100,
      )
    : g.title.slice(0, 50);
  return (
    <Modal
      open
      title={project ? h.startProject : h.startSweep}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={start.isPending}
      destroyOnHidden
      data-testid="hotspot-action-modal"
    >
      <Typography.Paragraph>
        {project
          ? fmt(h.projectConfirm, { n: g.tickets.length })
          : fmt(h.sweepConfirm, { place: g.jurisdiction?.name ?? g.place })}
      </Typography.Paragraph>
      {start.isError && <Alert type="error" showIcon message={errorMessage(start.error)} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ title: initial }}
        onFinish={(v) => start.mutate(v)}
      >
        <Form.Item
          name="title"
          label={project ? h.projectTitle : h.sweepTitle}
          rules={[{ required: true, min: 2 }]}
        >
          <Input maxLength={project ? 100 : 60} />
        </Form.Item>
        {!project && (
          <Form.Item name="body" label={h.sweepBody} extra={h.sweepBodyHint}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export default function HotspotsPage() {
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [area, setArea] = useState<string | undefined>();
  const [top, setTop] = useState(20);
  const [action, setAction] = useState<Action | null>(null);
  const places = useJurisdictions();
  const placeTree = useMemo(
    () =>
      buildTree(
        places.data ?? [],
        (j) => j.level === 'district' || j.level === 'township' || j.level === 'village',
      ),
    [places.data],
  );
  const query: HotspotQuery = {
    ...(range ? { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') } : {}),
    ...(area ? { jurisdictionId: area } : {}),
    top,
  };
  const list = useQuery({
    queryKey: ['hotspots', 'list', query],
    queryFn: () => api.get<HotspotList>('/api/insight/hotspots', query),
  });
  const maxHeat = Math.max(1, ...(list.data?.items.map((g) => g.heat) ?? [1]));
  const columns: TableProps<HotspotGroup>['columns'] = [
    { title: h.rank, dataIndex: 'rank', width: 60 },
    {
      title: h.hotspot,
      key: 'title',
      width: 300,
      render: (_, g) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{g.title}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {h.keywords}:{g.keywords.join('、')}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: h.place, dataIndex: 'place', width: 160 },
    {
      title: h.heat,
      dataIndex: 'heat',
      width: 160,
      render: (v: number) => (
        <Progress
          percent={Math.round((v / maxHeat) * 100)}
          format={() => v.toFixed(1)}
          size="small"
          strokeColor="#f5222d"
        />
      ),
    },
    { title: h.messages, dataIndex: 'messages', width: 70 },
    { title: h.requesters, dataIndex: 'requesters', width: 80 },
    { title: h.growth, dataIndex: 'growth', width: 70, render: (v: number) => `×${v}` },
    {
      title: h.span,
      key: 'span',
      width: 120,
      render: (_, g) => `${formatDate(g.from)}~${formatDate(g.to).slice(5)}`,
    },
    { title: h.status, key: 'status', width: 150, render: (_, g) => <Status g={g} /> },
    {
      title: h.actions,
      key: 'actions',
      width: 170,
      render: (_, g) => (
        <Space size={4}>
          {list.data?.canStartProject && (
            <Button
              size="small"
              type="primary"
              disabled={Boolean(g.alert?.project ?? g.projects[0])}
              onClick={() => setAction({ kind: 'project', group: g })}
            >
              {h.startProject}
            </Button>
          )}
          {list.data?.canSweep && g.jurisdiction && (
            <Button
              size="small"
              disabled={Boolean(g.alert?.broadcast)}
              onClick={() => setAction({ kind: 'sweep', group: g })}
            >
              {h.startSweep}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  const exportHref = `/api/insight/hotspots/export.xlsx${toSearch(query)}`;
  const listTab = (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap align="center">
        <span>{h.window}</span>
        <DatePicker.RangePicker
          value={range}
          allowClear
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)}
        />
        <span>{h.area}</span>
        <TreeSelect
          style={{ minWidth: 200 }}
          allowClear
          showSearch
          treeNodeFilterProp="title"
          placeholder={h.areaAll}
          treeData={placeTree}
          value={area}
          onChange={(v) => setArea(v)}
        />
        <span>{h.top}</span>
        <InputNumber min={1} max={50} value={top} onChange={(v) => setTop(v ?? 20)} />
        <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
          {h.refresh}
        </Button>
        <Button icon={<DownloadOutlined />} href={exportHref} download>
          {h.export}
        </Button>
      </Flex>
      {list.isPending ? (
        <PageLoading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <Typography.Text type="secondary">
            {list.data.from} ~ {list.data.to} ·{' '}
            {fmt(h.scanned, { n: list.data.scanned, ms: list.data.tookMs })}
            {list.data.truncated ? h.truncated : ''} ·{' '}
            {fmt(h.thresholdNote, {
              days: list.data.config.windowDays,
              messages: list.data.config.minMessages,
              requesters: list.data.config.minRequesters,
            })}
          </Typography.Text>
          <Table
            rowKey="rank"
            size="small"
            columns={columns}
            dataSource={list.data.items}
            pagination={false}
            locale={{ emptyText: h.empty }}
            scroll={{ x: 1400 }}
            expandable={{ expandedRowRender: (g) => <TicketsOf g={g} /> }}
            data-testid="hotspot-list"
          />
        </>
      )}
    </Flex>
  );
  return (
    <Card title={h.title}>
      <Typography.Paragraph type="secondary">{h.help}</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'list', label: h.title, children: listTab },
          { key: 'alerts', label: h.alerts, children: <AlertsTab /> },
        ]}
      />
      <ActionModal action={action} onClose={() => setAction(null)} />
    </Card>
  );
}
