// Smart dispatch through the API: a generated (demo) district's closed tickets train both
// models, a clearly worded request gets the right category first and a unit list; what the
// agent and dispatcher then chose is recorded once per ticket and the live accuracy is
// computed exactly on a hand-made case; departments may not train; a district without a
// model gets an empty list with the reason, not an error; the scheduled tick never throws
// and retrains only what is due.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestContext, type TestContext } from '../../../../test/harness.js';
import type { District } from '../../../../test/factories.js';
import { newId } from '../../../shared/ids.js';
import { prng } from '../classifier/linear.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ start: '2026-11-21T02:00:00Z' });
});
afterAll(() => ctx.close());

/** Phrases per category of the test district: requests are put together from them. */
const PHRASES = {
  leaf: {
    title: ['路灯不亮', '路灯坏了', '路灯不亮影响出行', '小区路灯损坏'],
    body: [
      '路灯已经坏了好几天',
      '晚上一片漆黑',
      '灯杆上的灯泡不亮',
      '夜里出行不安全',
      '路灯时亮时灭',
    ],
  },
  other: {
    title: ['井盖缺失', '井盖破损', '路面井盖丢失', '窨井盖松动'],
    body: [
      '井盖不见了',
      '下水井口敞开',
      '井盖碎裂有人踩空',
      '车辆压过井盖响声很大',
      '雨水井盖被偷',
    ],
  },
  heating: {
    title: ['暖气不热', '供暖温度低', '家里暖气不热', '供暖不达标'],
    body: [
      '室内温度只有十几度',
      '暖气片冰凉',
      '老人孩子冻得受不了',
      '供热公司一直没人来',
      '暖气上热下凉',
    ],
  },
} as const;
const PLACES = ['东湖社区3号楼', '柳园社区南门', '石门村村口', '东城街道幸福路', '西山镇中学旁'];

/**
 * A generated district: `perCategory` closed tickets of each category with their dispatch
 * events — 路灯 to the village, 井盖 to the city-management department, 供暖 to the water
 * authority; some 井盖 tickets were first sent to the village and moved by an upheld objection.
 */
async function closedTickets(d: District, perCategory: number) {
  const rand = prng(7);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)]!;
  const lead = { leaf: d.units.vil1, other: d.units.dept, heating: d.units.dept2 };
  const tickets = [];
  const events = [];
  const at = new Date('2026-10-01T02:00:00Z');
  let n = 0;
  for (const key of ['leaf', 'other', 'heating'] as const) {
    for (let i = 0; i < perCategory; i++) {
      const p = PHRASES[key];
      const id = newId();
      const place = pick(PLACES);
      const title = pick(p.title);
      const description = `${place}${pick(p.body)},${pick(p.body)},请尽快处理。`;
      tickets.push({
        id,
        tenant_id: d.tenantId,
        code: `G-${key}-${i}`,
        upstream_id: null,
        channel: 'hotline' as const,
        type: 'help' as const,
        category_id: d.categories[key],
        title,
        description,
        address: place,
        jurisdiction_id: d.nodes.vil1,
        lng: null,
        lat: null,
        requester_name: null,
        requester_phone: null,
        anonymous: false,
        confidential: false,
        urgency: 'normal' as const,
        colour: null,
        subject_unit_id: null,
        lead_unit_id: lead[key],
        holder_unit_id: lead[key],
        state: 'closed' as const,
        outcome: 'solved' as const,
        received_at: at,
        dispatched_at: at,
        closed_at: new Date(at.getTime() + ++n * 60_000),
        reopen_count: 0,
        created_by: null,
        version: 3,
        updated_at: at,
      });
      const moved = key === 'other' && i % 5 === 0;
      const event = (seq: number, action: string, payload: Record<string, unknown>) => ({
        tenant_id: d.tenantId,
        ticket_id: id,
        seq,
        action,
        from_state: 'received' as const,
        to_state: 'dispatched' as const,
        actor_kind: 'staff' as const,
        actor_user_id: d.users.dispatcher,
        actor_unit_id: d.units.centre,
        at,
        reason: null,
        visibility: 'internal' as const,
        payload: JSON.stringify(payload),
      });
      events.push(event(1, 'dispatch', { leadUnitId: moved ? d.units.vil1 : lead[key] }));
      if (moved)
        events.push(event(2, 'review_objection', { verdict: 'upheld', newLeadUnitId: lead[key] }));
    }
  }
  await ctx.c.db.insertInto('tickets').values(tickets).execute();
  await ctx.c.db.insertInto('ticket_events').values(events).execute();
}

describe('training from a generated district', () => {
  it('trains both models from the closed tickets and suggests the right category first', async () => {
    const d = await ctx.newDistrict();
    await closedTickets(d, 90);
    const dispatcher = await d.login('dispatcher');
    const before = await dispatcher.get('/api/insight/dispatch');
    expect(before.status).toBe(200);
    expect(before.body.models).toEqual([]);
    expect(before.body.available).toEqual({ category: 270, unit: 270 });
    expect(before.body.config).toEqual({ retrainDays: 7, minSamples: 200 });

    const admin = await d.login('admin');
    expect(
      (await admin.put('/api/insight/dispatch/config', { retrainDays: 7, minSamples: 100 })).status,
    ).toBe(200);
    const r = await dispatcher.post('/api/insight/dispatch/train', {});
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(
      r.body.results.map((x: { target: string; status: string }) => [x.target, x.status]),
    ).toEqual([
      ['category', 'trained'],
      ['unit', 'trained'],
    ]);
    const cat = r.body.results[0].model;
    expect(cat).toMatchObject({ target: 'category', version: 1, active: true, labels: 3 });
    expect(cat.samples + cat.holdout).toBe(270);
    expect(cat.holdout).toBeGreaterThan(20);
    expect(cat.macroF1).toBeGreaterThan(0.9);
    expect(cat.top3Accuracy).toBe(1);
    expect(cat.bytes).toBeLessThan(200_000);
    expect(cat.trainedBy).toBe('测试dispatcher');

    const agent = await d.login('agent');
    const s = await agent.post('/api/insight/suggest', {
      title: '路灯坏了',
      description: '我家楼下的路灯不亮已经一个星期了,晚上一片漆黑,请派人修一下路灯。',
      targets: ['category', 'unit'],
    });
    expect(s.status, JSON.stringify(s.body)).toBe(200);
    const [category, unit] = s.body.sets;
    expect(category.reason).toBeNull();
    expect(category.modelVersion).toBe(1);
    expect(category.items.map((i: { id: string }) => i.id)).toEqual([
      d.categories.leaf,
      expect.any(String),
      expect.any(String),
    ]);
    expect(category.items[0].name).toBe('路灯损坏');
    expect(category.items[0].score).toBeGreaterThan(0.5);
    expect(category.items[0].score).toBeGreaterThan(category.items[1].score);
    expect(unit.items[0].id).toBe(d.units.vil1);
    // 井盖: the unit learned is where the objection moved it, the department.
    const s3 = await agent.post('/api/insight/suggest', {
      description: '小区门口的井盖丢了,下水井口敞开,很危险',
      targets: ['unit'],
    });
    expect(s3.body.sets[0].items[0]).toMatchObject({ id: d.units.dept, name: '区城市管理委员会' });
    // Too little text.
    const short = await agent.post('/api/insight/suggest', { description: '路灯' });
    expect(short.body.sets[0]).toMatchObject({ items: [], reason: 'too_short', modelVersion: 1 });

    // Retraining makes version 2 the active one; the figures list both.
    const again = await dispatcher.post('/api/insight/dispatch/train', { targets: ['category'] });
    expect(again.body.results[0].model.version).toBe(2);
    const after = await dispatcher.get('/api/insight/dispatch');
    expect(
      after.body.models.map((m: { target: string; version: number; active: boolean }) => [
        m.target,
        m.version,
        m.active,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['category', 2, true],
        ['category', 1, false],
        ['unit', 1, true],
      ]),
    );
    const s2 = await agent.post('/api/insight/suggest', { description: '路灯坏了晚上很黑' });
    expect(s2.body.sets[0].modelVersion).toBe(2);

    // The scheduled tick finds nothing due in this district now; a week later it retrains.
    // (On the PostgreSQL server other test files' districts share the database, and the tick
    // serves them too: look at this district's models, not at the tick's totals.)
    const activeVersions = async () =>
      (
        await (await d.login('dispatcher', { fresh: true })).get('/api/insight/dispatch')
      ).body.models
        .filter((m: { active: boolean }) => m.active)
        .map((m: { target: string; version: number }) => `${m.target}:${m.version}`)
        .sort();
    expect(await activeVersions()).toEqual(['category:2', 'unit:1']);
    await ctx.c.smartDispatch.retrainDue();
    expect(await activeVersions()).toEqual(['category:2', 'unit:1']);
    ctx.clock.set('2026-11-29T02:00:00Z');
    expect((await ctx.c.smartDispatch.retrainDue()).trained).toBeGreaterThanOrEqual(2);
    const later = await (await d.login('dispatcher', { fresh: true })).get('/api/insight/dispatch');
    const active = later.body.models.filter((m: { active: boolean }) => m.active);
    expect(active.map((m: { version: number }) => m.version).sort()).toEqual([2, 3]);
    expect(later.body.training).toBe(false);
    ctx.clock.set('2026-11-21T02:00:00Z');
  }, 120_000);
});

describe('without a model, and permissions', () => {
  let d: District;
  beforeAll(async () => {
    d = await ctx.newDistrict();
  });

  it('answers an empty list with the reason, not an error', async () => {
    const agent = await d.login('agent');
    const r = await agent.post('/api/insight/suggest', {
      title: '路灯不亮',
      description: '东湖社区路灯坏了',
      targets: ['category', 'unit'],
    });
    expect(r.status).toBe(200);
    expect(r.body.sets).toEqual([
      { target: 'category', modelVersion: null, items: [], reason: 'no_model' },
      { target: 'unit', modelVersion: null, items: [], reason: 'no_model' },
    ]);
    // Too few closed tickets: training reports it, stores nothing.
    const dispatcher = await d.login('dispatcher');
    const t = await dispatcher.post('/api/insight/dispatch/train', {});
    expect(t.status).toBe(200);
    expect(t.body.results.map((x: { status: string }) => x.status)).toEqual([
      'too_few_samples',
      'too_few_samples',
    ]);
    expect((await dispatcher.get('/api/insight/dispatch')).body.models).toEqual([]);
  });

  it('lets the centre and administrators train; departments and governments get 403', async () => {
    for (const who of ['dept', 'village', 'street', 'agent'] as const) {
      const c = await d.login(who);
      const r = await c.post('/api/insight/dispatch/train', {});
      expect(r.status, who).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
      expect((await c.get('/api/insight/dispatch')).status, who).toBe(403);
      expect((await c.get('/api/insight/dispatch/accuracy')).status, who).toBe(403);
    }
    for (const who of ['dept', 'village', 'grid'] as const) {
      const c = await d.login(who);
      expect((await c.post('/api/insight/suggest', { description: '路灯坏了' })).status, who).toBe(
        403,
      );
    }
    for (const who of ['admin', 'dispatcher', 'supervisor'] as const) {
      const c = await d.login(who);
      expect((await c.get('/api/insight/dispatch')).status, who).toBe(200);
    }
    const dispatcher = await d.login('dispatcher');
    expect(
      (await dispatcher.put('/api/insight/dispatch/config', { retrainDays: 3, minSamples: 50 }))
        .status,
    ).toBe(403);
    const bad = await (
      await d.login('admin')
    ).put('/api/insight/dispatch/config', {
      retrainDays: 0,
      minSamples: 50,
    });
    expect(bad.status).toBe(400);
    const bad2 = await dispatcher.post('/api/insight/dispatch/train', { targets: ['nothing'] });
    expect(bad2.status).toBe(400);
  });
});

describe('taken or not, and the live accuracy', () => {
  it('records the rank of what was chosen and computes the figures exactly', async () => {
    const d = await ctx.newDistrict({});
    ctx.clock.set('2026-11-02T01:00:00Z'); // Monday
    const agent = await d.login('agent', { fresh: true });
    const { leaf, other, heating } = d.categories;
    const t1 = await d.newTicket({ categoryId: leaf });
    const t2 = await d.newTicket({ categoryId: leaf });
    const t3 = await d.newTicket({ categoryId: leaf });
    const out = (ticketId: string, ids: string[], target = 'category') =>
      agent.post('/api/insight/suggestions/outcome', {
        ticketId,
        target,
        modelVersion: 1,
        shown: ids.map((id, i) => ({ id, score: 0.6 - i * 0.2 })),
      });
    const o1 = await out(t1.id, [leaf, other, heating]);
    expect(o1.status, JSON.stringify(o1.body)).toBe(200);
    expect(o1.body).toMatchObject({ taken: true, rank: 1, chosenId: leaf });
    expect((await out(t2.id, [leaf])).body).toMatchObject({ taken: true, rank: 1 });
    expect((await out(t3.id, [other, heating])).body).toMatchObject({ taken: false, rank: null });
    // Once per ticket and target: a second report changes nothing.
    const dup = await out(t3.id, [leaf]);
    expect(dup.body).toMatchObject({ id: (await out(t3.id, [other])).body.id, rank: null });

    // The unit: dispatched to 东湖社区, shown second.
    const dispatcher = await d.login('dispatcher', { fresh: true });
    expect((await dispatcher.act(t1.id, 'dispatch', { leadUnitId: d.units.vil1 })).status).toBe(
      200,
    );
    const u = await out(t1.id, [d.units.vil2, d.units.vil1], 'unit');
    expect(u.body).toMatchObject({ taken: true, rank: 2, chosenId: d.units.vil1 });
    // Not dispatched yet: no unit was chosen.
    const notYet = await out(t2.id, [d.units.vil1], 'unit');
    expect(notYet.status).toBe(400);
    // Unknown ticket.
    expect((await out('00000000-0000-4000-8000-000000000000', [leaf])).status).toBe(404);
    // A department cannot report outcomes.
    const dept = await d.login('dept');
    expect(
      (
        await dept.post('/api/insight/suggestions/outcome', {
          ticketId: t1.id,
          target: 'category',
          modelVersion: 1,
          shown: [{ id: leaf, score: 0.5 }],
        })
      ).status,
    ).toBe(403);

    ctx.clock.set('2026-11-05T01:00:00Z');
    const a = await (
      await d.login('dispatcher', { fresh: true })
    ).get('/api/insight/dispatch/accuracy?weeks=2');
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body.totals).toEqual([
      { target: 'category', shown: 3, top1: 2, top3: 2, top1Rate: 2 / 3, top3Rate: 2 / 3 },
      { target: 'unit', shown: 1, top1: 0, top3: 1, top1Rate: 0, top3Rate: 1 },
    ]);
    expect(Math.round(a.body.totals[0].top1Rate * 1000) / 10).toBe(66.7);
    expect(a.body.weeks).toEqual([
      {
        week: '2026-11-02',
        target: 'category',
        shown: 3,
        top1: 2,
        top3: 2,
        top1Rate: 2 / 3,
        top3Rate: 2 / 3,
      },
      { week: '2026-11-02', target: 'unit', shown: 1, top1: 0, top3: 1, top1Rate: 0, top3Rate: 1 },
    ]);
    expect(a.body.misses).toEqual(
      expect.arrayContaining([
        {
          target: 'category',
          suggested: { id: other, name: '井盖缺失' },
          chosen: { id: leaf, name: '路灯损坏' },
          count: 1,
        },
        {
          target: 'unit',
          suggested: { id: d.units.vil2, name: '柳园社区居委会' },
          chosen: { id: d.units.vil1, name: '东湖社区居委会' },
          count: 1,
        },
      ]),
    );
    expect(a.body.misses).toHaveLength(2);

    // The same figures in Excel.
    const x = await ctx.app.inject({
      method: 'GET',
      url: '/api/insight/dispatch/accuracy.xlsx?weeks=2',
      headers: { cookie: (await loginCookie(d)).cookie },
    });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const rows = wb.getWorksheet('按周')!.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => r.slice(1))).toEqual([
      ['2026-11-02', '诉求分类', 3, 2, 2, '66.7%', '66.7%'],
      ['2026-11-02', '主办单位', 1, 0, 1, '0.0%', '100.0%'],
    ]);
    ctx.clock.set('2026-11-21T02:00:00Z');
  });
});

async function loginCookie(d: District) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: `${d.tenantId}-dispatcher`, password: 'test-password' },
  });
  const cookie = res.cookies.find((k) => k.name === 'jiesu_session')!;
  return { cookie: `jiesu_session=${cookie.value}` };
}
