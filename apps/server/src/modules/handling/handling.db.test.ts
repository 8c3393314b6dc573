// [Handling] through the API: the contact log and the response it counts (the 三率
// rollups and the naive count agree), extensions approved and refused (the deadline,
// the public timeline, the counts per unit), one pending request at a time, and who
// may do what. Time limits: the heating category's policy (respond within 1 hour).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import type { District } from '../../../test/factories.js';
import { assessmentRepository } from '../assessment/repository.js';
import { DEFAULT_CONFIG, rates } from '../assessment/formula.js';
import { COUNTERS, zeroCounts, type Counts } from '../assessment/rollups.js';
import { uploadPng } from '../../../test/uploads.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

async function heatingTicket(d: District) {
  const t = await d.newTicket({ categoryId: d.categories.heating, title: '暖气不热' });
  const res = await (
    await d.login('dispatcher')
  ).act(t.id, 'dispatch', { leadUnitId: d.units.vil1 });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
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

describe('contact log (联系记录)', () => {
  it('a reached contact inside the response limit is the response; one outside is not', async () => {
    const d = await ctx.newDistrict();
    const village = await d.login('village');
    const a = await heatingTicket(d);
    const b = await heatingTicket(d);
    const dispatchedAt = ctx.clock.now().getTime();
    expect(new Date(a.responseDueAt).getTime()).toBe(dispatchedAt + HOUR);

    // A: reached by phone after 30 minutes.  B: no answer at 30 min, reached at 90 min.
    ctx.clock.advance(30 * MIN);
    const ca = await village.act(a.id, 'record_contact', {
      contactChannel: 'phone',
      contactOutcome: 'reached',
      note: '已电话联系,约定明早上门',
    });
    expect(ca.status, JSON.stringify(ca.body)).toBe(200);
    expect(ca.body.state).toBe('dispatched');
    expect(
      (
        await village.act(b.id, 'record_contact', {
          contactChannel: 'phone',
          contactOutcome: 'no_answer',
        })
      ).status,
    ).toBe(200);
    ctx.clock.advance(60 * MIN);
    expect(
      (
        await village.act(b.id, 'record_contact', {
          contactChannel: 'visit',
          contactOutcome: 'reached',
        })
      ).status,
    ).toBe(200);
    // Both accepted late (2 h after dispatch).
    ctx.clock.advance(30 * MIN);
    for (const t of [a, b]) expect((await village.act(t.id, 'accept', {})).status).toBe(200);

    const la = (await village.get(`/api/tickets/${a.id}/handling`)).body;
    expect(la.contacts).toHaveLength(1);
    expect(la.contacts[0]).toMatchObject({
      channel: 'phone',
      outcome: 'reached',
      note: '已电话联系,约定明早上门',
      countsAsResponse: true,
      late: false,
      unit: { id: d.units.vil1 },
    });
    expect(la.firstContactAt).toBe(new Date(dispatchedAt + 30 * MIN).toISOString());
    const lb = (await village.get(`/api/tickets/${b.id}/handling`)).body;
    expect(
      lb.contacts.map((c: { outcome: string; countsAsResponse: boolean; late: boolean }) => [
        c.outcome,
        c.countsAsResponse,
        c.late,
      ]),
    ).toEqual([
      ['no_answer', false, false],
      ['reached', false, true],
    ]);
    expect(lb).toMatchObject({ reachedCount: 1, failedCount: 1 });

    // Two dispatched, two accepted late, one responded in time by its contact: 50 %.
    const { rollup, naive } = await unitCounts(d);
    expect(rollup).toEqual(naive);
    expect(rollup).toMatchObject({ dispatched: 2, accepted: 2, accepted_on_time: 1 });
    expect(rates(rollup, DEFAULT_CONFIG).responseRate).toBe(0.5);
    // And a rebuild from the trail gives the same figures.
    await assessmentRepository(ctx.c.db).rebuild(d.tenantId);
    expect((await unitCounts(d)).rollup).toEqual(rollup);
  });

  it('only the handling unit records contacts; another unit does not even see the ticket', async () => {
    const d = await ctx.newDistrict();
    const t = await heatingTicket(d);
    const input = { contactChannel: 'sms', contactOutcome: 'refused' };
    expect((await (await d.login('dept')).act(t.id, 'record_contact', input)).status).toBe(404);
    expect((await (await d.login('dept')).get(`/api/tickets/${t.id}/handling`)).status).toBe(404);
    expect((await (await d.login('agent')).act(t.id, 'record_contact', input)).status).toBe(403);
    const bad = await (
      await d.login('village')
    ).act(t.id, 'record_contact', { contactChannel: 'fax', contactOutcome: 'reached' });
    expect(bad.status).toBe(400);
  });
});

describe('progress notes and site visits (办理进展, 现场查看)', () => {
  it('the requester reads only what the handler marked public; the photos become the ticket’s', async () => {
    const d = await ctx.newDistrict();
    const village = await d.login('village');
    const t = await d.ticketIn('in_progress');
    const publicTimeline = async () =>
      (
        await d
          .anonymous()
          .get(`/api/public/requests/${encodeURIComponent(t.code)}?phone=13800138000`)
      ).body.timeline as Array<{ action: string; text: string | null }>;
    expect(
      (await village.act(t.id, 'add_progress', { text: '内部:等待物业回复报价' })).status,
    ).toBe(200);
    expect(
      (
        await village.act(t.id, 'add_progress', {
          text: '已联系施工队,预计本周五完成维修',
          public: true,
        })
      ).status,
    ).toBe(200);

    const photo = await uploadPng(village, '现场.png');
    const other = await uploadPng(await d.login('agent'), '别人的.png');
    const visit = {
      visitedAt: new Date(ctx.clock.now().getTime() - HOUR).toISOString(),
      place: '东湖社区3号楼楼道',
      findings: '三楼至五楼楼道灯具损坏,已登记更换',
      lng: 116.4,
      lat: 39.9,
      attachmentIds: [photo],
      public: true,
    };
    // Somebody else's upload, a visit in the future, half a point: refused, nothing written.
    const events0 = (await village.get(`/api/tickets/${t.id}/events`)).body.length;
    const bad = [
      [{ ...visit, attachmentIds: [other] }, 'UNKNOWN_ATTACHMENT'],
      [
        { ...visit, visitedAt: new Date(ctx.clock.now().getTime() + DAY).toISOString() },
        'SITE_VISIT_IN_FUTURE',
      ],
      [{ ...visit, lat: undefined }, 'VALIDATION_FAILED'],
    ] as const;
    for (const [input, code] of bad) {
      const res = await village.act(t.id, 'record_site_visit', input);
      expect(res.status, code).toBe(400);
      expect(res.body.error.code).toBe(code);
    }
    expect((await village.get(`/api/tickets/${t.id}/events`)).body).toHaveLength(events0);

    const ok = await village.act(t.id, 'record_site_visit', visit);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.attachments.map((a: { id: string }) => a.id)).toContain(photo);
    // An internal visit stays internal.
    expect(
      (await village.act(t.id, 'record_site_visit', { ...visit, attachmentIds: [], public: false }))
        .status,
    ).toBe(200);

    const timeline = await publicTimeline();
    const texts = timeline.map((e) => e.text ?? '');
    expect(texts).toContain('已联系施工队,预计本周五完成维修');
    expect(texts.some((x) => x.includes('内部'))).toBe(false);
    const visits = timeline.filter((e) => e.action === 'record_site_visit');
    expect(visits).toHaveLength(1);
    const local = new Date(new Date(visit.visitedAt).getTime() + 8 * HOUR).toISOString();
    expect(visits[0]!.text).toBe(
      `工作人员于${local.slice(0, 10)} ${local.slice(11, 16)}到东湖社区3号楼楼道现场查看:三楼至五楼楼道灯具损坏,已登记更换`,
    );
    // Another unit may not record visits on it.
    expect((await (await d.login('dept')).act(t.id, 'record_site_visit', visit)).status).toBe(404);
  });
});

describe('extension (延期)', () => {
  it('approved: the deadline moves, the requester is told why; refused: nothing moves', async () => {
    const d = await ctx.newDistrict();
    const village = await d.login('village');
    const dispatcher = await d.login('dispatcher');
    const t = await d.ticketIn('in_progress');
    const due0 = new Date(t.completionDueAt).getTime();
    const proposed = new Date(due0 + 3 * DAY).toISOString();

    const early = await village.act(t.id, 'request_extension', {
      reason: '需协调供电公司更换线路',
      proposedDueAt: new Date(due0 - HOUR).toISOString(),
    });
    expect(early.status).toBe(400);
    expect(early.body.error.code).toBe('EXTENSION_DATE_INVALID');

    const asked = await village.act(t.id, 'request_extension', {
      reason: '需协调供电公司更换线路',
      proposedDueAt: proposed,
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body.completionDueAt).toBe(new Date(due0).toISOString());
    // One pending request at a time.
    const again = await village.act(t.id, 'request_extension', {
      reason: '再次申请延期',
      proposedDueAt: proposed,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('HANDLING_REQUEST_PENDING');
    // The unit does not approve its own request; the centre does.
    expect(
      (await village.act(t.id, 'review_extension', { decision: 'approve', note: '同意' })).status,
    ).toBe(403);
    const pending = await dispatcher.get('/api/handling/requests?status=pending');
    expect(pending.body.total).toBe(1);
    expect(pending.body.items[0]).toMatchObject({
      ticket: { id: t.id },
      kind: 'extension',
      status: 'pending',
      proposedDueAt: proposed,
      previousDueAt: new Date(due0).toISOString(),
      unit: { id: d.units.vil1 },
    });

    const ok = await dispatcher.act(t.id, 'review_extension', {
      decision: 'approve',
      note: '情况属实,同意延期',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.completionDueAt).toBe(proposed);
    const pub = await d
      .anonymous()
      .get(`/api/public/requests/${encodeURIComponent(t.code)}?phone=13800138000`);
    const ext = pub.body.timeline.find((e: { action: string }) => e.action === 'review_extension');
    // The date asked for, in Beijing time (UTC+8).
    const local = new Date(new Date(proposed).getTime() + 8 * HOUR).toISOString();
    expect(ext.text).toBe(
      `办理期限延期至${local.slice(0, 10)} ${local.slice(11, 16)},原因:需协调供电公司更换线路`,
    );

    // A second request, refused: the deadline stays; the requester is not told.
    const later = new Date(new Date(proposed).getTime() + 2 * DAY).toISOString();
    expect(
      (
        await village.act(t.id, 'request_extension', {
          reason: '施工队排期紧张',
          proposedDueAt: later,
        })
      ).status,
    ).toBe(200);
    const no = await dispatcher.act(t.id, 'review_extension', {
      decision: 'refuse',
      note: '理由不充分',
    });
    expect(no.status).toBe(200);
    expect(no.body.completionDueAt).toBe(proposed);
    // Refused stays refused: there is nothing left to approve.
    const late = await dispatcher.act(t.id, 'review_extension', {
      decision: 'approve',
      note: '改为同意',
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('NO_PENDING_EXTENSION');
    const pub2 = await d
      .anonymous()
      .get(`/api/public/requests/${encodeURIComponent(t.code)}?phone=13800138000`);
    expect(
      pub2.body.timeline.filter((e: { action: string }) => e.action === 'review_extension'),
    ).toHaveLength(1);

    const view = (await village.get(`/api/tickets/${t.id}/handling`)).body;
    expect(view.extensions).toBe(1);
    expect(view.requests.map((r: { status: string }) => r.status)).toEqual(['approved', 'refused']);

    // Counted per unit (the centre's figure), not readable by the unit itself.
    const now = ctx.clock.now().getTime();
    const q = `from=${new Date(now - DAY).toISOString()}&to=${new Date(now + DAY).toISOString()}`;
    const counts = await dispatcher.get(`/api/handling/extension-counts?${q}`);
    expect(counts.status).toBe(200);
    expect(counts.body).toEqual([
      {
        unit: { id: d.units.vil1, name: '东湖社区居委会' },
        requested: 2,
        approved: 1,
        refused: 1,
        suspended: 0,
        terminated: 0,
      },
    ]);
    expect((await village.get(`/api/handling/extension-counts?${q}`)).status).toBe(403);
  });

  it('the district decides who reviews: the lead unit leader, not the centre, when it says so', async () => {
    const d = await ctx.newDistrict();
    const dispatcher = await d.login('dispatcher');
    const street = await d.login('street');
    const leader = await d.login('leader');
    const t = await d.newTicket({ title: '路灯不亮' });
    expect((await dispatcher.act(t.id, 'dispatch', { leadUnitId: d.units.twp1 })).status).toBe(200);
    expect((await street.act(t.id, 'accept', {})).status).toBe(200);
    const due0 = new Date(
      (await street.get(`/api/tickets/${t.id}`)).body.completionDueAt as string,
    ).getTime();
    const ask = async (days: number) =>
      street.act(t.id, 'request_extension', {
        reason: '需等待配件到货',
        proposedDueAt: new Date(due0 + days * DAY).toISOString(),
      });
    const review = { decision: 'approve', note: '同意延期' };

    // Default: the centre reviews; the unit's own leader may not.
    expect((await ask(2)).status).toBe(200);
    let asLeader = await leader.act(t.id, 'review_extension', review);
    expect(asLeader.status).toBe(403);
    expect(asLeader.body.error.code).toBe('EXTENSION_REVIEWED_BY_CENTRE');
    expect((await leader.get(`/api/tickets/${t.id}`)).body.allowedActions).not.toContain(
      'review_extension',
    );
    expect((await dispatcher.act(t.id, 'review_extension', review)).status).toBe(200);

    // The district hands the review to the unit leaders: the centre is refused now.
    const admin = await d.login('admin');
    expect(
      (await admin.patch('/api/admin/settings', { extensionReviewer: 'unit_leader' })).status,
    ).toBe(200);
    expect((await ask(4)).status).toBe(200);
    const asCentre = await dispatcher.act(t.id, 'review_extension', review);
    expect(asCentre.status).toBe(403);
    expect(asCentre.body.error.code).toBe('EXTENSION_REVIEWED_BY_UNIT_LEADER');
    expect((await leader.get(`/api/tickets/${t.id}`)).body.allowedActions).toContain(
      'review_extension',
    );
    // The handler who asked is no leader: 403 whatever the setting.
    expect((await street.act(t.id, 'review_extension', review)).status).toBe(403);
    asLeader = await leader.act(t.id, 'review_extension', review);
    expect(asLeader.status, JSON.stringify(asLeader.body)).toBe(200);
    expect(asLeader.body.completionDueAt).toBe(new Date(due0 + 4 * DAY).toISOString());

    // Either: both may; the first decision wins.
    expect((await admin.patch('/api/admin/settings', { extensionReviewer: 'either' })).status).toBe(
      200,
    );
    expect((await ask(6)).status).toBe(200);
    expect((await dispatcher.act(t.id, 'review_extension', review)).status).toBe(200);
    const second = await leader.act(t.id, 'review_extension', review);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('NO_PENDING_EXTENSION');
  });

  it('another unit neither asks nor sees; a pending request lapses when feedback is given', async () => {
    const d = await ctx.newDistrict();
    const village = await d.login('village');
    const t = await d.ticketIn('in_progress');
    const proposed = new Date(new Date(t.completionDueAt).getTime() + DAY).toISOString();
    const dept = await d.login('dept');
    expect(
      (
        await dept.act(t.id, 'request_extension', {
          reason: '他单位代为申请',
          proposedDueAt: proposed,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await village.act(t.id, 'request_extension', {
          reason: '需要更多时间',
          proposedDueAt: proposed,
        })
      ).status,
    ).toBe(200);
    expect((await dept.get('/api/handling/requests')).body.total).toBe(0);
    expect((await village.get('/api/handling/requests')).body.total).toBe(1);
    const fb = await village.act(t.id, 'give_feedback', {
      result: '已联系供电所更换灯泡,路灯恢复照明。',
      replyText: '您反映的路灯问题已修复,感谢您的监督。',
    });
    expect(fb.status).toBe(200);
    const list = (await village.get('/api/handling/requests')).body;
    expect(list.items[0].status).toBe('lapsed');
    expect(list.items[0].reviewedBy).toBeNull();
  });

  it('random request/approve/refuse sequences: never two pending, refused never approved, deadline = last approved', async () => {
    const d = await ctx.newDistrict();
    const village = await d.login('village');
    const dispatcher = await d.login('dispatcher');
    const step = fc.constantFrom('request', 'approve', 'refuse', 'wait');
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const t = await d.ticketIn('in_progress');
        let expected = t.completionDueAt as string;
        let pending: string | null = null;
        for (const s of steps) {
          if (s === 'wait') {
            // Short waits: the sessions signed in before the property must stay valid.
            ctx.clock.advance(5 * MIN);
            continue;
          }
          if (s === 'request') {
            const proposed = new Date(new Date(expected).getTime() + DAY).toISOString();
            const r = await village.act(t.id, 'request_extension', {
              reason: '需要协调多方',
              proposedDueAt: proposed,
            });
            expect(r.status).toBe(pending ? 409 : 200);
            if (!pending) pending = proposed;
          } else {
            const r = await dispatcher.act(t.id, 'review_extension', {
              decision: s === 'approve' ? 'approve' : 'refuse',
              note: '审批意见',
            });
            expect(r.status).toBe(pending ? 200 : 409);
            if (pending && s === 'approve') expected = pending;
            pending = null;
            if (r.status === 200) expect(r.body.completionDueAt).toBe(expected);
          }
        }
        const rows = await ctx.c.db
          .selectFrom('handling_requests')
          .select(['status', 'reviewed_at'])
          .where('ticket_id', '=', t.id)
          .execute();
        expect(rows.filter((r) => r.status === 'pending').length).toBe(pending ? 1 : 0);
        const now = (await village.get(`/api/tickets/${t.id}`)).body;
        expect(now.completionDueAt).toBe(expected);
      }),
      { numRuns: 12 },
    );
  });
});
