// [Handling] reads of the handler's toolkit: the ticket's contact log (which
// contact was the response), its requests (延期, 挂起, 终止办理), the clock's pause and
// the approvals list; and the lazy resume of pauses whose bound has passed (a
// platform action per ticket, run before those reads and by the sweep endpoint).
// The actions themselves go through the ticket service's `act` (hooks.ts).
import type { Kysely } from 'kysely';
import type {
  ContactChannel,
  ContactOutcome,
  ContactView,
  ExtensionCounts,
  ExtensionCountsQuery,
  HandlingRequestList,
  SuspensionKind,
  SuspensionSweepResult,
  HandlingRequestQuery,
  HandlingRequestView,
  TicketHandlingView,
} from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { isCentre, type StaffActor } from '../../shared/actor.js';
import { orgRepository } from '../org/repository.js';
import { ticketRepository } from '../tickets/repository.js';
import type { TicketService } from '../tickets/service.js';
import { visibleTicket } from '../tickets/visible.js';
import { handlingSettings } from './hooks.js';
import { handlingRepository } from './repository.js';

/** Pauses resumed per sweep at most: a list read stays bounded; the next read goes on. */
const SWEEP_LIMIT = 50;

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
const ref = (id: string | null, name: string | null | undefined) =>
  id ? { id, name: name ?? '' } : null;

type RequestRow = Awaited<ReturnType<ReturnType<typeof handlingRepository>['forTicket']>>[number];

function toRequestView(r: RequestRow): HandlingRequestView {
  return {
    id: r.id,
    ticket: { id: r.ticket_id, code: r.ticket_code, title: r.ticket_title, state: r.ticket_state },
    kind: r.kind,
    status: r.status,
    reasonKind: r.reason_kind as HandlingRequestView['reasonKind'],
    reason: r.reason,
    proposedDueAt: iso(r.proposed_due_at),
    previousDueAt: iso(r.previous_due_at),
    until: iso(r.until_at),
    pausedAt: iso(r.paused_at),
    resumedAt: iso(r.resumed_at),
    unit: ref(r.unit_id, r.unit_name),
    requestedBy: ref(r.requested_by, r.requested_by_name),
    requestedAt: new Date(r.requested_at).toISOString(),
    reviewedBy: ref(r.reviewed_by, r.reviewed_by_name),
    reviewedAt: iso(r.reviewed_at),
    reviewNote: r.review_note,
  };
}

/**
 * Walks the response clocks along the trail: a clock starts with every event that
 * carries new deadlines into `dispatched` (dispatch, an upheld objection, a reopen),
 * moves with a recalculation, and is answered by the first reached contact or the
 * acceptance, whichever comes first. The contact that answered it in time is the
 * response the rate counts (the same rule as assessment/rollups.ts).
 */
export function markContacts(
  clock: ReadonlyArray<{ seq: number; action: string; at: Date; payload: Record<string, unknown> }>,
  contacts: ReadonlyArray<{ seq: number; at: Date; outcome: ContactOutcome }>,
): Array<{ seq: number; countsAsResponse: boolean; late: boolean }> {
  const all = [
    ...clock.map((e) => ({ ...e, kind: 'clock' as const })),
    ...contacts.map((c) => ({ ...c, kind: 'contact' as const })),
  ].sort((a, b) => a.seq - b.seq);
  let due: Date | null = null;
  let answered = false;
  const out: Array<{ seq: number; countsAsResponse: boolean; late: boolean }> = [];
  for (const e of all) {
    if (e.kind === 'clock') {
      const d = (e.payload.deadlines as { responseDueAt?: string } | undefined)?.responseDueAt;
      if (e.action === 'accept') answered = true;
      else if (d) {
        due = new Date(d);
        if (e.action !== 'recalculate_deadlines') answered = false;
      }
      continue;
    }
    const late = due !== null && e.at > due;
    const counts = e.outcome === 'reached' && !answered && !late;
    if (e.outcome === 'reached') answered = true;
    out.push({ seq: e.seq, countsAsResponse: counts, late });
  }
  return out;
}

export function handlingService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  tickets: Pick<TicketService, 'act'>;
}) {
  const { db, clock } = deps;
  const repo = handlingRepository(db);
  const tickets = ticketRepository(db);

  /**
   * Resumes every pause whose bound has passed, each as the platform's `end_suspension`
   * (an event on the ticket's timeline; the deadline moves by the time up to the bound).
   * Idempotent: a ticket resumed meanwhile (by hand, a concurrent sweep) is skipped.
   */
  async function sweep(tenantId: string): Promise<SuspensionSweepResult> {
    let resumed = 0;
    for (const p of await repo.pausesRunOut(tenantId, clock.now(), SWEEP_LIMIT)) {
      try {
        await deps.tickets.act(
          tenantId,
          p.ticket_id,
          'end_suspension',
          { input: { requestId: p.request_id } },
          { system: true },
        );
        resumed += 1;
      } catch (e) {
        if (e instanceof AppError) continue;
        throw e;
      }
    }
    return { resumed };
  }

  return {
    sweep,

    async forTicket(actor: StaffActor, ticketId: string): Promise<TicketHandlingView> {
      // A pause past its bound resumes before it is shown.
      await sweep(actor.tenantId);
      const t = await visibleTicket(tickets, actor, ticketId);
      const rows = await repo.contacts(ticketId);
      const marks = new Map(
        markContacts(
          await repo.clockEvents(ticketId),
          rows.map((r) => ({
            seq: r.seq,
            at: r.at,
            outcome: r.payload.contactOutcome as ContactOutcome,
          })),
        ).map((m) => [m.seq, m]),
      );
      const contacts: ContactView[] = rows.map((r) => ({
        seq: r.seq,
        at: r.at.toISOString(),
        channel: r.payload.contactChannel as ContactChannel,
        outcome: r.payload.contactOutcome as ContactOutcome,
        note: typeof r.payload.note === 'string' && r.payload.note ? r.payload.note : null,
        by: ref(r.actor_user_id, r.actor_name),
        unit: ref(r.actor_unit_id, r.actor_unit_name),
        countsAsResponse: marks.get(r.seq)?.countsAsResponse ?? false,
        late: marks.get(r.seq)?.late ?? false,
      }));
      const requestRows = await repo.forTicket(ticketId);
      const requests = requestRows.map(toRequestView);
      const running = requestRows.find(
        (r) => r.kind === 'suspension' && r.status === 'approved' && r.paused_at && !r.resumed_at,
      );
      const tenant = await orgRepository(db).tenant(actor.tenantId);
      const rules = handlingSettings(tenant?.settings);
      return {
        contacts,
        reachedCount: contacts.filter((c) => c.outcome === 'reached').length,
        failedCount: contacts.filter((c) => c.outcome !== 'reached').length,
        responseDueAt: iso(t.response_due_at),
        firstContactAt: iso(t.first_contact_at),
        requests,
        extensions: requests.filter((r) => r.kind === 'extension' && r.status === 'approved')
          .length,
        pause:
          t.paused_at && t.paused_until
            ? {
                since: new Date(t.paused_at).toISOString(),
                until: new Date(t.paused_until).toISOString(),
                kind: (running?.reason_kind ?? 'waiting_requester') as SuspensionKind,
              }
            : null,
        pausedMs: requestRows.reduce(
          (n, r) =>
            r.paused_at && r.resumed_at
              ? n + Math.max(0, new Date(r.resumed_at).getTime() - new Date(r.paused_at).getTime())
              : n,
          0,
        ),
        ...rules,
      };
    },

    /** 待审批: the centre sees every request; a unit, its own. */
    async list(actor: StaffActor, q: HandlingRequestQuery): Promise<HandlingRequestList> {
      await sweep(actor.tenantId);
      const units = isCentre(actor) ? 'tenant' : actor.grants.map((g) => g.unitId);
      const { rows, total } = await repo.list(actor.tenantId, q, units);
      return {
        items: rows.map(toRequestView),
        total,
        page: q.page ?? 1,
        pageSize: q.pageSize ?? 20,
      };
    },

    /** Extensions per unit (assessment): the centre and supervisors only. */
    async extensionCounts(actor: StaffActor, q: ExtensionCountsQuery): Promise<ExtensionCounts> {
      if (!isCentre(actor)) throw new AppError('FORBIDDEN');
      const rows = await repo.extensionCounts(actor.tenantId, new Date(q.from), new Date(q.to));
      return rows.map((r) => ({
        unit: { id: r.unit_id, name: r.unit_name },
        requested: r.requested,
        approved: r.approved,
        refused: r.refused,
        suspended: r.suspended,
        terminated: r.terminated,
      }));
    },
  };
}
export type HandlingService = ReturnType<typeof handlingService>;
