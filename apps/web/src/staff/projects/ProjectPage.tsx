// One common-problem project: its details and milestones, the tickets it
// gathers (and the search to add more), the one reply to all of them, and the
// monthly volume of its problem before and after it started.
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Input,
  List,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Space,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  REPLY_CHANNELS,
  type ProjectLinkResult,
  type ProjectReplyResult,
  type ProjectView,
  type ProjectVolume,
  type ReplyChannel,
  type TicketListQuery,
  type TicketSummary,
  type VolumePeriod,
} from '@jiesu/contracts';
import { api, errorMessage } from '../../api/client';
import { useCategories, useJurisdictions, useTicketList } from '../../api/hooks';
import { EmptyState, ErrorState, PageLoading } from '../../lib/states';
import { buildTree } from '../../lib/tree';
import { formatDateTime } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { StateTag } from '../tickets/parts';
import { ProjectForm } from './ProjectForm';
import { Figure, ProjectStateTag, TicketResults, skippedText } from './parts';
import { useProject, useProjectTickets, useProjectVolume } from './queries';
import { tProjects } from '../../i18n/projects';

// ECharts is the largest library here: load it after the page is on screen.
const Chart = lazy(() => import('../../lib/Chart'));

const p = tProjects;

const PERIOD_COLOURS: Record<VolumePeriod, string> = {
  before: '#8c8c8c',
  start: '#d48806',
  after: '#389e0d',
  current: '#bfbfbf',
};

/** The columns a list of tickets shows here: code, title, state, place, lead unit, received. */
function ticketColumns(): TableProps<TicketSummary>['columns'] {
  return [
    {
      title: t.web.ticket.code,
      dataIndex: 'code',
      width: 150,
      render: (code: string, r) => <Link to={`/tickets/${r.id}`}>{code}</Link>,
    },
    { title: t.web.ticket.title, dataIndex: 'title', ellipsis: true },
    {
      title: t.web.ticket.state,
      dataIndex: 'state',
      width: 90,
      render: (s: TicketSummary['state']) => <StateTag state={s} />,
    },
    { title: t.web.ticket.category, dataIndex: ['category', 'name'], width: 110, ellipsis: true },
    { title: t.web.ticket.place, dataIndex: ['jurisdiction', 'name'], width: 110, ellipsis: true },
    {
      title: t.web.ticket.leadUnit,
      dataIndex: ['leadUnit', 'name'],
      width: 150,
      ellipsis: true,
      render: (n?: string) => n ?? t.web.common.none,
    },
    {
      title: t.web.ticket.receivedAt,
      dataIndex: 'receivedAt',
      width: 140,
      render: (v: string) => formatDateTime(v),
    },
  ];
}

function Details({ project }: { project: ProjectView }) {
  return (
    <Card title={p.details} size="small">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'owner', label: p.ownerUnit, children: project.ownerUnit.name },
          {
            key: 'topic',
            label: p.monthlyTopic,
            children: project.monthlyTopic ?? t.web.common.none,
          },
          {
            key: 'category',
            label: p.category,
            children: project.category?.name ?? p.allCategories,
          },
          {
            key: 'place',
            label: p.place,
            children: project.jurisdiction?.name ?? p.wholeDistrict,
          },
          { key: 'starts', label: p.startsOn, children: project.startsOn },
          { key: 'due', label: p.dueOn, children: project.dueOn ?? t.web.common.none },
          {
            key: 'linked',
            label: p.linked,
            children: fmt(p.linkedOpen, { open: project.openLinkedCount, n: project.linkedCount }),
          },
          {
            key: 'created',
            label: p.createdBy,
            children: `${project.createdBy?.name ?? t.web.common.none} · ${formatDateTime(project.createdAt)}`,
          },
          ...(project.completedAt
            ? [{ key: 'done', label: p.completedAt, children: formatDateTime(project.completedAt) }]
            : []),
          {
            key: 'problem',
            label: p.problem,
            span: 2,
            children: <div style={{ whiteSpace: 'pre-wrap' }}>{project.problem}</div>,
          },
          {
            key: 'plan',
            label: p.plan,
            span: 2,
            children: (
              <div style={{ whiteSpace: 'pre-wrap' }}>{project.plan || t.web.common.none}</div>
            ),
          },
          {
            key: 'budget',
            label: p.budgetNote,
            span: 2,
            children: (
              <div style={{ whiteSpace: 'pre-wrap' }}>
                {project.budgetNote || t.web.common.none}
              </div>
            ),
          },
        ]}
      />
    </Card>
  );
}

function Milestones({ project }: { project: ProjectView }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [title, setTitle] = useState('');
  const [due, setDue] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);

  async function call(fn: () => Promise<unknown>) {
    setBusy(true);
    try {
      await fn();
      await qc.invalidateQueries({ queryKey: ['tickets', 'projects'] });
      return true;
    } catch (e) {
      message.error(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function add() {
    if (title.trim().length < 2) {
      message.error(fmt(t.web.form.minLength, { field: p.milestoneTitle, n: 2 }));
      return;
    }
    const ok = await call(() =>
      api.post(`/api/projects/${project.id}/milestones`, {
        title: title.trim(),
        ...(due ? { dueOn: due.format('YYYY-MM-DD') } : {}),
      }),
    );
    if (ok) {
      setTitle('');
      setDue(null);
    }
  }

  return (
    <Card title={p.milestones} size="small" data-testid="milestones">
      {project.milestones.length === 0 ? (
        <EmptyState text={p.noMilestones} />
      ) : (
        <List
          size="small"
          dataSource={project.milestones}
          rowKey="id"
          renderItem={(ms) => (
            <List.Item>
              <Flex vertical style={{ width: '100%' }}>
                <Checkbox
                  checked={ms.doneAt !== null}
                  disabled={!project.canEdit || busy}
                  onChange={(e) =>
                    void call(() =>
                      api.patch(`/api/projects/${project.id}/milestones/${ms.id}`, {
                        done: e.target.checked,
                      }),
                    )
                  }
                >
                  <span style={ms.doneAt ? { textDecoration: 'line-through' } : undefined}>
                    {ms.title}
                  </span>
                </Checkbox>
                <Typography.Text type="secondary" style={{ fontSize: 12, paddingLeft: 24 }}>
                  {ms.doneAt
                    ? fmt(p.milestoneDone, { at: formatDateTime(ms.doneAt) })
                    : ms.dueOn
                      ? fmt(p.milestoneDueOn, { day: ms.dueOn })
                      : null}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
      {project.canEdit && (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Input
            aria-label={p.milestoneTitle}
            placeholder={p.milestoneTitle}
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
            onPressEnter={() => void add()}
          />
          <DatePicker
            aria-label={p.milestoneDue}
            placeholder={p.milestoneDue}
            value={due}
            onChange={setDue}
          />
          <Button loading={busy} onClick={() => void add()}>
            {p.addMilestone}
          </Button>
        </Space.Compact>
      )}
    </Card>
  );
}

function changeText(v: ProjectVolume): string {
  if (v.changePct === null) return p.noChange;
  return `${v.changePct > 0 ? '+' : ''}${v.changePct}%`;
}

function Volume({ id }: { id: string }) {
  const volume = useProjectVolume(id);
  const option = useMemo(() => {
    const v = volume.data;
    if (!v) return undefined;
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 36, right: 12, top: 12, bottom: 48 },
      xAxis: {
        type: 'category',
        data: v.months.map((m) => m.month),
        axisLabel: { rotate: 45 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: p.count,
          data: v.months.map((m) => ({
            value: m.count,
            itemStyle: { color: PERIOD_COLOURS[m.period] },
          })),
        },
      ],
    };
  }, [volume.data]);
  return (
    <Card title={p.volume} size="small">
      {volume.isPending ? (
        <PageLoading />
      ) : volume.isError ? (
        <ErrorState error={volume.error} onRetry={() => void volume.refetch()} />
      ) : (
        <Flex vertical gap={8}>
          <Flex align="flex-end" gap={24} wrap>
            <Flex vertical>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.change}
              </Typography.Text>
              <span
                data-testid="volume-change"
                style={{
                  fontSize: 40,
                  fontWeight: 600,
                  lineHeight: 1.1,
                  color:
                    volume.data.changePct === null
                      ? '#8c8c8c'
                      : volume.data.changePct <= 0
                        ? '#389e0d'
                        : '#cf1322',
                }}
              >
                {changeText(volume.data)}
              </span>
            </Flex>
            <Figure
              label={p.beforeAvg}
              value={
                volume.data.beforeAvg === null ? t.web.common.none : `${volume.data.beforeAvg}`
              }
            />
            <Figure
              label={p.afterAvg}
              value={volume.data.afterAvg === null ? t.web.common.none : `${volume.data.afterAvg}`}
            />
          </Flex>
          {option && (
            <Suspense fallback={<PageLoading />}>
              <Chart option={option} label={p.volumeChart} height={240} />
            </Suspense>
          )}
          <Space wrap size={4}>
            {(Object.keys(PERIOD_COLOURS) as VolumePeriod[]).map((k) => (
              <Tag key={k} color={PERIOD_COLOURS[k]}>
                {p.periods[k]}
              </Tag>
            ))}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {volume.data.basis}
          </Typography.Text>
        </Flex>
      )}
    </Card>
  );
}

function LinkedTickets({ project }: { project: ProjectView }) {
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useProjectTickets(project.id, page);
  const [selected, setSelected] = useState<string[]>([]);
  const [unlinking, setUnlinking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ProjectLinkResult | null>(null);
  const qc = useQueryClient();
  const { message } = App.useApp();

  async function unlink() {
    if (reason.trim().length < 2) {
      message.error(fmt(t.web.form.minLength, { field: p.unlinkReason, n: 2 }));
      return;
    }
    setBusy(true);
    try {
      const r = await api.post<ProjectLinkResult>(`/api/projects/${project.id}/tickets/unlink`, {
        ticketIds: selected,
        reason: reason.trim(),
      });
      setResult(r);
      setSelected([]);
      setUnlinking(false);
      setReason('');
      await qc.invalidateQueries({ queryKey: ['tickets'] });
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card
      title={fmt(p.ticketsTitle, { n: project.linkedCount })}
      size="small"
      data-testid="linked-tickets"
      extra={
        project.canLink && selected.length > 0 ? (
          <Button danger size="small" onClick={() => setUnlinking(true)}>
            {fmt(p.unlinkSelected, { n: selected.length })}
          </Button>
        ) : null
      }
    >
      {result && (
        <Alert
          type={result.failed ? 'warning' : 'success'}
          showIcon
          closable={{ onClose: () => setResult(null) }}
          style={{ marginBottom: 8 }}
          title={fmt(p.unlinkDone, { ok: result.ok, failed: result.failed })}
          description={
            result.failed ? (
              <TicketResults results={result.results.filter((r) => !r.ok)} testId="unlink-result" />
            ) : undefined
          }
        />
      )}
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<TicketSummary>
          size="small"
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          columns={ticketColumns()}
          scroll={{ x: 900 }}
          locale={{ emptyText: p.ticketsEmpty }}
          onRow={() => ({ 'data-testid': 'project-ticket-row' }) as object}
          rowSelection={
            project.canLink
              ? {
                  selectedRowKeys: selected,
                  preserveSelectedRowKeys: true,
                  onChange: (keys) => setSelected(keys as string[]),
                }
              : undefined
          }
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => fmt(p.ticketTotal, { n }),
            onChange: (pg, ps) => setPage({ page: pg, pageSize: ps }),
          }}
        />
      )}
      {unlinking && (
        <Modal
          open
          title={fmt(p.unlinkSelected, { n: selected.length })}
          okText={t.web.action.submit}
          onOk={() => void unlink()}
          onCancel={() => setUnlinking(false)}
          confirmLoading={busy}
        >
          <label htmlFor="unlink-reason">{p.unlinkReason}</label>
          <Input.TextArea
            id="unlink-reason"
            value={reason}
            maxLength={1000}
            autoSize={{ minRows: 2 }}
            onChange={(e) => setReason(e.target.value)}
          />
        </Modal>
      )}
    </Card>
  );
}

/** The search for tickets to gather: the ticket list with its text, category and place filters. */
function AddTickets({ project }: { project: ProjectView }) {
  const cats = useCategories();
  const places = useJurisdictions();
  const catTree = useMemo(() => buildTree(cats.data ?? []), [cats.data]);
  const placeTree = useMemo(
    () => buildTree(places.data ?? [], (j) => j.level !== 'city'),
    [places.data],
  );
  const [text, setText] = useState('');
  const [search, setSearch] = useState<TicketListQuery>({
    page: 1,
    pageSize: 20,
    ...(project.category ? { categoryId: project.category.id } : {}),
    ...(project.jurisdiction ? { jurisdictionId: project.jurisdiction.id } : {}),
  });
  const [open, setOpen] = useState(false);
  const list = useTicketList(search, open);
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ProjectLinkResult | null>(null);
  const qc = useQueryClient();
  const { message } = App.useApp();

  const change = (patch: Partial<TicketListQuery>) => {
    setOpen(true);
    setSearch((s) => ({ ...s, ...patch, page: 1 }));
  };

  async function link() {
    setBusy(true);
    try {
      const r = await api.post<ProjectLinkResult>(`/api/projects/${project.id}/tickets`, {
        ticketIds: selected,
      });
      setResult(r);
      setSelected([]);
      await qc.invalidateQueries({ queryKey: ['tickets'] });
      if (r.failed) message.warning(fmt(p.linkDone, { ok: r.ok, failed: r.failed }));
      else message.success(fmt(p.linkDone, { ok: r.ok, failed: r.failed }));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={p.addTickets} size="small" data-testid="add-tickets">
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{p.candidateHint}</Typography.Text>
        <Flex wrap gap={8}>
          <Input.Search
            allowClear
            aria-label={p.candidateSearch}
            placeholder={p.candidateSearch}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(q) => change({ q: q.trim() || undefined })}
            enterButton={p.find}
            style={{ width: 280 }}
          />
          <TreeSelect
            allowClear
            showSearch
            treeNodeFilterProp="title"
            aria-label={p.candidateCategory}
            placeholder={p.candidateCategory}
            style={{ minWidth: 180 }}
            treeData={catTree}
            value={search.categoryId}
            onChange={(v?: string) => change({ categoryId: v })}
          />
          <TreeSelect
            allowClear
            showSearch
            treeNodeFilterProp="title"
            aria-label={p.candidatePlace}
            placeholder={p.candidatePlace}
            style={{ minWidth: 180 }}
            treeData={placeTree}
            value={search.jurisdictionId}
            onChange={(v?: string) => change({ jurisdictionId: v })}
          />
          {!open && (
            <Button onClick={() => change({})} data-testid="candidate-find">
              {p.find}
            </Button>
          )}
        </Flex>
        {open &&
          (list.isError ? (
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          ) : (
            <Table<TicketSummary>
              size="small"
              rowKey="id"
              loading={list.isFetching}
              dataSource={list.data?.items ?? []}
              columns={ticketColumns()}
              scroll={{ x: 900 }}
              locale={{ emptyText: p.candidatesEmpty }}
              onRow={() => ({ 'data-testid': 'candidate-row' }) as object}
              rowSelection={{
                selectedRowKeys: selected,
                preserveSelectedRowKeys: true,
                onChange: (keys) => setSelected(keys as string[]),
              }}
              pagination={{
                current: search.page,
                pageSize: search.pageSize,
                total: list.data?.total ?? 0,
                showSizeChanger: true,
                showTotal: (n) => fmt(p.ticketTotal, { n }),
                onChange: (pg, ps) => setSearch((s) => ({ ...s, page: pg, pageSize: ps })),
              }}
            />
          ))}
        <Space wrap>
          <Button
            type="primary"
            disabled={selected.length === 0}
            loading={busy}
            onClick={() => void link()}
          >
            {fmt(p.linkSelected, { n: selected.length })}
          </Button>
          {selected.length > 0 && (
            <Button type="link" onClick={() => setSelected([])}>
              {p.clearSelection}
            </Button>
          )}
        </Space>
        {result && (
          <Card
            size="small"
            role="region"
            aria-label={p.linkResult}
            title={fmt(p.linkDone, { ok: result.ok, failed: result.failed })}
            extra={
              <Button type="link" onClick={() => setResult(null)}>
                {p.closeResult}
              </Button>
            }
          >
            <TicketResults results={result.results} testId="link-result" />
          </Card>
        )}
      </Flex>
    </Card>
  );
}

function Reply({ project }: { project: ProjectView }) {
  const [text, setText] = useState('');
  const [channel, setChannel] = useState<ReplyChannel>('sms');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ProjectReplyResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const qc = useQueryClient();
  const tooShort = text.trim().length < 5;

  async function send() {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<ProjectReplyResult>(`/api/projects/${project.id}/reply`, {
        text: text.trim(),
        channel,
      });
      setResult(r);
      await qc.invalidateQueries({ queryKey: ['tickets'] });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={p.reply} size="small" data-testid="project-reply">
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{p.replyHint}</Typography.Text>
        {error && <Alert type="error" showIcon title={error} role="alert" />}
        <label htmlFor="project-reply-text">{p.replyText}</label>
        <Input.TextArea
          id="project-reply-text"
          value={text}
          maxLength={4000}
          showCount
          autoSize={{ minRows: 3 }}
          onChange={(e) => setText(e.target.value)}
        />
        <Space wrap>
          <span>{p.replyChannel}</span>
          <Radio.Group
            optionType="button"
            value={channel}
            onChange={(e) => setChannel(e.target.value as ReplyChannel)}
            options={REPLY_CHANNELS.map((c) => ({ value: c, label: t.replyChannel[c] }))}
          />
        </Space>
        <div>
          <Popconfirm
            title={p.sendConfirm}
            okText={p.sendOk}
            cancelText={t.web.common.cancel}
            onConfirm={() => void send()}
            disabled={tooShort}
          >
            <Button type="primary" disabled={tooShort} loading={busy}>
              {p.send}
            </Button>
          </Popconfirm>
        </div>
        {result && (
          <Card
            size="small"
            role="region"
            aria-label={p.replyResult}
            title={
              <span data-testid="reply-summary">
                {fmt(p.replyDone, {
                  replied: result.replied,
                  failed: result.failed,
                  skipped: result.skipped,
                })}
              </span>
            }
            extra={
              <Button type="link" onClick={() => setResult(null)}>
                {p.closeResult}
              </Button>
            }
          >
            {result.skipped > 0 && (
              <Typography.Paragraph type="secondary">
                {fmt(p.skippedBy, { list: skippedText(result.skippedByState) })}
              </Typography.Paragraph>
            )}
            <TicketResults results={result.results} testId="reply-result" />
          </Card>
        )}
      </Flex>
    </Card>
  );
}

export default function ProjectPage() {
  const { id } = useParams();
  const project = useProject(id);
  const [editing, setEditing] = useState(false);

  if (project.isPending) return <PageLoading />;
  if (project.isError)
    return <ErrorState error={project.error} onRetry={() => void project.refetch()} />;
  const pr = project.data;

  return (
    <Flex vertical gap={12}>
      <Card>
        <Flex justify="space-between" wrap gap={12} align="flex-start">
          <div>
            <Link to="/projects">{p.title}</Link>
            <Typography.Title level={2} style={{ margin: '4px 0', fontSize: 20 }}>
              {pr.title}
            </Typography.Title>
            <Space wrap>
              <ProjectStateTag state={pr.state} />
              {pr.monthlyTopic && (
                <Tag color="purple">{fmt(p.topicOf, { month: pr.monthlyTopic })}</Tag>
              )}
              <span>{pr.ownerUnit.name}</span>
            </Space>
          </div>
          {pr.canEdit && <Button onClick={() => setEditing(true)}>{p.edit}</Button>}
        </Flex>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={16}>
          <Flex vertical gap={12}>
            <Details project={pr} />
            <LinkedTickets project={pr} />
            {pr.canLink && <AddTickets project={pr} />}
            {pr.canReply && <Reply project={pr} />}
          </Flex>
        </Col>
        <Col xs={24} lg={8}>
          <Flex vertical gap={12}>
            <Volume id={pr.id} />
            <Milestones project={pr} />
          </Flex>
        </Col>
      </Row>
      {editing && (
        <ProjectForm
          project={pr}
          onClose={() => setEditing(false)}
          onSaved={() => setEditing(false)}
        />
      )}
    </Flex>
  );
}
