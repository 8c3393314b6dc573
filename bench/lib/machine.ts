// Where the CPU went during a run. On a 2-core machine the load generator, the
// Node server and PostgreSQL (or the PGlite worker) share the cores, and
// whatever else runs on the machine takes from all of them: a figure means
// little without knowing who was busy.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { monitorEventLoopDelay, performance, type EventLoopUtilization } from 'node:perf_hooks';

export interface CpuFigures {
  cores: number;
  /** All cores together; 100 % = one core fully busy, so 200 % is the ceiling on 2 cores. */
  machinePct: number;
  /** The bench process: the server's main thread, plus the PGlite worker on the embedded engine. */
  serverProcessPct: number;
  loadGeneratorPct: number;
  /** PostgreSQL's processes (backends, WAL writer…), read from /proc; 0 on PGlite. */
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

/** CPU milliseconds used so far by the processes named `postgres`; 0 where /proc is missing. */
function postgresCpuMs(): number {
  let ticks = 0;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    if (stat.slice(open + 1, close) !== 'postgres') continue;
    // Fields after the name: state is the 3rd field; utime and stime the 14th and 15th.
    const f = stat.slice(close + 2).split(' ');
    ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks * TICK_MS;
}

export interface CpuMeter {
  /** `loadGeneratorCpuMs` comes from the load generator's own process.cpuUsage. */
  stop(loadGeneratorCpuMs: number, requests: number): CpuFigures;
}

export function startCpuMeter(): CpuMeter {
  const cores = cpus().length;
  const m0 = machineTimes();
  const p0 = process.cpuUsage();
  const pg0 = postgresCpuMs();
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
      const postgresMs = postgresCpuMs() - pg0;
      const elu = performance.eventLoopUtilization(elu0);
      const pct = (ms: number) => (ms / wallMs) * 100;
      const machinePct = m1.total > m0.total ? ((m1.busy - m0.busy) / (m1.total - m0.total)) * 100 * cores : 0;
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
