// Report periods in the district's local time: ISO weeks (Monday to Sunday),
// months and quarters, each as local dates and as the UTC instants [from, to)
// that bound it. Pure: the offset is the tenant's (+08:00 unless configured).
import { AppError } from '../../shared/errors.js';

const DAY_MS = 86_400_000;

export type PeriodKind = 'weekly' | 'monthly' | 'quarterly';

export interface Period {
  kind: PeriodKind;
  /** `2026-W47`, `2026-11`, `2026-Q4`. */
  key: string;
  /** Chinese label: `2026年第47周(11月16日至11月22日)`. */
  label: string;
  /** First and last local day, inclusive (YYYY-MM-DD). */
  firstDay: string;
  lastDay: string;
  /** UTC instants: local midnight of the first day, local midnight after the last. */
  from: Date;
  to: Date;
  /** The months the period touches (YYYY-MM), in order. */
  months: string[];
}

/** Days since 1970-01-01 of a calendar date (no time zone involved). */
const dayNumber = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / DAY_MS;
const dateOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, '0');

/** The UTC instant of local midnight starting the given local day number. */
const localMidnight = (day: number, offsetMinutes: number) =>
  new Date(day * DAY_MS - offsetMinutes * 60_000);

/** Monday (day number) of ISO week 1 of `year`: the week holding 4 January. */
function isoWeekOneMonday(year: number): number {
  const jan4 = dayNumber(year, 1, 4);
  const weekday = (new Date(jan4 * DAY_MS).getUTCDay() + 6) % 7; // Monday 0
  return jan4 - weekday;
}

/** ISO weeks in a year: 53 when 1 January or (leap years) 2 January is a Thursday… i.e. week 53 exists. */
export function isoWeeksIn(year: number): number {
  return (isoWeekOneMonday(year + 1) - isoWeekOneMonday(year)) / 7;
}

/** The ISO week (`YYYY-Www`) holding a local date. */
export function isoWeekOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const n = dayNumber(y, m, d);
  let year = y + 1;
  while (isoWeekOneMonday(year) > n) year -= 1;
  const week = Math.floor((n - isoWeekOneMonday(year)) / 7) + 1;
  return `${year}-W${pad(week)}`;
}

/** The local date of an instant. */
export function localDate(at: Date, offsetMinutes: number): string {
  return new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const end = last.slice(0, 7);
  for (;;) {
    const key = `${y}-${pad(m)}`;
    out.push(key);
    if (key >= end) return out;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

function build(
  kind: PeriodKind,
  key: string,
  label: string,
  firstDay: number,
  lastDay: number,
  offset: number,
): Period {
  const first = dateOf(firstDay);
  const last = dateOf(lastDay);
  return {
    kind,
    key,
    label,
    firstDay: first,
    lastDay: last,
    from: localMidnight(firstDay, offset),
    to: localMidnight(lastDay + 1, offset),
    months: monthsBetween(first, last),
  };
}

const invalid = (message: string) => new AppError('PERIOD_INVALID', undefined, message);
const md = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

export function weekPeriod(key: string, offsetMinutes: number): Period {
  const m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!m) throw invalid('周次格式应为 YYYY-Www,例如 2026-W47');
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > isoWeeksIn(year)) throw invalid(`${year} 年没有第 ${week} 周`);
  const monday = isoWeekOneMonday(year) + (week - 1) * 7;
  const label = `${year}年第${week}周(${md(dateOf(monday))}至${md(dateOf(monday + 6))})`;
  return build('weekly', key, label, monday, monday + 6, offsetMinutes);
}

export function monthPeriod(key: string, offsetMinutes: number): Period {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  const month = Number(m?.[2]);
  if (!m || month < 1 || month > 12) throw invalid('月份格式应为 YYYY-MM,例如 2026-11');
  const year = Number(m[1]);
  const first = dayNumber(year, month, 1);
  const next = month === 12 ? dayNumber(year + 1, 1, 1) : dayNumber(year, month + 1, 1);
  return build('monthly', key, `${year}年${month}月`, first, next - 1, offsetMinutes);
}

export function quarterPeriod(key: string, offsetMinutes: number): Period {
  const m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (!m) throw invalid('季度格式应为 YYYY-Qn,例如 2026-Q4');
  const year = Number(m[1]);
  const q = Number(m[2]);
  const first = dayNumber(year, q * 3 - 2, 1);
  const next = q === 4 ? dayNumber(year + 1, 1, 1) : dayNumber(year, q * 3 + 1, 1);
  return build('quarterly', key, `${year}年第${q}季度`, first, next - 1, offsetMinutes);
}

/** The week before (same length, ends where this one starts). */
export function previousWeek(p: Period, offsetMinutes: number): Period {
  return weekPeriod(isoWeekOf(dateOf(dayNumber(...ymd(p.firstDay)) - 7)), offsetMinutes);
}

const ymd = (date: string) => date.split('-').map(Number) as [number, number, number];

/** The current period's key at an instant (what the page proposes). */
export function currentKeys(now: Date, offsetMinutes: number) {
  const today = localDate(now, offsetMinutes);
  const month = today.slice(0, 7);
  return {
    week: isoWeekOf(today),
    month,
    quarter: `${today.slice(0, 4)}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`,
  };
}

/** The period before (the week, month or quarter just ended when this one starts). */
export function previousPeriod(p: Period, offsetMinutes: number): Period {
  if (p.kind === 'weekly') return previousWeek(p, offsetMinutes);
  const [y, m] = ymd(p.firstDay);
  if (p.kind === 'monthly')
    return monthPeriod(m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`, offsetMinutes);
  const q = Math.ceil(m / 3);
  return quarterPeriod(q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`, offsetMinutes);
}

/** The `n` months ending with `month`, oldest first. */
export function monthsEndingWith(month: string, n: number): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const k = y * 12 + (m - 1) - (n - 1 - i);
    return `${Math.floor(k / 12)}-${pad((k % 12) + 1)}`;
  });
}

/** The `n` most recent periods of a kind up to the current one, newest first. */
export function recentPeriods(kind: PeriodKind, now: Date, n: number, offsetMinutes: number) {
  const keys = currentKeys(now, offsetMinutes);
  let p =
    kind === 'weekly'
      ? weekPeriod(keys.week, offsetMinutes)
      : kind === 'monthly'
        ? monthPeriod(keys.month, offsetMinutes)
        : quarterPeriod(keys.quarter, offsetMinutes);
  const out: Array<{ key: string; label: string }> = [];
  for (let i = 0; i < n; i++) {
    out.push({ key: p.key, label: p.label });
    p = previousPeriod(p, offsetMinutes);
  }
  return out;
}
