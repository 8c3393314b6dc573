import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  TICKET_STATES,
  TRANSITIONS,
  actionsFrom,
  targetOf,
  type TicketAction,
  type TicketState,
} from '@jiesu/contracts';
import type { Ticket } from '../../db/schema.js';
import { decide, replay, type ActionContext } from './workflow.js';
import { AppError } from '../../shared/errors.js';

const LEAD = '00000000-0000-4000-8000-000000000001';

function freshTicket(): Ticket {
  const at = new Date('2026-11-02T01:00:00Z');
  return {
    id: '00000000-0000-4000-8000-0000000000aa',
    tenant_id: 't',
    code: '20261102-000001',
    upstream_id: null,
    channel: 'hotline',
    type: 'help',
    category_id: 'c',
    title: 't',
    description: 'd',
    address: 'a',
    jurisdiction_id: 'j',
    lng: null,
    lat: null,
    requester_name: null,
    requester_phone: null,
    anonymous: false,
    confidential: false,
    urgency: 'normal',
    colour: null,
    subject_unit_id: null,
    lead_unit_id: null,
    holder_unit_id: null,
    state: 'received',
    outcome: null,
    received_at: at,
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
    created_by: null,
    version: 1,
    updated_at: at,
  };
}

/** A valid input for each action; some are drawn so that every branch is reached. */
const inputArb: Record<TicketAction, fc.Arbitrary<Record<string, unknown>>> = {
  answer_directly: fc.constant({ answer: '已告知办理流程' }),
  dispatch: fc.record({
    leadUnitId: fc.constant(LEAD),
    urgency: fc.constantFrom('normal', 'urgent'),
  }),
  accept: fc.constant({}),
  start_handling: fc.constant({}),
  add_progress: fc.constant({ text: '已联系物业' }),
  give_feedback: fc.constant({ result: '已维修完毕并现场确认', replyText: '您反映的问题已解决' }),
  return_feedback: fc.constant({ reason: '答复不完整' }),
  send_reply: fc.constant({ replyText: '您反映的问题已解决', channel: 'sms' }),
  queue_callback: fc.constant({}),
  record_callback: fc.record({
    solved: fc.boolean(),
    satisfaction: fc.constantFrom('satisfied', 'basically_satisfied', 'dissatisfied'),
    reopen: fc.boolean(),
  }),
  rate: fc.record({
    solved: fc.boolean(),
    satisfaction: fc.constantFrom('satisfied', 'dissatisfied'),
  }),
  add_information: fc.constant({ text: '补充:晚上更严重' }),
};

const ctxAt = (at: Date): ActionContext => ({
  at,
  actorKind: 'staff',
  actorUserId: null,
  actorUnitId: null,
  deadlines: {
    responseDueAt: new Date(at.getTime() + 7200_000).toISOString(),
    completionDueAt: new Date(at.getTime() + 5 * 86400_000).toISOString(),
  },
});

describe('the state machine table', () => {
  it('only names known states, and every state but closed has a way forward', () => {
    for (const t of TRANSITIONS) {
      for (const s of t.from) expect(TICKET_STATES).toContain(s);
      const targets = typeof t.to === 'string' ? [t.to] : t.to.map((b) => b.to);
      for (const s of targets) if (s !== 'same') expect(TICKET_STATES).toContain(s);
    }
    for (const s of TICKET_STATES) {
      if (s === 'closed') expect(actionsFrom(s)).toEqual([]);
      else expect(actionsFrom(s).length).toBeGreaterThan(0);
    }
  });

  it('every branching row resolves every valid input to exactly one target', () => {
    const rc = TRANSITIONS.find((t) => t.action === 'record_callback')!;
    expect(targetOf(rc, 'awaiting_callback', { solved: true })).toEqual({
      to: 'closed',
      outcome: 'solved',
    });
    expect(targetOf(rc, 'awaiting_callback', { solved: false, reopen: true })?.to).toBe(
      'dispatched',
    );
    expect(targetOf(rc, 'awaiting_callback', { solved: false })).toEqual({
      to: 'closed',
      outcome: 'unsolved',
    });
  });
});

describe('decide (property-based)', () => {
  it('random action sequences never reach an illegal state, and replay rebuilds the row', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom(...TRANSITIONS.map((t) => t.action)),
            fc.integer({ min: 1, max: 600 }),
          ),
          { maxLength: 40 },
        ),
        fc.infiniteStream(fc.nat()),
        (steps, seeds) => {
          let t = freshTicket();
          const created = t;
          const events: Parameters<typeof replay>[1][number][] = [];
          const it = seeds[Symbol.iterator]();
          let at = t.received_at.getTime();
          for (const [action, minutes] of steps) {
            at += minutes * 60_000;
            const input = fc.sample(inputArb[action], {
              seed: it.next().value as number,
              numRuns: 1,
            })[0]!;
            const def = TRANSITIONS.find((d) => d.action === action)!;
            const legal = def.from.includes(t.state);
            let result;
            try {
              result = decide(t, action, input, ctxAt(new Date(at)));
            } catch (e) {
              // An illegal move is refused with a stable error, and nothing changes.
              expect(e).toBeInstanceOf(AppError);
              expect(legal && targetOf(def, t.state, input) !== undefined).toBe(false);
              continue;
            }
            expect(legal).toBe(true);
            const next = { ...t, ...result.patch } as Ticket;
            // Invariants of every reachable ticket.
            expect(TICKET_STATES).toContain(next.state);
            expect(next.version).toBe(t.version + 1);
            expect(result.event.from_state).toBe(t.state);
            expect(result.event.to_state).toBe(next.state);
            if (next.state === 'closed') expect(next.outcome).not.toBeNull();
            else expect(next.outcome).toBeNull();
            if (!['received'].includes(next.state) && next.outcome !== 'answered_at_intake') {
              expect(next.lead_unit_id).toBe(LEAD);
              expect(next.completion_due_at).not.toBeNull();
            }
            if (next.state === 'dispatched') expect(next.accepted_at).toBeNull();
            events.push({ ...result.event, payload: result.event.payload });
            t = next;
          }
          expect(replay(created, events)).toEqual(t);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses every action outside its from-states', () => {
    for (const def of TRANSITIONS) {
      for (const s of TICKET_STATES as readonly TicketState[]) {
        if (def.from.includes(s)) continue;
        const t = { ...freshTicket(), state: s, lead_unit_id: LEAD };
        expect(() =>
          decide(t, def.action, fc.sample(inputArb[def.action], 1)[0]!, ctxAt(new Date())),
        ).toThrow(AppError);
      }
    }
  });
});
