// 直派街乡: a dispatch straight to a township government copies the district
// government in as a watcher, which sees the ticket and may do nothing on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSITIONS } from '@jiesu/contracts';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { extraLogin } from '../../../test/extra-users.js';
import type { Client, District } from '../../../test/factories.js';
import { newId } from '../../shared/ids.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** The district's own government (区政府) and two of its staff. */
async function withDistrictGovernment(d: District) {
  const id = newId();
  await ctx.c.db
    .insertInto('units')
    .values({
      id,
      tenant_id: d.tenantId,
      jurisdiction_id: d.nodes.district,
      kind: 'government',
      key: 'district-gov',
      name: '测试区人民政府',
      phone: null,
    })
    .execute();
  // extraLogin signs in staff of a unit the district knows by key.
  (d.units as Record<string, string>)['districtGov'] = id;
  const unit = 'districtGov' as keyof District['units'];
  return {
    id,
    handler: await extraLogin(ctx, d, unit, 'handler'),
    leader: await extraLogin(ctx, d, unit, 'unit_leader'),
  };
}

const watchers = async (ticketId: string) =>
  (
    await ctx.c.db
      .selectFrom('ticket_assignments')
      .select(['unit_id', 'ended_at'])
      .where('ticket_id', '=', ticketId)
      .where('role', '=', 'watcher')
      .execute()
  ).map((a) => ({ unitId: a.unit_id, open: a.ended_at === null }));

const eventCount = async (ticketId: string) =>
  (
    await ctx.c.db
      .selectFrom('ticket_events')
      .select('seq')
      .where('ticket_id', '=', ticketId)
      .execute()
  ).length;

async function dispatchTo(d: District, leadUnitId: string) {
  const t = await d.newTicket();
  const res = await (await d.login('dispatcher')).act(t.id, 'dispatch', { leadUnitId });
  expect(res.status).toBe(200);
  return res.body;
}

describe('the district watches tickets dispatched straight to a township', () => {
  it('adds the district government as a watcher that sees the ticket and is offered no handling action', async () => {
    const d = await ctx.newDistrict();
    const gov = await withDistrictGovernment(d);
    const t = await dispatchTo(d, d.units.twp1);
    expect(await watchers(t.id)).toEqual([{ unitId: gov.id, open: true }]);

    for (const client of [gov.handler, gov.leader] as Client[]) {
      const view = await client.get(`/api/tickets/${t.id}`);
      expect(view.status).toBe(200);
      // The district's leader, above the township, may only urge it (督办).
      expect(view.body.allowedActions).toEqual(client === gov.leader ? ['urge'] : []);
      const list = await client.get('/api/tickets');
      expect(list.body.items.map((x: { id: string }) => x.id)).toContain(t.id);
    }
    // The township itself handles it.
    expect(
      (await (await d.login('street')).get(`/api/tickets/${t.id}`)).body.allowedActions,
    ).toContain('accept');
    // Every handling action is refused to the district's leader, and writes nothing.
    const seq = await eventCount(t.id);
    for (const def of TRANSITIONS.filter((x) => x.relation !== 'centre' && x.roles.length)) {
      const res = await gov.leader.act(t.id, def.action, {});
      expect([403, 400, 409], def.action).toContain(res.status);
      if (res.status !== 400) expect(res.body.error.code).not.toBe('INTERNAL');
    }
    expect((await gov.leader.act(t.id, 'accept', {})).body.error.code).toBe('ACTION_FORBIDDEN');
    expect(
      (
        await gov.leader.act(t.id, 'blow_whistle', {
          unitIds: [d.units.dept],
          topic: '路灯维修协调',
          dueHours: 24,
        })
      ).body.error.code,
    ).toBe('ACTION_FORBIDDEN');
    expect(await eventCount(t.id)).toBe(seq);
  });

  it('adds no watcher for a department, a village, or when the district has no government unit', async () => {
    const d = await ctx.newDistrict();
    expect(await watchers((await dispatchTo(d, d.units.twp1)).id)).toEqual([]);
    const gov = await withDistrictGovernment(d);
    expect(await watchers((await dispatchTo(d, d.units.dept)).id)).toEqual([]);
    expect(await watchers((await dispatchTo(d, d.units.vil1)).id)).toEqual([]);
    // Without the watcher, the district's leader acts for the village committees of its
    // territory as before — but not for a department, which answers for its own tickets.
    const t = await dispatchTo(d, d.units.vil1);
    expect((await gov.leader.get(`/api/tickets/${t.id}`)).body.allowedActions).toContain('accept');
    const byDept = await dispatchTo(d, d.units.dept);
    const deptView = await gov.leader.get(`/api/tickets/${byDept.id}`);
    expect(deptView.status).toBe(200);
    // Only urge it (督办): the district government is the department's upper level.
    expect(deptView.body.allowedActions).toEqual(['urge']);
    expect((await gov.leader.act(byDept.id, 'accept', {})).body.error.code).toBe(
      'ACTION_FORBIDDEN',
    );
  });

  it('follows the lead when an upheld objection reassigns the ticket', async () => {
    const d = await ctx.newDistrict();
    const gov = await withDistrictGovernment(d);
    const dispatcher = await d.login('dispatcher');
    const review = (id: string, newLeadUnitId: string) =>
      dispatcher.act(id, 'review_objection', {
        verdict: 'upheld',
        note: '确属其他单位职责',
        newLeadUnitId,
        dispatchFault: true,
      });
    const objection = { reason: 'not_our_duty', text: '该事项不属于本单位职责' };

    // Department → township: the district starts watching.
    const a = await dispatchTo(d, d.units.dept);
    expect((await (await d.login('dept')).act(a.id, 'object', objection)).status).toBe(200);
    const upheld = await review(a.id, d.units.twp2);
    expect(upheld.status).toBe(200);
    expect(await watchers(a.id)).toEqual([{ unitId: gov.id, open: true }]);
    expect((await gov.leader.get(`/api/tickets/${a.id}`)).body.allowedActions).toEqual(['urge']);

    // Township → department: the district stops watching.
    const b = await dispatchTo(d, d.units.twp1);
    expect(await watchers(b.id)).toEqual([{ unitId: gov.id, open: true }]);
    expect((await (await d.login('street')).act(b.id, 'object', objection)).status).toBe(200);
    expect((await review(b.id, d.units.dept)).status).toBe(200);
    expect(await watchers(b.id)).toEqual([{ unitId: gov.id, open: false }]);
  });
});
