// The workbench menu's 答复口径 entry: handlers and unit leaders keep their unit's
// templates, dispatchers and the administrator the district-wide ones.
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { MenuProps } from 'antd';
import { SnippetsOutlined } from '@ant-design/icons';
import type { MeView } from '@jiesu/contracts';
import { tReplyTemplates } from '../../i18n/reply-templates';
import { hasAny } from '../roles';

type Items = NonNullable<MenuProps['items']>;

export function useReplyTemplatesMenu(me: MeView | undefined): Items {
  return useMemo(() => {
    if (!hasAny(me, 'admin', 'dispatcher', 'handler', 'unit_leader')) return [];
    return [
      {
        key: '/reply-templates',
        icon: <SnippetsOutlined />,
        label: <Link to="/reply-templates">{tReplyTemplates.nav}</Link>,
      },
    ];
  }, [me]);
}
