// Browser scenario of [Assessment] civility points (文明积分): a village cadre records
// points for two households of the village in one bulk entry on the 文明积分 page; a
// resident's phone opens the public quarterly board of the village and sees both at the
// top, with the door-plate address and the head's masked surname only.
import type { Page } from 'playwright-core';
import type { CivilityHouseholdList, CivilityPlaces, CivilityRuleView } from '@jiesu/contracts';
import { tCivility as c, tCivilityPublic as p } from '../src/i18n/civility';
import { fmt } from '../src/i18n';
import { DESKTOP, PHONE, apiLogin, openActor, shot } from './harness';
import type { Scenario } from './scenarios';
import { login, pick } from './ui';

const modal = (page: Page) => page.locator('.ant-modal:visible');

export const civilityBulkBoard: Scenario = {
  name: '文明积分: a village cadre adds points to two households in one bulk entry; a resident phone sees them ranked on the public board, masked',
  async run(stack, actors) {
    // Setup: a district commendation worth more than a quarter of ordinary points, so the
    // two households lead the board whatever the demo gave the others.
    const admin = await apiLogin(stack.api, 'admin');
    const suffix = Math.random().toString(36).slice(2, 6);
    const label = `抗洪抢险表彰${suffix}`;
    await admin.call<CivilityRuleView>('POST', '/api/civility/rules', {
      code: `flood_${suffix}`,
      label,
      points: 60,
      kind: 'manual',
    });
    const village = await apiLogin(stack.api, 'village');
    const places = await village.call<CivilityPlaces>('GET', '/api/civility/places');
    const v = places.villages[0];
    if (!v) throw new Error('the village login has no village');
    const list = await village.call<CivilityHouseholdList>(
      'GET',
      `/api/civility/households?villageId=${v.id}&pageSize=20`,
    );
    // The last two of the first page (a short page renders fast on a loaded machine):
    // the commendation lifts them to the top.
    const [a, b] = list.items.slice(-2);
    if (!a || !b) throw new Error('the village has fewer than two households');

    // 1. The cadre selects both on the 文明积分 page and records the points at once.
    const cadre = await openActor(DESKTOP);
    actors.push(cadre);
    const cp = cadre.page;
    await login(cp, stack.base, 'village');
    await cp.getByRole('navigation').getByRole('link', { name: c.nav }).click();
    await cp.getByRole('heading', { name: c.title }).waitFor();
    await cp.goto(`${stack.base}/civility?villageId=${v.id}&pageSize=20`);
    for (const h of [a, b]) {
      const row = cp.getByTestId('civility-household').filter({ hasText: h.address });
      await row.getByRole('checkbox').check();
    }
    await cp.getByRole('button', { name: fmt(c.addBulk, { n: 2 }) }).click();
    await modal(cp).waitFor();
    await pick(cp, c.rule, label.slice(0, 4), label);
    await modal(cp).getByLabel(c.reason, { exact: true }).fill('汛期参加抗洪抢险,镇政府通报表彰');
    await modal(cp).getByRole('button', { name: c.save }).click();
    await modal(cp).waitFor({ state: 'hidden' });
    for (const h of [a, b]) {
      const row = cp.getByTestId('civility-household').filter({ hasText: h.address });
      await row
        .getByText(`+${h.quarterPoints + 60}`)
        .first()
        .waitFor();
    }
    await shot(cp, 'civility-1-bulk');
    // The household's ledger shows the entry with the batch's reason.
    await cp.getByRole('button', { name: a.address, exact: true }).click();
    await cp.getByTestId('civility-entry').filter({ hasText: label }).waitFor();
    await shot(cp, 'civility-2-ledger');

    // 2. A resident's phone opens the public board of the village (no sign-in).
    const resident = await openActor(PHONE);
    actors.push(resident);
    const rp = resident.page;
    await rp.goto(`${stack.base}/m/points`);
    await rp.getByRole('heading', { name: p.title }).waitFor();
    await rp
      .getByTestId('points-village')
      .selectOption({ label: fmt(p.villageOption, { township: v.township, name: v.name }) });
    const rows = rp.getByTestId('points-row');
    await rows.first().waitFor();
    const top = [a, b].sort(
      (x, y) => y.quarterPoints - x.quarterPoints || x.address.localeCompare(y.address, 'zh-CN'),
    );
    for (const [i, h] of top.entries()) {
      const row = rows.nth(i);
      await row.getByText(h.address, { exact: true }).waitFor();
      await row.getByText(fmt(p.pointsUnit, { n: h.quarterPoints + 60 })).waitFor();
      if (!h.head) continue;
      // The staff list shows 王** for 王建国; the board shows the surname and ** alone.
      await row.getByText(`${[...h.head][0]}**`, { exact: true }).waitFor();
    }
    const text = await rp.getByTestId('points-board').innerText();
    if (/1[3-9]\d{9}/.test(text)) throw new Error('the board shows a phone number');
    const heads = await rows.locator('span > span:last-child').allInnerTexts();
    const unmasked = heads.filter((x) => !/^.\*\*$/.test(x.trim()));
    if (unmasked.length) throw new Error(`unmasked on the board: ${unmasked.join(', ')}`);
    await shot(rp, 'civility-3-board');
  },
};

export const CIVILITY_SCENARIOS: Scenario[] = [civilityBulkBoard];
