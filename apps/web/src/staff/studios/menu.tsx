// The workbench menu's 我来办工作室 entry: for governments' staff (townships and
// village committees) and the district-wide readers (the centre, supervisors,
// administrators).
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { MenuProps } from 'antd';
import { ShopOutlined } from '@ant-design/icons';
import type { MeView } from '@jiesu/contracts';
import { hasAny } from '../roles';
import { useGovernmentStaff } from '../layout/useGovernmentStaff';

type Items = NonNullable<MenuProps['items']>;
// The one label the layout needs; the page's catalogue loads with the page.
const LABEL = '我来办工作室';

export function useStudioMenu(me: MeView | undefined): Items {
  const district = hasAny(me, 'admin', 'supervisor', 'dispatcher');
  const government = useGovernmentStaff(me, !district);
  return useMemo(() => {
    if (!me || (!district && !government)) return [];
    return [{ key: '/studio', icon: <ShopOutlined />, label: <Link to="/studio">{LABEL}</Link> }];
  }, [me, district, government]);
}
