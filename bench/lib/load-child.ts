// The load generator, in its own process: autocannon in the server's process
// would take turns with the server on one event loop and measure itself.
// It receives run orders from the parent over IPC and answers with the
// figures; it never touches the database.
import autocannon from 'autocannon';
import type { LoadOrder, LoadResult } from './load.js';

function run(order: LoadOrder): Promise<LoadResult> {
  const bodies = order.bodies;
  // One counter across all connections, so concurrent requests carry different payloads.
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: order.url,
        connections: order.connections,
        duration: order.durationS,
        timeout: 10,
        headers: { 'content-type': 'application/json', ...order.headers },
        requests: [
          {
            method: 'POST',
            path: order.path,
            setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }),
          },
        ],
      },
      (err, r) => {
        if (err) return reject(err);
        const cpu = process.cpuUsage(cpu0);
        const wallMs = performance.now() - t0;
        const statusCodes: Record<string, number> = {};
        for (const [code, v] of Object.entries(r.statusCodeStats ?? {})) {
          statusCodes[code] = (v as { count: number }).count;
        }
        resolve({
          ok2xx: r['2xx'],
          non2xx: r.non2xx,
          errors: r.errors,
          timeouts: r.timeouts,
          statusCodes,
          durationS: r.duration,
          latencyMs: {
            mean: r.latency.mean,
            p50: r.latency.p50,
            p90: r.latency.p90,
            p99: r.latency.p99,
            max: r.latency.max,
          },
          cpuMs: (cpu.user + cpu.system) / 1000,
          wallMs,
        });
      },
    );
    // Without a listener autocannon prints nothing, which is what we want; the
    // parent prints one table for all runs.
    instance.on('error', reject);
  });
}

process.on('message', (msg: { type: 'run'; id: number; order: LoadOrder } | { type: 'exit' }) => {
  if (msg.type === 'exit') {
    process.disconnect();
    return;
  }
  run(msg.order).then(
    (result) => process.send!({ type: 'result', id: msg.id, result }),
    (err: unknown) =>
      process.send!({ type: 'error', id: msg.id, message: String((err as Error)?.stack ?? err) }),
  );
});
process.send!({ type: 'ready' });
