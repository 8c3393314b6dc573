// [Handling] the callback desk (回访台) through the API: sampling (100 %, 0 %, the first
// matching rule), the online window before the queue, "unsolved" → review → reopen with a
// new limit or close with the reason, not reached after the district's attempts (no rating:
// the rates do not move), the resident's online "unsolved" → review, and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import type { Client, District } from '../../../test/factories.js';
import { assessmentRepository } from '../assessment/repository.js';
import { COUNTERS, zeroCounts, type Counts } from '../assessment/rollups.js';
import { pickRule, sampleBucket } from './hooks.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function config(d: District, patch: Record<string, unknown> = {}) {
  const res = await (
    await d.login('dispatcher')
  ).put('/api/callbacks/config', {
    rules: [],
    defaultPercent: 100,
    maxAttempts: 3,
    onlineWindowHours: 24,
    closeUnsampledAfterDays: 7,
    ...patch,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function replied(d: District, overrides: Record<string, unknown> = {}) {
  return d.ticketIn('replied', overrides);
}

async function queue(c: Client, q = '') {
  const res = await c.get(`/api/callbacks?tab=queue${q}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: Array<Record<string, any>>; total: number }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function rounds(c: Client, id: string) {
  const res = await c.get(`/api/tickets/${id}/callbacks`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.rounds as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function unitCounts(d: District): Promise<Counts> {
  const rows = await assessmentRepository(ctx.c.db).rollupCounts(
    d.tenantId,
    '2000-01-01',
    '2100-01-01',
  );
  const row = rows.find((r) => r.unit_id === d.units.vil1);
  const out = zeroCounts();
  for (const c of COUNTERS) out[c] = Number(row?.[c] ?? 0);
  return out;
}

describe('sampling (抽样)', () => {
  it('is deterministic, and the first matching rule wins', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.integer({ min: 1, max: 9 }), (id, round) => {
        const b = sampleBucket(id, round);
        expect(b).toBeGreaterThanOrEqual(0);
        expect(b).toBeLessThan(100);
        expect(sampleBucket(id, round)).toBe(b);
      }),
    );
    const rules = [
      { ticketType: 'complaint' as const, percent: 100 },
      { categoryId: 'c1', percent: 30 },
      { ticketType: 'complaint' as const, categoryId: 'c1', percent: 0 },
    ];
    expect(
      pickRule({ rules, defaultPercent: 50 }, { type: 'complaint', category_id: 'c1' }),
    ).toEqual({ rule: 'rule:1', percent: 100 });
    expect(pickRule({ rules, defaultPercent: 50 }, { type: 'consult', category_id: 'c1' })).toEqual(
      {
        rule: 'rule:2',
        percent: 30,
      },
    );
    expect(pickRule({ rules, defaultPercent: 50 }, { type: 'consult', category_id: 'c2' })).toEqual(
      {
        rule: 'default',
        percent: 50,
      },
    );
  });

  it('100 % samples every reply, 0 % none; the rule order decides', async () => {
    const d = await ctx.newDistrict();
    const dispatcher = await d.login('dispatcher');
    // Complaints always; everything else never (the rule for the category comes second).
    await config(d, {
      rules: [
        { ticketType: 'complaint', percent: 100 },
        { categoryId: d.categories.leaf, percent: 0 },
      ],
      defaultPercent: 0,
    });
    const complaint = await replied(d, { type: 'complaint' });
    const help = await replied(d, { type: 'help' });
    const [c] = await rounds(dispatcher, complaint.id);
    const [h] = await rounds(dispatcher, help.id);
    expect(c).toMatchObject({
      round: 1,
      sampled: true,
      rule: 'rule:1',
      percent: 100,
      status: 'queued',
    });
    expect(h).toMatchObject({
      round: 1,
      sampled: false,
      rule: 'rule:2',
      percent: 0,
      status: 'not_sampled',
    });
  });

  it('the config is validated: an unknown category is refused in Chinese, nothing saved', async () => {
    const d = await ctx.newDistrict();
    const dispatcher = await d.login('dispatcher');
    const bad = await dispatcher.put('/api/callbacks/config', {
      rules: [{ categoryId: '00000000-0000-4000-8000-000000000099', percent: 30 }],
      defaultPercent: 100,
      maxAttempts: 3,
      onlineWindowHours: 24,
      closeUnsampledAfterDays: 7,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('CALLBACK_CONFIG_INVALID');
    expect(bad.body.error.details[0].message).toContain('第1条规则');
    const range = await dispatcher.put('/api/callbacks/config', {
      rules: [],
      defaultPercent: 101,
      maxAttempts: 3,
      onlineWindowHours: 24,
      closeUnsampledAfterDays: 7,
    });
    expect(range.status).toBe(400);
    expect((await dispatcher.get('/api/callbacks/config')).body.defaultPercent).toBe(100);
    const village = await d.login('village');
    expect(
      (
        await village.put('/api/callbacks/config', {
          ...(await dispatcher.get('/api/callbacks/config')).body,
        })
      ).status,
    ).toBe(403);
  });
});

describe('the queue (待回访)', () => {
  it('a replied ticket enters the queue after the online window; the sweep queues it', async () => {
    const d = await ctx.newDistrict();
    const agent = await d.login('agent');
    await config(d, { onlineWindowHours: 24 });
    const t = await replied(d);
    expect((await queue(agent)).items.map((i) => i.ticket.id)).not.toContain(t.id);
    ctx.clock.advance(25 * HOUR);
    const fresh = await d.login('agent', { fresh: true }); // sessions expire on the same clock
    const q = await queue(fresh);
    expect(q.items.map((i) => i.ticket.id)).toContain(t.id);
    const row = q.items.find((i) => i.ticket.id === t.id)!;
    // The phone is masked; the ticket was queued by the platform (callback_due).
    expect(row.ticket.requesterPhone).toBe('138****8000');
    expect(row.ticket.state).toBe('awaiting_callback');
    const timeline = (await fresh.get(`/api/tickets/${t.id}/events`)).body;
    expect(timeline.at(-1)).toMatchObject({ action: 'callback_due', actorKind: 'system' });
  });

  it('not sampled and not rated: closed unrated after the days set, no rating counted', async () => {
    const d = await ctx.newDistrict();
    await config(d, { defaultPercent: 0, closeUnsampledAfterDays: 2 });
    const t = await replied(d);
    const before = await unitCounts(d);
    ctx.clock.advance(3 * DAY);
    const admin = await d.login('admin', { fresh: true });
    const sw = await admin.post('/api/callbacks/sweep');
    expect(sw.status).toBe(200);
    expect(sw.body.closed).toBeGreaterThanOrEqual(1);
    const view = (await admin.get(`/api/tickets/${t.id}`)).body;
    expect(view).toMatchObject({ state: 'closed', outcome: 'closed_unrated' });
    expect(await unitCounts(d)).toEqual(before);
  });
});

describe('reached, unsolved → review', () => {
  it('reopen: back to the unit, dispatched with a new completion limit, counted as reopened', async () => {
    const d = await ctx.newDistrict();
    let dispatcher = await d.login('dispatcher');
    await config(d, { onlineWindowHours: 0 });
    const t = await replied(d);
    const before = await unitCounts(d);
    const rec = await dispatcher.act(t.id, 'record_callback', {
      solved: false,
      satisfaction: 'dissatisfied',
      comment: '路灯又坏了',
    });
    expect(rec.status, JSON.stringify(rec.body)).toBe(200);
    expect(rec.body.state).toBe('replied');
    expect(rec.body.allowedActions).toContain('review_callback');
    expect(rec.body.allowedActions).not.toContain('record_callback');
    const review = (await dispatcher.get('/api/callbacks?tab=review')).body;
    expect(review.items.map((i: { ticket: { id: string } }) => i.ticket.id)).toEqual([t.id]);

    ctx.clock.advance(DAY);
    dispatcher = await d.login('dispatcher', { fresh: true }); // sessions expire on the same clock
    const oldDue = t.completionDueAt;
    const res = await dispatcher.act(t.id, 'review_callback', {
      decision: 'reopen',
      reason: '诉求人反映路灯仍不亮,重办',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ state: 'dispatched', reopenCount: 1, acceptedAt: null });
    // A new limit, counted from the review (as the event records it), not the old one.
    // (Over a weekend a working-day limit may end on the same day as the old one.)
    expect(res.body.dispatchedAt).toBe(ctx.clock.now().toISOString());
    expect(oldDue).toBeTruthy();
    expect(new Date(res.body.completionDueAt).getTime()).toBeGreaterThan(ctx.clock.now().getTime());
    const ev = (await dispatcher.get(`/api/tickets/${t.id}/events`)).body.at(-1);
    expect(ev).toMatchObject({ action: 'review_callback', toState: 'dispatched' });
    expect(ev.payload.deadlines.completionDueAt).toBe(res.body.completionDueAt);
    const [r1] = await rounds(dispatcher, t.id);
    expect(r1).toMatchObject({
      status: 'done',
      result: { solved: false, via: 'callback' },
      review: { decision: 'reopen', reason: '诉求人反映路灯仍不亮,重办' },
    });
    const after = await unitCounts(d);
    expect(after.reopened - before.reopened).toBe(1);
    expect(after.dispatched - before.dispatched).toBe(1);
    expect(after.rated - before.rated).toBe(1);
    // A second review has nothing to decide.
    const again = await dispatcher.act(t.id, 'review_callback', {
      decision: 'close',
      reason: '再次',
    });
    expect(again.status).toBe(409);

    // The next reply starts round 2.
    const village = await d.login('village', { fresh: true });
    for (const [who, action, input] of [
      [village, 'accept', {}],
      [
        village,
        'give_feedback',
        { result: '已更换整条线路,路灯恢复。', replyText: '路灯已修复,线路已更换。' },
      ],
      [dispatcher, 'send_reply', { replyText: '路灯已修复,线路已更换。', channel: 'sms' }],
    ] as const) {
      const r = await who.act(t.id, action, input);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    expect((await rounds(dispatcher, t.id)).map((r) => [r.round, r.status])).toEqual([
      [1, 'done'],
      [2, 'queued'],
    ]);
  });

  it('close: closed unsolved with the reason on the event and the round', async () => {
    const d = await ctx.newDistrict();
    const agent = await d.login('agent');
    const dispatcher = await d.login('dispatcher');
    const t = await replied(d);
    expect(
      (
        await agent.act(t.id, 'record_callback', {
          solved: false,
          satisfaction: 'basically_satisfied',
        })
      ).status,
    ).toBe(200);
    // The agent records; only a dispatcher reviews.
    expect(
      (await agent.act(t.id, 'review_callback', { decision: 'close', reason: '超出职责' })).status,
    ).toBe(403);
    const res = await dispatcher.act(t.id, 'review_callback', {
      decision: 'close',
      reason: '属于规划问题,已向诉求人解释',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ state: 'closed', outcome: 'unsolved' });
    const timeline = (await dispatcher.get(`/api/tickets/${t.id}/events`)).body;
    expect(timeline.at(-1)).toMatchObject({
      action: 'review_callback',
      reason: '属于规划问题,已向诉求人解释',
    });
    expect((await rounds(dispatcher, t.id))[0]!.review).toMatchObject({ decision: 'close' });
  });

  it('the resident rates online "unsolved" first: the call is not needed, the reviewer decides', async () => {
    const d = await ctx.newDistrict();
    const dispatcher = await d.login('dispatcher');
    const t = await replied(d);
    const res = await d.anonymous().post(`/api/public/requests/${t.code}/rating`, {
      phone: '13800138000',
      solved: false,
      satisfaction: 'dissatisfied',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [r] = await rounds(dispatcher, t.id);
    expect(r).toMatchObject({
      status: 'awaiting_review',
      result: { solved: false, via: 'online' },
    });
    expect((await queue(dispatcher)).items.map((i) => i.ticket.id)).not.toContain(t.id);
    const stats = (await dispatcher.get('/api/callbacks/stats')).body;
    expect(stats).toMatchObject({ ratedOnline: 1, awaitingReview: 1 });
  });
});

describe('not reached (未联系上)', () => {
  it('3 failed attempts close the ticket as not reached; the rates do not count it', async () => {
    const d = await ctx.newDistrict();
    const agent = await d.login('agent');
    await config(d, { maxAttempts: 3, onlineWindowHours: 0 });
    const t = await replied(d);
    const before = await unitCounts(d);
    for (const [i, result] of (['no_answer', 'busy', 'no_answer'] as const).entries()) {
      const res = await agent.act(t.id, 'record_callback_attempt', {
        result,
        note: `第${i + 1}次`,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.state).toBe(i < 2 ? 'replied' : 'closed');
    }
    const view = (await agent.get(`/api/tickets/${t.id}`)).body;
    expect(view).toMatchObject({ state: 'closed', outcome: 'not_reached' });
    const [r] = await rounds(agent, t.id);
    expect(r).toMatchObject({ status: 'not_reached', attempts: 3 });
    expect(r!.attemptLog.map((a: { result: string }) => a.result)).toEqual([
      'no_answer',
      'busy',
      'no_answer',
    ]);
    // No rating: rated, solved and satisfied do not move.
    expect(await unitCounts(d)).toEqual(before);
    const finished = (await agent.get('/api/callbacks?tab=finished')).body;
    expect(
      finished.items.find((i: { ticket: { id: string } }) => i.ticket.id === t.id).status,
    ).toBe('not_reached');
    expect((await agent.get('/api/callbacks/stats')).body.notReached).toBe(1);
    // Closed: no further attempt.
    expect((await agent.act(t.id, 'record_callback_attempt', { result: 'busy' })).status).toBe(409);
  });

  it("attempts never close before the district's maximum, and always at it (property)", async () => {
    const d = await ctx.newDistrict();
    const agent = await d.login('agent');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), async (max) => {
        await config(d, { maxAttempts: max });
        const t = await replied(d);
        for (let n = 1; n <= max; n++) {
          const res = await agent.act(t.id, 'record_callback_attempt', { result: 'no_answer' });
          expect(res.status).toBe(200);
          expect(res.body.state).toBe(n < max ? 'replied' : 'closed');
        }
      }),
      { numRuns: 4 },
    );
  });
});

describe('permissions and guards', () => {
  it('a handler cannot record callbacks (403); a review with nothing to review is 409; bad input 400', async () => {
    const d = await ctx.newDistrict();
    const village = await d.login('village');
    const dispatcher = await d.login('dispatcher');
    const t = await replied(d);
    expect(
      (await village.act(t.id, 'record_callback', { solved: true, satisfaction: 'satisfied' }))
        .status,
    ).toBe(403);
    expect((await village.act(t.id, 'record_callback_attempt', { result: 'busy' })).status).toBe(
      403,
    );
    expect((await village.get('/api/callbacks')).status).toBe(403);
    const none = await dispatcher.act(t.id, 'review_callback', {
      decision: 'close',
      reason: '无需复核',
    });
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('NO_PENDING_CALLBACK_REVIEW');
    expect(none.body.error.message).toBe('此工单没有待复核的回访结果');
    const bad = await dispatcher.act(t.id, 'record_callback_attempt', { result: 'asleep' });
    expect(bad.status).toBe(400);
    // Nothing was written by the refusals.
    expect((await rounds(dispatcher, t.id))[0]).toMatchObject({ attempts: 0, status: 'queued' });
  });

  it('the export is an Excel file of the tab', async () => {
    const d = await ctx.newDistrict();
    const agent = await d.login('agent');
    await config(d, { onlineWindowHours: 0 });
    await replied(d);
    const res = await agent.get('/api/callbacks/export.xlsx?tab=queue');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
  });
});
