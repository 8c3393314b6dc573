// The cadence arithmetic of the colour lists, pure: local periods (day, Monday–Sunday
// week, month, quarter) under the tenant's UTC offset, the clear-by time of an item,
// the periods an overdue item has carried over, and a report period's figures.
import {
  colourListMessages as m,
  type ClearUnit,
  type Colour,
  type ColourCadences,
  type ColourFigures,
  type ReportUnit,
} from '@jiesu/contracts';

export type PeriodUnit = ClearUnit | ReportUnit;
export interface Period {
  /** Inclusive. */
  start: Date;
  /** Exclusive. */
  end: Date;
}

const DAY = 86_400_000;
const MINUTE = 60_000;

interface LocalParts {
  y: number;
  /** 0-based month. */
  m: number;
  d: number;
  /** 0 = Sunday. */
  dow: number;
  /** Days since 1970-01-01, local. */
  dayIndex: number;
}

function local(at: Date, offsetMinutes: number): LocalParts {
  const t = at.getTime() + offsetMinutes * MINUTE;
  const l = new Date(t);
  return {
    y: l.getUTCFullYear(),
    m: l.getUTCMonth(),
    d: l.getUTCDate(),
    dow: l.getUTCDay(),
    dayIndex: Math.floor(t / DAY),
  };
}

/** The instant of local midnight starting y-m-d (month may overflow: Date.UTC normalises it). */
const fromLocal = (y: number, m: number, d: number, offsetMinutes: number) =>
  new Date(Date.UTC(y, m, d) - offsetMinutes * MINUTE);

/** The local period of `unit` containing `at`. Weeks run Monday to Sunday. */
export function periodOf(unit: PeriodUnit, at: Date, offsetMinutes: number): Period {
  const p = local(at, offsetMinutes);
  switch (unit) {
    case 'day':
      return {
        start: fromLocal(p.y, p.m, p.d, offsetMinutes),
        end: fromLocal(p.y, p.m, p.d + 1, offsetMinutes),
      };
    case 'week': {
      const back = (p.dow + 6) % 7;
      return {
        start: fromLocal(p.y, p.m, p.d - back, offsetMinutes),
        end: fromLocal(p.y, p.m, p.d - back + 7, offsetMinutes),
      };
    }
    case 'month':
      return {
        start: fromLocal(p.y, p.m, 1, offsetMinutes),
        end: fromLocal(p.y, p.m + 1, 1, offsetMinutes),
      };
    case 'quarter': {
      const q = Math.floor(p.m / 3) * 3;
      return {
        start: fromLocal(p.y, q, 1, offsetMinutes),
        end: fromLocal(p.y, q + 3, 1, offsetMinutes),
      };
    }
  }
}

/**
 * When an item of `colour` put on the list (or recoloured) at `at` is to be cleared:
 * the last millisecond of its clearing period — end of the local day, of the week
 * (Sunday) or of the month.
 */
export function clearByOf(
  colour: Colour,
  at: Date,
  cadences: ColourCadences,
  offsetMinutes: number,
): Date {
  return new Date(periodOf(cadences[colour].clear, at, offsetMinutes).end.getTime() - 1);
}

/** The index of the period of `unit` containing `at` (consecutive periods, consecutive indexes). */
export function periodIndex(unit: PeriodUnit, at: Date, offsetMinutes: number): number {
  const p = local(at, offsetMinutes);
  switch (unit) {
    case 'day':
      return p.dayIndex;
    case 'week':
      // 1970-01-05, local day 4, was a Monday.
      return Math.floor((p.dayIndex - 4) / 7);
    case 'month':
      return p.y * 12 + p.m;
    case 'quarter':
      return p.y * 4 + Math.floor(p.m / 3);
  }
}

/** How many clearing periods an open item has carried over past its clear-by time. */
export function carriedPeriods(
  unit: ClearUnit,
  clearBy: Date,
  now: Date,
  offsetMinutes: number,
): number {
  if (now.getTime() <= clearBy.getTime()) return 0;
  return Math.max(
    0,
    periodIndex(unit, now, offsetMinutes) - periodIndex(unit, clearBy, offsetMinutes),
  );
}

/** YYYY-MM-DD of the local day of `at`. */
export function localDate(at: Date, offsetMinutes: number): string {
  return new Date(at.getTime() + offsetMinutes * MINUTE).toISOString().slice(0, 10);
}

/** The instant a local day (YYYY-MM-DD) starts. */
export function startOfLocalDate(day: string, offsetMinutes: number): Date {
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  return fromLocal(y, mo - 1, d, offsetMinutes);
}

/** ISO week number and its year of a local day. */
function isoWeek(p: LocalParts): { year: number; week: number } {
  // The Thursday of the same Monday-to-Sunday week decides the year.
  const thursday = new Date(Date.UTC(p.y, p.m, p.d + 3 - ((p.dow + 6) % 7)));
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return { year, week };
}

/** The Chinese label of a report period: 2026年第47周(11-16至11-22), 2026年11月, 2026年第4季度. */
export function periodLabel(unit: ReportUnit, period: Period, offsetMinutes: number): string {
  const p = local(period.start, offsetMinutes);
  if (unit === 'week') {
    const w = isoWeek(p);
    return m.weekLabel
      .replace('{year}', String(w.year))
      .replace('{week}', String(w.week))
      .replace('{from}', localDate(period.start, offsetMinutes).slice(5))
      .replace('{to}', localDate(new Date(period.end.getTime() - 1), offsetMinutes).slice(5));
  }
  if (unit === 'month')
    return m.monthLabel.replace('{year}', String(p.y)).replace('{month}', String(p.m + 1));
  return m.quarterLabel.replace('{year}', String(p.y)).replace('{q}', String(p.m / 3 + 1));
}

/** An item as a report reads it: its times, with the colour and clear-by in force at the cut. */
export interface ReportItemTimes {
  createdAt: Date;
  clearBy: Date;
  clearedAt: Date | null;
}

export interface ItemFlags {
  /** Open at some moment of [start, cut). */
  inPeriod: boolean;
  opening: boolean;
  isNew: boolean;
  cleared: boolean;
  clearedOnTime: boolean;
  overdue: boolean;
  carriedOver: boolean;
}

/**
 * Where an item stands in a report period, cut at `now` while the period runs:
 * brought forward (open at the start), new, cleared in it (on time: by its clear-by),
 * overdue (its clear-by fell before the cut and it was not cleared by then), and
 * carried over (still open at the cut).
 */
export function itemFlags(i: ReportItemTimes, period: Period, now: Date): ItemFlags {
  const start = period.start.getTime();
  const cut = Math.min(period.end.getTime(), now.getTime());
  const created = i.createdAt.getTime();
  const cleared = i.clearedAt ? i.clearedAt.getTime() : null;
  const clearBy = i.clearBy.getTime();
  const inPeriod = created < cut && (cleared === null || cleared >= start) && start < cut;
  const clearedIn = inPeriod && cleared !== null && cleared >= start && cleared < cut;
  return {
    inPeriod,
    opening: inPeriod && created < start,
    isNew: inPeriod && created >= start,
    cleared: clearedIn,
    clearedOnTime: clearedIn && cleared! <= clearBy,
    overdue: inPeriod && clearBy < cut && (cleared === null || cleared > clearBy),
    carriedOver: inPeriod && (cleared === null || cleared >= cut),
  };
}

export function figuresOf(items: ReadonlyArray<ReportItemTimes>, period: Period, now: Date) {
  const f: ColourFigures = {
    opening: 0,
    new: 0,
    cleared: 0,
    clearedOnTime: 0,
    overdue: 0,
    carriedOver: 0,
  };
  for (const i of items) {
    const x = itemFlags(i, period, now);
    if (!x.inPeriod) continue;
    f.opening += Number(x.opening);
    f.new += Number(x.isNew);
    f.cleared += Number(x.cleared);
    f.clearedOnTime += Number(x.clearedOnTime);
    f.overdue += Number(x.overdue);
    f.carriedOver += Number(x.carriedOver);
  }
  return f;
}

/** Raising goes yellow → orange → red; the order decides whether a change raises or lowers. */
export const COLOUR_RANK: Record<Colour, number> = { yellow: 0, orange: 1, red: 2 };
