// What the studio page's tabs share: the query keys, the month control and the
// grade and ticket cells.
import { Link } from 'react-router';
import { DatePicker, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReceptionView, StudioGrade } from '@jiesu/contracts';
import { studioLabelsZhCN } from '@jiesu/contracts';
import { t } from '../../i18n';
import { tStudio } from '../../i18n/studio';

export const s = tStudio;
export const L = studioLabelsZhCN;

export const GRADE_COLOURS: Record<StudioGrade, string> = {
  small: 'green',
  big: 'orange',
  hard: 'red',
};

export const studioKeys = {
  list: ['studios'] as const,
  roster: (id: string, month: string) => ['studio-roster', id, month] as const,
  receptions: (id: string) => ['studio-receptions', id] as const,
  checks: (id: string) => ['studio-checks', id] as const,
  stats: (month: string) => ['studio-stats', month] as const,
};

export function MonthPicker({
  value,
  onChange,
}: {
  value: string;
  onChange: (month: string) => void;
}) {
  return (
    <DatePicker
      picker="month"
      aria-label={s.month}
      allowClear={false}
      value={dayjs(`${value}-01`)}
      onChange={(d) => d && onChange(d.format('YYYY-MM'))}
    />
  );
}

export function TicketCell({ ticket }: { ticket: ReceptionView['ticket'] }) {
  if (!ticket) return null;
  return (
    <Space size={4} wrap>
      <Link to={`/tickets/${ticket.id}`}>{ticket.code}</Link>
      <Tag>{t.state[ticket.state]}</Tag>
    </Space>
  );
}

/** Where graded handling goes on: the ticket's own actions. */
export function GradeHint({ r }: { r: ReceptionView }) {
  if (!r.ticket || (r.grade !== 'big' && r.grade !== 'hard')) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      <Link to={`/tickets/${r.ticket.id}`}>{r.grade === 'big' ? s.bigHint : s.hardHint}</Link>
    </Typography.Text>
  );
}
