// The workbench menu's 三率考核 entry: administrators, supervisors, the dispatch
// centre and units' leaders (who see their own peer group).
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { MenuProps } from 'antd';
import { BarChartOutlined } from '@ant-design/icons';
import type { MeView } from '@jiesu/contracts';
import { tUnitAssessment } from '../../i18n/assessment';
import { hasAny } from '../roles';

type Items = NonNullable<MenuProps['items']>;

export function useUnitAssessmentMenu(me: MeView | undefined): Items {
  return useMemo(() => {
    if (!hasAny(me, 'admin', 'supervisor', 'dispatcher', 'unit_leader')) return [];
    return [
      {
        key: '/assessment',
        icon: <BarChartOutlined />,
        label: <Link to="/assessment">{tUnitAssessment.nav}</Link>,
      },
    ];
  }, [me]);
}
