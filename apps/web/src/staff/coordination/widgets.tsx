// Pickers for the coordination actions' forms: the units below the holder and
// their staff (pass_down), the units a township may summon (blow_whistle), its
// sections (convene). The server lists only what the actor may pick.
import { Form, Select } from 'antd';
import type { CoordinationTargets } from '@jiesu/contracts';
import type { Widgets } from '../../lib/schemaForm';

import { useCoordinationTargets } from './queries';
import { tCoord } from '../../i18n/coord';

interface PickerProps<V> {
  ticketId: string;
  id?: string;
  value?: V;
  onChange?: (v: V) => void;
}

type Option = { id: string; name: string };

/** A select over what the server lists for this ticket's forms. */
function TargetSelect<V>({
  ticketId,
  id,
  value,
  onChange,
  pick,
  multiple,
  placeholder,
}: PickerProps<V> & {
  pick: (targets: CoordinationTargets) => readonly Option[];
  multiple?: boolean;
  placeholder: string;
}) {
  const q = useCoordinationTargets(ticketId);
  const options = (q.data ? pick(q.data) : []).map((u) => ({ value: u.id, label: u.name }));
  return (
    <Select
      id={id}
      style={{ width: '100%' }}
      mode={multiple ? 'multiple' : undefined}
      value={value}
      onChange={onChange}
      loading={q.isPending}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder}
      notFoundContent={q.isPending ? undefined : tCoord.noTargets}
      allowClear
    />
  );
}

/** The staff of the unit picked above who may take the ticket by name. */
function PassDownUserSelect(p: PickerProps<string>) {
  const form = Form.useFormInstance();
  const unitId = Form.useWatch('toUnitId', form) as string | undefined;
  return (
    <TargetSelect
      {...p}
      pick={(x) => x.passDown.find((u) => u.id === unitId)?.users ?? []}
      placeholder={tCoord.pickUser}
    />
  );
}

/** The widgets of the coordination fields, for one ticket (none in bulk). */
export function coordinationWidgets(ticketIds: string[]): Widgets {
  const id = ticketIds.length === 1 ? ticketIds[0] : undefined;
  if (!id) return {};
  return {
    unitIds: () => (
      <TargetSelect<string[]>
        ticketId={id}
        pick={(x) => x.summon}
        multiple
        placeholder={tCoord.pickUnits}
      />
    ),
    toUnitId: () => (
      <TargetSelect<string>
        ticketId={id}
        pick={(x) => x.passDown}
        placeholder={tCoord.pickTarget}
      />
    ),
    toUserId: () => <PassDownUserSelect ticketId={id} />,
    sectionIds: () => (
      <TargetSelect<string[]>
        ticketId={id}
        pick={(x) => x.sections}
        multiple
        placeholder={tCoord.pickSections}
      />
    ),
  };
}
