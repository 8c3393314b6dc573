// 协办 (一单多派): each co-unit gets its own task with its own limit, signs for
// it and reports its part to the lead; the lead's feedback carries the parts,
// and only the lead closes the ticket (give_feedback has relation `lead`).
//
// What happens to tasks when the ticket moves on:
// - a reopen (record_callback or review_callback → dispatched) sends the ticket back to the lead
//   unit only: tasks stay as they were, so a part already reported still
//   counts and the lead's next feedback carries it again;
// - a reassignment after an upheld objection changes the lead, not the
//   co-units: their tasks stay with the ticket, except that a co-unit which
//   becomes the lead has its unfinished task cancelled (see objections.ts).
import { HANDLING_STATES, type TaskView } from '@jiesu/contracts';
import { newId } from '../../shared/ids.js';
import type { HookRegistry } from '../tickets/hooks.js';
import { iso, linkedTicket, ref } from '../tickets/presenter.js';
import { collaborationRepository, type CollaborationRepository } from './repository.js';

type TaskRow = Awaited<ReturnType<CollaborationRepository['tasksOfTicket']>>[number];

export const taskHooks: HookRegistry = {
  dispatch: [
    {
      // One task per co-unit, due when the ticket is due (the same policy applies to its part).
      async after(c) {
        const lead = c.input.leadUnitId as string;
        const co = ((c.input.coUnitIds as string[] | undefined) ?? []).filter((u) => u !== lead);
        await collaborationRepository(c.trx).insertTasks(
          co.map((unitId) => ({
            id: newId(),
            tenant_id: c.tenantId,
            ticket_id: c.ticket.id,
            unit_id: unitId,
            source: 'dispatch' as const,
            whistle_id: null,
            state: 'open' as const,
            assigned_at: c.at,
            response_due_at: c.deadlines ? new Date(c.deadlines.responseDueAt) : null,
            completion_due_at: c.deadlines ? new Date(c.deadlines.completionDueAt) : null,
          })),
        );
      },
    },
  ],
  accept_task: [
    {
      async after(c) {
        await collaborationRepository(c.trx).acceptTasks(c.ticket.id, c.unitId!, c.at);
      },
    },
  ],
  report_part: [
    {
      async after(c) {
        await collaborationRepository(c.trx).reportTasks(c.ticket.id, c.unitId!, {
          part: c.input.text as string,
          by: c.actor?.userId ?? null,
          at: c.at,
        });
      },
    },
  ],
  give_feedback: [
    {
      // The lead's feedback carries the co-units' parts, and names those still missing.
      async prepare(c) {
        const tasks = (await collaborationRepository(c.trx).tasksOfTicket(c.ticket.id)).filter(
          (k) => k.state !== 'cancelled',
        );
        if (!tasks.length) return;
        const parts = tasks
          .filter((k) => k.state === 'reported')
          .map((k) => ({
            unit: { id: k.unit_id, name: k.unit_name },
            text: k.part ?? '',
            reportedAt: new Date(k.reported_at!).toISOString(),
          }));
        const reported = new Set(parts.map((p) => p.unit.id));
        const missing = new Map<string, { id: string; name: string }>();
        for (const k of tasks) {
          if (k.state !== 'reported' && !reported.has(k.unit_id)) {
            missing.set(k.unit_id, { id: k.unit_id, name: k.unit_name });
          }
        }
        return { parts, missingParts: [...missing.values()] };
      },
    },
  ],
};

/** A task row as the API shows it, with its lateness at `now`. */
export function toTaskView(k: TaskRow, now: Date): TaskView {
  const unfinished = k.state === 'open' || k.state === 'accepted';
  const handling = HANDLING_STATES.includes(k.ticket_state);
  const past = (d: Date | string | null) => d !== null && new Date(d).getTime() < now.getTime();
  return {
    id: k.id,
    ticket: linkedTicket(k),
    unit: { id: k.unit_id, name: k.unit_name },
    leadUnit: ref(k.lead_unit_id, k.lead_unit_name),
    source: k.source,
    state: k.state,
    assignedAt: iso(k.assigned_at)!,
    responseDueAt: iso(k.response_due_at),
    completionDueAt: iso(k.completion_due_at),
    acceptedAt: iso(k.accepted_at),
    reportedAt: iso(k.reported_at),
    part: k.part,
    reportedBy: ref(k.reported_by, k.reported_by_name),
    overdue: unfinished && handling && past(k.completion_due_at),
    responseOverdue: k.state === 'open' && handling && past(k.response_due_at),
  };
}
