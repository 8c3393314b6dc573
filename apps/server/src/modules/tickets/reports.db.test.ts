import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestContext, type TestContext } from '../../../test/harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('workbench read models', () => {
  it('stats count what each role sees, with overdue and due-soon from the clock', async () => {
    ctx.clock.set('2026-11-02T01:00:00Z');
    const d = await ctx.newDistrict();
    await d.newTicket();
    const inProgress = await d.ticketIn('in_progress');
    await d.ticketIn('awaiting_callback');
    const dispatcher = await d.login('dispatcher');
    const s1 = (await dispatcher.get('/api/tickets/stats')).body;
    expect(s1.byState).toMatchObject({
      received: 1,
      in_progress: 1,
      awaiting_callback: 1,
      closed: 0,
    });
    expect(s1).toMatchObject({ open: 3, overdue: 0, receivedToday: 3, closedToday: 0 });
    expect(s1.volumeByDay).toHaveLength(30);
    expect(s1.volumeByDay.at(-1)).toEqual({ day: '2026-11-02', received: 3, closed: 0 });
    expect(s1.byCategory).toEqual([{ id: d.categories.root, name: '城乡建设', count: 3 }]);
    // The village sees only what was dispatched to it.
    const village = (await (await d.login('village')).get('/api/tickets/stats')).body;
    expect(village.byState.received).toBe(0);
    expect(village.open).toBe(2);
    // Monday 17:00 next week: due within 24 h; a minute after 17:30: overdue.
    ctx.clock.set('2026-11-09T09:00:00Z');
    const s2 = (await (await d.login('dispatcher', { fresh: true })).get('/api/tickets/stats'))
      .body;
    expect(s2.dueSoon).toBe(1);
    ctx.clock.set('2026-11-09T09:31:00Z');
    const s3 = (await (await d.login('dispatcher', { fresh: true })).get('/api/tickets/stats'))
      .body;
    expect(s3).toMatchObject({ overdue: 1, dueSoon: 0 });
    expect(inProgress.state).toBe('in_progress');
  });

  it('related tickets: the same caller and the same place', async () => {
    ctx.clock.set('2026-11-02T01:00:00Z');
    const d = await ctx.newDistrict();
    const a = await d.newTicket();
    const b = await d.newTicket({
      requester: { phone: '13800138000' },
      jurisdictionId: d.nodes.vil2,
    });
    const c2 = await d.newTicket({ requester: { phone: '13700000000' } });
    const res = await (await d.login('dispatcher')).get(`/api/tickets/${a.id}/related`);
    expect(res.body.sameRequester.map((t: { id: string }) => t.id)).toEqual([b.id]);
    expect(res.body.samePlace.map((t: { id: string }) => t.id)).toEqual([c2.id]);
  });

  it('suggests the lead units this category went to before, best first', async () => {
    ctx.clock.set('2026-11-02T01:00:00Z');
    const d = await ctx.newDistrict();
    const dispatcher = await d.login('dispatcher');
    for (const unit of [d.units.vil1, d.units.vil1, d.units.dept]) {
      const t = await d.newTicket();
      await dispatcher.act(t.id, 'dispatch', { leadUnitId: unit });
    }
    const fresh = await d.newTicket();
    const res = await dispatcher.get(`/api/tickets/${fresh.id}/suggestions`);
    expect(res.body.map((s: { unit: { id: string } }) => s.unit.id)).toEqual([
      d.units.vil1,
      d.units.dept,
    ]);
    expect(res.body[0].share).toBeCloseTo(2 / 3);
  });

  it('exports the filtered list as a workbook without requesters’ personal data', async () => {
    ctx.clock.set('2026-11-02T01:00:00Z');
    const d = await ctx.newDistrict();
    await d.newTicket({ title: '导出测试甲' });
    await d.ticketIn('dispatched', { title: '导出测试乙' });
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/tickets/export?state=dispatched',
      headers: { cookie: await cookieOf(d.tenantId) },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('工单')!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(1).getCell(1).value).toBe('受理编号');
    const row = ws.getRow(2).values as unknown[];
    expect(row).toContain('导出测试乙');
    expect(row).toContain('已派单');
    expect(JSON.stringify(row)).not.toContain('13800138000');
  });

  it('exports what 我的工单 lists: not the ticket handed over to a grid worker', async () => {
    ctx.clock.set('2026-11-02T01:00:00Z');
    const d = await ctx.newDistrict();
    const mine = await d.ticketIn('accepted', { title: '转交给网格员的' });
    await d.ticketIn('accepted', { title: '村里自己办的' });
    const village = await d.login('village');
    expect((await village.act(mine.id, 'hand_over', { toUserId: d.users.grid })).status).toBe(200);
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: `${d.tenantId}-village`, password: 'test-password' },
    });
    const cookie = `jiesu_session=${login.cookies.find((c) => c.name === 'jiesu_session')!.value}`;
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/tickets/export?assignee=me',
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('工单')!;
    expect(ws.rowCount).toBe(2);
    // The village handler accepted both (so was their assignee) and handed one over.
    expect(ws.getRow(2).values as unknown[]).toContain('村里自己办的');
  });

  it('bulk actions report each ticket’s own outcome', async () => {
    ctx.clock.set('2026-11-02T01:00:00Z');
    const d = await ctx.newDistrict();
    const a = await d.newTicket();
    const b = await d.newTicket();
    const done = await d.ticketIn('dispatched');
    const res = await (
      await d.login('dispatcher')
    ).post('/api/tickets/bulk/dispatch', {
      ids: [a.id, b.id, done.id],
      input: { leadUnitId: d.units.vil2 },
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { ok: boolean; status: number }) => [r.ok, r.status])).toEqual([
      [true, 200],
      [true, 200],
      [false, 409],
    ]);
    expect(res.body.results[2].error.code).toBe('ACTION_NOT_ALLOWED_IN_STATE');
  });

  it('saved views belong to their user', async () => {
    const d = await ctx.newDistrict();
    const dispatcher = await d.login('dispatcher');
    const saved = await dispatcher.post('/api/me/views', {
      name: '超期工单',
      query: { overdue: true },
    });
    expect(saved.status).toBe(200);
    expect((await dispatcher.get('/api/me/views')).body).toEqual([
      { id: saved.body.id, name: '超期工单', query: { overdue: true } },
    ]);
    const agent = await d.login('agent');
    expect((await agent.get('/api/me/views')).body).toEqual([]);
    expect((await agent.del(`/api/me/views/${saved.body.id}`)).status).toBe(404);
    expect((await dispatcher.del(`/api/me/views/${saved.body.id}`)).status).toBe(204);
  });
});

async function cookieOf(tenantId: string): Promise<string> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: `${tenantId}-dispatcher`, password: 'test-password' },
  });
  return `jiesu_session=${res.cookies.find((c) => c.name === 'jiesu_session')!.value}`;
}
