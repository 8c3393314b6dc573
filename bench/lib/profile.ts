// --profile: where an intake request's time goes. Four views, all taken only
// during the measured window:
//  - spans: Fastify's phases of each request (session lookup, validation,
//    handler, serialisation), from reply.elapsedTime at each hook;
//  - statements: every `pg` query (BEGIN and COMMIT too, which Kysely plugins
//    do not see) timed from issue to result on its connection, so the time a
//    request waits for a pooled connection shows as handler time not spent in SQL;
//  - a V8 CPU profile of the server's main thread, summarised by function and package;
//  - on PostgreSQL, what the bench's backends are doing (pg_stat_activity):
//    running, waiting on a lock, flushing WAL, or waiting for Node.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import pg from 'pg';
import { round } from './machine.js';

// ---------------------------------------------------------------- statements

interface StatementStat {
  count: number;
  totalMs: number;
}

const statements = new Map<string, StatementStat>();
let timing = false;
let patched = false;
/** The activity sampler's own client: its queries are not the server's. */
const untimed = new WeakSet<object>();

/** "select sessions", "insert tickets", "begin": the verb and the first table named. */
function statementKey(text: string): string {
  const t = text.trimStart().toLowerCase();
  const verb = /^[a-z]+/.exec(t)?.[0] ?? '?';
  const table = /\b(?:from|into|update)\s+"?([a-z_][a-z0-9_.]*)"?/.exec(t)?.[1];
  return table ? `${verb} ${table}` : verb;
}

type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;

/** Wraps pg.Client#query once; it records only while timing is on. */
function patchPg(): void {
  if (patched) return;
  patched = true;
  const proto = pg.Client.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const result = original.apply(this, args);
    if (
      !timing ||
      untimed.has(this) ||
      !result ||
      typeof (result as Promise<unknown>).then !== 'function'
    )
      return result;
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string })?.text ?? '?');
    const t0 = performance.now();
    const done = () => {
      const key = statementKey(text);
      const s = statements.get(key) ?? { count: 0, totalMs: 0 };
      s.count++;
      s.totalMs += performance.now() - t0;
      statements.set(key, s);
    };
    (result as Promise<unknown>).then(done, done);
    return result;
  };
}

// ---------------------------------------------------------------- spans

const PHASES = [
  'onRequest (session lookup)',
  'parse + validate',
  'handler',
  'serialise',
  'write',
] as const;

interface Spans {
  requests: number;
  sums: number[];
}

function addSpanHooks(
  app: FastifyInstance,
  path: string,
  spans: Spans,
  active: () => boolean,
): void {
  const marks = new WeakMap<FastifyRequest, number[]>();
  const mark = (req: FastifyRequest, ms: number) => {
    const m = marks.get(req);
    if (m) m.push(ms);
    else marks.set(req, [ms]);
  };
  // Hooks added after buildApp run after the app's own hooks of the same kind,
  // so the first mark falls right after the session lookup.
  app.addHook('onRequest', (req, reply, done) => {
    if (req.routeOptions.url === path && req.method === 'POST') mark(req, reply.elapsedTime);
    done();
  });
  app.addHook('preHandler', (req, reply, done) => {
    if (marks.has(req)) mark(req, reply.elapsedTime);
    done();
  });
  app.addHook('preSerialization', (req, reply, payload, done) => {
    if (marks.has(req)) mark(req, reply.elapsedTime);
    done(null, payload);
  });
  app.addHook('onSend', (req, reply, payload, done) => {
    if (marks.has(req)) mark(req, reply.elapsedTime);
    done(null, payload);
  });
  app.addHook('onResponse', (req, reply, done) => {
    const m = marks.get(req);
    if (m && m.length === 4 && reply.statusCode < 300 && active()) {
      m.push(reply.elapsedTime);
      let prev = 0;
      m.forEach((t, i) => {
        spans.sums[i]! += t - prev;
        prev = t;
      });
      spans.requests++;
    }
    done();
  });
}

// ---------------------------------------------------------------- CPU profile

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

/** Which package or part of the code a frame belongs to. */
function owner(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  if (url.startsWith('node:')) return 'node:internal';
  const app = /\/(apps\/server\/src\/.*|packages\/[^/]+\/src\/.*|bench\/.*)$/.exec(url);
  if (app) return app[1]!.replace(/\/[^/]+$/, '/');
  return url;
}

function summarise(profile: CpuProfile, top = 20) {
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const samples =
    profile.samples?.length ?? profile.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0);
  const perSampleMs = samples ? totalMs / samples : 0;
  const byFn = new Map<string, number>();
  const byOwner = new Map<string, number>();
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    if (!hits) continue;
    const { functionName, url, lineNumber } = n.callFrame;
    const file = url.replace(/^.*\/(node_modules\/|apps\/|packages\/|bench\/)/, '$1');
    const fnKey =
      `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
    byFn.set(fnKey, (byFn.get(fnKey) ?? 0) + hits);
    const o = owner(url, functionName);
    byOwner.set(o, (byOwner.get(o) ?? 0) + hits);
  }
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, hits]) => ({
        name,
        selfMs: round(hits * perSampleMs),
        pct: round((hits / samples) * 100),
      }));
  return { wallMs: round(totalMs), samples, byPackage: rank(byOwner), byFunction: rank(byFn) };
}

// ---------------------------------------------------------------- PostgreSQL's side

/** The application_name every connection of the bench process carries (set through PGAPPNAME). */
export const APP_NAME = 'jiesu-bench';

interface ActivitySampler {
  stop(): Promise<ProfileReport['postgresActivity']>;
}

/**
 * Samples pg_stat_activity every 20 ms: what this bench's backends are doing —
 * running, waiting on a lock (and in which statement), flushing WAL, or idle
 * in a transaction waiting for the Node side. Backends of anyone else sharing
 * the server are left out by their application_name.
 */
async function sampleActivity(url: string): Promise<ActivitySampler> {
  const client = new pg.Client({ connectionString: url, application_name: `${APP_NAME}-sampler` });
  untimed.add(client);
  await client.connect();
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const r = await client.query<{ state: string; wait: string | null; query: string }>(
        `SELECT state, wait_event_type || ':' || wait_event AS wait, query
           FROM pg_stat_activity WHERE application_name = $1 AND backend_type = 'client backend'`,
        [APP_NAME],
      );
      samples++;
      for (const b of r.rows) {
        if (b.state === 'idle') continue;
        const what =
          b.state === 'active'
            ? (b.wait ?? 'running (CPU)')
            : `${b.state}${b.wait ? ` ${b.wait}` : ''}`;
        const key = `${what} — ${statementKey(b.query)}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      await new Promise((ok) => setTimeout(ok, 20));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await client.end();
      const n = Math.max(1, samples);
      return {
        samples,
        note: 'mean number of this bench’s backends in each state, sampled every 20 ms; idle ones left out',
        backends: [...counts.entries()]
          .map(([state, c]) => ({ state, mean: round(c / n, 2) }))
          .sort((a, b) => b.mean - a.mean)
          .slice(0, 15),
      };
    },
  };
}

// ---------------------------------------------------------------- the profiler

export interface ProfileReport {
  note: string;
  requests: number;
  /** Mean milliseconds per successful request in each phase. */
  spansMs: Record<string, number>;
  /** Per request: how many statements of each kind, and their mean round trip. */
  statements: Array<{
    statement: string;
    perRequest: number;
    meanMs: number;
    totalMsPerRequest: number;
  }>;
  statementsPerRequest: number;
  sqlMsPerRequest: number;
  cpuProfile: ReturnType<typeof summarise> & { file: string };
  /** PostgreSQL server only. */
  postgresActivity?: {
    samples: number;
    note: string;
    backends: Array<{ state: string; mean: number }>;
  };
}

export interface Profiler {
  start(): Promise<void>;
  stop(label: string): Promise<ProfileReport>;
}

/** `postgresUrl`: also sample what the PostgreSQL server's backends do. */
export function attachProfiler(app: FastifyInstance, path: string, postgresUrl?: string): Profiler {
  patchPg();
  let sampler: ActivitySampler | undefined;
  const spans: Spans = { requests: 0, sums: PHASES.map(() => 0) };
  let active = false;
  addSpanHooks(app, path, spans, () => active);
  const session = new Session();
  return {
    async start() {
      statements.clear();
      spans.requests = 0;
      spans.sums.fill(0);
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 250 });
      await session.post('Profiler.start');
      if (postgresUrl) sampler = await sampleActivity(postgresUrl);
      active = true;
      timing = true;
    },
    async stop(label) {
      timing = false;
      active = false;
      const postgresActivity = await sampler?.stop();
      const { profile } = (await session.post('Profiler.stop')) as unknown as {
        profile: CpuProfile;
      };
      session.disconnect();
      const file = join(tmpdir(), `jiesu-bench-${label}-${process.pid}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      const n = Math.max(1, spans.requests);
      const stmts = [...statements.entries()]
        .map(([statement, s]) => ({
          statement,
          perRequest: round(s.count / n, 2),
          meanMs: round(s.totalMs / s.count, 3),
          totalMsPerRequest: round(s.totalMs / n, 3),
        }))
        .sort((a, b) => b.totalMsPerRequest - a.totalMsPerRequest);
      return {
        note: 'profiling slows the server: read these figures for proportions, not throughput',
        requests: spans.requests,
        spansMs: Object.fromEntries(PHASES.map((p, i) => [p, round(spans.sums[i]! / n, 3)])),
        statements: stmts,
        statementsPerRequest: round(
          stmts.reduce((s, x) => s + x.perRequest, 0),
          2,
        ),
        sqlMsPerRequest: round(
          stmts.reduce((s, x) => s + x.totalMsPerRequest, 0),
          3,
        ),
        cpuProfile: { ...summarise(profile), file },
        ...(postgresActivity ? { postgresActivity } : {}),
      };
    },
  };
}
