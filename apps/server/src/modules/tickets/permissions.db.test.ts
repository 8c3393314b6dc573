// The permission matrix: for each state of the loop and each demo role, the
// actions the API offers are exactly the expected ones, and firing anything
// else is refused without writing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSITIONS, type TicketAction } from '@jiesu/contracts';
import {
  createTestContext,
  DEMO_LOGINS,
  type DemoLogin,
  type TestContext,
} from '../../../test/harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

// Expected allowed actions per state and login, for a ticket led by the village (vil1).
// The centre's dispatchers and supervisors may gather any ticket into a common-problem
// project (共性问题); the lead may escalate (上交) and propose deliberation (下交群评) once it
// handles the ticket, and the township's leader may propose for its village. While the unit
// handles it, the centre, the supervisors and the township's leader may urge it (督办).
// [Handling] and [Volunteers]: while the unit handles it, it logs contacts, asks a
// volunteer team for help, and asks for more time, a pause or a termination; the centre
// reviews a request only while one is pending (none is here).
const HANDLING_TOOLS: TicketAction[] = [
  'record_contact',
  'record_site_visit',
  'request_volunteers',
  'request_extension',
  'request_suspension',
  'request_termination',
];

const EXPECTED: Record<string, Partial<Record<DemoLogin, TicketAction[]>>> = {
  received: {
    agent: ['answer_directly', 'transfer', 'answer_with_progress'],
    dispatcher: [
      'answer_directly',
      'dispatch',
      'transfer',
      'answer_with_progress',
      'merge_into',
      'link_project',
    ],
    supervisor: ['link_project'],
  },
  // The village (lead unit) may object within the window; the township's leader may
  // summon departments (吹哨) for a ticket of its territory, but does not object for it.
  dispatched: {
    village: ['accept', 'object', 'record_contact', 'request_volunteers'],
    leader: ['accept', 'blow_whistle', 'urge', 'record_contact', 'request_volunteers'],
    dispatcher: ['link_project', 'urge'],
    supervisor: ['link_project', 'urge'],
  },
  accepted: {
    village: [
      'start_handling',
      'add_progress',
      'give_feedback',
      'object',
      'pass_down',
      'hand_over',
      'escalate',
      'propose_deliberation',
      ...HANDLING_TOOLS,
    ],
    leader: [
      'start_handling',
      'add_progress',
      'give_feedback',
      'blow_whistle',
      'convene',
      'propose_deliberation',
      'urge',
      ...HANDLING_TOOLS,
    ],
    dispatcher: ['link_project', 'urge'],
    supervisor: ['link_project', 'urge'],
  },
  in_progress: {
    village: [
      'add_progress',
      'give_feedback',
      'pass_down',
      'hand_over',
      'escalate',
      'propose_deliberation',
      ...HANDLING_TOOLS,
    ],
    leader: [
      'add_progress',
      'give_feedback',
      'blow_whistle',
      'convene',
      'propose_deliberation',
      'urge',
      ...HANDLING_TOOLS,
    ],
    dispatcher: ['link_project', 'urge'],
    supervisor: ['link_project', 'urge'],
  },
  feedback_given: {
    dispatcher: ['return_feedback', 'send_reply', 'link_project'],
    agent: ['send_reply'],
    supervisor: ['link_project'],
    village: ['propose_deliberation'],
    leader: ['propose_deliberation'],
  },
  replied: {
    dispatcher: ['queue_callback', 'record_callback', 'record_callback_attempt', 'link_project'],
    agent: ['queue_callback', 'record_callback', 'record_callback_attempt'],
    supervisor: ['link_project'],
  },
  awaiting_callback: {
    dispatcher: ['record_callback', 'record_callback_attempt', 'link_project'],
    agent: ['record_callback', 'record_callback_attempt'],
    supervisor: ['link_project'],
    village: ['propose_deliberation'],
    leader: ['propose_deliberation'],
  },
};

describe('permission matrix', () => {
  for (const [state, byLogin] of Object.entries(EXPECTED)) {
    it(`in ${state}, each role is offered exactly its actions and refused the rest`, async () => {
      const d = await ctx.newDistrict();
      const t = await d.ticketIn(state);
      for (const who of DEMO_LOGINS) {
        const client = await d.login(who);
        const view = await client.get(`/api/tickets/${t.id}`);
        const expected = (byLogin[who] ?? []).slice().sort();
        // Outside the role's scope the ticket does not exist for it: before dispatch only
        // the centre, supervisors and administrators see it; after, also the village and
        // the township above it, but not a grid or a department that was not assigned.
        const outside =
          state === 'received' ? ['leader', 'street', 'village', 'grid', 'dept'] : ['grid', 'dept'];
        expect(view.status, `${who} visibility in ${state}`).toBe(
          outside.includes(who) ? 404 : 200,
        );
        if (view.status === 404) {
          expect(expected).toEqual([]);
          continue;
        }
        expect(view.body.allowedActions.slice().sort(), `${who} in ${state}`).toEqual(expected);
      }
      // Every staff action the role is not offered is refused, and the trail does not grow.
      const before = (await (await d.login('supervisor')).get(`/api/tickets/${t.id}/events`)).body
        .length;
      for (const who of ['street', 'dept', 'supervisor', 'admin'] as DemoLogin[]) {
        const client = await d.login(who);
        for (const def of TRANSITIONS) {
          if (def.relation === 'requester' || def.relation === 'system') continue;
          if ((byLogin[who] ?? []).includes(def.action)) continue;
          const res = await client.act(t.id, def.action, {});
          expect([400, 403, 404, 409], `${who} ${def.action} in ${state}`).toContain(res.status);
        }
      }
      const after = (await (await d.login('supervisor')).get(`/api/tickets/${t.id}/events`)).body
        .length;
      expect(after).toBe(before);
    });
  }

  it('a village handler cannot see or act on another village’s ticket', async () => {
    const d = await ctx.newDistrict();
    const t = await d.newTicket();
    await (await d.login('dispatcher')).act(t.id, 'dispatch', { leadUnitId: d.units.vil2 });
    const village = await d.login('village');
    expect((await village.get(`/api/tickets/${t.id}`)).status).toBe(404);
    const res = await village.act(t.id, 'accept');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('TICKET_NOT_FOUND');
    const list = await village.get('/api/tickets');
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(t.id);
    // The township oversees both of its villages.
    const street = await d.login('street');
    expect((await street.get(`/api/tickets/${t.id}`)).status).toBe(200);
  });
});
