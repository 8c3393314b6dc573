// The workbench menu's 一令到底 and 网格员考核 entries: administrators, supervisors
// and governments' staff (district, townships, village committees).
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { MenuProps } from 'antd';
import { NotificationOutlined, TrophyOutlined } from '@ant-design/icons';
import type { MeView } from '@jiesu/contracts';
import { tBroadcasts } from '../../i18n/broadcasts';
import { tAssessment } from '../../i18n/grid-assessment';
import { hasAny } from '../roles';
import { useGovernmentStaff } from '../layout/useGovernmentStaff';

type Items = NonNullable<MenuProps['items']>;

export function useBroadcastMenu(me: MeView | undefined): Items {
  const centre = hasAny(me, 'admin', 'supervisor');
  const government = useGovernmentStaff(me, !centre);
  return useMemo(() => {
    if (!me || (!centre && !government)) return [];
    return [
      {
        key: '/broadcasts',
        icon: <NotificationOutlined />,
        label: <Link to="/broadcasts">{tBroadcasts.nav}</Link>,
      },
      {
        key: '/grid-assessment',
        icon: <TrophyOutlined />,
        label: <Link to="/grid-assessment">{tAssessment.nav}</Link>,
      },
    ];
  }, [me, centre, government]);
}
