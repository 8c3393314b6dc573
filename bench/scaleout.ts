// Scale-out reliability check: on PostgreSQL (a scratch database `bench_scaleout`, dropped
// and recreated; never `test`) two API nodes (ROLE=api, two ports) and a worker
// (ROLE=worker) run as child processes of this script, started as `main.ts` starts them.
// Work goes in through both API nodes — tickets created and dispatched alternately on A and
// B, which queue SMS to the requesters (through an HTTP gateway this script runs), in-app
// messages to the village's staff and webhook deliveries (to a receiver this script runs),
// plus the worker's deadline sweep — first with one worker, then with a second worker
// started beside it. Checked after each phase, once the outboxes are empty: every
// notification row sent once (attempts = 1), every SMS and every webhook delivery received
// once (receiver counts by text / X-Jiesu-Delivery: duplicates = 0), one deadline mark and
// one reminder per ticket. Then the realtime path: a user's SSE stream open on node B, a
// ticket dispatched to that user's unit through node A; the event's latency on B.
// Prints JSON; exits non-zero when a check fails.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openDatabase } from '../apps/server/src/db/engine.js';
import { migrateToLatest } from '../apps/server/src/db/migrate.js';
import { buildContainer } from '../apps/server/src/container.js';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { systemClock } from '../apps/server/src/shared/clock.js';
import { newDistrict, PASSWORD, type District } from '../apps/server/test/factories.js';
import { benchServerUrl, scratchDatabase, dropScratchDatabase } from './lib/scratch-db.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DB_NAME = 'bench_scaleout';
const log = (s: string) => process.stderr.write(`${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const USAGE = `npm run bench -- scaleout [--tickets 20] [--sse 8] [--database-url URL] [--keep]

  --tickets N       tickets per phase (created and dispatched through nodes A and B), default 20
  --sse N           realtime samples (SSE on node B, dispatch through node A), default 8
  --database-url U  the PostgreSQL server (default $BENCH_DATABASE_URL, $TEST_DATABASE_URL,
                    else postgres://postgres@127.0.0.1:5432/postgres); the scratch database
                    ${DB_NAME} is created on it and dropped afterwards unless --keep`;

// ── the receiver: an SMS gateway and a webhook endpoint that count what arrives ──

interface Receiver {
  url: string;
  sms: Map<string, number>;
  webhooks: Map<string, number>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const sms = new Map<string, number>();
  const webhooks = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.url === '/sms') {
        const text = (JSON.parse(body) as { text: string }).text;
        sms.set(text, (sms.get(text) ?? 0) + 1);
      } else if (req.url === '/hook') {
        const id = String(req.headers['x-jiesu-delivery'] ?? '');
        webhooks.set(id, (webhooks.get(id) ?? 0) + 1);
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    sms,
    webhooks,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

// ── the nodes ──

interface Node {
  name: string;
  role: 'api' | 'worker';
  port: number;
  url: string;
  child: ChildProcess;
  startMs: number;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

async function startNode(name: string, role: Node['role'], databaseUrl: string): Promise<Node> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'apps/server/src/main.ts'), '--role', role],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        DEMO: 'false',
        WEB_DIST: 'none',
        LOG_LEVEL: 'warn',
        JOB_OUTBOX_MS: '250',
        DEADLINE_SWEEP_MS: '1000',
        // Every dispatched ticket is "due soon", so each sweep has work to share.
        NOTIFY_DUE_SOON_HOURS: '1000000',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  child.stderr!.on('data', (b: Buffer) => {
    for (const line of b.toString().split('\n')) if (line.trim()) log(`[${name}] ${line}`);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (performance.now() > deadline) throw new Error(`${name} did not start in 120 s`);
    await sleep(200);
  }
  const node = { name, role, port, url, child, startMs: Math.round(performance.now() - t0) };
  log(`${name} (ROLE=${role}) up on :${port} in ${node.startMs} ms`);
  return node;
}

async function stopNode(n: Node): Promise<void> {
  if (n.child.exitCode !== null) return;
  const exited = new Promise((r) => n.child.once('exit', r));
  n.child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (n.child.exitCode === null) n.child.kill('SIGKILL');
}

// ── a signed-in user on one node ──

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(node: Node, username: string): Promise<Session> {
  const res = await fetch(`${node.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username} on ${node.name}: ${res.status}`);
  const cookie = /jiesu_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

async function call<T = Record<string, unknown>>(
  node: Node,
  s: Session,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${node.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300)
    throw new Error(`${method} ${path} on ${node.name}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

// ── the work ──

interface Ctx {
  d: District;
  nodes: { A: Node; B: Node };
  agent: Record<'A' | 'B', Session>;
  dispatcher: Record<'A' | 'B', Session>;
  seq: number;
}

function ticketBody(c: Ctx) {
  const n = c.seq++;
  return {
    channel: 'hotline',
    type: 'help',
    categoryId: c.d.categories.leaf,
    title: `横向扩展检查 ${n}:小区路灯不亮`,
    description: `东湖社区${n}号楼前的路灯已经坏了一周,晚上出行不便,请尽快维修。`,
    address: `东湖社区${n}号楼`,
    jurisdictionId: c.d.nodes.vil1,
    requester: { name: '王小明', phone: `138${String(10_000_000 + n).slice(-8)}` },
  };
}

/** Creates and dispatches `n` tickets, alternating the nodes for each step. */
async function makeWork(c: Ctx, n: number): Promise<string[]> {
  const ids: string[] = [];
  const one = async (i: number) => {
    const create = i % 2 ? 'B' : 'A';
    const dispatch = i % 2 ? 'A' : 'B';
    const t = await call<{ id: string; version: number }>(
      c.nodes[create],
      c.agent[create],
      'POST',
      '/api/tickets',
      ticketBody(c),
    );
    await call(
      c.nodes[dispatch],
      c.dispatcher[dispatch],
      'POST',
      `/api/tickets/${t.id}/actions/dispatch`,
      {
        input: { leadUnitId: c.d.units.vil1 },
      },
    );
    ids.push(t.id);
  };
  // A few at a time, as several agents would.
  for (let i = 0; i < n; i += 4) {
    await Promise.all(Array.from({ length: Math.min(4, n - i) }, (_, k) => one(i + k)));
  }
  return ids;
}

interface Figures {
  outboxRows: number;
  byChannel: Record<string, number>;
  notSent: number;
  claimedMoreThanOnce: number;
  smsRows: number;
  smsReceived: number;
  smsDistinct: number;
  smsDuplicates: number;
  webhookDeliveries: number;
  webhookNotDelivered: number;
  webhookAttempts: number;
  webhookReceived: number;
  webhookDistinct: number;
  webhookDuplicates: number;
  deadlineMarks: number;
  dispatchedTickets: number;
  remindersPerTicketMax: number;
  drainMs: number;
}

async function figures(
  admin: pg.Client,
  tenantId: string,
  rx: Receiver,
  dispatched: number,
  drainMs: number,
): Promise<Figures> {
  const one = async (q: string) =>
    (await admin.query(q, [tenantId])).rows[0] as Record<string, string>;
  const ob = await one(`SELECT count(*) AS n,
      count(*) FILTER (WHERE status <> 'sent') AS not_sent,
      count(*) FILTER (WHERE attempts <> 1) AS reclaimed,
      count(*) FILTER (WHERE channel = 'sms') AS sms
    FROM notification_outbox WHERE tenant_id = $1`);
  const ch = await admin.query(
    `SELECT channel, count(*) AS n FROM notification_outbox WHERE tenant_id = $1 GROUP BY 1 ORDER BY 1`,
    [tenantId],
  );
  const wh = await one(`SELECT count(*) AS n, count(*) FILTER (WHERE status <> 'delivered') AS open,
      (SELECT count(*) FROM webhook_attempts a JOIN webhook_deliveries x ON x.id = a.delivery_id
        WHERE x.tenant_id = $1) AS attempts
    FROM webhook_deliveries WHERE tenant_id = $1`);
  const marks = await one(
    `SELECT count(*) AS n FROM notification_deadline_marks WHERE tenant_id = $1`,
  );
  const rem = await one(`SELECT coalesce(max(n), 0) AS n FROM (
      SELECT count(*) AS n FROM notification_outbox
       WHERE tenant_id = $1 AND template = 'due_soon' GROUP BY ticket_id, to_user_id) x`);
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const dup = (m: Map<string, number>) => [...m.values()].filter((v) => v > 1).length;
  return {
    outboxRows: Number(ob.n),
    byChannel: Object.fromEntries(
      ch.rows.map((r: { channel: string; n: string }) => [r.channel, Number(r.n)]),
    ),
    notSent: Number(ob.not_sent),
    claimedMoreThanOnce: Number(ob.reclaimed),
    smsRows: Number(ob.sms),
    smsReceived: sum(rx.sms),
    smsDistinct: rx.sms.size,
    smsDuplicates: dup(rx.sms),
    webhookDeliveries: Number(wh.n),
    webhookNotDelivered: Number(wh.open),
    webhookAttempts: Number(wh.attempts),
    webhookReceived: sum(rx.webhooks),
    webhookDistinct: rx.webhooks.size,
    webhookDuplicates: dup(rx.webhooks),
    deadlineMarks: Number(marks.n),
    dispatchedTickets: dispatched,
    remindersPerTicketMax: Number(rem.n),
    drainMs,
  };
}

/** Waits until the outboxes are empty and every dispatched ticket has its deadline mark. */
async function drained(admin: pg.Client, tenantId: string, dispatched: number): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const r = (
      await admin.query(
        `SELECT
          (SELECT count(*) FROM notification_outbox WHERE tenant_id = $1 AND status = 'queued') AS q,
          (SELECT count(*) FROM webhook_deliveries WHERE tenant_id = $1 AND status <> 'delivered') AS w,
          (SELECT count(*) FROM notification_deadline_marks WHERE tenant_id = $1) AS m`,
        [tenantId],
      )
    ).rows[0] as { q: string; w: string; m: string };
    if (Number(r.q) === 0 && Number(r.w) === 0 && Number(r.m) >= dispatched)
      return Math.round(performance.now() - t0);
    if (performance.now() - t0 > 90_000)
      throw new Error(`outboxes not drained in 90 s: ${JSON.stringify(r)}`);
    await sleep(100);
  }
}

function checks(f: Figures): string[] {
  const bad: string[] = [];
  const expect = (ok: boolean, what: string) => {
    if (!ok) bad.push(what);
  };
  expect(f.notSent === 0, `notification rows not sent: ${f.notSent}`);
  expect(
    f.claimedMoreThanOnce === 0,
    `notification rows claimed more than once: ${f.claimedMoreThanOnce}`,
  );
  expect(f.smsDuplicates === 0, `SMS received twice: ${f.smsDuplicates}`);
  expect(f.smsReceived === f.smsRows, `SMS received ${f.smsReceived} ≠ rows ${f.smsRows}`);
  expect(f.webhookDuplicates === 0, `webhook deliveries received twice: ${f.webhookDuplicates}`);
  expect(f.webhookNotDelivered === 0, `webhook deliveries not delivered: ${f.webhookNotDelivered}`);
  expect(
    f.webhookReceived === f.webhookDeliveries && f.webhookAttempts === f.webhookDeliveries,
    `webhook: received ${f.webhookReceived}, attempts ${f.webhookAttempts}, deliveries ${f.webhookDeliveries}`,
  );
  expect(
    f.deadlineMarks === f.dispatchedTickets,
    `deadline marks ${f.deadlineMarks} ≠ tickets ${f.dispatchedTickets}`,
  );
  expect(
    f.remindersPerTicketMax === 1,
    `reminders per ticket and user, max ${f.remindersPerTicketMax}`,
  );
  expect(f.outboxRows > 0 && f.webhookDeliveries > 0 && f.smsRows > 0, 'no work was produced');
  return bad;
}

// ── realtime: SSE on node B, the cause on node A ──

interface Stream {
  waitFor(code: string, timeoutMs: number): Promise<number>;
  close(): void;
}

async function openStream(node: Node, s: Session): Promise<Stream> {
  const arrived = new Map<string, number>();
  const waiters = new Map<string, (at: number) => void>();
  let res: IncomingMessage | null = null;
  const req = request(`${node.url}/api/notifications/stream`, {
    headers: { cookie: s.cookie, accept: 'text/event-stream' },
  });
  await new Promise<void>((ok, fail) => {
    req.on('response', (r) => {
      res = r;
      if (r.statusCode !== 200) return fail(new Error(`stream on ${node.name}: ${r.statusCode}`));
      let buf = '';
      r.setEncoding('utf8');
      r.on('data', (chunk: string) => {
        const at = performance.now();
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (!block.includes('event: notification')) continue;
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!data) continue;
          const text = (JSON.parse(data) as { notification: { text: string } }).notification.text;
          const code = /新工单 (\S+):/.exec(text)?.[1];
          if (!code) continue;
          arrived.set(code, at);
          waiters.get(code)?.(at);
        }
      });
      ok();
    });
    req.on('error', fail);
    req.end();
  });
  return {
    waitFor(code, timeoutMs) {
      const hit = arrived.get(code);
      if (hit !== undefined) return Promise.resolve(hit);
      return new Promise((ok, fail) => {
        const t = setTimeout(
          () => fail(new Error(`no event for ${code} in ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.set(code, (at) => {
          clearTimeout(t);
          ok(at);
        });
      });
    },
    close() {
      (res as IncomingMessage | null)?.destroy();
      req.destroy();
    },
  };
}

async function realtime(c: Ctx, samples: number) {
  const village = await signIn(c.nodes.B, `${c.d.tenantId}-village`);
  const stream = await openStream(c.nodes.B, village);
  await sleep(300); // the node's LISTEN connection opens with the first subscriber
  const fromRequest: number[] = [];
  let beforeResponse = 0;
  try {
    for (let i = 0; i < samples; i++) {
      const t = await call<{ id: string; code: string }>(
        c.nodes.A,
        c.agent.A,
        'POST',
        '/api/tickets',
        ticketBody(c),
      );
      const t0 = performance.now();
      const arrival = stream.waitFor(t.code, 10_000);
      await call(c.nodes.A, c.dispatcher.A, 'POST', `/api/tickets/${t.id}/actions/dispatch`, {
        input: { leadUnitId: c.d.units.vil1 },
      });
      const t1 = performance.now();
      const at = await arrival;
      fromRequest.push(at - t0);
      if (at < t1) beforeResponse++;
    }
  } finally {
    stream.close();
  }
  const stats = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const q = (p: number) =>
      Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))]! * 10) / 10;
    return { p50: q(0.5), p95: q(0.95), max: q(1) };
  };
  return {
    samples,
    received: fromRequest.length,
    // From sending the dispatch to A to the event read on B: the whole dispatch transaction,
    // NOTIFY at its commit, B's LISTEN connection, B loading the row and writing the event.
    fromDispatchRequestMs: stats(fromRequest),
    // Events that reached B before A had finished answering the dispatch (A still builds
    // the ticket view after the commit).
    arrivedBeforeAsResponse: beforeResponse,
  };
}

// ── main ──

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      tickets: { type: 'string', default: '20' },
      sse: { type: 'string', default: '8' },
      'database-url': { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  const perPhase = Number(values.tickets);
  const base = benchServerUrl(values['database-url']);
  const started = performance.now();
  const { url: databaseUrl } = await scratchDatabase(base, DB_NAME, { force: true });

  const nodes: Node[] = [];
  const rx = await startReceiver();
  const admin = new pg.Client({ connectionString: databaseUrl });
  let code = 1;
  try {
    // The schema and a district, made in this process (the factories sign in through an app).
    const database = await openDatabase({ databaseUrl, poolSize: 2 });
    let d: District;
    try {
      await migrateToLatest(database.db);
      const c = buildContainer({
        db: database.db,
        clock: systemClock,
        config: { ...loadConfig({ DATABASE_URL: databaseUrl }), webDist: undefined },
      });
      const app = await buildApp(c, {});
      await app.ready();
      d = await newDistrict(c, app, systemClock);
      await app.close();
    } finally {
      await database.close();
    }
    await admin.connect();

    const [A, B, W1] = await Promise.all([
      startNode('api-A', 'api', databaseUrl),
      startNode('api-B', 'api', databaseUrl),
      startNode('worker-1', 'worker', databaseUrl),
    ]);
    nodes.push(A!, B!, W1!);

    // Sessions live in the database: a login on one node is valid on the other.
    const agentA = await signIn(A!, `${d.tenantId}-agent`);
    const dispatcherB = await signIn(B!, `${d.tenantId}-dispatcher`);
    const ctx: Ctx = {
      d,
      nodes: { A: A!, B: B! },
      agent: { A: agentA, B: agentA },
      dispatcher: { A: dispatcherB, B: dispatcherB },
      seq: 1,
    };
    const adminA = await signIn(A!, `${d.tenantId}-admin`);
    await call(A!, adminA, 'PUT', '/api/admin/notification-channels/sms', {
      enabled: true,
      settings: { url: `${rx.url}/sms`, bodyTemplate: '{"phone":"{phone}","text":"{text}"}' },
    });
    await call(B!, adminA, 'POST', '/api/webhooks', {
      name: '横向扩展检查',
      url: `${rx.url}/hook`,
      eventTypes: ['*'],
    });

    const phases = [];
    let dispatched = 0;
    for (const workers of [1, 2]) {
      if (workers === 2) nodes.push(await startNode('worker-2', 'worker', databaseUrl));
      const t0 = performance.now();
      const ids = await makeWork(ctx, perPhase);
      const workMs = Math.round(performance.now() - t0);
      dispatched += ids.length;
      const drainMs = await drained(admin, d.tenantId, dispatched);
      const f = await figures(admin, d.tenantId, rx, dispatched, drainMs);
      const failed = checks(f);
      phases.push({ workers, tickets: ids.length, workMs, ...f, failed });
      log(
        `${workers} worker(s): ${ids.length} tickets in ${workMs} ms, drained ${drainMs} ms later; ` +
          `outbox ${f.outboxRows} rows, SMS ${f.smsReceived} (dup ${f.smsDuplicates}), ` +
          `webhooks ${f.webhookReceived} (dup ${f.webhookDuplicates}), marks ${f.deadlineMarks}` +
          (failed.length ? `  FAILED: ${failed.join('; ')}` : '  ok'),
      );
    }

    const rt = await realtime(ctx, Number(values.sse));
    log(
      `SSE on B, dispatch on A: ${rt.received}/${rt.samples} events, from the dispatch request p50 ${rt.fromDispatchRequestMs.p50} ms, max ${rt.fromDispatchRequestMs.max} ms (${rt.arrivedBeforeAsResponse} before A's answer)`,
    );
    const ok = phases.every((p) => p.failed.length === 0) && rt.received === rt.samples;
    const result = {
      benchmark: 'scaleout',
      ok,
      database: DB_NAME,
      nodes: nodes.map((n) => ({ name: n.name, role: n.role, startMs: n.startMs })),
      phases,
      realtime: rt,
      totalMs: Math.round(performance.now() - started),
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    code = ok ? 0 : 1;
  } finally {
    await Promise.all(nodes.map(stopNode));
    await rx.close();
    await admin.end().catch(() => undefined);
    if (!values.keep) await dropScratchDatabase(base, DB_NAME, { force: true });
  }
  return code;
}
