// 积案清单: open cases older than the district's number of days, or reopened
// its number of times, with their consultations and hearings; filters, sort
// and paging in the address, an Excel export of what is shown. A second tab
// lists the hearings (听证记录) on the cases the user may see.
import { useMemo } from 'react';
import { Button, Card, Flex, Select, Space, Tabs, Tag, TreeSelect, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import {
  BACKLOG_REASONS,
  BACKLOG_SORTS,
  HEARING_STATES,
  type BacklogItem,
  type BacklogQuery,
  type BacklogSort,
  type HearingListQuery,
  type HearingView,
} from '@jiesu/contracts';
import { toSearch } from '../../api/client';
import { useJurisdictions, useMe } from '../../api/hooks';
import { buildTree } from '../../lib/tree';
import { formatDate, formatDateTime } from '../../lib/time';
import {
  DayRangePicker,
  UrlPagedTable,
  UrlSearch,
  pageOf,
  useUrlFilters,
} from '../../lib/urlFilters';
import { fmt, t } from '../../i18n';
import { seesDistrict } from '../roles';
import { StateTag, TicketRef } from '../tickets/parts';
import { UnitSelect } from '../tickets/UnitSelect';
import { useBacklog, useHearingList } from './queries';
import { tHearings } from '../../i18n/hearings';

const h = tHearings;

function readBacklogQuery(sp: URLSearchParams): BacklogQuery {
  const q: BacklogQuery = pageOf(sp);
  const why = sp.get('why');
  if (why && (BACKLOG_REASONS as readonly string[]).includes(why))
    q.why = why as BacklogQuery['why'];
  const sort = sp.get('sort');
  if (sort && (BACKLOG_SORTS as readonly string[]).includes(sort)) q.sort = sort as BacklogSort;
  for (const k of ['unitId', 'jurisdictionId', 'q'] as const) {
    const v = sp.get(k);
    if (v) q[k] = v;
  }
  return q;
}

function readHearingQuery(sp: URLSearchParams): HearingListQuery {
  const q: HearingListQuery = pageOf(sp);
  const state = sp.get('hstate');
  if (state && (HEARING_STATES as readonly string[]).includes(state))
    q.state = state as HearingListQuery['state'];
  const commitment = sp.get('commitment');
  if (commitment === '1' || commitment === '0') q.commitment = commitment;
  for (const k of ['unitId', 'from', 'to', 'q'] as const) {
    const v = sp.get(k);
    if (v) q[k] = v;
  }
  return q;
}

function Consulted({ b }: { b: BacklogItem }) {
  if (!b.consultationCount)
    return <Typography.Text type="secondary">{h.neverConsulted}</Typography.Text>;
  return (
    <Flex vertical>
      <span data-testid="consultation-count">
        {fmt(h.consultationCount, { n: b.consultationCount })}
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {fmt(h.lastConsultation, { at: formatDate(b.lastConsultationAt) })}
      </Typography.Text>
    </Flex>
  );
}

function Heard({ b }: { b: BacklogItem }) {
  return (
    <Flex vertical gap={2} align="start">
      <span>{b.hearingCount ? fmt(h.hearingCount, { n: b.hearingCount }) : t.web.common.none}</span>
      {b.hasCommitment && (
        <Tag color="green" icon={<SafetyCertificateOutlined />}>
          {h.withCommitment}
        </Tag>
      )}
    </Flex>
  );
}

function Why({ b }: { b: BacklogItem }) {
  return (
    <Space wrap size={4}>
      {b.why.map((w) => (
        <Tag key={w} color={w === 'age' ? 'orange' : 'red'}>
          {t.backlogReason[w]}
        </Tag>
      ))}
    </Space>
  );
}

function BacklogTab({ centre }: { centre: boolean }) {
  const [sp, update] = useUrlFilters();
  const query = useMemo(() => readBacklogQuery(sp), [sp]);
  const list = useBacklog(query);
  const places = useJurisdictions();
  const placeTree = useMemo(
    () => buildTree(places.data ?? [], (j) => j.level !== 'city' && j.level !== 'grid'),
    [places.data],
  );
  const exportHref = `/api/backlog/export.xlsx${toSearch({ ...query, page: undefined, pageSize: undefined })}`;

  const columns: TableProps<BacklogItem>['columns'] = [
    {
      title: h.ticket,
      key: 'ticket',
      width: 210,
      render: (_: unknown, b) => <TicketRef ticket={b} />,
    },
    { title: t.web.ticket.place, dataIndex: ['jurisdiction', 'name'], width: 100, ellipsis: true },
    {
      title: h.leadUnit,
      key: 'lead',
      width: 140,
      ellipsis: true,
      render: (_: unknown, b) => b.leadUnit?.name ?? t.web.common.none,
    },
    {
      title: h.state,
      key: 'state',
      width: 80,
      render: (_: unknown, b) => <StateTag state={b.state} />,
    },
    {
      title: h.ageDays,
      key: 'age',
      width: 90,
      render: (_: unknown, b) => (
        <Flex vertical>
          <span data-testid="age-days">{fmt(h.days, { n: b.ageDays })}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDate(b.receivedAt)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: h.reopenCount,
      dataIndex: 'reopenCount',
      width: 70,
      align: 'right',
    },
    { title: h.why, key: 'why', width: 110, render: (_: unknown, b) => <Why b={b} /> },
    {
      title: h.consultationCol,
      key: 'consultations',
      width: 110,
      render: (_: unknown, b) => <Consulted b={b} />,
    },
    {
      title: h.hearingCol,
      key: 'hearings',
      width: 130,
      render: (_: unknown, b) => <Heard b={b} />,
    },
  ];
  const narrowColumns: TableProps<BacklogItem>['columns'] = [
    {
      title: h.ticket,
      key: 'all',
      render: (_: unknown, b) => (
        <TicketRef ticket={b}>
          <Space wrap size={4}>
            <StateTag state={b.state} />
            <Why b={b} />
          </Space>
          <Typography.Text type="secondary">
            {fmt(h.days, { n: b.ageDays })} · {h.reopenCount} {b.reopenCount} ·{' '}
            {b.leadUnit?.name ?? t.web.common.none}
          </Typography.Text>
          <Flex gap={12}>
            <Consulted b={b} />
            <Heard b={b} />
          </Flex>
        </TicketRef>
      ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      {list.data && (
        <Typography.Text type="secondary">
          {fmt(h.rule, { days: list.data.backlogDays, reopens: list.data.backlogReopens })}
        </Typography.Text>
      )}
      <Flex justify="space-between" wrap gap={8}>
        <Space wrap>
          <Select
            aria-label={h.why}
            style={{ width: 130 }}
            value={query.why ?? 'all'}
            onChange={(v: string) => update({ why: v === 'all' ? undefined : v })}
            options={[
              { value: 'all', label: h.allReasons },
              ...BACKLOG_REASONS.map((r) => ({ value: r, label: t.backlogReason[r] })),
            ]}
          />
          {centre && (
            <div style={{ width: 200 }}>
              <UnitSelect
                label={h.filterUnit}
                placeholder={h.filterUnit}
                value={query.unitId}
                onChange={(v) => update({ unitId: typeof v === 'string' ? v : undefined })}
              />
            </div>
          )}
          <TreeSelect
            allowClear
            showSearch
            treeNodeFilterProp="title"
            aria-label={h.filterPlace}
            placeholder={h.filterPlace}
            style={{ minWidth: 180 }}
            treeData={placeTree}
            value={query.jurisdictionId}
            onChange={(v?: string) => update({ jurisdictionId: v })}
          />
          <Select
            aria-label={h.sort}
            style={{ width: 170 }}
            value={query.sort ?? '-age'}
            onChange={(v: string) => update({ sort: v === '-age' ? undefined : v })}
            options={BACKLOG_SORTS.map((s) => ({ value: s, label: h.sorts[s] }))}
          />
          <UrlSearch label={h.search} value={query.q} update={update} />
        </Space>
        <Button icon={<DownloadOutlined />} href={exportHref} download>
          {h.export}
        </Button>
      </Flex>
      <UrlPagedTable<BacklogItem>
        list={list}
        query={query}
        update={update}
        columns={columns}
        narrowColumns={narrowColumns}
        width={1040}
        empty={h.empty}
        totalText={h.total}
        rowTestId="backlog-row"
      />
    </Flex>
  );
}

function HearingsTab({ centre, active }: { centre: boolean; active: boolean }) {
  const [sp, update] = useUrlFilters();
  const query = useMemo(() => readHearingQuery(sp), [sp]);
  const list = useHearingList(query, active);
  const columns: TableProps<HearingView>['columns'] = [
    {
      title: h.ticket,
      key: 'ticket',
      width: 220,
      render: (_: unknown, x) => <TicketRef ticket={x.ticket} />,
    },
    {
      title: h.range,
      key: 'at',
      width: 150,
      render: (_: unknown, x) => formatDateTime(x.heldAt ?? x.scheduledAt),
    },
    { title: h.place, dataIndex: 'place', width: 160, ellipsis: true },
    { title: h.unit, dataIndex: ['unit', 'name'], width: 150, ellipsis: true },
    {
      title: h.experts,
      key: 'experts',
      width: 180,
      ellipsis: true,
      render: (_: unknown, x) => x.experts.map((e) => e.name).join('、'),
    },
    {
      title: h.hearingState,
      key: 'state',
      width: 170,
      render: (_: unknown, x) => (
        <Space wrap size={4}>
          <Tag color={x.state === 'held' ? 'green' : x.state === 'scheduled' ? 'blue' : 'default'}>
            {t.hearingState[x.state]}
          </Tag>
          {x.commitment && (
            <Tag color="green" icon={<SafetyCertificateOutlined />}>
              {h.withCommitment}
            </Tag>
          )}
        </Space>
      ),
    },
  ];
  const narrowColumns: TableProps<HearingView>['columns'] = [
    {
      title: h.ticket,
      key: 'all',
      render: (_: unknown, x) => (
        <TicketRef ticket={x.ticket}>
          <Typography.Text type="secondary">
            {formatDateTime(x.heldAt ?? x.scheduledAt)} · {x.place}
          </Typography.Text>
          <Space wrap size={4}>
            <Tag>{t.hearingState[x.state]}</Tag>
            {x.commitment && <Tag color="green">{h.withCommitment}</Tag>}
          </Space>
        </TicketRef>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Space wrap>
        <Select
          aria-label={h.hearingState}
          style={{ width: 130 }}
          value={query.state ?? 'all'}
          onChange={(v: string) => update({ hstate: v === 'all' ? undefined : v })}
          options={[
            { value: 'all', label: h.allHearingStates },
            ...HEARING_STATES.map((s) => ({ value: s, label: t.hearingState[s] })),
          ]}
        />
        <Select
          aria-label={h.commitmentFilter}
          placeholder={h.commitmentFilter}
          style={{ width: 150 }}
          allowClear
          value={query.commitment ?? null}
          onChange={(v?: string) => update({ commitment: v ?? undefined })}
          options={[
            { value: '1', label: h.withCommitment },
            { value: '0', label: h.withoutCommitment },
          ]}
        />
        {centre && (
          <div style={{ width: 200 }}>
            <UnitSelect
              label={h.unit}
              placeholder={h.unit}
              value={query.unitId}
              onChange={(v) => update({ unitId: typeof v === 'string' ? v : undefined })}
            />
          </div>
        )}
        <DayRangePicker label={h.range} from={query.from} to={query.to} onChange={update} />
        <UrlSearch label={h.search} value={query.q} update={update} />
      </Space>
      <UrlPagedTable<HearingView>
        list={list}
        query={query}
        update={update}
        columns={columns}
        narrowColumns={narrowColumns}
        width={1050}
        empty={h.hearingsEmpty}
        totalText={h.hearingsTotal}
        rowTestId="hearing-row"
      />
    </Flex>
  );
}

export default function BacklogPage() {
  const me = useMe();
  const centre = seesDistrict(me.data);
  const [sp, update] = useUrlFilters();
  const tab = sp.get('tab') === 'hearings' ? 'hearings' : 'backlog';
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
        {h.backlogTitle}
      </Typography.Title>
      <Card size="small">
        <Tabs
          activeKey={tab}
          // Each tab has its own filters: switching starts from none.
          onChange={(k) => {
            const next: Record<string, undefined | string> = {};
            for (const key of sp.keys()) next[key] = undefined;
            update({ ...next, tab: k === 'hearings' ? 'hearings' : undefined });
          }}
          items={[
            {
              key: 'backlog',
              label: h.backlogTab,
              children: tab === 'backlog' && <BacklogTab centre={centre} />,
            },
            {
              key: 'hearings',
              label: h.hearingsTab,
              children: tab === 'hearings' && (
                <HearingsTab centre={centre} active={tab === 'hearings'} />
              ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
