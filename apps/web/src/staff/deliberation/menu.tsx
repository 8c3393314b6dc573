// The workbench menu's entries of escalation and village deliberation: for the
// dispatch centre, and for governments' staff (townships and village committees),
// not departments. A unit's kind is not in the session, so the units are read
// (the cached list the pages use) only for those whose roles leave it open.
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { MenuProps } from 'antd';
import { ClusterOutlined, RiseOutlined, SolutionOutlined } from '@ant-design/icons';
import type { MeView, UnitView } from '@jiesu/contracts';
import { api } from '../../api/client';
import { t } from '../../i18n';
import { hasAny } from '../roles';

type Items = NonNullable<MenuProps['items']>;

export function useDeliberationMenu(me: MeView | undefined): Items {
  const centre = hasAny(me, 'dispatcher', 'supervisor', 'admin');
  const unitStaff = hasAny(me, 'handler', 'unit_leader');
  const units = useQuery({
    queryKey: ['units'],
    queryFn: () => api.get<UnitView[]>('/api/org/units'),
    staleTime: 5 * 60_000,
    enabled: Boolean(me) && !centre && unitStaff,
  });
  return useMemo(() => {
    if (!me) return [];
    const kinds = new Map((units.data ?? []).map((u) => [u.id, u.kind]));
    const government = me.roles.some(
      (r) =>
        (r.role === 'handler' || r.role === 'unit_leader') && kinds.get(r.unitId) === 'government',
    );
    const items: Items = [];
    if (hasAny(me, 'dispatcher', 'supervisor') || government)
      items.push(
        {
          key: '/escalations',
          icon: <RiseOutlined />,
          label: <Link to="/escalations">{t.web.nav.escalations}</Link>,
        },
        {
          key: '/deliberations',
          icon: <SolutionOutlined />,
          label: <Link to="/deliberations">{t.web.nav.deliberations}</Link>,
        },
      );
    if (hasAny(me, 'dispatcher', 'admin') || government)
      items.push({
        key: '/admin/elders',
        icon: <ClusterOutlined />,
        label: <Link to="/admin/elders">{t.web.nav.elders}</Link>,
      });
    return items;
  }, [me, units.data]);
}
