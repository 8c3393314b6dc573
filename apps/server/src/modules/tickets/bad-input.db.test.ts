// Bad input gets 400/403/404/409 with a stable code and a Chinese message,
// never 500, and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type District, type TestContext } from '../../../test/harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function ticketCount(d: District): Promise<number> {
  const r = await ctx.c.db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', d.tenantId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

function valid(d: District): Record<string, unknown> {
  return {
    channel: 'hotline',
    type: 'complaint',
    categoryId: d.categories.leaf,
    title: '路灯不亮',
    description: '小区门口路灯连续三晚不亮。',
    address: '东湖社区南门',
    jurisdictionId: d.nodes.vil1,
    requester: { name: '赵女士', phone: '13912345678' },
  };
}

describe('creating a ticket with bad input', () => {
  const cases: Array<[string, (d: District) => Record<string, unknown>, number, string, string?]> =
    [
      [
        'an unknown field',
        (d) => ({ ...valid(d), priority: 'high' }),
        400,
        'UNKNOWN_FIELD',
        '/priority',
      ],
      ['a wrong type', (d) => ({ ...valid(d), title: 42 }), 400, 'VALIDATION_FAILED', '/title'],
      [
        'an unknown enum value',
        (d) => ({ ...valid(d), type: 'praise' }),
        400,
        'VALIDATION_FAILED',
        '/type',
      ],
      [
        'oversize text',
        (d) => ({ ...valid(d), description: '长'.repeat(4001) }),
        400,
        'VALIDATION_FAILED',
        '/description',
      ],
      [
        'a missing field',
        (d) => {
          const { address: _a, ...rest } = valid(d);
          return rest;
        },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a phone that does not parse',
        (d) => ({ ...valid(d), requester: { phone: '12345' } }),
        400,
        'INVALID_PHONE',
        '/requester/phone',
      ],
      [
        'a category that does not exist',
        (d) => ({ ...valid(d), categoryId: '11111111-1111-4111-8111-111111111111' }),
        400,
        'UNKNOWN_CATEGORY',
        '/categoryId',
      ],
      ['a jurisdiction of another tenant', () => ({}), 400, 'VALIDATION_FAILED'],
      [
        'an attachment that does not exist',
        (d) => ({ ...valid(d), attachmentIds: ['22222222-2222-4222-8222-222222222222'] }),
        400,
        'UNKNOWN_ATTACHMENT',
      ],
    ];
  for (const [name, body, status, code, path] of cases) {
    it(`refuses ${name} with ${status} ${code} and writes nothing`, async () => {
      const d = await ctx.newDistrict();
      const agent = await d.login('agent');
      const before = await ticketCount(d);
      const res = await agent.post('/api/tickets', body(d));
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      if (path) expect(res.body.error.details.map((x: { path: string }) => x.path)).toContain(path);
      expect(await ticketCount(d)).toBe(before);
    });
  }

  it('refuses a body that is not JSON', async () => {
    const d = await ctx.newDistrict();
    const agent = await d.login('agent');
    const res = await agent.post('/api/tickets', '{"title": ', {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a ticket of another tenant’s category as unknown', async () => {
    const a = await ctx.newDistrict();
    const b = await ctx.newDistrict();
    const res = await (
      await a.login('agent')
    ).post('/api/tickets', { ...valid(a), categoryId: b.categories.leaf });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('UNKNOWN_CATEGORY');
  });
});

describe('actions with bad input', () => {
  it('an action not allowed in this state is 409, for this user 403, on a missing ticket 404', async () => {
    const d = await ctx.newDistrict();
    const t = await d.newTicket();
    const village = await d.login('village');
    const dispatcher = await d.login('dispatcher');
    const accept = await dispatcher.act(t.id, 'accept');
    expect(accept.status).toBe(409);
    expect(accept.body.error.code).toBe('ACTION_NOT_ALLOWED_IN_STATE');
    await dispatcher.act(t.id, 'dispatch', { leadUnitId: d.units.vil1 });
    const again = await dispatcher.act(t.id, 'dispatch', { leadUnitId: d.units.vil1 });
    expect(again.status).toBe(409);
    const byAgent = await (
      await d.login('agent')
    ).act(t.id, 'give_feedback', {
      result: '已经处理完毕,现场已确认。',
      replyText: '您反映的问题已经处理完毕。',
    });
    expect(byAgent.status).toBe(409);
    const forbidden = await (
      await d.login('street')
    ).act(t.id, 'send_reply', { replyText: '您反映的问题已经解决', channel: 'sms' });
    expect(forbidden.status).toBe(409);
    const missing = await village.act('33333333-3333-4333-8333-333333333333', 'accept');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('TICKET_NOT_FOUND');
    const unknownAction = await village.act(t.id, 'teleport');
    expect(unknownAction.status).toBe(404);
  });

  it('dispatching to a unit that does not exist is 400 and leaves the ticket received', async () => {
    const d = await ctx.newDistrict();
    const t = await d.newTicket();
    const dispatcher = await d.login('dispatcher');
    const res = await dispatcher.act(t.id, 'dispatch', {
      leadUnitId: '44444444-4444-4444-8444-444444444444',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('UNKNOWN_UNIT');
    const view = await dispatcher.get(`/api/tickets/${t.id}`);
    expect(view.body).toMatchObject({ state: 'received', version: 1, leadUnit: null });
    expect((await dispatcher.get(`/api/tickets/${t.id}/events`)).body).toHaveLength(1);
  });

  it('an action input with unknown fields or a wrong type is 400', async () => {
    const d = await ctx.newDistrict();
    const t = await d.newTicket();
    const dispatcher = await d.login('dispatcher');
    const r1 = await dispatcher.act(t.id, 'dispatch', { leadUnitId: d.units.vil1, force: true });
    expect(r1.status).toBe(400);
    expect(r1.body.error.code).toBe('UNKNOWN_FIELD');
    const r2 = await dispatcher.act(t.id, 'dispatch', { leadUnitId: 7 });
    expect(r2.status).toBe(400);
    const r3 = await dispatcher.act(
      t.id,
      'dispatch',
      { leadUnitId: d.units.vil1 },
      { expectedVersion: 9 },
    );
    expect(r3.status).toBe(409);
    expect(r3.body.error.code).toBe('VERSION_CONFLICT');
  });
});
