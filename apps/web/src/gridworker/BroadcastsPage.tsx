// 通知 (grid worker, /g/broadcasts): the notices and instructions sent down to
// me, unread first; opening one records that I read it; an instruction (or a
// notice asking for it) has a 确认收到 button with an optional reply. Usable at 360 px.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Tag } from 'antd';
import type { InboxBroadcast, InboxBroadcastDetail, InboxBroadcastList } from '@jiesu/contracts';
import { api, errorMessage } from '../api/client';
import { ErrorState, PageLoading } from '../lib/states';
import { formatDateTime } from '../lib/time';
import { fmt } from '../i18n';
import { tBroadcasts } from '../i18n/broadcasts';

const b = tBroadcasts;
const LIST_KEY = ['my-broadcasts'] as const;

function StateTag({ item }: { item: InboxBroadcast }) {
  if (!item.readAt) return <Tag color="red">{b.gwNew}</Tag>;
  if (item.ackRequired && !item.ackedAt) return <Tag color="orange">{b.gwToAck}</Tag>;
  return <Tag color="green">{item.ackRequired ? b.gwAcked : b.gwRead}</Tag>;
}

function Inbox() {
  const q = useQuery({
    queryKey: LIST_KEY,
    queryFn: () => api.get<InboxBroadcastList>('/api/my/broadcasts'),
  });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <div>
      <div className="gw-card" style={{ display: 'flex', alignItems: 'center' }}>
        <strong style={{ flex: 1, fontSize: 16 }}>{b.gwTitle}</strong>
        {q.data.unread > 0 && <Tag color="red">{fmt(b.gwUnread, { n: q.data.unread })}</Tag>}
      </div>
      {q.data.items.length === 0 && <div className="gw-card">{b.gwEmpty}</div>}
      {q.data.items.map((item) => (
        <Link
          key={item.id}
          to={`/g/broadcasts/${item.id}`}
          className="gw-card"
          style={{ display: 'block', color: 'inherit', textDecoration: 'none' }}
          data-testid="gw-broadcast"
        >
          <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
            <Tag color={item.kind === 'instruction' ? 'volcano' : 'blue'}>{b.kind[item.kind]}</Tag>
            <span style={{ flex: 1, fontWeight: item.readAt ? 400 : 600, wordBreak: 'break-all' }}>
              {item.title}
            </span>
            <StateTag item={item} />
          </div>
          <div style={{ color: '#8c8c8c', fontSize: 13, marginTop: 6 }}>
            {item.senderUnit.name} · {formatDateTime(item.sentAt)}
            {item.dueAt ? ` · ${fmt(b.gwDue, { t: formatDateTime(item.dueAt) })}` : ''}
          </div>
        </Link>
      ))}
    </div>
  );
}

function One({ id }: { id: string }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  // Opening is a write (the first one records the reading): a mutation run once on mount.
  const q = useQuery({
    queryKey: ['my-broadcast', id],
    queryFn: async () => {
      const d = await api.post<InboxBroadcastDetail>(`/api/my/broadcasts/${id}/open`);
      void qc.invalidateQueries({ queryKey: LIST_KEY });
      return d;
    },
    staleTime: Infinity,
  });
  const ack = useMutation({
    mutationFn: () =>
      api.post<InboxBroadcastDetail>(`/api/my/broadcasts/${id}/ack`, {
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: async (d) => {
      qc.setQueryData(['my-broadcast', id], d);
      message.success(b.gwAckOk);
      await qc.invalidateQueries({ queryKey: LIST_KEY });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  return (
    <div>
      <Button
        type="link"
        style={{ padding: 0, marginBottom: 8 }}
        onClick={() => navigate('/g/broadcasts')}
      >
        ‹ {b.gwBack}
      </Button>
      <div className="gw-card">
        <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start', marginBottom: 8 }}>
          <Tag color={d.kind === 'instruction' ? 'volcano' : 'blue'}>{b.kind[d.kind]}</Tag>
          <h2 style={{ margin: 0, fontSize: 17, flex: 1, wordBreak: 'break-all' }}>{d.title}</h2>
        </div>
        <div style={{ color: '#8c8c8c', fontSize: 13, marginBottom: 12 }}>
          {fmt(b.gwFrom, { unit: d.senderUnit.name })} · {formatDateTime(d.sentAt)}
          {d.dueAt ? ` · ${fmt(b.gwDue, { t: formatDateTime(d.dueAt) })}` : ''}
        </div>
        <div style={{ whiteSpace: 'pre-wrap', fontSize: 15, lineHeight: 1.7 }}>{d.body}</div>
      </div>
      <div className="gw-card">
        {d.readAt && (
          <div style={{ color: '#595959' }}>{fmt(b.gwReadAt, { t: formatDateTime(d.readAt) })}</div>
        )}
        {d.ackedAt ? (
          <div style={{ color: '#389e0d', marginTop: 4 }} role="status">
            {fmt(b.gwAckedAt, { t: formatDateTime(d.ackedAt) })}
            {d.ackNote ? ` · ${d.ackNote}` : ''}
          </div>
        ) : d.ackRequired ? (
          <div style={{ marginTop: 8 }}>
            <Input.TextArea
              aria-label={b.gwNote}
              placeholder={b.gwNotePlaceholder}
              value={note}
              maxLength={500}
              rows={2}
              onChange={(e) => setNote(e.target.value)}
              style={{ marginBottom: 8 }}
            />
            <Button
              type="primary"
              size="large"
              block
              loading={ack.isPending}
              onClick={() => ack.mutate()}
            >
              {b.gwAck}
            </Button>
          </div>
        ) : null}
      </div>
    </div>
  );
}

export default function GwBroadcastsPage() {
  const { id } = useParams();
  return id ? <One id={id} /> : <Inbox />;
}
