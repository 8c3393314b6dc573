import { useEffect, useState } from 'react';
import dayjs from 'dayjs';
import { fmt, t } from '../i18n';

/** The browser's wall clock: deadlines are instants from the server, the countdown is local. */
export function nowMs(): number {
  // eslint-disable-next-line no-restricted-syntax -- the UI's countdown needs the wall clock
  return Date.now();
}

/** The current time, re-rendered every `everyMs`. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(nowMs);
  useEffect(() => {
    const id = setInterval(() => setNow(nowMs()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : t.web.common.none;
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD') : t.web.common.none;
}

/** "2天3小时" style span, coarse: days+hours, hours+minutes, or minutes. */
export function formatSpan(ms: number): string {
  const m = Math.max(0, Math.floor(ms / 60_000));
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const min = m % 60;
  if (d > 0) return fmt(t.web.time.daysHours, { d, h });
  if (h > 0) return fmt(t.web.time.hoursMinutes, { h, m: min });
  return fmt(t.web.time.minutes, { m: min });
}

export interface TimeLeft {
  overdue: boolean;
  soon: boolean;
  text: string;
}

/** Time left until a deadline, or how long it is overdue. */
export function timeLeft(dueIso: string, now: number): TimeLeft {
  const diff = dayjs(dueIso).valueOf() - now;
  if (diff < 0)
    return {
      overdue: true,
      soon: false,
      text: fmt(t.web.time.overdueBy, { span: formatSpan(-diff) }),
    };
  return {
    overdue: false,
    soon: diff < 24 * 3600_000,
    text: fmt(t.web.time.left, { span: formatSpan(diff) }),
  };
}
