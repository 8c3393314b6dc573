// How the dispatch catalogue answers "who handles category C at place P?". Pure:
// the service loads the candidate rules and the units, this decides.
//
// The rule, as the dispatch centre states it:
//  1. The most specific category wins. Walk from C up to its root; the first
//     category that has any usable rule on P's chain decides (a rule on 市政设施
//     covers 路灯不亮 unless 路灯不亮 has its own).
//  2. For that category the deepest jurisdiction on P's ancestor chain wins: a
//     rule at the district is inherited by every township, village and grid
//     below it unless a rule lower down overrides it for that subtree.
//  3. A rule must resolve to an active unit to count. `unit` names one;
//     `territorial_township` / `territorial_village` mean the active government
//     unit whose jurisdiction is P's township (village) ancestor — P itself when P
//     is that level. When it does not resolve (inactive unit, P has no township or
//     village ancestor, no government unit there), the next rule in the order of
//     1–2 is tried; when none resolves there is no suggestion.
// Co-units come from the winning rule only: the named ones that are active, and
// the territorial ones that resolve; the lead is never its own co-unit.
import type { JurisdictionLevel, RuleTarget, TerritorialTarget } from '@jiesu/contracts';

export interface CandidateRule {
  id: string;
  categoryId: string;
  jurisdictionId: string;
  target: RuleTarget;
  unitId: string | null;
  coUnitIds: readonly string[];
  coTerritorial: readonly TerritorialTarget[];
}

export interface Place {
  /** P and its ancestors, P first (deepest first). */
  chain: ReadonlyArray<{ id: string; level: JurisdictionLevel }>;
}

export interface ResolveInput {
  rules: readonly CandidateRule[];
  /** C and its ancestors, C first (most specific first). */
  categoryChain: readonly string[];
  place: Place;
  /** Active units that may be dispatched to (by id). */
  activeUnits: ReadonlySet<string>;
  /** The active government unit at a jurisdiction, if there is one. */
  governmentAt: (jurisdictionId: string) => string | null;
}

export interface CatalogueAnswer {
  rule: CandidateRule;
  leadUnitId: string;
  coUnitIds: string[];
}

/** Candidate rules in the order they are tried (category first, then depth). */
export function orderRules(
  rules: readonly CandidateRule[],
  categoryChain: readonly string[],
  placeChain: readonly string[],
): CandidateRule[] {
  const key = (r: CandidateRule) => `${r.categoryId}|${r.jurisdictionId}`;
  const byKey = new Map(rules.map((r) => [key(r), r]));
  const out: CandidateRule[] = [];
  for (const c of categoryChain) {
    for (const j of placeChain) {
      const r = byKey.get(`${c}|${j}`);
      if (r) out.push(r);
    }
  }
  return out;
}

/** The government unit a territorial target means for this place, if any. */
export function territorialUnit(
  target: TerritorialTarget,
  place: Place,
  governmentAt: ResolveInput['governmentAt'],
): string | null {
  const level: JurisdictionLevel = target === 'territorial_township' ? 'township' : 'village';
  const node = place.chain.find((j) => j.level === level);
  return node ? governmentAt(node.id) : null;
}

export function resolveCatalogue(input: ResolveInput): CatalogueAnswer | null {
  const { place, activeUnits, governmentAt } = input;
  const ordered = orderRules(
    input.rules,
    input.categoryChain,
    place.chain.map((j) => j.id),
  );
  for (const rule of ordered) {
    const lead =
      rule.target === 'unit'
        ? rule.unitId && activeUnits.has(rule.unitId)
          ? rule.unitId
          : null
        : territorialUnit(rule.target, place, governmentAt);
    if (!lead) continue;
    const co = [
      ...rule.coUnitIds.filter((u) => activeUnits.has(u)),
      ...rule.coTerritorial.map((t) => territorialUnit(t, place, governmentAt)),
    ].filter((u): u is string => u !== null && u !== lead);
    return { rule, leadUnitId: lead, coUnitIds: [...new Set(co)] };
  }
  return null;
}

/** The ids on a materialised path `/a/b/c/`, root first. */
export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}
