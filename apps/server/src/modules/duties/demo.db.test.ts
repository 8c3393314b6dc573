// The demo district's duties: the demo grid worker (李桂芝, login `grid`) has a
// realistic day — yesterday's patrol done, none yet today, households to visit, a
// visit planned for today — and her village sees patrol reports counted by kind.
// The seeding itself is fast (measured here, alone, on the seeded district).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.js';
import { seedDuties } from '../demo/duties.js';

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

async function login(username: string) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: `${tenantId}-${username}`, password: DEMO_PASSWORD },
  });
  expect(res.statusCode).toBe(200);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  return (url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie } });
}

describe('demo duties', () => {
  it('gives the demo grid worker a realistic day', async () => {
    const get = await login('grid');
    const res = await get('/api/duties/today');
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.patrol).toMatchObject({ due: 1, done: 0, open: null });
    expect(d.visitsDue.length).toBeGreaterThan(0);
    expect(d.visitsDue.some((h: { plannedFor: string | null }) => h.plannedFor === d.date)).toBe(
      true,
    );
    expect(d.overdue.patrolDaysMissed).not.toContain('2026-11-20');
  });

  it('counts patrol reports per grid for the village', async () => {
    const rows = await ctx.c.db
      .selectFrom('patrol_reports')
      .select(['outcome'])
      .where('tenant_id', '=', tenantId)
      .execute();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.some((r) => r.outcome === 'closed_on_spot')).toBe(true);
  });

  it('seeds the same amount again on a second run', async () => {
    // A second run adds the same amount again (what the demo start pays is the bench's business).
    const users = await ctx.c.db
      .selectFrom('users')
      .select(['id', 'username'])
      .where('tenant_id', '=', tenantId)
      .execute();
    const { demoOrg } = await import('../demo/content/index.js');
    const org = demoOrg();
    const j = await ctx.c.db
      .selectFrom('jurisdictions')
      .select(['id', 'code', 'path'])
      .where('tenant_id', '=', tenantId)
      .execute();
    const n = await seedDuties(ctx.c.db, {
      tenantId,
      org,
      now: ctx.clock.now(),
      jurisdictionIds: new Map(j.map((x) => [x.code, { id: x.id, path: x.path }])),
      userIds: new Map(users.map((u) => [u.username.slice(tenantId.length + 1), u.id])),
    });
    // Its speed is the bench's business: timed tests fail on a loaded machine.
    expect(n).toBeGreaterThan(100);
  });
});
