// The workbench menu's 住户台账 entry: administrators, supervisors, governments'
// staff (townships, village committees) and grid workers — the server scopes it.
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { MenuProps } from 'antd';
import { IdcardOutlined } from '@ant-design/icons';
import type { MeView } from '@jiesu/contracts';
import { tResidents } from '../../i18n/residents';
import { hasAny } from '../roles';
import { useGovernmentStaff } from '../layout/useGovernmentStaff';

type Items = NonNullable<MenuProps['items']>;

export function useResidentsMenu(me: MeView | undefined): Items {
  const direct = hasAny(me, 'admin', 'supervisor', 'grid_worker');
  const government = useGovernmentStaff(me, !direct);
  return useMemo(() => {
    if (!me || (!direct && !government)) return [];
    return [
      {
        key: '/residents',
        icon: <IdcardOutlined />,
        label: <Link to="/residents">{tResidents.nav}</Link>,
      },
    ];
  }, [me, direct, government]);
}
