// The cadence arithmetic: hand-computed cases around day, week, month, quarter and
// year boundaries in China time (+08:00), and properties over any instant and offset.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_COLOUR_CADENCES as D, type ColourCadences } from '@jiesu/contracts';
import {
  carriedPeriods,
  clearByOf,
  figuresOf,
  localDate,
  periodIndex,
  periodLabel,
  periodOf,
  startOfLocalDate,
  type PeriodUnit,
} from './cadence.js';

const CN = 480;
const at = (s: string) => new Date(s);
const iso = (d: Date) => d.toISOString();
const DAY = 86_400_000;

describe('clear-by in China time (hand-computed)', () => {
  it.each([
    // yellow: end of the local day
    ['yellow', '2026-11-22T15:59:59.000Z', '2026-11-22T15:59:59.999Z'], // Sun 23:59:59 local
    ['yellow', '2026-11-22T16:00:00.000Z', '2026-11-23T15:59:59.999Z'], // Mon 00:00 local
    ['yellow', '2026-11-23T01:00:00.000Z', '2026-11-23T15:59:59.999Z'], // Mon 09:00
    // orange: end of the local Monday–Sunday week
    ['orange', '2026-11-22T10:00:00.000Z', '2026-11-22T15:59:59.999Z'], // Sun 18:00 local
    ['orange', '2026-11-22T20:00:00.000Z', '2026-11-29T15:59:59.999Z'], // Mon 04:00 local, UTC still Sunday
    ['orange', '2026-12-31T02:00:00.000Z', '2027-01-03T15:59:59.999Z'], // Thu, week across the year
    // red: end of the local month
    ['red', '2026-11-30T17:00:00.000Z', '2026-12-31T15:59:59.999Z'], // Dec 1 01:00 local
    ['red', '2026-12-31T15:59:59.000Z', '2026-12-31T15:59:59.999Z'], // Dec 31 23:59:59 local
    ['red', '2028-02-10T04:00:00.000Z', '2028-02-29T15:59:59.999Z'], // leap February
    ['red', '2027-02-28T16:30:00.000Z', '2027-03-31T15:59:59.999Z'], // Mar 1 00:30 local
  ] as const)('%s at %s → %s', (colour, created, expected) => {
    expect(iso(clearByOf(colour, at(created), D, CN))).toBe(expected);
  });

  it('follows a changed cadence (orange cleared by the month)', () => {
    const c: ColourCadences = { ...D, orange: { clear: 'month', report: 'quarter' } };
    expect(iso(clearByOf('orange', at('2026-11-02T01:00:00Z'), c, CN))).toBe(
      '2026-11-30T15:59:59.999Z',
    );
  });
});

describe('report periods (hand-computed)', () => {
  it('weeks, months and quarters in +08:00, with labels', () => {
    const w = periodOf('week', at('2026-11-18T04:00:00Z'), CN);
    expect([iso(w.start), iso(w.end)]).toEqual([
      '2026-11-15T16:00:00.000Z',
      '2026-11-22T16:00:00.000Z',
    ]);
    expect(periodLabel('week', w, CN)).toBe('2026年第47周(11-16至11-22)');
    const yearEnd = periodOf('week', at('2026-12-31T02:00:00Z'), CN);
    expect(periodLabel('week', yearEnd, CN)).toBe('2026年第53周(12-28至01-03)');
    expect(periodLabel('week', periodOf('week', at('2027-01-04T02:00:00Z'), CN), CN)).toBe(
      '2027年第1周(01-04至01-10)',
    );
    const mo = periodOf('month', at('2026-11-30T17:00:00Z'), CN);
    expect([iso(mo.start), iso(mo.end)]).toEqual([
      '2026-11-30T16:00:00.000Z',
      '2026-12-31T16:00:00.000Z',
    ]);
    expect(periodLabel('month', mo, CN)).toBe('2026年12月');
    const q = periodOf('quarter', at('2026-12-31T16:00:00Z'), CN);
    expect([iso(q.start), iso(q.end)]).toEqual([
      '2026-12-31T16:00:00.000Z',
      '2027-03-31T16:00:00.000Z',
    ]);
    expect(periodLabel('quarter', q, CN)).toBe('2027年第1季度');
    expect(periodLabel('quarter', periodOf('quarter', at('2026-11-02T01:00:00Z'), CN), CN)).toBe(
      '2026年第4季度',
    );
  });

  it('local dates round-trip', () => {
    expect(localDate(at('2026-11-22T16:00:00Z'), CN)).toBe('2026-11-23');
    expect(iso(startOfLocalDate('2026-11-23', CN))).toBe('2026-11-22T16:00:00.000Z');
  });

  it('counts carried periods of an overdue item', () => {
    const clearBy = at('2026-11-02T15:59:59.999Z'); // Mon 2 Nov, end of day
    expect(carriedPeriods('day', clearBy, at('2026-11-02T10:00:00Z'), CN)).toBe(0);
    expect(carriedPeriods('day', clearBy, at('2026-11-02T16:00:00Z'), CN)).toBe(1);
    expect(carriedPeriods('day', clearBy, at('2026-11-05T03:00:00Z'), CN)).toBe(3);
    const weekEnd = at('2026-11-08T15:59:59.999Z'); // Sun 8 Nov
    expect(carriedPeriods('week', weekEnd, at('2026-11-16T01:00:00Z'), CN)).toBe(2);
    const monthEnd = at('2026-11-30T15:59:59.999Z');
    expect(carriedPeriods('month', monthEnd, at('2027-01-02T01:00:00Z'), CN)).toBe(2);
  });
});

describe('a period report (hand-computed)', () => {
  // Week of Mon 16 Nov to Sun 22 Nov 2026, read on Wed 25 Nov.
  const week = periodOf('week', at('2026-11-18T04:00:00Z'), CN);
  const now = at('2026-11-25T04:00:00Z');
  const item = (created: string, clearBy: string, cleared: string | null) => ({
    createdAt: at(created),
    clearBy: at(clearBy),
    clearedAt: cleared ? at(cleared) : null,
  });
  const items = [
    // brought forward from Fri 13, cleared late on Mon 16
    item('2026-11-13T02:00:00Z', '2026-11-13T15:59:59.999Z', '2026-11-16T02:00:00Z'),
    // new Tue 17, cleared the same day
    item('2026-11-17T02:00:00Z', '2026-11-17T15:59:59.999Z', '2026-11-17T08:00:00Z'),
    // new Thu 19, still open: overdue and carried over
    item('2026-11-19T02:00:00Z', '2026-11-19T15:59:59.999Z', null),
    // new Sat 21, cleared the next week: carried over, overdue (not cleared by its day)
    item('2026-11-21T02:00:00Z', '2026-11-21T15:59:59.999Z', '2026-11-23T02:00:00Z'),
    // cleared before the week: not in it
    item('2026-11-10T02:00:00Z', '2026-11-10T15:59:59.999Z', '2026-11-10T09:00:00Z'),
    // created after the week: not in it
    item('2026-11-23T02:00:00Z', '2026-11-23T15:59:59.999Z', null),
  ];
  it('counts new, cleared, on time, overdue and carried over', () => {
    expect(figuresOf(items, week, now)).toEqual({
      opening: 1,
      new: 3,
      cleared: 2,
      clearedOnTime: 1,
      overdue: 3,
      carriedOver: 2,
    });
  });
  it('cuts a running period at now', () => {
    const midweek = at('2026-11-18T04:00:00Z');
    expect(figuresOf(items, week, midweek)).toEqual({
      opening: 1,
      new: 1,
      cleared: 2,
      clearedOnTime: 1,
      overdue: 1,
      carriedOver: 0,
    });
  });
});

// ── properties ────────────────────────────────────────────────────────────────
const instant = fc
  .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) })
  .map((t) => new Date(t));
const offset = fc.integer({ min: -12 * 60, max: 14 * 60 });
const unit = fc.constantFrom<PeriodUnit>('day', 'week', 'month', 'quarter');
const colour = fc.constantFrom('yellow', 'orange', 'red' as const);
const localOf = (d: Date, off: number) => new Date(d.getTime() + off * 60_000);

describe('cadence properties', () => {
  it('a period contains its instant, and the next one starts where it ends', () => {
    fc.assert(
      fc.property(unit, instant, offset, (u, t, off) => {
        const p = periodOf(u, t, off);
        expect(p.start.getTime()).toBeLessThanOrEqual(t.getTime());
        expect(p.end.getTime()).toBeGreaterThan(t.getTime());
        expect(periodOf(u, p.start, off)).toEqual(p);
        expect(periodOf(u, p.end, off).start).toEqual(p.end);
        expect(periodIndex(u, p.end, off)).toBe(periodIndex(u, t, off) + 1);
        // Starts at local midnight.
        expect(localOf(p.start, off).toISOString().slice(11)).toBe('00:00:00.000Z');
      }),
    );
  });

  it('clear-by is not before the item and ends its clearing period', () => {
    fc.assert(
      fc.property(colour, instant, offset, (c, t, off) => {
        const by = clearByOf(c, t, D, off);
        expect(by.getTime()).toBeGreaterThanOrEqual(t.getTime());
        const next = localOf(new Date(by.getTime() + 1), off);
        expect(next.toISOString().slice(11)).toBe('00:00:00.000Z');
        if (c === 'yellow') {
          expect(localDate(by, off)).toBe(localDate(t, off));
          expect(by.getTime() - t.getTime()).toBeLessThan(DAY);
        }
        if (c === 'orange') {
          expect(localOf(by, off).getUTCDay()).toBe(0); // a Sunday
          expect(by.getTime() - t.getTime()).toBeLessThan(7 * DAY);
        }
        if (c === 'red') {
          expect(localDate(by, off).slice(0, 7)).toBe(localDate(t, off).slice(0, 7));
          expect(next.getUTCDate()).toBe(1);
        }
      }),
    );
  });

  it('an item carries over one period per clearing period passed', () => {
    fc.assert(
      fc.property(instant, offset, fc.integer({ min: 0, max: 400 }), (t, off, k) => {
        const by = clearByOf('yellow', t, D, off);
        expect(carriedPeriods('day', by, by, off)).toBe(0);
        const later = new Date(by.getTime() + 1 + k * DAY);
        expect(carriedPeriods('day', by, later, off)).toBe(k + 1);
      }),
    );
  });

  it('brought forward + new = cleared + carried over; on time ≤ cleared', () => {
    const item = fc
      .tuple(instant, fc.integer({ min: 0, max: 60 * DAY }), fc.option(fc.nat(90 * DAY)))
      .map(([created, span, clearedAfter]) => ({
        createdAt: created,
        clearBy: new Date(created.getTime() + span),
        clearedAt: clearedAfter === null ? null : new Date(created.getTime() + clearedAfter),
      }));
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), unit, instant, instant, (xs, u, t, now) => {
        const p = periodOf(u, t, CN);
        const f = figuresOf(xs, p, now);
        expect(f.opening + f.new).toBe(f.cleared + f.carriedOver);
        expect(f.clearedOnTime).toBeLessThanOrEqual(f.cleared);
        expect(f.overdue).toBeLessThanOrEqual(f.opening + f.new);
      }),
    );
  });
});
