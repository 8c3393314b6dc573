// The `jiesu` command line: database, demo data, users, the OpenAPI document.
// Every command exits non-zero on failure; destructive ones need a flag.
import { writeFile, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { ROLES, type Role } from '@jiesu/contracts';
import { loadConfig } from '../config.js';
import { openDatabase, type Database } from '../db/engine.js';
import { migrateToLatest } from '../db/migrate.js';
import { buildContainer } from '../container.js';
import { buildApp } from '../app.js';
import { systemClock } from '../shared/clock.js';
import { seedDemo, seedDemoIfEmpty } from '../modules/demo/seed.js';
import { lifecycleMarkdown } from '../modules/tickets/lifecycle-doc.js';
import { registerClassify } from './classify.js';
import { registerSearch } from '../modules/search/cli.js';
import { registerHotspots } from '../modules/insight/hotspots/cli.js';
import { registerUpstream } from '../modules/upstream/cli.js';
import { registerBackup } from '../modules/backup/cli.js';

async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : join(config.dataDir, 'pglite'),
  });
  try {
    await migrateToLatest(db.db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

const program = new Command('jiesu').description('接诉即办平台命令行工具');
const db = program.command('db').description('数据库');

db.command('migrate')
  .description('apply pending migrations')
  .action(() => withDb(async () => console.log('migrations applied')));

db.command('seed-demo')
  .description(
    'seed the demo district (into an empty database; --force adds it beside existing data)',
  )
  .option('--force', 'seed even if the database already has tenants')
  .action((opts: { force?: boolean }) =>
    withDb(async (d) => {
      const done = opts.force
        ? (await seedDemo(d.db, systemClock), true)
        : await seedDemoIfEmpty(d.db, systemClock);
      console.log(
        done ? 'demo district seeded' : 'database not empty: nothing seeded (use --force)',
      );
    }),
  );

const user = program.command('user').description('用户');
user
  .command('add')
  .description('add a staff user with a role in a unit')
  .requiredOption('--username <name>')
  .requiredOption('--name <displayName>')
  .requiredOption('--password <password>')
  .requiredOption('--unit <unitKeyOrId>', 'the unit key (e.g. centre) or id')
  .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
  .option('--tenant <tenantId>')
  .action(
    (o: {
      username: string;
      name: string;
      password: string;
      unit: string;
      role: string;
      tenant?: string;
    }) =>
      withDb(async (d) => {
        if (!ROLES.includes(o.role as Role)) throw new Error(`unknown role ${o.role}`);
        let q = d.db
          .selectFrom('units')
          .select(['id', 'tenant_id'])
          .where((eb) =>
            eb.or([
              eb('key', '=', o.unit),
              ...(/^[0-9a-f-]{36}$/.test(o.unit) ? [eb('id', '=', o.unit)] : []),
            ]),
          );
        if (o.tenant) q = q.where('tenant_id', '=', o.tenant);
        const units = await q.execute();
        if (units.length !== 1)
          throw new Error(
            units.length ? 'unit key is ambiguous: pass --tenant' : `no unit ${o.unit}`,
          );
        const c = buildContainer({ db: d.db, clock: systemClock, config: loadConfig() });
        const { id } = await c.users.create(units[0]!.tenant_id, {
          username: o.username,
          displayName: o.name,
          password: o.password,
          roles: [{ unitId: units[0]!.id, role: o.role as Role }],
        });
        console.log(`user ${o.username} added (${id})`);
      }),
  );
user
  .command('reset-password')
  .requiredOption('--username <name>')
  .requiredOption('--password <password>')
  .action((o: { username: string; password: string }) =>
    withDb(async (d) => {
      const c = buildContainer({ db: d.db, clock: systemClock, config: loadConfig() });
      await c.users.resetPassword(o.username, o.password);
      console.log(`password of ${o.username} reset; their sessions were ended`);
    }),
  );
user
  .command('token')
  .description('issue an API token for an integration client acting as the user')
  .requiredOption('--username <name>')
  .requiredOption('--name <label>')
  .action((o: { username: string; name: string }) =>
    withDb(async (d) => {
      const row = await d.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', o.username)
        .executeTakeFirst();
      if (!row) throw new Error(`no user ${o.username}`);
      const c = buildContainer({ db: d.db, clock: systemClock, config: loadConfig() });
      console.log(await c.users.issueToken(row.id, o.name));
    }),
  );

/** `--write` the generated text to a file, or `--check` that the committed file equals it. */
async function writeOrCheck(
  text: string,
  o: { write?: string; check?: string },
  regenerate: string,
) {
  if (o.write) {
    await writeFile(resolve(o.write), text);
    console.log(`wrote ${o.write}`);
  } else if (o.check) {
    const committed = await readFile(resolve(o.check), 'utf8').catch(() => '');
    if (committed !== text) {
      console.error(`${o.check} is stale: run \`${regenerate}\` and commit it`);
      process.exit(1);
    }
    console.log(`${o.check} is current`);
  } else {
    process.stdout.write(text);
  }
}

program
  .command('openapi')
  .description('write the OpenAPI document, or check that the committed one is current')
  .option('--write <file>')
  .option('--check <file>')
  .action(async (o: { write?: string; check?: string }) =>
    writeOrCheck(await openapiText(), o, 'npm run openapi'),
  );

program
  .command('docs')
  .description('write docs/LIFECYCLE.md from the state machine, or check that it is current')
  .option('--write <file>')
  .option('--check <file>')
  .action((o: { write?: string; check?: string }) =>
    writeOrCheck(lifecycleMarkdown(), o, 'npm run docs'),
  );

/** The document depends only on the routes, so no database is opened. */
export async function openapiText(): Promise<string> {
  const c = buildContainer({ db: undefined as never, clock: systemClock, config: loadConfig({}) });
  const app = await buildApp(c);
  await app.ready();
  const doc = app.swagger();
  await app.close();
  return `${JSON.stringify(doc, null, 2)}\n`;
}

registerHotspots(program);

registerClassify(program);

registerSearch(program);

registerUpstream(program);

registerBackup(program);

program.parseAsync().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
