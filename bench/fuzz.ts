// Fuzzing at volume: `npm run bench -- fuzz --requests 100000`. The same
// generator as the test suite (apps/server/test/fuzz.ts: every operation of
// the OpenAPI document, invalid requests derived from its schemas) through the
// real app with `inject`, on a fresh PGlite database (or the PostgreSQL
// database of --database-url, which should be a scratch one). Prints JSON
// figures: requests, per-status counts, 5xx (must be 0), requests/s, the
// distinct error codes. Exits 1 when any answer was a 5xx, lacked a stable
// code or showed a stack trace.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { openDatabase, type Database } from '../apps/server/src/db/engine.js';
import { migrateToLatest } from '../apps/server/src/db/migrate.js';
import { buildContainer } from '../apps/server/src/container.js';
import { buildApp, type App } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { ManualClock } from '../apps/server/src/shared/clock.js';
import { fuzzFixture, runFuzz } from '../apps/server/test/fuzz.js';
import { pgliteTemplate } from './lib/pglite-template.js';

const USAGE = `usage: npm run bench -- fuzz [--requests 100000] [--seed 20261102] [--concurrency 4] [--database-url URL]`;

const t0 = performance.now();
const log = (msg: string) =>
  console.error(`[fuzz +${((performance.now() - t0) / 1000).toFixed(1)} s] ${msg}`);

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      requests: { type: 'string', default: '100000' },
      seed: { type: 'string', default: '20261102' },
      concurrency: { type: 'string', default: '4' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  const requests = Number(values.requests);
  const seed = Number(values.seed);
  const concurrency = Number(values.concurrency);
  if (!(requests > 0) || !Number.isInteger(seed) || !(concurrency > 0)) {
    console.error(USAGE);
    return 2;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'jiesu-fuzz-'));
  let database: Database | undefined;
  let app: App | undefined;
  try {
    const url = values['database-url'];
    database = url
      ? await openDatabase({ databaseUrl: url })
      : await openDatabase({
          dataDir: join(scratch, 'pglite'),
          loadDataDir: await pgliteTemplate(),
        });
    await migrateToLatest(database.db);
    const clock = new ManualClock('2026-11-02T01:00:00Z');
    const config = { ...loadConfig({}), webDist: undefined, storageDir: join(scratch, 'files') };
    const c = buildContainer({ db: database.db, clock, config });
    // Rate limits out of the way: they answer 429 long before 100,000 requests, which hides the rest.
    app = await buildApp(c, { publicRateLimit: 10_000_000, loginRateLimit: 10_000_000 });
    await app.ready();
    log('building the fixture (two districts, tickets, sessions, listed ids)');
    const fixture = await fuzzFixture(c, app, clock);
    log(`${fixture.ops.length} operations; sending ${requests} requests`);
    const figures = await runFuzz(app, fixture, {
      seed,
      requests,
      concurrency,
      progress: (n) => {
        if (n % 10_000 === 0) log(`${n}/${requests}`);
      },
    });
    const failed = figures.failures.length > 0;
    process.stdout.write(
      `${JSON.stringify(
        {
          benchmark: 'fuzz',
          engine: database.engine,
          machine: { cores: cpus().length, loadavg1: Number(loadavg()[0]!.toFixed(2)) },
          ...figures,
          failures: figures.failures.slice(0, 20),
          ok: !failed && figures.status5xx === 0,
        },
        null,
        2,
      )}\n`,
    );
    return failed || figures.status5xx > 0 ? 1 : 0;
  } finally {
    await app?.close();
    await database?.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
