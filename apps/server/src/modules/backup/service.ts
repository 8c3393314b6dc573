// Backup and restore of the whole database as one portable archive, the same
// on both engines: a backup made on PGlite restores into PostgreSQL and back.
//
// The archive is a gzip'd tar, written and read as a stream:
//   manifest.json                  format, time, engine, migrations, per table its
//                                  columns, row count and checksum, the sequences
//   tables/<table>/<n>.ndjson      the rows, one JSON string (the row literal,
//                                  each value in PostgreSQL's text form) a line,
//                                  in chunks of a few MB (tar needs each size up front)
//   files/<storage key>            the uploaded files of the attachments rows
//   files.json                     which of those files were missing at backup time
// Rows are read through a cursor in one REPEATABLE READ snapshot, so the
// counts, checksums and rows agree. A restore runs in one transaction: reset
// the schema, migrate to the backup's version, load, recompute every checksum;
// on any difference it rolls back and the target is as it was.
import { createGzip, createGunzip } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable, Writable } from 'node:stream';
import { extract as tarExtract, pack as tarPack, type Header, type Pack } from 'tar-stream';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { EngineName } from '../../db/engine.js';
import type { Clock } from '../../shared/clock.js';
import { knownMigrations, migrateWithin } from '../../db/migrate.js';
import type { FileStorage } from '../attachments/storage.js';
import {
  addForeignKey,
  dropForeignKey,
  fixTextSettings,
  hasRows,
  insertRows,
  listColumns,
  listForeignKeys,
  listSequences,
  listTables,
  readRows,
  resetSchema,
  serverVersion,
  setSequence,
  setUserTriggers,
  tableChecksum,
  truncateAll,
  type Column,
  type SequenceState,
} from './catalog.js';

export const BACKUP_FORMAT = 'jiesu-backup';
export const BACKUP_FORMAT_VERSION = 1;

const MIGRATION_TABLE = 'kysely_migration';
const ATTACHMENTS = 'attachments';

export interface TableManifest {
  name: string;
  columns: Column[];
  rows: number;
  /** md5 over the sorted md5s of the row texts (catalog.ts `tableChecksum`). */
  checksum: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  engine: EngineName;
  serverVersion: string;
  /** The last migration applied; the restore migrates an empty database up to it. */
  migration: string | null;
  migrations: string[];
  tables: TableManifest[];
  sequences: SequenceState[];
  /** Uploaded files: included when the backup was given the file storage. */
  files: { included: boolean; expected: number };
}

interface FilesIndex {
  written: number;
  bytes: number;
  /** Storage keys of attachments whose file was not in the storage at backup time. */
  missing: string[];
}

const MESSAGES = {
  BACKUP_TARGET_NOT_EMPTY:
    '目标数据库已有数据,拒绝恢复。请恢复到空数据库,或加 --force 先清空它(其中现有数据将全部删除)',
  BACKUP_FORMAT_INVALID: '不是有效的接诉即办备份文件',
  BACKUP_FORMAT_UNSUPPORTED: '备份文件的格式版本不受本程序支持',
  BACKUP_NEWER_THAN_APP:
    '备份来自不同或更新版本的程序(含本程序不认识的数据库迁移),请先升级程序再恢复',
  BACKUP_SCHEMA_MISMATCH: '备份中的表结构与本程序迁移出的表结构不一致',
  BACKUP_LOAD_FAILED: '写入备份数据失败,已回滚,目标数据库未改动',
  BACKUP_CHECKSUM_MISMATCH: '恢复后的数据与备份清单的校验和不一致,已回滚,目标数据库未改动',
  BACKUP_FILES_RESTORE_FAILED: '数据库已恢复,但写回上传文件失败',
} as const;

export type BackupErrorCode = keyof typeof MESSAGES;

/** A backup or restore failure with a stable code and a Chinese message (the CLI prints both). */
export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    detail?: string,
  ) {
    super(detail ? `${MESSAGES[code]}:${detail}` : MESSAGES[code]);
  }
}

export interface BackupOptions {
  db: Kysely<DB>;
  engine: EngineName;
  clock: Clock;
  out: Writable;
  /** The uploaded files' storage; without it the archive holds the database only. */
  storage?: FileStorage;
  /** Rows fetched per cursor round trip. */
  batchRows?: number;
  /** Size at which a table's rows start a new tar entry. */
  chunkBytes?: number;
  onProgress?: (message: string) => void;
}

/** Writes the whole database (and its uploaded files) to `out`; resolves to the manifest once all is flushed. */
export async function backupDatabase(o: BackupOptions): Promise<BackupManifest> {
  const batchRows = o.batchRows ?? 2000;
  const chunkBytes = o.chunkBytes ?? 8 * 1024 * 1024;
  const pack = tarPack();
  const gzip = createGzip();
  pack.on('error', (err: Error) => gzip.destroy(err));
  pack.pipe(gzip);
  const written = pipeline(gzip, o.out);
  try {
    const manifest = await o.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        await fixTextSettings(trx);
        const names = await listTables(trx);
        const tables: TableManifest[] = [];
        for (const name of names) {
          const { rows, checksum } = await tableChecksum(trx, name);
          tables.push({ name, columns: await listColumns(trx, name), rows, checksum });
        }
        const migrations = names.includes(MIGRATION_TABLE)
          ? (
              await sql<{ name: string }>`
                SELECT name FROM ${sql.table(MIGRATION_TABLE)} ORDER BY name COLLATE "C"`.execute(
                trx,
              )
            ).rows.map((r) => r.name)
          : [];
        const keys =
          o.storage && names.includes(ATTACHMENTS)
            ? (
                await trx
                  .selectFrom('attachments')
                  .select('storage_key')
                  .orderBy('storage_key')
                  .execute()
              ).map((r) => r.storage_key)
            : [];
        const manifest: BackupManifest = {
          format: BACKUP_FORMAT,
          formatVersion: BACKUP_FORMAT_VERSION,
          createdAt: o.clock.now().toISOString(),
          engine: o.engine,
          serverVersion: await serverVersion(trx),
          migration: migrations.at(-1) ?? null,
          migrations,
          tables,
          sequences: await listSequences(trx),
          files: { included: !!o.storage, expected: keys.length },
        };
        await addEntry(pack, 'manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)));

        for (const t of tables) {
          let part: string[] = [];
          let partBytes = 0;
          let chunk = 0;
          let seen = 0;
          const flush = async () => {
            const name = `tables/${t.name}/${String(chunk++).padStart(6, '0')}.ndjson`;
            await addEntry(pack, name, Buffer.from(part.join('')));
            part = [];
            partBytes = 0;
          };
          for await (const rows of readRows(trx, t.name, batchRows)) {
            for (const r of rows) {
              const line = `${JSON.stringify(r)}\n`;
              part.push(line);
              partBytes += line.length;
              if (partBytes >= chunkBytes) await flush();
            }
            seen += rows.length;
          }
          if (part.length) await flush();
          // The snapshot makes this impossible; a difference would be a bug, never a backup.
          if (seen !== t.rows)
            throw new Error(`table ${t.name}: read ${seen} rows, counted ${t.rows}`);
          o.onProgress?.(`${t.name}: ${t.rows} rows`);
        }

        const index: FilesIndex = { written: 0, bytes: 0, missing: [] };
        for (const key of keys) {
          let data: Buffer;
          try {
            data = await o.storage!.get(key);
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
            index.missing.push(key);
            continue;
          }
          await addEntry(pack, `files/${key}`, data);
          index.written++;
          index.bytes += data.length;
        }
        if (o.storage) {
          await addEntry(pack, 'files.json', Buffer.from(JSON.stringify(index, null, 2)));
          o.onProgress?.(`files: ${index.written} (${index.missing.length} missing)`);
        }
        return manifest;
      });
    pack.finalize();
    await written;
    return manifest;
  } catch (err) {
    pack.destroy(err as Error);
    await written.catch(() => undefined);
    throw err;
  }
}

/** Adds one entry; resolves once the archive has taken it (its backpressure included). */
function addEntry(pack: Pack, name: string, data: Buffer): Promise<void> {
  return new Promise((ok, fail) => {
    const entry = pack.entry({ name, size: data.length, mtime: new Date(0) }, (err) =>
      err ? fail(err) : ok(),
    );
    entry.end(data);
  });
}

export interface RestoreOptions {
  db: Kysely<DB>;
  input: Readable;
  /** Where the uploaded files go back; without it the archive's files are skipped. */
  storage?: FileStorage;
  /** Empty a database that holds data first (it is all deleted). */
  force?: boolean;
  /** Rows per INSERT statement. */
  batchRows?: number;
  onProgress?: (message: string) => void;
}

export interface RestoreResult {
  manifest: BackupManifest;
  rows: number;
  files: number;
  /** Files missing at backup time, so not restored either. */
  missingFiles: string[];
}

const MAX_ENTRY_BYTES = 512 * 1024 * 1024;
const TABLE_ENTRY = /^tables\/([a-z0-9_]+)\/\d{6}\.ndjson$/;
const FILE_ENTRY = /^files\/([a-zA-Z0-9/_-]+)$/;

/**
 * Restores an archive into the database in one transaction and checks every
 * table's count and checksum before committing. Refuses a database that holds
 * data unless `force`. Uploaded files are written to the storage after the
 * commit, each checked against its attachment's sha256 first.
 */
export async function restoreDatabase(o: RestoreOptions): Promise<RestoreResult> {
  const batchRows = o.batchRows ?? 1000;
  const extract = tarExtract();
  const gunzip = createGunzip();
  const fail = (err: Error) =>
    extract.destroy(
      err instanceof BackupError ? err : new BackupError('BACKUP_FORMAT_INVALID', err.message),
    );
  o.input.on('error', fail);
  gunzip.on('error', fail);
  o.input.pipe(gunzip).pipe(extract);
  const entries = extract[Symbol.asyncIterator]();
  const staging = o.storage ? await mkdtemp(join(tmpdir(), 'jiesu-restore-')) : undefined;
  try {
    const first = await entries.next();
    if (first.done || first.value.header.name !== 'manifest.json')
      throw new BackupError('BACKUP_FORMAT_INVALID', '缺少 manifest.json');
    const manifest = parseManifest(await readEntry(first.value));
    const known = knownMigrations();
    if (manifest.migrations.some((m, i) => known[i] !== m))
      throw new BackupError('BACKUP_NEWER_THAN_APP', manifest.migration ?? '');

    const staged = new Map<string, string>(); // storage key → sha256
    let filesIndex: FilesIndex | undefined;
    let total = 0;
    let current: { table: string; rows: number; at: number } | undefined;
    const done = () => {
      if (current)
        o.onProgress?.(
          `${current.table}: ${current.rows} rows (${Math.round(performance.now() - current.at)} ms)`,
        );
    };
    await o.db.transaction().execute(async (trx) => {
      await fixTextSettings(trx);
      const withData: string[] = [];
      for (const t of await listTables(trx))
        if (!t.startsWith('kysely_') && (await hasRows(trx, t))) withData.push(t);
      if (withData.length && !o.force)
        throw new BackupError('BACKUP_TARGET_NOT_EMPTY', `${withData.length} 张表有数据`);

      await resetSchema(trx);
      if (manifest.migration) await migrateWithin(trx, manifest.migration);
      o.onProgress?.(`schema migrated to ${manifest.migration ?? '(none)'}`);
      const tables = await listTables(trx);
      const expected = new Map(manifest.tables.map((t) => [t.name, t]));
      for (const t of tables) {
        const want = expected.get(t);
        const have = await listColumns(trx, t);
        if (!want || JSON.stringify(want.columns) !== JSON.stringify(have))
          throw new BackupError('BACKUP_SCHEMA_MISMATCH', t);
      }
      const missingTables = manifest.tables.filter((t) => !tables.includes(t.name));
      if (missingTables.length)
        throw new BackupError(
          'BACKUP_SCHEMA_MISMATCH',
          missingTables.map((t) => t.name).join(', '),
        );

      // Rows go in as they were: no triggers, no foreign keys until all are in.
      const fks = await listForeignKeys(trx);
      for (const fk of fks) await dropForeignKey(trx, fk);
      for (const t of tables) await setUserTriggers(trx, t, false);
      await truncateAll(trx, tables); // the rows the migrations wrote, the migration table's included

      for (;;) {
        const next = await entries.next();
        if (next.done) break;
        const entry = next.value;
        const name = entry.header.name;
        const table = TABLE_ENTRY.exec(name)?.[1];
        const key = FILE_ENTRY.exec(name)?.[1];
        if (table) {
          if (!expected.has(table)) throw new BackupError('BACKUP_FORMAT_INVALID', name);
          if (current?.table !== table) {
            done();
            current = { table, rows: 0, at: performance.now() };
          }
          const lines = (await readEntry(entry)).toString('utf8').split('\n');
          let batch: string[] = [];
          const flush = async () => {
            try {
              await insertRows(trx, table, batch);
            } catch (err) {
              throw new BackupError('BACKUP_LOAD_FAILED', `${table}: ${(err as Error).message}`);
            }
            total += batch.length;
            current!.rows += batch.length;
            batch = [];
          };
          for (const line of lines) {
            if (!line) continue;
            const row: unknown = JSON.parse(line);
            if (typeof row !== 'string') throw new BackupError('BACKUP_FORMAT_INVALID', name);
            batch.push(row);
            if (batch.length >= batchRows) await flush();
          }
          if (batch.length) await flush();
        } else if (key && !key.includes('..')) {
          if (!staging) {
            await readEntry(entry); // the caller did not ask for files
            continue;
          }
          const data = await readEntry(entry);
          const path = join(staging, key);
          await mkdir(dirname(path), { recursive: true });
          await writeFile(path, data);
          staged.set(key, createHash('sha256').update(data).digest('hex'));
        } else if (name === 'files.json') {
          filesIndex = JSON.parse((await readEntry(entry)).toString('utf8')) as FilesIndex;
        } else {
          throw new BackupError('BACKUP_FORMAT_INVALID', name);
        }
      }
      done();
      o.onProgress?.(`${total} rows loaded`);

      for (const s of manifest.sequences) await setSequence(trx, s);
      for (const fk of fks) await addForeignKey(trx, fk);
      for (const t of tables) await setUserTriggers(trx, t, true);
      o.onProgress?.('sequences, foreign keys and triggers restored');

      const wrong: string[] = [];
      for (const t of manifest.tables) {
        const got = await tableChecksum(trx, t.name);
        if (got.rows !== t.rows || got.checksum !== t.checksum)
          wrong.push(`${t.name}(行数 ${got.rows}/${t.rows})`);
      }
      const sequences = new Map((await listSequences(trx)).map((s) => [s.name, s]));
      for (const s of manifest.sequences) {
        const got = sequences.get(s.name);
        if (got?.lastValue !== s.lastValue || got.isCalled !== s.isCalled)
          wrong.push(`序列 ${s.name}`);
      }
      if (staging && manifest.files.included && tables.includes(ATTACHMENTS)) {
        const missing = new Set(filesIndex?.missing ?? []);
        const rows = await trx
          .selectFrom('attachments')
          .select(['storage_key', 'sha256'])
          .execute();
        for (const r of rows) {
          const sha = staged.get(r.storage_key);
          if (sha === undefined ? !missing.has(r.storage_key) : sha !== r.sha256)
            wrong.push(`文件 ${r.storage_key}`);
        }
      }
      if (wrong.length) throw new BackupError('BACKUP_CHECKSUM_MISMATCH', wrong.join(', '));
      o.onProgress?.('counts and checksums verified');
    });

    if (o.storage && staging) {
      try {
        for (const key of staged.keys())
          await o.storage.put(key, await readFile(join(staging, key)));
      } catch (err) {
        throw new BackupError('BACKUP_FILES_RESTORE_FAILED', (err as Error).message);
      }
    }
    return { manifest, rows: total, files: staged.size, missingFiles: filesIndex?.missing ?? [] };
  } catch (err) {
    if (err instanceof SyntaxError) throw new BackupError('BACKUP_FORMAT_INVALID', err.message);
    throw err;
  } finally {
    extract.destroy();
    o.input.unpipe();
    if (staging) await rm(staging, { recursive: true, force: true });
  }
}

async function readEntry(entry: AsyncIterable<unknown> & { header: Header }): Promise<Buffer> {
  if ((entry.header.size ?? 0) > MAX_ENTRY_BYTES)
    throw new BackupError('BACKUP_FORMAT_INVALID', `${entry.header.name} 过大`);
  const parts: Buffer[] = [];
  for await (const part of entry) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

function parseManifest(data: Buffer): BackupManifest {
  let m: BackupManifest;
  try {
    m = JSON.parse(data.toString('utf8')) as BackupManifest;
  } catch {
    throw new BackupError('BACKUP_FORMAT_INVALID', 'manifest.json');
  }
  if (m?.format !== BACKUP_FORMAT) throw new BackupError('BACKUP_FORMAT_INVALID', 'manifest.json');
  if (m.formatVersion !== BACKUP_FORMAT_VERSION)
    throw new BackupError('BACKUP_FORMAT_UNSUPPORTED', String(m.formatVersion));
  if (!Array.isArray(m.tables) || !Array.isArray(m.migrations) || !Array.isArray(m.sequences))
    throw new BackupError('BACKUP_FORMAT_INVALID', 'manifest.json');
  return m;
}
