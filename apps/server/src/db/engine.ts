// One driver for both engines: `pg`. PostgreSQL is reached through a pool; the
// embedded PGlite runs in a worker thread behind a unix-socket wire-protocol
// server (PGlite blocks the thread it runs on; see MEASURED.md), reached
// through a one-connection pool.
import { Worker } from 'node:worker_threads';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { DB } from './schema.js';

// Keep `date` columns as 'YYYY-MM-DD' strings; a JS Date would shift them by the zone.
const DATE_OID = 1082;
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === DATE_OID
      ? (v: string) => v
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export type EngineName = 'postgres' | 'pglite';

export interface Database {
  db: Kysely<DB>;
  engine: EngineName;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… to use a server; otherwise the embedded engine. */
  databaseUrl?: string;
  /** Embedded engine's data folder; undefined keeps it in memory. */
  dataDir?: string;
  /** Embedded engine: start from a dump made by `dumpDataDir` (tests use a migrated template). */
  loadDataDir?: string;
  poolSize?: number;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  return openPglite(opts);
}

function openPostgres(url: string, max: number): Database {
  const pool = new pg.Pool({ connectionString: url, max, types: typeParsers });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', close: () => db.destroy() };
}

async function openPglite(opts: DatabaseOptions): Promise<Database> {
  const socketDir = mkdtempSync(join(tmpdir(), 'jiesu-pglite-'));
  const dataDir = opts.dataDir ? resolve(opts.dataDir) : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const worker = new Worker(new URL('./pglite-worker.js', import.meta.url), {
    workerData: {
      dataDir,
      loadDataDir: opts.loadDataDir,
      socketPath: join(socketDir, '.s.PGSQL.5432'),
    },
  });
  await new Promise<void>((ok, fail) => {
    worker.once('error', fail);
    worker.once('message', (m: { type: string; message?: string }) =>
      m.type === 'ready' ? ok() : fail(new Error(`PGlite failed to start: ${m.message}`)),
    );
  });
  // One connection only: the socket server must never multiplex clients (MEASURED.md).
  // The timeout turns a statement issued outside its transaction's connection
  // (a deadlock on one connection) into an error instead of a hang.
  const pool = new pg.Pool({
    host: socketDir,
    port: 5432,
    user: 'postgres',
    database: 'postgres',
    max: 1,
    connectionTimeoutMillis: 30_000,
    types: typeParsers,
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    engine: 'pglite',
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await new Promise<void>((ok) => {
        const timer = setTimeout(ok, 10_000);
        worker.once('message', (m: { type: string }) => {
          if (m.type === 'closed') {
            clearTimeout(timer);
            ok();
          }
        });
        worker.postMessage({ type: 'close' });
      });
      await worker.terminate();
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}

/** Dump an embedded database to a gzip tarball (for test templates and backups). */
export async function dumpPglite(
  dataDir: string | undefined,
  out: string,
  setup: (db: Kysely<DB>) => Promise<void>,
): Promise<void> {
  const socketDir = mkdtempSync(join(tmpdir(), 'jiesu-pglite-'));
  const worker = new Worker(new URL('./pglite-worker.js', import.meta.url), {
    workerData: { dataDir, socketPath: join(socketDir, '.s.PGSQL.5432'), dumpTo: out },
  });
  await new Promise<void>((ok, fail) => {
    worker.once('error', fail);
    worker.once('message', (m: { type: string; message?: string }) =>
      m.type === 'ready' ? ok() : fail(new Error(m.message)),
    );
  });
  const pool = new pg.Pool({
    host: socketDir,
    port: 5432,
    user: 'postgres',
    database: 'postgres',
    max: 1,
    types: typeParsers,
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  try {
    await setup(db);
  } finally {
    await db.destroy();
  }
  await new Promise<void>((ok, fail) => {
    worker.once('message', (m: { type: string; message?: string }) =>
      m.type === 'closed' ? ok() : fail(new Error(m.message)),
    );
    worker.postMessage({ type: 'close' });
  });
  await worker.terminate();
  rmSync(socketDir, { recursive: true, force: true });
}
