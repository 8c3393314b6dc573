// `npm run bench -- generate`: fills a database with the demo district and N more
// tickets (bench/lib/generate.ts) and prints what it took as JSON. --data-dir is a
// server DATA_DIR (the embedded database goes in its pglite/ folder, as main.ts opens
// it), so `DATA_DIR=that npm start` then serves the big district; --database-url a
// PostgreSQL database (migrated here; refused if it is the tests' database `test`).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase } from '../apps/server/src/db/engine.js';
import { migrateToLatest } from '../apps/server/src/db/migrate.js';
import { systemClock } from '../apps/server/src/shared/clock.js';
import { generateTickets } from './lib/generate.js';
import { pgliteTemplate } from './lib/pglite-template.js';

const USAGE = `usage: npm run bench -- generate (--data-dir DIR | --database-url URL) [--tickets 1000000] [--events 5000000] [--days 365] [--seed 20261122] [--chunk 5000] [--no-search]

  --events is the number the tickets' trails are expected to come to: the stories decide
  each ticket's events (about 5 on average), the JSON reports the count reached and the
  run fails when it is more than 20% away from --events.`;

const t0 = performance.now();
const log = (msg: string) =>
  console.error(`[generate +${((performance.now() - t0) / 1000).toFixed(1)} s] ${msg}`);

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      tickets: { type: 'string', default: '1000000' },
      events: { type: 'string' },
      days: { type: 'string', default: '365' },
      seed: { type: 'string', default: '20261122' },
      chunk: { type: 'string', default: '5000' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      'no-search': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values['data-dir'] === !values['database-url']) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const url = values['database-url'];
  if (url && new URL(url).pathname === '/test') {
    console.error('refusing to fill the database "test": it belongs to the tests');
    return 2;
  }
  const pgliteDir = values['data-dir'] ? join(values['data-dir'], 'pglite') : undefined;
  const fresh = pgliteDir ? !existsSync(join(pgliteDir, 'PG_VERSION')) : false;
  const database = await openDatabase(
    url
      ? { databaseUrl: url }
      : { dataDir: pgliteDir, ...(fresh ? { loadDataDir: await pgliteTemplate() } : {}) },
  );
  let result;
  let bytes: number;
  try {
    await migrateToLatest(database.db);
    result = await generateTickets(database.db, systemClock, {
      tickets: Number(values.tickets),
      days: Number(values.days),
      seed: Number(values.seed),
      chunk: Number(values.chunk),
      skipSearch: values['no-search'],
      log,
    });
    bytes = url
      ? Number(
          (
            await sql<{
              n: string;
            }>`SELECT pg_database_size(current_database()) AS n`.execute(database.db)
          ).rows[0]!.n,
        )
      : 0;
  } finally {
    await database.close();
  }
  // The embedded engine's size is its folder on disk, measured once it is closed.
  if (!url) bytes = Number(execFileSync('du', ['-sb', pgliteDir!]).toString().split('\t')[0]);
  const expected = values.events ? Number(values.events) : undefined;
  const eventsOk = expected === undefined || Math.abs(result.events - expected) <= 0.2 * expected;
  const out = {
    benchmark: 'generate',
    engine: url ? 'postgres' : 'pglite',
    target: url ? url.replace(/\/\/[^@/]*@/, '//') : values['data-dir'],
    ...result,
    eventsPerTicket: Math.round((result.events / result.tickets) * 100) / 100,
    expectedEvents: expected ?? null,
    sizeBytes: bytes,
    sizeMB: Math.round(bytes / 1e6),
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  if (result.refused) console.error(`${result.refused} planned steps were refused by the engine`);
  if (!eventsOk) console.error(`events ${result.events} are more than 20% away from ${expected}`);
  return result.refused === 0 && eventsOk ? 0 : 1;
}
