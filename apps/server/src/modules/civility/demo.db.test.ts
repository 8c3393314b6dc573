// The demo district's civility points: entries over this quarter and the last, within
// the rules' caps, one reversal; the `village` login's village has a public board.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { seedDemo } from '../demo/seed.js';

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

describe('demo civility points', () => {
  it('fills this quarter and the last, within caps, and every village has a board', async () => {
    const db = ctx.c.db;
    const perQuarter = await sql<{ q: string; n: string }>`
      SELECT to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY-"Q"Q') AS q, count(*) AS n
      FROM civility_entries WHERE tenant_id = ${tenantId} GROUP BY 1 ORDER BY 1`.execute(db);
    expect(perQuarter.rows.map((r) => r.q)).toEqual(['2026-Q3', '2026-Q4']);
    for (const r of perQuarter.rows) expect(Number(r.n)).toBeGreaterThan(500);
    const over = await sql<{ n: string }>`
      SELECT count(*) AS n FROM (
        SELECT e.household_id, e.rule_id, to_char(e.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-Q') AS q, count(*) AS c
        FROM civility_entries e JOIN civility_rules r ON r.id = e.rule_id
        WHERE e.tenant_id = ${tenantId} AND e.source <> 'reversal' AND r.max_per_quarter IS NOT NULL
        GROUP BY 1, 2, 3, r.max_per_quarter HAVING count(*) > r.max_per_quarter) x`.execute(db);
    expect(Number(over.rows[0]!.n)).toBe(0);
    const reversals = await db
      .selectFrom('civility_entries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('source', '=', 'reversal')
      .executeTakeFirstOrThrow();
    expect(Number(reversals.n)).toBe(1);

    const villages = await ctx.app.inject({
      method: 'GET',
      url: '/api/public/civility/villages',
      headers: { 'x-tenant': tenantId },
    });
    expect(villages.statusCode).toBe(200);
    const items = villages.json().items as Array<{ id: string }>;
    expect(items).toHaveLength(20);
    const board = await ctx.app.inject({
      method: 'GET',
      url: `/api/public/civility/ranking?villageId=${items[0]!.id}`,
      headers: { 'x-tenant': tenantId },
    });
    expect(board.statusCode).toBe(200);
    const b = board.json();
    expect(b.quarter).toBe('2026-Q4');
    expect(b.items.length).toBeGreaterThan(10);
    expect(b.items.length).toBeLessThanOrEqual(50);
    for (const x of b.items) expect(x.head).toMatch(/^.\*\*$/);
  });
});
