// Exclusions, pure: a month's counts are the sum of its tickets' counts; taking
// the excluded tickets' counts out equals summing the others, never negative;
// over-subtracting (counts out of step) stops at zero. The month's UTC range.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addCounts, monthRange, subtractCounts } from './exclusions.js';
import { COUNTERS, zeroCounts, type Counts } from './rollups.js';

const counts = fc.record(
  Object.fromEntries(COUNTERS.map((c) => [c, fc.nat({ max: 50 })])) as Record<
    keyof Counts,
    fc.Arbitrary<number>
  >,
);
const sum = (xs: Counts[]) => xs.reduce((a, b) => addCounts(a, b), zeroCounts());

describe('subtractCounts', () => {
  it('equals counting without the excluded tickets, and is never negative', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(counts, fc.boolean()), { maxLength: 12 }), (tickets) => {
        const all = sum(tickets.map(([c]) => c));
        const excluded = sum(tickets.filter(([, x]) => x).map(([c]) => c));
        const kept = sum(tickets.filter(([, x]) => !x).map(([c]) => c));
        const out = subtractCounts(all, excluded);
        expect(out).toEqual(kept);
        for (const k of COUNTERS) expect(out[k]).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('stops at zero when more is taken out than there is', () => {
    fc.assert(
      fc.property(counts, counts, (a, b) => {
        const out = subtractCounts(a, b);
        for (const k of COUNTERS) expect(out[k]).toBe(Math.max(0, a[k] - b[k]));
      }),
    );
    expect(subtractCounts(undefined, { dispatched: 3 }).dispatched).toBe(0);
  });
});

describe('monthRange', () => {
  it('gives the local month in UTC instants', () => {
    expect(monthRange('2026-11', 480)).toEqual({
      from: new Date('2026-10-31T16:00:00Z'),
      to: new Date('2026-11-30T16:00:00Z'),
    });
    expect(monthRange('2026-12', 0).to).toEqual(new Date('2027-01-01T00:00:00Z'));
  });
});
