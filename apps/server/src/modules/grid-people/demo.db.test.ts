// The demo district's grid people: every grid has one worker and one head on
// duty, the demo grid worker's login is her grid's worker, some grids have
// supervisors and informants; the board of the demo village reads them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { seedDemo } from '../demo/seed.js';

let ctx: TestContext;
const tenantId = `demo${Math.random().toString(36).slice(2, 8)}`;
beforeAll(async () => {
  ctx = await createTestContext({ start: '2026-11-21T02:00:00Z' });
  await seedDemo(ctx.c.db, ctx.clock, {
    tickets: 40,
    days: 20,
    tenantId,
    usernamePrefix: `${tenantId}-`,
  });
}, 180_000);
afterAll(() => ctx.close());

describe('demo grid people', () => {
  it('gives every grid a worker and a head', async () => {
    const db = ctx.c.db;
    const grids = await db
      .selectFrom('jurisdictions')
      .select(['id', 'code'])
      .where('tenant_id', '=', tenantId)
      .where('level', '=', 'grid')
      .execute();
    expect(grids).toHaveLength(61);
    const members = await db
      .selectFrom('grid_members')
      .select(['jurisdiction_id', 'role', 'name', 'phone', 'user_id', 'until'])
      .where('tenant_id', '=', tenantId)
      .execute();
    for (const g of grids) {
      const on = members.filter((m) => m.jurisdiction_id === g.id && m.until === null);
      expect(
        on.filter((m) => m.role === 'worker'),
        g.code,
      ).toHaveLength(1);
      expect(
        on.filter((m) => m.role === 'head'),
        g.code,
      ).toHaveLength(1);
      expect(on.find((m) => m.role === 'worker')!.phone).toMatch(/^1[3-9]\d{9}$/);
    }
    const roles = new Set(members.map((m) => m.role));
    expect(roles).toEqual(new Set(['worker', 'head', 'supervisor', 'informant']));
    expect(members.some((m) => m.until !== null)).toBe(true);

    // The demo grid worker (李桂芝) is her grid's worker, linked to her login.
    const grid = await db
      .selectFrom('users')
      .select(['id', 'display_name', 'phone'])
      .where('tenant_id', '=', tenantId)
      .where('username', '=', `${tenantId}-grid`)
      .executeTakeFirstOrThrow();
    const hers = members.filter((m) => m.user_id === grid.id);
    expect(hers).toEqual([
      expect.objectContaining({ role: 'worker', name: grid.display_name, phone: grid.phone }),
    ]);
  });

  it("the demo village's board names its grids' workers", async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/public/grid-board/places',
      headers: { 'x-tenant': tenantId },
    });
    expect(res.statusCode).toBe(200);
    const places = res.json() as Array<{
      id: string;
      name: string;
      township: string;
      grids: number;
    }>;
    expect(places).toHaveLength(20);
    expect(places.reduce((n, p) => n + p.grids, 0)).toBe(61);
    const first = places.find((p) => p.name === '石峪村')!;
    expect(first.township).toBe('石峪乡');
    const board = await ctx.app.inject({
      method: 'GET',
      url: `/api/public/grid-board?place=${first.id}`,
      headers: { 'x-tenant': tenantId },
    });
    expect(board.statusCode).toBe(200);
    const b = board.json();
    expect(b.grids.length).toBe(first.grids);
    expect(b.grids[0].worker.name).toBe('李桂芝');
    expect(b.supervision.village.phone).toBeTruthy();
    expect(b.supervision.township.phone).toBeTruthy();
  });
});
