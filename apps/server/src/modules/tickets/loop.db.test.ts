import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('the six-step loop through the API', () => {
  it('runs intake → dispatch → accept → handle → feedback → reply → callback → closed, with events', async () => {
    const d = await ctx.newDistrict();
    const agent = await d.login('agent');
    const dispatcher = await d.login('dispatcher');
    const village = await d.login('village');

    const created = await agent.post('/api/tickets', {
      channel: 'hotline',
      type: 'help',
      categoryId: d.categories.leaf,
      title: '楼前路灯不亮',
      description: '东湖社区3号楼前路灯坏了一周,晚上老人出行不便。',
      address: '东湖社区3号楼',
      jurisdictionId: d.nodes.vil1,
      requester: { name: '李大爷', phone: '139 1234 5678' },
    });
    expect(created.status).toBe(201);
    const t = created.body;
    expect(t.state).toBe('received');
    expect(t.code).toMatch(/^20261102-\d{6}$/);
    expect(t.requester).toMatchObject({ name: '李**', phone: '139****5678', masked: true });
    expect(t.allowedActions).toEqual(expect.arrayContaining(['answer_directly']));
    expect(t.allowedActions).not.toContain('dispatch'); // agents do not dispatch

    const dispatched = await dispatcher.act(t.id, 'dispatch', {
      leadUnitId: d.units.vil1,
      coUnitIds: [d.units.section1],
    });
    expect(dispatched.status).toBe(200);
    expect(dispatched.body.state).toBe('dispatched');
    expect(dispatched.body.leadUnit.id).toBe(d.units.vil1);
    expect(dispatched.body.coUnits.map((u: { id: string }) => u.id)).toEqual([d.units.section1]);
    // Monday 09:00 + 2 working hours; + 5 working days ends Monday 17:30 next week.
    expect(dispatched.body.responseDueAt).toBe('2026-11-02T03:00:00.000Z');
    expect(dispatched.body.completionDueAt).toBe('2026-11-09T09:30:00.000Z');

    ctx.clock.advance(30 * 60_000);
    const accepted = await village.act(t.id, 'accept', { note: '已联系诉求人' });
    expect(accepted.body.state).toBe('accepted');
    expect((await village.act(t.id, 'start_handling')).body.state).toBe('in_progress');
    const fb = await village.act(t.id, 'give_feedback', {
      result: '已协调供电所更换路灯灯头,现场确认恢复照明。',
      replyText: '您反映的路灯问题已修复,感谢您的监督。',
    });
    expect(fb.body.state).toBe('feedback_given');
    const replied = await dispatcher.act(t.id, 'send_reply', {
      replyText: '您反映的路灯问题已修复,感谢您的监督。',
      channel: 'sms',
    });
    expect(replied.body.state).toBe('replied');
    expect((await agent.act(t.id, 'queue_callback')).body.state).toBe('awaiting_callback');
    const closed = await agent.act(t.id, 'record_callback', {
      solved: true,
      satisfaction: 'satisfied',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      state: 'closed',
      outcome: 'solved',
      solved: true,
      satisfaction: 'satisfied',
    });

    const events = await dispatcher.get(`/api/tickets/${t.id}/events`);
    expect(events.body.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'dispatch',
      'accept',
      'start_handling',
      'give_feedback',
      'send_reply',
      'queue_callback',
      'record_callback',
    ]);
    expect(events.body.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(events.body[2]).toMatchObject({
      fromState: 'dispatched',
      toState: 'accepted',
      actor: { name: '测试village' },
    });
  });

  it('reopens after an unsolved callback with a new limit', async () => {
    const d = await ctx.newDistrict();
    const t = await d.ticketIn('awaiting_callback');
    ctx.clock.advance(24 * 3600_000);
    const agent = await d.login('agent', { fresh: true }); // sessions expire on the same clock
    const res = await agent.act(t.id, 'record_callback', {
      solved: false,
      satisfaction: 'dissatisfied',
      reopen: true,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'dispatched',
      reopenCount: 1,
      solved: false,
      acceptedAt: null,
    });
    expect(new Date(res.body.completionDueAt).getTime()).toBeGreaterThan(
      new Date(t.completionDueAt).getTime(),
    );
  });

  it('answers a consultation directly without dispatch', async () => {
    const d = await ctx.newDistrict();
    const t = await d.newTicket({ type: 'consult' });
    const res = await (
      await d.login('agent')
    ).act(t.id, 'answer_directly', { answer: '居住证可在社区服务站办理,需携带身份证和租房合同。' });
    expect(res.body).toMatchObject({
      state: 'closed',
      outcome: 'answered_at_intake',
      leadUnit: null,
    });
  });
});
