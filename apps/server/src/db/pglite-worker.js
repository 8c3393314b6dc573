// Runs PGlite off the main thread (PGlite blocks the event loop it runs on) and
// exposes it as a PostgreSQL wire-protocol server on a unix socket, so that the
// `pg` driver is the only driver for both engines. Plain JS: worker threads do
// not inherit the TypeScript loader of test runners.
import { parentPort, workerData } from 'node:worker_threads';
import { readFile, writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const { dataDir, loadDataDir, socketPath, dumpTo } = workerData;

async function main() {
  const options = { extensions: { pg_trgm } };
  if (loadDataDir) options.loadDataDir = new Blob([await readFile(loadDataDir)]);
  // Extensions must be passed on every open, or writes that use them fail.
  const db = await PGlite.create(dataDir, options);
  // maxConnections 2: the main thread's pool holds one connection; the second
  // slot lets it reconnect after a broken one. Never more (MEASURED.md).
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 2 });
  await server.start();
  parentPort.postMessage({ type: 'ready' });
  parentPort.on('message', async (msg) => {
    if (msg?.type !== 'close') return;
    try {
      await server.stop();
      if (dumpTo) {
        const blob = await db.dumpDataDir('gzip');
        await writeFile(dumpTo, Buffer.from(await blob.arrayBuffer()));
      }
      await db.close();
      parentPort.postMessage({ type: 'closed' });
    } catch (err) {
      parentPort.postMessage({ type: 'error', message: String(err?.stack ?? err) });
    }
  });
}

main().catch((err) => {
  parentPort.postMessage({ type: 'error', message: String(err?.stack ?? err) });
});
