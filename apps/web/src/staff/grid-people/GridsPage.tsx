// 网格管理: the grids in the user's reach (the centre: the district; a township
// or village: its own), with village, township, households, grade, boundary and
// the people on duty; a drawer lists a grid's people, current and past, and —
// for the village committee, the township's leader and administrators — adds
// one or records one leaving. The server keeps the rules and the privacy of
// informants' phones; its refusal is shown as it says it.
import { lazy, Suspense, useMemo, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type {
  AddGridMemberBody,
  GridList,
  GridListItem,
  GridMemberRole,
  GridMemberView,
  GridMembersView,
} from '@jiesu/contracts';
import { api, errorMessage } from '../../api/client';
import { useJurisdictions } from '../../api/hooks';
import { requiredRule } from '../../lib/formRules';
import { ErrorState } from '../../lib/states';
import { nowMs } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { tGridPeople } from '../../i18n/grid-people';
import { tGridBoundary } from '../../i18n/grid-boundary';

// The drawing editor loads only when opened.
const BoundaryEditor = lazy(() => import('./BoundaryEditor'));

const g = tGridPeople;
const ROLES: GridMemberRole[] = ['worker', 'head', 'supervisor', 'commander', 'informant'];
const ROLE_COLOURS: Record<GridMemberRole, string> = {
  worker: 'blue',
  head: 'geekblue',
  supervisor: 'purple',
  commander: 'magenta',
  informant: 'default',
};
const PAGE_SIZE = 20;

const membersKey = (id: string) => ['grid-members', id] as const;

interface AddValues {
  role: GridMemberRole;
  userId?: string;
  name: string;
  phone?: string;
  since: Dayjs;
}

function AddMemberForm({ data }: { data: GridMembersView }) {
  const [form] = Form.useForm<AddValues>();
  const [error, setError] = useState<string | null>(null);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const add = useMutation({
    mutationFn: (body: AddGridMemberBody) =>
      api.post<GridMemberView>(`/api/grids/${data.grid.id}/members`, body),
    onSuccess: async () => {
      message.success(g.added);
      form.resetFields();
      setError(null);
      await qc.invalidateQueries({ queryKey: membersKey(data.grid.id) });
      await qc.invalidateQueries({ queryKey: ['grids'] });
    },
    onError: (e) => setError(errorMessage(e)),
  });
  async function submit() {
    let v: AddValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    add.mutate({
      role: v.role,
      name: v.name.trim(),
      ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
      ...(v.userId ? { userId: v.userId } : {}),
      since: v.since.format('YYYY-MM-DD'),
    });
  }
  return (
    <Card size="small" title={g.addTitle}>
      {error && (
        <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />
      )}
      <Form
        form={form}
        layout="vertical"
        name="grid-member"
        initialValues={{ role: 'worker', since: dayjs(nowMs()).startOf('day') }}
        onValuesChange={(changed: Partial<AddValues>) => {
          if (changed.userId) {
            const u = data.candidates.find((c) => c.id === changed.userId);
            if (u) form.setFieldValue('name', u.name);
          }
        }}
      >
        <Flex gap={12} wrap>
          <Form.Item
            name="role"
            label={g.addRole}
            rules={[requiredRule(g.addRole)]}
            style={{ flex: '1 1 140px' }}
          >
            <Select
              aria-label={g.addRole}
              options={ROLES.map((r) => ({ value: r, label: g.role[r] }))}
            />
          </Form.Item>
          {data.candidates.length > 0 && (
            <Form.Item
              name="userId"
              label={g.addUser}
              tooltip={g.addUserHelp}
              style={{ flex: '1 1 180px' }}
            >
              <Select
                aria-label={g.addUser}
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={data.candidates.map((c) => ({ value: c.id, label: c.name }))}
              />
            </Form.Item>
          )}
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item
            name="name"
            label={g.addName}
            rules={[{ ...requiredRule(g.addName), whitespace: true }]}
            style={{ flex: '1 1 120px' }}
          >
            <Input aria-label={g.addName} maxLength={40} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={g.addPhone}
            extra={g.addPhoneHelp}
            style={{ flex: '1 1 160px' }}
          >
            <Input aria-label={g.addPhone} maxLength={20} inputMode="tel" autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="since"
            label={g.since}
            rules={[requiredRule(g.since)]}
            style={{ flex: '1 1 140px' }}
          >
            <DatePicker aria-label={g.since} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Button type="primary" loading={add.isPending} onClick={() => void submit()}>
          {g.add}
        </Button>
      </Form>
    </Card>
  );
}

function EndMemberModal({ member, onClose }: { member: GridMemberView; onClose: () => void }) {
  const [until, setUntil] = useState<Dayjs | null>(dayjs(nowMs()).startOf('day'));
  const [error, setError] = useState<string | null>(null);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const end = useMutation({
    mutationFn: (day: string) =>
      api.post<GridMemberView>(`/api/grid-members/${member.id}/end`, { until: day }),
    onSuccess: async () => {
      message.success(g.endOk);
      await qc.invalidateQueries({ queryKey: membersKey(member.grid.id) });
      await qc.invalidateQueries({ queryKey: ['grids'] });
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal
      open
      title={fmt(g.endTitle, { name: member.name })}
      onCancel={onClose}
      okText={g.end}
      cancelText={t.web.common.cancel}
      okButtonProps={{ disabled: !until, loading: end.isPending, danger: true }}
      onOk={() => until && end.mutate(until.format('YYYY-MM-DD'))}
      destroyOnHidden
    >
      <Flex vertical gap={8}>
        {error && <Alert type="error" showIcon role="alert" title={error} />}
        <label htmlFor="grid-member-until">{g.until}</label>
        <DatePicker
          id="grid-member-until"
          aria-label={g.until}
          value={until}
          onChange={(v) => setUntil(v)}
          minDate={dayjs(member.since)}
          style={{ width: '100%' }}
        />
      </Flex>
    </Modal>
  );
}

function MemberRow({
  m,
  canEdit,
  onEnd,
}: {
  m: GridMemberView;
  canEdit: boolean;
  onEnd: (m: GridMemberView) => void;
}) {
  return (
    <List.Item
      data-testid="grid-member"
      actions={
        canEdit && m.until === null
          ? [
              <Button key="end" size="small" onClick={() => onEnd(m)}>
                {g.end}
              </Button>,
            ]
          : []
      }
    >
      <Flex vertical gap={2}>
        <Space size={6} wrap>
          <Tag color={ROLE_COLOURS[m.role]}>{g.role[m.role]}</Tag>
          <Typography.Text strong>{m.name}</Typography.Text>
          {m.phone && <Typography.Text>{m.phone}</Typography.Text>}
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {m.until
            ? fmt(g.period, { since: m.since, until: m.until })
            : fmt(g.sinceUntil, { since: m.since })}
          {m.user ? ` · ${fmt(g.linkedUser, { name: m.user.name })}` : ''}
        </Typography.Text>
      </Flex>
    </List.Item>
  );
}

function MembersDrawer({ item, onClose }: { item: GridListItem; onClose: () => void }) {
  const members = useQuery({
    queryKey: membersKey(item.grid.id),
    queryFn: () => api.get<GridMembersView>(`/api/grids/${item.grid.id}/members`),
  });
  const [ending, setEnding] = useState<GridMemberView | null>(null);
  const data = members.data;
  const current = data?.items.filter((m) => m.current) ?? [];
  const past = data?.items.filter((m) => !m.current) ?? [];
  return (
    <Drawer
      open
      onClose={onClose}
      size="large"
      title={fmt(g.drawerTitle, { village: item.village.name, grid: item.grid.name })}
      destroyOnHidden
    >
      {members.isError && (
        <ErrorState error={members.error} onRetry={() => void members.refetch()} />
      )}
      {data && (
        <Flex vertical gap={16}>
          {!data.canEdit && <Typography.Text type="secondary">{g.readOnly}</Typography.Text>}
          <div>
            <Typography.Title level={3} style={{ fontSize: 16 }}>
              {g.current}
            </Typography.Title>
            <List
              size="small"
              dataSource={current}
              locale={{ emptyText: g.none }}
              renderItem={(m) => <MemberRow m={m} canEdit={data.canEdit} onEnd={setEnding} />}
            />
          </div>
          {data.canEdit && <AddMemberForm data={data} />}
          {past.length > 0 && (
            <div>
              <Typography.Title level={3} style={{ fontSize: 16 }}>
                {g.past}
              </Typography.Title>
              <List
                size="small"
                dataSource={past}
                renderItem={(m) => <MemberRow m={m} canEdit={false} onEnd={setEnding} />}
              />
            </div>
          )}
        </Flex>
      )}
      {ending && <EndMemberModal member={ending} onClose={() => setEnding(null)} />}
    </Drawer>
  );
}

export default function GridsPage() {
  const [page, setPage] = useState(1);
  const [townshipId, setTownship] = useState<string | undefined>();
  const [villageId, setVillage] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<GridListItem | null>(null);
  const [drawing, setDrawing] = useState<GridListItem | null>(null);
  const places = useJurisdictions();
  const query = { page, pageSize: PAGE_SIZE, townshipId, villageId, q: q.trim() || undefined };
  const grids = useQuery({
    queryKey: ['grids', query],
    queryFn: () => api.get<GridList>('/api/grids', query),
    placeholderData: keepPreviousData,
  });

  const { townships, villages } = useMemo(() => {
    const all = places.data ?? [];
    return {
      townships: all
        .filter((j) => j.level === 'township')
        .map((j) => ({ value: j.id, label: j.name })),
      villages: all
        .filter((j) => j.level === 'village' && (!townshipId || j.parentId === townshipId))
        .map((j) => ({ value: j.id, label: j.name })),
    };
  }, [places.data, townshipId]);

  const columns: TableProps<GridListItem>['columns'] = [
    { title: g.grid, dataIndex: ['grid', 'name'], width: 120 },
    { title: g.village, dataIndex: ['village', 'name'], width: 130 },
    {
      title: g.township,
      key: 'township',
      width: 110,
      render: (_: unknown, x) => x.township?.name ?? t.web.common.none,
    },
    {
      title: g.households,
      dataIndex: 'households',
      width: 80,
      align: 'right',
      render: (n: number | null) => n ?? t.web.common.none,
    },
    {
      title: g.grade,
      dataIndex: 'grade',
      width: 70,
      render: (v: string | null) => v ?? t.web.common.none,
    },
    {
      title: g.boundary,
      dataIndex: 'hasBoundary',
      width: 150,
      render: (b: boolean, x) => (
        <Space size={4}>
          {b ? <Tag color="green">{g.hasBoundary}</Tag> : <Tag>{g.noBoundary}</Tag>}
          <Button size="small" type="link" onClick={() => setDrawing(x)}>
            {x.canEdit ? tGridBoundary.draw : tGridBoundary.view}
          </Button>
        </Space>
      ),
    },
    {
      title: g.members,
      key: 'members',
      render: (_: unknown, x) =>
        x.members.length ? (
          <Space size={[4, 4]} wrap>
            {x.members.map((m) => (
              <Tag key={m.id} color={ROLE_COLOURS[m.role]}>
                {g.role[m.role]} {m.name}
              </Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{g.noMembers}</Typography.Text>
        ),
    },
    {
      title: t.web.common.actions,
      key: 'act',
      width: 100,
      render: (_: unknown, x) => (
        <Button size="small" type={x.canEdit ? 'primary' : 'default'} onClick={() => setOpen(x)}>
          {x.canEdit ? g.manage : g.view}
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
        {g.title}
      </Typography.Title>
      <Card size="small">
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{g.help}</Typography.Text>
          <Space wrap>
            <Select
              aria-label={g.filterTownship}
              placeholder={g.filterTownship}
              allowClear
              style={{ width: 160 }}
              value={townshipId ?? null}
              onChange={(v?: string | null) => {
                setTownship(v ?? undefined);
                setVillage(undefined);
                setPage(1);
              }}
              options={townships}
            />
            <Select
              aria-label={g.filterVillage}
              placeholder={g.filterVillage}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 180 }}
              value={villageId ?? null}
              onChange={(v?: string | null) => {
                setVillage(v ?? undefined);
                setPage(1);
              }}
              options={villages}
            />
            <Input.Search
              aria-label={g.search}
              placeholder={g.search}
              allowClear
              onSearch={(v) => {
                setQ(v);
                setPage(1);
              }}
              style={{ width: 200 }}
            />
          </Space>
          {grids.isError ? (
            <ErrorState error={grids.error} onRetry={() => void grids.refetch()} />
          ) : (
            <Table<GridListItem>
              size="small"
              rowKey={(x) => x.grid.id}
              loading={grids.isFetching}
              dataSource={grids.data?.items ?? []}
              columns={columns}
              scroll={{ x: 960 }}
              locale={{ emptyText: <Empty description={g.empty} /> }}
              onRow={() => ({ 'data-testid': 'grid-row' }) as object}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total: grids.data?.total ?? 0,
                onChange: setPage,
                showSizeChanger: false,
                hideOnSinglePage: true,
                showTotal: (n) => fmt(g.total, { n }),
              }}
            />
          )}
        </Flex>
      </Card>
      {open && <MembersDrawer item={open} onClose={() => setOpen(null)} />}
      {drawing && (
        <Suspense fallback={null}>
          <BoundaryEditor
            gridId={drawing.grid.id}
            title={fmt(tGridBoundary.title, {
              village: drawing.village.name,
              grid: drawing.grid.name,
            })}
            onClose={() => setDrawing(null)}
          />
        </Suspense>
      )}
    </Flex>
  );
}
