// The real server as a child process, as `npm start` runs it (`node --import tsx
// apps/server/src/main.ts`), for the benches that start, measure, kill and restart it:
// a free port, readiness by /readyz, the process tree's memory from /proc, sign-in.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { SESSION_COOKIE } from '../../apps/server/src/plugins/auth.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  /** performance.now() at spawn. */
  startedAt: number;
  /** The child's output so far (stdout and stderr), for the report when it fails. */
  output(): string;
  /** Resolves with the exit code or signal. */
  exited: Promise<string>;
}

export function startServer(opts: {
  port: number;
  dataDir?: string;
  databaseUrl?: string;
  env?: Record<string, string>;
}): ServerProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(opts.port),
    HOST: '127.0.0.1',
    DEMO: 'true',
    LOG_LEVEL: 'warn',
    ...(opts.dataDir ? { DATA_DIR: opts.dataDir } : {}),
    ...opts.env,
  };
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  else delete env.DATABASE_URL;
  const startedAt = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<string>((ok) =>
    child.once('exit', (code, signal) => ok(signal ?? String(code))),
  );
  return {
    child,
    base: `http://127.0.0.1:${opts.port}`,
    startedAt,
    output: () => out,
    exited,
  };
}

/** Polls /readyz every `everyMs` until 200; returns ms since spawn. `onTick` runs at each poll (memory sampling). */
export async function waitReady(
  s: ServerProcess,
  opts: { timeoutMs?: number; everyMs?: number; onTick?: () => void } = {},
): Promise<number> {
  const deadline = performance.now() + (opts.timeoutMs ?? 180_000);
  let dead: string | null = null;
  void s.exited.then((how) => (dead = how));
  for (;;) {
    opts.onTick?.();
    if (dead !== null)
      throw new Error(`server exited (${dead}) before it was ready:\n${s.output()}`);
    try {
      const res = await fetch(`${s.base}/readyz`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - s.startedAt;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline)
      throw new Error(`server not ready in ${opts.timeoutMs ?? 180_000} ms:\n${s.output()}`);
    await new Promise((r) => setTimeout(r, opts.everyMs ?? 50));
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function stopServer(s: ServerProcess, graceMs = 15_000): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), graceMs);
  await s.exited;
  clearTimeout(timer);
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** The pid and its descendants (from /proc/<pid>/task/<tid>/children). */
export function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      for (const tid of readdirSync(`/proc/${out[i]}/task`)) {
        const kids = readFileSync(`/proc/${out[i]}/task/${tid}/children`, 'utf8').trim();
        if (kids) out.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      // gone
    }
  }
  return out;
}

/** Resident memory of the process tree now (VmRSS summed) and the highest VmHWM of its processes, in MB. */
export function treeMemoryMb(pid: number): { rssMb: number; hwmMb: number } {
  const pids = processTree(pid);
  const rss = pids.reduce((a, p) => a + statusKb(p, 'VmRSS'), 0);
  const hwm = pids.reduce((a, p) => a + statusKb(p, 'VmHWM'), 0);
  return { rssMb: Math.round(rss / 1024), hwmMb: Math.round(hwm / 1024) };
}

/** Signs in over HTTP as a browser would: the session cookie plus the CSRF token that unsafe requests echo. */
export async function signIn(
  base: string,
  username: string,
  password: string,
): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200)
    throw new Error(`login as ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  const { csrfToken } = (await res.json()) as { csrfToken?: string };
  if (!cookie || !csrfToken) throw new Error('login gave no session cookie or CSRF token');
  return { cookie, 'x-csrf-token': csrfToken };
}
