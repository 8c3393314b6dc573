// The resident side, through the real HTTP app: raising a request without
// signing in, following it with code + phone, rating the answer and adding
// information. What a resident sees must never include internal work or the
// names of the staff who did it, and a wrong phone must be indistinguishable
// from an unknown code (codes are sequential, so they must not be a phone oracle).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  type Client,
  type DemoLogin,
  type District,
  type TestContext,
} from '../../../test/harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const PHONE = '13912345678';

function request(d: District, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'help',
    categoryId: d.categories.leaf,
    title: '小区门口路灯不亮',
    description: '东湖社区南门的路灯连续三个晚上不亮,老人夜里出门很不方便。',
    address: '东湖社区南门',
    jurisdictionId: d.nodes.vil1,
    name: '周女士',
    phone: PHONE,
    ...overrides,
  };
}

const lookupUrl = (code: string, phone: string) =>
  `/api/public/requests/${encodeURIComponent(code)}?phone=${encodeURIComponent(phone)}`;

async function raise(
  d: District,
  overrides: Record<string, unknown> = {},
): Promise<{ code: string; id: string }> {
  const res = await d.anonymous().post('/api/public/requests', request(d, overrides));
  if (res.status !== 201)
    throw new Error(`raise failed: ${res.status} ${JSON.stringify(res.body)}`);
  const row = await ctx.c.db
    .selectFrom('tickets')
    .select('id')
    .where('tenant_id', '=', d.tenantId)
    .where('code', '=', res.body.code)
    .executeTakeFirstOrThrow();
  return { code: res.body.code, id: row.id };
}

// The staff side of the loop, one step per state; internal steps carry marker
// texts so the test can prove they never reach the resident.
const SECRET_PROGRESS = '内部进展:已约谈物业经理李建国';
const SECRET_RESULT = '内部办理结果:供电所张师傅更换灯头';
const SECRET_RETURN = '退回原因:反馈内容过于简单,需补充现场照片';
const REPLY = '您反映的路灯问题已修复,感谢您的监督。';
const STEPS: Array<[string, DemoLogin, string, Record<string, unknown>]> = [
  ['received', 'dispatcher', 'dispatch', {}],
  ['dispatched', 'village', 'accept', {}],
  ['accepted', 'village', 'start_handling', {}],
  ['in_progress', 'village', 'give_feedback', { result: SECRET_RESULT, replyText: REPLY }],
  ['feedback_given', 'dispatcher', 'send_reply', { replyText: REPLY, channel: 'sms' }],
  ['replied', 'agent', 'queue_callback', {}],
];

async function moveTo(d: District, id: string, state: string): Promise<void> {
  const dispatcher = await d.login('dispatcher');
  let current = (await dispatcher.get(`/api/tickets/${id}`)).body.state as string;
  for (const [from, who, action, input] of STEPS) {
    if (current === state) return;
    if (current !== from) continue;
    const body = action === 'dispatch' ? { leadUnitId: d.units.vil1 } : input;
    const res = await (await d.login(who)).act(id, action, body);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    current = res.body.state;
  }
  if (current !== state) throw new Error(`cannot reach ${state} from ${current}`);
}

async function ticketRow(id: string) {
  return ctx.c.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function eventCount(id: string): Promise<number> {
  const r = await ctx.c.db
    .selectFrom('ticket_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('ticket_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function ticketCount(d: District): Promise<number> {
  const r = await ctx.c.db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', d.tenantId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('raising a request', () => {
  it('returns 201 with a code and Chinese next steps, and files a web ticket', async () => {
    const d = await ctx.newDistrict();
    const res = await d
      .anonymous()
      .post('/api/public/requests', request(d, { phone: '139 1234 5678' }));
    expect(res.status).toBe(201);
    expect(res.body.code).toMatch(/^\d{8}-\d{6}$/);
    expect(res.body.receivedAt).toBe(ctx.clock.now().toISOString());
    expect(res.body.nextSteps).toMatch(/[\u4e00-\u9fff]{10,}/);
    expect(res.body.nextSteps).toContain('编号');

    const dispatcher = await d.login('dispatcher');
    const list = await dispatcher.get(`/api/tickets?q=${encodeURIComponent(res.body.code)}`);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({
      code: res.body.code,
      channel: 'web',
      type: 'help',
      state: 'received',
      title: '小区门口路灯不亮',
    });
    // The phone is stored in its normalised form, so the resident can look it up in any format.
    const row = await ticketRow(list.body.items[0].id);
    expect(row).toMatchObject({ requester_phone: PHONE, requester_name: '周女士' });
    const events = await dispatcher.get(`/api/tickets/${row.id}/events`);
    expect(events.body).toHaveLength(1);
    expect(events.body[0]).toMatchObject({ action: 'create', actorKind: 'requester', actor: null });
  });

  it('refuses bad input with stable codes and creates nothing, not even a code', async () => {
    const d = await ctx.newDistrict();
    const other = await ctx.newDistrict();
    const resident = d.anonymous();
    const cases: Array<[Record<string, unknown>, string, string?]> = [
      [request(d, { priority: 'high' }), 'UNKNOWN_FIELD', '/priority'],
      [request(d, { phone: '12345' }), 'INVALID_PHONE', '/phone'],
      [request(d, { phone: '139-1234-567' }), 'INVALID_PHONE', '/phone'],
      [request(d, { phone: '123' }), 'VALIDATION_FAILED', '/phone'],
      [request(d, { type: 'praise' }), 'VALIDATION_FAILED', '/type'],
      [request(d, { description: '短' }), 'VALIDATION_FAILED', '/description'],
      [request(d, { categoryId: other.categories.leaf }), 'UNKNOWN_CATEGORY', '/categoryId'],
      [request(d, { jurisdictionId: other.nodes.vil1 }), 'UNKNOWN_JURISDICTION'],
    ];
    for (const [body, code, path] of cases) {
      const res = await resident.post('/api/public/requests', body);
      expect(res.status, code).toBe(400);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      if (path) expect(res.body.error.details.map((x: { path: string }) => x.path)).toContain(path);
    }
    expect(await ticketCount(d)).toBe(0);
    // A refused request must not burn a number of the day's sequence either.
    const ok = await resident.post('/api/public/requests', request(d));
    expect(ok.status).toBe(201);
    expect(ok.body.code).toMatch(/-000001$/);
  });
});

describe('looking a request up', () => {
  it('shows state, label and public timeline with the right phone, in any format', async () => {
    const d = await ctx.newDistrict();
    const { code } = await raise(d);
    for (const phone of [PHONE, '+86 139-1234-5678', '0086 139 1234 5678', '(139)12345678']) {
      const res = await d.anonymous().get(lookupUrl(code, phone));
      expect(res.status, phone).toBe(200);
      expect(res.body).toMatchObject({
        code,
        title: '小区门口路灯不亮',
        state: 'received',
        stateLabel: '已受理',
        outcome: null,
        handlingUnit: null,
        canRate: false,
        canAddInformation: true,
      });
      expect(res.body.timeline).toEqual([
        { at: res.body.receivedAt, action: 'create', label: '受理诉求', text: null },
      ]);
    }
  });

  it('gives the same 404 for a wrong phone, an unknown code and another district', async () => {
    const d = await ctx.newDistrict();
    const other = await ctx.newDistrict();
    const { code } = await raise(d);
    // The other district's first request of the day has the same code and phone.
    const twin = await raise(other, { title: '另一个区的诉求' });
    expect(twin.code).toBe(code);

    const resident = d.anonymous();
    const wrongPhone = await resident.get(lookupUrl(code, '13900000000'));
    const unknownCode = await resident.get(lookupUrl('20991231-999999', PHONE));
    const unparsable = await resident.get(lookupUrl(code, 'abcdefg'));
    for (const res of [wrongPhone, unknownCode, unparsable]) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        error: { code: 'REQUEST_NOT_FOUND', message: '未找到该诉求,请核对编号和手机号' },
      });
    }
    expect(unknownCode.body).toEqual(wrongPhone.body);
    // Each district answers with its own request only.
    expect((await resident.get(lookupUrl(code, PHONE))).body.title).toBe('小区门口路灯不亮');
    expect((await other.anonymous().get(lookupUrl(code, PHONE))).body.title).toBe('另一个区的诉求');
  });

  it('never shows internal events, their texts or staff names on the public timeline', async () => {
    const d = await ctx.newDistrict();
    const { code, id } = await raise(d);
    await moveTo(d, id, 'in_progress');
    const village = await d.login('village');
    const progress = await village.act(id, 'add_progress', { text: SECRET_PROGRESS });
    expect(progress.status).toBe(200);
    await moveTo(d, id, 'feedback_given');
    const dispatcher = await d.login('dispatcher');
    const returned = await dispatcher.act(
      id,
      'return_feedback',
      { reason: SECRET_RETURN },
      { reason: SECRET_RETURN },
    );
    expect(returned.body.state).toBe('in_progress');
    await moveTo(d, id, 'replied');

    const res = await d.anonymous().get(lookupUrl(code, PHONE));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'replied',
      stateLabel: '已回复',
      handlingUnit: '东湖社区居委会',
      canRate: true,
    });
    expect(res.body.timeline.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'dispatch',
      'accept',
      'start_handling',
      'send_reply',
    ]);
    const reply = res.body.timeline.find((e: { action: string }) => e.action === 'send_reply');
    expect(reply).toMatchObject({ label: '答复诉求人', text: REPLY });
    const accept = res.body.timeline.find((e: { action: string }) => e.action === 'accept');
    expect(accept.text).toBe('东湖社区居委会已签收');

    // The staff trail does hold the internal events; the resident's view must not.
    const staff = await dispatcher.get(`/api/tickets/${id}/events`);
    const internal = staff.body.filter((e: { visibility: string }) => e.visibility === 'internal');
    expect(internal.map((e: { action: string }) => e.action)).toEqual([
      'add_progress',
      'give_feedback',
      'return_feedback',
      'give_feedback',
    ]);
    const text = JSON.stringify(res.body);
    for (const secret of [SECRET_PROGRESS, SECRET_RESULT, SECRET_RETURN]) {
      expect(text).not.toContain(secret);
    }
    for (const who of Object.keys(d.users) as DemoLogin[]) {
      expect(text).not.toContain(`测试${who}`);
      expect(text).not.toContain(`${d.tenantId}-${who}`);
      expect(text).not.toContain(d.users[who]);
    }
  });
});

describe('rating the answer', () => {
  async function rate(resident: Client, code: string, body: Record<string, unknown>) {
    return resident.post(`/api/public/requests/${code}/rating`, { phone: PHONE, ...body });
  }

  it('is refused with 409 before the request has been answered, and writes nothing', async () => {
    const d = await ctx.newDistrict();
    const { code, id } = await raise(d);
    await moveTo(d, id, 'feedback_given');
    const before = await ticketRow(id);
    const res = await rate(d.anonymous(), code, { solved: true, satisfaction: 'satisfied' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ACTION_NOT_ALLOWED_IN_STATE');
    const after = await ticketRow(id);
    expect(after).toMatchObject({ state: 'feedback_given', version: before.version, solved: null });
    expect(await eventCount(id)).toBe(5);
  });

  it('closes the request as solved once replied, and cannot be repeated', async () => {
    const d = await ctx.newDistrict();
    const { code, id } = await raise(d);
    await moveTo(d, id, 'replied');
    const resident = d.anonymous();
    const res = await rate(resident, code, {
      solved: true,
      satisfaction: 'satisfied',
      comment: '修得很快',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'closed',
      stateLabel: '已办结',
      outcome: 'solved',
      canRate: false,
      canAddInformation: false,
    });
    expect(res.body.timeline.at(-1)).toMatchObject({
      action: 'rate',
      label: '评价',
      text: '问题已解决',
    });
    expect(await ticketRow(id)).toMatchObject({
      state: 'closed',
      outcome: 'solved',
      solved: true,
      satisfaction: 'satisfied',
    });
    const events = await (await d.login('dispatcher')).get(`/api/tickets/${id}/events`);
    expect(events.body.at(-1)).toMatchObject({
      action: 'rate',
      fromState: 'replied',
      toState: 'closed',
      actorKind: 'requester',
      actor: null,
    });

    const again = await rate(resident, code, { solved: false, satisfaction: 'dissatisfied' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ACTION_NOT_ALLOWED_IN_STATE');
    expect(await ticketRow(id)).toMatchObject({ solved: true, satisfaction: 'satisfied' });
  });

  it('sends an unsolved rating to the callback queue, where staff take it up', async () => {
    const d = await ctx.newDistrict();
    const { code, id } = await raise(d);
    await moveTo(d, id, 'replied');
    const res = await rate(d.anonymous(), code, { solved: false, satisfaction: 'dissatisfied' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'awaiting_callback',
      stateLabel: '待回访',
      outcome: null,
    });
    expect(res.body.timeline.at(-1)).toMatchObject({ action: 'rate', text: '问题未解决' });
    expect(await ticketRow(id)).toMatchObject({
      state: 'awaiting_callback',
      solved: false,
      satisfaction: 'dissatisfied',
      closed_at: null,
    });
    // [Handling] the resident said "unsolved": no call is needed, the reviewer decides.
    const dispatcher = await d.login('dispatcher');
    const offered = (await dispatcher.get(`/api/tickets/${id}`)).body.allowedActions;
    expect(offered).toContain('review_callback');
    expect(offered).not.toContain('record_callback');
  });

  it('refuses a wrong phone with the same 404 and an invalid body with 400', async () => {
    const d = await ctx.newDistrict();
    const { code, id } = await raise(d);
    await moveTo(d, id, 'replied');
    const resident = d.anonymous();
    const wrong = await rate(resident, code, {
      phone: '13900000000',
      solved: true,
      satisfaction: 'satisfied',
    });
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.code).toBe('REQUEST_NOT_FOUND');
    const bad = await rate(resident, code, { solved: true, satisfaction: 'delighted' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const extra = await rate(resident, code, { solved: true, satisfaction: 'satisfied', stars: 5 });
    expect(extra.status).toBe(400);
    expect(extra.body.error.code).toBe('UNKNOWN_FIELD');
    expect(await ticketRow(id)).toMatchObject({ state: 'replied', solved: null });
  });
});

describe('adding information', () => {
  it('appends a public event while the request is open', async () => {
    const d = await ctx.newDistrict();
    const { code, id } = await raise(d);
    await moveTo(d, id, 'dispatched');
    const text = '补充一下:北门的路灯也不亮了。';
    const res = await d
      .anonymous()
      .post(`/api/public/requests/${code}/information`, { phone: '+86 139 1234 5678', text });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('dispatched');
    expect(res.body.timeline.at(-1)).toMatchObject({
      action: 'add_information',
      label: '补充诉求',
      text,
    });
    const events = await (await d.login('village')).get(`/api/tickets/${id}/events`);
    expect(events.body.at(-1)).toMatchObject({
      seq: 3,
      action: 'add_information',
      fromState: 'dispatched',
      toState: 'dispatched',
      actorKind: 'requester',
      visibility: 'public',
      payload: { text },
    });
  });

  it('is refused with 409 once the request is closed, and writes nothing', async () => {
    const d = await ctx.newDistrict();
    const { code, id } = await raise(d);
    await moveTo(d, id, 'replied');
    const resident = d.anonymous();
    await resident.post(`/api/public/requests/${code}/rating`, {
      phone: PHONE,
      solved: true,
      satisfaction: 'satisfied',
    });
    const before = await eventCount(id);
    const res = await resident.post(`/api/public/requests/${code}/information`, {
      phone: PHONE,
      text: '还有一处路灯也坏了。',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ACTION_NOT_ALLOWED_IN_STATE');
    expect(await eventCount(id)).toBe(before);
  });

  it('refuses an unknown field or a too-short text with 400', async () => {
    const d = await ctx.newDistrict();
    const { code, id } = await raise(d);
    const resident = d.anonymous();
    const extra = await resident.post(`/api/public/requests/${code}/information`, {
      phone: PHONE,
      text: '补充内容',
      urgent: true,
    });
    expect(extra.status).toBe(400);
    expect(extra.body.error.code).toBe('UNKNOWN_FIELD');
    const short = await resident.post(`/api/public/requests/${code}/information`, {
      phone: PHONE,
      text: '补',
    });
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('VALIDATION_FAILED');
    expect(await eventCount(id)).toBe(1);
  });
});
