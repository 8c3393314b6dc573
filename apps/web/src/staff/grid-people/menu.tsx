// The workbench menu's 网格管理 entry: for administrators and for governments'
// staff (townships and village committees).
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { MenuProps } from 'antd';
import { BorderOuterOutlined } from '@ant-design/icons';
import type { MeView } from '@jiesu/contracts';
import { t } from '../../i18n';
import { hasAny } from '../roles';
import { useGovernmentStaff } from '../layout/useGovernmentStaff';

type Items = NonNullable<MenuProps['items']>;

export function useGridPeopleMenu(me: MeView | undefined): Items {
  const admin = hasAny(me, 'admin');
  const government = useGovernmentStaff(me, !admin);
  return useMemo(() => {
    if (!me || (!admin && !government)) return [];
    return [
      {
        key: '/grids',
        icon: <BorderOuterOutlined />,
        label: <Link to="/grids">{t.web.nav.grids}</Link>,
      },
    ];
  }, [me, admin, government]);
}
