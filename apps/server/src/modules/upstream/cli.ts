// `jiesu upstream import --tenant T --file F.json|F.xlsx [--mapping NAME]`: imports a
// batch from the 12345 platform (JSON: an array of tickets or {tickets:[…]}, in chunks
// of 2,000; Excel: read through the saved mapping, default the 12345 layout). Prints
// the totals and every row error as JSON; exits 0 when every row went in (or was
// already there), 1 when some rows were refused or the file is unreadable, 2 on bad
// arguments.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UPSTREAM_MAX_BATCH, type UpstreamImportResult } from '@jiesu/contracts';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/engine.js';
import { migrateToLatest } from '../../db/migrate.js';
import { buildContainer } from '../../container.js';
import { systemClock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';

export const UPSTREAM_USAGE =
  'usage: jiesu upstream import --tenant T --file F.json|F.xlsx [--mapping NAME]';

export function registerUpstream(program: Command): void {
  const up = program.command('upstream').description('上级平台(12345)工单');
  up.command('import')
    .description('import upstream tickets from a JSON file or a 12345 Excel export (idempotent)')
    .option('--tenant <tenantId>')
    .option('--file <file>')
    .option('--mapping <name>', 'saved column mapping for Excel (default: the 12345 layout)')
    .action(async (o: { tenant?: string; file?: string; mapping?: string }) => {
      process.exitCode = await runUpstreamImport(o);
    });
}

export async function runUpstreamImport(o: {
  tenant?: string;
  file?: string;
  mapping?: string;
}): Promise<number> {
  if (!o.tenant || !o.file) {
    console.error(UPSTREAM_USAGE);
    return 2;
  }
  let data: Buffer;
  try {
    data = await readFile(o.file);
  } catch (err) {
    console.error(`cannot read ${o.file}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : join(config.dataDir, 'pglite'),
  });
  try {
    await migrateToLatest(database.db);
    const tenant = await database.db
      .selectFrom('tenants')
      .select('id')
      .where('id', '=', o.tenant)
      .executeTakeFirst();
    if (!tenant) {
      console.error(`no tenant ${o.tenant}`);
      return 2;
    }
    const c = buildContainer({ db: database.db, clock: systemClock, config });
    const who = { tenantId: o.tenant, userId: null };
    const total: UpstreamImportResult = {
      total: 0,
      created: 0,
      existing: 0,
      failed: 0,
      rows: [],
      errors: [],
    };
    const add = (r: UpstreamImportResult, offset = 0) => {
      total.total += r.total;
      total.created += r.created;
      total.existing += r.existing;
      total.failed += r.failed;
      total.errors.push(...r.errors.map((e) => ({ ...e, row: e.row + offset })));
    };
    if (/\.xlsx$/i.test(o.file)) {
      add(await c.upstream.importExcel(who, data, o.mapping));
    } else {
      let parsed: unknown;
      try {
        parsed = JSON.parse(data.toString('utf8'));
      } catch {
        console.error(`${o.file} is not JSON`);
        return 1;
      }
      const items = Array.isArray(parsed)
        ? parsed
        : (parsed as { tickets?: unknown[] } | null)?.tickets;
      if (!Array.isArray(items)) {
        console.error(`${o.file}: expected an array of tickets or {"tickets":[…]}`);
        return 1;
      }
      for (let i = 0; i < items.length; i += UPSTREAM_MAX_BATCH) {
        add(await c.upstream.importJson(who, items.slice(i, i + UPSTREAM_MAX_BATCH)), i);
      }
    }
    const { rows: _rows, ...summary } = total;
    console.log(JSON.stringify(summary, null, 2));
    return total.failed ? 1 : 0;
  } catch (err) {
    console.error(err instanceof AppError ? `${err.code}: ${err.message}` : err);
    return 1;
  } finally {
    await database.close();
  }
}
