// [Handling] what the handler's actions do beyond the ticket row, inside the
// action's transaction. Each request a reviewer decides (延期, 挂起, 终止办理) is a
// record, one pending per ticket; the review records on its event what the engine
// (tickets/workflow.ts) needs to change the row from the event alone — the date an
// extension moves to, a suspension's bound, the deadline after a pause — and what
// the public timeline may say. A ticket that leaves handling before a decision lets
// its pending request lapse, and ends a running pause.
import { zhCN, type TimeLimit } from '@jiesu/contracts';
import { effectiveSettings } from '../org/settings.js';
import type { Kysely } from 'kysely';
import type { DB, TenantSettings, Ticket } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { CHINA_CALENDAR_SETTINGS, WorkingCalendar } from '../calendar/deadline.js';
import { calendarRepository } from '../calendar/repository.js';
import { utcOffsetOf } from '../calendar/service.js';
import { orgRepository } from '../org/repository.js';
import type { ActionHooks, HookContext, HookRegistry } from '../tickets/hooks.js';
import { ticketRepository } from '../tickets/repository.js';
import { handlingRepository } from './repository.js';

/** The states in which a request can be decided (the rows' `from`). */
const DECIDABLE = ['accepted', 'in_progress'];
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** "2026-11-20 18:00" in the district's local time. */
export function localMinute(at: Date, offsetMin: number): string {
  return new Date(at.getTime() + offsetMin * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The district's handling rules, else the defaults (see org/settings.ts). */
export function handlingSettings(s: TenantSettings | undefined) {
  const { suspensionMaxDays, noContactAttempts } = effectiveSettings(s);
  return { suspensionMaxDays, noContactAttempts };
}

/**
 * The completion deadline once a pause from `from` to `to` is given back. Counted in the
 * time the running limit was counted in (the last clock event's `completion`): a limit in
 * working hours or days gets back the working time paused — a pause over a weekend or a
 * night gives nothing back, as the limit did not run then — and a limit in calendar hours
 * gets back the calendar time. Counting both the same way would let a pause over a
 * holiday stretch a working-day limit by days its own count never had.
 */
export async function dueAfterPause(
  trx: Kysely<DB>,
  tenantId: string,
  t: Pick<Ticket, 'id' | 'completion_due_at'>,
  from: Date,
  to: Date,
): Promise<{ due: Date | null; basis: 'working' | 'calendar' }> {
  const limit = (await handlingRepository(trx).lastClock(t.id)) as TimeLimit | null;
  const due = t.completion_due_at ? new Date(t.completion_due_at) : null;
  if (!limit || limit.unit === 'calendar_hours') {
    return {
      due: due && new Date(due.getTime() + (to.getTime() - from.getTime())),
      basis: 'calendar',
    };
  }
  if (!due) return { due, basis: 'working' };
  const tenant = await orgRepository(trx).tenant(tenantId);
  const s = tenant?.settings;
  const days = await calendarRepository(trx).days(tenantId);
  const cal = new WorkingCalendar(
    days.map((d) => ({ date: d.day, kind: d.kind, name: d.name ?? undefined })),
    {
      utcOffsetMinutes: utcOffsetOf(s),
      workingHours: s?.workingHours ?? CHINA_CALENDAR_SETTINGS.workingHours,
      weekend: s?.weekend ?? CHINA_CALENDAR_SETTINGS.weekend,
    },
  );
  const paused = cal.workingMsBetween(from, to);
  return {
    due: paused > 0 ? cal.addLimit(due, { amount: paused / HOUR_MS, unit: 'working_hours' }) : due,
    basis: 'working',
  };
}

async function offsetOf(c: HookContext) {
  return utcOffsetOf((await orgRepository(c.trx).tenant(c.tenantId))?.settings);
}

const lapseWhenLeaving: ActionHooks = {
  async after(c) {
    const repo = handlingRepository(c.trx);
    // Left handling with the clock paused (closed, feedback…): the pause ends here.
    if (c.ticket.paused_at && !c.updated.paused_at) await repo.endPause(c.ticket.id, c.at);
    // Still handled by the same lead unit: the request stays open.
    if (DECIDABLE.includes(c.updated.state) && c.updated.lead_unit_id === c.ticket.lead_unit_id)
      return;
    await repo.lapse(c.ticket.id, c.at, zhCN.handling.lapsed);
  },
};

/** One pending request per ticket: checked here, guaranteed by a unique index. */
async function noPending(c: HookContext) {
  if (await handlingRepository(c.trx).pending(c.ticket.id)) {
    throw new AppError('HANDLING_REQUEST_PENDING');
  }
}

const recordRequest = (kind: 'suspension' | 'termination', reasonKind: string): ActionHooks => ({
  async after(c) {
    await handlingRepository(c.trx).insert({
      id: c.input.requestId as string,
      tenant_id: c.tenantId,
      ticket_id: c.ticket.id,
      kind,
      reason_kind: c.input[reasonKind] as string,
      reason: (c.input.reason as string).trim(),
      proposed_due_at: null,
      previous_due_at: null,
      until_at: kind === 'suspension' ? (c.input.until as string) : null,
      unit_id: c.unitId,
      requested_by: c.actor?.userId ?? null,
      requested_at: c.at,
    });
  },
});

async function decide(c: HookContext & { updated: Ticket }) {
  const approve = c.input.decision === 'approve';
  const ok = await handlingRepository(c.trx).decide(c.input.requestId as string, {
    status: approve ? 'approved' : 'refused',
    by: c.actor?.userId ?? null,
    at: c.at,
    note: (c.input.note as string).trim(),
    // An approved suspension stops the clock now (the ticket's paused_at).
    pausedAt: approve && c.action === 'review_suspension' ? c.at : null,
  });
  if (!ok) throw new AppError('VERSION_CONFLICT');
}

/** 恢复办理, by hand or at the bound: the deadline moves by the time paused, counted on the event. */
const resume: ActionHooks = {
  async prepare(c) {
    const t = c.ticket;
    const running = await handlingRepository(c.trx).runningSuspension(t.id);
    if (!t.paused_at || !t.paused_until || !running) throw new AppError('NOT_PAUSED');
    const until = new Date(t.paused_until);
    if (c.action === 'end_suspension' && (c.input.requestId !== running.id || until > c.at)) {
      throw new AppError('NOT_PAUSED');
    }
    const from = new Date(t.paused_at);
    // A lazy resume after the bound gives back the time up to the bound only.
    const to = until < c.at ? until : c.at;
    const { due, basis } = await dueAfterPause(c.trx, c.tenantId, t, from, to);
    return {
      requestId: running.id,
      pausedAt: from.toISOString(),
      resumedAt: to.toISOString(),
      pausedMs: to.getTime() - from.getTime(),
      countedIn: basis,
      previousDueAt: t.completion_due_at ? new Date(t.completion_due_at).toISOString() : null,
      completionDueAt: due ? due.toISOString() : null,
      dueLocal: due ? localMinute(due, await offsetOf(c)) : null,
    };
  },
  async after(c) {
    await handlingRepository(c.trx).resume(
      c.input.requestId as string,
      new Date(c.input.resumedAt as string),
    );
  },
};

/** 现场查看: not in the future (a few minutes' grace for clocks), a point given whole, photos the visitor uploaded. */
const siteVisit: ActionHooks = {
  async prepare(c) {
    const at = new Date(c.input.visitedAt as string);
    if (at.getTime() > c.at.getTime() + 5 * 60_000) {
      throw new AppError('SITE_VISIT_IN_FUTURE', [
        { path: '/input/visitedAt', message: zhCN.error.SITE_VISIT_IN_FUTURE },
      ]);
    }
    if ((c.input.lng === undefined) !== (c.input.lat === undefined)) {
      const path = c.input.lng === undefined ? '/input/lng' : '/input/lat';
      throw new AppError('VALIDATION_FAILED', [{ path, message: zhCN.handling.pointIncomplete }]);
    }
    return {
      visitedAt: at.toISOString(),
      visitedAtLocal: localMinute(at, await offsetOf(c)),
      place: (c.input.place as string).trim(),
      findings: (c.input.findings as string).trim(),
    };
  },
  async after(c) {
    // The visitor's own photos are the ticket's from now on, like the requester's uploads.
    const ids = (c.input.attachmentIds as string[] | undefined) ?? [];
    if (
      (await ticketRepository(c.trx).claimAttachments(
        c.tenantId,
        c.ticket.id,
        ids,
        c.actor?.userId,
      )) !== ids.length
    ) {
      throw new AppError('UNKNOWN_ATTACHMENT', [
        { path: '/input/attachmentIds', message: zhCN.error.UNKNOWN_ATTACHMENT },
      ]);
    }
  },
};

export const handlingHooks: HookRegistry = {
  record_site_visit: [siteVisit],
  request_extension: [
    {
      async prepare(c) {
        await noPending(c);
        const proposed = new Date(c.input.proposedDueAt as string);
        const current = c.ticket.completion_due_at ? new Date(c.ticket.completion_due_at) : null;
        if (proposed <= c.at || (current && proposed <= current)) {
          throw new AppError('EXTENSION_DATE_INVALID', [
            { path: '/input/proposedDueAt', message: zhCN.error.EXTENSION_DATE_INVALID },
          ]);
        }
        return {
          requestId: newId(),
          proposedDueAt: proposed.toISOString(),
          previousDueAt: current ? current.toISOString() : null,
        };
      },
      async after(c) {
        await handlingRepository(c.trx).insert({
          id: c.input.requestId as string,
          tenant_id: c.tenantId,
          ticket_id: c.ticket.id,
          kind: 'extension',
          reason: (c.input.reason as string).trim(),
          proposed_due_at: c.input.proposedDueAt as string,
          previous_due_at: (c.input.previousDueAt as string | null) ?? null,
          unit_id: c.unitId,
          requested_by: c.actor?.userId ?? null,
          requested_at: c.at,
        });
      },
    },
  ],
  review_extension: [
    {
      async prepare(c) {
        const open = await handlingRepository(c.trx).pending(c.ticket.id);
        if (!open || open.kind !== 'extension' || !open.proposed_due_at) {
          throw new AppError('NO_PENDING_EXTENSION');
        }
        const due = new Date(open.proposed_due_at);
        // Recorded on the event: the deadline it moves to, and what the requester is told.
        return {
          requestId: open.id,
          proposedDueAt: due.toISOString(),
          previousDueAt: c.ticket.completion_due_at
            ? new Date(c.ticket.completion_due_at).toISOString()
            : null,
          requestReason: open.reason,
          dueLocal: localMinute(due, await offsetOf(c)),
        };
      },
      after: decide,
    },
  ],
  request_suspension: [
    {
      async prepare(c) {
        await noPending(c);
        const tenant = await orgRepository(c.trx).tenant(c.tenantId);
        const { suspensionMaxDays } = handlingSettings(tenant?.settings);
        const until = new Date(c.input.until as string);
        if (until <= c.at || until.getTime() > c.at.getTime() + suspensionMaxDays * DAY_MS) {
          throw new AppError('SUSPENSION_UNTIL_INVALID', [
            { path: '/input/until', message: zhCN.error.SUSPENSION_UNTIL_INVALID },
          ]);
        }
        return { requestId: newId(), until: until.toISOString(), maxDays: suspensionMaxDays };
      },
      ...recordRequest('suspension', 'suspensionKind'),
    },
  ],
  review_suspension: [
    {
      async prepare(c) {
        const open = await handlingRepository(c.trx).pending(c.ticket.id);
        if (!open || open.kind !== 'suspension' || !open.until_at) {
          throw new AppError('NO_PENDING_SUSPENSION');
        }
        const until = new Date(open.until_at);
        // Approved after its bound, a pause would run backwards: refuse it or ask again.
        if (c.input.decision === 'approve' && until <= c.at) {
          throw new AppError('SUSPENSION_UNTIL_INVALID');
        }
        return {
          requestId: open.id,
          until: until.toISOString(),
          suspensionKind: open.reason_kind,
          untilLocal: localMinute(until, await offsetOf(c)),
        };
      },
      after: decide,
    },
  ],
  resume_handling: [resume],
  end_suspension: [resume],
  request_termination: [
    {
      async prepare(c) {
        await noPending(c);
        const failed = await handlingRepository(c.trx).failedContacts(c.ticket.id);
        if (c.input.terminationKind === 'no_contact') {
          const tenant = await orgRepository(c.trx).tenant(c.tenantId);
          const { noContactAttempts } = handlingSettings(tenant?.settings);
          if (failed < noContactAttempts) throw new AppError('TERMINATION_TOO_FEW_ATTEMPTS');
        }
        return { requestId: newId(), failedContacts: failed };
      },
      ...recordRequest('termination', 'terminationKind'),
    },
  ],
  review_termination: [
    {
      async prepare(c) {
        const open = await handlingRepository(c.trx).pending(c.ticket.id);
        if (!open || open.kind !== 'termination') throw new AppError('NO_PENDING_TERMINATION');
        // 双人审核: whoever asked does not decide, whatever roles they also hold.
        if (open.requested_by && open.requested_by === c.actor?.userId) {
          throw new AppError('TERMINATION_SAME_PERSON');
        }
        return { requestId: open.id, terminationKind: open.reason_kind };
      },
      after: decide,
    },
    lapseWhenLeaving,
  ],
  give_feedback: [lapseWhenLeaving],
  reply_by_project: [lapseWhenLeaving],
  review_objection: [lapseWhenLeaving],
  sign_off_deliberation: [lapseWhenLeaving],
  review_escalation: [lapseWhenLeaving],
};
