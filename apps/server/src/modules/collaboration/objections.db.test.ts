// 首接负责 through HTTP: an objection upheld (reassigned with a new clock,
// counted as a dispatch fault), one rejected (the unit keeps it, its deadlines
// untouched), a second return refused, and the objection window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type District, type TestContext } from '../../../test/harness.js';
import { withoutTools } from '../../../test/actions.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const HOUR = 3_600_000;
const OBJECTION = { reason: 'not_our_duty', text: '路灯维护属于城管委职责,不属于社区职责。' };

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function uploadAs(d: District, who: 'village') {
  const boundary = '----jiesu' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="职责清单.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await (
    await d.login(who)
  ).post('/api/attachments', body, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function dispatched(d: District, input: Record<string, unknown> = {}) {
  const t = await d.newTicket();
  const res = await (
    await d.login('dispatcher')
  ).act(t.id, 'dispatch', { leadUnitId: d.units.vil1, ...input });
  expect(res.status).toBe(200);
  return res.body;
}

async function eventCount(d: District, id: string): Promise<number> {
  return (await (await d.login('supervisor', { fresh: true })).get(`/api/tickets/${id}/events`))
    .body.length;
}

async function objectionRow(ticketId: string) {
  return ctx.c.db
    .selectFrom('ticket_objections')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .executeTakeFirstOrThrow();
}

describe('objections (异议/退单)', () => {
  it('upheld: the ticket is reassigned with a new clock, counted as a dispatch fault; the new unit may not return it', async () => {
    const d = await ctx.newDistrict();
    const dispatcher = await d.login('dispatcher');
    const village = await d.login('village');
    const t = await dispatched(d, { coUnitIds: [d.units.dept2] });
    const dispatchedAt = t.dispatchedAt;

    ctx.clock.advance(2 * HOUR);
    const evidence = await uploadAs(d, 'village');
    const obj = await village.act(t.id, 'object', { ...OBJECTION, attachmentIds: [evidence] });
    expect(obj.status).toBe(200);
    expect(obj.body.state).toBe('dispatched');
    expect(withoutTools(obj.body.allowedActions)).toEqual(['accept']); // one objection at a time
    const again = await village.act(t.id, 'object', { ...OBJECTION, reason: 'other' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('OBJECTION_PENDING');
    // The row names the dispatch objected to and who made it; the evidence joined the ticket.
    const row = await objectionRow(t.id);
    expect(row).toMatchObject({
      state: 'open',
      unit_id: d.units.vil1,
      reason: 'not_our_duty',
      raised_by: d.users.village,
      dispatcher_id: d.users.dispatcher,
      attachment_ids: [evidence],
    });
    expect(new Date(row.dispatched_at!).toISOString()).toBe(dispatchedAt);
    expect(
      (await dispatcher.get(`/api/tickets/${t.id}`)).body.attachments.map(
        (a: { id: string }) => a.id,
      ),
    ).toEqual([evidence]);

    // 异议待审核: the dispatch centre's list, with how long it has waited.
    ctx.clock.advance(90 * 60_000);
    const open = await dispatcher.get('/api/objections?state=open');
    expect(open.status).toBe(200);
    expect(open.body.total).toBe(1);
    expect(open.body.items[0]).toMatchObject({
      ticket: { id: t.id, code: t.code, title: t.title },
      unit: { id: d.units.vil1, name: '东湖社区居委会' },
      reason: 'not_our_duty',
      text: OBJECTION.text,
      state: 'open',
      dispatcher: { id: d.users.dispatcher },
      waitingMinutes: 90,
    });
    expect(open.body.items[0].attachments[0]).toMatchObject({ id: evidence, mime: 'image/png' });
    expect((await dispatcher.get(`/api/tickets/${t.id}`)).body.allowedActions).toContain(
      'review_objection',
    );

    // Upheld needs a new lead unit, active and other than the current one; refusals write nothing.
    const before = await eventCount(d, t.id);
    const noUnit = await dispatcher.act(t.id, 'review_objection', {
      verdict: 'upheld',
      note: '经核实属城管委职责',
    });
    expect(noUnit.status).toBe(400);
    expect(noUnit.body.error.code).toBe('NEW_UNIT_REQUIRED');
    const sameUnit = await dispatcher.act(t.id, 'review_objection', {
      verdict: 'upheld',
      note: '经核实属城管委职责',
      newLeadUnitId: d.units.vil1,
    });
    expect(sameUnit.status).toBe(400);
    expect(sameUnit.body.error.code).toBe('NEW_UNIT_REQUIRED');
    const centre = await dispatcher.act(t.id, 'review_objection', {
      verdict: 'upheld',
      note: '经核实属城管委职责',
      newLeadUnitId: d.units.centre,
    });
    expect(centre.status).toBe(400);
    expect(centre.body.error.code).toBe('UNKNOWN_UNIT');
    expect(await eventCount(d, t.id)).toBe(before);

    ctx.clock.advance(HOUR);
    const reviewedAt = ctx.clock.now().toISOString();
    const up = await dispatcher.act(t.id, 'review_objection', {
      verdict: 'upheld',
      note: '经核实属城管委职责,派单有误',
      newLeadUnitId: d.units.dept,
      dispatchFault: true,
    });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({
      state: 'dispatched',
      leadUnit: { id: d.units.dept },
      holderUnit: { id: d.units.dept },
      dispatchedAt: reviewedAt,
    });
    // A new clock from the reassignment, not the old one: the limits of a dispatch made now.
    const fresh = await ctx.c.calendar.deadlines(
      d.tenantId,
      d.categories.leaf,
      'normal',
      new Date(reviewedAt),
    );
    expect(up.body.responseDueAt).toBe(fresh.responseDueAt.toISOString());
    expect(up.body.completionDueAt).toBe(fresh.completionDueAt.toISOString());
    expect(new Date(up.body.responseDueAt).getTime()).toBeGreaterThan(
      new Date(t.responseDueAt).getTime(),
    );
    const reviewed = await objectionRow(t.id);
    expect(reviewed).toMatchObject({
      state: 'upheld',
      reviewed_by: d.users.dispatcher,
      review_note: '经核实属城管委职责,派单有误',
      dispatch_fault: true,
      new_unit_id: d.units.dept,
    });
    const ev = (await (await d.login('supervisor')).get(`/api/tickets/${t.id}/events`)).body.at(-1);
    expect(ev.payload).toMatchObject({ verdict: 'upheld', previousLeadUnitId: d.units.vil1 });

    // The old lead let go: the ticket is no longer its own, but its objection list shows the verdict.
    const assignments = await ctx.c.db
      .selectFrom('ticket_assignments')
      .select(['unit_id', 'role'])
      .where('ticket_id', '=', t.id)
      .where('ended_at', 'is', null)
      .execute();
    expect(assignments.map((a) => `${a.role}:${a.unit_id}`).sort()).toEqual(
      [`lead:${d.units.dept}`, `co:${d.units.dept2}`].sort(),
    );
    expect((await village.get(`/api/tickets/${t.id}`)).status).toBe(404);
    const mineList = await village.get('/api/objections');
    expect(mineList.body.items[0]).toMatchObject({
      state: 'upheld',
      newUnit: { id: d.units.dept },
      dispatchFault: true,
      waitingMinutes: 150,
    });
    // The co-unit's task stays with the ticket.
    const tasks = (await dispatcher.get(`/api/tickets/${t.id}/tasks`)).body;
    expect(tasks.map((k: { unit: { id: string }; state: string }) => [k.unit.id, k.state])).toEqual(
      [[d.units.dept2, 'open']],
    );

    // 首接负责: re-dispatched after a review, the ticket may not be returned again.
    const dept = await d.login('dept');
    const view = await dept.get(`/api/tickets/${t.id}`);
    expect(withoutTools(view.body.allowedActions)).toEqual(['accept']);
    const beforeSecond = await eventCount(d, t.id);
    const second = await dept.act(t.id, 'object', {
      reason: 'not_our_duty',
      text: '该路段路灯由区供电公司维护。',
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('OBJECTION_NOT_ALLOWED_AGAIN');
    expect(await eventCount(d, t.id)).toBe(beforeSecond);
    expect((await objectionRow(t.id)).state).toBe('upheld'); // still the only objection

    // Counted per objecting unit and per dispatcher.
    const stats = await dispatcher.get('/api/objections/stats');
    expect(stats.status).toBe(200);
    expect(stats.body.total).toEqual({ raised: 1, open: 0, upheld: 1, rejected: 0, withFault: 1 });
    expect(stats.body.byUnit).toEqual([
      {
        unit: { id: d.units.vil1, name: '东湖社区居委会' },
        raised: 1,
        open: 0,
        upheld: 1,
        rejected: 0,
        withFault: 1,
      },
    ]);
    expect(stats.body.byDispatcher).toEqual([
      {
        dispatcher: { id: d.users.dispatcher, name: '测试dispatcher' },
        raised: 1,
        open: 0,
        upheld: 1,
        rejected: 0,
        withFault: 1,
      },
    ]);
  });

  it('rejected: the unit keeps the ticket and its clock never stopped; it may not object again', async () => {
    const d = await ctx.newDistrict();
    const dispatcher = await d.login('dispatcher');
    const village = await d.login('village');
    const t = await dispatched(d);
    expect((await village.act(t.id, 'accept')).status).toBe(200);
    ctx.clock.advance(HOUR);
    expect(
      (await village.act(t.id, 'object', { ...OBJECTION, reason: 'wrong_place' })).status,
    ).toBe(200);
    const before = (await dispatcher.get(`/api/tickets/${t.id}`)).body;

    ctx.clock.advance(3 * HOUR);
    const rej = await dispatcher.act(t.id, 'review_objection', {
      verdict: 'rejected',
      note: '该地址属东湖社区辖区,请继续办理',
      dispatchFault: true, // ignored: a rejected objection is nobody's fault
    });
    expect(rej.status).toBe(200);
    // The row's deadlines, dispatch and acceptance are exactly as before the objection.
    for (const k of ['state', 'responseDueAt', 'completionDueAt', 'dispatchedAt', 'acceptedAt']) {
      expect(rej.body[k], k).toEqual(before[k]);
    }
    expect(rej.body.state).toBe('accepted');
    expect(rej.body.leadUnit.id).toBe(d.units.vil1);
    const row = await objectionRow(t.id);
    expect(row).toMatchObject({ state: 'rejected', dispatch_fault: null, new_unit_id: null });
    // The unit keeps it and works on; a second objection is refused.
    const fresh = await d.login('village', { fresh: true });
    const view = await fresh.get(`/api/tickets/${t.id}`);
    expect(view.body.allowedActions).toContain('give_feedback');
    expect(view.body.allowedActions).not.toContain('object');
    const second = await fresh.act(t.id, 'object', OBJECTION);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('OBJECTION_NOT_ALLOWED_AGAIN');
    // A second review has nothing to review.
    const review = await dispatcher.act(t.id, 'review_objection', {
      verdict: 'rejected',
      note: '重复审核',
    });
    expect(review.status).toBe(409);
    expect(review.body.error.code).toBe('NO_OPEN_OBJECTION');

    const stats = await dispatcher.get('/api/objections/stats');
    expect(stats.body.total).toEqual({ raised: 1, open: 0, upheld: 0, rejected: 1, withFault: 0 });
    const listed = await dispatcher.get('/api/objections?state=rejected');
    expect(listed.body.items[0]).toMatchObject({
      reason: 'wrong_place',
      state: 'rejected',
      waitingMinutes: 180,
    });
    expect((await dispatcher.get('/api/objections?state=open')).body.total).toBe(0);
  });

  it('the window closes 24 hours after the dispatch; a tenant setting changes it', async () => {
    const d = await ctx.newDistrict();
    const inside = await dispatched(d);
    const outside = await dispatched(d);
    ctx.clock.advance(24 * HOUR - 60_000);
    let village = await d.login('village', { fresh: true });
    expect((await village.act(inside.id, 'object', OBJECTION)).status).toBe(200);

    ctx.clock.advance(2 * 60_000);
    village = await d.login('village', { fresh: true });
    expect(
      withoutTools((await village.get(`/api/tickets/${outside.id}`)).body.allowedActions),
    ).toEqual(['accept']);
    const before = await eventCount(d, outside.id);
    const late = await village.act(outside.id, 'object', OBJECTION);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('OBJECTION_WINDOW_CLOSED');
    expect(await eventCount(d, outside.id)).toBe(before);

    // A district that allows 48 hours: the same ticket may now be objected to.
    await sql`UPDATE tenants SET settings = settings || '{"objectionWindowHours": 48}'::jsonb WHERE id = ${d.tenantId}`.execute(
      ctx.c.db,
    );
    expect((await village.get(`/api/tickets/${outside.id}`)).body.allowedActions).toContain(
      'object',
    );
    expect((await village.act(outside.id, 'object', OBJECTION)).status).toBe(200);

    // …and one that allows 2 hours closes it sooner.
    await sql`UPDATE tenants SET settings = settings || '{"objectionWindowHours": 2}'::jsonb WHERE id = ${d.tenantId}`.execute(
      ctx.c.db,
    );
    await d.login('agent', { fresh: true });
    await d.login('dispatcher', { fresh: true });
    const short = await dispatched(d);
    ctx.clock.advance(3 * HOUR);
    village = await d.login('village', { fresh: true });
    const tooLate = await village.act(short.id, 'object', OBJECTION);
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.error.code).toBe('OBJECTION_WINDOW_CLOSED');
  });

  it('refuses bad evidence and bad input with 400, writing nothing', async () => {
    const d = await ctx.newDistrict();
    const village = await d.login('village');
    const t = await dispatched(d);
    const before = await eventCount(d, t.id);
    const unknown = await village.act(t.id, 'object', {
      ...OBJECTION,
      attachmentIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('UNKNOWN_ATTACHMENT');
    const badReason = await village.act(t.id, 'object', { ...OBJECTION, reason: 'too_busy' });
    expect(badReason.status).toBe(400);
    const short = await village.act(t.id, 'object', { ...OBJECTION, text: '不是' });
    expect(short.status).toBe(400);
    expect(await eventCount(d, t.id)).toBe(before);
    expect(
      await ctx.c.db
        .selectFrom('ticket_objections')
        .select('id')
        .where('ticket_id', '=', t.id)
        .execute(),
    ).toEqual([]);
  });

  it('lists and counts are scoped: a unit sees its own objections; from/to filter by when raised', async () => {
    const d = await ctx.newDistrict();
    const dispatcher = await d.login('dispatcher');
    const a = await dispatched(d);
    const b = await d.newTicket();
    await dispatcher.act(b.id, 'dispatch', { leadUnitId: d.units.dept });
    await (await d.login('village')).act(a.id, 'object', OBJECTION);
    const raisedA = ctx.clock.now().toISOString();
    ctx.clock.advance(2 * HOUR);
    await (
      await d.login('dept')
    ).act(b.id, 'object', { reason: 'other', text: '需要公安部门配合处理。' });

    expect((await dispatcher.get('/api/objections')).body.total).toBe(2);
    const village = (await (await d.login('village')).get('/api/objections')).body;
    expect(village.items.map((o: { ticket: { id: string } }) => o.ticket.id)).toEqual([a.id]);
    expect((await (await d.login('grid')).get('/api/objections')).body.total).toBe(0);
    expect((await (await d.login('grid')).get(`/api/tickets/${a.id}/objections`)).status).toBe(404);
    const onTicket = await (await d.login('village')).get(`/api/tickets/${a.id}/objections`);
    expect(onTicket.body).toHaveLength(1);

    const from = new Date(new Date(raisedA).getTime() + HOUR).toISOString();
    const later = await dispatcher.get(`/api/objections/stats?from=${encodeURIComponent(from)}`);
    expect(later.body.byUnit.map((r: { unit: { id: string } }) => r.unit.id)).toEqual([
      d.units.dept,
    ]);
    expect(later.body.total.open).toBe(1);
    const earlier = await dispatcher.get(`/api/objections?to=${encodeURIComponent(from)}`);
    expect(earlier.body.items.map((o: { ticket: { id: string } }) => o.ticket.id)).toEqual([a.id]);
    const byUnit = await dispatcher.get(`/api/objections?unitId=${d.units.dept}&reason=other`);
    expect(byUnit.body.items.map((o: { ticket: { id: string } }) => o.ticket.id)).toEqual([b.id]);
    // The village's counts cover its own objections only.
    const villageStats = (await (await d.login('village')).get('/api/objections/stats')).body;
    expect(villageStats.total.raised).toBe(1);
    expect((await dispatcher.get('/api/objections?state=bogus')).status).toBe(400);
  });

  it('searches by a ticket’s exact code or a piece of its title; % and _ match only themselves', async () => {
    const d = await ctx.newDistrict();
    const dispatcher = await d.login('dispatcher');
    const a = await dispatched(d);
    const b = await d.newTicket({ title: '占道经营_100%' });
    await dispatcher.act(b.id, 'dispatch', { leadUnitId: d.units.vil1 });
    const village = await d.login('village');
    await village.act(a.id, 'object', OBJECTION);
    await village.act(b.id, 'object', OBJECTION);
    const found = async (q: string) =>
      (await dispatcher.get(`/api/objections?q=${encodeURIComponent(q)}`)).body.items.map(
        (o: { ticket: { id: string } }) => o.ticket.id,
      );
    expect(await found(a.code)).toEqual([a.id]);
    expect(await found(a.code.slice(0, -1))).toEqual([]);
    expect(await found('路灯')).toEqual([a.id]);
    expect(await found('_100%')).toEqual([b.id]);
    expect(await found('%')).toEqual([b.id]);
    expect(await found('灯_')).toEqual([]);
  });
});
