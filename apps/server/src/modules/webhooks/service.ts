// [Interop] webhooks. The listener writes one outbox row per matching active
// subscription in the event's own transaction, so a delivery exists if and only if
// its event committed, and at most once (unique subscription, ticket, seq). The drain
// claims due rows (per subscription and ticket only the lowest undelivered seq), POSTs
// them signed, and records every try; a failure is retried with exponential backoff
// and jitter, and after `maxAttempts` tries the delivery is dead until an
// administrator replays it. A delivery whose POST succeeded but whose result was not
// recorded (the process died) is sent again after its lock: receivers deduplicate on
// X-Jiesu-Delivery.
import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  WEBHOOK_EVENT_TYPES,
  type CreateWebhookBody,
  type CreatedWebhook,
  type UpdateWebhookBody,
  type WebhookDeliveryDetail,
  type WebhookDeliveryList,
  type WebhookDeliveryQuery,
  type WebhookDeliveryView,
  type WebhookDrainResult,
  type WebhookList,
  type WebhookPayload,
  type WebhookView,
} from '@jiesu/contracts';
import type { DB, Ticket } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import type { StaffActor } from '../../shared/actor.js';
import { fieldCipher } from '../residents/crypto.js';
import type { TicketEventListener } from '../tickets/hooks.js';
import { publicText } from '../public/service.js';
import { webhookRepository, type ClaimedDelivery } from './repository.js';

export interface WebhookOptions {
  /** Tries before a delivery is dead (WEBHOOK_MAX_ATTEMPTS, default 8). */
  maxAttempts: number;
  /** The first retry's delay; each next one doubles, up to `capMs`. */
  baseMs: number;
  capMs: number;
  /** Per request. */
  timeoutMs: number;
  /** Deliveries claimed per round. */
  batch: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** In [0, 1): the jitter's source; tests may fix it. */
  random: () => number;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = {
  maxAttempts: 8,
  baseMs: 30_000,
  capMs: 3_600_000,
  timeoutMs: 10_000,
  batch: 50,
  concurrency: 8,
  random: Math.random,
};

/** The delay before try `attempts + 1`: base·2^(attempts−1), capped, with "equal jitter" (half fixed, half random). */
export function backoffMs(
  attempts: number,
  o: Pick<WebhookOptions, 'baseMs' | 'capMs' | 'random'>,
) {
  const full = Math.min(o.capMs, o.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(full / 2 + (full / 2) * o.random());
}

/** `sha256=` + hex HMAC-SHA256 of `timestamp.body` under the subscription's secret. */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/** The ticket as a receiver sees it: no requester name, phone or free text they wrote. */
export function ticketSummary(t: Ticket): NonNullable<WebhookPayload['ticket']> {
  return {
    id: t.id,
    code: t.code,
    upstreamId: t.upstream_id,
    channel: t.channel,
    type: t.type,
    urgency: t.urgency,
    state: t.state,
    title: t.title,
    categoryId: t.category_id,
    jurisdictionId: t.jurisdiction_id,
    leadUnitId: t.lead_unit_id,
    receivedAt: iso(t.received_at)!,
    responseDueAt: iso(t.response_due_at),
    completionDueAt: iso(t.completion_due_at),
    closedAt: iso(t.closed_at),
  };
}

function checkUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AppError('WEBHOOK_URL_INVALID', [{ path: '/url', message: '推送地址不是有效网址' }]);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new AppError('WEBHOOK_URL_INVALID', [
      { path: '/url', message: '推送地址须为 http 或 https 网址' },
    ]);
  }
  return u.toString();
}

function checkEventTypes(types: string[]): string[] {
  const bad = types.filter((t) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(t));
  if (bad.length) {
    throw new AppError('VALIDATION_FAILED', [
      { path: '/eventTypes', message: `未知的事件类型:${bad.join('、')}` },
    ]);
  }
  return [...new Set(types)];
}

export function webhookService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  /** The server's data key; the signing secrets are kept encrypted under a key derived from it. */
  dataKey: string;
  options?: Partial<WebhookOptions>;
  fetch?: typeof fetch;
}) {
  const { db, clock } = deps;
  const o: WebhookOptions = { ...DEFAULT_WEBHOOK_OPTIONS, ...deps.options };
  const send = deps.fetch ?? fetch;
  const repo = webhookRepository(db);
  const cipher = fieldCipher(`${deps.dataKey}:webhooks`);

  type SubRow = NonNullable<Awaited<ReturnType<typeof repo.subscription>>>;
  const toView = (s: SubRow, counts = { pending: 0, dead: 0 }): WebhookView => ({
    id: s.id,
    name: s.name,
    url: s.url,
    kind: s.kind,
    eventTypes: s.event_types,
    active: s.active,
    createdAt: iso(s.created_at)!,
    pending: Number(counts.pending ?? 0),
    dead: Number(counts.dead ?? 0),
  });

  type DeliveryRow = Awaited<ReturnType<typeof repo.list>>['items'][number];
  const deliveryView = (d: DeliveryRow): WebhookDeliveryView => ({
    id: d.id,
    subscription: { id: d.subscription_id, name: d.subscription_name },
    ticket: d.ticket_id ? { id: d.ticket_id, code: d.ticket_code ?? '' } : null,
    seq: d.seq,
    eventType: d.event_type,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: iso(d.next_attempt_at)!,
    lastStatus: d.last_status,
    lastError: d.last_error,
    createdAt: iso(d.created_at)!,
    deliveredAt: iso(d.delivered_at),
  });

  async function sub(tenantId: string, id: string): Promise<SubRow> {
    const s = await repo.subscription(tenantId, id);
    if (!s) throw new AppError('WEBHOOK_NOT_FOUND');
    return s;
  }

  /** One try of one claimed delivery; records it and decides what comes next. */
  async function attempt(
    d: ClaimedDelivery,
    target: { url: string; secret: string },
    maxAttempts = o.maxAttempts,
  ): Promise<'delivered' | 'failed' | 'dead' | 'lost'> {
    const now = clock.now();
    const body = JSON.stringify(d.payload);
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const started = performance.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await send(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'jiesu-webhooks/1',
          'x-jiesu-event': d.event_type,
          'x-jiesu-delivery': d.id,
          'x-jiesu-timestamp': timestamp,
          'x-jiesu-signature': signature(target.secret, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(o.timeoutMs),
      });
      status = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      error =
        err.name === 'TimeoutError'
          ? `超时(${o.timeoutMs} ms)`
          : String(err.cause?.code ?? err.message ?? err).slice(0, 500);
    }
    const tries = d.attempts + 1;
    const ok = error === null;
    const dead = !ok && tries >= maxAttempts;
    const recorded = await repo.finish(
      d.id,
      {
        id: newId(),
        delivery_id: d.id,
        attempt: tries,
        at: now,
        status_code: status,
        duration_ms: Math.round(performance.now() - started),
        error,
      },
      {
        status: ok ? 'delivered' : dead ? 'dead' : 'pending',
        nextAttemptAt: ok || dead ? now : new Date(now.getTime() + backoffMs(tries, o)),
        lastStatus: status,
        lastError: error,
        deliveredAt: ok ? now : null,
      },
    );
    if (!recorded) return 'lost';
    return ok ? 'delivered' : dead ? 'dead' : 'failed';
  }

  async function targets(ids: string[]) {
    const rows = await repo.subscriptionsByIds([...new Set(ids)]);
    return new Map(
      rows.map((r) => [r.id, { url: r.url, secret: cipher.decrypt(r.secret_cipher) }]),
    );
  }

  /** One round: claim due deliveries and send them. */
  async function drainOnce(): Promise<WebhookDrainResult> {
    const now = clock.now();
    const claimed = await repo.claim(now, new Date(now.getTime() + o.timeoutMs + 60_000), o.batch);
    const out: WebhookDrainResult = { sent: 0, delivered: 0, failed: 0, dead: 0 };
    if (!claimed.length) return out;
    const t = await targets(claimed.map((d) => d.subscription_id));
    let next = 0;
    const worker = async () => {
      while (next < claimed.length) {
        const d = claimed[next++]!;
        const r = await attempt(d, t.get(d.subscription_id)!);
        out.sent++;
        if (r === 'delivered') out.delivered++;
        else if (r === 'dead') out.dead++;
        else if (r === 'failed') out.failed++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(o.concurrency, claimed.length) }, worker));
    return out;
  }

  let running: Promise<WebhookDrainResult> | null = null;

  return {
    /** The outbox writer, for the ticket service's `eventListeners`. */
    listener: (async ({ trx, tenantId, ticket, event }) => {
      const r = webhookRepository(trx);
      const subs = (await r.active(tenantId)).filter(
        (s) =>
          (s.event_types.includes('*') || s.event_types.includes(event.action)) &&
          (s.kind !== 'upstream' || ticket.channel === 'upstream'),
      );
      if (!subs.length) return;
      const summary = ticketSummary(ticket);
      const text =
        event.visibility === 'public' ? publicText(event.action, event.payload, null) : null;
      const now = clock.now();
      await r.insertDeliveries(
        subs.map((s) => {
          const id = newId();
          const payload: WebhookPayload = {
            deliveryId: id,
            type: event.action,
            tenant: tenantId,
            event: {
              action: event.action,
              seq: event.seq,
              fromState: event.from_state,
              toState: event.to_state,
              at: event.at.toISOString(),
              text,
            },
            ticket: summary,
          };
          return {
            id,
            tenant_id: tenantId,
            subscription_id: s.id,
            ticket_id: ticket.id,
            seq: event.seq,
            event_type: event.action,
            payload: JSON.stringify(payload),
            next_attempt_at: now,
            created_at: now,
          };
        }),
      );
    }) satisfies TicketEventListener,

    /** Rounds until nothing is due (at most `maxRounds`); what the worker tick and tests call. */
    async drain(maxRounds = 100): Promise<WebhookDrainResult> {
      const total: WebhookDrainResult = { sent: 0, delivered: 0, failed: 0, dead: 0 };
      for (let i = 0; i < maxRounds; i++) {
        const r = await drainOnce();
        total.sent += r.sent;
        total.delivered += r.delivered;
        total.failed += r.failed;
        total.dead += r.dead;
        if (r.sent === 0) break;
      }
      return total;
    },

    /** The worker's tick: never overlaps itself, never throws. */
    tick(): Promise<WebhookDrainResult | null> {
      if (running) return running;
      running = this.drain()
        .catch(() => null as unknown as WebhookDrainResult)
        .finally(() => {
          running = null;
        });
      return running;
    },

    async list(actor: StaffActor): Promise<WebhookList> {
      const rows = await repo.subscriptions(actor.tenantId);
      return { items: rows.map((s) => toView(s, { pending: s.pending ?? 0, dead: s.dead ?? 0 })) };
    },

    async create(actor: StaffActor, body: CreateWebhookBody): Promise<CreatedWebhook> {
      const now = clock.now();
      const secret = `whsec_${randomBytes(24).toString('base64url')}`;
      const row = {
        id: newId(),
        tenant_id: actor.tenantId,
        name: body.name.trim(),
        url: checkUrl(body.url),
        kind: body.kind ?? 'standard',
        event_types: checkEventTypes(body.eventTypes),
        secret_cipher: cipher.encrypt(secret),
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      };
      await repo.insertSubscription(row);
      return { webhook: toView(await sub(actor.tenantId, row.id)), secret };
    },

    async update(actor: StaffActor, id: string, body: UpdateWebhookBody): Promise<WebhookView> {
      await sub(actor.tenantId, id);
      await repo.updateSubscription(actor.tenantId, id, {
        ...(body.name !== undefined ? { name: body.name.trim() } : {}),
        ...(body.url !== undefined ? { url: checkUrl(body.url) } : {}),
        ...(body.eventTypes !== undefined ? { event_types: checkEventTypes(body.eventTypes) } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
        updated_at: clock.now(),
      });
      const rows = await repo.subscriptions(actor.tenantId);
      const s = rows.find((r) => r.id === id)!;
      return toView(s, { pending: s.pending ?? 0, dead: s.dead ?? 0 });
    },

    /** Disables the subscription (its log stays); a disabled one gets and sends nothing. */
    async remove(actor: StaffActor, id: string): Promise<WebhookView> {
      return this.update(actor, id, { active: false });
    },

    async deliveries(actor: StaffActor, q: WebhookDeliveryQuery): Promise<WebhookDeliveryList> {
      const r = await repo.list(actor.tenantId, q);
      return { ...r, items: r.items.map(deliveryView) };
    },

    async delivery(actor: StaffActor, id: string): Promise<WebhookDeliveryDetail> {
      const d = await repo.delivery(actor.tenantId, id);
      if (!d) throw new AppError('WEBHOOK_DELIVERY_NOT_FOUND');
      const attempts = await repo.attempts(id);
      return {
        delivery: deliveryView(d),
        payload: d.payload as Record<string, unknown>,
        attempts: attempts.map((a) => ({
          attempt: a.attempt,
          at: iso(a.at)!,
          statusCode: a.status_code,
          durationMs: a.duration_ms,
          error: a.error,
        })),
      };
    },

    /** A dead delivery back to the outbox, tries reset; later events of its ticket still wait for it. */
    async replay(actor: StaffActor, id: string): Promise<WebhookDeliveryView> {
      const d = await repo.delivery(actor.tenantId, id);
      if (!d) throw new AppError('WEBHOOK_DELIVERY_NOT_FOUND');
      if (!(await repo.replay(actor.tenantId, id, clock.now()))) {
        throw new AppError('WEBHOOK_DELIVERY_NOT_DEAD');
      }
      return deliveryView((await repo.delivery(actor.tenantId, id))!);
    },

    /** Sends a `ping` now, once (no retries), and answers how it went; it is logged like any delivery. */
    async ping(actor: StaffActor, id: string): Promise<WebhookDeliveryDetail> {
      const s = await sub(actor.tenantId, id);
      const now = clock.now();
      const deliveryId = newId();
      const payload: WebhookPayload = {
        deliveryId,
        type: 'ping',
        tenant: actor.tenantId,
        event: {
          action: 'ping',
          seq: 0,
          fromState: null,
          toState: null,
          at: now.toISOString(),
          text: null,
        },
        ticket: null,
      };
      await db
        .insertInto('webhook_deliveries')
        .values({
          id: deliveryId,
          tenant_id: actor.tenantId,
          subscription_id: s.id,
          ticket_id: null,
          seq: 0,
          event_type: 'ping',
          payload: JSON.stringify(payload),
          status: 'delivering',
          next_attempt_at: now,
          locked_until: new Date(now.getTime() + o.timeoutMs + 60_000),
          created_at: now,
        })
        .execute();
      await attempt(
        {
          id: deliveryId,
          tenant_id: actor.tenantId,
          subscription_id: s.id,
          ticket_id: null,
          seq: 0,
          event_type: 'ping',
          payload,
          attempts: 0,
        },
        { url: s.url, secret: cipher.decrypt(s.secret_cipher) },
        1,
      );
      return this.delivery(actor, deliveryId);
    },
  };
}
export type WebhookService = ReturnType<typeof webhookService>;
