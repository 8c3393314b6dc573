import { Tag, Tooltip } from 'antd';
import type { Colour, TicketState, TicketSummary, Urgency } from '@jiesu/contracts';
import { HANDLING_STATES } from '@jiesu/contracts';
import { formatDateTime, timeLeft, useNow } from '../../lib/time';
import { t } from '../../i18n';

export const STATE_COLOURS: Record<TicketState, string> = {
  received: 'blue',
  dispatched: 'geekblue',
  accepted: 'cyan',
  in_progress: 'processing',
  feedback_given: 'purple',
  replied: 'gold',
  awaiting_callback: 'orange',
  closed: 'default',
};

export const COLOUR_HEX: Record<Colour, string> = {
  yellow: '#d4b106',
  orange: '#d46b08',
  red: '#cf1322',
};

export function StateTag({ state }: { state: TicketState }) {
  return <Tag color={STATE_COLOURS[state]}>{t.state[state]}</Tag>;
}

export function ColourTag({ colour }: { colour: Colour | null }) {
  if (!colour) return null;
  return (
    <Tag color={colour === 'yellow' ? 'gold' : colour === 'orange' ? 'orange' : 'red'}>
      {t.colour[colour]}
    </Tag>
  );
}

export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  if (urgency === 'normal') return <span>{t.urgency.normal}</span>;
  return <Tag color={urgency === 'emergency' ? 'red' : 'volcano'}>{t.urgency[urgency]}</Tag>;
}

/** Which deadline runs now: the response one until accepted, then the completion one. */
export function runningDeadline(
  tk: TicketSummary,
): { kind: 'response' | 'completion'; at: string } | null {
  if (tk.state === 'dispatched' && tk.responseDueAt)
    return { kind: 'response', at: tk.responseDueAt };
  if (HANDLING_STATES.includes(tk.state) && tk.completionDueAt)
    return { kind: 'completion', at: tk.completionDueAt };
  return null;
}

export function Countdown({ ticket }: { ticket: TicketSummary }) {
  const now = useNow();
  const d = runningDeadline(ticket);
  if (!d) return <span aria-label={t.web.time.noDeadline}>{t.web.common.none}</span>;
  const left = timeLeft(d.at, now);
  const colour = left.overdue ? '#cf1322' : left.soon ? '#ad6800' : undefined;
  const label = d.kind === 'response' ? t.web.time.responseDue : t.web.time.completionDue;
  return (
    <Tooltip title={`${label} ${formatDateTime(d.at)}`}>
      <span
        style={{ color: colour, fontWeight: left.overdue ? 600 : undefined }}
        data-overdue={left.overdue || undefined}
      >
        {left.text}
      </span>
    </Tooltip>
  );
}
