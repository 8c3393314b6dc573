// Whether the signed-in user is staff (a handler or a leader) of a government
// unit: a township or a village committee. A unit's kind is not in the session,
// so the units are read (the cached list the pages use) only when `needed`, i.e.
// when the user's roles alone do not settle what a menu shows.
import { useQuery } from '@tanstack/react-query';
import type { MeView, UnitView } from '@jiesu/contracts';
import { api } from '../../api/client';
import { hasAny } from '../roles';

export function useGovernmentStaff(me: MeView | undefined, needed: boolean): boolean {
  const unitStaff = hasAny(me, 'handler', 'unit_leader');
  const units = useQuery({
    queryKey: ['units'],
    queryFn: () => api.get<UnitView[]>('/api/org/units'),
    staleTime: 5 * 60_000,
    enabled: Boolean(me) && needed && unitStaff,
  });
  if (!me || !units.data) return false;
  const kinds = new Map(units.data.map((u) => [u.id, u.kind]));
  return me.roles.some(
    (r) =>
      (r.role === 'handler' || r.role === 'unit_leader') && kinds.get(r.unitId) === 'government',
  );
}
