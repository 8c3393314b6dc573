// 我来办工作室 through the API: the village committee sets up its studio and
// keeps a roster whose gaps follow the district's working calendar (a holiday
// needs nobody, a make-up Saturday does); a walk-in visitor becomes a ticket
// with channel 'studio' placed in the village, in the normal lifecycle, or is
// answered on the spot; both are counted per month with their grades; the
// regular-check ledger lists and exports; the township reads but may not keep;
// another village, a department and strangers get 403/404; residents read the
// public part with this week's duty and no visitor data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { extraLogin } from '../../../test/extra-users.js';
import type { District } from '../../../test/factories.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

// The harness clock: Monday 2026-11-02, 09:00 in Beijing.
const STUDIO = {
  name: '东湖社区我来办工作室',
  phone: '010-6998 1234',
  address: '东湖社区党群服务中心一层',
  openingNote: '工作日 8:30—17:30',
  secretaryName: '王书记',
  secretaryWeekday: 3,
};

async function withStudio(d: District) {
  const village = await d.login('village');
  const r = await village.put(`/api/villages/${d.nodes.vil1}/studio`, STUDIO);
  expect(r.status).toBe(200);
  return { village, studio: r.body as { id: string } };
}

describe('studios', () => {
  it('a roster flags the working days without anyone on duty, by the calendar', async () => {
    const d = await ctx.newDistrict();
    const { village, studio } = await withStudio(d);
    // Wednesday 11 November a holiday, Saturday 14 November a make-up working day.
    await ctx.c.calendar.putDay(d.tenantId, '2026-11-11', 'holiday', '测试假日');
    await ctx.c.calendar.putDay(d.tenantId, '2026-11-14', 'workday', '测试调休');

    const empty = await village.get(`/api/studios/${studio.id}/roster?month=2026-11`);
    expect(empty.status).toBe(200);
    expect(empty.body.days).toHaveLength(30);
    // 21 weekdays, less the holiday, plus the make-up Saturday.
    expect(empty.body.gaps).toHaveLength(21);
    expect(empty.body.gaps).not.toContain('2026-11-11');
    expect(empty.body.gaps).toContain('2026-11-14');
    expect(empty.body.gaps).not.toContain('2026-11-15');
    const wed = empty.body.days.find((x: { date: string }) => x.date === '2026-11-04');
    expect(wed).toMatchObject({ weekday: 3, working: true, secretaryDay: true });
    expect(empty.body.days.find((x: { date: string }) => x.date === '2026-11-11')).toMatchObject({
      working: false,
      holiday: '测试假日',
      secretaryDay: false,
    });
    expect(empty.body.canEdit).toBe(true);
    expect(empty.body.candidates.map((c: { id: string }) => c.id)).toContain(d.users.village);

    // Everyone on duty on weekdays, nobody on the make-up Saturday nor on the 20th.
    const entries = empty.body.days
      .filter((x: { weekday: number; date: string }) => x.weekday <= 5 && x.date !== '2026-11-20')
      .map((x: { date: string }) => ({ date: x.date, name: '李委员' }));
    entries.push({ date: '2026-11-02', name: '测试village', userId: d.users.village });
    const saved = await village.put(`/api/studios/${studio.id}/roster`, {
      month: '2026-11',
      entries,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.gaps).toEqual(['2026-11-14', '2026-11-20']);
    const monday = saved.body.days.find((x: { date: string }) => x.date === '2026-11-02');
    expect(monday.members).toHaveLength(2);
    expect(monday.members).toEqual(
      expect.arrayContaining([
        { name: '李委员', userId: null },
        { name: '测试village', userId: d.users.village },
      ]),
    );

    // A day outside the month, a user outside the committee: 400, nothing changed.
    const bad = await village.put(`/api/studios/${studio.id}/roster`, {
      month: '2026-11',
      entries: [{ date: '2026-12-01', name: '李委员' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('/entries/0/date');
    const foreign = await village.put(`/api/studios/${studio.id}/roster`, {
      month: '2026-11',
      entries: [{ date: '2026-11-02', name: '马骏', userId: d.users.dept }],
    });
    expect(foreign.status).toBe(400);

    // The resident page: this week's duty, names only.
    const pub = await d.anonymous().get(`/api/public/studio?place=${d.nodes.vil1}`);
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({
      name: STUDIO.name,
      phone: '01069981234',
      today: '2026-11-02',
      secretaryWeekday: 3,
    });
    expect(pub.body.week).toHaveLength(7);
    expect(pub.body.week[0]).toMatchObject({ date: '2026-11-02', weekday: 1, working: true });
    expect([...pub.body.week[0].members].sort()).toEqual(['李委员', '测试village'].sort());
    const list = await d.anonymous().get('/api/public/studios');
    expect(list.body).toEqual([
      { village: { id: d.nodes.vil1, name: '东湖社区' }, township: '东城街道', name: STUDIO.name },
    ]);
    expect((await d.anonymous().get(`/api/public/studio?place=${d.nodes.vil2}`)).status).toBe(404);
  });

  it('a visitor becomes a ticket with channel studio in the village, or is answered on the spot', async () => {
    const d = await ctx.newDistrict();
    const { village, studio } = await withStudio(d);
    const url = `/api/studios/${studio.id}/receptions`;

    const t = await village.post(url, {
      visitorName: '赵大妈',
      visitorPhone: '139 1234 5678',
      matter: '楼道灯坏了一个月,晚上上下楼看不见',
      staffName: '李委员',
      outcome: 'ticket',
      grade: 'small',
      ticket: { type: 'help', categoryId: d.categories.leaf, title: '楼道灯损坏' },
    });
    expect(t.status).toBe(201);
    expect(t.body).toMatchObject({
      visitorName: '赵**',
      visitorPhone: '139****5678',
      outcome: 'ticket',
      answer: null,
      grade: 'small',
      ticket: { state: 'received' },
    });
    // The ticket is an ordinary one: the desk sees it, channel studio, placed in the village.
    const desk = await d.login('dispatcher');
    const ticket = await desk.get(`/api/tickets/${t.body.ticket.id}`);
    expect(ticket.status).toBe(200);
    expect(ticket.body).toMatchObject({
      channel: 'studio',
      jurisdiction: { id: d.nodes.vil1 },
      address: STUDIO.address,
      description: '楼道灯坏了一个月,晚上上下楼看不见',
      state: 'received',
      code: t.body.ticket.code,
    });
    expect(ticket.body.allowedActions).toContain('dispatch');
    // …and goes on through the normal lifecycle.
    const dispatched = await desk.act(t.body.ticket.id, 'dispatch', {
      leadUnitId: d.units.vil1,
    });
    expect(dispatched.status).toBe(200);

    const a = await village.post(url, {
      visitorName: '钱师傅',
      matter: '咨询老年卡怎么办理,需要带什么材料',
      staffName: '李委员',
      outcome: 'answered',
      answer: '带身份证、户口本到社区服务站办理,当场受理。',
    });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ outcome: 'answered', ticket: null, grade: null });
    // Answered without an answer, a ticket without its fields: 400.
    const noAnswer = await village.post(url, {
      visitorName: '孙某',
      matter: '咨询一件事情如何办理',
      staffName: '李委员',
      outcome: 'answered',
    });
    expect(noAnswer.status).toBe(400);
    expect(noAnswer.body.error.details[0].path).toBe('/answer');
    expect(
      (
        await village.post(url, {
          visitorName: '孙某',
          matter: '咨询一件事情如何办理',
          staffName: '李委员',
          outcome: 'ticket',
        })
      ).status,
    ).toBe(400);

    // Graded afterwards: hard (the township will whistle departments on the ticket).
    const g = await village.post(`/api/studio-receptions/${a.body.id}/grade`, { grade: 'big' });
    expect(g.status).toBe(200);
    expect(g.body.grade).toBe('big');

    const listed = await village.get(`${url}?month=2026-11`);
    expect(listed.body.total).toBe(2);
    expect(listed.body.items.map((i: { visitorName: string }) => i.visitorName)).toEqual(
      expect.arrayContaining(['赵**', '钱**']),
    );
    expect((await village.get(`${url}?month=2026-10`)).body.total).toBe(0);

    // The full name is shown on request and the reading is logged.
    const reveal = await village.post(`/api/studio-receptions/${t.body.id}/reveal`);
    expect(reveal.body).toEqual({ name: '赵大妈', phone: '13912345678' });
    const reads = await ctx.c.db
      .selectFrom('studio_reception_reads')
      .selectAll()
      .where('reception_id', '=', t.body.id)
      .execute();
    expect(reads).toHaveLength(1);
    expect(reads[0]!.user_id).toBe(d.users.village);

    // Counted per month, by outcome and grade.
    const street = await d.login('street');
    const stats = await street.get('/api/studios/stats?month=2026-11');
    expect(stats.status).toBe(200);
    expect(stats.body.items).toHaveLength(1);
    expect(stats.body.total).toMatchObject({
      receptions: 2,
      answered: 1,
      ticketed: 1,
      grades: { small: 1, big: 1, hard: 0, ungraded: 0 },
      rosterGaps: 21,
    });
  });

  it('the regular-check ledger: listed, exported, a finding turned into a ticket', async () => {
    const d = await ctx.newDistrict();
    const { village, studio } = await withStudio(d);
    const url = `/api/studios/${studio.id}/checks`;
    const base = {
      checkedOn: '2026-11-02',
      kind: 'safety',
      cycle: 'weekly',
      checker: '李委员、张网格员',
      area: '3 号楼至 5 号楼',
      items: '消防通道、楼道堆物、电动车充电',
    };
    expect(
      (await village.post(url, { ...base, findings: '未发现问题', followUp: 'none' })).status,
    ).toBe(201);
    const tk = await village.post(url, {
      ...base,
      findings: '5 号楼消防通道被杂物堵塞',
      followUp: 'ticket',
      ticket: { type: 'report', categoryId: d.categories.leaf, title: '消防通道堵塞' },
    });
    expect(tk.status).toBe(201);
    expect(tk.body.ticket.state).toBe('received');
    const future = await village.post(url, {
      ...base,
      checkedOn: '2026-11-09',
      findings: '无',
      followUp: 'none',
    });
    expect(future.status).toBe(400);

    const list = await village.get(url);
    expect(list.body.total).toBe(2);
    const exp = await village.get(`${url}/export.xlsx`);
    expect(exp.status).toBe(200);
    expect(String(exp.headers['content-type'])).toContain('spreadsheetml');
  });

  it('scope: the township reads but may not keep; others are refused', async () => {
    const d = await ctx.newDistrict();
    const { studio } = await withStudio(d);
    const street = await d.login('street');
    const leader = await d.login('leader');
    const dept = await d.login('dept');
    const other = await extraLogin(ctx, d, 'vil2', 'handler');
    const farTownship = await extraLogin(ctx, d, 'twp2', 'unit_leader');

    // The township reads the studio of its village…
    const seen = await street.get('/api/studios');
    expect(seen.body.map((x: { village: { id: string } }) => x.village.id)).toEqual(
      expect.arrayContaining([d.nodes.vil1, d.nodes.vil2]),
    );
    expect(
      seen.body.find((x: { village: { id: string } }) => x.village.id === d.nodes.vil1),
    ).toMatchObject({ canEdit: false, studio: { id: studio.id, canEdit: false } });
    expect((await street.get(`/api/studios/${studio.id}/roster?month=2026-11`)).status).toBe(200);
    // …but may not keep it.
    for (const c of [street, leader]) {
      expect((await c.put(`/api/villages/${d.nodes.vil1}/studio`, STUDIO)).status).toBe(403);
      expect(
        (await c.put(`/api/studios/${studio.id}/roster`, { month: '2026-11', entries: [] })).status,
      ).toBe(403);
      const r = await c.post(`/api/studios/${studio.id}/receptions`, {
        visitorName: '赵大妈',
        matter: '楼道灯坏了一个月',
        staffName: '李委员',
        outcome: 'answered',
        answer: '已记录',
      });
      expect(r.status).toBe(403);
    }
    // A neighbouring village, another township's leader, a department: not even seen.
    for (const c of [other, farTownship, dept]) {
      expect((await c.get(`/api/studios/${studio.id}/roster?month=2026-11`)).status).toBe(404);
      expect((await c.get(`/api/studios/${studio.id}/receptions`)).status).toBe(404);
    }
    // The neighbouring village keeps its own studio, and not this one.
    expect((await other.put(`/api/villages/${d.nodes.vil2}/studio`, STUDIO)).status).toBe(200);
    expect((await other.put(`/api/villages/${d.nodes.vil1}/studio`, STUDIO)).status).toBe(404);
    expect((await dept.get('/api/studios')).body).toEqual([]);
    // Staff only.
    expect((await d.anonymous().get('/api/studios')).status).toBe(401);
  });
});
