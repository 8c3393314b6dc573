import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import type { TicketList, TicketState, TicketSummary } from '@jiesu/contracts';
import { api } from '../../api/client';
import { useRelated } from '../../api/hooks';
import { t } from '../../i18n';

/** States a master may be in: not closed, and not yet replied (its reply is what the merged wait for). */
const MASTER_STATES: readonly TicketState[] = [
  'received',
  'dispatched',
  'accepted',
  'in_progress',
  'feedback_given',
];

/**
 * Picks another ticket for a repeat (原工单) or a merge (主工单): the related
 * tickets first (same requester, same place and category), or any by code.
 */
export function TicketPicker({
  ticketId,
  purpose,
  id,
  value,
  onChange,
}: {
  ticketId: string;
  purpose: 'related' | 'master';
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
}) {
  const related = useRelated(ticketId);
  const [search, setSearch] = useState('');
  const found = useQuery({
    queryKey: ['tickets', 'pick', search],
    queryFn: () => api.get<TicketList>('/api/tickets', { q: search, pageSize: 10 }),
    enabled: search.trim().length >= 4,
  });
  const seen = new Set<string>([ticketId]);
  const candidates: TicketSummary[] = [];
  for (const x of [
    ...(related.data?.sameRequester ?? []),
    ...(related.data?.samePlace ?? []),
    ...(found.data?.items ?? []),
  ]) {
    if (seen.has(x.id)) continue;
    if (purpose === 'master' && !MASTER_STATES.includes(x.state)) continue;
    seen.add(x.id);
    candidates.push(x);
  }
  return (
    <Select
      id={id}
      style={{ width: '100%' }}
      value={value}
      onChange={onChange}
      showSearch
      filterOption={false}
      onSearch={setSearch}
      loading={related.isPending || found.isFetching}
      placeholder={t.web.merge.pickHint}
      notFoundContent={t.web.merge.noCandidates}
      options={candidates.map((x) => ({
        value: x.id,
        label: `${x.code} · ${t.state[x.state]} · ${x.title}`,
      }))}
    />
  );
}
