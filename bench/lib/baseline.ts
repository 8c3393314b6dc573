// The baseline: the least a JSON intake over HTTP can cost on this machine. A
// bare Fastify 5 server, one POST route, one INSERT of one row into a one-table
// schema, no session, no transaction, no second statement. The platform's
// intake is measured against it.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';

export const BASELINE_TABLE = 'bench_baseline.intake';
export const BASELINE_PATH = '/intake';

interface Row {
  id: string;
  title: string;
  description: string;
  address: string;
  name: string | null;
  phone: string | null;
  at: Date;
}

/** How the baseline reaches its database: a `pg` pool on PostgreSQL, the engine's own connection on PGlite. */
export interface BaselineStore {
  exec(text: string): Promise<void>;
  insert(r: Row): Promise<void>;
  count(): Promise<number>;
  close(): Promise<void>;
}

const INSERT = `INSERT INTO ${BASELINE_TABLE} (id, title, description, address, requester_name, requester_phone, received_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7)`;
const values = (r: Row) => [r.id, r.title, r.description, r.address, r.name, r.phone, r.at];

/** PostgreSQL: a plain `pg.Pool` of the same size as the platform's (10). */
export function pgPoolStore(url: string, max = 10): BaselineStore {
  const pool = new pg.Pool({ connectionString: url, max });
  return {
    exec: async (text) => void (await pool.query(text)),
    insert: async (r) => void (await pool.query(INSERT, values(r))),
    count: async () =>
      Number(
        (await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${BASELINE_TABLE}`)).rows[0]!.n,
      ),
    close: () => pool.end(),
  };
}

/**
 * PGlite: through the Kysely instance openDatabase gives (its one-connection
 * `pg` pool to the worker's socket), as raw SQL so Kysely adds no more than a
 * `pg` call would. The caller owns and closes the database.
 */
export function engineStore(db: Kysely<unknown>): BaselineStore {
  return {
    exec: async (text) => void (await sql.raw(text).execute(db)),
    insert: async (r) =>
      void (await sql`INSERT INTO bench_baseline.intake (id, title, description, address, requester_name, requester_phone, received_at)
        VALUES (${r.id}, ${r.title}, ${r.description}, ${r.address}, ${r.name}, ${r.phone}, ${r.at})`.execute(
        db,
      )),
    count: async () =>
      Number(
        (await sql<{ n: string }>`SELECT count(*) AS n FROM bench_baseline.intake`.execute(db))
          .rows[0]!.n,
      ),
    close: async () => {},
  };
}

/** Creates (or empties) the one-table schema. One statement per call: PGlite's socket takes them one at a time. */
export async function prepareBaselineSchema(store: BaselineStore): Promise<void> {
  await store.exec('CREATE SCHEMA IF NOT EXISTS bench_baseline');
  await store.exec(`DROP TABLE IF EXISTS ${BASELINE_TABLE}`);
  await store.exec(`CREATE TABLE ${BASELINE_TABLE} (
    id uuid PRIMARY KEY,
    title text NOT NULL,
    description text NOT NULL,
    address text NOT NULL,
    requester_name text,
    requester_phone text,
    received_at timestamptz NOT NULL
  )`);
}

export async function dropBaselineSchema(store: BaselineStore): Promise<void> {
  await store.exec('DROP SCHEMA IF EXISTS bench_baseline CASCADE');
}

// Validated like any real JSON route (Fastify's default Ajv), but only the
// fields it stores; the intake bodies are sent unchanged.
const body = {
  type: 'object',
  required: ['title', 'description', 'address', 'requester'],
  properties: {
    title: { type: 'string', minLength: 2, maxLength: 100 },
    description: { type: 'string', minLength: 5, maxLength: 4000 },
    address: { type: 'string', minLength: 2, maxLength: 200 },
    requester: {
      type: 'object',
      properties: {
        name: { type: 'string', maxLength: 50 },
        phone: { type: 'string', maxLength: 20 },
      },
    },
  },
} as const;

interface Body {
  title: string;
  description: string;
  address: string;
  requester: { name?: string; phone?: string };
}

export function buildBaselineApp(store: BaselineStore): FastifyInstance {
  const app = Fastify({ logger: false });
  app.post<{ Body: Body }>(BASELINE_PATH, { schema: { body } }, async (req, reply) => {
    const id = randomUUID();
    const b = req.body;
    await store.insert({
      id,
      title: b.title,
      description: b.description,
      address: b.address,
      name: b.requester.name ?? null,
      phone: b.requester.phone ?? null,
      at: new Date(),
    });
    return reply.status(201).send({ id });
  });
  return app;
}
