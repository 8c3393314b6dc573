// Web security through the real HTTP app: security headers on every response (and a CSP
// the built web app works with), CSRF on every cookie-authenticated write route of the
// OpenAPI document (bearer tokens exempt), rate limits with 429 + Retry-After, uploads
// typed by their bytes and limited in size, and 500s that say nothing of their cause.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zhCN } from '@jiesu/contracts';
import { createTestContext, type District, type TestContext } from '../../test/harness.js';
import { PNG } from '../../test/uploads.js';
import { PASSWORD } from '../../test/factories.js';
import { buildApp, type App } from '../app.js';
import { buildContainer } from '../container.js';
import { newId } from '../shared/ids.js';

let ctx: TestContext;
let d: District;
beforeAll(async () => {
  ctx = await createTestContext();
  d = await ctx.newDistrict();
});
afterAll(() => ctx.close());

/** Another app on the same database, with its own configuration and limits. */
async function appWith(
  config: Partial<TestContext['c']['config']>,
  limits: { publicRateLimit?: number; loginRateLimit?: number } = {},
  extra?: (app: App) => void,
): Promise<App> {
  const c = buildContainer({
    db: ctx.c.db,
    clock: ctx.clock,
    config: { ...ctx.c.config, storageDir: join(tmpdir(), `jiesu-sec-${newId()}`), ...config },
  });
  const app = await buildApp(c, {
    publicRateLimit: limits.publicRateLimit ?? 10_000,
    loginRateLimit: limits.loginRateLimit ?? 10_000,
  });
  extra?.(app);
  await app.ready();
  return app;
}

const header = (h: Record<string, unknown>, name: string) => String(h[name] ?? '');

describe('security headers', () => {
  it('every response carries them: success, 404, 401, 400, and the CSP fits the web app', async () => {
    const agent = await d.login('agent');
    const responses = [
      await ctx.app.inject({ method: 'GET', url: '/healthz' }),
      await ctx.app.inject({ method: 'GET', url: '/api/no-such-thing' }),
      await ctx.app.inject({ method: 'GET', url: '/api/tickets' }),
      await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: {} }),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([200, 404, 401, 400]);
    const ok = await agent.get('/api/auth/me');
    expect(ok.status).toBe(200);
    for (const h of [...responses.map((r) => r.headers), ok.headers]) {
      const csp = header(h, 'content-security-policy');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("object-src 'none'");
      // No inline script may run; antd's CSS-in-JS needs inline styles.
      expect(csp).toMatch(/script-src 'self';/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toMatch(/style-src 'self' 'unsafe-inline'/);
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(header(h, 'x-content-type-options')).toBe('nosniff');
      expect(header(h, 'x-frame-options')).toBe('DENY');
      expect(header(h, 'referrer-policy')).toBe('same-origin');
      expect(header(h, 'x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      // Plain HTTP by default (localhost, a LAN): no HSTS.
      expect(h['strict-transport-security']).toBeUndefined();
    }
  });

  it('HSTS and upgrade-insecure-requests only behind HTTPS (SECURE_COOKIES=true)', async () => {
    const app = await appWith({ secureCookies: true });
    try {
      const res = await app.inject({ method: 'GET', url: '/healthz' });
      expect(header(res.headers, 'strict-transport-security')).toMatch(/max-age=\d{6,}/);
      expect(header(res.headers, 'content-security-policy')).toContain('upgrade-insecure-requests');
    } finally {
      await app.close();
    }
  });

  const indexHtml = join(dirname(fileURLToPath(import.meta.url)), '../../../web/dist/index.html');
  it.runIf(existsSync(indexHtml))(
    "the built web app has no inline script (script-src 'self' suffices)",
    () => {
      const html = readFileSync(indexHtml, 'utf8');
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attrs, body] of scripts) {
        expect(attrs).toMatch(/\bsrc="\/assets\//);
        expect(body!.trim()).toBe('');
      }
      expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handlers
    },
  );
});

describe('CSRF on every cookie-authenticated write', () => {
  /**
   * The write routes that take no session: sign-in and the resident (public) endpoints.
   * A new write route not guarded by `requireStaff`/`requireRole` fails the test below
   * until it is listed here on purpose.
   */
  const SESSIONLESS = new Set([
    'POST /api/auth/login',
    'POST /api/public/requests',
    'POST /api/public/attachments',
  ]);
  const isSessionless = (key: string) =>
    SESSIONLESS.has(key) || / \/api\/public\//.test(key) || / \/open311\//.test(key);

  it('a session cookie without X-CSRF-Token gets 403 CSRF_FAILED on every POST/PUT/PATCH/DELETE route of the OpenAPI document', async () => {
    const { cookie } = await cookieOf(d, 'admin');
    const doc = ctx.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const writes: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) {
        if (['post', 'put', 'patch', 'delete'].includes(method))
          writes.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(writes.length).toBeGreaterThan(150);
    const notRefused: string[] = [];
    const wrong: string[] = [];
    for (const key of writes) {
      const [method, path] = key.split(' ') as [string, string];
      const url = path.replace(/\{[^}]+\}/g, newId());
      const res = await ctx.app.inject({
        method: method as 'POST',
        url,
        headers: { cookie, 'content-type': 'application/json' },
        payload: '{}',
      });
      const code =
        res.statusCode === 403 ? (res.json() as { error: { code: string } }).error.code : '';
      if (code === 'CSRF_FAILED') continue;
      if (isSessionless(key)) {
        notRefused.push(key);
        continue;
      }
      wrong.push(`${key} → ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
    // Every route let through is a resident/sign-in route, and sign-in is among them.
    expect(notRefused).toContain('POST /api/auth/login');
    expect(notRefused).toContain('POST /api/public/requests');
  });

  it('the same session with its token passes; a forged one does not; nothing is written', async () => {
    const agent = await d.login('agent');
    const before = await ctx.c.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', d.tenantId)
      .executeTakeFirstOrThrow();
    const { cookie } = await cookieOf(d, 'agent');
    const forged = await ctx.app.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: { cookie, 'x-csrf-token': 'forged' },
      payload: ticketBody(),
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('CSRF_FAILED');
    const after = await ctx.c.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', d.tenantId)
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const ok = await agent.post('/api/tickets', ticketBody());
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });

  it('a bearer API token needs no CSRF token', async () => {
    const admin = await d.login('admin');
    const issued = await admin.post('/api/admin/tokens', {
      name: 'csrf-exempt',
      userId: d.users.agent,
      scopes: ['tickets:write', 'tickets:read'],
    });
    expect(issued.status).toBe(201);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: { authorization: `Bearer ${issued.body.token}` },
      payload: ticketBody(),
    });
    expect(res.statusCode, res.body).toBe(201);
  });

  function ticketBody() {
    return {
      channel: 'hotline',
      type: 'help',
      categoryId: d.categories.leaf,
      title: '小区路灯不亮',
      description: '东湖社区3号楼前的路灯已经坏了一周,晚上出行不便,请尽快维修。',
      address: '东湖社区3号楼',
      jurisdictionId: d.nodes.vil1,
      requester: { name: '王小明', phone: '13800138000' },
    };
  }
});

/** The session cookie of a fresh sign-in (the client hides its headers). */
async function cookieOf(district: District, who: 'admin' | 'agent', app: App = ctx.app) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: `${district.tenantId}-${who}`, password: PASSWORD },
  });
  expect(res.statusCode).toBe(200);
  return {
    cookie: `jiesu_session=${res.cookies.find((k) => k.name === 'jiesu_session')!.value}`,
    csrf: res.json().csrfToken as string,
  };
}

describe('rate limits', () => {
  it('sign-in and the public endpoints answer 429 RATE_LIMITED with Retry-After past their limit', async () => {
    const app = await appWith({}, { loginRateLimit: 2, publicRateLimit: 2 });
    try {
      const login = () =>
        app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'nobody', password: 'x' },
        });
      const first = [await login(), await login()];
      for (const r of first) expect(r.statusCode).not.toBe(429);
      const limited = await login();
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toEqual({
        error: { code: 'RATE_LIMITED', message: zhCN.error.RATE_LIMITED },
      });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

      const follow = () =>
        app.inject({ method: 'GET', url: '/api/public/requests/NOPE?phone=13800138000' });
      expect((await follow()).statusCode).not.toBe(429);
      expect((await follow()).statusCode).not.toBe(429);
      const third = await follow();
      expect(third.statusCode).toBe(429);
      expect(third.json().error.code).toBe('RATE_LIMITED');
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      // Another address is not affected.
      const other = await app.inject({
        method: 'GET',
        url: '/api/public/requests/NOPE?phone=13800138000',
        remoteAddress: '10.1.2.3',
      });
      expect(other.statusCode).not.toBe(429);
    } finally {
      await app.close();
    }
  });
});

describe('uploads', () => {
  function multipart(filename: string, type: string, data: Buffer) {
    const boundary = '----jiesu' + newId().slice(0, 8);
    return {
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
        ),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    };
  }

  it('the type comes from the bytes: a script named .png is refused, a PNG named .txt is an image', async () => {
    const agent = await d.login('agent');
    const fake = multipart('照片.png', 'image/png', Buffer.from('<script>alert(1)</script>'));
    const refused = await agent.post('/api/attachments', fake.payload, fake.headers);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    const html = multipart('a.html', 'text/html', Buffer.from('<html><body>x</body></html>'));
    expect((await agent.post('/api/attachments', html.payload, html.headers)).body.error.code).toBe(
      'FILE_TYPE_NOT_ALLOWED',
    );
    const real = multipart('notes.txt', 'text/plain', PNG);
    const ok = await agent.post('/api/attachments', real.payload, real.headers);
    expect(ok.status).toBe(201);
    expect(ok.body.mime).toBe('image/png');
    const got = await agent.get(ok.body.url);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
  });

  it('a file over the limit gets 413 with a code, staff and public alike; nothing is stored', async () => {
    const app = await appWith({ maxUploadBytes: 1024 });
    try {
      const big = Buffer.concat([PNG, Buffer.alloc(4096, 1)]);
      const { cookie, csrf } = await cookieOf(d, 'agent', app);
      const before = await countAttachments();
      const staff = multipart('big.png', 'image/png', big);
      const res = await app.inject({
        method: 'POST',
        url: '/api/attachments',
        headers: { ...staff.headers, cookie, 'x-csrf-token': csrf },
        payload: staff.payload,
      });
      expect(res.statusCode).toBe(413);
      expect(['FILE_TOO_LARGE', 'PAYLOAD_TOO_LARGE']).toContain(res.json().error.code);
      const pub = multipart('big.png', 'image/png', big);
      const res2 = await app.inject({
        method: 'POST',
        url: '/api/public/attachments',
        headers: { ...pub.headers, 'x-tenant': d.tenantId },
        payload: pub.payload,
      });
      expect(res2.statusCode).toBe(413);
      expect(['FILE_TOO_LARGE', 'PAYLOAD_TOO_LARGE']).toContain(res2.json().error.code);
      expect(await countAttachments()).toBe(before);
    } finally {
      await app.close();
    }
  });

  async function countAttachments() {
    const r = await ctx.c.db
      .selectFrom('attachments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', d.tenantId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
});

describe('errors say nothing of their cause', () => {
  it('a throwing route answers 500 with the generic message, the code and the request id only', async () => {
    const app = await appWith({}, {}, (a) => {
      a.get('/api/__throws', async () => {
        const err = new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2') as Error & {
          code: string;
        };
        err.code = 'XX000';
        throw err;
      });
      a.post('/api/__throws-later', async () => {
        await Promise.resolve();
        throw new TypeError("Cannot read properties of undefined (reading 'secret_cipher')");
      });
    });
    try {
      for (const [method, url] of [
        ['GET', '/api/__throws'],
        ['POST', '/api/__throws-later'],
      ] as const) {
        const res = await app.inject({ method, url, payload: method === 'POST' ? {} : undefined });
        expect(res.statusCode).toBe(500);
        const id = res.headers['x-request-id'];
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
        expect(res.json()).toEqual({
          error: { code: 'INTERNAL', message: zhCN.error.INTERNAL, requestId: id },
        });
        expect(res.body).not.toMatch(/hunter2|ECONNREFUSED|secret_cipher|stack|\.ts:\d/);
      }
    } finally {
      await app.close();
    }
  });
});
