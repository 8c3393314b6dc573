// Start time and memory of the real server, a child process started as `npm start`
// starts it (`node --import tsx apps/server/src/main.ts`, embedded database in a temp
// DATA_DIR, demo mode on):
//   fresh     — an empty data dir: initdb, migrations and the demo district's seed
//   restart   — the same data dir again (what every later start does)
//   generated — a data dir holding the demo district plus --tickets generated tickets
//               (bench/lib/generate.ts, written before the start and not timed in it)
// and, in the same run, a bare Fastify 5 hello server started with `node -e`.
// Measured: ms from spawn to the first 200 of /readyz (polled every 50 ms); resident
// memory of the process tree (the PGlite worker is a thread of the server process)
// sampled from /proc every poll: the peak VmRSS while starting, the VmHWM (kernel's
// high-water mark) and VmRSS after signing in and ten list/dashboard requests.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../apps/server/src/db/engine.js';
import type { DB } from '../apps/server/src/db/schema.js';
import { migrateToLatest } from '../apps/server/src/db/migrate.js';
import { systemClock } from '../apps/server/src/shared/clock.js';
import { DEMO_PASSWORD } from '../apps/server/src/modules/demo/seed.js';
import { generateTickets } from './lib/generate.js';
import { pgliteTemplate } from './lib/pglite-template.js';
import {
  ROOT,
  freePort,
  signIn,
  startServer,
  stopServer,
  treeMemoryMb,
  waitReady,
  type ServerProcess,
} from './lib/server-process.js';

const USAGE = `usage: npm run bench -- startup [--tickets 20000] [--keep DIR]
  --tickets  generated tickets in the third data dir (100000 for the note; 0 skips it)
  --keep     the third data dir: generated into and kept when empty, started as it is when not`;
const GOAL_READY_MS = 5_000;
const GOAL_RSS_MB = 500;

const t0 = performance.now();
const log = (msg: string) =>
  console.error(`[startup +${((performance.now() - t0) / 1000).toFixed(1)} s] ${msg}`);

interface StartFigures {
  readyMs: number;
  /** main() alone, as the server prints it: open the database, migrate, seed, listen (the rest of readyMs is loading the modules). */
  mainMs: number | null;
  peakRssMbWhileStarting: number;
  afterRequests: { rssMb: number; hwmMb: number; requests: number; slowestMs: number };
  goals: { readyUnder5s: boolean; rssUnder500MB: boolean };
}

const LISTS = [
  '/api/tickets?pageSize=20',
  '/api/tickets?pageSize=20&state=received',
  '/api/tickets?pageSize=50&page=2',
  '/api/tickets?pageSize=20&q=%E5%99%AA%E9%9F%B3',
  '/api/tickets?pageSize=20&q=%E8%B7%AF%E7%81%AF',
  '/api/dashboard',
  '/api/tickets?pageSize=20&overdue=true',
  '/api/tickets?pageSize=100',
  '/api/tickets?pageSize=20&q=%E7%89%A9%E4%B8%9A',
  '/api/dashboard',
];

/** Starts the server on `dataDir`, waits for /readyz, signs in, sends the list requests, stops it. */
async function measureStart(dataDir: string): Promise<StartFigures> {
  const s = startServer({ port: await freePort(), dataDir });
  let peak = 0;
  const sample = () => {
    if (s.child.pid) peak = Math.max(peak, treeMemoryMb(s.child.pid).rssMb);
  };
  try {
    const readyMs = await waitReady(s, { onTick: sample });
    sample();
    const headers = await signIn(s.base, 'dispatcher', DEMO_PASSWORD);
    let slowest = 0;
    for (const url of LISTS) {
      const a = performance.now();
      const res = await fetch(`${s.base}${url}`, { headers });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
      slowest = Math.max(slowest, performance.now() - a);
      sample();
    }
    const after = treeMemoryMb(s.child.pid!);
    const printed = /已启动: .*, ([\d.]+) s\)/.exec(s.output());
    const fig: StartFigures = {
      readyMs: Math.round(readyMs),
      mainMs: printed ? Math.round(Number(printed[1]) * 1000) : null,
      peakRssMbWhileStarting: peak,
      afterRequests: { ...after, requests: LISTS.length, slowestMs: Math.round(slowest) },
      goals: {
        readyUnder5s: readyMs < GOAL_READY_MS,
        rssUnder500MB: Math.max(peak, after.hwmMb) < GOAL_RSS_MB,
      },
    };
    return fig;
  } finally {
    await stopServer(s);
  }
}

/** A bare Fastify 5 hello server started with `node -e`: spawn to first 200, its RSS. */
async function baseline(): Promise<{ readyMs: number; rssMb: number; hwmMb: number }> {
  const port = await freePort();
  const code = `import('fastify').then(async ({ default: Fastify }) => {
    const app = Fastify();
    app.get('/readyz', async () => ({ ok: true }));
    await app.listen({ port: ${port}, host: '127.0.0.1' });
  })`;
  const startedAt = performance.now();
  const child = spawn(process.execPath, ['-e', code], {
    cwd: join(ROOT, 'bench'),
    stdio: 'ignore',
  });
  const exited = new Promise<string>((ok) => child.once('exit', (c, sig) => ok(sig ?? String(c))));
  const s: ServerProcess = {
    child,
    base: `http://127.0.0.1:${port}`,
    startedAt,
    output: () => '',
    exited,
  };
  try {
    const readyMs = await waitReady(s, { timeoutMs: 30_000, everyMs: 10 });
    for (let i = 0; i < 10; i++) await (await fetch(`${s.base}/readyz`)).arrayBuffer();
    return { readyMs: Math.round(readyMs), ...treeMemoryMb(child.pid!) };
  } finally {
    await stopServer(s);
  }
}

/** What a kept data dir holds (the demo district's tickets and events). */
async function countDemo(db: Kysely<DB>) {
  const r = await sql<{ t: string; e: string }>`
    SELECT (SELECT count(*) FROM tickets) AS t, (SELECT count(*) FROM ticket_events) AS e
  `.execute(db);
  return { tickets: Number(r.rows[0]!.t), events: Number(r.rows[0]!.e), ms: { total: 0 } };
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      tickets: { type: 'string', default: '20000' },
      keep: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  const n = Number(values.tickets);
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'jiesu-startup-'));
    dirs.push(d);
    return d;
  };
  try {
    log('baseline: bare Fastify hello server');
    const base = await baseline();
    log(`  ready ${base.readyMs} ms, RSS ${base.rssMb} MB`);

    const dir = tmp();
    log('fresh data dir (first start seeds the demo district)');
    const fresh = await measureStart(dir);
    log(
      `  ready ${fresh.readyMs} ms (main ${fresh.mainMs} ms), peak RSS ${fresh.peakRssMbWhileStarting} MB`,
    );
    log('restart on the seeded data dir');
    const restart = await measureStart(dir);
    log(
      `  ready ${restart.readyMs} ms (main ${restart.mainMs} ms), peak RSS ${restart.peakRssMbWhileStarting} MB`,
    );

    let generated: (StartFigures & { tickets: number; events: number; generateMs: number }) | null =
      null;
    if (n > 0) {
      const gdir = values.keep ?? tmp();
      const reuse = existsSync(join(gdir, 'pglite', 'PG_VERSION'));
      log(
        reuse
          ? `reusing ${gdir} (--keep): no generation`
          : `generating the demo district plus ${n.toLocaleString()} tickets in ${gdir}`,
      );
      const database = await openDatabase({
        dataDir: join(gdir, 'pglite'),
        ...(reuse ? {} : { loadDataDir: await pgliteTemplate() }),
      });
      let g;
      try {
        await migrateToLatest(database.db);
        g = reuse
          ? await countDemo(database.db)
          : await generateTickets(database.db, systemClock, { tickets: n, log });
      } finally {
        await database.close();
      }
      log(`start on the data dir with ${g.tickets.toLocaleString()} generated tickets`);
      const f = await measureStart(gdir);
      log(`  ready ${f.readyMs} ms (main ${f.mainMs} ms), peak RSS ${f.peakRssMbWhileStarting} MB`);
      generated = { tickets: g.tickets, events: g.events, generateMs: g.ms.total, ...f };
    }
    const runs = { fresh, restart, ...(generated ? { generated } : {}) };
    const out = {
      benchmark: 'startup',
      engine: 'pglite',
      goals: { readyMs: GOAL_READY_MS, rssMb: GOAL_RSS_MB },
      baseline: base,
      runs,
      allGoalsMet: Object.values(runs).every((r) => r.goals.readyUnder5s && r.goals.rssUnder500MB),
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}
