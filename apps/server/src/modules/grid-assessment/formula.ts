// The grid worker's monthly score, pure.
//
//   rate_patrols = patrols done / patrols due     (at most the rule's patrols a day count)
//   rate_visits  = visits done / visits due       (per household, at most what the rules ask)
//   rate_reports = min(1, reports made / report target)
//   rate_tickets = tickets handled on time / tickets handled
//   a rate with nothing due is 1 (nothing was missed)
//
//   score = base + factor(grade) × Σ_k weight_k × rate_k
//
// Every rate is in [0, 1], so base ≤ score ≤ base + max factor × Σ weights.
// A worker of several grids takes the mean factor of their grids; an ungraded grid counts 1.

export const FIGURES = ['patrols', 'visits', 'reports', 'tickets'] as const;
export type Figure = (typeof FIGURES)[number];
export type Grade = 'A' | 'B' | 'C';

export interface Formula {
  base: number;
  weights: Record<Figure, number>;
  gradeFactors: Record<Grade, number>;
  reportTarget: number;
}

/** The default until a district saves its own: 60 base + 40 performance at grade B. */
export const DEFAULT_FORMULA: Formula = {
  base: 60,
  weights: { patrols: 15, visits: 15, reports: 5, tickets: 5 },
  gradeFactors: { A: 1.2, B: 1, C: 0.8 },
  reportTarget: 4,
};

export interface Counts {
  patrolsDue: number;
  patrolsDone: number;
  visitsDue: number;
  visitsDone: number;
  reports: number;
  ticketsHandled: number;
  ticketsOnTime: number;
}

const ratio = (done: number, due: number) => (due <= 0 ? 1 : Math.min(1, Math.max(0, done / due)));

export function rates(c: Counts, f: Pick<Formula, 'reportTarget'>): Record<Figure, number> {
  return {
    patrols: ratio(c.patrolsDone, c.patrolsDue),
    visits: ratio(c.visitsDone, c.visitsDue),
    reports: ratio(c.reports, Math.max(1, f.reportTarget)),
    tickets: ratio(c.ticketsOnTime, c.ticketsHandled),
  };
}

/** The mean factor of a worker's grids (an ungraded grid counts 1; no grid: 1). */
export function factorOf(grades: ReadonlyArray<Grade | null>, f: Pick<Formula, 'gradeFactors'>) {
  if (grades.length === 0) return 1;
  return grades.reduce((s, g) => s + (g ? f.gradeFactors[g] : 1), 0) / grades.length;
}

export function score(f: Formula, r: Record<Figure, number>, factor: number): number {
  const performance = FIGURES.reduce((s, k) => s + f.weights[k] * r[k], 0);
  return Math.round((f.base + factor * performance) * 100) / 100;
}

/** Rank within each group (1 = best), ties sharing a rank (1, 2, 2, 4). */
export function rankWithin<T>(
  items: readonly T[],
  groupOf: (t: T) => string,
  scoreOf: (t: T) => number,
): Map<T, number> {
  const out = new Map<T, number>();
  const groups = new Map<string, T[]>();
  for (const t of items) {
    const g = groupOf(t);
    (groups.get(g) ?? groups.set(g, []).get(g)!).push(t);
  }
  for (const list of groups.values()) {
    const sorted = [...list].sort((a, b) => scoreOf(b) - scoreOf(a));
    sorted.forEach((t, i) => {
      const prev = sorted[i - 1];
      out.set(t, prev !== undefined && scoreOf(prev) === scoreOf(t) ? out.get(prev)! : i + 1);
    });
  }
  return out;
}
