// The demo district's colour lists: every colour kept by townships and villages,
// some overdue, some cleared; the change log agrees with the items; the `village`
// login reads its own list and its week's yellow report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.js';

let ctx: TestContext;
const tenantId = `demo${Math.random().toString(36).slice(2, 8)}`;
beforeAll(async () => {
  ctx = await createTestContext({ start: '2026-11-21T02:00:00Z' });
  await seedDemo(ctx.c.db, ctx.clock, {
    tickets: 200,
    days: 60,
    tenantId,
    usernamePrefix: `${tenantId}-`,
  });
}, 240_000);
afterAll(() => ctx.close());

describe('demo 三色清单', () => {
  it('has items in each colour at both levels, some overdue, some cleared, logged consistently', async () => {
    const db = ctx.c.db;
    const items = await db
      .selectFrom('colour_items')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .execute();
    const now = ctx.clock.now();
    for (const colour of ['yellow', 'orange', 'red'] as const) {
      const of = items.filter((i) => i.colour === colour);
      expect(of.filter((i) => i.level === 'village').length, colour).toBeGreaterThan(0);
      expect(of.filter((i) => i.level === 'township').length, colour).toBeGreaterThan(0);
      expect(
        of.some((i) => i.status === 'cleared'),
        colour,
      ).toBe(true);
    }
    expect(items.some((i) => i.status === 'open' && i.clear_by < now)).toBe(true);
    expect(items.some((i) => i.ticket_id)).toBe(true);
    const changes = await db
      .selectFrom('colour_item_changes')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('at')
      .orderBy('id')
      .execute();
    for (const i of items) {
      const log = changes.filter((c) => c.item_id === i.id);
      expect(log[0]!.kind).toBe('added');
      const last = log.filter((c) => c.kind !== 'cleared').at(-1)!;
      expect(last.to_colour).toBe(i.colour);
      expect(last.clear_by.getTime()).toBe(i.clear_by.getTime());
      expect(i.clear_by.getTime()).toBeGreaterThanOrEqual(i.created_at.getTime());
      if (i.cleared_at) expect(i.cleared_at.getTime()).toBeGreaterThan(i.created_at.getTime());
      expect(log.some((c) => c.kind === 'cleared')).toBe(i.status === 'cleared');
    }
  });

  it('shows the village login its list and its weekly yellow report', async () => {
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: `${tenantId}-village`, password: DEMO_PASSWORD },
    });
    const cookie = login.cookies.find((k) => k.name === 'jiesu_session')!;
    const get = async (url: string) => {
      const r = await ctx.app.inject({
        method: 'GET',
        url,
        headers: { cookie: `jiesu_session=${cookie.value}` },
      });
      return { status: r.statusCode, body: r.json() };
    };
    const units = (await get('/api/colour-lists/units')).body.items;
    expect(units).toHaveLength(1);
    const list = await get('/api/colour-lists/items');
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThan(5);
    const rep = await get(`/api/colour-lists/report?unitId=${units[0].id}&colour=yellow`);
    expect(rep.status).toBe(200);
    const f = rep.body.figures;
    expect(f.opening + f.new).toBe(f.cleared + f.carriedOver);
  });
});
