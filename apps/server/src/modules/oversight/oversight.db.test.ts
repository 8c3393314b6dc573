// 督办 through the API: an urge is a ticket event and a record; the urged unit answers;
// ignored past the deadline, the sweep escalates it once to the government above and
// queues one message to its leader. Supervisors read everything and act on nothing
// but oversight; the audit trail of a ticket and of a unit exports as Excel and CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { PASSWORD, type District } from '../../../test/factories.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const HOUR = 3_600_000;
const inHours = (h: number) => new Date(ctx.clock.now().getTime() + h * HOUR).toISOString();

async function outbox(d: District) {
  return ctx.c.db
    .selectFrom('notification_outbox')
    .selectAll()
    .where('tenant_id', '=', d.tenantId)
    .where('source', '=', 'urge_escalation')
    .execute();
}

describe('urge (督办)', () => {
  it('is recorded on the timeline; the urged unit answers; the supervisor sees it answered', async () => {
    const d = await ctx.newDistrict();
    const t = await d.ticketIn('accepted');
    const sup = await d.login('supervisor');
    const village = await d.login('village');

    const before = (await sup.get(`/api/tickets/${t.id}`)).body;
    expect(before.allowedActions).toContain('urge');
    const deadline = inHours(24);
    const urged = await sup.act(t.id, 'urge', {
      deadline,
      note: '群众反映强烈,请今日内答复处理进展',
    });
    expect(urged.status, JSON.stringify(urged.body)).toBe(200);
    expect(urged.body.state).toBe('accepted');
    expect(urged.body.version).toBe(before.version + 1);

    const events = (await village.get(`/api/tickets/${t.id}/events`)).body;
    expect(events.at(-1)).toMatchObject({
      action: 'urge',
      visibility: 'internal',
      actorUnit: { id: d.units.centre },
      payload: { unitId: d.units.vil1, unitName: '东湖社区居委会', deadline },
    });

    const open = await sup.get('/api/urges?status=open');
    expect(open.status, JSON.stringify(open.body)).toBe(200);
    expect(open.body.total).toBe(1);
    expect(open.body.items[0]).toMatchObject({
      ticket: { id: t.id, code: t.code },
      unit: { id: d.units.vil1 },
      status: 'open',
      byUnit: { id: d.units.centre },
      dueAt: deadline,
    });

    // The village sees its urge and may answer it.
    const mine = await village.get('/api/urges?mine=1');
    expect(mine.body.items.map((u: { ticket: { id: string } }) => u.ticket.id)).toEqual([t.id]);
    const view = (await village.get(`/api/tickets/${t.id}`)).body;
    expect(view.allowedActions).toContain('respond_urge');

    // Urging the same unit again while unanswered is refused.
    const again = await sup.act(t.id, 'urge', { deadline, note: '再次督办' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('URGE_PENDING');

    ctx.clock.advance(2 * HOUR);
    const finishBy = inHours(48);
    const answered = await village.act(t.id, 'respond_urge', {
      reply: '已联系供电所,明日上午更换灯具',
      finishBy,
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body.allowedActions).not.toContain('respond_urge');
    const again2 = await village.act(t.id, 'respond_urge', { reply: '重复回复' });
    expect(again2.status).toBe(403);

    const done = await sup.get(`/api/urges?ticketId=${t.id}`);
    expect(done.body.items[0]).toMatchObject({
      status: 'responded',
      response: '已联系供电所,明日上午更换灯具',
      finishBy,
      late: false,
      escalatedAt: null,
    });
    const responded = await sup.get('/api/urges?status=responded');
    expect(responded.body.total).toBe(1);
    const evs = (await sup.get(`/api/tickets/${t.id}/events`)).body;
    expect(evs.at(-1)).toMatchObject({ action: 'respond_urge', actorUnit: { id: d.units.vil1 } });
  });

  it('escalates once after the deadline with a moved clock, with one outbox row', async () => {
    const d = await ctx.newDistrict();
    const t = await d.ticketIn('accepted');
    const dispatcher = await d.login('dispatcher');
    const admin = await d.login('admin');
    const urged = await dispatcher.act(t.id, 'urge', {
      deadline: inHours(2),
      note: '请两小时内反馈',
    });
    expect(urged.status, JSON.stringify(urged.body)).toBe(200);

    // Before the deadline: nothing to do.
    ctx.clock.advance(HOUR);
    expect((await admin.post('/api/urges/sweep')).body).toEqual({ escalated: 0, notified: 0 });

    ctx.clock.advance(2 * HOUR);
    const overdue = await d.login('supervisor', { fresh: true });
    // Non-admins may not run the sweep.
    expect((await overdue.post('/api/urges/sweep')).status).toBe(403);
    const sweep = await (await d.login('admin', { fresh: true })).post('/api/urges/sweep');
    expect(sweep.status, JSON.stringify(sweep.body)).toBe(200);
    expect(sweep.body).toEqual({ escalated: 1, notified: 1 });
    // Idempotent: a second sweep and a list read escalate nothing more.
    expect((await (await d.login('admin')).post('/api/urges/sweep')).body).toEqual({
      escalated: 0,
      notified: 0,
    });
    const list = await overdue.get('/api/urges?status=escalated');
    expect(list.body.total).toBe(1);
    // A village committee's urge goes to its township government, whose leader is told.
    expect(list.body.items[0]).toMatchObject({
      unit: { id: d.units.vil1 },
      escalatedTo: { id: d.units.twp1, name: '东城街道办事处' },
    });
    const rows = await outbox(d);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ to_user_id: d.users.leader, channel: 'in_app' });
    expect(rows[0]!.text).toContain(t.code);
    // The escalation is an event of the platform on the ticket's timeline.
    const timeline = await overdue.get(`/api/tickets/${t.id}/events`);
    const esc = timeline.body.filter((e: { action: string }) => e.action === 'escalate_urge');
    expect(esc).toHaveLength(1);
    expect(esc[0]).toMatchObject({ actorKind: 'system', visibility: 'internal' });
    expect(esc[0].payload).toMatchObject({ urgedUnitId: d.units.vil1, toUnitId: d.units.twp1 });

    // The village still answers, late.
    const village = await d.login('village', { fresh: true });
    expect((await village.act(t.id, 'respond_urge', { reply: '已处理完毕,延误致歉' })).status).toBe(
      200,
    );
    const after = await overdue.get(`/api/urges?ticketId=${t.id}`);
    expect(after.body.items[0]).toMatchObject({ status: 'responded', late: true });
    expect(after.body.items[0].escalatedAt).not.toBeNull();
    expect(await outbox(d)).toHaveLength(1);

    const counts = await overdue.get('/api/urges/counts');
    expect(counts.body.items).toEqual([
      {
        unit: { id: d.units.vil1, name: '东湖社区居委会' },
        total: 1,
        responded: 1,
        respondedLate: 1,
        waiting: 0,
        escalated: 1,
      },
    ]);
  });

  it('lists run the sweep lazily; a department escalates to the dispatch centre', async () => {
    const d = await ctx.newDistrict();
    const t = await d.newTicket();
    const dispatcher = await d.login('dispatcher');
    expect((await dispatcher.act(t.id, 'dispatch', { leadUnitId: d.units.dept })).status).toBe(200);
    expect(
      (await dispatcher.act(t.id, 'urge', { deadline: inHours(1), note: '请尽快签收' })).status,
    ).toBe(200);
    ctx.clock.advance(2 * HOUR);
    const sup = await d.login('supervisor', { fresh: true });
    const overdue = await sup.get('/api/urges');
    expect(overdue.body.items[0]).toMatchObject({
      status: 'escalated',
      escalatedTo: { id: d.units.centre },
    });
    const rows = await outbox(d);
    // No leader in the test centre: one in-app message addressed to the unit.
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ to_user_id: null, to_name: '区接诉即办指挥中心' });
    await sup.get('/api/urges');
    expect(await outbox(d)).toHaveLength(1);
  });

  it('permissions: handlers may not urge; the township leader urges its village', async () => {
    const d = await ctx.newDistrict();
    const t = await d.ticketIn('accepted');
    const village = await d.login('village');
    const street = await d.login('street');
    const note = { deadline: inHours(4), note: '请加快办理' };
    const v = await village.act(t.id, 'urge', note);
    expect(v.status).toBe(403);
    expect(v.body.error.code).toBe('ACTION_FORBIDDEN');
    expect((await street.act(t.id, 'urge', note)).status).toBe(403);
    expect((await village.get(`/api/tickets/${t.id}`)).body.allowedActions).not.toContain('urge');

    const leader = await d.login('leader');
    expect((await leader.get(`/api/tickets/${t.id}`)).body.allowedActions).toContain('urge');
    const past = await leader.act(t.id, 'urge', { deadline: inHours(-1), note: '请加快办理' });
    expect(past.status).toBe(400);
    expect(past.body.error.code).toBe('URGE_DEADLINE_PAST');
    const other = await leader.act(t.id, 'urge', { ...note, unitId: d.units.dept });
    expect(other.status).toBe(400);
    expect(other.body.error.code).toBe('URGE_UNIT_INVALID');
    const ok = await leader.act(t.id, 'urge', note);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    // The leader's own urge shows in its list (urging unit), the village's in its own.
    expect((await leader.get('/api/urges')).body.total).toBe(1);
    // A unit outside sees none of it.
    expect((await (await d.login('dept')).get('/api/urges')).body.total).toBe(0);
  });
});

describe('supervisor inspection and the audit trail', () => {
  it('the supervisor reads every ticket and the exports but cannot handle', async () => {
    const d = await ctx.newDistrict();
    const a = await d.ticketIn('accepted');
    const b = await d.newTicket({ jurisdictionId: d.nodes.vil3 });
    const dispatcher = await d.login('dispatcher');
    expect((await dispatcher.act(b.id, 'dispatch', { leadUnitId: d.units.dept })).status).toBe(200);
    const c = await d.newTicket();
    const sup = await d.login('supervisor');

    const list = await sup.get('/api/tickets?pageSize=50');
    expect(list.status).toBe(200);
    const ids = list.body.items.map((x: { id: string }) => x.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
    for (const t of [a, b, c]) {
      const view = await sup.get(`/api/tickets/${t.id}`);
      expect(view.status).toBe(200);
      // Only oversight actions: urge and the common-problem projects, never handling.
      for (const act of view.body.allowedActions) {
        expect(['urge', 'link_project', 'unlink_project']).toContain(act);
      }
      expect((await sup.get(`/api/tickets/${t.id}/events`)).status).toBe(200);
      expect((await sup.get(`/api/tickets/${t.id}/audit?format=csv`)).status).toBe(200);
    }
    expect((await sup.act(c.id, 'dispatch', { leadUnitId: d.units.vil1 })).status).toBe(403);
    expect((await sup.act(a.id, 'add_progress', { text: '督查组记录进展' })).status).toBe(403);
    expect(
      (
        await sup.act(a.id, 'give_feedback', {
          result: '已修复路灯,恢复照明。',
          replyText: '您反映的问题已解决。',
        })
      ).status,
    ).toBe(403);
    expect(
      (await sup.post(`/api/tickets/${a.id}/requester/reveal`, { purpose: '核查' })).status,
    ).toBe(403);
    const unit = await sup.get(`/api/audit/units?unitId=${d.units.dept}`);
    expect(unit.status).toBe(200);
  });

  it("exports a ticket's trail (xlsx, csv) with internal events, the requester masked", async () => {
    const d = await ctx.newDistrict();
    const t = await d.ticketIn('in_progress');
    const sup = await d.login('supervisor');
    expect((await sup.act(t.id, 'urge', { deadline: inHours(8), note: '请说明进展' })).status).toBe(
      200,
    );
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/tickets/${t.id}/audit`,
      headers: { cookie: await cookieOf(d) },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(
      `工单轨迹-${t.code}.xlsx`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: string[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[0]).toContain('操作');
    const actions = rows.slice(1).map((r) => r[3]);
    expect(actions.slice(1)).toEqual(['派单', '签收', '开始办理', '督办']);
    expect(rows.at(-1)).toEqual(
      expect.arrayContaining([t.code, '督办', '内部', '区接诉即办指挥中心']),
    );

    const csv = await sup.get(`/api/tickets/${t.id}/audit?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const text = String(csv.body);
    expect(text).toContain('督办');
    expect(text).not.toContain('13800138000');
    expect(text).not.toContain('王小明');

    // A unit outside the ticket gets no trail.
    expect((await (await d.login('dept')).get(`/api/tickets/${t.id}/audit`)).status).toBe(404);
  });

  it("lists and exports a unit's actions over a period, with ticket codes", async () => {
    const d = await ctx.newDistrict();
    const from = ctx.clock.now().toISOString();
    const t = await d.ticketIn('in_progress');
    const sup = await d.login('supervisor');
    const r = await sup.get(
      `/api/audit/units?unitId=${d.units.vil1}&from=${encodeURIComponent(from)}`,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.items.map((e: { action: string }) => e.action)).toEqual([
      'accept',
      'start_handling',
    ]);
    expect(r.body.items[0]).toMatchObject({
      ticket: { code: t.code },
      actor: { id: d.users.village },
    });
    // Its own unit reads it; another unit's records are refused.
    const village = await d.login('village');
    expect((await village.get(`/api/audit/units?unitId=${d.units.vil1}`)).body.total).toBe(2);
    expect((await village.get(`/api/audit/units?unitId=${d.units.dept}`)).status).toBe(403);
    const csv = await sup.get(`/api/audit/units/export?unitId=${d.units.vil1}&format=csv`);
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toContain(t.code);
    const xlsx = await sup.get(`/api/audit/units/export?unitId=${d.units.vil1}`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});

/** A session cookie for raw requests (binary downloads). */
async function cookieOf(d: District): Promise<string> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: `${d.tenantId}-supervisor`, password: PASSWORD },
  });
  const cookie = res.cookies.find((k) => k.name === 'jiesu_session')!;
  return `jiesu_session=${cookie.value}`;
}
