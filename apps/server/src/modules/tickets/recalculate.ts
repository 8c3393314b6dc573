// When the working calendar changes, running clocks that cross the changed day
// are counted again: a holiday declared after a dispatch gives the unit the day
// back, a make-up working day takes it. Each clock is recounted from its start
// (the last dispatch, reopen or reassignment) with the limits recorded when it
// started — not today's policy, which may have changed since — and a moved
// deadline is an event on the ticket (`recalculate_deadlines`, by the platform).
// The response clock moves only while it runs (before the unit signs for it).
// [Handling] adds extensions and suspensions: they must be re-applied here.
import { sql, type Kysely } from 'kysely';
import { HANDLING_STATES, type TimeLimit } from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import type { CalendarService } from '../calendar/service.js';
import type { TicketService } from './service.js';

const DAY_MS = 86_400_000;

interface ClockStart {
  response?: TimeLimit;
  completion?: TimeLimit;
}

export function deadlineRecalculator(deps: {
  db: Kysely<DB>;
  calendar: CalendarService;
  tickets: Pick<TicketService, 'act'>;
}) {
  const { db, calendar, tickets } = deps;

  return {
    /** Recounts the running deadlines that cross `date`; returns how many moved. */
    async onDayChanged(tenantId: string, date: string, reason: string): Promise<number> {
      // A day either side covers every UTC offset; the equality check below drops the rest.
      const from = new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS);
      const to = new Date(Date.parse(`${date}T00:00:00Z`) + 2 * DAY_MS);
      const candidates = await db
        .selectFrom('tickets as t')
        .select([
          't.id',
          't.state',
          't.category_id',
          't.urgency',
          't.dispatched_at',
          't.response_due_at',
          't.completion_due_at',
          sql<ClockStart | null>`(
            SELECT e.payload -> 'deadlines' FROM ticket_events e
             WHERE e.ticket_id = t.id AND e.payload ? 'deadlines'
               AND e.action <> 'recalculate_deadlines'
             ORDER BY e.seq DESC LIMIT 1)`.as('limits'),
        ])
        .where('t.tenant_id', '=', tenantId)
        .where('t.state', 'in', HANDLING_STATES)
        .where('t.dispatched_at', '<', to)
        .where('t.completion_due_at', '>=', from)
        .orderBy('t.completion_due_at')
        .execute();

      let moved = 0;
      for (const t of candidates) {
        if (!t.dispatched_at || !t.completion_due_at) continue;
        const start = t.dispatched_at;
        let limits = t.limits ?? {};
        if (!limits.response || !limits.completion) {
          // Clocks started before limits were recorded: count with today's policy.
          const p = await calendar.policyFor(tenantId, t.category_id, t.urgency);
          limits = {
            response: { amount: Number(p.response_amount), unit: p.response_unit },
            completion: { amount: Number(p.completion_amount), unit: p.completion_unit },
          };
        }
        const completion = await calendar.addLimit(tenantId, start, limits.completion!);
        const response =
          t.state === 'dispatched'
            ? await calendar.addLimit(tenantId, start, limits.response!)
            : t.response_due_at;
        if (
          completion.getTime() === t.completion_due_at.getTime() &&
          response?.getTime() === t.response_due_at?.getTime()
        ) {
          continue;
        }
        try {
          await tickets.act(
            tenantId,
            t.id,
            'recalculate_deadlines',
            { input: { reason } },
            { system: true },
            {
              deadlines: {
                responseDueAt: (response ?? completion).toISOString(),
                completionDueAt: completion.toISOString(),
              },
            },
          );
          moved++;
        } catch (e) {
          // A ticket that moved on meanwhile (signed, fed back) keeps what it has.
          if (!(e instanceof AppError)) throw e;
        }
      }
      return moved;
    },
  };
}
