// 住户 (grid worker, /g/households): find a household of my grid(s) by address or
// a member's name; each card shows the members (names and phones masked), their
// kinds — key population marked — and care needs. Usable at 360 px.
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Input, Tag } from 'antd';
import type { HouseholdList, HouseholdView } from '@jiesu/contracts';
import { api } from '../api/client';
import { ErrorState, PageLoading } from '../lib/states';
import { fmt } from '../i18n';
import { tResidents } from '../i18n/residents';
import { useResidentKinds } from '../staff/residents/shared';

const r = tResidents;

function HouseholdCard({
  h,
  labels,
}: {
  h: HouseholdView;
  labels: Map<string, { label: string; key: boolean }>;
}) {
  const key = h.members.some((m) => m.keyPopulation);
  return (
    <details className="gw-card" data-testid="gw-household">
      <summary style={{ cursor: 'pointer', listStyle: 'none' }}>
        <div style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
          <strong style={{ flex: 1, wordBreak: 'break-all' }}>{h.address}</strong>
          {key && <Tag color="volcano">{r.gwKey}</Tag>}
          <span style={{ color: '#666', whiteSpace: 'nowrap' }}>
            {fmt(r.gwMembers, { n: h.members.length })}
          </span>
        </div>
        <div style={{ color: '#888', fontSize: 13 }}>{h.grid.name}</div>
      </summary>
      <ul style={{ listStyle: 'none', padding: 0, margin: '8px 0 0' }}>
        {h.members.map((m) => (
          <li key={m.id} style={{ borderTop: '1px solid #f0f0f0', padding: '8px 0' }}>
            <div>
              <strong>{m.name}</strong>{' '}
              <span style={{ color: '#666' }}>
                {[
                  m.relation,
                  m.gender ? r[m.gender] : null,
                  m.age !== null ? fmt(r.ageValue, { n: m.age }) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </div>
            {m.phone && <div style={{ color: '#666' }}>{m.phone}</div>}
            <div style={{ marginTop: 4 }}>
              {m.kinds.map((c) => (
                <Tag key={c} color={labels.get(c)?.key ? 'volcano' : 'blue'}>
                  {labels.get(c)?.label ?? c}
                </Tag>
              ))}
            </div>
            {m.careNeeds && (
              <div style={{ marginTop: 4 }}>
                {r.careNeeds}:{m.careNeeds}
              </div>
            )}
          </li>
        ))}
        {h.members.length === 0 && <li style={{ color: '#888' }}>{r.noMembers}</li>}
      </ul>
    </details>
  );
}

export default function HouseholdsPage() {
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [size, setSize] = useState(20);
  const kinds = useResidentKinds();
  const list = useQuery({
    queryKey: ['households', 'gw', q, size],
    queryFn: () => api.get<HouseholdList>('/api/households', { q: q || undefined, pageSize: size }),
    placeholderData: keepPreviousData,
  });
  const labels = new Map(
    (kinds.data?.items ?? []).map((k) => [k.code, { label: k.label, key: k.keyPopulation }]),
  );
  return (
    <div>
      <div className="gw-card">
        <h2>{r.gwTitle}</h2>
        <Input.Search
          aria-label={r.gwSearch}
          placeholder={r.gwSearch}
          allowClear
          enterButton
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => {
            setQ(v.trim());
            setSize(20);
          }}
        />
        <div style={{ color: '#888', fontSize: 13, marginTop: 6 }}>{r.gwHint}</div>
      </div>
      {list.isPending && <PageLoading />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <>
          <div style={{ color: '#666', margin: '0 4px 8px' }}>
            {fmt(r.totalHouseholds, { n: list.data.total })}
          </div>
          {list.data.items.length === 0 && <div className="gw-card">{r.gwEmpty}</div>}
          {list.data.items.map((h) => (
            <HouseholdCard key={h.id} h={h} labels={labels} />
          ))}
          {list.data.total > list.data.items.length && (
            <Button
              block
              loading={list.isFetching}
              onClick={() => setSize((s) => Math.min(200, s + 20))}
            >
              {r.gwMore}
            </Button>
          )}
        </>
      )}
    </div>
  );
}
