// Browser scenario of [Insight] smart dispatch (智能分派): the demo district's models are
// trained (the scheduled first tick may already be at it); the hotline agent types a
// street-light call, sees the top-3 category chips, takes the first and submits; the
// ticket carries that category and the 智能分派 page counts one more suggestion shown.
import type { DispatchAccuracy, SmartDispatchOverview, TicketList } from '@jiesu/contracts';
import { tIntake } from '../src/i18n/intake';
import { tSmartDispatch as s } from '../src/i18n/smart-dispatch';
import { DESKTOP, apiLogin, openActor, shot, type Stack } from './harness';
import type { Scenario } from './scenarios';
import { login, pick } from './ui';

type Api = Awaited<ReturnType<typeof apiLogin>>;

/** Trains now, or waits for a training already running, until a category model is active. */
async function trained(d: Api): Promise<void> {
  const deadline = performance.now() + 240_000;
  const active = async () =>
    (await d.call<SmartDispatchOverview>('GET', '/api/insight/dispatch')).models.some(
      (m) => m.active && m.target === 'category',
    );
  if (await active()) return;
  await d.call('POST', '/api/insight/dispatch/train', { targets: ['category'] });
  while (!(await active())) {
    if (performance.now() > deadline) throw new Error('no category model after 240 s');
    await new Promise((r) => setTimeout(r, 2000));
  }
}

async function villagePlace(stack: Stack) {
  const v = await apiLogin(stack.api, 'village');
  const role = v.me.roles[0];
  const units = await v.call<Array<{ id: string; jurisdictionId: string }>>(
    'GET',
    '/api/org/units',
  );
  const places = await v.call<Array<{ id: string; name: string }>>('GET', '/api/org/jurisdictions');
  const place = places.find(
    (p) => p.id === units.find((u) => u.id === role?.unitId)?.jurisdictionId,
  );
  if (!place) throw new Error('village place not found');
  return place;
}

const shown = (a: DispatchAccuracy) => a.totals.find((t) => t.target === 'category')?.shown ?? 0;

const chipsAtIntake: Scenario = {
  name: '智能分派: the agent types a street-light call, takes the first suggested category, submits; the accuracy page counts it',
  async run(stack, actors) {
    const dispatcherApi = await apiLogin(stack.api, 'dispatcher');
    await trained(dispatcherApi);
    const before = shown(
      await dispatcherApi.call<DispatchAccuracy>('GET', '/api/insight/dispatch/accuracy'),
    );
    const place = await villagePlace(stack);

    const agent = await openActor(DESKTOP);
    actors.push(agent);
    const p = agent.page;
    await login(p, stack.base, 'agent');
    await p.goto(`${stack.base}/intake`);
    const phone = p.getByLabel(tIntake.phone, { exact: true });
    await phone.waitFor();
    await phone.fill('13700137123');
    const title = '小区路灯不亮(智能分派)';
    await p.getByLabel(tIntake.ticketTitle, { exact: true }).fill(title);
    await p
      .getByLabel(tIntake.description, { exact: true })
      .pressSequentially(
        '来电人反映小区门口的路灯坏了好几天,晚上一片漆黑,老人出门不安全,希望尽快修好。',
        {
          delay: 5,
        },
      );
    const first = p.getByTestId('smart-chip-category-1');
    await first.waitFor();
    await p.getByTestId('smart-chip-category-3').waitFor();
    const chosen = (await first.innerText()).replace(/\s*\d+%$/, '').trim();
    if (!chosen.includes('路灯')) throw new Error(`first suggestion is ${chosen}`);
    await shot(p, 'smart-dispatch-01-chips');
    await first.click();
    // The category field shows the chosen leaf (with its path).
    await p
      .locator('.ant-form-item')
      .filter({ has: p.getByText(tIntake.category, { exact: true }) })
      .getByText(chosen)
      .first()
      .waitFor();
    await pick(p, tIntake.place, place.name);
    await p.getByLabel(tIntake.address, { exact: true }).fill(`${place.name}东门`);
    await p.getByRole('button', { name: tIntake.submit }).click();
    await p.getByTestId('intake-done').waitFor();

    const list = await dispatcherApi.call<TicketList>(
      'GET',
      `/api/tickets?phone=13700137123&sort=-receivedAt`,
    );
    if (list.items[0]?.title !== title || list.items[0].category.name !== chosen)
      throw new Error(`ticket not created with ${chosen}: ${JSON.stringify(list.items[0])}`);

    // The outcome is recorded after the ticket is taken (in the background): poll briefly.
    let after = before;
    for (let i = 0; i < 20 && after === before; i++) {
      after = shown(
        await dispatcherApi.call<DispatchAccuracy>('GET', '/api/insight/dispatch/accuracy'),
      );
      if (after === before) await new Promise((r) => setTimeout(r, 250));
    }
    if (after !== before + 1) throw new Error(`shown ${before} → ${after}`);

    const disp = await openActor(DESKTOP);
    actors.push(disp);
    const q = disp.page;
    await login(q, stack.base, 'dispatcher');
    await q.getByRole('link', { name: s.nav }).click();
    await q.getByRole('heading', { name: s.title }).waitFor();
    await q.getByTestId('models').getByText(s.activeTag).first().waitFor();
    await q
      .getByTestId('accuracy-category')
      .locator('.ant-statistic-content-value')
      .first()
      .filter({ hasText: String(after) })
      .waitFor();
    await shot(q, 'smart-dispatch-02-page');
  },
};

export const SMART_DISPATCH_SCENARIOS: Scenario[] = [chipsAtIntake];
