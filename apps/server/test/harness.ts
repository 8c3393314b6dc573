// Test harness: a real database per test file (PGlite from the migrated
// template, or the PostgreSQL server of TEST_DATABASE_URL), the real HTTP app
// driven through `inject`, a manual clock, and factories that give every test
// its own district (tenant) so tests never share rows or depend on counts.
import { inject } from 'vitest';
import { openDatabase, type Database } from '../src/db/engine.js';
import { buildContainer, type Container } from '../src/container.js';
import { buildApp, type App } from '../src/app.js';
import { ManualClock } from '../src/shared/clock.js';
import { loadConfig } from '../src/config.js';
import { newId } from '../src/shared/ids.js';
import { newDistrict, type District } from './factories.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type { Client, District, Res, DemoLogin } from './factories.js';
export { DEMO_LOGINS } from './factories.js';

export interface TestContext {
  db: Database;
  clock: ManualClock;
  c: Container;
  app: App;
  engine: Database['engine'];
  /** Where this context's uploaded files are kept. */
  storageDir: string;
  newDistrict(opts?: { now?: string }): Promise<District>;
  close(): Promise<void>;
}

export async function createTestContext(opts: { start?: string } = {}): Promise<TestContext> {
  const url = process.env.TEST_DATABASE_URL;
  const template = inject('pgliteTemplate');
  const db = url
    ? await openDatabase({ databaseUrl: url, poolSize: 5 })
    : await openDatabase({ loadDataDir: template });
  const clock = new ManualClock(opts.start ?? '2026-11-02T01:00:00Z'); // a Monday, 09:00 in Beijing
  const config = {
    ...loadConfig({}),
    webDist: undefined,
    storageDir: join(tmpdir(), `jiesu-test-files-${newId()}`),
  };
  const c = buildContainer({ db: db.db, clock, config });
  const app = await buildApp(c, { publicRateLimit: 10_000, loginRateLimit: 10_000 });
  await app.ready();
  return {
    db,
    clock,
    c,
    app,
    engine: db.engine,
    storageDir: config.storageDir,
    newDistrict: () => newDistrict(c, app, clock),
    async close() {
      await app.close();
      await db.close();
    },
  };
}
