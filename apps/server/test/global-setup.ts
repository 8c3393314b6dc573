// Runs once before the suite. PGlite: builds a migrated database template
// (initdb alone takes seconds) that every test file loads. PostgreSQL: applies
// the migrations once.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { dumpPglite, openDatabase } from '../src/db/engine.js';
import { migrateToLatest } from '../src/db/migrate.js';

const here = dirname(fileURLToPath(import.meta.url));

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const db = await openDatabase({ databaseUrl: url, poolSize: 1 });
    try {
      await migrateToLatest(db.db);
    } finally {
      await db.close();
    }
    project.provide('pgliteTemplate', '');
    return;
  }
  const migrationsDir = join(here, '../src/db/migrations');
  const hash = createHash('sha256');
  for (const f of readdirSync(migrationsDir).sort())
    hash.update(f).update(readFileSync(join(migrationsDir, f)));
  const cacheDir = join(here, '../../../node_modules/.cache/jiesu');
  mkdirSync(cacheDir, { recursive: true });
  const template = join(cacheDir, `pglite-template-${hash.digest('hex').slice(0, 16)}.tgz`);
  if (!existsSync(template)) {
    await dumpPglite(undefined, template, async (db) => {
      await migrateToLatest(db);
    });
  }
  project.provide('pgliteTemplate', template);
}
