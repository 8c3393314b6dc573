// 三上三下 through the API: the township passes a ticket to a village, the village
// to its grid worker; each level sees what it passed and can pull it back; the
// holder sends it back up; the township's leader convenes its sections. The
// lead unit stays responsible: feedback waits until the ticket is back with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zhCN } from '@jiesu/contracts';
import { createTestContext, type District, type TestContext } from '../../../test/harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const FEEDBACK = {
  result: '村委会协调物业更换了路灯灯泡,现场复核已恢复照明。',
  replyText: '您反映的路灯问题已修复,感谢您的监督。',
};

/** A ticket dispatched to the township and accepted by its handler. */
async function acceptedByTownship(d: District) {
  const t = await d.newTicket();
  await (await d.login('dispatcher')).act(t.id, 'dispatch', { leadUnitId: d.units.twp1 });
  const res = await (await d.login('street')).act(t.id, 'accept');
  expect(res.status).toBe(200);
  return res.body;
}

async function events(d: District, id: string) {
  return (await (await d.login('supervisor')).get(`/api/tickets/${id}/events`)).body as Array<{
    action: string;
    payload: Record<string, unknown>;
  }>;
}

async function openDelegations(ticketId: string) {
  return ctx.c.db
    .selectFrom('ticket_delegations')
    .select(['from_unit_id', 'to_unit_id'])
    .where('ticket_id', '=', ticketId)
    .where('ended_at', 'is', null)
    .orderBy('at')
    .execute();
}

describe('passing down and up (三上三下)', () => {
  it('passes township → village → grid worker and back up; feedback stays with the lead', async () => {
    const d = await ctx.newDistrict();
    const t = await acceptedByTownship(d);
    const street = await d.login('street');
    const village = await d.login('village');
    const grid = await d.login('grid');

    const down1 = await street.act(t.id, 'pass_down', {
      toUnitId: d.units.vil1,
      note: '请村委会先行入户核实',
    });
    expect(down1.status).toBe(200);
    expect(down1.body).toMatchObject({
      state: 'accepted',
      leadUnit: { id: d.units.twp1 },
      holderUnit: { id: d.units.vil1 },
    });
    // The township still sees what it passed and may pull it back; nobody gives feedback now.
    expect(down1.body.allowedActions).toContain('pull_back');
    expect(down1.body.allowedActions).not.toContain('pass_down');
    expect(down1.body.allowedActions).not.toContain('give_feedback');
    const atVillage = (await village.get(`/api/tickets/${t.id}`)).body;
    expect(atVillage.allowedActions).toEqual(
      expect.arrayContaining(['add_progress', 'pass_down', 'send_up']),
    );
    expect(atVillage.allowedActions).not.toContain('give_feedback');
    const early = await village.act(t.id, 'give_feedback', FEEDBACK);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('FEEDBACK_WHILE_PASSED_DOWN');
    expect(early.body.error.message).toBe(zhCN.error.FEEDBACK_WHILE_PASSED_DOWN);

    // The village passes it to its grid worker, by name.
    expect((await grid.get(`/api/tickets/${t.id}`)).status).toBe(404);
    ctx.clock.advance(60_000);
    const down2 = await village.act(t.id, 'pass_down', {
      toUnitId: d.units.grid1,
      toUserId: d.users.grid,
    });
    expect(down2.status).toBe(200);
    expect(down2.body.holderUnit.id).toBe(d.units.grid1);
    // The rule: a grid worker holding the ticket handles it and sends it up; feedback is
    // the lead unit's (give_feedback is not a grid worker's role, and the ticket is passed down).
    const atGrid = (await grid.get(`/api/tickets/${t.id}`)).body;
    expect(atGrid.allowedActions).toEqual(
      expect.arrayContaining(['start_handling', 'add_progress', 'send_up']),
    );
    expect(atGrid.allowedActions).not.toContain('give_feedback');
    expect(atGrid.allowedActions).not.toContain('pass_down');
    expect((await grid.act(t.id, 'give_feedback', FEEDBACK)).status).toBe(403);
    expect((await village.get(`/api/tickets/${t.id}`)).body.allowedActions).toContain('pull_back');
    expect(await openDelegations(t.id)).toEqual([
      { from_unit_id: d.units.twp1, to_unit_id: d.units.vil1 },
      { from_unit_id: d.units.vil1, to_unit_id: d.units.grid1 },
    ]);

    expect((await grid.act(t.id, 'add_progress', { text: '已到现场查看,灯泡烧坏' })).status).toBe(
      200,
    );
    const up1 = await grid.act(t.id, 'send_up', { reason: '需要电工更换线路,网格无法处理' });
    expect(up1.status).toBe(200);
    expect(up1.body.holderUnit.id).toBe(d.units.vil1);
    // The grid no longer holds it: it still sees what it handled, but acts no more.
    const after = (await grid.get(`/api/tickets/${t.id}`)).body;
    expect(after.allowedActions).toEqual([]);
    ctx.clock.advance(60_000);
    const up2 = await village.act(t.id, 'send_up', { reason: '需街道协调供电所' });
    expect(up2.body.holderUnit.id).toBe(d.units.twp1);
    expect(await openDelegations(t.id)).toEqual([]);
    // Send-up records where it went (derived), so a replay needs nothing else.
    const trail = await events(d, t.id);
    // The person named on a pass-down is recorded by id and name.
    expect(trail.filter((e) => e.action === 'pass_down').map((e) => e.payload)).toEqual([
      { toUnitId: d.units.vil1, note: '请村委会先行入户核实' },
      { toUnitId: d.units.grid1, toUser: { id: d.users.grid, name: '测试grid' } },
    ]);
    expect(trail.filter((e) => e.action === 'send_up').map((e) => e.payload.toUnitId)).toEqual([
      d.units.vil1,
      d.units.twp1,
    ]);

    // Back with the lead: the township gives feedback.
    const back = (await street.get(`/api/tickets/${t.id}`)).body;
    expect(back.allowedActions).toContain('give_feedback');
    expect(back.allowedActions).not.toContain('send_up');
    expect((await street.act(t.id, 'give_feedback', FEEDBACK)).body.state).toBe('feedback_given');

    // The chain for the ticket page.
    const chain = await street.get(`/api/tickets/${t.id}/delegations`);
    expect(chain.status).toBe(200);
    expect(chain.body).toMatchObject({
      lead: { id: d.units.twp1 },
      holder: { id: d.units.twp1 },
      chain: [
        {
          from: { id: d.units.twp1 },
          to: { id: d.units.vil1 },
          toUser: null,
          note: '请村委会先行入户核实',
          endedHow: 'sent_up',
        },
        {
          from: { id: d.units.vil1 },
          to: { id: d.units.grid1 },
          toUser: { id: d.users.grid, name: '测试grid' },
          endedHow: 'sent_up',
        },
      ],
    });
    expect(chain.body.chain.every((c: { endedAt: string | null }) => c.endedAt !== null)).toBe(
      true,
    );
  });

  it('each level pulls back what it passed', async () => {
    const d = await ctx.newDistrict();
    const t = await acceptedByTownship(d);
    const street = await d.login('street');
    const village = await d.login('village');
    await street.act(t.id, 'pass_down', { toUnitId: d.units.vil1 });
    await village.act(t.id, 'pass_down', { toUnitId: d.units.grid1 });

    // The village takes it back from the grid; the township's delegation stays.
    const pulled = await village.act(t.id, 'pull_back', { reason: '网格员请假,改由村委会处理' });
    expect(pulled.status).toBe(200);
    expect(pulled.body.holderUnit.id).toBe(d.units.vil1);
    expect(await openDelegations(t.id)).toEqual([
      { from_unit_id: d.units.twp1, to_unit_id: d.units.vil1 },
    ]);

    // Passed down again, the township pulls the whole chain back.
    await village.act(t.id, 'pass_down', { toUnitId: d.units.grid1 });
    const all = await street.act(t.id, 'pull_back', { reason: '情况复杂,街道直接办理' });
    expect(all.status).toBe(200);
    expect(all.body.holderUnit.id).toBe(d.units.twp1);
    expect(all.body.allowedActions).not.toContain('pull_back');
    expect(await openDelegations(t.id)).toEqual([]);
    const chain = (await street.get(`/api/tickets/${t.id}/delegations`)).body.chain;
    expect(chain.map((c: { endedHow: string }) => c.endedHow)).toEqual([
      'pulled_back',
      'pulled_back',
      'pulled_back',
    ]);
    // Neither lower level sees it any more; their assignments ended with the delegations.
    expect((await village.get(`/api/tickets/${t.id}`)).status).toBe(404);
    expect((await (await d.login('grid')).get(`/api/tickets/${t.id}`)).status).toBe(404);
    const open = await ctx.c.db
      .selectFrom('ticket_assignments')
      .select('role')
      .where('ticket_id', '=', t.id)
      .where('role', '=', 'delegate')
      .where('ended_at', 'is', null)
      .execute();
    expect(open).toEqual([]);
    const trail = await events(d, t.id);
    expect(trail.filter((e) => e.action === 'pull_back').map((e) => e.payload.toUnitId)).toEqual([
      d.units.vil1,
      d.units.twp1,
    ]);
  });

  it('refuses targets outside the holder’s subtree, and wrong people, without writing', async () => {
    const d = await ctx.newDistrict();
    const t = await acceptedByTownship(d);
    const street = await d.login('street');
    const before = (await events(d, t.id)).length;
    const refuse = async (
      input: Record<string, unknown>,
      path: string,
      who = street,
    ): Promise<void> => {
      const res = await who.act(t.id, 'pass_down', input);
      expect(res.status, JSON.stringify(input)).toBe(400);
      expect(res.body.error.code).toBe('PASS_DOWN_TARGET_INVALID');
      expect(res.body.error.message).toBe(zhCN.error.PASS_DOWN_TARGET_INVALID);
      expect(res.body.error.details[0].path).toBe(path);
    };
    await refuse({ toUnitId: d.units.vil3 }, '/input/toUnitId'); // another township's village
    await refuse({ toUnitId: d.units.section1 }, '/input/toUnitId'); // its own section: same level
    await refuse({ toUnitId: d.units.twp1 }, '/input/toUnitId'); // itself
    await refuse({ toUnitId: d.units.twp2 }, '/input/toUnitId'); // a peer
    await refuse({ toUnitId: d.units.dept }, '/input/toUnitId'); // a department
    await refuse({ toUnitId: '00000000-0000-4000-8000-000000000000' }, '/input/toUnitId');
    // A person who does not work in the target unit.
    await refuse({ toUnitId: d.units.vil1, toUserId: d.users.dept }, '/input/toUserId');
    await refuse({ toUnitId: d.units.vil1, toUserId: d.users.grid }, '/input/toUserId');
    expect((await events(d, t.id)).length).toBe(before);

    // The village may pass only to its own grids, not to a sibling village.
    await street.act(t.id, 'pass_down', { toUnitId: d.units.vil1 });
    const village = await d.login('village');
    await refuse({ toUnitId: d.units.vil2 }, '/input/toUnitId', village);
    await refuse({ toUnitId: d.units.twp1 }, '/input/toUnitId', village);
    expect((await events(d, t.id)).length).toBe(before + 1);

    // Send-up and pull-back need a ticket passed down.
    const t2 = await acceptedByTownship(d);
    const notDown = await street.act(t2.id, 'send_up', { reason: '上报' });
    expect(notDown.status).toBe(409);
    expect(notDown.body.error.code).toBe('NOT_PASSED_DOWN');
    expect((await street.act(t2.id, 'pull_back', { reason: '收回' })).status).toBe(403);
  });

  it('a department holding a ticket does not pass it down', async () => {
    const d = await ctx.newDistrict();
    const t = await d.newTicket();
    await (await d.login('dispatcher')).act(t.id, 'dispatch', { leadUnitId: d.units.dept });
    const dept = await d.login('dept');
    await dept.act(t.id, 'accept');
    const view = (await dept.get(`/api/tickets/${t.id}`)).body;
    expect(view.allowedActions).not.toContain('pass_down');
    const res = await dept.act(t.id, 'pass_down', { toUnitId: d.units.twp1 });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('PASS_DOWN_NOT_ALLOWED');
  });

  it('the township’s leader convenes its sections; the convening is recorded', async () => {
    const d = await ctx.newDistrict();
    const t = await acceptedByTownship(d);
    const leader = await d.login('leader');
    await (await d.login('street')).act(t.id, 'pass_down', { toUnitId: d.units.vil1 });
    await (await d.login('village')).act(t.id, 'send_up', { reason: '村里解决不了,需街道协调' });

    const before = (await events(d, t.id)).length;
    const bad = await leader.act(t.id, 'convene', {
      sectionIds: [d.units.section1, d.units.dept],
      note: '研究路灯线路改造',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('CONVENE_SECTIONS_INVALID');
    expect((await events(d, t.id)).length).toBe(before);
    // A handler is not the leader.
    expect(
      (
        await (
          await d.login('street')
        ).act(t.id, 'convene', { sectionIds: [d.units.section1], note: '会商' })
      ).status,
    ).toBe(403);

    const ok = await leader.act(t.id, 'convene', {
      sectionIds: [d.units.section1],
      note: '城建科牵头联系供电所改造线路',
      resources: '街道应急维修资金 2000 元',
    });
    expect(ok.status).toBe(200);
    const chain = (await leader.get(`/api/tickets/${t.id}/delegations`)).body;
    expect(chain.convenings).toEqual([
      {
        at: expect.any(String),
        by: { id: d.users.leader, name: '测试leader' },
        unit: { id: d.units.twp1, name: expect.any(String) },
        sections: [{ id: d.units.section1, name: '东城街道城建科' }],
        note: '城建科牵头联系供电所改造线路',
        resources: '街道应急维修资金 2000 元',
      },
    ]);
    // Then resources go down again: the township passes it to the village once more.
    expect(
      (await (await d.login('street')).act(t.id, 'pass_down', { toUnitId: d.units.vil1 })).body
        .holderUnit.id,
    ).toBe(d.units.vil1);
  });

  it('the targets offered to the forms are the units below the holder and the leader’s sections', async () => {
    const d = await ctx.newDistrict();
    const t = await acceptedByTownship(d);
    const leader = await d.login('leader');
    const targets = (await leader.get(`/api/tickets/${t.id}/coordination-targets`)).body;
    const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id).sort();
    expect(ids(targets.passDown)).toEqual([d.units.vil1, d.units.vil2, d.units.grid1].sort());
    expect(targets.passDown.find((u: { id: string }) => u.id === d.units.grid1).users).toEqual([
      { id: d.users.grid, name: '测试grid' },
    ]);
    expect(ids(targets.summon)).toEqual([d.units.dept, d.units.dept2, d.units.section1].sort());
    expect(ids(targets.sections)).toEqual([d.units.section1]);
    // The village sees nothing to pick on a ticket it does not hold.
    const village = await d.login('village');
    expect((await village.get(`/api/tickets/${t.id}/coordination-targets`)).status).toBe(404);
    await (await d.login('street')).act(t.id, 'pass_down', { toUnitId: d.units.vil1 });
    const atVillage = (await village.get(`/api/tickets/${t.id}/coordination-targets`)).body;
    expect(atVillage).toEqual({
      passDown: [
        { id: d.units.grid1, name: expect.any(String), kind: 'grid', users: [expect.any(Object)] },
      ],
      summon: [],
      sections: [],
    });
  });

  it('an upheld objection ends the chain below the old lead (reassigned)', async () => {
    const d = await ctx.newDistrict();
    const t = await acceptedByTownship(d);
    const street = await d.login('street');
    await street.act(t.id, 'pass_down', { toUnitId: d.units.vil1 });
    const objected = await street.act(t.id, 'object', {
      reason: 'wrong_place',
      text: '该路段属于西山镇辖区',
    });
    expect(objected.status, JSON.stringify(objected.body)).toBe(200);
    const reviewed = await (
      await d.login('dispatcher')
    ).act(t.id, 'review_objection', {
      verdict: 'upheld',
      note: '核实属实,改派西山镇',
      newLeadUnitId: d.units.twp2,
    });
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
    expect(reviewed.body.holderUnit.id).toBe(d.units.twp2);
    expect(await openDelegations(t.id)).toEqual([]);
    const chain = await ctx.c.db
      .selectFrom('ticket_delegations')
      .select('ended_how')
      .where('ticket_id', '=', t.id)
      .execute();
    expect(chain).toEqual([{ ended_how: 'reassigned' }]);
    expect((await (await d.login('village')).get(`/api/tickets/${t.id}`)).status).toBe(404);
  });
});

describe('who is offered the coordination actions', () => {
  const MINE = [
    'pass_down',
    'pull_back',
    'send_up',
    'convene',
    'blow_whistle',
    'report_in',
    'give_feedback',
  ];
  const LOGINS = ['street', 'leader', 'village', 'grid', 'dept', 'dispatcher'] as const;

  async function offered(d: District, id: string) {
    const out: Record<string, string[]> = {};
    for (const who of LOGINS) {
      const res = await (await d.login(who)).get(`/api/tickets/${id}`);
      out[who] =
        res.status === 404
          ? ['(hidden)']
          : (res.body.allowedActions as string[]).filter((a) => MINE.includes(a)).sort();
    }
    return out;
  }

  /** Everything not offered is refused, and the trail does not grow. */
  async function refusedRest(d: District, id: string, expected: Record<string, string[]>) {
    const before = (await events(d, id)).length;
    const inputs: Record<string, Record<string, unknown>> = {
      pass_down: { toUnitId: d.units.grid1 },
      pull_back: { reason: '收回' },
      send_up: { reason: '上报' },
      convene: { sectionIds: [d.units.section1], note: '会商' },
      blow_whistle: { unitIds: [d.units.dept2], topic: '联合处置', dueHours: 2 },
      report_in: {},
      give_feedback: FEEDBACK,
    };
    for (const who of LOGINS) {
      const client = await d.login(who);
      for (const action of MINE) {
        if (expected[who]?.includes(action)) continue;
        const res = await client.act(id, action, inputs[action]);
        expect([403, 404, 409], `${who} ${action}`).toContain(res.status);
      }
    }
    expect((await events(d, id)).length).toBe(before);
  }

  it('offers each relation exactly its actions, and refuses the rest without writing', async () => {
    const d = await ctx.newDistrict();
    const t = await acceptedByTownship(d);

    // With the lead: the township passes down, its leader also whistles and convenes.
    let expected: Record<string, string[]> = {
      street: ['give_feedback', 'pass_down'],
      leader: ['blow_whistle', 'convene', 'give_feedback', 'pass_down'],
      village: ['(hidden)'],
      grid: ['(hidden)'],
      dept: ['(hidden)'],
      dispatcher: [],
    };
    expect(await offered(d, t.id)).toEqual(expected);
    await refusedRest(d, t.id, expected);

    // Passed to the village: the township (passer) may pull back; the village (holder)
    // passes on or sends up; nobody gives feedback.
    await (await d.login('street')).act(t.id, 'pass_down', { toUnitId: d.units.vil1 });
    expected = {
      street: ['pull_back'],
      leader: ['blow_whistle', 'convene', 'pull_back'],
      village: ['pass_down', 'send_up'],
      grid: ['(hidden)'],
      dept: ['(hidden)'],
      dispatcher: [],
    };
    expect(await offered(d, t.id)).toEqual(expected);
    await refusedRest(d, t.id, expected);

    // Passed on to the grid: both levels above may pull back; the grid worker sends up.
    await (await d.login('village')).act(t.id, 'pass_down', { toUnitId: d.units.grid1 });
    // A department summoned by the township reports in.
    await (
      await d.login('leader')
    ).act(t.id, 'blow_whistle', {
      unitIds: [d.units.dept],
      topic: '联合处置',
      dueHours: 2,
    });
    expected = {
      street: ['pull_back'],
      leader: ['blow_whistle', 'convene', 'pull_back'],
      village: ['pull_back'],
      grid: ['send_up'],
      dept: ['report_in'],
      dispatcher: [],
    };
    expect(await offered(d, t.id)).toEqual(expected);
    await refusedRest(d, t.id, expected);
  });
});
