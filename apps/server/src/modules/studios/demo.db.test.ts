// The demo district's studios: one per village, a roster for the current month
// with at most a rare gap, receptions of the month (answered and ticketed) and
// checks; the studio page's figures read them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { seedDemo } from '../demo/seed.js';

let ctx: TestContext;
const tenantId = `demo${Math.random().toString(36).slice(2, 8)}`;
beforeAll(async () => {
  ctx = await createTestContext({ start: '2026-11-21T02:00:00Z' });
  await seedDemo(ctx.c.db, ctx.clock, {
    tickets: 200,
    days: 30,
    tenantId,
    usernamePrefix: `${tenantId}-`,
  });
}, 180_000);
afterAll(() => ctx.close());

describe('demo studios', () => {
  it('gives every village a studio with this month’s roster, receptions and checks', async () => {
    const db = ctx.c.db;
    const villages = await db
      .selectFrom('jurisdictions')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('level', '=', 'village')
      .execute();
    const studios = await db
      .selectFrom('studios')
      .select(['id', 'village_id', 'phone'])
      .where('tenant_id', '=', tenantId)
      .execute();
    expect(studios).toHaveLength(villages.length);
    for (const s of studios) expect(s.phone).toMatch(/^0\d{9,11}$/);

    const stats = await ctx.c.studios.stats(
      {
        kind: 'staff',
        userId: '00000000-0000-4000-8000-000000000000',
        tenantId,
        username: 'x',
        displayName: 'x',
        grants: [],
        scope: 'tenant',
      },
      '2026-11',
    );
    expect(stats.items).toHaveLength(studios.length);
    expect(stats.total.answered).toBeGreaterThan(studios.length);
    expect(stats.total.checks).toBeGreaterThan(studios.length);
    // A rare gap: fewer than one working day in ten per studio.
    expect(stats.total.rosterGaps).toBeLessThan(studios.length * 2);
  });
});
