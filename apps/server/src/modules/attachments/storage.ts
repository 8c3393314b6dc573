// Storage adapter for uploaded files. Local disk by default; an object store
// implements the same three calls.
import { mkdir, readFile, writeFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface FileStorage {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
}

export function localStorage(root: string): FileStorage {
  const pathOf = (key: string) => {
    if (!/^[a-zA-Z0-9/_-]+$/.test(key) || key.includes('..'))
      throw new Error(`bad storage key ${key}`);
    return join(root, key);
  };
  return {
    async put(key, data) {
      const p = pathOf(key);
      await mkdir(dirname(p), { recursive: true });
      await writeFile(p, data);
    },
    get: (key) => readFile(pathOf(key)),
    remove: (key) => rm(pathOf(key), { force: true }),
  };
}
