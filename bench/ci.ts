// `npm run bench -- ci`: every benchmark and reliability script at a reduced size, one after
// the other, each in its own process with a time limit, as CI runs them. Each one's JSON goes
// to artifacts/bench-ci/NAME.json and its talk to NAME.log; a summary table is printed at the
// end. Fails when any of them fails (an exception, a server error, a broken consistency
// check); goals not met at this size are reported by the benchmarks, not failures here.
// Benchmarks reading the 泰迪杯 data beside the repository are skipped when it is absent.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..');
const TAIDI = resolve(REPO, '../shared/data/taidi2020');

interface Step {
  name: string;
  args: string[];
  /** Seconds before the step is killed and counted as failed. */
  limit: number;
  needsTaidi?: boolean;
}

/** The reduced sizes: together a few minutes on a 2-core machine. */
export const STEPS: Step[] = [
  { name: 'intake', args: ['--duration', '3', '--warmup', '1'], limit: 240 },
  { name: 'residents-import', args: ['--sizes', '1000'], limit: 240 },
  {
    name: 'assessment-rollups',
    args: ['--tickets', '20000', '--pglite-tickets', '5000'],
    limit: 300,
  },
  { name: 'dashboard-rollups', args: ['--tickets', '5000'], limit: 240 },
  {
    name: 'search',
    args: ['--tickets', '3000', '--queries', '40', '--baseline-queries', '10'],
    limit: 300,
  },
  { name: 'upstream', args: ['--tickets', '1000', '--pglite-tickets', '300'], limit: 240 },
  { name: 'smart-dispatch', args: ['--tickets', '2000', '--no-inline'], limit: 240 },
  { name: 'startup', args: ['--tickets', '2000'], limit: 600 },
  { name: 'crash', args: ['--kills', '3'], limit: 600 },
  { name: 'backup', args: ['--tickets', '200'], limit: 400 },
  { name: 'fuzz', args: ['--requests', '5000'], limit: 400 },
  { name: 'scaleout', args: [], limit: 400 },
  {
    name: 'classifier',
    args: ['--folds', '2', '--no-baseline', '--no-10k'],
    limit: 300,
    needsTaidi: true,
  },
  { name: 'reply-quality', args: [], limit: 120, needsTaidi: true },
  { name: 'hotspots', args: [], limit: 180, needsTaidi: true },
];

const USAGE = `usage: npm run bench -- ci [--only a,b] [--out DIR]
  runs every benchmark and reliability script at a reduced size (the list is in bench/ci.ts)
  --only  a comma-separated subset of the names
  --out   where the JSON and logs go (default artifacts/bench-ci)`;

interface Outcome {
  name: string;
  status: 'ok' | 'failed' | 'skipped';
  seconds: number;
  detail?: string;
}

function runStep(step: Step, out: string): Promise<Outcome> {
  const t0 = Date.now();
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(HERE, 'run.ts'), step.name, ...step.args],
      { cwd: HERE, stdio: ['ignore', 'pipe', 'pipe'], env: process.env },
    );
    child.stdout.pipe(createWriteStream(join(out, `${step.name}.json`)));
    child.stderr.pipe(createWriteStream(join(out, `${step.name}.log`)));
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, step.limit * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const seconds = Math.round((Date.now() - t0) / 100) / 10;
      if (killed)
        done({ name: step.name, status: 'failed', seconds, detail: `over ${step.limit} s` });
      else if (code === 0) done({ name: step.name, status: 'ok', seconds });
      else done({ name: step.name, status: 'failed', seconds, detail: `exit ${code}` });
    });
  });
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { only: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  const only = values.only?.split(',').map((s) => s.trim());
  const out = resolve(REPO, values.out ?? 'artifacts/bench-ci');
  mkdirSync(out, { recursive: true });
  const outcomes: Outcome[] = [];
  for (const step of STEPS) {
    if (only && !only.includes(step.name)) continue;
    if (step.needsTaidi && !existsSync(TAIDI)) {
      outcomes.push({ name: step.name, status: 'skipped', seconds: 0, detail: `no ${TAIDI}` });
      continue;
    }
    console.error(`[ci] ${step.name} ${step.args.join(' ')}`);
    const o = await runStep(step, out);
    console.error(
      `[ci] ${step.name}: ${o.status} in ${o.seconds} s${o.detail ? ` (${o.detail})` : ''}`,
    );
    outcomes.push(o);
  }
  const width = Math.max(...outcomes.map((o) => o.name.length), 4);
  console.error(
    ['', `${'name'.padEnd(width)}  status   seconds`]
      .concat(
        outcomes.map(
          (o) =>
            `${o.name.padEnd(width)}  ${o.status.padEnd(7)}  ${String(o.seconds).padStart(7)}${o.detail ? `  ${o.detail}` : ''}`,
        ),
      )
      .join('\n'),
  );
  console.error(`JSON and logs: ${out}`);
  process.stdout.write(`${JSON.stringify({ out, outcomes }, null, 2)}\n`);
  return outcomes.some((o) => o.status === 'failed') ? 1 : 0;
}
