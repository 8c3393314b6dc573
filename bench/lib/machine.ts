// Where the CPU went during a run. On a 2-core machine the load generator, the
// Node server and PostgreSQL (or the PGlite worker) share the cores, and
// whatever else runs on the machine takes from all of them: a figure means
// little without knowing who was busy.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { cpus } from 'node:os';
import { monitorEventLoopDelay, performance, type EventLoopUtilization } from 'node:perf_hooks';

export interface CpuFigures {
  cores: number;
  /** All cores together; 100 % = one core fully busy, so 200 % is the ceiling on 2 cores. */
  machinePct: number;
  /** The bench process: the server's main thread, plus the PGlite worker on the embedded engine. */
  serverProcessPct: number;
  loadGeneratorPct: number;
  /** PostgreSQL's processes serving this bench (its backends, WAL writer…), from /proc; ~0 on PGlite. */
  postgresPct: number;
  /** Everything else on the machine. Far above a few % means the figures are disturbed. */
  otherPct: number;
  /** Share of the server's main thread spent running JavaScript (1 = never idle). */
  eventLoopUtilisation: number;
  eventLoopDelayP99Ms: number;
  /** CPU milliseconds per request answered, by who spent them: independent of other load. */
  cpuMsPerRequest?: { server: number; postgres: number; loadGenerator: number };
}

function machineTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const c of cpus()) {
    const t = c.times.user + c.times.nice + c.times.sys + c.times.irq + c.times.idle;
    total += t;
    busy += t - c.times.idle;
  }
  return { busy, total };
}

// Linux's USER_HZ: /proc reports CPU times in these ticks, and it is 100 on
// every mainstream kernel (getconf CLK_TCK).
const TICK_MS = 10;

function readOr(path: string, fallback = ''): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback; // a process or socket gone meanwhile
  }
}

/** Local TCP ports of this process's sockets: a PostgreSQL backend names its client's port. */
function ownTcpPorts(): Set<number> {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // closed meanwhile
    }
  }
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readOr(table).split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length > 9 && inodes.has(f[9]!)) ports.add(parseInt(f[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

/**
 * CPU ticks used so far by the PostgreSQL processes working for this bench:
 * the backends of this process's connections, and the shared background
 * processes (WAL writer, checkpointer…). Backends serving anyone else on the
 * same server are left out. Empty where /proc is missing.
 */
function postgresTicks(): Map<number, number> {
  const out = new Map<number, number>();
  let pids: string[];
  let ports: Set<number>;
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
    ports = ownTcpPorts();
  } catch {
    return out;
  }
  for (const pid of pids) {
    const stat = readOr(`/proc/${pid}/stat`);
    const close = stat.lastIndexOf(')');
    if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
    // A backend's title is "postgres: … user db 127.0.0.1(port) state"; background
    // processes have no client address.
    const client = /\((\d+)\)/.exec(readOr(`/proc/${pid}/cmdline`));
    if (client && !ports.has(Number(client[1]))) continue;
    // Fields after the name: state is the 3rd field; utime and stime the 14th and 15th.
    const f = stat.slice(close + 2).split(' ');
    out.set(Number(pid), Number(f[11]) + Number(f[12]));
  }
  return out;
}

/** CPU milliseconds between two readings; a backend started in between counts from zero. */
function postgresMsBetween(before: Map<number, number>, after: Map<number, number>): number {
  let ticks = 0;
  for (const [pid, t] of after) ticks += Math.max(0, t - (before.get(pid) ?? 0));
  return ticks * TICK_MS;
}

/** How busy the machine is with nothing of ours running: % of one core, over `ms`. */
export async function backgroundLoad(ms = 1_000): Promise<number> {
  const m0 = machineTimes();
  await new Promise((ok) => setTimeout(ok, ms));
  const m1 = machineTimes();
  return m1.total > m0.total
    ? round(((m1.busy - m0.busy) / (m1.total - m0.total)) * 100 * cpus().length)
    : 0;
}

export interface CpuMeter {
  /** `loadGeneratorCpuMs` comes from the load generator's own process.cpuUsage. */
  stop(loadGeneratorCpuMs: number, requests: number): CpuFigures;
}

export function startCpuMeter(): CpuMeter {
  const cores = cpus().length;
  const m0 = machineTimes();
  const p0 = process.cpuUsage();
  const pg0 = postgresTicks();
  const t0 = performance.now();
  const elu0: EventLoopUtilization = performance.eventLoopUtilization();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  return {
    stop(loadGeneratorCpuMs, requests) {
      delay.disable();
      const wallMs = performance.now() - t0;
      const m1 = machineTimes();
      const p = process.cpuUsage(p0);
      const serverMs = (p.user + p.system) / 1000;
      const postgresMs = postgresMsBetween(pg0, postgresTicks());
      const elu = performance.eventLoopUtilization(elu0);
      const pct = (ms: number) => (ms / wallMs) * 100;
      const machinePct =
        m1.total > m0.total ? ((m1.busy - m0.busy) / (m1.total - m0.total)) * 100 * cores : 0;
      const figures: CpuFigures = {
        cores,
        machinePct: round(machinePct),
        serverProcessPct: round(pct(serverMs)),
        loadGeneratorPct: round(pct(loadGeneratorCpuMs)),
        postgresPct: round(pct(postgresMs)),
        otherPct: round(Math.max(0, machinePct - pct(serverMs + loadGeneratorCpuMs + postgresMs))),
        eventLoopUtilisation: round(elu.utilization, 3),
        eventLoopDelayP99Ms: round(delay.percentile(99) / 1e6, 2),
      };
      if (requests > 0) {
        figures.cpuMsPerRequest = {
          server: round(serverMs / requests, 3),
          postgres: round(postgresMs / requests, 3),
          loadGenerator: round(loadGeneratorCpuMs / requests, 3),
        };
      }
      return figures;
    },
  };
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
