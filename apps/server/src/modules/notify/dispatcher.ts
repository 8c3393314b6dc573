// [Interop] the sender: takes queued rows whose time has come (FOR UPDATE SKIP LOCKED, so
// several nodes share the queue without sending twice), sends each through its channel's
// adapter and marks it sent, or schedules a retry with exponential backoff, or — after the
// last attempt — dead. A channel the district has not configured (or not enabled) goes to
// the recording adapter: the row is marked sent with the note 'recorded'. `drain` runs one
// pass (tests call it with the manual clock); `start` loops on an unref'd timer.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import { notifyRepository, type OutboxRow } from './repository.js';
import type { ChannelSettings, DeliveryAdapter } from './adapters/types.js';
import { recordingAdapter } from './adapters/recording.js';
import { inAppAdapter } from './adapters/in-app.js';
import { smsHttpAdapter } from './adapters/sms-http.js';
import { wechatAdapter } from './adapters/wechat.js';
import { emailAdapter, type EmailTransport } from './adapters/email.js';

export interface DispatcherOptions {
  db: Kysely<DB>;
  clock: Clock;
  /** Adapters by channel, replacing the defaults (tests). */
  adapters?: Partial<Record<OutboxRow['channel'], DeliveryAdapter>>;
  /** Used for channels not configured; a recording adapter by default. */
  fallback?: DeliveryAdapter;
  emailTransport?: EmailTransport;
  /** Attempts before a row is dead (default 5). */
  maxAttempts?: number;
  /** The first retry's delay; each further one doubles, up to `maxDelayMs` (default 1 min, 6 h). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  batch?: number;
  /** How long a claimed row stays with its sender before another may take it (default 5 min). */
  leaseMs?: number;
}

export interface DrainResult {
  sent: number;
  retried: number;
  dead: number;
}

export function notificationDispatcher(o: DispatcherOptions) {
  const repo = notifyRepository(o.db);
  const maxAttempts = o.maxAttempts ?? 5;
  const base = o.baseDelayMs ?? 60_000;
  const cap = o.maxDelayMs ?? 6 * 3_600_000;
  const fallback = o.fallback ?? recordingAdapter();
  const real: Record<OutboxRow['channel'], DeliveryAdapter> = {
    in_app: inAppAdapter,
    sms: smsHttpAdapter(),
    wechat: wechatAdapter(),
    email: emailAdapter(o.emailTransport),
    ...o.adapters,
  };
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<DrainResult> | null = null;

  /** The delay before attempt `n + 1` after `n` failed attempts. */
  const backoff = (n: number) => Math.min(cap, base * 2 ** (n - 1));

  async function settings(
    tenantId: string,
    channel: OutboxRow['channel'],
    cache: Map<string, ChannelSettings | undefined>,
  ) {
    if (channel === 'in_app') return undefined;
    const key = `${tenantId}/${channel}`;
    if (!cache.has(key)) {
      const row = await repo.channel(tenantId, channel);
      cache.set(
        key,
        row ? { enabled: row.enabled, settings: row.settings, secrets: row.secrets } : undefined,
      );
    }
    return cache.get(key);
  }

  async function drainOnce(): Promise<DrainResult> {
    const out: DrainResult = { sent: 0, retried: 0, dead: 0 };
    const cache = new Map<string, ChannelSettings | undefined>();
    for (;;) {
      const now = o.clock.now();
      const rows = await repo.claim(
        now,
        o.batch ?? 50,
        new Date(now.getTime() + (o.leaseMs ?? 300_000)),
      );
      if (!rows.length) return out;
      for (const row of rows) {
        const cfg = await settings(row.tenant_id, row.channel, cache);
        const configured = row.channel === 'in_app' || (cfg?.enabled ?? false);
        const adapter = o.adapters?.[row.channel] ?? (configured ? real[row.channel] : fallback);
        try {
          const r = await adapter.send(row, cfg);
          await repo.markSent(row.id, o.clock.now(), r.note ?? null);
          out.sent++;
        } catch (e) {
          const msg = e instanceof Error ? e.message : String(e);
          if (row.attempts >= maxAttempts) {
            await repo.markDead(row.id, msg);
            out.dead++;
          } else {
            await repo.markRetry(
              row.id,
              msg,
              new Date(o.clock.now().getTime() + backoff(row.attempts)),
            );
            out.retried++;
          }
        }
      }
    }
  }

  /** One pass over what is due now; concurrent calls share the pass. */
  function drain(): Promise<DrainResult> {
    running ??= drainOnce().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    backoff,
    drain,
    start(intervalMs = 5_000): void {
      if (timer) return;
      timer = setInterval(() => void drain().catch(() => undefined), intervalMs);
      timer.unref();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
export type NotificationDispatcher = ReturnType<typeof notificationDispatcher>;
