// Backup and restore (`jiesu backup` / `jiesu restore`): the demo district, then the
// demo district plus N generated tickets (the demo's tickets cloned with their events,
// --tickets, default 2,000), backed up to an archive and restored into a fresh empty
// database. Figures: time, archive MB, MB/s and rows/s each way, and that every
// table's count and checksum matched (the restore fails otherwise). Baselines on the
// same engine: reading every table's rows as text through the same cursor with no
// checksum or archive (the floor of a backup's read), and the checksum pass alone.
//
// PostgreSQL: scratch databases `bench_backup` and `bench_backup_restore` on the server
// of --database-url / BENCH_DATABASE_URL / TEST_DATABASE_URL (never `test`); PGlite
// with --engines pglite. JSON on stdout, progress on stderr.
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase, type Database, type EngineName } from '../apps/server/src/db/engine.js';
import { migrateToLatest } from '../apps/server/src/db/migrate.js';
import { systemClock } from '../apps/server/src/shared/clock.js';
import { seedDemo } from '../apps/server/src/modules/demo/seed.js';
import {
  backupDatabase,
  restoreDatabase,
  type BackupManifest,
} from '../apps/server/src/modules/backup/service.js';
import {
  fixTextSettings,
  listTables,
  readRows,
  tableChecksum,
} from '../apps/server/src/modules/backup/catalog.js';
import { pgliteTemplate } from './lib/pglite-template.js';
import { benchServerUrl, scratchDatabase, dropScratchDatabase } from './lib/scratch-db.js';

const USAGE = `usage: npm run bench -- backup [--tickets 2000] [--engines postgres,pglite] [--database-url URL]`;

const t0 = performance.now();
const log = (msg: string) =>
  console.error(`[backup +${((performance.now() - t0) / 1000).toFixed(1)} s] ${msg}`);
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 100) / 100;

interface Engine {
  name: EngineName;
  source(): Promise<Database>;
  /** A fresh empty database and how to get rid of it. */
  target(): Promise<{ db: Database; drop(): Promise<void> }>;
}

/** Clones the demo's tickets (and their events) until `n` more exist; returns how many were added. */
async function cloneTickets(database: Database, n: number): Promise<number> {
  const db = database.db;
  const { count } = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  const rounds = Math.ceil(n / Number(count));
  await sql`DROP TABLE IF EXISTS bench_clone_map`.execute(db);
  await sql`CREATE TABLE bench_clone_map AS
    SELECT t.id AS old_id, gen_random_uuid() AS new_id, g
    FROM tickets t, generate_series(1, ${rounds}::int) g ORDER BY g, t.id LIMIT ${n}::int`.execute(
    db,
  );
  await sql`INSERT INTO tickets
    SELECT r.* FROM tickets t JOIN bench_clone_map m ON m.old_id = t.id,
    LATERAL jsonb_populate_record(t, jsonb_build_object(
      'id', m.new_id, 'code', t.code || '-c' || m.g, 'upstream_id', NULL)) r`.execute(db);
  await sql`INSERT INTO ticket_events
    SELECT r.* FROM ticket_events e JOIN bench_clone_map m ON m.old_id = e.ticket_id,
    LATERAL jsonb_populate_record(e, jsonb_build_object(
      'id', nextval('ticket_events_id_seq'), 'ticket_id', m.new_id)) r`.execute(db);
  await sql`DROP TABLE bench_clone_map`.execute(db);
  return n;
}

/** Baselines: every table's rows read as text through the cursor; the checksum pass alone. */
async function baselines(database: Database) {
  let bytes = 0;
  const tr = performance.now();
  await database.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await fixTextSettings(trx);
      for (const t of await listTables(trx))
        for await (const rows of readRows(trx, t, 2000)) for (const r of rows) bytes += r.length;
    });
  const readMs = performance.now() - tr;
  const tc = performance.now();
  await database.db.transaction().execute(async (trx) => {
    await fixTextSettings(trx);
    for (const t of await listTables(trx)) await tableChecksum(trx, t);
  });
  const checksumMs = performance.now() - tc;
  return {
    rawRead: {
      ms: Math.round(readMs),
      rowTextMB: mb(bytes),
      mbPerS: mb((bytes / readMs) * 1000),
    },
    checksumsOnly: { ms: Math.round(checksumMs) },
  };
}

async function round(engine: Engine, source: Database, label: string, dir: string) {
  const file = join(dir, `${engine.name}-${label}.tar.gz`);
  const tb = performance.now();
  const manifest: BackupManifest = await backupDatabase({
    db: source.db,
    engine: source.engine,
    clock: systemClock,
    out: createWriteStream(file),
  });
  const backupMs = performance.now() - tb;
  const bytes = statSync(file).size;
  const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
  log(`${engine.name} ${label}: backup ${Math.round(backupMs)} ms, ${mb(bytes)} MB, ${rows} rows`);

  const target = await engine.target();
  let restoreMs: number;
  try {
    const tr = performance.now();
    const r = await restoreDatabase({ db: target.db.db, input: createReadStream(file) });
    restoreMs = performance.now() - tr;
    if (r.rows !== rows) throw new Error(`restored ${r.rows} rows of ${rows}`);
  } finally {
    await target.drop();
  }
  log(`${engine.name} ${label}: restore ${Math.round(restoreMs)} ms`);
  const base = await baselines(source);
  rmSync(file, { force: true });
  const tickets = manifest.tables.find((t) => t.name === 'tickets')?.rows ?? 0;
  return {
    engine: engine.name,
    data: label,
    tables: manifest.tables.length,
    rows,
    tickets,
    archiveMB: mb(bytes),
    backup: {
      ms: Math.round(backupMs),
      mbPerS: mb((bytes / backupMs) * 1000),
      rowsPerS: Math.round((rows / backupMs) * 1000),
    },
    restore: {
      ms: Math.round(restoreMs),
      mbPerS: mb((bytes / restoreMs) * 1000),
      rowsPerS: Math.round((rows / restoreMs) * 1000),
    },
    // The restore verified every table's count and checksum, or it would have thrown.
    verified: true,
    baseline: base,
  };
}

async function measure(engine: Engine, tickets: number, dir: string) {
  const source = await engine.source();
  try {
    await migrateToLatest(source.db);
    log(`${engine.name}: seeding the demo district`);
    await seedDemo(source.db, systemClock);
    const demo = await round(engine, source, 'demo', dir);
    log(`${engine.name}: cloning ${tickets} tickets`);
    await cloneTickets(source, tickets);
    const more = await round(engine, source, `demo+${tickets}`, dir);
    return [demo, more];
  } finally {
    await source.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      tickets: { type: 'string', default: '2000' },
      engines: { type: 'string', default: 'postgres' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  const tickets = Number(values.tickets);
  const dir = mkdtempSync(join(tmpdir(), 'jiesu-bench-backup-'));
  const results = [];
  const skipped: Record<string, string> = {};
  try {
    for (const name of values.engines.split(',')) {
      let engine: Engine;
      if (name === 'postgres') {
        const base = benchServerUrl(values['database-url']);
        engine = {
          name: 'postgres',
          async source() {
            const { url } = await scratchDatabase(base, 'bench_backup');
            return openDatabase({ databaseUrl: url, poolSize: 2 });
          },
          async target() {
            const { url } = await scratchDatabase(base, 'bench_backup_restore');
            const db = await openDatabase({ databaseUrl: url, poolSize: 2 });
            return {
              db,
              async drop() {
                await db.close();
                await dropScratchDatabase(base, 'bench_backup_restore');
              },
            };
          },
        };
      } else if (name === 'pglite') {
        engine = {
          name: 'pglite',
          source: async () =>
            openDatabase({ dataDir: join(dir, 'source'), loadDataDir: await pgliteTemplate() }),
          async target() {
            const d = mkdtempSync(join(dir, 'target-'));
            const db = await openDatabase({ dataDir: d });
            return {
              db,
              async drop() {
                await db.close();
                rmSync(d, { recursive: true, force: true });
              },
            };
          },
        };
      } else {
        console.error(USAGE);
        return 2;
      }
      try {
        results.push(...(await measure(engine, tickets, dir)));
      } catch (err) {
        skipped[name] = err instanceof Error ? err.message : String(err);
        log(`${name} skipped: ${skipped[name]}`);
      }
    }
    if (values.engines.split(',').includes('postgres') && !skipped.postgres) {
      await dropScratchDatabase(benchServerUrl(values['database-url']), 'bench_backup');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`${JSON.stringify({ benchmark: 'backup', results, skipped }, null, 2)}\n`);
  return results.length && !Object.keys(skipped).length ? 0 : 1;
}
