import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TICKET_STATES } from '@jiesu/contracts';
import {
  DASHBOARD_COUNTERS,
  addDashboardCounts,
  dashboardDelta,
  zeroDashboardCounts,
} from './rollups.js';

const SAT = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;

describe('dashboardDelta', () => {
  it('counts intake, closing, reopening and evaluations', () => {
    expect(
      dashboardDelta({ action: 'create', from_state: null, to_state: 'received', payload: {} }),
    ).toEqual({
      received: 1,
    });
    expect(
      dashboardDelta({
        action: 'answer_directly',
        from_state: 'received',
        to_state: 'closed',
        payload: {},
      }),
    ).toEqual({ closed: 1 });
    expect(
      dashboardDelta({
        action: 'unmerge',
        from_state: 'closed',
        to_state: 'received',
        payload: {},
      }),
    ).toEqual({ reopened: 1 });
    expect(
      dashboardDelta({
        action: 'relay_reply',
        from_state: 'closed',
        to_state: 'closed',
        payload: {},
      }),
    ).toEqual({});
    expect(
      dashboardDelta({
        action: 'record_callback',
        from_state: 'awaiting_callback',
        to_state: 'closed',
        payload: { solved: true, satisfaction: 'basically_satisfied' },
      }),
    ).toEqual({ closed: 1, rated: 1, solved: 1, basically_satisfied: 1 });
    expect(
      dashboardDelta({
        action: 'rate',
        from_state: 'replied',
        to_state: 'awaiting_callback',
        payload: { solved: false, satisfaction: 'dissatisfied' },
      }),
    ).toEqual({ rated: 1 });
    expect(
      dashboardDelta({
        action: 'dispatch',
        from_state: 'received',
        to_state: 'dispatched',
        payload: {},
      }),
    ).toEqual({});
  });

  it('over any history of one ticket: closed − reopened is 1 when it ends closed, else 0', () => {
    const state = fc.constantFrom(...TICKET_STATES);
    const step = fc.record({
      action: fc.constantFrom(
        'dispatch',
        'accept',
        'merge_into',
        'unmerge',
        'record_callback',
        'rate',
      ),
      to: state,
      solved: fc.boolean(),
      sat: fc.integer({ min: 0, max: 2 }),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const sum = addDashboardCounts(
          zeroDashboardCounts(),
          dashboardDelta({ action: 'create', from_state: null, to_state: 'received', payload: {} }),
        );
        let at = 'received';
        let evaluations = 0;
        for (const s of steps) {
          const d = dashboardDelta({
            action: s.action,
            from_state: at,
            to_state: s.to,
            payload: { solved: s.solved, satisfaction: SAT[s.sat] },
          });
          for (const c of DASHBOARD_COUNTERS) expect(d[c] ?? 0).toBeGreaterThanOrEqual(0);
          addDashboardCounts(sum, d);
          if (s.action === 'record_callback' || s.action === 'rate') evaluations++;
          at = s.to;
        }
        expect(sum.received).toBe(1);
        expect(sum.closed - sum.reopened).toBe(at === 'closed' ? 1 : 0);
        expect(sum.rated).toBe(evaluations);
        expect(sum.satisfied + sum.basically_satisfied).toBeLessThanOrEqual(sum.rated);
        expect(sum.solved).toBeLessThanOrEqual(sum.rated);
      }),
    );
  });
});
