// The workbench menu's 报表中心 entry: administrators, supervisors, the dispatch
// centre and units' leaders (who read their own township's pack and units' reports).
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { MenuProps } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import type { MeView } from '@jiesu/contracts';
import { tPeriodReports } from '../../i18n/period-reports';
import { hasAny } from '../roles';

type Items = NonNullable<MenuProps['items']>;

export function usePeriodReportsMenu(me: MeView | undefined): Items {
  return useMemo(() => {
    if (!hasAny(me, 'admin', 'supervisor', 'dispatcher', 'unit_leader')) return [];
    return [
      {
        key: '/period-reports',
        icon: <FilePdfOutlined />,
        label: <Link to="/period-reports">{tPeriodReports.nav}</Link>,
      },
    ];
  }, [me]);
}
