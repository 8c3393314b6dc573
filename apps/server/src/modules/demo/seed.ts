// Seeds the demo district (青岚区 of the fictional 燕川市) into the database:
// organisation, staff with the README's demo logins, categories, time limits,
// the knowledge base, and six months of tickets whose histories are produced
// by the real transition engine (`decide`), so every row and event is one the
// platform itself could have written. Bulk inserts keep it to seconds.
import type { Insertable, Kysely } from 'kysely';
import type { Urgency } from '@jiesu/contracts';
import type { DB, NewTicket, Ticket } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { hashPassword } from '../../shared/passwords.js';
import { createTenant } from '../system/tenants.js';
import { publishedChinaCalendar } from '../calendar/holidays.js';
import { CHINA_CALENDAR_SETTINGS, WorkingCalendar } from '../calendar/deadline.js';
import { pickPolicy } from '../calendar/policy.js';
import { seedDispatchCatalogue } from './dispatch-catalogue.js';
import {
  decide,
  needsDeadlines,
  type ActionContext,
  type EventDraft,
} from '../tickets/workflow.js';
import { transitionFor } from '@jiesu/contracts';
import {
  demoCategories,
  demoKnowledgeItems,
  demoOrg,
  demoTicketDrafts,
  demoTimeLimitPolicies,
  type DemoStep,
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

export async function seedDemo(
  db: Kysely<DB>,
  clock: Clock,
  opts: SeedOptions = {},
): Promise<void> {
  const now = clock.now();
  const org = demoOrg();
  const tenantId = opts.tenantId ?? org.tenant.code;
  const prefix = opts.usernamePrefix ?? '';
  await createTenant(db, {
    id: tenantId,
    name: org.tenant.name,
    settings: { demo: true },
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
    };
  });
  await insertChunks(db, 'jurisdictions', jRows);
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
  const staffByUnit = new Map<string, string>();
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
    if (!staffByUnit.has(s.unitKey) || ['handler', 'dispatcher'].includes(s.role))
      staffByUnit.set(s.unitKey, id);
  }
  await insertChunks(db, 'users', users);
  await insertChunks(db, 'role_assignments', roles);

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

  // Tickets: each draft's story is run through the transition engine.
  const calendar = new WorkingCalendar(publishedChinaCalendar(), CHINA_CALENDAR_SETTINGS);
  const drafts = demoTicketDrafts({
    count: opts.tickets ?? 5000,
    seed: DEMO_SEED,
    start: new Date(now.getTime() - (opts.days ?? 183) * DAY_MS),
    end: now,
    org,
    categories: cats,
  });
  const counters = new Map<string, number>();
  const tickets: NewTicket[] = [];
  const events: Array<EventDraft & { tenant_id: string; ticket_id: string; seq: number }> = [];
  const assignments: Insertable<DB['ticket_assignments']>[] = [];
  const offset = CHINA_CALENDAR_SETTINGS.utcOffsetMinutes * 60_000;

  for (const d of drafts) {
    const day = new Date(d.receivedAt.getTime() + offset)
      .toISOString()
      .slice(0, 10)
      .replaceAll('-', '');
    const n = (counters.get(day) ?? 0) + 1;
    counters.set(day, n);
    const cat = catIds.get(d.categoryCode)!;
    const createStep = d.plannedPath.steps.find((s) => s.action === 'create');
    const creatorUnit = createStep?.unitKey ? (unitIds.get(createStep.unitKey) ?? null) : null;
    let t: Ticket = {
      id: newId(),
      tenant_id: tenantId,
      code: `${day}-${String(n).padStart(6, '0')}`,
      upstream_id: d.upstreamId,
      channel: d.channel,
      type: d.type,
      category_id: cat.id,
      title: d.title,
      description: d.description,
      address: d.address,
      jurisdiction_id: jIds.get(d.jurisdictionCode)!.id,
      lng: d.point?.lng ?? null,
      lat: d.point?.lat ?? null,
      requester_name: d.requester.name,
      requester_phone: d.requester.phone,
      anonymous: d.requester.anonymous,
      confidential: d.requester.confidential,
      urgency: d.urgency,
      colour: null,
      subject_unit_id: d.subjectUnitKey ? (unitIds.get(d.subjectUnitKey) ?? null) : null,
      lead_unit_id: null,
      holder_unit_id: null,
      state: 'received',
      outcome: null,
      received_at: d.receivedAt,
      dispatched_at: null,
      accepted_at: null,
      feedback_at: null,
      replied_at: null,
      closed_at: null,
      response_due_at: null,
      completion_due_at: null,
      solved: null,
      satisfaction: null,
      reopen_count: 0,
      created_by: createStep?.unitKey ? (staffByUnit.get(createStep.unitKey) ?? null) : null,
      version: 1,
      updated_at: d.receivedAt,
      master_id: null,
    };
    let seq = 1;
    const { requester_name: _n, requester_phone: _p, ...snapshot } = t;
    events.push({
      tenant_id: tenantId,
      ticket_id: t.id,
      seq,
      action: 'create',
      from_state: null,
      to_state: 'received',
      actor_kind:
        d.channel === 'web' || d.channel === 'wechat'
          ? 'requester'
          : d.channel === 'api' || d.channel === 'upstream'
            ? 'api'
            : 'staff',
      actor_user_id: t.created_by,
      actor_unit_id: creatorUnit,
      at: d.receivedAt,
      reason: null,
      visibility: 'public',
      payload: { snapshot, attachmentIds: [] },
    });
    for (const step of d.plannedPath.steps) {
      if (step.action === 'create' || step.at > now) continue;
      const input = inputOf(step, unitIds, knowledgeIds);
      const def = transitionFor(step.action);
      if (!def.from.includes(t.state)) break; // a story the engine refuses ends there
      const ctx: ActionContext = {
        at: step.at,
        actorKind: 'staff',
        actorUserId: staffByUnit.get(step.unitKey) ?? null,
        actorUnitId: unitIds.get(step.unitKey) ?? null,
      };
      if (needsDeadlines(def, input)) {
        const urgency = (input.urgency as Urgency | undefined) ?? t.urgency;
        const p = pickPolicy(policies, cat.path, urgency)!;
        ctx.deadlines = {
          responseDueAt: calendar
            .addLimit(step.at, { amount: Number(p.response_amount), unit: p.response_unit })
            .toISOString(),
          completionDueAt: calendar
            .addLimit(step.at, { amount: Number(p.completion_amount), unit: p.completion_unit })
            .toISOString(),
        };
      }
      const { patch, event } = decide(t, step.action, input, ctx);
      t = { ...t, ...patch } as Ticket;
      events.push({ ...event, tenant_id: tenantId, ticket_id: t.id, seq: ++seq });
      if (step.action === 'dispatch') {
        assignments.push({
          id: newId(),
          tenant_id: tenantId,
          ticket_id: t.id,
          unit_id: unitIds.get(step.leadUnitKey)!,
          role: 'lead',
          assigned_at: step.at,
        });
        for (const k of step.coUnitKeys) {
          assignments.push({
            id: newId(),
            tenant_id: tenantId,
            ticket_id: t.id,
            unit_id: unitIds.get(k)!,
            role: 'co',
            assigned_at: step.at,
          });
        }
      }
    }
    tickets.push(t);
  }
  await insertChunks(db, 'tickets', tickets);
  await insertChunks(
    db,
    'ticket_events',
    events.map((e) => ({ ...e, payload: JSON.stringify(e.payload) })),
  );
  await insertChunks(db, 'ticket_assignments', assignments);
  // Each item's use count, as the answers above would have counted it.
  const uses = new Map<string, number>();
  for (const e of events) {
    const id = e.action === 'answer_directly' ? e.payload.knowledgeItemId : undefined;
    if (typeof id === 'string') uses.set(id, (uses.get(id) ?? 0) + 1);
  }
  for (const [id, n] of uses) {
    await db.updateTable('knowledge_items').set({ use_count: n }).where('id', '=', id).execute();
  }
  await insertChunks(
    db,
    'ticket_code_counters',
    [...counters].map(([day, last]) => ({ tenant_id: tenantId, day, last })),
  );
}

function inputOf(
  step: Exclude<DemoStep, { action: 'create' }>,
  units: Map<string, string>,
  knowledge: Map<string, { id: string; title: string }>,
): Record<string, unknown> {
  switch (step.action) {
    case 'answer_directly': {
      // As the intake hook records it: the item cited and its title.
      const k = knowledge.get(step.knowledgeKey);
      return {
        answer: step.answer,
        ...(k ? { knowledgeItemId: k.id, knowledgeItemTitle: k.title } : {}),
      };
    }
    case 'dispatch':
      return {
        leadUnitId: units.get(step.leadUnitKey)!,
        ...(step.coUnitKeys.length ? { coUnitIds: step.coUnitKeys.map((k) => units.get(k)!) } : {}),
        urgency: step.urgency,
      };
    case 'add_progress':
      return { text: step.text };
    case 'give_feedback':
      return { result: step.result, replyText: step.replyText };
    case 'send_reply':
      return { replyText: step.replyText, channel: step.channel };
    case 'record_callback':
      return {
        solved: step.solved,
        satisfaction: step.satisfaction,
        reopen: step.reopen,
        comment: step.comment,
      };
    case 'accept':
    case 'start_handling':
    case 'queue_callback':
      return {};
  }
}

type Tables = keyof DB;
async function insertChunks<T extends Tables>(
  db: Kysely<DB>,
  table: T,
  rows: ReadonlyArray<Insertable<DB[T]>>,
  size = 400,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    // Kysely cannot relate a generic table name to its row type; the signature above does.
    const chunk = rows.slice(i, i + size) as unknown as Parameters<
      ReturnType<typeof db.insertInto<T>>['values']
    >[0];
    await db.insertInto(table).values(chunk).execute();
  }
}
