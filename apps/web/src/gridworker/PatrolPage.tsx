import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Tag, Typography } from 'antd';
import type { PatrolList, PatrolView } from '@jiesu/contracts';
import { api, errorMessage } from '../api/client';
import { fmt } from '../i18n';
import { tDuties } from '../i18n/duties';
import { PageLoading } from '../lib/states';
import { LocationField, hhmm, todayKey, useDutyToday, usePhotos, type LngLat } from './parts';

const P = tDuties.patrol;

/** 巡查: start a patrol, record positions along the way, a note and photos, finish. */
export default function PatrolPage() {
  const today = useDutyToday();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [point, setPoint] = useState<LngLat>();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const photos = usePhotos();
  const day = today.data?.date;
  const list = useQuery({
    queryKey: ['duties', 'patrols', day],
    queryFn: () => api.get<PatrolList>('/api/duties/patrols', { from: day, to: day }),
    enabled: Boolean(day),
  });

  const open = today.data?.patrol.open ?? null;
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: todayKey }),
      qc.invalidateQueries({ queryKey: ['duties', 'patrols'] }),
    ]);

  async function run(fn: () => Promise<unknown>, ok: string) {
    setBusy(true);
    try {
      await fn();
      void message.success(ok);
      await refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  if (today.isPending) return <PageLoading />;
  if (today.isError)
    return <Typography.Text type="danger">{errorMessage(today.error)}</Typography.Text>;

  const start = () =>
    run(async () => {
      await api.post<PatrolView>('/api/duties/patrols', {
        ...(point ? { point } : {}),
        note: note.trim() || undefined,
      });
      setPoint(undefined);
    }, P.started);

  const addPoint = (p: LngLat | undefined) => {
    setPoint(p);
    if (p && open)
      void run(
        () => api.post(`/api/duties/patrols/${open.id}/points`, { points: [p] }),
        P.pointAdded,
      );
  };

  const finish = () => {
    if (!open) return;
    if (photos.pending) return void message.warning(P.waitUpload);
    void run(async () => {
      await api.post(`/api/duties/patrols/${open.id}/end`, {
        note: note.trim() || undefined,
        photos: photos.ids,
      });
      setNote('');
      photos.reset();
    }, P.finished);
  };

  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 18, margin: '0 0 12px' }}>
        {P.heading}
      </Typography.Title>
      <section className="gw-card" data-testid="patrol-card">
        {open ? (
          <>
            <p>
              <Tag color="processing">{fmt(P.startedAt, { at: hhmm(open.startedAt) })}</Tag>{' '}
              <span data-testid="patrol-points">{fmt(P.points, { n: open.points.length })}</span>
            </p>
            <div style={{ marginBottom: 12 }}>
              <LocationField label={P.addPoint} value={point} onChange={addPoint} />
            </div>
            <label htmlFor="gw-patrol-note">{P.note}</label>
            <Input.TextArea
              id="gw-patrol-note"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={open.note ?? P.notePlaceholder}
              autoSize={{ minRows: 3 }}
              maxLength={1000}
              style={{ marginBottom: 12 }}
            />
            <div style={{ marginBottom: 4 }}>{P.photos}</div>
            {photos.control}
            <Button type="primary" danger block onClick={finish} loading={busy}>
              {P.finish}
            </Button>
          </>
        ) : (
          <>
            <div style={{ marginBottom: 12 }}>
              <LocationField value={point} onChange={setPoint} />
            </div>
            <label htmlFor="gw-patrol-note">{P.note}</label>
            <Input.TextArea
              id="gw-patrol-note"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={P.notePlaceholder}
              autoSize={{ minRows: 2 }}
              maxLength={1000}
              style={{ marginBottom: 12 }}
            />
            <Button type="primary" block size="large" onClick={() => void start()} loading={busy}>
              {P.start}
            </Button>
          </>
        )}
      </section>
      <section className="gw-card">
        <h2>{P.today}</h2>
        {(list.data?.items ?? []).length === 0 && <Typography.Text>{P.none}</Typography.Text>}
        {(list.data?.items ?? []).map((p) => (
          <p key={p.id} style={{ margin: '4px 0' }} data-testid="patrol-row">
            {p.endedAt
              ? fmt(P.ended, { from: hhmm(p.startedAt), to: hhmm(p.endedAt) })
              : fmt(P.ongoing, { from: hhmm(p.startedAt) })}{' '}
            · {fmt(P.points, { n: p.points.length })}
            {p.note ? ` · ${p.note}` : ''}
          </p>
        ))}
      </section>
    </>
  );
}
