// 待审批: the handling units' requests (延期, 挂起, 终止办理) with filters (status, kind,
// unit) and paging in the address.
// The centre sees the whole district and reviews from the ticket page; a unit sees
// its own requests and how they were decided.
import { useMemo } from 'react';
import { Flex, Select, Space, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import {
  HANDLING_REQUEST_KINDS,
  HANDLING_REQUEST_STATUSES,
  type HandlingRequestQuery,
  type HandlingRequestView,
  type SuspensionKind,
  type TerminationKind,
} from '@jiesu/contracts';
import { useMe } from '../../api/hooks';
import { formatDateTime } from '../../lib/time';
import { UrlPagedTable, pageOf, useUrlFilters } from '../../lib/urlFilters';
import { t } from '../../i18n';
import { tHandling as h } from '../../i18n/handling';
import { seesDistrict } from '../roles';
import { TicketRef } from '../tickets/parts';
import { UnitSelect } from '../tickets/UnitSelect';
import { useHandlingRequests } from './queries';

function readQuery(sp: URLSearchParams): HandlingRequestQuery {
  const q: HandlingRequestQuery = pageOf(sp);
  const status = sp.get('status') ?? 'pending';
  if ((HANDLING_REQUEST_STATUSES as readonly string[]).includes(status))
    q.status = status as HandlingRequestQuery['status'];
  const kind = sp.get('kind');
  if (kind && (HANDLING_REQUEST_KINDS as readonly string[]).includes(kind))
    q.kind = kind as HandlingRequestQuery['kind'];
  const unitId = sp.get('unitId');
  if (unitId) q.unitId = unitId;
  return q;
}

function StatusTag({ r }: { r: HandlingRequestView }) {
  return (
    <Tag color={h.statusColour[r.status]} data-testid="approval-status">
      {t.handlingRequestStatus[r.status]}
    </Tag>
  );
}

/** What was asked, by kind: the new date, the bound of a pause, the special case. */
function Detail({ r }: { r: HandlingRequestView }) {
  if (r.kind === 'extension')
    return (
      <Flex vertical>
        <span>
          {h.proposedDue} {formatDateTime(r.proposedDueAt)}
        </span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {h.previousDue} {formatDateTime(r.previousDueAt)}
        </Typography.Text>
      </Flex>
    );
  if (r.kind === 'suspension')
    return (
      <Flex vertical>
        <span>{t.suspensionKind[r.reasonKind as SuspensionKind] ?? ''}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {h.until} {formatDateTime(r.until)}
          {r.resumedAt && ` · ${h.resumedAt} ${formatDateTime(r.resumedAt)}`}
        </Typography.Text>
      </Flex>
    );
  return <span>{t.terminationKind[r.reasonKind as TerminationKind] ?? ''}</span>;
}

export default function ApprovalsPage() {
  const me = useMe();
  const centre = seesDistrict(me.data);
  const [sp, update] = useUrlFilters();
  const query = useMemo(() => readQuery(sp), [sp]);
  const list = useHandlingRequests(query);
  const columns: TableProps<HandlingRequestView>['columns'] = [
    {
      title: h.ticket,
      key: 'ticket',
      width: 200,
      render: (_: unknown, r) => <TicketRef ticket={r.ticket} />,
    },
    {
      title: h.kind,
      key: 'kind',
      width: 80,
      render: (_: unknown, r) => t.handlingRequestKind[r.kind],
    },
    { title: h.status, key: 'status', width: 100, render: (_: unknown, r) => <StatusTag r={r} /> },
    { title: h.unit, dataIndex: ['unit', 'name'], width: 150, ellipsis: true },
    { title: h.reason, dataIndex: 'reason', width: 220, ellipsis: true },
    { title: h.detail, key: 'detail', width: 200, render: (_: unknown, r) => <Detail r={r} /> },
    {
      title: h.requestedAt,
      key: 'at',
      width: 150,
      render: (_: unknown, r) => (
        <Flex vertical>
          <span>{formatDateTime(r.requestedAt)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.requestedBy?.name}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: h.reviewedBy,
      key: 'review',
      width: 180,
      render: (_: unknown, r) =>
        r.reviewedAt ? (
          <Flex vertical>
            <span>{r.reviewNote}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.reviewedBy?.name} · {formatDateTime(r.reviewedAt)}
            </Typography.Text>
          </Flex>
        ) : (
          t.web.common.none
        ),
    },
  ];
  const narrowColumns: TableProps<HandlingRequestView>['columns'] = [
    {
      title: h.ticket,
      key: 'all',
      render: (_: unknown, r) => (
        <TicketRef ticket={r.ticket}>
          <Space size={4}>
            <Tag>{t.handlingRequestKind[r.kind]}</Tag>
            <StatusTag r={r} />
          </Space>
          <Typography.Text>
            {r.unit?.name}: {r.reason}
          </Typography.Text>
          <Typography.Text type="secondary">
            <Detail r={r} />
          </Typography.Text>
        </TicketRef>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {h.title}
      </Typography.Title>
      <Typography.Text type="secondary">{h.help}</Typography.Text>
      <Space wrap>
        <Select
          aria-label={h.status}
          style={{ width: 130 }}
          value={sp.get('status') ?? 'pending'}
          onChange={(v: string) => update({ status: v })}
          options={[
            { value: 'all', label: h.allStatuses },
            ...HANDLING_REQUEST_STATUSES.map((s) => ({
              value: s,
              label: t.handlingRequestStatus[s],
            })),
          ]}
        />
        <Select
          aria-label={h.kind}
          style={{ width: 120 }}
          value={query.kind ?? 'all'}
          onChange={(v: string) => update({ kind: v === 'all' ? undefined : v })}
          options={[
            { value: 'all', label: h.allKinds },
            ...HANDLING_REQUEST_KINDS.map((k) => ({ value: k, label: t.handlingRequestKind[k] })),
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
      </Space>
      <UrlPagedTable<HandlingRequestView>
        list={list}
        query={query}
        update={update}
        columns={columns}
        narrowColumns={narrowColumns}
        width={1200}
        empty={h.empty}
        totalText={h.total}
        rowTestId="approval-row"
      />
    </Flex>
  );
}
