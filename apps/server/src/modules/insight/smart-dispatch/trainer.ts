// Runs `learn` off the event loop: in a worker thread for anything but a small set (a
// worker costs ~0.5 s to start: jieba and the TypeScript loader), inline otherwise or
// when a worker cannot be started (then the caller's thread does the work, as before).
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type { Example } from '../classifier/model.js';
import { learn, type LearnResult } from './learn.js';

const require = createRequire(import.meta.url);
/** tsx's ESM API (`tsImport`), found from here. */
const tsxApi = () =>
  pathToFileURL(require.resolve('tsx/esm/api').replace(/index\.cjs$/, 'index.mjs')).href;

/** Below this many texts training takes well under a second: not worth a thread. */
export const WORKER_FROM = 400;

type Reply = { ok: true; result: LearnResult } | { ok: false; error: string };

export function learnInWorker(examples: Example[]): Promise<LearnResult> {
  return new Promise((resolve, reject) => {
    const url = new URL(
      import.meta.url.endsWith('.ts') ? './train-worker.ts' : './train-worker.js',
      import.meta.url,
    );
    // The server runs its TypeScript through tsx: the thread registers the same loader first.
    const worker = url.pathname.endsWith('.ts')
      ? new Worker(
          `import(${JSON.stringify(tsxApi())})` +
            `.then((m) => m.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)}))`,
          { eval: true },
        )
      : new Worker(url);
    let settled = false;
    worker.once('message', (m: Reply) => {
      settled = true;
      void worker.terminate();
      if (m.ok) resolve({ ...m.result, bytes: new Uint8Array(m.result.bytes) });
      else reject(new Error(m.error));
    });
    worker.once('error', (e) => {
      if (!settled) reject(e);
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`training thread exited with ${code}`));
      settled = true;
    });
    worker.postMessage(examples);
  });
}

export async function runLearn(
  examples: Example[],
  opts: { worker?: boolean } = {},
): Promise<LearnResult> {
  const useWorker = opts.worker ?? examples.length >= WORKER_FROM;
  if (useWorker) {
    try {
      return await learnInWorker(examples);
    } catch (e) {
      // A model error (e.g. one label only) is the same inline; a thread that would not start is not.
      if (e instanceof Error && /label|example/.test(e.message)) throw e;
    }
  }
  return learn(examples, () => performance.now());
}
