// The 三率 month's review through the API on a hand-computed November for
// 东城街道办事处 (twp1): three tickets dispatched to it and accepted;
//   t1 called back solved + satisfied, t2 unsolved + dissatisfied, t3 open.
// → volume 3, accepted 3, rated 2, solved 1, satisfied 1, dissatisfied 1.
// Excluding t2 takes out exactly its events: one dispatch, one acceptance, one
// feedback, one callback (rated, dissatisfied) → volume 2, rated 1, solved 1,
// satisfied 1, dissatisfied 0. A rejected appeal changes nothing. Then the
// month ends: the first read freezes version 1, the table refuses UPDATE and
// DELETE, a later acceptance shows only after a recompute (version 2, with its
// reason), version 1 stays readable; summons show on every read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { extraLogin } from '../../../test/extra-users.js';
import type { Client, District } from '../../../test/factories.js';

let ctx: TestContext;
let d: District;
let t1: { id: string; code: string };
let t2: { id: string; code: string };
let t3: { id: string; code: string };

const NOV = '/api/assessment/units?month=2026-11&group=township';
type Row = { unit: { id: string } } & Record<string, unknown>;
const twp1Of = (body: { items: Row[] }) => body.items.find((r) => r.unit.id === d.units.twp1)!;

beforeAll(async () => {
  ctx = await createTestContext(); // 2026-11-02 09:00 in Beijing
  d = await ctx.newDistrict();
  const dispatcher = await d.login('dispatcher');
  const street = await d.login('street');
  const agent = await d.login('agent');
  const ok = (r: { status: number; body: unknown }) => {
    if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  };
  const feedback = {
    result: '已到现场处理完毕,问题已经解决。',
    replyText: '您反映的问题已处理完毕,感谢监督。',
  };
  const tickets = [];
  for (let i = 0; i < 3; i++) {
    const t = await d.newTicket();
    tickets.push({ id: t.id as string, code: t.code as string });
    ok(await dispatcher.act(t.id, 'dispatch', { leadUnitId: d.units.twp1 }));
    ok(await street.act(t.id, 'accept', {}));
    if (i === 2) continue;
    ok(await street.act(t.id, 'give_feedback', feedback));
    ok(await dispatcher.act(t.id, 'send_reply', { replyText: feedback.replyText, channel: 'sms' }));
    ok(
      await agent.act(
        t.id,
        'record_callback',
        i === 0
          ? { solved: true, satisfaction: 'satisfied' }
          : { solved: false, satisfaction: 'dissatisfied' },
      ),
    );
  }
  [t1, t2, t3] = tickets as [typeof t1, typeof t2, typeof t3];
});
afterAll(() => ctx.close());

describe('三率考核 申诉剔除', () => {
  let appeal2: string;
  let appeal3: string;

  it('starts from the hand-computed month', async () => {
    const res = await (await d.login('supervisor')).get(NOV);
    expect(res.status).toBe(200);
    expect(twp1Of(res.body)).toMatchObject({
      volume: 3,
      accepted: 3,
      rated: 2,
      solved: 1,
      satisfied: 1,
      dissatisfied: 1,
      excluded: 0,
      appealsAsked: 0,
      summons: null,
    });
    expect(res.body.snapshot).toBeNull(); // the current month is live
    expect(res.body.exclusions).toEqual([]);
  });

  it('lets the lead unit appeal, once per ticket and month, and no one else', async () => {
    const leader = await d.login('leader');
    const body = {
      ticket: t2.code,
      month: '2026-11',
      reason: '诉求人要求不合理,经议事协商达成一致',
    };
    const res = await leader.post('/api/assessment/appeals', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'pending',
      ticket: { id: t2.id, code: t2.code },
      unit: { id: d.units.twp1 },
      canDecide: false,
    });
    appeal2 = res.body.id;
    expect((await leader.post('/api/assessment/appeals', body)).status).toBe(409);
    expect(
      (await (await d.login('dept')).post('/api/assessment/appeals', { ...body, ticket: t3.id }))
        .status,
    ).toBe(403);
    expect(
      (await leader.post('/api/assessment/appeals', { ...body, ticket: 'NO-SUCH-CODE' })).status,
    ).toBe(404);
    // Not counted for the unit in October.
    expect(
      (await leader.post('/api/assessment/appeals', { ...body, ticket: t3.code, month: '2026-10' }))
        .status,
    ).toBe(400);
    const street = await d.login('street');
    const r3 = await street.post('/api/assessment/appeals', {
      ticket: t3.id,
      month: '2026-11',
      reason: '重复诉求,已合并办理',
    });
    expect(r3.status).toBe(201);
    appeal3 = r3.body.id;
  });

  it('lets only reviewers decide, once', async () => {
    const note = { verdict: 'accepted', note: '经核实,属议事协商化解的不合理诉求' };
    for (const who of ['leader', 'street', 'dispatcher', 'dept'] as const)
      expect(
        (await (await d.login(who)).post(`/api/assessment/appeals/${appeal2}/decision`, note))
          .status,
        who,
      ).toBe(403);
    const sup = await d.login('supervisor');
    const res = await sup.post(`/api/assessment/appeals/${appeal2}/decision`, note);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'accepted', decisionNote: note.note });
    expect((await sup.post(`/api/assessment/appeals/${appeal2}/decision`, note)).status).toBe(409);
    // The dispatch centre's leader reviews too.
    const centreLeader = await extraLogin(ctx, d, 'centre', 'unit_leader');
    const rej = await centreLeader.post(`/api/assessment/appeals/${appeal3}/decision`, {
      verdict: 'rejected',
      note: '属正常诉求,应予办理',
    });
    expect(rej.status).toBe(200);
    expect(rej.body.status).toBe('rejected');
  });

  it('takes out exactly the accepted ticket’s events and lists it openly', async () => {
    const res = await (await d.login('leader')).get(NOV);
    expect(res.status).toBe(200);
    expect(twp1Of(res.body)).toMatchObject({
      volume: 2,
      accepted: 2,
      completed: 1,
      calledBack: 1,
      rated: 1,
      solved: 1,
      satisfied: 1,
      dissatisfied: 0,
      resolutionRate: 1,
      excluded: 1,
      appealsAsked: 2,
      appealsAccepted: 1,
    });
    expect(res.body.exclusions).toHaveLength(1);
    expect(res.body.exclusions[0]).toMatchObject({
      ticket: { code: t2.code },
      unit: { id: d.units.twp1 },
      decidedBy: { name: '测试supervisor' },
      dispatched: 1,
      rated: 1,
    });
    // t1 never appealed; t3's rejected appeal left it counted.
    expect(res.body.exclusions.map((e: { ticket: { id: string } }) => e.ticket.id)).not.toContain(
      t3.id,
    );
  });

  it('lists appeals by status and unit, the unit its own', async () => {
    const sup = await d.login('supervisor');
    const all = await sup.get('/api/assessment/appeals?month=2026-11');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 2, canReview: true });
    const acc = await sup.get('/api/assessment/appeals?status=accepted');
    expect(acc.body.items.map((a: { id: string }) => a.id)).toEqual([appeal2]);
    const dept = await (await d.login('dept')).get('/api/assessment/appeals');
    expect(dept.body).toMatchObject({ total: 0, canReview: false });
    const street = await (await d.login('street')).get('/api/assessment/appeals');
    expect(street.body.total).toBe(2);
    // A rejected appeal does not block a new one.
    const again = await (
      await d.login('leader')
    ).post('/api/assessment/appeals', {
      ticket: t3.code,
      month: '2026-11',
      reason: '补充材料:诉求人已撤回诉求',
    });
    expect(again.status).toBe(201);
    appeal3 = again.body.id;
  });
});

describe('末位约谈', () => {
  it('records a summons once, by a reviewer, and shows it on the row', async () => {
    const body = {
      unitId: d.units.twp1,
      month: '2026-11',
      heldOn: '2026-11-02',
      attendees: '区督查室张主任;东城街道办事处主要负责人',
      notes: '通报排名情况,要求制定整改措施,一周内报送整改方案。',
    };
    expect((await (await d.login('leader')).post('/api/assessment/summons', body)).status).toBe(
      403,
    );
    const sup = await d.login('supervisor');
    expect(
      (await sup.post('/api/assessment/summons', { ...body, heldOn: '2026-12-30' })).status,
    ).toBe(400);
    const res = await sup.post('/api/assessment/summons', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ heldOn: '2026-11-02', unit: { id: d.units.twp1 } });
    expect((await sup.post('/api/assessment/summons', body)).status).toBe(409);
    const list = await sup.get('/api/assessment/summons?month=2026-11');
    expect(list.body).toMatchObject({ canRecord: true, items: [{ id: res.body.id }] });
    const v = await sup.get(NOV);
    expect(twp1Of(v.body).summons).toMatchObject({ id: res.body.id, attendees: body.attendees });
    expect(v.body.canSummon).toBe(true);
    const twp2 = v.body.items.find((r: Row) => r.unit.id === d.units.twp2);
    expect(twp2.summons).toBeNull();
  });
});

describe('月末封存', () => {
  let sup: Client;
  beforeAll(async () => {
    ctx.clock.set('2026-12-03T02:00:00Z');
    sup = await d.login('supervisor', { fresh: true });
  });

  it('freezes a closed month on its first read, immutably', async () => {
    const res = await sup.get(NOV);
    expect(res.status).toBe(200);
    expect(res.body.snapshot).toMatchObject({
      version: 1,
      reason: '月末自动封存',
      latest: true,
      canRecompute: true,
    });
    expect(res.body.snapshot.versions).toHaveLength(1);
    expect(twp1Of(res.body)).toMatchObject({ volume: 2, excluded: 1 });
    // The recorded summons is read live over the frozen month.
    expect(twp1Of(res.body).summons).not.toBeNull();
    const where = sql`WHERE tenant_id = ${d.tenantId}`;
    await expect(
      sql`UPDATE assessment_snapshots SET reason = '篡改' ${where}`.execute(ctx.c.db),
    ).rejects.toThrow(/immutable/);
    await expect(sql`DELETE FROM assessment_snapshots ${where}`.execute(ctx.c.db)).rejects.toThrow(
      /immutable/,
    );
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM assessment_snapshots ${where}`.execute(ctx.c.db);
    expect(rows[0]!.n).toBe(1);
  });

  it('keeps what was accepted when frozen; a recompute takes the new ones as version 2', async () => {
    const accepted = await sup.get('/api/assessment/appeals?status=pending');
    const id = accepted.body.items[0].id as string;
    expect(
      (
        await sup.post(`/api/assessment/appeals/${id}/decision`, {
          verdict: 'accepted',
          note: '诉求人已撤回',
        })
      ).status,
    ).toBe(200);
    expect(twp1Of((await sup.get(NOV)).body)).toMatchObject({ volume: 2, excluded: 1 });

    const body = { month: '2026-11', group: 'township', reason: '补充审核通过的剔除申诉' };
    const dispatcher = await d.login('dispatcher', { fresh: true });
    expect((await dispatcher.post('/api/assessment/snapshots', body)).status).toBe(403);
    expect((await sup.post('/api/assessment/snapshots', { ...body, reason: '' })).status).toBe(400);
    expect(
      (await sup.post('/api/assessment/snapshots', { ...body, month: '2026-12' })).status,
    ).toBe(400);
    const res = await sup.post('/api/assessment/snapshots', body);
    expect(res.status).toBe(201);
    expect(res.body.snapshot).toMatchObject({ version: 2, reason: body.reason, latest: true });
    expect(twp1Of(res.body)).toMatchObject({ volume: 1, excluded: 2, rated: 1 });
    expect(res.body.exclusions).toHaveLength(2);

    const latest = await sup.get(NOV);
    expect(latest.body.snapshot.versions.map((v: { version: number }) => v.version)).toEqual([
      2, 1,
    ]);
    const v1 = await sup.get(`${NOV}&version=1`);
    expect(v1.body.snapshot).toMatchObject({ version: 1, latest: false });
    expect(twp1Of(v1.body)).toMatchObject({ volume: 2, excluded: 1 });
    expect((await sup.get(`${NOV}&version=9`)).status).toBe(404);
  });

  it('exports the exclusions and the summons as sheets', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: NOV.replace('/units?', '/units/export.xlsx?'),
      headers: { cookie: (await loginCookie()) ?? '' },
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ex = wb.getWorksheet('公开剔除清单')!;
    expect(ex.rowCount).toBe(3);
    expect([2, 3].map((i) => String(ex.getRow(i).getCell(1).value)).sort()).toEqual(
      [t2.code, t3.code].sort(),
    );
    expect(wb.getWorksheet('末位约谈')!.rowCount).toBeGreaterThanOrEqual(2);
    expect(t1.code).toBeTruthy();
  });
});

async function loginCookie() {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: `${d.tenantId}-supervisor`, password: 'test-password' },
  });
  return String(res.headers['set-cookie']).split(';')[0];
}
