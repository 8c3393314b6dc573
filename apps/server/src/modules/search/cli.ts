// `jiesu search reindex [--tenant ID]`: writes every ticket's search document
// again from its texts and events (after a restore, or a change of the words).
import type { Command } from 'commander';
import { join } from 'node:path';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/engine.js';
import { migrateToLatest } from '../../db/migrate.js';
import { rebuildTicketSearch } from './repository.js';

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('全文检索')
    .command('reindex')
    .description('rebuild the ticket search documents (all tenants, or --tenant)')
    .option('--tenant <tenantId>')
    .action(async (o: { tenant?: string }) => {
      const config = loadConfig();
      const db = await openDatabase({
        databaseUrl: config.databaseUrl,
        dataDir: config.databaseUrl ? undefined : join(config.dataDir, 'pglite'),
      });
      try {
        await migrateToLatest(db.db);
        const n = await rebuildTicketSearch(db.db, {
          tenantId: o.tenant,
          batch: 1000,
          onBatch: (done) => process.stderr.write(`\r${done} tickets`),
        });
        process.stderr.write('\n');
        console.log(`search documents rebuilt for ${n} tickets`);
      } finally {
        await db.close();
      }
    });
}
