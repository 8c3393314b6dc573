// Quarters in the district's local time and the quarterly ranking of households
// (pure). A quarter is `YYYY-Qn`; its instants are [first day 00:00 local, first day
// of the next quarter 00:00 local). Ranking is by net points, highest first; equal
// totals share a rank and the next rank skips (1, 2, 2, 4), ties listed by label.

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** The quarter an instant falls in, at a UTC offset in minutes (+08:00 = 480). */
export function quarterOf(at: Date, offsetMinutes: number): string {
  const local = new Date(at.getTime() + offsetMinutes * 60_000);
  return `${local.getUTCFullYear()}-Q${Math.floor(local.getUTCMonth() / 3) + 1}`;
}

/** The instants of a quarter: [from, to). */
export function quarterRange(quarter: string, offsetMinutes: number): { from: Date; to: Date } {
  const m = QUARTER.exec(quarter);
  if (!m) throw new Error(`not a quarter: ${quarter}`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  const start = (y: number, month: number) =>
    new Date(Date.UTC(y, month, 1) - offsetMinutes * 60_000);
  return { from: start(year, (q - 1) * 3), to: start(q === 4 ? year + 1 : year, (q % 4) * 3) };
}

/** The quarter before (`2026-Q1` → `2025-Q4`). */
export function previousQuarter(quarter: string): string {
  const m = QUARTER.exec(quarter);
  if (!m) throw new Error(`not a quarter: ${quarter}`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

/** The quarter and the n - 1 before it, newest first. */
export function recentQuarters(quarter: string, n: number): string[] {
  const out = [quarter];
  while (out.length < n) out.push(previousQuarter(out.at(-1)!));
  return out;
}

export interface PointEntry {
  householdId: string;
  points: number;
  at: Date;
}

export interface HouseholdTotal {
  householdId: string;
  points: number;
  entries: number;
}

/**
 * Net points per household over the entries that fall in the quarter (a reversal is an
 * entry of its own with the opposite points, so it simply adds in). Households without
 * an entry in the quarter are absent.
 */
export function quarterTotals(
  entries: readonly PointEntry[],
  quarter: string,
  offsetMinutes: number,
): HouseholdTotal[] {
  const { from, to } = quarterRange(quarter, offsetMinutes);
  const byHousehold = new Map<string, HouseholdTotal>();
  for (const e of entries) {
    const t = e.at.getTime();
    if (t < from.getTime() || t >= to.getTime()) continue;
    const row = byHousehold.get(e.householdId) ?? {
      householdId: e.householdId,
      points: 0,
      entries: 0,
    };
    row.points += e.points;
    row.entries += 1;
    byHousehold.set(e.householdId, row);
  }
  return [...byHousehold.values()];
}

export interface Ranked<T> {
  rank: number;
  item: T;
}

/**
 * Ranks by points, highest first; equal points share the rank (competition ranking:
 * 1, 2, 2, 4). Ties are listed by `label`, then `key`, so the order is stable.
 */
export function rankByPoints<T extends { points: number; label: string; key: string }>(
  items: readonly T[],
): Array<Ranked<T>> {
  const sorted = [...items].sort(
    (a, b) =>
      b.points - a.points ||
      a.label.localeCompare(b.label, 'zh-CN') ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  const out: Array<Ranked<T>> = [];
  sorted.forEach((item, i) => {
    const prev = out[i - 1];
    const rank = prev && prev.item.points === item.points ? prev.rank : i + 1;
    out.push({ rank, item });
  });
  return out;
}

/** 王** — the surname only; the length of the given name is not shown either. */
export function maskHead(name: string | null | undefined): string {
  const first = name ? [...name.trim()][0] : undefined;
  return first ? `${first}**` : '**';
}
