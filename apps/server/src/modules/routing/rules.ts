// What makes a catalogue rule valid, checked the same way for the form and for
// every row of an imported workbook. Pure: the caller supplies the lookups.
import {
  zhCN,
  type DispatchRuleBody,
  type DispatchRuleSnapshot,
  type ErrorCode,
  type RuleTarget,
  type TerritorialTarget,
  type UnitKind,
} from '@jiesu/contracts';

export interface RuleDraft {
  categoryId: string;
  jurisdictionId: string;
  target: RuleTarget;
  unitId: string | null;
  coUnitIds: string[];
  coTerritorial: TerritorialTarget[];
  note: string | null;
}

export interface RuleProblem {
  code: ErrorCode;
  /** The body field (`/unitId`) or, on import, the column. */
  path: string;
  message: string;
}

export interface RuleLookups {
  category(id: string): { id: string } | undefined;
  jurisdiction(id: string): { id: string } | undefined;
  unit(id: string): { id: string; kind: UnitKind; active: boolean } | undefined;
}

const M = zhCN.catalogue;

export function draftOf(body: DispatchRuleBody): RuleDraft {
  const note = body.note?.trim();
  return {
    categoryId: body.categoryId,
    jurisdictionId: body.jurisdictionId,
    target: body.target,
    unitId: body.unitId ?? null,
    coUnitIds: [...new Set(body.coUnitIds ?? [])],
    coTerritorial: [...new Set(body.coTerritorial ?? [])],
    note: note ? note : null,
  };
}

/** Every problem of the rule, in field order; empty when it may be saved. */
export function checkRule(d: RuleDraft, look: RuleLookups): RuleProblem[] {
  const out: RuleProblem[] = [];
  if (!look.category(d.categoryId)) {
    out.push({
      code: 'UNKNOWN_CATEGORY',
      path: '/categoryId',
      message: zhCN.error.UNKNOWN_CATEGORY,
    });
  }
  if (!look.jurisdiction(d.jurisdictionId)) {
    out.push({
      code: 'UNKNOWN_JURISDICTION',
      path: '/jurisdictionId',
      message: zhCN.error.UNKNOWN_JURISDICTION,
    });
  }
  const usable = (id: string): RuleProblem | null => {
    const u = look.unit(id);
    if (!u || !u.active) return { code: 'UNKNOWN_UNIT', path: '', message: M.unitUnknown };
    if (u.kind === 'dispatch_centre')
      return { code: 'VALIDATION_FAILED', path: '', message: M.unitIsCentre };
    return null;
  };
  if (d.target === 'unit') {
    if (!d.unitId)
      out.push({ code: 'VALIDATION_FAILED', path: '/unitId', message: M.unitRequired });
    else {
      const p = usable(d.unitId);
      if (p) out.push({ ...p, path: '/unitId' });
    }
  } else if (d.unitId) {
    out.push({ code: 'VALIDATION_FAILED', path: '/unitId', message: M.unitNotAllowed });
  }
  for (const id of d.coUnitIds) {
    if (id === d.unitId) {
      out.push({ code: 'VALIDATION_FAILED', path: '/coUnitIds', message: M.coIsLead });
      continue;
    }
    const p = usable(id);
    if (p) out.push({ ...p, path: '/coUnitIds' });
  }
  if (d.coTerritorial.includes(d.target as TerritorialTarget)) {
    out.push({ code: 'VALIDATION_FAILED', path: '/coTerritorial', message: M.coTerritorialIsLead });
  }
  return out;
}

/** Whether two drafts describe the same rule (an import row that changes nothing). */
export function sameRule(a: RuleDraft, b: RuleDraft): boolean {
  const set = (xs: readonly string[]) => [...xs].sort().join(',');
  return (
    a.categoryId === b.categoryId &&
    a.jurisdictionId === b.jurisdictionId &&
    a.target === b.target &&
    a.unitId === b.unitId &&
    set(a.coUnitIds) === set(b.coUnitIds) &&
    set(a.coTerritorial) === set(b.coTerritorial) &&
    (a.note ?? null) === (b.note ?? null)
  );
}

/** The snapshot stored in the change log: ids and the names they had then. */
export function snapshotOf(
  d: RuleDraft,
  version: number,
  names: {
    category: { code: string; name: string };
    jurisdiction: { code: string; name: string };
    unit: (id: string) => string;
  },
): DispatchRuleSnapshot {
  return {
    categoryId: d.categoryId,
    categoryCode: names.category.code,
    categoryName: names.category.name,
    jurisdictionId: d.jurisdictionId,
    jurisdictionCode: names.jurisdiction.code,
    jurisdictionName: names.jurisdiction.name,
    target: d.target,
    unitId: d.unitId,
    unitName: d.unitId ? names.unit(d.unitId) : null,
    coUnitIds: d.coUnitIds,
    coUnitNames: d.coUnitIds.map(names.unit),
    coTerritorial: d.coTerritorial,
    note: d.note,
    version,
  };
}
