// 驾驶舱 (dashboard) figures from the intake rollups vs the naive GROUP BY over the
// tickets, in the same run, same data. A district of 20 townships × 15 villages
// (300 villages and communities, 2,000 residents each), 8 top-level categories
// with a subcategory each, gets N tickets (default 50,000, under a minute on PGlite;
// --tickets 200000 or 1000000 for larger sizes) over 2026 generated in SQL: 90% placed in a village, 10% on a
// township; five channels; 85% closed 3 days later by a callback (solved or not,
// satisfied, basically or not). Each ticket has its `create` event and, when
// closed, its closing `record_callback` event. The rollups are built from the
// trail with the code the demo seed uses (`rebuild`), timed.
//
// Timed for the 30 days 2026-10-01..10-30, medians:
//   dashboard    — the dashboard service's view() for the district (rollup sums
//                  per day, category, village, channel and total; jurisdictions,
//                  categories; the 三率 month ranking, read from its own rollups)
//   rollupQuery  — the rollup GROUPING SETS query alone
//   places       — the villages, townships and top-level categories read beside it
//   ranking      — the 三率 month ranking (the assessment service, its own rollups)
//   naive        — the same sums straight from the tickets: received by
//                  received_at, closed by closed_at, joined to categories and to
//                  the village/township of each ticket's place, one GROUPING SETS pass
// Check: per day received/closed, per category, per village and the totals agree.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type Database } from '../apps/server/src/db/engine.js';
import { migrateToLatest } from '../apps/server/src/db/migrate.js';
import type { DB } from '../apps/server/src/db/schema.js';
import { createTenant } from '../apps/server/src/modules/system/tenants.js';
import { dashboardRepository } from '../apps/server/src/modules/dashboard/repository.js';
import { dashboardService } from '../apps/server/src/modules/dashboard/service.js';
import { assessmentService } from '../apps/server/src/modules/assessment/service.js';
import type { StaffActor } from '../apps/server/src/shared/actor.js';
import { systemClock } from '../apps/server/src/shared/clock.js';
import { pgliteTemplate } from './lib/pglite-template.js';
import { round } from './lib/machine.js';
import { benchServerUrl, scratchDatabase } from './lib/scratch-db.js';

const USAGE = `usage: npm run bench -- dashboard-rollups [--tickets 50000] [--engines pglite,postgres] [--database-url URL]`;
const TENANT = 'benchdash';
const FROM = '2026-10-01';
const TO = '2026-10-30';

const t0 = performance.now();
const log = (msg: string) =>
  console.error(`[dashboard-rollups +${((performance.now() - t0) / 1000).toFixed(1)} s] ${msg}`);

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const s = performance.now();
  const r = await f();
  return [r, performance.now() - s];
}

async function median(runs: number, f: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push((await timed(f))[1]);
  ms.sort((a, b) => a - b);
  return round(ms[Math.floor(ms.length / 2)]!, 2);
}

const D = '00000000-0000-4000-8000-000000000000';
const twp = (t: string) => `('00000000-0000-4000-8000-' || lpad(to_hex(${t}), 12, '0'))`;
const vil = (v: string) => `('00000000-0000-4000-9000-' || lpad(to_hex(${v}), 12, '0'))`;
const cat = (c: string) => `('00000000-0000-4000-b000-' || lpad(to_hex(${c}), 12, '0'))`;

/** Jurisdictions and categories: 20 townships × 15 villages; 8 roots with a child each (9..16). */
async function seedDistrict(db: Kysely<DB>) {
  await createTenant(db, {
    id: TENANT,
    name: '驾驶舱基准区',
    now: new Date('2026-01-01T00:00:00Z'),
  });
  const run = (q: string) => sql.raw(q).execute(db);
  await run(`
    INSERT INTO jurisdictions (id, tenant_id, parent_id, level, code, name, population, path)
    VALUES ('${D}', '${TENANT}', NULL, 'district', 'dd', '基准区', 600000, '/${D}/')`);
  await run(`
    INSERT INTO jurisdictions (id, tenant_id, parent_id, level, code, name, population, path)
    SELECT ${twp('t')}::uuid, '${TENANT}', '${D}', 'township', 'dt' || t, '乡镇' || t, 30000,
      '/${D}/' || ${twp('t')} || '/'
    FROM generate_series(1, 20) t`);
  await run(`
    INSERT INTO jurisdictions (id, tenant_id, parent_id, level, code, name, population, path)
    SELECT ${vil('v')}::uuid, '${TENANT}', ${twp('(v - 1) / 15 + 1')}::uuid, 'village', 'dv' || v, '村' || v, 2000,
      '/${D}/' || ${twp('(v - 1) / 15 + 1')} || '/' || ${vil('v')} || '/'
    FROM generate_series(1, 300) v`);
  await run(`
    INSERT INTO categories (id, tenant_id, parent_id, code, name, level, path)
    SELECT ${cat('c')}::uuid, '${TENANT}', NULL, 'c' || c, '类别' || c, 1, '/' || ${cat('c')} || '/'
    FROM generate_series(1, 8) c`);
  await run(`
    INSERT INTO categories (id, tenant_id, parent_id, code, name, level, path)
    SELECT ${cat('c + 8')}::uuid, '${TENANT}', ${cat('c')}::uuid, 'c' || c || '01', '子类' || c, 2,
      '/' || ${cat('c')} || '/' || ${cat('c + 8')} || '/'
    FROM generate_series(1, 8) c`);
}

/** N tickets with their `create` and (85%) closing events, in chunks of 50,000. */
async function seedTickets(db: Kysely<DB>, n: number) {
  const chunk = 50_000;
  const gen = (lo: number, hi: number) => `
    SELECT i, timestamptz '2026-01-01 00:00:00+00' + (i::double precision / ${n}) * interval '353 days' AS r,
      ('20000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid AS id,
      i % 20 <> 0 AS closed
    FROM generate_series(${lo}::int, ${hi}::int) i`;
  for (let lo = 1; lo <= n; lo += chunk) {
    const hi = Math.min(n, lo + chunk - 1);
    await sql
      .raw(
        `
      INSERT INTO tickets (id, tenant_id, code, channel, type, category_id, title, description, address,
        jurisdiction_id, urgency, state, outcome, received_at, closed_at, solved, satisfaction, updated_at)
      SELECT id, '${TENANT}', 'D' || i,
        (ARRAY['hotline', 'web', 'wechat', 'walk_in', 'grid_patrol'])[i % 5 + 1],
        'help', ${cat('i % 8 + 9')}::uuid, '基准诉求', '基准测试工单', '基准地址',
        CASE WHEN i % 10 = 0 THEN ${twp('i % 20 + 1')} ELSE ${vil('(i * 7) % 300 + 1')} END::uuid,
        'normal', CASE WHEN closed THEN 'closed' ELSE 'received' END,
        CASE WHEN closed THEN CASE WHEN i % 6 = 0 THEN 'unsolved' ELSE 'solved' END END,
        r, CASE WHEN closed THEN r + interval '3 days' END,
        CASE WHEN closed THEN i % 6 <> 0 END,
        CASE WHEN closed THEN CASE WHEN i % 3 = 0 THEN 'basically_satisfied' WHEN i % 7 = 0 THEN 'dissatisfied' ELSE 'satisfied' END END,
        r
      FROM (${gen(lo, hi)}) g`,
      )
      .execute(db);
    await sql
      .raw(
        `
      INSERT INTO ticket_events (tenant_id, ticket_id, seq, action, from_state, to_state, actor_kind, at, visibility, payload)
      SELECT '${TENANT}', id, k, CASE k WHEN 1 THEN 'create' ELSE 'record_callback' END,
        CASE k WHEN 1 THEN NULL ELSE 'awaiting_callback' END,
        CASE k WHEN 1 THEN 'received' ELSE 'closed' END,
        'staff', CASE k WHEN 1 THEN r ELSE r + interval '3 days' END, 'public',
        CASE k WHEN 1 THEN '{}'::jsonb ELSE jsonb_build_object('solved', i % 6 <> 0, 'satisfaction',
          CASE WHEN i % 3 = 0 THEN 'basically_satisfied' WHEN i % 7 = 0 THEN 'dissatisfied' ELSE 'satisfied' END) END
      FROM (${gen(lo, hi)}) g CROSS JOIN generate_series(1, 2) k
      WHERE k = 1 OR closed`,
      )
      .execute(db);
    log(`  ${hi.toLocaleString()} tickets`);
  }
  await sql`ANALYZE tickets`.execute(db);
  await sql`ANALYZE ticket_events`.execute(db);
}

interface Slice {
  set: string;
  day: string | null;
  category_id: string | null;
  village_id: string | null;
  channel: string | null;
  received: number;
  closed: number;
}

/** The dashboard's sums straight from the tickets, one GROUPING SETS pass. */
async function naive(db: Kysely<DB>): Promise<Slice[]> {
  const local = (c: string) => `((${c} AT TIME ZONE 'UTC') + interval '8 hours')::date`;
  const from = `timestamptz '${FROM} 00:00:00+08'`;
  const to = `(timestamptz '${TO} 00:00:00+08' + interval '1 day')`;
  const { rows } = await sql
    .raw<Slice>(
      `
    WITH places AS MATERIALIZED (
      SELECT j.id,
        (SELECT a.id FROM jurisdictions a WHERE a.tenant_id = j.tenant_id AND a.level = 'village'
            AND j.path LIKE a.path || '%' LIMIT 1) AS village_id
        FROM jurisdictions j WHERE j.tenant_id = '${TENANT}'
    ), rows AS (
      SELECT ${local('t.received_at')} AS day, split_part(c.path, '/', 2)::uuid AS category_id,
        p.village_id, t.channel, 1 AS received, 0 AS closed
        FROM tickets t JOIN categories c ON c.id = t.category_id JOIN places p ON p.id = t.jurisdiction_id
       WHERE t.tenant_id = '${TENANT}' AND t.received_at >= ${from} AND t.received_at < ${to}
      UNION ALL
      SELECT ${local('t.closed_at')}, split_part(c.path, '/', 2)::uuid, p.village_id, t.channel, 0, 1
        FROM tickets t JOIN categories c ON c.id = t.category_id JOIN places p ON p.id = t.jurisdiction_id
       WHERE t.tenant_id = '${TENANT}' AND t.closed_at >= ${from} AND t.closed_at < ${to}
    )
    SELECT CASE WHEN GROUPING(day) = 0 THEN 'day' WHEN GROUPING(category_id) = 0 THEN 'category'
                WHEN GROUPING(village_id) = 0 THEN 'village' WHEN GROUPING(channel) = 0 THEN 'channel'
                ELSE 'total' END AS set,
      to_char(day, 'YYYY-MM-DD') AS day, category_id, village_id, channel,
      sum(received)::int AS received, sum(closed)::int AS closed
      FROM rows GROUP BY GROUPING SETS ((day), (category_id), (village_id), (channel), ())`,
    )
    .execute(db);
  return rows;
}

const canon = (rows: Slice[]) =>
  JSON.stringify(
    rows
      .filter((r) => Number(r.received) + Number(r.closed) > 0)
      .map((r) => [
        r.set,
        r.day ?? r.category_id ?? r.village_id ?? r.channel ?? '',
        Number(r.received),
        Number(r.closed),
      ])
      .sort((a, b) => `${a[0]}|${a[1]}`.localeCompare(`${b[0]}|${b[1]}`)),
  );

interface EngineFigures {
  engine: 'postgres' | 'pglite';
  tickets: number;
  events: number;
  rollupRows: number;
  rangeReceived: number;
  seedMs: number;
  rebuildMs: number;
  ms: { dashboard: number; rollupQuery: number; places: number; ranking: number; naive: number };
  speedup: { dashboardVsNaive: number; queryVsNaive: number };
  check: { slicesCompared: number; equal: boolean };
}

async function measure(database: Database, engine: EngineFigures['engine'], n: number) {
  const db = database.db;
  await migrateToLatest(db);
  const repo = dashboardRepository(db);
  log(`${engine}: generating ${n.toLocaleString()} tickets and their events`);
  const [, seedMs] = await timed(async () => {
    await seedDistrict(db);
    await seedTickets(db, n);
  });
  log(`${engine}: rebuilding the rollups from the trail`);
  const [, rebuildMs] = await timed(() => repo.rebuild(TENANT));
  await sql`ANALYZE intake_day_rollups`.execute(db);
  const count = async (q: string) =>
    Number((await sql.raw<{ n: string }>(q).execute(db)).rows[0]!.n);
  const events = await count(
    `SELECT count(*) AS n FROM ticket_events WHERE tenant_id = '${TENANT}'`,
  );
  const rollupRows = await count(
    `SELECT count(*) AS n FROM intake_day_rollups WHERE tenant_id = '${TENANT}'`,
  );
  const actor: StaffActor = {
    kind: 'staff',
    userId: '00000000-0000-4000-8000-0000000000aa',
    tenantId: TENANT,
    username: 'bench',
    displayName: 'bench',
    grants: [
      {
        unitId: '00000000-0000-4000-a000-000000000001',
        unitName: '指挥中心',
        unitKind: 'dispatch_centre',
        jurisdictionPath: `/${D}/`,
        role: 'supervisor',
      },
    ],
    scope: 'tenant',
  };
  const assessment = assessmentService({ db, clock: systemClock });
  const service = dashboardService({ db, clock: systemClock, assessment });
  const q = { from: FROM, to: TO };
  log(`${engine}: timing ${FROM}..${TO}`);
  const view = await service.view(actor, q);
  const rolled = await repo.slices(TENANT, FROM, TO, null);
  const direct = await naive(db);
  const equal = canon(rolled as unknown as Slice[]) === canon(direct);
  const ms = {
    dashboard: await median(21, () => service.view(actor, q)),
    rollupQuery: await median(21, () => repo.slices(TENANT, FROM, TO, null)),
    places: await median(21, () =>
      Promise.all([repo.villages(TENANT), repo.townships(TENANT), repo.topCategories(TENANT)]),
    ),
    ranking: await median(21, () =>
      assessment.month(actor, { month: '2026-10', group: 'township' }),
    ),
    naive: await median(5, () => naive(db)),
  };
  const fig: EngineFigures = {
    engine,
    tickets: n,
    events,
    rollupRows,
    rangeReceived: view.kpis.received,
    seedMs: round(seedMs, 0),
    rebuildMs: round(rebuildMs, 0),
    ms,
    speedup: {
      dashboardVsNaive: round(ms.naive / ms.dashboard, 1),
      queryVsNaive: round(ms.naive / ms.rollupQuery, 1),
    },
    check: { slicesCompared: direct.length, equal },
  };
  log(
    `${engine}: dashboard ${ms.dashboard} ms (query ${ms.rollupQuery} ms) · naive ${ms.naive} ms · ×${fig.speedup.dashboardVsNaive} · check ${equal ? 'equal' : 'DIFFERENT'}`,
  );
  return fig;
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      tickets: { type: 'string', default: '50000' },
      engines: { type: 'string', default: 'pglite' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  const n = Number(values.tickets);
  if (!Number.isInteger(n) || n < 1000) {
    console.error(`--tickets must be an integer ≥ 1000\n${USAGE}`);
    return 2;
  }
  const engines = values.engines.split(',');
  const results: EngineFigures[] = [];
  const skipped: Record<string, string> = {};
  let ok = true;
  if (engines.includes('postgres')) {
    try {
      const { url } = await scratchDatabase(
        benchServerUrl(values['database-url']),
        'bench_dashboard',
      );
      const database = await openDatabase({ databaseUrl: url });
      try {
        const f = await measure(database, 'postgres', n);
        results.push(f);
        ok &&= f.check.equal;
      } finally {
        await database.close();
      }
    } catch (err) {
      skipped.postgres = err instanceof Error ? err.message : String(err);
      log(`postgres skipped: ${skipped.postgres}`);
    }
  }
  if (engines.includes('pglite')) {
    const dir = mkdtempSync(join(tmpdir(), 'jiesu-bench-dash-'));
    const database = await openDatabase({ dataDir: dir, loadDataDir: await pgliteTemplate() });
    try {
      const f = await measure(database, 'pglite', n);
      results.push(f);
      ok &&= f.check.equal;
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  process.stdout.write(
    `${JSON.stringify({ benchmark: 'dashboard-rollups', range: [FROM, TO], results, skipped }, null, 2)}\n`,
  );
  return ok ? 0 : 1;
}
