// The demo's broadcasts: village 1-1 has three grid workers with logins and an
// instruction to them partly read, with a reminder in the outbox; the demo
// village handler sees it with its counts, the demo grid worker in her inbox.
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

async function login(username: string) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: `${tenantId}-${username}`, password: 'demo' },
  });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((k) => k.name === 'jiesu_session')!;
  return (url: string) =>
    ctx.app
      .inject({ method: 'GET', url, headers: { cookie: `jiesu_session=${cookie.value}` } })
      .then((r) => r.json());
}

describe('demo broadcasts', () => {
  it('has a partly read instruction to the three workers of village 1-1', async () => {
    const village = await login('village');
    const list = await village('/api/broadcasts');
    const instr = list.items.find((b: { kind: string }) => b.kind === 'instruction');
    expect(instr.progress).toEqual({ recipients: 3, read: 2, acked: 1 });
    const detail = await village(`/api/broadcasts/${instr.id}`);
    expect(
      detail.recipients.filter((r: { remindCount: number }) => r.remindCount > 0),
    ).toHaveLength(2);
    expect((await village(`/api/broadcasts/${instr.id}/outbox`)).items).toHaveLength(2);

    const grid = await login('grid');
    const inbox = await grid('/api/my/broadcasts');
    expect(inbox.items.map((b: { id: string }) => b.id)).toContain(instr.id);
    for (const w of ['grid-1-1-2-worker', 'grid-1-1-3-worker']) {
      const items = (await (await login(w))('/api/my/broadcasts')).items;
      expect(items.map((b: { id: string }) => b.id)).toContain(instr.id);
    }
  });
});
