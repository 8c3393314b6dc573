// Browser scenarios of [Grid]. Run after the scenarios of scenarios.ts.
// The village committee's handler adds an informant (信息员) to one of its grids
// in 网格管理; a resident on a phone opens the village's grid board (网格公示牌)
// and sees the grid worker's name with a phone to tap — never the informant.
import type { Page } from 'playwright-core';
import type {
  JurisdictionView,
  PlaceResolution,
  PublicGridBoard,
  TicketView,
  UnitView,
} from '@jiesu/contracts';
import { t } from '../src/i18n';
import { tGridPeople } from '../src/i18n/grid-people';
import { DESKTOP, PHONE, apiLogin, openActor, shot, type Stack } from './harness';
import { choose, login, pick } from './ui';
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
  {
    name: "a resident's phone position picks the village and files the request under its grid",
    async run(stack, actors) {
      // A demo grid whose centre lies inside its own boundary.
      const admin = await apiLogin(stack.api, 'admin');
      const places = await admin.call<JurisdictionView[]>('GET', '/api/org/jurisdictions');
      let target:
        | { grid: JurisdictionView; at: { lng: number; lat: number }; r: PlaceResolution }
        | undefined;
      for (const grid of places.filter((p) => p.level === 'grid' && p.hasBoundary && p.centre)) {
        const at = { lng: grid.centre!.lng, lat: grid.centre!.lat };
        const r = (await (
          await fetch(`${stack.api}/api/public/places/resolve?lng=${at.lng}&lat=${at.lat}`)
        ).json()) as PlaceResolution;
        if (r.grid?.id === grid.id) {
          target = { grid, at, r };
          break;
        }
      }
      if (!target?.r.village || !target.r.township) throw new Error('no demo grid to stand in');
      const { grid, at, r } = target;

      const resident = await openActor(PHONE);
      actors.push(resident);
      const rp = resident.page;
      await rp.context().grantPermissions(['geolocation']);
      await rp.context().setGeolocation({ longitude: at.lng, latitude: at.lat });
      await rp.goto(`${stack.base}/m/raise`);
      await choose(rp, t.type.help);
      await pick(rp, t.web.citizen.category, '路灯');
      await rp
        .getByLabel(t.web.citizen.description)
        .fill('楼下的路灯坏了好几天,晚上老人出门看不清路,请尽快修复。');
      // 用我的位置: township and village are filled in, the grid is named.
      await rp.getByTestId('locate-me').click();
      await rp.getByTestId('locate-me-result').getByText(grid.name).waitFor();
      for (const name of [r.township!.name, r.village!.name])
        await rp.locator('form').getByText(name, { exact: true }).first().waitFor();
      await rp.getByLabel(t.web.citizen.address).fill(`${r.village!.name}5号楼下`);
      await rp.getByLabel(t.web.citizen.phone).fill('13600136001');
      await shot(rp, '41-01-resident-located');
      await rp.getByRole('button', { name: t.web.citizen.submit }).click();
      const code = ((await rp.getByTestId('ticket-code').textContent()) ?? '').trim();
      if (!code) throw new Error('no ticket code shown');

      // The ticket is filed under the grid, not only the village the resident saw.
      const d = await apiLogin(stack.api, 'dispatcher');
      const list = await d.call<{ items: { id: string }[] }>(
        'GET',
        `/api/tickets?q=${encodeURIComponent(code)}`,
      );
      const ticket = await d.call<TicketView>('GET', `/api/tickets/${list.items[0]?.id ?? ''}`);
      if (ticket.jurisdiction.id !== grid.id)
        throw new Error(`filed under ${ticket.jurisdiction.name}, not the grid ${grid.name}`);
    },
  },
];
