// 一令到底 through the API: recipients resolved at send time (the workers with a
// login on duty under the place, not those who left, not informants), the
// sender's scope (a village sends to its own grids only; a grid worker does
// not send), a worker reads only their own, reading and acknowledging are
// idempotent, and a reminder goes to those who have not read/acked only, with
// one outbox row each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { PASSWORD, type Client, type District, type Res } from '../../../test/factories.js';
import { newId } from '../../shared/ids.js';
import { hashPassword } from '../../shared/passwords.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

let hash: Promise<string> | undefined;

async function login(username: string): Promise<Client> {
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
    userId: '',
    get: (url) => call('GET', url),
    post: (url, body) => call('POST', url, body ?? {}),
    put: (url, body) => call('PUT', url, body ?? {}),
    patch: (url, body) => call('PATCH', url, body ?? {}),
    del: (url) => call('DELETE', url),
    act: () => Promise.reject(new Error('n/a')),
  };
}

/** A grid under a village, its unit, and a worker login on it (member since `since`). */
async function gridWithWorker(
  d: District,
  village: 'vil1' | 'vil2' | 'vil3',
  name: string,
  opts: { since?: string; until?: string | null; phone?: string | null } = {},
) {
  const db = ctx.c.db;
  const parent = await db
    .selectFrom('jurisdictions')
    .select(['id', 'path'])
    .where('id', '=', d.nodes[village])
    .executeTakeFirstOrThrow();
  const gridId = newId();
  await db
    .insertInto('jurisdictions')
    .values({
      id: gridId,
      tenant_id: d.tenantId,
      parent_id: parent.id,
      level: 'grid',
      code: `${d.tenantId}-${gridId.slice(0, 8)}`,
      name,
      population: 300,
      path: `${parent.path}${gridId}/`,
    })
    .execute();
  const unitId = newId();
  await db
    .insertInto('units')
    .values({
      id: unitId,
      tenant_id: d.tenantId,
      jurisdiction_id: gridId,
      kind: 'grid',
      key: null,
      name,
      phone: null,
    })
    .execute();
  const userId = newId();
  const username = `${d.tenantId}-w-${userId.slice(0, 8)}`;
  await db
    .insertInto('users')
    .values({
      id: userId,
      tenant_id: d.tenantId,
      username,
      display_name: `网格员${name}`,
      phone: null,
      password_hash: await (hash ??= hashPassword(PASSWORD, { N: 1024 })),
      created_at: ctx.clock.now(),
    })
    .execute();
  await db
    .insertInto('role_assignments')
    .values({ tenant_id: d.tenantId, user_id: userId, unit_id: unitId, role: 'grid_worker' })
    .execute();
  await db
    .insertInto('grid_members')
    .values({
      id: newId(),
      tenant_id: d.tenantId,
      jurisdiction_id: gridId,
      role: 'worker',
      user_id: userId,
      name: `网格员${name}`,
      phone: opts.phone === undefined ? '13800138001' : opts.phone,
      since: opts.since ?? '2026-01-01',
      until: opts.until ?? null,
      created_at: ctx.clock.now(),
    })
    .execute();
  return { gridId, userId, username };
}

/** Village 1 with three grid workers (logins), plus noise that must not receive. */
async function village(d: District) {
  const a = await gridWithWorker(d, 'vil1', '一网格');
  const b = await gridWithWorker(d, 'vil1', '二网格', { phone: null });
  const c = await gridWithWorker(d, 'vil1', '三网格');
  // Not recipients: a worker who left, one who starts next month, another village's worker.
  await gridWithWorker(d, 'vil1', '四网格', { since: '2025-01-01', until: '2026-10-01' });
  await gridWithWorker(d, 'vil1', '五网格', { since: '2026-12-01' });
  const other = await gridWithWorker(d, 'vil2', '柳园一网格');
  // An informant with a login on grid a: not a worker.
  await ctx.c.db
    .insertInto('grid_members')
    .values({
      id: newId(),
      tenant_id: d.tenantId,
      jurisdiction_id: a.gridId,
      role: 'informant',
      user_id: d.users.village,
      name: '信息员',
      phone: null,
      since: '2026-01-01',
      until: null,
      created_at: ctx.clock.now(),
    })
    .execute();
  return { a, b, c, other };
}

const instruction = (targetId: string) => ({
  kind: 'instruction',
  title: '做好寒潮防范',
  body: '今晚起寒潮来袭,请逐户提醒独居老人做好防寒保暖。',
  targetId,
  dueAt: '2026-11-03T10:00:00Z',
});

const outboxRows = (broadcastId: string) =>
  ctx.c.db
    .selectFrom('notification_outbox')
    .selectAll()
    .where('source_id', '=', broadcastId)
    .execute();

describe('broadcast down (一令到底)', () => {
  it('resolves the recipients at send time: the workers on duty with a login under the place', async () => {
    const d = await ctx.newDistrict();
    const w = await village(d);
    const sender = await d.login('village');
    const res = await sender.post('/api/broadcasts', instruction(d.nodes.vil1));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'instruction',
      ackRequired: true,
      target: { id: d.nodes.vil1 },
      progress: { recipients: 3, read: 0, acked: 0 },
      canRemind: true,
    });
    expect(res.body.recipients.map((r: { worker: { id: string } }) => r.worker.id).sort()).toEqual(
      [w.a.userId, w.b.userId, w.c.userId].sort(),
    );
    // A worker added afterwards does not receive it.
    await gridWithWorker(d, 'vil1', '六网格');
    const again = await sender.get(`/api/broadcasts/${res.body.id}`);
    expect(again.body.progress.recipients).toBe(3);

    // The township reaches its villages' workers (vil1 ×4 now, vil2 ×1).
    const street = await d.login('street');
    const twp = await street.post('/api/broadcasts', {
      kind: 'notice',
      title: '通知',
      body: '周五下午开会',
      targetId: d.nodes.twp1,
    });
    expect(twp.status).toBe(201);
    expect(twp.body.ackRequired).toBe(false);
    expect(twp.body.progress.recipients).toBe(5);

    // The picker: own subtree only, with worker counts.
    const targets = await sender.get('/api/broadcasts/targets');
    expect(targets.status).toBe(200);
    const ids = targets.body.items.map((p: { id: string }) => p.id);
    expect(ids).toContain(d.nodes.vil1);
    expect(ids).not.toContain(d.nodes.vil2);
    expect(targets.body.items.find((p: { id: string }) => p.id === d.nodes.vil1).workers).toBe(4);
  });

  it('keeps to the sender scope: 403 outside it, for grid workers and departments; 400 with nobody to reach', async () => {
    const d = await ctx.newDistrict();
    const w = await village(d);
    const sender = await d.login('village');
    expect((await sender.post('/api/broadcasts', instruction(d.nodes.vil2))).status).toBe(403);
    expect((await sender.post('/api/broadcasts', instruction(d.nodes.twp1))).status).toBe(403);
    const worker = await login(w.a.username);
    expect((await worker.post('/api/broadcasts', instruction(w.a.gridId))).status).toBe(403);
    expect((await worker.get('/api/broadcasts')).status).toBe(403);
    const dept = await d.login('dept');
    expect((await dept.post('/api/broadcasts', instruction(d.nodes.vil1))).status).toBe(403);
    // Village 3 has no worker logins: nothing to send to.
    const leader = await d.login('admin');
    const none = await leader.post('/api/broadcasts', instruction(d.nodes.vil3));
    expect(none.status).toBe(400);
    expect(none.body.error.details[0].path).toBe('/targetId');
    // A due time in the past is refused.
    const past = await sender.post('/api/broadcasts', {
      ...instruction(d.nodes.vil1),
      dueAt: '2026-11-01T00:00:00Z',
    });
    expect(past.status).toBe(400);

    // The township above sees it; the village lists it.
    const sent = await sender.post('/api/broadcasts', instruction(d.nodes.vil1));
    const street = await d.login('street');
    expect((await street.get(`/api/broadcasts/${sent.body.id}`)).status).toBe(200);
    const list = await sender.get('/api/broadcasts');
    expect(list.body.items.map((b: { id: string }) => b.id)).toContain(sent.body.id);
  });

  it('a worker reads only their own; opening and acknowledging are idempotent', async () => {
    const d = await ctx.newDistrict();
    const w = await village(d);
    const sender = await d.login('village');
    const sent = (await sender.post('/api/broadcasts', instruction(d.nodes.vil1))).body;
    const other = await login(w.other.username);
    expect((await other.get('/api/my/broadcasts')).body.items).toHaveLength(0);
    expect((await other.post(`/api/my/broadcasts/${sent.id}/open`)).status).toBe(404);
    expect((await other.post(`/api/my/broadcasts/${sent.id}/ack`, {})).status).toBe(404);

    const a = await login(w.a.username);
    const inbox = await a.get('/api/my/broadcasts');
    expect(inbox.body).toMatchObject({ unread: 1, items: [{ id: sent.id, readAt: null }] });
    const opened = await a.post(`/api/my/broadcasts/${sent.id}/open`);
    expect(opened.status).toBe(200);
    expect(opened.body.readAt).toBe('2026-11-02T01:00:00.000Z');
    ctx.clock.advance(3_600_000);
    const again = await a.post(`/api/my/broadcasts/${sent.id}/open`);
    expect(again.body.readAt).toBe('2026-11-02T01:00:00.000Z'); // the first opening stays
    const acked = await a.post(`/api/my/broadcasts/${sent.id}/ack`, { note: '已逐户通知' });
    expect(acked.body).toMatchObject({
      ackedAt: '2026-11-02T02:00:00.000Z',
      ackNote: '已逐户通知',
    });
    ctx.clock.advance(3_600_000);
    const twice = await a.post(`/api/my/broadcasts/${sent.id}/ack`, { note: '改一下' });
    expect(twice.body).toMatchObject({
      ackedAt: '2026-11-02T02:00:00.000Z',
      ackNote: '已逐户通知',
    });
    expect((await a.get('/api/my/broadcasts')).body.unread).toBe(0);

    // Acknowledging without opening first also records the reading.
    const b = await login(w.b.username);
    const bAck = await b.post(`/api/my/broadcasts/${sent.id}/ack`, {});
    expect(bAck.body.readAt).toBe(bAck.body.ackedAt);

    const detail = await sender.get(`/api/broadcasts/${sent.id}`);
    expect(detail.body.progress).toEqual({ recipients: 3, read: 2, acked: 2 });
    const unread = await sender.get(`/api/broadcasts/${sent.id}?status=unread`);
    expect(unread.body.recipients.map((r: { worker: { id: string } }) => r.worker.id)).toEqual([
      w.c.userId,
    ]);
  });

  it('reminds only those who have not read (or acked), with an outbox row each', async () => {
    const d = await ctx.newDistrict();
    const w = await village(d);
    const sender = await d.login('village');
    const sent = (await sender.post('/api/broadcasts', instruction(d.nodes.vil1))).body;
    const a = await login(w.a.username);
    const b = await login(w.b.username);
    await a.post(`/api/my/broadcasts/${sent.id}/ack`, {}); // read and acked
    await b.post(`/api/my/broadcasts/${sent.id}/open`); // read, not acked

    // Not the sender's jurisdiction: no reminding.
    const worker = await login(w.c.username);
    expect((await worker.post(`/api/broadcasts/${sent.id}/remind`)).status).toBe(403);

    const r = await sender.post(`/api/broadcasts/${sent.id}/remind`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ reminded: 2 }); // b (not acked) and c (not read)
    const rows = await outboxRows(sent.id);
    expect(rows.map((x) => x.to_user_id).sort()).toEqual([w.b.userId, w.c.userId].sort());
    // b has no phone: kept in-app; c gets an SMS.
    expect(rows.find((x) => x.to_user_id === w.c.userId)).toMatchObject({
      channel: 'sms',
      to_phone: '13800138001',
      status: 'queued',
      source: 'broadcast_reminder',
    });
    expect(rows.find((x) => x.to_user_id === w.b.userId)?.channel).toBe('in_app');
    expect(rows[0]!.text).toContain('做好寒潮防范');

    const outbox = await sender.get(`/api/broadcasts/${sent.id}/outbox`);
    expect(outbox.body.items).toHaveLength(2);
    expect(outbox.body.items.find((x: { channel: string }) => x.channel === 'sms').phone).toBe(
      '138****8001',
    );

    // c reads and acks; a second reminder reaches b only, counted per recipient.
    await worker.post(`/api/my/broadcasts/${sent.id}/ack`, {});
    ctx.clock.advance(60_000);
    expect((await sender.post(`/api/broadcasts/${sent.id}/remind`)).body).toEqual({ reminded: 1 });
    const detail = (await sender.get(`/api/broadcasts/${sent.id}`)).body;
    const byId = new Map(
      detail.recipients.map((x: { worker: { id: string } }) => [x.worker.id, x]),
    ) as Map<string, { remindCount: number; remindedAt: string | null }>;
    expect(byId.get(w.a.userId)).toMatchObject({ remindCount: 0, remindedAt: null });
    expect(byId.get(w.b.userId)?.remindCount).toBe(2);
    expect(byId.get(w.c.userId)?.remindCount).toBe(1);
    expect(await outboxRows(sent.id)).toHaveLength(3);

    // A notice without acknowledgement: reading is enough.
    const notice = (
      await sender.post('/api/broadcasts', {
        kind: 'notice',
        title: '通知',
        body: '内容',
        targetId: d.nodes.vil1,
      })
    ).body;
    await a.post(`/api/my/broadcasts/${notice.id}/open`);
    await b.post(`/api/my/broadcasts/${notice.id}/open`);
    expect((await sender.post(`/api/broadcasts/${notice.id}/remind`)).body).toEqual({
      reminded: 1,
    });

    // The Excel export of the recipients.
    const xlsx = await ctx.app.inject({
      method: 'GET',
      url: `/api/broadcasts/${sent.id}/recipients.xlsx`,
      headers: { cookie: (await loginCookie(d)).cookie },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

async function loginCookie(d: District) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: `${d.tenantId}-village`, password: PASSWORD },
  });
  const cookie = res.cookies.find((k) => k.name === 'jiesu_session')!;
  return { cookie: `jiesu_session=${cookie.value}` };
}
