// Where the CPU went during a run. On a 2-core machine the load generator, the
// Node server and PostgreSQL (or the PGlite worker) share the cores, so a
// figure means little without knowing who was busy.
import { cpus } from 'node:os';
import { monitorEventLoopDelay, performance, type EventLoopUtilization } from 'node:perf_hooks';

export interface CpuFigures {
  cores: number;
  /** All cores together, 100 % = one core fully busy (so 200 % is the ceiling on 2 cores). */
  machinePct: number;
  /** The bench process: the server's main thread, plus the PGlite worker on the embedded engine. */
  serverProcessPct: number;
  loadGeneratorPct: number;
  /** The rest: PostgreSQL's backends on the server engine, plus anything else running. */
  otherPct: number;
  /** Share of the server's main thread spent running JavaScript (1 = never idle). */
  eventLoopUtilisation: number;
  eventLoopDelayP99Ms: number;
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

export interface CpuMeter {
  stop(loadGeneratorPct: number): CpuFigures;
}

export function startCpuMeter(): CpuMeter {
  const cores = cpus().length;
  const m0 = machineTimes();
  const p0 = process.cpuUsage();
  const t0 = performance.now();
  const elu0: EventLoopUtilization = performance.eventLoopUtilization();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  return {
    stop(loadGeneratorPct) {
      delay.disable();
      const wallMs = performance.now() - t0;
      const m1 = machineTimes();
      const p = process.cpuUsage(p0);
      const elu = performance.eventLoopUtilization(elu0);
      const machinePct = m1.total > m0.total ? ((m1.busy - m0.busy) / (m1.total - m0.total)) * 100 * cores : 0;
      const serverProcessPct = ((p.user + p.system) / 1000 / wallMs) * 100;
      return {
        cores,
        machinePct: round(machinePct),
        serverProcessPct: round(serverProcessPct),
        loadGeneratorPct: round(loadGeneratorPct),
        otherPct: round(Math.max(0, machinePct - serverProcessPct - loadGeneratorPct)),
        eventLoopUtilisation: round(elu.utilization, 3),
        eventLoopDelayP99Ms: round(delay.percentile(99) / 1e6, 2),
      };
    },
  };
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
