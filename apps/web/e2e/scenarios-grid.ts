// Browser scenarios of [Grid]. Run after the scenarios of scenarios.ts.
// The village committee's handler adds an informant (信息员) to one of its grids
// in 网格管理; a resident on a phone opens the village's grid board (网格公示牌)
// and sees the grid worker's name with a phone to tap — never the informant.
import type { Page } from 'playwright-core';
import type { PublicGridBoard, UnitView } from '@jiesu/contracts';
import { t } from '../src/i18n';
import { tGridPeople } from '../src/i18n/grid-people';
import { DESKTOP, PHONE, apiLogin, openActor, shot, type Stack } from './harness';
import { login, pick } from './ui';
import type { Scenario } from './scenarios';

const g = tGridPeople;

/** The village the demo `village` user's committee serves. */
async function villageOf(stack: Stack) {
  const v = await apiLogin(stack.api, 'village');
  const role = v.me.roles[0];
  if (!role) throw new Error('village user has no role');
  const units = await v.call<UnitView[]>('GET', '/api/org/units');
  const unit = units.find((u) => u.id === role.unitId);
  const places = await v.call<{ id: string; name: string; level: string }[]>(
    'GET',
    '/api/org/jurisdictions',
  );
  const place = places.find((p) => p.id === unit?.jurisdictionId);
  if (!unit || !place) throw new Error('village unit or its place not found');
  return { unit, place };
}

/** Picks an option of a plain antd Select by its label. */
async function selectOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  const opt = page.locator('.ant-select-dropdown:visible .ant-select-item-option', {
    hasText: option,
  });
  await opt.first().click();
  await opt.first().waitFor({ state: 'hidden' });
}

export const GRID_SCENARIOS: Scenario[] = [
  {
    name: "a village adds a grid informant; a resident's phone shows the grid worker to call, not the informant",
    async run(stack, actors) {
      const { place } = await villageOf(stack);
      const informant = { name: '韩秀英', phone: '13700137123' };

      // 1. The village committee's handler opens 网格管理 and the first of its grids.
      const staff = await openActor(DESKTOP);
      actors.push(staff);
      const sp = staff.page;
      await login(sp, stack.base, 'village');
      await sp
        .getByRole('navigation', { name: t.web.nav.label })
        .getByRole('link', { name: t.web.nav.grids })
        .click();
      await sp.getByRole('heading', { name: g.title }).waitFor();
      const row = sp.getByTestId('grid-row').filter({ hasText: place.name }).first();
      await row.waitFor();
      const gridName = (await row.locator('td').first().innerText()).trim();
      await row.getByRole('button', { name: g.manage }).click();
      const drawer = sp.getByRole('dialog');
      await drawer.getByText(`${place.name} · ${gridName}`).waitFor();
      await drawer.getByTestId('grid-member').first().waitFor();

      // 2. Adds an informant with a phone: shown to the committee in the drawer and the list.
      await selectOption(sp, g.addRole, g.role.informant);
      await drawer.getByLabel(g.addName, { exact: true }).fill(informant.name);
      await drawer.getByLabel(g.addPhone, { exact: true }).fill(informant.phone);
      await shot(sp, '40-01-village-adds-informant');
      await drawer.getByRole('button', { name: g.add, exact: true }).click();
      const added = drawer.getByTestId('grid-member').filter({ hasText: informant.name });
      await added.getByText(informant.phone).waitFor();
      await added.getByText(g.role.informant).waitFor();
      await row.getByText(`${g.role.informant} ${informant.name}`).waitFor();
      await shot(sp, '40-02-village-informant-added');

      // 3. A resident on a phone opens the grid board and picks the village.
      const expected = (await (
        await fetch(`${stack.api}/api/public/grid-board?place=${place.id}`)
      ).json()) as PublicGridBoard;
      const grid = expected.grids.find((x) => x.name === gridName);
      if (!grid?.worker?.phone) throw new Error(`no worker with a phone on ${gridName}`);
      const resident = await openActor(PHONE);
      actors.push(resident);
      const rp = resident.page;
      await rp.goto(`${stack.base}/m/grids`);
      await rp.getByRole('link', { name: t.web.citizen.navGrids }).waitFor();
      await pick(rp, g.place, place.name);
      const card = rp.getByTestId('public-grid').filter({ hasText: gridName }).first();
      await card.getByText(grid.worker.name).waitFor();
      const call = card.getByRole('link', { name: `拨打 ${grid.worker.phone}` });
      await call.waitFor();
      if ((await call.getAttribute('href')) !== `tel:${grid.worker.phone}`)
        throw new Error('the worker phone is not a tel: link');
      const supervision = rp.getByTestId('supervision');
      await supervision.getByText(g.supervision).waitFor();
      const body = await rp.locator('body').innerText();
      if (body.includes(informant.phone) || body.includes(informant.name))
        throw new Error('the informant is on the public board');
      const width = await rp.evaluate(() => document.documentElement.scrollWidth);
      if (width > PHONE.width) throw new Error(`the board is ${width}px wide on a 360px phone`);
      await shot(rp, '40-03-resident-grid-board');
    },
  },
];
