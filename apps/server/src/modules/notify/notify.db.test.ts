// [Interop] notifications: each rule's recipients (and nobody else; the requester's phone
// only in the requester's SMS row), the same-transaction guarantee, the sender's retries,
// backoff and dead rows on the manual clock, the adapters against local receivers, the
// channel settings (secrets write-only), the deadline sweep (once per deadline), the in-app
// list and the live stream read by a real HTTP client.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type District, type TestContext } from '../../../test/harness.js';
import { AppError } from '../../shared/errors.js';
import { ticketService } from '../tickets/service.js';
import { notificationDispatcher } from './dispatcher.js';
import { notificationListener } from './service.js';
import { recordingAdapter } from './adapters/recording.js';
import { wechatAdapter } from './adapters/wechat.js';
import { emailAdapter, type EmailMessage } from './adapters/email.js';
import { DeliveryError } from './adapters/types.js';
import type { OutboxRow } from './repository.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const PHONE = '13800138000';
const HOUR = 3_600_000;

async function rowsOf(ticketId: string): Promise<OutboxRow[]> {
  return ctx.c.db
    .selectFrom('notification_outbox')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('created_at')
    .orderBy('channel')
    .execute();
}

const ofKind = (rows: OutboxRow[], kind: string) => rows.filter((r) => r.template === kind);

async function setPhone(userId: string, phone: string) {
  await ctx.c.db.updateTable('users').set({ phone }).where('id', '=', userId).execute();
}

/** Every row addressed to staff: none carries the requester's phone, in address or text. */
function noPhoneToStaff(rows: OutboxRow[]) {
  for (const r of rows.filter((x) => x.to_user_id)) {
    expect(r.to_phone).not.toBe(PHONE);
    expect(r.text).not.toContain(PHONE);
    expect(r.text).not.toContain('王小明');
  }
}

describe('rules: residents', () => {
  it('create: the code by SMS to the requester; anonymous or without phone: none', async () => {
    const d = await ctx.newDistrict();
    const t = await d.newTicket();
    const rows = await rowsOf(t.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      channel: 'sms',
      to_user_id: null,
      to_phone: PHONE,
      template: 'ticket_received',
      status: 'queued',
      tenant_id: d.tenantId,
    });
    expect(rows[0]!.text).toContain(t.code);
    expect(rows[0]!.to_name).not.toContain('王小明');

    const anon = await d.newTicket({
      requester: { name: '王小明', phone: PHONE, anonymous: true },
    });
    expect(await rowsOf(anon.id)).toHaveLength(0);
    const noPhone = await d.newTicket({ requester: { name: '李四' } });
    expect(await rowsOf(noPhone.id)).toHaveLength(0);
    // Still anonymous when dispatched and replied: no SMS ever.
    const anonDone = await d.ticketIn('replied', {
      requester: { name: '王小明', phone: PHONE, anonymous: true },
    });
    expect((await rowsOf(anonDone.id)).filter((r) => r.channel === 'sms')).toHaveLength(0);
  });

  it('send_reply → the reply text; queue_callback → the callback notice, to the requester only', async () => {
    const d = await ctx.newDistrict();
    const t = await d.ticketIn('awaiting_callback');
    const rows = await rowsOf(t.id);
    const reply = ofKind(rows, 'ticket_replied');
    expect(reply).toHaveLength(1);
    expect(reply[0]).toMatchObject({ channel: 'sms', to_phone: PHONE, to_user_id: null });
    expect(reply[0]!.text).toContain('您反映的路灯问题已修复');
    const cb = ofKind(rows, 'callback_queued');
    expect(cb).toHaveLength(1);
    expect(cb[0]).toMatchObject({ channel: 'sms', to_phone: PHONE });
    expect(cb[0]!.text).toContain('回访');
    // Only the requester's rows carry the phone.
    expect(rows.filter((r) => r.to_phone === PHONE).every((r) => r.to_user_id === null)).toBe(true);
    noPhoneToStaff(rows);
  });
});

describe('rules: staff', () => {
  it('dispatch → in-app to the lead unit’s handlers and leaders only, SMS too when urgent', async () => {
    const d = await ctx.newDistrict();
    await setPhone(d.users.village, '13900000001');
    const t = await d.newTicket({ subjectUnitId: d.units.vil2 });
    const disp = await d.login('dispatcher');
    expect((await disp.act(t.id, 'dispatch', { leadUnitId: d.units.vil1 })).status).toBe(200);
    let rows = ofKind(await rowsOf(t.id), 'ticket_dispatched');
    // vil1 has one handler (village); a normal ticket: in-app only.
    expect(rows.map((r) => [r.channel, r.to_user_id])).toEqual([['in_app', d.users.village]]);
    expect(rows[0]!.text).toContain(t.code);
    expect(rows[0]!.text).toContain('新工单');

    const urgent = await d.newTicket({ urgency: 'urgent', subjectUnitId: d.units.vil1 });
    expect((await disp.act(urgent.id, 'dispatch', { leadUnitId: d.units.vil1 })).status).toBe(200);
    rows = ofKind(await rowsOf(urgent.id), 'ticket_dispatched');
    expect(rows.map((r) => [r.channel, r.to_user_id, r.to_phone]).sort()).toEqual([
      ['in_app', d.users.village, null],
      ['sms', d.users.village, '13900000001'],
    ]);
    // The unit complained about (vil1 here) never gets the requester's phone.
    noPhoneToStaff(await rowsOf(urgent.id));
    noPhoneToStaff(await rowsOf(t.id));
  });

  it('urge → the urged unit; blow_whistle → the summoned department', async () => {
    const d = await ctx.newDistrict();
    const t = await d.newTicket();
    const disp = await d.login('dispatcher');
    expect((await disp.act(t.id, 'dispatch', { leadUnitId: d.units.twp1 })).status).toBe(200);
    const deadline = new Date(ctx.clock.now().getTime() + 24 * HOUR).toISOString();
    const u = await disp.act(t.id, 'urge', { deadline, note: '群众反映强烈,请加快办理' });
    expect(u.status, JSON.stringify(u.body)).toBe(200);
    const urged = ofKind(await rowsOf(t.id), 'ticket_urged');
    // twp1: the street handler and the leader.
    expect(urged.map((r) => r.to_user_id).sort()).toEqual([d.users.street, d.users.leader].sort());
    expect(urged.every((r) => r.channel === 'in_app')).toBe(true);
    expect(urged[0]!.text).toContain('群众反映强烈');

    const w = await (
      await d.login('leader')
    ).act(t.id, 'blow_whistle', {
      unitIds: [d.units.dept],
      topic: '联合处置路灯线路',
      dueHours: 4,
    });
    expect(w.status, JSON.stringify(w.body)).toBe(200);
    const whistled = ofKind(await rowsOf(t.id), 'whistle_blown');
    expect(whistled.map((r) => r.to_user_id)).toEqual([d.users.dept]);
    expect(whistled[0]!.text).toContain('联合处置路灯线路');
    noPhoneToStaff(await rowsOf(t.id));
  });
});

describe('same transaction', () => {
  it('an action that fails after the listener leaves no notification row', async () => {
    const d = await ctx.newDistrict();
    const t = await d.newTicket();
    const failing = ticketService({
      db: ctx.c.db,
      clock: ctx.clock,
      calendar: ctx.c.calendar,
      eventListeners: [
        notificationListener({ hub: ctx.c.notificationHub }),
        async () => {
          throw new AppError('VERSION_CONFLICT');
        },
      ],
    });
    const user = await ctx.c.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', d.users.dispatcher)
      .executeTakeFirstOrThrow();
    const actor = await ctx.c.org.actorFor(user);
    const before = (await rowsOf(t.id)).length;
    await expect(
      failing.act(
        d.tenantId,
        t.id,
        'dispatch',
        { input: { leadUnitId: d.units.vil1 } },
        { staff: actor },
      ),
    ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    expect(await rowsOf(t.id)).toHaveLength(before);
    const view = await (await d.login('dispatcher')).get(`/api/tickets/${t.id}`);
    expect(view.body.state).toBe('received');
    // The same action through the real service writes its row.
    expect(
      (await (await d.login('dispatcher')).act(t.id, 'dispatch', { leadUnitId: d.units.vil1 }))
        .status,
    ).toBe(200);
    expect(ofKind(await rowsOf(t.id), 'ticket_dispatched')).toHaveLength(1);
  });
});

describe('the sender', () => {
  it('unconfigured channels are recorded; failures retry with backoff, then dead', async () => {
    const d = await ctx.newDistrict();
    const t = await d.newTicket();
    const [row] = await rowsOf(t.id);
    // Unconfigured SMS: the recording fallback, marked sent with the note.
    const rec = recordingAdapter();
    const sender = notificationDispatcher({ db: ctx.c.db, clock: ctx.clock, fallback: rec });
    await sender.drain();
    const sent = (await rowsOf(t.id))[0]!;
    expect(sent).toMatchObject({ status: 'sent', note: 'recorded', attempts: 1 });
    expect(rec.sent.map((r) => r.id)).toContain(row!.id);

    // A failing SMS adapter: retry after 1 min, 2 min, then dead after 3 attempts.
    const t2 = await d.newTicket();
    let calls = 0;
    const failing = notificationDispatcher({
      db: ctx.c.db,
      clock: ctx.clock,
      adapters: {
        sms: {
          async send(r) {
            if (r.ticket_id === t2.id) calls++;
            throw new DeliveryError('网关 503');
          },
        },
      },
      maxAttempts: 3,
      baseDelayMs: 60_000,
    });
    const at0 = ctx.clock.now().getTime();
    await failing.drain();
    let r2 = (await rowsOf(t2.id))[0]!;
    expect(r2).toMatchObject({ status: 'queued', attempts: 1, last_error: '网关 503' });
    expect(new Date(r2.next_attempt_at!).getTime()).toBe(at0 + 60_000);
    // Not due yet: nothing happens.
    await failing.drain();
    expect(calls).toBe(1);
    ctx.clock.advance(60_000);
    await failing.drain();
    r2 = (await rowsOf(t2.id))[0]!;
    expect(r2.attempts).toBe(2);
    expect(new Date(r2.next_attempt_at!).getTime()).toBe(at0 + 60_000 + 120_000);
    ctx.clock.advance(119_000);
    await failing.drain();
    expect(calls).toBe(2);
    ctx.clock.advance(1_000);
    await failing.drain();
    r2 = (await rowsOf(t2.id))[0]!;
    expect(r2).toMatchObject({ status: 'dead', attempts: 3, next_attempt_at: null });
    expect(calls).toBe(3);
    ctx.clock.advance(3_600_000);
    await failing.drain();
    expect(calls).toBe(3);
  });
});

/** A local HTTP receiver answering with the given status, recording what it got. */
async function receiver(answer: (req: IncomingMessage, body: string) => [number, string]) {
  const got: Array<{ url: string; headers: IncomingMessage['headers']; body: string }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ url: req.url ?? '', headers: req.headers, body });
      const [status, text] = answer(req, body);
      res.writeHead(status, { 'content-type': 'application/json' }).end(text);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { got, url, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

describe('adapters and channel settings', () => {
  it('the SMS gateway: body template filled, auth header sent, non-2xx retried; secrets never returned', async () => {
    const d = await ctx.newDistrict();
    let status = 200;
    const gw = await receiver(() => [status, '{"ok":true}']);
    try {
      const admin = await d.login('admin');
      const bad = await admin.put('/api/admin/notification-channels/sms', {
        enabled: true,
        settings: { appId: 'x', templateIds: {} },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('NOTIFICATION_CHANNEL_INVALID');
      expect(
        (await (await d.login('village')).get('/api/admin/notification-channels')).status,
      ).toBe(403);
      const put = await admin.put('/api/admin/notification-channels/sms', {
        enabled: true,
        settings: {
          url: `${gw.url}/send`,
          authHeader: 'X-Api-Key',
          bodyTemplate: '{"mobile":"{phone}","content":"{text}","sign":"青岚区"}',
        },
        secrets: { authValue: 'very-secret-key' },
      });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      expect(put.body.secretsSet).toEqual(['authValue']);
      const list = await admin.get('/api/admin/notification-channels');
      expect(JSON.stringify(list.body)).not.toContain('very-secret-key');
      expect(list.body.items.find((x: { channel: string }) => x.channel === 'sms').enabled).toBe(
        true,
      );

      const t = await d.newTicket({ title: '路灯"不亮"' });
      const sender = notificationDispatcher({ db: ctx.c.db, clock: ctx.clock });
      await sender.drain();
      const mine = gw.got.filter((g) => g.body.includes(t.code));
      expect(mine).toHaveLength(1);
      expect(mine[0]!.url).toBe('/send');
      expect(mine[0]!.headers['x-api-key']).toBe('very-secret-key');
      expect(JSON.parse(mine[0]!.body)).toEqual({
        mobile: PHONE,
        content: expect.stringContaining(t.code),
        sign: '青岚区',
      });
      expect((await rowsOf(t.id))[0]).toMatchObject({ status: 'sent', note: 'gateway 200' });

      // The gateway refuses: the row stays queued with the error and a retry time.
      status = 502;
      const t2 = await d.newTicket();
      await sender.drain();
      const r = (await rowsOf(t2.id))[0]!;
      expect(r.status).toBe('queued');
      expect(r.last_error).toContain('502');
      expect(new Date(r.next_attempt_at!).getTime()).toBeGreaterThan(ctx.clock.now().getTime());
      // Changing settings without secrets keeps the secret.
      await admin.put('/api/admin/notification-channels/sms', {
        enabled: false,
        settings: { url: `${gw.url}/send`, bodyTemplate: '{phone}:{text}' },
      });
      expect(
        (await admin.get('/api/admin/notification-channels')).body.items[0].secretsSet,
      ).toEqual(['authValue']);
    } finally {
      await gw.close();
    }
  });

  it('WeChat: token then template message with the kind’s template id; email through a transport', async () => {
    const wx = await receiver((req) =>
      req.url!.startsWith('/cgi-bin/token')
        ? [200, '{"access_token":"TOKEN1","expires_in":7200}']
        : [200, '{"errcode":0,"msgid":42}'],
    );
    try {
      const row = {
        id: 'x',
        channel: 'wechat',
        to_openid: 'openid-1',
        template: 'ticket_received',
        params: { code: 'QL-1' },
        text: 'x',
      } as unknown as OutboxRow;
      const cfg = {
        enabled: true,
        settings: { appId: 'wx1', apiBase: wx.url, templateIds: { ticket_received: 'TPL-A' } },
        secrets: { appSecret: 's3' },
      };
      const a = wechatAdapter();
      expect(await a.send(row, cfg)).toEqual({ note: 'msgid 42' });
      await a.send(row, cfg);
      // One token for two messages.
      expect(wx.got.filter((g) => g.url.startsWith('/cgi-bin/token'))).toHaveLength(1);
      const msg = JSON.parse(wx.got[1]!.body);
      expect(msg).toEqual({
        touser: 'openid-1',
        template_id: 'TPL-A',
        data: { code: { value: 'QL-1' } },
      });
      expect(wx.got[1]!.url).toContain('access_token=TOKEN1');
      await expect(a.send({ ...row, template: 'overdue' }, cfg)).rejects.toThrow('未配置消息模板');
    } finally {
      await wx.close();
    }

    const outbox: EmailMessage[] = [];
    const mail = emailAdapter({
      async send(m) {
        outbox.push(m);
        return { messageId: 'm1' };
      },
    });
    const r = await mail.send(
      {
        to_email: 'a@example.org',
        template: 'overdue',
        text: '工单已超期',
      } as unknown as OutboxRow,
      {
        enabled: true,
        settings: { host: 'smtp.example.org', port: 465, from: 'noreply@example.org' },
        secrets: { password: 'pw' },
      },
    );
    expect(r.note).toBe('message m1');
    expect(outbox[0]).toMatchObject({
      to: 'a@example.org',
      from: 'noreply@example.org',
      subject: '【接诉即办】工单已超期',
      text: '工单已超期',
      smtp: { host: 'smtp.example.org', port: 465, secure: true, password: 'pw' },
    });
  });
});

describe('deadline sweep', () => {
  it('due soon, then overdue, each once per deadline, to the holding unit', async () => {
    const d = await ctx.newDistrict();
    const t = await d.newTicket({ categoryId: d.categories.heating, title: '暖气不热' });
    const r = await (
      await d.login('dispatcher')
    ).act(t.id, 'dispatch', { leadUnitId: d.units.vil1 });
    expect(r.status).toBe(200);
    const due = new Date(r.body.completionDueAt).getTime();
    ctx.clock.set(new Date(due - 5 * HOUR));
    await ctx.c.notifications.sweepDeadlines(d.tenantId);
    expect(ofKind(await rowsOf(t.id), 'due_soon')).toHaveLength(0);
    ctx.clock.set(new Date(due - 3 * HOUR));
    expect(await ctx.c.notifications.sweepDeadlines(d.tenantId)).toEqual({
      dueSoon: 1,
      overdue: 0,
      queued: 1,
    });
    expect(await ctx.c.notifications.sweepDeadlines(d.tenantId)).toEqual({
      dueSoon: 0,
      overdue: 0,
      queued: 0,
    });
    const soon = ofKind(await rowsOf(t.id), 'due_soon');
    expect(soon.map((x) => [x.channel, x.to_user_id])).toEqual([['in_app', d.users.village]]);
    ctx.clock.set(new Date(due + 1_000));
    const admin = await d.login('admin', { fresh: true });
    const swept = await admin.post('/api/notifications/sweep');
    expect(swept.body).toEqual({ dueSoon: 0, overdue: 1, queued: 1 });
    expect((await admin.post('/api/notifications/sweep')).body.overdue).toBe(0);
    expect(ofKind(await rowsOf(t.id), 'overdue')[0]!.text).toContain('超期');
  });
});

describe('my notifications and the live stream', () => {
  async function session(d: District, who: 'village') {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: `${d.tenantId}-${who}`, password: 'test-password' },
    });
    const cookie = res.cookies.find((k) => k.name === 'jiesu_session')!;
    return { cookie: `jiesu_session=${cookie.value}`, csrf: res.json().csrfToken as string };
  }

  it('an SSE client receives the dispatch; list, unread filter, read and read-all', async () => {
    const d = await ctx.newDistrict();
    const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const s = await session(d, 'village');
    const ac = new AbortController();
    const res = await fetch(`${address}/api/notifications/stream`, {
      headers: { cookie: s.cookie, accept: 'text/event-stream' },
      signal: ac.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    async function nextEvent(): Promise<string> {
      for (;;) {
        const m = /event: notification\ndata: (.*)\n\n/.exec(buf);
        if (m) {
          buf = buf.slice(m.index + m[0].length);
          return m[1]!;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buf += decoder.decode(value, { stream: true });
      }
    }
    // A stream without a session is refused.
    expect((await fetch(`${address}/api/notifications/stream`)).status).toBe(401);

    const t = await d.newTicket();
    const disp = await d.login('dispatcher');
    const got = nextEvent();
    expect((await disp.act(t.id, 'dispatch', { leadUnitId: d.units.vil1 })).status).toBe(200);
    const ev = JSON.parse(await got);
    expect(ev.unread).toBe(1);
    expect(ev.notification).toMatchObject({
      ticketId: t.id,
      kind: 'ticket_dispatched',
      readAt: null,
    });
    expect(ev.notification.text).toContain(t.code);
    ac.abort();

    // The second notification is a minute newer: the list is newest first.
    ctx.clock.advance(60_000);
    const t2 = await d.newTicket();
    await disp.act(t2.id, 'dispatch', { leadUnitId: d.units.vil1 });
    const village = await d.login('village');
    const list = await village.get('/api/notifications');
    expect(list.body).toMatchObject({ total: 2, unread: 2 });
    expect(list.body.items[0].ticketId).toBe(t2.id);
    // Other people's notifications are not mine.
    expect((await disp.post(`/api/notifications/${ev.notification.id}/read`)).status).toBe(404);
    const read = await village.post(`/api/notifications/${ev.notification.id}/read`);
    expect(read.body).toEqual({ updated: 1, unread: 1 });
    expect(
      (await village.get('/api/notifications?unread=true')).body.items.map(
        (x: { ticketId: string }) => x.ticketId,
      ),
    ).toEqual([t2.id]);
    expect((await village.post('/api/notifications/read-all')).body).toEqual({
      updated: 1,
      unread: 0,
    });
    expect((await village.get('/api/notifications')).body.unread).toBe(0);
    // The stream's subscription ended with the client.
    await new Promise((ok) => setTimeout(ok, 50));
    expect(ctx.c.notificationHub.subscribers()).toBe(0);
  });
});
