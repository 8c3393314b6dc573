// 三率 rollups: what one ticket event adds to its units' daily counters. Pure:
// the ticket row before and after the action and the event decide it, so the
// service calls it in the action's transaction, right after the event is
// written, and the naive query (repository.naiveCounts) counts the same thing
// from the event trail alone. Each counter counts events of the period:
//
//   dispatched          — the unit became the lead: 派单, 改派 after an upheld
//                         objection (to the new unit), 重办 after an unsolved callback
//   accepted            — 签收 by the lead unit
//   accepted_on_time    — …responded in time: the acceptance, or a reached contact
//                         (联系记录) before it since the clock started, no later than
//                         the ticket's response deadline then running ([Handling])
//   completed           — 反馈 by the lead unit (or a project reply standing for it)
//   completed_on_time   — …no later than the ticket's completion deadline then running
//   called_back         — 回访 recorded by the centre
//   rated               — evaluations: the centre's callbacks and the requesters' ratings
//   solved              — …that said "solved"
//   satisfied, basically_satisfied, dissatisfied — …by satisfaction
//   returns_upheld      — objections (退单) upheld, counted for the unit that objected
//   returns_fault       — …of which the reviewer found the dispatch at fault
//   reopened            — 重办: unsolved callbacks that sent the ticket back
//   repeats             — 派单 of a ticket that repeats the same requester's request on
//                         the same matter within the window (the dispatch event's
//                         `repeat`, found by the assessment's dispatch hook)
//   delegated_settled   — 下交群评 cases settled on the ledger, for the lead unit
//   first_dispatched    — first 派单 (from receipt), for the new lead, and
//   dispatch_wait_s     — …the seconds from receipt to it: summed over the district,
//                         the dispatch centre's time to dispatch
//
// A ticket without a running deadline counts on time. Units are the lead unit
// at the time of the event (the new lead for a (re)dispatch).
import type { Ticket } from '../../db/schema.js';

export const COUNTERS = [
  'dispatched',
  'accepted',
  'accepted_on_time',
  'completed',
  'completed_on_time',
  'called_back',
  'rated',
  'solved',
  'satisfied',
  'basically_satisfied',
  'dissatisfied',
  'returns_upheld',
  'returns_fault',
  'reopened',
  'repeats',
  'delegated_settled',
  'first_dispatched',
  'dispatch_wait_s',
] as const;
export type Counter = (typeof COUNTERS)[number];
export type Counts = Record<Counter, number>;

export interface Delta {
  unitId: string;
  counts: Partial<Counts>;
}

/** The event as the rollups read it (an EventDraft or a stored row). */
export interface RollupEvent {
  action: string;
  from_state: string | null;
  to_state: string;
  at: Date;
  payload: Record<string, unknown>;
}

type Before = Pick<
  Ticket,
  'lead_unit_id' | 'response_due_at' | 'completion_due_at' | 'received_at'
> & { first_contact_at?: Date | null };
type After = Pick<Ticket, 'lead_unit_id'>;

/** The actions that can count; others never touch the rollups. */
export const COUNTED_ACTIONS = [
  'dispatch',
  'review_objection',
  'accept',
  'give_feedback',
  'reply_by_project',
  'record_callback',
  'rate',
  'review_callback',
  'settle_deliberation',
] as const;

const HANDLING = ['dispatched', 'accepted', 'in_progress'];

export const zeroCounts = (): Counts => Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Counts;

const onTime = (at: Date, due: Date | null) => (due === null || at <= due ? 1 : 0);

/** The counter deltas of one event, per unit; empty when it counts nothing. */
export function rollupDeltas(before: Before, after: After, e: RollupEvent): Delta[] {
  const out: Delta[] = [];
  const add = (unitId: string | null, counts: Partial<Counts>) => {
    if (unitId) out.push({ unitId, counts });
  };
  const lead = before.lead_unit_id;
  const p = e.payload;
  switch (e.action) {
    case 'dispatch':
      add(after.lead_unit_id, {
        dispatched: 1,
        first_dispatched: 1,
        dispatch_wait_s: Math.max(
          0,
          Math.floor((e.at.getTime() - new Date(before.received_at).getTime()) / 1000),
        ),
        repeats: p.repeat === true ? 1 : 0,
      });
      break;
    case 'settle_deliberation':
      add(lead, { delegated_settled: 1 });
      break;
    case 'review_objection':
      if (p.verdict === 'upheld') {
        add(lead, { returns_upheld: 1, returns_fault: p.dispatchFault === true ? 1 : 0 });
        add(after.lead_unit_id, { dispatched: 1 });
      }
      break;
    case 'accept':
      // The response is the first of a reached contact and the acceptance (LIFECYCLE.md).
      add(lead, {
        accepted: 1,
        accepted_on_time: Math.max(
          onTime(e.at, before.response_due_at),
          before.first_contact_at ? onTime(before.first_contact_at, before.response_due_at) : 0,
        ),
      });
      break;
    case 'reply_by_project':
    case 'give_feedback':
      // A project reply stands for the feedback the unit had not given yet.
      if (e.action === 'reply_by_project' && !HANDLING.includes(e.from_state ?? '')) break;
      add(lead, { completed: 1, completed_on_time: onTime(e.at, before.completion_due_at) });
      break;
    case 'record_callback':
    case 'rate': {
      const s = p.satisfaction;
      const reopen = e.action === 'record_callback' && e.to_state === 'dispatched';
      add(lead, {
        called_back: e.action === 'record_callback' ? 1 : 0,
        rated: 1,
        solved: p.solved === true ? 1 : 0,
        satisfied: s === 'satisfied' ? 1 : 0,
        basically_satisfied: s === 'basically_satisfied' ? 1 : 0,
        dissatisfied: s === 'dissatisfied' ? 1 : 0,
        reopened: reopen ? 1 : 0,
        dispatched: reopen ? 1 : 0,
      });
      break;
    }
    // [Handling] the reviewer reopens an "unsolved" callback (重办): no second rating.
    case 'review_callback':
      if (e.to_state === 'dispatched') add(lead, { reopened: 1, dispatched: 1 });
      break;
  }
  return out
    .map((d) => ({
      unitId: d.unitId,
      counts: Object.fromEntries(Object.entries(d.counts).filter(([, v]) => v !== 0)),
    }))
    .filter((d) => Object.keys(d.counts).length > 0)
    .sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
}

/** Adds counts into a running total (for tests and sums). */
export function addCounts(into: Counts, more: Partial<Counts>): Counts {
  for (const c of COUNTERS) into[c] += more[c] ?? 0;
  return into;
}
