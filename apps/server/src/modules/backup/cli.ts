// `jiesu backup --out FILE` and `jiesu restore --in FILE [--force]`: the whole
// database and its uploaded files as one archive (service.ts has the format).
// Neither migrates first: a backup takes the database as it is, a restore
// brings it to the backup's version; the server migrates on its next start.
import type { Command } from 'commander';
import { performance } from 'node:perf_hooks';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../config.js';
import { openDatabase, type Database } from '../../db/engine.js';
import { systemClock } from '../../shared/clock.js';
import { localStorage } from '../attachments/storage.js';
import { BackupError, backupDatabase, restoreDatabase } from './service.js';

async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : join(config.dataDir, 'pglite'),
    poolSize: 2,
  });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const progress = (message: string) => process.stderr.write(`  ${message}\n`);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('备份:整个数据库与上传的文件写入一个归档(.tar.gz)')
    .requiredOption('--out <file>', 'the archive to write')
    .option('--no-files', 'leave the uploaded files out')
    .action((o: { out: string; files: boolean }) =>
      withDatabase(async (d) => {
        const t0 = performance.now();
        const out = resolve(o.out);
        // Written aside and renamed: a failed backup never leaves a file that looks whole.
        const partial = `${out}.partial`;
        try {
          const manifest = await backupDatabase({
            db: d.db,
            engine: d.engine,
            clock: systemClock,
            out: createWriteStream(partial),
            storage: o.files ? localStorage(loadConfig().storageDir) : undefined,
            onProgress: progress,
          });
          await rename(partial, out);
          const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
          console.log(
            `备份完成: ${out} (${mb((await stat(out)).size)} MB, ${manifest.tables.length} 张表, ${rows} 行, ` +
              `${manifest.files.included ? `${manifest.files.expected} 个附件` : '不含附件'}, ` +
              `迁移版本 ${manifest.migration ?? '无'}, ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
          );
        } catch (err) {
          await rm(partial, { force: true });
          throw err;
        }
      }).catch(withCode),
    );

  program
    .command('restore')
    .description('恢复:把备份归档恢复到空数据库(--force 先清空现有数据),逐表核对行数与校验和')
    .requiredOption('--in <file>', 'the archive to read')
    .option('--force', 'empty a database that holds data first (all its data is deleted)')
    .option('--no-files', 'leave the uploaded files out')
    .action((o: { in: string; force?: boolean; files: boolean }) =>
      withDatabase(async (d) => {
        const t0 = performance.now();
        const r = await restoreDatabase({
          db: d.db,
          input: createReadStream(resolve(o.in)),
          storage: o.files ? localStorage(loadConfig().storageDir) : undefined,
          force: o.force,
          onProgress: progress,
        });
        console.log(
          `恢复完成: ${r.manifest.tables.length} 张表, ${r.rows} 行, ${r.files} 个附件文件, 行数与校验和全部一致 ` +
            `(备份于 ${r.manifest.createdAt}, ${r.manifest.engine}, 迁移版本 ${r.manifest.migration ?? '无'}, ` +
            `${((performance.now() - t0) / 1000).toFixed(1)} s)`,
        );
        if (r.missingFiles.length)
          console.log(`注意: ${r.missingFiles.length} 个附件在备份时已缺少文件,未能恢复`);
        console.log('启动服务(或 jiesu db migrate)时会自动升级到本程序的最新迁移版本。');
      }).catch(withCode),
    );
}

/** The CLI prints the message of what it catches: keep the stable code in it. */
function withCode(err: unknown): never {
  if (err instanceof BackupError) throw new Error(`[${err.code}] ${err.message}`);
  throw err;
}
