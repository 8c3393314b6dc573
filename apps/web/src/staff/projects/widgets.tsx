// The project picker of the project actions' forms (link_project, unlink_project,
// reply_by_project): the projects this ticket is in first, then the projects
// still open for linking. In bulk, only the open ones.
import { Select } from 'antd';
import type { Widgets } from '../../lib/schemaForm';
import { useProjectList, useTicketProjects } from './queries';
import { tProjects } from '../../i18n/projects';

function ProjectSelect({
  ticketId,
  id,
  value,
  onChange,
}: {
  ticketId?: string;
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
}) {
  const p = tProjects;
  const mine = useTicketProjects(ticketId);
  const open = useProjectList({ state: ['planning', 'active'], pageSize: 200 });
  const inTicket = new Set((mine.data ?? []).map((x) => x.id));
  const options = [
    ...(mine.data?.length
      ? [
          {
            label: p.inThisTicket,
            options: mine.data.map((x) => ({ value: x.id, label: x.title })),
          },
        ]
      : []),
    {
      label: p.openProjects,
      options: (open.data?.items ?? [])
        .filter((x) => !inTicket.has(x.id))
        .map((x) => ({ value: x.id, label: `${x.title}(${x.ownerUnit.name})` })),
    },
  ];
  return (
    <Select
      id={id}
      style={{ width: '100%' }}
      value={value}
      onChange={onChange}
      loading={open.isPending || (Boolean(ticketId) && mine.isPending)}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={p.pickProject}
    />
  );
}

/** The widgets of the project fields, for one ticket or many. */
export function projectWidgets(ticketIds: string[]): Widgets {
  const ticketId = ticketIds.length === 1 ? ticketIds[0] : undefined;
  return { projectId: () => <ProjectSelect ticketId={ticketId} /> };
}
