// 协办 end to end through HTTP: a dispatch with co-units gives each its own
// task; a co-unit signs for it and reports its part; the lead's feedback
// carries the parts and names the missing ones; a reopen leaves tasks as they were.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type District, type TestContext } from '../../../test/harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const FEEDBACK = {
  result: '已协调供电所更换路灯灯头,协办单位已清理线路。',
  replyText: '您反映的路灯问题已修复,感谢您的监督。',
};

async function dispatchWithCoUnits(d: District) {
  const t = await d.newTicket();
  const res = await (
    await d.login('dispatcher')
  ).act(t.id, 'dispatch', {
    leadUnitId: d.units.vil1,
    coUnitIds: [d.units.dept, d.units.dept2],
  });
  expect(res.status).toBe(200);
  return res.body;
}

async function lastEvent(d: District, id: string) {
  const events = (await (await d.login('supervisor')).get(`/api/tickets/${id}/events`)).body;
  return events[events.length - 1];
}

describe('co-unit tasks (协办)', () => {
  it('each co-unit gets a task with the ticket’s limits; it accepts, reports, and the lead’s feedback carries the parts', async () => {
    const d = await ctx.newDistrict();
    const dispatcher = await d.login('dispatcher');
    const dept = await d.login('dept');
    const village = await d.login('village');
    const t = await dispatchWithCoUnits(d);

    // One open task per co-unit, due when the ticket is due.
    const tasks = await dispatcher.get(`/api/tickets/${t.id}/tasks`);
    expect(tasks.status).toBe(200);
    expect(tasks.body).toHaveLength(2);
    for (const k of tasks.body) {
      expect(k).toMatchObject({
        state: 'open',
        source: 'dispatch',
        responseDueAt: t.responseDueAt,
        completionDueAt: t.completionDueAt,
        leadUnit: { id: d.units.vil1 },
        part: null,
        overdue: false,
      });
    }
    expect(tasks.body.map((k: { unit: { id: string } }) => k.unit.id).sort()).toEqual(
      [d.units.dept, d.units.dept2].sort(),
    );

    // The department's 协办任务 list shows its own task only.
    const mine = await dept.get('/api/tasks?mine=1');
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(1);
    expect(mine.body.items[0]).toMatchObject({
      unit: { id: d.units.dept },
      ticket: { id: t.id, code: t.code, title: t.title, state: 'dispatched' },
      leadUnit: { id: d.units.vil1 },
      state: 'open',
    });
    // The lead unit sees the tasks on its ticket, but none of its own.
    expect((await village.get('/api/tasks')).body.total).toBe(2);
    expect((await village.get('/api/tasks?mine=1')).body.total).toBe(0);
    // A unit with nothing to do with the ticket sees neither the list rows nor the ticket's tasks.
    const grid = await d.login('grid');
    expect((await grid.get('/api/tasks')).body.total).toBe(0);
    expect((await grid.get(`/api/tickets/${t.id}/tasks`)).status).toBe(404);
    expect((await dept.get('/api/tasks?mine=yes')).status).toBe(400);

    // The co-unit signs for its task; it may not sign twice.
    expect((await dept.get(`/api/tickets/${t.id}`)).body.allowedActions.sort()).toEqual([
      'accept_task',
      'report_part',
    ]);
    ctx.clock.advance(20 * 60_000);
    const acc = await dept.act(t.id, 'accept_task', { note: '已安排人员' });
    expect(acc.status).toBe(200);
    expect(acc.body.state).toBe('dispatched'); // the ticket's own state does not move
    expect(acc.body.allowedActions).toEqual(['report_part']);
    const again = await dept.act(t.id, 'accept_task', {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('NO_OPEN_TASK');
    const afterAccept = (await dept.get('/api/tasks?mine=1')).body.items[0];
    expect(afterAccept.state).toBe('accepted');
    expect(afterAccept.acceptedAt).toBe(ctx.clock.now().toISOString());

    // The lead handles; the co-unit reports its part.
    expect((await village.act(t.id, 'accept')).status).toBe(200);
    expect((await village.act(t.id, 'start_handling')).status).toBe(200);
    ctx.clock.advance(60 * 60_000);
    const part = '已清理路灯线路周边的违规悬挂物,线路恢复安全。';
    const rep = await dept.act(t.id, 'report_part', { text: part });
    expect(rep.status).toBe(200);
    expect(rep.body.allowedActions).toEqual([]);
    const reported = (await dispatcher.get(`/api/tickets/${t.id}/tasks`)).body.find(
      (k: { unit: { id: string } }) => k.unit.id === d.units.dept,
    );
    expect(reported).toMatchObject({
      state: 'reported',
      part,
      reportedAt: ctx.clock.now().toISOString(),
      reportedBy: { id: d.users.dept },
    });
    // A reported task is finished: the co-unit has nothing more to fire.
    const late = await dept.act(t.id, 'report_part', { text: '再次报送的内容' });
    expect(late.status).toBe(403);
    expect(late.body.error.code).toBe('ACTION_FORBIDDEN');

    // Past the limit, the unreported task is overdue, in the list and its filter.
    ctx.clock.set(new Date(new Date(t.completionDueAt).getTime() + 3_600_000));
    const dispatcherLater = await d.login('dispatcher', { fresh: true });
    const overdue = await dispatcherLater.get('/api/tasks?overdue=true');
    expect(overdue.body.items.map((k: { unit: { id: string } }) => k.unit.id)).toEqual([
      d.units.dept2,
    ]);
    expect(overdue.body.items[0]).toMatchObject({ overdue: true, responseOverdue: true });
    expect((await dispatcherLater.get('/api/tasks?overdue=false')).body.total).toBe(1);
    expect((await dispatcherLater.get('/api/tasks?state=reported')).body.items[0].part).toBe(part);

    // Only the lead gives feedback; it carries the reported part and names the missing one.
    const fresh = await d.login('village', { fresh: true });
    expect(
      (await (await d.login('dept', { fresh: true })).get(`/api/tickets/${t.id}`)).body
        .allowedActions,
    ).not.toContain('give_feedback');
    const fb = await fresh.act(t.id, 'give_feedback', FEEDBACK);
    expect(fb.status).toBe(200);
    const ev = await lastEvent(d, t.id);
    expect(ev.action).toBe('give_feedback');
    expect(ev.payload.parts).toEqual([
      {
        unit: { id: d.units.dept, name: '区城市管理委员会' },
        text: part,
        reportedAt: reported.reportedAt,
      },
    ]);
    expect(ev.payload.missingParts).toEqual([{ id: d.units.dept2, name: '区水务局' }]);
    // Once the feedback is in, the ticket is no longer being handled: nothing is overdue.
    expect((await dispatcherLater.get('/api/tasks?overdue=true')).body.total).toBe(0);
  });

  it('a reopen leaves the tasks as they were, and the next feedback carries the parts again', async () => {
    const d = await ctx.newDistrict();
    const dispatcher = await d.login('dispatcher');
    const dept = await d.login('dept');
    const village = await d.login('village');
    const t = await dispatchWithCoUnits(d);
    await dept.act(t.id, 'report_part', { text: '本单位负责的线路部分已处理完毕。' });
    for (const [who, action, input] of [
      [village, 'accept', {}],
      [village, 'give_feedback', FEEDBACK],
      [dispatcher, 'send_reply', { replyText: FEEDBACK.replyText, channel: 'sms' }],
      [
        dispatcher,
        'record_callback',
        { solved: false, satisfaction: 'dissatisfied', reopen: true },
      ],
    ] as const) {
      const res = await who.act(t.id, action, input);
      expect(res.status, action).toBe(200);
    }
    const tasks = (await dispatcher.get(`/api/tickets/${t.id}/tasks`)).body;
    expect(
      Object.fromEntries(
        tasks.map((k: { unit: { id: string }; state: string }) => [k.unit.id, k.state]),
      ),
    ).toEqual({ [d.units.dept]: 'reported', [d.units.dept2]: 'open' });
    // The co-unit that reported owes nothing more after the reopen.
    expect((await dept.get(`/api/tickets/${t.id}`)).body.allowedActions).toEqual([]);
    expect((await village.act(t.id, 'accept')).status).toBe(200);
    expect((await village.act(t.id, 'give_feedback', FEEDBACK)).status).toBe(200);
    const ev = await lastEvent(d, t.id);
    expect(ev.payload.parts.map((p: { unit: { id: string } }) => p.unit.id)).toEqual([
      d.units.dept,
    ]);
    expect(ev.payload.missingParts.map((u: { id: string }) => u.id)).toEqual([d.units.dept2]);
  });

  it('a ticket without co-units records no parts on its feedback', async () => {
    const d = await ctx.newDistrict();
    const t = await d.ticketIn('feedback_given');
    const ev = await lastEvent(d, t.id);
    expect(ev.action).toBe('give_feedback');
    expect(ev.payload).not.toHaveProperty('parts');
    expect((await (await d.login('dispatcher')).get(`/api/tickets/${t.id}/tasks`)).body).toEqual(
      [],
    );
  });

  it('searches by a ticket’s exact code or a piece of its title; % matches only itself', async () => {
    const d = await ctx.newDistrict();
    const dispatcher = await d.login('dispatcher');
    const a = await dispatchWithCoUnits(d);
    const b = await d.newTicket({ title: '占道经营100%' });
    await dispatcher.act(b.id, 'dispatch', { leadUnitId: d.units.vil1, coUnitIds: [d.units.dept] });
    const found = async (q: string) => [
      ...new Set(
        (await dispatcher.get(`/api/tasks?q=${encodeURIComponent(q)}`)).body.items.map(
          (k: { ticket: { id: string } }) => k.ticket.id,
        ),
      ),
    ];
    expect(await found(b.code)).toEqual([b.id]);
    expect(await found('路灯')).toEqual([a.id]);
    expect(await found('%')).toEqual([b.id]);
    expect(await found('灯%')).toEqual([]);
  });
});
