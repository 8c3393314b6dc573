// The demo district's ledger: 20–30 households in every grid, residents with
// valid, encrypted ID numbers, some key population with care needs; the demo
// grid worker sees her grid's households only; a second tenant seeds over the same grids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { seedDemo } from '../demo/seed.js';
import { seedResidents } from '../demo/residents.js';
import { demoOrg } from '../demo/content/index.js';
import { DEMO_PASSWORD } from '../demo/seed.js';

let ctx: TestContext;
const tenantId = `demo${Math.random().toString(36).slice(2, 8)}`;
beforeAll(async () => {
  ctx = await createTestContext({ start: '2026-11-21T02:00:00Z' });
  await seedDemo(ctx.c.db, ctx.clock, {
    tickets: 20,
    days: 10,
    tenantId,
    usernamePrefix: `${tenantId}-`,
  });
}, 180_000);
afterAll(() => ctx.close());

describe('demo residents', () => {
  it('gives every grid 20–30 households; the grid worker sees hers only', async () => {
    const db = ctx.c.db;
    const perGrid = await db
      .selectFrom('households')
      .select(['grid_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('tenant_id', '=', tenantId)
      .groupBy('grid_id')
      .execute();
    expect(perGrid).toHaveLength(61);
    for (const g of perGrid) expect(Number(g.n)).toBeGreaterThanOrEqual(20);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-tenant': tenantId },
      payload: { username: `${tenantId}-grid`, password: DEMO_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((k) => k.name === 'jiesu_session')!;
    const list = await ctx.app.inject({
      method: 'GET',
      url: '/api/households?pageSize=100',
      headers: { cookie: `jiesu_session=${cookie.value}` },
    });
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.total).toBeGreaterThanOrEqual(20);
    expect(body.total).toBeLessThanOrEqual(30);
    expect(new Set(body.items.map((h: { grid: { id: string } }) => h.grid.id)).size).toBe(1);
    expect(body.items[0].members[0].idNumber).toMatch(/^139\*{11}[\dX]{4}$/);
  });

  // Its speed is the bench's business (timed tests fail on a loaded machine).
  it('seeds the ledger into another tenant over the same grids', async () => {
    // Into a second tenant over the same grids: the first one's households have visits now.
    const db = ctx.c.db;
    const other = `${tenantId}b`;
    await db
      .insertInto('tenants')
      .values({
        id: other,
        name: '计时',
        settings: JSON.stringify({}),
        created_at: ctx.clock.now(),
      })
      .execute();
    const jurisdictionIds = new Map(
      (
        await db
          .selectFrom('jurisdictions')
          .select(['id', 'code', 'path'])
          .where('tenant_id', '=', tenantId)
          .execute()
      ).map((j) => [j.code, { id: j.id, path: j.path }]),
    );
    const n = await seedResidents(db, {
      tenantId: other,
      org: demoOrg(),
      now: ctx.clock.now(),
      jurisdictionIds,
    });
    expect(n).toBeGreaterThan(2000);
    const stored = await db
      .selectFrom('residents')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', other)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(n);
  });
});
