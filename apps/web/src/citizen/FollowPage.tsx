import { useState } from 'react';
import { useLocation } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Radio, Tag } from 'antd';
import { SATISFACTIONS, type PublicRequestView } from '@jiesu/contracts';
import { api, errorMessage } from '../api/client';
import { formatDateTime } from '../lib/time';
import { ErrorState, PageLoading } from '../lib/states';
import { fmt, t } from '../i18n';

function TimelineList({ entries }: { entries: PublicRequestView['timeline'] }) {
  return (
    <ol style={{ paddingInlineStart: 20, margin: 0 }}>
      {entries.map((e, i) => (
        <li key={i} style={{ marginBottom: 8 }}>
          <strong>{e.label}</strong>{' '}
          <span style={{ color: '#595959', fontSize: 13 }}>{formatDateTime(e.at)}</span>
          {e.text && <div style={{ whiteSpace: 'pre-wrap' }}>{e.text}</div>}
        </li>
      ))}
    </ol>
  );
}

/** 并单: the request follows the ticket it was merged into; that ticket's progress is shown. */
function MergedInto({ master }: { master: NonNullable<PublicRequestView['mergedInto']> }) {
  return (
    <section className="cz-card" aria-labelledby="merged-title" data-testid="public-merged">
      <h3 id="merged-title" style={{ fontSize: 15, marginTop: 0 }}>
        {fmt(t.web.citizen.mergedInto, { code: master.code })}
      </h3>
      <p>{t.web.citizen.mergedHint}</p>
      <p>
        {t.web.citizen.state}:{' '}
        <Tag color={master.state === 'closed' ? 'default' : 'blue'}>{master.stateLabel}</Tag>
      </p>
      <p>
        {t.web.citizen.handlingUnit}: {master.handlingUnit ?? t.web.citizen.notYetAssigned}
      </p>
      {master.completionDueAt && (
        <p>
          {t.web.citizen.dueAt}: {formatDateTime(master.completionDueAt)}
        </p>
      )}
      <h4 style={{ fontSize: 14 }}>{t.web.citizen.masterProgress}</h4>
      <TimelineList entries={master.timeline} />
    </section>
  );
}

interface Lookup {
  code: string;
  phone: string;
}

function AddInformation({ lookup, onDone }: { lookup: Lookup; onDone: () => void }) {
  const [form] = Form.useForm<{ text: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [ok, setOk] = useState(false);
  async function submit(v: { text: string }) {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/public/requests/${encodeURIComponent(lookup.code)}/information`, {
        phone: lookup.phone,
        text: v.text.trim(),
      });
      form.resetFields();
      setOk(true);
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="cz-card" aria-labelledby="info-title">
      <h3 id="info-title" style={{ fontSize: 15, marginTop: 0 }}>
        {t.web.citizen.addInfoTitle}
      </h3>
      {ok && (
        <Alert
          type="success"
          showIcon
          title={t.web.citizen.addInfoDone}
          style={{ marginBottom: 8 }}
        />
      )}
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} role="alert" />
      )}
      <Form form={form} layout="vertical" name="information" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="text"
          label={t.web.citizen.addInfoLabel}
          rules={[
            {
              required: true,
              min: 2,
              message: fmt(t.web.form.minLength, { field: t.web.citizen.addInfoLabel, n: 2 }),
            },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Button htmlType="submit" loading={busy} block>
          {t.web.citizen.addInfoSubmit}
        </Button>
      </Form>
    </section>
  );
}

interface RateValues {
  solved: boolean;
  satisfaction: (typeof SATISFACTIONS)[number];
  comment?: string;
}

function Rate({ lookup, onDone }: { lookup: Lookup; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(v: RateValues) {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/public/requests/${encodeURIComponent(lookup.code)}/rating`, {
        phone: lookup.phone,
        solved: v.solved,
        satisfaction: v.satisfaction,
        comment: v.comment?.trim() || undefined,
      });
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  const req = (field: string) => ({ required: true, message: fmt(t.web.form.required, { field }) });
  return (
    <section className="cz-card" aria-labelledby="rate-title">
      <h3 id="rate-title" style={{ fontSize: 15, marginTop: 0 }}>
        {t.web.citizen.rateTitle}
      </h3>
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} role="alert" />
      )}
      <Form<RateValues> layout="vertical" name="rate" onFinish={(v) => void submit(v)}>
        <Form.Item name="solved" label={t.web.citizen.solvedQ} rules={[req(t.web.citizen.solvedQ)]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: true, label: t.web.citizen.solvedYes },
              { value: false, label: t.web.citizen.solvedNo },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="satisfaction"
          label={t.web.citizen.satisfiedQ}
          rules={[req(t.web.citizen.satisfiedQ)]}
        >
          <Radio.Group
            optionType="button"
            options={SATISFACTIONS.map((s) => ({ value: s, label: t.satisfaction[s] }))}
          />
        </Form.Item>
        <Form.Item name="comment" label={t.web.citizen.comment}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t.web.citizen.rateSubmit}
        </Button>
      </Form>
    </section>
  );
}

export default function FollowPage() {
  const location = useLocation();
  const initial = (location.state ?? null) as Lookup | null;
  const [lookup, setLookup] = useState<Lookup | null>(
    initial?.code && initial.phone ? initial : null,
  );
  const qc = useQueryClient();
  const view = useQuery({
    queryKey: ['public-request', lookup?.code, lookup?.phone],
    queryFn: () =>
      api.get<PublicRequestView>(`/api/public/requests/${encodeURIComponent(lookup?.code ?? '')}`, {
        phone: lookup?.phone,
      }),
    enabled: Boolean(lookup),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['public-request'] });

  return (
    <>
      <section className="cz-card" aria-labelledby="follow-title">
        <h2 id="follow-title" style={{ fontSize: 16, marginTop: 0 }}>
          {t.web.citizen.followTitle}
        </h2>
        <Form<Lookup>
          layout="vertical"
          name="lookup"
          initialValues={lookup ?? undefined}
          onFinish={(v) => setLookup({ code: v.code.trim(), phone: v.phone.trim() })}
        >
          <Form.Item
            name="code"
            label={t.web.citizen.code}
            rules={[
              { required: true, message: fmt(t.web.form.required, { field: t.web.citizen.code }) },
            ]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t.web.citizen.phone}
            rules={[
              { required: true, message: fmt(t.web.form.required, { field: t.web.citizen.phone }) },
            ]}
          >
            <Input inputMode="tel" maxLength={20} autoComplete="tel" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block>
            {t.web.citizen.lookup}
          </Button>
        </Form>
      </section>
      {lookup && view.isPending && <PageLoading />}
      {lookup && view.isError && (
        <ErrorState error={view.error} onRetry={() => void view.refetch()} />
      )}
      {view.data && lookup && (
        <>
          <section className="cz-card" aria-labelledby="status-title" data-testid="public-status">
            <h3 id="status-title" style={{ fontSize: 15, marginTop: 0 }}>
              {view.data.title}
            </h3>
            <p>
              {t.web.citizen.code}: <strong>{view.data.code}</strong>
            </p>
            <p>
              {t.web.citizen.state}:{' '}
              <Tag color={view.data.state === 'closed' ? 'default' : 'blue'}>
                {view.data.stateLabel}
              </Tag>
              {view.data.outcome && <Tag>{t.outcome[view.data.outcome]}</Tag>}
            </p>
            <p>
              {t.web.citizen.handlingUnit}: {view.data.handlingUnit ?? t.web.citizen.notYetAssigned}
            </p>
            <p>
              {t.web.citizen.receivedAt}: {formatDateTime(view.data.receivedAt)}
            </p>
            {view.data.completionDueAt && (
              <p>
                {t.web.citizen.dueAt}: {formatDateTime(view.data.completionDueAt)}
              </p>
            )}
            <h4 style={{ fontSize: 14 }}>{t.web.citizen.timeline}</h4>
            <TimelineList entries={view.data.timeline} />
          </section>
          {view.data.mergedInto && <MergedInto master={view.data.mergedInto} />}
          {view.data.canRate && <Rate lookup={lookup} onDone={refresh} />}
          {view.data.canAddInformation && <AddInformation lookup={lookup} onDone={refresh} />}
        </>
      )}
    </>
  );
}
