// 志愿服务 (resident, /m/v/:villageId): a village's public teams and upcoming activities;
// a resident signs up to a team (name, phone, skills) and gets an application code to
// check the leader's answer with the phone. A lazy chunk of its own: the resident bundle
// does not carry it. Only public fields are shown (no member's name or phone).
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Form, Input, Select, Tag } from 'antd';
import type {
  PublicVolunteerApplicationReceipt,
  PublicVolunteerApplicationStatus,
  PublicVolunteerPlaces,
  PublicVolunteerVillage,
} from '@jiesu/contracts';
import { api, errorMessage } from '../api/client';
import { ErrorState, PageLoading } from '../lib/states';
import { formatDateTime } from '../lib/time';
import { fmt } from '../i18n';
import { tVolunteers as v } from '../i18n/volunteers';

const MOBILE = /^1[3-9]\d{9}$/;

function SignUp({ team, onClose }: { team: { id: string; name: string }; onClose: () => void }) {
  const [form] = Form.useForm<{ name: string; phone: string; skills?: string; note?: string }>();
  const [receipt, setReceipt] = useState<PublicVolunteerApplicationReceipt | null>(null);
  const send = useMutation({
    mutationFn: (b: { name: string; phone: string; skills?: string; note?: string }) =>
      api.post<PublicVolunteerApplicationReceipt>(
        `/api/public/volunteers/teams/${team.id}/applications`,
        {
          name: b.name.trim(),
          phone: b.phone.replace(/\s/g, ''),
          skills: (b.skills ?? '')
            .split(/[,,、\s]+/)
            .map((s) => s.trim())
            .filter(Boolean),
          ...(b.note?.trim() ? { note: b.note.trim() } : {}),
        },
      ),
    onSuccess: setReceipt,
  });
  if (receipt)
    return (
      <section className="cz-card" data-testid="volunteer-receipt">
        <Alert type="success" showIcon title={v.submitted} />
        <p>{fmt(v.codeHint, { code: receipt.code })}</p>
        <p className="cz-code" data-testid="application-code">
          {receipt.code}
        </p>
        <Button onClick={onClose}>{v.back}</Button>
      </section>
    );
  return (
    <section className="cz-card" aria-labelledby="signup-title">
      <h3 id="signup-title" style={{ fontSize: 15, marginTop: 0 }}>
        {fmt(v.signUpTitle, { team: team.name })}
      </h3>
      {send.isError && <Alert type="error" showIcon title={errorMessage(send.error)} />}
      <Form form={form} layout="vertical" onFinish={(b) => send.mutate(b)}>
        <Form.Item
          name="name"
          label={v.name}
          rules={[{ required: true, whitespace: true, message: v.nameRequired }]}
        >
          <Input size="large" maxLength={50} autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={v.phone}
          rules={[
            {
              required: true,
              message: v.phoneInvalid,
              validator: (_, val: string | undefined) =>
                val && MOBILE.test(val.replace(/\s/g, '')) ? Promise.resolve() : Promise.reject(),
            },
          ]}
        >
          <Input size="large" inputMode="tel" maxLength={20} autoComplete="tel" />
        </Form.Item>
        <Form.Item name="skills" label={v.skills} extra={v.skillsHint}>
          <Input size="large" maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label={v.note}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={send.isPending}>
          {v.submit}
        </Button>
      </Form>
    </section>
  );
}

function CheckStatus() {
  const [q, setQ] = useState<{ code: string; phone: string } | null>(null);
  const [form] = Form.useForm<{ code: string; phone: string }>();
  const status = useQuery({
    queryKey: ['public-volunteer-application', q],
    queryFn: () =>
      api.get<PublicVolunteerApplicationStatus>('/api/public/volunteers/applications', q!),
    enabled: Boolean(q),
    retry: false,
  });
  return (
    <section className="cz-card" aria-labelledby="check-title">
      <h3 id="check-title" style={{ fontSize: 15, marginTop: 0 }}>
        {v.checkTitle}
      </h3>
      <Form
        form={form}
        layout="vertical"
        onFinish={(b) => setQ({ code: b.code.trim().toUpperCase(), phone: b.phone.trim() })}
      >
        <Form.Item name="code" label={v.code} rules={[{ required: true }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="phone" label={v.phone} rules={[{ required: true }]}>
          <Input inputMode="tel" maxLength={20} />
        </Form.Item>
        <Button htmlType="submit" block>
          {v.check}
        </Button>
      </Form>
      {status.isError && <Alert type="error" showIcon title={errorMessage(status.error)} />}
      {status.data && (
        <p data-testid="application-status" style={{ marginTop: 12 }}>
          {status.data.teamName}:{' '}
          <Tag color={status.data.status === 'accepted' ? 'green' : undefined}>
            {v.applicationStatus[status.data.status]}
          </Tag>
          {status.data.reason && <span>{status.data.reason}</span>}
        </p>
      )}
    </section>
  );
}

export default function VolunteersPage() {
  const { villageId } = useParams();
  const navigate = useNavigate();
  const [signing, setSigning] = useState<{ id: string; name: string } | null>(null);
  const places = useQuery({
    queryKey: ['public-volunteer-places'],
    queryFn: () => api.get<PublicVolunteerPlaces>('/api/public/volunteers/places'),
    staleTime: 5 * 60_000,
  });
  const page = useQuery({
    queryKey: ['public-volunteer-village', villageId],
    queryFn: () => api.get<PublicVolunteerVillage>(`/api/public/volunteers/villages/${villageId}`),
    enabled: Boolean(villageId),
  });
  const p = page.data;
  return (
    <>
      <section className="cz-card" aria-labelledby="volunteers-title">
        <h2 id="volunteers-title" style={{ fontSize: 16, marginTop: 0 }}>
          {v.publicTitle}
        </h2>
        <p style={{ color: '#595959', fontSize: 13, marginTop: 0 }}>{v.publicIntro}</p>
        {places.isError && (
          <ErrorState error={places.error} onRetry={() => void places.refetch()} />
        )}
        {places.data && (
          <Select
            aria-label={v.choosePlace}
            style={{ width: '100%' }}
            size="large"
            placeholder={v.placeHolder}
            value={villageId ?? null}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(id: string | null) => {
              setSigning(null);
              void navigate(id ? `/m/v/${id}` : '/m/v', { replace: true });
            }}
            options={places.data.map((x) => ({ value: x.id, label: `${x.township} · ${x.name}` }))}
          />
        )}
      </section>
      {(places.isPending || (villageId && page.isPending)) && <PageLoading />}
      {page.isError && <ErrorState error={page.error} onRetry={() => void page.refetch()} />}
      {signing && <SignUp team={signing} onClose={() => setSigning(null)} />}
      {p && !signing && (
        <>
          {p.teams.length === 0 && (
            <section className="cz-card">
              <Empty description={v.noTeams} />
            </section>
          )}
          {p.teams.map((t) => (
            <article
              key={t.id}
              className="cz-card"
              aria-labelledby={`team-${t.id}`}
              data-testid="public-team"
            >
              <h3 id={`team-${t.id}`} style={{ fontSize: 15, margin: '0 0 6px' }}>
                {t.name}
              </h3>
              <div style={{ color: '#595959', fontSize: 13 }}>
                <Tag>{v.kind[t.kind]}</Tag>
                <Tag>{t.fieldLabel}</Tag>
                {fmt(v.people_n, { n: t.memberCount })}
              </div>
              {t.description && <p style={{ margin: '6px 0' }}>{t.description}</p>}
              {t.acceptsApplications && (
                <Button type="primary" onClick={() => setSigning({ id: t.id, name: t.name })}>
                  {v.signUp}
                </Button>
              )}
            </article>
          ))}
          <section className="cz-card" aria-labelledby="upcoming-title">
            <h3 id="upcoming-title" style={{ fontSize: 15, marginTop: 0 }}>
              {v.upcoming}
            </h3>
            {p.upcoming.length === 0 && <p style={{ color: '#8c8c8c' }}>{v.noUpcoming}</p>}
            {p.upcoming.map((u) => (
              <p key={u.id} style={{ margin: '4px 0' }}>
                <strong>{u.title}</strong>({u.teamName})
                <br />
                <span style={{ color: '#595959', fontSize: 13 }}>
                  {formatDateTime(u.startsAt)} · {u.place}
                </span>
              </p>
            ))}
          </section>
        </>
      )}
      {!signing && <CheckStatus />}
    </>
  );
}
