// Quarters in +08:00 and the quarterly ranking: totals are the sums of the quarter's
// entries, the order is by points, equal points share a rank, and an instant belongs
// to exactly one quarter whose range contains it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  maskHead,
  previousQuarter,
  quarterOf,
  quarterRange,
  quarterTotals,
  rankByPoints,
  recentQuarters,
  type PointEntry,
} from './ranking.js';

const BJ = 480;
const HOUSEHOLDS = ['h1', 'h2', 'h3', 'h4', 'h5'];
const instant = fc
  .integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 0, 1) })
  .map((t) => new Date(t));
const entry: fc.Arbitrary<PointEntry> = fc.record({
  householdId: fc.constantFrom(...HOUSEHOLDS),
  points: fc.integer({ min: -10, max: 10 }).filter((p) => p !== 0),
  at: instant,
});

describe('quarters in local time', () => {
  it('puts the boundary at local midnight, not UTC midnight', () => {
    // 2026-03-31 23:59 in Beijing is 15:59 UTC: still Q1. 16:00 UTC is 04-01 00:00 local: Q2.
    expect(quarterOf(new Date('2026-03-31T15:59:59.999Z'), BJ)).toBe('2026-Q1');
    expect(quarterOf(new Date('2026-03-31T16:00:00.000Z'), BJ)).toBe('2026-Q2');
    expect(quarterOf(new Date('2026-12-31T16:00:00.000Z'), BJ)).toBe('2027-Q1');
    expect(quarterRange('2026-Q4', BJ)).toEqual({
      from: new Date('2026-09-30T16:00:00.000Z'),
      to: new Date('2026-12-31T16:00:00.000Z'),
    });
    expect(previousQuarter('2026-Q1')).toBe('2025-Q4');
    expect(recentQuarters('2026-Q2', 4)).toEqual(['2026-Q2', '2026-Q1', '2025-Q4', '2025-Q3']);
  });

  it('every instant lies in the range of its quarter, and the ranges tile time', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(0, 480, -300), (at, offset) => {
        const q = quarterOf(at, offset);
        const { from, to } = quarterRange(q, offset);
        expect(from.getTime()).toBeLessThanOrEqual(at.getTime());
        expect(at.getTime()).toBeLessThan(to.getTime());
        // The next quarter starts where this one ends.
        expect(quarterOf(to, offset)).not.toBe(q);
        expect(previousQuarter(quarterOf(to, offset))).toBe(q);
        expect(quarterOf(new Date(to.getTime() - 1), offset)).toBe(q);
      }),
    );
  });
});

describe('quarter totals', () => {
  it('equal the sums of the entries in the quarter, per household', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), instant, (entries, when) => {
        const q = quarterOf(when, BJ);
        const totals = quarterTotals(entries, q, BJ);
        for (const h of HOUSEHOLDS) {
          const mine = entries.filter((e) => e.householdId === h && quarterOf(e.at, BJ) === q);
          const row = totals.find((t) => t.householdId === h);
          if (!mine.length) expect(row).toBeUndefined();
          else
            expect(row).toEqual({
              householdId: h,
              points: mine.reduce((s, e) => s + e.points, 0),
              entries: mine.length,
            });
        }
        // The quarters' totals add up to the all-time total.
        const all = entries.reduce((s, e) => s + e.points, 0);
        const quarters = [...new Set(entries.map((e) => quarterOf(e.at, BJ)))];
        const sum = quarters
          .flatMap((x) => quarterTotals(entries, x, BJ))
          .reduce((s, t) => s + t.points, 0);
        expect(sum).toBe(all);
      }),
    );
  });

  it('a reversal cancels its entry', () => {
    const at = new Date('2026-11-02T02:00:00Z');
    const totals = quarterTotals(
      [
        { householdId: 'h1', points: 5, at },
        { householdId: 'h1', points: -5, at: new Date(at.getTime() + 1000) },
        { householdId: 'h2', points: 2, at },
      ],
      '2026-Q4',
      BJ,
    );
    expect(totals.find((t) => t.householdId === 'h1')).toEqual({
      householdId: 'h1',
      points: 0,
      entries: 2,
    });
  });
});

describe('ranking', () => {
  const item = fc.record({
    key: fc.uuid(),
    label: fc.constantFrom('幸福村1组1号', '幸福村1组2号', '幸福村2组7号', '幸福村3组12号'),
    points: fc.integer({ min: -20, max: 20 }),
  });

  it('orders by points, ties share a rank, ranks skip after ties', () => {
    fc.assert(
      fc.property(fc.uniqueArray(item, { selector: (x) => x.key, maxLength: 30 }), (items) => {
        const ranked = rankByPoints(items);
        expect(ranked).toHaveLength(items.length);
        ranked.forEach((r, i) => {
          // Competition rank: one more than the number of strictly better items.
          expect(r.rank).toBe(1 + items.filter((x) => x.points > r.item.points).length);
          if (i > 0) {
            const prev = ranked[i - 1]!;
            expect(prev.item.points).toBeGreaterThanOrEqual(r.item.points);
            if (prev.item.points === r.item.points) expect(r.rank).toBe(prev.rank);
            else expect(r.rank).toBe(i + 1);
          }
        });
        // The order does not depend on the input's order.
        expect(rankByPoints([...items].reverse())).toEqual(ranked);
      }),
    );
  });

  it('gives 1, 2, 2, 4', () => {
    const r = rankByPoints([
      { key: 'a', label: '甲', points: 3 },
      { key: 'b', label: '乙', points: 7 },
      { key: 'c', label: '丙', points: 3 },
      { key: 'd', label: '丁', points: 1 },
    ]);
    expect(r.map((x) => [x.item.key, x.rank])).toEqual([
      ['b', 1],
      ['c', 2],
      ['a', 2],
      ['d', 4],
    ]);
  });

  it('masks the head to the surname', () => {
    expect(maskHead('王建国')).toBe('王**');
    expect(maskHead('李明')).toBe('李**');
    expect(maskHead(null)).toBe('**');
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 6 }), (name) => {
        const m = maskHead(name);
        expect(m.endsWith('**')).toBe(true);
        expect([...m]).toHaveLength(name.trim() ? 3 : 2);
      }),
    );
  });
});
