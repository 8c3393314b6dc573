// The duty arithmetic, pure: local days and months, patrols due and done per day,
// and what a household must get in a month under the district's rules.

export interface DutyRules {
  patrolsPerDay: number;
  keyVisitsPerMonth: number;
  fiveVisitKinds: string[];
  fiveVisitsPerMonth: number;
}

/** The seeds' defaults: a patrol a day per grid, key households twice a month, 五必访 monthly. */
export const DEFAULT_RULES: DutyRules = {
  patrolsPerDay: 1,
  keyVisitsPerMonth: 2,
  // 五必访: elderly living alone, empty-nest elderly, the disabled, low-income and
  // extreme-hardship households (resident kind codes; configurable per district).
  fiveVisitKinds: [
    'elderly_alone',
    'empty_nest_elderly',
    'disabled',
    'low_income',
    'extreme_hardship',
  ],
  fiveVisitsPerMonth: 1,
};

const DAY = 86_400_000;

/** The local calendar day of an instant, 'YYYY-MM-DD'. */
export function localDay(at: Date, offsetMin: number): string {
  return new Date(at.getTime() + offsetMin * 60_000).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function monthFirst(month: string): string {
  return `${month}-01`;
}

export function monthLast(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The instants bounding local days [from, to] (to inclusive): [start, end). */
export function dayRange(from: string, to: string, offsetMin: number): { start: Date; end: Date } {
  return {
    start: new Date(Date.parse(`${from}T00:00:00Z`) - offsetMin * 60_000),
    end: new Date(Date.parse(`${addDays(to, 1)}T00:00:00Z`) - offsetMin * 60_000),
  };
}

/** Every day from `from` to `to` inclusive (none when to < from). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * The days of `month` whose patrols are owed by `today`: from the first of the month to
 * yesterday (today is not overdue yet), or the whole month once it is over.
 */
export function countedDays(month: string, today: string): { days: string[]; asOf: string } {
  const last = monthLast(month);
  const asOf = today > last ? last : addDays(today, -1);
  return { days: daysBetween(monthFirst(month), asOf), asOf };
}

export interface PatrolTally {
  due: number;
  /** Patrols that count: at most `perDay` a day (extra ones do not make up for a missed day). */
  done: number;
  missed: string[];
}

export function patrolTally(
  days: readonly string[],
  perDay: number,
  counts: ReadonlyMap<string, number>,
): PatrolTally {
  let done = 0;
  const missed: string[] = [];
  for (const d of days) {
    const n = counts.get(d) ?? 0;
    done += Math.min(n, perDay);
    if (n < perDay) missed.push(d);
  }
  return { due: perDay * days.length, done, missed };
}

export interface Requirement {
  key: boolean;
  five: boolean;
  /** Visits owed in a month: the larger of the two rules that apply. */
  required: number;
  /** The kinds that make it owed. */
  reasons: string[];
}

export function requirement(
  kinds: readonly string[],
  keyKinds: ReadonlySet<string>,
  rules: DutyRules,
): Requirement {
  const keyReasons = kinds.filter((k) => keyKinds.has(k));
  const fiveReasons = kinds.filter((k) => rules.fiveVisitKinds.includes(k));
  const key = keyReasons.length > 0 && rules.keyVisitsPerMonth > 0;
  const five = fiveReasons.length > 0 && rules.fiveVisitsPerMonth > 0;
  return {
    key,
    five,
    required: Math.max(key ? rules.keyVisitsPerMonth : 0, five ? rules.fiveVisitsPerMonth : 0),
    reasons: [...new Set([...(key ? keyReasons : []), ...(five ? fiveReasons : [])])],
  };
}
