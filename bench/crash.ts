// Crash safety: the real server (a child process, as `npm start` runs it) takes tickets
// from several concurrent clients — POST /api/tickets as the demo district's hotline
// agent, signed in over HTTP with the CSRF token, each request's description carrying a
// unique marker — and is killed with SIGKILL --kills times at seeded random moments, then
// restarted (time to /readyz recorded). Sessions live in the database, so the clients sign
// in once and keep their cookies across restarts. After the last restart and a graceful
// stop the database is opened directly and checked:
//   lost        — acknowledged (2xx) tickets missing, by id or by marker: must be 0
//   duplicates  — markers or codes found on more than one ticket: must be 0
//   halfWritten — tickets of the run without their `create` event as seq 1, without their
//                 search document, or with gaps in their event seqs; events without a
//                 ticket; per-day code counters behind a code already given: must be 0
// and the server must answer /readyz and take one more ticket after the last restart.
// Requests cut by a kill have no answer: those found committed are counted, not failed.
//
// Engines: pglite (a temp DATA_DIR) and postgres (a scratch database `proof_crash` on the
// server of --database-url / BENCH_DATABASE_URL / TEST_DATABASE_URL, dropped and created).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../apps/server/src/db/engine.js';
import { DEMO_PASSWORD } from '../apps/server/src/modules/demo/seed.js';
import { demoOrg } from '../apps/server/src/modules/demo/content/index.js';
import { intakeBody, seededRandom, type IntakeTargets } from './lib/payloads.js';
import {
  freePort,
  signIn,
  startServer,
  stopServer,
  waitReady,
  type ServerProcess,
} from './lib/server-process.js';
import { benchServerUrl, scratchDatabase } from './lib/scratch-db.js';

const USAGE = `usage: npm run bench -- crash [--kills 20] [--engines pglite,postgres] [--clients 4] [--min-ms 300] [--max-ms 3000] [--seed 7] [--database-url URL]`;
const DB_NAME = 'proof_crash';

const t0 = performance.now();
const log = (msg: string) =>
  console.error(`[crash +${((performance.now() - t0) / 1000).toFixed(1)} s] ${msg}`);

interface Sent {
  marker: string;
  status: number | 'error';
  id?: string;
  code?: string;
}

interface EngineReport {
  engine: 'pglite' | 'postgres';
  kills: number;
  requestsSent: number;
  ok2xx: number;
  non2xx: Record<string, number>;
  /** Requests cut by a kill (no answer), and how many of them were committed anyway. */
  cutByKill: number;
  cutButCommitted: number;
  lost: number;
  duplicates: number;
  halfWritten: number;
  details: Record<string, number | string[]>;
  firstStartMs: number;
  restartMs: number[];
  healthyAfterLastRestart: boolean;
  ok: boolean;
}

async function targetsOf(base: string, headers: Record<string, string>): Promise<IntakeTargets> {
  const get = async <T>(url: string): Promise<T> => {
    const res = await fetch(`${base}${url}`, { headers });
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
    return (await res.json()) as T;
  };
  const cats = await get<Array<{ id: string; level: number; active: boolean }>>('/api/categories');
  const leaves = cats.filter((c) => c.level === 3 && c.active);
  const js = await get<Array<{ id: string; level: string }>>('/api/org/jurisdictions');
  const villages = js.filter((j) => j.level === 'village').map((j) => j.id);
  if (leaves.length < 4 || !villages.length) throw new Error('demo district has no categories');
  return {
    categories: {
      streetLight: leaves[0]!.id,
      manhole: leaves[1]!.id,
      heating: leaves[2]!.id,
      urbanGeneral: leaves[3]!.id,
    },
    jurisdictionIds: villages,
  };
}

async function runEngine(
  engine: EngineReport['engine'],
  opts: {
    kills: number;
    clients: number;
    minMs: number;
    maxMs: number;
    seed: number;
    databaseUrl?: string;
  },
): Promise<EngineReport> {
  const dataDir = engine === 'pglite' ? mkdtempSync(join(tmpdir(), 'jiesu-crash-')) : undefined;
  const port = await freePort();
  const start = () => startServer({ port, dataDir, databaseUrl: opts.databaseUrl });
  const rand = seededRandom(opts.seed);
  const runId = Date.now().toString(36);
  const sent: Sent[] = [];
  let server: ServerProcess = start();
  let up = false;
  let running = true;
  try {
    log(`${engine}: first start (migrations and the demo district)`);
    const firstStartMs = Math.round(await waitReady(server, { timeoutMs: 600_000 }));
    up = true;
    log(`${engine}: ready in ${firstStartMs} ms`);
    const sessions: Array<Record<string, string>> = [];
    for (let i = 0; i < opts.clients; i++)
      sessions.push(await signIn(server.base, 'agent', DEMO_PASSWORD));
    const targets = await targetsOf(server.base, sessions[0]!);

    const client = async (k: number) => {
      const headers = { ...sessions[k]!, 'content-type': 'application/json' };
      const bodyRand = seededRandom(opts.seed * 100 + k);
      for (let n = 0; running; n++) {
        if (!up) {
          await new Promise((r) => setTimeout(r, 20));
          n--;
          continue;
        }
        const marker = `CRASH-${runId}-${k}-${n}`;
        const body = intakeBody(targets, bodyRand);
        body.description = `${String(body.description)} [${marker}]`;
        const rec: Sent = { marker, status: 'error' };
        sent.push(rec);
        try {
          const res = await fetch(`${server.base}/api/tickets`, {
            method: 'POST',
            headers,
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(60_000),
          });
          const text = await res.text();
          rec.status = res.status;
          if (res.status >= 200 && res.status < 300) {
            const view = JSON.parse(text) as { id: string; code: string };
            rec.id = view.id;
            rec.code = view.code;
          }
        } catch {
          // Cut by the kill: no answer.
        }
      }
    };
    const clients = Array.from({ length: opts.clients }, (_, k) => client(k));

    const restartMs: number[] = [];
    for (let kill = 1; kill <= opts.kills; kill++) {
      const wait = opts.minMs + Math.floor(rand() * (opts.maxMs - opts.minMs));
      const before = sent.length;
      await new Promise((r) => setTimeout(r, wait));
      up = false;
      server.child.kill('SIGKILL');
      await server.exited;
      log(
        `${engine}: kill ${kill}/${opts.kills} after ${wait} ms (${sent.length - before} sent since)`,
      );
      // Let the cut requests settle before the next server takes the port.
      await new Promise((r) => setTimeout(r, 200));
      server = start();
      const ms = Math.round(await waitReady(server, { timeoutMs: 600_000 }));
      restartMs.push(ms);
      up = true;
      log(`${engine}:   restarted, ready in ${ms} ms`);
    }
    // A last stretch of intake on the last server, then stop the clients.
    await new Promise((r) => setTimeout(r, 1_000));
    running = false;
    await Promise.all(clients);

    // Healthy after the last restart: ready, and one more ticket is taken and read back.
    let healthy = false;
    try {
      const ready = await fetch(`${server.base}/readyz`);
      const body = intakeBody(targets, rand);
      const res = await fetch(`${server.base}/api/tickets`, {
        method: 'POST',
        headers: { ...sessions[0]!, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const view = (await res.json()) as { id?: string };
      const read = await fetch(`${server.base}/api/tickets/${view.id}`, { headers: sessions[0]! });
      healthy = ready.status === 200 && res.status === 201 && read.status === 200;
    } catch (err) {
      log(`${engine}: health check failed: ${String(err)}`);
    }
    await stopServer(server);

    log(`${engine}: checking the database`);
    const database = await openDatabase(
      opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : { dataDir: join(dataDir!, 'pglite') },
    );
    let check;
    try {
      check = await verify(database, runId, sent);
    } finally {
      await database.close();
    }
    const ok2xx = sent.filter((s) => typeof s.status === 'number' && s.status < 300).length;
    const non2xx: Record<string, number> = {};
    for (const s of sent)
      if (typeof s.status === 'number' && s.status >= 300)
        non2xx[s.status] = (non2xx[s.status] ?? 0) + 1;
    const report: EngineReport = {
      engine,
      kills: opts.kills,
      requestsSent: sent.length,
      ok2xx,
      non2xx,
      cutByKill: sent.filter((s) => s.status === 'error').length,
      cutButCommitted: check.cutButCommitted,
      lost: check.lost,
      duplicates: check.duplicates,
      halfWritten: check.halfWritten,
      details: check.details,
      firstStartMs,
      restartMs,
      healthyAfterLastRestart: healthy,
      // No acknowledged ticket would leave nothing checked.
      ok:
        ok2xx > 0 &&
        check.lost === 0 &&
        check.duplicates === 0 &&
        check.halfWritten === 0 &&
        healthy &&
        Object.keys(non2xx).length === 0,
    };
    return report;
  } finally {
    running = false;
    if (server.child.exitCode === null && server.child.signalCode === null)
      await stopServer(server);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

async function verify(database: Database, runId: string, sent: Sent[]) {
  const db = database.db;
  const tenant = demoOrg().tenant.code;
  const pattern = `CRASH-${runId}-[0-9]+-[0-9]+`;
  const rows = (
    await sql<{ id: string; code: string; marker: string }>`
      SELECT id, code, substring(description from ${pattern}) AS marker
      FROM tickets WHERE tenant_id = ${tenant} AND description LIKE ${`%CRASH-${runId}-%`}
    `.execute(db)
  ).rows;
  const byMarker = new Map<string, string[]>();
  const byId = new Map<string, number>();
  for (const r of rows) {
    byMarker.set(r.marker, [...(byMarker.get(r.marker) ?? []), r.id]);
    byId.set(r.id, (byId.get(r.id) ?? 0) + 1);
  }
  const acked = sent.filter((s) => s.id);
  const lostById = acked.filter((s) => byId.get(s.id!) !== 1).map((s) => s.marker);
  const lostByMarker = acked
    .filter((s) => {
      const ids = byMarker.get(s.marker) ?? [];
      return ids.length !== 1 || ids[0] !== s.id;
    })
    .map((s) => s.marker);
  const dupMarkers = [...byMarker].filter(([, ids]) => ids.length > 1).map(([m]) => m);
  const cutButCommitted = sent.filter((s) => s.status === 'error' && byMarker.has(s.marker)).length;
  // Unknown markers: a ticket whose request this run never sent would be a bug of the check.
  const sentMarkers = new Set(sent.map((s) => s.marker));
  const strangers = [...byMarker.keys()].filter((m) => !sentMarkers.has(m));

  const ids = rows.map((r) => r.id);
  const q = async (text: ReturnType<typeof sql>) =>
    Number(((await text.execute(db)).rows[0] as { n: string }).n);
  const noCreate = ids.length
    ? await q(sql`
        SELECT count(*) AS n FROM tickets t
        WHERE t.id = ANY(${ids}::uuid[]) AND NOT EXISTS (
          SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.seq = 1 AND e.action = 'create')`)
    : 0;
  const noSearch = ids.length
    ? await q(sql`
        SELECT count(*) AS n FROM tickets t
        WHERE t.id = ANY(${ids}::uuid[])
          AND NOT EXISTS (SELECT 1 FROM ticket_search s WHERE s.ticket_id = t.id)`)
    : 0;
  const seqGaps = ids.length
    ? await q(sql`
        SELECT count(*) AS n FROM (
          SELECT ticket_id FROM ticket_events WHERE ticket_id = ANY(${ids}::uuid[])
          GROUP BY ticket_id HAVING max(seq) <> count(*)) g`)
    : 0;
  const orphanEvents = await q(sql`
    SELECT count(*) AS n FROM ticket_events e
    WHERE e.tenant_id = ${tenant} AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = e.ticket_id)`);
  const dupCodes = await q(sql`
    SELECT count(*) AS n FROM (
      SELECT code FROM tickets WHERE tenant_id = ${tenant} GROUP BY code HAVING count(*) > 1) d`);
  // Codes are 'YYYYMMDD-NNNNNN': the day's counter must be at or past every number given.
  const countersBehind = await q(sql`
    SELECT count(*) AS n FROM (
      SELECT split_part(code, '-', 1) AS day, max(split_part(code, '-', 2)::int) AS top
      FROM tickets WHERE tenant_id = ${tenant} AND code ~ '^[0-9]{8}-[0-9]+$' GROUP BY 1) t
    LEFT JOIN ticket_code_counters c ON c.tenant_id = ${tenant} AND c.day = t.day
    WHERE c.last IS NULL OR c.last < t.top`);
  const lost = new Set([...lostById, ...lostByMarker]).size;
  return {
    lost,
    duplicates: dupMarkers.length + dupCodes,
    halfWritten: noCreate + noSearch + seqGaps + orphanEvents + countersBehind + strangers.length,
    cutButCommitted,
    details: {
      ticketsOfRun: rows.length,
      lostById: lostById.slice(0, 10),
      lostByMarker: lostByMarker.slice(0, 10),
      duplicateMarkers: dupMarkers.slice(0, 10),
      duplicateCodes: dupCodes,
      withoutCreateEvent: noCreate,
      withoutSearchDocument: noSearch,
      eventSeqGaps: seqGaps,
      orphanEvents,
      codeCountersBehind: countersBehind,
      unknownMarkers: strangers.slice(0, 10),
    },
  };
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      kills: { type: 'string', default: '20' },
      engines: { type: 'string', default: 'pglite,postgres' },
      clients: { type: 'string', default: '4' },
      'min-ms': { type: 'string', default: '300' },
      'max-ms': { type: 'string', default: '3000' },
      seed: { type: 'string', default: '7' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  const common = {
    kills: Number(values.kills),
    clients: Number(values.clients),
    minMs: Number(values['min-ms']),
    maxMs: Number(values['max-ms']),
    seed: Number(values.seed),
  };
  const results: EngineReport[] = [];
  const failed: Record<string, string> = {};
  for (const engine of values.engines.split(',')) {
    try {
      if (engine === 'pglite') results.push(await runEngine('pglite', common));
      else if (engine === 'postgres') {
        const { url } = await scratchDatabase(benchServerUrl(values['database-url']), DB_NAME, {
          force: true,
        });
        results.push(await runEngine('postgres', { ...common, databaseUrl: url }));
      } else throw new Error(`unknown engine ${engine}`);
    } catch (err) {
      failed[engine] = err instanceof Error ? err.message : String(err);
      log(`${engine} FAILED: ${failed[engine]}`);
    }
  }
  process.stdout.write(`${JSON.stringify({ benchmark: 'crash', results, failed }, null, 2)}\n`);
  for (const r of results)
    log(
      `${r.engine}: ${r.kills} kills, ${r.requestsSent} sent, ${r.ok2xx} 2xx, lost ${r.lost}, duplicates ${r.duplicates}, half-written ${r.halfWritten}, healthy ${r.healthyAfterLastRestart} → ${r.ok ? 'OK' : 'FAILED'}`,
    );
  return results.every((r) => r.ok) && !Object.keys(failed).length ? 0 : 1;
}
