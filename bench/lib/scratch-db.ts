// The PostgreSQL server a benchmark works on, and the scratch databases it makes there.
// Server: --database-url, else BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local
// server's `postgres` database. Benchmarks never write to the database named in the URL
// (in CI that is `test`, which belongs to the test suites): each makes its own by name.
import pg from 'pg';

export const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function benchServerUrl(flag: string | undefined): string {
  return (
    flag ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? DEFAULT_SERVER_URL
  );
}

/** The URL of database `name` on the server of `serverUrl`. */
export function databaseUrlOn(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(serverUrl: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

function checkName(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name) || name === 'test' || name === 'postgres')
    throw new Error(`not a scratch database name: ${name}`);
  return name;
}

// A plain DROP waits a few seconds for the sessions of a pool just closed to go. `force`
// terminates whoever is still connected: for the benchmarks whose servers were SIGKILLed;
// elsewhere it would cut a pool's ending connections and crash it with an unhandled error.
const dropSql = (name: string, force?: boolean) =>
  `DROP DATABASE IF EXISTS ${name}${force ? ' WITH (FORCE)' : ''}`;

/**
 * Drops and creates database `name`; with `reuse`, keeps it when it exists. Answers its URL
 * and whether it was reused.
 */
export async function scratchDatabase(
  serverUrl: string,
  name: string,
  opts: { reuse?: boolean; force?: boolean } = {},
): Promise<{ url: string; reused: boolean }> {
  checkName(name);
  const reused = await admin(serverUrl, async (c) => {
    const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount && opts.reuse) return true;
    await c.query(dropSql(name, opts.force));
    await c.query(`CREATE DATABASE ${name}`);
    return false;
  });
  return { url: databaseUrlOn(serverUrl, name), reused };
}

export async function dropScratchDatabase(
  serverUrl: string,
  name: string,
  opts: { force?: boolean } = {},
): Promise<void> {
  checkName(name);
  await admin(serverUrl, (c) => c.query(dropSql(name, opts.force)));
}
