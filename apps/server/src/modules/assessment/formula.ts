// 三率 arithmetic, pure: the rates of a unit's month counts, the composite under
// the district's configuration, the ranks within a peer group above the minimum
// volume and the bottom N flagged. Checked by hand-computed cases in formula.test.ts.
import type { UnitAssessmentWeights } from '@jiesu/contracts';
import type { Counts } from './rollups.js';

export interface Config {
  weights: UnitAssessmentWeights;
  basicallySatisfiedWeight: number;
  minVolume: number;
  bottomN: number;
  repeatWindowDays: number;
}

/** Commonly reported Beijing weights (RULES.md); 基本满意 at 0.8, a minimum of 5 and the last one flagged are local defaults. */
export const DEFAULT_CONFIG: Config = {
  weights: { response: 10, resolution: 45, satisfaction: 45 },
  basicallySatisfiedWeight: 0.8,
  minVolume: 5,
  bottomN: 1,
  repeatWindowDays: 30,
};

export interface Rates {
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  onTimeRate: number | null;
  composite: number | null;
}

const ratio = (a: number, b: number) => (b > 0 ? Math.min(1, a / b) : null);
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function rates(c: Counts, cfg: Config): Rates {
  const responseRate = ratio(c.accepted_on_time, c.dispatched);
  const resolutionRate = ratio(c.solved, c.rated);
  const satisfactionRate = ratio(
    c.satisfied + c.basically_satisfied * cfg.basicallySatisfiedWeight,
    c.rated,
  );
  const w = cfg.weights;
  const total = w.response + w.resolution + w.satisfaction;
  const composite =
    responseRate === null || resolutionRate === null || satisfactionRate === null || total <= 0
      ? null
      : round(
          ((w.response * responseRate +
            w.resolution * resolutionRate +
            w.satisfaction * satisfactionRate) /
            total) *
            100,
          2,
        );
  return {
    responseRate,
    resolutionRate,
    satisfactionRate,
    onTimeRate: ratio(c.completed_on_time, c.completed),
    composite,
  };
}

/**
 * Ranks within each group by composite (1 = best, ties share a rank), over the
 * items with at least `minVolume` and a composite; the lowest `bottomN` ranked
 * (by position, ties with the last flagged included) are flagged when the group
 * has more than `bottomN` ranked.
 */
export function rankGroup<T>(
  items: readonly T[],
  groupOf: (t: T) => string,
  volumeOf: (t: T) => number,
  compositeOf: (t: T) => number | null,
  cfg: Pick<Config, 'minVolume' | 'bottomN'>,
): Map<T, { rank: number; bottom: boolean }> {
  const out = new Map<T, { rank: number; bottom: boolean }>();
  const groups = new Map<string, T[]>();
  for (const t of items) {
    if (volumeOf(t) < cfg.minVolume || compositeOf(t) === null) continue;
    const g = groupOf(t);
    (groups.get(g) ?? groups.set(g, []).get(g)!).push(t);
  }
  for (const list of groups.values()) {
    const sorted = [...list].sort((a, b) => compositeOf(b)! - compositeOf(a)!);
    sorted.forEach((t, i) => {
      const prev = sorted[i - 1];
      const rank =
        prev !== undefined && compositeOf(prev) === compositeOf(t) ? out.get(prev)!.rank : i + 1;
      out.set(t, { rank, bottom: false });
    });
    // Only a group larger than N has a bottom N: three townships and N = 3 flag none.
    const n = sorted.length > cfg.bottomN ? cfg.bottomN : 0;
    if (n > 0) {
      const cut = compositeOf(sorted[sorted.length - n]!)!;
      for (const t of sorted) if (compositeOf(t)! <= cut) out.get(t)!.bottom = true;
    }
  }
  return out;
}
