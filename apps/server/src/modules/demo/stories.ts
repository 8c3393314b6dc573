// Inserts the demo tickets: each draft's story runs through the pure transition
// engine (`decide`), and what the action hooks of the modules would write beside
// the row and the event is written here too, the same way: co-unit tasks and the
// feedback's parts (collaboration), objections and their review (collaboration),
// whistles, report-ins and passing down (coordination), the district watcher
// (routing), repeats, merges and relayed replies (intake). Rows are collected in
// memory and bulk-inserted, so the demo district seeds in seconds.
import { DEFAULT_CONFIG } from '../assessment/formula.js';
import type { Insertable, Kysely } from 'kysely';
import {
  transitionFor,
  type Role,
  type TaskState,
  type TicketAction,
  type TicketState,
  type TimeLimit,
  type Urgency,
} from '@jiesu/contracts';
import type { AssignmentRole, DB, NewTicket, Ticket } from '../../db/schema.js';
import { newId } from '../../shared/ids.js';
import type { WorkingCalendar } from '../calendar/deadline.js';
import { pickPolicy } from '../calendar/policy.js';
import {
  decide,
  needsDeadlines,
  type ActionContext,
  type EventDraft,
} from '../tickets/workflow.js';
import type { DemoOrg, DemoStep, DemoTicketDraft } from './content/index.js';

const HOUR = 3_600_000;

export interface StoryContext {
  tenantId: string;
  org: DemoOrg;
  now: Date;
  unitIds: Map<string, string>;
  /** Demo usernames (without the tests' prefix) → user ids. */
  userIds: Map<string, string>;
  catIds: Map<string, { id: string; path: string }>;
  jurisdictionIds: Map<string, { id: string; path: string }>;
  knowledgeIds: Map<string, { id: string; title: string }>;
  /** The tenant's time-limit policies as inserted. */
  policies: ReadonlyArray<{
    category_id: string | null;
    urgency: Urgency | null;
    response_amount: number | string;
    response_unit: TimeLimit['unit'];
    completion_amount: number | string;
    completion_unit: TimeLimit['unit'];
  }>;
  calendar: WorkingCalendar;
  utcOffsetMinutes: number;
  /**
   * Ticket codes' per-day counters to continue from (day 'YYYYMMDD' → last number), updated
   * in place; the benches' generator seeds a district in chunks this way. Without it the
   * tenant has no tickets yet and the counters start at 0.
   */
  codeCounters?: Map<string, number>;
}

export interface SeededStories {
  tickets: number;
  events: number;
  /** Planned steps the engine refused (`ref action from-state`): none in a sound story. */
  refused: string[];
}

type Row<T extends keyof DB> = Insertable<DB[T]>;
interface Assignment {
  id: string;
  tenant_id: string;
  ticket_id: string;
  unit_id: string;
  role: AssignmentRole;
  assigned_at: Date;
  ended_at: Date | null;
}
interface Task {
  id: string;
  tenant_id: string;
  ticket_id: string;
  unit_id: string;
  source: 'dispatch' | 'whistle';
  whistle_id: string | null;
  state: TaskState;
  assigned_at: Date;
  response_due_at: Date | null;
  completion_due_at: Date | null;
  accepted_at: Date | null;
  reported_at: Date | null;
  part: string | null;
  reported_by: string | null;
}
interface Objection {
  id: string;
  tenant_id: string;
  ticket_id: string;
  unit_id: string;
  reason: 'not_our_duty' | 'wrong_place' | 'other';
  text: string;
  attachment_ids: string[];
  raised_by: string | null;
  raised_at: Date;
  dispatched_at: Date | null;
  dispatcher_id: string | null;
  state: 'open' | 'upheld' | 'rejected';
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_note: string | null;
  dispatch_fault: boolean | null;
  new_unit_id: string | null;
}
interface Summons {
  id: string;
  tenant_id: string;
  whistle_id: string;
  unit_id: string;
  state: 'summoned' | 'reported';
  reported_at: Date | null;
  reported_by: string | null;
  note: string | null;
}
interface Delegation {
  id: string;
  tenant_id: string;
  ticket_id: string;
  from_unit_id: string;
  to_unit_id: string;
  to_user_id: string | null;
  note: string | null;
  at: Date;
  ended_at: Date | null;
  ended_how: 'pulled_back' | 'sent_up' | 'reassigned' | null;
}
/** What a ticket's trail looked like at each moment, for the tickets that refer to it. */
interface Trace {
  id: string;
  code: string;
  /** After each event: when, the state, the holder. */
  history: Array<{ at: number; state: TicketState; holder: string | null }>;
}

export async function seedStories(
  db: Kysely<DB>,
  drafts: readonly DemoTicketDraft[],
  c: StoryContext,
): Promise<SeededStories> {
  const { tenantId, org, now, unitIds } = c;
  const unitById = new Map(org.units.map((u) => [unitIds.get(u.key)!, u]));
  const unitName = (id: string | null) => (id ? (unitById.get(id)?.name ?? null) : null);
  const id = (key: string) => {
    const v = unitIds.get(key);
    if (!v) throw new Error(`demo seed: no unit ${key}`);
    return v;
  };
  // Townships (街乡镇) are watched by the district government when a ticket goes straight to them.
  const townshipCodes = new Set(
    org.jurisdictions.filter((j) => j.level === 'township').map((j) => j.code),
  );
  const isTownshipGov = (unitId: string | null) => {
    const u = unitId ? unitById.get(unitId) : undefined;
    return u?.kind === 'government' && townshipCodes.has(u.jurisdictionCode);
  };
  const districtGov = org.units.find(
    (u) => u.kind === 'government' && u.jurisdictionCode === org.districtCode,
  );
  const districtGovId = districtGov ? id(districtGov.key) : null;

  // Staff by unit; an action is done by someone holding one of its roles.
  const staffOf = new Map<string, Array<{ id: string; role: Role; name: string }>>();
  const creatorOf = new Map<string, string>();
  const names = new Map<string, string>();
  for (const s of org.staff) {
    const userId = c.userIds.get(s.username)!;
    names.set(s.username, s.displayName);
    staffOf.set(s.unitKey, [
      ...(staffOf.get(s.unitKey) ?? []),
      { id: userId, role: s.role, name: s.displayName },
    ]);
    if (!creatorOf.has(s.unitKey) || ['handler', 'dispatcher'].includes(s.role)) {
      creatorOf.set(s.unitKey, userId);
    }
  }
  const actorOf = (unitKey: string, action: TicketAction, salt: number): string | null => {
    const roles = transitionFor(action).roles;
    const fit = (staffOf.get(unitKey) ?? []).filter((s) => roles.includes(s.role));
    return fit.length ? fit[salt % fit.length]!.id : null;
  };

  const counters = c.codeCounters ?? new Map<string, number>();
  const tickets: NewTicket[] = [];
  const events: Array<EventDraft & { tenant_id: string; ticket_id: string; seq: number }> = [];
  const assignments: Assignment[] = [];
  const tasks: Task[] = [];
  const objections: Objection[] = [];
  const whistles: Array<Row<'whistles'>> = [];
  const summonses: Summons[] = [];
  const delegations: Delegation[] = [];
  const traces = new Map<string, Trace>();
  const refused: string[] = [];
  const offset = c.utcOffsetMinutes * 60_000;
  // 重复诉求, as the assessment's dispatch hook finds them: the same requester on the
  // same matter within the default window before.
  const asked = new Map<string, number[]>();
  for (const d of drafts) {
    if (!d.requester.phone) continue;
    const k = `${d.requester.phone}|${d.categoryCode}`;
    (asked.get(k) ?? asked.set(k, []).get(k)!).push(d.receivedAt.getTime());
  }
  const repeats = (d: (typeof drafts)[number]) => {
    const at = d.receivedAt.getTime();
    const window = DEFAULT_CONFIG.repeatWindowDays * 86_400_000;
    return (asked.get(`${d.requester.phone}|${d.categoryCode}`) ?? []).some(
      (x) => x < at && x >= at - window,
    );
  };

  drafts.forEach((d, index) => {
    const day = new Date(d.receivedAt.getTime() + offset)
      .toISOString()
      .slice(0, 10)
      .replaceAll('-', '');
    const n = (counters.get(day) ?? 0) + 1;
    counters.set(day, n);
    const cat = c.catIds.get(d.categoryCode)!;
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
      jurisdiction_id: c.jurisdictionIds.get(d.jurisdictionCode)!.id,
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
      created_by: createStep?.unitKey ? (creatorOf.get(createStep.unitKey) ?? null) : null,
      version: 1,
      updated_at: d.receivedAt,
      master_id: null,
      first_contact_at: null,
      paused_at: null,
      paused_until: null,
      assignee_user_id: null,
    };
    const trace: Trace = {
      id: t.id,
      code: t.code,
      history: [{ at: d.receivedAt.getTime(), state: 'received', holder: null }],
    };
    traces.set(d.ref, trace);
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

    // What is linked to this ticket, as the hooks keep it.
    const mine = {
      assignments: [] as Assignment[],
      tasks: [] as Task[],
      objection: null as Objection | null,
      summonses: [] as Array<{ s: Summons; createdAt: number }>,
      delegations: [] as Delegation[],
      lastDispatch: null as { at: Date; by: string | null } | null,
    };
    const assign = (unitId: string, role: AssignmentRole, at: Date) => {
      const a: Assignment = {
        id: newId(),
        tenant_id: tenantId,
        ticket_id: t.id,
        unit_id: unitId,
        role,
        assigned_at: at,
        ended_at: null,
      };
      mine.assignments.push(a);
      assignments.push(a);
    };
    const openAssignment = (unitId: string, role?: AssignmentRole) =>
      mine.assignments.find(
        (a) => a.unit_id === unitId && a.ended_at === null && (!role || a.role === role),
      );
    const endAssignments = (unitId: string, at: Date, role?: AssignmentRole) => {
      for (const a of mine.assignments) {
        if (a.unit_id === unitId && a.ended_at === null && (!role || a.role === role)) {
          a.ended_at = at;
        }
      }
    };
    const unfinished = (k: Task) => k.state === 'open' || k.state === 'accepted';
    const syncWatcher = (leadId: string, at: Date) => {
      if (!districtGovId || districtGovId === leadId) return;
      if (isTownshipGov(leadId)) {
        if (!openAssignment(districtGovId, 'watcher')) assign(districtGovId, 'watcher', at);
      } else endAssignments(districtGovId, at, 'watcher');
    };

    for (const step of d.plannedPath.steps) {
      if (step.action === 'create' || step.at > now) continue;
      const def = transitionFor(step.action);
      if (!def.from.includes(t.state)) {
        refused.push(`${d.ref} ${step.action} ${t.state}`);
        break; // a story the engine refuses ends there
      }
      const system = step.unitKey === null;
      const actorUnitId = step.unitKey === null ? null : (unitIds.get(step.unitKey) ?? null);
      const actorUserId =
        step.unitKey === null ? null : actorOf(step.unitKey, step.action, index + seq);
      // The input as the request would carry it, plus what the action's hooks derive.
      const input = inputOf(step);
      switch (step.action) {
        case 'dispatch':
          if (repeats(d)) input.repeat = true;
          break;
        case 'review_objection':
          if (step.verdict === 'upheld') input.previousLeadUnitId = t.lead_unit_id;
          break;
        case 'give_feedback': {
          const live = mine.tasks
            .filter((k) => k.state !== 'cancelled')
            .sort(
              (a, b) =>
                a.assigned_at.getTime() - b.assigned_at.getTime() ||
                compare(unitName(a.unit_id)!, unitName(b.unit_id)!),
            );
          if (live.length) {
            const parts = live
              .filter((k) => k.state === 'reported')
              .map((k) => ({
                unit: { id: k.unit_id, name: unitName(k.unit_id)! },
                text: k.part ?? '',
                reportedAt: k.reported_at!.toISOString(),
              }));
            const reported = new Set(parts.map((p) => p.unit.id));
            const missing = new Map<string, { id: string; name: string }>();
            for (const k of live) {
              if (k.state !== 'reported' && !reported.has(k.unit_id)) {
                missing.set(k.unit_id, { id: k.unit_id, name: unitName(k.unit_id)! });
              }
            }
            input.parts = parts;
            input.missingParts = [...missing.values()];
          }
          break;
        }
        case 'blow_whistle':
          input.dueAt = new Date(step.at.getTime() + step.dueHours * HOUR).toISOString();
          break;
        case 'pass_down':
          if (step.toUsername) {
            input.toUser = {
              id: c.userIds.get(step.toUsername)!,
              name: names.get(step.toUsername)!,
            };
          }
          break;
        case 'pull_back':
          input.toUnitId = actorUnitId;
          break;
        case 'send_up': {
          const down = mine.delegations.find(
            (x) => x.ended_at === null && x.to_unit_id === t.holder_unit_id,
          );
          if (!down) {
            refused.push(`${d.ref} send_up not passed down`);
            break;
          }
          input.toUnitId = down.from_unit_id;
          break;
        }
        case 'answer_with_progress': {
          const related = traces.get(step.relatedRef)!;
          const then = stateAt(related, step.at.getTime());
          input.relatedTicketId = related.id;
          input.relatedTicketCode = related.code;
          input.relatedTicketState = then.state;
          input.relatedUnitName = unitName(then.holder);
          break;
        }
        case 'merge_into': {
          const master = traces.get(step.masterRef)!;
          input.masterTicketId = master.id;
          input.masterTicketCode = master.code;
          input.masterTicketState = stateAt(master, step.at.getTime()).state;
          break;
        }
        case 'relay_reply':
          input.masterTicketId = traces.get(step.masterRef)!.id;
          break;
        default:
          break;
      }
      // Refused by a hook (sent up while not passed down): the story ends there too.
      if (step.action === 'send_up' && input.toUnitId === undefined) break;

      const ctx: ActionContext = {
        at: step.at,
        actorKind: system ? 'system' : 'staff',
        actorUserId,
        actorUnitId,
        reason: def.reasonRequired && typeof input.reason === 'string' ? input.reason : null,
      };
      if (needsDeadlines(def, input)) {
        const urgency = (input.urgency as Urgency | undefined) ?? t.urgency;
        const p = pickPolicy(c.policies, cat.path, urgency)!;
        const response = { amount: Number(p.response_amount), unit: p.response_unit };
        const completion = { amount: Number(p.completion_amount), unit: p.completion_unit };
        ctx.deadlines = {
          responseDueAt: c.calendar.addLimit(step.at, response).toISOString(),
          completionDueAt: c.calendar.addLimit(step.at, completion).toISOString(),
          response,
          completion,
        };
      }
      const before = t;
      const { patch, event } = decide(t, step.action, input, ctx);
      t = { ...t, ...patch } as Ticket;
      events.push({ ...event, tenant_id: tenantId, ticket_id: t.id, seq: ++seq });
      trace.history.push({ at: step.at.getTime(), state: t.state, holder: t.holder_unit_id });
      const at = step.at;
      const due = (iso: string | undefined) => (iso ? new Date(iso) : null);

      // What the hooks write after the row and the event.
      switch (step.action) {
        case 'dispatch': {
          const lead = id(step.leadUnitKey);
          mine.lastDispatch = { at, by: actorUserId };
          assign(lead, 'lead', at);
          for (const key of step.coUnitKeys) {
            const unit = id(key);
            if (unit === lead) continue;
            assign(unit, 'co', at);
            const task: Task = {
              id: newId(),
              tenant_id: tenantId,
              ticket_id: t.id,
              unit_id: unit,
              source: 'dispatch',
              whistle_id: null,
              state: 'open',
              assigned_at: at,
              response_due_at: due(ctx.deadlines?.responseDueAt),
              completion_due_at: due(ctx.deadlines?.completionDueAt),
              accepted_at: null,
              reported_at: null,
              part: null,
              reported_by: null,
            };
            mine.tasks.push(task);
            tasks.push(task);
          }
          syncWatcher(lead, at);
          break;
        }
        case 'answer_directly':
          break;
        case 'object': {
          const o: Objection = {
            id: newId(),
            tenant_id: tenantId,
            ticket_id: t.id,
            unit_id: actorUnitId!,
            reason: step.reason,
            text: step.text,
            attachment_ids: [],
            raised_by: actorUserId,
            raised_at: at,
            dispatched_at: mine.lastDispatch?.at ?? before.dispatched_at,
            dispatcher_id: mine.lastDispatch?.by ?? null,
            state: 'open',
            reviewed_by: null,
            reviewed_at: null,
            review_note: null,
            dispatch_fault: null,
            new_unit_id: null,
          };
          mine.objection = o;
          objections.push(o);
          break;
        }
        case 'review_objection': {
          const o = mine.objection!;
          const upheld = step.verdict === 'upheld';
          const newUnit = upheld ? id(step.newLeadUnitKey!) : null;
          Object.assign(o, {
            state: upheld ? 'upheld' : 'rejected',
            reviewed_by: actorUserId,
            reviewed_at: at,
            review_note: step.note,
            dispatch_fault: upheld ? step.dispatchFault === true : null,
            new_unit_id: newUnit,
          });
          mine.objection = null;
          if (!newUnit) break;
          // 改派: the old lead and the units below it let go; the new lead is assigned.
          mine.lastDispatch = { at, by: actorUserId };
          if (before.lead_unit_id) endAssignments(before.lead_unit_id, at);
          for (const x of mine.delegations) {
            if (x.ended_at === null) Object.assign(x, { ended_at: at, ended_how: 'reassigned' });
          }
          for (const a of mine.assignments) {
            if (a.role === 'delegate' && a.ended_at === null) a.ended_at = at;
          }
          for (const k of mine.tasks)
            if (k.unit_id === newUnit && unfinished(k)) k.state = 'cancelled';
          endAssignments(newUnit, at);
          assign(newUnit, 'lead', at);
          syncWatcher(newUnit, at);
          break;
        }
        case 'accept_task':
          for (const k of mine.tasks) {
            if (k.unit_id === actorUnitId && k.state === 'open') {
              Object.assign(k, { state: 'accepted', accepted_at: at });
            }
          }
          break;
        case 'report_part':
          for (const k of mine.tasks) {
            if (k.unit_id === actorUnitId && unfinished(k)) {
              Object.assign(k, {
                state: 'reported',
                part: step.text,
                reported_by: actorUserId,
                reported_at: at,
                accepted_at: k.accepted_at ?? at,
              });
            }
          }
          break;
        case 'blow_whistle': {
          const w = {
            id: newId(),
            tenant_id: tenantId,
            ticket_id: t.id,
            unit_id: actorUnitId!,
            topic: step.topic.trim(),
            jurisdiction_id: t.jurisdiction_id,
            due_at: new Date(input.dueAt as string),
            created_by: actorUserId,
            created_at: at,
          };
          whistles.push(w);
          for (const key of step.summonedKeys) {
            const s: Summons = {
              id: newId(),
              tenant_id: tenantId,
              whistle_id: w.id,
              unit_id: id(key),
              state: 'summoned',
              reported_at: null,
              reported_by: null,
              note: null,
            };
            summonses.push(s);
            mine.summonses.push({ s, createdAt: at.getTime() });
            assign(s.unit_id, 'summoned', at);
          }
          break;
        }
        case 'report_in': {
          const waiting = mine.summonses
            .filter((x) => x.s.unit_id === actorUnitId && x.s.state === 'summoned')
            .sort((a, b) => a.createdAt - b.createdAt)[0];
          if (!waiting) {
            refused.push(`${d.ref} report_in not summoned`);
            break;
          }
          Object.assign(waiting.s, {
            state: 'reported',
            reported_at: at,
            reported_by: actorUserId,
            note: step.note?.trim() || null,
          });
          endAssignments(actorUnitId!, at, 'summoned');
          if (!openAssignment(actorUnitId!, 'co')) assign(actorUnitId!, 'co', at);
          if (!mine.tasks.some((k) => k.unit_id === actorUnitId && unfinished(k))) {
            const task: Task = {
              id: newId(),
              tenant_id: tenantId,
              ticket_id: t.id,
              unit_id: actorUnitId!,
              source: 'whistle',
              whistle_id: waiting.s.whistle_id,
              state: 'accepted',
              assigned_at: at,
              response_due_at: due(ctx.deadlines?.responseDueAt),
              completion_due_at: due(ctx.deadlines?.completionDueAt),
              accepted_at: at,
              reported_at: null,
              part: null,
              reported_by: null,
            };
            mine.tasks.push(task);
            tasks.push(task);
          }
          break;
        }
        case 'pass_down': {
          const to = id(step.toUnitKey);
          const x: Delegation = {
            id: newId(),
            tenant_id: tenantId,
            ticket_id: t.id,
            from_unit_id: before.holder_unit_id!,
            to_unit_id: to,
            to_user_id: (input.toUser as { id: string } | undefined)?.id ?? null,
            note: step.note.trim() || null,
            at,
            ended_at: null,
            ended_how: null,
          };
          mine.delegations.push(x);
          delegations.push(x);
          if (!openAssignment(to, 'delegate')) assign(to, 'delegate', at);
          break;
        }
        case 'pull_back': {
          // The chain below the passer ends; the lower units lose sight of the ticket.
          let unit = actorUnitId;
          for (;;) {
            const next = mine.delegations.find(
              (x) => x.ended_at === null && x.from_unit_id === unit,
            );
            if (!next) break;
            Object.assign(next, { ended_at: at, ended_how: 'pulled_back' });
            endAssignments(next.to_unit_id, at, 'delegate');
            unit = next.to_unit_id;
          }
          break;
        }
        case 'send_up': {
          const down = mine.delegations.find(
            (x) => x.ended_at === null && x.to_unit_id === before.holder_unit_id,
          )!;
          Object.assign(down, { ended_at: at, ended_how: 'sent_up' });
          break;
        }
        default:
          break;
      }
    }
    tickets.push(t);
  });

  await insertChunks(db, 'tickets', tickets);
  await insertChunks(
    db,
    'ticket_events',
    events.map((e) => ({ ...e, payload: JSON.stringify(e.payload) })),
  );
  await insertChunks(db, 'ticket_assignments', assignments);
  await insertChunks(db, 'whistles', whistles);
  await insertChunks(db, 'whistle_summonses', summonses);
  await insertChunks(db, 'ticket_tasks', tasks);
  await insertChunks(db, 'ticket_objections', objections);
  await insertChunks(db, 'ticket_delegations', delegations);
  // Each item's use count, as the answers above would have counted it (added to: the
  // benches' generator seeds in chunks).
  const uses = new Map<string, number>();
  for (const e of events) {
    const item = e.action === 'answer_directly' ? e.payload.knowledgeItemId : undefined;
    if (typeof item === 'string') uses.set(item, (uses.get(item) ?? 0) + 1);
  }
  for (const [item, n] of uses) {
    await db
      .updateTable('knowledge_items')
      .set((eb) => ({ use_count: eb('use_count', '+', n) }))
      .where('id', '=', item)
      .execute();
  }
  const counterRows = [...counters].map(([day, last]) => ({ tenant_id: tenantId, day, last }));
  for (let i = 0; i < counterRows.length; i += 400) {
    await db
      .insertInto('ticket_code_counters')
      .values(counterRows.slice(i, i + 400))
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'day']).doUpdateSet((eb) => ({ last: eb.ref('excluded.last') })),
      )
      .execute();
  }
  return { tickets: tickets.length, events: events.length, refused };

  /** The step's input as the request carries it (ids for keys). */
  function inputOf(step: Exclude<DemoStep, { action: 'create' }>): Record<string, unknown> {
    switch (step.action) {
      case 'answer_directly': {
        // As the intake hook records it: the item cited and its title.
        const k = c.knowledgeIds.get(step.knowledgeKey);
        return {
          answer: step.answer,
          ...(k ? { knowledgeItemId: k.id, knowledgeItemTitle: k.title } : {}),
        };
      }
      case 'dispatch':
        return {
          leadUnitId: id(step.leadUnitKey),
          ...(step.coUnitKeys.length ? { coUnitIds: step.coUnitKeys.map(id) } : {}),
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
      case 'review_callback':
        return { decision: step.decision, reason: step.reason };
      case 'accept':
      case 'start_handling':
      case 'queue_callback':
      case 'accept_task':
        return {};
      case 'transfer':
        return { route: step.route, note: step.note };
      case 'answer_with_progress':
        return { answer: step.answer };
      case 'merge_into':
        return { note: step.note };
      case 'relay_reply':
        return { replyText: step.replyText };
      case 'object':
        return { reason: step.reason, text: step.text };
      case 'review_objection':
        return {
          verdict: step.verdict,
          note: step.note,
          ...(step.newLeadUnitKey ? { newLeadUnitId: id(step.newLeadUnitKey) } : {}),
          ...(step.dispatchFault !== null ? { dispatchFault: step.dispatchFault } : {}),
        };
      case 'report_part':
        return { text: step.text };
      case 'blow_whistle':
        return {
          unitIds: step.summonedKeys.map(id),
          topic: step.topic,
          dueHours: step.dueHours,
        };
      case 'report_in':
        return step.note ? { note: step.note } : {};
      case 'pass_down':
        return { toUnitId: id(step.toUnitKey), note: step.note };
      case 'pull_back':
      case 'send_up':
        return { reason: step.reason };
      case 'convene':
        return {
          sectionIds: step.sectionKeys.map(id),
          note: step.note,
          resources: step.resources,
        };
    }
  }
}

/** The trail's state and holder at a moment (the last event at or before it). */
function stateAt(trace: Trace, ms: number): { state: TicketState; holder: string | null } {
  let out = trace.history[0]!;
  for (const h of trace.history) {
    if (h.at > ms) break;
    out = h;
  }
  return out;
}

/** Byte order, as the database's C collation sorts names. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type Tables = keyof DB;
export async function insertChunks<T extends Tables>(
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
