// 听证、会商、积案 through HTTP: a township schedules a hearing for a long-running
// case with invited experts and records it with the requester's signed
// commitment to stop petitioning (息诉罢访承诺书); a hearing is recorded once;
// units outside the case see and change nothing; the backlog lists open cases
// older than the district's number of days or reopened its number of times,
// with their consultations, and follows the district's settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { zhCN } from '@jiesu/contracts';
import {
  DEMO_LOGINS,
  createTestContext,
  type District,
  type TestContext,
} from '../../../test/harness.js';
import { extraLogin } from '../../../test/extra-users.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const DAY = 86_400_000;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const SCHEDULE = {
  scheduledAt: '2026-11-10T02:00:00.000Z',
  place: '东城街道办事处三楼会议室',
  matter: '东湖社区3号楼前路灯长期不亮,诉求人多次反映',
  experts: [
    { name: '李代表', kind: 'deputy', affiliation: '区人大代表' },
    { name: '张律师', kind: 'lawyer', affiliation: '东城律师事务所' },
  ],
};

const recordInput = (hearingId: string, extra: Record<string, unknown> = {}) => ({
  hearingId,
  heldAt: '2026-11-10T02:30:00.000Z',
  minutes: '听证会上,街道说明了线路改造计划,专家释法说理,诉求人表示理解。',
  outcome: '街道承诺月底前完成线路改造',
  signatures: [
    { name: '李代表', signedAt: '2026-11-10T04:00:00.000Z' },
    { name: '张律师', signedAt: '2026-11-10T04:00:00.000Z' },
  ],
  ...extra,
});

const COMMITMENT = {
  signerName: '王小明',
  signedAt: '2026-11-10T04:10:00.000Z',
  text: '本人认可处理方案,不再就此事重复信访。',
};

async function upload(d: District): Promise<string> {
  const boundary = '----jiesu' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="承诺书.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await (
    await d.login('street')
  ).post('/api/attachments', body, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** A ticket dispatched to the township and accepted by its handler. */
async function townshipCase(d: District, overrides: Record<string, unknown> = {}) {
  const t = await d.newTicket(overrides);
  const res = await (
    await d.login('dispatcher')
  ).act(t.id, 'dispatch', { leadUnitId: d.units.twp1 });
  expect(res.status).toBe(200);
  expect((await (await d.login('street')).act(t.id, 'accept')).status).toBe(200);
  return t as { id: string; code: string };
}

/** Lets the district's cases age past the backlog's 60 days (and signs everyone in again). */
async function aged(d: District): Promise<void> {
  ctx.clock.advance(61 * DAY);
  await signInAgain(d);
}

async function events(d: District, id: string) {
  return (await (await d.login('supervisor')).get(`/api/tickets/${id}/events`)).body as Array<{
    action: string;
    toState: string;
    payload: Record<string, unknown>;
  }>;
}

async function hearingRows(ticketId: string) {
  return ctx.c.db
    .selectFrom('hearings')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('scheduled_at')
    .execute();
}

describe('hearings (听证)', () => {
  it('schedules with experts, records with a commitment; the panel and the trail show both', async () => {
    const d = await ctx.newDistrict();
    const t = await townshipCase(d);
    await aged(d);
    const leader = await d.login('leader');
    const street = await d.login('street');

    const scheduled = await leader.act(t.id, 'schedule_hearing', SCHEDULE);
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.state).toBe('accepted'); // the case stays where it is
    expect(scheduled.body.allowedActions).toEqual(
      expect.arrayContaining(['schedule_hearing', 'record_hearing', 'record_consultation']),
    );
    const panel1 = (await street.get(`/api/tickets/${t.id}/hearings`)).body;
    expect(panel1.consultations).toEqual([]);
    expect(panel1.hearings).toEqual([
      expect.objectContaining({
        ticket: { id: t.id, code: t.code, title: '小区路灯不亮', state: 'accepted' },
        unit: { id: d.units.twp1, name: '东城街道办事处' },
        state: 'scheduled',
        scheduledAt: SCHEDULE.scheduledAt,
        place: SCHEDULE.place,
        matter: SCHEDULE.matter,
        experts: [
          { name: '李代表', kind: 'deputy', affiliation: '区人大代表' },
          { name: '张律师', kind: 'lawyer', affiliation: '东城律师事务所' },
        ],
        scheduledBy: { id: d.users.leader, name: '测试leader' },
        heldAt: null,
        minutes: null,
        signatures: [],
        commitment: null,
        recordedBy: null,
      }),
    ]);
    const hearingId = panel1.hearings[0].id as string;

    ctx.clock.advance(60_000);
    const scan = await upload(d);
    const recorded = await street.act(
      t.id,
      'record_hearing',
      recordInput(hearingId, { commitment: { ...COMMITMENT, attachmentIds: [scan] } }),
    );
    expect(recorded.status).toBe(200);
    expect(recorded.body.state).toBe('accepted');

    const panel2 = (await leader.get(`/api/tickets/${t.id}/hearings`)).body;
    expect(panel2.hearings).toHaveLength(1);
    const h = panel2.hearings[0];
    expect(h).toMatchObject({
      id: hearingId,
      state: 'held',
      heldAt: '2026-11-10T02:30:00.000Z',
      minutes: expect.stringContaining('专家释法说理'),
      outcome: '街道承诺月底前完成线路改造',
      signatures: recordInput(hearingId).signatures,
      recordedBy: { id: d.users.street, name: '测试street' },
      recordedAt: ctx.clock.now().toISOString(),
      // The signer is the requester: masked like the requester everywhere.
      commitment: {
        signerName: '王**',
        signedAt: COMMITMENT.signedAt,
        text: COMMITMENT.text,
        attachments: [{ id: scan, filename: '承诺书.png', mime: 'image/png', size: PNG.length }],
      },
    });
    expect(h.commitment.attachments[0].url).toBe(`/api/attachments/${scan}`);
    // The record keeps the name as signed; the scan now belongs to the ticket.
    const [row] = await hearingRows(t.id);
    expect(row!.commitment).toMatchObject({ signerName: '王小明' });
    const file = await ctx.c.db
      .selectFrom('attachments')
      .select('ticket_id')
      .where('id', '=', scan)
      .executeTakeFirstOrThrow();
    expect(file.ticket_id).toBe(t.id);

    // The trail: both actions, internal, the hearing's id on each, no personal data.
    const trail = await events(d, t.id);
    const sched = trail.find((e) => e.action === 'schedule_hearing')!;
    const rec = trail.find((e) => e.action === 'record_hearing')!;
    expect(sched.payload).toMatchObject({ hearingId, experts: SCHEDULE.experts });
    expect(rec.payload).toMatchObject({
      hearingId,
      commitment: { signerName: '王**', text: COMMITMENT.text },
    });
    expect(JSON.stringify(trail)).not.toContain('王小明');
    expect(JSON.stringify(trail)).not.toContain('13800138000');
    const timeline = (await street.get(`/api/tickets/${t.id}/events`)).body as Array<{
      action: string;
      visibility: string;
    }>;
    expect(
      timeline.filter((e) => e.action.endsWith('_hearing')).map((e) => [e.action, e.visibility]),
    ).toEqual([
      ['schedule_hearing', 'internal'],
      ['record_hearing', 'internal'],
    ]);
  });

  it('records a hearing once; an unknown hearing, another ticket’s or a used file writes nothing', async () => {
    const d = await ctx.newDistrict();
    const t = await townshipCase(d);
    const other = await townshipCase(d);
    await aged(d);
    const street = await d.login('street');
    await street.act(t.id, 'schedule_hearing', SCHEDULE);
    await street.act(t.id, 'schedule_hearing', {
      ...SCHEDULE,
      scheduledAt: '2026-11-24T02:00:00Z',
    });
    await street.act(other.id, 'schedule_hearing', SCHEDULE);
    const [h, h2] = await hearingRows(t.id);
    const [otherH] = await hearingRows(other.id);
    const before = (await events(d, t.id)).length;

    // A hearing that does not exist, or belongs to another ticket: 400, on the field.
    for (const id of ['00000000-0000-4000-8000-000000000000', otherH!.id]) {
      const res = await street.act(t.id, 'record_hearing', recordInput(id));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('HEARING_NOT_FOUND');
      expect(res.body.error.message).toBe(zhCN.error.HEARING_NOT_FOUND);
      expect(res.body.error.details[0].path).toBe('/input/hearingId');
    }
    // A file already claimed by a ticket is refused, and nothing is recorded.
    const usedFile = await upload(d);
    await street.act(
      other.id,
      'record_hearing',
      recordInput(otherH!.id, { attachmentIds: [usedFile] }),
    );
    const bad = await street.act(
      t.id,
      'record_hearing',
      recordInput(h!.id, { commitment: { ...COMMITMENT, attachmentIds: [usedFile] } }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('UNKNOWN_ATTACHMENT');
    expect((await hearingRows(t.id))[0]).toMatchObject({ state: 'scheduled', commitment: null });
    expect((await events(d, t.id)).length).toBe(before);

    expect((await street.act(t.id, 'record_hearing', recordInput(h!.id))).status).toBe(200);
    const heldRow = (await hearingRows(t.id))[0]!;
    const afterFirst = (await events(d, t.id)).length;
    const again = await street.act(
      t.id,
      'record_hearing',
      recordInput(h!.id, { minutes: '第二次记录的内容不应写入任何地方。', commitment: COMMITMENT }),
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('HEARING_ALREADY_HELD');
    expect(again.body.error.message).toBe(zhCN.error.HEARING_ALREADY_HELD);
    expect((await hearingRows(t.id))[0]).toEqual(heldRow);
    expect((await events(d, t.id)).length).toBe(afterFirst);
    // Held without a commitment: none shown.
    const panel = (await street.get(`/api/tickets/${t.id}/hearings`)).body;
    expect(panel.hearings.find((x: { id: string }) => x.id === h!.id)).toMatchObject({
      state: 'held',
      commitment: null,
    });
    // With nothing left scheduled, recording is not offered, and refused as already held.
    expect((await street.act(t.id, 'record_hearing', recordInput(h2!.id))).status).toBe(200);
    const view = (await street.get(`/api/tickets/${t.id}`)).body;
    expect(view.allowedActions).not.toContain('record_hearing');
    expect(view.allowedActions).toContain('schedule_hearing');
    const none = await street.act(t.id, 'record_hearing', recordInput(h2!.id));
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('HEARING_ALREADY_HELD');
    expect((await hearingRows(t.id)).map((x) => x.state)).toEqual(['held', 'held']);
  });

  it('units outside the case neither read nor schedule; the desk reads but does not schedule', async () => {
    const d = await ctx.newDistrict();
    const t = await townshipCase(d);
    const v = await d.ticketIn('accepted');
    await aged(d);
    const twp2 = await extraLogin(ctx, d, 'twp2', 'unit_leader');
    for (const who of [await d.login('dept'), await d.login('village'), twp2]) {
      const res = await who.act(t.id, 'schedule_hearing', SCHEDULE);
      expect(res.status, who.username).toBe(404);
      expect((await who.get(`/api/tickets/${t.id}/hearings`)).status).toBe(404);
      const c = await who.act(t.id, 'record_consultation', {
        heldAt: '2026-11-03T02:00:00.000Z',
        participants: '某某',
        notes: '不应记录的会商',
      });
      expect(c.status).toBe(404);
    }
    const dispatcher = await d.login('dispatcher');
    expect((await dispatcher.act(t.id, 'schedule_hearing', SCHEDULE)).status).toBe(403);
    expect((await dispatcher.get(`/api/tickets/${t.id}/hearings`)).status).toBe(200);
    expect(await hearingRows(t.id)).toEqual([]);
    const consultations = await ctx.c.db
      .selectFrom('consultations')
      .select('id')
      .where('ticket_id', '=', t.id)
      .execute();
    expect(consultations).toEqual([]);
    expect((await events(d, t.id)).map((e) => e.action)).toEqual(['create', 'dispatch', 'accept']);

    // A village's case: the township's leader acts for it (its territory), the handler does not.
    expect((await (await d.login('street')).act(v.id, 'schedule_hearing', SCHEDULE)).status).toBe(
      403,
    );
    const byLeader = await (await d.login('leader')).act(v.id, 'schedule_hearing', SCHEDULE);
    expect(byLeader.status).toBe(200);
    expect((await hearingRows(v.id))[0]).toMatchObject({ unit_id: d.units.twp1 });
  });

  it('is for long-running cases only, by the district’s rule', async () => {
    const d = await ctx.newDistrict();
    const t = await townshipCase(d);
    const street = await d.login('street');
    const consultation = {
      heldAt: '2026-11-03T02:00:00.000Z',
      participants: '街道分管领导、社区书记',
      notes: '研究处理方案',
    };
    // A fresh case is not on the backlog: neither offered nor accepted, nothing written.
    const view = (await street.get(`/api/tickets/${t.id}`)).body;
    expect(view.allowedActions).not.toContain('schedule_hearing');
    expect(view.allowedActions).not.toContain('record_consultation');
    for (const [action, input] of [
      ['schedule_hearing', SCHEDULE],
      ['record_consultation', consultation],
    ] as const) {
      const res = await street.act(t.id, action, input);
      expect(res.status, action).toBe(409);
      expect(res.body.error.code).toBe('NOT_BACKLOG');
    }
    expect(await hearingRows(t.id)).toEqual([]);
    expect((await events(d, t.id)).map((e) => e.action)).toEqual(['create', 'dispatch', 'accept']);

    // 31 days on, and the district counts 30 days as long-running: now it is.
    ctx.clock.advance(31 * DAY);
    await signInAgain(d);
    expect(
      (await (await d.login('admin')).patch('/api/admin/settings', { backlogDays: 30 })).status,
    ).toBe(200);
    const after = (await (await d.login('street')).get(`/api/tickets/${t.id}`)).body;
    expect(after.allowedActions).toEqual(
      expect.arrayContaining(['schedule_hearing', 'record_consultation']),
    );
    const ok = await (await d.login('street')).act(t.id, 'record_consultation', consultation);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it('lists hearings the actor may see, filtered', async () => {
    const d = await ctx.newDistrict();
    const a = await townshipCase(d);
    const b = await townshipCase(d, { title: '楼道堆物长期未清理' });
    await aged(d);
    const street = await d.login('street');
    await street.act(a.id, 'schedule_hearing', SCHEDULE);
    await street.act(b.id, 'schedule_hearing', {
      ...SCHEDULE,
      scheduledAt: '2026-11-20T02:00:00Z',
    });
    const [ha] = await hearingRows(a.id);
    await street.act(a.id, 'record_hearing', recordInput(ha!.id, { commitment: COMMITMENT }));

    const all = (await street.get('/api/hearings')).body;
    expect(all.total).toBe(2);
    expect(all.items.map((h: { ticket: { id: string } }) => h.ticket.id)).toEqual([b.id, a.id]);
    const committed = (await street.get('/api/hearings?commitment=1')).body;
    expect(committed.items.map((h: { ticket: { id: string } }) => h.ticket.id)).toEqual([a.id]);
    expect(committed.items[0].commitment.signerName).toBe('王**');
    expect((await street.get('/api/hearings?state=scheduled')).body.total).toBe(1);
    expect(
      (await street.get('/api/hearings?from=2026-11-15T00:00:00Z&to=2026-11-30T00:00:00Z')).body
        .items[0].ticket.id,
    ).toBe(b.id);
    expect((await street.get(`/api/hearings?q=${encodeURIComponent('楼道')}`)).body.total).toBe(1);
    expect((await street.get(`/api/hearings?unitId=${d.units.twp2}`)).body.total).toBe(0);
    expect((await (await d.login('dept')).get('/api/hearings')).body.total).toBe(0);
    expect((await (await d.login('supervisor')).get('/api/hearings')).body.total).toBe(2);
  });
});

describe('the backlog (积案)', () => {
  /** Back through the loop and reopened at the callback, `times` times. */
  async function reopened(d: District, times: number) {
    let t = await d.ticketIn('awaiting_callback');
    for (let i = 0; i < times; i++) {
      const r = await (
        await d.login('agent')
      ).act(t.id, 'record_callback', { solved: false, satisfaction: 'dissatisfied', reopen: true });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.state).toBe('dispatched');
      if (i === times - 1) return r.body;
      const village = await d.login('village');
      await village.act(t.id, 'accept');
      await village.act(t.id, 'start_handling');
      await village.act(t.id, 'give_feedback', {
        result: '再次联系供电所检修线路,已恢复照明。',
        replyText: '您反映的路灯问题已再次处理,感谢监督。',
      });
      await (
        await d.login('dispatcher')
      ).act(t.id, 'send_reply', { replyText: '您反映的路灯问题已再次处理。', channel: 'sms' });
      t = (await (await d.login('agent')).act(t.id, 'queue_callback')).body;
    }
    return t;
  }

  const ids = (res: { body: { items: Array<{ id: string }> } }) =>
    res.body.items.map((x) => x.id).sort();

  it('lists open cases past the days or reopened often enough, scoped, with consultations; follows the settings', async () => {
    const d = await ctx.newDistrict();
    const old = await townshipCase(d, { title: '老旧小区加装电梯纠纷' });
    const oldClosed = await d.newTicket({ title: '已办结的老问题' });
    await (
      await d.login('agent')
    ).act(oldClosed.id, 'answer_directly', { answer: '已当场解答政策规定。' });
    ctx.clock.advance(61 * DAY);
    await signInAgain(d); // the sessions expired while the clock moved
    const fresh = await townshipCase(d, { title: '新近的诉求' });
    const twice = await reopened(d, 2);
    const once = await reopened(d, 1);
    const closedTwice = await reopened(d, 2);
    // Reopened twice, then resolved: closed cases are never on the backlog.
    for (const [who, action, input] of [
      ['village', 'accept', {}],
      ['village', 'start_handling', {}],
      [
        'village',
        'give_feedback',
        { result: '彻底更换了线路,路灯恢复正常。', replyText: '您反映的问题已彻底解决。' },
      ],
      ['dispatcher', 'send_reply', { replyText: '您反映的问题已彻底解决。', channel: 'sms' }],
      ['agent', 'record_callback', { solved: true, satisfaction: 'satisfied' }],
    ] as const) {
      const r = await (await d.login(who)).act(closedTwice.id, action, input);
      expect(r.status, action).toBe(200);
    }

    const dispatcher = await d.login('dispatcher');
    const list = await dispatcher.get('/api/backlog');
    expect(list.status).toBe(200);
    expect(ids(list)).toEqual([old.id, twice.id].sort());
    expect(list.body).toMatchObject({ backlogDays: 60, backlogReopens: 2, total: 2 });
    const oldItem = list.body.items.find((x: { id: string }) => x.id === old.id);
    expect(oldItem).toMatchObject({
      code: old.code,
      title: '老旧小区加装电梯纠纷',
      ageDays: 61,
      reopenCount: 0,
      why: ['age'],
      consultationCount: 0,
      lastConsultationAt: null,
      hearingCount: 0,
      hasCommitment: false,
      leadUnit: { id: d.units.twp1 },
    });
    expect(oldItem).not.toHaveProperty('requester');
    expect(JSON.stringify(list.body)).not.toContain('13800138000');
    expect(JSON.stringify(list.body)).not.toContain('王小明');
    const twiceItem = list.body.items.find((x: { id: string }) => x.id === twice.id);
    expect(twiceItem).toMatchObject({ reopenCount: 2, why: ['reopened'], ageDays: 0 });
    // Oldest first by default.
    expect(list.body.items[0].id).toBe(old.id);
    expect(ids(await dispatcher.get('/api/backlog?why=age'))).toEqual([old.id]);
    expect(ids(await dispatcher.get('/api/backlog?why=reopened'))).toEqual([twice.id]);
    expect(ids(await dispatcher.get(`/api/backlog?unitId=${d.units.vil1}`))).toEqual([twice.id]);
    expect(ids(await dispatcher.get(`/api/backlog?jurisdictionId=${d.nodes.twp2}`))).toEqual([]);
    expect(ids(await dispatcher.get(`/api/backlog?q=${encodeURIComponent('电梯')}`))).toEqual([
      old.id,
    ]);
    const paged = (await dispatcher.get('/api/backlog?pageSize=1&page=2')).body;
    expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.items.map((x: { id: string }) => x.id)).toEqual([twice.id]);

    // Scoped as the ticket list: the township sees its own and its villages' cases,
    // the village its own, a department none.
    const leader = await d.login('leader');
    expect(ids(await leader.get('/api/backlog'))).toEqual([old.id, twice.id].sort());
    expect(ids(await (await d.login('village')).get('/api/backlog'))).toEqual([twice.id]);
    expect((await (await d.login('dept')).get('/api/backlog')).body.total).toBe(0);

    // Consultations and a hearing with a commitment show on the row.
    const street = await d.login('street');
    for (const heldAt of ['2026-12-20T02:00:00.000Z', '2027-01-01T02:00:00.000Z']) {
      const r = await street.act(old.id, 'record_consultation', {
        heldAt,
        participants: '街道分管领导、城建科、社区书记、诉求人代表',
        notes: '研究加装电梯费用分摊方案,征求低层住户意见。',
        nextSteps: '下周入户走访一楼住户',
      });
      expect(r.status).toBe(200);
    }
    await street.act(old.id, 'schedule_hearing', SCHEDULE);
    const [h] = await hearingRows(old.id);
    await street.act(old.id, 'record_hearing', recordInput(h!.id, { commitment: COMMITMENT }));
    const after = await leader.get('/api/backlog');
    expect(after.body.items.find((x: { id: string }) => x.id === old.id)).toMatchObject({
      consultationCount: 2,
      lastConsultationAt: '2027-01-01T02:00:00.000Z',
      hearingCount: 1,
      hasCommitment: true,
    });
    // Never consulted first when sorting by the last consultation.
    expect(
      (await leader.get('/api/backlog?sort=lastConsultation')).body.items.map(
        (x: { id: string }) => x.id,
      ),
    ).toEqual([twice.id, old.id]);
    expect(
      (await leader.get('/api/backlog?sort=-reopens')).body.items.map((x: { id: string }) => x.id),
    ).toEqual([twice.id, old.id]);
    const panel = (await leader.get(`/api/tickets/${old.id}/hearings`)).body;
    expect(panel.consultations.map((c: { heldAt: string }) => c.heldAt)).toEqual([
      '2027-01-01T02:00:00.000Z',
      '2026-12-20T02:00:00.000Z',
    ]);
    expect(panel.consultations[0]).toMatchObject({
      unit: { id: d.units.twp1 },
      participants: '街道分管领导、城建科、社区书记、诉求人代表',
      nextSteps: '下周入户走访一楼住户',
      recordedBy: { id: d.users.street },
    });
    const trail = await events(d, old.id);
    const consulted = trail.filter((e) => e.action === 'record_consultation');
    expect(consulted).toHaveLength(2);
    expect(consulted[0]!.payload).toEqual({
      heldAt: '2026-12-20T02:00:00.000Z',
      participants: '街道分管领导、城建科、社区书记、诉求人代表',
      notes: '研究加装电梯费用分摊方案,征求低层住户意见。',
      nextSteps: '下周入户走访一楼住户',
    });

    // The Excel export: the same rows, no personal data.
    const xlsx = await ctx.app.inject({
      method: 'GET',
      url: '/api/backlog/export.xlsx?sort=-age',
      headers: { cookie: await cookieOf(d) },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe(zhCN.backlog.col.code);
    expect(ws.rowCount).toBe(3);
    expect(ws.getRow(2).getCell(1).value).toBe(old.code);
    expect(ws.getRow(2).getCell(8).value).toBe(61);
    expect(ws.getRow(2).getCell(11).value).toBe(2);
    expect(ws.getRow(2).getCell(14).value).toBe(zhCN.backlog.yes);
    expect(ws.getRow(3).getCell(10).value).toBe(zhCN.backlogReason.reopened);
    const cells = JSON.stringify(ws.getSheetValues());
    expect(cells).not.toContain('13800138000');
    expect(cells).not.toContain('王小明');

    // The district's settings decide: 90 days drops the old case, 3 reopens the other.
    const admin = await d.login('admin');
    expect((await admin.patch('/api/admin/settings', { backlogDays: 90 })).status).toBe(200);
    expect(ids(await dispatcher.get('/api/backlog'))).toEqual([twice.id]);
    expect((await admin.patch('/api/admin/settings', { backlogReopens: 3 })).status).toBe(200);
    expect((await dispatcher.get('/api/backlog')).body).toMatchObject({
      total: 0,
      backlogDays: 90,
      backlogReopens: 3,
    });
    // 1 reopen and 30 days: the once-reopened case joins; the fresh one (0 days) still not.
    await admin.patch('/api/admin/settings', { backlogDays: 30, backlogReopens: 1 });
    expect(ids(await dispatcher.get('/api/backlog'))).toEqual([old.id, twice.id, once.id].sort());
    expect(ids(await dispatcher.get('/api/backlog'))).not.toContain(fresh.id);
    // The clock moves on: 31 days later the fresh case is old enough too.
    ctx.clock.advance(31 * DAY);
    await signInAgain(d);
    const later = await d.login('dispatcher');
    expect(ids(await later.get('/api/backlog'))).toContain(fresh.id);
    expect(ids(await later.get('/api/backlog'))).not.toContain(closedTwice.id);
    expect(ids(await later.get('/api/backlog'))).not.toContain(oldClosed.id);
  });

  it('refuses bad queries', async () => {
    const d = await ctx.newDistrict();
    const dispatcher = await d.login('dispatcher');
    expect((await dispatcher.get('/api/backlog?sort=name')).status).toBe(400);
    expect((await dispatcher.get('/api/backlog?why=old')).status).toBe(400);
    expect((await dispatcher.get('/api/backlog?pageSize=1000')).status).toBe(400);
    expect((await d.anonymous().get('/api/backlog')).status).toBe(401);
  });
});

/** Signs every login in again (after the clock moved past the sessions). */
async function signInAgain(d: District): Promise<void> {
  for (const who of DEMO_LOGINS) await d.login(who, { fresh: true });
}

async function cookieOf(d: District): Promise<string> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: `${d.tenantId}-leader`, password: 'test-password' },
  });
  return `jiesu_session=${res.cookies.find((k) => k.name === 'jiesu_session')!.value}`;
}
