// `node --import tsx apps/web/e2e/measure.ts <base-url>`: loads the resident page and the
// workbench in Chromium, lists the JS/CSS each one fetched with its gzip size (from dist),
// and the workbench's first-load time (navigation start → home numbers shown), warm (the
// browser has the assets cached, as on every day after the first) and cold (a new browser
// profile with only the session cookie: nothing cached), five cold runs with the median.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { t } from '../src/i18n';
import { DESKTOP, PHONE, WEB, openActor } from './harness';
import { login } from './ui';

const base = process.argv[2] ?? 'http://127.0.0.1:4173';
const gz = (path: string) => gzipSync(readFileSync(join(WEB, 'dist', path)), { level: 9 }).length;

async function assets(viewport: typeof PHONE, go: (page: Page) => Promise<void>) {
  const a = await openActor(viewport);
  const seen = new Set<string>();
  a.page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/assets/')) seen.add(u.pathname);
  });
  await go(a.page);
  await a.page.waitForLoadState('networkidle');
  const list = [...seen].map((p) => ({ file: p.slice(8), gzip: gz(p.slice(1)) }));
  await a.close();
  return { list, errors: a.errors, total: list.reduce((s, x) => s + x.gzip, 0) };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function main() {
  const resident = await assets(PHONE, async (p) => {
    await p.goto(`${base}/m/raise`);
    await p.getByRole('button', { name: t.web.citizen.submit }).waitFor();
  });
  console.log(`resident /m/raise: ${kb(resident.total)} gzip in ${resident.list.length} files`);
  for (const f of resident.list.sort((x, y) => y.gzip - x.gzip))
    console.log(`  ${kb(f.gzip).padStart(9)}  ${f.file}`);

  let firstLoadMs = 0;
  let layoutMs = 0;
  const workbench = await assets(DESKTOP, async (p) => {
    await login(p, base, 'dispatcher');
    // Fresh load of the workbench home with the session cookie, timed from navigation start.
    await p.goto('about:blank');
    await p.goto(`${base}/`);
    await p.getByRole('button', { name: t.web.nav.logout }).waitFor({ timeout: 30_000 });
    layoutMs = await p.evaluate(() => performance.now());
    await p.getByText(t.web.home.open).first().waitFor({ timeout: 30_000 });
    firstLoadMs = await p.evaluate(() => performance.now());
  });
  console.log(
    `workbench / (after login): ${kb(workbench.total)} gzip in ${workbench.list.length} files; workbench shown ${layoutMs.toFixed(0)} ms, today's numbers shown ${firstLoadMs.toFixed(0)} ms after navigation start`,
  );
  for (const f of workbench.list.sort((x, y) => y.gzip - x.gzip))
    console.log(`  ${kb(f.gzip).padStart(9)}  ${f.file}`);
  const cold: number[] = [];
  const cookies = await (async () => {
    const a = await openActor(DESKTOP);
    await login(a.page, base, 'dispatcher');
    const c = await a.page.context().cookies();
    await a.close();
    return c;
  })();
  for (let i = 0; i < 5; i++) {
    const a = await openActor(DESKTOP);
    await a.page.context().addCookies(cookies);
    await a.page.goto(`${base}/`);
    await a.page.getByText(t.web.home.open).first().waitFor({ timeout: 30_000 });
    cold.push(await a.page.evaluate(() => performance.now()));
    await a.close();
  }
  const sorted = [...cold].sort((x, y) => x - y);
  console.log(
    `workbench / cold cache (new profile, session cookie only): median ${sorted[2]!.toFixed(0)} ms, runs ${cold.map((x) => x.toFixed(0)).join(' / ')} ms`,
  );
  const errs = [...resident.errors, ...workbench.errors];
  if (errs.length) console.log(`console errors:\n  ${errs.join('\n  ')}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
