// Browser scenario of [Grid] duties: a grid worker's day on a 360 px phone — she signs
// in and lands on 今日, checks in a patrol (position typed in: the test browser has no
// geolocation), records a visit to a household due this month, files a 四必报 report
// (安全隐患) that becomes a ticket; the dispatcher then finds the ticket, channel 网格巡查.
import type { TicketList } from '@jiesu/contracts';
import { t } from '../src/i18n';
import { tDuties } from '../src/i18n/duties';
import { DESKTOP, PHONE, apiLogin, openActor, shot } from './harness';
import { choose, login } from './ui';
import type { Scenario } from './scenarios';

const D = tDuties;

export const DUTIES_SCENARIOS: Scenario[] = [
  {
    name: "a grid worker's day on a phone: patrol check-in, a visit, a 四必报 report that becomes a ticket",
    async run(stack, actors) {
      const worker = await openActor(PHONE);
      actors.push(worker);
      const p = worker.page;

      // 1. Signs in: a grid worker lands on her mobile pages (/g), today's duties.
      await p.goto(`${stack.base}/login`);
      await p.getByLabel(t.web.login.username).fill('grid');
      await p.getByLabel(t.web.login.password).fill('demo');
      await p.getByRole('button', { name: t.web.login.submit }).click();
      await p.waitForURL((u) => u.pathname === '/g');
      await p.getByTestId('today-patrol').waitFor();
      await p.getByTestId('visit-due').first().waitFor();
      const width = await p.evaluate(() => document.documentElement.scrollWidth);
      if (width > 360) throw new Error(`today page overflows the phone: ${width}px`);
      await shot(p, '50-01-grid-worker-today');

      // 2. Patrol: types the position, starts, writes a note, finishes.
      await p
        .getByRole('navigation', { name: D.layout.navLabel })
        .getByRole('link', { name: D.layout.navPatrol })
        .click();
      const card = p.getByTestId('patrol-card');
      await card.getByRole('button', { name: D.locate.manual }).click();
      await card.getByLabel(D.locate.lng).fill('117.0312');
      await card.getByLabel(D.locate.lat).fill('40.2105');
      await card.getByRole('button', { name: D.locate.use }).click();
      await card.getByTestId('location-value').waitFor();
      await card.getByRole('button', { name: D.patrol.start }).click();
      await card.getByRole('button', { name: D.patrol.finish }).waitFor();
      await card.getByLabel(D.patrol.note).fill('巡查小区主干道和东门,消防通道有杂物');
      await shot(p, '50-02-patrol-started');
      await card.getByRole('button', { name: D.patrol.finish }).click();
      await card.getByRole('button', { name: D.patrol.start }).waitFor();
      await p.getByTestId('patrol-row').filter({ hasText: '消防通道' }).first().waitFor();
      await shot(p, '50-03-patrol-finished');

      // 3. A visit: back on 今日, records the first household due.
      await p
        .getByRole('navigation', { name: D.layout.navLabel })
        .getByRole('link', { name: D.layout.navToday })
        .click();
      await p.getByText(D.today.patrolOk).waitFor();
      const due = p.getByTestId('visit-due').first();
      const doneBefore = Number(
        /本月已走访 (\d+) 次/.exec(await p.getByTestId('today-visits').innerText())?.[1] ?? NaN,
      );
      if (Number.isNaN(doneBefore)) throw new Error('no visit count on 今日');
      await due.getByRole('button', { name: D.today.recordVisit }).click();
      const modal = p.locator('.ant-modal:visible');
      await modal.getByLabel(D.today.visitNote).fill('老人身体状况良好,已提醒按时服药');
      await shot(p, '50-04-visit');
      await modal.getByRole('button', { name: D.today.recordVisit }).click();
      await modal.waitFor({ state: 'hidden' });
      await p.getByText(D.today.visitSaved).waitFor();
      // The month's count of visits done goes up by one.
      const visits = p.getByTestId('today-visits');
      await visits.getByText(`本月已走访 ${doneBefore + 1} 次`).waitFor();

      // 4. A 四必报 report (安全隐患) turned into a ticket.
      await p
        .getByRole('navigation', { name: D.layout.navLabel })
        .getByRole('link', { name: D.layout.navReport })
        .click();
      await p.getByRole('heading', { name: D.report.heading }).waitFor();
      await choose(p, '安全隐患');
      await p.getByLabel(D.report.description).fill('小区东门消防通道被纸箱和电动车堵塞,影响通行');
      await p.getByLabel(D.report.address).fill('东门消防通道');
      await p.getByLabel(D.report.category, { exact: true }).click();
      await p.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
      await shot(p, '50-05-report-form');
      await p.getByRole('button', { name: D.report.submit }).click();
      const codeText = await p.getByTestId('report-ticket-code').innerText();
      const code = /\d{8}-\d{6}/.exec(codeText)?.[0];
      if (!code) throw new Error(`no ticket code in "${codeText}"`);
      await shot(p, '50-06-report-ticket');

      // 5. The dispatcher finds the ticket: channel 网格巡查, in the worker's grid.
      const desk = await apiLogin(stack.api, 'dispatcher');
      const found = await desk.call<TicketList>(
        'GET',
        `/api/tickets?q=${encodeURIComponent(code)}`,
      );
      const ticket = found.items.find((x) => x.code === code);
      if (!ticket) throw new Error(`ticket ${code} not in the dispatcher's list`);
      const staff = await openActor(DESKTOP);
      actors.push(staff);
      await login(staff.page, stack.base, 'dispatcher');
      await staff.page.goto(`${stack.base}/tickets/${ticket.id}`);
      await staff.page.getByText(code).first().waitFor();
      await staff.page.getByText(t.channel.grid_patrol).first().waitFor();
      await shot(staff.page, '50-07-dispatcher-sees-patrol-ticket');
    },
  },
];
