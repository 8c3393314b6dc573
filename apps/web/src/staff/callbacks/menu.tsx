// The workbench menu's 回访台 entry: the 12345 centre's agents and dispatchers.
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { MenuProps } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import type { MeView } from '@jiesu/contracts';
import { tCallbacks } from '../../i18n/callbacks';
import { hasAny } from '../roles';

type Items = NonNullable<MenuProps['items']>;

export function useCallbacksMenu(me: MeView | undefined): Items {
  return useMemo(() => {
    if (!hasAny(me, 'agent', 'dispatcher')) return [];
    return [
      {
        key: '/callbacks',
        icon: <PhoneOutlined />,
        label: <Link to="/callbacks">{tCallbacks.nav}</Link>,
      },
    ];
  }, [me]);
}
