// Parent side of the load generator: forks load-child.ts once and sends it run
// orders. A separate process (not a worker thread) keeps its CPU use visible on
// its own in the figures and out of the server's process entirely.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface LoadOrder {
  url: string;
  path: string;
  headers: Record<string, string>;
  /** Serialised JSON bodies, sent in turn. */
  bodies: string[];
  connections: number;
  durationS: number;
}

export interface LoadResult {
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  durationS: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  /** CPU milliseconds the load generator itself used over `wallMs`. */
  cpuMs: number;
  wallMs: number;
}

type Reply =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: LoadResult }
  | { type: 'error'; id: number; message: string };

export interface LoadGenerator {
  run(order: LoadOrder): Promise<LoadResult>;
  close(): Promise<void>;
}

export async function startLoadGenerator(): Promise<LoadGenerator> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./load-child.ts', import.meta.url)), [], {
    // Only the TypeScript loader: flags such as --cpu-prof given to the bench
    // are for the server's process, not this one.
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { ok: (r: LoadResult) => void; fail: (e: Error) => void }>();
  let seq = 0;
  let exited = false;
  child.on('message', (m: Reply) => {
    if (m.type === 'ready') return;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.type === 'result') p.ok(m.result);
    else p.fail(new Error(`load generator: ${m.message}`));
  });
  child.on('exit', (code) => {
    exited = true;
    for (const p of pending.values()) p.fail(new Error(`load generator exited with ${code}`));
    pending.clear();
  });
  await new Promise<void>((ok, fail) => {
    const onReady = (m: Reply) => {
      if (m.type !== 'ready') return;
      child.off('message', onReady);
      ok();
    };
    child.on('message', onReady);
    child.once('exit', (code) =>
      fail(new Error(`load generator exited with ${code} before it was ready`)),
    );
  });
  return {
    run(order) {
      if (exited) return Promise.reject(new Error('load generator has exited'));
      const id = ++seq;
      return new Promise((ok, fail) => {
        pending.set(id, { ok, fail });
        child.send({ type: 'run', id, order });
      });
    },
    async close() {
      if (exited) return;
      const gone = new Promise<void>((ok) => child.once('exit', () => ok()));
      child.send({ type: 'exit' });
      const timer = setTimeout(() => child.kill(), 5_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
