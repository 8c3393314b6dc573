// The workbench menu's 文明积分 entry: administrators, supervisors, governments' staff
// (townships, village committees) and grid workers — the server scopes it.
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { MenuProps } from 'antd';
import { TrophyOutlined } from '@ant-design/icons';
import type { MeView } from '@jiesu/contracts';
import { tCivility } from '../../i18n/civility';
import { hasAny } from '../roles';
import { useGovernmentStaff } from '../layout/useGovernmentStaff';

type Items = NonNullable<MenuProps['items']>;

export function useCivilityMenu(me: MeView | undefined): Items {
  const direct = hasAny(me, 'admin', 'supervisor', 'grid_worker');
  const government = useGovernmentStaff(me, !direct);
  return useMemo(() => {
    if (!me || (!direct && !government)) return [];
    return [
      {
        key: '/civility',
        icon: <TrophyOutlined />,
        label: <Link to="/civility">{tCivility.nav}</Link>,
      },
    ];
  }, [me, direct, government]);
}
