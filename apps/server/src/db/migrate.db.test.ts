// Two nodes starting together must not race: on a fresh PostgreSQL database,
// concurrent migrators apply every migration exactly once. (PGlite has one
// connection, so there the question does not arise.)
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { openDatabase } from './engine.js';
import { migrateToLatest, pendingMigrations } from './migrate.js';
import { migrations } from './migrations/index.js';

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('migrations on PostgreSQL', () => {
  it('three nodes migrating a fresh database at once apply each migration once', async () => {
    const name = `jiesu_mig_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const target = new URL(url!);
    target.pathname = `/${name}`;
    const nodes = await Promise.all(
      [1, 2, 3].map(() => openDatabase({ databaseUrl: target.toString(), poolSize: 2 })),
    );
    try {
      const results = await Promise.all(nodes.map((n) => migrateToLatest(n.db)));
      const applied = results.flatMap((r) =>
        (r.results ?? []).filter((x) => x.status === 'Success').map((x) => x.migrationName),
      );
      expect(applied.sort()).toEqual(Object.keys(migrations).sort());
      expect(await pendingMigrations(nodes[0]!.db)).toEqual([]);
    } finally {
      await Promise.all(nodes.map((n) => n.close()));
      await admin.query(`DROP DATABASE ${name}`);
      await admin.end();
    }
  });
});

describe('migrations on the embedded engine', () => {
  it('apply on a fresh database and report nothing pending', async () => {
    const db = await openDatabase({});
    try {
      await migrateToLatest(db.db);
      expect(await pendingMigrations(db.db)).toEqual([]);
      // Re-running is a no-op.
      const again = await migrateToLatest(db.db);
      expect(again.results).toEqual([]);
    } finally {
      await db.close();
    }
  }, 120_000);
});
