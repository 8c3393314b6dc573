// Pickers for the coordination actions' forms: the units below the holder and
// their staff (pass_down), the units a township may summon (blow_whistle), its
// sections (convene). The server lists only what the actor may pick.
import { Form, Select } from 'antd';
import type { Widgets } from '../../lib/schemaForm';
import { t } from '../../i18n';
import { useCoordinationTargets } from './queries';

interface PickerProps<V> {
  ticketId: string;
  id?: string;
  value?: V;
  onChange?: (v: V) => void;
}

function Picker<V>({
  id,
  value,
  onChange,
  options,
  loading,
  multiple,
  placeholder,
}: Omit<PickerProps<V>, 'ticketId'> & {
  options: { value: string; label: string }[];
  loading: boolean;
  multiple?: boolean;
  placeholder: string;
}) {
  return (
    <Select
      id={id}
      style={{ width: '100%' }}
      mode={multiple ? 'multiple' : undefined}
      value={value}
      onChange={onChange}
      loading={loading}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder}
      notFoundContent={loading ? undefined : t.web.coord.noTargets}
      allowClear
    />
  );
}

function SummonSelect(p: PickerProps<string[]>) {
  const q = useCoordinationTargets(p.ticketId);
  const options = (q.data?.summon ?? []).map((u) => ({ value: u.id, label: u.name }));
  return (
    <Picker
      {...p}
      options={options}
      loading={q.isPending}
      multiple
      placeholder={t.web.coord.pickUnits}
    />
  );
}

function PassDownUnitSelect(p: PickerProps<string>) {
  const q = useCoordinationTargets(p.ticketId);
  const options = (q.data?.passDown ?? []).map((u) => ({ value: u.id, label: u.name }));
  return (
    <Picker {...p} options={options} loading={q.isPending} placeholder={t.web.coord.pickTarget} />
  );
}

/** The staff of the unit picked above who may take the ticket by name. */
function PassDownUserSelect(p: PickerProps<string>) {
  const q = useCoordinationTargets(p.ticketId);
  const form = Form.useFormInstance();
  const unitId = Form.useWatch('toUnitId', form) as string | undefined;
  const unit = (q.data?.passDown ?? []).find((u) => u.id === unitId);
  const options = (unit?.users ?? []).map((u) => ({ value: u.id, label: u.name }));
  return (
    <Picker {...p} options={options} loading={q.isPending} placeholder={t.web.coord.pickUser} />
  );
}

function SectionSelect(p: PickerProps<string[]>) {
  const q = useCoordinationTargets(p.ticketId);
  const options = (q.data?.sections ?? []).map((u) => ({ value: u.id, label: u.name }));
  return (
    <Picker
      {...p}
      options={options}
      loading={q.isPending}
      multiple
      placeholder={t.web.coord.pickSections}
    />
  );
}

/** The widgets of the coordination fields, for one ticket (none in bulk). */
export function coordinationWidgets(ticketIds: string[]): Widgets {
  const id = ticketIds.length === 1 ? ticketIds[0] : undefined;
  if (!id) return {};
  return {
    unitIds: () => <SummonSelect ticketId={id} />,
    toUnitId: () => <PassDownUnitSelect ticketId={id} />,
    toUserId: () => <PassDownUserSelect ticketId={id} />,
    sectionIds: () => <SectionSelect ticketId={id} />,
  };
}
