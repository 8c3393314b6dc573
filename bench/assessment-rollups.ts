// 三率 ranking from rollups vs the naive count over tickets and events, in the
// same run, on each engine. A district of 20 townships, 300 villages and 40
// departments gets N tickets (default 1,000,000) with 5 events each (create,
// dispatch, accept, feedback, callback; default 5,000,000 events) spread over
// 2026, generated in SQL (generate_series); some accepted or fed back late,
// some unsolved, every third callback basically satisfied, 2% of tickets
// returned after an upheld objection (an extra event stands in for the
// feedback so the count stays 5 per ticket). The rollups are then built from
// the trail with the same code the demo seed uses (`rebuild`), timed.
//
// Timed, for October 2026 (about 1/12 of the events), median of repeated runs:
//   rollups      — the assessment service's month() (townships), i.e. the
//                  rollup SUM over the month's unit-days plus units, config and ranking
//   rollupQuery  — the rollup SUM query alone
//   naiveExact   — the naive count that equals the rollups: the month's events
//                  with the lead unit and deadlines in force found among each
//                  ticket's earlier events (repository.naiveCounts)
//   naiveJoin    — a plainer naive GROUP BY: the month's events joined to their
//                  tickets, counted per ticket's current lead unit (equal to the
//                  rollups only without reassignments)
// Check: rollupQuery's counts equal naiveExact's for the month.
//
// PostgreSQL: a scratch database `bench_assessment` on the server of
// --database-url / BENCH_DATABASE_URL / TEST_DATABASE_URL (default
// postgres://postgres@127.0.0.1:5432/postgres), created and migrated; the data is
// regenerated unless --reuse and the row counts match. PGlite: a fresh database
// in a temp dir, smaller by default (--pglite-tickets, 200,000): generating 5M
// events in WASM takes many minutes and ~1 GB; the JSON says which size ran.
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
import { assessmentRepository } from '../apps/server/src/modules/assessment/repository.js';
import { assessmentService } from '../apps/server/src/modules/assessment/service.js';
import { COUNTERS } from '../apps/server/src/modules/assessment/rollups.js';
import type { StaffActor } from '../apps/server/src/shared/actor.js';
import { systemClock } from '../apps/server/src/shared/clock.js';
import { pgliteTemplate } from './lib/pglite-template.js';
import { round } from './lib/machine.js';
import { benchServerUrl, scratchDatabase } from './lib/scratch-db.js';

const USAGE = `usage: npm run bench -- assessment-rollups [--tickets 1000000] [--pglite-tickets 200000] [--engines postgres,pglite] [--database-url URL] [--reuse]`;
const TENANT = 'benchassess';
const MONTH = '2026-10';

const t0 = performance.now();
const log = (msg: string) =>
  console.error(`[assessment-rollups +${((performance.now() - t0) / 1000).toFixed(1)} s] ${msg}`);

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

/** Jurisdictions, units, a category: 20 townships × 15 villages, 40 departments. */
async function seedDistrict(db: Kysely<DB>) {
  await createTenant(db, { id: TENANT, name: '基准测试区', now: new Date('2026-01-01T00:00:00Z') });
  await sql`
    INSERT INTO jurisdictions (id, tenant_id, parent_id, level, code, name, population, path)
    VALUES ('00000000-0000-4000-8000-000000000000', ${TENANT}, NULL, 'district', 'bd', '基准区', 600000,
    '/00000000-0000-4000-8000-000000000000/')
  `.execute(db);
  await sql`
    INSERT INTO jurisdictions (id, tenant_id, parent_id, level, code, name, population, path)
    SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(t), 12, '0'))::uuid, ${TENANT},
    '00000000-0000-4000-8000-000000000000', 'township', 'bt' || t, '乡镇' || t, 30000,
    '/00000000-0000-4000-8000-000000000000/00000000-0000-4000-8000-' || lpad(to_hex(t), 12, '0') || '/'
    FROM generate_series(1, 20) t
  `.execute(db);
  await sql`
    INSERT INTO jurisdictions (id, tenant_id, parent_id, level, code, name, population, path)
    SELECT ('00000000-0000-4000-9000-' || lpad(to_hex(v), 12, '0'))::uuid, ${TENANT},
    ('00000000-0000-4000-8000-' || lpad(to_hex((v - 1) / 15 + 1), 12, '0'))::uuid,
    'village', 'bv' || v, '村' || v, 2000,
    '/00000000-0000-4000-8000-000000000000/00000000-0000-4000-8000-'
    || lpad(to_hex((v - 1) / 15 + 1), 12, '0') || '/00000000-0000-4000-9000-' || lpad(to_hex(v), 12, '0') || '/'
    FROM generate_series(1, 300) v
  `.execute(db);
  await sql`
    -- Units: 1..20 township governments, 21..320 village committees, 321..360 departments.
    INSERT INTO units (id, tenant_id, jurisdiction_id, kind, key, name, phone)
    SELECT ('00000000-0000-4000-a000-' || lpad(to_hex(u), 12, '0'))::uuid, ${TENANT},
    CASE WHEN u <= 20 THEN ('00000000-0000-4000-8000-' || lpad(to_hex(u), 12, '0'))::uuid
    WHEN u <= 320 THEN ('00000000-0000-4000-9000-' || lpad(to_hex(u - 20), 12, '0'))::uuid
    ELSE '00000000-0000-4000-8000-000000000000'::uuid END,
    CASE WHEN u <= 320 THEN 'government' ELSE 'department' END,
    'bu' || u, '单位' || u, NULL
    FROM generate_series(1, 360) u
  `.execute(db);
  await sql`
    INSERT INTO categories (id, tenant_id, parent_id, code, name, level, path)
    VALUES ('00000000-0000-4000-b000-000000000001', ${TENANT}, NULL, 'b1', '基准类别', 1,
    '/00000000-0000-4000-b000-000000000001/')
  `.execute(db);
}

/** N tickets and 5N events, in chunks of 100,000 tickets (bounded statements on the embedded engine). */
async function seedTickets(db: Kysely<DB>, n: number) {
  const chunk = 100_000;
  for (let lo = 1; lo <= n; lo += chunk) {
    const hi = Math.min(n, lo + chunk - 1);
    // received: spread over 2026-01-01 .. 2026-12-20; unit: i % 360 + 1.
    await sql`
      INSERT INTO tickets (id, tenant_id, code, channel, type, category_id, title, description, address,
        jurisdiction_id, urgency, lead_unit_id, holder_unit_id, state, outcome, received_at, dispatched_at,
        accepted_at, feedback_at, replied_at, closed_at, response_due_at, completion_due_at, solved,
        satisfaction, updated_at)
      SELECT ('10000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, ${TENANT}, 'B' || i, 'hotline', 'help',
        '00000000-0000-4000-b000-000000000001', '路灯不亮', '基准测试工单', '基准地址',
        '00000000-0000-4000-8000-000000000000', 'normal',
        ('00000000-0000-4000-a000-' || lpad(to_hex(i % 360 + 1), 12, '0'))::uuid,
        ('00000000-0000-4000-a000-' || lpad(to_hex(i % 360 + 1), 12, '0'))::uuid,
        'closed', CASE WHEN i % 5 = 0 THEN 'unsolved' ELSE 'solved' END,
        r, r + interval '10 minutes', r + interval '1 hour', r + interval '3 days', r + interval '4 days',
        r + interval '5 days', r + interval '2 hours', r + interval '7 days', i % 5 <> 0,
        CASE WHEN i % 3 = 0 THEN 'basically_satisfied' WHEN i % 7 = 0 THEN 'dissatisfied' ELSE 'satisfied' END,
        r + interval '5 days'
      FROM (SELECT i, timestamptz '2026-01-01 00:00:00+00' + (i::double precision / ${n}) * interval '353 days' AS r
              FROM generate_series(${lo}::int, ${hi}::int) i) g
    `.execute(db);
    await sql`
      INSERT INTO ticket_events (tenant_id, ticket_id, seq, action, from_state, to_state, actor_kind, at, visibility, payload)
      SELECT ${TENANT}, ('10000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, k,
        CASE k WHEN 1 THEN 'create' WHEN 2 THEN 'dispatch' WHEN 3 THEN 'accept'
               WHEN 4 THEN CASE WHEN i % 50 = 0 THEN 'review_objection' ELSE 'give_feedback' END
               ELSE 'record_callback' END,
        CASE k WHEN 1 THEN NULL WHEN 2 THEN 'received' WHEN 3 THEN 'dispatched' WHEN 4 THEN 'accepted' ELSE 'awaiting_callback' END,
        CASE k WHEN 1 THEN 'received' WHEN 2 THEN 'dispatched' WHEN 3 THEN 'accepted'
               WHEN 4 THEN CASE WHEN i % 50 = 0 THEN 'dispatched' ELSE 'feedback_given' END ELSE 'closed' END,
        'staff',
        CASE k WHEN 1 THEN r WHEN 2 THEN r + interval '10 minutes'
               WHEN 3 THEN r + CASE WHEN i % 11 = 0 THEN interval '5 hours' ELSE interval '1 hour' END
               WHEN 4 THEN r + CASE WHEN i % 13 = 0 THEN interval '9 days' ELSE interval '3 days' END
               ELSE r + interval '10 days' END,
        'internal',
        CASE k WHEN 2 THEN jsonb_build_object('leadUnitId', u, 'deadlines', jsonb_build_object(
                   'responseDueAt', to_char((r + interval '2 hours') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                   'completionDueAt', to_char((r + interval '7 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
               WHEN 4 THEN CASE WHEN i % 50 = 0
                 THEN jsonb_build_object('verdict', 'upheld', 'note', '改派', 'dispatchFault', i % 100 = 0,
                        'newLeadUnitId', ('00000000-0000-4000-a000-' || lpad(to_hex((i + 1) % 360 + 1), 12, '0')),
                        'deadlines', jsonb_build_object(
                          'responseDueAt', to_char((r + interval '3 days 2 hours') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                          'completionDueAt', to_char((r + interval '10 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
                 ELSE jsonb_build_object('result', '已处理', 'replyText', '已处理') END
               WHEN 5 THEN jsonb_build_object('solved', i % 5 <> 0, 'satisfaction',
                   CASE WHEN i % 3 = 0 THEN 'basically_satisfied' WHEN i % 7 = 0 THEN 'dissatisfied' ELSE 'satisfied' END)
               ELSE '{}'::jsonb END
      FROM (SELECT i, timestamptz '2026-01-01 00:00:00+00' + (i::double precision / ${n}) * interval '353 days' AS r,
                   '00000000-0000-4000-a000-' || lpad(to_hex(i % 360 + 1), 12, '0') AS u
              FROM generate_series(${lo}::int, ${hi}::int) i) g
      CROSS JOIN generate_series(1, 5) k
    `.execute(db);
    log(`  ${hi.toLocaleString()} tickets, ${(hi * 5).toLocaleString()} events`);
  }
  await sql`ANALYZE tickets`.execute(db);
  await sql`ANALYZE ticket_events`.execute(db);
}

/** The plainer naive GROUP BY: month's events joined to their tickets, per current lead unit. */
function naiveJoin(db: Kysely<DB>, from: Date, to: Date) {
  return sql`
    SELECT t.lead_unit_id AS unit_id,
      count(*) FILTER (WHERE e.action = 'dispatch') AS dispatched,
      count(*) FILTER (WHERE e.action = 'accept') AS accepted,
      count(*) FILTER (WHERE e.action = 'accept' AND e.at <= t.response_due_at) AS accepted_on_time,
      count(*) FILTER (WHERE e.action = 'give_feedback') AS completed,
      count(*) FILTER (WHERE e.action = 'give_feedback' AND e.at <= t.completion_due_at) AS completed_on_time,
      count(*) FILTER (WHERE e.action IN ('record_callback', 'rate')) AS rated,
      count(*) FILTER (WHERE e.action IN ('record_callback', 'rate') AND e.payload->>'solved' = 'true') AS solved,
      count(*) FILTER (WHERE e.action IN ('record_callback', 'rate') AND e.payload->>'satisfaction' = 'satisfied') AS satisfied,
      count(*) FILTER (WHERE e.action IN ('record_callback', 'rate') AND e.payload->>'satisfaction' = 'basically_satisfied') AS basically_satisfied
    FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
    WHERE e.tenant_id = ${TENANT} AND e.at >= ${from} AND e.at < ${to}
      AND e.action IN ('dispatch', 'accept', 'give_feedback', 'record_callback', 'rate')
    GROUP BY t.lead_unit_id
  `.execute(db);
}

interface EngineFigures {
  engine: 'postgres' | 'pglite';
  tickets: number;
  events: number;
  rollupRows: number;
  seedMs: number;
  rebuildMs: number;
  monthEvents: number;
  ms: { rollups: number; rollupQuery: number; naiveExact: number; naiveJoin: number };
  speedup: { vsNaiveExact: number; vsNaiveJoin: number };
  goal: { speedupAtLeast20: boolean; under50ms: boolean };
  check: { unitsCompared: number; equal: boolean };
  note?: string;
}

async function measure(
  database: Database,
  engine: EngineFigures['engine'],
  n: number,
  reuse: boolean,
  note?: string,
): Promise<EngineFigures> {
  const db = database.db;
  await migrateToLatest(db);
  const repo = assessmentRepository(db);
  const have = await sql<{
    n: string;
  }>`SELECT count(*) AS n FROM tickets WHERE tenant_id = ${TENANT}`
    .execute(db)
    .then((r) => Number(r.rows[0]!.n));
  let seedMs = 0;
  let rebuildMs = 0;
  if (!(reuse && have === n)) {
    if (have > 0)
      throw new Error(
        `tenant ${TENANT} already has ${have} tickets: drop the scratch database first`,
      );
    log(
      `${engine}: generating ${n.toLocaleString()} tickets and ${(5 * n).toLocaleString()} events`,
    );
    [, seedMs] = await timed(async () => {
      await seedDistrict(db);
      await seedTickets(db, n);
    });
    log(`${engine}: rebuilding the rollups from the trail`);
    [, rebuildMs] = await timed(() => repo.rebuild(TENANT));
    await sql`ANALYZE unit_day_rollups`.execute(db);
  }
  const from = new Date(`${MONTH}-01T00:00:00+08:00`);
  const to = new Date('2026-11-01T00:00:00+08:00');
  const counts = async (q: string) =>
    Number((await sql.raw<{ n: string }>(q).execute(db)).rows[0]!.n);
  const events = await counts(
    `SELECT count(*) AS n FROM ticket_events WHERE tenant_id = '${TENANT}'`,
  );
  const monthEvents = await counts(
    `SELECT count(*) AS n FROM ticket_events WHERE tenant_id = '${TENANT}' AND at >= '${from.toISOString()}' AND at < '${to.toISOString()}'`,
  );
  const rollupRows = await counts(
    `SELECT count(*) AS n FROM unit_day_rollups WHERE tenant_id = '${TENANT}'`,
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
        unitName: '单位1',
        unitKind: 'government',
        jurisdictionPath: '/',
        role: 'supervisor',
      },
    ],
    scope: 'tenant',
  };
  const service = assessmentService({ db, clock: systemClock });
  const q = { month: MONTH, group: 'township' as const };
  log(`${engine}: timing (${monthEvents.toLocaleString()} events in ${MONTH})`);
  // Warm both paths once.
  const month = await service.month(actor, q);
  const exact = await repo.naiveCounts(TENANT, from, to);
  const rolled = await repo.rollupCounts(TENANT, `${MONTH}-01`, '2026-11-01');
  const key = (rows: Array<Record<string, unknown>>) =>
    JSON.stringify(
      rows
        .map((r) => [String(r.unit_id), ...COUNTERS.map((c) => Number(r[c]))])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  const equal = key(exact) === key(rolled) && month.items.length === 20;
  const ms = {
    rollups: await median(21, () => service.month(actor, q)),
    rollupQuery: await median(21, () => repo.rollupCounts(TENANT, `${MONTH}-01`, '2026-11-01')),
    naiveExact: await median(3, () => repo.naiveCounts(TENANT, from, to)),
    naiveJoin: await median(3, () => naiveJoin(db, from, to)),
  };
  const speedup = {
    vsNaiveExact: round(ms.naiveExact / ms.rollups, 1),
    vsNaiveJoin: round(ms.naiveJoin / ms.rollups, 1),
  };
  const fig: EngineFigures = {
    engine,
    tickets: n,
    events,
    rollupRows,
    seedMs: round(seedMs, 0),
    rebuildMs: round(rebuildMs, 0),
    monthEvents,
    ms,
    speedup,
    goal: {
      speedupAtLeast20: Math.min(speedup.vsNaiveExact, speedup.vsNaiveJoin) >= 20,
      under50ms: ms.rollups < 50,
    },
    check: { unitsCompared: rolled.length, equal },
    ...(note ? { note } : {}),
  };
  log(
    `${engine}: rollups ${ms.rollups} ms (query ${ms.rollupQuery} ms) · naive exact ${ms.naiveExact} ms · naive join ${ms.naiveJoin} ms · ×${speedup.vsNaiveExact} / ×${speedup.vsNaiveJoin} · check ${equal ? 'equal' : 'DIFFERENT'}`,
  );
  return fig;
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      tickets: { type: 'string', default: '1000000' },
      'pglite-tickets': { type: 'string', default: '200000' },
      engines: { type: 'string', default: 'postgres,pglite' },
      'database-url': { type: 'string' },
      reuse: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  const engines = values.engines.split(',');
  const results: EngineFigures[] = [];
  const skipped: Record<string, string> = {};
  let ok = true;
  if (engines.includes('postgres')) {
    try {
      const { url } = await scratchDatabase(
        benchServerUrl(values['database-url']),
        'bench_assessment',
        { reuse: values.reuse },
      );
      const database = await openDatabase({ databaseUrl: url });
      try {
        const f = await measure(database, 'postgres', Number(values.tickets), values.reuse);
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
    const n = Number(values['pglite-tickets']);
    const dir = mkdtempSync(join(tmpdir(), 'jiesu-bench-assess-'));
    const database = await openDatabase({ dataDir: dir, loadDataDir: await pgliteTemplate() });
    try {
      const f = await measure(
        database,
        'pglite',
        n,
        false,
        n < Number(values.tickets)
          ? `PGlite ran ${n.toLocaleString()} tickets / ${(5 * n).toLocaleString()} events (--pglite-tickets): generating the full size in WASM takes too long on this machine`
          : undefined,
      );
      results.push(f);
      ok &&= f.check.equal;
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  process.stdout.write(
    `${JSON.stringify({ benchmark: 'assessment-rollups', month: MONTH, results, skipped }, null, 2)}\n`,
  );
  return ok ? 0 : 1;
}
