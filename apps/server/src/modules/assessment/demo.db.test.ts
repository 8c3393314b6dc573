// The demo district's 三率: the seed writes its stories' events directly, then
// rebuilds the rollups from them; the month's figures from the rollups equal the
// naive count over the trail, and the supervisor sees townships with volume.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.js';
import { assessmentRepository } from './repository.js';
import { COUNTERS } from './rollups.js';

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

describe('demo 三率', () => {
  it('has rollups equal to the naive count for October', async () => {
    const repo = assessmentRepository(ctx.c.db);
    const naive = await repo.naiveCounts(
      tenantId,
      new Date('2026-10-01T00:00:00+08:00'),
      new Date('2026-11-01T00:00:00+08:00'),
    );
    const rolled = await repo.rollupCounts(tenantId, '2026-10-01', '2026-11-01');
    const key = (rows: Array<Record<string, unknown>>) =>
      Object.fromEntries(rows.map((r) => [r.unit_id, COUNTERS.map((c) => Number(r[c]))]));
    expect(key(rolled)).toEqual(key(naive));
    expect(naive.reduce((s, r) => s + Number(r.dispatched), 0)).toBeGreaterThan(10);
  });

  it('shows the supervisor the townships of October with their volume', async () => {
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: `${tenantId}-supervisor`, password: DEMO_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/assessment/units?month=2026-10&group=township',
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    const v = res.json();
    expect(v.items.length).toBeGreaterThan(1);
    expect(v.items.some((r: { volume: number }) => r.volume > 0)).toBe(true);
  });

  it("counts every patrol report of November once among the townships' proactive actions", async () => {
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: `${tenantId}-supervisor`, password: DEMO_PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/assessment/units?month=2026-11&group=township',
      headers: { cookie },
    });
    const v = res.json();
    const reports = await ctx.c.db
      .selectFrom('patrol_reports')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('reported_at', '>=', new Date('2026-11-01T00:00:00+08:00'))
      .where('reported_at', '<', new Date('2026-12-01T00:00:00+08:00'))
      .executeTakeFirstOrThrow();
    expect(Number(reports.n)).toBeGreaterThan(0);
    const sum = v.items.reduce((n: number, r: { proactive: number }) => n + r.proactive, 0);
    expect(sum).toBe(Number(reports.n));
  });
});
