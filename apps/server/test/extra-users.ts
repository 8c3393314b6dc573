// Staff beyond the district's demo logins (a second department, a village's
// leader, a section…), signed in through the real login route.
import type { Role } from '@jiesu/contracts';
import type { TestContext } from './harness.js';
import type { Client, District, Res } from './factories.js';
import { PASSWORD } from './factories.js';
import { newId } from '../src/shared/ids.js';
import { hashPassword } from '../src/shared/passwords.js';

let hash: Promise<string> | undefined;

export async function extraLogin(
  ctx: TestContext,
  d: District,
  unit: keyof District['units'],
  role: Role,
): Promise<Client> {
  const id = newId();
  const username = `${d.tenantId}-x-${id.slice(0, 8)}`;
  await ctx.c.db
    .insertInto('users')
    .values({
      id,
      tenant_id: d.tenantId,
      username,
      display_name: `测试${unit}${role}`,
      phone: null,
      password_hash: await (hash ??= hashPassword(PASSWORD, { N: 1024 })),
      created_at: ctx.clock.now(),
    })
    .execute();
  await ctx.c.db
    .insertInto('role_assignments')
    .values({ tenant_id: d.tenantId, user_id: id, unit_id: d.units[unit], role })
    .execute();
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((k) => k.name === 'jiesu_session')!;
  const headers = {
    cookie: `jiesu_session=${cookie.value}`,
    'x-csrf-token': res.json().csrfToken as string,
  };
  const call = async (method: string, url: string, body?: unknown): Promise<Res> => {
    const r = await ctx.app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    let parsed: unknown = r.body;
    try {
      parsed = r.body ? r.json() : null;
    } catch {
      /* not JSON */
    }
    return { status: r.statusCode, body: parsed, headers: r.headers };
  };
  return {
    username,
    userId: id,
    get: (url) => call('GET', url),
    post: (url, body) => call('POST', url, body ?? {}),
    put: (url, body) => call('PUT', url, body ?? {}),
    patch: (url, body) => call('PATCH', url, body ?? {}),
    del: (url) => call('DELETE', url),
    act: (ticketId, action, input = {}, extra = {}) =>
      call('POST', `/api/tickets/${ticketId}/actions/${action}`, { input, ...extra }),
  };
}
