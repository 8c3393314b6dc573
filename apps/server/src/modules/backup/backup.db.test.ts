// Backup and restore round-trip exactly: every table's count and checksum, the
// sequences, the uploaded files, and a ticket read through the API are the same
// after a restore into a fresh database (a new embedded one, or a scratch
// database on the PostgreSQL server). A tampered archive fails its checksum and
// leaves the target as it was; a database with data is refused without --force.
// With TEST_DATABASE_URL, a PGlite backup is also restored into PostgreSQL.
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGunzip, createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { extract as tarExtract, pack as tarPack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { newDistrict, PASSWORD, type District } from '../../../test/factories.js';
import { PNG, uploadPng } from '../../../test/uploads.js';
import { openDatabase, type Database } from '../../db/engine.js';
import { migrateToLatest } from '../../db/migrate.js';
import { buildContainer } from '../../container.js';
import { buildApp, type App } from '../../app.js';
import { loadConfig } from '../../config.js';
import { ManualClock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { localStorage } from '../attachments/storage.js';
import { idCheckChar } from '../residents/idnumber.js';
import { listSequences, listTables, tableChecksum } from './catalog.js';
import { BackupError, backupDatabase, restoreDatabase, type BackupManifest } from './service.js';

const url = process.env.TEST_DATABASE_URL;
const work = mkdtempSync(join(tmpdir(), 'jiesu-backup-test-'));
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
  rmSync(work, { recursive: true, force: true });
});

interface Target {
  db: Database;
  storageDir: string;
  drop(): Promise<void>;
}

/** A fresh empty database of the given engine: a new embedded one, or a scratch database on the server. */
async function emptyTarget(engine: Database['engine']): Promise<Target> {
  const storageDir = join(work, `files-${newId()}`);
  if (engine === 'postgres') {
    const name = `jiesu_restore_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const target = new URL(url!);
    target.pathname = `/${name}`;
    const db = await openDatabase({ databaseUrl: target.toString(), poolSize: 2 });
    return {
      db,
      storageDir,
      async drop() {
        await db.close();
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name}`);
        await a.end();
      },
    };
  }
  const dir = join(work, `pglite-${newId()}`);
  const db = await openDatabase({ dataDir: dir });
  return { db, storageDir, drop: () => db.close() };
}

/** An app over a database (the harness's wiring), for reading back through the API. */
async function appOn(db: Database, storageDir: string, clock: ManualClock): Promise<App> {
  const config = { ...loadConfig({}), webDist: undefined, storageDir };
  const c = buildContainer({ db: db.db, clock, config });
  const app = await buildApp(c, { publicRateLimit: 10_000, loginRateLimit: 10_000 });
  await app.ready();
  return app;
}

async function getAs(app: App, username: string, path: string) {
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: PASSWORD },
  });
  expect(login.statusCode, login.body).toBe(200);
  const cookie = login.cookies.find((k) => k.name === 'jiesu_session')!;
  return app.inject({
    method: 'GET',
    url: path,
    headers: { cookie: `${cookie.name}=${cookie.value}` },
  });
}

/** A district with a closed-loop ticket (events), a photo attachment and a resident. */
async function seed(d: District) {
  const agent = await d.login('agent');
  const photo = await uploadPng(agent, '现场照片.png');
  const withPhoto = await d.newTicket({ attachmentIds: [photo], title: '备份测试:路灯不亮' });
  const handled = await d.ticketIn('replied');
  const village = await d.login('village');
  const h = await village.post('/api/households', {
    gridId: d.nodes.grid1,
    address: '东湖路 1 号 3 单元 201',
  });
  expect(h.status).toBe(201);
  const first17 = '11010119560308123';
  const r = await village.post('/api/residents', {
    householdId: h.body.id,
    name: '王秀兰',
    relation: '户主',
    phone: '13800138001',
    idNumber: first17 + idCheckChar(first17),
    kinds: ['elderly_alone'],
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { photo, withPhoto: withPhoto.id as string, handled: handled.id as string };
}

async function backupTo(file: string, db: Database, storageDir: string): Promise<BackupManifest> {
  return backupDatabase({
    db: db.db,
    engine: db.engine,
    clock: ctx.clock,
    out: createWriteStream(file),
    storage: localStorage(storageDir),
  });
}

function restoreFrom(file: string, t: Target, force = false) {
  return restoreDatabase({
    db: t.db.db,
    input: createReadStream(file),
    storage: localStorage(t.storageDir),
    force,
  });
}

/** Every table of the target has the manifest's count and checksum, and the sequences their values. */
async function expectMatches(t: Target, manifest: BackupManifest) {
  const tables = await listTables(t.db.db);
  expect(tables).toEqual(manifest.tables.map((x) => x.name));
  for (const m of manifest.tables)
    expect({ name: m.name, ...(await tableChecksum(t.db.db, m.name)) }).toEqual({
      name: m.name,
      rows: m.rows,
      checksum: m.checksum,
    });
  expect(await listSequences(t.db.db)).toEqual(manifest.sequences);
}

/** Copies an archive, changing the text of one table's rows. */
async function tamper(from: string, to: string, table: string, edit: (s: string) => string) {
  const extract = tarExtract();
  const pack = tarPack();
  const gzip = createGzip();
  pack.pipe(gzip);
  const out = pipeline(gzip, createWriteStream(to));
  createReadStream(from).pipe(createGunzip()).pipe(extract);
  let changed = false;
  for await (const entry of extract) {
    const parts: Buffer[] = [];
    for await (const p of entry) parts.push(p as Buffer);
    let data = Buffer.concat(parts);
    if (entry.header.name.startsWith(`tables/${table}/`)) {
      const text = edit(data.toString('utf8'));
      changed ||= text !== data.toString('utf8');
      data = Buffer.from(text);
    }
    await new Promise<void>((ok, fail) =>
      pack.entry({ name: entry.header.name, size: data.length }, data, (e) => (e ? fail(e) : ok())),
    );
  }
  pack.finalize();
  await out;
  expect(changed).toBe(true);
}

async function expectCode(p: Promise<unknown>, code: string) {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'expected a failure').toBeInstanceOf(BackupError);
  expect((err as BackupError).code, (err as Error).message).toBe(code);
}

describe('backup and restore', () => {
  it('round-trips every table, sequence, file and ticket; refuses data; a tampered archive rolls back', async () => {
    const d = await ctx.newDistrict();
    const ids = await seed(d);
    const file = join(work, 'same-engine.tar.gz');
    const manifest = await backupTo(file, ctx.db, ctx.storageDir);
    expect(manifest.engine).toBe(ctx.engine);
    expect(manifest.migration).toBe(manifest.migrations.at(-1));
    const byName = new Map(manifest.tables.map((t) => [t.name, t]));
    for (const t of ['tickets', 'ticket_events', 'attachments', 'residents', 'kysely_migration'])
      expect(byName.get(t)?.rows, t).toBeGreaterThan(0);
    expect(manifest.files).toEqual({ included: true, expected: byName.get('attachments')!.rows });

    const bad = join(work, 'tampered.tar.gz');
    await tamper(file, bad, 'tickets', (s) => s.replace('备份测试:路灯不亮', '备份测试:路灯很亮'));

    const target = await emptyTarget(ctx.engine);
    try {
      // A tampered archive into the empty database: the checksum fails, nothing is left behind.
      await expectCode(restoreFrom(bad, target), 'BACKUP_CHECKSUM_MISMATCH');
      expect(await listTables(target.db.db)).toEqual([]);

      const r = await restoreFrom(file, target);
      expect(r.rows).toBe(manifest.tables.reduce((n, t) => n + t.rows, 0));
      expect(r.files).toBeGreaterThan(0);
      await expectMatches(target, manifest);

      // A database with data is refused; with --force a tampered archive still rolls back whole.
      await expectCode(restoreFrom(file, target), 'BACKUP_TARGET_NOT_EMPTY');
      await expectCode(restoreFrom(bad, target, true), 'BACKUP_CHECKSUM_MISMATCH');
      await expectMatches(target, manifest);

      // The tickets read back identically through the API, the photo byte for byte.
      const restored = await appOn(target.db, target.storageDir, ctx.clock);
      try {
        const agent = await d.login('agent');
        for (const path of [
          `/api/tickets/${ids.withPhoto}`,
          `/api/tickets/${ids.handled}`,
          `/api/tickets/${ids.handled}/events`,
        ]) {
          const before = await agent.get(path);
          const after = await getAs(restored, `${d.tenantId}-agent`, path);
          expect(after.statusCode).toBe(200);
          expect(after.json()).toEqual(before.body);
        }
        expect((await agent.get(`/api/tickets/${ids.handled}/events`)).body.length).toBeGreaterThan(
          3,
        );
        const photo = await getAs(restored, `${d.tenantId}-agent`, `/api/attachments/${ids.photo}`);
        expect(photo.statusCode).toBe(200);
        expect(photo.rawPayload.equals(PNG)).toBe(true);
      } finally {
        await restored.close();
      }
    } finally {
      await target.drop();
    }
  }, 300_000);

  it('refuses an archive that is not a backup, or whose manifest is from an unknown migration', async () => {
    const target = await emptyTarget(ctx.engine);
    try {
      const junk = join(work, 'junk.tar.gz');
      await writeFile(junk, 'not a backup');
      await expectCode(restoreFrom(junk, target), 'BACKUP_FORMAT_INVALID');

      const newer = join(work, 'newer.tar.gz');
      const manifest = {
        format: 'jiesu-backup',
        formatVersion: 1,
        migration: '29990101_9999_future',
        migrations: ['29990101_9999_future'],
        tables: [],
        sequences: [],
        files: { included: false, expected: 0 },
      };
      const pack = tarPack();
      const gzip = createGzip();
      pack.pipe(gzip);
      const out = pipeline(gzip, createWriteStream(newer));
      pack.entry({ name: 'manifest.json' }, JSON.stringify(manifest));
      pack.finalize();
      await out;
      await expectCode(restoreFrom(newer, target), 'BACKUP_NEWER_THAN_APP');
      expect(await listTables(target.db.db)).toEqual([]);
    } finally {
      await target.drop();
    }
  }, 120_000);

  it.skipIf(!url)(
    'a PGlite backup restores into PostgreSQL with the same checksums',
    async () => {
      const clock = new ManualClock('2026-11-02T01:00:00Z');
      const source = await openDatabase({});
      const storageDir = join(work, 'pglite-files');
      try {
        await migrateToLatest(source.db);
        const app = await appOn(source, storageDir, clock);
        const config = { ...loadConfig({}), webDist: undefined, storageDir };
        const d = await newDistrict(buildContainer({ db: source.db, clock, config }), app, clock);
        const ids = await seed(d);
        const file = join(work, 'cross-engine.tar.gz');
        const manifest = await backupTo(file, source, storageDir);
        expect(manifest.engine).toBe('pglite');
        const target = await emptyTarget('postgres');
        try {
          await restoreFrom(file, target);
          await expectMatches(target, manifest);
          const restored = await appOn(target.db, target.storageDir, clock);
          try {
            const before = await getAs(app, `${d.tenantId}-agent`, `/api/tickets/${ids.handled}`);
            const after = await getAs(
              restored,
              `${d.tenantId}-agent`,
              `/api/tickets/${ids.handled}`,
            );
            expect(after.json()).toEqual(before.json());
            const photo = await getAs(
              restored,
              `${d.tenantId}-agent`,
              `/api/attachments/${ids.photo}`,
            );
            expect(photo.rawPayload.equals(PNG)).toBe(true);
          } finally {
            await restored.close();
          }
        } finally {
          await target.drop();
        }
        await app.close();
      } finally {
        await source.close();
      }
    },
    600_000,
  );
});
