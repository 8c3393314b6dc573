#!/usr/bin/env node
// Builds apps/web/dist when it is missing or older than any of its sources (the web
// app, its config, and the contracts it bundles). `npm start` runs this first.
// SKIP_WEB_BUILD=1 skips it (API-only deployments). Exits non-zero if the build fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(web, '../..');
const built = join(web, 'dist', 'index.html');

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = 0;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name === 'dist') continue;
    m = Math.max(m, newest(join(path, name)));
  }
  return m;
}

if (process.env.SKIP_WEB_BUILD === '1') process.exit(0);

const sources = [
  join(web, 'src'),
  join(web, 'index.html'),
  join(web, 'vite.config.ts'),
  join(web, 'package.json'),
  join(root, 'packages', 'contracts', 'src'),
];
const srcTime = Math.max(...sources.map(newest));
const distTime = existsSync(built) ? statSync(built).mtimeMs : 0;
if (distTime >= srcTime) process.exit(0);

console.log(
  distTime ? 'web: sources changed, rebuilding apps/web/dist …' : 'web: building apps/web/dist …',
);
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
if (!existsSync(vite)) {
  console.error(
    'web: vite is not installed (npm install), cannot build apps/web; set SKIP_WEB_BUILD=1 to start the API alone',
  );
  process.exit(1);
}
const started = performance.now();
const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
  cwd: web,
  stdio: 'inherit',
});
if (r.status !== 0) {
  console.error(`web: build failed (exit ${r.status ?? r.signal})`);
  process.exit(r.status || 1);
}
console.log(`web: built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
