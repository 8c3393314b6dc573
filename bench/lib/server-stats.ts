// What the server itself saw: requests received and responses it decided to
// send, by status. The load generator cannot be the reference for "how many
// tickets were created": when a timed run ends it drops its open connections,
// and the requests in flight then still commit on the server.
import type { FastifyInstance } from 'fastify';

export interface ServerCounters {
  /** Requests received (the raw HTTP server's 'request' event). */
  received: number;
  /** Requests whose response closed: sent, or dropped with the client's connection. */
  closed: number;
  /** Of those, requests whose body never fully arrived: they never reach a handler. */
  incomplete: number;
  /** Responses that went through Fastify's onSend, i.e. whose status was decided. */
  sent: number;
  byStatus: Map<number, number>;
  /** First few error responses, to say *why* in the report. */
  errorSamples: Array<{ status: number; body: string }>;
}

export interface CounterSnapshot {
  received: number;
  sent: number;
  ok2xx: number;
  byStatus: Record<string, number>;
}

export function countResponses(app: FastifyInstance): ServerCounters {
  const c: ServerCounters = { received: 0, closed: 0, incomplete: 0, sent: 0, byStatus: new Map(), errorSamples: [] };
  // A request whose client hung up while sending its body never reaches a
  // handler or onSend; one whose body arrived does, even when the client has
  // gone by the time the handler answers (and its transaction still commits).
  app.server.on('request', (req, res) => {
    c.received++;
    res.once('close', () => {
      c.closed++;
      if (!req.complete) c.incomplete++;
    });
  });
  app.addHook('onSend', (_req, reply, payload, done) => {
    c.sent++;
    const status = reply.statusCode;
    c.byStatus.set(status, (c.byStatus.get(status) ?? 0) + 1);
    if (status >= 300 && c.errorSamples.length < 5) {
      c.errorSamples.push({ status, body: typeof payload === 'string' ? payload.slice(0, 300) : '(stream)' });
    }
    done(null, payload);
  });
  return c;
}

export function snapshot(c: ServerCounters): CounterSnapshot {
  let ok2xx = 0;
  const byStatus: Record<string, number> = {};
  for (const [status, n] of c.byStatus) {
    byStatus[status] = n;
    if (status >= 200 && status < 300) ok2xx += n;
  }
  return { received: c.received, sent: c.sent, ok2xx, byStatus };
}

export function diff(after: CounterSnapshot, before: CounterSnapshot): CounterSnapshot {
  const byStatus: Record<string, number> = {};
  for (const [k, v] of Object.entries(after.byStatus)) {
    const d = v - (before.byStatus[k] ?? 0);
    if (d) byStatus[k] = d;
  }
  return {
    received: after.received - before.received,
    sent: after.sent - before.sent,
    ok2xx: after.ok2xx - before.ok2xx,
    byStatus,
  };
}

/**
 * Waits until every received request has been answered or dropped, and every
 * handler that got a whole request has decided its status. Returns null then,
 * or what is still open after `timeoutMs`.
 */
export async function waitIdle(c: ServerCounters, timeoutMs = 15_000): Promise<string | null> {
  const until = performance.now() + timeoutMs;
  while (c.closed < c.received || c.sent + c.incomplete < c.received) {
    if (performance.now() > until) {
      return `${c.received} requests received, ${c.closed} closed, ${c.sent} answered, ${c.incomplete} cut off by the client`;
    }
    await new Promise((ok) => setTimeout(ok, 20));
  }
  return null;
}
