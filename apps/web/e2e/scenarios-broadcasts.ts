// Browser scenario of 一令到底: a broadcast read by two of three workers.
// The village committee's handler sends an instruction to the village's three
// grid workers; two of them open it on their phones (360 px) and confirm
// receipt; the sender sees 2/3 read with the third listed unread, reminds, and
// the SMS outbox shows one reminder, to the third.
import type { Page } from 'playwright-core';
import type { BroadcastList, UnitView } from '@jiesu/contracts';
import { t } from '../src/i18n';
import { fmt } from '../src/i18n';
import { tBroadcasts } from '../src/i18n/broadcasts';
import { tAssessment } from '../src/i18n/grid-assessment';
import { DESKTOP, PHONE, apiLogin, openActor, shot, type Stack } from './harness';
import { login, pick } from './ui';
import type { Scenario } from './scenarios';

const b = tBroadcasts;
const WORKERS = ['grid', 'grid-1-1-2-worker', 'grid-1-1-3-worker'] as const;

/** The village the demo `village` user's committee serves. */
async function villageOf(stack: Stack) {
  const v = await apiLogin(stack.api, 'village');
  const role = v.me.roles[0];
  if (!role) throw new Error('village user has no role');
  const units = await v.call<UnitView[]>('GET', '/api/org/units');
  const unit = units.find((u) => u.id === role.unitId);
  const places = await v.call<{ id: string; name: string }[]>('GET', '/api/org/jurisdictions');
  const place = places.find((p) => p.id === unit?.jurisdictionId);
  if (!place) throw new Error('village place not found');
  return { place, sender: v };
}

/** Signs a grid worker in straight to their notices (/g/broadcasts). */
async function workerLogin(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/login?next=${encodeURIComponent('/g/broadcasts')}`);
  await page.getByLabel(t.web.login.username).fill(username);
  await page.getByLabel(t.web.login.password).fill('demo');
  await page.getByRole('button', { name: t.web.login.submit }).click();
  await page.waitForURL((u) => u.pathname.startsWith('/g'));
  if (!new URL(page.url()).pathname.startsWith('/g/broadcasts'))
    await page.goto(`${base}/g/broadcasts`);
}

export const BROADCAST_SCENARIOS: Scenario[] = [
  {
    name: 'a broadcast read by two of three workers: the sender sees 2/3 and reminds the third',
    async run(stack, actors) {
      const { place, sender } = await villageOf(stack);
      const title = `寒潮防范入户提醒-${crypto.randomUUID().slice(0, 6)}`;
      const names: string[] = [];
      for (const w of WORKERS) {
        const s = await apiLogin(stack.api, w);
        names.push((s.me as unknown as { displayName: string }).displayName);
      }

      // 1. The village cadre composes an instruction to the whole village (3 workers).
      const staff = await openActor(DESKTOP);
      actors.push(staff);
      const sp = staff.page;
      await login(sp, stack.base, 'village');
      await sp
        .getByRole('navigation', { name: t.web.nav.label })
        .getByRole('link', { name: b.nav })
        .click();
      await sp.getByRole('heading', { name: b.title }).waitFor();
      await sp.getByRole('button', { name: b.compose }).click();
      const modal = sp.locator('.ant-modal:visible');
      await modal.getByLabel(b.fTitle, { exact: true }).fill(title);
      await modal
        .getByLabel(b.fBody, { exact: true })
        .fill(
          '今晚起寒潮来袭,请逐户提醒独居老人、留守儿童家庭做好防寒保暖,检查取暖设施和燃气安全。',
        );
      await pick(sp, b.fTarget, place.name, fmt(b.workersN, { name: place.name, n: 3 }));
      await shot(sp, '45-01-village-composes-instruction');
      await modal.getByRole('button', { name: b.send }).click();
      const drawer = sp.locator('.ant-drawer:visible');
      await drawer.getByText(fmt(b.progress, { read: 0, acked: 0, n: 3 })).waitFor();

      // 2. Two of the three workers open it on their phones and confirm receipt.
      for (const [i, w] of WORKERS.slice(0, 2).entries()) {
        const phone = await openActor(PHONE);
        actors.push(phone);
        const p = phone.page;
        await workerLogin(p, stack.base, w);
        const item = p.getByTestId('gw-broadcast').filter({ hasText: title });
        await item.getByText(b.gwNew).waitFor();
        if (i === 0) await shot(p, '45-02-worker-inbox-360');
        await item.click();
        await p.getByRole('heading', { name: title }).waitFor();
        if (i === 0) await p.getByLabel(b.gwNote).fill('已逐户通知,独居老人 6 户均已上门。');
        await p.getByRole('button', { name: b.gwAck }).click();
        await p.getByRole('status').getByText('已于').waitFor();
        if (i === 0) await shot(p, '45-03-worker-acknowledged-360');
        const width = await p.evaluate(() => document.documentElement.scrollWidth);
        if (width > 360) throw new Error(`the worker's page scrolls sideways: ${width}px`);
      }

      // 3. The sender sees 2/3 read and acknowledged; the third is the one unread.
      await sp.reload();
      await sp.getByRole('heading', { name: b.title }).waitFor();
      await sp.getByRole('button', { name: title }).click();
      await drawer.getByText(fmt(b.progress, { read: 2, acked: 2, n: 3 })).waitFor();
      await drawer
        .locator('.ant-segmented-item-label', { hasText: new RegExp(`^${b.filter.unread}$`) })
        .click();
      const rows = drawer.locator('.ant-table-tbody tr.ant-table-row');
      // The filtered list replaces the full one: wait for the second row to go.
      await rows.nth(1).waitFor({ state: 'detached' });
      await rows.filter({ hasText: names[2]! }).waitFor();
      if ((await rows.count()) !== 1) throw new Error(`unread rows: ${await rows.count()}`);
      await shot(sp, '45-04-sender-sees-two-of-three');

      // 4. Remind: one reminder, to the third, in the SMS outbox.
      await drawer.getByRole('button', { name: b.remindAck }).click();
      await sp
        .locator('.ant-modal-confirm:visible')
        .getByRole('button', { name: b.remindAck })
        .click();
      const outbox = drawer.getByTestId('outbox-item');
      await outbox.filter({ hasText: names[2]! }).waitFor();
      if ((await outbox.count()) !== 1) throw new Error(`outbox: ${await outbox.count()} items`);
      await drawer.getByText(fmt(b.remindedN, { n: 1 })).waitFor();
      await shot(sp, '45-05-reminder-in-outbox');

      // The API agrees: 3 recipients, 2 read, 2 acked.
      const list = await sender.call<BroadcastList>(
        'GET',
        `/api/broadcasts?q=${encodeURIComponent(title)}`,
      );
      const sent = list.items[0];
      if (!sent || sent.progress.read !== 2 || sent.progress.recipients !== 3)
        throw new Error(`progress: ${JSON.stringify(sent?.progress)}`);
    },
  },
  {
    name: "the month's grid worker assessment: figures, score and rank per township, with the formula",
    async run(stack, actors) {
      const admin = await openActor(DESKTOP);
      actors.push(admin);
      const p = admin.page;
      await login(p, stack.base, 'admin');
      await p
        .getByRole('navigation', { name: t.web.nav.label })
        .getByRole('link', { name: tAssessment.nav })
        .click();
      await p.getByRole('heading', { name: tAssessment.title }).waitFor();
      const rows = p.locator('.ant-table-tbody tr.ant-table-row');
      await rows.first().waitFor();
      await p.getByText(tAssessment.defsTitle).waitFor();
      await shot(p, '46-01-grid-assessment-month');
    },
  },
];
