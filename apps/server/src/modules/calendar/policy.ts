import type { Urgency } from '@jiesu/contracts';

export interface PolicyRow {
  category_id: string | null;
  urgency: Urgency | null;
}

/**
 * The most specific policy wins: an exact urgency before "any urgency", and
 * within each, the category itself, then its ancestors, then the default.
 * So an emergency rule for all categories beats a category's normal rule.
 * `categoryPath` is the category's '/'-joined ancestor ids, itself last.
 */
export function pickPolicy<P extends PolicyRow>(
  policies: readonly P[],
  categoryPath: string,
  urgency: Urgency,
): P | undefined {
  const chain: Array<string | null> = [...categoryPath.split('/').filter(Boolean).reverse(), null];
  for (const u of [urgency, null]) {
    for (const c of chain) {
      const p = policies.find((x) => x.category_id === c && x.urgency === u);
      if (p) return p;
    }
  }
  return undefined;
}
