// The 请求志愿队协助 form's team picker: the district's teams, by village.
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import type { TicketAction, VolunteerTeamList } from '@jiesu/contracts';
import { api } from '../../api/client';
import type { Widgets } from '../../lib/schemaForm';
import { tVolunteers as v } from '../../i18n/volunteers';

export function TeamSelect({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
}) {
  const teams = useQuery({
    queryKey: ['volunteers', 'teams', 'pick'],
    queryFn: () => api.get<VolunteerTeamList>('/api/volunteers/teams', { pageSize: 200 }),
  });
  return (
    <Select
      id={id}
      aria-label={v.helpTeam}
      value={value}
      onChange={(x?: string) => onChange?.(x)}
      loading={teams.isPending}
      showSearch={{ optionFilterProp: 'label' }}
      options={(teams.data?.items ?? []).map((t) => ({
        value: t.id,
        label: `${t.name}(${t.place.name} · ${t.fieldLabel})`,
      }))}
    />
  );
}

export function volunteerWidgets(action: TicketAction): Widgets {
  if (action === 'request_volunteers') return { teamId: () => <TeamSelect /> };
  return {};
}
