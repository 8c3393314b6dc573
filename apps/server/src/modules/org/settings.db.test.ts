// The district's dispatch settings through HTTP: defaults, the objection window
// taking effect at once, the calendar following a change, bad values and
// who may change them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const HOUR = 3_600_000;
const OBJECTION = { reason: 'not_our_duty', text: '不属于本单位职责范围' };
const DEFAULTS = {
  objectionWindowHours: 24,
  utcOffsetMinutes: 480,
  workingHours: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '17:30' },
  ],
  weekend: [0, 6],
  // [Deliberation]: 公示 for 7 days; 3 requests in 180 days are a repeated request;
  // a backlog case is open 60 days or reopened twice.
  noticeDays: 7,
  repeatThreshold: 3,
  repeatWindowDays: 180,
  backlogDays: 60,
  backlogReopens: 2,
  // [Handling]: a suspension runs at most 15 days; 3 failed contacts before a no-contact
  // termination; the dispatch centre reviews extensions.
  suspensionMaxDays: 15,
  noContactAttempts: 3,
  extensionReviewer: 'centre',
};

describe('dispatch settings', () => {
  it('reads the defaults; a 48-hour window lets a unit object 30 hours after the dispatch', async () => {
    const d = await ctx.newDistrict();
    const admin = await d.login('admin');
    const read = await admin.get('/api/admin/settings');
    expect(read.status).toBe(200);
    expect(read.body).toEqual(DEFAULTS);

    const t = await d.ticketIn('dispatched');
    ctx.clock.set(new Date(ctx.clock.now().getTime() + 30 * HOUR));
    const village = await d.login('village', { fresh: true });
    // At the default 24 hours the window has closed.
    const late = await village.act(t.id, 'object', OBJECTION);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('OBJECTION_WINDOW_CLOSED');

    const admin2 = await d.login('admin', { fresh: true });
    const saved = await admin2.patch('/api/admin/settings', { objectionWindowHours: 48 });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ ...DEFAULTS, objectionWindowHours: 48 });
    expect((await admin2.get('/api/admin/settings')).body.objectionWindowHours).toBe(48);

    const ok = await village.act(t.id, 'object', OBJECTION);
    expect(ok.status).toBe(200);
    // The objection now waits for the dispatch desk's review.
    const open = await (
      await d.login('dispatcher', { fresh: true })
    ).get('/api/objections?state=open');
    expect(open.body.total).toBe(1);

    // Another district keeps its own default.
    const other = await ctx.newDistrict();
    expect((await (await other.login('admin')).get('/api/admin/settings')).body).toEqual(DEFAULTS);
  });

  it('a calendar change applies to the next deadline at once (the cached calendar is dropped)', async () => {
    const d = await ctx.newDistrict();
    const admin = await d.login('admin', { fresh: true });
    const before = await ctx.c.calendar.calendarFor(d.tenantId); // cached now
    const monday = '2026-11-02';
    expect(before.isWorkingDay(monday)).toBe(true);

    const res = await admin.patch('/api/admin/settings', {
      weekend: [1, 0],
      workingHours: [{ start: '08:00', end: '16:00' }],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ...DEFAULTS,
      weekend: [0, 1],
      workingHours: [{ start: '08:00', end: '16:00' }],
    });
    const after = await ctx.c.calendar.calendarFor(d.tenantId);
    expect(after.isWorkingDay(monday)).toBe(false);
    expect(after.isWorkingDay('2026-11-07')).toBe(true); // Saturday is now worked
  });

  it('refuses bad values with 400, a stable code and a Chinese message, and changes nothing', async () => {
    const d = await ctx.newDistrict();
    const admin = await d.login('admin', { fresh: true });
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ objectionWindowHours: 0 }, '/objectionWindowHours'],
      [{ objectionWindowHours: 721 }, '/objectionWindowHours'],
      [{ objectionWindowHours: 1.5 }, '/objectionWindowHours'],
      [{ objectionWindowHours: '48' }, '/objectionWindowHours'],
      [{ utcOffsetMinutes: 900 }, '/utcOffsetMinutes'],
      [{ workingHours: [] }, '/workingHours'],
      [{ workingHours: [{ start: '9:00', end: '12:00' }] }, '/workingHours/0/start'],
      [{ workingHours: [{ start: '09:00', end: '25:00' }] }, '/workingHours/0/end'],
      [{ workingHours: [{ start: '12:00', end: '09:00' }] }, '/workingHours/0/end'],
      [
        {
          workingHours: [
            { start: '09:00', end: '12:00' },
            { start: '11:00', end: '17:00' },
          ],
        },
        '/workingHours/1/start',
      ],
      [
        {
          workingHours: [
            { start: '13:30', end: '17:30' },
            { start: '09:00', end: '12:00' },
          ],
        },
        '/workingHours/1/start',
      ],
      [{ weekend: [0, 0] }, '/weekend'],
      [{ weekend: [7] }, '/weekend/0'],
      [{ weekend: [0, 1, 2, 3, 4, 5, 6] }, '/weekend'],
      [{ demo: true }, '/demo'],
      [{ noticeDays: 0 }, '/noticeDays'],
      [{ repeatThreshold: 1 }, '/repeatThreshold'],
      [{ backlogDays: 3 }, '/backlogDays'],
      [{ backlogReopens: 0 }, '/backlogReopens'],
      [{ suspensionMaxDays: 0 }, '/suspensionMaxDays'],
      [{ suspensionMaxDays: 91 }, '/suspensionMaxDays'],
      [{ noContactAttempts: 11 }, '/noContactAttempts'],
      [{ extensionReviewer: 'supervisor' }, '/extensionReviewer'],
    ];
    for (const [body, path] of bad) {
      const res = await admin.patch('/api/admin/settings', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(['VALIDATION_FAILED', 'UNKNOWN_FIELD']).toContain(res.body.error.code);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      const detail = res.body.error.details.find((x: { path: string }) => x.path === path);
      expect(detail, `${JSON.stringify(body)} → ${JSON.stringify(res.body)}`).toBeDefined();
      expect(detail.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await admin.get('/api/admin/settings')).body).toEqual(DEFAULTS);
  });

  it('is for administrators only', async () => {
    const d = await ctx.newDistrict();
    for (const who of ['dispatcher', 'village', 'supervisor'] as const) {
      const c = await d.login(who, { fresh: true });
      expect((await c.get('/api/admin/settings')).status).toBe(403);
      const res = await c.patch('/api/admin/settings', { objectionWindowHours: 48 });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect((await d.anonymous().get('/api/admin/settings')).status).toBe(401);
    const admin = await d.login('admin', { fresh: true });
    expect((await admin.get('/api/admin/settings')).body.objectionWindowHours).toBe(24);
  });
});
