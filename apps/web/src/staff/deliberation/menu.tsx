// The workbench menu's entries of escalation and village deliberation: for the
// dispatch centre, and for governments' staff (townships and village committees),
// not departments.
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { MenuProps } from 'antd';
import { ClusterOutlined, RiseOutlined, SolutionOutlined } from '@ant-design/icons';
import type { MeView } from '@jiesu/contracts';
import { t } from '../../i18n';
import { hasAny } from '../roles';
import { useGovernmentStaff } from '../layout/useGovernmentStaff';

type Items = NonNullable<MenuProps['items']>;

export function useDeliberationMenu(me: MeView | undefined): Items {
  const centre = hasAny(me, 'dispatcher', 'supervisor', 'admin');
  const government = useGovernmentStaff(me, !centre);
  return useMemo(() => {
    if (!me) return [];
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
  }, [me, government]);
}
