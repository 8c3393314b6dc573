import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, rankGroup, rates } from './formula.js';
import { zeroCounts, type Counts } from './rollups.js';

const counts = (c: Partial<Counts>): Counts => ({ ...zeroCounts(), ...c });

describe('三率 formula', () => {
  it('computes the rates and the 10/45/45 composite by hand', () => {
    const r = rates(
      counts({
        dispatched: 4,
        accepted_on_time: 3,
        rated: 2,
        solved: 1,
        satisfied: 1,
        basically_satisfied: 1,
        completed: 4,
        completed_on_time: 3,
      }),
      DEFAULT_CONFIG,
    );
    expect(r).toEqual({
      responseRate: 0.75,
      resolutionRate: 0.5,
      satisfactionRate: 0.9,
      onTimeRate: 0.75,
      composite: 70.5,
    });
  });

  it('has no rate without a base and no composite without every rate', () => {
    const r = rates(counts({ dispatched: 2, accepted_on_time: 2 }), DEFAULT_CONFIG);
    expect(r).toMatchObject({ responseRate: 1, resolutionRate: null, composite: null });
  });

  it('caps a rate at 1 (accepted this month, dispatched last month)', () => {
    expect(rates(counts({ dispatched: 1, accepted_on_time: 2 }), DEFAULT_CONFIG).responseRate).toBe(
      1,
    );
  });

  it('uses the configured weights (准格尔旗 30/35/35)', () => {
    const cfg = { ...DEFAULT_CONFIG, weights: { response: 30, resolution: 35, satisfaction: 35 } };
    const r = rates(
      counts({ dispatched: 10, accepted_on_time: 5, rated: 4, solved: 4, satisfied: 2 }),
      cfg,
    );
    // 30·0.5 + 35·1 + 35·0.5 = 67.5
    expect(r.composite).toBe(67.5);
  });

  it('ranks within a group above the minimum volume; ties share a rank; flags the bottom N', () => {
    const items = [
      { g: 'a', v: 10, s: 90 },
      { g: 'a', v: 10, s: 80 },
      { g: 'a', v: 10, s: 80 },
      { g: 'a', v: 2, s: 10 }, // below the minimum: not ranked
      { g: 'a', v: 10, s: 95 },
      { g: 'b', v: 10, s: 50 },
    ];
    const ranks = rankGroup(
      items,
      (x) => x.g,
      (x) => x.v,
      (x) => x.s,
      { minVolume: 5, bottomN: 1 },
    );
    expect(items.map((x) => ranks.get(x)?.rank ?? null)).toEqual([2, 3, 3, null, 1, 1]);
    // Group b has one ranked unit: no bottom 1 of a group of one.
    expect(items.map((x) => ranks.get(x)?.bottom ?? false)).toEqual([
      false,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
