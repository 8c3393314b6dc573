// The demo's 三率 review: last month frozen at seed time with its accepted
// exclusion listed openly, a rejected and a pending appeal, a summons held.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
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

describe('demo 三率 review', () => {
  it('has appeals in each state, October frozen and a summons', async () => {
    const { rows } = await sql<{ status: string; n: number }>`
      SELECT status, count(*)::int AS n FROM assessment_appeals WHERE tenant_id = ${tenantId}
       GROUP BY status ORDER BY status`.execute(ctx.c.db);
    expect(rows).toEqual([
      { status: 'accepted', n: 1 },
      { status: 'pending', n: 1 },
      { status: 'rejected', n: 1 },
    ]);
    const snaps = await ctx.c.db
      .selectFrom('assessment_snapshots')
      .select(['month', 'grp', 'version'])
      .where('tenant_id', '=', tenantId)
      .orderBy('grp')
      .execute();
    expect(snaps).toEqual([
      { month: '2026-10', grp: 'department', version: 1 },
      { month: '2026-10', grp: 'township', version: 1 },
    ]);

    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: `${tenantId}-supervisor`, password: DEMO_PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const read = async (group: string) =>
      (
        await ctx.app.inject({
          method: 'GET',
          url: `/api/assessment/units?month=2026-10&group=${group}`,
          headers: { cookie },
        })
      ).json();
    const [twp, dept] = [await read('township'), await read('department')];
    expect(twp.snapshot).toMatchObject({ version: 1, reason: '月末自动封存' });
    expect([...twp.exclusions, ...dept.exclusions]).toHaveLength(1);
    expect(dept.items.some((r: { summons: unknown }) => r.summons !== null)).toBe(true);
  });
});
