// [Interop] API tokens administered per tenant: issued with scopes (the token shown once,
// stored as a hash), a token reaching only what its scopes allow AND its user may, revoked
// at once, expiring, and its last use recorded at most once a minute.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type District, type TestContext } from '../../../test/harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON under test */
async function bearer(method: 'GET' | 'POST', url: string, token: string, payload?: object) {
  const res = await ctx.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload } : {}),
  });
  return { status: res.statusCode, body: res.body ? (res.json() as any) : null };
}

function ticketBody(d: District) {
  return {
    channel: 'api',
    type: 'help',
    categoryId: d.categories.leaf,
    title: '楼道灯不亮',
    description: '3号楼2单元楼道灯坏了一周。',
    address: '东湖社区3号楼',
    jurisdictionId: d.nodes.vil1,
    requester: { name: '钱先生', phone: '13700137000' },
  };
}

const countTickets = async (d: District) =>
  (await ctx.c.db.selectFrom('tickets').select('id').where('tenant_id', '=', d.tenantId).execute())
    .length;

async function issue(d: District, body: Record<string, unknown>) {
  const admin = await d.login('admin');
  const res = await admin.post('/api/admin/tokens', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { token: string; item: any };
}

describe('administering API tokens', () => {
  it('only an administrator lists or issues, within the tenant; the token is shown once', async () => {
    const d = await ctx.newDistrict();
    const other = await ctx.newDistrict();
    const dispatcher = await d.login('dispatcher');
    expect((await dispatcher.get('/api/admin/tokens')).status).toBe(403);
    const refused = await dispatcher.post('/api/admin/tokens', {
      name: 'x',
      userId: d.users.agent,
      scopes: ['tickets:read'],
    });
    expect(refused.status).toBe(403);

    const made = await issue(d, {
      name: '12345 对接',
      userId: d.users.agent,
      scopes: ['tickets:read'],
    });
    expect(made.token).toMatch(/^jst_/);
    expect(made.item).toMatchObject({
      name: '12345 对接',
      user: { id: d.users.agent, username: `${d.tenantId}-agent` },
      scopes: ['tickets:read'],
      lastUsedAt: null,
      revokedAt: null,
    });
    const admin = await d.login('admin');
    const list = await admin.get('/api/admin/tokens');
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(made.token.slice(4));
    const stored = await ctx.c.db
      .selectFrom('api_tokens')
      .select('token_hash')
      .where('id', '=', made.item.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(made.token.slice(4));

    // Another tenant's user, an unknown scope, a past expiry: 400 and nothing issued.
    for (const body of [
      { name: 'x', userId: other.users.agent, scopes: ['tickets:read'] },
      { name: 'x', userId: d.users.agent, scopes: ['admin'] },
      {
        name: 'x',
        userId: d.users.agent,
        scopes: ['tickets:read'],
        expiresAt: '2020-01-01T00:00:00Z',
      },
    ]) {
      expect((await admin.post('/api/admin/tokens', body)).status).toBe(400);
    }
    expect((await admin.get('/api/admin/tokens')).body).toHaveLength(1);
    // Another tenant's administrator neither sees nor revokes it.
    const otherAdmin = await other.login('admin');
    expect((await otherAdmin.get('/api/admin/tokens')).body).toEqual([]);
    expect((await otherAdmin.del(`/api/admin/tokens/${made.item.id}`)).status).toBe(404);
    expect((await bearer('GET', '/api/tickets', made.token)).status).toBe(200);
  });
});

describe('scopes', () => {
  it('tickets:read reads but does not write; tickets:write writes; undeclared routes are closed', async () => {
    const d = await ctx.newDistrict();
    const read = (await issue(d, { name: 'r', userId: d.users.agent, scopes: ['tickets:read'] }))
      .token;
    const write = (
      await issue(d, {
        name: 'w',
        userId: d.users.agent,
        scopes: ['tickets:read', 'tickets:write'],
      })
    ).token;
    const o311 = (await issue(d, { name: 'o', userId: d.users.agent, scopes: ['open311'] })).token;

    expect((await bearer('GET', '/api/tickets', read)).status).toBe(200);
    const refused = await bearer('POST', '/api/tickets', read, ticketBody(d));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('TOKEN_SCOPE_MISSING');
    expect(refused.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await countTickets(d)).toBe(0);
    // An open311 token does not reach the ticket API at all.
    expect((await bearer('GET', '/api/tickets', o311)).status).toBe(403);
    // Routes that declare no scope (here: the user's own profile, administration) are closed.
    expect((await bearer('GET', '/api/auth/me', write)).status).toBe(403);
    expect((await bearer('GET', '/api/admin/users', write)).status).toBe(403);

    const created = await bearer('POST', '/api/tickets', write, ticketBody(d));
    expect(created.status).toBe(201);
    expect(await countTickets(d)).toBe(1);
    const t = created.body;
    const act = await bearer('POST', `/api/tickets/${t.id}/actions/dispatch`, read, {
      input: { leadUnitId: d.units.vil1 },
    });
    expect(act.status).toBe(403);
    expect((await bearer('GET', `/api/tickets/${t.id}`, read)).body.state).toBe('received');
  });

  it('import and webhooks scopes open the upstream import and the webhook API, and only with an allowed user', async () => {
    const d = await ctx.newDistrict();
    const imp = (await issue(d, { name: 'i', userId: d.users.dispatcher, scopes: ['import'] }))
      .token;
    const hooks = (await issue(d, { name: 'h', userId: d.users.admin, scopes: ['webhooks'] }))
      .token;
    const batch = {
      tickets: [
        {
          upstreamId: 'SJ-TOKEN-1',
          receivedAt: '2026-11-20T08:00:00+08:00',
          type: 'help',
          category: '路灯损坏',
          title: '路灯不亮',
          description: '东湖社区3号楼前路灯不亮。',
          address: '东湖社区3号楼',
          requester: { name: '钱先生', phone: '13700137000' },
        },
      ],
    };
    // The import scope imports; the webhooks scope does not, nor the other way round.
    const viaImport = await bearer('POST', '/api/upstream/import', imp, batch);
    expect(viaImport.status, JSON.stringify(viaImport.body)).toBe(200);
    expect((await bearer('POST', '/api/upstream/import', hooks, batch)).status).toBe(403);
    expect((await bearer('GET', '/api/webhooks', imp)).status).toBe(403);
    expect((await bearer('GET', '/api/webhooks', hooks)).status).toBe(200);
    // A webhooks token of a user who is no administrator gets the user's 403.
    const agentHooks = (await issue(d, { name: 'a', userId: d.users.agent, scopes: ['webhooks'] }))
      .token;
    expect((await bearer('GET', '/api/webhooks', agentHooks)).status).toBe(403);
  });

  it('a token reaches no more than its user may', async () => {
    const d = await ctx.newDistrict();
    const t = await d.newTicket({ jurisdictionId: d.nodes.vil3 });
    const village = (
      await issue(d, { name: 'v', userId: d.users.village, scopes: ['tickets:read'] })
    ).token;
    // The village committee of vil1 does not see a ticket of vil3, whatever the token's scopes.
    expect((await bearer('GET', `/api/tickets/${t.id}`, village)).status).toBe(404);
    const agent = (await issue(d, { name: 'a', userId: d.users.agent, scopes: ['tickets:read'] }))
      .token;
    expect((await bearer('GET', `/api/tickets/${t.id}`, agent)).status).toBe(200);
  });
});

describe('revocation, expiry and last use', () => {
  it('revoked: the next request is 401 and the list shows when', async () => {
    const d = await ctx.newDistrict();
    const made = await issue(d, {
      name: 'r',
      userId: d.users.agent,
      scopes: ['tickets:read', 'tickets:write'],
    });
    expect((await bearer('GET', '/api/tickets', made.token)).status).toBe(200);
    const admin = await d.login('admin');
    expect((await admin.del(`/api/admin/tokens/${made.item.id}`)).status).toBe(204);
    const after = await bearer('GET', '/api/tickets', made.token);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
    expect((await bearer('POST', '/api/tickets', made.token, ticketBody(d))).status).toBe(401);
    expect(await countTickets(d)).toBe(0);
    const [row] = (await admin.get('/api/admin/tokens')).body;
    expect(row.revokedAt).toBe(ctx.clock.now().toISOString());
    // Revoking again changes nothing.
    expect((await admin.del(`/api/admin/tokens/${made.item.id}`)).status).toBe(204);
  });

  it('expires at its expiry', async () => {
    const d = await ctx.newDistrict();
    const at = new Date(ctx.clock.now().getTime() + 3600_000).toISOString();
    const made = await issue(d, {
      name: 'e',
      userId: d.users.agent,
      scopes: ['tickets:read'],
      expiresAt: at,
    });
    expect((await bearer('GET', '/api/tickets', made.token)).status).toBe(200);
    ctx.clock.advance(3600_000);
    expect((await bearer('GET', '/api/tickets', made.token)).status).toBe(401);
  });

  it('records the last use at most once a minute', async () => {
    const d = await ctx.newDistrict();
    const made = await issue(d, { name: 'u', userId: d.users.agent, scopes: ['tickets:read'] });
    const admin = await d.login('admin');
    const lastUsed = async () => (await admin.get('/api/admin/tokens')).body[0].lastUsedAt;
    expect(await lastUsed()).toBeNull();
    const first = ctx.clock.now().toISOString();
    await bearer('GET', '/api/tickets', made.token);
    expect(await lastUsed()).toBe(first);
    expect((await admin.get('/api/admin/tokens')).body[0].lastUsedIp).toBe('127.0.0.1');
    ctx.clock.advance(30_000);
    await bearer('GET', '/api/tickets', made.token);
    expect(await lastUsed()).toBe(first); // within the minute: not written
    ctx.clock.advance(31_000);
    await bearer('GET', '/api/tickets', made.token);
    expect(await lastUsed()).toBe(ctx.clock.now().toISOString());
  });
});
