// Top-3 chips from the smart-dispatch model: the category at intake, the lead unit at
// dispatch. Asks the server as the text settles (debounced); a click hands the id to the
// form. The set last shown is reported to the caller, which records it with the ticket.
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { BulbOutlined } from '@ant-design/icons';
import type { DispatchTarget, SuggestResult, SuggestionSet } from '@jiesu/contracts';
import { api } from '../../api/client';
import { fmt } from '../../i18n';
import { tSmartDispatch as s } from '../../i18n/smart-dispatch';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

export function SuggestionChips(props: {
  target: DispatchTarget;
  title?: string;
  description?: string;
  selectedId?: string;
  onPick: (id: string) => void;
  onShown?: (set: SuggestionSet | null) => void;
}) {
  const { target, onPick, onShown, selectedId } = props;
  const text = useDebounced(
    { title: props.title?.trim() ?? '', description: props.description?.trim() ?? '' },
    400,
  );
  const enabled = text.title.length + text.description.length >= 4;
  const q = useQuery({
    queryKey: ['smart-dispatch', 'suggest', target, text.title, text.description],
    queryFn: () =>
      api.post<SuggestResult>('/api/insight/suggest', {
        ...(text.title ? { title: text.title } : {}),
        description: text.description,
        targets: [target],
      }),
    enabled,
    staleTime: 60_000,
    retry: false,
  });
  const set = enabled ? (q.data?.sets[0] ?? null) : null;
  useEffect(() => {
    onShown?.(set && set.items.length > 0 ? set : null);
  }, [set, onShown]);

  if (!enabled || !set) return null;
  const label = target === 'category' ? s.chipsCategory : s.chipsUnit;
  return (
    <Flex gap={6} wrap align="center" data-testid={`smart-chips-${target}`}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <BulbOutlined /> {label}
      </Typography.Text>
      {set.items.length === 0 ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {set.reason ? s.reason[set.reason] : s.none}
        </Typography.Text>
      ) : (
        set.items.map((it, i) => (
          <Tooltip
            key={it.id}
            title={`${fmt(s.confidence, { p: Math.round(it.score * 100) })},${s.chipHint}`}
          >
            <Tag.CheckableTag
              checked={it.id === selectedId}
              onChange={() => onPick(it.id)}
              data-testid={`smart-chip-${target}-${i + 1}`}
              style={{ border: '1px solid #d9d9d9' }}
            >
              {it.name} {Math.round(it.score * 100)}%
            </Tag.CheckableTag>
          </Tooltip>
        ))
      )}
    </Flex>
  );
}

/** Records what was shown for a ticket; the server reads the choice from the ticket. Best effort. */
export function reportOutcome(ticketId: string, set: SuggestionSet | null): void {
  if (!set || set.items.length === 0 || set.modelVersion === null) return;
  void api
    .post('/api/insight/suggestions/outcome', {
      ticketId,
      target: set.target,
      modelVersion: set.modelVersion,
      shown: set.items.map((i) => ({ id: i.id, score: Math.min(1, Math.max(0, i.score)) })),
    })
    .catch(() => undefined);
}
