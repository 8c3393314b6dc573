// Queries and small pieces the ledger's pages share: the district's kinds, the
// grids in the user's reach, kind tags.
import { useQuery } from '@tanstack/react-query';
import { Space, Tag } from 'antd';
import type { GridList, ResidentKindList } from '@jiesu/contracts';
import { api } from '../../api/client';
import { tResidents } from '../../i18n/residents';

export const KINDS_KEY = ['resident-kinds'] as const;

export function useResidentKinds() {
  return useQuery({
    queryKey: KINDS_KEY,
    queryFn: () => api.get<ResidentKindList>('/api/resident-kinds'),
    staleTime: 60_000,
  });
}

export function useLedgerGrids() {
  return useQuery({
    queryKey: ['grids', 'ledger-options'],
    queryFn: () => api.get<GridList>('/api/grids', { pageSize: 200 }),
    staleTime: 5 * 60_000,
  });
}

export function KindTags({
  codes,
  kinds,
}: {
  codes: string[];
  kinds: ResidentKindList | undefined;
}) {
  const by = new Map((kinds?.items ?? []).map((k) => [k.code, k]));
  if (!codes.length) return <>{tResidents.none}</>;
  return (
    <Space size={[4, 4]} wrap>
      {codes.map((c) => {
        const k = by.get(c);
        return (
          <Tag key={c} color={k?.keyPopulation ? 'volcano' : 'blue'}>
            {k?.label ?? c}
          </Tag>
        );
      })}
    </Space>
  );
}
