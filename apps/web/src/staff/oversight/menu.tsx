// The workbench menu's 督办 entry: the centre and supervisors urge and inspect;
// units' handlers and leaders answer their urges and read their own records.
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { MenuProps } from 'antd';
import { AlertOutlined } from '@ant-design/icons';
import type { MeView } from '@jiesu/contracts';
import { tOversight } from '../../i18n/oversight';
import { hasAny } from '../roles';

type Items = NonNullable<MenuProps['items']>;

export function useOversightMenu(me: MeView | undefined): Items {
  return useMemo(() => {
    if (!hasAny(me, 'admin', 'supervisor', 'dispatcher', 'handler', 'unit_leader')) return [];
    return [
      {
        key: '/urges',
        icon: <AlertOutlined />,
        label: <Link to="/urges">{tOversight.nav}</Link>,
      },
    ];
  }, [me]);
}
