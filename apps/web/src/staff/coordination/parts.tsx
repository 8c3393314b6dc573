// Small pieces shared by the whistle panel and the whistle list.
import { Space, Tag, Tooltip, Typography } from 'antd';
import type { SummonsStatus, SummonsView, WhistleView } from '@jiesu/contracts';
import { formatDateTime, timeLeft, useNow } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { tCoord } from '../../i18n/coord';

const STATUS_COLOURS: Record<SummonsStatus, string> = {
  waiting: 'processing',
  on_time: 'green',
  reported_late: 'orange',
  overdue: 'red',
};

export function SummonsTag({ status }: { status: SummonsStatus }) {
  return <Tag color={STATUS_COLOURS[status]}>{t.summonsStatus[status]}</Tag>;
}

/** Time left to report in (or how long past it), counted live from the deadline. */
export function WhistleCountdown({ whistle }: { whistle: WhistleView }) {
  const now = useNow();
  const left = timeLeft(whistle.dueAt, now);
  return (
    <Tooltip title={`${tCoord.due} ${formatDateTime(whistle.dueAt)}`}>
      <span
        style={{
          color: left.overdue ? '#cf1322' : undefined,
          fontWeight: left.overdue ? 600 : undefined,
        }}
        data-overdue={left.overdue || undefined}
      >
        {left.text}
      </span>
    </Tooltip>
  );
}

/** One summoned unit: its state, and who reported in when. */
export function SummonsLine({ s }: { s: SummonsView }) {
  return (
    <Space wrap size={4} data-testid="summons" data-unit={s.unit.name}>
      <Typography.Text>{s.unit.name}</Typography.Text>
      <SummonsTag status={s.status} />
      {s.reportedAt && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {fmt(tCoord.reportedBy, {
            name: s.reportedBy?.name ?? t.web.common.none,
            at: formatDateTime(s.reportedAt),
          })}
        </Typography.Text>
      )}
      {s.note && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {s.note}
        </Typography.Text>
      )}
    </Space>
  );
}
