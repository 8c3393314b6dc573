// Deadlines through the API, on the injected clock, across China's National
// Day 2026 (holidays 10-01…10-07, make-up working days 09-20 and 10-10), and
// an administrator's edit of the calendar moving the running deadlines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ start: '2026-09-30T08:00:00Z' }); // Wed 16:00 in Beijing
});
afterAll(() => ctx.close());

describe('deadlines at dispatch', () => {
  it('5 working days from the eve of National Day end on 10-13, counting the make-up Saturday 10-10', async () => {
    ctx.clock.set('2026-09-30T08:00:00Z');
    const d = await ctx.newDistrict();
    const t = await d.newTicket();
    const res = await (
      await d.login('dispatcher')
    ).act(t.id, 'dispatch', { leadUnitId: d.units.vil1 });
    expect(res.status).toBe(200);
    // Response: 2 working hours from 16:00 Wed → 1.5 h left that day, 0.5 h on Thu 10-08 → 09:30.
    expect(res.body.responseDueAt).toBe('2026-10-08T01:30:00.000Z');
    // Completion: 10-08, 10-09, 10-10 (make-up Saturday), 10-12, 10-13 → 17:30 on 10-13.
    expect(res.body.completionDueAt).toBe('2026-10-13T09:30:00.000Z');
  });

  it('a category with calendar hours (heating, 24 h) ignores the holiday', async () => {
    ctx.clock.set('2026-09-30T08:00:00Z');
    const d = await ctx.newDistrict();
    const t = await d.newTicket({ categoryId: d.categories.heating });
    const res = await (
      await d.login('dispatcher')
    ).act(t.id, 'dispatch', { leadUnitId: d.units.dept2 });
    expect(res.body.completionDueAt).toBe('2026-10-01T08:00:00.000Z');
    expect(res.body.responseDueAt).toBe('2026-09-30T09:00:00.000Z');
  });

  it('an emergency beats the category rule', async () => {
    ctx.clock.set('2026-09-30T08:00:00Z');
    const d = await ctx.newDistrict();
    const t = await d.newTicket({ categoryId: d.categories.heating, urgency: 'emergency' });
    const res = await (
      await d.login('dispatcher')
    ).act(t.id, 'dispatch', { leadUnitId: d.units.dept2 });
    expect(res.body.completionDueAt).toBe('2026-09-30T10:00:00.000Z');
  });

  it('a make-up working day on a Sunday (09-20) counts as a working day', async () => {
    ctx.clock.set('2026-09-18T08:00:00Z'); // Friday 16:00
    const d = await ctx.newDistrict();
    const t = await d.newTicket();
    const res = await (
      await d.login('dispatcher')
    ).act(t.id, 'dispatch', { leadUnitId: d.units.vil1 });
    // Working days after Fri 09-18: Sun 09-20 (make-up), Mon 21, Tue 22, Wed 23, Thu 24.
    expect(res.body.completionDueAt).toBe('2026-09-24T09:30:00.000Z');
  });

  it('an administrator adds a holiday: running deadlines across it move, with an event; removing it moves them back', async () => {
    ctx.clock.set('2026-11-02T01:00:00Z'); // Monday 09:00
    const d = await ctx.newDistrict();
    const admin = await d.login('admin');
    const dispatcher = await d.login('dispatcher');
    const first = await d.newTicket();
    const before = await dispatcher.act(first.id, 'dispatch', { leadUnitId: d.units.vil1 });
    expect(before.body.completionDueAt).toBe('2026-11-09T09:30:00.000Z');
    expect(before.body.responseDueAt).toBe('2026-11-02T03:00:00.000Z');
    // A policy edit after the dispatch does not change what this clock counts.
    const policies = await admin.get('/api/time-limit-policies');
    const normal = policies.body.find(
      (p: { categoryId: string | null; urgency: string | null }) =>
        p.categoryId === null && p.urgency === null,
    );
    expect(normal).toBeDefined();
    expect(
      (
        await admin.put('/api/time-limit-policies', {
          ...normal,
          id: undefined,
          completion: { amount: 10, unit: 'working_days' },
        })
      ).status,
    ).toBeLessThan(300);

    const put = await admin.put('/api/calendar/days/2026-11-04', {
      kind: 'holiday',
      name: '测试假日',
    });
    expect(put.status).toBe(200);
    expect(put.body.recalculated).toBeGreaterThanOrEqual(1);
    const year = await admin.get('/api/calendar/2026');
    expect(year.body.days).toContainEqual({
      date: '2026-11-04',
      kind: 'holiday',
      name: '测试假日',
    });
    // The running clock gets the day back: 5 working days now end on Tuesday 11-10;
    // the response (2 working hours on Monday) does not cross the holiday and stays.
    const moved = (await dispatcher.get(`/api/tickets/${first.id}`)).body;
    expect(moved.completionDueAt).toBe('2026-11-10T09:30:00.000Z');
    expect(moved.responseDueAt).toBe('2026-11-02T03:00:00.000Z');
    const events = (await dispatcher.get(`/api/tickets/${first.id}/events`)).body;
    const last = events.at(-1);
    expect(last).toMatchObject({ action: 'recalculate_deadlines', actorKind: 'system' });
    expect(last.reason).toContain('2026-11-04');
    expect(last.payload.deadlines.completionDueAt).toBe('2026-11-10T09:30:00.000Z');

    expect(
      (await dispatcher.put('/api/calendar/days/2026-11-05', { kind: 'holiday', name: 'x' }))
        .status,
    ).toBe(403);
    expect(
      (await admin.put('/api/calendar/days/2026-13-45', { kind: 'holiday', name: 'x' })).status,
    ).toBe(400);
    const del = await admin.del('/api/calendar/days/2026-11-04');
    expect(del.status).toBe(200);
    expect(del.body.recalculated).toBeGreaterThanOrEqual(1);
    expect((await dispatcher.get(`/api/tickets/${first.id}`)).body.completionDueAt).toBe(
      '2026-11-09T09:30:00.000Z',
    );
  });

  it('a holiday after a deadline, or a ticket already fed back, moves nothing', async () => {
    ctx.clock.set('2026-11-02T01:00:00Z');
    const d = await ctx.newDistrict();
    const admin = await d.login('admin');
    const t = await d.ticketIn('in_progress');
    const done = await d.ticketIn('feedback_given');
    const viewBefore = (await admin.get(`/api/tickets/${t.id}`)).body;
    const doneBefore = (await admin.get(`/api/tickets/${done.id}`)).body;
    const later = await admin.put('/api/calendar/days/2026-12-01', {
      kind: 'holiday',
      name: '远日',
    });
    expect(later.body.recalculated).toBe(0);
    expect((await admin.get(`/api/tickets/${t.id}`)).body.version).toBe(viewBefore.version);
    // The completion clock stopped at feedback: a holiday inside its old window changes nothing.
    const inside = await admin.put('/api/calendar/days/2026-11-03', {
      kind: 'holiday',
      name: '近日',
    });
    expect((await admin.get(`/api/tickets/${done.id}`)).body.version).toBe(doneBefore.version);
    expect(inside.body.recalculated).toBe(1); // only the ticket still in progress
    expect((await admin.get(`/api/tickets/${t.id}`)).body.version).toBe(viewBefore.version + 1);
  });

  it('warns when next year’s holidays are missing', async () => {
    ctx.clock.set('2026-11-02T01:00:00Z');
    const d = await ctx.newDistrict();
    const res = await (await d.login('admin')).get('/api/calendar/2027');
    expect(res.body.missingYears).toEqual([2027]);
    expect(res.body.days).toEqual([]);
  });

  it('overdue is derived from the clock, without any write', async () => {
    ctx.clock.set('2026-11-02T01:00:00Z');
    const d = await ctx.newDistrict();
    const t = await d.ticketIn('in_progress');
    const village = await d.login('village');
    expect((await village.get(`/api/tickets/${t.id}`)).body.overdue).toBe(false);
    ctx.clock.set('2026-11-09T09:31:00Z');
    const late = await (await d.login('village', { fresh: true })).get(`/api/tickets/${t.id}`);
    expect(late.body).toMatchObject({ overdue: true, version: t.version });
  });
});
