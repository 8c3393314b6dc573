// The fuzzer: for every operation of the app's OpenAPI document, invalid
// requests derived from its schemas (missing fields, wrong types, bounds,
// formats, enums, extra fields, nulls, deep nesting, huge arrays, malformed
// JSON, wrong content types, bad path and query parameters, another tenant's
// ids, odd Unicode), sent through the real app with `inject` as signed-in
// staff, residents and strangers. Every answer must be below 500, and every
// 4xx a JSON `{ error: { code, message } }` with an UPPER_SNAKE code, with no
// stack trace or file path in any body. Request i of a run depends only on
// (seed, i): a failure names the seed and index that replay it.
// Used by apps/server/src/modules/system/fuzz.db.test.ts and `npm run bench -- fuzz`.
import { performance } from 'node:perf_hooks';
import type { InjectOptions } from 'fastify';
import type { App } from '../src/app.js';
import type { Container } from '../src/container.js';
import type { Clock } from '../src/shared/clock.js';
import { newDistrict, DEMO_LOGINS, PASSWORD, type DemoLogin, type District } from './factories.js';
import {
  encodeLoose,
  fetchOperations,
  fillPath,
  type JsonSchema,
  type Operation,
} from './openapi-ops.js';
import {
  MUTATIONS,
  ODD_STRINGS,
  mix,
  mutateValue,
  seeded,
  toJson,
  validValue,
  type Mutation,
  type Rng,
} from './schema-values.js';

export type Headers = Record<string, string>;

export async function signIn(app: App, username: string): Promise<Headers> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((k) => k.name === 'jiesu_session')!;
  return {
    cookie: `jiesu_session=${cookie.value}`,
    'x-csrf-token': res.json().csrfToken as string,
  };
}

/** Real ids of one district, by kind, plus what its collection routes list (by collection path). */
export interface IdPools {
  tickets: string[];
  ticketCodes: string[];
  units: string[];
  nodes: string[];
  categories: string[];
  users: string[];
  /** `/api/webhooks` → the ids its GET listed. */
  listed: Map<string, string[]>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids of the items a list answer holds (an array, or `{ items }`). */
function idsIn(body: unknown): string[] {
  const items = Array.isArray(body)
    ? body
    : body && typeof body === 'object' && Array.isArray((body as { items?: unknown }).items)
      ? (body as { items: unknown[] }).items
      : [];
  return items
    .map((x) => (x && typeof x === 'object' ? (x as { id?: unknown }).id : undefined))
    .filter((x): x is string => typeof x === 'string' && UUID.test(x));
}

/** The ids each collection route lists for the given sessions (first session that lists any wins). */
export async function harvest(
  app: App,
  ops: Operation[],
  sessions: Headers[],
): Promise<Map<string, string[]>> {
  const listed = new Map<string, string[]>();
  for (const op of ops) {
    if (op.method !== 'GET' || op.pathParams.length || op.streaming) continue;
    if (op.query.some((q) => q.required)) continue;
    for (const headers of sessions) {
      const res = await app.inject({ method: 'GET', url: op.path, headers });
      if (res.statusCode !== 200 || !/json/.test(String(res.headers['content-type']))) continue;
      // In the server's order (not sorted: random ids would reorder between runs).
      const ids = idsIn(res.json());
      if (ids.length) {
        listed.set(op.path, ids);
        break;
      }
    }
  }
  return listed;
}

/** The collection a `{id}` path parameter belongs to: `/api/webhooks/{id}/x` → `/api/webhooks`. */
export function collectionOf(path: string): string {
  return path.slice(0, path.indexOf('/{')).replace(/\/$/, '');
}

/** A real id of the given pools for a path parameter or a body field named `name`. */
export function idFor(pools: IdPools, path: string, name: string, rng: Rng): string {
  const pick = (xs: string[]) =>
    xs.length ? rng.pick(xs) : '00000000-0000-4000-8000-000000000000';
  const n = name.toLowerCase();
  if (n.includes('ticket')) return pick(pools.tickets);
  if (n.includes('unit') || n === 'convenor') return pick(pools.units);
  if (/jurisdiction|grid|village|township|place|parent/.test(n)) return pick(pools.nodes);
  if (n.includes('categor')) return pick(pools.categories);
  if (n.includes('user')) return pick(pools.users);
  if (name === 'id' || n.endsWith('id')) {
    const base = collectionOf(path);
    if (base === '/api/tickets') return pick(pools.tickets);
    if (/\/units$/.test(base)) return pick(pools.units);
    if (/jurisdictions$|\/grids$|\/villages$/.test(base)) return pick(pools.nodes);
    if (/categories$/.test(base)) return pick(pools.categories);
    // Never a signed-in user of the run: an admin route would end its session.
    if (/\/users$/.test(base)) return pick(pools.users);
    const listed = pools.listed.get(base);
    if (listed?.length) return pick(listed);
  }
  return pick([...pools.tickets, ...pools.units, ...pools.nodes]);
}

export interface FuzzFixture {
  own: District;
  other: District;
  ops: Operation[];
  sessions: Map<DemoLogin, Headers>;
  ownIds: IdPools;
  otherIds: IdPools;
}

async function basePools(d: District, tickets: Array<{ id: string; code: string }>) {
  return {
    tickets: tickets.map((t) => t.id),
    ticketCodes: tickets.map((t) => t.code),
    units: Object.values(d.units),
    nodes: Object.values(d.nodes),
    categories: Object.values(d.categories),
    users: [d.users.grid],
  };
}

/** Two districts (the fuzzed one and another tenant), tickets in a few states, every demo login. */
export async function fuzzFixture(c: Container, app: App, clock: Clock): Promise<FuzzFixture> {
  const ops = await fetchOperations(app);
  const own = await newDistrict(c, app, clock);
  const other = await newDistrict(c, app, clock);
  const ownTickets = [
    await own.newTicket(),
    await own.ticketIn('dispatched'),
    await own.ticketIn('in_progress'),
    await own.ticketIn('replied'),
  ];
  const otherTickets = [await other.newTicket(), await other.ticketIn('in_progress')];
  const sessions = new Map<DemoLogin, Headers>();
  for (const who of DEMO_LOGINS) sessions.set(who, await signIn(app, `${own.tenantId}-${who}`));
  const otherSessions = [
    await signIn(app, `${other.tenantId}-admin`),
    await signIn(app, `${other.tenantId}-supervisor`),
  ];
  const ownIds: IdPools = {
    ...(await basePools(own, ownTickets)),
    listed: await harvest(app, ops, [sessions.get('admin')!, sessions.get('supervisor')!]),
  };
  const otherIds: IdPools = {
    ...(await basePools(other, otherTickets)),
    listed: await harvest(app, ops, otherSessions),
  };
  return { own, other, ops, sessions, ownIds, otherIds };
}

export interface FuzzRequest {
  index: number;
  op: string;
  mutation: Mutation;
  auth: string;
  inject: InjectOptions;
}

const BAD_PATH_VALUES = [
  'not-a-uuid',
  '00000000-0000-0000-0000-00000000000g',
  '-1',
  '9999999999999999999999',
  '1e3',
  '..',
  '%00',
  '%zz',
  'a'.repeat(5000),
  '\u202e',
  '𠜎',
  ' ',
];

const MALFORMED_JSON = [
  '{',
  '{"a":',
  "{'a':1}",
  '{"a":1}garbage',
  '\ufeff{}',
  'null',
  '[]',
  '"text"',
  '1e999',
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '{"a":1,"a":2}',
  '\u0000',
  '',
];

const CONTENT_TYPES = [
  'text/plain',
  'application/xml',
  'multipart/form-data',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-16',
  'application/octet-stream',
  'application/jsonx',
  '',
];

// Mostly signed in (validation and the handlers are what is fuzzed), the rest as strangers.
const AUTH_MODES = [
  ...Array<'session'>(8).fill('session'),
  'resident',
  'nocsrf',
  'badcookie',
  'bearer',
  'none',
] as const;
type AuthMode = (typeof AUTH_MODES)[number];

/** Query parameters as one object schema, so the body mutations apply to them too. */
function querySchema(op: Operation): JsonSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(op.query.map((q) => [q.name, q.schema])),
    required: op.query.filter((q) => q.required).map((q) => q.name),
  };
}

function encodeQuery(q: Record<string, unknown>, raw: string[] = []): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(q)) {
    const values = Array.isArray(v) ? v : [v];
    for (const x of values) {
      const s = typeof x === 'string' ? x : toJson(x);
      parts.push(`${encodeLoose(k)}=${encodeLoose(s ?? '')}`);
    }
  }
  const all = [...parts, ...raw];
  return all.length ? `?${all.join('&')}` : '';
}

/** Request number `index` of a run: depends only on (seed, index), the operations and the fixture. */
export function buildRequest(f: FuzzFixture, seed: number, index: number): FuzzRequest {
  const rng = seeded(mix(seed, index));
  const opIndex = index % f.ops.length;
  const round = Math.floor(index / f.ops.length);
  const op = f.ops[opIndex]!;
  let mutation: Mutation = MUTATIONS[(round + opIndex) % MUTATIONS.length]!;
  let auth: AuthMode = rng.pick(AUTH_MODES);
  // A signed-in user on the event stream would hold the request open forever.
  if (op.streaming) auth = 'none';
  // Signing out would end the session the rest of the run uses.
  if (op.key === 'POST /api/auth/logout' && auth === 'session') auth = 'nocsrf';
  const who: DemoLogin = rng.chance(0.35)
    ? 'admin'
    : rng.chance(0.3)
      ? 'dispatcher'
      : rng.pick(DEMO_LOGINS);

  const ids = (name: string, r: Rng) => idFor(f.ownIds, op.path, name, r);
  const pathValues: Record<string, string> = {};
  for (const p of op.pathParams) {
    if (p.name === 'code') pathValues[p.name] = rng.pick(f.ownIds.ticketCodes);
    else pathValues[p.name] = String(validValue(p.schema, rng, ids, p.name));
  }
  let query = validValue(querySchema(op), rng, ids, '', 0, 0.3) as Record<string, unknown>;
  const rawQuery: string[] = [];
  let body: unknown = op.body ? validValue(op.body, rng, ids) : undefined;
  let rawBody: string | undefined;
  let contentType: string | undefined = op.body ? 'application/json' : undefined;
  let rawPath: string | undefined;

  const bodyKinds: Mutation[] = [
    'missing_required',
    'wrong_type',
    'out_of_range',
    'too_long',
    'bad_format',
    'bad_enum',
    'extra_property',
    'null_value',
    'odd_unicode',
    'deep_nesting',
    'huge_array',
  ];
  if (bodyKinds.includes(mutation)) {
    // The body if there is one (or a coin says so), else the query string.
    const onBody = op.body && (op.query.length === 0 || rng.chance(0.75));
    const target = onBody ? op.body! : querySchema(op);
    const m = mutateValue(onBody ? body : query, target, mutation, rng);
    if (m && onBody) body = m.value;
    else if (m) {
      // A breakage of the whole query object (null, a number) goes out as one parameter.
      const v = m.value;
      query =
        v && typeof v === 'object' && !Array.isArray(v)
          ? (v as Record<string, unknown>)
          : { [op.query[0]?.name ?? 'q']: v };
    } else mutation = op.pathParams.length ? 'bad_path' : 'bad_query';
  }
  if (mutation === 'other_tenant_id') {
    const uuidParams = op.pathParams.filter((p) => p.schema.format === 'uuid');
    if (uuidParams.length) {
      const p = rng.pick(uuidParams);
      pathValues[p.name] = idFor(f.otherIds, op.path, p.name, rng);
    } else if (body !== undefined) {
      // Every uuid in the body from the other district.
      body = JSON.parse(
        JSON.stringify(body, (k, v: unknown) =>
          typeof v === 'string' && UUID.test(v) ? idFor(f.otherIds, op.path, k, rng) : v,
        ),
      );
    } else {
      mutation = 'bad_query';
    }
  }
  if (mutation === 'bad_path') {
    if (op.pathParams.length) {
      const p = rng.pick(op.pathParams);
      const v = rng.chance(0.2) ? rng.pick(ODD_STRINGS) : rng.pick(BAD_PATH_VALUES);
      // Some go out raw (a broken escape), most encoded.
      if (rng.chance(0.3) && /^[\x21-\x7e]*$/.test(v)) {
        rawPath = op.path.replace(/\{([^}]+)\}/g, (_, n: string) =>
          n === p.name ? v : encodeLoose(pathValues[n]!),
        );
      } else pathValues[p.name] = v;
    } else mutation = 'bad_query';
  }
  if (mutation === 'bad_query') {
    const name = op.query.length && rng.chance(0.8) ? rng.pick(op.query).name : 'unexpected';
    const v = rng.pick<unknown>([
      'NOT_AN_ENUM',
      '-1',
      '0',
      '1.5',
      '1e309',
      '99999999999999999999',
      'x'.repeat(10_000),
      rng.pick(ODD_STRINGS),
      ['a', 'b', 'c'],
      'not-a-uuid',
      '2026-13-45',
      'true',
    ]);
    query = { ...query, [name]: v };
    if (rng.chance(0.2))
      rawQuery.push(rng.pick(['%zz', '%E4%B8', 'a[b]=1', '&&&', '=x', `${name}`]));
  }
  if (mutation === 'malformed_json') {
    rawBody = rng.pick(MALFORMED_JSON);
    contentType = 'application/json';
  }
  if (mutation === 'wrong_content_type') {
    rawBody = body === undefined ? 'a=1' : toJson(body);
    contentType = rng.pick(CONTENT_TYPES);
  }

  const headers: Record<string, string> = {};
  const session = f.sessions.get(who)!;
  if (auth === 'session') Object.assign(headers, session);
  if (auth === 'nocsrf') headers.cookie = session.cookie!;
  if (auth === 'badcookie')
    headers.cookie = `jiesu_session=${rng.pick(['x', '', 'a'.repeat(500), '%00'])}`;
  if (auth === 'bearer')
    headers.authorization = `Bearer ${rng.pick(['x', 'jsu_' + 'a'.repeat(40), ''])}`;
  if (auth === 'resident' || auth === 'bearer') headers['x-tenant'] = f.own.tenantId;
  if (contentType) headers['content-type'] = contentType;

  const url = (rawPath ?? fillPath(op.path, pathValues)) + encodeQuery(query, rawQuery);
  const payload = rawBody ?? (body === undefined ? undefined : toJson(body));
  return {
    index,
    op: op.key,
    mutation,
    auth: auth === 'session' || auth === 'nocsrf' ? `${auth}:${who}` : auth,
    inject: {
      method: op.method,
      url,
      headers,
      ...(payload !== undefined && op.method !== 'GET' ? { payload } : {}),
    },
  };
}

const CODE = /^[A-Z][A-Z0-9_]*$/;
// A stack frame, a source file with a line, or a path of this machine.
const LEAK = /\bat [\w.<>$]+ \(|\.(?:ts|js|mjs):\d+|node_modules|\/work\/|\/home\/|file:\/\//;

/** What is wrong with one answer (empty when nothing is). */
export function problemsOf(status: number, body: string, contentType: string): string[] {
  const out: string[] = [];
  if (status >= 500) out.push(`status ${status}`);
  if (status >= 400) {
    try {
      const err = (JSON.parse(body) as { error?: { code?: unknown; message?: unknown } }).error;
      if (typeof err?.code !== 'string' || !CODE.test(err.code)) out.push('no UPPER_SNAKE code');
      if (typeof err?.message !== 'string' || err.message.length === 0) out.push('no message');
    } catch {
      out.push(`body not JSON (${contentType})`);
    }
  }
  if (LEAK.test(body)) out.push('stack trace or path in body');
  return out;
}

export interface FuzzFailure {
  seed: number;
  index: number;
  op: string;
  mutation: string;
  auth: string;
  method: string;
  url: string;
  status: number;
  problems: string[];
  response: string;
}

export interface FuzzFigures {
  seed: number;
  requests: number;
  operations: number;
  operationsCovered: number;
  byStatus: Record<string, number>;
  status5xx: number;
  badErrorBodies: number;
  leaks: number;
  failures: FuzzFailure[];
  distinctCodes: string[];
  byMutation: Record<string, number>;
  /** Total milliseconds spent answering each kind of breakage (where the time goes). */
  msByMutation: Record<string, number>;
  /** The slowest operations, total milliseconds. */
  slowestOps: Array<[string, number]>;
  durationMs: number;
  requestsPerS: number;
}

export async function runFuzz(
  app: App,
  f: FuzzFixture,
  opts: { seed: number; requests: number; concurrency?: number; progress?: (n: number) => void },
): Promise<FuzzFigures> {
  const byStatus: Record<string, number> = {};
  const byMutation: Record<string, number> = {};
  const msByMutation: Record<string, number> = {};
  const msByOp = new Map<string, number>();
  const codes = new Set<string>();
  const covered = new Set<string>();
  const failures: FuzzFailure[] = [];
  let status5xx = 0;
  let badErrorBodies = 0;
  let leaks = 0;
  let next = 0;
  const relogin = new Map<DemoLogin, Promise<void>>();
  const start = performance.now();

  const worker = async () => {
    for (;;) {
      const index = next++;
      if (index >= opts.requests) return;
      const req = buildRequest(f, opts.seed, index);
      const t0 = performance.now();
      const res = await app.inject(req.inject);
      const ms = performance.now() - t0;
      msByMutation[req.mutation] = Math.round((msByMutation[req.mutation] ?? 0) + ms);
      msByOp.set(req.op, (msByOp.get(req.op) ?? 0) + ms);
      const status = res.statusCode;
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      byMutation[req.mutation] = (byMutation[req.mutation] ?? 0) + 1;
      covered.add(req.op);
      const body = res.body;
      const problems = problemsOf(status, body, String(res.headers['content-type'] ?? ''));
      if (status >= 400) {
        try {
          const code = (JSON.parse(body) as { error?: { code?: string } }).error?.code;
          if (code) codes.add(code);
        } catch {
          /* counted by problemsOf */
        }
      }
      if (status >= 500) status5xx++;
      if (problems.some((p) => p.startsWith('no ') || p.startsWith('body'))) badErrorBodies++;
      if (problems.some((p) => p.startsWith('stack'))) leaks++;
      if (problems.length && failures.length < 200) {
        failures.push({
          seed: opts.seed,
          index,
          op: req.op,
          mutation: req.mutation,
          auth: req.auth,
          method: String(req.inject.method),
          url: String(req.inject.url).slice(0, 300),
          status,
          problems,
          response: body.slice(0, 500),
        });
      }
      // A fuzzed request may end a session (a user disabled, a role changed): sign in again.
      const who = req.auth.startsWith('session:') ? (req.auth.slice(8) as DemoLogin) : undefined;
      if (who && status === 401) {
        let p = relogin.get(who);
        if (!p) {
          p = signIn(app, `${f.own.tenantId}-${who}`)
            .then((h) => void f.sessions.set(who, h))
            .catch(() => undefined)
            .finally(() => relogin.delete(who));
          relogin.set(who, p);
        }
        await p;
      }
      if (opts.progress && index % 1000 === 999) opts.progress(index + 1);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 4 }, worker));
  const durationMs = performance.now() - start;
  return {
    seed: opts.seed,
    requests: opts.requests,
    operations: f.ops.length,
    operationsCovered: covered.size,
    byStatus,
    status5xx,
    badErrorBodies,
    leaks,
    failures,
    distinctCodes: [...codes].sort(),
    byMutation,
    msByMutation,
    slowestOps: [...msByOp.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([k, v]) => [k, Math.round(v)]),
    durationMs: Math.round(durationMs),
    requestsPerS: Math.round((opts.requests / durationMs) * 1000),
  };
}
