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
  /** Requests past body parsing whose status is not decided yet: the ones that may still write. */
  handling: number;
  /** Responses that went through Fastify's onSend, i.e. whose status was decided. */
  sent: number;
  byStatus: Map<number, number>;
  /** Errors the server raised (by code or name), whether or not a response followed. */
  raised: Map<string, number>;
  /** First few error responses, to say *why* in the report. */
  errorSamples: Array<{ status: number; body: string }>;
}

export interface CounterSnapshot {
  received: number;
  sent: number;
  ok2xx: number;
  byStatus: Record<string, number>;
  raised: Record<string, number>;
}

export function countResponses(app: FastifyInstance): ServerCounters {
  const c: ServerCounters = {
    received: 0,
    closed: 0,
    handling: 0,
    sent: 0,
    raised: new Map(),
    byStatus: new Map(),
    errorSamples: [],
  };
  app.server.on('request', (_req, res) => {
    c.received++;
    res.once('close', () => {
      c.closed++;
    });
  });
  // In flight is what passed body parsing and has not had its status decided.
  // A request whose client hangs up earlier never reaches a handler (Fastify
  // may even leave it pending for good when the hang-up comes during an async
  // onRequest hook such as the session lookup), so it cannot write anything.
  const handling = new WeakSet<object>();
  const settle = (req: object) => {
    if (handling.delete(req)) c.handling--;
  };
  app.addHook('preValidation', (req, _reply, done) => {
    handling.add(req);
    c.handling++;
    done();
  });
  app.addHook('onError', (req, _reply, err, done) => {
    const key = `${(err as { code?: string }).code ?? err.name}: ${err.message.slice(0, 120)}`;
    c.raised.set(key, (c.raised.get(key) ?? 0) + 1);
    // Fastify's error path skips the response, and so onSend, on a destroyed socket.
    settle(req);
    done();
  });
  app.addHook('onSend', (req, reply, payload, done) => {
    settle(req);
    c.sent++;
    const status = reply.statusCode;
    c.byStatus.set(status, (c.byStatus.get(status) ?? 0) + 1);
    if (status >= 300 && c.errorSamples.length < 5) {
      c.errorSamples.push({
        status,
        body: typeof payload === 'string' ? payload.slice(0, 300) : '(stream)',
      });
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
  return {
    received: c.received,
    sent: c.sent,
    ok2xx,
    byStatus,
    raised: Object.fromEntries(c.raised),
  };
}

function subtract(
  after: Record<string, number>,
  before: Record<string, number>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) {
    const d = v - (before[k] ?? 0);
    if (d) out[k] = d;
  }
  return out;
}

export function diff(after: CounterSnapshot, before: CounterSnapshot): CounterSnapshot {
  return {
    received: after.received - before.received,
    sent: after.sent - before.sent,
    ok2xx: after.ok2xx - before.ok2xx,
    byStatus: subtract(after.byStatus, before.byStatus),
    raised: subtract(after.raised, before.raised),
  };
}

/**
 * Waits until every received request has been answered or dropped, and every
 * handler has decided its status. Returns null then, or what is still open
 * after `timeoutMs`.
 */
export async function waitIdle(c: ServerCounters, timeoutMs = 15_000): Promise<string | null> {
  const until = performance.now() + timeoutMs;
  while (c.closed < c.received || c.handling > 0) {
    if (performance.now() > until) {
      return `${c.received} requests received, ${c.closed} closed, ${c.handling} still in a handler`;
    }
    await new Promise((ok) => setTimeout(ok, 20));
  }
  return null;
}
