// Grid duties through the API: a grid worker patrols, visits and reports on their own
// grid only; a report becomes a ticket with channel grid_patrol in the worker's grid
// (and so its village and township), or is closed on the spot with evidence; the
// village reads its grids, a neighbouring village's and a department's staff get 403;
// overdue patrols and visits follow the injected clock and the district's rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { extraLogin } from '../../../test/extra-users.js';
import type { District } from '../../../test/factories.js';
import { newId } from '../../shared/ids.js';

let ctx: TestContext;
beforeAll(async () => {
  // 2026-11-02 09:00 in Beijing (a Monday).
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function household(d: District, address: string, kinds: string[]) {
  const db = ctx.c.db;
  const now = ctx.clock.now();
  for (const [code, key] of [
    ['elderly_alone', true],
    ['disabled', true],
    ['registered', false],
  ] as const)
    await db
      .insertInto('resident_kinds')
      .values({ tenant_id: d.tenantId, code, label: code, key_population: key })
      .onConflict((oc) => oc.doNothing())
      .execute();
  const id = newId();
  await db
    .insertInto('households')
    .values({
      id,
      tenant_id: d.tenantId,
      grid_id: d.nodes.grid1,
      address,
      note: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('residents')
    .values({
      id: newId(),
      tenant_id: d.tenantId,
      household_id: id,
      name: '住户',
      gender: null,
      birth_date: null,
      relation: null,
      phone: null,
      id_number_cipher: null,
      id_number_hash: null,
      id_number_masked: null,
      kinds,
      care_needs: null,
      note: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

describe('duties', () => {
  it('a worker patrols their grid: start, points, end; a second open patrol is refused', async () => {
    const d = await ctx.newDistrict();
    const grid = await d.login('grid');
    const s = await grid.post('/api/duties/patrols', { point: { lng: 116.4, lat: 39.9 } });
    expect(s.status).toBe(201);
    expect(s.body.grid.id).toBe(d.nodes.grid1);
    expect(s.body.points).toHaveLength(1);
    expect((await grid.post('/api/duties/patrols', {})).status).toBe(409);
    const p = await grid.post(`/api/duties/patrols/${s.body.id}/points`, {
      points: [{ lng: 116.41, lat: 39.91 }],
    });
    expect(p.status).toBe(200);
    expect(p.body.points).toHaveLength(2);
    const e = await grid.post(`/api/duties/patrols/${s.body.id}/end`, { note: '巡查正常' });
    expect(e.status).toBe(200);
    expect(e.body.endedAt).not.toBeNull();
    expect(e.body.note).toBe('巡查正常');
    const today = await grid.get('/api/duties/today');
    expect(today.status).toBe(200);
    expect(today.body.patrol).toMatchObject({ due: 1, done: 1, open: null });

    // Another grid's id: 403; a village reads the patrols of its grids; others 403.
    expect((await grid.post('/api/duties/patrols', { gridId: d.nodes.vil2 })).status).toBe(403);
    const village = await d.login('village');
    expect((await village.get('/api/duties/patrols')).body.total).toBe(1);
    expect((await village.post('/api/duties/patrols', {})).status).toBe(403);
    const other = await extraLogin(ctx, d, 'vil2', 'handler');
    expect((await other.get('/api/duties/patrols')).body.total).toBe(0);
    const dept = await d.login('dept');
    expect((await dept.get('/api/duties/patrols')).status).toBe(403);
    expect((await dept.get('/api/duties/overdue')).status).toBe(403);
    expect((await (await d.login('dispatcher')).get('/api/duties/today')).status).toBe(403);
  });

  it('visits: only households of the own grid; a done visit leaves the due list', async () => {
    const d = await ctx.newDistrict();
    const h = await household(d, '东湖小区1号楼101', ['elderly_alone']);
    await household(d, '东湖小区1号楼102', ['registered']);
    const grid = await d.login('grid');
    let today = await grid.get('/api/duties/today');
    expect(today.body.visitsDue).toHaveLength(1);
    expect(today.body.visitsDue[0]).toMatchObject({ required: 2, done: 0 });
    const v = await grid.post('/api/duties/visits', { householdId: h, done: true, note: '身体好' });
    expect(v.status).toBe(201);
    expect(v.body.doneAt).not.toBeNull();
    today = await grid.get('/api/duties/today');
    expect(today.body.visitsDue[0]).toMatchObject({ required: 2, done: 1 });
    expect(today.body.visitsDoneThisMonth).toBe(1);
    const planned = await grid.post('/api/duties/visits', {
      householdId: h,
      plannedFor: '2026-11-05',
    });
    expect(planned.body.doneAt).toBeNull();
    const done = await grid.post(`/api/duties/visits/${planned.body.id}/done`, {});
    expect(done.status).toBe(200);
    expect((await grid.post(`/api/duties/visits/${planned.body.id}/done`, {})).status).toBe(409);
    today = await grid.get('/api/duties/today');
    expect(today.body.visitsDue).toHaveLength(0);
    // The village's handler may not record a visit.
    const village = await d.login('village');
    expect((await village.post('/api/duties/visits', { householdId: h, done: true })).status).toBe(
      403,
    );
  });

  it('a 四必报 report becomes a ticket with channel grid_patrol in the worker grid', async () => {
    const d = await ctx.newDistrict();
    const grid = await d.login('grid');
    const noCat = await grid.post('/api/duties/reports', {
      kind: 'safety_hazard',
      description: '小区东门消防通道被杂物堵塞',
      outcome: 'ticket',
    });
    expect(noCat.status).toBe(400);
    const r = await grid.post('/api/duties/reports', {
      kind: 'safety_hazard',
      description: '小区东门消防通道被杂物堵塞',
      address: '东湖小区东门',
      outcome: 'ticket',
      categoryId: d.categories.leaf,
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      kind: 'safety_hazard',
      group: 'must_report',
      outcome: 'ticket',
    });
    expect(r.body.ticket.code).toMatch(/^\d{8}-\d{6}$/);
    const t = await ctx.c.db
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', r.body.ticket.id)
      .executeTakeFirstOrThrow();
    expect(t.channel).toBe('grid_patrol');
    expect(t.jurisdiction_id).toBe(d.nodes.grid1);
    const ev = await ctx.c.db
      .selectFrom('ticket_events')
      .select(['actor_unit_id', 'actor_user_id'])
      .where('ticket_id', '=', t.id)
      .executeTakeFirstOrThrow();
    expect(ev).toEqual({ actor_unit_id: d.units.grid1, actor_user_id: d.users.grid });
    // The dispatcher finds it in the inbox, by channel.
    const list = await (await d.login('dispatcher')).get('/api/tickets?channel=grid_patrol');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(t.id);
  });

  it('三必到 needs the arrival time; closed on the spot needs evidence; counts per kind', async () => {
    const d = await ctx.newDistrict();
    const grid = await d.login('grid');
    const base = {
      kind: 'neighbour_dispute',
      description: '楼上楼下因漏水发生争执',
      outcome: 'closed_on_spot',
    };
    expect((await grid.post('/api/duties/reports', { ...base, evidence: '已调解' })).status).toBe(
      400,
    );
    expect(
      (await grid.post('/api/duties/reports', { ...base, arrivedAt: '2026-11-02T00:50:00Z' }))
        .status,
    ).toBe(400);
    const ok = await grid.post('/api/duties/reports', {
      ...base,
      arrivedAt: '2026-11-02T00:50:00Z',
      evidence: '到场调解,双方达成一致,楼上已修好水管',
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      group: 'must_attend',
      outcome: 'closed_on_spot',
      ticket: null,
    });
    expect(
      await ctx.c.db
        .selectFrom('tickets')
        .select('id')
        .where('tenant_id', '=', d.tenantId)
        .execute(),
    ).toHaveLength(0);
    const counts = await (await d.login('village')).get('/api/duties/report-counts?by=worker');
    expect(counts.status).toBe(200);
    expect(counts.body.totals).toMatchObject({ total: 1, closedOnSpot: 1, ticket: 0 });
    expect(counts.body.items[0].byKind).toEqual({ neighbour_dispute: 1 });
    expect(counts.body.items[0].worker.id).toBe(d.users.grid);
  });

  it('overdue follows the clock and the rules; admin edits the rules', async () => {
    const d = await ctx.newDistrict();
    await household(d, '东湖小区2号楼201', ['disabled']);
    const grid = await d.login('grid');
    // Patrol on Nov 2 only, then move to Nov 5 09:00: Nov 3 and 4 are missed.
    const s = await grid.post('/api/duties/patrols', {});
    await grid.post(`/api/duties/patrols/${s.body.id}/end`, {});
    ctx.clock.set('2026-11-05T01:00:00Z');
    try {
      const village = await d.login('village', { fresh: true });
      const o = await village.get('/api/duties/overdue?month=2026-11');
      expect(o.status).toBe(200);
      expect(o.body).toMatchObject({ month: '2026-11', asOf: '2026-11-04', monthComplete: false });
      expect(o.body.items[0]).toMatchObject({
        patrolsDue: 4,
        patrolsDone: 1,
        patrolDaysMissed: 3, // Nov 1, 3, 4
        keyHouseholds: 1,
        keyBelowRule: 1,
        overdue: true,
      });
      expect(o.body.items[0].workers.map((w: { id: string }) => w.id)).toContain(d.users.grid);
      const byWorker = await village.get('/api/duties/overdue?month=2026-11&by=worker');
      expect(byWorker.body.items[0].workers[0].id).toBe(d.users.grid);
      const x = await village.get('/api/duties/overdue/export.xlsx?month=2026-11');
      expect(x.status).toBe(200);
      expect(x.headers['content-type']).toContain('spreadsheetml');

      // The rules: only the admin edits; no patrol rule → nothing missed.
      expect(
        (
          await village.put('/api/duties/rules', {
            patrolsPerDay: 0,
            keyVisitsPerMonth: 2,
            fiveVisitKinds: [],
            fiveVisitsPerMonth: 1,
          })
        ).status,
      ).toBe(403);
      const admin = await d.login('admin', { fresh: true });
      expect(
        (
          await admin.put('/api/duties/rules', {
            patrolsPerDay: 0,
            keyVisitsPerMonth: 2,
            fiveVisitKinds: ['nope'],
            fiveVisitsPerMonth: 1,
          })
        ).status,
      ).toBe(400);
      const put = await admin.put('/api/duties/rules', {
        patrolsPerDay: 0,
        keyVisitsPerMonth: 0,
        fiveVisitKinds: ['disabled'],
        fiveVisitsPerMonth: 1,
      });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({
        patrolsPerDay: 0,
        fiveVisitKinds: ['disabled'],
        canEdit: true,
      });
      const o2 = await village.get('/api/duties/overdue?month=2026-11');
      expect(o2.body.items[0]).toMatchObject({
        patrolDaysMissed: 0,
        keyHouseholds: 0,
        fiveHouseholds: 1,
        fiveBelowRule: 1,
        overdue: false, // the month is not over
      });
      // Once the month is over, the visit shortfall is overdue.
      ctx.clock.set('2026-12-01T01:00:00Z');
      const v2 = await d.login('village', { fresh: true });
      const o3 = await v2.get('/api/duties/overdue?month=2026-11&onlyOverdue=true');
      expect(o3.body.monthComplete).toBe(true);
      expect(o3.body.items).toHaveLength(1);
    } finally {
      ctx.clock.set('2026-11-02T01:00:00Z');
    }
  });
});
