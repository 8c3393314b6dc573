// The demo district's dispatch catalogue: a district-level rule per leaf from the
// authoring table, answering for tickets anywhere below the district.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { seedDemo } from '../demo/seed.js';
import { demoCategories, demoOrg } from '../demo/content/index.js';

let ctx: TestContext;
const tenantId = `demo${Math.random().toString(36).slice(2, 8)}`;
beforeAll(async () => {
  ctx = await createTestContext({ start: '2026-11-21T02:00:00Z' });
  await seedDemo(ctx.c.db, ctx.clock, {
    tickets: 40,
    days: 7,
    tenantId,
    usernamePrefix: `${tenantId}-`,
  });
}, 180_000);
afterAll(() => ctx.close());

describe('the demo catalogue', () => {
  it('has one district-level rule per leaf, as the authoring table says, each logged', async () => {
    const leaves = demoCategories().filter((c) => c.rule);
    const rules = await ctx.c.db
      .selectFrom('dispatch_rules as r')
      .innerJoin('categories as c', 'c.id', 'r.category_id')
      .innerJoin('jurisdictions as j', 'j.id', 'r.jurisdiction_id')
      .leftJoin('units as u', 'u.id', 'r.unit_id')
      .select(['c.code', 'j.level', 'r.target', 'u.key', 'r.co_unit_ids', 'r.co_territorial'])
      .where('r.tenant_id', '=', tenantId)
      .execute();
    expect(rules).toHaveLength(leaves.length);
    expect(new Set(rules.map((r) => r.level))).toEqual(new Set(['district']));
    const byCode = new Map(rules.map((r) => [r.code, r]));
    for (const leaf of leaves) {
      const r = byCode.get(leaf.code)!;
      const to = leaf.rule!.dispatchTo;
      if (to === 'township') expect(r.target).toBe('territorial_township');
      else if (to === 'village') expect(r.target).toBe('territorial_village');
      else expect([r.target, r.key]).toEqual(['unit', to]);
      const co = leaf.rule!.coUnits.filter((k) => k !== to);
      expect(r.co_unit_ids).toHaveLength(co.filter((k) => k.startsWith('dept-')).length);
      expect(r.co_territorial).toHaveLength(co.length - r.co_unit_ids.length);
    }
    const logged = await ctx.c.db
      .selectFrom('dispatch_rule_changes')
      .select('change')
      .where('tenant_id', '=', tenantId)
      .execute();
    expect(logged).toHaveLength(leaves.length);
  });

  it('suggests the township of a village for a territorial leaf, and the department for another', async () => {
    const org = demoOrg();
    const village = org.jurisdictions.find((j) => j.level === 'village')!;
    const township = org.jurisdictions.find((j) => j.code === village.parentCode)!;
    const townshipUnit = org.units.find(
      (u) => u.kind === 'government' && u.jurisdictionCode === township.code,
    )!;
    const leaves = demoCategories().filter((c) => c.rule);
    const territorial = leaves.find(
      (c) => c.rule!.dispatchTo === 'township' && c.rule!.coUnits.length === 0,
    )!;
    const departmental = leaves.find((c) => c.rule!.dispatchTo === 'dept-urban')!;
    const idOf = async (table: 'categories' | 'jurisdictions', code: string) =>
      (
        await ctx.c.db
          .selectFrom(table)
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('code', '=', code)
          .executeTakeFirstOrThrow()
      ).id;
    const place = await idOf('jurisdictions', village.code);
    const a = await ctx.c.routing.suggest(tenantId, {
      category_id: await idOf('categories', territorial.code),
      jurisdiction_id: place,
    });
    expect(a?.unit.name).toBe(townshipUnit.name);
    expect(a?.rule.jurisdiction.name).toBe('青岚区');
    const b = await ctx.c.routing.suggest(tenantId, {
      category_id: await idOf('categories', departmental.code),
      jurisdiction_id: place,
    });
    expect(b?.unit.name).toBe(org.units.find((u) => u.key === 'dept-urban')!.name);
  });
});
