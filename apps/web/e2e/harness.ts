// Browser-test harness: a server on a fresh data folder, Debian's Chromium through
// playwright-core, one fresh browser profile per actor, screenshots into artifacts/.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const WEB = resolve(import.meta.dirname, '..');
export const ARTIFACTS = join(ROOT, 'artifacts');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => ok(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`process exited (${child.exitCode}) before ${url} answered`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(`timed out waiting for ${url}`);
}

export interface Stack {
  /** Where the browser goes: the API server itself when it serves the web app, else vite preview. */
  base: string;
  api: string;
  stop(): Promise<void>;
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      ok();
    });
    child.kill('SIGTERM');
  });
}

export async function startStack(log: (s: string) => void): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'jiesu-e2e-'));
  const apiPort = await freePort();
  const api = `http://127.0.0.1:${apiPort}`;
  const children: ChildProcess[] = [];
  const out: string[] = [];
  const server = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // Every scenario signs several people in from one address within a minute.
      LOGIN_RATE_LIMIT: '600',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(server);
  server.stdout?.on('data', (d: Buffer) => out.push(d.toString()));
  server.stderr?.on('data', (d: Buffer) => out.push(d.toString()));
  const stop = async () => {
    for (const c of children.reverse()) await kill(c);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    log(
      `server: starting on ${api} with DATA_DIR=${dataDir} (first start seeds the demo district)`,
    );
    await waitFor(`${api}/readyz`, 6 * 60_000, server);
    const home = await (await fetch(`${api}/`)).text();
    if (home.includes('id="root"')) return { base: api, api, stop };
    // The server does not serve apps/web/dist yet: serve it with vite preview, proxying /api.
    const webPort = await freePort();
    const preview = spawn(
      process.execPath,
      [
        join(ROOT, 'node_modules/vite/bin/vite.js'),
        'preview',
        '--port',
        String(webPort),
        '--strictPort',
        '--host',
        '127.0.0.1',
      ],
      {
        cwd: WEB,
        env: { ...process.env, API_PORT: String(apiPort) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(preview);
    const base = `http://127.0.0.1:${webPort}`;
    log(`web: the server does not serve apps/web/dist yet; vite preview on ${base}`);
    await waitFor(`${base}/`, 60_000, preview);
    return { base, api, stop };
  } catch (e) {
    log(out.join('').slice(-4000));
    await stop();
    throw e;
  }
}

export interface Actor {
  page: Page;
  context: BrowserContext;
  errors: string[];
  close(): Promise<void>;
}

export const PHONE = { width: 360, height: 760 };
export const DESKTOP = { width: 1366, height: 860 };

/** A browser with a fresh profile; console errors and page errors are collected. */
export async function openActor(viewport: { width: number; height: number }): Promise<Actor> {
  const dir = mkdtempSync(join(tmpdir(), 'jiesu-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    isMobile: viewport.width < 500,
    hasTouch: viewport.width < 500,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  // A failed load is reported with its URL; Chromium's own console line for it has none.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      errors.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`http ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return {
    page,
    context,
    errors,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** API session for setup and checks (cookie + CSRF), outside the browser. */
export async function apiLogin(api: string, username: string) {
  const res = await fetch(`${api}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  const me = (await res.json()) as {
    csrfToken: string;
    roles: { unitId: string; unitName: string; role: string }[];
  };
  const cookie = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${api}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': me.csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return { me, call };
}
