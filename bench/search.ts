// Chinese full-text search over the ticket list (GET /api/tickets?q=…) against
// the LIKE search it replaced, in the same run, on generated tickets.
//
// A district of 20 townships, 300 villages and 40 departments gets N tickets
// (default 20,000; --tickets 1000000 for the issue's size) with realistic texts:
// each ticket's title and description come from a real message of the 泰迪杯
// message board (../shared/data/taidi2020/messages_labelled.csv, read at bench
// time, never copied; a few invented templates when the file is absent), its
// address from invented estates, roads and villages, 60% with a unit's
// feedback text (an event) from invented templates. Rows and their search
// documents (jieba words, as the ticket service writes them) go in with
// multi-row INSERT … SELECT FROM unnest(arrays), 2,000 tickets a statement.
//
// Timed: ~200 list queries through the ticket service (`tickets.list`: search,
// rank, count, page of 20, highlights), a seeded mix of two-character words,
// phrases and address fragments, a third of them with a state or township
// filter, a fifth as a village's handler (unit scope) — beside the old LIKE
// query (code equality or LIKE on title/description/address, newest first, plus
// the count) on the first --baseline-queries of the same mix.
//
// PostgreSQL: a scratch database `bench_search` on the server of --database-url /
// BENCH_DATABASE_URL / TEST_DATABASE_URL (default
// postgres://postgres@127.0.0.1:5432/postgres), dropped and created unless
// --reuse finds the same number of tickets. PGlite (--engines pglite): a fresh
// database in a temp dir, --pglite-tickets (default 20,000).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import type { TicketListQuery } from '@jiesu/contracts';
import { openDatabase, type Database } from '../apps/server/src/db/engine.js';
import { migrateToLatest } from '../apps/server/src/db/migrate.js';
import type { DB } from '../apps/server/src/db/schema.js';
import { createTenant } from '../apps/server/src/modules/system/tenants.js';
import { buildContainer } from '../apps/server/src/container.js';
import { loadConfig } from '../apps/server/src/config.js';
import { ticketDocument } from '../apps/server/src/modules/search/text.js';
import { Random } from '../apps/server/src/modules/demo/content/prng.js';
import type { StaffActor } from '../apps/server/src/shared/actor.js';
import { systemClock } from '../apps/server/src/shared/clock.js';
import { pgliteTemplate } from './lib/pglite-template.js';
import { round } from './lib/machine.js';
import { benchServerUrl, scratchDatabase } from './lib/scratch-db.js';

const USAGE = `usage: npm run bench -- search [--tickets 20000] [--queries 200] [--baseline-queries 40] [--engines postgres,pglite] [--pglite-tickets 20000] [--database-url URL] [--reuse]`;
const TENANT = 'benchsearch';
const DB_NAME = 'bench_search';
const MESSAGES = fileURLToPath(
  new URL('../../shared/data/taidi2020/messages_labelled.csv', import.meta.url),
);

const t0 = performance.now();
const log = (msg: string) =>
  console.error(`[search +${((performance.now() - t0) / 1000).toFixed(1)} s] ${msg}`);

const J = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const V = (n: number) => `00000000-0000-4000-9000-${n.toString(16).padStart(12, '0')}`;
const U = (n: number) => `00000000-0000-4000-a000-${n.toString(16).padStart(12, '0')}`;
const CATEGORY = '00000000-0000-4000-b000-000000000001';
const CENTRE = U(400);
const T = (n: number) => `10000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** The real messages' texts (a minimal CSV reader: quoted fields may hold commas and newlines). */
function readMessages(): string[] {
  if (!existsSync(MESSAGES)) return [];
  const src = readFileSync(MESSAGES, 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  const col = rows[0]!.indexOf('text');
  return rows
    .slice(1)
    .map((r) => (r[col] ?? '').replace(/\s+/g, ''))
    .filter((t) => t.length >= 20);
}

const INVENTED = [
  '小区停车难,车辆乱停乱放,消防通道经常被堵,希望物业加强管理。',
  '夜间施工噪音扰民,工地每天晚上十点以后还在作业,严重影响休息。',
  '路灯不亮已经一周了,晚上出行很不方便,请尽快维修。',
  '垃圾桶满了没人清运,气味很大,夏天蚊蝇很多。',
  '楼上漏水到我家,物业和楼上住户都不管,请帮忙协调。',
  '公司拖欠工资三个月,多次讨要未果,请求劳动监察部门介入。',
  '学校门口早晚高峰交通拥堵,建议增设交通协管员。',
  '暖气不热,室温只有十几度,家里有老人孩子。',
];
const ESTATES = [
  '幸福',
  '东湖',
  '柳园',
  '金桥',
  '阳光',
  '和平',
  '翠竹',
  '锦绣',
  '望京',
  '春晖',
  '长青',
  '凤凰',
];
const ESTATE_KIND = ['小区', '花园', '家园', '社区', '新村', '苑'];
const ROADS = ['建设', '人民', '解放', '中山', '长江', '黄河', '振兴', '光明', '文化', '育才'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
];
const REPLIES = [
  '已联系物业公司现场核实,已清理堵塞的消防通道并增设禁停标识。',
  '经核实,该工地已办理夜间施工许可,已要求其22时后停止高噪音作业。',
  '已安排维修人员更换路灯灯泡,现已恢复照明。',
  '已协调环卫部门增加清运频次,每日早晚各清运一次。',
  '已约谈用人单位,单位承诺于本月底前结清拖欠工资。',
  '已联系供热公司排查管网,更换了单元阀门,室温已达标。',
  '已转交属地街道办理,街道已派人上门了解情况并答复诉求人。',
];
const STATES = [
  'closed',
  'closed',
  'closed',
  'awaiting_callback',
  'in_progress',
  'dispatched',
  'received',
] as const;

interface Gen {
  messages: string[];
  rnd: Random;
}

function ticketAt(g: Gen, i: number) {
  const r = g.rnd;
  const text = g.messages.length ? g.messages[r.int(0, g.messages.length - 1)]! : r.pick(INVENTED);
  const cut = Math.min(text.length - 5, r.int(10, 22));
  const title = text.slice(0, cut);
  const description = text.slice(cut, cut + 400) || text;
  const address =
    r.float() < 0.6
      ? `${r.pick(ESTATES)}${r.pick(ESTATE_KIND)}${r.int(1, 30)}号楼${r.int(1, 6)}单元`
      : `${r.pick(ROADS)}路${r.int(1, 300)}号`;
  const village = (i % 300) + 1;
  const state = STATES[i % STATES.length]!;
  const lead = state === 'received' ? null : r.float() < 0.7 ? U(20 + village) : U(321 + (i % 40));
  const reply =
    state !== 'received' && state !== 'dispatched' && r.float() < 0.8 ? r.pick(REPLIES) : null;
  return {
    id: T(i),
    code: `B${String(i).padStart(8, '0')}`,
    title,
    description,
    address,
    jurisdiction: V(village),
    lead,
    state,
    name: `${r.pick(SURNAMES)}${r.pick(GIVEN)}${r.float() < 0.5 ? r.pick(GIVEN) : ''}`,
    reply,
  };
}

async function seedDistrict(db: Kysely<DB>) {
  await createTenant(db, { id: TENANT, name: '检索基准区', now: new Date('2026-01-01T00:00:00Z') });
  await sql`INSERT INTO jurisdictions (id, tenant_id, parent_id, level, code, name, population, path)
    VALUES (${J(0)}, ${TENANT}, NULL, 'district', 'sd', '基准区', 600000, ${`/${J(0)}/`})`.execute(
    db,
  );
  for (let t = 1; t <= 20; t++) {
    await sql`INSERT INTO jurisdictions (id, tenant_id, parent_id, level, code, name, population, path)
      VALUES (${J(t)}, ${TENANT}, ${J(0)}, 'township', ${`st${t}`}, ${`乡镇${t}`}, 30000, ${`/${J(0)}/${J(t)}/`})`.execute(
      db,
    );
  }
  const vs = Array.from({ length: 300 }, (_, k) => k + 1);
  const tw = (v: number) => Math.floor((v - 1) / 15) + 1;
  await sql`INSERT INTO jurisdictions (id, tenant_id, parent_id, level, code, name, population, path)
    SELECT v.id, ${TENANT}, v.parent, 'village', v.code, v.name, 2000, v.path
    FROM unnest(${vs.map(V)}::uuid[], ${vs.map((v) => J(tw(v)))}::uuid[], ${vs.map((v) => `sv${v}`)}::text[],
      ${vs.map((v) => `村${v}`)}::text[], ${vs.map((v) => `/${J(0)}/${J(tw(v))}/${V(v)}/`)}::text[])
      AS v(id, parent, code, name, path)`.execute(db);
  // Units: 1..20 township governments, 21..320 village committees, 321..360 departments, the centre.
  const us = Array.from({ length: 360 }, (_, k) => k + 1);
  await sql`INSERT INTO units (id, tenant_id, jurisdiction_id, kind, key, name, phone)
    SELECT u.id, ${TENANT}, u.j, u.kind, u.key, u.name, NULL
    FROM unnest(${us.map(U)}::uuid[], ${us.map((u) => (u <= 20 ? J(u) : u <= 320 ? V(u - 20) : J(0)))}::uuid[],
      ${us.map((u) => (u <= 320 ? 'government' : 'department'))}::text[], ${us.map((u) => `su${u}`)}::text[],
      ${us.map((u) => `单位${u}`)}::text[]) AS u(id, j, kind, key, name)`.execute(db);
  await sql`INSERT INTO units (id, tenant_id, jurisdiction_id, kind, key, name, phone)
    VALUES (${CENTRE}, ${TENANT}, ${J(0)}, 'dispatch_centre', 'centre', '指挥中心', NULL)`.execute(
    db,
  );
  await sql`INSERT INTO categories (id, tenant_id, parent_id, code, name, level, path)
    VALUES (${CATEGORY}, ${TENANT}, NULL, 's1', '基准类别', 1, ${`/${CATEGORY}/`})`.execute(db);
}

/** N tickets, their feedback events and search documents, 2,000 a statement. */
async function seedTickets(db: Kysely<DB>, n: number): Promise<{ segmentMs: number }> {
  const g: Gen = { messages: readMessages(), rnd: new Random(20261121) };
  log(
    `texts: ${g.messages.length ? `${g.messages.length} real messages` : 'invented templates (no CSV)'}`,
  );
  const chunk = 2000;
  const start = Date.parse('2026-01-01T00:00:00Z');
  const span = 353 * 86_400_000;
  let segmentMs = 0;
  for (let lo = 1; lo <= n; lo += chunk) {
    const rows = Array.from({ length: Math.min(chunk, n - lo + 1) }, (_, k) => ticketAt(g, lo + k));
    const received = rows.map((_, k) => new Date(start + ((lo + k) / n) * span).toISOString());
    const s = performance.now();
    const docs = rows.map((r) => ticketDocument({ ...r, replies: r.reply ? [r.reply] : [] }));
    segmentMs += performance.now() - s;
    await sql`INSERT INTO tickets (id, tenant_id, code, channel, type, category_id, title, description, address,
        jurisdiction_id, requester_name, urgency, lead_unit_id, holder_unit_id, state, received_at, updated_at)
      SELECT x.id, ${TENANT}, x.code, 'hotline', 'help', ${CATEGORY}, x.title, x.description, x.address,
        x.j, x.name, 'normal', x.lead, x.lead, x.state, x.at, x.at
      FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.code)}::text[],
        ${rows.map((r) => r.title)}::text[], ${rows.map((r) => r.description)}::text[],
        ${rows.map((r) => r.address)}::text[], ${rows.map((r) => r.jurisdiction)}::uuid[],
        ${rows.map((r) => r.name)}::text[], ${rows.map((r) => r.lead)}::uuid[],
        ${rows.map((r) => r.state)}::text[], ${received}::timestamptz[])
        AS x(id, code, title, description, address, j, name, lead, state, at)`.execute(db);
    const fed = rows.map((r, k) => ({ r, at: received[k]! })).filter((x) => x.r.reply);
    if (fed.length) {
      await sql`INSERT INTO ticket_events (tenant_id, ticket_id, seq, action, from_state, to_state, actor_kind, at, visibility, payload)
        SELECT ${TENANT}, x.id, 1, 'give_feedback', 'accepted', 'feedback_given', 'staff', x.at, 'internal',
          jsonb_build_object('result', x.reply, 'replyText', x.reply)
        FROM unnest(${fed.map((x) => x.r.id)}::uuid[], ${fed.map((x) => x.r.reply)}::text[], ${fed.map((x) => x.at)}::timestamptz[])
          AS x(id, reply, at)`.execute(db);
    }
    await sql`INSERT INTO ticket_search (ticket_id, tenant_id, received_at, doc)
      SELECT x.id, ${TENANT}, x.at, setweight(to_tsvector('simple', x.a), 'A')
        || setweight(to_tsvector('simple', x.b), 'B') || setweight(to_tsvector('simple', x.c), 'C')
      FROM unnest(${rows.map((r) => r.id)}::uuid[], ${docs.map((d) => d.title)}::text[],
        ${docs.map((d) => d.body)}::text[], ${docs.map((d) => d.replies)}::text[],
        ${received}::timestamptz[]) AS x(id, a, b, c, at)`.execute(db);
    const hi = lo + rows.length - 1;
    if (hi % 100_000 < chunk || hi === n) log(`  ${hi.toLocaleString()} tickets`);
  }
  await sql`ANALYZE tickets`.execute(db);
  await sql`ANALYZE ticket_search`.execute(db);
  await sql`ANALYZE ticket_events`.execute(db);
  return { segmentMs };
}

const WORDS = [
  '噪音',
  '停车',
  '物业',
  '路灯',
  '垃圾',
  '施工',
  '拖欠',
  '漏水',
  '扰民',
  '供暖',
  '学校',
  '违建',
  '占道',
  '污染',
  '工资',
  '补贴',
];
const PHRASES = [
  '小区停车难',
  '夜间施工噪音',
  '物业不作为',
  '拖欠工资',
  '垃圾清运',
  '自来水停水',
  '违章建筑',
  '噪音扰民',
  '路灯灯泡',
];
const FRAGMENTS = () => [
  ...ESTATES.slice(0, 6).map((e) => `${e}小区`),
  ...ROADS.slice(0, 4).map((r) => `${r}路`),
  '花园3号楼',
];

interface Case {
  q: TicketListQuery;
  scoped: boolean;
  kind: 'word' | 'phrase' | 'fragment';
}

function queryMix(n: number): Case[] {
  const r = new Random(7);
  const frags = FRAGMENTS();
  return Array.from({ length: n }, (_, i) => {
    const roll = r.float();
    const kind: Case['kind'] = roll < 0.5 ? 'word' : roll < 0.8 ? 'phrase' : 'fragment';
    const text =
      kind === 'word' ? r.pick(WORDS) : kind === 'phrase' ? r.pick(PHRASES) : r.pick(frags);
    const q: TicketListQuery = { q: text, pageSize: 20 };
    if (i % 3 === 1) q.state = [r.pick(['closed', 'in_progress', 'dispatched'] as const)];
    if (i % 3 === 2) q.jurisdictionId = J(r.int(1, 20));
    return { q, scoped: i % 5 === 4, kind };
  });
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The search before this one: code equality or LIKE on title/description/address, newest first, and the count. */
async function baseline(db: Kysely<DB>, c: Case, scope: string[] | 'tenant') {
  const like = `%${escapeLike(c.q.q!)}%`;
  const where = sql`t.tenant_id = ${TENANT}
    AND (t.code = ${c.q.q} OR t.title LIKE ${like} OR t.description LIKE ${like} OR t.address LIKE ${like})
    ${c.q.state ? sql`AND t.state IN (${sql.join(c.q.state)})` : sql``}
    ${c.q.jurisdictionId ? sql`AND EXISTS (SELECT 1 FROM jurisdictions qj WHERE qj.id = t.jurisdiction_id AND qj.path LIKE (SELECT path FROM jurisdictions WHERE id = ${c.q.jurisdictionId}) || '%')` : sql``}
    ${scope === 'tenant' ? sql`` : sql`AND (t.lead_unit_id IN (${sql.join(scope)}) OR t.holder_unit_id IN (${sql.join(scope)}))`}`;
  await Promise.all([
    sql`SELECT t.* FROM tickets t WHERE ${where} ORDER BY t.received_at DESC, t.id LIMIT 20`.execute(
      db,
    ),
    sql`SELECT count(*) FROM tickets t WHERE ${where}`.execute(db),
  ]);
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!, 1);
};
const stats = (xs: number[]) => ({
  n: xs.length,
  p50: pct(xs, 50),
  p95: pct(xs, 95),
  max: round(Math.max(...xs), 1),
  mean: round(xs.reduce((a, b) => a + b, 0) / xs.length, 1),
});

async function measure(
  database: Database,
  engine: 'postgres' | 'pglite',
  n: number,
  opts: { queries: number; baselineQueries: number; reuse: boolean },
) {
  const db = database.db;
  await migrateToLatest(db);
  const have = Number(
    (
      await sql<{
        n: string;
      }>`SELECT count(*) AS n FROM tickets WHERE tenant_id = ${TENANT}`.execute(db)
    ).rows[0]!.n,
  );
  let seedMs = 0;
  let segmentMs = 0;
  if (!(opts.reuse && have === n)) {
    if (have > 0)
      throw new Error(`tenant ${TENANT} already has ${have} tickets: drop ${DB_NAME} first`);
    log(`${engine}: generating ${n.toLocaleString()} tickets`);
    const s = performance.now();
    await seedDistrict(db);
    ({ segmentMs } = await seedTickets(db, n));
    seedMs = performance.now() - s;
  }
  const c = buildContainer({ db, clock: systemClock, config: loadConfig({}) });
  const dispatcher: StaffActor = {
    kind: 'staff',
    userId: '00000000-0000-4000-8000-0000000000aa',
    tenantId: TENANT,
    username: 'bench',
    displayName: 'bench',
    grants: [
      {
        unitId: CENTRE,
        unitName: '指挥中心',
        unitKind: 'dispatch_centre',
        jurisdictionPath: `/${J(0)}/`,
        role: 'dispatcher',
      },
    ],
    scope: 'tenant',
  };
  const villageUnit = U(21 + 7);
  const handler: StaffActor = {
    ...dispatcher,
    grants: [
      {
        unitId: villageUnit,
        unitName: '单位28',
        unitKind: 'government',
        jurisdictionPath: `/${J(0)}/${J(1)}/${V(8)}/`,
        role: 'handler',
      },
    ],
    scope: [villageUnit],
  };
  const mix = queryMix(opts.queries);
  // Warm-up: the dictionary, the plans, the caches.
  for (const x of mix.slice(0, 10)) await c.tickets.list(x.scoped ? handler : dispatcher, x.q);
  const ms: number[] = [];
  const byKind: Record<string, number[]> = { word: [], phrase: [], fragment: [] };
  const totals: number[] = [];
  let highlighted = 0;
  for (const x of mix) {
    const s = performance.now();
    const page = await c.tickets.list(x.scoped ? handler : dispatcher, x.q);
    const d = performance.now() - s;
    ms.push(d);
    byKind[x.kind]!.push(d);
    totals.push(page.total);
    highlighted += page.items.filter((i) => i.highlights?.length).length;
    if (!page.items.every((i) => i.highlights !== undefined))
      throw new Error('a hit without highlights');
  }
  log(`${engine}: search p50 ${pct(ms, 50)} ms, p95 ${pct(ms, 95)} ms`);
  const base: number[] = [];
  for (const x of mix.slice(0, opts.baselineQueries)) {
    const s = performance.now();
    await baseline(db, x, x.scoped ? [villageUnit] : 'tenant');
    base.push(performance.now() - s);
  }
  log(`${engine}: LIKE baseline p50 ${pct(base, 50)} ms, p95 ${pct(base, 95)} ms`);
  const search = stats(ms);
  return {
    engine,
    tickets: n,
    seedMs: round(seedMs, 0),
    segmentTicketsPerS: segmentMs ? round(n / (segmentMs / 1000), 0) : null,
    searchMs: search,
    searchMsByKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, stats(v)])),
    likeBaselineMs: stats(base),
    matches: { p50: pct(totals, 50), p95: pct(totals, 95), max: Math.max(...totals) },
    hitsWithHighlights: highlighted,
    goal: { p95Under50ms: search.p95 < 50 },
  };
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      tickets: { type: 'string', default: '20000' },
      'pglite-tickets': { type: 'string', default: '20000' },
      queries: { type: 'string', default: '200' },
      'baseline-queries': { type: 'string', default: '40' },
      engines: { type: 'string', default: 'postgres' },
      'database-url': { type: 'string' },
      reuse: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  const opts = {
    queries: Number(values.queries),
    baselineQueries: Number(values['baseline-queries']),
    reuse: values.reuse,
  };
  const results = [];
  const skipped: Record<string, string> = {};
  const engines = values.engines.split(',');
  if (engines.includes('postgres')) {
    try {
      const { url } = await scratchDatabase(benchServerUrl(values['database-url']), DB_NAME, {
        reuse: values.reuse,
      });
      const database = await openDatabase({ databaseUrl: url });
      try {
        results.push(await measure(database, 'postgres', Number(values.tickets), opts));
      } finally {
        await database.close();
      }
    } catch (err) {
      skipped.postgres = err instanceof Error ? err.message : String(err);
      log(`postgres skipped: ${skipped.postgres}`);
    }
  }
  if (engines.includes('pglite')) {
    const dir = mkdtempSync(join(tmpdir(), 'jiesu-bench-search-'));
    const database = await openDatabase({ dataDir: dir, loadDataDir: await pgliteTemplate() });
    try {
      results.push(
        await measure(database, 'pglite', Number(values['pglite-tickets']), {
          ...opts,
          reuse: false,
        }),
      );
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  process.stdout.write(`${JSON.stringify({ benchmark: 'search', results, skipped }, null, 2)}\n`);
  return results.length ? 0 : 1;
}
