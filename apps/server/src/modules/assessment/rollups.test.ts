import { describe, expect, it } from 'vitest';
import { rollupDeltas, type RollupEvent } from './rollups.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const at = new Date('2026-11-10T02:00:00Z');
const ev = (
  action: string,
  payload: Record<string, unknown> = {},
  more: Partial<RollupEvent> = {},
) =>
  ({ action, from_state: 'accepted', to_state: 'accepted', at, payload, ...more }) as RollupEvent;
const ticket = (lead: string | null, responseDue?: string, completionDue?: string) => ({
  lead_unit_id: lead,
  response_due_at: responseDue ? new Date(responseDue) : null,
  completion_due_at: completionDue ? new Date(completionDue) : null,
  // Received 1 h 30 min before the events of these cases.
  received_at: new Date('2026-11-10T00:30:00Z'),
});

describe('rollupDeltas', () => {
  it('counts a dispatch for the new lead unit, with the wait since receipt', () => {
    expect(rollupDeltas(ticket(null), ticket(A), ev('dispatch', { leadUnitId: A }))).toEqual([
      { unitId: A, counts: { dispatched: 1, first_dispatched: 1, dispatch_wait_s: 5400 } },
    ]);
  });

  it('counts a repeat request when the dispatch hook found one', () => {
    const d = rollupDeltas(
      ticket(null),
      ticket(A),
      ev('dispatch', { leadUnitId: A, repeat: true }),
    );
    expect(d[0]!.counts).toMatchObject({ dispatched: 1, repeats: 1 });
  });

  it('counts a settled deliberation case for the lead unit', () => {
    expect(
      rollupDeltas(ticket(A), ticket(A), ev('settle_deliberation', { note: '群评议定' })),
    ).toEqual([{ unitId: A, counts: { delegated_settled: 1 } }]);
  });

  it('counts an acceptance on time up to and including the response deadline', () => {
    const onTime = rollupDeltas(ticket(A, '2026-11-10T02:00:00Z'), ticket(A), ev('accept'));
    expect(onTime).toEqual([{ unitId: A, counts: { accepted: 1, accepted_on_time: 1 } }]);
    const late = rollupDeltas(ticket(A, '2026-11-10T01:59:59Z'), ticket(A), ev('accept'));
    expect(late).toEqual([{ unitId: A, counts: { accepted: 1 } }]);
    // No deadline running: on time.
    expect(rollupDeltas(ticket(A), ticket(A), ev('accept'))[0]!.counts.accepted_on_time).toBe(1);
  });

  it('counts feedback against the completion deadline, a project reply only in place of feedback', () => {
    const t = ticket(A, '2026-11-01T00:00:00Z', '2026-11-09T00:00:00Z');
    expect(rollupDeltas(t, t, ev('give_feedback'))).toEqual([
      { unitId: A, counts: { completed: 1 } },
    ]);
    expect(
      rollupDeltas(t, t, ev('reply_by_project', {}, { from_state: 'in_progress' }))[0]!.counts,
    ).toEqual({ completed: 1 });
    expect(
      rollupDeltas(t, t, ev('reply_by_project', {}, { from_state: 'feedback_given' })),
    ).toEqual([]);
  });

  it('counts evaluations by solved and satisfaction; an unsolved callback with 重办 re-dispatches', () => {
    expect(
      rollupDeltas(
        ticket(A),
        ticket(A),
        ev('record_callback', { solved: true, satisfaction: 'satisfied' }, { to_state: 'closed' }),
      ),
    ).toEqual([{ unitId: A, counts: { called_back: 1, rated: 1, solved: 1, satisfied: 1 } }]);
    expect(
      rollupDeltas(
        ticket(A),
        ticket(A),
        ev(
          'rate',
          { solved: false, satisfaction: 'basically_satisfied' },
          { to_state: 'awaiting_callback' },
        ),
      ),
    ).toEqual([{ unitId: A, counts: { rated: 1, basically_satisfied: 1 } }]);
    expect(
      rollupDeltas(
        ticket(A),
        ticket(A),
        ev(
          'record_callback',
          { solved: false, satisfaction: 'dissatisfied', reopen: true },
          { to_state: 'dispatched' },
        ),
      ),
    ).toEqual([
      {
        unitId: A,
        counts: { called_back: 1, rated: 1, dissatisfied: 1, reopened: 1, dispatched: 1 },
      },
    ]);
  });

  it('counts an upheld objection as a return of the old lead and a dispatch to the new one', () => {
    const d = rollupDeltas(
      ticket(B),
      ticket(A),
      ev('review_objection', { verdict: 'upheld', newLeadUnitId: A, dispatchFault: true }),
    );
    expect(d).toEqual([
      { unitId: A, counts: { dispatched: 1 } },
      { unitId: B, counts: { returns_upheld: 1, returns_fault: 1 } },
    ]);
    expect(
      rollupDeltas(ticket(B), ticket(B), ev('review_objection', { verdict: 'rejected' })),
    ).toEqual([]);
  });

  it('ignores the actions that count nothing', () => {
    for (const a of [
      'create',
      'start_handling',
      'add_progress',
      'send_reply',
      'pass_down',
      'relay_reply',
    ]) {
      expect(rollupDeltas(ticket(A), ticket(A), ev(a))).toEqual([]);
    }
  });
});
