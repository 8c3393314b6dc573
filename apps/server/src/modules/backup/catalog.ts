// The SQL of backup and restore: what the database holds (tables, columns,
// sequences, foreign keys, triggers, read from the catalogue) and the per-table
// checksum. Everything here runs on both engines; all of it takes the
// transaction it must run in, so one snapshot (backup) or one atomic change
// (restore) covers every statement.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- catalogue and dynamic tables lie outside the typed schema
type Db = Kysely<any>;

/** The application's schema; the backup covers every table in it, the migration tables included. */
export const SCHEMA = 'public';

export interface Column {
  name: string;
  type: string;
}

export interface SequenceState {
  name: string;
  /** bigint as text: a sequence may exceed 2^53. */
  lastValue: string;
  isCalled: boolean;
}

export interface Checksum {
  rows: number;
  checksum: string;
}

/**
 * Fixes every setting that changes how a value prints as text (time zone, date
 * and interval style, float digits, bytea), so the row texts, and so the
 * checksums, are the same on PGlite and on any PostgreSQL server. LOCAL: the
 * caller's transaction only.
 */
export async function fixTextSettings(db: Db): Promise<void> {
  for (const [name, value] of [
    ['TimeZone', 'UTC'],
    ['DateStyle', 'ISO, YMD'],
    ['IntervalStyle', 'postgres'],
    ['extra_float_digits', '1'],
    ['bytea_output', 'hex'],
    ['standard_conforming_strings', 'on'],
  ])
    await sql`SELECT set_config(${name}, ${value}, true)`.execute(db);
}

/** The tables of the schema, by name (partitions are read through their parent). */
export async function listTables(db: Db): Promise<string[]> {
  const r = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${SCHEMA} AND c.relkind IN ('r', 'p') AND NOT c.relispartition
    ORDER BY c.relname COLLATE "C"`.execute(db);
  return r.rows.map((x) => x.name);
}

export async function listColumns(db: Db, table: string): Promise<Column[]> {
  const r = await sql<Column>`
    SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
    FROM pg_attribute a
    WHERE a.attrelid = to_regclass(${qualified(table)}) AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY a.attnum`.execute(db);
  return r.rows;
}

export async function listSequences(db: Db): Promise<SequenceState[]> {
  const names = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${SCHEMA} AND c.relkind = 'S' ORDER BY c.relname COLLATE "C"`.execute(db);
  const out: SequenceState[] = [];
  for (const { name } of names.rows) {
    const r = await sql<{ last_value: string; is_called: boolean }>`
      SELECT last_value::text AS last_value, is_called FROM ${sql.table(`${SCHEMA}.${name}`)}`.execute(
      db,
    );
    out.push({ name, lastValue: r.rows[0]!.last_value, isCalled: r.rows[0]!.is_called });
  }
  return out;
}

export async function setSequence(db: Db, s: SequenceState): Promise<void> {
  await sql`SELECT setval(to_regclass(${qualified(s.name)}), ${s.lastValue}::bigint, ${s.isCalled})`.execute(
    db,
  );
}

/**
 * Rows and checksum of a table: md5 over the md5s of its rows' texts, sorted
 * bytewise (COLLATE "C": the order must not depend on the server's locale).
 * Hashing rows first keeps the aggregate at 32 bytes a row, whatever their size.
 */
export async function tableChecksum(db: Db, table: string): Promise<Checksum> {
  const r = await sql<{ rows: string; checksum: string }>`
    SELECT count(*)::text AS rows,
           md5(coalesce(string_agg(h, '' ORDER BY h COLLATE "C"), '')) AS checksum
    FROM (SELECT md5(t::text) AS h FROM ${sql.table(`${SCHEMA}.${table}`)} t) s`.execute(db);
  return { rows: Number(r.rows[0]!.rows), checksum: r.rows[0]!.checksum };
}

export async function hasRows(db: Db, table: string): Promise<boolean> {
  const r = await sql<{ any: boolean }>`
    SELECT EXISTS (SELECT 1 FROM ${sql.table(`${SCHEMA}.${table}`)}) AS any`.execute(db);
  return r.rows[0]!.any;
}

/**
 * Reads a table's rows as row literals (`(v1,v2,…)`, each value in its text
 * form), a batch at a time through a cursor, so a big table never sits in
 * memory. Must run inside a transaction (a cursor lives in one).
 */
export async function* readRows(db: Db, table: string, batch: number): AsyncGenerator<string[]> {
  const cursor = sql.id(`backup_${table}`);
  await sql`DECLARE ${cursor} NO SCROLL CURSOR FOR
    SELECT t::text AS r FROM ${sql.table(`${SCHEMA}.${table}`)} t`.execute(db);
  try {
    for (;;) {
      const r = await sql<{ r: string }>`FETCH ${sql.raw(String(batch))} FROM ${cursor}`.execute(
        db,
      );
      if (!r.rows.length) return;
      yield r.rows.map((x) => x.r);
    }
  } finally {
    await sql`CLOSE ${cursor}`.execute(db);
  }
}

/**
 * Inserts row literals as they were read. Each literal is parsed once by the
 * row type's input function (OFFSET 0 keeps the planner from expanding the
 * cast once per column); OVERRIDING SYSTEM VALUE keeps identity values.
 */
export async function insertRows(db: Db, table: string, rows: string[]): Promise<void> {
  const t = sql.table(`${SCHEMA}.${table}`);
  await sql`INSERT INTO ${t} OVERRIDING SYSTEM VALUE
    SELECT (r).* FROM (SELECT x::${t} AS r FROM unnest(${rows}::text[]) x OFFSET 0) s`.execute(db);
}

export interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

export async function listForeignKeys(db: Db): Promise<ForeignKey[]> {
  const r = await sql<ForeignKey>`
    SELECT cl.relname AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
    FROM pg_constraint c
    JOIN pg_class cl ON cl.oid = c.conrelid
    JOIN pg_namespace n ON n.oid = cl.relnamespace
    WHERE n.nspname = ${SCHEMA} AND c.contype = 'f'
    ORDER BY cl.relname COLLATE "C", c.conname COLLATE "C"`.execute(db);
  return r.rows;
}

export async function dropForeignKey(db: Db, fk: ForeignKey): Promise<void> {
  await sql`ALTER TABLE ${sql.table(`${SCHEMA}.${fk.table}`)} DROP CONSTRAINT ${sql.id(fk.name)}`.execute(
    db,
  );
}

/** Adds a foreign key back; PostgreSQL checks every loaded row against it. */
export async function addForeignKey(db: Db, fk: ForeignKey): Promise<void> {
  await sql`ALTER TABLE ${sql.table(`${SCHEMA}.${fk.table}`)} ADD CONSTRAINT ${sql.id(fk.name)} ${sql.raw(fk.definition)}`.execute(
    db,
  );
}

/**
 * User triggers (the append-only guards on event tables, and any trigger that
 * would rewrite a row on insert) are switched off while rows are loaded as
 * they were: allowed to the table's owner, unlike the internal FK triggers.
 */
export async function setUserTriggers(db: Db, table: string, enabled: boolean): Promise<void> {
  await sql`ALTER TABLE ${sql.table(`${SCHEMA}.${table}`)} ${sql.raw(enabled ? 'ENABLE' : 'DISABLE')} TRIGGER USER`.execute(
    db,
  );
}

export async function truncateAll(db: Db, tables: string[]): Promise<void> {
  if (!tables.length) return;
  await sql`TRUNCATE ${sql.join(tables.map((t) => sql.table(`${SCHEMA}.${t}`)))}`.execute(db);
}

/** Drops everything in the schema (tables, types, functions, extensions in it) and creates it empty. */
export async function resetSchema(db: Db): Promise<void> {
  await sql`DROP SCHEMA ${sql.id(SCHEMA)} CASCADE`.execute(db);
  await sql`CREATE SCHEMA ${sql.id(SCHEMA)}`.execute(db);
}

export async function serverVersion(db: Db): Promise<string> {
  const r = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(db);
  return r.rows[0]!.v;
}

function qualified(name: string): string {
  return `${SCHEMA}.${quoteIdent(name)}`;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
