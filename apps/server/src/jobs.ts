// The periodic jobs of a `worker` (or `all`) process. Each is safe to run on several
// nodes at once, and each piece of work still happens once:
// - smart-dispatch retraining: districts claimed under pg_try_advisory_xact_lock with a
//   lease per district (dispatch_configs.lease_until), so one node trains a district;
// - the webhook outbox: due deliveries claimed with FOR UPDATE SKIP LOCKED, a lock time
//   per claim, and an attempt recorded only by the claim's holder;
// - the notification sender: queued rows claimed with FOR UPDATE SKIP LOCKED and leased;
// - the deadline sweep: one mark per (ticket, kind, deadline) inserted ON CONFLICT DO
//   NOTHING in the transaction that queues the notifications, so a second node's insert
//   waits for the first and then writes nothing;
// - expired Idempotency-Keys: deleted in batches (a row another node is deleting is
//   skipped), hourly.
// Timers are unref'd and no tick throws.
import type { Container } from './container.js';

export interface JobIntervals {
  /** The webhook outbox and the notification sender (default 5 s). */
  outboxMs: number;
  /** Deadline reminders, due soon and overdue (default 10 min). */
  deadlineSweepMs: number;
  /** Smart-dispatch retraining: first run after `retrainFirstMs` (20 s), then every hour. */
  retrainFirstMs: number;
  retrainMs: number;
  /** Expired Idempotency-Keys deleted (default hourly). */
  idempotencySweepMs: number;
}

export const DEFAULT_JOB_INTERVALS: JobIntervals = {
  outboxMs: 5_000,
  deadlineSweepMs: 10 * 60_000,
  retrainFirstMs: 20_000,
  retrainMs: 60 * 60_000,
  idempotencySweepMs: 60 * 60_000,
};

export interface Jobs {
  /** Stops the timers and waits for the ticks in flight (a sender pass in flight finishes on its own). */
  stop(): Promise<void>;
}

export function startJobs(c: Container, every: JobIntervals = DEFAULT_JOB_INTERVALS): Jobs {
  const inFlight = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    const q = p.catch(() => undefined).finally(() => inFlight.delete(q));
    inFlight.add(q);
  };
  let sweeping: Promise<unknown> | null = null;
  const sweep = () => {
    // A sweep longer than its interval is not started twice by this node.
    if (sweeping) return;
    sweeping = c.notifications
      .sweepDeadlines()
      .catch(() => undefined)
      .finally(() => {
        sweeping = null;
      });
    track(sweeping);
  };
  const timers = [
    setTimeout(() => track(c.smartDispatch.retrainDue()), every.retrainFirstMs),
    setInterval(() => track(c.smartDispatch.retrainDue()), every.retrainMs),
    setInterval(() => track(c.webhooks.tick()), every.outboxMs),
    setInterval(sweep, every.deadlineSweepMs),
    setInterval(() => track(c.idempotency.sweep()), every.idempotencySweepMs),
  ];
  for (const t of timers) t.unref();
  c.notificationSender.start(every.outboxMs);
  return {
    async stop() {
      for (const t of timers) clearTimeout(t);
      c.notificationSender.stop();
      await Promise.all([...inFlight]);
    },
  };
}
