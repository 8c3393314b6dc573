// Smart-dispatch training as the server runs it: 10,000 tickets of the demo generator
// (87 leaf categories, as the demo district has; --tickets to change) through `learn`
// (held-out split, training, figures, compact model) in a worker thread, with the API
// thread's event-loop delay measured meanwhile; beside it the same work inline, where the
// event loop is blocked for the whole training (the baseline a worker is there to avoid).
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import {
  demoCategories,
  demoOrg,
  demoTicketDrafts,
} from '../apps/server/src/modules/demo/content/index.js';
import { learn } from '../apps/server/src/modules/insight/smart-dispatch/learn.js';
import { learnInWorker } from '../apps/server/src/modules/insight/smart-dispatch/trainer.js';
import type { Example } from '../apps/server/src/modules/insight/classifier/model.js';

const USAGE = `usage: npm run bench -- smart-dispatch [--tickets 10000] [--target category|unit] [--no-inline]`;
const log = (msg: string) => console.error(`[smart-dispatch] ${msg}`);
const r3 = (x: number) => Math.round(x * 1e3) / 1e3;

/** Runs `run` while a 10 ms timer measures how late the event loop lets it fire. */
async function measure(name: string, run: () => Promise<unknown>) {
  let last = performance.now();
  let maxGap = 0;
  const gaps: number[] = [];
  const timer = setInterval(() => {
    const t = performance.now();
    const gap = t - last - 10;
    last = t;
    maxGap = Math.max(maxGap, gap);
    gaps.push(gap);
  }, 10);
  last = performance.now();
  const t = performance.now();
  // A tick first, so that a synchronous `run` blocks the timer rather than preceding it.
  await new Promise((r) => setTimeout(r, 20));
  const result = await run();
  const seconds = (performance.now() - t) / 1000;
  await new Promise((r) => setTimeout(r, 30));
  clearInterval(timer);
  gaps.sort((a, b) => a - b);
  const figures = {
    seconds: r3(seconds),
    eventLoopMaxDelayMs: Math.round(maxGap),
    eventLoopP99DelayMs: Math.round(gaps[Math.floor(gaps.length * 0.99)] ?? 0),
  };
  log(`${name}: ${figures.seconds} s, event loop max delay ${figures.eventLoopMaxDelayMs} ms`);
  return { figures, result };
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      tickets: { type: 'string', default: '10000' },
      target: { type: 'string', default: 'category' },
      'no-inline': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const n = Number(values.tickets);
  if (
    values.help ||
    !Number.isInteger(n) ||
    n < 100 ||
    !['category', 'unit'].includes(values.target)
  ) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const load0 = loadavg()[0]!;
  const org = demoOrg();
  const categories = demoCategories();
  const end = new Date('2026-11-21T00:00:00Z');
  const drafts = demoTicketDrafts({
    count: n,
    seed: 20261121,
    start: new Date(end.getTime() - 365 * 86_400_000),
    end,
    org,
    categories,
  });
  const leadOf = new Map(categories.map((c) => [c.code, c.rule?.dispatchTo ?? '']));
  const examples: Example[] = drafts.map((d) => ({
    text: `${d.title}\n${d.description}`,
    label: values.target === 'category' ? d.categoryCode : String(leadOf.get(d.categoryCode)),
  }));
  log(
    `${examples.length} texts, ${new Set(examples.map((e) => e.label)).size} labels (${values.target})`,
  );

  const worker = await measure('worker thread', () => learnInWorker(examples));
  const w = worker.result as Awaited<ReturnType<typeof learnInWorker>>;
  const inline = values['no-inline']
    ? undefined
    : await measure('inline', async () => learn(examples, () => performance.now()));

  const result = {
    bench: 'smart-dispatch',
    tickets: n,
    target: values.target,
    machine: {
      cores: cpus().length,
      loadAverage1mAtStart: r3(load0),
      loadAverage1mAtEnd: r3(loadavg()[0]!),
    },
    model: {
      labels: w.labels,
      trainedOn: w.samples,
      heldOut: w.holdout,
      macroF1: w.macroF1 === null ? null : r3(w.macroF1),
      accuracy: w.accuracy === null ? null : r3(w.accuracy),
      top3Accuracy: w.top3Accuracy === null ? null : r3(w.top3Accuracy),
      features: w.features,
      bytes: w.bytes.byteLength,
      trainMsInThread: w.trainMs,
    },
    worker: worker.figures,
    inline: inline?.figures,
    goals: {
      trainUnder60s: worker.figures.seconds < 60,
      eventLoopMaxDelayUnder200ms: worker.figures.eventLoopMaxDelayMs < 200,
    },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}
