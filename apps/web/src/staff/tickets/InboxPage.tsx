import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Badge,
  Button,
  Card,
  DatePicker,
  Flex,
  Grid,
  Input,
  List,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Segmented,
  Tabs,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { DeleteOutlined, DownloadOutlined, SaveOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  CHANNELS,
  COLOURS,
  SORT_FIELDS,
  TICKET_STATES,
  TICKET_TYPES,
  URGENCIES,
  type TicketAction,
  type TicketListItem,
  type TicketListQuery,
  type TicketSummary,
} from '@jiesu/contracts';
import { api, errorMessage, toSearch } from '../../api/client';
import type { BulkResult } from '../../api/types';
import {
  useCategories,
  useJurisdictions,
  useMe,
  useSavedViews,
  useStats,
  useTicketList,
} from '../../api/hooks';
import { ErrorState, EmptyState } from '../../lib/states';
import { buildTree } from '../../lib/tree';
import { formatDateTime } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { ActionModal } from './ActionModal';
import { bulkCandidates } from './bulk';
import { ColourTag, Countdown, StateTag, UrgencyTag } from './parts';
import { parseQuery, toParams } from './query';
import { Highlights, Marked } from './Highlights';
import { tSearch } from '../../i18n/search';
import { tReplyTemplates } from '../../i18n/reply-templates';

type Sort = (typeof SORT_FIELDS)[number];

/** One ticket's outcome in a bulk action, with what the inbox showed of it. */
interface BulkOutcome {
  id: string;
  code: string;
  title: string;
  ok: boolean;
  message?: string;
}

export default function InboxPage() {
  const [sp, setSp] = useSearchParams();
  const query = useMemo(() => parseQuery(sp), [sp]);
  const list = useTicketList({ pageSize: 20, ...query });
  const stats = useStats();
  const me = useMe();
  const cats = useCategories();
  const places = useJurisdictions();
  const views = useSavedViews();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [selected, setSelected] = useState<TicketSummary[]>([]);
  // The selection is captured when the bulk form opens: the results name those tickets.
  const [bulk, setBulk] = useState<{ action: TicketAction; tickets: TicketSummary[] } | null>(null);
  const [bulkOutcome, setBulkOutcome] = useState<{
    action: TicketAction;
    rows: BulkOutcome[];
  } | null>(null);
  const [saving, setSaving] = useState(false);
  const [viewName, setViewName] = useState('');
  // The search box follows the URL (a saved view, a reset, back/forward), and is typed into freely.
  const [qText, setQText] = useState(query.q ?? '');
  const [qShown, setQShown] = useState(query.q);
  if (qShown !== query.q) {
    setQShown(query.q);
    setQText(query.q ?? '');
  }

  function apply(next: Record<string, unknown>) {
    setSp(toParams(next));
    setSelected([]);
  }

  function update(patch: Partial<TicketListQuery>, keepPage = false) {
    // From the address bar, not this render: quick changes (a tab, then a search) build on
    // each other even before the router has rendered the first one.
    const current = parseQuery(new URLSearchParams(window.location.search));
    const next: Record<string, unknown> = { ...current, ...patch };
    if (!keepPage) delete next.page;
    apply(next);
  }

  function showBulkResult(results: BulkResult['results']) {
    if (!bulk) return;
    const byId = new Map(bulk.tickets.map((r) => [r.id, r]));
    setBulkOutcome({
      action: bulk.action,
      rows: results.map((r) => ({
        id: r.id,
        code: byId.get(r.id)?.code ?? r.id,
        title: byId.get(r.id)?.title ?? '',
        ok: r.ok,
        message: r.error?.message,
      })),
    });
  }

  const saveView = useMutation({
    mutationFn: (name: string) => {
      const { page: _p, ...rest } = query;
      return api.post('/api/me/views', { name, query: rest });
    },
    onSuccess: () => {
      message.success(t.web.inbox.viewSaved);
      setSaving(false);
      setViewName('');
      void qc.invalidateQueries({ queryKey: ['views'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const deleteView = useMutation({
    mutationFn: (id: string) => api.del(`/api/me/views/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['views'] }),
    onError: (e) => message.error(errorMessage(e)),
  });

  const activeState = query.overdue
    ? 'overdue'
    : query.state?.length === 1
      ? query.state[0]
      : 'all';
  const byState = stats.data?.byState;
  const tabItems = [
    { key: 'all', label: t.web.inbox.all },
    ...TICKET_STATES.map((s) => ({
      key: s,
      label: (
        <span>
          {t.state[s]}{' '}
          {byState ? (
            <Badge count={byState[s] ?? 0} overflowCount={9999} color="#8c8c8c" showZero />
          ) : null}
        </span>
      ),
    })),
    {
      key: 'overdue',
      label: (
        <span>
          {t.web.inbox.overdue}{' '}
          {stats.data ? <Badge count={stats.data.overdue} overflowCount={9999} showZero /> : null}
        </span>
      ),
    },
  ];

  const exportHref = `/api/tickets/export${toSearch({ ...query, page: undefined, pageSize: undefined })}`;
  const candidates = bulkCandidates(me.data, [...new Set(selected.map((s) => s.state))]);
  const sortOrder = (field: 'receivedAt' | 'completionDueAt' | 'code') =>
    query.sort === field
      ? ('ascend' as const)
      : query.sort === `-${field}`
        ? ('descend' as const)
        : null;

  const columns: TableProps<TicketSummary>['columns'] = [
    {
      title: t.web.ticket.code,
      dataIndex: 'code',
      width: 150,
      sorter: true,
      sortOrder: sortOrder('code'),
      render: (code: string, r) => <Link to={`/tickets/${r.id}`}>{code}</Link>,
    },
    {
      title: t.web.ticket.title,
      dataIndex: 'title',
      ellipsis: !query.q,
      // [Insight] a search hit shows where the words were found.
      render: (title: string, row) => {
        const r = row as TicketListItem;
        const th = r.highlights?.find((h) => h.field === 'title');
        return query.q ? (
          <div>
            <div>{th ? <Marked h={th} /> : title}</div>
            <Highlights items={r.highlights} />
          </div>
        ) : (
          title
        );
      },
    },
    { title: t.web.ticket.category, dataIndex: ['category', 'name'], width: 110, ellipsis: true },
    {
      title: t.web.ticket.state,
      dataIndex: 'state',
      width: 90,
      render: (s: TicketSummary['state']) => <StateTag state={s} />,
    },
    {
      title: t.web.ticket.colour,
      dataIndex: 'colour',
      width: 70,
      render: (c: TicketSummary['colour']) => <ColourTag colour={c} />,
    },
    {
      title: t.web.ticket.urgency,
      dataIndex: 'urgency',
      width: 70,
      render: (u: TicketSummary['urgency']) => <UrgencyTag urgency={u} />,
    },
    {
      title: t.web.ticket.leadUnit,
      dataIndex: ['leadUnit', 'name'],
      width: 160,
      ellipsis: true,
      render: (n?: string) => n ?? t.web.common.none,
    },
    {
      title: tReplyTemplates.assignee,
      dataIndex: ['assignee', 'name'],
      width: 100,
      ellipsis: true,
      render: (n?: string) => n ?? t.web.common.none,
    },
    {
      title: t.web.ticket.receivedAt,
      dataIndex: 'receivedAt',
      width: 140,
      sorter: true,
      sortOrder: sortOrder('receivedAt'),
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t.web.ticket.timeLeft,
      key: 'completionDueAt',
      width: 130,
      sorter: true,
      sortOrder: sortOrder('completionDueAt'),
      render: (_: unknown, r) => <Countdown ticket={r} />,
    },
  ];

  const onTableChange: TableProps<TicketSummary>['onChange'] = (
    pagination,
    _filters,
    sorter,
    extra,
  ) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = (s?.columnKey ?? s?.field) as string | undefined;
      const sort =
        s?.order && field ? ((s.order === 'descend' ? `-${field}` : field) as Sort) : undefined;
      update({ sort: SORT_FIELDS.includes(sort as Sort) ? sort : undefined });
    } else {
      update({ page: pagination.current, pageSize: pagination.pageSize }, true);
    }
  };

  const catTree = useMemo(() => buildTree(cats.data ?? []), [cats.data]);
  const placeTree = useMemo(
    () => buildTree(places.data ?? [], (j) => j.level !== 'city'),
    [places.data],
  );
  const enumOptions = <K extends string>(values: readonly K[], labels: Record<K, string>) =>
    values.map((v) => ({ value: v, label: labels[v] }));
  // The multi-select filters over an enum: type, urgency, channel.
  const enumFilters: Array<{
    key: 'type' | 'urgency' | 'channel';
    label: string;
    options: Array<{ value: string; label: string }>;
  }> = [
    { key: 'type', label: t.web.ticket.type, options: enumOptions(TICKET_TYPES, t.type) },
    { key: 'urgency', label: t.web.ticket.urgency, options: enumOptions(URGENCIES, t.urgency) },
    { key: 'channel', label: t.web.ticket.channel, options: enumOptions(CHANNELS, t.channel) },
  ];

  const narrow = !screens.md;
  const data = list.data;

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          {t.web.inbox.title}
        </Typography.Title>
        <Space wrap>
          <Select
            aria-label={t.web.inbox.views}
            placeholder={t.web.inbox.views}
            style={{ minWidth: 160 }}
            loading={views.isPending}
            status={views.isError ? 'error' : undefined}
            notFoundContent={views.isError ? errorMessage(views.error) : t.web.inbox.noViews}
            value={null}
            onChange={(id: string) => {
              const v = views.data?.find((x) => x.id === id);
              if (v) apply(v.query);
            }}
            options={(views.data ?? []).map((v) => ({
              value: v.id,
              label: (
                <Flex justify="space-between" align="center">
                  <span>{v.name}</span>
                  <Button
                    size="small"
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={fmt(t.web.inbox.deleteView, { name: v.name })}
                    onClick={(e) => {
                      e.stopPropagation();
                      deleteView.mutate(v.id);
                    }}
                  />
                </Flex>
              ),
            }))}
          />
          <Button icon={<SaveOutlined />} onClick={() => setSaving(true)}>
            {t.web.inbox.saveView}
          </Button>
          <Button icon={<DownloadOutlined />} href={exportHref} download>
            {t.web.inbox.export}
          </Button>
          <Button
            icon={<ReloadOutlined />}
            aria-label={t.web.common.refresh}
            onClick={() => void qc.invalidateQueries({ queryKey: ['tickets'] })}
          />
        </Space>
      </Flex>

      {stats.isError && <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />}

      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        {/* [Handling] 我的工单 / 本单位工单 */}
        <Segmented
          style={{ marginTop: 8 }}
          data-testid="inbox-mine"
          value={query.assignee === 'me' ? 'me' : query.myUnit ? 'unit' : 'all'}
          onChange={(v) =>
            update({
              assignee: v === 'me' ? 'me' : undefined,
              assigneeId: undefined,
              myUnit: v === 'unit' ? true : undefined,
            })
          }
          options={[
            { value: 'all', label: tReplyTemplates.tabAll },
            { value: 'me', label: tReplyTemplates.tabMine },
            { value: 'unit', label: tReplyTemplates.tabMyUnit },
          ]}
        />
        <Tabs
          activeKey={activeState}
          items={tabItems}
          onChange={(k) =>
            update(
              k === 'all'
                ? { state: undefined, overdue: undefined }
                : k === 'overdue'
                  ? { state: undefined, overdue: true }
                  : { state: [k as TicketSummary['state']], overdue: undefined },
            )
          }
          size="small"
        />
        {stats.data && (
          <Space wrap size={4} style={{ marginBottom: 8 }} aria-label={t.web.inbox.byColour}>
            {COLOURS.map((c) => (
              <Button
                key={c}
                size="small"
                type={query.colour?.includes(c) ? 'primary' : 'default'}
                onClick={() => update({ colour: query.colour?.includes(c) ? undefined : [c] })}
              >
                <ColourTag colour={c} /> {stats.data.byColour[c] ?? 0}
              </Button>
            ))}
          </Space>
        )}
        <Flex wrap gap={8}>
          <Input.Search
            allowClear
            placeholder={tSearch.placeholder}
            aria-label={t.web.inbox.search}
            value={qText}
            onChange={(e) => setQText(e.target.value)}
            onSearch={(q) => update({ q: q.trim() || undefined })}
            style={{ width: narrow ? '100%' : 260 }}
          />
          {enumFilters.map((f) => (
            <Select
              key={f.key}
              mode="multiple"
              allowClear
              aria-label={f.label}
              placeholder={f.label}
              style={{ minWidth: 120 }}
              value={(query[f.key] ?? []) as string[]}
              options={f.options}
              onChange={(v: string[]) =>
                update({ [f.key]: v.length ? v : undefined } as Partial<TicketListQuery>)
              }
            />
          ))}
          <TreeSelect
            allowClear
            showSearch
            treeNodeFilterProp="title"
            aria-label={t.web.ticket.category}
            placeholder={t.web.ticket.category}
            style={{ minWidth: 160 }}
            treeData={catTree}
            value={query.categoryId}
            onChange={(v?: string) => update({ categoryId: v })}
          />
          <TreeSelect
            allowClear
            showSearch
            treeNodeFilterProp="title"
            aria-label={t.web.ticket.place}
            placeholder={t.web.ticket.place}
            style={{ minWidth: 160 }}
            treeData={placeTree}
            value={query.jurisdictionId}
            onChange={(v?: string) => update({ jurisdictionId: v })}
          />
          <DatePicker.RangePicker
            aria-label={t.web.inbox.receivedRange}
            value={[
              query.receivedFrom ? dayjs(query.receivedFrom) : null,
              query.receivedTo ? dayjs(query.receivedTo) : null,
            ]}
            onChange={(r) =>
              update({
                receivedFrom: r?.[0]?.startOf('day').toISOString(),
                receivedTo: r?.[1]?.endOf('day').toISOString(),
              })
            }
          />
          <Space>
            <Switch
              id="overdue-only"
              checked={Boolean(query.overdue)}
              onChange={(v) => update({ overdue: v || undefined })}
            />
            <label htmlFor="overdue-only">{t.web.inbox.overdueOnly}</label>
          </Space>
          <Button onClick={() => apply({})}>{t.web.inbox.reset}</Button>
          {query.q &&
            (query.sort && query.sort !== 'relevance' ? (
              <Button type="link" onClick={() => update({ sort: undefined })}>
                {tSearch.sortByRelevance}
              </Button>
            ) : (
              <Tag color="blue" style={{ alignSelf: 'center' }}>
                {tSearch.byRelevance}
              </Tag>
            ))}
        </Flex>
      </Card>

      {selected.length > 0 && (
        <Card size="small" role="region" aria-label={t.web.inbox.bulk}>
          <Space wrap>
            <span>{fmt(t.web.inbox.selected, { n: selected.length })}</span>
            {candidates.length === 0 && (
              <Typography.Text type="secondary">{t.web.inbox.noBulk}</Typography.Text>
            )}
            {candidates.map((a) => (
              <Button key={a} onClick={() => setBulk({ action: a, tickets: selected })}>
                {t.action[a]}
              </Button>
            ))}
            <Button type="link" onClick={() => setSelected([])}>
              {t.web.inbox.clearSelection}
            </Button>
          </Space>
        </Card>
      )}

      {bulkOutcome && (
        <Card
          size="small"
          role="region"
          aria-label={t.web.inbox.bulkResult}
          title={fmt(t.web.inbox.bulkResultTitle, {
            action: t.action[bulkOutcome.action],
            ok: bulkOutcome.rows.filter((r) => r.ok).length,
            failed: bulkOutcome.rows.filter((r) => !r.ok).length,
          })}
          extra={
            <Button type="link" onClick={() => setBulkOutcome(null)}>
              {t.web.inbox.closeResult}
            </Button>
          }
        >
          <List
            size="small"
            dataSource={bulkOutcome.rows}
            rowKey="id"
            renderItem={(r) => (
              <List.Item data-testid="bulk-result-item">
                <Space wrap size={8}>
                  {r.ok ? (
                    <Tag color="success">{t.web.inbox.bulkOk}</Tag>
                  ) : (
                    <Tag color="error">{t.web.inbox.bulkFailed}</Tag>
                  )}
                  <Link to={`/tickets/${r.id}`}>{r.code}</Link>
                  <span>{r.title}</span>
                  {r.message && <Typography.Text type="danger">{r.message}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}

      {list.isError && !data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : narrow ? (
        <List
          loading={list.isPending}
          dataSource={data?.items ?? []}
          locale={{ emptyText: <EmptyState text={t.web.inbox.empty} /> }}
          pagination={
            data
              ? {
                  current: data.page,
                  pageSize: data.pageSize,
                  total: data.total,
                  size: 'small',
                  onChange: (page) => update({ page }, true),
                }
              : false
          }
          renderItem={(r) => (
            <List.Item>
              <Card size="small" style={{ width: '100%' }}>
                <Flex justify="space-between" gap={8}>
                  <Link to={`/tickets/${r.id}`}>{r.code}</Link>
                  <StateTag state={r.state} />
                </Flex>
                <div style={{ margin: '4px 0', fontWeight: 500 }}>{r.title}</div>
                {query.q && <Highlights items={(r as TicketListItem).highlights} />}
                <Flex justify="space-between" wrap gap={4} style={{ fontSize: 13 }}>
                  <span>{r.jurisdiction.name}</span>
                  <Countdown ticket={r} />
                </Flex>
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Table<TicketSummary>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          columns={columns}
          dataSource={data?.items ?? []}
          onChange={onTableChange}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <EmptyState text={t.web.inbox.empty} /> }}
          rowSelection={{
            selectedRowKeys: selected.map((s) => s.id),
            onChange: (_keys, rows) => setSelected(rows),
          }}
          rowClassName={(r) => (r.overdue ? 'row-overdue' : '')}
          pagination={{
            current: data?.page ?? 1,
            pageSize: data?.pageSize ?? 20,
            total: data?.total ?? 0,
            showSizeChanger: true,
            // A search counts up to 1000 matches: more shows as “1000+”.
            showTotal: (n) => fmt(t.web.inbox.total, { n: data?.totalCapped ? `${n}+` : n }),
          }}
        />
      )}

      {bulk && (
        <ActionModal
          action={bulk.action}
          ticketIds={bulk.tickets.map((s) => s.id)}
          onClose={() => setBulk(null)}
          onDone={() => setSelected([])}
          onBulkResult={showBulkResult}
        />
      )}
      <Modal
        open={saving}
        title={t.web.inbox.saveView}
        okText={t.web.common.save}
        onOk={() => viewName.trim() && saveView.mutate(viewName.trim())}
        confirmLoading={saveView.isPending}
        onCancel={() => setSaving(false)}
        destroyOnHidden
      >
        <label htmlFor="view-name">{t.web.inbox.viewName}</label>
        <Input
          id="view-name"
          value={viewName}
          maxLength={40}
          onChange={(e) => setViewName(e.target.value)}
          onPressEnter={() => viewName.trim() && saveView.mutate(viewName.trim())}
        />
      </Modal>
    </Flex>
  );
}
