// The urge form's controls (督办): the unit urged, among those handling the ticket,
// and the deadline; the answer's expected finishing time.
import { Select } from 'antd';
import type { TicketAction } from '@jiesu/contracts';
import { useTicket } from '../../api/hooks';
import { DateTimeInput } from '../../lib/formControls';
import type { Widgets } from '../../lib/schemaForm';
import { t } from '../../i18n';

function UrgedUnitSelect({
  ticketId,
  id,
  value,
  onChange,
}: {
  ticketId: string;
  id?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
}) {
  const tk = useTicket(ticketId).data;
  const units = tk
    ? [tk.holderUnit, tk.leadUnit, ...tk.coUnits].filter(
        (u, i, all): u is NonNullable<typeof u> =>
          u !== null && all.findIndex((x) => x?.id === u.id) === i,
      )
    : [];
  return (
    <Select
      id={id}
      allowClear
      aria-label={t.web.field.unitId}
      value={value}
      onChange={(v?: string) => onChange?.(v)}
      // Unset: the unit now holding the ticket.
      placeholder={units[0]?.name}
      options={units.map((u) => ({ value: u.id, label: u.name }))}
    />
  );
}

export function oversightWidgets(ticketIds: string[], action: TicketAction): Widgets {
  if (action === 'urge') {
    const id = ticketIds.length === 1 ? ticketIds[0] : undefined;
    return {
      deadline: () => <DateTimeInput label={t.web.field.deadline} />,
      ...(id ? { unitId: () => <UrgedUnitSelect ticketId={id} /> } : {}),
    };
  }
  if (action === 'respond_urge')
    return { finishBy: () => <DateTimeInput label={t.web.field.finishBy} /> };
  return {};
}
