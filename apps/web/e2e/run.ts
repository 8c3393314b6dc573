// `npm run test:browser`: builds the web app if stale, starts servers on fresh data folders (one
// per lane, E2E_LANES, default 1), runs every scenario in Chromium, prints "N passed, N failed",
// exits non-zero on failure.
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
  const chosen = SCENARIOS.map((s, i) => ({ ...s, n: i + 1 })).filter(
    (s) =>
      !only.length || only.some((o) => (/^\d+$/.test(o) ? o === String(s.n) : s.name.includes(o))),
  );
  // Lanes (E2E_LANES, default 1): each its own server on its own data folder, seeded with its
  // own demo district, and its own browsers; scenario k runs in lane k mod LANES, in order, so
  // a lane's history is the same on every run. For machines with cores to spare: on the
  // two-core CI machine two lanes took 577 s against 619 s for one (every scenario ran at
  // half speed), not worth the extra load on timing-sensitive steps.
  const lanes = Math.max(1, Math.min(Number(process.env.E2E_LANES ?? 1) || 1, chosen.length));
  const outcome = await Promise.all(
    Array.from({ length: lanes }, (_, lane) =>
      runLane(
        chosen.filter((_, k) => k % lanes === lane),
        lanes > 1 ? (s: string) => log(s.replace(/^(server|web): /, `$1 ${lane + 1}: `)) : log,
      ),
    ),
  );
  const passed = outcome.reduce((a, o) => a + o.passed, 0);
  const failed = outcome.reduce((a, o) => a + o.failed, 0);
  log(`screenshots: ${ARTIFACTS}`);
  log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

async function runLane(
  scenarios: ((typeof SCENARIOS)[number] & { n: number })[],
  log: (s: string) => void,
): Promise<{ passed: number; failed: number }> {
  let passed = 0;
  let failed = 0;
  let stack;
  try {
    stack = await startStack(log);
  } catch (e) {
    log(
      `FAIL the server did not start\n  ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
    );
    return { passed, failed: scenarios.length };
  }
  try {
    for (const s of scenarios) {
      const actors: Actor[] = [];
      const started = performance.now();
      try {
        await s.run(stack, actors);
        const errors = actors.flatMap((a) => a.errors);
        if (errors.length) throw new Error(`console errors:\n  ${errors.join('\n  ')}`);
        passed++;
        log(`ok   ${s.n} ${s.name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
      } catch (e) {
        failed++;
        for (const [k, a] of actors.entries())
          await a.page
            .screenshot({ path: join(ARTIFACTS, `failed-${s.n}-${k}.png`), fullPage: true })
            .catch(() => undefined);
        log(`FAIL ${s.n} ${s.name}\n  ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      } finally {
        for (const a of actors) await a.close().catch(() => undefined);
      }
    }
  } finally {
    await stack.stop();
  }
  return { passed, failed };
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
