// Upstream (12345) import: 10,000 generated upstream tickets imported twice through the
// import service (chunks of 2,000, each ticket its own transaction through the ticket
// service's `create`: code, event, search document, rollups, outbox), tickets/s for the
// first run (all created) and the second (all reported existing), and the count after
// (must equal the batch). Baseline: the same rows as a plain multi-row INSERT (2,000 per
// statement) into a bare copy of the tickets table, on the same engine.
//
// PostgreSQL: a scratch database `bench_upstream` on the server of --database-url /
// BENCH_DATABASE_URL / TEST_DATABASE_URL (never the `test` database); PGlite with
// --engines pglite (--pglite-tickets, default 1,000). JSON on stdout, progress on stderr.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase, type Database, type EngineName } from '../apps/server/src/db/engine.js';
import { migrateToLatest } from '../apps/server/src/db/migrate.js';
import { buildContainer } from '../apps/server/src/container.js';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { systemClock } from '../apps/server/src/shared/clock.js';
import { newDistrict } from '../apps/server/test/factories.js';
import { newId } from '../apps/server/src/shared/ids.js';
import { pgliteTemplate } from './lib/pglite-template.js';
import { benchServerUrl, scratchDatabase } from './lib/scratch-db.js';

const USAGE = `usage: npm run bench -- upstream [--tickets 10000] [--engines postgres,pglite] [--pglite-tickets 1000] [--database-url URL]`;
const DB_NAME = 'bench_upstream';
const CHUNK = 2000;

const t0 = performance.now();
const log = (msg: string) =>
  console.error(`[upstream +${((performance.now() - t0) / 1000).toFixed(1)} s] ${msg}`);

function generate(n: number) {
  const types = ['求助', '投诉', '咨询', '建议', '举报'];
  return Array.from({ length: n }, (_, i) => ({
    upstreamId: `SJ${String(i).padStart(10, '0')}`,
    receivedAt: `2026-10-${String(1 + (i % 28)).padStart(2, '0')} ${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
    type: types[i % types.length]!,
    category: i % 2 ? '010101' : '010102',
    title: `市民反映路灯不亮 ${i}`,
    description: `东湖社区${i % 300}号楼前的路灯已经坏了一周,晚上出行不便,请尽快维修。`,
    address: `东湖社区${i % 300}号楼`,
    requester: { name: '市民', phone: `139${String(i).padStart(8, '0')}` },
    upstreamDeadline: '2026-11-30 18:00',
  }));
}

async function measure(database: Database, engine: EngineName, n: number) {
  await migrateToLatest(database.db);
  const config = { ...loadConfig({}), webDist: undefined };
  const c = buildContainer({ db: database.db, clock: systemClock, config });
  const app = await buildApp(c);
  await app.ready();
  const d = await newDistrict(c, app, systemClock);
  const rows = generate(n);
  const who = { tenantId: d.tenantId, userId: null };
  const run = async () => {
    const t = performance.now();
    const out = { created: 0, existing: 0, failed: 0 };
    for (let i = 0; i < n; i += CHUNK) {
      const r = await c.upstream.importJson(who, rows.slice(i, i + CHUNK));
      out.created += r.created;
      out.existing += r.existing;
      out.failed += r.failed;
      log(`${engine}: ${Math.min(n, i + CHUNK)}/${n}`);
    }
    const ms = performance.now() - t;
    return { ...out, ms: Math.round(ms), ticketsPerS: Math.round((n / ms) * 1000) };
  };
  const first = await run();
  const second = await run();
  const count = Number(
    (
      await database.db
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', d.tenantId)
        .executeTakeFirstOrThrow()
    ).n,
  );

  // Baseline: the same rows, plain multi-row INSERTs into a bare copy of the table.
  await sql`DROP TABLE IF EXISTS bench_upstream_baseline`.execute(database.db);
  await sql`CREATE TABLE bench_upstream_baseline (LIKE tickets INCLUDING DEFAULTS)`.execute(
    database.db,
  );
  const j = await database.db
    .selectFrom('jurisdictions')
    .select('id')
    .where('tenant_id', '=', d.tenantId)
    .limit(1)
    .executeTakeFirstOrThrow();
  const tb = performance.now();
  const now = new Date();
  for (let i = 0; i < n; i += CHUNK) {
    await database.db
      .insertInto('bench_upstream_baseline' as 'tickets')
      .values(
        rows.slice(i, i + CHUNK).map((r, k) => ({
          id: newId(),
          tenant_id: d.tenantId,
          code: `B${i + k}`,
          upstream_id: r.upstreamId,
          channel: 'upstream' as const,
          type: 'help' as const,
          category_id: d.categories.leaf,
          title: r.title,
          description: r.description,
          address: r.address,
          jurisdiction_id: j.id,
          requester_name: r.requester.name,
          requester_phone: r.requester.phone,
          urgency: 'normal' as const,
          state: 'received' as const,
          received_at: now,
          updated_at: now,
          anonymous: false,
          confidential: false,
          reopen_count: 0,
          version: 1,
        })),
      )
      .execute();
  }
  const baselineMs = performance.now() - tb;
  await sql`DROP TABLE bench_upstream_baseline`.execute(database.db);
  await app.close();
  const result = {
    engine,
    tickets: n,
    firstRun: first,
    secondRun: second,
    countAfter: count,
    ok: count === n && first.created === n && second.existing === n,
    baseline: { ms: Math.round(baselineMs), rowsPerS: Math.round((n / baselineMs) * 1000) },
  };
  log(JSON.stringify(result));
  return result;
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      tickets: { type: 'string', default: '10000' },
      'pglite-tickets': { type: 'string', default: '1000' },
      engines: { type: 'string', default: 'postgres' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  const results = [];
  const skipped: Record<string, string> = {};
  const engines = values.engines.split(',');
  if (engines.includes('postgres')) {
    try {
      const { url } = await scratchDatabase(benchServerUrl(values['database-url']), DB_NAME);
      const database = await openDatabase({ databaseUrl: url, poolSize: 8 });
      try {
        results.push(await measure(database, 'postgres', Number(values.tickets)));
      } finally {
        await database.close();
      }
    } catch (err) {
      skipped.postgres = err instanceof Error ? err.message : String(err);
      log(`postgres skipped: ${skipped.postgres}`);
    }
  }
  if (engines.includes('pglite')) {
    const dir = mkdtempSync(join(tmpdir(), 'jiesu-bench-upstream-'));
    const database = await openDatabase({ dataDir: dir, loadDataDir: await pgliteTemplate() });
    try {
      results.push(await measure(database, 'pglite', Number(values['pglite-tickets'])));
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  process.stdout.write(`${JSON.stringify({ benchmark: 'upstream', results, skipped }, null, 2)}\n`);
  return results.length && results.every((r) => r.ok) ? 0 : 1;
}
