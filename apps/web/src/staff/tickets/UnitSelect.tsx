import { Select, Tag } from 'antd';
import type { UnitView } from '@jiesu/contracts';
import { useUnits } from '../../api/hooks';
import type { UnitSuggestion } from '../../api/types';
import { fmt, t } from '../../i18n';

/**
 * Units to pick from, suggested ones first: the dispatch catalogue's answer
 * (tagged 按派单目录), then units by their share of past tickets.
 */
export function UnitSelect({
  value,
  onChange,
  multiple,
  suggestions = [],
  id,
  label,
  placeholder,
}: {
  value?: string | string[];
  onChange?: (v: string | string[]) => void;
  multiple?: boolean;
  suggestions?: UnitSuggestion[];
  id?: string;
  label?: string;
  placeholder?: string;
}) {
  const units = useUnits();
  const active = (units.data ?? []).filter(
    (u: UnitView) => u.active && u.kind !== 'dispatch_centre',
  );
  const suggested = new Map(suggestions.map((s) => [s.unit.id, s]));
  const option = (u: { id: string; name: string }) => {
    const s = suggested.get(u.id);
    return {
      value: u.id,
      search: u.name,
      label: s ? (
        <span>
          {u.name}{' '}
          {s.source === 'catalogue' && <Tag color="blue">{t.web.dispatch.byCatalogue}</Tag>}
          {s.count > 0 && (
            <Tag color="green">{fmt(t.web.dispatch.share, { p: Math.round(s.share * 100) })}</Tag>
          )}
        </span>
      ) : (
        u.name
      ),
    };
  };
  const options = [
    ...(suggestions.length
      ? [{ label: t.web.dispatch.suggested, options: suggestions.map((s) => option(s.unit)) }]
      : []),
    {
      label: t.web.dispatch.allUnits,
      options: active.filter((u) => !suggested.has(u.id)).map(option),
    },
  ];
  return (
    <Select
      id={id}
      aria-label={label}
      style={{ width: '100%' }}
      mode={multiple ? 'multiple' : undefined}
      value={value}
      onChange={onChange}
      loading={units.isPending}
      status={units.isError ? 'error' : undefined}
      options={options}
      showSearch={{ optionFilterProp: 'search' }}
      placeholder={
        units.isError
          ? t.web.common.loadFailed
          : (placeholder ?? (multiple ? t.web.dispatch.pickCoUnits : t.web.dispatch.pickUnit))
      }
      allowClear={multiple}
    />
  );
}
