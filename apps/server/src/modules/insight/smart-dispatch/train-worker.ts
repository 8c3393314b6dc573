// The training thread: the classifier's CPU work (tens of seconds for 10,000 tickets)
// runs here, so the API's event loop keeps serving while a district retrains.
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type { Example } from '../classifier/model.js';
import { learn } from './learn.js';

parentPort!.once('message', (examples: Example[]) => {
  try {
    const result = learn(examples, () => performance.now());
    parentPort!.postMessage({ ok: true, result }, [result.bytes.buffer as ArrayBuffer]);
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
