import { describe, expect, it } from 'vitest';
import { orderRules, resolveCatalogue, type CandidateRule, type ResolveInput } from './resolve.js';

// Categories: root ⊃ branch ⊃ leaf. Places: district ⊃ township ⊃ village ⊃ grid.
const chain = [
  { id: 'grid', level: 'grid' as const },
  { id: 'vil', level: 'village' as const },
  { id: 'twp', level: 'township' as const },
  { id: 'dist', level: 'district' as const },
];
const cats = ['leaf', 'branch', 'root'];

let n = 0;
function rule(
  categoryId: string,
  jurisdictionId: string,
  target: CandidateRule['target'],
  unitId: string | null = null,
  extra: Partial<CandidateRule> = {},
): CandidateRule {
  return {
    id: `r${n++}`,
    categoryId,
    jurisdictionId,
    target,
    unitId,
    coUnitIds: [],
    coTerritorial: [],
    ...extra,
  };
}

function input(rules: CandidateRule[], over: Partial<ResolveInput> = {}): ResolveInput {
  return {
    rules,
    categoryChain: cats,
    place: { chain },
    activeUnits: new Set(['deptA', 'deptB', 'deptC']),
    governmentAt: (id) => ({ twp: 'twpGov', vil: 'vilGov' })[id] ?? null,
    ...over,
  };
}

describe('dispatch catalogue resolution', () => {
  it('inherits a district rule down to a grid', () => {
    const r = rule('leaf', 'dist', 'unit', 'deptA');
    expect(resolveCatalogue(input([r]))).toEqual({ rule: r, leadUnitId: 'deptA', coUnitIds: [] });
  });

  it('lets the deepest jurisdiction win for the same category', () => {
    const district = rule('leaf', 'dist', 'unit', 'deptA');
    const township = rule('leaf', 'twp', 'unit', 'deptB');
    expect(resolveCatalogue(input([district, township]))?.leadUnitId).toBe('deptB');
    // A rule for another township is not on the chain and changes nothing.
    const elsewhere = rule('leaf', 'twpOther', 'unit', 'deptC');
    expect(resolveCatalogue(input([district, elsewhere]))?.leadUnitId).toBe('deptA');
  });

  it('lets the most specific category win over a deeper place', () => {
    const leafAtDistrict = rule('leaf', 'dist', 'unit', 'deptA');
    const branchAtVillage = rule('branch', 'vil', 'unit', 'deptB');
    expect(resolveCatalogue(input([branchAtVillage, leafAtDistrict]))?.leadUnitId).toBe('deptA');
    expect(
      orderRules(
        [branchAtVillage, leafAtDistrict],
        cats,
        chain.map((j) => j.id),
      ).map((r) => r.id),
    ).toEqual([leafAtDistrict.id, branchAtVillage.id]);
  });

  it('resolves territorial targets to the place’s township or village government', () => {
    expect(
      resolveCatalogue(input([rule('root', 'dist', 'territorial_township')]))?.leadUnitId,
    ).toBe('twpGov');
    expect(resolveCatalogue(input([rule('root', 'dist', 'territorial_village')]))?.leadUnitId).toBe(
      'vilGov',
    );
  });

  it('falls back to the next rule when a target does not resolve, else suggests nothing', () => {
    const fallback = rule('leaf', 'dist', 'unit', 'deptA');
    const village = rule('leaf', 'twp', 'territorial_village');
    // At the township itself there is no village ancestor.
    const atTownship = { chain: chain.slice(2) };
    expect(resolveCatalogue(input([fallback, village], { place: atTownship }))?.rule).toBe(
      fallback,
    );
    // An inactive named unit falls back too.
    const inactive = rule('leaf', 'vil', 'unit', 'gone');
    expect(resolveCatalogue(input([fallback, inactive]))?.rule).toBe(fallback);
    // No government unit at the township: nothing resolves.
    expect(
      resolveCatalogue(
        input([rule('leaf', 'dist', 'territorial_township')], { governmentAt: () => null }),
      ),
    ).toBeNull();
    expect(resolveCatalogue(input([]))).toBeNull();
  });

  it('gives the winning rule’s usable co-units, never the lead itself', () => {
    const r = rule('leaf', 'dist', 'unit', 'deptA', {
      coUnitIds: ['deptB', 'gone', 'deptA'],
      coTerritorial: ['territorial_township', 'territorial_village'],
    });
    expect(resolveCatalogue(input([r]))?.coUnitIds).toEqual(['deptB', 'twpGov', 'vilGov']);
    const territorial = rule('leaf', 'dist', 'territorial_township', null, {
      coUnitIds: ['deptC'],
      coTerritorial: ['territorial_village'],
    });
    expect(resolveCatalogue(input([territorial]))).toMatchObject({
      leadUnitId: 'twpGov',
      coUnitIds: ['deptC', 'vilGov'],
    });
  });
});
