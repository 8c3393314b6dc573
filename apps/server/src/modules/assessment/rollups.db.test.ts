// Rollups == the naive count over the event trail, on random histories: a few
// tickets of a small district pushed through random real actions (dispatch to
// one of three units, accept, feedback, reply, callbacks solved or not, with
// or without 重办, requesters' ratings, objections upheld with or without fault
// or rejected) while the clock jumps by random hours across a month end and
// local midnights. After each history: the month sums of the rollups equal the
// naive GROUP BY for November and for December, and rebuilding the rollups
// from the trail gives back exactly the rows kept incrementally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import type { DemoLogin, District } from '../../../test/factories.js';
import { assessmentRepository } from './repository.js';
import { COUNTERS, zeroCounts } from './rollups.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ start: '2026-11-28T10:00:00Z' });
});
afterAll(() => ctx.close());

type Step =
  | { kind: 'wait'; hours: number }
  | { kind: 'dispatch'; ticket: number; unit: 'vil1' | 'twp1' | 'dept' }
  | { kind: 'accept' | 'feedback' | 'reply' | 'object'; ticket: number }
  | { kind: 'callback'; ticket: number; solved: boolean; sat: number; reopen: boolean }
  | { kind: 'rate'; ticket: number; solved: boolean; sat: number }
  | {
      kind: 'review';
      ticket: number;
      upheld: boolean;
      fault: boolean;
      to: 'vil1' | 'twp1' | 'dept';
    }
  /** An objection and its review at once (the window is short against the random waits). */
  | {
      kind: 'objection';
      ticket: number;
      upheld: boolean;
      fault: boolean;
      to: 'vil1' | 'twp1' | 'dept';
    }
  /** The natural next step for the ticket's state, so histories reach callbacks. */
  | {
      kind: 'progress';
      ticket: number;
      unit: 'vil1' | 'twp1' | 'dept';
      solved: boolean;
      sat: number;
      rate: boolean;
    };

const SAT = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
const unitArb = fc.constantFrom('vil1' as const, 'twp1' as const, 'dept' as const);
const T = 3;
const ticketArb = fc.integer({ min: 0, max: T - 1 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('progress' as const),
      ticket: ticketArb,
      unit: unitArb,
      solved: fc.boolean(),
      sat: fc.integer({ min: 0, max: 2 }),
      rate: fc.boolean(),
    }),
  },
  fc.record({ kind: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('dispatch' as const), ticket: ticketArb, unit: unitArb }),
  fc.record({
    kind: fc.constantFrom(
      'accept' as const,
      'feedback' as const,
      'reply' as const,
      'object' as const,
    ),
    ticket: ticketArb,
  }),
  fc.record({
    kind: fc.constant('callback' as const),
    ticket: ticketArb,
    solved: fc.boolean(),
    sat: fc.integer({ min: 0, max: 2 }),
    reopen: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('rate' as const),
    ticket: ticketArb,
    solved: fc.boolean(),
    sat: fc.integer({ min: 0, max: 2 }),
  }),
  fc.record({
    kind: fc.constantFrom('review' as const, 'objection' as const),
    ticket: ticketArb,
    upheld: fc.boolean(),
    fault: fc.boolean(),
    to: unitArb,
  }),
);

const LOGIN_OF: Record<string, DemoLogin> = {};

async function run(d: District, tickets: Array<{ id: string; code: string }>, s: Step) {
  if (s.kind === 'wait') {
    ctx.clock.advance(s.hours * 3_600_000);
    return;
  }
  const t = tickets[s.ticket]!;
  const as = async (who: DemoLogin, action: string, input: Record<string, unknown>, extra = {}) => {
    let c = await d.login(who);
    let res = await c.act(t.id, action, input, extra);
    if (res.status === 401) {
      c = await d.login(who, { fresh: true });
      res = await c.act(t.id, action, input, extra);
    }
    if (res.status >= 500) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const lead = async (): Promise<DemoLogin | undefined> => {
    const res = await (await d.login('dispatcher', { fresh: true })).get(`/api/tickets/${t.id}`);
    return LOGIN_OF[res.body?.leadUnit?.id as string];
  };
  if (s.kind === 'progress') {
    const res = await (await d.login('dispatcher', { fresh: true })).get(`/api/tickets/${t.id}`);
    const next: Record<string, Step> = {
      received: { kind: 'dispatch', ticket: s.ticket, unit: s.unit },
      dispatched: { kind: 'accept', ticket: s.ticket },
      accepted: { kind: 'feedback', ticket: s.ticket },
      feedback_given: { kind: 'reply', ticket: s.ticket },
      replied: s.rate
        ? { kind: 'rate', ticket: s.ticket, solved: s.solved, sat: s.sat }
        : { kind: 'callback', ticket: s.ticket, solved: s.solved, sat: s.sat, reopen: !s.solved },
    };
    const step = next[res.body.state as string];
    if (step) await run(d, tickets, step);
    return;
  }
  if (s.kind === 'objection') {
    await run(d, tickets, { kind: 'object', ticket: s.ticket });
    await run(d, tickets, { ...s, kind: 'review' });
    return;
  }
  switch (s.kind) {
    case 'dispatch':
      await as('dispatcher', 'dispatch', { leadUnitId: d.units[s.unit] });
      return;
    case 'accept': {
      const who = await lead();
      if (who) await as(who, 'accept', {});
      return;
    }
    case 'feedback': {
      const who = await lead();
      if (who)
        await as(who, 'give_feedback', {
          result: '已到现场处理完毕,问题已经解决。',
          replyText: '您反映的问题已处理完毕,感谢监督。',
        });
      return;
    }
    case 'reply':
      await as('dispatcher', 'send_reply', {
        replyText: '您反映的问题已处理完毕,感谢监督。',
        channel: 'sms',
      });
      return;
    case 'object': {
      const who = await lead();
      if (who) await as(who, 'object', { reason: 'not_our_duty', text: '该事项不属于本单位职责' });
      return;
    }
    case 'review':
      await as('dispatcher', 'review_objection', {
        verdict: s.upheld ? 'upheld' : 'rejected',
        note: '经审核',
        ...(s.upheld ? { newLeadUnitId: d.units[s.to], dispatchFault: s.fault } : {}),
      });
      return;
    case 'callback':
      await as('agent', 'record_callback', {
        solved: s.solved,
        satisfaction: SAT[s.sat],
        ...(s.reopen ? { reopen: true } : {}),
      });
      return;
    case 'rate': {
      const res = await d.anonymous().post(`/api/public/requests/${t.code}/rating`, {
        phone: '13800138000',
        solved: s.solved,
        satisfaction: SAT[s.sat],
      });
      if (res.status >= 500) throw new Error(`rate: ${res.status}`);
      return;
    }
  }
}

describe('三率 rollups', () => {
  it('equal the naive count over the event trail on random histories', async () => {
    const repo = assessmentRepository(ctx.c.db);
    const seen = zeroCounts();
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 10, maxLength: 40 }), async (steps) => {
        ctx.clock.set('2026-11-28T10:00:00Z');
        const d = await ctx.newDistrict();
        LOGIN_OF[d.units.vil1] = 'village';
        LOGIN_OF[d.units.twp1] = 'street';
        LOGIN_OF[d.units.dept] = 'dept';
        const tickets = [];
        for (let i = 0; i < T; i++) tickets.push(await d.newTicket());
        for (const s of steps) await run(d, tickets, s);

        const months = [
          ['2026-11-01', '2026-12-01'],
          ['2026-12-01', '2027-01-01'],
        ] as const;
        for (const [from, to] of months) {
          const utc = (day: string) => new Date(`${day}T00:00:00+08:00`);
          const naive = await repo.naiveCounts(d.tenantId, utc(from), utc(to));
          const rolled = await repo.rollupCounts(d.tenantId, from, to);
          const byUnit = (rows: Array<Record<string, unknown>>) =>
            Object.fromEntries(
              rows
                .map((r) => [r.unit_id, COUNTERS.map((c) => Number(r[c]))] as const)
                .sort(([a], [b]) => String(a).localeCompare(String(b))),
            );
          expect(byUnit(rolled)).toEqual(byUnit(naive));
          for (const r of rolled) for (const c of COUNTERS) seen[c] += Number(r[c]);
        }
        const rows = () =>
          ctx.c.db
            .selectFrom('unit_day_rollups')
            .selectAll()
            .where('tenant_id', '=', d.tenantId)
            .orderBy('day')
            .orderBy('unit_id')
            .execute();
        const kept = await rows();
        await repo.rebuild(d.tenantId);
        expect(await rows()).toEqual(kept);
      }),
      // A fixed seed keeps the coverage check below stable; FC_SEED tries others.
      // No shrinking: each replay builds a district; the failing history is reported as found.
      { numRuns: 15, seed: Number(process.env.FC_SEED ?? 20261121), endOnFailure: true },
    );
    // The histories reached every counter (the property is not vacuous).
    for (const c of COUNTERS) expect(seen[c], c).toBeGreaterThan(0);
  }, 300_000);
});
