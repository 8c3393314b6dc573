// The demo district's dispatch catalogue (派单目录): one rule per leaf category at
// the district level, from the authoring table's `to` and `co` (content/catalogue.ts),
// so every township, village and grid inherits it. Each rule is logged as created
// by the platform (no user), as an administrator's first entry would be.
import type { Kysely } from 'kysely';
import type { TerritorialTarget } from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import { newId } from '../../shared/ids.js';
import { snapshotOf, type RuleDraft } from '../routing/rules.js';
import type { DemoCategory, DemoOrg, DispatchTarget } from './content/index.js';

const TERRITORIAL: Record<'township' | 'village', TerritorialTarget> = {
  township: 'territorial_township',
  village: 'territorial_village',
};

export async function seedDispatchCatalogue(
  db: Kysely<DB>,
  s: {
    tenantId: string;
    now: Date;
    org: DemoOrg;
    categories: readonly DemoCategory[];
    catIds: ReadonlyMap<string, { id: string }>;
    jurisdictionIds: ReadonlyMap<string, { id: string }>;
    unitIds: ReadonlyMap<string, string>;
  },
): Promise<void> {
  const district = s.org.jurisdictions.find((j) => j.code === s.org.districtCode)!;
  const districtId = s.jurisdictionIds.get(district.code)!.id;
  const unitName = new Map(s.org.units.map((u) => [s.unitIds.get(u.key)!, u.name]));
  const unitOf = (t: DispatchTarget) => {
    const id = s.unitIds.get(t);
    if (!id) throw new Error(`demo catalogue: no unit ${t}`);
    return id;
  };
  const rules: Array<RuleDraft & { id: string; category: DemoCategory }> = [];
  for (const c of s.categories) {
    if (!c.rule) continue;
    const to = c.rule.dispatchTo;
    const co = c.rule.coUnits.filter((t) => t !== to);
    rules.push({
      id: newId(),
      category: c,
      categoryId: s.catIds.get(c.code)!.id,
      jurisdictionId: districtId,
      target: to === 'township' || to === 'village' ? TERRITORIAL[to] : 'unit',
      unitId: to === 'township' || to === 'village' ? null : unitOf(to),
      coUnitIds: co.filter((t) => t !== 'township' && t !== 'village').map(unitOf),
      coTerritorial: co
        .filter((t): t is 'township' | 'village' => t === 'township' || t === 'village')
        .map((t) => TERRITORIAL[t]),
      note: null,
    });
  }
  if (!rules.length) return;
  await db
    .insertInto('dispatch_rules')
    .values(
      rules.map((r) => ({
        id: r.id,
        tenant_id: s.tenantId,
        category_id: r.categoryId,
        jurisdiction_id: r.jurisdictionId,
        target: r.target,
        unit_id: r.unitId,
        co_unit_ids: r.coUnitIds,
        co_territorial: r.coTerritorial,
        note: r.note,
        updated_by: null,
        updated_at: s.now,
      })),
    )
    .execute();
  await db
    .insertInto('dispatch_rule_changes')
    .values(
      rules.map((r) => ({
        tenant_id: s.tenantId,
        rule_id: r.id,
        change: 'create' as const,
        before: null,
        after: JSON.stringify(
          snapshotOf(r, 1, {
            category: r.category,
            jurisdiction: district,
            unit: (id) => unitName.get(id) ?? '',
          }),
        ),
        changed_by: null,
        changed_at: s.now,
      })),
    )
    .execute();
}
