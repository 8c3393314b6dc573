// 网格员考核 over a month with the clock set (2026-11-02, so October is complete):
// patrols done vs due (extra patrols on one day do not count twice), visits owed
// by the duty rules vs done, reports made (November's not counted), tickets
// passed down and sent back up on time or late, the grade factor, ranks per
// township, the scope (a village sees its own worker; a department 403), and
// formula versions (October keeps the default in force then; November the new one).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { PASSWORD, type District } from '../../../test/factories.js';
import { newId } from '../../shared/ids.js';
import { hashPassword } from '../../shared/passwords.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext(); // 2026-11-02 09:00 in Beijing
});
afterAll(() => ctx.close());

const at = (s: string) => new Date(s);

async function setup(d: District) {
  const db = ctx.c.db;
  const now = ctx.clock.now();
  await db
    .updateTable('jurisdictions')
    .set({ grade: 'A' })
    .where('id', '=', d.nodes.grid1)
    .execute();
  await db
    .insertInto('grid_members')
    .values({
      id: newId(),
      tenant_id: d.tenantId,
      jurisdiction_id: d.nodes.grid1,
      role: 'worker',
      user_id: d.users.grid,
      name: '测试grid',
      phone: '13800138001',
      since: '2026-01-01',
      until: null,
      created_at: now,
    })
    .execute();
  // A second grid (grade C) in the same township, under village 2, with its worker.
  const vil2 = await db
    .selectFrom('jurisdictions')
    .select('path')
    .where('id', '=', d.nodes.vil2)
    .executeTakeFirstOrThrow();
  const grid2 = newId();
  await db
    .insertInto('jurisdictions')
    .values({
      id: grid2,
      tenant_id: d.tenantId,
      parent_id: d.nodes.vil2,
      level: 'grid',
      code: `${d.tenantId}-g2`,
      name: '柳园社区第一网格',
      population: 300,
      path: `${vil2.path}${grid2}/`,
      grade: 'C',
    })
    .execute();
  const worker2 = newId();
  await db
    .insertInto('users')
    .values({
      id: worker2,
      tenant_id: d.tenantId,
      username: `${d.tenantId}-w2`,
      display_name: '柳园网格员',
      phone: null,
      password_hash: await hashPassword(PASSWORD, { N: 1024 }),
      created_at: now,
    })
    .execute();
  await db
    .insertInto('grid_members')
    .values({
      id: newId(),
      tenant_id: d.tenantId,
      jurisdiction_id: grid2,
      role: 'worker',
      user_id: worker2,
      name: '柳园网格员',
      phone: null,
      since: '2026-01-01',
      until: null,
      created_at: now,
    })
    .execute();

  // Patrols: one a day on Oct 1–20 (three on Oct 1: still one day), one in November.
  const patrol = (startedAt: string) => ({
    id: newId(),
    tenant_id: d.tenantId,
    grid_id: d.nodes.grid1,
    worker_user_id: d.users.grid,
    started_at: at(startedAt),
    points: '[]',
    photos: '[]',
    created_at: now,
  });
  const rows = [];
  for (let day = 1; day <= 20; day++)
    rows.push(patrol(`2026-10-${String(day).padStart(2, '0')}T01:00:00Z`));
  rows.push(patrol('2026-10-01T05:00:00Z'), patrol('2026-10-01T08:00:00Z'));
  rows.push(patrol('2026-10-31T17:00:00Z')); // Nov 1, 01:00 in Beijing: November
  await db.insertInto('patrols').values(rows).execute();

  // Two households owed a visit a month (五必访: elderly living alone); one visited.
  await sql`INSERT INTO resident_kinds (tenant_id, code, label, key_population)
            VALUES (${d.tenantId}, 'elderly_alone', '独居老人', false)
            ON CONFLICT DO NOTHING`.execute(db);
  const households = [newId(), newId()];
  for (const [i, id] of households.entries()) {
    await db
      .insertInto('households')
      .values({
        id,
        tenant_id: d.tenantId,
        grid_id: d.nodes.grid1,
        address: `东湖社区${i + 1}号楼`,
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
    await db
      .insertInto('residents')
      .values({
        id: newId(),
        tenant_id: d.tenantId,
        household_id: id,
        name: `住户${i + 1}`,
        kinds: ['elderly_alone'],
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
  }
  await db
    .insertInto('visits')
    .values({
      id: newId(),
      tenant_id: d.tenantId,
      household_id: households[0]!,
      grid_id: d.nodes.grid1,
      worker_user_id: d.users.grid,
      planned_for: null,
      done_at: at('2026-10-12T03:00:00Z'),
      note: null,
      created_at: now,
    })
    .execute();

  // Reports: two in October, one in November.
  const report = (reportedAt: string) => ({
    id: newId(),
    tenant_id: d.tenantId,
    grid_id: d.nodes.grid1,
    worker_user_id: d.users.grid,
    kind: 'safety_hazard',
    grp: 'must_report' as const,
    reported_at: at(reportedAt),
    description: '楼道堆放杂物',
    outcome: 'closed_on_spot' as const,
    evidence: '已清理',
    created_at: now,
  });
  await db
    .insertInto('patrol_reports')
    .values([
      report('2026-10-05T02:00:00Z'),
      report('2026-10-18T02:00:00Z'),
      report('2026-11-01T02:00:00Z'),
    ] as never)
    .execute();

  // Tickets passed down to the grid and sent back up: one on time, one late.
  for (const [done, due] of [
    ['2026-10-10T02:00:00Z', '2026-10-12T02:00:00Z'],
    ['2026-10-20T02:00:00Z', '2026-10-15T02:00:00Z'],
  ] as const) {
    const t = await d.newTicket();
    await db
      .updateTable('tickets')
      .set({ completion_due_at: at(due) })
      .where('id', '=', t.id)
      .execute();
    await db
      .insertInto('ticket_delegations')
      .values({
        id: newId(),
        tenant_id: d.tenantId,
        ticket_id: t.id,
        from_unit_id: d.units.vil1,
        to_unit_id: d.units.grid1,
        to_user_id: d.users.grid,
        note: null,
        at: at('2026-10-08T02:00:00Z'),
        ended_at: at(done),
        ended_how: 'sent_up',
      })
      .execute();
  }
  return { worker2 };
}

describe('grid worker assessment', () => {
  it('computes a month: figures, rates, grade factor, score and rank per township', async () => {
    const d = await ctx.newDistrict();
    const { worker2 } = await setup(d);
    const admin = await d.login('admin');
    const res = await admin.get(`/api/grid-assessment?month=2026-10&townshipId=${d.nodes.twp1}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ month: '2026-10', asOf: '2026-10-31', monthComplete: true });
    expect(res.body.formula.version).toBe(0);
    const [first, second] = res.body.items;
    expect(first).toMatchObject({
      worker: { id: d.users.grid },
      patrolsDue: 31,
      patrolsDone: 20,
      visitsDue: 2,
      visitsDone: 1,
      reports: 2,
      ticketsHandled: 2,
      ticketsOnTime: 1,
      factor: 1.2,
      rank: 1,
      rankOf: 2,
      rates: { visits: 0.5, reports: 0.5, tickets: 0.5 },
    });
    // 60 + 1.2 × (15 × 20/31 + 15 × 0.5 + 5 × 0.5 + 5 × 0.5)
    expect(first.score).toBeCloseTo(60 + 1.2 * ((15 * 20) / 31 + 7.5 + 2.5 + 2.5), 2);
    // Nothing due (no households, no tickets) counts as done; no patrols, no reports.
    expect(second).toMatchObject({
      worker: { id: worker2 },
      patrolsDue: 31,
      patrolsDone: 0,
      visitsDue: 0,
      reports: 0,
      ticketsHandled: 0,
      factor: 0.8,
      score: 60 + 0.8 * (15 + 5),
      rank: 2,
    });

    // November so far (asOf Nov 1): one patrol, one report.
    const nov = await admin.get('/api/grid-assessment');
    expect(nov.body).toMatchObject({ month: '2026-11', asOf: '2026-11-01', monthComplete: false });
    const mine = nov.body.items.find(
      (r: { worker: { id: string } }) => r.worker.id === d.users.grid,
    );
    expect(mine).toMatchObject({ patrolsDue: 1, patrolsDone: 1, reports: 1 });
    // A month not begun yet: 400.
    expect((await admin.get('/api/grid-assessment?month=2026-12')).status).toBe(400);

    const xlsx = await admin.get('/api/grid-assessment/export.xlsx?month=2026-10');
    expect(xlsx.status).toBe(200);
  });

  it('keeps to scope: a village sees its worker (ranked in the township), a department and a grid worker 403', async () => {
    const d = await ctx.newDistrict();
    await setup(d);
    const village = await d.login('village');
    const res = await village.get('/api/grid-assessment?month=2026-10');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ worker: { id: d.users.grid }, rank: 1, rankOf: 2 });
    expect((await (await d.login('dept')).get('/api/grid-assessment')).status).toBe(403);
    expect((await (await d.login('grid')).get('/api/grid-assessment')).status).toBe(403);
  });

  it('versions the formula: administrators save a new one; months keep the version in force', async () => {
    const d = await ctx.newDistrict();
    await setup(d);
    const admin = await d.login('admin');
    const body = {
      base: 50,
      weights: { patrols: 20, visits: 20, reports: 5, tickets: 5 },
      gradeFactors: { A: 1.3, B: 1, C: 0.7 },
      reportTarget: 2,
      note: '加大巡查走访权重',
    };
    expect(
      (await (await d.login('village')).post('/api/grid-assessment/formulas', body)).status,
    ).toBe(403);
    const bad = await admin.post('/api/grid-assessment/formulas', {
      ...body,
      weights: { patrols: 0, visits: 0, reports: 0, tickets: 0 },
    });
    expect(bad.status).toBe(400);
    const saved = await admin.post('/api/grid-assessment/formulas', body);
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ version: 1, base: 50, note: '加大巡查走访权重' });
    const again = await admin.post('/api/grid-assessment/formulas', { ...body, base: 55 });
    expect(again.body.version).toBe(2);
    const list = await admin.get('/api/grid-assessment/formulas');
    expect(list.body.current.version).toBe(2);
    expect(list.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(list.body.canEdit).toBe(true);

    // October ended before the versions were saved: the default still scores it.
    const oct = await admin.get('/api/grid-assessment?month=2026-10');
    expect(oct.body.formula.version).toBe(0);
    const nov = await admin.get('/api/grid-assessment?month=2026-11');
    expect(nov.body.formula.version).toBe(2);
    const mine = nov.body.items.find(
      (r: { worker: { id: string } }) => r.worker.id === d.users.grid,
    );
    // Nov: patrols 1/1, visits 0/2, reports min(1, 1/2), tickets none → 1; grade A 1.3.
    expect(mine.score).toBeCloseTo(55 + 1.3 * (20 * 1 + 20 * 0 + 5 * 0.5 + 5 * 1), 2);
  });
});
