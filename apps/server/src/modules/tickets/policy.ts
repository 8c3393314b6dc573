// Who may see a ticket, act on it, and read its requester's personal data.
// One place, used by the routes (403/409), the ticket view (allowedActions, so
// the UI shows only buttons that will work) and the permission-matrix tests.
// Pure: the service loads the ticket's links (assignments, tasks, summonses,
// delegations, objections, master) and the clock's time and passes them in.
import {
  TRANSITIONS,
  transitionFor,
  type ErrorCode,
  type ObjectionState,
  type TaskState,
  type TicketAction,
  type TicketState,
  type UnitKind,
} from '@jiesu/contracts';
import type { AssignmentRole, Ticket } from '../../db/schema.js';
import { type RoleGrant, type StaffActor, isCentre } from '../../shared/actor.js';

type TicketRef = Pick<
  Ticket,
  | 'state'
  | 'lead_unit_id'
  | 'holder_unit_id'
  | 'subject_unit_id'
  | 'confidential'
  | 'dispatched_at'
  | 'master_id'
  | 'received_at'
  | 'reopen_count'
> & {
  /** [Handling] set while an approved suspension runs. */
  paused_at?: Date | null;
};

/** What is linked to a ticket besides its row: each record has its own small lifecycle. */
export interface TicketLinks {
  /** Open assignments (lead, co, watcher, summoned, delegate): every unit that may see it. */
  assignments: Array<{ unitId: string; role: AssignmentRole }>;
  /** Co-unit tasks that are not cancelled. */
  tasks: Array<{ unitId: string; state: TaskState }>;
  /** Units summoned by a whistle on this ticket and not yet reported in. */
  summoned: string[];
  /** Units that passed the ticket down along the open chain, top first. */
  passers: string[];
  objections: Array<{ unitId: string; state: ObjectionState }>;
  /** The master of a merged ticket. */
  master: { state: TicketState; repliedAt: Date | null } | null;
  /** The lead unit's kind: a government leader acts only for the governments and grids below it. */
  leadUnitKind?: UnitKind | null;
  /** The pending escalation (上交), if any: to whom, and whether that is the district level. */
  escalation?: { toUnitId: string; toDistrict: boolean } | null;
  /** The open deliberation case (下交群评: proposed or on the ledger), if any. */
  deliberation?: {
    state: 'proposed' | 'on_ledger';
    signerUnitId: string;
    villageUnitId: string;
    /** Whether its outcome has been posted (公示). */
    noticed: boolean;
    /** Its sessions not yet archived, and archived. */
    sessionsOpen: number;
    sessionsArchived: number;
  } | null;
  /** Common-problem projects the ticket is linked to. */
  projects?: string[];
  /** Hearings scheduled on the ticket and not yet held, and hearings held. */
  hearingsScheduled?: number;
  hearingsHeld?: number;
  /** Units with an unanswered urge (督办) on the ticket. */
  urged?: string[];
  /** [Handling] the kind of the pending extension/suspension/termination request, if any. */
  pendingRequest?: 'extension' | 'suspension' | 'termination' | null;
  /** [Handling] the callback round's "unsolved" result waits for the reviewer (回访复核). */
  pendingCallbackReview?: boolean;
}

export const NO_LINKS: TicketLinks = {
  assignments: [],
  tasks: [],
  summoned: [],
  passers: [],
  objections: [],
  master: null,
};

/** The time and the tenant's settings that guards read. */
export interface GuardContext {
  now: Date;
  objectionWindowHours: number;
  /** 积案: open longer than `days`, or reopened `reopens` times (tenant settings). */
  backlog?: { days: number; reopens: number };
  /** [Handling] who reviews an extension (tenant settings); the centre when unset. */
  extensionReviewer?: 'centre' | 'unit_leader' | 'either';
}

export const DEFAULT_BACKLOG = { days: 60, reopens: 2 };

/** A long-running case (积案): open for the district's number of days, or reopened as often. */
export function isBacklog(
  t: Pick<Ticket, 'state' | 'received_at' | 'reopen_count'>,
  now: Date,
  rule: { days: number; reopens: number } = DEFAULT_BACKLOG,
): boolean {
  if (t.state === 'closed') return false;
  const age = now.getTime() - new Date(t.received_at).getTime();
  return age >= rule.days * 86_400_000 || t.reopen_count >= rule.reopens;
}

export const DEFAULT_OBJECTION_WINDOW_HOURS = 24;

export function canSee(
  actor: StaffActor,
  t: Pick<Ticket, 'lead_unit_id' | 'holder_unit_id'> & { unitIds?: string[] },
): boolean {
  if (actor.scope === 'tenant') return true;
  const units = [t.lead_unit_id, t.holder_unit_id, ...(t.unitIds ?? [])];
  return units.some((u) => u !== null && actor.scope.includes(u));
}

const unfinished = (s: TaskState) => s === 'open' || s === 'accepted';

function grantFor(
  grants: RoleGrant[],
  units: ReadonlyArray<string | null | undefined>,
): RoleGrant | undefined {
  return grants.find((g) => units.includes(g.unitId));
}

/** `lead`: a role in the lead or holding unit, or the leader of the government above it. */
function leadUnitFor(
  actor: StaffActor,
  grants: RoleGrant[],
  t: TicketRef,
  links: TicketLinks,
): string | null {
  const direct = grantFor(grants, [t.lead_unit_id, t.holder_unit_id]);
  if (direct) return direct.unitId;
  // A government unit's leader may act for the village committees and grids of its
  // territory — not for a department that happens to sit in it, and not where that
  // government only watches the ticket (直派街乡: the district supervises).
  const territorial = links.leadUnitKind === 'government' || links.leadUnitKind === 'grid';
  const leader = grants.find(
    (g) =>
      g.unitKind === 'government' &&
      g.role === 'unit_leader' &&
      territorial &&
      actor.scope !== 'tenant' &&
      t.lead_unit_id !== null &&
      actor.scope.includes(t.lead_unit_id) &&
      !links.assignments.some((a) => a.unitId === g.unitId && a.role === 'watcher'),
  );
  return leader?.unitId ?? null;
}

/** The unit through which the actor would fire the action, or null when they may not. */
export function actingUnit(
  actor: StaffActor,
  action: TicketAction,
  t: TicketRef,
  links: TicketLinks = NO_LINKS,
): string | null {
  const def = transitionFor(action);
  if (!def.from.includes(t.state)) return null;
  const grants = actor.grants.filter((g) => def.roles.includes(g.role));
  switch (def.relation) {
    case 'centre':
      return grants.find((g) => g.unitKind === 'dispatch_centre')?.unitId ?? null;
    case 'lead_or_centre':
      return (
        grants.find((g) => g.unitKind === 'dispatch_centre')?.unitId ??
        leadUnitFor(actor, grants, t, links)
      );
    case 'lead':
      return leadUnitFor(actor, grants, t, links);
    case 'lead_unit':
      return grantFor(grants, [t.lead_unit_id])?.unitId ?? null;
    case 'holder':
      return grantFor(grants, [t.holder_unit_id])?.unitId ?? null;
    case 'passer':
      return grantFor(grants, links.passers)?.unitId ?? null;
    case 'co':
      return (
        grantFor(
          grants,
          links.tasks.filter((k) => unfinished(k.state)).map((k) => k.unitId),
        )?.unitId ?? null
      );
    case 'summoned':
      return grantFor(grants, links.summoned)?.unitId ?? null;
    case 'upper': {
      const e = links.escalation;
      if (!e) return null;
      const direct = grantFor(grants, [e.toUnitId]);
      if (direct) return direct.unitId;
      // The dispatch centre reviews escalations to the district on its behalf.
      return e.toDistrict
        ? (grants.find((g) => g.unitKind === 'dispatch_centre')?.unitId ?? null)
        : null;
    }
    case 'signer':
      return links.deliberation?.state === 'proposed'
        ? (grantFor(grants, [links.deliberation.signerUnitId])?.unitId ?? null)
        : null;
    case 'overseer': {
      const centre = grants.find((g) => g.unitKind === 'dispatch_centre');
      if (centre) return centre.unitId;
      // The leader of a government above the ticket's unit: the unit is in its territory
      // and is not the leader's own.
      const own = [t.lead_unit_id, t.holder_unit_id];
      const leader = grants.find(
        (g) =>
          g.unitKind === 'government' &&
          g.role === 'unit_leader' &&
          actor.scope !== 'tenant' &&
          !own.includes(g.unitId) &&
          own.some((u) => u !== null && actor.scope.includes(u)),
      );
      return leader?.unitId ?? null;
    }
    case 'urged':
      return grantFor(grants, links.urged ?? [])?.unitId ?? null;
    case 'requester':
    case 'system':
      return null;
  }
}

/**
 * Rules beyond role and relation that decide whether an action is open now:
 * the objection window, one review per ticket, a task still to accept, a
 * master not yet replied. Returns the error the action would fail with.
 */
export function blockedBy(
  action: TicketAction,
  t: TicketRef,
  links: TicketLinks,
  ctx: GuardContext,
  unitId: string | null,
  actor?: StaffActor,
): ErrorCode | null {
  // 三上三下: the lead unit stays responsible. While a lower unit holds the ticket,
  // nobody gives feedback: it comes back up (send_up / pull_back) and the lead answers.
  if (action === 'give_feedback' && t.holder_unit_id !== t.lead_unit_id) {
    return 'FEEDBACK_WHILE_PASSED_DOWN';
  }
  // Only a government (township or village) passes a ticket down its own territory.
  if (action === 'pass_down') {
    const grant = actor?.grants.find((g) => g.unitId === unitId);
    if (actor && grant?.unitKind !== 'government') return 'PASS_DOWN_NOT_ALLOWED';
  }
  // [Handling] a suspended ticket resumes first: no feedback and no second suspension while paused.
  if (['give_feedback', 'request_suspension'].includes(action) && t.paused_at) {
    return 'HANDLING_PAUSED';
  }
  switch (action) {
    case 'resume_handling':
    case 'end_suspension':
      return t.paused_at ? null : 'NOT_PAUSED';
    // One pending request at a time; a review only while its request is pending.
    case 'request_extension':
    case 'request_suspension':
    case 'request_termination':
      return links.pendingRequest ? 'HANDLING_REQUEST_PENDING' : null;
    case 'review_extension': {
      if (links.pendingRequest !== 'extension') return 'NO_PENDING_EXTENSION';
      const reviewer = ctx.extensionReviewer ?? 'centre';
      const grant = actor?.grants.find((g) => g.unitId === unitId);
      const byCentre = !actor || grant?.unitKind === 'dispatch_centre';
      if (reviewer === 'centre' && !byCentre) return 'EXTENSION_REVIEWED_BY_CENTRE';
      if (reviewer === 'unit_leader' && byCentre) return 'EXTENSION_REVIEWED_BY_UNIT_LEADER';
      return null;
    }
    case 'review_suspension':
      return links.pendingRequest === 'suspension' ? null : 'NO_PENDING_SUSPENSION';
    case 'review_termination':
      return links.pendingRequest === 'termination' ? null : 'NO_PENDING_TERMINATION';
    // [Handling] the callback desk: once a result waits for review, the reviewer decides.
    case 'review_callback':
      return links.pendingCallbackReview ? null : 'NO_PENDING_CALLBACK_REVIEW';
    case 'record_callback':
    case 'record_callback_attempt':
      return links.pendingCallbackReview ? 'CALLBACK_REVIEW_PENDING' : null;
    case 'object': {
      if (links.objections.some((o) => o.state === 'open')) return 'OBJECTION_PENDING';
      // 首接负责: a ticket re-dispatched after a review, or kept after one, is not returned again.
      if (links.objections.length) return 'OBJECTION_NOT_ALLOWED_AGAIN';
      const since = t.dispatched_at ? new Date(t.dispatched_at).getTime() : ctx.now.getTime();
      if (ctx.now.getTime() - since > ctx.objectionWindowHours * 3_600_000) {
        return 'OBJECTION_WINDOW_CLOSED';
      }
      return null;
    }
    case 'review_objection':
      return links.objections.some((o) => o.state === 'open') ? null : 'NO_OPEN_OBJECTION';
    case 'accept_task':
      return links.tasks.some((k) => k.unitId === unitId && k.state === 'open')
        ? null
        : 'NO_OPEN_TASK';
    case 'send_up':
      return t.holder_unit_id && t.holder_unit_id !== t.lead_unit_id ? null : 'NOT_PASSED_DOWN';
    case 'pull_back':
      return links.passers.length ? null : 'NOT_PASSED_DOWN';
    case 'blow_whistle':
    case 'convene': {
      const grant = actor?.grants.find((g) => g.unitId === unitId);
      // A township (street) government: a village committee summons no departments.
      // The district's government whistles too when it took an escalated ticket (上交).
      const level = grant?.jurisdictionLevel ?? 'township';
      const allowed = level === 'township' || (action === 'blow_whistle' && level === 'district');
      return grant?.unitKind === 'government' && allowed ? null : 'WHISTLE_NOT_ALLOWED';
    }
    case 'escalate': {
      if (links.escalation) return 'ESCALATION_PENDING';
      const grant = actor?.grants.find((g) => g.unitId === unitId);
      const level = grant?.jurisdictionLevel ?? 'township';
      return grant && (grant.unitKind !== 'government' || !['township', 'village'].includes(level))
        ? 'ESCALATION_NOT_ALLOWED'
        : null;
    }
    case 'review_escalation':
      return links.escalation ? null : 'NO_PENDING_ESCALATION';
    case 'propose_deliberation':
      if (links.deliberation) return 'DELIBERATION_PENDING';
      return links.leadUnitKind && links.leadUnitKind !== 'government'
        ? 'DELIBERATION_NOT_ALLOWED'
        : null;
    case 'sign_off_deliberation':
      return links.deliberation?.state === 'proposed' ? null : 'NO_PENDING_DELIBERATION';
    case 'settle_deliberation':
      return links.deliberation?.noticed ? null : 'NOTICE_REQUIRED';
    case 'archive_session': {
      const d = links.deliberation;
      if (d?.sessionsOpen) return null;
      return d?.sessionsArchived ? 'SESSION_ARCHIVED' : 'SESSION_NOT_FOUND';
    }
    case 'publish_notice':
      return links.deliberation?.sessionsArchived ? null : 'SESSION_NOT_ARCHIVED';
    // Hearings and consultations are for long-running cases (积案).
    case 'schedule_hearing':
    case 'record_consultation':
      return isBacklog(t, ctx.now, ctx.backlog) ? null : 'NOT_BACKLOG';
    case 'record_hearing':
      if (links.hearingsScheduled) return null;
      return links.hearingsHeld ? 'HEARING_ALREADY_HELD' : 'HEARING_NOT_FOUND';
    case 'unlink_project':
    case 'reply_by_project':
      return links.projects?.length ? null : 'PROJECT_NOT_LINKED';
    case 'unmerge': {
      if (!t.master_id || !links.master) return 'UNMERGE_NOT_ALLOWED';
      const replied =
        links.master.repliedAt !== null ||
        ['replied', 'awaiting_callback', 'closed'].includes(links.master.state);
      return replied ? 'UNMERGE_NOT_ALLOWED' : null;
    }
    default:
      return null;
  }
}

export function can(
  actor: StaffActor,
  action: TicketAction,
  t: TicketRef,
  links: TicketLinks = NO_LINKS,
  ctx?: GuardContext,
): boolean {
  const unit = actingUnit(actor, action, t, links);
  if (unit === null) return false;
  return !ctx || blockedBy(action, t, links, ctx, unit, actor) === null;
}

export function allowedActions(
  actor: StaffActor,
  t: TicketRef,
  links: TicketLinks = NO_LINKS,
  ctx?: GuardContext,
): TicketAction[] {
  return TRANSITIONS.filter((d) => can(actor, d.action, t, links, ctx)).map((d) => d.action);
}

/**
 * Whether the actor may reveal the requester's name and phone. Never for the
 * unit complained about; a confidential ticket only to the dispatch centre.
 */
export function canRevealRequester(actor: StaffActor, t: TicketRef): boolean {
  if (t.subject_unit_id && actor.grants.some((g) => g.unitId === t.subject_unit_id)) return false;
  if (isCentre(actor, ['agent', 'dispatcher'])) return true;
  if (t.confidential) return false;
  return actor.grants.some(
    (g) =>
      (g.unitId === t.lead_unit_id || g.unitId === t.holder_unit_id) &&
      ['handler', 'unit_leader', 'grid_worker'].includes(g.role),
  );
}
