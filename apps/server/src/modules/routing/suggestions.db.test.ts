// The catalogue's answer for real tickets: inheritance down the area tree, the
// most specific category, territorial targets, fallbacks; and the suggestions
// endpoint putting it first, before history, ready for a one-click dispatch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import type { Client, District } from '../../../test/factories.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

interface Suggestion {
  source: 'catalogue' | 'history';
  unit: { id: string; name: string };
  coUnits: Array<{ id: string; name: string }>;
  count: number;
  share: number;
  rule: {
    id: string;
    target: string;
    category: { id: string };
    jurisdiction: { id: string };
  } | null;
}

async function suggestionsFor(d: District, over: Record<string, unknown>): Promise<Suggestion[]> {
  const t = await d.newTicket(over);
  const res = await (await d.login('dispatcher')).get(`/api/tickets/${t.id}/suggestions`);
  expect(res.status).toBe(200);
  return res.body;
}

async function catalogueOf(d: District, over: Record<string, unknown>) {
  const s = (await suggestionsFor(d, over)).find((x) => x.source === 'catalogue');
  return s ? { lead: s.unit.id, co: s.coUnits.map((u) => u.id), rule: s.rule!.id } : null;
}

async function addRule(admin: Client, body: Record<string, unknown>): Promise<string> {
  const res = await admin.post('/api/dispatch-rules', body);
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.id;
}

describe('the catalogue’s suggestion', () => {
  it('resolves inherited, overridden, territorial and fallback rules for each ticket', async () => {
    const d = await ctx.newDistrict();
    const admin = await d.login('admin');
    // 城乡建设 anywhere in the district: the township of the place.
    const rootRule = await addRule(admin, {
      categoryId: d.categories.root,
      jurisdictionId: d.nodes.district,
      target: 'territorial_township',
    });
    // 路灯损坏 anywhere: the department, with the water bureau and the township assisting…
    const leafRule = await addRule(admin, {
      categoryId: d.categories.leaf,
      jurisdictionId: d.nodes.district,
      target: 'unit',
      unitId: d.units.dept,
      coUnitIds: [d.units.dept2],
      coTerritorial: ['territorial_township'],
    });
    // …except in 西山镇, where the village committee handles it.
    const twp2Rule = await addRule(admin, {
      categoryId: d.categories.leaf,
      jurisdictionId: d.nodes.twp2,
      target: 'territorial_village',
    });

    // Inherited from the district by a village of 东城街道.
    expect(await catalogueOf(d, { jurisdictionId: d.nodes.vil1 })).toEqual({
      lead: d.units.dept,
      co: [d.units.dept2, d.units.twp1],
      rule: leafRule,
    });
    // A grid below it inherits too.
    expect((await catalogueOf(d, { jurisdictionId: d.nodes.grid1 }))?.rule).toBe(leafRule);
    // The township's own rule overrides the district's below it.
    expect(await catalogueOf(d, { jurisdictionId: d.nodes.vil3 })).toEqual({
      lead: d.units.vil3,
      co: [],
      rule: twp2Rule,
    });
    // At the township itself there is no village: the district's rule applies.
    expect(await catalogueOf(d, { jurisdictionId: d.nodes.twp2 })).toEqual({
      lead: d.units.dept,
      co: [d.units.dept2, d.units.twp2],
      rule: leafRule,
    });
    // A sibling category without its own rule takes its ancestor's.
    expect(
      await catalogueOf(d, { categoryId: d.categories.other, jurisdictionId: d.nodes.vil2 }),
    ).toEqual({ lead: d.units.twp1, co: [], rule: rootRule });
    // A category with no rule on its chain: no catalogue suggestion.
    expect(
      await catalogueOf(d, { categoryId: d.categories.heating, jurisdictionId: d.nodes.vil1 }),
    ).toBeNull();

    // An inactive department no longer resolves: the next rule (the root's) does.
    await ctx.c.db
      .updateTable('units')
      .set({ active: false })
      .where('id', '=', d.units.dept)
      .execute();
    expect(await catalogueOf(d, { jurisdictionId: d.nodes.vil1 })).toEqual({
      lead: d.units.twp1,
      co: [],
      rule: rootRule,
    });
    // Without a government unit at the township, the territorial rule does not resolve either.
    await ctx.c.db
      .updateTable('units')
      .set({ active: false })
      .where('id', '=', d.units.twp1)
      .execute();
    expect(await catalogueOf(d, { jurisdictionId: d.nodes.vil1 })).toBeNull();
  });

  it('comes first, before history, and one click dispatches to it with its co-units', async () => {
    const d = await ctx.newDistrict();
    const admin = await d.login('admin');
    const dispatcher = await d.login('dispatcher');
    for (const unit of [d.units.vil1, d.units.vil1, d.units.dept]) {
      const t = await d.newTicket();
      await dispatcher.act(t.id, 'dispatch', { leadUnitId: unit });
    }
    // History alone: the units that led 路灯损坏 before.
    const before = await suggestionsFor(d, {});
    expect(before.map((s) => [s.source, s.unit.id, s.count])).toEqual([
      ['history', d.units.vil1, 2],
      ['history', d.units.dept, 1],
    ]);
    expect(before[0]!.rule).toBeNull();

    const rule = await addRule(admin, {
      categoryId: d.categories.leaf,
      jurisdictionId: d.nodes.district,
      target: 'unit',
      unitId: d.units.dept,
      coUnitIds: [d.units.dept2],
    });
    const t = await d.newTicket();
    const res = await dispatcher.get(`/api/tickets/${t.id}/suggestions`);
    const list: Suggestion[] = res.body;
    // The catalogue's unit first, carrying its own history; listed once.
    expect(list.map((s) => [s.source, s.unit.id])).toEqual([
      ['catalogue', d.units.dept],
      ['history', d.units.vil1],
    ]);
    expect(list[0]).toMatchObject({
      unit: { id: d.units.dept, name: '区城市管理委员会' },
      coUnits: [{ id: d.units.dept2, name: '区水务局' }],
      count: 1,
      rule: {
        id: rule,
        target: 'unit',
        category: { id: d.categories.leaf, name: '路灯损坏' },
        jurisdiction: { id: d.nodes.district, name: '测试区' },
      },
    });
    expect(list[0]!.share).toBeCloseTo(1 / 3);
    expect(list[1]!.coUnits).toEqual([]);

    // One click: dispatch to the suggestion as it is.
    const top = list[0]!;
    const done = await dispatcher.act(t.id, 'dispatch', {
      leadUnitId: top.unit.id,
      coUnitIds: top.coUnits.map((u) => u.id),
    });
    expect(done.status).toBe(200);
    expect(done.body.leadUnit.id).toBe(d.units.dept);
    expect(done.body.coUnits.map((u: { id: string }) => u.id)).toEqual([d.units.dept2]);

    // Only those who see the ticket get suggestions for it.
    expect((await (await d.login('dept')).get(`/api/tickets/${t.id}/suggestions`)).status).toBe(
      200,
    );
    const fresh = await d.newTicket();
    expect(
      (await (await d.login('village')).get(`/api/tickets/${fresh.id}/suggestions`)).status,
    ).toBe(404);
  });
});
