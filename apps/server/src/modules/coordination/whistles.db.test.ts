// 吹哨报到 through the API: a township summons departments to a ticket, they
// report in (joining as co-units with their own task and limit) or are late;
// lateness is derived when read; lists and assessment figures show both sides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zhCN } from '@jiesu/contracts';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { extraLogin } from '../../../test/extra-users.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const MIN = 60_000;

async function ticketLedByTownship(d: Awaited<ReturnType<TestContext['newDistrict']>>) {
  const t = await d.newTicket();
  const res = await (
    await d.login('dispatcher')
  ).act(t.id, 'dispatch', {
    leadUnitId: d.units.twp1,
  });
  expect(res.status).toBe(200);
  return res.body;
}

async function eventCount(d: Awaited<ReturnType<TestContext['newDistrict']>>, id: string) {
  return (await (await d.login('supervisor')).get(`/api/tickets/${id}/events`)).body.length;
}

describe('whistle and report-in (吹哨报到)', () => {
  it('summons two departments: one reports in time and joins as a co-unit, one is late', async () => {
    const d = await ctx.newDistrict();
    const t = await ticketLedByTownship(d);
    // The township whistles a day after the dispatch.
    ctx.clock.advance(24 * 60 * MIN);
    const leader = await d.login('leader');
    const dept = await d.login('dept');
    const dept2 = await extraLogin(ctx, d, 'dept2', 'handler');
    // Before the whistle the departments do not see the ticket at all.
    expect((await dept.get(`/api/tickets/${t.id}`)).status).toBe(404);
    const blownAt = ctx.clock.now();
    const blown = await leader.act(t.id, 'blow_whistle', {
      unitIds: [d.units.dept, d.units.dept2],
      topic: '占道经营反复回潮,需城管和水务联合处置',
      dueHours: 2,
    });
    expect(blown.status).toBe(200);
    expect(blown.body.state).toBe('dispatched');
    const events = (await leader.get(`/api/tickets/${t.id}/events`)).body;
    expect(events.at(-1)).toMatchObject({
      action: 'blow_whistle',
      actorUnit: { id: d.units.twp1 },
      payload: { dueAt: new Date(blownAt.getTime() + 120 * MIN).toISOString() },
    });

    // Summoned, each department sees the ticket and may only report in.
    const seen = await dept.get(`/api/tickets/${t.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.allowedActions).toEqual(['report_in']);

    // "吹哨待报到" for the department: the whistle with its countdown.
    const waiting = await dept.get('/api/whistles?mine=1');
    expect(waiting.status, JSON.stringify(waiting.body)).toBe(200);
    expect(waiting.body.items).toHaveLength(1);
    const w = waiting.body.items[0];
    expect(w).toMatchObject({
      ticket: { id: t.id, code: t.code },
      unit: { id: d.units.twp1 },
      dueInMinutes: 120,
    });
    expect(w.summonses.map((s: { status: string }) => s.status)).toEqual(['waiting', 'waiting']);

    // The first reports in after an hour: in time; it joins as a co-unit with its own task.
    ctx.clock.advance(60 * MIN);
    const reportedAt = ctx.clock.now();
    const reported = await dept.act(t.id, 'report_in', { note: '已安排执法中队到场' });
    expect(reported.status).toBe(200);
    expect(reported.body.coUnits.map((u: { id: string }) => u.id)).toEqual([d.units.dept]);
    expect(reported.body.allowedActions).not.toContain('report_in');
    const tasks = await ctx.c.db
      .selectFrom('ticket_tasks')
      .selectAll()
      .where('ticket_id', '=', t.id)
      .execute();
    expect(tasks).toHaveLength(1);
    const limit = await ctx.c.calendar.deadlines(
      d.tenantId,
      d.categories.leaf,
      'normal',
      reportedAt,
    );
    expect(tasks[0]).toMatchObject({
      unit_id: d.units.dept,
      source: 'whistle',
      whistle_id: w.id,
      state: 'accepted',
      completion_due_at: limit.completionDueAt,
      response_due_at: limit.responseDueAt,
    });
    // Its own limit, counted from the report-in, not the lead's.
    expect(limit.completionDueAt.getTime()).toBeGreaterThan(new Date(t.completionDueAt).getTime());
    // The summoned assignment ended; the co assignment is open.
    const roles = await ctx.c.db
      .selectFrom('ticket_assignments')
      .select(['role', 'ended_at'])
      .where('ticket_id', '=', t.id)
      .where('unit_id', '=', d.units.dept)
      .orderBy('assigned_at')
      .execute();
    expect(roles.map((r) => [r.role, r.ended_at === null])).toEqual([
      ['summoned', false],
      ['co', true],
    ]);
    expect((await dept.get('/api/whistles?mine=1')).body.items).toEqual([]);

    // Past the deadline the other has not reported in: late, not reported.
    ctx.clock.advance(120 * MIN);
    const late = (await dept2.get('/api/whistles?mine=1')).body.items[0];
    expect(late.dueInMinutes).toBe(-60);
    const onTicket = (await leader.get(`/api/tickets/${t.id}/whistles`)).body.items[0];
    const statusOf = (v: { summonses: Array<{ unit: { id: string }; status: string }> }) =>
      Object.fromEntries(v.summonses.map((s) => [s.unit.id, s.status]));
    expect(statusOf(onTicket)).toEqual({
      [d.units.dept]: 'on_time',
      [d.units.dept2]: 'overdue',
    });

    // It reports in late, through the whistle list: still the ticket action, with its event.
    const before = await eventCount(d, t.id);
    const viaList = await dept2.post(`/api/whistles/${w.id}/report-in`, { note: '迟到报到' });
    expect(viaList.status).toBe(200);
    expect(statusOf(viaList.body)).toEqual({
      [d.units.dept]: 'on_time',
      [d.units.dept2]: 'reported_late',
    });
    expect(await eventCount(d, t.id)).toBe(before + 1);
    const view = (await leader.get(`/api/tickets/${t.id}`)).body;
    expect(view.coUnits.map((u: { id: string }) => u.id).sort()).toEqual(
      [d.units.dept, d.units.dept2].sort(),
    );

    // The township's list shows the whistle it blew with each department's state.
    const mine = (await leader.get('/api/whistles')).body.items;
    expect(mine.map((x: { id: string }) => x.id)).toEqual([w.id]);

    // Both sides' records for assessment.
    const stats = await (await d.login('supervisor')).get('/api/whistles/stats');
    expect(stats.status).toBe(200);
    expect(stats.body.governments).toEqual([
      {
        unit: { id: d.units.twp1, name: expect.any(String) },
        whistles: 1,
        summonses: 2,
        reportedOnTime: 1,
        late: 1,
      },
    ]);
    const byUnit = Object.fromEntries(
      stats.body.units.map((u: { unit: { id: string } }) => [u.unit.id, u]),
    );
    expect(byUnit[d.units.dept]).toMatchObject({
      summoned: 1,
      reportedOnTime: 1,
      reportedLate: 0,
      overdue: 0,
    });
    expect(byUnit[d.units.dept2]).toMatchObject({
      summoned: 1,
      reportedOnTime: 0,
      reportedLate: 1,
      overdue: 0,
    });
    // A range before the whistle counts nothing.
    const empty = await (
      await d.login('supervisor')
    ).get(`/api/whistles/stats?to=${encodeURIComponent(blownAt.toISOString())}`);
    expect(empty.body.governments).toEqual([]);
    expect(empty.body.units).toEqual([]);
  });

  it('counts a department that never reports in as late, not reported', async () => {
    const d = await ctx.newDistrict();
    const t = await ticketLedByTownship(d);
    const leader = await d.login('leader');
    await leader.act(t.id, 'blow_whistle', {
      unitIds: [d.units.dept],
      topic: '需城管部门到场核实',
      dueHours: 1,
    });
    ctx.clock.advance(90 * MIN);
    const stats = (await (await d.login('supervisor')).get('/api/whistles/stats')).body;
    expect(stats.units).toEqual([
      {
        unit: { id: d.units.dept, name: expect.any(String) },
        summoned: 1,
        reportedOnTime: 0,
        reportedLate: 0,
        overdue: 1,
        waiting: 0,
      },
    ]);
    expect(stats.governments[0]).toMatchObject({ whistles: 1, late: 1 });
    // The department's own figures are visible to it; another department's are not.
    const own = (await (await d.login('dept')).get('/api/whistles/stats')).body;
    expect(own.units.map((u: { unit: { id: string } }) => u.unit.id)).toEqual([d.units.dept]);
    const other = await extraLogin(ctx, d, 'dept2', 'handler');
    expect((await other.get('/api/whistles/stats')).body.units).toEqual([]);
  });

  it('refuses summoning units that are not departments or own sections, the lead, or twice', async () => {
    const d = await ctx.newDistrict();
    const t = await ticketLedByTownship(d);
    const leader = await d.login('leader');
    const before = await eventCount(d, t.id);
    const whistle = (unitIds: string[]) =>
      leader.act(t.id, 'blow_whistle', { unitIds, topic: '联合执法', dueHours: 4 });

    for (const bad of [
      [d.units.vil1], // a village committee
      [d.units.twp1], // the township itself, the lead
      [d.units.twp2], // another township
      [d.units.dept, d.units.centre], // one good, one not
      ['00000000-0000-4000-8000-000000000000'], // no such unit
    ]) {
      const res = await whistle(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe('WHISTLE_UNITS_INVALID');
      expect(res.body.error.message).toBe(zhCN.error.WHISTLE_UNITS_INVALID);
    }
    // A deactivated department cannot be summoned either.
    await ctx.c.db
      .updateTable('units')
      .set({ active: false })
      .where('id', '=', d.units.dept2)
      .execute();
    expect((await whistle([d.units.dept2])).body.error.code).toBe('WHISTLE_UNITS_INVALID');
    // Bad input is refused by the schema, in Chinese.
    const schema = await leader.act(t.id, 'blow_whistle', { unitIds: [], topic: 'x', dueHours: 0 });
    expect(schema.status).toBe(400);
    expect(await eventCount(d, t.id)).toBe(before);

    // A department and the township's own section are fine; summoning them again while
    // they have not reported in is refused.
    expect((await whistle([d.units.dept, d.units.section1])).status).toBe(200);
    const again = await whistle([d.units.section1]);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('WHISTLE_UNIT_PENDING');
    expect(await eventCount(d, t.id)).toBe(before + 1);
  });

  it('only a township government’s leader blows the whistle', async () => {
    const d = await ctx.newDistrict();
    const t = await d.newTicket();
    await (await d.login('dispatcher')).act(t.id, 'dispatch', { leadUnitId: d.units.vil1 });
    const input = { unitIds: [d.units.dept], topic: '联合执法', dueHours: 4 };
    const before = await eventCount(d, t.id);
    // The village committee's leader leads the ticket but summons no departments.
    const villageLeader = await extraLogin(ctx, d, 'vil1', 'unit_leader');
    const view = await villageLeader.get(`/api/tickets/${t.id}`);
    expect(view.body.allowedActions).toContain('accept');
    expect(view.body.allowedActions).not.toContain('blow_whistle');
    const refused = await villageLeader.act(t.id, 'blow_whistle', input);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('WHISTLE_NOT_ALLOWED');
    // A handler of the township is not its leader.
    expect((await (await d.login('street')).act(t.id, 'blow_whistle', input)).status).toBe(403);
    // A department cannot see the ticket to whistle on it.
    expect((await (await d.login('dept')).act(t.id, 'blow_whistle', input)).status).toBe(404);
    expect(await eventCount(d, t.id)).toBe(before);
    // The township's leader oversees the village's ticket and may.
    expect((await (await d.login('leader')).act(t.id, 'blow_whistle', input)).status).toBe(200);
    // The ticket's whistles are not shown to a unit that cannot see the ticket.
    expect((await (await d.login('grid')).get(`/api/tickets/${t.id}/whistles`)).status).toBe(404);
  });

  it('whistles to a place and topic without a ticket, with their own report-in', async () => {
    const d = await ctx.newDistrict();
    const leader = await d.login('leader');
    const dept = await d.login('dept');
    const body = {
      jurisdictionId: d.nodes.vil1,
      topic: '东湖社区雨季积水点排查',
      unitIds: [d.units.dept, d.units.dept2],
      dueHours: 24,
    };
    const created = await leader.post('/api/whistles', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ticket: null,
      unit: { id: d.units.twp1 },
      jurisdiction: { id: d.nodes.vil1 },
      topic: body.topic,
      dueInMinutes: 24 * 60,
    });
    const id = created.body.id;
    expect(
      (await dept.get('/api/whistles?mine=1')).body.items.map((x: { id: string }) => x.id),
    ).toEqual([id]);
    ctx.clock.advance(30 * MIN);
    const reported = await dept.post(`/api/whistles/${id}/report-in`, { note: '已到场' });
    expect(reported.status).toBe(200);
    const mineSummons = reported.body.summonses.find(
      (s: { unit: { id: string } }) => s.unit.id === d.units.dept,
    );
    expect(mineSummons).toMatchObject({ state: 'reported', status: 'on_time', note: '已到场' });
    // Reporting in twice, or without a summons, is refused.
    const twice = await dept.post(`/api/whistles/${id}/report-in`, {});
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('NOT_SUMMONED');
    expect(
      (await (await d.login('village')).post(`/api/whistles/${id}/report-in`, {})).status,
    ).toBe(404);
    // Only a township's leader, and only in its own territory.
    const street = await (await d.login('street')).post('/api/whistles', body);
    expect(street.status).toBe(403);
    expect(street.body.error.code).toBe('WHISTLE_NOT_ALLOWED');
    expect(
      (await leader.post('/api/whistles', { ...body, jurisdictionId: d.nodes.vil3 })).body.error
        .code,
    ).toBe('WHISTLE_NOT_ALLOWED');
    expect(
      (await leader.post('/api/whistles', { ...body, unitIds: [d.units.vil1] })).body.error.code,
    ).toBe('WHISTLE_UNITS_INVALID');
    const unknown = await leader.post('/api/whistles', {
      ...body,
      jurisdictionId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('UNKNOWN_JURISDICTION');
    expect(
      (await dept.post('/api/whistles/00000000-0000-4000-8000-000000000000/report-in', {})).status,
    ).toBe(404);
  });
});
