// Period arithmetic in the district's local time (+08:00): ISO weeks, months,
// quarters, the period before, and the UTC instants that bound each.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  currentKeys,
  isoWeekOf,
  isoWeeksIn,
  localDate,
  monthPeriod,
  monthsEndingWith,
  previousPeriod,
  quarterPeriod,
  weekPeriod,
} from './period.js';

const BJ = 480;
const DAY = 86_400_000;
const day = fc
  .integer({ min: Date.UTC(1990, 0, 1) / DAY, max: Date.UTC(2090, 0, 1) / DAY })
  .map((n) => new Date(n * DAY).toISOString().slice(0, 10));

describe('ISO weeks', () => {
  it('knows the hand-checked weeks', () => {
    expect(isoWeekOf('2026-11-16')).toBe('2026-W47');
    expect(isoWeekOf('2026-11-22')).toBe('2026-W47');
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53'); // Sunday before the first Thursday
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01'); // Monday of a week whose Thursday is in 2025
    expect(isoWeeksIn(2020)).toBe(53);
    expect(isoWeeksIn(2026)).toBe(53);
    expect(isoWeeksIn(2025)).toBe(52);
    const w = weekPeriod('2026-W47', BJ);
    expect(w).toMatchObject({ firstDay: '2026-11-16', lastDay: '2026-11-22', months: ['2026-11'] });
    expect(w.from.toISOString()).toBe('2026-11-15T16:00:00.000Z');
    expect(w.to.toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(w.label).toBe('2026年第47周(11月16日至11月22日)');
  });

  it('holds every day in the week isoWeekOf names, Monday to Sunday, local midnights', () => {
    fc.assert(
      fc.property(day, (d) => {
        const w = weekPeriod(isoWeekOf(d), BJ);
        expect(w.firstDay <= d && d <= w.lastDay).toBe(true);
        expect(new Date(`${w.firstDay}T00:00:00Z`).getUTCDay()).toBe(1);
        expect(w.to.getTime() - w.from.getTime()).toBe(7 * DAY);
        // Local midnight of the Monday: 16:00 UTC the day before.
        expect(localDate(w.from, BJ)).toBe(w.firstDay);
        expect(w.from.getUTCHours()).toBe(16);
      }),
    );
  });

  it('puts consecutive weeks end to end', () => {
    fc.assert(
      fc.property(day, (d) => {
        const w = weekPeriod(isoWeekOf(d), BJ);
        const prev = previousPeriod(w, BJ);
        expect(prev.to.getTime()).toBe(w.from.getTime());
        expect(prev.kind).toBe('weekly');
      }),
    );
  });

  it('refuses weeks that do not exist, in Chinese with a code', () => {
    expect(() => weekPeriod('2025-W53', BJ)).toThrow(/没有第 53 周/);
    expect(() => weekPeriod('2026-W00', BJ)).toThrow();
    expect(() => weekPeriod('2026-47', BJ)).toThrow(/YYYY-Www/);
    try {
      weekPeriod('x', BJ);
    } catch (e) {
      expect((e as { code: string; status: number }).code).toBe('PERIOD_INVALID');
      expect((e as { status: number }).status).toBe(400);
    }
  });
});

describe('months and quarters', () => {
  it('cover a quarter by its three months, end to end, in local time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2090 }), fc.integer({ min: 1, max: 4 }), (y, q) => {
        const p = quarterPeriod(`${y}-Q${q}`, BJ);
        expect(p.months).toHaveLength(3);
        const ms = p.months.map((m) => monthPeriod(m, BJ));
        expect(ms[0]!.from.getTime()).toBe(p.from.getTime());
        expect(ms[2]!.to.getTime()).toBe(p.to.getTime());
        expect(ms[0]!.to.getTime()).toBe(ms[1]!.from.getTime());
        expect(ms[1]!.to.getTime()).toBe(ms[2]!.from.getTime());
        expect(previousPeriod(p, BJ).to.getTime()).toBe(p.from.getTime());
        expect(localDate(p.from, BJ)).toBe(p.firstDay);
        expect(localDate(new Date(p.to.getTime() - 1), BJ)).toBe(p.lastDay);
      }),
    );
  });

  it('knows the hand-checked ranges', () => {
    const q = quarterPeriod('2026-Q4', BJ);
    expect(q).toMatchObject({
      firstDay: '2026-10-01',
      lastDay: '2026-12-31',
      label: '2026年第4季度',
    });
    expect(q.from.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(q.to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(monthPeriod('2024-02', BJ).lastDay).toBe('2024-02-29');
    expect(previousPeriod(monthPeriod('2026-01', BJ), BJ).key).toBe('2025-12');
    expect(previousPeriod(q, BJ).key).toBe('2026-Q3');
    expect(previousPeriod(quarterPeriod('2026-Q1', BJ), BJ).key).toBe('2025-Q4');
    expect(monthsEndingWith('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(() => monthPeriod('2026-13', BJ)).toThrow(/YYYY-MM/);
    expect(() => quarterPeriod('2026-Q5', BJ)).toThrow(/YYYY-Qn/);
  });

  it('proposes the current periods of the local day, not the UTC day', () => {
    // 2026-12-31 17:00 UTC is already 2027-01-01 in Beijing.
    expect(currentKeys(new Date('2026-12-31T17:00:00Z'), BJ)).toEqual({
      week: '2026-W53',
      month: '2027-01',
      quarter: '2027-Q1',
    });
  });
});
