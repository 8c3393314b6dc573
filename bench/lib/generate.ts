// The benches' big-data generator: N more tickets for the demo district (青岚区), made by
// the server's own demo seeding — `demoTicketDrafts` (categories, places, callers, texts,
// seasons and each ticket's planned path) and `seedStories` (every step run through the
// transition engine `decide`, with the rows the action hooks write beside the events) —
// in chunks of a few thousand, each chunk's rows bulk-inserted as multi-row INSERTs. Every
// chunk spreads over the whole period, so only the last days hold open tickets, as in a
// real district; ticket codes continue the per-day counters. Seeded: the same options give
// the same tickets (ids aside). Afterwards the 三率 and dashboard rollups are rebuilt from
// the trail and every ticket gets its search document (jieba words), as the demo seed does.
//
// The demo district is seeded first when the database has none (`seedDemoIfEmpty`, what
// the server does on its first start), so a data dir filled here starts as a demo server.
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../apps/server/src/db/schema.js';
import type { Clock } from '../../apps/server/src/shared/clock.js';
import { seedDemoIfEmpty } from '../../apps/server/src/modules/demo/seed.js';
import { seedStories, type StoryContext } from '../../apps/server/src/modules/demo/stories.js';
import {
  demoCategories,
  demoKnowledgeItems,
  demoOrg,
  demoTicketDrafts,
} from '../../apps/server/src/modules/demo/content/index.js';
import { publishedChinaCalendar } from '../../apps/server/src/modules/calendar/holidays.js';
import {
  CHINA_CALENDAR_SETTINGS,
  WorkingCalendar,
} from '../../apps/server/src/modules/calendar/deadline.js';
import { assessmentRepository } from '../../apps/server/src/modules/assessment/repository.js';
import { dashboardRepository } from '../../apps/server/src/modules/dashboard/repository.js';
import { rebuildTicketSearch } from '../../apps/server/src/modules/search/repository.js';

const DAY_MS = 86_400_000;

export interface GenerateOptions {
  /** Tickets to add. */
  tickets: number;
  /** Days back from `clock.now()` the tickets are spread over (default 365). */
  days?: number;
  /** Seed of the first chunk; chunk k uses seed + k (default 20261122). */
  seed?: number;
  /** Tickets per chunk (default 5,000): one draft batch, one story run, its inserts. */
  chunk?: number;
  /** Skip the search documents (jieba is about a third of the time). */
  skipSearch?: boolean;
  log?: (msg: string) => void;
}

export interface GenerateResult {
  tenantId: string;
  /** Whether the demo district itself was seeded by this run (an empty database). */
  seededDemo: boolean;
  tickets: number;
  events: number;
  /** Planned steps the transition engine refused: none in a sound story. */
  refused: number;
  ms: { demo: number; tickets: number; rollups: number; search: number; total: number };
  ticketsPerS: number;
  eventsPerS: number;
}

/** The demo district's ids as `seedStories` needs them, read back from the database. */
export async function demoStoryContext(db: Kysely<DB>): Promise<Omit<StoryContext, 'now'>> {
  const org = demoOrg();
  const tenantId = org.tenant.code;
  const units = await db
    .selectFrom('units')
    .select(['key', 'id'])
    .where('tenant_id', '=', tenantId)
    .execute();
  const users = await db
    .selectFrom('users')
    .select(['username', 'id'])
    .where('tenant_id', '=', tenantId)
    .execute();
  const unitIds = new Map<string, string>();
  for (const u of units) if (u.key) unitIds.set(u.key, u.id);
  const userIds = new Map<string, string>();
  for (const u of users) if (u.username) userIds.set(u.username, u.id);
  const cats = await db
    .selectFrom('categories')
    .select(['code', 'id', 'path'])
    .where('tenant_id', '=', tenantId)
    .execute();
  const juris = await db
    .selectFrom('jurisdictions')
    .select(['code', 'id', 'path'])
    .where('tenant_id', '=', tenantId)
    .execute();
  const kb = await db
    .selectFrom('knowledge_items')
    .select(['title', 'id'])
    .where('tenant_id', '=', tenantId)
    .execute();
  const kbByTitle = new Map(kb.map((k) => [k.title, k.id]));
  const knowledgeIds = new Map<string, { id: string; title: string }>();
  for (const k of demoKnowledgeItems()) {
    const id = kbByTitle.get(k.title);
    if (id) knowledgeIds.set(k.key, { id, title: k.title });
  }
  const policies = await db
    .selectFrom('time_limit_policies')
    .select([
      'category_id',
      'urgency',
      'response_amount',
      'response_unit',
      'completion_amount',
      'completion_unit',
    ])
    .where('tenant_id', '=', tenantId)
    .execute();
  if (!unitIds.size || !cats.length) throw new Error('generate: no demo district in the database');
  return {
    tenantId,
    org,
    unitIds,
    userIds,
    catIds: new Map(cats.map((c) => [c.code, { id: c.id, path: c.path }])),
    jurisdictionIds: new Map(juris.map((j) => [j.code, { id: j.id, path: j.path }])),
    knowledgeIds,
    policies,
    calendar: new WorkingCalendar(publishedChinaCalendar(), CHINA_CALENDAR_SETTINGS),
    utcOffsetMinutes: CHINA_CALENDAR_SETTINGS.utcOffsetMinutes,
  };
}

/** Adds `opts.tickets` tickets (and their trails) to the demo district; seeds the district first if absent. */
export async function generateTickets(
  db: Kysely<DB>,
  clock: Clock,
  opts: GenerateOptions,
): Promise<GenerateResult> {
  const log = opts.log ?? (() => undefined);
  const t0 = performance.now();
  const now = clock.now();
  const seededDemo = await seedDemoIfEmpty(db, clock);
  const tDemo = performance.now();
  if (seededDemo) log(`demo district seeded in ${((tDemo - t0) / 1000).toFixed(1)} s`);
  const ctx = await demoStoryContext(db);
  const counters = new Map(
    (
      await db
        .selectFrom('ticket_code_counters')
        .select(['day', 'last'])
        .where('tenant_id', '=', ctx.tenantId)
        .execute()
    ).map((r) => [r.day, r.last]),
  );
  const categories = demoCategories();
  const chunk = opts.chunk ?? 5000;
  const seed = opts.seed ?? 20261122;
  const start = new Date(now.getTime() - (opts.days ?? 365) * DAY_MS);
  let tickets = 0;
  let events = 0;
  let refused = 0;
  for (let k = 0; tickets < opts.tickets; k++) {
    const drafts = demoTicketDrafts({
      count: Math.min(chunk, opts.tickets - tickets),
      seed: seed + k,
      start,
      end: now,
      org: ctx.org,
      categories,
    });
    // Upstream ids are numbered within one generation: make them unique across chunks.
    for (const d of drafts) if (d.upstreamId) d.upstreamId = `${d.upstreamId}-g${k}`;
    const r = await seedStories(db, drafts, { ...ctx, now, codeCounters: counters });
    tickets += r.tickets;
    events += r.events;
    refused += r.refused.length;
    if (r.tickets === 0) throw new Error('generate: a chunk produced no tickets');
    const sofar = (performance.now() - tDemo) / 1000;
    if (k % 10 === 9 || tickets >= opts.tickets)
      log(
        `${tickets.toLocaleString()} tickets, ${events.toLocaleString()} events (${Math.round(tickets / sofar)} tickets/s)`,
      );
  }
  const tTickets = performance.now();
  log('rebuilding the 三率 and dashboard rollups from the trail');
  await assessmentRepository(db).rebuild(ctx.tenantId);
  await dashboardRepository(db).rebuild(ctx.tenantId);
  const tRollups = performance.now();
  if (!opts.skipSearch) {
    log('writing the search documents (jieba)');
    await rebuildTicketSearch(db, {
      tenantId: ctx.tenantId,
      batch: 1000,
      onBatch: (n) => {
        if (n % 100_000 < 1000) log(`  ${n.toLocaleString()} search documents`);
      },
    });
  }
  const tSearch = performance.now();
  await sql`ANALYZE`.execute(db);
  const end = performance.now();
  const genS = (tTickets - tDemo) / 1000;
  return {
    tenantId: ctx.tenantId,
    seededDemo,
    tickets,
    events,
    refused,
    ms: {
      demo: Math.round(tDemo - t0),
      tickets: Math.round(tTickets - tDemo),
      rollups: Math.round(tRollups - tTickets),
      search: Math.round(tSearch - tRollups),
      total: Math.round(end - t0),
    },
    ticketsPerS: Math.round(tickets / genS),
    eventsPerS: Math.round(events / genS),
  };
}
