// The workbench menu's 志愿服务 entry: every staff member reads the teams (to ask one for
// help); villages' and townships' staff and the teams' leaders keep them.
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { MenuProps } from 'antd';
import { HeartOutlined } from '@ant-design/icons';
import type { MeView } from '@jiesu/contracts';
import { tVolunteers } from '../../i18n/volunteers';

type Items = NonNullable<MenuProps['items']>;

export function useVolunteersMenu(me: MeView | undefined): Items {
  const show = Boolean(me);
  return useMemo(() => {
    if (!show) return [];
    return [
      {
        key: '/volunteers',
        icon: <HeartOutlined />,
        label: <Link to="/volunteers">{tVolunteers.nav}</Link>,
      },
    ];
  }, [show]);
}
