// A migrated embedded database to start from, as the tests' global setup
// makes one: initdb plus migrations in WASM take tens of seconds on a busy
// 2-core machine, loading a dump a few. Cached under node_modules/.cache,
// keyed by the migration files, so a changed schema builds a new one.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dumpPglite } from '../../apps/server/src/db/engine.js';
import { migrateToLatest } from '../../apps/server/src/db/migrate.js';

const migrationsDir = fileURLToPath(
  new URL('../../apps/server/src/db/migrations/', import.meta.url),
);
const cacheDir = fileURLToPath(new URL('../../node_modules/.cache/jiesu-bench/', import.meta.url));

/** Path of a gzip dump of a freshly migrated PGlite database; built on first use. */
export async function pgliteTemplate(): Promise<string> {
  const hash = createHash('sha256');
  for (const f of readdirSync(migrationsDir).sort()) {
    hash.update(f).update(readFileSync(join(migrationsDir, f)));
  }
  const file = join(cacheDir, `pglite-${hash.digest('hex').slice(0, 16)}.tgz`);
  if (existsSync(file)) return file;
  mkdirSync(cacheDir, { recursive: true });
  // Written aside and renamed, so an interrupted build never leaves a half dump behind.
  const partial = `${file}.${process.pid}.partial`;
  await dumpPglite(undefined, partial, async (db) => {
    await migrateToLatest(db);
  });
  renameSync(partial, file);
  return file;
}
