// `npm run test:browser`: builds the web app if stale, starts the server on a fresh data
// folder, runs every scenario in Chromium, prints "N passed, N failed", exits non-zero on failure.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ARTIFACTS, ROOT, startStack, type Actor } from './harness';
import { SCENARIOS as CORE } from './scenarios';
import { DELIBERATION_SCENARIOS } from './scenarios-deliberation';
import { PROJECTS_SCENARIOS } from './scenarios-projects';
import { HEARINGS_SCENARIOS } from './scenarios-hearings';
import { GRID_SCENARIOS } from './scenarios-grid';
import { BROADCAST_SCENARIOS } from './scenarios-broadcasts';
import { DUTIES_SCENARIOS } from './scenarios-duties';
import { STUDIO_SCENARIOS } from './scenarios-studios';
import { RESIDENTS_SCENARIOS } from './scenarios-residents';
import { OVERSIGHT_SCENARIOS } from './scenarios-oversight';
import { ASSESSMENT_SCENARIOS } from './scenarios-assessment';
import { PERIOD_REPORT_SCENARIOS } from './scenarios-period-reports';
import { CIVILITY_SCENARIOS } from './scenarios-civility';
import { DASHBOARD_SCENARIOS } from './scenarios-dashboard';
import { COLOUR_LISTS_SCENARIOS } from './scenarios-colour-lists';
import { VOLUNTEERS_SCENARIOS } from './scenarios-volunteers';
import { INSIGHT_SCENARIOS } from './scenarios-insight';
import { SMART_DISPATCH_SCENARIOS } from './scenarios-smart-dispatch';
import { HANDLING_SCENARIOS } from './scenarios-handling';
import { CALLBACK_SCENARIOS } from './scenarios-callbacks';
import { REPLY_TEMPLATE_SCENARIOS } from './scenarios-reply-templates';
import { HOTSPOTS_SCENARIOS } from './scenarios-hotspots';

const SCENARIOS = [
  ...CORE,
  ...DELIBERATION_SCENARIOS,
  ...PROJECTS_SCENARIOS,
  ...HEARINGS_SCENARIOS,
  ...GRID_SCENARIOS,
  ...BROADCAST_SCENARIOS,
  ...DUTIES_SCENARIOS,
  ...STUDIO_SCENARIOS,
  ...RESIDENTS_SCENARIOS,
  ...OVERSIGHT_SCENARIOS,
  ...ASSESSMENT_SCENARIOS,
  ...PERIOD_REPORT_SCENARIOS,
  ...CIVILITY_SCENARIOS,
  ...DASHBOARD_SCENARIOS,
  ...COLOUR_LISTS_SCENARIOS,
  ...VOLUNTEERS_SCENARIOS,
  ...INSIGHT_SCENARIOS,
  ...SMART_DISPATCH_SCENARIOS,
  ...HANDLING_SCENARIOS,
  ...CALLBACK_SCENARIOS,
  ...REPLY_TEMPLATE_SCENARIOS,
  ...HOTSPOTS_SCENARIOS,
];

const log = (s: string) => console.log(s);

async function main(): Promise<number> {
  const build = spawnSync(process.execPath, [join(ROOT, 'apps/web/scripts/ensure-built.mjs')], {
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    console.error('web build failed');
    return 1;
  }
  const only = process.argv.slice(2);
  // By number (`-- 25 27`) or by a piece of the name (`-- 三色`).
  const chosen = SCENARIOS.filter(
    (s, i) =>
      !only.length ||
      only.some((o) => (/^\d+$/.test(o) ? o === String(i + 1) : s.name.includes(o))),
  );
  const stack = await startStack(log);
  let passed = 0;
  let failed = 0;
  try {
    for (const [i, s] of chosen.entries()) {
      const actors: Actor[] = [];
      const started = performance.now();
      try {
        await s.run(stack, actors);
        const errors = actors.flatMap((a) => a.errors);
        if (errors.length) throw new Error(`console errors:\n  ${errors.join('\n  ')}`);
        passed++;
        log(`ok   ${i + 1} ${s.name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
      } catch (e) {
        failed++;
        for (const [k, a] of actors.entries())
          await a.page
            .screenshot({ path: join(ARTIFACTS, `failed-${i + 1}-${k}.png`), fullPage: true })
            .catch(() => undefined);
        log(
          `FAIL ${i + 1} ${s.name}\n  ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
        );
      } finally {
        for (const a of actors) await a.close().catch(() => undefined);
      }
    }
  } finally {
    await stack.stop();
  }
  log(`screenshots: ${ARTIFACTS}`);
  log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
