import type { Kysely } from 'kysely';
import {
  transitionFor,
  zhCN,
  type ActionBody,
  type CreateTicketBody,
  type Channel,
  type TicketAction,
  type TicketEventView,
  type TicketList,
  type TicketListQuery,
  type TicketView,
} from '@jiesu/contracts';
import type { DB, NewTicket, Ticket } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { normalisePhone } from '../../shared/phone.js';
import { hasRole, isCentre, type StaffActor } from '../../shared/actor.js';
import { utcOffsetOf, type CalendarService } from '../calendar/service.js';
import { effectiveSettings } from '../org/settings.js';
import { orgRepository } from '../org/repository.js';
import { catalogueRepository } from '../catalogue/repository.js';
import { ticketRepository, type Mine, type TicketRepository } from './repository.js';
import { visibleTicket } from './visible.js';
import {
  DEFAULT_OBJECTION_WINDOW_HOURS,
  actingUnit,
  allowedActions,
  blockedBy,
  canRevealRequester,
  canSee,
  type GuardContext,
} from './policy.js';
import type { PlacesService } from '../grid/service.js';
import type { HookContext, HookRegistry, TicketEventListener } from './hooks.js';
import { ref, toSummary, toView } from './presenter.js';
import { decide, needsDeadlines, type ActionContext, type EventDraft } from './workflow.js';
import { keepRollups } from '../assessment/keep.js';
import { keepDashboardRollups } from '../dashboard/keep.js';
import { markRepeat } from '../insight/hotspots/repeats.js';
import { keepSearchOnCreate } from '../search/keep.js';
import { withHighlights } from '../search/service.js';
import {
  DEFAULT_TTL_HOURS,
  idempotencyService,
  type Claim,
  type IdempotencyService,
  type Kept,
  type Keyed,
} from '../idempotency/service.js';

export interface Requester {
  kind: 'requester';
  tenantId: string;
}

/** The creation input once the edge has validated it; channel-specific callers fill it. */
export type NewTicketInput = CreateTicketBody & {
  channel: Channel;
  /** [Interop] when the upstream platform received it (an imported ticket); else now. */
  receivedAt?: Date;
};

/** Actions whose guards read the tenant's settings (the objection window, the backlog rule). */
const SETTING_GUARDS: TicketAction[] = [
  'object',
  'schedule_hearing',
  'record_consultation',
  'review_extension',
];

/**
 * [Handling] 我的工单 (`assignee=me`), a colleague's tickets (`assigneeId`, for unit
 * leaders and the tenant-wide roles) and 本单位工单 (`myUnit`: the actor's units).
 */
export function mineOf(actor: StaffActor, q: TicketListQuery): Mine {
  const out: Mine = {};
  if (q.assigneeId && q.assigneeId !== actor.userId) {
    if (actor.scope !== 'tenant' && !hasRole(actor, ['unit_leader'])) {
      throw new AppError('FORBIDDEN', [
        { path: 'querystring:/assigneeId', message: '仅单位负责人可按承办人查看' },
      ]);
    }
    out.assigneeUserId = q.assigneeId;
  } else if (q.assignee === 'me' || q.assigneeId) out.assigneeUserId = actor.userId;
  if (q.myUnit) out.unitIds = [...new Set(actor.grants.map((g) => g.unitId))];
  return out;
}

export function ticketService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  calendar: CalendarService;
  /** What actions do beyond the ticket row, by module (see hooks.ts). */
  hooks?: HookRegistry;
  /** Resolves a ticket's point or address to its grid, village and township ([Grid]). */
  places?: Pick<PlacesService, 'resolve'>;
  /** What every event also writes, in its transaction ([Interop]: webhooks, notifications). */
  eventListeners?: readonly TicketEventListener[];
  /** [Proof] Idempotency-Key on intake (default: keys kept DEFAULT_TTL_HOURS). */
  idempotency?: Pick<IdempotencyService, 'run'>;
}) {
  const { db, clock, calendar } = deps;
  const hooks = deps.hooks ?? {};
  const listeners = deps.eventListeners ?? [];
  const repo = ticketRepository(db);
  const idempotency =
    deps.idempotency ?? idempotencyService({ db, clock, ttlHours: DEFAULT_TTL_HOURS });

  function localDay(at: Date, offsetMin: number): string {
    const d = new Date(at.getTime() + offsetMin * 60_000);
    return d.toISOString().slice(0, 10).replaceAll('-', '');
  }

  const loadVisible = (actor: StaffActor, id: string) => visibleTicket(repo, actor, id);

  async function view(actor: StaffActor, id: string): Promise<TicketView> {
    const t = await repo.detail(actor.tenantId, id);
    if (!t) throw new AppError('TICKET_NOT_FOUND');
    const assignments = await repo.assignments(id);
    if (!canSee(actor, { ...t, unitIds: assignments.map((a) => a.unit_id) })) {
      throw new AppError('TICKET_NOT_FOUND');
    }
    const links = await repo.links(id);
    const subject = t.subject_unit_id ? await repo.unitName(t.subject_unit_id) : undefined;
    return toView(t, {
      now: clock.now(),
      coUnits: assignments
        .filter((a) => a.role === 'co')
        .map((a) => ({ id: a.unit_id, name: a.name })),
      subjectUnit:
        subject && t.subject_unit_id ? { id: t.subject_unit_id, name: subject.name } : null,
      attachments: await repo.attachmentsOf(id),
      allowedActions: allowedActions(
        actor,
        t,
        links,
        await guardContext(actor.tenantId, clock.now()),
      ),
    });
  }

  /**
   * The deepest place a new ticket's point lies in (any point), or, when no place is chosen,
   * the place its address names; null when there is nothing to resolve or it resolves nowhere.
   */
  async function locate(tenantId: string, input: NewTicketInput): Promise<string | null> {
    if (!deps.places || (!input.point && input.jurisdictionId)) return null;
    const r = await deps.places.resolve(tenantId, {
      ...(input.point ?? {}),
      ...(input.jurisdictionId ? {} : { address: input.address }),
    });
    if (input.jurisdictionId && r.method !== 'point') return null;
    return (r.grid ?? r.village ?? r.township)?.id ?? null;
  }

  /** Creates a ticket in one transaction: row, code, attachments and the `create` event. */
  async function create(
    tenantId: string,
    input: NewTicketInput,
    by: { actorKind: ActionContext['actorKind']; userId: string | null; unitId: string | null },
    /** What the caller writes with the ticket, in the same transaction (a patrol report, a studio reception). */
    also?: (trx: Kysely<DB>, ticket: Ticket) => Promise<void>,
    /** [Proof] the request's Idempotency-Key, written first, bound to the new ticket. */
    claim?: Claim,
  ): Promise<Ticket> {
    const now = clock.now();
    const phone = input.requester.phone ? normalisePhone(input.requester.phone) : null;
    if (input.requester.phone && !phone) {
      throw new AppError('INVALID_PHONE', [
        { path: '/requester/phone', message: zhCN.error.INVALID_PHONE },
      ]);
    }
    const located = await locate(tenantId, input);
    const id = newId();
    return db.transaction().execute(async (trx) => {
      // First, so a concurrent request with the same key waits here, before any work.
      if (claim) await claim(trx, id);
      const r = ticketRepository(trx);
      const org = orgRepository(trx);
      const cat = await catalogueRepository(trx).category(tenantId, input.categoryId);
      if (!cat || !cat.active)
        throw new AppError('UNKNOWN_CATEGORY', [
          { path: '/categoryId', message: zhCN.error.UNKNOWN_CATEGORY },
        ]);
      const given = input.jurisdictionId
        ? await org.jurisdiction(tenantId, input.jurisdictionId)
        : undefined;
      if (input.jurisdictionId && !given)
        throw new AppError('UNKNOWN_JURISDICTION', [
          { path: '/jurisdictionId', message: zhCN.error.UNKNOWN_JURISDICTION },
        ]);
      // The place the point lies in refines the one chosen when it lies inside it (a grid
      // of the chosen village); without a chosen place, the resolved one is the place.
      const deeper = located ? await org.jurisdiction(tenantId, located) : undefined;
      const j = given && deeper && !deeper.path.startsWith(given.path) ? given : (deeper ?? given);
      if (!j)
        throw new AppError('PLACE_NOT_LOCATED', [
          { path: '/jurisdictionId', message: zhCN.error.PLACE_NOT_LOCATED },
        ]);
      if (input.subjectUnitId && !(await org.unit(tenantId, input.subjectUnitId))) {
        throw new AppError('UNKNOWN_UNIT', [
          { path: '/subjectUnitId', message: zhCN.error.UNKNOWN_UNIT },
        ]);
      }
      const tenant = await org.tenant(tenantId);
      const day = localDay(now, utcOffsetOf(tenant?.settings));
      const n = await r.nextCode(tenantId, day);
      const row: NewTicket = {
        id,
        tenant_id: tenantId,
        code: `${day}-${String(n).padStart(6, '0')}`,
        upstream_id: input.upstreamId ?? null,
        channel: input.channel,
        type: input.type,
        category_id: input.categoryId,
        title: input.title.trim(),
        description: input.description.trim(),
        address: input.address.trim(),
        jurisdiction_id: j.id,
        lng: input.point?.lng ?? null,
        lat: input.point?.lat ?? null,
        requester_name: input.requester.name?.trim() || null,
        requester_phone: phone,
        anonymous: input.requester.anonymous ?? false,
        confidential: input.requester.confidential ?? false,
        urgency: input.urgency ?? 'normal',
        colour: input.colour ?? null,
        subject_unit_id: input.subjectUnitId ?? null,
        lead_unit_id: null,
        holder_unit_id: null,
        state: 'received',
        outcome: null,
        received_at: input.receivedAt ?? now,
        reopen_count: 0,
        created_by: by.userId,
        version: 1,
        updated_at: now,
      };
      await r.insert(row);
      const ids = input.attachmentIds ?? [];
      if ((await r.claimAttachments(tenantId, row.id, ids)) !== ids.length) {
        throw new AppError('UNKNOWN_ATTACHMENT', [
          { path: '/attachmentIds', message: zhCN.error.UNKNOWN_ATTACHMENT },
        ]);
      }
      // The creation snapshot, without the requester's personal data.
      const { requester_name: _n, requester_phone: _p, ...snapshot } = row;
      // [Insight] 重复诉求: the same requester's earlier request on the same matter.
      const repeat = await markRepeat(trx, row);
      const createEvent: EventDraft = {
        action: 'create',
        from_state: null,
        to_state: 'received',
        actor_kind: by.actorKind,
        actor_user_id: by.userId,
        actor_unit_id: by.unitId,
        at: now,
        reason: null,
        visibility: 'public',
        payload: {
          snapshot,
          attachmentIds: ids,
          ...(repeat ? { repeatOf: { id: repeat.id, code: repeat.code } } : {}),
        },
      };
      const createSeq = await r.appendEvent(tenantId, row.id, createEvent);
      // [Insight] the search document is written with the ticket.
      await keepSearchOnCreate(trx, row);
      // [Assessment] the dashboard's intake counters move with the `create` event.
      await keepDashboardRollups(trx, tenantId, row.id, {
        action: 'create',
        from_state: null,
        to_state: 'received',
        payload: {},
        at: now,
      });
      const created = (await r.byId(tenantId, row.id))!;
      for (const l of listeners) {
        await l({
          trx,
          tenantId,
          ticket: created,
          before: null,
          event: { ...createEvent, seq: createSeq },
        });
      }
      if (also) await also(trx, created);
      return created;
    });
  }

  /**
   * Fires one transition: lock the row, load what is linked to it, check state,
   * permission and the action's rules, run the action's hooks, apply the pure
   * decision, write row and event together. A concurrent winner makes this one
   * fail with 409.
   */
  async function act(
    tenantId: string,
    ticketId: string,
    action: TicketAction,
    body: ActionBody,
    who: { staff?: StaffActor; requester?: true; system?: true },
    opts: { deadlines?: ActionContext['deadlines'] } = {},
  ): Promise<Ticket> {
    const now = clock.now();
    const def = transitionFor(action);
    // Deadlines are computed before the transaction: the calendar and policies
    // are read through their own connection, and on the embedded engine the
    // transaction holds the only one. The locked row is checked against it below.
    const before = await repo.byId(tenantId, ticketId);
    let deadlines = opts.deadlines;
    if (
      !deadlines &&
      before &&
      def.from.includes(before.state) &&
      needsDeadlines(def, body.input)
    ) {
      const urgency = (body.input.urgency as Ticket['urgency'] | undefined) ?? before.urgency;
      const d = await calendar.deadlines(tenantId, before.category_id, urgency, now);
      deadlines = {
        responseDueAt: d.responseDueAt.toISOString(),
        completionDueAt: d.completionDueAt.toISOString(),
        response: d.response,
        completion: d.completion,
      };
    }
    // Only the rules that read the district's settings need them read first.
    const guardCtx = SETTING_GUARDS.includes(action)
      ? await guardContext(tenantId, now)
      : undefined;
    return db.transaction().execute(async (trx) => {
      const r = ticketRepository(trx);
      const t = await r.forUpdate(tenantId, ticketId);
      if (!t) throw new AppError('TICKET_NOT_FOUND');
      const links = await r.links(ticketId);
      let unitId: string | null = null;
      if (who.staff) {
        const units = links.assignments.map((a) => a.unitId);
        if (!canSee(who.staff, { ...t, unitIds: units })) throw new AppError('TICKET_NOT_FOUND');
      }
      if (body.expectedVersion !== undefined && body.expectedVersion !== t.version) {
        throw new AppError('VERSION_CONFLICT');
      }
      if (!def.from.includes(t.state)) throw new AppError('ACTION_NOT_ALLOWED_IN_STATE');
      if (who.staff) {
        unitId = actingUnit(who.staff, action, t, links);
        if (!unitId) throw new AppError('ACTION_FORBIDDEN');
      } else if (
        !(who.requester && def.relation === 'requester') &&
        !(who.system && def.relation === 'system')
      ) {
        throw new AppError('ACTION_FORBIDDEN');
      }
      const blocked = blockedBy(
        action,
        t,
        links,
        guardCtx ?? { now, objectionWindowHours: DEFAULT_OBJECTION_WINDOW_HOURS },
        unitId,
        who.staff,
      );
      if (blocked) throw new AppError(blocked);

      if (action === 'dispatch') await checkUnits(trx, tenantId, body.input);
      if (needsDeadlines(def, body.input)) {
        // Another action moved the ticket between the read and the lock.
        if (!deadlines || (!opts.deadlines && before?.version !== t.version)) {
          throw new AppError('VERSION_CONFLICT');
        }
      }
      const hookCtx: HookContext = {
        trx,
        tenantId,
        action,
        ticket: t,
        input: body.input,
        actor: who.staff ?? null,
        unitId,
        at: now,
        links,
        deadlines,
      };
      let input = body.input;
      for (const h of hooks[action] ?? []) {
        const derived = await h.prepare?.({ ...hookCtx, input });
        if (derived) input = { ...input, ...derived };
      }
      const ctx: ActionContext = {
        at: now,
        actorKind: who.staff ? who.staff.kind : who.system ? 'system' : 'requester',
        actorUserId: who.staff?.userId ?? null,
        actorUnitId: unitId,
        // An input field named `reason` is the event's reason only where the table
        // says the action needs one (an objection's `reason` is its kind, not a text).
        reason:
          body.reason ??
          (def.reasonRequired && typeof input.reason === 'string' ? input.reason : null),
        deadlines: needsDeadlines(def, input) || opts.deadlines ? deadlines : undefined,
      };
      const { patch, event } = decide(t, action, input, ctx);
      if (!(await r.update(t.id, t.version, patch))) throw new AppError('VERSION_CONFLICT');
      const seq = await r.appendEvent(tenantId, t.id, event);
      // [Assessment] the units' daily counters move with the event, in its transaction.
      await keepRollups(trx, tenantId, t, { ...t, ...patch } as Ticket, event);
      await keepDashboardRollups(trx, tenantId, t.id, event);
      if (action === 'dispatch') await assignUnits(r, t, input, now);
      const updated = (await r.byId(tenantId, t.id))!;
      for (const h of hooks[action] ?? []) await h.after?.({ ...hookCtx, input, updated });
      for (const l of listeners) {
        await l({ trx, tenantId, ticket: updated, before: t, event: { ...event, seq } });
      }
      return updated;
    });
  }

  /** The time and the tenant's settings that the action rules read. */
  async function guardContext(tenantId: string, now: Date): Promise<GuardContext> {
    const tenant = await orgRepository(db).tenant(tenantId);
    const settings = effectiveSettings(tenant?.settings);
    return {
      now,
      objectionWindowHours: settings.objectionWindowHours,
      backlog: { days: settings.backlogDays, reopens: settings.backlogReopens },
      extensionReviewer: settings.extensionReviewer,
    };
  }

  async function checkUnits(trx: Kysely<DB>, tenantId: string, input: Record<string, unknown>) {
    const ids = [input.leadUnitId as string, ...((input.coUnitIds as string[] | undefined) ?? [])];
    const found = await orgRepository(trx).unitsByIds(tenantId, ids);
    const active = new Set(found.filter((u) => u.active).map((u) => u.id));
    const missing = ids.filter((id) => !active.has(id));
    if (missing.length) {
      throw new AppError(
        'UNKNOWN_UNIT',
        missing.map((id) => ({
          path: id === input.leadUnitId ? '/input/leadUnitId' : '/input/coUnitIds',
          message: zhCN.error.UNKNOWN_UNIT,
        })),
      );
    }
  }

  async function assignUnits(
    r: TicketRepository,
    t: Ticket,
    input: Record<string, unknown>,
    at: Date,
  ) {
    await r.endAssignments(t.id, at);
    const co = ((input.coUnitIds as string[] | undefined) ?? []).filter(
      (u) => u !== input.leadUnitId,
    );
    await r.assignUnits(t.tenant_id, t.id, [input.leadUnitId as string], 'lead', at);
    await r.assignUnits(t.tenant_id, t.id, co, 'co', at);
  }

  return {
    create,
    act,
    view,

    /** Staff intake; with an Idempotency-Key, a retry answers the first creation (see idempotency/). */
    async createByStaff(
      actor: StaffActor,
      input: CreateTicketBody,
      keyed: Keyed = { key: undefined, caller: `user:${actor.userId}` },
    ): Promise<Kept<TicketView>> {
      const centre = actor.grants.find((g) => g.unitKind === 'dispatch_centre');
      const execute = async (claim?: Claim) => {
        const t = await create(
          actor.tenantId,
          input,
          {
            actorKind: actor.kind,
            userId: actor.userId,
            unitId: centre?.unitId ?? actor.grants[0]?.unitId ?? null,
          },
          undefined,
          claim,
        );
        return { ticketId: t.id, body: await view(actor, t.id) };
      };
      const rebuild = (ticketId: string) => view(actor, ticketId);
      return idempotency.run(
        { ...keyed, tenantId: actor.tenantId, route: 'POST /api/tickets', body: input },
        201,
        execute,
        rebuild,
      );
    },

    async actByStaff(
      actor: StaffActor,
      id: string,
      action: TicketAction,
      body: ActionBody,
    ): Promise<TicketView> {
      const t = await act(actor.tenantId, id, action, body, { staff: actor });
      return view(actor, t.id);
    },

    async list(actor: StaffActor, q: TicketListQuery): Promise<TicketList> {
      const now = clock.now();
      let phone = q.phone;
      if (phone) {
        // Searching by phone would let a unit confirm a guessed number: only the
        // hotline desk, which takes the calls, may search by it.
        if (!isCentre(actor, ['agent', 'dispatcher'])) {
          throw new AppError('FORBIDDEN', [
            { path: 'querystring:/phone', message: '仅热线坐席和派单员可按电话查询' },
          ]);
        }
        phone = normalisePhone(phone) ?? phone;
      }
      // [Insight] `q` searches the requester's name only for those who may see it.
      const nameSearch = isCentre(actor, ['agent', 'dispatcher'])
        ? { notSubjectOf: actor.grants.map((g) => g.unitId) }
        : undefined;
      const page = await repo.list(actor.tenantId, actor.scope, { ...q, phone }, now, {
        nameSearch,
        mine: mineOf(actor, q),
      });
      const items = page.items.map((t) => toSummary(t, now));
      return {
        ...page,
        items: q.q ? await withHighlights(db, actor.tenantId, q.q, page.items, items) : items,
      };
    },

    async timeline(actor: StaffActor, id: string): Promise<TicketEventView[]> {
      await loadVisible(actor, id);
      const events = await repo.events(id);
      return events.map((e) => ({
        seq: e.seq,
        action: e.action,
        fromState: e.from_state,
        toState: e.to_state,
        at: e.at.toISOString(),
        actorKind: e.actor_kind,
        actor: ref(e.actor_user_id, e.actor_name),
        actorUnit: ref(e.actor_unit_id, e.actor_unit_name),
        reason: e.reason,
        visibility: e.visibility,
        payload: e.action === 'create' ? {} : e.payload,
      }));
    },

    /** Fires one action on many tickets, each in its own transaction; reports each outcome. */
    async bulk(actor: StaffActor, ids: string[], action: TicketAction, body: ActionBody) {
      const results = [];
      for (const id of ids) {
        try {
          await act(actor.tenantId, id, action, body, { staff: actor });
          results.push({ id, ok: true, status: 200 });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          results.push({
            id,
            ok: false,
            status: err.status,
            error: { code: err.code, message: err.message },
          });
        }
      }
      return { results };
    },

    /** Shows the requester's name and phone to an entitled user and logs the read. */
    async revealRequester(actor: StaffActor, id: string, purpose: string | undefined) {
      const t = await loadVisible(actor, id);
      if (!canRevealRequester(actor, t)) throw new AppError('FORBIDDEN');
      await repo.logPersonalRead({
        tenant_id: actor.tenantId,
        user_id: actor.userId,
        ticket_id: id,
        fields: 'name,phone',
        purpose: purpose ?? null,
        at: clock.now(),
      });
      return { name: t.requester_name, phone: t.requester_phone };
    },
  };
}
export type TicketService = ReturnType<typeof ticketService>;
