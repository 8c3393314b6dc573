// Authentication and its guards, through the real HTTP app: password sign-in
// with a per-username lock, the session cookie and its CSRF token, session
// expiry on the injected clock, bearer API tokens, and admin-only routes.
// Every refusal is also checked to have written nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type District, type TestContext } from '../../../test/harness.js';
import { PASSWORD } from '../../../test/factories.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test
  setCookie: string[];
}

async function call(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  headers: Record<string, string> = {},
  payload?: unknown,
): Promise<Reply> {
  const res = await ctx.app.inject({
    method,
    url,
    headers,
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  const raw = res.headers['set-cookie'];
  return {
    status: res.statusCode,
    body: res.body ? res.json() : null,
    setCookie: raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)],
  };
}

const login = (username: string, password: string) =>
  call('POST', '/api/auth/login', {}, { username, password });

interface Session {
  token: string;
  csrf: string;
  /** Cookie and CSRF header, as the web app sends them. */
  headers: Record<string, string>;
}

async function signIn(d: District, who: 'admin' | 'dispatcher' | 'agent'): Promise<Session> {
  const res = await login(`${d.tenantId}-${who}`, PASSWORD);
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  const token = /jiesu_session=([^;]*)/.exec(res.setCookie.join('\n'))![1]!;
  const csrf = res.body.csrfToken as string;
  return { token, csrf, headers: { cookie: `jiesu_session=${token}`, 'x-csrf-token': csrf } };
}

const cookieOnly = (s: Session) => ({ cookie: `jiesu_session=${s.token}` });

function ticketBody(d: District): Record<string, unknown> {
  return {
    channel: 'hotline',
    type: 'help',
    categoryId: d.categories.leaf,
    title: '楼道灯不亮',
    description: '3号楼2单元楼道灯坏了一周。',
    address: '东湖社区3号楼',
    jurisdictionId: d.nodes.vil1,
    requester: { name: '钱先生', phone: '13700137000' },
  };
}

/** Rows of a table for one tenant or user: refusals are checked to have written nothing. */
async function count(
  table: 'tickets' | 'sessions' | 'users' | 'time_limit_policies',
  where: { col: 'tenant_id' | 'user_id'; value: string },
): Promise<number> {
  const r = await sql<{ n: string }>`
    SELECT count(*) AS n FROM ${sql.table(table)} WHERE ${sql.ref(where.col)} = ${where.value}
  `.execute(ctx.c.db);
  return Number(r.rows[0]!.n);
}

const sessionsOf = (userId: string) => count('sessions', { col: 'user_id', value: userId });
const ticketsOf = (d: District) => count('tickets', { col: 'tenant_id', value: d.tenantId });

describe('signing in', () => {
  it('refuses a wrong password or an unknown name with the same 401 and opens no session', async () => {
    const d = await ctx.newDistrict();
    const wrong = await login(`${d.tenantId}-dispatcher`, 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.setCookie).toEqual([]);
    const unknown = await login(`${d.tenantId}-nobody`, PASSWORD);
    // The same answer either way, so sign-in does not tell which usernames exist.
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(await sessionsOf(d.users.dispatcher)).toBe(0);
  });

  it('locks a username after 5 failures, even for the right password, until the lock passes', async () => {
    const d = await ctx.newDistrict();
    const username = `${d.tenantId}-dispatcher`;
    for (let i = 1; i <= 5; i++) {
      ctx.clock.advance(MINUTE);
      const res = await login(username, `wrong-${i}`);
      expect(res.status, `attempt ${i}`).toBe(401);
      expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
    }
    const locked = await login(username, PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('LOGIN_THROTTLED');
    expect(locked.setCookie).toEqual([]);
    // The lock is on the name, whatever its case, and only on that name.
    expect((await login(username.toUpperCase(), PASSWORD)).status).toBe(429);
    expect((await login(`${d.tenantId}-agent`, PASSWORD)).status).toBe(200);

    ctx.clock.advance(15 * MINUTE - 1000); // 1 s before the lock ends
    expect((await login(username, PASSWORD)).status).toBe(429);
    expect(await sessionsOf(d.users.dispatcher)).toBe(0);

    ctx.clock.advance(2000);
    const ok = await login(username, PASSWORD);
    expect(ok.status).toBe(200);
    expect(await sessionsOf(d.users.dispatcher)).toBe(1);
    // Success clears the count: one more slip does not lock the name again.
    expect((await login(username, 'wrong-again')).status).toBe(401);
    expect((await login(username, PASSWORD)).status).toBe(200);
  });

  // A burst of parallel guesses must count as many failures as it has guesses,
  // or the per-username lock can be bypassed by guessing concurrently.
  it('counts every failure of a concurrent burst, so the burst locks the name', async () => {
    const d = await ctx.newDistrict();
    const username = `${d.tenantId}-dispatcher`;
    const burst = await Promise.all(
      Array.from({ length: 10 }, (_, i) => login(username, `guess-${i}`)),
    );
    for (const res of burst) expect([401, 429]).toContain(res.status);
    const row = await ctx.c.db
      .selectFrom('login_attempts')
      .selectAll()
      .where('key', '=', `user:${username}`)
      .executeTakeFirst();
    expect(row?.failures ?? 0).toBeGreaterThanOrEqual(5);
    const next = await login(username, PASSWORD);
    expect(next.status).toBe(429);
  });

  it('sets an HttpOnly, SameSite=Lax session cookie that expires with the session', async () => {
    const d = await ctx.newDistrict();
    const res = await login(`${d.tenantId}-dispatcher`, PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.setCookie.find((c) => c.startsWith('jiesu_session='));
    expect(cookie).toBeDefined();
    const attrs = cookie!.split(';').map((a) => a.trim().toLowerCase());
    expect(attrs).toContain('httponly');
    expect(attrs).toContain('samesite=lax');
    expect(attrs).toContain('path=/');
    const expires = attrs.find((a) => a.startsWith('expires='))!.slice('expires='.length);
    expect(new Date(expires).getTime()).toBe(ctx.clock.now().getTime() + 12 * HOUR);
    // The CSRF token travels in the body, never in a cookie script could read.
    const token = /^jiesu_session=([^;]*)/.exec(cookie!)![1]!;
    expect(res.body.csrfToken).toMatch(/^[\w-]{16,}$/);
    expect(res.body.csrfToken).not.toBe(token);
    // Only a hash of the session token is stored.
    const rows = await ctx.c.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', d.users.dispatcher)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).not.toBe(token);
  });
});

describe('CSRF', () => {
  it('refuses an unsafe request with the cookie but without the right token, and writes nothing', async () => {
    const d = await ctx.newDistrict();
    const s = await signIn(d, 'dispatcher');
    const other = await signIn(d, 'dispatcher'); // a second session of the same user
    const headersWith = (csrf?: string) => ({
      ...cookieOnly(s),
      ...(csrf !== undefined ? { 'x-csrf-token': csrf } : {}),
    });
    for (const csrf of [undefined, '', 'forged-token', other.csrf]) {
      const res = await call('POST', '/api/tickets', headersWith(csrf), ticketBody(d));
      expect(res.status, `csrf ${csrf}`).toBe(403);
      expect(res.body.error.code).toBe('CSRF_FAILED');
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await ticketsOf(d)).toBe(0);

    // A ticket action is guarded the same way and leaves the ticket as it was.
    const t = await d.newTicket();
    const act = await call('POST', `/api/tickets/${t.id}/actions/dispatch`, headersWith(), {
      input: { leadUnitId: d.units.vil1 },
    });
    expect(act.status).toBe(403);
    expect(act.body.error.code).toBe('CSRF_FAILED');
    const view = await call('GET', `/api/tickets/${t.id}`, cookieOnly(s));
    expect(view.status).toBe(200); // safe methods need no token
    expect(view.body).toMatchObject({ state: 'received', version: 1, leadUnit: null });

    // So is a PUT, even by an administrator.
    const admin = await signIn(d, 'admin');
    const before = await count('time_limit_policies', { col: 'tenant_id', value: d.tenantId });
    const put = await call('PUT', '/api/time-limit-policies', cookieOnly(admin), {
      categoryId: d.categories.leaf,
      urgency: null,
      response: { amount: 4, unit: 'working_hours' },
      completion: { amount: 3, unit: 'working_days' },
    });
    expect(put.status).toBe(403);
    expect(put.body.error.code).toBe('CSRF_FAILED');
    expect(await count('time_limit_policies', { col: 'tenant_id', value: d.tenantId })).toBe(
      before,
    );

    const ok = await call('POST', '/api/tickets', s.headers, ticketBody(d));
    expect(ok.status).toBe(201);
    expect(await ticketsOf(d)).toBe(2);
  });
});

describe('sessions', () => {
  it('GET /api/auth/me describes the signed-in user', async () => {
    const d = await ctx.newDistrict();
    const s = await signIn(d, 'dispatcher');
    const me = await call('GET', '/api/auth/me', cookieOnly(s));
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: d.users.dispatcher,
      username: `${d.tenantId}-dispatcher`,
      displayName: '测试dispatcher',
      tenantId: d.tenantId,
      tenantName: `测试区${d.tenantId}`,
      roles: [{ unitId: d.units.centre, unitName: '区接诉即办指挥中心', role: 'dispatcher' }],
      csrfToken: s.csrf,
    });
    const anonymous = await call('GET', '/api/auth/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('logout ends this session only', async () => {
    const d = await ctx.newDistrict();
    const s = await signIn(d, 'dispatcher');
    const other = await signIn(d, 'dispatcher');
    expect(await sessionsOf(d.users.dispatcher)).toBe(2);

    const out = await call('POST', '/api/auth/logout', s.headers);
    expect(out.status).toBe(204);
    const cleared = out.setCookie.find((c) => c.startsWith('jiesu_session='));
    expect(cleared).toMatch(/^jiesu_session=;/);
    expect(await sessionsOf(d.users.dispatcher)).toBe(1);

    const me = await call('GET', '/api/auth/me', cookieOnly(s));
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('UNAUTHENTICATED');
    const post = await call('POST', '/api/tickets', s.headers, ticketBody(d));
    expect(post.status).toBe(401);
    expect(await ticketsOf(d)).toBe(0);
    expect((await call('GET', '/api/auth/me', cookieOnly(other))).status).toBe(200);
  });

  it('expires 12 hours after sign-in on the injected clock', async () => {
    const d = await ctx.newDistrict();
    const s = await signIn(d, 'dispatcher');
    ctx.clock.advance(12 * HOUR - MINUTE);
    expect((await call('GET', '/api/auth/me', cookieOnly(s))).status).toBe(200);
    ctx.clock.advance(MINUTE + 1000);
    const me = await call('GET', '/api/auth/me', cookieOnly(s));
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('UNAUTHENTICATED');
    const post = await call('POST', '/api/tickets', s.headers, ticketBody(d));
    expect(post.status).toBe(401);
    expect(await ticketsOf(d)).toBe(0);
    // Signing in again gives a working session.
    const again = await signIn(d, 'dispatcher');
    expect((await call('GET', '/api/auth/me', cookieOnly(again))).status).toBe(200);
  });

  it('a deactivated user loses their sessions and tokens at once', async () => {
    const d = await ctx.newDistrict();
    const s = await signIn(d, 'agent');
    const token = await ctx.c.users.issueToken(d.users.agent, 'test');
    await ctx.c.db
      .updateTable('users')
      .set({ active: false })
      .where('id', '=', d.users.agent)
      .execute();
    expect((await call('GET', '/api/auth/me', cookieOnly(s))).status).toBe(401);
    expect((await call('GET', '/api/tickets', { authorization: `Bearer ${token}` })).status).toBe(
      401,
    );
    expect((await login(`${d.tenantId}-agent`, PASSWORD)).status).toBe(401);
  });
});

describe('API tokens', () => {
  it('work as Bearer tokens without CSRF, and act as an API client', async () => {
    const d = await ctx.newDistrict();
    const token = await ctx.c.users.issueToken(d.users.agent, 'test');
    expect(token).toMatch(/^jst_/);
    const stored = await ctx.c.db
      .selectFrom('api_tokens')
      .select('token_hash')
      .where('user_id', '=', d.users.agent)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(token.slice(4));

    const bearer = { authorization: `Bearer ${token}` };
    const list = await call('GET', '/api/tickets', bearer);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(0);
    const created = await call('POST', '/api/tickets', bearer, ticketBody(d));
    expect(created.status).toBe(201);
    const events = await call('GET', `/api/tickets/${created.body.id}/events`, bearer);
    expect(events.body[0]).toMatchObject({
      action: 'create',
      actorKind: 'api',
      actor: { id: d.users.agent, name: '测试agent' },
    });
    // A bearer request opens no session.
    expect(await sessionsOf(d.users.agent)).toBe(0);
  });

  it('a revoked or unknown token is 401 and writes nothing', async () => {
    const d = await ctx.newDistrict();
    const token = await ctx.c.users.issueToken(d.users.agent, 'test');
    await ctx.c.db
      .updateTable('api_tokens')
      .set({ revoked_at: ctx.clock.now() })
      .where('user_id', '=', d.users.agent)
      .execute();
    for (const t of [token, 'jst_unknown-token', token.toUpperCase()]) {
      const get = await call('GET', '/api/tickets', { authorization: `Bearer ${t}` });
      expect(get.status).toBe(401);
      expect(get.body.error.code).toBe('UNAUTHENTICATED');
      const post = await call(
        'POST',
        '/api/tickets',
        { authorization: `Bearer ${t}` },
        ticketBody(d),
      );
      expect(post.status).toBe(401);
    }
    expect(await ticketsOf(d)).toBe(0);
  });
});

describe('admin-only endpoints', () => {
  it('GET /api/admin/users is 403 for a dispatcher and lists only the tenant’s users for admin', async () => {
    const d = await ctx.newDistrict();
    const other = await ctx.newDistrict();
    expect((await call('GET', '/api/admin/users')).status).toBe(401);
    for (const who of ['dispatcher', 'agent'] as const) {
      const s = await signIn(d, who);
      const res = await call('GET', '/api/admin/users', cookieOnly(s));
      expect(res.status, who).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    const admin = await signIn(d, 'admin');
    const res = await call('GET', '/api/admin/users', cookieOnly(admin));
    expect(res.status).toBe(200);
    const names = res.body.map((u: { username: string }) => u.username).sort();
    expect(names).toEqual(
      Object.keys(d.users)
        .map((who) => `${d.tenantId}-${who}`)
        .sort(),
    );
    expect(JSON.stringify(res.body)).not.toContain(other.tenantId);
    expect(JSON.stringify(res.body)).not.toContain('password');
    const village = res.body.find((u: { id: string }) => u.id === d.users.village);
    expect(village.roles).toEqual([
      { unitId: d.units.vil1, unitName: '东湖社区居委会', role: 'handler' },
    ]);
  });

  it('POST /api/admin/users is 403 for a dispatcher and creates nothing', async () => {
    const d = await ctx.newDistrict();
    const s = await signIn(d, 'dispatcher');
    const body = {
      username: `${d.tenantId}-new`,
      displayName: '新用户',
      password: 'a-long-password',
      roles: [{ unitId: d.units.centre, role: 'admin' }],
    };
    const res = await call('POST', '/api/admin/users', s.headers, body);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(await count('users', { col: 'tenant_id', value: d.tenantId })).toBe(9);
    const admin = await signIn(d, 'admin');
    const ok = await call('POST', '/api/admin/users', admin.headers, body);
    expect(ok.status).toBe(201);
    expect(await count('users', { col: 'tenant_id', value: d.tenantId })).toBe(10);
  });

  it('PUT /api/time-limit-policies is 403 for a dispatcher and takes effect for admin', async () => {
    const d = await ctx.newDistrict();
    const policy = {
      categoryId: d.categories.leaf,
      urgency: null,
      response: { amount: 4, unit: 'working_hours' },
      completion: { amount: 3, unit: 'working_days' },
    };
    const leafPolicies = async () =>
      ctx.c.db
        .selectFrom('time_limit_policies')
        .selectAll()
        .where('tenant_id', '=', d.tenantId)
        .where('category_id', '=', d.categories.leaf)
        .execute();

    for (const who of ['dispatcher', 'agent'] as const) {
      const s = await signIn(d, who);
      const res = await call('PUT', '/api/time-limit-policies', s.headers, policy);
      expect(res.status, who).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect(await leafPolicies()).toEqual([]);

    const admin = await signIn(d, 'admin');
    const res = await call('PUT', '/api/time-limit-policies', admin.headers, policy);
    expect(res.status).toBe(204);
    const list = await call('GET', '/api/time-limit-policies', cookieOnly(admin));
    expect(list.body).toContainEqual(
      expect.objectContaining({
        categoryId: d.categories.leaf,
        urgency: null,
        response: { amount: 4, unit: 'working_hours' },
        completion: { amount: 3, unit: 'working_days' },
      }),
    );
    expect(await leafPolicies()).toHaveLength(1);
  });
});
