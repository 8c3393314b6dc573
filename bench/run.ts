// Benchmark runner: `npm run bench -- NAME [--flags]`. Lists the benchmarks
// without a name. Each benchmark prints its JSON on stdout and talks on
// stderr, so `npm run bench -- intake > result.json` keeps a clean document.

interface Benchmark {
  description: string;
  /** Resolves to the process exit code. Loaded on demand: each pulls in the whole server. */
  run(argv: string[]): Promise<number>;
}

const BENCHMARKS: Record<string, Benchmark> = {
  intake: {
    description:
      'POST /api/tickets over HTTP on PGlite and PostgreSQL, against a bare Fastify + one-INSERT baseline',
    run: async (argv) => (await import('./intake.js')).main(argv),
  },
  'residents-import': {
    description:
      'Excel import of 1,000 and 10,000 residents (upload, validate, commit) on PGlite (and PostgreSQL when TEST_DATABASE_URL is set), residents/s beside a bare-insert baseline',
    run: async (argv) => (await import('./residents-import.js')).main(argv),
  },
  'assessment-rollups': {
    description:
      '三率 month ranking from the daily rollups vs the naive GROUP BY over 1,000,000 tickets and 5,000,000 events, PostgreSQL (scratch database bench_assessment) and PGlite (smaller)',
    run: async (argv) => (await import('./assessment-rollups.js')).main(argv),
  },
  'dashboard-rollups': {
    description:
      '驾驶舱 figures (trend, categories, villages, channels, KPIs) from the intake rollups vs the naive GROUP BY over 50,000 tickets (--tickets 200000 / 1000000), PGlite (PostgreSQL with --engines)',
    run: async (argv) => (await import('./dashboard-rollups.js')).main(argv),
  },
  classifier: {
    description:
      'smart-dispatch classifier: stratified 5-fold macro-F1, confusion matrix, predictions/s and 10k-text training time on the labelled 泰迪杯 messages, against a char 1–2-gram TF-IDF + linear SVM baseline',
    run: async (argv) => (await import('./classifier.js')).main(argv),
  },
  'reply-quality': {
    description:
      'reply quality hints on the 2,816 real replies of the 泰迪杯 message board (../shared/data/taidi2020): what each hint flags, beside a length-only rule',
    run: async (argv) => (await import('./reply-quality.js')).main(argv),
  },
  hotspots: {
    description:
      'hot spots (未诉先办) on the 泰迪杯 message board (../shared/data/taidi2020, 4,326 messages): top 10, time, beside text-only and exact-subject baselines',
    run: async (argv) => (await import('./hotspots.js')).main(argv),
  },
};

function list(): string {
  const width = Math.max(...Object.keys(BENCHMARKS).map((n) => n.length));
  return [
    'usage: npm run bench -- NAME [--flags]   (NAME --help for its flags)',
    '',
    ...Object.entries(BENCHMARKS).map(([name, b]) => `  ${name.padEnd(width)}  ${b.description}`),
  ].join('\n');
}

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === '--help' || name === '-h') {
    console.error(list());
    return 0;
  }
  const bench = BENCHMARKS[name];
  if (!bench) {
    console.error(`unknown benchmark "${name}"\n\n${list()}`);
    return 2;
  }
  return bench.run(rest);
}

// Exit explicitly: a benchmark that failed half-way may leave a pool or a
// worker open, and a runner that hangs after printing its verdict is worse
// than one that stops.
main().then(
  (code) => process.stdout.write('', () => process.exit(code)),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
