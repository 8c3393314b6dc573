// Working calendar and deadline arithmetic for the time limits of RULES.md ("Time limits").
//
// The module is pure: a WorkingCalendar is built once from the holiday table (seeded by
// holidays.ts, then edited by administrators) and the local settings, and every call after that
// is arithmetic on a precomputed map. No clock is read here; callers pass the instants.
//
// Time model: every instant is shifted by a fixed UTC offset into "local milliseconds" and all
// arithmetic is done with UTC getters on that shifted value, so the result never depends on the
// server's TZ. A fixed offset is exact for China (UTC+8, no daylight saving time since 1991). A
// zone with DST is NOT supported by this model: near a DST transition local days would be
// 23 or 25 hours long and the results would be off by the DST shift.
//
// Resolution is one millisecond: fractional hours are rounded to the nearest millisecond once,
// when converted, so 0.5 h is exactly 1,800,000 ms.

// The same union as LimitUnit in @jiesu/contracts (the API's list of units); kept literal here so
// this module depends on nothing, and deadline.test.ts fails if the two ever differ.
export type LimitUnit = 'calendar_hours' | 'working_hours' | 'working_days';

/** `amount` is positive; hours may be fractional (0.5 h), working days must be whole. */
export interface TimeLimit {
  amount: number;
  unit: LimitUnit;
}

/**
 * An exception to the weekly pattern. `holiday` is a public holiday (a day off even on a
 * weekday); `workday` is a make-up working day (调休上班, a weekend day that is worked).
 */
export interface CalendarDay {
  /** Local date, YYYY-MM-DD. */
  date: string;
  kind: 'holiday' | 'workday';
  name?: string;
}

export interface WorkingPeriod {
  /** Local time 'HH:MM'; '24:00' is accepted as an end. */
  start: string;
  end: string;
}

export interface WorkingHours {
  periods: readonly WorkingPeriod[];
}

export interface CalendarSettings {
  /** Fixed offset of local time from UTC, 480 for China. */
  utcOffsetMinutes: number;
  workingHours: WorkingHours;
  /** Weekly days off, as `getUTCDay()` of the local date (0 = Sunday); China: [0, 6]. */
  weekend: readonly number[];
}

/** Why a day is or is not a working day. */
export type DayType = 'holiday' | 'makeup_workday' | 'weekend' | 'weekday';

export interface DayInfo {
  date: string;
  isWorkingDay: boolean;
  type: DayType;
  name?: string;
}

/** Common office hours of Chinese government bodies; each place configures its own. */
export const DEFAULT_WORKING_HOURS: WorkingHours = Object.freeze({
  periods: Object.freeze([
    Object.freeze({ start: '09:00', end: '12:00' }),
    Object.freeze({ start: '13:30', end: '17:30' }),
  ]),
});

export const CHINA_CALENDAR_SETTINGS: CalendarSettings = Object.freeze({
  utcOffsetMinutes: 480,
  workingHours: DEFAULT_WORKING_HOURS,
  weekend: Object.freeze([0, 6]),
});

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
// 1970-01-01, day index 0, was a Thursday.
const EPOCH_WEEKDAY = 4;
// UTC offsets in use in the world lie within ±14 h.
const MAX_OFFSET_MINUTES = 14 * 60;

interface Period {
  /** Milliseconds after local midnight. */
  startMs: number;
  endMs: number;
}

export class WorkingCalendar {
  private readonly days: ReadonlyMap<number, CalendarDay>;
  private readonly yearsWithHolidays: ReadonlySet<number>;
  private readonly periods: readonly Period[];
  private readonly lastPeriodEndMs: number;
  private readonly offsetMs: number;
  private readonly weekend: ReadonlySet<number>;

  constructor(days: readonly CalendarDay[], settings: CalendarSettings) {
    const offset = settings.utcOffsetMinutes;
    if (!Number.isInteger(offset) || Math.abs(offset) > MAX_OFFSET_MINUTES) {
      throw new RangeError(`utcOffsetMinutes must be an integer within ±840, got ${offset}`);
    }
    this.offsetMs = offset * MINUTE_MS;

    for (const d of settings.weekend) {
      if (!Number.isInteger(d) || d < 0 || d > 6) {
        throw new RangeError(`weekend days must be integers 0..6, got ${d}`);
      }
    }
    this.weekend = new Set(settings.weekend);
    // With at least one weekday worked, and finitely many holidays, every search for the next
    // working day terminates; a seven-day weekend would make addLimit loop forever.
    if (this.weekend.size >= 7) {
      throw new RangeError('weekend cannot cover all seven days of the week');
    }

    this.periods = parsePeriods(settings.workingHours.periods);
    this.lastPeriodEndMs = this.periods[this.periods.length - 1]!.endMs;

    const map = new Map<number, CalendarDay>();
    const years = new Set<number>();
    for (const day of days) {
      if (day.kind !== 'holiday' && day.kind !== 'workday') {
        throw new RangeError(`calendar day ${day.date}: unknown kind ${String(day.kind)}`);
      }
      const index = dayIndexOf(day.date);
      if (map.has(index)) {
        // The table has one row per date; two rows would make the day's meaning order-dependent.
        throw new RangeError(`calendar day ${day.date} appears more than once`);
      }
      // Copied so that later edits to the caller's array cannot change a built calendar.
      const copy: CalendarDay = { date: day.date, kind: day.kind };
      if (day.name !== undefined) copy.name = day.name;
      map.set(index, copy);
      if (day.kind === 'holiday') years.add(Number(day.date.slice(0, 4)));
    }
    this.days = map;
    this.yearsWithHolidays = years;
  }

  isWorkingDay(localDate: string): boolean {
    return this.isWorkingDayIndex(dayIndexOf(localDate));
  }

  dayInfo(localDate: string): DayInfo {
    const index = dayIndexOf(localDate);
    const entry = this.days.get(index);
    if (entry) {
      const info: DayInfo = {
        date: localDate,
        isWorkingDay: entry.kind === 'workday',
        type: entry.kind === 'workday' ? 'makeup_workday' : 'holiday',
      };
      if (entry.name !== undefined) info.name = entry.name;
      return info;
    }
    const weekend = this.weekend.has(weekdayOf(index));
    return { date: localDate, isWorkingDay: !weekend, type: weekend ? 'weekend' : 'weekday' };
  }

  /** The local date (YYYY-MM-DD) on which an instant falls. */
  localDateOf(instant: Date): string {
    return formatDayIndex(Math.floor((instantMs(instant) + this.offsetMs) / DAY_MS));
  }

  /** Whether an instant lies inside a working period of a working day (periods are [start, end)). */
  isWorkingTime(instant: Date): boolean {
    const local = instantMs(instant) + this.offsetMs;
    const day = Math.floor(local / DAY_MS);
    if (!this.isWorkingDayIndex(day)) return false;
    const time = local - day * DAY_MS;
    return this.periods.some((p) => time >= p.startMs && time < p.endMs);
  }

  /**
   * The deadline for a time limit that starts at `start`.
   *
   * - `calendar_hours`: exactly `amount` hours later.
   * - `working_hours`: only time inside working periods of working days counts; a start outside
   *   working time begins counting at the next period's start. The result is the instant the
   *   amount is used up, so a limit that ends exactly at a period's end returns that end, not the
   *   next period's start.
   * - `working_days`: the end of the last working period of the N-th working day after the
   *   start's local date. The start day itself never counts, whatever the time or kind of day:
   *   this follows the Civil Code's rule for periods counted in days (民法典 第二百零一条: "开始
   *   的当日不计入，自下一日开始计算") and the usual reading of "reply within 5 working days",
   *   so a request received at 16:00 does not lose a whole day to its last 90 minutes.
   *   Fractional working days are rejected with a RangeError: "1.5 working days" has no agreed
   *   meaning (half of which day's hours?), so a place that wants it must say it in working
   *   hours instead.
   */
  addLimit(start: Date, limit: TimeLimit): Date {
    const startMs = instantMs(start);
    const { amount, unit } = limit;
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) {
      throw new RangeError(`time limit amount must be a positive finite number, got ${amount}`);
    }
    switch (unit) {
      case 'calendar_hours':
        return new Date(startMs + hoursToMs(amount));
      case 'working_hours':
        return new Date(this.addWorkingMs(startMs, hoursToMs(amount)));
      case 'working_days':
        if (!Number.isInteger(amount)) {
          throw new RangeError(`working_days must be a whole number, got ${amount}`);
        }
        return new Date(this.addWorkingDays(startMs, amount));
      default:
        // Limits come from configuration rows, so an unknown unit is possible at run time.
        throw new RangeError(`unknown time limit unit ${String(unit satisfies never)}`);
    }
  }

  /**
   * Working milliseconds between two instants: the time inside working periods of working days.
   * Signed: negative when `b` is before `a`, so `workingMsBetween(now, deadline)` is the working
   * time left, or, once negative, how long the deadline has been overdue.
   */
  workingMsBetween(a: Date, b: Date): number {
    const aMs = instantMs(a);
    const bMs = instantMs(b);
    if (bMs < aMs) {
      const forward = this.forwardWorkingMs(bMs, aMs);
      return forward === 0 ? 0 : -forward;
    }
    return this.forwardWorkingMs(aMs, bMs);
  }

  /** Years in [fromYear, toYear] with no public holiday at all: their holidays are not entered. */
  missingYears(fromYear: number, toYear: number): number[] {
    if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear) {
      throw new RangeError(`invalid year range ${fromYear}..${toYear}`);
    }
    const missing: number[] = [];
    for (let year = fromYear; year <= toYear; year++) {
      if (!this.yearsWithHolidays.has(year)) missing.push(year);
    }
    return missing;
  }

  private isWorkingDayIndex(day: number): boolean {
    const entry = this.days.get(day);
    if (entry) return entry.kind === 'workday';
    return !this.weekend.has(weekdayOf(day));
  }

  private addWorkingMs(startMs: number, amountMs: number): number {
    let remaining = amountMs;
    let cursor = startMs + this.offsetMs;
    let day = Math.floor(cursor / DAY_MS);
    // One iteration per calendar day, a few periods each: 200 working hours is ~40 iterations.
    for (;;) {
      if (this.isWorkingDayIndex(day)) {
        const base = day * DAY_MS;
        for (const p of this.periods) {
          const from = Math.max(cursor, base + p.startMs);
          const to = base + p.endMs;
          if (from >= to) continue;
          // `<=` so that a limit used up exactly at a period's end stops there.
          if (remaining <= to - from) return from + remaining - this.offsetMs;
          remaining -= to - from;
        }
      }
      day += 1;
      cursor = day * DAY_MS;
    }
  }

  private addWorkingDays(startMs: number, days: number): number {
    let day = Math.floor((startMs + this.offsetMs) / DAY_MS);
    let counted = 0;
    while (counted < days) {
      day += 1;
      if (this.isWorkingDayIndex(day)) counted += 1;
    }
    return day * DAY_MS + this.lastPeriodEndMs - this.offsetMs;
  }

  private forwardWorkingMs(fromMs: number, toMs: number): number {
    const from = fromMs + this.offsetMs;
    const to = toMs + this.offsetMs;
    let total = 0;
    for (let day = Math.floor(from / DAY_MS); day * DAY_MS < to; day++) {
      if (!this.isWorkingDayIndex(day)) continue;
      const base = day * DAY_MS;
      for (const p of this.periods) {
        const overlap = Math.min(to, base + p.endMs) - Math.max(from, base + p.startMs);
        if (overlap > 0) total += overlap;
      }
    }
    return total;
  }
}

function hoursToMs(hours: number): number {
  return Math.round(hours * HOUR_MS);
}

function instantMs(instant: Date): number {
  const ms = instant instanceof Date ? instant.getTime() : NaN;
  if (Number.isNaN(ms)) throw new RangeError('expected a valid Date');
  return ms;
}

function weekdayOf(day: number): number {
  return (((day + EPOCH_WEEKDAY) % 7) + 7) % 7;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a local date; strict, so '2026-02-30' is rejected, not rolled over. */
function dayIndexOf(localDate: string): number {
  const m = DATE_RE.exec(localDate);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  const index = ms / DAY_MS;
  if (!Number.isInteger(index) || formatDayIndex(index) !== localDate) {
    throw new RangeError(`expected a date as YYYY-MM-DD, got ${JSON.stringify(localDate)}`);
  }
  return index;
}

function formatDayIndex(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

const TIME_RE = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

function parseTime(value: string): number {
  const m = TIME_RE.exec(value);
  if (!m) throw new RangeError(`expected a time as HH:MM, got ${JSON.stringify(value)}`);
  const hours = Number(m[1] ?? m[3]);
  const minutes = Number(m[2] ?? m[4]);
  return hours * HOUR_MS + minutes * MINUTE_MS;
}

function parsePeriods(periods: readonly WorkingPeriod[]): Period[] {
  const parsed = periods
    .map((p) => ({ startMs: parseTime(p.start), endMs: parseTime(p.end) }))
    .sort((x, y) => x.startMs - y.startMs);
  if (parsed.length === 0) {
    // Without working time no working_* limit could ever end.
    throw new RangeError('working hours need at least one period');
  }
  let previousEnd = 0;
  for (const p of parsed) {
    if (p.endMs <= p.startMs) throw new RangeError('a working period must end after it starts');
    if (p.startMs < previousEnd) throw new RangeError('working periods must not overlap');
    previousEnd = p.endMs;
  }
  return parsed;
}
