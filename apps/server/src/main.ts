// Starts the platform: open the database (embedded unless DATABASE_URL is
// set), apply migrations, seed the demo district into an empty database in
// demo mode, and serve HTTP.
import { join } from 'node:path';
import { loadConfig } from './config.js';
import { openDatabase } from './db/engine.js';
import { migrateToLatest } from './db/migrate.js';
import { buildContainer } from './container.js';
import { buildApp } from './app.js';
import { systemClock } from './shared/clock.js';
import { seedDemoIfEmpty, DEMO_LOGINS } from './modules/demo/seed.js';

async function main(): Promise<void> {
  const t0 = Date.now();
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : join(config.dataDir, 'pglite'),
  });
  await migrateToLatest(database.db);
  let seeded = false;
  if (config.demo) seeded = await seedDemoIfEmpty(database.db, systemClock);
  const c = buildContainer({ db: database.db, clock: systemClock, config });
  const app = await buildApp(c, {
    logger: { level: config.logLevel },
    loginRateLimit: config.loginRateLimit,
  });
  await app.listen({ port: config.port, host: config.host });

  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `接诉即办平台已启动: ${url}   (${database.engine === 'pglite' ? `内置数据库 ${config.dataDir}` : 'PostgreSQL'}, ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
    `API 文档: ${url}/openapi.json   健康检查: ${url}/healthz  ${url}/readyz`,
  ];
  if (config.demo) {
    lines.push(seeded ? '已生成演示区县数据。' : '使用已有数据。');
    lines.push(`演示账号(密码均为 demo): ${DEMO_LOGINS.join(', ')}`);
  }
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
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
