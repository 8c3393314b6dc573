// 志愿服务: the teams with filters (township, village, field, kind), a new team; the
// residents' applications to review; the help requests of the teams the user keeps or
// leads (accept and assign, decline, record what was done with each volunteer's hours);
// the annual hours summary per township, team and person with its Excel.
import { useState, type HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { DownloadOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  VOLUNTEER_TEAM_KINDS,
  type CreateVolunteerTeamBody,
  type VolunteerApplicationList,
  type VolunteerApplicationView,
  type VolunteerFieldList,
  type VolunteerHelpList,
  type VolunteerHelpView,
  type VolunteerPlaceList,
  type VolunteerRole,
  type VolunteerSummary,
  type VolunteerTeamDetail,
  type VolunteerTeamList,
  type VolunteerTeamListQuery,
} from '@jiesu/contracts';
import { api, errorMessage, toSearch } from '../../api/client';
import { ErrorState } from '../../lib/states';
import { formatDateTime } from '../../lib/time';
import { tVolunteers as v } from '../../i18n/volunteers';

export function useFields() {
  return useQuery({
    queryKey: ['volunteers', 'fields'],
    queryFn: () => api.get<VolunteerFieldList>('/api/volunteers/fields'),
    staleTime: 5 * 60_000,
  });
}
export function usePlaces() {
  return useQuery({
    queryKey: ['volunteers', 'places'],
    queryFn: () => api.get<VolunteerPlaceList>('/api/volunteers/places'),
    staleTime: 5 * 60_000,
  });
}

function NewTeamModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<CreateVolunteerTeamBody>();
  const places = usePlaces();
  const fields = useFields();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (b: CreateVolunteerTeamBody) =>
      api.post<VolunteerTeamDetail>('/api/volunteers/teams', b),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['volunteers'] });
      message.success(v.done);
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Modal
      open
      title={v.newTeam}
      onCancel={onClose}
      okText={v.save}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((b) => save.mutate(b))}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'volunteer', isPublic: true, acceptsApplications: true }}
      >
        <Form.Item name="placeId" label={v.place} rules={[{ required: true }]}>
          <Select
            aria-label={v.place}
            showSearch={{ optionFilterProp: 'label' }}
            options={(places.data?.items ?? [])
              .filter((p) => p.writable)
              .map((p) => ({
                value: p.id,
                label: p.township ? `${p.township.name} · ${p.name}` : p.name,
              }))}
          />
        </Form.Item>
        <Form.Item name="name" label={v.teamName} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="kind" label={v.kindLabel} rules={[{ required: true }]}>
          <Select
            aria-label={v.kindLabel}
            options={VOLUNTEER_TEAM_KINDS.map((k) => ({ value: k, label: v.kind[k] }))}
          />
        </Form.Item>
        <Form.Item name="field" label={v.field} rules={[{ required: true }]}>
          <Select
            aria-label={v.field}
            showSearch={{ optionFilterProp: 'label' }}
            options={(fields.data?.items ?? []).map((f) => ({ value: f.code, label: f.label }))}
          />
        </Form.Item>
        <Form.Item name="description" label={v.description}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="isPublic" valuePropName="checked">
          <Checkbox>{v.isPublic}</Checkbox>
        </Form.Item>
        <Form.Item name="acceptsApplications" valuePropName="checked">
          <Checkbox>{v.acceptsApplications}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function TeamsTab() {
  const [sp, setSp] = useSearchParams();
  const query: VolunteerTeamListQuery = {
    townshipId: sp.get('townshipId') ?? undefined,
    placeId: sp.get('placeId') ?? undefined,
    field: sp.get('field') ?? undefined,
    kind: (sp.get('kind') as VolunteerTeamListQuery['kind']) ?? undefined,
    page: Number(sp.get('page') ?? 1),
    pageSize: 20,
  };
  const set = (k: string, val: string | undefined) => {
    const next = new URLSearchParams(sp);
    if (val) next.set(k, val);
    else next.delete(k);
    next.delete('page');
    setSp(next, { replace: true });
  };
  const teams = useQuery({
    queryKey: ['volunteers', 'teams', query],
    queryFn: () => api.get<VolunteerTeamList>('/api/volunteers/teams', query),
  });
  const places = usePlaces();
  const fields = useFields();
  const [adding, setAdding] = useState(false);
  const canCreate = (places.data?.items ?? []).some((p) => p.writable);
  const townships = (places.data?.items ?? []).filter((p) => p.level === 'township');
  const villages = (places.data?.items ?? []).filter(
    (p) => p.level === 'village' && (!query.townshipId || p.township?.id === query.townshipId),
  );
  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={8}>
        <Select
          allowClear
          aria-label={`${v.township}筛选`}
          placeholder={v.township}
          style={{ minWidth: 160 }}
          value={query.townshipId ?? null}
          onChange={(x: string | null) => set('townshipId', x ?? undefined)}
          options={townships.map((p) => ({ value: p.id, label: p.name }))}
        />
        <Select
          allowClear
          aria-label={`${v.village}筛选`}
          placeholder={v.village}
          style={{ minWidth: 160 }}
          showSearch={{ optionFilterProp: 'label' }}
          value={query.placeId ?? null}
          onChange={(x: string | null) => set('placeId', x ?? undefined)}
          options={villages.map((p) => ({ value: p.id, label: p.name }))}
        />
        <Select
          allowClear
          aria-label={`${v.field}筛选`}
          placeholder={v.field}
          style={{ minWidth: 140 }}
          value={query.field ?? null}
          onChange={(x: string | null) => set('field', x ?? undefined)}
          options={(fields.data?.items ?? []).map((f) => ({ value: f.code, label: f.label }))}
        />
        <Select
          allowClear
          aria-label={`${v.kindLabel}筛选`}
          placeholder={v.kindLabel}
          style={{ minWidth: 140 }}
          value={query.kind ?? null}
          onChange={(x: string | null) => set('kind', x ?? undefined)}
          options={VOLUNTEER_TEAM_KINDS.map((k) => ({ value: k, label: v.kind[k] }))}
        />
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {v.newTeam}
          </Button>
        )}
      </Flex>
      {teams.isError ? (
        <ErrorState error={teams.error} onRetry={() => void teams.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={teams.isPending}
          dataSource={teams.data?.items ?? []}
          onRow={() => ({ 'data-testid': 'team-row' }) as HTMLAttributes<HTMLElement>}
          pagination={{
            current: query.page,
            pageSize: 20,
            total: teams.data?.total ?? 0,
            onChange: (p) => {
              const next = new URLSearchParams(sp);
              next.set('page', String(p));
              setSp(next, { replace: true });
            },
          }}
          columns={[
            {
              title: v.teamName,
              dataIndex: 'name',
              render: (name: string, r) => <Link to={`/volunteers/teams/${r.id}`}>{name}</Link>,
            },
            {
              title: v.kindLabel,
              dataIndex: 'kind',
              render: (k: keyof typeof v.kind) => v.kind[k],
            },
            { title: v.field, dataIndex: 'fieldLabel' },
            {
              title: v.place,
              key: 'place',
              render: (_, r) => [r.township?.name, r.place.name].filter(Boolean).join(' · '),
            },
            { title: v.leader, key: 'leader', render: (_, r) => r.leader?.name ?? v.leaderNone },
            { title: v.memberCount, dataIndex: 'memberCount' },
            { title: v.hoursThisYear, dataIndex: 'hoursThisYear' },
            {
              title: v.pending,
              dataIndex: 'pendingApplications',
              render: (n: number) => (n ? <Tag color="orange">{n}</Tag> : 0),
            },
          ]}
        />
      )}
      {adding && <NewTeamModal onClose={() => setAdding(false)} />}
    </Flex>
  );
}

function ApplicationsTab() {
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [status, setStatus] = useState<'pending' | 'accepted' | 'refused'>('pending');
  const list = useQuery({
    queryKey: ['volunteers', 'applications', status],
    queryFn: () =>
      api.get<VolunteerApplicationList>('/api/volunteers/applications', { status, pageSize: 100 }),
  });
  const [refusing, setRefusing] = useState<VolunteerApplicationView | null>(null);
  const [reason, setReason] = useState('');
  const done = () => {
    void qc.invalidateQueries({ queryKey: ['volunteers'] });
    message.success(v.done);
  };
  const accept = useMutation({
    mutationFn: (a: { id: string; role: VolunteerRole }) =>
      api.post(`/api/volunteers/applications/${a.id}/accept`, { role: a.role }),
    onSuccess: done,
    onError: (e) => message.error(errorMessage(e)),
  });
  const refuse = useMutation({
    mutationFn: (a: { id: string; reason: string }) =>
      api.post(`/api/volunteers/applications/${a.id}/refuse`, { reason: a.reason }),
    onSuccess: () => {
      done();
      setRefusing(null);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Flex vertical gap={12}>
      <Select
        aria-label={v.status}
        style={{ width: 160 }}
        value={status}
        onChange={setStatus}
        options={(['pending', 'accepted', 'refused'] as const).map((s) => ({
          value: s,
          label: v.applicationStatus[s],
        }))}
      />
      <Table
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        onRow={() => ({ 'data-testid': 'application-row' }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: v.code, dataIndex: 'code' },
          { title: v.helpTeam, key: 'team', render: (_, r) => r.team.name },
          { title: v.applicant, dataIndex: 'name' },
          { title: v.phone, dataIndex: 'phone' },
          { title: v.skills, key: 'skills', render: (_, r) => r.skills.join('、') },
          { title: v.note, dataIndex: 'note' },
          { title: v.appliedAt, dataIndex: 'createdAt', render: (d: string) => formatDateTime(d) },
          {
            title: v.status,
            key: 'status',
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Tag>{v.applicationStatus[r.status]}</Tag>
                {r.reason && <span>{r.reason}</span>}
              </Space>
            ),
          },
          {
            title: '',
            key: 'act',
            render: (_, r) =>
              r.writable && (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() =>
                      void modal.confirm({
                        title: `${v.accept}:${r.name}`,
                        onOk: () => accept.mutateAsync({ id: r.id, role: 'member' }),
                      })
                    }
                  >
                    {v.accept}
                  </Button>
                  <Button
                    size="small"
                    onClick={() => {
                      setReason('');
                      setRefusing(r);
                    }}
                  >
                    {v.refuse}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      {refusing && (
        <Modal
          open
          title={`${v.refuse}:${refusing.name}`}
          onCancel={() => setRefusing(null)}
          confirmLoading={refuse.isPending}
          okButtonProps={{ disabled: reason.trim().length < 2 }}
          onOk={() => refuse.mutate({ id: refusing.id, reason })}
        >
          <label htmlFor="refuse-reason">{v.refuseReason}</label>
          <Input.TextArea
            id="refuse-reason"
            aria-label={v.refuseReason}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
          />
        </Modal>
      )}
    </Flex>
  );
}

function HelpForms({ h, onClose }: { h: VolunteerHelpView; onClose: () => void }) {
  const team = useQuery({
    queryKey: ['volunteers', 'team', h.team.id],
    queryFn: () => api.get<VolunteerTeamDetail>(`/api/volunteers/teams/${h.team.id}`),
  });
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const current = (team.data?.members ?? []).filter((m) => m.current);
  const recording = h.status === 'accepted';
  const save = useMutation({
    mutationFn: (b: Record<string, unknown>) =>
      recording
        ? api.post(`/api/volunteers/help-requests/${h.id}/record`, {
            what: b.what,
            helpedAt: dayjs(b.helpedAt as string).toISOString(),
            participants: b.participants,
          })
        : api.post(`/api/volunteers/help-requests/${h.id}/accept`, { memberIds: b.memberIds }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['volunteers'] });
      message.success(v.done);
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Modal
      open
      title={recording ? v.recordHelp : v.acceptHelp}
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((b) => save.mutate(b))}
    >
      <Typography.Paragraph>{h.description}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          memberIds: [],
          helpedAt: dayjs().format('YYYY-MM-DDTHH:mm'),
          participants: h.assigned.map((a) => ({ memberId: a.id, hours: 1 })),
        }}
      >
        {!recording && (
          <Form.Item name="memberIds" label={v.assigned} rules={[{ required: true }]}>
            <Select
              mode="multiple"
              aria-label={v.assigned}
              showSearch={{ optionFilterProp: 'label' }}
              options={current.map((m) => ({ value: m.id, label: m.name }))}
            />
          </Form.Item>
        )}
        {recording && (
          <>
            <Form.Item name="what" label={v.helpWhat} rules={[{ required: true, min: 2 }]}>
              <Input.TextArea maxLength={2000} autoSize={{ minRows: 2 }} />
            </Form.Item>
            <Form.Item name="helpedAt" label={v.helpedAt} rules={[{ required: true }]}>
              <Input type="datetime-local" />
            </Form.Item>
            <ParticipantsField
              members={(team.data?.members ?? []).map((m) => ({ id: m.id, name: m.name }))}
            />
          </>
        )}
      </Form>
    </Modal>
  );
}

/** Volunteers and their hours (a member select and hours per row). */
export function ParticipantsField({ members }: { members: Array<{ id: string; name: string }> }) {
  return (
    <Form.List name="participants">
      {(rows, { add, remove }) => (
        <Flex vertical gap={4}>
          <span>{v.participants}</span>
          {rows.map((row, i) => (
            <Space key={row.key} align="baseline" data-testid="participant-row">
              <Form.Item name={[row.name, 'memberId']} rules={[{ required: true }]} noStyle>
                <Select
                  aria-label={`${v.participant}${i + 1}`}
                  showSearch={{ optionFilterProp: 'label' }}
                  style={{ width: 160 }}
                  options={members.map((m) => ({ value: m.id, label: m.name }))}
                />
              </Form.Item>
              <Form.Item name={[row.name, 'hours']} rules={[{ required: true }]} noStyle>
                <InputNumber aria-label={`${v.hours}${i + 1}`} min={0.25} max={24} step={0.5} />
              </Form.Item>
              <MinusCircleOutlined onClick={() => remove(row.name)} aria-label="remove" />
            </Space>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ hours: 1 })}>
            {v.addParticipant}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

function HelpTab() {
  const list = useQuery({
    queryKey: ['volunteers', 'help'],
    queryFn: () => api.get<VolunteerHelpList>('/api/volunteers/help-requests', { pageSize: 100 }),
  });
  const [open, setOpen] = useState<VolunteerHelpView | null>(null);
  const [declining, setDeclining] = useState<VolunteerHelpView | null>(null);
  const [reason, setReason] = useState('');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const decline = useMutation({
    mutationFn: (a: { id: string; reason: string }) =>
      api.post(`/api/volunteers/help-requests/${a.id}/decline`, { reason: a.reason }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['volunteers'] });
      setDeclining(null);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <>
      <Table
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        onRow={() => ({ 'data-testid': 'help-row' }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: v.helpTeam, key: 'team', render: (_, r) => r.team.name },
          {
            title: v.ticket,
            key: 'ticket',
            render: (_, r) =>
              r.ticket ? <Link to={`/tickets/${r.ticket.id}`}>{r.ticket.code}</Link> : v.visit,
          },
          { title: v.helpDescription, dataIndex: 'description' },
          {
            title: v.requestedBy,
            key: 'by',
            render: (_, r) =>
              [r.requestedBy?.name, r.requestedUnit?.name].filter(Boolean).join(' · '),
          },
          {
            title: v.requestedAt,
            dataIndex: 'requestedAt',
            render: (d: string) => formatDateTime(d),
          },
          { title: v.status, key: 'status', render: (_, r) => <Tag>{v.helpStatus[r.status]}</Tag> },
          {
            title: v.assigned,
            key: 'assigned',
            render: (_, r) => r.assigned.map((a) => a.name).join('、'),
          },
          { title: v.totalHours, dataIndex: 'totalHours' },
          {
            title: '',
            key: 'act',
            render: (_, r) =>
              r.writable && (
                <Space>
                  <Button size="small" type="primary" onClick={() => setOpen(r)}>
                    {r.status === 'requested' ? v.acceptHelp : v.recordHelp}
                  </Button>
                  {r.status === 'requested' && (
                    <Button
                      size="small"
                      onClick={() => {
                        setReason('');
                        setDeclining(r);
                      }}
                    >
                      {v.declineHelp}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      {open && <HelpForms h={open} onClose={() => setOpen(null)} />}
      {declining && (
        <Modal
          open
          title={v.declineHelp}
          onCancel={() => setDeclining(null)}
          okButtonProps={{ disabled: reason.trim().length < 2 }}
          onOk={() => decline.mutate({ id: declining.id, reason })}
        >
          <Input.TextArea
            aria-label={v.declineReason}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Modal>
      )}
    </>
  );
}

function SummaryTab() {
  const [year, setYear] = useState(dayjs().year());
  const s = useQuery({
    queryKey: ['volunteers', 'summary', year],
    queryFn: () => api.get<VolunteerSummary>('/api/volunteers/summary', { year }),
  });
  return (
    <Flex vertical gap={12}>
      <Space>
        <span>{v.year}</span>
        <InputNumber
          aria-label={v.year}
          value={year}
          min={2000}
          max={2100}
          onChange={(x) => x && setYear(x)}
        />
        <Button
          icon={<DownloadOutlined />}
          href={`/api/volunteers/summary/export.xlsx${toSearch({ year })}`}
          download
        >
          {v.exportSummary}
        </Button>
      </Space>
      {s.isError && <ErrorState error={s.error} onRetry={() => void s.refetch()} />}
      <Card size="small" title={v.byTownship}>
        <Table
          rowKey={(r) => r.township.id}
          size="small"
          pagination={false}
          dataSource={s.data?.byTownship ?? []}
          columns={[
            { title: v.township, key: 't', render: (_, r) => r.township.name },
            { title: v.teams, dataIndex: 'teams' },
            { title: v.activityCount, dataIndex: 'activities' },
            { title: v.people, dataIndex: 'people' },
            { title: v.hours, dataIndex: 'hours' },
          ]}
        />
      </Card>
      <Card size="small" title={v.byTeam}>
        <Table
          rowKey={(r) => r.team.id}
          size="small"
          pagination={{ pageSize: 20 }}
          dataSource={s.data?.byTeam ?? []}
          columns={[
            { title: v.teamName, key: 't', render: (_, r) => r.team.name },
            { title: v.place, key: 'p', render: (_, r) => r.place.name },
            { title: v.activityCount, dataIndex: 'activities' },
            { title: v.people, dataIndex: 'people' },
            { title: v.hours, dataIndex: 'hours' },
          ]}
        />
      </Card>
      <Card size="small" title={v.byPerson}>
        <Table
          rowKey={(r) => r.member.id}
          size="small"
          pagination={{ pageSize: 20 }}
          dataSource={s.data?.byPerson ?? []}
          columns={[
            { title: v.name, key: 'n', render: (_, r) => r.member.name },
            { title: v.teamName, key: 't', render: (_, r) => r.team.name },
            { title: v.activityCount, dataIndex: 'activities' },
            { title: v.hours, dataIndex: 'hours' },
          ]}
        />
      </Card>
    </Flex>
  );
}

export default function VolunteersPage() {
  const [sp, setSp] = useSearchParams();
  const tab = sp.get('tab') ?? 'teams';
  return (
    <Card>
      <Typography.Title level={2} style={{ fontSize: 20, marginTop: 0 }}>
        {v.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{v.help}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => setSp({ tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'teams', label: v.tabTeams, children: <TeamsTab /> },
          { key: 'applications', label: v.tabApplications, children: <ApplicationsTab /> },
          { key: 'help', label: v.tabHelp, children: <HelpTab /> },
          { key: 'summary', label: v.tabSummary, children: <SummaryTab /> },
        ]}
      />
    </Card>
  );
}
