// 住户台账: households and residents in the user's reach (a grid worker: their
// grid; a village or township: its own; administrators and supervisors: the
// district), filtered by grid, village, kind, key population and text, with
// names, phones and ID numbers masked. A resident's detail is a logged read;
// the full phone and ID number come only through 查看完整信息 (logged, with an
// optional purpose). Import wizard, export (masked; full for those allowed),
// the district's kinds (administrators) and the read log (administrators,
// supervisors) on their own tabs. The filters, the tab and the page live in the
// address (a reload keeps them). A household's detail lists its residents, with
// 添加成员 and 修改住户; a resident's detail has 修改 (forms.tsx). The server
// keeps every rule.
import { useMemo, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
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
import {
  DownloadOutlined,
  EditOutlined,
  EyeOutlined,
  PlusOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import type {
  HouseholdList,
  HouseholdView,
  ResidentBrief,
  ResidentKindList,
  ResidentListItem,
  ResidentList,
  ResidentReadList,
  ResidentReadView,
  ResidentView,
} from '@jiesu/contracts';
import { api, errorMessage, toSearch } from '../../api/client';
import { useMe } from '../../api/hooks';
import { ErrorState } from '../../lib/states';
import { pageOf, useUrlFilters, type FilterPatch } from '../../lib/urlFilters';
import { formatDateTime } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { tResidents } from '../../i18n/residents';
import { hasAny } from '../roles';
import { ImportWizard } from './ImportWizard';
import { HouseholdForm, ResidentForm } from './forms';
import { KINDS_KEY, KindTags, useLedgerGrids, useResidentKinds } from './shared';

const r = tResidents;
const PAGE_SIZE = 20;

interface Filters {
  villageId?: string;
  gridId?: string;
  kind?: string;
  keyPopulation?: boolean;
  q?: string;
}

/** The filters as kept in the address (reload and back keep them). */
function readFilters(sp: URLSearchParams): Filters {
  const get = (k: string) => sp.get(k) || undefined;
  return {
    villageId: get('villageId'),
    gridId: get('gridId'),
    kind: get('kind'),
    keyPopulation: sp.get('keyPopulation') === 'true' || undefined,
    q: get('q'),
  };
}

const genderLabel = (g: 'male' | 'female' | null) => (g ? r[g] : r.none);

function FilterBar({
  value,
  onChange,
  kinds,
}: {
  value: Filters;
  onChange: (patch: FilterPatch) => void;
  kinds: ResidentKindList | undefined;
}) {
  const grids = useLedgerGrids();
  const [text, setText] = useState(value.q ?? '');
  const items = grids.data?.items ?? [];
  const villages = [...new Map(items.map((g) => [g.village.id, g.village])).values()];
  return (
    <Space wrap>
      <Select
        aria-label={r.filterVillage}
        placeholder={r.filterVillage}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 180 }}
        value={value.villageId ?? null}
        // A grid of another village would leave the list empty: the grid filter goes with it.
        onChange={(v?: string | null) => onChange({ villageId: v ?? undefined, gridId: undefined })}
        options={villages.map((v) => ({ value: v.id, label: v.name }))}
      />
      <Select
        aria-label={r.filterGrid}
        placeholder={r.filterGrid}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 220 }}
        value={value.gridId ?? null}
        onChange={(v?: string | null) => onChange({ gridId: v ?? undefined })}
        options={items
          .filter((g) => !value.villageId || g.village.id === value.villageId)
          .map((g) => ({
            value: g.grid.id,
            label: `${g.village.name} · ${g.grid.name}`,
          }))}
      />
      <Select
        aria-label={r.filterKind}
        placeholder={r.filterKind}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 160 }}
        value={value.kind ?? null}
        onChange={(v?: string | null) => onChange({ kind: v ?? undefined })}
        options={(kinds?.items ?? [])
          .filter((k) => k.active || k.code === value.kind)
          .map((k) => ({ value: k.code, label: k.label }))}
      />
      <Checkbox
        checked={Boolean(value.keyPopulation)}
        onChange={(e) => onChange({ keyPopulation: e.target.checked ? 'true' : undefined })}
      >
        {r.keyOnly}
      </Checkbox>
      <Input.Search
        aria-label={r.search}
        placeholder={r.search}
        allowClear
        style={{ width: 220 }}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => onChange({ q: v.trim() || undefined })}
      />
    </Space>
  );
}

function RevealModal({
  resident,
  onDone,
  onClose,
}: {
  resident: ResidentView;
  onDone: (v: ResidentView) => void;
  onClose: () => void;
}) {
  const [purpose, setPurpose] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reveal = useMutation({
    mutationFn: () =>
      api.post<ResidentView>(`/api/residents/${resident.id}/reveal`, {
        ...(purpose.trim() ? { purpose: purpose.trim() } : {}),
      }),
    onSuccess: (v) => {
      onDone(v);
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal
      open
      title={r.revealTitle}
      onCancel={onClose}
      okText={r.revealOk}
      cancelText={t.web.common.cancel}
      okButtonProps={{ loading: reveal.isPending }}
      onOk={() => reveal.mutate()}
      destroyOnHidden
    >
      <Flex vertical gap={8}>
        {error && <Alert type="error" showIcon role="alert" title={error} />}
        <Typography.Text type="secondary">{r.revealHelp}</Typography.Text>
        <label htmlFor="reveal-purpose">{r.revealPurpose}</label>
        <Input
          id="reveal-purpose"
          value={purpose}
          maxLength={200}
          onChange={(e) => setPurpose(e.target.value)}
        />
      </Flex>
    </Modal>
  );
}

function ResidentDrawer({
  id,
  kinds,
  onClose,
}: {
  id: string;
  kinds: ResidentKindList | undefined;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  // A detail read is logged by the server: fetched once per opening, not refetched on focus.
  const detail = useQuery({
    queryKey: ['resident', id],
    queryFn: () => api.get<ResidentView>(`/api/residents/${id}`),
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
  const [full, setFull] = useState<ResidentView | null>(null);
  const [revealing, setRevealing] = useState(false);
  const [editing, setEditing] = useState(false);
  const moveOut = useMutation({
    mutationFn: () => api.post<ResidentView>(`/api/residents/${id}/move-out`, {}),
    onSuccess: async () => {
      message.success(r.movedOut);
      await qc.invalidateQueries({ queryKey: ['residents'] });
      await qc.invalidateQueries({ queryKey: ['households'] });
      await qc.invalidateQueries({ queryKey: ['household'] });
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const v = full ?? detail.data;
  return (
    <Drawer open onClose={onClose} size="large" title={r.detailTitle} destroyOnHidden>
      {detail.isError && <ErrorState error={detail.error} />}
      {v && (
        <Flex vertical gap={16}>
          {full && <Alert type="warning" showIcon title={r.revealed} />}
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={r.name}>{v.name}</Descriptions.Item>
            <Descriptions.Item label={r.gender}>{genderLabel(v.gender)}</Descriptions.Item>
            <Descriptions.Item label={r.age}>
              {v.age !== null ? `${v.birthDate ?? ''}(${fmt(r.ageValue, { n: v.age })})` : r.none}
            </Descriptions.Item>
            <Descriptions.Item label={r.relation}>{v.relation ?? r.none}</Descriptions.Item>
            <Descriptions.Item label={r.phone}>
              <span data-testid="resident-phone">{v.phone ?? r.none}</span>
            </Descriptions.Item>
            <Descriptions.Item label={r.idNumber}>
              <span data-testid="resident-id-number">{v.idNumber ?? r.none}</span>
            </Descriptions.Item>
            <Descriptions.Item label={r.kinds}>
              <KindTags codes={v.kinds} kinds={kinds} />
            </Descriptions.Item>
            <Descriptions.Item label={r.careNeeds}>
              <span data-testid="resident-care-needs">{v.careNeeds ?? r.none}</span>
            </Descriptions.Item>
            <Descriptions.Item label={r.address}>{v.household.address}</Descriptions.Item>
            <Descriptions.Item label={r.grid}>{v.grid.name}</Descriptions.Item>
            <Descriptions.Item label={r.note}>{v.note ?? r.none}</Descriptions.Item>
            {v.leftAt && (
              <Descriptions.Item label={r.leftAt}>{formatDateTime(v.leftAt)}</Descriptions.Item>
            )}
          </Descriptions>
          <Space wrap>
            {v.canEdit && !v.leftAt && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {r.edit}
              </Button>
            )}
            {!full && (
              <Button icon={<EyeOutlined />} onClick={() => setRevealing(true)}>
                {r.reveal}
              </Button>
            )}
            {v.canEdit && !v.leftAt && (
              <Button
                danger
                loading={moveOut.isPending}
                onClick={() =>
                  void modal.confirm({
                    title: fmt(r.moveOutConfirm, { name: v.name }),
                    onOk: () => moveOut.mutateAsync(),
                  })
                }
              >
                {r.moveOut}
              </Button>
            )}
          </Space>
        </Flex>
      )}
      {revealing && detail.data && (
        <RevealModal resident={detail.data} onDone={setFull} onClose={() => setRevealing(false)} />
      )}
      {editing && detail.data && (
        // The masked view, never the revealed one: the form shows masked hints only.
        <ResidentForm
          household={detail.data.household}
          resident={detail.data}
          kinds={kinds}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            // The saved view comes back masked; no second (logged) read is needed.
            qc.setQueryData(['resident', id], saved);
            setFull(null);
          }}
        />
      )}
    </Drawer>
  );
}

/** A household: address, grid, note, and its residents (those moved out too), with 添加成员. */
function HouseholdDrawer({
  id,
  kinds,
  onOpen,
  onClose,
}: {
  id: string;
  kinds: ResidentKindList | undefined;
  onOpen: (residentId: string) => void;
  onClose: () => void;
}) {
  const detail = useQuery({
    queryKey: ['household', id],
    queryFn: () => api.get<HouseholdView>(`/api/households/${id}`),
  });
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const h = detail.data;
  return (
    <Drawer open onClose={onClose} size="large" title={r.householdDetail} destroyOnHidden>
      {detail.isError && <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />}
      {h && (
        <Flex vertical gap={16} data-testid="household-detail">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={r.address}>{h.address}</Descriptions.Item>
            <Descriptions.Item
              label={r.grid}
            >{`${h.village.name} · ${h.grid.name}`}</Descriptions.Item>
            <Descriptions.Item label={r.note}>{h.note ?? r.none}</Descriptions.Item>
          </Descriptions>
          {h.canEdit && (
            <Space wrap>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {r.editHousehold}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                {r.addMember}
              </Button>
            </Space>
          )}
          <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
            {fmt(r.membersTitle, { n: h.members.filter((m) => !m.leftAt).length })}
          </Typography.Title>
          <Table<ResidentBrief>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={h.members}
            locale={{ emptyText: r.noMembers }}
            scroll={{ x: 640 }}
            columns={[
              {
                title: r.name,
                dataIndex: 'name',
                width: 110,
                render: (n: string, m) => (
                  <Space size={4}>
                    <Button
                      type="link"
                      size="small"
                      style={{ padding: 0 }}
                      onClick={() => onOpen(m.id)}
                    >
                      {n}
                    </Button>
                    {m.leftAt && <Tag>{r.left}</Tag>}
                  </Space>
                ),
              },
              {
                title: r.relation,
                dataIndex: 'relation',
                width: 90,
                render: (x: string | null) => x ?? r.none,
              },
              {
                title: r.age,
                dataIndex: 'age',
                width: 60,
                render: (a: number | null) => (a !== null ? fmt(r.ageValue, { n: a }) : r.none),
              },
              {
                title: r.phone,
                dataIndex: 'phone',
                width: 120,
                render: (x: string | null) => x ?? r.none,
              },
              {
                title: r.kinds,
                dataIndex: 'kinds',
                render: (c: string[]) => <KindTags codes={c} kinds={kinds} />,
              },
              {
                title: r.careNeeds,
                dataIndex: 'careNeeds',
                width: 140,
                render: (x: string | null) => x ?? r.none,
              },
            ]}
          />
        </Flex>
      )}
      {editing && h && <HouseholdForm household={h} onClose={() => setEditing(false)} />}
      {adding && h && <ResidentForm household={h} kinds={kinds} onClose={() => setAdding(false)} />}
    </Drawer>
  );
}

function HouseholdsTab({
  filters,
  page,
  setPage,
  kinds,
  onOpen,
  onOpenHousehold,
}: {
  filters: Filters;
  page: number;
  setPage: (page: number) => void;
  kinds: ResidentKindList | undefined;
  onOpen: (id: string) => void;
  onOpenHousehold: (id: string) => void;
}) {
  const [adding, setAdding] = useState<HouseholdView | null>(null);
  const query = { ...filters, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: ['households', query],
    queryFn: () => api.get<HouseholdList>('/api/households', query),
    placeholderData: keepPreviousData,
  });
  const columns: TableProps<HouseholdView>['columns'] = [
    {
      title: r.address,
      dataIndex: 'address',
      width: 260,
      render: (a: string, h) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left', height: 'auto' }}
          onClick={() => onOpenHousehold(h.id)}
        >
          {a}
        </Button>
      ),
    },
    {
      title: r.grid,
      key: 'grid',
      width: 200,
      render: (_: unknown, h) => `${h.village.name} · ${h.grid.name}`,
    },
    {
      title: r.members,
      key: 'members',
      render: (_: unknown, h) =>
        h.members.length ? (
          <Flex vertical gap={4}>
            {h.members.map((m) => (
              <Space key={m.id} size={6} wrap>
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0 }}
                  onClick={() => onOpen(m.id)}
                >
                  {m.name}
                </Button>
                <Typography.Text type="secondary">
                  {[m.relation, m.age !== null ? fmt(r.ageValue, { n: m.age }) : null]
                    .filter(Boolean)
                    .join(' · ')}
                </Typography.Text>
                <KindTags codes={m.kinds} kinds={kinds} />
                {m.careNeeds && <Tag color="gold">{m.careNeeds}</Tag>}
              </Space>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{r.noMembers}</Typography.Text>
        ),
    },
    {
      title: t.web.common.actions,
      key: 'act',
      width: 110,
      render: (_: unknown, h) =>
        h.canEdit ? (
          <Button size="small" onClick={() => setAdding(h)}>
            {r.addResident}
          </Button>
        ) : null,
    },
  ];
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <Table
        data-testid="households-table"
        size="small"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        locale={{ emptyText: r.empty }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => fmt(r.totalHouseholds, { n }),
          onChange: setPage,
        }}
      />
      {adding && <ResidentForm household={adding} kinds={kinds} onClose={() => setAdding(null)} />}
    </>
  );
}

function ResidentsTab({
  filters,
  page,
  setPage,
  includeLeft,
  setIncludeLeft,
  kinds,
  onOpen,
}: {
  filters: Filters;
  page: number;
  setPage: (page: number) => void;
  includeLeft: boolean;
  setIncludeLeft: (v: boolean) => void;
  kinds: ResidentKindList | undefined;
  onOpen: (id: string) => void;
}) {
  const query = { ...filters, includeLeft: includeLeft || undefined, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: ['residents', query],
    queryFn: () => api.get<ResidentList>('/api/residents', query),
    placeholderData: keepPreviousData,
  });
  const columns: TableProps<ResidentListItem>['columns'] = [
    {
      title: r.name,
      dataIndex: 'name',
      width: 90,
      render: (n: string, x) =>
        x.leftAt ? (
          <span>
            {n} <Tag>{r.left}</Tag>
          </span>
        ) : (
          n
        ),
    },
    { title: r.gender, dataIndex: 'gender', width: 60, render: genderLabel },
    { title: r.age, dataIndex: 'age', width: 60, render: (a: number | null) => a ?? r.none },
    {
      title: r.relation,
      dataIndex: 'relation',
      width: 90,
      render: (x: string | null) => x ?? r.none,
    },
    { title: r.phone, dataIndex: 'phone', width: 120, render: (x: string | null) => x ?? r.none },
    {
      title: r.idNumber,
      dataIndex: 'idNumber',
      width: 180,
      render: (x: string | null) => x ?? r.none,
    },
    {
      title: r.kinds,
      dataIndex: 'kinds',
      render: (c: string[]) => <KindTags codes={c} kinds={kinds} />,
    },
    {
      title: r.careNeeds,
      dataIndex: 'careNeeds',
      width: 120,
      render: (x: string | null) => x ?? r.none,
    },
    {
      title: r.address,
      key: 'address',
      width: 220,
      render: (_: unknown, x) => x.household.address,
    },
    { title: r.grid, key: 'grid', width: 140, render: (_: unknown, x) => x.grid.name },
    {
      title: t.web.common.actions,
      key: 'act',
      width: 80,
      render: (_: unknown, x) => (
        <Button size="small" onClick={() => onOpen(x.id)}>
          {r.view}
        </Button>
      ),
    },
  ];
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Flex vertical gap={8}>
      <Checkbox checked={includeLeft} onChange={(e) => setIncludeLeft(e.target.checked)}>
        {r.includeLeft}
      </Checkbox>
      <Table
        data-testid="residents-table"
        size="small"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1200 }}
        locale={{ emptyText: r.empty }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => fmt(r.totalResidents, { n }),
          onChange: setPage,
        }}
      />
    </Flex>
  );
}

function KindsTab() {
  const kinds = useResidentKinds();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code: string; label: string; keyPopulation?: boolean }>();
  const onDone = (data: ResidentKindList) => {
    qc.setQueryData(KINDS_KEY, data);
    message.success(r.saved);
  };
  const onError = (e: unknown) => message.error(errorMessage(e));
  const update = useMutation({
    mutationFn: (x: { code: string; body: Record<string, unknown> }) =>
      api.put<ResidentKindList>(`/api/resident-kinds/${x.code}`, x.body),
    onSuccess: onDone,
    onError,
  });
  const order = useMutation({
    mutationFn: (codes: string[]) =>
      api.post<ResidentKindList>('/api/resident-kinds/order', { codes }),
    onSuccess: onDone,
    onError,
  });
  const add = useMutation({
    mutationFn: (b: { code: string; label: string; keyPopulation?: boolean }) =>
      api.post<ResidentKindList>('/api/resident-kinds', b),
    onSuccess: (d) => {
      form.resetFields();
      onDone(d);
    },
    onError,
  });
  const items = kinds.data?.items ?? [];
  const move = (i: number, d: -1 | 1) => {
    const codes = items.map((k) => k.code);
    const j = i + d;
    [codes[i], codes[j]] = [codes[j]!, codes[i]!];
    order.mutate(codes);
  };
  const rename = (code: string, label: string) => {
    let next = label;
    Modal.confirm({
      title: r.kindRename,
      content: (
        <Input
          defaultValue={label}
          maxLength={20}
          aria-label={r.kindLabel}
          onChange={(e) => (next = e.target.value)}
        />
      ),
      onOk: () => update.mutateAsync({ code, body: { label: next.trim() } }),
    });
  };
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{r.kindsHelp}</Typography.Text>
      <Table
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={items}
        columns={[
          { title: r.kindLabel, dataIndex: 'label' },
          { title: r.kindCode, dataIndex: 'code', width: 180 },
          {
            title: r.keyPopulation,
            dataIndex: 'keyPopulation',
            width: 100,
            render: (v: boolean, k) => (
              <Switch
                checked={v}
                size="small"
                aria-label={`${k.label} ${r.keyPopulation}`}
                onChange={(c) => update.mutate({ code: k.code, body: { keyPopulation: c } })}
              />
            ),
          },
          {
            title: r.kindActive,
            dataIndex: 'active',
            width: 90,
            render: (v: boolean) =>
              v ? <Tag color="green">{r.kindActive}</Tag> : <Tag>{r.kindInactive}</Tag>,
          },
          {
            title: t.web.common.actions,
            key: 'act',
            width: 260,
            render: (_: unknown, k, i) => (
              <Space size={4}>
                <Button size="small" disabled={i === 0} onClick={() => move(i, -1)}>
                  {r.kindUp}
                </Button>
                <Button size="small" disabled={i === items.length - 1} onClick={() => move(i, 1)}>
                  {r.kindDown}
                </Button>
                <Button size="small" onClick={() => rename(k.code, k.label)}>
                  {r.kindRename}
                </Button>
                <Button
                  size="small"
                  onClick={() => update.mutate({ code: k.code, body: { active: !k.active } })}
                >
                  {k.active ? r.kindDisable : r.kindEnable}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Card size="small" title={r.kindAdd}>
        <Form form={form} layout="inline" name="resident-kind" onFinish={(v) => add.mutate(v)}>
          <Form.Item
            name="label"
            label={r.kindLabel}
            rules={[{ required: true, whitespace: true, message: `${r.kindLabel}不能为空` }]}
          >
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item
            name="code"
            label={r.kindCode}
            tooltip={r.kindCodeHelp}
            rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,39}$/, message: r.kindCodeHelp }]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="keyPopulation" label={r.keyPopulation} valuePropName="checked">
            <Switch size="small" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {r.kindAdd}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}

function ReadsTab() {
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['resident-reads', page],
    queryFn: () => api.get<ResidentReadList>('/api/resident-reads', { page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Table<ResidentReadView>
      size="small"
      rowKey="id"
      loading={list.isFetching}
      dataSource={list.data?.items ?? []}
      pagination={{
        current: page,
        pageSize: PAGE_SIZE,
        total: list.data?.total ?? 0,
        onChange: setPage,
        showSizeChanger: false,
      }}
      columns={[
        { title: r.readAt, dataIndex: 'at', width: 170, render: (x: string) => formatDateTime(x) },
        { title: r.readUser, key: 'user', width: 140, render: (_: unknown, l) => l.user.name },
        {
          title: r.readAction,
          dataIndex: 'action',
          width: 130,
          render: (a: ResidentReadView['action']) => r.action[a],
        },
        {
          title: r.readResident,
          key: 'resident',
          render: (_: unknown, l) =>
            l.resident?.name ?? (l.count !== null ? fmt(r.readCount, { n: l.count }) : r.none),
        },
        { title: r.readPurpose, dataIndex: 'purpose', render: (x: string | null) => x ?? r.none },
      ]}
    />
  );
}

export default function ResidentsPage() {
  const me = useMe();
  const kinds = useResidentKinds();
  const { modal } = App.useApp();
  const [sp, update] = useUrlFilters();
  const filters = useMemo(() => readFilters(sp), [sp]);
  const tab = sp.get('tab') ?? 'households';
  const { page } = pageOf(sp);
  const setPage = (p: number) => update({ page: p > 1 ? p : undefined }, true);
  const includeLeft = sp.get('includeLeft') === 'true';
  const [open, setOpen] = useState<string | null>(null);
  const [openHousehold, setOpenHousehold] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [addingHousehold, setAddingHousehold] = useState(false);
  const admin = hasAny(me.data, 'admin');
  const supervisor = hasAny(me.data, 'supervisor');
  const keeper = !supervisor || admin;
  const fullExport = admin || hasAny(me.data, 'unit_leader');
  const exportUrl = (full: boolean) =>
    `/api/residents/export${toSearch({ ...filters, full: full || undefined })}`;

  const tabs = [
    { key: 'households', label: r.tabHouseholds },
    { key: 'residents', label: r.tabResidents },
    ...(admin ? [{ key: 'kinds', label: r.tabKinds }] : []),
    ...(admin || supervisor ? [{ key: 'reads', label: r.tabReads }] : []),
  ];
  const ledger = tab === 'households' || tab === 'residents';

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
        {r.title}
      </Typography.Title>
      <Card size="small">
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{r.help}</Typography.Text>
          <Flex gap={8} wrap justify="space-between">
            <FilterBar value={filters} onChange={(patch) => update(patch)} kinds={kinds.data} />
            <Space wrap>
              {keeper && <Button onClick={() => setAddingHousehold(true)}>{r.addHousehold}</Button>}
              {keeper && (
                <Button type="primary" icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                  {r.import}
                </Button>
              )}
              <Button icon={<DownloadOutlined />} href={exportUrl(false)} download>
                {r.export}
              </Button>
              {fullExport && (
                <Button
                  onClick={() =>
                    void modal.confirm({
                      title: r.exportFull,
                      content: r.exportFullConfirm,
                      onOk: () => {
                        window.location.href = exportUrl(true);
                      },
                    })
                  }
                >
                  {r.exportFull}
                </Button>
              )}
            </Space>
          </Flex>
        </Flex>
      </Card>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k === 'households' ? undefined : k })}
          items={tabs}
        />
        {ledger && tab === 'households' && (
          <HouseholdsTab
            filters={filters}
            page={page}
            setPage={setPage}
            kinds={kinds.data}
            onOpen={setOpen}
            onOpenHousehold={setOpenHousehold}
          />
        )}
        {ledger && tab === 'residents' && (
          <ResidentsTab
            filters={filters}
            page={page}
            setPage={setPage}
            includeLeft={includeLeft}
            setIncludeLeft={(v) => update({ includeLeft: v ? 'true' : undefined })}
            kinds={kinds.data}
            onOpen={setOpen}
          />
        )}
        {tab === 'kinds' && <KindsTab />}
        {tab === 'reads' && <ReadsTab />}
      </Card>
      {openHousehold && (
        <HouseholdDrawer
          id={openHousehold}
          kinds={kinds.data}
          onOpen={setOpen}
          onClose={() => setOpenHousehold(null)}
        />
      )}
      {open && <ResidentDrawer id={open} kinds={kinds.data} onClose={() => setOpen(null)} />}
      {importing && <ImportWizard onClose={() => setImporting(false)} />}
      {addingHousehold && <HouseholdForm onClose={() => setAddingHousehold(false)} />}
    </Flex>
  );
}
