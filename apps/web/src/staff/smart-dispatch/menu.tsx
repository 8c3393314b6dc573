// The workbench menu's 智能分派 entry: administrators and the dispatch centre's
// dispatchers and supervisors (who may train and read the figures).
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { MenuProps } from 'antd';
import { BulbOutlined } from '@ant-design/icons';
import type { MeView } from '@jiesu/contracts';
import { tSmartDispatch } from '../../i18n/smart-dispatch';
import { hasAny } from '../roles';

type Items = NonNullable<MenuProps['items']>;

export function useSmartDispatchMenu(me: MeView | undefined): Items {
  return useMemo(() => {
    if (!hasAny(me, 'admin', 'dispatcher', 'supervisor')) return [];
    return [
      {
        key: '/insight/dispatch',
        icon: <BulbOutlined />,
        label: <Link to="/insight/dispatch">{tSmartDispatch.nav}</Link>,
      },
    ];
  }, [me]);
}
