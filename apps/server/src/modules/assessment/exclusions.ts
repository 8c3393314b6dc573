// 三率 exclusions, pure: an accepted appeal takes the ticket's counted events of
// the month out of the unit's counts. Subtracting never goes below zero, and
// equals counting without those tickets (exclusions.test.ts, a property test).
import { COUNTERS, zeroCounts, type Counts } from './rollups.js';

/** `base` minus `minus`, counter by counter, never below zero. */
export function subtractCounts(
  base: Partial<Counts> | undefined,
  minus: Partial<Counts> | undefined,
): Counts {
  const out = zeroCounts();
  for (const k of COUNTERS) out[k] = Math.max(0, Number(base?.[k] ?? 0) - Number(minus?.[k] ?? 0));
  return out;
}

/** Adds `b` to `a` in place. */
export function addCounts(a: Counts, b: Partial<Counts> | undefined): Counts {
  for (const k of COUNTERS) a[k] += Number(b?.[k] ?? 0);
  return a;
}

/** The UTC instants of a local month [from, to) under the tenant's offset (minutes east of UTC). */
export function monthRange(month: string, offsetMinutes: number): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const shift = offsetMinutes * 60_000;
  return {
    from: new Date(Date.UTC(y, m - 1, 1) - shift),
    to: new Date(Date.UTC(y, m, 1) - shift),
  };
}
