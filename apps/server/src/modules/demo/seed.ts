// Seeds the demo district (青岚区 of the fictional 燕川市) into the database:
// organisation, staff with the README's demo logins, categories, time limits,
// the knowledge base, and six months of tickets whose histories are produced
// by the real transition engine (`decide`), so every row and event is one the
// platform itself could have written. Bulk inserts keep it to seconds.
import { rebuildTicketSearch } from '../search/repository.js';
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { hashPassword } from '../../shared/passwords.js';
import { createTenant } from '../system/tenants.js';
import { publishedChinaCalendar } from '../calendar/holidays.js';
import { CHINA_CALENDAR_SETTINGS, WorkingCalendar } from '../calendar/deadline.js';
import { seedDispatchCatalogue } from './dispatch-catalogue.js';
import { insertChunks, seedStories, type SeededStories } from './stories.js';
import { seedDeliberation } from './deliberation.js';
import { seedGridPeople } from './grid-people.js';
import { seedMicroGrids } from './micro-grids.js';
import { seedDuties } from './duties.js';
import { seedResidents } from './residents.js';
import { seedStudios } from './studios.js';
import { seedBroadcasts } from './broadcasts.js';
import { seedOversight } from './oversight.js';
import { seedAssessmentReview } from './assessment-review.js';
import { seedColourLists } from './colour-lists.js';
import { seedVolunteers } from './volunteers.js';
import { seedCivility } from './civility.js';
import { retellDemoHotspot } from './hotspots.js';
import { assessmentRepository } from '../assessment/repository.js';
import { dashboardRepository } from '../dashboard/repository.js';
import {
  demoCategories,
  demoKnowledgeItems,
  demoOrg,
  demoTicketDrafts,
  demoTimeLimitPolicies,
} from './content/index.js';

export const DEMO_LOGINS = [
  'admin',
  'dispatcher',
  'agent',
  'leader',
  'street',
  'village',
  'grid',
  'dept',
  'supervisor',
] as const;
export const DEMO_PASSWORD = 'demo';
const DEMO_SEED = 20261121;
const DAY_MS = 86_400_000;

export interface SeedOptions {
  /** How many tickets; the README's demo has about 5,000. */
  tickets?: number;
  /** How far back the tickets start, in days. */
  days?: number;
  /** Tests seed several demo districts side by side: another tenant id and login prefix. */
  tenantId?: string;
  usernamePrefix?: string;
}

/** Seeds the demo district unless it is already there; returns whether it seeded. */
export async function seedDemoIfEmpty(
  db: Kysely<DB>,
  clock: Clock,
  opts: SeedOptions = {},
): Promise<boolean> {
  const code = demoOrg().tenant.code;
  const existing = await db
    .selectFrom('tenants')
    .select('id')
    .where('id', '=', code)
    .executeTakeFirst();
  if (existing) return false;
  await seedDemo(db, clock, opts);
  return true;
}

/** Seeds the demo district; returns how many tickets and events, and any step refused. */
export async function seedDemo(
  db: Kysely<DB>,
  clock: Clock,
  opts: SeedOptions = {},
): Promise<SeededStories> {
  const now = clock.now();
  const org = demoOrg();
  const tenantId = opts.tenantId ?? org.tenant.code;
  const prefix = opts.usernamePrefix ?? '';
  await createTenant(db, {
    id: tenantId,
    name: org.tenant.name,
    // The demo district counts a case open 30 days as backlog (积案); the default is 60.
    settings: { demo: true, backlogDays: 30 },
    now,
    policies: [],
  });

  // Organisation: jurisdictions (parents first), then units.
  const jIds = new Map<string, { id: string; path: string }>();
  const jRows = org.jurisdictions.map((j) => {
    const id = newId();
    const parent = j.parentCode ? jIds.get(j.parentCode) : undefined;
    const path = `${parent?.path ?? '/'}${id}/`;
    jIds.set(j.code, { id, path });
    return {
      id,
      tenant_id: tenantId,
      parent_id: parent?.id ?? null,
      level: j.level,
      code: j.code,
      name: j.name,
      population: j.population,
      path,
      boundary: j.boundary ? JSON.stringify(j.boundary) : null,
      centre_lng: j.centre.lng,
      centre_lat: j.centre.lat,
      households: j.households,
      grade: j.level === 'grid' ? j.grade : null,
    };
  });
  await insertChunks(db, 'jurisdictions', jRows);
  await seedMicroGrids(db, { tenantId, org, jurisdictionIds: jIds });
  const unitIds = new Map<string, string>();
  await insertChunks(
    db,
    'units',
    org.units.map((u) => {
      const id = newId();
      unitIds.set(u.key, id);
      return {
        id,
        tenant_id: tenantId,
        jurisdiction_id: jIds.get(u.jurisdictionCode)!.id,
        kind: u.kind,
        key: u.key,
        name: u.name,
        phone: u.phone,
      };
    }),
  );

  // Staff. One hash for every demo account: they share the published password anyway.
  const hash = await hashPassword(DEMO_PASSWORD);
  const users: Insertable<DB['users']>[] = [];
  const roles: Array<{
    tenant_id: string;
    user_id: string;
    unit_id: string;
    role: DB['role_assignments']['role'];
  }> = [];
  const userIds = new Map<string, string>();
  for (const s of org.staff) {
    let id = userIds.get(s.username);
    if (!id) {
      id = newId();
      userIds.set(s.username, id);
      users.push({
        id,
        tenant_id: tenantId,
        username: prefix + s.username,
        display_name: s.displayName,
        phone: s.phone,
        password_hash: hash,
        created_at: now,
      });
    }
    roles.push({
      tenant_id: tenantId,
      user_id: id,
      unit_id: unitIds.get(s.unitKey)!,
      role: s.role,
    });
  }
  await insertChunks(db, 'users', users);
  await insertChunks(db, 'role_assignments', roles);
  // [Grid]: each grid's worker, head, some supervisors and informants.
  await seedGridPeople(db, { tenantId, org, now, jurisdictionIds: jIds, userIds });
  await seedResidents(db, { tenantId, org, now, jurisdictionIds: jIds });
  await seedBroadcasts(db, { tenantId, org, now, jurisdictionIds: jIds, unitIds, userIds });

  // Categories, time limits, knowledge base.
  const cats = demoCategories();
  const catIds = new Map<string, { id: string; path: string }>();
  await insertChunks(
    db,
    'categories',
    cats.map((c) => {
      const id = newId();
      const parent = c.parentCode ? catIds.get(c.parentCode) : undefined;
      const path = `${parent?.path ?? '/'}${id}/`;
      catIds.set(c.code, { id, path });
      return {
        id,
        tenant_id: tenantId,
        parent_id: parent?.id ?? null,
        code: c.code,
        name: c.name,
        level: c.level,
        path,
        sort: c.sortOrder,
      };
    }),
  );
  const policies = demoTimeLimitPolicies().map((p) => ({
    id: newId(),
    tenant_id: tenantId,
    category_id: p.categoryCode ? catIds.get(p.categoryCode)!.id : null,
    urgency: p.urgency,
    response_amount: p.response.amount,
    response_unit: p.response.unit,
    completion_amount: p.completion.amount,
    completion_unit: p.completion.unit,
    updated_at: now,
  }));
  await insertChunks(db, 'time_limit_policies', policies);
  // The dispatch catalogue: one district-level rule per leaf, inherited below.
  await seedDispatchCatalogue(db, {
    tenantId,
    now,
    org,
    categories: cats,
    catIds,
    jurisdictionIds: jIds,
    unitIds,
  });
  const knowledge = demoKnowledgeItems();
  const knowledgeIds = new Map<string, { id: string; title: string }>();
  await insertChunks(
    db,
    'knowledge_items',
    knowledge.map((k) => {
      const id = newId();
      knowledgeIds.set(k.key, { id, title: k.title });
      return {
        id,
        tenant_id: tenantId,
        category_id: catIds.get(k.categoryCode)?.id ?? null,
        title: k.title,
        body: k.body,
        procedure: k.procedure,
        policy_basis: k.policyBasis,
        phone: k.phone,
        staff: k.staff,
        keywords: k.keywords.join(' '),
        updated_at: now,
      };
    }),
  );

  // Tickets: each draft's story is run through the transition engine, with what the
  // action hooks write beside it (tasks, objections, whistles, delegations, watchers).
  const calendar = new WorkingCalendar(publishedChinaCalendar(), CHINA_CALENDAR_SETTINGS);
  const drafts = demoTicketDrafts({
    count: opts.tickets ?? 5000,
    seed: DEMO_SEED,
    start: new Date(now.getTime() - (opts.days ?? 183) * DAY_MS),
    end: now,
    org,
    categories: cats,
  });
  // [Insight]: a visible hot spot — recent lift faults retold as one estate's problem.
  retellDemoHotspot(drafts, { org, categories: cats, now });
  const seeded = await seedStories(db, drafts, {
    tenantId,
    org,
    now,
    unitIds,
    userIds,
    catIds,
    jurisdictionIds: jIds,
    knowledgeIds,
    policies,
    calendar,
    utcOffsetMinutes: CHINA_CALENDAR_SETTINGS.utcOffsetMinutes,
  });
  // [Deliberation]: elders panels, and a few open tickets escalated or delegated down.
  await seedDeliberation(db, { tenantId, org, now, unitIds, userIds });
  // [Grid]: a studio per village with this month's roster, receptions and checks.
  await seedStudios(db, { tenantId, org, now, jurisdictionIds: jIds, userIds, calendar });
  // [Grid]: ~45 days of patrols, visits and patrol reports for the grids with a worker login.
  await seedDuties(db, { tenantId, org, now, jurisdictionIds: jIds, userIds });
  // [Assessment]: a few urges (督办) on open tickets, waiting, answered and ignored.
  await seedOversight(db, { tenantId, now, userIds });
  // [Assessment]: 三色清单 items of every township and a few villages, in each colour.
  await seedColourLists(db, { tenantId, now, userIds });
  // [Volunteers]: two teams in a few villages, with members, activities and hours.
  await seedVolunteers(db, { tenantId, now, userIds });
  // [Assessment]: civility points for the households over this quarter and the last.
  await seedCivility(db, {
    tenantId,
    now,
    utcOffsetMinutes: CHINA_CALENDAR_SETTINGS.utcOffsetMinutes,
  });
  // [Assessment]: the stories write events directly; the 三率 rollups are rebuilt from them.
  await assessmentRepository(db).rebuild(tenantId);
  // [Assessment]: appeals (one accepted, listed openly), last month frozen, a summons held.
  await seedAssessmentReview(db, clock, {
    tenantId,
    userIds,
    utcOffsetMinutes: CHINA_CALENDAR_SETTINGS.utcOffsetMinutes,
  });
  // [Assessment]: the dashboard's intake rollups too.
  await dashboardRepository(db).rebuild(tenantId);
  // [Insight] the stories write rows directly: their search documents are written here.
  await rebuildTicketSearch(db, { tenantId });
  return seeded;
}
