import { Card, Table } from 'antd';
import type { TableProps } from 'antd';

/** A card of assessment figures: one row per unit (or person), all on one page. */
export function StatsCard<T extends object>(props: {
  title: string;
  rows: T[] | undefined;
  rowKey: TableProps<T>['rowKey'];
  loading: boolean;
  /** The table's scroll width. */
  width: number;
  columns: TableProps<T>['columns'];
}) {
  return (
    <Card size="small" title={props.title}>
      <Table<T>
        size="small"
        rowKey={props.rowKey}
        loading={props.loading}
        dataSource={props.rows ?? []}
        pagination={false}
        scroll={{ x: props.width }}
        columns={props.columns}
      />
    </Card>
  );
}
