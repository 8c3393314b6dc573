import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnType } from 'antd';
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
  in_deliberation: 'magenta',
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

/** A ticket as another list refers to it (a task's, an objection's, a whistle's). */
export interface LinkedTicketLike {
  id: string;
  code: string;
  title: string;
}

/**
 * The ticket's code, a link to it, over its title (cut to the column). With
 * `children`, the one-column phone list: the title whole and more lines below.
 */
export function TicketRef({
  ticket,
  children,
}: {
  ticket: LinkedTicketLike;
  children?: ReactNode;
}) {
  const link = <Link to={`/tickets/${ticket.id}`}>{ticket.code}</Link>;
  if (children !== undefined)
    return (
      <Flex vertical gap={2}>
        {link}
        <Typography.Text>{ticket.title}</Typography.Text>
        {children}
      </Flex>
    );
  return (
    <Flex vertical>
      {link}
      <Typography.Text ellipsis style={{ maxWidth: 210 }}>
        {ticket.title}
      </Typography.Text>
    </Flex>
  );
}

/** The first column of the lists around tickets; `noTicket` shows a row without one. */
export function ticketColumn<T extends { ticket: LinkedTicketLike | null }>(
  title: string,
  noTicket?: (row: T) => ReactNode,
): TableColumnType<T> {
  return {
    title,
    key: 'ticket',
    width: 220,
    render: (_: unknown, r: T) => (r.ticket ? <TicketRef ticket={r.ticket} /> : noTicket?.(r)),
  };
}

/**
 * A ticket in a short list: its code (a link, in a new tab with `newTab`) and its
 * state on one line, its title below. Goes inside a vertical `Flex`.
 */
export function TicketHead({
  ticket,
  newTab,
}: {
  ticket: LinkedTicketLike & { state: TicketState };
  newTab?: boolean;
}) {
  return (
    <>
      <Flex justify="space-between" gap={8}>
        <Link to={`/tickets/${ticket.id}`} target={newTab ? '_blank' : undefined}>
          {ticket.code}
        </Link>
        <StateTag state={ticket.state} />
      </Flex>
      <Typography.Text ellipsis>{ticket.title}</Typography.Text>
    </>
  );
}
