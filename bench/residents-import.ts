// Residents import: how many residents per second the ledger takes in from an
// Excel file, through the whole path — the multipart upload, parsing the
// workbook, validating every row (ID checksum, grid in scope, kinds, duplicates
// in the file and against the ledger by keyed hash), encrypting ID numbers and
// storing the preview job (`preview`), then the confirmed commit in chunks of
// 500 with its progress row (`commit`). Beside it, on the same engine, a
// baseline: the same rows inserted into a bare table without indexes in one
// statement per 2,000 rows (what the database alone does).
//
// Engines: PGlite always; PostgreSQL when --database-url or TEST_DATABASE_URL /
// BENCH_DATABASE_URL is set. Sizes: 1,000 and 10,000 residents (--sizes).
// JSON on stdout, a table on stderr.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { sql, type Kysely } from 'kysely';
import { RESIDENT_IMPORT_COLUMNS } from '@jiesu/contracts';
import { openDatabase, type Database, type EngineName } from '../apps/server/src/db/engine.js';
import { migrateToLatest } from '../apps/server/src/db/migrate.js';
import { buildContainer, type Container } from '../apps/server/src/container.js';
import { buildApp, type App } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { systemClock } from '../apps/server/src/shared/clock.js';
import { newDistrict, PASSWORD } from '../apps/server/test/factories.js';
import { idCheckChar } from '../apps/server/src/modules/residents/idnumber.js';
import { pgliteTemplate } from './lib/pglite-template.js';
import { round } from './lib/machine.js';

const USAGE = `usage: npm run bench -- residents-import [--sizes 1000,10000] [--engines pglite,postgres] [--database-url URL]`;

interface SizeFigures {
  residents: number;
  workbookMs: number;
  previewMs: number;
  commitMs: number;
  totalMs: number;
  residentsPerS: number;
  commitResidentsPerS: number;
  householdsCreated: number;
  baselineMs: number;
  baselineRowsPerS: number;
  check: { rowsInLedger: number; ok: boolean };
}

const t0 = performance.now();
const log = (msg: string) =>
  console.error(`[residents-import +${((performance.now() - t0) / 1000).toFixed(1)} s] ${msg}`);

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';

function rowsFor(n: number, gridName: string, offset: number): string[][] {
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const k = offset + i;
    const year = 1940 + (k % 80);
    const birth = `${year}${String((k % 12) + 1).padStart(2, '0')}${String((k % 28) + 1).padStart(2, '0')}`;
    const first17 = `1399${String(Math.floor(k / 1000) % 100).padStart(2, '0')}${birth}${String(k % 1000).padStart(3, '0')}`;
    rows.push([
      gridName,
      `测试路 ${Math.floor(k / 3) + 1} 号`,
      SURNAMES[k % SURNAMES.length]! +
        GIVEN[(k * 7) % GIVEN.length]! +
        GIVEN[(k * 13) % GIVEN.length]!,
      '',
      '',
      k % 3 === 0 ? '户主' : '家庭成员',
      `139${String(10_000_000 + k).slice(-8)}`,
      first17 + idCheckChar(first17),
      k % 10 === 0 ? '户籍人口、独居老人' : '户籍人口',
      k % 10 === 0 ? '定期服药' : '',
      '',
    ]);
  }
  return rows;
}

async function workbook(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('住户人员');
  ws.addRow([...RESIDENT_IMPORT_COLUMNS]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function signIn(app: App, username: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((k) => k.name === 'jiesu_session')!;
  return {
    cookie: `jiesu_session=${cookie.value}`,
    'x-csrf-token': res.json().csrfToken as string,
  };
}

async function measureSize(
  c: Container,
  app: App,
  n: number,
  offset: number,
): Promise<SizeFigures> {
  const district = await newDistrict(c, app, systemClock);
  const headers = await signIn(app, `${district.tenantId}-admin`);
  const grid = await c.db
    .selectFrom('jurisdictions')
    .select('name')
    .where('id', '=', district.nodes.grid1)
    .executeTakeFirstOrThrow();
  let t = performance.now();
  const data = await workbook(rowsFor(n, grid.name, offset));
  const workbookMs = performance.now() - t;

  const boundary = '----jiesubench' + n;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  t = performance.now();
  const up = await app.inject({
    method: 'POST',
    url: '/api/residents/imports',
    headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
  const previewMs = performance.now() - t;
  if (up.statusCode !== 200) throw new Error(`preview: ${up.statusCode} ${up.body}`);
  const job = up.json();
  if (job.valid !== n)
    throw new Error(
      `preview: ${job.valid} valid of ${n}: ${JSON.stringify(job.errors.slice(0, 3))}`,
    );

  t = performance.now();
  const go = await app.inject({
    method: 'POST',
    url: `/api/residents/imports/${job.id}/commit`,
    headers,
  });
  if (go.statusCode !== 202) throw new Error(`commit: ${go.statusCode} ${go.body}`);
  await c.residents.settled(job.id);
  const commitMs = performance.now() - t;
  const done = (
    await app.inject({ method: 'GET', url: `/api/residents/imports/${job.id}`, headers })
  ).json();
  if (done.status !== 'done') throw new Error(`commit: ${done.status} ${done.failure}`);
  const inLedger = await c.db
    .selectFrom('residents')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', district.tenantId)
    .executeTakeFirstOrThrow();

  // Baseline: the same number of rows into a bare table, one statement per 2,000 rows.
  const db = c.db as unknown as Kysely<unknown>;
  await sql`DROP TABLE IF EXISTS bench_residents_baseline`.execute(db);
  await sql`CREATE TABLE bench_residents_baseline (id uuid, name text, address text, phone text, id_number text, kinds text[])`.execute(
    db,
  );
  const base = rowsFor(n, grid.name, offset).map((r, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: r[2],
    address: r[1],
    phone: r[6],
    id_number: r[7],
    kinds: ['registered'],
  }));
  t = performance.now();
  for (let i = 0; i < base.length; i += 2000)
    await sql`INSERT INTO bench_residents_baseline SELECT * FROM jsonb_populate_recordset(NULL::bench_residents_baseline, ${JSON.stringify(base.slice(i, i + 2000))}::jsonb)`.execute(
      db,
    );
  const baselineMs = performance.now() - t;
  await sql`DROP TABLE bench_residents_baseline`.execute(db);

  const totalMs = previewMs + commitMs;
  return {
    residents: n,
    workbookMs: round(workbookMs),
    previewMs: round(previewMs),
    commitMs: round(commitMs),
    totalMs: round(totalMs),
    residentsPerS: round((n / totalMs) * 1000, 0),
    commitResidentsPerS: round((n / commitMs) * 1000, 0),
    householdsCreated: done.householdsCreated,
    baselineMs: round(baselineMs),
    baselineRowsPerS: round((n / baselineMs) * 1000, 0),
    check: { rowsInLedger: Number(inLedger.n), ok: Number(inLedger.n) === n },
  };
}

async function benchEngine(engine: EngineName, sizes: number[], url: string | undefined) {
  const scratch = mkdtempSync(join(tmpdir(), 'jiesu-bench-'));
  let database: Database | undefined;
  let app: App | undefined;
  try {
    database =
      engine === 'postgres'
        ? await openDatabase({ databaseUrl: url! })
        : await openDatabase({
            dataDir: join(scratch, 'pglite'),
            loadDataDir: await pgliteTemplate(),
          });
    await migrateToLatest(database.db);
    const config = {
      ...loadConfig({}),
      webDist: undefined,
      storageDir: join(scratch, 'files'),
      maxUploadBytes: 50 * 1024 * 1024,
    };
    const c = buildContainer({ db: database.db, clock: systemClock, config });
    app = await buildApp(c, { logger: false, loginRateLimit: 10_000 });
    await app.ready();
    const figures: SizeFigures[] = [];
    // Distinct ID numbers per run, so repeated runs on PostgreSQL never collide.
    let offset = Math.floor(Math.random() * 50) * 200_000;
    for (const n of sizes) {
      log(`${engine}: importing ${n} residents`);
      const f = await measureSize(c, app, n, offset);
      offset += n;
      log(
        `${engine}: ${n} → ${f.residentsPerS} residents/s (preview ${f.previewMs} ms, commit ${f.commitMs} ms)`,
      );
      figures.push(f);
    }
    return { status: 'ok' as const, figures };
  } catch (err) {
    return {
      status: 'failed' as const,
      reason: err instanceof Error ? (err.stack ?? err.message) : String(err),
    };
  } finally {
    await app?.close();
    await database?.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

function table(results: Record<string, Awaited<ReturnType<typeof benchEngine>>>): string {
  const rows: string[][] = [
    [
      'engine',
      'residents',
      'preview ms',
      'commit ms',
      'residents/s',
      'commit/s',
      'baseline rows/s',
      'check',
    ],
  ];
  for (const [engine, r] of Object.entries(results)) {
    if (r.status !== 'ok') {
      rows.push([engine, r.status, (r.reason ?? '').split('\n')[0]!]);
      continue;
    }
    for (const f of r.figures)
      rows.push([
        engine,
        String(f.residents),
        String(f.previewMs),
        String(f.commitMs),
        String(f.residentsPerS),
        String(f.commitResidentsPerS),
        String(f.baselineRowsPerS),
        f.check.ok ? 'ok' : `FAIL (${f.check.rowsInLedger})`,
      ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => c.padStart(widths[i]!)).join('  ')).join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '1000,10000' },
      engines: { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  const url =
    values['database-url'] ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const engines = (values.engines ?? (url ? 'pglite,postgres' : 'pglite')).split(
    ',',
  ) as EngineName[];
  const sizes = values.sizes.split(',').map(Number);
  const results: Record<string, Awaited<ReturnType<typeof benchEngine>>> = {};
  for (const e of engines) {
    if (e === 'postgres' && !url) {
      results[e] = { status: 'failed', reason: 'no --database-url / TEST_DATABASE_URL' };
      continue;
    }
    results[e] = await benchEngine(e, sizes, url);
  }
  console.error('\n' + table(results));
  process.stdout.write(
    JSON.stringify(
      { benchmark: 'residents-import', at: new Date().toISOString(), results },
      null,
      2,
    ) + '\n',
  );
  return Object.values(results).some((r) => r.status !== 'ok' || r.figures.some((f) => !f.check.ok))
    ? 1
    : 0;
}
