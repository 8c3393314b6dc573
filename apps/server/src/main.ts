// Starts the platform: open the database (embedded unless DATABASE_URL is
// set), apply migrations, seed the demo district into an empty database in
// demo mode, then by ROLE (`--role`): `all` serves HTTP and runs the periodic
// jobs in this one process (the embedded engine's only mode); `api` serves HTTP
// only; `worker` runs the jobs only, with /healthz and /readyz on PORT (none
// when PORT=0). See docs/SCALING.md.
import { join } from 'node:path';
import Fastify from 'fastify';
import { loadConfig } from './config.js';
import { openDatabase } from './db/engine.js';
import { migrateToLatest, pendingMigrations } from './db/migrate.js';
import { buildContainer } from './container.js';
import { buildApp } from './app.js';
import { startJobs, DEFAULT_JOB_INTERVALS, type Jobs } from './jobs.js';
import { systemClock } from './shared/clock.js';
import { seedDemoIfEmpty, DEMO_LOGINS } from './modules/demo/seed.js';

async function main(): Promise<void> {
  const t0 = Date.now();
  const config = loadConfig(process.env, process.argv.slice(2));
  if (config.role !== 'all' && !config.databaseUrl) {
    throw new Error(
      `ROLE=${config.role} needs DATABASE_URL (PostgreSQL): the embedded database serves one process, ROLE=all`,
    );
  }
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    poolSize: config.dbPoolSize,
    dataDir: config.databaseUrl ? undefined : join(config.dataDir, 'pglite'),
  });
  // Nodes starting together apply each migration once (the migrator's lock).
  await migrateToLatest(database.db);
  let seeded = false;
  // Only an `all` process seeds the demo: several api nodes starting at once would race.
  if (config.demo && config.role === 'all')
    seeded = await seedDemoIfEmpty(database.db, systemClock);
  const c = buildContainer({ db: database.db, clock: systemClock, config });

  // HTTP: the whole API (all, api), or only the health checks (worker).
  let app: { close(): Promise<unknown> } | null = null;
  if (config.role !== 'worker') {
    const api = await buildApp(c, {
      logger: { level: config.logLevel },
      loginRateLimit: config.loginRateLimit,
    });
    await api.listen({ port: config.port, host: config.host });
    app = api;
  } else if (config.port > 0) {
    const health = Fastify({ logger: { level: config.logLevel } });
    health.get('/healthz', async () => ({ ok: true, role: 'worker' }));
    health.get('/readyz', async (_req, reply) => {
      try {
        const pending = await pendingMigrations(c.db);
        return reply.status(pending.length ? 503 : 200).send({ ok: !pending.length, pending });
      } catch {
        return reply.status(503).send({ ok: false, pending: [] });
      }
    });
    await health.listen({ port: config.port, host: config.host });
    app = health;
  }

  // The periodic jobs (all, worker); each is safe on several nodes at once (jobs.ts).
  let jobs: Jobs | null = null;
  if (config.role !== 'api') {
    jobs = startJobs(c, {
      ...DEFAULT_JOB_INTERVALS,
      outboxMs: config.outboxIntervalMs,
      deadlineSweepMs: config.deadlineSweepMs,
    });
  }

  const url = `http://localhost:${config.port}`;
  const engine = database.engine === 'pglite' ? `内置数据库 ${config.dataDir}` : 'PostgreSQL';
  const took = ((Date.now() - t0) / 1000).toFixed(1);
  const lines = [''];
  if (config.role === 'worker') {
    lines.push(
      `接诉即办平台后台任务进程已启动 (ROLE=worker, ${engine}, ${took} s)` +
        (config.port > 0 ? `   健康检查: ${url}/healthz` : ''),
    );
  } else {
    lines.push(
      `接诉即办平台已启动: ${url}   (${engine}, ROLE=${config.role}, ${took} s)`,
      `API 文档: ${url}/openapi.json   健康检查: ${url}/healthz  ${url}/readyz`,
    );
  }
  if (config.demo && config.role !== 'worker') {
    if (config.role === 'all') lines.push(seeded ? '已生成演示区县数据。' : '使用已有数据。');
    lines.push(`演示账号(密码均为 demo): ${DEMO_LOGINS.join(', ')}`);
  }
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`shutting down (${signal})`);
    await app?.close();
    await jobs?.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
