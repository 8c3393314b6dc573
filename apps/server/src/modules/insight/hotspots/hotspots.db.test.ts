// Hot spots and repeat requests through the API, on a generated district: a seeded
// problem cluster (one lift at one estate, five different callers) is found with
// exactly its members; the alert is raised once however often the sweep runs, with
// one message per centre dispatcher/supervisor; 立项 links the tickets; who may read
// and act. Repeats: same caller + similar text and place → flagged (on the event, the
// ticket page, the assessment's dispatch flag); different caller, different matter,
// outside the window → not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/harness.js';
import type { District, DemoLogin } from '../../../../test/factories.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const HOUR = 3_600_000;
const BASE = Date.parse('2026-11-02T01:00:00Z');

async function as(d: District, who: DemoLogin) {
  return d.login(who, { fresh: true });
}

/** Creates a ticket at `BASE + hours` as the hotline agent. */
async function ticketAt(d: District, hours: number, o: Record<string, unknown>) {
  ctx.clock.set(new Date(BASE + hours * HOUR).toISOString());
  const agent = await as(d, 'agent');
  const res = await agent.post('/api/tickets', {
    channel: 'hotline',
    type: 'help',
    categoryId: d.categories.leaf,
    address: '东湖社区',
    jurisdictionId: d.nodes.vil1,
    ...o,
  });
  if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; code: string };
}

const LIFT: Array<[string, string]> = [
  [
    '东湖社区5号楼电梯又坏了',
    '东湖社区5号楼的电梯这周故障了三次,昨天还困了人,请督促维保单位尽快修好电梯。',
  ],
  ['5号楼电梯频繁故障', '东湖社区5号楼电梯三天两头停运,物业说在等配件,希望尽快修好电梯。'],
  [
    '东湖社区5号楼电梯困人',
    '今天早上东湖社区5号楼电梯困人半小时,电梯故障频繁,请督促维保单位检修。',
  ],
  ['电梯故障一直没人修', '东湖社区5号楼电梯停了一周没人修,家里有老人下不了楼,电梯什么时候能修好。'],
  [
    '东湖社区5号楼电梯安全隐患',
    '东湖社区5号楼电梯经常突然停住,电梯故障存在安全隐患,希望全面检修电梯。',
  ],
];

async function seedCluster(d: District) {
  const lift: string[] = [];
  for (const [i, [title, description]] of LIFT.entries())
    lift.push(
      (
        await ticketAt(d, i * 30, {
          title,
          description,
          address: '东湖社区5号楼',
          requester: { name: `居民${i}`, phone: `1390000100${i}` },
        })
      ).id,
    );
  const noise = [
    await ticketAt(d, 10, {
      title: '柳园社区路灯不亮',
      description: '柳园社区2号楼前的路灯坏了一周,晚上出行不便,请尽快维修。',
      address: '柳园社区2号楼',
      jurisdictionId: d.nodes.vil2,
      requester: { phone: '13900002001' },
    }),
    await ticketAt(d, 20, {
      title: '东湖社区井盖缺失',
      description: '东湖社区北门外人行道上井盖缺失,容易绊倒行人,请尽快补上。',
      address: '东湖社区北门',
      requester: { phone: '13900002002' },
    }),
    await ticketAt(d, 40, {
      title: '石门村3号楼电梯故障',
      description: '石门村安置房3号楼电梯坏了好几天,老人上下楼困难,请维修。',
      address: '石门村安置房3号楼',
      jurisdictionId: d.nodes.vil3,
      requester: { phone: '13900002003' },
    }),
    await ticketAt(d, 50, {
      title: '西山镇集市噪音扰民',
      description: '石门村集市早上五点就开始用喇叭叫卖,噪音很大,影响休息。',
      address: '石门村集市',
      jurisdictionId: d.nodes.vil3,
      requester: { phone: '13900002004' },
    }),
  ].map((t) => t.id);
  ctx.clock.set(new Date(BASE + 150 * HOUR).toISOString());
  return { lift, noise };
}

describe('hot spots', () => {
  it('finds the seeded problem cluster with exactly its members, ranked first', async () => {
    const d = await ctx.newDistrict();
    const { lift, noise } = await seedCluster(d);
    const dispatcher = await as(d, 'dispatcher');
    const r = await dispatcher.get('/api/insight/hotspots');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const [first, ...rest] = r.body.items;
    expect(first.tickets.map((t: { id: string }) => t.id).sort()).toEqual([...lift].sort());
    expect(first).toMatchObject({
      rank: 1,
      messages: 5,
      requesters: 5,
      overThreshold: true,
      jurisdiction: { id: d.nodes.vil1, name: '东湖社区' },
    });
    expect(first.place).toContain('东湖社区');
    for (const g of rest)
      for (const t of g.tickets) expect([...lift, ...noise].slice(0, 5)).not.toContain(t.id);
    expect(r.body.canStartProject).toBe(true);
    expect(r.body.scanned).toBe(9);
    // No requester identity anywhere.
    expect(JSON.stringify(r.body)).not.toMatch(/1390000/);
    // Bounded windows: more than 90 days is refused with a stable code.
    const wide = await dispatcher.get('/api/insight/hotspots?from=2026-01-01&to=2026-11-02');
    expect(wide.status).toBe(400);
    expect(wide.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('raises one alert per group however often the sweep runs, with one outbox row per desk member', async () => {
    const d = await ctx.newDistrict();
    const { lift } = await seedCluster(d);
    const dispatcher = await as(d, 'dispatcher');
    const s1 = await dispatcher.post('/api/insight/hotspots/sweep');
    expect(s1.status, JSON.stringify(s1.body)).toBe(200);
    expect(s1.body).toMatchObject({ groups: 1, raised: 1, notified: 2 });
    const s2 = await dispatcher.post('/api/insight/hotspots/sweep');
    expect(s2.body).toMatchObject({ groups: 1, raised: 0, updated: 0, notified: 0 });
    // The page read sweeps too: still one alert.
    expect((await dispatcher.get('/api/insight/hotspots')).status).toBe(200);
    const alerts = await dispatcher.get('/api/insight/hotspots/alerts');
    expect(alerts.body.items).toHaveLength(1);
    expect([...alerts.body.items[0].ticketIds].sort()).toEqual([...lift].sort());
    const outbox = await ctx.c.db
      .selectFrom('notification_outbox')
      .select(['to_user_id', 'text'])
      .where('tenant_id', '=', d.tenantId)
      .where('source', '=', 'hotspot_alert')
      .execute();
    expect(outbox.map((o) => o.to_user_id).sort()).toEqual(
      [d.users.dispatcher, d.users.supervisor].sort(),
    );
    expect(outbox[0]!.text).toContain('热点预警');
    // Acknowledge, once.
    const id = alerts.body.items[0].id;
    const ack = await dispatcher.post(`/api/insight/hotspots/alerts/${id}/ack`);
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledgedBy).toEqual({ id: d.users.dispatcher, name: '测试dispatcher' });
    // A raised threshold (admin) means no alert for a new district's group of five.
    const admin = await as(d, 'admin');
    const cfg = await admin.put('/api/insight/hotspots/config', {
      minMessages: 6,
      minRequesters: 3,
      windowDays: 30,
    });
    expect(cfg.status).toBe(200);
    expect((await dispatcher.put('/api/insight/hotspots/config', cfg.body)).status).toBe(403);
    const s3 = await dispatcher.post('/api/insight/hotspots/sweep');
    expect(s3.body.groups).toBe(0);
  });

  it('立项 starts a project with the tickets linked, recorded on the alert; once', async () => {
    const d = await ctx.newDistrict();
    const { lift } = await seedCluster(d);
    const dispatcher = await as(d, 'dispatcher');
    const r = await dispatcher.post('/api/insight/hotspots/project', {
      ticketIds: lift,
      title: '东湖社区5号楼电梯故障专项治理',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ linked: 5, failed: 0 });
    expect(r.body.alert.project).toEqual({
      id: r.body.started.id,
      name: '东湖社区5号楼电梯故障专项治理',
    });
    const linked = await ctx.c.db
      .selectFrom('project_tickets')
      .select('ticket_id')
      .where('project_id', '=', r.body.started.id)
      .execute();
    expect(linked.map((x) => x.ticket_id).sort()).toEqual([...lift].sort());
    const project = await dispatcher.get(`/api/projects/${r.body.started.id}`);
    expect(project.body.problem).toContain('热点发现');
    // The page shows it as started; a second 立项 is refused.
    const page = await dispatcher.get('/api/insight/hotspots');
    expect(page.body.items[0].projects).toEqual([
      { id: r.body.started.id, name: '东湖社区5号楼电梯故障专项治理' },
    ]);
    expect(page.body.items[0].alert.project.id).toBe(r.body.started.id);
    const again = await dispatcher.post('/api/insight/hotspots/project', {
      ticketIds: lift,
      title: '再次立项',
    });
    expect(again.status).toBe(409);
  });

  it('permissions: the centre reads all, a township its area, others nothing; acting is scoped', async () => {
    const d = await ctx.newDistrict();
    const { lift, noise } = await seedCluster(d);
    for (const who of ['village', 'dept', 'grid'] as const)
      expect((await (await as(d, who)).get('/api/insight/hotspots')).status, who).toBe(403);
    expect((await (await as(d, 'supervisor')).get('/api/insight/hotspots')).status).toBe(200);
    const street = await as(d, 'street');
    const mine = await street.get('/api/insight/hotspots');
    expect(mine.status).toBe(200);
    expect(mine.body.scanned).toBe(7); // twp1's villages only: not 石门村's two
    expect(mine.body.canStartProject).toBe(false);
    expect((await street.get(`/api/insight/hotspots?jurisdictionId=${d.nodes.vil3}`)).status).toBe(
      403,
    );
    expect(
      (await street.post('/api/insight/hotspots/project', { ticketIds: lift, title: '越权立项' }))
        .status,
    ).toBe(403);
    // Tickets outside the township's area are not found for it.
    const outside = await street.post('/api/insight/hotspots/broadcast', {
      ticketIds: [noise[2], noise[3]],
      title: '越界排查',
    });
    expect(outside.status).toBe(404);
    // 主动排查 keeps the broadcasts' rule: the centre's dispatcher is not a sender.
    const dispatcher = await as(d, 'dispatcher');
    const sweep = await dispatcher.post('/api/insight/hotspots/broadcast', {
      ticketIds: lift,
      title: '电梯隐患排查',
    });
    expect(sweep.status).toBe(403);
    expect((await street.post('/api/insight/hotspots/sweep')).status).toBe(403);
  });
});

describe('repeat requests', () => {
  const lamp = {
    title: '3号楼前路灯不亮',
    description: '东湖社区3号楼前的路灯已经坏了一周,晚上出行不便,请尽快维修。',
    address: '东湖社区3号楼',
  };
  const again = {
    title: '路灯还是不亮',
    description: '上周反映过东湖社区3号楼前路灯不亮,到现在还没修,晚上很黑。',
    address: '东湖社区3号楼',
  };

  it('flags the same caller on a similar matter and place; not another caller, matter or window', async () => {
    const d = await ctx.newDistrict();
    const first = await ticketAt(d, 0, { ...lamp, requester: { phone: '13700003000' } });
    const other = await ticketAt(d, 10, { ...again, requester: { phone: '13700003999' } });
    const noise = await ticketAt(d, 20, {
      title: '楼下饭店油烟扰民',
      description: '东湖社区3号楼底商饭店油烟直排,窗户都不敢开,请查处。',
      address: '东湖社区3号楼',
      requester: { phone: '13700003000' },
    });
    // Before submitting: the desk sees the earlier request of this caller.
    const agent = await as(d, 'agent');
    const check = await agent.get(
      `/api/intake/repeat-check?phone=13700003000&title=${encodeURIComponent(again.title)}&description=${encodeURIComponent(again.description)}&jurisdictionId=${d.nodes.vil1}`,
    );
    expect(check.status, JSON.stringify(check.body)).toBe(200);
    expect(check.body.match).toMatchObject({
      ticket: { id: first.id, code: first.code },
      daysAgo: 0,
    });
    expect(
      (await agent.get('/api/intake/repeat-check?phone=13700003999&title=x')).body.match,
    ).toBeNull();
    // A different category on purpose: the same-leaf rule alone would not count it.
    const repeat = await ticketAt(d, 72, {
      ...again,
      categoryId: d.categories.other,
      requester: { phone: '13700003000' },
    });
    const late = await ticketAt(d, 24 * 40, { ...again, requester: { phone: '13700003000' } });

    const rows = await ctx.c.db
      .selectFrom('ticket_repeats')
      .select(['ticket_id', 'repeat_of'])
      .where('tenant_id', '=', d.tenantId)
      .execute();
    expect(rows).toEqual([{ ticket_id: repeat.id, repeat_of: first.id }]);
    for (const t of [other, noise, late]) expect(rows.map((r) => r.ticket_id)).not.toContain(t.id);

    const created = await ctx.c.db
      .selectFrom('ticket_events')
      .select('payload')
      .where('ticket_id', '=', repeat.id)
      .where('action', '=', 'create')
      .executeTakeFirstOrThrow();
    expect((created.payload as { repeatOf?: unknown }).repeatOf).toEqual({
      id: first.id,
      code: first.code,
    });
    const dispatcher = await as(d, 'dispatcher');
    const page = await dispatcher.get(`/api/tickets/${repeat.id}/repeats`);
    expect(page.body.repeatOf).toMatchObject({ ticket: { id: first.id }, daysAgo: 3 });
    expect((await dispatcher.get(`/api/tickets/${first.id}/repeats`)).body.repeatedBy).toEqual([
      expect.objectContaining({ id: repeat.id }),
    ]);

    // Counted: the dispatch event says repeat (a superset of the same-leaf rule).
    const sent = await dispatcher.act(repeat.id, 'dispatch', { leadUnitId: d.units.vil1 });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const ev = await ctx.c.db
      .selectFrom('ticket_events')
      .select('payload')
      .where('ticket_id', '=', repeat.id)
      .where('action', '=', 'dispatch')
      .executeTakeFirstOrThrow();
    expect((ev.payload as { repeat?: boolean }).repeat).toBe(true);
    const sentOther = await dispatcher.act(other.id, 'dispatch', { leadUnitId: d.units.vil1 });
    const ev2 = await ctx.c.db
      .selectFrom('ticket_events')
      .select('payload')
      .where('ticket_id', '=', sentOther.body.id)
      .where('action', '=', 'dispatch')
      .executeTakeFirstOrThrow();
    expect((ev2.payload as { repeat?: boolean }).repeat).toBeUndefined();
  });
});
