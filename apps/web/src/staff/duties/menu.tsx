// The workbench menu's 网格履职 entry (administrators and governments' staff) and, for
// grid workers, a link to their mobile pages (/g).
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { MenuProps } from 'antd';
import { CarryOutOutlined, MobileOutlined } from '@ant-design/icons';
import type { MeView } from '@jiesu/contracts';
import { tDuties } from '../../i18n/duties';
import { hasAny } from '../roles';
import { useGovernmentStaff } from '../layout/useGovernmentStaff';

type Items = NonNullable<MenuProps['items']>;

export function useDutiesMenu(me: MeView | undefined): Items {
  const admin = hasAny(me, 'admin');
  const worker = hasAny(me, 'grid_worker');
  const government = useGovernmentStaff(me, !admin);
  return useMemo(() => {
    if (!me) return [];
    const items: Items = [];
    if (admin || government)
      items.push({
        key: '/duties',
        icon: <CarryOutOutlined />,
        label: <Link to="/duties">{tDuties.nav.duties}</Link>,
      });
    if (worker)
      items.push({
        key: '/g',
        icon: <MobileOutlined />,
        label: <a href="/g">{tDuties.nav.gridWorker}</a>,
      });
    return items;
  }, [me, admin, government, worker]);
}
