// [Proof] Idempotency-Key on the creating requests, through the real HTTP app on both
// engines: concurrent retries make exactly one ticket and all get the first answer; a
// later replay is that answer with `Idempotent-Replayed: true`; the same key with another
// body is refused; a failed request keeps nothing; keys are per caller and expire; and a
// crash between the commit and the stored answer still answers with the ticket it made.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type District, type TestContext } from '../../../test/harness.js';
import { newId } from '../../shared/ids.js';
import { idempotencyService } from './service.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const body = (d: District, overrides: Record<string, unknown> = {}) => ({
  channel: 'hotline',
  type: 'help',
  categoryId: d.categories.leaf,
  title: '幂等重试测试',
  description: '东湖社区3号楼前的路灯已经坏了一周,晚上出行不便,请尽快维修。',
  address: '东湖社区3号楼',
  jurisdictionId: d.nodes.vil1,
  requester: { name: '王小明', phone: '13800138000' },
  ...overrides,
});

const key = (h: string) => ({ 'idempotency-key': h });

async function ticketsOf(d: District) {
  return ctx.c.db
    .selectFrom('tickets')
    .select(['id', 'code', 'title'])
    .where('tenant_id', '=', d.tenantId)
    .execute();
}

async function createEvents(ticketIds: string[]) {
  if (!ticketIds.length) return [];
  return ctx.c.db
    .selectFrom('ticket_events')
    .select(['ticket_id', 'seq'])
    .where('ticket_id', 'in', ticketIds)
    .where('action', '=', 'create')
    .execute();
}

describe('Idempotency-Key on POST /api/tickets', () => {
  it('50 concurrent retries with one key: one ticket, one create event, 50 identical 201s', async () => {
    const d = await ctx.newDistrict();
    const agent = await d.login('agent');
    const k = newId();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => agent.post('/api/tickets', body(d), key(k))),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    const first = JSON.stringify(results[0]!.body);
    for (const r of results) expect(JSON.stringify(r.body)).toBe(first);
    // Exactly one of them made it; the others are replays of its answer.
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(49);
    const rows = await ticketsOf(d);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(results[0]!.body.id);
    expect(await createEvents([rows[0]!.id])).toHaveLength(1);
    const keys = await ctx.c.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('tenant_id', '=', d.tenantId)
      .execute();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({
      caller: `user:${agent.userId}`,
      route: 'POST /api/tickets',
      key: k,
      ticket_id: rows[0]!.id,
      response_status: 201,
    });
  });

  it('a later replay is the first answer, even after the ticket moved on', async () => {
    const d = await ctx.newDistrict();
    const agent = await d.login('agent');
    const k = newId();
    const first = await agent.post('/api/tickets', body(d), key(k));
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const dispatcher = await d.login('dispatcher');
    expect(
      (await dispatcher.act(first.body.id, 'dispatch', { leadUnitId: d.units.vil1 })).status,
    ).toBe(200);
    ctx.clock.advance(60 * 60_000);
    const again = await agent.post('/api/tickets', body(d), key(k));
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(again.body.state).toBe('received');
    expect(await ticketsOf(d)).toHaveLength(1);
  });

  it('the same key with another body is refused with 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const d = await ctx.newDistrict();
    const agent = await d.login('agent');
    const k = newId();
    expect((await agent.post('/api/tickets', body(d), key(k))).status).toBe(201);
    // The same fields in another order are the same request.
    const reordered = Object.fromEntries(Object.entries(body(d)).reverse());
    expect((await agent.post('/api/tickets', reordered, key(k))).status).toBe(201);
    const other = await agent.post('/api/tickets', body(d, { title: '另一件事' }), key(k));
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(other.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await ticketsOf(d)).toHaveLength(1);
  });

  it('a malformed key is refused with 400 IDEMPOTENCY_KEY_INVALID; 255 characters are fine', async () => {
    const d = await ctx.newDistrict();
    const agent = await d.login('agent');
    for (const bad of ['', 'x'.repeat(256), 'tab\there', '中文键']) {
      const r = await agent.post('/api/tickets', body(d), key(bad));
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.body.error.code).toBe('IDEMPOTENCY_KEY_INVALID');
    }
    expect(await ticketsOf(d)).toHaveLength(0);
    expect((await agent.post('/api/tickets', body(d), key('k'.repeat(255)))).status).toBe(201);
  });

  it('a failed request keeps nothing: corrected, the same key creates the ticket', async () => {
    const d = await ctx.newDistrict();
    const agent = await d.login('agent');
    const k = newId();
    // Refused by the schema, before the service.
    const invalid = await agent.post('/api/tickets', body(d, { type: 'nonsense' }), key(k));
    expect(invalid.status).toBe(400);
    // Refused inside the creating transaction, after the key was claimed: rolled back.
    const unknown = await agent.post('/api/tickets', body(d, { categoryId: newId() }), key(k));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('UNKNOWN_CATEGORY');
    expect(
      await ctx.c.db
        .selectFrom('idempotency_keys')
        .select('key')
        .where('tenant_id', '=', d.tenantId)
        .execute(),
    ).toHaveLength(0);
    const ok = await agent.post('/api/tickets', body(d), key(k));
    expect(ok.status).toBe(201);
    expect(ok.headers['idempotent-replayed']).toBeUndefined();
    expect(await ticketsOf(d)).toHaveLength(1);
  });

  it('keys are per caller: two users with one key make two tickets', async () => {
    const d = await ctx.newDistrict();
    const agent = await d.login('agent');
    const dispatcher = await d.login('dispatcher');
    const k = newId();
    const [a, b] = await Promise.all([
      agent.post('/api/tickets', body(d), key(k)),
      dispatcher.post('/api/tickets', body(d), key(k)),
    ]);
    expect([a!.status, b!.status]).toEqual([201, 201]);
    expect(a!.body.id).not.toBe(b!.body.id);
    expect(await ticketsOf(d)).toHaveLength(2);
  });

  it('without a key every request creates a ticket, as before', async () => {
    const d = await ctx.newDistrict();
    const agent = await d.login('agent');
    await agent.post('/api/tickets', body(d));
    await agent.post('/api/tickets', body(d));
    expect(await ticketsOf(d)).toHaveLength(2);
  });

  it('a crash after the commit, before the answer was stored: the replay answers 201 with that ticket', async () => {
    const d = await ctx.newDistrict();
    const agent = await d.login('agent');
    const k = newId();
    const input = body(d);
    const killed = new Error('SIGKILL between the commit and the answer');
    // The real path up to the commit (ticket and key in one transaction), then the process dies.
    await expect(
      ctx.c.idempotency.run(
        {
          key: k,
          caller: `user:${agent.userId}`,
          tenantId: d.tenantId,
          route: 'POST /api/tickets',
          body: input,
        },
        201,
        async (claim) => {
          const t = await ctx.c.tickets.create(
            d.tenantId,
            input as unknown as Parameters<typeof ctx.c.tickets.create>[1],
            { actorKind: 'staff', userId: agent.userId, unitId: null },
            undefined,
            claim,
          );
          void t;
          throw killed;
        },
        () => Promise.reject(new Error('not reached')),
      ),
    ).rejects.toBe(killed);
    const [made] = await ticketsOf(d);
    expect(made).toBeDefined();
    const row = await ctx.c.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('tenant_id', '=', d.tenantId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ ticket_id: made!.id, response_status: null, response_body: null });
    // The restarted server, a minute later, gets the client's retry.
    ctx.clock.advance(60_000);
    const retry = await agent.post('/api/tickets', input, key(k));
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toMatchObject({ id: made!.id, code: made!.code, state: 'received' });
    expect(await ticketsOf(d)).toHaveLength(1);
    // The rebuilt answer is stored: every later replay is the same.
    const again = await agent.post('/api/tickets', input, key(k));
    expect(again.body).toEqual(retry.body);
  });

  it('keys expire after IDEMPOTENCY_TTL_HOURS; the sweep deletes them (an API token caller)', async () => {
    const d = await ctx.newDistrict();
    const token = await ctx.c.users.issueToken(d.users.agent, 'intake', ['tickets:write']);
    const k = newId();
    const post = async () => {
      const r = await ctx.app.inject({
        method: 'POST',
        url: '/api/tickets',
        headers: { authorization: `Bearer ${token}`, ...key(k) },
        payload: body(d),
      });
      return {
        status: r.statusCode,
        id: r.json().id as string,
        replayed: r.headers['idempotent-replayed'],
      };
    };
    const first = await post();
    expect(first).toMatchObject({ status: 201, replayed: undefined });
    const row = await ctx.c.db
      .selectFrom('idempotency_keys')
      .select('caller')
      .where('tenant_id', '=', d.tenantId)
      .executeTakeFirstOrThrow();
    expect(row.caller).toMatch(/^token:/);
    ctx.clock.advance(23 * 3_600_000);
    expect(await post()).toEqual({ ...first, replayed: 'true' });
    ctx.clock.advance(2 * 3_600_000);
    const later = await post();
    expect(later).toMatchObject({ status: 201, replayed: undefined });
    expect(later.id).not.toBe(first.id);
    ctx.clock.advance(25 * 3_600_000);
    expect(await ctx.c.idempotency.sweep()).toBeGreaterThanOrEqual(1);
    expect(
      await ctx.c.db
        .selectFrom('idempotency_keys')
        .select('key')
        .where('tenant_id', '=', d.tenantId)
        .execute(),
    ).toHaveLength(0);
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    'a request still holding the key after the wait: 409 IDEMPOTENCY_IN_PROGRESS (PostgreSQL)',
    async () => {
      const d = await ctx.newDistrict();
      const agent = await d.login('agent');
      const k = newId();
      const quick = idempotencyService({
        db: ctx.c.db,
        clock: ctx.clock,
        ttlHours: 24,
        claimWaitMs: 200,
      });
      const req = {
        key: k,
        caller: `user:${agent.userId}`,
        tenantId: d.tenantId,
        route: 'POST /api/tickets',
        body: body(d),
      };
      let release!: () => void;
      const held = new Promise<void>((ok) => (release = ok));
      let claimed!: () => void;
      const isClaimed = new Promise<void>((ok) => (claimed = ok));
      const slow = quick.run(
        req,
        201,
        async (claim) => {
          // Holds the key uncommitted until released, then rolls back.
          await ctx.c.db.transaction().execute(async (trx) => {
            await claim!(trx, newId());
            claimed();
            await held;
            throw new Error('rolled back');
          });
          return { ticketId: '', body: null };
        },
        async () => null,
      );
      await isClaimed;
      const started = performance.now();
      const err = await quick
        .run(
          req,
          201,
          async (claim) => {
            await ctx.c.db.transaction().execute((trx) => claim!(trx, newId()));
            return { ticketId: '', body: null };
          },
          async () => null,
        )
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS', status: 409 });
      // It waited for the holder, boundedly.
      expect(performance.now() - started).toBeGreaterThanOrEqual(150);
      release();
      await expect(slow).rejects.toThrow('rolled back');
    },
  );
});

describe('Idempotency-Key on the resident and Open311 endpoints', () => {
  const resident = (d: District, overrides: Record<string, unknown> = {}) => ({
    type: 'help',
    categoryId: d.categories.leaf,
    title: '小区门口路灯不亮',
    description: '东湖社区南门的路灯连续三个晚上不亮,老人夜里出门很不方便。',
    address: '东湖社区南门',
    jurisdictionId: d.nodes.vil1,
    phone: '13912345678',
    ...overrides,
  });

  it('POST /api/public/requests: 20 concurrent retries make one request, one code', async () => {
    const d = await ctx.newDistrict();
    const anon = d.anonymous();
    const k = newId();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => anon.post('/api/public/requests', resident(d), key(k))),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    for (const r of results) expect(r.body).toEqual(results[0]!.body);
    const rows = await ticketsOf(d);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.code).toBe(results[0]!.body.code);
    expect(await createEvents(rows.map((r) => r.id))).toHaveLength(1);
    const other = await anon.post(
      '/api/public/requests',
      resident(d, { description: '另一处路灯也不亮了,在东湖社区北门附近。' }),
      key(k),
    );
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await anon.post('/api/public/requests', resident(d), key(newId()))).status).toBe(201);
    expect(await ticketsOf(d)).toHaveLength(2);
  });

  it('POST /open311/v2/requests: a retry in either format answers the first request', async () => {
    const d = await ctx.newDistrict();
    const apiKey = await ctx.c.users.issueToken(d.users.agent, 'fixmystreet', ['open311']);
    const form = (extra: Record<string, string> = {}) =>
      new URLSearchParams({
        jurisdiction_id: d.tenantId,
        api_key: apiKey,
        service_code: '010101',
        description: '东湖社区3号楼前的路灯坏了一周,晚上出行不便。',
        'attribute[type]': 'help',
        address_id: `${d.tenantId}-vil1`,
        account_id: 'fms-42',
        ...extra,
      }).toString();
    const post = (fmt: 'json' | 'xml', payload: string, k: string) =>
      ctx.app.inject({
        method: 'POST',
        url: `/open311/v2/requests.${fmt}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...key(k) },
        payload,
      });
    const k = newId();
    const results = await Promise.all(Array.from({ length: 10 }, () => post('json', form(), k)));
    expect(
      results.map((r) => r.statusCode),
      results[0]!.body,
    ).toEqual(Array(10).fill(200));
    for (const r of results) expect(r.body).toBe(results[0]!.body);
    const [created] = JSON.parse(results[0]!.body) as Array<Record<string, string>>;
    expect(created).toMatchObject({ account_id: 'fms-42' });
    const xml = await post('xml', form(), k);
    expect(xml.statusCode).toBe(200);
    expect(xml.headers['idempotent-replayed']).toBe('true');
    expect(xml.body).toContain(
      `<service_request_id>${created!.service_request_id}</service_request_id>`,
    );
    expect(await ticketsOf(d)).toHaveLength(1);
    const reused = await post('json', form({ description: '另一件事:小区垃圾无人清运。' }), k);
    expect(reused.statusCode).toBe(422);
    expect(reused.headers['x-error-code']).toBe('IDEMPOTENCY_KEY_REUSED');
    const invalid = await post('json', form(), 'x'.repeat(300));
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers['x-error-code']).toBe('IDEMPOTENCY_KEY_INVALID');
    expect(await ticketsOf(d)).toHaveLength(1);
  });
});
