// Benchmark runner: `npm run bench -- NAME [--flags]`. Lists the benchmarks
// without a name. Each benchmark prints its JSON on stdout and talks on
// stderr, so `npm run bench -- intake > result.json` keeps a clean document.

interface Benchmark {
  description: string;
  /** Resolves to the process exit code. Loaded on demand: each pulls in the whole server. */
  run(argv: string[]): Promise<number>;
}

const BENCHMARKS: Record<string, Benchmark> = {
  ci: {
    description:
      'every benchmark and reliability script below at a reduced size, one after the other (as CI runs them); JSON and logs in artifacts/bench-ci',
    run: async (argv) => (await import('./ci.js')).main(argv),
  },
  generate: {
    description:
      'fills a database with the demo district and N more tickets (default 1,000,000, ~5 events each) from the demo seeding, --data-dir DIR (embedded) or --database-url URL; prints rows/s, time and size',
    run: async (argv) => (await import('./generate.js')).main(argv),
  },
  startup: {
    description:
      'the real server as a child process: time to /readyz and RSS on a fresh data dir (demo seed), restarted, and on a data dir with --tickets generated tickets (default 20,000), beside a bare Fastify hello server',
    run: async (argv) => (await import('./startup.js')).main(argv),
  },
  crash: {
    description:
      'crash safety: the real server SIGKILLed --kills times (default 20) under concurrent intake, restarted each time; every acknowledged ticket must exist once and whole, PGlite and PostgreSQL',
    run: async (argv) => (await import('./crash.js')).main(argv),
  },
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
  'smart-dispatch': {
    description:
      'smart-dispatch training as the server runs it: 10,000 demo-generator tickets (87 categories) through split, training, held-out figures and the compact model, in a worker thread (event-loop delay measured) beside inline',
    run: async (argv) => (await import('./smart-dispatch.js')).main(argv),
  },
  'reply-quality': {
    description:
      'reply quality hints on the 2,816 real replies of the 泰迪杯 message board (../shared/data/taidi2020): what each hint flags, beside a length-only rule',
    run: async (argv) => (await import('./reply-quality.js')).main(argv),
  },
  search: {
    description:
      'Chinese full-text ticket search (jieba words in a GIN tsvector, ranked, highlighted, with filters) vs the LIKE search, p50/p95 of ~200 list queries over 20,000 tickets (--tickets 1000000), PostgreSQL (scratch database bench_search; PGlite with --engines)',
    run: async (argv) => (await import('./search.js')).main(argv),
  },
  hotspots: {
    description:
      'hot spots (未诉先办) on the 泰迪杯 message board (../shared/data/taidi2020, 4,326 messages): top 10, time, beside text-only and exact-subject baselines',
    run: async (argv) => (await import('./hotspots.js')).main(argv),
  },
  fuzz: {
    description:
      "fuzzing from the OpenAPI document: --requests (default 100,000) invalid requests over every operation (schema-derived breakage, bad paths and queries, another tenant's ids, odd Unicode) through the real app on PGlite; per-status counts, 5xx (must be 0), requests/s, distinct codes",
    run: async (argv) => (await import('./fuzz.js')).main(argv),
  },
  upstream: {
    description:
      'upstream (12345) import: 10,000 tickets imported twice through the service (tickets/s first run, second run, count after) beside a plain multi-row INSERT, PostgreSQL (scratch database bench_upstream; PGlite with --engines)',
    run: async (argv) => (await import('./upstream.js')).main(argv),
  },
  scaleout: {
    description:
      'scale-out reliability on PostgreSQL (scratch database bench_scaleout): two API nodes (ROLE=api) and one then two workers (ROLE=worker) as child processes; every notification, SMS and webhook delivery sent exactly once, SSE on node B for a cause on node A (latency)',
    run: async (argv) => (await import('./scaleout.js')).main(argv),
  },
  backup: {
    description:
      "jiesu backup / restore round trip (every table's count and checksum verified): the demo district, then plus 2,000 cloned tickets (--tickets), time, MB/s and rows/s each way beside a plain cursor read and the checksum pass alone; PostgreSQL (scratch databases bench_backup*; PGlite with --engines)",
    run: async (argv) => (await import('./backup.js')).main(argv),
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
