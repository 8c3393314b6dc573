// The workbench menu's 热点发现 entry: the centre, supervisors, administrators and the
// townships' staff (asked of the server, which never answers 403 here).
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { MenuProps } from 'antd';
import { FireOutlined } from '@ant-design/icons';
import type { HotspotAccess, MeView } from '@jiesu/contracts';
import { api } from '../../api/client';
import { tHotspots } from '../../i18n/hotspots';
import { hasAny, seesDistrict } from '../roles';

type Items = NonNullable<MenuProps['items']>;

export function useHotspotsMenu(me: MeView | undefined): Items {
  const district = seesDistrict(me);
  const maybe = !district && hasAny(me, 'handler', 'unit_leader');
  const access = useQuery({
    queryKey: ['hotspots', 'access', me?.id],
    queryFn: () => api.get<HotspotAccess>('/api/insight/hotspots/access'),
    enabled: maybe,
    retry: false,
    staleTime: 5 * 60_000,
  });
  const show = district || (maybe && access.data?.read === true);
  return useMemo(() => {
    if (!show) return [];
    return [
      {
        key: '/insight/hotspots',
        icon: <FireOutlined />,
        label: <Link to="/insight/hotspots">{tHotspots.nav}</Link>,
      },
    ];
  }, [show]);
}
