// The workbench menu's 三色清单 entry: the district's readers (administrators,
// supervisors, the centre) and the staff of a village or township that keeps a list
// (asked of the server: a department's handler has none).
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { MenuProps } from 'antd';
import { FlagOutlined } from '@ant-design/icons';
import type { ColourUnitList, MeView } from '@jiesu/contracts';
import { api } from '../../api/client';
import { tColour } from '../../i18n/colour-lists';
import { hasAny, seesDistrict } from '../roles';

type Items = NonNullable<MenuProps['items']>;

export function useColourListsMenu(me: MeView | undefined): Items {
  const district = seesDistrict(me);
  const keeper = !district && hasAny(me, 'handler', 'unit_leader');
  const units = useQuery({
    queryKey: ['colour-lists', 'units', me?.id],
    queryFn: () => api.get<ColourUnitList>('/api/colour-lists/units'),
    enabled: keeper,
    retry: false,
    staleTime: 5 * 60_000,
  });
  const show = district || (keeper && (units.data?.items.length ?? 0) > 0);
  return useMemo(() => {
    if (!show) return [];
    return [
      {
        key: '/colour-lists',
        icon: <FlagOutlined />,
        label: <Link to="/colour-lists">{tColour.nav}</Link>,
      },
    ];
  }, [show]);
}
