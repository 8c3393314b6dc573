// The permission matrix of objections and co-unit tasks: at each step of a
// ticket led by the village with the department as co-unit, each role is
// offered exactly its actions among these, and firing any other one (with a
// valid input) is refused without writing an event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketAction } from '@jiesu/contracts';
import {
  createTestContext,
  DEMO_LOGINS,
  type DemoLogin,
  type District,
  type TestContext,
} from '../../../test/harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const VALID: Partial<Record<TicketAction, Record<string, unknown>>> = {
  object: { reason: 'not_our_duty', text: '该事项不属于本单位职责范围。' },
  review_objection: { verdict: 'rejected', note: '异议理由不成立' },
  accept_task: {},
  report_part: { text: '本单位负责的部分已办理完毕。' },
  give_feedback: {
    result: '已协调供电所更换路灯灯头,现场确认恢复照明。',
    replyText: '您反映的路灯问题已修复,感谢您的监督。',
  },
};
const ACTIONS = Object.keys(VALID) as TicketAction[];

type Step = {
  name: string;
  /** Moves the ticket to the step (after the previous one). */
  go: (d: District, id: string) => Promise<void>;
  /** Which of ACTIONS each login is offered; unlisted logins get none. */
  offered: Partial<Record<DemoLogin, TicketAction[]>>;
};

const ok = async (d: District, who: DemoLogin, id: string, action: TicketAction) => {
  const res = await (await d.login(who)).act(id, action, VALID[action] ?? {});
  expect(res.status, `${who} ${action}`).toBe(200);
};

const STEPS: Step[] = [
  {
    name: 'dispatched with a co-unit',
    go: async () => {},
    // The lead unit may object; the co-unit signs for or reports its task; the
    // township's leader acts for the village but does not object for it.
    offered: { village: ['object'], dept: ['accept_task', 'report_part'] },
  },
  {
    name: 'the co-unit accepted its task and the lead accepted the ticket',
    go: async (d, id) => {
      await ok(d, 'dept', id, 'accept_task');
      await ok(d, 'village', id, 'accept');
    },
    offered: {
      village: ['object', 'give_feedback'],
      leader: ['give_feedback'],
      dept: ['report_part'],
    },
  },
  {
    name: 'an objection is open',
    go: (d, id) => ok(d, 'village', id, 'object'),
    offered: {
      village: ['give_feedback'],
      leader: ['give_feedback'],
      dept: ['report_part'],
      dispatcher: ['review_objection'],
    },
  },
  {
    name: 'the objection was rejected and the co-unit reported',
    go: async (d, id) => {
      await ok(d, 'dispatcher', id, 'review_objection');
      await ok(d, 'dept', id, 'report_part');
    },
    offered: { village: ['give_feedback'], leader: ['give_feedback'] },
  },
];

describe('permission matrix of objections and co-unit tasks', () => {
  it('offers each role exactly its actions at each step and refuses the rest without writing', async () => {
    const d = await ctx.newDistrict();
    const t = await d.newTicket();
    const res = await (
      await d.login('dispatcher')
    ).act(t.id, 'dispatch', { leadUnitId: d.units.vil1, coUnitIds: [d.units.dept] });
    expect(res.status).toBe(200);
    const supervisor = await d.login('supervisor');
    const events = async () => (await supervisor.get(`/api/tickets/${t.id}/events`)).body.length;

    for (const step of STEPS) {
      await step.go(d, t.id);
      for (const who of DEMO_LOGINS) {
        const client = await d.login(who);
        const view = await client.get(`/api/tickets/${t.id}`);
        // The department sees the ticket as a co-unit; the grid has nothing to do with it.
        expect(view.status, `${who} sees the ticket (${step.name})`).toBe(
          who === 'grid' ? 404 : 200,
        );
        const expected = (step.offered[who] ?? []).slice().sort();
        const offered =
          view.status === 200
            ? (view.body.allowedActions as TicketAction[]).filter((a) => ACTIONS.includes(a)).sort()
            : [];
        expect(offered, `${who} offered (${step.name})`).toEqual(expected);
      }
      // Everything not offered is refused, with a valid input, and the trail does not grow.
      const before = await events();
      for (const who of DEMO_LOGINS) {
        const client = await d.login(who);
        for (const action of ACTIONS) {
          if ((step.offered[who] ?? []).includes(action)) continue;
          const r = await client.act(t.id, action, VALID[action]);
          expect([403, 404, 409], `${who} ${action} (${step.name})`).toContain(r.status);
        }
      }
      expect(await events(), `no event on refusal (${step.name})`).toBe(before);
    }
  });

  it('refuses with the code that says why', async () => {
    const d = await ctx.newDistrict();
    const t = await d.newTicket();
    const dispatcher = await d.login('dispatcher');
    await dispatcher.act(t.id, 'dispatch', { leadUnitId: d.units.vil1, coUnitIds: [d.units.dept] });
    const code = async (who: DemoLogin, action: TicketAction) =>
      (await (await d.login(who)).act(t.id, action, VALID[action])).body.error?.code;
    // A co-unit is not the lead unit: it neither objects nor gives the feedback.
    expect(await code('dept', 'object')).toBe('ACTION_FORBIDDEN');
    // Only the dispatch centre reviews, and only an open objection.
    expect(await code('village', 'review_objection')).toBe('ACTION_FORBIDDEN');
    expect(await code('dispatcher', 'review_objection')).toBe('NO_OPEN_OBJECTION');
    // The lead unit has no task of its own; the centre is no co-unit.
    expect(await code('village', 'accept_task')).toBe('ACTION_FORBIDDEN');
    expect(await code('dispatcher', 'report_part')).toBe('ACTION_FORBIDDEN');
    // The township's handler sees its village's ticket but is neither lead nor co-unit.
    expect(await code('street', 'object')).toBe('ACTION_FORBIDDEN');
    expect(await code('street', 'accept_task')).toBe('ACTION_FORBIDDEN');
    // A unit outside the ticket does not learn that it exists.
    expect(await code('grid', 'report_part')).toBe('TICKET_NOT_FOUND');
    await (await d.login('dept')).act(t.id, 'accept_task', {});
    expect(await code('dept', 'accept_task')).toBe('NO_OPEN_TASK');
    // After the ticket is dispatched, the lead's state moves do not belong to the co-unit.
    await (await d.login('village')).act(t.id, 'accept', {});
    expect(await code('dept', 'give_feedback')).toBe('ACTION_FORBIDDEN');
  });
});
