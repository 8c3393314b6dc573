// A team: its members (phones masked; a reveal asks the purpose and is logged), adding,
// editing and leaving (dated, the history stays), the members' Excel (template, preview
// with each row's errors, commit, export); its activities — planned, recorded as held
// with each volunteer's hours and a short report, or cancelled.
import { useState, type HTMLAttributes } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { DownloadOutlined, LeftOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  VOLUNTEER_MEMBER_KINDS,
  VOLUNTEER_ROLES,
  type VolunteerActivityList,
  type VolunteerActivityView,
  type VolunteerImportPreview,
  type VolunteerMemberView,
  type VolunteerTeamDetail,
} from '@jiesu/contracts';
import { api, errorMessage } from '../../api/client';
import { ErrorState, PageLoading } from '../../lib/states';
import { formatDateTime } from '../../lib/time';
import { fmt } from '../../i18n';
import { tVolunteers as v } from '../../i18n/volunteers';
import { ParticipantsField } from './VolunteersPage';
import { AttachmentsInput } from '../tickets/AttachmentsInput';

const rowProps = (id: string) => () => ({ 'data-testid': id }) as HTMLAttributes<HTMLElement>;
const splitSkills = (s: unknown) =>
  typeof s === 'string'
    ? s
        .split(/[,,、\s]+/)
        .map((x) => x.trim())
        .filter(Boolean)
    : [];

function MemberModal({
  teamId,
  member,
  onClose,
}: {
  teamId: string;
  member: VolunteerMemberView | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const kind = Form.useWatch('kind', form) as string | undefined;
  const save = useMutation({
    mutationFn: (b: Record<string, unknown>) => {
      const common = {
        role: b.role,
        skills: splitSkills(b.skills),
        ...(b.availability ? { availability: b.availability } : {}),
        ...(b.phone ? { phone: b.phone } : {}),
      };
      if (member)
        return api.patch(`/api/volunteers/members/${member.id}`, { ...common, name: b.name });
      return api.post(`/api/volunteers/teams/${teamId}/members`, {
        ...common,
        kind: b.kind,
        ...(b.name ? { name: b.name } : {}),
        ...(b.kind === 'resident' ? { residentId: b.refId } : {}),
        ...(b.kind === 'staff' ? { userId: b.refId } : {}),
        ...(b.joinedOn ? { joinedOn: b.joinedOn } : {}),
      });
    },
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
      title={member ? `${v.edit}:${member.name}` : v.addMember}
      onCancel={onClose}
      okText={v.save}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((b) => save.mutate(b))}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          member
            ? {
                name: member.name,
                role: member.role,
                skills: member.skills.join(','),
                availability: member.availability,
              }
            : { kind: 'person', role: 'member', joinedOn: dayjs().format('YYYY-MM-DD') }
        }
      >
        {!member && (
          <Form.Item name="kind" label={v.memberKindLabel}>
            <Select
              aria-label={v.memberKindLabel}
              options={VOLUNTEER_MEMBER_KINDS.map((k) => ({ value: k, label: v.memberKind[k] }))}
            />
          </Form.Item>
        )}
        {!member && kind && kind !== 'person' && (
          <Form.Item
            name="refId"
            label={kind === 'resident' ? v.residentId : v.userId}
            rules={[{ required: true }]}
          >
            <Input />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={v.name}
          rules={[{ required: !member ? kind === 'person' : true }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="phone" label={v.phone}>
          <Input maxLength={20} placeholder={member?.phone ?? undefined} />
        </Form.Item>
        <Form.Item name="role" label={v.roleLabel}>
          <Select
            aria-label={v.roleLabel}
            options={VOLUNTEER_ROLES.map((r) => ({ value: r, label: v.role[r] }))}
          />
        </Form.Item>
        <Form.Item name="skills" label={v.skills} extra={v.skillsHint}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="availability" label={v.availability}>
          <Input maxLength={200} />
        </Form.Item>
        {!member && (
          <Form.Item name="joinedOn" label={v.joinedOn}>
            <Input type="date" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function ImportModal({ teamId, onClose }: { teamId: string; onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<VolunteerImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const run = useMutation({
    mutationFn: (a: { file: File; commit: boolean }) =>
      api.upload<VolunteerImportPreview>(
        `/api/volunteers/teams/${teamId}/members/import/${a.commit ? 'commit' : 'preview'}`,
        a.file,
      ),
    onSuccess: (p) => {
      setError(null);
      if (p.committed) {
        message.success(fmt(v.imported, { n: p.imported }));
        void qc.invalidateQueries({ queryKey: ['volunteers'] });
        onClose();
      } else setPreview(p);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal
      open
      width={720}
      title={v.importMembers}
      onCancel={onClose}
      okText={v.commit}
      okButtonProps={{ disabled: !file || !preview || preview.valid === 0 }}
      confirmLoading={run.isPending}
      onOk={() => file && run.mutate({ file, commit: true })}
    >
      <Flex vertical gap={12}>
        <Space>
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(f) => {
              setFile(f);
              run.mutate({ file: f, commit: false });
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>{v.chooseFile}</Button>
          </Upload>
          <Button href="/api/volunteers/members/import-template" download>
            {v.template}
          </Button>
        </Space>
        {error && <Alert type="error" showIcon title={error} />}
        {preview && (
          <>
            <Typography.Text strong>
              {fmt(v.previewSummary, { valid: preview.valid, invalid: preview.invalid })}
            </Typography.Text>
            <Table
              rowKey="row"
              size="small"
              pagination={false}
              dataSource={preview.rows}
              onRow={rowProps('import-row')}
              columns={[
                { title: v.row, dataIndex: 'row' },
                { title: v.name, dataIndex: 'name' },
                { title: v.phone, dataIndex: 'phone' },
                { title: v.roleLabel, dataIndex: 'role' },
                {
                  title: v.errors,
                  key: 'e',
                  render: (_, r) =>
                    r.errors.length ? (
                      <Typography.Text type="danger">{r.errors.join(';')}</Typography.Text>
                    ) : (
                      <Tag color="green">OK</Tag>
                    ),
                },
              ]}
            />
          </>
        )}
      </Flex>
    </Modal>
  );
}

const photoIds = (b: Record<string, unknown>) => (b.photoIds as string[] | undefined) ?? [];

function ActivityModal({
  team,
  activity,
  held,
  onClose,
}: {
  team: VolunteerTeamDetail;
  activity: VolunteerActivityView | null;
  held: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (b: Record<string, unknown>) => {
      if (activity)
        return api.post(`/api/volunteers/activities/${activity.id}/held`, {
          report: b.report,
          participants: b.participants,
          ...(photoIds(b).length ? { photoIds: photoIds(b) } : {}),
        });
      return api.post(`/api/volunteers/teams/${team.team.id}/activities`, {
        title: b.title,
        place: b.place,
        startsAt: dayjs(b.startsAt as string).toISOString(),
        ...(held
          ? {
              held: true,
              report: b.report,
              participants: b.participants,
              ...(photoIds(b).length ? { photoIds: photoIds(b) } : {}),
            }
          : {}),
      });
    },
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
      width={640}
      title={activity ? `${v.markHeld}:${activity.title}` : held ? v.recordHeld : v.planActivity}
      onCancel={onClose}
      okText={v.save}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((b) => save.mutate(b))}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          startsAt: dayjs().format('YYYY-MM-DDTHH:mm'),
          participants: [{ hours: 1 }],
        }}
      >
        {!activity && (
          <>
            <Form.Item name="title" label={v.activityTitle} rules={[{ required: true, min: 2 }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="place" label={v.activityPlace} rules={[{ required: true }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="startsAt" label={v.startsAt} rules={[{ required: true }]}>
              <Input type="datetime-local" />
            </Form.Item>
          </>
        )}
        {(held || activity) && (
          <>
            <ParticipantsField members={team.members.map((m) => ({ id: m.id, name: m.name }))} />
            <Form.Item
              name="report"
              label={v.report}
              rules={[{ required: true, min: 2 }]}
              style={{ marginTop: 12 }}
            >
              <Input.TextArea maxLength={4000} autoSize={{ minRows: 2 }} />
            </Form.Item>
            <Form.Item name="photoIds" label={v.photos}>
              <AttachmentsInput max={20} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

export default function TeamPage() {
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const detail = useQuery({
    queryKey: ['volunteers', 'team', id],
    queryFn: () => api.get<VolunteerTeamDetail>(`/api/volunteers/teams/${id}`),
  });
  const acts = useQuery({
    queryKey: ['volunteers', 'activities', id],
    queryFn: () =>
      api.get<VolunteerActivityList>('/api/volunteers/activities', { teamId: id, pageSize: 100 }),
  });
  const [editing, setEditing] = useState<VolunteerMemberView | null | 'new'>(null);
  const [importing, setImporting] = useState(false);
  const [activity, setActivity] = useState<{
    a: VolunteerActivityView | null;
    held: boolean;
  } | null>(null);
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const refresh = () => void qc.invalidateQueries({ queryKey: ['volunteers'] });
  const mutateErr = (e: unknown) => message.error(errorMessage(e));

  if (detail.isPending) return <PageLoading />;
  if (detail.isError)
    return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const d = detail.data;
  const w = d.team.writable;

  function leave(m: VolunteerMemberView) {
    let reason = '';
    void modal.confirm({
      title: `${v.leave}:${m.name}`,
      content: (
        <Input
          aria-label={v.leaveReason}
          placeholder={v.leaveReason}
          onChange={(e) => (reason = e.target.value)}
        />
      ),
      onOk: () =>
        api
          .post(`/api/volunteers/members/${m.id}/leave`, reason ? { reason } : {})
          .then(refresh, mutateErr),
    });
  }
  function reveal(m: VolunteerMemberView) {
    let purpose = '';
    void modal.confirm({
      title: `${v.reveal}:${m.name}`,
      content: (
        <Input
          aria-label={v.revealPurpose}
          placeholder={v.revealPurpose}
          onChange={(e) => (purpose = e.target.value)}
        />
      ),
      onOk: () =>
        api
          .post<VolunteerMemberView>(`/api/volunteers/members/${m.id}/reveal`, { purpose })
          .then((r) => setRevealed((x) => ({ ...x, [m.id]: r.phone ?? '' })), mutateErr),
    });
  }
  function cancel(a: VolunteerActivityView) {
    void modal.confirm({
      title: `${v.cancel}:${a.title}`,
      onOk: () => api.post(`/api/volunteers/activities/${a.id}/cancel`).then(refresh, mutateErr),
    });
  }

  return (
    <Flex vertical gap={12}>
      <Card>
        <Link to="/volunteers">
          <LeftOutlined /> {v.back}
        </Link>
        <Typography.Title level={2} style={{ fontSize: 20 }}>
          {d.team.name}
        </Typography.Title>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 3 }}
          items={[
            { key: 'k', label: v.kindLabel, children: v.kind[d.team.kind] },
            { key: 'f', label: v.field, children: d.team.fieldLabel },
            {
              key: 'p',
              label: v.place,
              children: [d.team.township?.name, d.team.place.name].filter(Boolean).join(' · '),
            },
            { key: 'l', label: v.leader, children: d.team.leader?.name ?? v.leaderNone },
            {
              key: 'm',
              label: v.memberCount,
              children: <span data-testid="member-count">{d.team.memberCount}</span>,
            },
            {
              key: 'h',
              label: v.hoursThisYear,
              children: <span data-testid="team-hours">{d.team.hoursThisYear}</span>,
            },
          ]}
        />
        {d.team.description && <Typography.Paragraph>{d.team.description}</Typography.Paragraph>}
      </Card>
      <Card
        size="small"
        title={v.members}
        extra={
          <Space wrap>
            {w && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                {v.addMember}
              </Button>
            )}
            {w && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                {v.importMembers}
              </Button>
            )}
            <Button
              icon={<DownloadOutlined />}
              href={`/api/volunteers/teams/${id}/members/export.xlsx`}
              download
            >
              {v.exportMembers}
            </Button>
          </Space>
        }
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={d.members}
          onRow={rowProps('member-row')}
          columns={[
            { title: v.name, dataIndex: 'name' },
            {
              title: v.roleLabel,
              dataIndex: 'role',
              render: (r: keyof typeof v.role) => v.role[r],
            },
            {
              title: v.memberKindLabel,
              dataIndex: 'kind',
              render: (k: keyof typeof v.memberKind) => v.memberKind[k],
            },
            { title: v.phone, key: 'phone', render: (_, m) => revealed[m.id] ?? m.phone ?? '' },
            { title: v.skills, key: 's', render: (_, m) => m.skills.join('、') },
            { title: v.availability, dataIndex: 'availability' },
            { title: v.joinedOn, dataIndex: 'joinedOn' },
            {
              title: v.status,
              key: 'cur',
              render: (_, m) =>
                m.current ? (
                  <Tag color="green">{v.current}</Tag>
                ) : (
                  <Tag>
                    {v.left} {m.leftOn}
                    {m.leaveReason ? `(${m.leaveReason})` : ''}
                  </Tag>
                ),
            },
            { title: v.hours, dataIndex: 'hours' },
            {
              title: '',
              key: 'act',
              render: (_, m) =>
                w && (
                  <Space size={4}>
                    {m.phone && !revealed[m.id] && (
                      <Button size="small" onClick={() => reveal(m)}>
                        {v.reveal}
                      </Button>
                    )}
                    {m.current && (
                      <Button size="small" onClick={() => setEditing(m)}>
                        {v.edit}
                      </Button>
                    )}
                    {m.current && (
                      <Button size="small" danger onClick={() => leave(m)}>
                        {v.leave}
                      </Button>
                    )}
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={v.activities}
        extra={
          w && (
            <Space>
              <Button onClick={() => setActivity({ a: null, held: false })}>
                {v.planActivity}
              </Button>
              <Button type="primary" onClick={() => setActivity({ a: null, held: true })}>
                {v.recordHeld}
              </Button>
            </Space>
          )
        }
      >
        <Table
          rowKey="id"
          size="small"
          loading={acts.isPending}
          pagination={false}
          dataSource={acts.data?.items ?? []}
          onRow={rowProps('activity-row')}
          columns={[
            { title: v.activityTitle, dataIndex: 'title' },
            { title: v.startsAt, dataIndex: 'startsAt', render: (s: string) => formatDateTime(s) },
            { title: v.activityPlace, dataIndex: 'place' },
            {
              title: v.status,
              dataIndex: 'status',
              render: (s: keyof typeof v.activityStatus) => <Tag>{v.activityStatus[s]}</Tag>,
            },
            {
              title: v.participants,
              key: 'p',
              render: (_, a) => a.participants.map((p) => `${p.name} ${p.hours}`).join('、'),
            },
            { title: v.totalHours, dataIndex: 'totalHours' },
            {
              title: v.ticket,
              key: 't',
              render: (_, a) =>
                a.ticket && <Link to={`/tickets/${a.ticket.id}`}>{a.ticket.code}</Link>,
            },
            { title: v.report, dataIndex: 'report' },
            {
              title: v.photos,
              key: 'photos',
              render: (_, a) => (
                <Space size={4} wrap>
                  {a.photoIds.map((p, i) => (
                    <a key={p} href={`/api/attachments/${p}`} target="_blank" rel="noreferrer">
                      {fmt(v.photoN, { n: i + 1 })}
                    </a>
                  ))}
                </Space>
              ),
            },
            {
              title: '',
              key: 'act',
              render: (_, a) =>
                a.writable && (
                  <Space size={4}>
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => setActivity({ a, held: true })}
                    >
                      {v.markHeld}
                    </Button>
                    <Button size="small" onClick={() => cancel(a)}>
                      {v.cancel}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      {editing && (
        <MemberModal
          teamId={id}
          member={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
      {importing && <ImportModal teamId={id} onClose={() => setImporting(false)} />}
      {activity && (
        <ActivityModal
          team={d}
          activity={activity.a}
          held={activity.held}
          onClose={() => setActivity(null)}
        />
      )}
    </Flex>
  );
}
