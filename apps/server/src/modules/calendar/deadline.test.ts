import { describe, it, expect, expectTypeOf, afterEach } from 'vitest';
import fc from 'fast-check';
import { LIMIT_UNITS, type LimitUnit as ContractLimitUnit } from '@jiesu/contracts';
import {
  CHINA_CALENDAR_SETTINGS,
  DEFAULT_WORKING_HOURS,
  WorkingCalendar,
  type CalendarDay,
  type CalendarSettings,
  type LimitUnit,
  type TimeLimit,
} from './deadline.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 86_400_000;

/** A Beijing wall-clock time, 'YYYY-MM-DD HH:MM'. */
function bj(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+08:00`);
}

function range(from: string, to: string, kind: CalendarDay['kind'], name: string): CalendarDay[] {
  const out: CalendarDay[] = [];
  for (let t = Date.parse(`${from}T00:00Z`); t <= Date.parse(`${to}T00:00Z`); t += DAY) {
    out.push({ date: new Date(t).toISOString().slice(0, 10), kind, name });
  }
  return out;
}

// The State Council's 2026 arrangement (国办发明电〔2025〕7号), typed in by hand so that these
// tests do not depend on the seed data in holidays.ts.
const CHINA_2026: CalendarDay[] = [
  ...range('2026-01-01', '2026-01-03', 'holiday', '元旦'),
  { date: '2026-01-04', kind: 'workday', name: '元旦' },
  { date: '2026-02-14', kind: 'workday', name: '春节' },
  ...range('2026-02-15', '2026-02-23', 'holiday', '春节'),
  { date: '2026-02-28', kind: 'workday', name: '春节' },
  ...range('2026-04-04', '2026-04-06', 'holiday', '清明'),
  ...range('2026-05-01', '2026-05-05', 'holiday', '劳动节'),
  { date: '2026-05-09', kind: 'workday', name: '劳动节' },
  ...range('2026-06-19', '2026-06-21', 'holiday', '端午'),
  { date: '2026-09-20', kind: 'workday', name: '国庆节' },
  ...range('2026-09-25', '2026-09-27', 'holiday', '中秋'),
  ...range('2026-10-01', '2026-10-07', 'holiday', '国庆节'),
  { date: '2026-10-10', kind: 'workday', name: '国庆节' },
];

const cal = new WorkingCalendar(CHINA_2026, CHINA_CALENDAR_SETTINGS);

const wh = (amount: number): TimeLimit => ({ amount, unit: 'working_hours' });
const wd = (amount: number): TimeLimit => ({ amount, unit: 'working_days' });
const ch = (amount: number): TimeLimit => ({ amount, unit: 'calendar_hours' });

describe('WorkingCalendar days', () => {
  it('knows holidays, make-up working days, weekends and weekdays', () => {
    expect(cal.isWorkingDay('2026-10-01')).toBe(false); // Thursday, National Day
    expect(cal.isWorkingDay('2026-10-10')).toBe(true); // Saturday, make-up day
    expect(cal.isWorkingDay('2026-09-20')).toBe(true); // Sunday, make-up day
    expect(cal.isWorkingDay('2026-10-11')).toBe(false); // plain Sunday
    expect(cal.isWorkingDay('2026-10-12')).toBe(true); // plain Monday
    expect(cal.isWorkingDay('2026-02-23')).toBe(false); // Monday, Spring Festival
  });

  it('explains a day', () => {
    expect(cal.dayInfo('2026-10-10')).toEqual({
      date: '2026-10-10',
      isWorkingDay: true,
      type: 'makeup_workday',
      name: '国庆节',
    });
    expect(cal.dayInfo('2026-10-05')).toEqual({
      date: '2026-10-05',
      isWorkingDay: false,
      type: 'holiday',
      name: '国庆节',
    });
    expect(cal.dayInfo('2026-10-11')).toEqual({
      date: '2026-10-11',
      isWorkingDay: false,
      type: 'weekend',
    });
    expect(cal.dayInfo('2026-10-12')).toEqual({
      date: '2026-10-12',
      isWorkingDay: true,
      type: 'weekday',
    });
  });

  it('rejects malformed and impossible dates', () => {
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2026-2-3')).toThrow(RangeError);
    expect(() => cal.dayInfo('20261001')).toThrow(RangeError);
  });

  it('places an instant on its local (Beijing) date, not its UTC date', () => {
    expect(cal.localDateOf(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
    expect(cal.localDateOf(new Date('2026-09-30T15:59:59.999Z'))).toBe('2026-09-30');
  });

  it('treats working periods as half-open [start, end)', () => {
    expect(cal.isWorkingTime(bj('2026-03-10 09:00'))).toBe(true);
    expect(cal.isWorkingTime(new Date(bj('2026-03-10 12:00').getTime() - 1))).toBe(true);
    expect(cal.isWorkingTime(bj('2026-03-10 12:00'))).toBe(false);
    expect(cal.isWorkingTime(bj('2026-03-10 13:29'))).toBe(false);
    expect(cal.isWorkingTime(bj('2026-03-10 17:30'))).toBe(false);
    expect(cal.isWorkingTime(bj('2026-10-10 10:00'))).toBe(true); // make-up Saturday
    expect(cal.isWorkingTime(bj('2026-10-02 10:00'))).toBe(false); // holiday Friday
  });

  it('reports years with no holiday entered, counting only holidays', () => {
    const c = new WorkingCalendar(
      [
        { date: '2025-10-01', kind: 'holiday' },
        { date: '2026-10-01', kind: 'holiday' },
        // A make-up day alone does not mean the year's holidays were entered.
        { date: '2027-01-04', kind: 'workday' },
      ],
      CHINA_CALENDAR_SETTINGS,
    );
    expect(c.missingYears(2025, 2028)).toEqual([2027, 2028]);
    expect(c.missingYears(2026, 2026)).toEqual([]);
    expect(cal.missingYears(2026, 2027)).toEqual([2027]);
    expect(() => c.missingYears(2027, 2026)).toThrow(RangeError);
    expect(() => c.missingYears(2026.5, 2027)).toThrow(RangeError);
  });
});

describe('addLimit across National Day 2026 (10-01…10-07 off, 09-20 and 10-10 worked)', () => {
  const dispatched = bj('2026-09-30 16:00'); // Wednesday before the holiday

  it('5 working days land on Tuesday 10-13 17:30, counting Saturday 10-10', () => {
    // Day 1 = Thu 10-08, 2 = Fri 10-09, 3 = Sat 10-10 (make-up), 4 = Mon 10-12, 5 = Tue 10-13.
    // Ignoring the make-up day gives 10-14; counting the start day gives 10-12.
    expect(cal.addLimit(dispatched, wd(5))).toEqual(bj('2026-10-13 17:30'));
  });

  it('8 working hours land on Thursday 10-08 17:00', () => {
    // 1.5 h on 09-30 (16:00–17:30), then 3 h + 3.5 h on 10-08.
    expect(cal.addLimit(dispatched, wh(8))).toEqual(bj('2026-10-08 17:00'));
  });

  it('16 working hours reach into the make-up Saturday 10-10', () => {
    // 1.5 h + 7 h (10-08) + 7 h (10-09) = 15.5 h, the last 0.5 h on 10-10.
    expect(cal.addLimit(dispatched, wh(16))).toEqual(bj('2026-10-10 09:30'));
  });

  it('counts the make-up Sunday 09-20 and skips Saturday 09-19', () => {
    const friday = bj('2026-09-18 16:00');
    expect(cal.addLimit(friday, wh(2))).toEqual(bj('2026-09-20 09:30'));
    expect(cal.addLimit(friday, wd(1))).toEqual(bj('2026-09-20 17:30'));
  });

  it('skips the Mid-autumn Friday 09-25', () => {
    expect(cal.addLimit(bj('2026-09-24 17:00'), wd(1))).toEqual(bj('2026-09-28 17:30'));
    expect(cal.addLimit(bj('2026-09-24 17:00'), wh(1))).toEqual(bj('2026-09-28 09:30'));
  });

  it('counts a ticket received on the holiday from the first day after it', () => {
    const onHoliday = bj('2026-10-03 10:00');
    expect(cal.addLimit(onHoliday, wh(1))).toEqual(bj('2026-10-08 10:00'));
    expect(cal.addLimit(onHoliday, wd(1))).toEqual(bj('2026-10-08 17:30'));
    expect(cal.addLimit(onHoliday, wd(3))).toEqual(bj('2026-10-10 17:30'));
  });

  it('measures the working time of the 5-working-day window', () => {
    // 1.5 h on 09-30 and five full 7-hour days.
    expect(cal.workingMsBetween(dispatched, bj('2026-10-13 17:30'))).toBe(36.5 * HOUR);
    expect(cal.workingMsBetween(bj('2026-10-01 00:00'), bj('2026-10-08 00:00'))).toBe(0);
  });

  it('calendar hours ignore the holiday', () => {
    expect(cal.addLimit(dispatched, ch(24))).toEqual(bj('2026-10-01 16:00'));
    expect(cal.addLimit(dispatched, ch(2))).toEqual(bj('2026-09-30 18:00'));
  });
});

describe('addLimit across Spring Festival 2026 (02-15…02-23 off, 02-14 and 02-28 worked)', () => {
  const friday = bj('2026-02-13 10:00');

  it('the next working day is the make-up Saturday 02-14', () => {
    expect(cal.addLimit(friday, wd(1))).toEqual(bj('2026-02-14 17:30'));
  });

  it('working days jump the nine-day holiday and count Saturday 02-28', () => {
    expect(cal.addLimit(friday, wd(3))).toEqual(bj('2026-02-25 17:30'));
    // 02-14, 02-24, 25, 26, 27, 28 (make-up Saturday), then Monday 03-02.
    expect(cal.addLimit(friday, wd(7))).toEqual(bj('2026-03-02 17:30'));
  });

  it('working hours run into the make-up Saturday and resume after the holiday', () => {
    // 1.5 h on Friday, 3 h + 3.5 h on Saturday 02-14.
    expect(cal.addLimit(bj('2026-02-13 16:00'), wh(8))).toEqual(bj('2026-02-14 17:00'));
    expect(cal.addLimit(bj('2026-02-14 17:30'), wh(1))).toEqual(bj('2026-02-24 10:00'));
  });
});

describe('addLimit on ordinary weeks', () => {
  it('skips a plain weekend', () => {
    const fridayLate = bj('2026-03-13 17:00');
    expect(cal.addLimit(fridayLate, wh(1))).toEqual(bj('2026-03-16 09:30'));
    expect(cal.addLimit(fridayLate, wd(1))).toEqual(bj('2026-03-16 17:30'));
    expect(cal.addLimit(bj('2026-03-14 10:00'), wd(1))).toEqual(bj('2026-03-16 17:30'));
    expect(cal.addLimit(bj('2026-03-15 10:00'), wd(1))).toEqual(bj('2026-03-16 17:30'));
    expect(cal.addLimit(bj('2026-03-13 10:00'), wd(5))).toEqual(bj('2026-03-20 17:30'));
  });

  it('starts counting at the next period when started outside working time', () => {
    expect(cal.addLimit(bj('2026-03-10 07:00'), wh(1))).toEqual(bj('2026-03-10 10:00'));
    expect(cal.addLimit(bj('2026-03-10 12:30'), wh(1))).toEqual(bj('2026-03-10 14:30'));
    expect(cal.addLimit(bj('2026-03-10 20:00'), wh(1))).toEqual(bj('2026-03-11 10:00'));
    expect(cal.addLimit(bj('2026-03-14 03:00'), wh(0.5))).toEqual(bj('2026-03-16 09:30'));
  });

  it('returns the end of a period when the limit is used up exactly there', () => {
    expect(cal.addLimit(bj('2026-03-10 09:00'), wh(3))).toEqual(bj('2026-03-10 12:00'));
    expect(cal.addLimit(bj('2026-03-10 13:30'), wh(4))).toEqual(bj('2026-03-10 17:30'));
    expect(cal.addLimit(bj('2026-03-10 09:00'), wh(7))).toEqual(bj('2026-03-10 17:30'));
    expect(cal.addLimit(bj('2026-03-10 11:59'), wh(1 / 60))).toEqual(bj('2026-03-10 12:00'));
  });

  it('starting exactly at a period end consumes nothing until the next period', () => {
    expect(cal.addLimit(bj('2026-03-10 12:00'), wh(0.5))).toEqual(bj('2026-03-10 14:00'));
    expect(cal.addLimit(bj('2026-03-10 17:30'), wh(7))).toEqual(bj('2026-03-11 17:30'));
    expect(cal.workingMsBetween(bj('2026-03-10 12:00'), bj('2026-03-10 13:30'))).toBe(0);
  });

  it('handles fractional hours to the millisecond', () => {
    expect(cal.addLimit(bj('2026-03-10 09:00'), wh(0.5))).toEqual(bj('2026-03-10 09:30'));
    expect(cal.addLimit(bj('2026-03-10 09:00'), ch(0.25))).toEqual(bj('2026-03-10 09:15'));
    const t = cal.addLimit(bj('2026-03-10 09:00'), wh(0.1));
    expect(t.getTime() - bj('2026-03-10 09:00').getTime()).toBe(360_000);
  });

  it('returns the same instant whatever the process time zone', () => {
    const saved = process.env['TZ'];
    try {
      process.env['TZ'] = 'America/New_York';
      expect(cal.addLimit(bj('2026-09-30 16:00'), wd(5))).toEqual(bj('2026-10-13 17:30'));
      expect(cal.localDateOf(bj('2026-10-01 00:30'))).toBe('2026-10-01');
    } finally {
      if (saved === undefined) delete process.env['TZ'];
      else process.env['TZ'] = saved;
    }
  });
});

describe('agreement with @jiesu/contracts', () => {
  it('handles every unit the API accepts, and names the same units', () => {
    expectTypeOf<ContractLimitUnit>().toEqualTypeOf<LimitUnit>();
    for (const unit of LIMIT_UNITS) {
      const end = cal.addLimit(bj('2026-03-10 10:00'), { amount: 2, unit });
      expect(end.getTime()).toBeGreaterThan(bj('2026-03-10 10:00').getTime());
    }
  });
});

describe('addLimit input checks', () => {
  const start = bj('2026-03-10 10:00');

  it('rejects fractional working days instead of guessing their meaning', () => {
    expect(() => cal.addLimit(start, wd(1.5))).toThrow(RangeError);
    expect(() => cal.addLimit(start, wd(0.5))).toThrow(RangeError);
  });

  it('rejects non-positive and non-finite amounts', () => {
    for (const amount of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => cal.addLimit(start, wh(amount))).toThrow(RangeError);
      expect(() => cal.addLimit(start, ch(amount))).toThrow(RangeError);
      expect(() => cal.addLimit(start, wd(amount))).toThrow(RangeError);
    }
  });

  it('rejects an unknown unit and an invalid start', () => {
    const bogus = { amount: 1, unit: 'fortnights' } as unknown as TimeLimit;
    expect(() => cal.addLimit(start, bogus)).toThrow(RangeError);
    expect(() => cal.addLimit(new Date(Number.NaN), wh(1))).toThrow(RangeError);
    expect(() => cal.workingMsBetween(start, new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('WorkingCalendar construction', () => {
  const withPeriods = (periods: CalendarSettings['workingHours']['periods']): CalendarSettings => ({
    ...CHINA_CALENDAR_SETTINGS,
    workingHours: { periods },
  });

  it('rejects working hours that would make deadlines undefined', () => {
    expect(() => new WorkingCalendar([], withPeriods([]))).toThrow(RangeError);
    expect(
      () =>
        new WorkingCalendar(
          [],
          withPeriods([
            { start: '09:00', end: '12:00' },
            { start: '11:00', end: '14:00' },
          ]),
        ),
    ).toThrow(RangeError);
    expect(() => new WorkingCalendar([], withPeriods([{ start: '12:00', end: '09:00' }]))).toThrow(
      RangeError,
    );
    expect(() => new WorkingCalendar([], withPeriods([{ start: '9:00', end: '12:00' }]))).toThrow(
      RangeError,
    );
  });

  it('rejects a seven-day weekend, a bad offset, duplicate and invalid dates', () => {
    const s = CHINA_CALENDAR_SETTINGS;
    expect(() => new WorkingCalendar([], { ...s, weekend: [0, 1, 2, 3, 4, 5, 6] })).toThrow(
      RangeError,
    );
    expect(() => new WorkingCalendar([], { ...s, weekend: [7] })).toThrow(RangeError);
    expect(() => new WorkingCalendar([], { ...s, utcOffsetMinutes: 480.5 })).toThrow(RangeError);
    expect(() => new WorkingCalendar([], { ...s, utcOffsetMinutes: 15 * 60 })).toThrow(RangeError);
    const dup: CalendarDay[] = [
      { date: '2026-10-01', kind: 'holiday' },
      { date: '2026-10-01', kind: 'workday' },
    ];
    expect(() => new WorkingCalendar(dup, s)).toThrow(RangeError);
    expect(() => new WorkingCalendar([{ date: '2026-13-01', kind: 'holiday' }], s)).toThrow(
      RangeError,
    );
  });

  it('accepts periods in any order and copies its input', () => {
    const days: CalendarDay[] = [{ date: '2026-03-10', kind: 'holiday' }];
    const c = new WorkingCalendar(days, withPeriods([...DEFAULT_WORKING_HOURS.periods].reverse()));
    days[0]!.kind = 'workday';
    days.push({ date: '2026-03-11', kind: 'holiday' });
    expect(c.isWorkingDay('2026-03-10')).toBe(false);
    expect(c.isWorkingDay('2026-03-11')).toBe(true);
    expect(c.addLimit(bj('2026-03-11 09:00'), wh(3))).toEqual(bj('2026-03-11 12:00'));
  });

  it('honours another offset, weekend and working hours', () => {
    // UTC, Friday–Saturday weekend, one period 08:00–16:00.
    const c = new WorkingCalendar([], {
      utcOffsetMinutes: 0,
      weekend: [5, 6],
      workingHours: { periods: [{ start: '08:00', end: '16:00' }] },
    });
    // Thursday 15:00 UTC + 2 h: one hour on Thursday, one on Sunday.
    expect(c.addLimit(new Date('2026-03-12T15:00:00Z'), wh(2))).toEqual(
      new Date('2026-03-15T09:00:00Z'),
    );
    expect(c.addLimit(new Date('2026-03-12T15:00:00Z'), wd(1))).toEqual(
      new Date('2026-03-15T16:00:00Z'),
    );
  });

  it('does not step minute by minute (10,000 weeks of working hours)', () => {
    const c = new WorkingCalendar([], CHINA_CALENDAR_SETTINGS);
    const monday = bj('2026-03-02 09:00');
    const t0 = performance.now();
    // 35 working hours a week, so 350,000 h ends on the 10,000th Friday at 17:30.
    const end = c.addLimit(monday, wh(350_000));
    const elapsed = performance.now() - t0;
    expect(end.getTime()).toBe(monday.getTime() + (9_999 * 7 + 4) * DAY + 8.5 * HOUR);
    // About 70,000 day steps take a few ms; a per-minute loop needs ~100 million steps.
    expect(elapsed).toBeLessThan(500);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const MIN_MS = Date.parse('2025-12-01T00:00:00Z');
const MAX_MS = Date.parse('2027-01-31T00:00:00Z');

/** Any instant, or one within a millisecond of a period boundary, where bugs live. */
const instantArb = fc.oneof(
  fc.integer({ min: MIN_MS, max: MAX_MS }).map((ms) => new Date(ms)),
  fc
    .tuple(
      fc.integer({ min: MIN_MS / DAY, max: MAX_MS / DAY - 1 }),
      fc.constantFrom(9 * 60, 12 * 60, 13 * 60 + 30, 17 * 60 + 30, 0),
      fc.constantFrom(-1, 0, 1),
    )
    .map(([day, minute, jitter]) => new Date(day * DAY + (minute - 480) * MINUTE + jitter)),
);
const hoursArb = fc.oneof(
  fc.integer({ min: 1, max: 200 * 60 }).map((m) => m / 60),
  fc.double({ min: 0.001, max: 300, noNaN: true }),
);
const daysArb = fc.integer({ min: 1, max: 30 });

describe('properties (China 2026 calendar)', () => {
  it('calendar_hours is exact', () => {
    fc.assert(
      fc.property(instantArb, hoursArb, (start, h) => {
        const end = cal.addLimit(start, ch(h));
        return end.getTime() - start.getTime() === Math.round(h * HOUR);
      }),
    );
  });

  it('working_hours uses up exactly the amount, and no earlier instant does', () => {
    fc.assert(
      fc.property(instantArb, hoursArb, (start, h) => {
        const end = cal.addLimit(start, wh(h));
        const ms = Math.round(h * HOUR);
        expect(cal.workingMsBetween(start, end)).toBe(ms);
        expect(cal.workingMsBetween(start, new Date(end.getTime() - 1))).toBe(ms - 1);
      }),
    );
  });

  it('a working_hours deadline ends inside working time on a working day', () => {
    fc.assert(
      fc.property(instantArb, hoursArb, (start, h) => {
        const end = cal.addLimit(start, wh(h));
        expect(end.getTime()).toBeGreaterThan(start.getTime());
        // The last millisecond consumed is working time, so the deadline is never in a gap.
        expect(cal.isWorkingTime(new Date(end.getTime() - 1))).toBe(true);
        expect(cal.isWorkingDay(cal.localDateOf(end))).toBe(true);
      }),
    );
  });

  it('addLimit is monotonic in the amount', () => {
    fc.assert(
      fc.property(instantArb, hoursArb, hoursArb, (start, x, y) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        const ea = cal.addLimit(start, wh(a)).getTime();
        const eb = cal.addLimit(start, wh(b)).getTime();
        expect(ea).toBeLessThanOrEqual(eb);
        if (Math.round(a * HOUR) < Math.round(b * HOUR)) expect(ea).toBeLessThan(eb);
      }),
    );
    fc.assert(
      fc.property(instantArb, daysArb, daysArb, (start, x, y) => {
        fc.pre(x !== y);
        const [a, b] = x < y ? [x, y] : [y, x];
        expect(cal.addLimit(start, wd(a)).getTime()).toBeLessThan(
          cal.addLimit(start, wd(b)).getTime(),
        );
      }),
    );
  });

  it('working_days ends at 17:30 of the N-th working day after the start date', () => {
    fc.assert(
      fc.property(instantArb, daysArb, (start, n) => {
        const end = cal.addLimit(start, wd(n));
        const endDate = cal.localDateOf(end);
        expect(end).toEqual(bj(`${endDate} 17:30`));
        expect(cal.isWorkingDay(endDate)).toBe(true);
        // Count working days after the start date up to the end date, one date at a time.
        let counted = 0;
        let t = Date.parse(`${cal.localDateOf(start)}T00:00Z`) + DAY;
        for (; new Date(t).toISOString().slice(0, 10) <= endDate; t += DAY) {
          if (cal.isWorkingDay(new Date(t).toISOString().slice(0, 10))) counted++;
        }
        expect(counted).toBe(n);
      }),
    );
  });

  it('workingMsBetween is antisymmetric, additive and bounded by elapsed time', () => {
    fc.assert(
      fc.property(instantArb, instantArb, instantArb, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p.getTime() - q.getTime()) as [Date, Date, Date];
        const ab = cal.workingMsBetween(a, b);
        expect(cal.workingMsBetween(b, a)).toBe(ab === 0 ? 0 : -ab);
        expect(cal.workingMsBetween(a, c)).toBe(ab + cal.workingMsBetween(b, c));
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(b.getTime() - a.getTime());
      }),
    );
  });
});

// An independent, deliberately naive model: minute by minute, from plain date strings.
interface Model {
  holidays: Set<string>;
  workdays: Set<string>;
  weekend: number[];
  periods: Array<[number, number]>; // minutes after local midnight
  offset: number; // minutes
}

function naiveIsWorkingMinute(m: Model, t: number): boolean {
  const local = t + m.offset * MINUTE;
  const day = Math.floor(local / DAY);
  const minute = (local - day * DAY) / MINUTE;
  if (!m.periods.some(([s, e]) => minute >= s && minute < e)) return false;
  const date = new Date(day * DAY).toISOString().slice(0, 10);
  if (m.workdays.has(date)) return true;
  if (m.holidays.has(date)) return false;
  return !m.weekend.includes(new Date(day * DAY).getUTCDay());
}

function naiveAddWorkingMinutes(m: Model, start: number, minutes: number): number {
  let t = start;
  let left = minutes;
  while (left > 0) {
    if (naiveIsWorkingMinute(m, t)) left--;
    t += MINUTE;
  }
  return t;
}

const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const BASE_DAY = Date.parse('2026-09-01T00:00:00Z') / DAY;

const modelArb: fc.Arbitrary<Model> = fc
  .record({
    boundaries: fc.uniqueArray(fc.integer({ min: 0, max: 24 * 4 }), { minLength: 2, maxLength: 6 }),
    // At most five weekend days keeps the naive model's minute loop short.
    weekend: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 5 }),
    special: fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.boolean()), { maxLength: 25 }),
    offset: fc.integer({ min: -12 * 4, max: 14 * 4 }).map((q) => q * 15),
  })
  .map(({ boundaries, weekend, special, offset }) => {
    // Quarter-hour boundaries, paired up in order into non-overlapping periods.
    const sorted = boundaries.sort((a, b) => a - b).map((q) => q * 15);
    const periods: Array<[number, number]> = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) periods.push([sorted[i]!, sorted[i + 1]!]);
    const holidays = new Set<string>();
    const workdays = new Set<string>();
    for (const [d, isHoliday] of special) {
      const date = new Date((BASE_DAY + d) * DAY).toISOString().slice(0, 10);
      if (holidays.has(date) || workdays.has(date)) continue;
      (isHoliday ? holidays : workdays).add(date);
    }
    return { holidays, workdays, weekend, periods, offset };
  });

function calendarOf(m: Model): WorkingCalendar {
  return new WorkingCalendar(
    [
      ...[...m.holidays].map((date): CalendarDay => ({ date, kind: 'holiday' })),
      ...[...m.workdays].map((date): CalendarDay => ({ date, kind: 'workday' })),
    ],
    {
      utcOffsetMinutes: m.offset,
      weekend: m.weekend,
      workingHours: { periods: m.periods.map(([s, e]) => ({ start: hhmm(s), end: hhmm(e) })) },
    },
  );
}

describe('properties (random calendars against a naive minute-by-minute model)', () => {
  const startArb = fc
    .integer({ min: (BASE_DAY - 2) * 24 * 60, max: (BASE_DAY + 40) * 24 * 60 })
    .map((minute) => minute * MINUTE);

  it('working_hours matches the model', () => {
    fc.assert(
      fc.property(modelArb, startArb, fc.integer({ min: 1, max: 12 * 60 }), (m, start, minutes) => {
        const c = calendarOf(m);
        const end = c.addLimit(new Date(start), wh(minutes / 60)).getTime();
        expect(end).toBe(naiveAddWorkingMinutes(m, start, minutes));
        expect(c.workingMsBetween(new Date(start), new Date(end))).toBe(minutes * MINUTE);
      }),
      { numRuns: 100 },
    );
  }, 30_000);

  it('isWorkingTime matches the model', () => {
    fc.assert(
      fc.property(modelArb, startArb, (m, t) => {
        expect(calendarOf(m).isWorkingTime(new Date(t))).toBe(naiveIsWorkingMinute(m, t));
      }),
    );
  });
});

afterEach(() => {
  // The time-zone test changes process.env.TZ; make sure no other test runs under it.
  expect(process.env['TZ']).not.toBe('America/New_York');
});
