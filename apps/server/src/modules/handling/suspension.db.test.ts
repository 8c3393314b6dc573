// [Handling] through the API: suspension (挂起) — the clock paused only once approved,
// never overdue while paused, the deadline moved by exactly the paused time on a
// resume (working time for a working-day limit, calendar time for a limit in hours),
// the automatic resume at the bound; termination (终止办理) — the special cases, a
// second person's review, closed as terminated and never counted as solved.
// The leaf category's limit: 5 working days; heating: 24 calendar hours. The clock
// starts on Monday 2026-11-02 09:00 in Beijing (01:00Z); November has no holiday.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import type { District } from '../../../test/factories.js';
import { assessmentRepository } from '../assessment/repository.js';
import { COUNTERS, zeroCounts, type Counts } from '../assessment/rollups.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

async function heatingTicket(d: District) {
  const t = await d.newTicket({ categoryId: d.categories.heating, title: '暖气不热' });
  const disp = await (
    await d.login('dispatcher')
  ).act(t.id, 'dispatch', { leadUnitId: d.units.vil1 });
  expect(disp.status, JSON.stringify(disp.body)).toBe(200);
  const acc = await (await d.login('village')).act(t.id, 'accept', {});
  expect(acc.status).toBe(200);
  return acc.body;
}

async function unitCounts(d: District): Promise<{ rollup: Counts; naive: Counts }> {
  const repo = assessmentRepository(ctx.c.db);
  const pick = (rows: Array<{ unit_id: string } & Counts>) => {
    const row = rows.find((r) => r.unit_id === d.units.vil1);
    const out = zeroCounts();
    for (const c of COUNTERS) out[c] = Number(row?.[c] ?? 0);
    return out;
  };
  return {
    rollup: pick(await repo.rollupCounts(d.tenantId, '2000-01-01', '2100-01-01')),
    naive: pick(await repo.naiveCounts(d.tenantId, new Date('2000-01-01'), new Date('2100-01-01'))),
  };
}

async function publicTimeline(d: District, code: string) {
  const res = await d
    .anonymous()
    .get(`/api/public/requests/${encodeURIComponent(code)}?phone=13800138000`);
  expect(res.status).toBe(200);
  return res.body.timeline as Array<{ action: string; text: string | null }>;
}

describe('suspension (挂起)', () => {
  it('pauses the working-day clock: not overdue while paused, due moved by the working time paused', async () => {
    const d = await ctx.newDistrict();
    const t0 = ctx.clock.now().getTime();
    const village = await d.login('village', { fresh: true });
    const dispatcher = await d.login('dispatcher', { fresh: true });
    const t = await d.ticketIn('in_progress');
    // 5 working days from Monday 09:00: the end of the next Monday (17:30 = 09:30Z).
    expect(t.completionDueAt).toBe('2026-11-09T09:30:00.000Z');

    const tooLong = await village.act(t.id, 'request_suspension', {
      suspensionKind: 'waiting_requester',
      reason: '等待诉求人补充房屋产权证明',
      until: iso(t0 + 16 * DAY),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe('SUSPENSION_UNTIL_INVALID');
    const asked = await village.act(t.id, 'request_suspension', {
      suspensionKind: 'waiting_requester',
      reason: '等待诉求人补充房屋产权证明',
      until: iso(t0 + 10 * DAY),
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    // Asked is not approved: nothing paused yet, and one pending request at a time.
    expect(
      (
        await village.act(t.id, 'request_termination', {
          terminationKind: 'withdrawn',
          reason: '诉求人表示不再需要',
        })
      ).body.error.code,
    ).toBe('HANDLING_REQUEST_PENDING');
    expect(
      (await village.act(t.id, 'review_suspension', { decision: 'approve', note: '同意' })).status,
    ).toBe(403);
    expect(
      (
        await (
          await d.login('agent')
        ).act(t.id, 'review_suspension', { decision: 'approve', note: '同意' })
      ).status,
    ).toBe(403);

    // Approved at Monday 10:00 local.
    ctx.clock.advance(HOUR);
    const ok = await dispatcher.act(t.id, 'review_suspension', {
      decision: 'approve',
      note: '情况属实,同意挂起',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.allowedActions).toContain('resume_handling');
    let view = (await village.get(`/api/tickets/${t.id}/handling`)).body;
    expect(view.pause).toEqual({
      since: iso(t0 + HOUR),
      until: iso(t0 + 10 * DAY),
      kind: 'waiting_requester',
    });
    expect(view.requests[0]).toMatchObject({
      kind: 'suspension',
      status: 'approved',
      reasonKind: 'waiting_requester',
      pausedAt: iso(t0 + HOUR),
      resumedAt: null,
    });

    // Tuesday of the next week, 10:00 local: past the old deadline, yet not overdue.
    ctx.clock.set(new Date('2026-11-10T02:00:00Z'));
    const v2 = await d.login('village', { fresh: true });
    const paused = (await v2.get(`/api/tickets/${t.id}`)).body;
    expect(paused.overdue).toBe(false);
    const overdueList = (await v2.get('/api/tickets?overdue=true')).body;
    expect(overdueList.items.map((x: { id: string }) => x.id)).not.toContain(t.id);
    // No feedback while paused: resume first.
    const fb = await v2.act(t.id, 'give_feedback', {
      result: '已联系供电所更换灯泡,路灯恢复照明。',
      replyText: '您反映的路灯问题已修复,感谢您的监督。',
    });
    expect(fb.body.error.code).toBe('HANDLING_PAUSED');

    const resumed = await v2.act(t.id, 'resume_handling', { note: '材料已补齐' });
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(200);
    // Paused Mon 10:00 → Tue (next week) 10:00: 6 + 4×7 + 7 + 1 = 42 working hours = six
    // 7-hour working days after Monday 17:30 → Tuesday 2026-11-17 17:30 local.
    expect(resumed.body.completionDueAt).toBe('2026-11-17T09:30:00.000Z');
    expect(resumed.body.overdue).toBe(false);
    expect((await v2.act(t.id, 'resume_handling', {})).body.error.code).toBe('NOT_PAUSED');
    view = (await v2.get(`/api/tickets/${t.id}/handling`)).body;
    expect(view.pause).toBeNull();
    expect(view.pausedMs).toBe(Date.parse('2026-11-10T02:00:00Z') - (t0 + HOUR));

    const events = (await v2.get(`/api/tickets/${t.id}/events`)).body as Array<{
      action: string;
      payload: Record<string, unknown>;
    }>;
    expect(events.find((e) => e.action === 'resume_handling')?.payload).toMatchObject({
      countedIn: 'working',
      previousDueAt: '2026-11-09T09:30:00.000Z',
      completionDueAt: '2026-11-17T09:30:00.000Z',
    });
    const pub = await publicTimeline(d, t.code);
    expect(pub.find((e) => e.action === 'review_suspension')?.text).toBe(
      '办理暂停:等待诉求人补充材料,最迟至2026-11-12 09:00',
    );
    expect(pub.find((e) => e.action === 'resume_handling')?.text).toBe(
      '恢复办理,办理期限顺延至2026-11-17 17:30',
    );
    // Neither the reason nor the reviewer's note reaches the requester.
    expect(JSON.stringify(pub)).not.toContain('产权证明');
    expect(JSON.stringify(pub)).not.toContain('情况属实');

    // Feedback now, before the moved deadline: on time, and the trail agrees.
    expect(
      (
        await v2.act(t.id, 'give_feedback', {
          result: '已联系供电所更换灯泡,路灯恢复照明。',
          replyText: '您反映的路灯问题已修复,感谢您的监督。',
        })
      ).status,
    ).toBe(200);
    const { rollup, naive } = await unitCounts(d);
    expect(rollup).toMatchObject({ completed: 1, completed_on_time: 1 });
    expect(naive).toEqual(rollup);
  });

  it('resumes by itself at the bound (calendar hours): a platform event, the time up to the bound given back', async () => {
    const d = await ctx.newDistrict();
    const village = await d.login('village', { fresh: true });
    const dispatcher = await d.login('dispatcher', { fresh: true });
    const t = await heatingTicket(d);
    const t0 = ctx.clock.now().getTime();
    expect(t.completionDueAt).toBe(iso(t0 + 24 * HOUR));
    expect(
      (
        await village.act(t.id, 'request_suspension', {
          suspensionKind: 'waiting_third_party',
          reason: '等待热力公司检修主管线',
          until: iso(t0 + 2 * DAY),
        })
      ).status,
    ).toBe(200);
    ctx.clock.advance(HOUR);
    expect(
      (await dispatcher.act(t.id, 'review_suspension', { decision: 'approve', note: '同意' }))
        .status,
    ).toBe(200);
    // Five days on: the row is still paused until something reads or sweeps.
    ctx.clock.advance(5 * DAY);
    const admin = await d.login('admin', { fresh: true });
    expect(
      (await (await d.login('village', { fresh: true })).post('/api/handling/sweep')).status,
    ).toBe(403);
    const swept = await admin.post('/api/handling/sweep');
    expect(swept.status, JSON.stringify(swept.body)).toBe(200);
    expect(swept.body).toEqual({ resumed: 1 });
    expect((await admin.post('/api/handling/sweep')).body).toEqual({ resumed: 0 });

    const v = await d.login('village', { fresh: true });
    const now = (await v.get(`/api/tickets/${t.id}`)).body;
    // Paused from +1 h to the bound (+48 h): 47 h given back → +71 h; now past it.
    expect(now.completionDueAt).toBe(iso(t0 + 71 * HOUR));
    expect(now.overdue).toBe(true);
    const events = (await v.get(`/api/tickets/${t.id}/events`)).body as Array<{
      action: string;
      actorKind: string;
      payload: Record<string, unknown>;
    }>;
    const end = events.find((e) => e.action === 'end_suspension')!;
    expect(end.actorKind).toBe('system');
    expect(end.payload).toMatchObject({
      countedIn: 'calendar',
      pausedMs: 47 * HOUR,
      resumedAt: iso(t0 + 2 * DAY),
    });
    const view = (await v.get(`/api/tickets/${t.id}/handling`)).body;
    expect(view.requests[0]).toMatchObject({ resumedAt: iso(t0 + 2 * DAY) });
    expect(view.pausedMs).toBe(47 * HOUR);
    const pub = await publicTimeline(d, t.code);
    expect(pub.map((e) => e.action)).toContain('end_suspension');
  });

  it('the centre may resume too; another unit neither asks nor sees; a refused one pauses nothing', async () => {
    const d = await ctx.newDistrict();
    const village = await d.login('village', { fresh: true });
    const dispatcher = await d.login('dispatcher', { fresh: true });
    const t = await heatingTicket(d);
    const t0 = ctx.clock.now().getTime();
    const input = {
      suspensionKind: 'waiting_requester',
      reason: '等待诉求人提供现场照片',
      until: iso(t0 + DAY),
    };
    expect((await (await d.login('dept')).act(t.id, 'request_suspension', input)).status).toBe(404);
    expect((await village.act(t.id, 'resume_handling', {})).body.error.code).toBe('NOT_PAUSED');
    expect((await village.act(t.id, 'request_suspension', input)).status).toBe(200);
    const no = await dispatcher.act(t.id, 'review_suspension', {
      decision: 'refuse',
      note: '不同意',
    });
    expect(no.status).toBe(200);
    expect(no.body.completionDueAt).toBe(t.completionDueAt);
    expect((await village.get(`/api/tickets/${t.id}/handling`)).body.pause).toBeNull();
    expect(
      (await dispatcher.act(t.id, 'review_suspension', { decision: 'approve', note: '改为同意' }))
        .body.error.code,
    ).toBe('NO_PENDING_SUSPENSION');
    // Asked again, approved, ended by the centre after 3 hours.
    expect((await village.act(t.id, 'request_suspension', input)).status).toBe(200);
    expect(
      (await dispatcher.act(t.id, 'review_suspension', { decision: 'approve', note: '同意' }))
        .status,
    ).toBe(200);
    ctx.clock.advance(3 * HOUR);
    const r = await dispatcher.act(t.id, 'resume_handling', {});
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.completionDueAt).toBe(iso(t0 + 27 * HOUR));
    const list = (await dispatcher.get('/api/handling/requests?kind=suspension')).body;
    expect(list.items.map((x: { status: string }) => x.status).sort()).toEqual([
      'approved',
      'refused',
    ]);
  });

  it('random request/approve/refuse/resume/wait sequences: never two pending, pauses never negative, due = limit + paused', async () => {
    const d = await ctx.newDistrict();
    const step = fc.constantFrom('request', 'approve', 'refuse', 'resume', 'wait', 'read');
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
        const village = await d.login('village', { fresh: true });
        const dispatcher = await d.login('dispatcher', { fresh: true });
        const t = await heatingTicket(d);
        let due = Date.parse(t.completionDueAt);
        let pending: number | null = null; // the bound asked for
        let paused: { since: number; until: number } | null = null;
        const give = (to: number) => {
          due += Math.min(to, paused!.until) - paused!.since;
          paused = null;
        };
        for (const s of steps) {
          const now = ctx.clock.now().getTime();
          if (s === 'wait') {
            ctx.clock.advance(7 * MIN);
          } else if (s === 'read') {
            // Reading the handling card resumes a pause past its bound.
            expect((await village.get(`/api/tickets/${t.id}/handling`)).status).toBe(200);
            if (paused && paused.until <= now) give(now);
          } else if (s === 'request') {
            const r = await village.act(t.id, 'request_suspension', {
              suspensionKind: 'waiting_third_party',
              reason: '等待第三方检修',
              until: iso(now + 20 * MIN),
            });
            expect(r.status).toBe(pending !== null || paused ? 409 : 200);
            if (r.status === 200) pending = now + 20 * MIN;
          } else if (s === 'resume') {
            const r = await village.act(t.id, 'resume_handling', {});
            expect(r.status).toBe(paused ? 200 : 409);
            if (paused) give(now);
          } else {
            const r = await dispatcher.act(t.id, 'review_suspension', {
              decision: s === 'approve' ? 'approve' : 'refuse',
              note: '审批意见',
            });
            if (pending === null) expect(r.status).toBe(409);
            else if (s === 'approve' && pending <= now) expect(r.status).toBe(400);
            else {
              expect(r.status).toBe(200);
              if (s === 'approve') paused = { since: now, until: pending };
              pending = null;
            }
          }
        }
        const rows = await ctx.c.db
          .selectFrom('handling_requests')
          .select(['status', 'paused_at', 'resumed_at'])
          .where('ticket_id', '=', t.id)
          .execute();
        expect(rows.filter((r) => r.status === 'pending').length).toBe(pending !== null ? 1 : 0);
        for (const r of rows) {
          if (r.resumed_at)
            expect(r.resumed_at.getTime()).toBeGreaterThanOrEqual(r.paused_at!.getTime());
        }
        const row = await ctx.c.db
          .selectFrom('tickets')
          .select(['completion_due_at', 'paused_at'])
          .where('id', '=', t.id)
          .executeTakeFirstOrThrow();
        expect(row.paused_at !== null).toBe(paused !== null);
        expect(row.completion_due_at!.getTime()).toBe(due);
      }),
      { numRuns: 10 },
    );
  });
});

describe('termination (终止办理)', () => {
  it('no contact after N attempts, reviewed by a second person: closed as terminated, never solved', async () => {
    const d = await ctx.newDistrict();
    const village = await d.login('village', { fresh: true });
    const dispatcher = await d.login('dispatcher', { fresh: true });
    const t = await d.ticketIn('in_progress');
    const ask = {
      terminationKind: 'no_contact',
      reason: '三次电话均无人接听,上门亦无人应答',
    };
    for (let i = 0; i < 3; i++) {
      const r = await village.act(t.id, 'request_termination', ask);
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('TERMINATION_TOO_FEW_ATTEMPTS');
      const outcome = i === 1 ? 'refused' : 'no_answer';
      expect(
        (
          await village.act(t.id, 'record_contact', {
            contactChannel: i === 2 ? 'visit' : 'phone',
            contactOutcome: outcome,
          })
        ).status,
      ).toBe(200);
    }
    const asked = await village.act(t.id, 'request_termination', ask);
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(
      (await village.act(t.id, 'review_termination', { decision: 'approve', note: '同意' })).status,
    ).toBe(403);

    // The one who asked may not decide, even holding a reviewer's role in the centre.
    await ctx.c.db
      .insertInto('role_assignments')
      .values({
        tenant_id: d.tenantId,
        user_id: d.users.village,
        unit_id: d.units.centre,
        role: 'dispatcher',
      })
      .execute();
    const both = await d.login('village', { fresh: true });
    const self = await both.act(t.id, 'review_termination', { decision: 'approve', note: '同意' });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('TERMINATION_SAME_PERSON');

    const ok = await dispatcher.act(t.id, 'review_termination', {
      decision: 'approve',
      note: '核实无误,同意终止',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ state: 'closed', outcome: 'terminated' });
    const pub = await publicTimeline(d, t.code);
    expect(pub.find((e) => e.action === 'review_termination')?.text).toBe(
      '终止办理:多次联系不上诉求人',
    );

    // Counted apart: terminated per unit; nothing solved, completed or rated.
    const { rollup, naive } = await unitCounts(d);
    expect(rollup).toEqual(naive);
    expect(rollup).toMatchObject({ solved: 0, completed: 0, rated: 0 });
    const n = ctx.clock.now().getTime();
    const counts = await dispatcher.get(
      `/api/handling/extension-counts?from=${iso(n - DAY)}&to=${iso(n + DAY)}`,
    );
    expect(counts.body).toEqual([
      {
        unit: { id: d.units.vil1, name: '东湖社区居委会' },
        requested: 0,
        approved: 0,
        refused: 0,
        suspended: 0,
        terminated: 1,
      },
    ]);
  });

  it('refused: it stays in handling; a supervisor reviews too; withdrawn needs no attempts', async () => {
    const d = await ctx.newDistrict();
    const village = await d.login('village', { fresh: true });
    const t = await d.ticketIn('in_progress');
    const ask = { terminationKind: 'withdrawn', reason: '诉求人来电表示问题已自行解决,撤回诉求' };
    expect((await village.act(t.id, 'request_termination', ask)).status).toBe(200);
    const no = await (
      await d.login('supervisor')
    ).act(t.id, 'review_termination', {
      decision: 'refuse',
      note: '需回访核实后再定',
    });
    expect(no.status, JSON.stringify(no.body)).toBe(200);
    expect(no.body).toMatchObject({ state: 'in_progress', outcome: null });
    expect(
      (await publicTimeline(d, t.code)).filter((e) => e.action === 'review_termination'),
    ).toHaveLength(0);
    expect(
      (
        await (
          await d.login('agent')
        ).act(t.id, 'review_termination', { decision: 'approve', note: '同意' })
      ).status,
    ).toBe(403);
    const list = (await village.get('/api/handling/requests?status=refused&kind=termination')).body;
    expect(list.items[0]).toMatchObject({ kind: 'termination', reasonKind: 'withdrawn' });
  });
});
