// Intake throughput: POST /api/tickets over real HTTP as a signed-in hotline
// agent, the full path (session lookup, validation, ticket code, row and
// `create` event in one transaction, the ticket view in the reply), on the
// embedded engine and on PostgreSQL, each next to a baseline measured in the
// same run on the same database: a bare Fastify route inserting one row.
//
// The server runs in this process, exactly as main.ts would run it; the load
// comes from a child process (see lib/load.ts). Prints one JSON document on
// stdout and a table on stderr.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type Database, type EngineName } from '../apps/server/src/db/engine.js';
import { migrateToLatest } from '../apps/server/src/db/migrate.js';
import { buildContainer } from '../apps/server/src/container.js';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { systemClock } from '../apps/server/src/shared/clock.js';
import { SESSION_COOKIE } from '../apps/server/src/plugins/auth.js';
import { newDistrict, PASSWORD } from '../apps/server/test/factories.js';
import { intakeBodies, type IntakeTargets } from './lib/payloads.js';
import {
  startLoadGenerator,
  type LoadGenerator,
  type LoadOrder,
  type LoadResult,
} from './lib/load.js';
import {
  countResponses,
  diff,
  snapshot,
  waitIdle,
  type ServerCounters,
} from './lib/server-stats.js';
import { backgroundLoad, round, startCpuMeter, type CpuFigures } from './lib/machine.js';
import { pgliteTemplate } from './lib/pglite-template.js';
import { APP_NAME, attachProfiler, type Profiler, type ProfileReport } from './lib/profile.js';
import {
  BASELINE_PATH,
  buildBaselineApp,
  dropBaselineSchema,
  engineStore,
  pgPoolStore,
  prepareBaselineSchema,
  type BaselineStore,
} from './lib/baseline.js';
import { benchServerUrl, DEFAULT_SERVER_URL, scratchDatabase } from './lib/scratch-db.js';

const ENGINES: EngineName[] = ['postgres', 'pglite'];
/** The goals; reported, never enforced by the exit code. */
const GOALS = { postgresTicketsPerS: 1500, postgresRatio: 0.5, pgliteTicketsPerS: 500 };
const BODIES = 4096;
/** Above this much CPU used by other processes during a run, its figures are flagged. */
const BUSY_PCT = 20;

interface Options {
  durationS: number;
  warmupS: number;
  connections: number;
  engines: EngineName[];
  databaseUrl: string;
  profile: boolean;
  requirePostgres: boolean;
}

const USAGE = `npm run bench -- intake [--duration 10] [--warmup 2] [--connections 20]
    [--engines postgres,pglite] [--database-url URL] [--profile] [--require-postgres]

  --duration S        measured seconds per target (default 10)
  --warmup S          warm-up seconds before each measurement (default 2)
  --connections N     concurrent HTTP connections (default 20)
  --engines LIST      which engines to measure (default postgres,pglite)
  --database-url URL  PostgreSQL server (default $BENCH_DATABASE_URL, $TEST_DATABASE_URL or
                      ${DEFAULT_SERVER_URL}); the scratch database bench_intake is made on it
  --profile           time the phases and SQL statements of each intake request and take a
                      CPU profile of the server (slower: read proportions, not throughput)
  --require-postgres  fail instead of skipping when PostgreSQL is unreachable`;

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '20' },
      engines: { type: 'string', default: ENGINES.join(',') },
      'database-url': { type: 'string' },
      profile: { type: 'boolean', default: false },
      'require-postgres': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.error(USAGE);
    process.exit(0);
  }
  const num = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min)
      throw new Error(`--${name} must be a number ≥ ${min}, got ${v}`);
    return n;
  };
  const engines = values.engines.split(',').map((e) => e.trim()) as EngineName[];
  for (const e of engines)
    if (!ENGINES.includes(e)) throw new Error(`unknown engine ${e} (known: ${ENGINES.join(', ')})`);
  return {
    durationS: num('duration', values.duration, 1),
    warmupS: num('warmup', values.warmup, 0),
    connections: Math.floor(num('connections', values.connections, 1)),
    engines,
    databaseUrl: benchServerUrl(values['database-url']),
    profile: values.profile,
    requirePostgres: values['require-postgres'],
  };
}

// ---------------------------------------------------------------- figures

interface Check {
  ok: boolean;
  /** Rows the run added to the table (tickets, or the baseline's rows). */
  rowsCreated: number;
  /** 2xx responses the server sent: must equal rowsCreated. */
  serverOk2xx: number;
  /** 2xx responses the load generator received. */
  clientOk2xx: number;
  /** Requests in flight when the timed run ended: the load generator dropped them, the server finished them. */
  abandonedAtStop: number;
  problems: string[];
}

interface RunFigures {
  ticketsPerS: number;
  latencyMs: { p50: number; p99: number; mean: number; max: number };
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  durationS: number;
  check: Check;
  cpu: CpuFigures;
  errorSamples?: Array<{ status: number; body: string }>;
  /** Errors the server raised during the run, answered or not (a client gone meanwhile gets none). */
  serverErrors?: Record<string, number>;
  profile?: ProfileReport;
}

interface EngineReport {
  status: 'ok' | 'skipped' | 'failed';
  reason?: string;
  server?: string;
  intake?: RunFigures;
  baseline?: RunFigures;
  /** intake tickets/s ÷ baseline rows/s. */
  ratioToBaseline?: number;
  goals?: Array<{ goal: string; target: number; actual: number; met: boolean }>;
}

// ---------------------------------------------------------------- measuring

interface Target {
  label: string;
  order: Omit<LoadOrder, 'durationS'>;
  counters: ServerCounters;
  countRows: () => Promise<number>;
  profiler?: Profiler;
}

const t0 = performance.now();
function log(msg: string): void {
  console.error(`[intake +${((performance.now() - t0) / 1000).toFixed(1)} s] ${msg}`);
}

/** Warm-up, then one timed run; then checks the rows against what the server answered. */
async function measure(load: LoadGenerator, t: Target, o: Options): Promise<RunFigures> {
  t.counters.errorSamples.length = 0;
  if (o.warmupS > 0) await load.run({ ...t.order, durationS: o.warmupS });
  const problems: string[] = [];
  const busyAfterWarmup = await waitIdle(t.counters);
  if (busyAfterWarmup)
    problems.push(`server still busy 15 s after the warm-up: ${busyAfterWarmup}`);
  const rows0 = await t.countRows();
  const s0 = snapshot(t.counters);
  await t.profiler?.start();
  const meter = startCpuMeter();
  const r: LoadResult = await load.run({ ...t.order, durationS: o.durationS });
  const cpu = meter.stop(r.cpuMs, r.ok2xx + r.non2xx);
  const profile = await t.profiler?.stop(t.label);
  const busyAfterRun = await waitIdle(t.counters);
  if (busyAfterRun) problems.push(`server still busy 15 s after the run: ${busyAfterRun}`);
  const server = diff(snapshot(t.counters), s0);
  const rowsCreated = (await t.countRows()) - rows0;
  const abandonedAtStop = server.ok2xx - r.ok2xx;

  if (rowsCreated !== server.ok2xx) {
    problems.push(`${rowsCreated} rows created but the server answered 2xx ${server.ok2xx} times`);
  }
  if (abandonedAtStop < 0 || abandonedAtStop > o.connections) {
    problems.push(
      `client saw ${r.ok2xx} 2xx, server sent ${server.ok2xx}: more apart than the ${o.connections} connections explain`,
    );
  }
  if (Object.keys(server.raised).length) {
    problems.push(`the server raised errors: ${JSON.stringify(server.raised)}`);
  }
  if (r.non2xx || r.errors || r.timeouts) {
    problems.push(
      `${r.non2xx} non-2xx responses, ${r.errors} connection errors, ${r.timeouts} timeouts`,
    );
  }
  const figures: RunFigures = {
    ticketsPerS: round(r.ok2xx / r.durationS),
    latencyMs: {
      p50: r.latencyMs.p50,
      p99: r.latencyMs.p99,
      mean: round(r.latencyMs.mean, 2),
      max: r.latencyMs.max,
    },
    ok2xx: r.ok2xx,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes: r.statusCodes,
    durationS: r.durationS,
    check: {
      ok: problems.length === 0,
      rowsCreated,
      serverOk2xx: server.ok2xx,
      clientOk2xx: r.ok2xx,
      abandonedAtStop,
      problems,
    },
    cpu,
  };
  if (t.counters.errorSamples.length) figures.errorSamples = t.counters.errorSamples;
  if (Object.keys(server.raised).length) figures.serverErrors = server.raised;
  if (profile) figures.profile = profile;
  return figures;
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/** Signs in over HTTP, as a browser would: the session cookie plus the CSRF token unsafe requests echo. */
async function signIn(base: string, username: string): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200)
    throw new Error(`login as ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  const { csrfToken } = (await res.json()) as { csrfToken?: string };
  if (!cookie || !csrfToken) throw new Error('login gave no session cookie or CSRF token');
  return { cookie, 'x-csrf-token': csrfToken };
}

async function benchIntake(
  database: Database,
  o: Options,
  load: LoadGenerator,
  filesDir: string,
  /** The scratch database's URL on PostgreSQL, for the profiler's activity sampler. */
  postgresUrl: string | undefined,
): Promise<RunFigures> {
  const config = { ...loadConfig({}), storageDir: filesDir };
  const c = buildContainer({ db: database.db, clock: systemClock, config });
  // Logger off as in the tests: main.ts logs every request at 'info', which
  // this figure does not include.
  const app = await buildApp(c, { logger: false });
  const counters = countResponses(app);
  const profiler = o.profile ? attachProfiler(app, '/api/tickets', postgresUrl) : undefined;
  try {
    const base = await listen(app);
    const district = await newDistrict(c, app, systemClock);
    const headers = await signIn(base, `${district.tenantId}-agent`);
    const targets: IntakeTargets = {
      categories: {
        streetLight: district.categories.leaf,
        manhole: district.categories.other,
        heating: district.categories.heating,
        urbanGeneral: district.categories.root,
      },
      jurisdictionIds: [
        district.nodes.vil1,
        district.nodes.vil2,
        district.nodes.vil3,
        district.nodes.grid1,
        district.nodes.twp2,
      ],
    };
    const bodies = intakeBodies(targets, BODIES);

    // One request by hand first: a broken route should fail loudly here, not
    // show up as a wall of 4xx in the figures.
    const smoke = await fetch(`${base}/api/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: bodies[0],
    });
    const view = (await smoke.json()) as { code?: string; state?: string };
    if (smoke.status !== 201 || view.state !== 'received' || !view.code) {
      throw new Error(`smoke intake failed: ${smoke.status} ${JSON.stringify(view).slice(0, 500)}`);
    }

    const tenantId = district.tenantId;
    const count = async (table: 'tickets' | 'ticket_events', createOnly = false) => {
      let q = database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('tenant_id', '=', tenantId);
      if (createOnly) q = q.where(sql.ref('action'), '=', 'create');
      return Number((await q.executeTakeFirstOrThrow()).n);
    };
    const events0 = await count('ticket_events', true);
    const tickets0 = await count('tickets');
    log(
      `${database.engine}: intake, ${o.warmupS} s warm-up + ${o.durationS} s at ${o.connections} connections`,
    );
    const figures = await measure(
      load,
      {
        label: `intake-${database.engine}`,
        order: { url: base, path: '/api/tickets', headers, bodies, connections: o.connections },
        counters,
        countRows: () => count('tickets'),
        profiler,
      },
      o,
    );

    // Every ticket has its `create` event, and codes have no gaps: the day
    // counters add up to the tenant's tickets.
    const tickets = await count('tickets');
    const events = (await count('ticket_events', true)) - events0;
    if (events !== tickets - tickets0) {
      figures.check.problems.push(`${tickets - tickets0} tickets but ${events} create events`);
    }
    const codes = await database.db
      .selectFrom('ticket_code_counters')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('last'), sql<string>`0`).as('n'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    if (Number(codes.n) !== tickets) {
      figures.check.problems.push(`code counters say ${codes.n} tickets, the table has ${tickets}`);
    }
    figures.check.ok = figures.check.problems.length === 0;
    return figures;
  } finally {
    await app.close();
  }
}

async function benchBaseline(
  store: BaselineStore,
  engine: EngineName,
  o: Options,
  load: LoadGenerator,
  bodies: string[],
): Promise<RunFigures> {
  await prepareBaselineSchema(store);
  const app = buildBaselineApp(store);
  const counters = countResponses(app);
  try {
    const base = await listen(app);
    log(
      `${engine}: baseline, ${o.warmupS} s warm-up + ${o.durationS} s at ${o.connections} connections`,
    );
    return await measure(
      load,
      {
        label: `baseline-${engine}`,
        order: { url: base, path: BASELINE_PATH, headers: {}, bodies, connections: o.connections },
        counters,
        countRows: () => store.count(),
      },
      o,
    );
  } finally {
    await app.close();
    await dropBaselineSchema(store).catch(() => undefined);
  }
}

/** Payloads for the baseline: the same shape and size as the intake's (its ids do not matter there). */
function baselineBodies(): string[] {
  const id = '00000000-0000-4000-8000-000000000000';
  return intakeBodies(
    {
      categories: { streetLight: id, manhole: id, heating: id, urbanGeneral: id },
      jurisdictionIds: [id],
    },
    BODIES,
  );
}

async function serverVersion(db: Kysely<unknown>): Promise<string> {
  const r = await sql<{ v: string }>`SELECT version() AS v`.execute(db);
  return r.rows[0]?.v.split(' on ')[0] ?? '?';
}

/** Whether the PostgreSQL server answers; the reason when it does not. */
async function probePostgres(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return (err as Error).message || String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function benchEngine(
  engine: EngineName,
  o: Options,
  load: LoadGenerator,
): Promise<EngineReport> {
  const scratch = mkdtempSync(join(tmpdir(), 'jiesu-bench-'));
  let database: Database | undefined;
  let baselineStore: BaselineStore | undefined;
  let postgresUrl: string | undefined;
  try {
    if (engine === 'postgres') {
      const unreachable = await probePostgres(o.databaseUrl);
      if (unreachable) {
        return {
          status: o.requirePostgres ? 'failed' : 'skipped',
          reason: `PostgreSQL at ${redact(o.databaseUrl)} unreachable: ${unreachable}`,
        };
      }
      postgresUrl = (await scratchDatabase(o.databaseUrl, 'bench_intake')).url;
      database = await openDatabase({ databaseUrl: postgresUrl });
      baselineStore = pgPoolStore(postgresUrl);
    } else {
      log('pglite: opening a migrated database in a temp dir');
      database = await openDatabase({
        dataDir: join(scratch, 'pglite'),
        loadDataDir: await pgliteTemplate(),
      });
      baselineStore = engineStore(database.db as unknown as Kysely<unknown>);
    }
    await migrateToLatest(database.db);
    log(`${engine}: database ready`);
    const report: EngineReport = {
      status: 'ok',
      server: await serverVersion(database.db as unknown as Kysely<unknown>),
    };
    report.intake = await benchIntake(database, o, load, join(scratch, 'files'), postgresUrl);
    report.baseline = await benchBaseline(baselineStore, engine, o, load, baselineBodies());
    report.ratioToBaseline = round(report.intake.ticketsPerS / report.baseline.ticketsPerS, 3);
    const t = report.intake.ticketsPerS;
    report.goals =
      engine === 'postgres'
        ? [
            {
              goal: 'tickets/s',
              target: GOALS.postgresTicketsPerS,
              actual: t,
              met: t >= GOALS.postgresTicketsPerS,
            },
            {
              goal: 'ratio to baseline',
              target: GOALS.postgresRatio,
              actual: report.ratioToBaseline,
              met: report.ratioToBaseline >= GOALS.postgresRatio,
            },
          ]
        : [
            {
              goal: 'tickets/s',
              target: GOALS.pgliteTicketsPerS,
              actual: t,
              met: t >= GOALS.pgliteTicketsPerS,
            },
          ];
    return report;
  } catch (err) {
    return { status: 'failed', reason: String((err as Error)?.stack ?? err) };
  } finally {
    if (engine === 'postgres') await baselineStore?.close().catch(() => undefined);
    await database?.close().catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

// ---------------------------------------------------------------- report

function table(results: Partial<Record<EngineName, EngineReport>>): string {
  const head = [
    'engine',
    'target',
    '2xx/s',
    'p50 ms',
    'p99 ms',
    '2xx',
    'non2xx',
    'errors',
    'rows',
    'check',
    'ratio',
    'cpu % srv/pg/gen/other',
    'cpu ms/req srv+pg',
  ];
  const rows: string[][] = [head];
  const notes: string[] = [];
  for (const [engine, r] of Object.entries(results) as Array<[EngineName, EngineReport]>) {
    if (r.status !== 'ok') {
      notes.push(`${engine}: ${r.status.toUpperCase()} — ${(r.reason ?? '').split('\n')[0]}`);
      continue;
    }
    for (const [name, f] of [
      ['intake', r.intake],
      ['baseline', r.baseline],
    ] as const) {
      if (!f) continue;
      rows.push([
        engine,
        name,
        f.ticketsPerS.toFixed(0),
        String(f.latencyMs.p50),
        String(f.latencyMs.p99),
        String(f.ok2xx),
        String(f.non2xx),
        String(f.errors + f.timeouts),
        String(f.check.rowsCreated),
        f.check.ok ? 'ok' : 'FAIL',
        name === 'intake' ? `${r.ratioToBaseline}×` : '',
        `${f.cpu.serverProcessPct}/${f.cpu.postgresPct}/${f.cpu.loadGeneratorPct}/${f.cpu.otherPct}`,
        f.cpu.cpuMsPerRequest
          ? `${f.cpu.cpuMsPerRequest.server}+${f.cpu.cpuMsPerRequest.postgres}`
          : '',
      ]);
    }
  }
  const widths = head.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = [...rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ')), ...notes];
  for (const [engine, r] of Object.entries(results) as Array<[EngineName, EngineReport]>) {
    for (const g of r.goals ?? []) {
      lines.push(
        `goal ${engine} ${g.goal} ≥ ${g.target}: ${g.met ? 'met' : 'NOT met'} (${g.actual})`,
      );
    }
    for (const [name, f] of [
      ['intake', r.intake],
      ['baseline', r.baseline],
    ] as const) {
      if (f && f.cpu.otherPct > BUSY_PCT) {
        lines.push(
          `warning ${engine} ${name}: other processes used ${f.cpu.otherPct} % CPU during the run; its figures are low`,
        );
      }
      for (const p of f?.check.problems ?? []) lines.push(`check ${engine} ${name}: ${p}`);
      for (const s of f?.errorSamples ?? []) lines.push(`  sample ${s.status}: ${s.body}`);
    }
  }
  return lines.join('\n');
}

function profileText(engine: string, p: ProfileReport): string {
  const lines = [`--- profile: ${engine} intake (${p.requests} requests; ${p.note})`];
  lines.push(
    'phases, mean ms per request: ' +
      Object.entries(p.spansMs)
        .map(([k, v]) => `${k} ${v}`)
        .join(' | '),
  );
  lines.push(
    `SQL: ${p.statementsPerRequest} statements/request, ${p.sqlMsPerRequest} ms/request in round trips`,
  );
  for (const s of p.statements)
    lines.push(
      `  ${s.statement.padEnd(34)} ×${s.perRequest}  mean ${s.meanMs} ms  = ${s.totalMsPerRequest} ms/request`,
    );
  lines.push(`CPU profile (main thread, ${p.cpuProfile.file}), self time by package:`);
  for (const x of p.cpuProfile.byPackage.slice(0, 12))
    lines.push(`  ${String(x.pct).padStart(5)} %  ${x.name}`);
  lines.push('top functions by self time:');
  for (const x of p.cpuProfile.byFunction.slice(0, 15))
    lines.push(`  ${String(x.pct).padStart(5)} %  ${x.name}`);
  if (p.postgresActivity) {
    lines.push(
      `PostgreSQL backends of the bench, mean number in each state (${p.postgresActivity.samples} samples):`,
    );
    for (const b of p.postgresActivity.backends) {
      lines.push(`  ${String(b.mean).padStart(5)}  ${b.state}`);
    }
  }
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  let o: Options;
  try {
    o = parseOptions(argv);
  } catch (err) {
    console.error(`intake: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  // Every pg connection of this process carries this name, so the profiler can
  // tell this bench's backends from anyone else's on a shared server.
  process.env.PGAPPNAME = APP_NAME;
  const started = new Date();
  // Other processes take cores from the server and the database alike; say
  // up front when the machine is not quiet.
  const busyBefore = await backgroundLoad();
  if (busyBefore > BUSY_PCT) {
    log(
      `warning: the machine is already ${busyBefore} % busy (100 % = one core) before the bench starts`,
    );
  }
  const load = await startLoadGenerator();
  const results: Partial<Record<EngineName, EngineReport>> = {};
  try {
    for (const engine of o.engines) {
      results[engine] = await benchEngine(engine, o, load);
      if (results[engine]!.status === 'skipped')
        log(`SKIPPED ${engine}: ${results[engine]!.reason}`);
      if (results[engine]!.status === 'failed') log(`FAILED ${engine}: ${results[engine]!.reason}`);
    }
  } finally {
    await load.close();
  }

  const doc = {
    benchmark: 'intake',
    startedAt: started.toISOString(),
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? '?',
      node: process.version,
      platform: process.platform,
      /** CPU in use by other processes just before the bench started (100 = one core). */
      busyBeforePct: busyBefore,
    },
    settings: {
      durationS: o.durationS,
      warmupS: o.warmupS,
      connections: o.connections,
      databaseUrl: redact(o.databaseUrl),
      profile: o.profile,
    },
    goals: GOALS,
    results,
  };
  console.error('\n' + table(results));
  if (o.profile) {
    for (const [engine, r] of Object.entries(results))
      if (r.intake?.profile) console.error('\n' + profileText(engine, r.intake.profile));
  }
  process.stdout.write(JSON.stringify(doc, null, 2) + '\n');

  const failed = Object.entries(results).filter(
    ([, r]) =>
      r.status === 'failed' ||
      (r.status === 'ok' && (!r.intake?.check.ok || !r.baseline?.check.ok)),
  );
  if (failed.length) {
    console.error(`\nintake: FAILED (${failed.map(([e]) => e).join(', ')})`);
    return 1;
  }
  return 0;
}
