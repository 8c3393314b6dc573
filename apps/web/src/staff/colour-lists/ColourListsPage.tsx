// 三色清单: the yellow, orange and red lists of the villages and townships the user may
// see, with counts per colour, filters and paging in the address, bulk clearing and an
// Excel export; putting a ticket or a matter found on patrol on a list, raising or
// lowering it with a reason, clearing it with a note; the report of a colour's
// period (yellow by the week, orange by the month, red by the quarter) and the cadences.
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  CLEAR_UNITS,
  COLOURS,
  COLOUR_SOURCES,
  DEFAULT_COLOUR_CADENCES,
  REPORT_UNITS,
  type AddColourItemBody,
  type BulkClearResult,
  type Colour,
  type ColourCadences,
  type ColourFigures,
  type ColourItemDetail,
  type ColourItemListQuery,
  type ColourItemView,
  type ColourReportItem,
  type ColourReportQuery,
  type ColourUnit,
  type UpdateColourCadencesBody,
} from '@jiesu/contracts';
import { api, errorMessage, toSearch } from '../../api/client';
import { useMe } from '../../api/hooks';
import { ErrorState } from '../../lib/states';
import { formatDateTime } from '../../lib/time';
import { pageOf, useUrlFilters, UrlSearch } from '../../lib/urlFilters';
import { fmt, t } from '../../i18n';
import { tColour as c } from '../../i18n/colour-lists';
import { hasAny } from '../roles';
import {
  useColourCadences,
  useColourCounts,
  useColourItem,
  useColourItems,
  useColourReport,
  useColourUnits,
} from './queries';

const isColour = (v: string | null): v is Colour =>
  !!v && (COLOURS as readonly string[]).includes(v);

export function ColourBadge({ colour }: { colour: Colour }) {
  return (
    <Tag color={c.colourTag[colour]} data-testid="colour-tag">
      {c.colour[colour]}
    </Tag>
  );
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['colour-lists'] });
}

/** The units as select options, villages under their township's name. */
function unitOptions(units: ColourUnit[], only?: (u: ColourUnit) => boolean) {
  return units
    .filter((u) => !only || only(u))
    .map((u) => ({ value: u.id, label: `${u.name}(${c.level[u.level]})` }));
}

// ── modals ─────────────────────────────────────────────────────────────────

function AddModal({ units, onClose }: { units: ColourUnit[]; onClose: () => void }) {
  const writable = units.filter((u) => u.writable);
  const [form] = Form.useForm<AddColourItemBody & { mode: 'ticket' | 'free' }>();
  const mode = Form.useWatch('mode', form) ?? 'ticket';
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const add = useMutation({
    mutationFn: (b: AddColourItemBody) => api.post<ColourItemDetail>('/api/colour-lists/items', b),
    onSuccess: async (r) => {
      message.success(fmt(c.added, { colour: c.colour[r.item.colour] }));
      await invalidate();
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal
      open
      title={c.addTitle}
      onCancel={onClose}
      okText={c.add}
      cancelText={t.web.common.cancel}
      confirmLoading={add.isPending}
      onOk={() =>
        void form
          .validateFields()
          .then(({ mode: m, ...v }) =>
            add.mutate(
              m === 'ticket'
                ? { unitId: v.unitId, colour: v.colour, ticketCode: v.ticketCode?.trim() }
                : {
                    unitId: v.unitId,
                    colour: v.colour,
                    title: v.title?.trim(),
                    description: v.description?.trim() || undefined,
                    source: v.source,
                  },
            ),
          )
          .catch(() => undefined)
      }
    >
      {error && (
        <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          mode: 'ticket',
          colour: 'yellow',
          unitId: writable[0]?.id,
          source: 'patrol',
        }}
      >
        {writable.length > 1 && (
          <Form.Item name="unitId" label={c.unit} rules={[{ required: true }]}>
            <Select aria-label={c.unit} options={unitOptions(writable)} />
          </Form.Item>
        )}
        <Form.Item name="colour" label={c.colourLabel}>
          <Radio.Group>
            {COLOURS.map((k) => (
              <Radio.Button key={k} value={k}>
                {c.colour[k]} · {c.colourMeaning[k]}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="mode" label={c.addMode}>
          <Radio.Group>
            <Radio value="ticket">{c.fromTicket}</Radio>
            <Radio value="free">{c.freestanding}</Radio>
          </Radio.Group>
        </Form.Item>
        {mode === 'ticket' ? (
          <Form.Item
            name="ticketCode"
            label={c.ticketCode}
            extra={c.ticketCodeHelp}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input aria-label={c.ticketCode} maxLength={40} />
          </Form.Item>
        ) : (
          <>
            <Form.Item
              name="title"
              label={c.itemTitle}
              rules={[{ required: true, whitespace: true, min: 2 }]}
            >
              <Input aria-label={c.itemTitle} maxLength={200} />
            </Form.Item>
            <Form.Item name="source" label={c.sourceLabel}>
              <Select
                aria-label={c.sourceLabel}
                options={COLOUR_SOURCES.filter((s) => s !== 'ticket').map((s) => ({
                  value: s,
                  label: c.source[s],
                }))}
              />
            </Form.Item>
            <Form.Item name="description" label={c.description}>
              <Input.TextArea aria-label={c.description} rows={3} maxLength={2000} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

function ColourModal({ item, onClose }: { item: ColourItemView; onClose: () => void }) {
  const [form] = Form.useForm<{ colour: Colour; reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const save = useMutation({
    mutationFn: (b: { colour: Colour; reason: string }) =>
      api.post<ColourItemDetail>(`/api/colour-lists/items/${item.id}/colour`, b),
    onSuccess: async (r) => {
      message.success(fmt(c.changed, { colour: c.colour[r.item.colour] }));
      await invalidate();
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal
      open
      title={`${c.changeTitle}:${item.title}`}
      onCancel={onClose}
      okText={t.web.common.save}
      cancelText={t.web.common.cancel}
      confirmLoading={save.isPending}
      onOk={() =>
        void form
          .validateFields()
          .then((v) => save.mutate({ colour: v.colour, reason: v.reason.trim() }))
          .catch(() => undefined)
      }
    >
      {error && (
        <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />
      )}
      <Form form={form} layout="vertical">
        <Form.Item name="colour" label={c.newColour} rules={[{ required: true }]}>
          <Radio.Group>
            {COLOURS.filter((k) => k !== item.colour).map((k) => (
              <Radio.Button key={k} value={k}>
                {c.colour[k]}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="reason"
          label={c.reason}
          extra={c.reasonHelp}
          rules={[{ required: true, whitespace: true, min: 2 }]}
        >
          <Input.TextArea aria-label={c.reason} rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ClearModal({
  items,
  onClose,
  onDone,
}: {
  items: ColourItemView[];
  onClose: () => void;
  onDone?: () => void;
}) {
  const [form] = Form.useForm<{ note: string }>();
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const single = items.length === 1 ? items[0] : undefined;
  const save = useMutation({
    mutationFn: async (note: string): Promise<BulkClearResult> => {
      if (single) {
        await api.post(`/api/colour-lists/items/${single.id}/clear`, { note });
        return { cleared: 1, skipped: [] };
      }
      return api.post<BulkClearResult>('/api/colour-lists/items/clear', {
        ids: items.map((i) => i.id),
        note,
      });
    },
    onSuccess: async (r) => {
      message.success(
        fmt(c.bulkCleared, { n: r.cleared }) +
          (r.skipped.length ? fmt(c.bulkSkipped, { n: r.skipped.length }) : ''),
      );
      await invalidate();
      onDone?.();
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal
      open
      title={
        single ? `${c.clearTitle}:${single.title}` : fmt(c.bulkClearTitle, { n: items.length })
      }
      onCancel={onClose}
      okText={c.clear}
      cancelText={t.web.common.cancel}
      confirmLoading={save.isPending}
      onOk={() =>
        void form
          .validateFields()
          .then((v) => save.mutate(v.note.trim()))
          .catch(() => undefined)
      }
    >
      {error && (
        <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />
      )}
      <Form form={form} layout="vertical">
        <Form.Item
          name="note"
          label={c.clearNote}
          rules={[{ required: true, whitespace: true, min: 2 }]}
        >
          <Input.TextArea aria-label={c.clearNote} rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function HistoryModal({ id, onClose }: { id: string; onClose: () => void }) {
  const detail = useColourItem(id);
  return (
    <Modal open title={c.historyTitle} onCancel={onClose} footer={null}>
      {detail.isError ? (
        <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
      ) : (
        <Timeline
          items={(detail.data?.changes ?? []).map((ch) => ({
            color: ch.kind === 'cleared' ? 'green' : c.colourTag[ch.toColour],
            children: (
              <Flex vertical gap={2} data-testid="colour-change">
                <span>
                  <strong>{c.changeKind[ch.kind]}</strong>{' '}
                  {ch.fromColour && ch.fromColour !== ch.toColour
                    ? `${c.colour[ch.fromColour]} → ${c.colour[ch.toColour]}`
                    : c.colour[ch.toColour]}
                </span>
                {ch.reason && <Typography.Text>{ch.reason}</Typography.Text>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(ch.at)} · {ch.by?.name ?? ''} · {c.clearBy}{' '}
                  {formatDateTime(ch.clearBy)}
                </Typography.Text>
              </Flex>
            ),
          }))}
        />
      )}
    </Modal>
  );
}

// ── the list ───────────────────────────────────────────────────────────────

function readListQuery(sp: URLSearchParams): ColourItemListQuery {
  const q: ColourItemListQuery = pageOf(sp);
  const colour = sp.get('colour');
  if (isColour(colour)) q.colour = colour;
  const status = sp.get('status') ?? 'open';
  if (status === 'open' || status === 'cleared') q.status = status;
  if (sp.get('overdue') === '1') q.overdue = '1';
  const unitId = sp.get('unitId');
  if (unitId) q.unitId = unitId;
  if (unitId && sp.get('includeVillages') === '1') q.includeVillages = '1';
  const text = sp.get('q');
  if (text) q.q = text;
  return q;
}

function DeadlineCell({ i, unit }: { i: ColourItemView; unit: 'day' | 'week' | 'month' }) {
  return (
    <Flex vertical gap={2}>
      <span>{formatDateTime(i.clearBy)}</span>
      {i.overdue && (
        <Space size={4} wrap>
          <Tag color="red" data-testid="overdue-tag">
            {c.overdue}
          </Tag>
          {i.carriedPeriods > 0 && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {fmt(c.carried, { n: i.carriedPeriods, unit: c.carriedUnit[unit] })}
            </Typography.Text>
          )}
        </Space>
      )}
      {i.clearedOnTime !== null && (
        <Tag color={i.clearedOnTime ? 'green' : 'volcano'}>
          {i.clearedOnTime ? c.clearedOnTime : c.clearedLate}
        </Tag>
      )}
    </Flex>
  );
}

function ListTab({ units, cadences }: { units: ColourUnit[]; cadences?: ColourCadences }) {
  const [sp, update] = useUrlFilters();
  const query = useMemo(() => readListQuery(sp), [sp]);
  const list = useColourItems(query);
  const counts = useColourCounts({ unitId: query.unitId, includeVillages: query.includeVillages });
  const [selected, setSelected] = useState<ColourItemView[]>([]);
  const [modal, setModal] = useState<
    | { kind: 'add' }
    | { kind: 'colour' | 'clear'; item: ColourItemView }
    | { kind: 'bulk' }
    | { kind: 'history'; id: string }
    | null
  >(null);
  const canWrite = units.some((u) => u.writable);
  const picked = units.find((u) => u.id === query.unitId);
  const exportHref = `/api/colour-lists/items/export.xlsx${toSearch({ ...query, page: undefined, pageSize: undefined })}`;
  const countOf = (k: Colour) => counts.data?.items.find((x) => x.colour === k);
  const columns: TableProps<ColourItemView>['columns'] = [
    {
      title: c.colourLabel,
      key: 'colour',
      width: 70,
      render: (_: unknown, i) => <ColourBadge colour={i.colour} />,
    },
    {
      title: c.item,
      key: 'item',
      render: (_: unknown, i) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{i.title}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {i.ticket ? (
              <Link to={`/tickets/${i.ticket.id}`}>{i.ticket.code}</Link>
            ) : (
              c.source[i.source]
            )}
            {i.description ? ` · ${i.description}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: c.unit, dataIndex: ['unit', 'name'], width: 150, ellipsis: true },
    {
      title: c.createdAt,
      key: 'created',
      width: 130,
      render: (_: unknown, i) => formatDateTime(i.createdAt),
    },
    {
      title: c.clearBy,
      key: 'clearBy',
      width: 170,
      render: (_: unknown, i) => <DeadlineCell i={i} unit={cadences?.[i.colour].clear ?? 'day'} />,
    },
    {
      title: c.statusFilter,
      key: 'status',
      width: 160,
      render: (_: unknown, i) =>
        i.status === 'open' ? (
          <Tag>{c.status.open}</Tag>
        ) : (
          <Flex vertical gap={2}>
            <Tag color="green">{c.status.cleared}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(i.clearedAt)} {i.clearNote}
            </Typography.Text>
          </Flex>
        ),
    },
    {
      title: c.actions,
      key: 'actions',
      width: 190,
      render: (_: unknown, i) => (
        <Space size={0} wrap>
          {i.writable && (
            <>
              <Button
                size="small"
                type="link"
                onClick={() => setModal({ kind: 'colour', item: i })}
              >
                {c.changeColour}
              </Button>
              <Button size="small" type="link" onClick={() => setModal({ kind: 'clear', item: i })}>
                {c.clear}
              </Button>
            </>
          )}
          <Button size="small" type="link" onClick={() => setModal({ kind: 'history', id: i.id })}>
            {c.history}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Segmented
        value={query.colour ?? 'all'}
        onChange={(v) => update({ colour: v === 'all' ? undefined : String(v) })}
        options={[
          { value: 'all', label: <span data-testid="colour-tab-all">{c.allColours}</span> },
          ...COLOURS.map((k) => ({
            value: k,
            label: (
              <span data-testid={`colour-tab-${k}`}>
                {fmt(c.countLabel, { colour: c.colour[k], open: countOf(k)?.open ?? 0 })}
                {(countOf(k)?.overdue ?? 0) > 0 && (
                  <Typography.Text type="danger" style={{ marginLeft: 6 }}>
                    {fmt(c.countOverdue, { n: countOf(k)!.overdue })}
                  </Typography.Text>
                )}
              </span>
            ),
          })),
        ]}
      />
      <Flex justify="space-between" wrap gap={8}>
        <Space wrap>
          <Select
            allowClear
            aria-label={c.unit}
            placeholder={c.allUnits}
            style={{ width: 220 }}
            value={query.unitId}
            onChange={(v?: string) => update({ unitId: v, includeVillages: undefined })}
            options={unitOptions(units)}
            showSearch={{ optionFilterProp: 'label' }}
          />
          {picked?.level === 'township' && (
            <Checkbox
              checked={query.includeVillages === '1'}
              onChange={(e) => update({ includeVillages: e.target.checked ? '1' : undefined })}
            >
              {c.includeVillages}
            </Checkbox>
          )}
          <Select
            aria-label={c.statusFilter}
            style={{ width: 110 }}
            value={sp.get('status') ?? 'open'}
            onChange={(v: string) => update({ status: v === 'open' ? undefined : v })}
            options={[
              { value: 'open', label: c.status.open },
              { value: 'cleared', label: c.status.cleared },
              { value: 'all', label: c.all },
            ]}
          />
          <Checkbox
            checked={query.overdue === '1'}
            onChange={(e) => update({ overdue: e.target.checked ? '1' : undefined })}
          >
            {c.overdueOnly}
          </Checkbox>
          <UrlSearch label={c.search} value={query.q} update={update} />
        </Space>
        <Space wrap>
          {canWrite && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setModal({ kind: 'add' })}
            >
              {c.add}
            </Button>
          )}
          {canWrite && (
            <Button disabled={!selected.length} onClick={() => setModal({ kind: 'bulk' })}>
              {c.bulkClear}
              {selected.length ? ` (${selected.length})` : ''}
            </Button>
          )}
          <Button icon={<DownloadOutlined />} href={exportHref} download>
            {c.export}
          </Button>
        </Space>
      </Flex>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<ColourItemView>
          size="small"
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          columns={columns}
          scroll={{ x: 1100 }}
          locale={{ emptyText: c.empty }}
          onRow={(i) => ({ 'data-testid': 'colour-row', 'data-colour': i.colour }) as object}
          rowSelection={
            canWrite
              ? {
                  selectedRowKeys: selected.map((i) => i.id),
                  onChange: (_, rows) => setSelected(rows),
                  getCheckboxProps: (i) => ({ disabled: !i.writable }),
                }
              : undefined
          }
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
      {modal?.kind === 'add' && <AddModal units={units} onClose={() => setModal(null)} />}
      {modal?.kind === 'colour' && <ColourModal item={modal.item} onClose={() => setModal(null)} />}
      {modal?.kind === 'clear' && (
        <ClearModal items={[modal.item]} onClose={() => setModal(null)} />
      )}
      {modal?.kind === 'bulk' && (
        <ClearModal
          items={selected}
          onClose={() => setModal(null)}
          onDone={() => setSelected([])}
        />
      )}
      {modal?.kind === 'history' && <HistoryModal id={modal.id} onClose={() => setModal(null)} />}
    </Flex>
  );
}

// ── the report ─────────────────────────────────────────────────────────────

const FIGURES: Array<[keyof ColourFigures, string]> = [
  ['opening', c.opening],
  ['new', c.new],
  ['cleared', c.clearedCount],
  ['clearedOnTime', c.clearedOnTimeCount],
  ['overdue', c.overdueCount],
  ['carriedOver', c.carriedOver],
];

function ReportTab({ units, cadences }: { units: ColourUnit[]; cadences?: ColourCadences }) {
  const [sp, update] = useUrlFilters();
  const fallback = units.find((u) => u.writable) ?? units[0];
  const unitId = sp.get('unitId') ?? fallback?.id;
  const unit = units.find((u) => u.id === unitId);
  const colourParam = sp.get('colour');
  const colour: Colour = isColour(colourParam) ? colourParam : 'yellow';
  const query: ColourReportQuery | undefined = unitId
    ? {
        unitId,
        colour,
        ...(sp.get('at') ? { at: sp.get('at')! } : {}),
        ...(unit?.level === 'township' && sp.get('includeVillages') === '1'
          ? { includeVillages: '1' as const }
          : {}),
      }
    : undefined;
  const report = useColourReport(query);
  const r = report.data;
  const periodUnit = cadences?.[colour].report ?? 'week';
  const exportHref = query ? `/api/colour-lists/report/export.xlsx${toSearch(query)}` : undefined;
  const num = { width: 90, align: 'right' as const };
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <Space wrap>
          <Select
            aria-label={c.reportUnitLabel}
            placeholder={c.reportPick}
            style={{ width: 220 }}
            value={unitId}
            onChange={(v: string) => update({ unitId: v, includeVillages: undefined })}
            options={unitOptions(units)}
            showSearch={{ optionFilterProp: 'label' }}
          />
          {unit?.level === 'township' && (
            <Checkbox
              checked={sp.get('includeVillages') === '1'}
              onChange={(e) => update({ includeVillages: e.target.checked ? '1' : undefined })}
            >
              {c.includeVillages}
            </Checkbox>
          )}
          <Segmented
            value={colour}
            onChange={(v) => update({ colour: String(v), at: undefined })}
            options={COLOURS.map((k) => ({
              value: k,
              label: `${c.colour[k]}·${cadences ? c.reportUnit[cadences[k].report] : ''}`,
            }))}
          />
        </Space>
        {exportHref && (
          <Button
            icon={<DownloadOutlined />}
            href={exportHref}
            download
            data-testid="report-export"
          >
            {c.exportReport}
          </Button>
        )}
      </Flex>
      <Space wrap>
        <Button
          icon={<LeftOutlined />}
          disabled={!r}
          onClick={() => r && update({ at: r.period.prevAt })}
        >
          {c.prev}
        </Button>
        <DatePicker
          aria-label={c.period}
          picker={periodUnit}
          allowClear={false}
          value={r ? dayjs(r.period.at) : null}
          onChange={(d) => d && update({ at: d.format('YYYY-MM-DD') })}
          format={() => r?.period.label ?? ''}
          style={{ width: 260 }}
        />
        <Button
          disabled={!r?.period.nextAt}
          onClick={() => r?.period.nextAt && update({ at: r.period.nextAt })}
        >
          {c.next} <RightOutlined />
        </Button>
        {r && (
          <Typography.Text strong data-testid="report-period">
            {r.period.label}
          </Typography.Text>
        )}
        {r?.period.current && <Tag color="blue">{c.current}</Tag>}
      </Space>
      {report.isError ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        r && (
          <>
            <Flex wrap gap={12}>
              {FIGURES.map(([k, label]) => (
                <Card size="small" key={k} style={{ minWidth: 120 }}>
                  <div data-testid={`fig-${k}`} data-value={r.figures[k]}>
                    <Statistic
                      title={label}
                      value={r.figures[k]}
                      styles={
                        k === 'overdue' && r.figures[k]
                          ? { content: { color: '#cf1322' } }
                          : undefined
                      }
                    />
                  </div>
                </Card>
              ))}
            </Flex>
            {r.byUnit.length > 1 && (
              <Table
                size="small"
                title={() => c.byUnit}
                rowKey={(x) => x.unit.id}
                pagination={false}
                dataSource={r.byUnit}
                scroll={{ x: 700 }}
                columns={[
                  { title: c.unit, dataIndex: ['unit', 'name'] },
                  ...FIGURES.map(([k, label]) => ({ title: label, dataIndex: k, ...num })),
                ]}
              />
            )}
            <Table<ColourReportItem>
              size="small"
              title={() => c.reportItems}
              rowKey="id"
              dataSource={r.items}
              locale={{ emptyText: c.reportEmpty }}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 900 }}
              onRow={() => ({ 'data-testid': 'report-row' }) as object}
              columns={[
                { title: c.unit, dataIndex: ['unit', 'name'], width: 140 },
                {
                  title: c.item,
                  key: 'title',
                  render: (_: unknown, i) => (
                    <Flex vertical>
                      <span>{i.title}</span>
                      {i.ticketCode && (
                        <Typography.Text type="secondary">{i.ticketCode}</Typography.Text>
                      )}
                    </Flex>
                  ),
                },
                {
                  title: c.createdAt,
                  key: 'created',
                  width: 130,
                  render: (_: unknown, i) => formatDateTime(i.createdAt),
                },
                {
                  title: c.clearBy,
                  key: 'clearBy',
                  width: 130,
                  render: (_: unknown, i) => formatDateTime(i.clearBy),
                },
                {
                  title: c.statusFilter,
                  key: 'flags',
                  width: 260,
                  render: (_: unknown, i) => (
                    <Space size={4} wrap>
                      {i.isNew && <Tag color="blue">{c.new}</Tag>}
                      {i.cleared && (
                        <Tag color={i.clearedOnTime ? 'green' : 'volcano'}>
                          {i.clearedOnTime ? c.clearedOnTime : c.clearedLate}
                        </Tag>
                      )}
                      {i.overdue && <Tag color="red">{c.overdue}</Tag>}
                      {i.carriedOver && <Tag>{c.carriedOver}</Tag>}
                    </Space>
                  ),
                },
              ]}
            />
          </>
        )
      )}
    </Flex>
  );
}

// ── the cadences ───────────────────────────────────────────────────────────

function CadenceTab() {
  const me = useMe();
  const admin = hasAny(me.data, 'admin');
  const cfg = useColourCadences();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<UpdateColourCadencesBody>();
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const save = useMutation({
    mutationFn: (b: UpdateColourCadencesBody) =>
      api.put<typeof cfg.data>('/api/colour-lists/cadences', b),
    onSuccess: async (v) => {
      message.success(fmt(c.savedCadence, { v: v?.current.version ?? '' }));
      await invalidate();
      setEditing(false);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  if (cfg.isError) return <ErrorState error={cfg.error} onRetry={() => void cfg.refetch()} />;
  const cur = cfg.data?.current;
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{c.cadenceHelp}</Typography.Text>
      <Table
        size="small"
        rowKey="colour"
        pagination={false}
        loading={cfg.isFetching}
        dataSource={COLOURS.map((k) => ({
          colour: k,
          ...(cur?.cadences ?? DEFAULT_COLOUR_CADENCES)[k],
        }))}
        columns={[
          {
            title: c.colourLabel,
            key: 'c',
            render: (_: unknown, x) => <ColourBadge colour={x.colour} />,
          },
          { title: c.meaning, key: 'm', render: (_: unknown, x) => c.colourMeaning[x.colour] },
          {
            title: c.clearCadence,
            key: 'clear',
            render: (_: unknown, x) => `${c.clearUnit[x.clear]}(${c.clearUnitName[x.clear]}清理)`,
          },
          {
            title: c.reportCadence,
            key: 'report',
            render: (_: unknown, x) =>
              `${c.reportUnit[x.report]}(${c.reportUnitName[x.report]}报告)`,
          },
        ]}
      />
      <Typography.Text type="secondary">
        {c.version}:
        {cur && cur.version > 0
          ? `${cur.version} · ${cur.createdBy?.name ?? ''} · ${formatDateTime(cur.createdAt)} · ${cur.reason ?? ''}`
          : c.versionDefault}
      </Typography.Text>
      {admin && (
        <div>
          <Button onClick={() => setEditing(true)}>{c.editCadence}</Button>
        </div>
      )}
      {(cfg.data?.history.length ?? 0) > 1 && (
        <Table
          size="small"
          rowKey="version"
          pagination={false}
          dataSource={cfg.data!.history}
          columns={[
            { title: c.version, dataIndex: 'version', width: 70 },
            { title: c.editedBy, key: 'by', render: (_: unknown, v) => v.createdBy?.name },
            {
              title: c.editedAt,
              key: 'at',
              render: (_: unknown, v) => formatDateTime(v.createdAt),
            },
            { title: c.cadenceReason, dataIndex: 'reason' },
          ]}
        />
      )}
      {editing && cur && (
        <Modal
          open
          title={c.editCadence}
          onCancel={() => setEditing(false)}
          okText={c.saveCadence}
          cancelText={t.web.common.cancel}
          confirmLoading={save.isPending}
          onOk={() =>
            void form
              .validateFields()
              .then((v) => save.mutate({ cadences: v.cadences, reason: v.reason.trim() }))
              .catch(() => undefined)
          }
        >
          {error && (
            <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />
          )}
          <Form form={form} layout="vertical" initialValues={{ cadences: cur.cadences }}>
            {COLOURS.map((k) => (
              <Space key={k} align="start" wrap>
                <Form.Item
                  name={['cadences', k, 'clear']}
                  label={`${c.colour[k]}·${c.clearCadence}`}
                >
                  <Select
                    style={{ width: 140 }}
                    options={CLEAR_UNITS.map((u) => ({ value: u, label: c.clearUnit[u] }))}
                  />
                </Form.Item>
                <Form.Item
                  name={['cadences', k, 'report']}
                  label={`${c.colour[k]}·${c.reportCadence}`}
                >
                  <Select
                    style={{ width: 140 }}
                    options={REPORT_UNITS.map((u) => ({ value: u, label: c.reportUnit[u] }))}
                  />
                </Form.Item>
              </Space>
            ))}
            <Form.Item
              name="reason"
              label={c.cadenceReason}
              rules={[{ required: true, whitespace: true, min: 2 }]}
            >
              <Input.TextArea aria-label={c.cadenceReason} rows={2} maxLength={500} />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </Flex>
  );
}

export default function ColourListsPage() {
  const units = useColourUnits();
  const cadences = useColourCadences();
  const [sp, update] = useUrlFilters();
  const tab = sp.get('tab') ?? 'list';
  const switchTo = (k: string) => {
    const next: Record<string, undefined | string> = {};
    for (const key of sp.keys()) next[key] = undefined;
    update({ ...next, tab: k === 'list' ? undefined : k });
  };
  const cur = cadences.data?.current.cadences;
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
        {c.title}
      </Typography.Title>
      <Typography.Text type="secondary">
        {c.help}
        {cur &&
          ` ${COLOURS.map((k) => `${c.colour[k]}:${c.clearUnit[cur[k].clear]}${c.reportUnit[cur[k].report]}`).join(';')}`}
      </Typography.Text>
      {units.isError ? (
        <ErrorState error={units.error} onRetry={() => void units.refetch()} />
      ) : (
        <Card size="small">
          <Tabs
            activeKey={tab}
            onChange={switchTo}
            items={[
              {
                key: 'list',
                label: c.tabList,
                children: tab === 'list' && units.data && (
                  <ListTab units={units.data.items} cadences={cur} />
                ),
              },
              {
                key: 'report',
                label: c.tabReport,
                children: tab === 'report' && units.data && (
                  <ReportTab units={units.data.items} cadences={cur} />
                ),
              },
              {
                key: 'cadence',
                label: c.tabCadence,
                children: tab === 'cadence' && <CadenceTab />,
              },
            ]}
          />
        </Card>
      )}
    </Flex>
  );
}
