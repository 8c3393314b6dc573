// The workbench menu's 驾驶舱 entry: administrators, supervisors, the dispatch centre
// and government leaders (a township's over its township, a village's over its village).
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { MenuProps } from 'antd';
import { DashboardOutlined } from '@ant-design/icons';
import type { MeView } from '@jiesu/contracts';
import { tDashboard } from '../../i18n/dashboard';
import { hasAny } from '../roles';

type Items = NonNullable<MenuProps['items']>;

export function useDashboardMenu(me: MeView | undefined): Items {
  return useMemo(() => {
    if (!hasAny(me, 'admin', 'supervisor', 'dispatcher', 'agent', 'unit_leader')) return [];
    return [
      {
        key: '/dashboard',
        icon: <DashboardOutlined />,
        label: <Link to="/dashboard">{tDashboard.nav}</Link>,
      },
    ];
  }, [me]);
}
