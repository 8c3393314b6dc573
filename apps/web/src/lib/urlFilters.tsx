// A list page's filters live in the address: shareable, kept on reload and on
// going back. These are the pieces the list pages share to read and write them.
import { useSearchParams } from 'react-router';
import { DatePicker, Grid, Input, Table } from 'antd';
import type { TableProps } from 'antd';
import dayjs from 'dayjs';
import { fmt } from '../i18n';
import { ErrorState } from './states';

export type FilterPatch = Record<string, string | number | undefined>;

/**
 * The address's search params and `update(patch)`, which sets the given keys
 * (an undefined or empty value removes one) and, unless `keepPage`, goes back
 * to the first page: a new filter starts the list over.
 */
export function useUrlFilters() {
  const [sp, setSp] = useSearchParams();
  function update(patch: FilterPatch, keepPage = false) {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!keepPage) next.delete('page');
    setSp(next);
  }
  return [sp, update] as const;
}

/** The page and page size in the address (the first page of 20 by default). */
export function pageOf(sp: URLSearchParams): { page: number; pageSize: number } {
  return { page: Number(sp.get('page')) || 1, pageSize: Number(sp.get('pageSize')) || 20 };
}

/** The list's text search, kept in the address as `q`. */
export function UrlSearch({
  label,
  value,
  update,
}: {
  label: string;
  value?: string;
  update: (patch: FilterPatch) => void;
}) {
  return (
    <Input.Search
      aria-label={label}
      placeholder={label}
      allowClear
      defaultValue={value}
      onSearch={(v) => update({ q: v.trim() || undefined })}
      style={{ width: 200 }}
    />
  );
}

/**
 * Whole days picked as a range, kept as the API's half-open instants: `from`
 * the start of the first day, `to` the start of the day after the last.
 */
export function DayRangePicker({
  label,
  from,
  to,
  onChange,
}: {
  label: string;
  from?: string;
  to?: string;
  onChange: (range: { from?: string; to?: string }) => void;
}) {
  const value: [dayjs.Dayjs, dayjs.Dayjs] | null =
    from && to ? [dayjs(from), dayjs(to).subtract(1, 'day')] : null;
  return (
    <DatePicker.RangePicker
      aria-label={label}
      value={value}
      onChange={(v) =>
        onChange({
          from: v?.[0] ? v[0].startOf('day').toISOString() : undefined,
          to: v?.[1] ? v[1].add(1, 'day').startOf('day').toISOString() : undefined,
        })
      }
    />
  );
}

/**
 * One page of a list whose page and page size live in the address: the table
 * (one column on a phone), its pager, and the error in its place when the
 * list fails to load.
 */
export function UrlPagedTable<T extends { id: string }>(props: {
  list: {
    isError: boolean;
    error: unknown;
    refetch: () => unknown;
    isFetching: boolean;
    data?: { items: T[]; total: number };
  };
  query: { page?: number; pageSize?: number };
  update: (patch: FilterPatch, keepPage?: boolean) => void;
  columns: TableProps<T>['columns'];
  /** The phone's single column. */
  narrowColumns: TableProps<T>['columns'];
  /** The scroll width of the full table. */
  width: number;
  empty: string;
  /** "共 {n} 条" */
  totalText: string;
  /** The rows' `data-testid`. */
  rowTestId: string;
}) {
  const { list, query, update } = props;
  const narrow = !Grid.useBreakpoint().md;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Table<T>
      size="small"
      rowKey="id"
      loading={list.isFetching}
      dataSource={list.data?.items ?? []}
      columns={narrow ? props.narrowColumns : props.columns}
      scroll={narrow ? undefined : { x: props.width }}
      locale={{ emptyText: props.empty }}
      onRow={() => ({ 'data-testid': props.rowTestId }) as object}
      pagination={{
        current: query.page,
        pageSize: query.pageSize,
        total: list.data?.total ?? 0,
        showSizeChanger: true,
        showTotal: (n) => fmt(props.totalText, { n }),
        onChange: (page, pageSize) => update({ page, pageSize }, true),
      }}
    />
  );
}
