// The score formula's properties: bounded by base and base + max factor × Σ weights,
// monotonic in each rate and in each count done, weights respected (a figure with
// weight 0 changes nothing; raising one weight never lowers a score), and ranks.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_FORMULA,
  FIGURES,
  factorOf,
  rankWithin,
  rates,
  score,
  type Figure,
  type Formula,
} from './formula.js';

const weight = fc.integer({ min: 0, max: 100 });
const formula: fc.Arbitrary<Formula> = fc.record({
  base: fc.integer({ min: 0, max: 100 }),
  weights: fc.record({ patrols: weight, visits: weight, reports: weight, tickets: weight }),
  gradeFactors: fc.record({
    A: fc.double({ min: 0.5, max: 2, noNaN: true }),
    B: fc.double({ min: 0.5, max: 2, noNaN: true }),
    C: fc.double({ min: 0.5, max: 2, noNaN: true }),
  }),
  reportTarget: fc.integer({ min: 1, max: 20 }),
});
const rate = fc.double({ min: 0, max: 1, noNaN: true });
const rateSet = fc.record({ patrols: rate, visits: rate, reports: rate, tickets: rate });
const factor = fc.double({ min: 0.5, max: 2, noNaN: true });
const figure = fc.constantFrom(...FIGURES);
const EPS = 0.011; // scores are rounded to 2 decimals

describe('grid worker score', () => {
  it('is bounded: base ≤ score ≤ base + factor × Σ weights', () => {
    fc.assert(
      fc.property(formula, rateSet, factor, (f, r, k) => {
        const s = score(f, r, k);
        const sum = FIGURES.reduce((a, x) => a + f.weights[x], 0);
        expect(s).toBeGreaterThanOrEqual(f.base - EPS);
        expect(s).toBeLessThanOrEqual(f.base + k * sum + EPS);
      }),
    );
  });

  it('is monotonic in each rate', () => {
    fc.assert(
      fc.property(formula, rateSet, factor, figure, rate, (f, r, k, x, more) => {
        const higher = { ...r, [x]: Math.max(r[x], more) } as Record<Figure, number>;
        expect(score(f, higher, k)).toBeGreaterThanOrEqual(score(f, r, k) - EPS);
      }),
    );
  });

  it('respects the weights: a zero weight changes nothing, a larger weight never lowers it', () => {
    fc.assert(
      fc.property(formula, rateSet, rateSet, factor, figure, weight, (f, r, r2, k, x, extra) => {
        const zero = { ...f, weights: { ...f.weights, [x]: 0 } };
        const changed = { ...r, [x]: r2[x] };
        expect(score(zero, changed, k)).toBeCloseTo(score(zero, r, k), 1);
        const heavier = { ...f, weights: { ...f.weights, [x]: f.weights[x] + extra } };
        expect(score(heavier, r, k)).toBeGreaterThanOrEqual(score(f, r, k) - EPS);
        // The full marks difference is the weight, times the factor.
        const full = { ...r, [x]: 1 };
        const none = { ...r, [x]: 0 };
        expect(score(f, full, k) - score(f, none, k)).toBeCloseTo(k * f.weights[x], 1);
      }),
    );
  });

  it('turns counts into rates in [0, 1], monotonic in what was done, 1 when nothing was due', () => {
    const count = fc.integer({ min: 0, max: 60 });
    fc.assert(
      fc.property(count, count, count, count, count, count, count, (a, b, c, d, e, g, h) => {
        const counts = {
          patrolsDue: a,
          patrolsDone: b,
          visitsDue: c,
          visitsDone: d,
          reports: e,
          ticketsHandled: g,
          ticketsOnTime: Math.min(g, h),
        };
        const r = rates(counts, DEFAULT_FORMULA);
        for (const x of FIGURES) {
          expect(r[x]).toBeGreaterThanOrEqual(0);
          expect(r[x]).toBeLessThanOrEqual(1);
        }
        const more = rates(
          { ...counts, patrolsDone: b + 1, visitsDone: d + 1, reports: e + 1 },
          DEFAULT_FORMULA,
        );
        expect(more.patrols).toBeGreaterThanOrEqual(r.patrols);
        expect(more.visits).toBeGreaterThanOrEqual(r.visits);
        expect(more.reports).toBeGreaterThanOrEqual(r.reports);
      }),
    );
    expect(
      rates(
        {
          patrolsDue: 0,
          patrolsDone: 0,
          visitsDue: 0,
          visitsDone: 0,
          reports: 0,
          ticketsHandled: 0,
          ticketsOnTime: 0,
        },
        DEFAULT_FORMULA,
      ),
    ).toEqual({ patrols: 1, visits: 1, reports: 0, tickets: 1 });
  });

  it('weights a harder grid up: factor of A > B > C with the defaults; mean over several grids', () => {
    expect(factorOf(['A'], DEFAULT_FORMULA)).toBe(1.2);
    expect(factorOf(['A', 'C'], DEFAULT_FORMULA)).toBe(1);
    expect(factorOf([null], DEFAULT_FORMULA)).toBe(1);
    const r = { patrols: 0.9, visits: 0.8, reports: 1, tickets: 1 };
    expect(score(DEFAULT_FORMULA, r, 1.2)).toBeGreaterThan(score(DEFAULT_FORMULA, r, 1));
    expect(score(DEFAULT_FORMULA, r, 1)).toBe(60 + 13.5 + 12 + 5 + 5);
  });

  it('ranks within each township, ties sharing a rank', () => {
    const items = [
      { t: 'x', s: 90 },
      { t: 'x', s: 95 },
      { t: 'x', s: 90 },
      { t: 'y', s: 70 },
      { t: 'x', s: 80 },
    ];
    const r = rankWithin(
      items,
      (i) => i.t,
      (i) => i.s,
    );
    expect(items.map((i) => r.get(i))).toEqual([2, 1, 2, 1, 4]);
  });
});
