// [Interop] webhooks through the outbox, against a real HTTP receiver on 127.0.0.1:
// a receiver that fails its first 3 requests and then succeeds gets every event of 20
// interleaved tickets exactly once (by delivery id and by ticket and seq), per ticket in
// seq order, each signed; a delivery that fails every try is dead, listed, and replayed
// (the ticket's later events waiting for it); random failure patterns keep it so.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import type { District } from '../../../test/factories.js';
import { signature, webhookService, backoffMs } from './service.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const HOUR = 3600_000;

interface Received {
  delivery: string;
  event: string;
  timestamp: string;
  signature: string;
  body: string;
  json: {
    ticket: { id: string; upstreamId: string | null } | null;
    event: { seq: number; action: string };
  };
  status: number;
}

/** A receiver whose answer to the n-th request (from 0) is `answer(n)`; 0 drops the connection. */
async function receiver(answer: (n: number) => number) {
  const got: Received[] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const status = answer(n++);
      if (status === 0) {
        got.push({ status, body, json: JSON.parse(body) } as Received);
        req.socket.destroy();
        return;
      }
      got.push({
        delivery: String(req.headers['x-jiesu-delivery']),
        event: String(req.headers['x-jiesu-event']),
        timestamp: String(req.headers['x-jiesu-timestamp']),
        signature: String(req.headers['x-jiesu-signature']),
        body,
        json: JSON.parse(body),
        status,
      });
      res.statusCode = status;
      res.end(status < 300 ? 'ok' : 'fail');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    got,
    ok: () => got.filter((g) => g.status >= 200 && g.status < 300),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function subscribe(d: District, url: string, extra: Record<string, unknown> = {}) {
  const admin = await d.login('admin');
  const res = await admin.post('/api/webhooks', {
    name: '测试接收方',
    url,
    eventTypes: ['*'],
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { webhook: { id: string }; secret: string };
}

/** Drains, moving the clock an hour between rounds, until nothing is pending. */
async function drainAll(drain: () => Promise<{ sent: number }>, rounds = 40) {
  for (let i = 0; i < rounds; i++) {
    const r = await drain();
    const open = await ctx.c.db
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', ['pending', 'delivering'])
      .executeTakeFirstOrThrow();
    if (Number(open.n) === 0 && r.sent === 0) return;
    ctx.clock.advance(HOUR);
  }
}

const STEPS: Array<
  [Parameters<District['login']>[0], string, (d: District) => Record<string, unknown>]
> = [
  ['dispatcher', 'dispatch', (d) => ({ leadUnitId: d.units.vil1 })],
  ['village', 'accept', () => ({})],
  ['village', 'start_handling', () => ({})],
  [
    'village',
    'give_feedback',
    () => ({
      result: '已联系供电所更换灯泡,路灯恢复照明。',
      replyText: '您反映的路灯问题已修复。',
    }),
  ],
];

describe('webhook delivery', () => {
  it('a receiver failing 3 times then succeeding gets every event exactly once, in order per ticket, signed', async () => {
    const d = await ctx.newDistrict();
    const rx = await receiver((n) => (n < 3 ? 500 : 200));
    const { webhook, secret } = await subscribe(d, rx.url);
    expect(secret).toMatch(/^whsec_/);
    // The secret is never shown again.
    const list = await (await d.login('admin')).get('/api/webhooks');
    expect(JSON.stringify(list.body)).not.toContain(secret);

    const tickets = [];
    for (let i = 0; i < 20; i++) tickets.push(await d.newTicket({ title: `路灯不亮 ${i}` }));
    // Interleaved: every ticket's next action in turn, with a drain now and then.
    for (const [s, [who, action, input]] of STEPS.entries()) {
      for (const t of tickets) {
        const res = await (await d.login(who)).act(t.id, action, input(d));
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      }
      if (s % 2 === 0) await ctx.c.webhooks.drain();
    }
    // A refused action writes no event and no delivery.
    const refused = await (await d.login('village')).act(tickets[0].id, 'accept', {});
    expect(refused.status).toBe(409);

    await drainAll(() => ctx.c.webhooks.drain());
    await rx.close();

    const events = await ctx.c.db
      .selectFrom('ticket_events')
      .select(['ticket_id', 'seq'])
      .where(
        'ticket_id',
        'in',
        tickets.map((t) => t.id),
      )
      .orderBy('ticket_id')
      .orderBy('seq')
      .execute();
    expect(events.length).toBe(20 * 5);
    const ok = rx.ok();
    // Exactly once: by delivery id and by (ticket, seq), and nothing missing.
    expect(new Set(ok.map((g) => g.delivery)).size).toBe(ok.length);
    const keys = ok.map((g) => `${g.json.ticket!.id}:${g.json.event.seq}`);
    expect(new Set(keys).size).toBe(ok.length);
    expect(new Set(keys)).toEqual(new Set(events.map((e) => `${e.ticket_id}:${e.seq}`)));
    // In order per ticket.
    for (const t of tickets) {
      const seqs = ok.filter((g) => g.json.ticket!.id === t.id).map((g) => g.json.event.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(seqs.length).toBe(5);
    }
    // The three failures were retried, each got through on its second try.
    expect(rx.got.filter((g) => g.status === 500)).toHaveLength(3);
    const failedIds = rx.got.filter((g) => g.status === 500).map((g) => g.delivery);
    for (const id of failedIds) {
      // The drain moved the clock past the first session: sign in again.
      const det = await (
        await d.login('admin', { fresh: true })
      ).get(`/api/webhook-deliveries/${id}`);
      expect(det.status, JSON.stringify(det.body)).toBe(200);
      expect(det.body.delivery.status).toBe('delivered');
      expect(det.body.attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([
        500, 200,
      ]);
    }
    // Signed; headers agree with the body; no personal data of the requester.
    for (const g of rx.got) {
      expect(g.signature).toBe(signature(secret, g.timestamp, g.body));
      expect(g.event).toBe(g.json.event.action);
      expect(g.body).not.toContain('王小明');
      expect(g.body).not.toContain('13800138000');
    }
    expect(signature('wrong', rx.got[0]!.timestamp, rx.got[0]!.body)).not.toBe(
      rx.got[0]!.signature,
    );
    const all = await (
      await d.login('admin')
    ).get(`/api/webhook-deliveries?subscriptionId=${webhook.id}&pageSize=200`);
    expect(all.body.total).toBe(100);
    expect(all.body.items.every((i: { status: string }) => i.status === 'delivered')).toBe(true);
  });

  it('after N failed tries a delivery is dead, later events of its ticket wait, and a replay sends both in order', async () => {
    const d = await ctx.newDistrict();
    let failing = true;
    const rx = await receiver(() => (failing ? 503 : 204));
    const { webhook } = await subscribe(d, rx.url);
    const svc = webhookService({
      db: ctx.c.db,
      clock: ctx.clock,
      dataKey: ctx.c.config.residentDataKey,
      options: { maxAttempts: 3, random: () => 0.5 },
    });
    const t = await d.newTicket();
    await (await d.login('dispatcher')).act(t.id, 'dispatch', { leadUnitId: d.units.vil1 });

    expect((await svc.drain()).failed).toBe(1);
    // Backoff: not due again until 30 s · ½ + jitter have passed.
    expect((await svc.drain()).sent).toBe(0);
    expect(backoffMs(1, { baseMs: 30_000, capMs: HOUR, random: () => 0.5 })).toBe(22_500);
    expect(backoffMs(20, { baseMs: 30_000, capMs: HOUR, random: () => 0.999 })).toBeLessThanOrEqual(
      HOUR,
    );
    await drainAll(() => svc.drain());
    expect(rx.got.map((g) => g.json.event.seq)).toEqual([1, 1, 1]);

    const admin = await d.login('admin', { fresh: true });
    const dead = await admin.get(
      `/api/webhook-deliveries?status=dead&subscriptionId=${webhook.id}`,
    );
    expect(dead.body.total, JSON.stringify(dead.body)).toBe(1);
    const id = dead.body.items[0].id;
    expect(dead.body.items[0].attempts).toBe(3);
    const pending = await admin.get(`/api/webhook-deliveries?status=pending&ticketId=${t.id}`);
    expect(pending.body.items.map((i: { seq: number }) => i.seq)).toEqual([2]);
    const det = await admin.get(`/api/webhook-deliveries/${id}`);
    expect(det.body.attempts).toHaveLength(3);
    expect(det.body.attempts[0].statusCode).toBe(503);
    const subs = await admin.get('/api/webhooks');
    expect(subs.body.items.find((s: { id: string }) => s.id === webhook.id).dead).toBe(1);

    // Only a dead delivery can be replayed; others get 409.
    const notDead = await admin.post(`/api/webhook-deliveries/${pending.body.items[0].id}/replay`);
    expect(notDead.status).toBe(409);
    expect(notDead.body.error.code).toBe('WEBHOOK_DELIVERY_NOT_DEAD');

    failing = false;
    const replay = await admin.post(`/api/webhook-deliveries/${id}/replay`);
    expect(replay.status, JSON.stringify(replay.body)).toBe(200);
    expect(replay.body.status).toBe('pending');
    await drainAll(() => svc.drain());
    expect(rx.ok().map((g) => g.json.event.seq)).toEqual([1, 2]);
    await rx.close();
  });

  it('validates subscriptions and pings; only administrators manage them', async () => {
    const d = await ctx.newDistrict();
    const admin = await d.login('admin');
    const bad = await admin.post('/api/webhooks', {
      name: 'x',
      url: 'ftp://example.com/x',
      eventTypes: ['*'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('WEBHOOK_URL_INVALID');
    const badType = await admin.post('/api/webhooks', {
      name: 'x',
      url: 'http://127.0.0.1:1/x',
      eventTypes: ['nope'],
    });
    expect(badType.status).toBe(400);
    expect((await (await d.login('dispatcher')).get('/api/webhooks')).status).toBe(403);

    const rx = await receiver(() => 200);
    const { webhook, secret } = await subscribe(d, rx.url, { eventTypes: ['dispatch'] });
    const ping = await admin.post(`/api/webhooks/${webhook.id}/ping`);
    expect(ping.status, JSON.stringify(ping.body)).toBe(200);
    expect(ping.body.delivery.status).toBe('delivered');
    expect(rx.got[0]!.event).toBe('ping');
    expect(rx.got[0]!.signature).toBe(signature(secret, rx.got[0]!.timestamp, rx.got[0]!.body));
    // Only the subscribed event type; nothing after the subscription is disabled.
    const t = await d.newTicket();
    await (await d.login('dispatcher')).act(t.id, 'dispatch', { leadUnitId: d.units.vil1 });
    expect((await admin.del(`/api/webhooks/${webhook.id}`)).body.active).toBe(false);
    const t2 = await d.newTicket();
    await (await d.login('dispatcher')).act(t2.id, 'dispatch', { leadUnitId: d.units.vil1 });
    const mine = await admin.get(`/api/webhook-deliveries?subscriptionId=${webhook.id}`);
    expect(mine.body.items.map((i: { eventType: string }) => i.eventType).sort()).toEqual([
      'dispatch',
      'ping',
    ]);
    await rx.close();
  });
});

describe('property: random failure patterns', () => {
  it('every event is delivered exactly once and in order per ticket', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(200, 500, 502, 0), { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 8 }),
        async (pattern, order) => {
          const d = await ctx.newDistrict();
          // 0 = the connection is dropped (a network failure), else the status code.
          let n = 0;
          const rx = await receiver((i) => pattern[i] ?? 200);
          const svc = webhookService({
            db: ctx.c.db,
            clock: ctx.clock,
            dataKey: ctx.c.config.residentDataKey,
            options: { maxAttempts: 50 },
          });
          await subscribe(d, rx.url);
          const tickets = [await d.newTicket(), await d.newTicket(), await d.newTicket()];
          const next = [0, 0, 0];
          for (const k of order) {
            const step = STEPS[next[k]!];
            if (!step) continue;
            next[k]!++;
            const [who, action, input] = step;
            const res = await (await d.login(who)).act(tickets[k]!.id, action, input(d));
            expect(res.status).toBe(200);
            if (n++ % 2 === 0) await svc.drain(2);
          }
          await drainAll(() => svc.drain(), 80);
          await rx.close();
          const ok = rx.ok();
          const keys = ok.map((g) => `${g.json.ticket!.id}:${g.json.event.seq}`);
          expect(new Set(ok.map((g) => g.delivery)).size).toBe(ok.length);
          expect(new Set(keys).size).toBe(ok.length);
          for (const [k, t] of tickets.entries()) {
            const seqs = ok.filter((g) => g.json.ticket!.id === t.id).map((g) => g.json.event.seq);
            expect(seqs).toEqual(Array.from({ length: next[k]! + 1 }, (_, i) => i + 1));
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});
