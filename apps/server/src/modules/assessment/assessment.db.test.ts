// 三率考核 through the API on a hand-computed month: four tickets dispatched to
// 东城街道, three accepted at once (the fourth never) → response 3/4; two
// called back, one solved and satisfied, one unsolved and basically satisfied →
// resolution 1/2, satisfaction (1 + 0.8)/2 = 0.9; composite 10/45/45 →
// 7.5 + 22.5 + 40.5 = 70.5. Below the default minimum volume (5) it is not
// ranked; a new configuration version (minimum 3) ranks it. Who may read which
// peer group, who may save a version, the Excel export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import type { District } from '../../../test/factories.js';

let ctx: TestContext;
let d: District;
beforeAll(async () => {
  ctx = await createTestContext(); // 2026-11-02 09:00 in Beijing
  d = await ctx.newDistrict();
  const feedback = {
    result: '已到现场处理完毕,问题已经解决。',
    replyText: '您反映的问题已处理完毕,感谢监督。',
  };
  const dispatcher = await d.login('dispatcher');
  const street = await d.login('street');
  const agent = await d.login('agent');
  const ok = (r: { status: number; body: unknown }) => {
    if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  };
  for (let i = 0; i < 4; i++) {
    const t = await d.newTicket();
    ok(await dispatcher.act(t.id, 'dispatch', { leadUnitId: d.units.twp1 }));
    if (i === 3) continue;
    ok(await street.act(t.id, 'accept', {}));
    if (i === 2) continue;
    ok(await street.act(t.id, 'give_feedback', feedback));
    ok(await dispatcher.act(t.id, 'send_reply', { replyText: feedback.replyText, channel: 'sms' }));
    ok(
      await agent.act(
        t.id,
        'record_callback',
        i === 0
          ? { solved: true, satisfaction: 'satisfied' }
          : { solved: false, satisfaction: 'basically_satisfied' },
      ),
    );
  }
});
afterAll(() => ctx.close());

const URL = '/api/assessment/units?month=2026-11&group=township';

describe('三率考核', () => {
  it('computes the hand-computed rates, the composite, and leaves a low volume unranked', async () => {
    const res = await (await d.login('supervisor')).get(URL);
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('rollups');
    expect(res.body.config).toMatchObject({
      version: 0,
      weights: { response: 10, resolution: 45, satisfaction: 45 },
      basicallySatisfiedWeight: 0.8,
      minVolume: 5,
    });
    const twp1 = res.body.items.find((r: { unit: { id: string } }) => r.unit.id === d.units.twp1);
    expect(twp1).toMatchObject({
      volume: 4,
      accepted: 3,
      acceptedOnTime: 3,
      responseRate: 0.75,
      rated: 2,
      calledBack: 2,
      solved: 1,
      resolutionRate: 0.5,
      satisfied: 1,
      basicallySatisfied: 1,
      satisfactionRate: 0.9,
      composite: 70.5,
      completed: 2,
      onTimeRate: 1,
      rank: null,
      bottom: false,
    });
    const twp2 = res.body.items.find((r: { unit: { id: string } }) => r.unit.id === d.units.twp2);
    expect(twp2).toMatchObject({ volume: 0, responseRate: null, composite: null, rank: null });
    expect(res.body.items).toHaveLength(2); // the township governments only
    expect(res.body.figures.map((f: { key: string }) => f.key)).toContain('responseRate');
  });

  it('ranks above the minimum volume of a new configuration version', async () => {
    const body = {
      effectiveFrom: '2026-11',
      weights: { response: 10, resolution: 45, satisfaction: 45 },
      basicallySatisfiedWeight: 0.8,
      minVolume: 3,
      bottomN: 1,
      reason: '试点期间降低最低派单量',
    };
    expect((await (await d.login('dispatcher')).post('/api/assessment/configs', body)).status).toBe(
      403,
    );
    const saved = await (await d.login('admin')).post('/api/assessment/configs', body);
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ version: 1, minVolume: 3, reason: body.reason });
    const res = await (await d.login('admin')).get(URL);
    expect(res.body.config.version).toBe(1);
    expect(res.body.ranked).toBe(1);
    // Ranked alone: the only ranked township is not flagged as the bottom one.
    expect(res.body.items[0]).toMatchObject({ rank: 1, bottom: false, composite: 70.5 });
    // October keeps the default in force then.
    const oct = await (await d.login('admin')).get(URL.replace('2026-11', '2026-10'));
    expect(oct.body.config.version).toBe(0);
    const list = await (await d.login('supervisor')).get('/api/assessment/configs');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ canEdit: false, current: { version: 1 } });
  });

  it('lets the district-wide readers and a unit leader over its own peer group read', async () => {
    const status = async (who: Parameters<District['login']>[0], url = URL) =>
      (await (await d.login(who)).get(url)).status;
    expect(await status('admin')).toBe(200);
    expect(await status('supervisor')).toBe(200);
    expect(await status('dispatcher')).toBe(200);
    expect(await status('leader')).toBe(200); // 东城街道's leader: the townships
    expect(await status('leader', URL.replace('township', 'department'))).toBe(403);
    for (const who of ['agent', 'street', 'village', 'grid', 'dept'] as const) {
      expect(await status(who), who).toBe(403);
    }
    expect((await d.anonymous().get(URL)).status).toBe(401);
    expect(
      (await (await d.login('admin')).get('/api/assessment/units?month=2026-13&group=township'))
        .status,
    ).toBe(400);
  });

  it('exports the month as Excel with the definitions', async () => {
    const res = await (
      await d.login('dispatcher')
    ).get(URL.replace('/units?', '/units/export.xlsx?'));
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
  });

  it('keeps the village group to one township for the village group', async () => {
    const res = await (
      await d.login('admin')
    ).get(`/api/assessment/units?month=2026-11&group=village&townshipId=${d.nodes.twp1}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { unit: { id: string } }) => r.unit.id).sort()).toEqual(
      [d.units.vil1, d.units.vil2].sort(),
    );
    expect(res.body.township).toEqual({ id: d.nodes.twp1, name: '东城街道' });
  });

  // Last: moves the clock a month on.
  it('counts overdue, repeats and the dispatch centre (双向考核) by hand', async () => {
    const sup = await d.login('supervisor');
    const nov = await sup.get('/api/assessment/centre?month=2026-11&months=2');
    expect(nov.status).toBe(200);
    // Four first dispatches at the moment of receipt, no objections.
    expect(nov.body.current).toMatchObject({
      month: '2026-11',
      dispatched: 4,
      firstDispatched: 4,
      meanMinutesToDispatch: 0,
      faultedReturns: 0,
      accuracy: 1,
      reassignments: 0,
    });
    expect(nov.body.trend.map((m: { month: string }) => m.month)).toEqual(['2026-10', '2026-11']);
    expect(nov.body.trend[0]).toMatchObject({ dispatched: 0, accuracy: null });
    expect(
      (await (await d.login('leader')).get('/api/assessment/centre?month=2026-11')).status,
    ).toBe(403);

    // A month on: the two tickets never given feedback are overdue now. The same
    // requester asks again about the same matter; its dispatch is a repeat, 45 min after receipt.
    ctx.clock.advance(30 * 86_400_000);
    await d.login('agent', { fresh: true }); // the session of a month ago has expired
    const again = await d.newTicket();
    ctx.clock.advance(45 * 60_000);
    const dispatcher = await d.login('dispatcher', { fresh: true });
    expect((await dispatcher.act(again.id, 'dispatch', { leadUnitId: d.units.twp1 })).status).toBe(
      200,
    );
    const fresh = await d.login('supervisor', { fresh: true });
    const row = async (month: string) =>
      (await fresh.get(URL.replace('2026-11', month))).body.items.find(
        (r: { unit: { id: string } }) => r.unit.id === d.units.twp1,
      );
    expect(await row('2026-12')).toMatchObject({
      volume: 1,
      repeats: 1,
      overdueOpen: 2,
      overdue: 2,
      completedLate: 0,
      delegatedSettled: 0,
      proactive: 0,
    });
    // A closed month shows no live figure.
    expect(await row('2026-11')).toMatchObject({ volume: 4, repeats: 0, overdueOpen: null });
    const dec = await fresh.get('/api/assessment/centre?month=2026-12');
    expect(dec.body.current).toMatchObject({ firstDispatched: 1, meanMinutesToDispatch: 45 });
    const dept = (await fresh.get(URL.replace('township', 'department'))).body.items[0];
    expect(dept.proactive).toBeNull();
  });
});
