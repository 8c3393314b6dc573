// The workbench menu's 待审批 entry: the centre reviews extension, suspension and termination requests; the
// handling units follow their own.
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { MenuProps } from 'antd';
import { FieldTimeOutlined } from '@ant-design/icons';
import type { MeView } from '@jiesu/contracts';
import { tHandling } from '../../i18n/handling';
import { hasAny } from '../roles';

type Items = NonNullable<MenuProps['items']>;

export function useHandlingMenu(me: MeView | undefined): Items {
  return useMemo(() => {
    if (!hasAny(me, 'admin', 'supervisor', 'dispatcher', 'handler', 'unit_leader')) return [];
    return [
      {
        key: '/handling/approvals',
        icon: <FieldTimeOutlined />,
        label: <Link to="/handling/approvals">{tHandling.nav}</Link>,
      },
    ];
  }, [me]);
}
