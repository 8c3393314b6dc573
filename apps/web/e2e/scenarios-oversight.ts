// Browser scenario of [Assessment] oversight: a supervisor urges (督办) the village
// handling a ticket, with a deadline; the village's handler sees it on the 督办 page
// and answers; the supervisor sees it answered and exports the ticket's trail.
import { readFile } from 'node:fs/promises';
import dayjs from 'dayjs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type { TicketView } from '@jiesu/contracts';
import { t } from '../src/i18n';
import { tOversight as o } from '../src/i18n/oversight';
import { DESKTOP, apiLogin, openActor, shot, type Stack } from './harness';
import type { Scenario } from './scenarios';
import { actionButton, login, submitModal } from './ui';

const modalField = (page: Page, label: string) =>
  page.locator('.ant-modal:visible').getByLabel(label, { exact: true });

async function fillDateTime(page: Page, label: string, value: string): Promise<void> {
  const input = modalField(page, label);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({
    state: 'hidden',
  });
}

/** A street-light call dispatched to the `village` user's village and accepted there. */
async function acceptedByVillage(stack: Stack): Promise<TicketView> {
  const [agent, dispatcher, village] = [
    await apiLogin(stack.api, 'agent'),
    await apiLogin(stack.api, 'dispatcher'),
    await apiLogin(stack.api, 'village'),
  ];
  const unit = village.me.roles[0];
  if (!unit) throw new Error('village has no role');
  const units = await village.call<Array<{ id: string; jurisdictionId: string }>>(
    'GET',
    '/api/org/units',
  );
  const place = units.find((u) => u.id === unit.unitId)?.jurisdictionId;
  const cats = await agent.call<Array<{ id: string; name: string }>>('GET', '/api/categories');
  const cat = cats.find((c) => c.name.includes('路灯'));
  if (!place || !cat) throw new Error('village place or category not found');
  const tk = await agent.call<TicketView>('POST', '/api/tickets', {
    channel: 'hotline',
    type: 'help',
    categoryId: cat.id,
    title: '村口路灯连续一周不亮(督办)',
    description: '来电人反映村口主路的路灯连续一周不亮,夜间老人出行不便,希望尽快修好。',
    address: '村口主路',
    jurisdictionId: place,
    requester: { name: '钱女士', phone: '13900139777' },
  });
  const act = (who: typeof agent, action: string, input: Record<string, unknown> = {}) =>
    who.call<TicketView>('POST', `/api/tickets/${tk.id}/actions/${action}`, { input });
  await act(dispatcher, 'dispatch', { leadUnitId: unit.unitId });
  return act(village, 'accept');
}

export const urgeAnswered: Scenario = {
  name: 'supervisor: urges a village on a ticket with a deadline; the village answers; the trail exports to Excel',
  async run(stack, actors) {
    const tk = await acceptedByVillage(stack);
    const sup = await openActor(DESKTOP);
    actors.push(sup);
    const sp = sup.page;
    await login(sp, stack.base, 'supervisor');

    // 1. The supervisor urges the village from the ticket page, with a deadline.
    await sp.goto(`${stack.base}/tickets/${tk.id}`);
    await sp.getByRole('heading', { name: tk.title }).waitFor();
    await actionButton(sp, 'urge');
    await fillDateTime(sp, t.web.field.deadline, dayjs().add(2, 'day').format('YYYY-MM-DD 18:00'));
    await modalField(sp, t.web.field.note).fill('群众多次来电,请两日内修复并回复进展');
    await submitModal(sp);
    const item = sp.getByTestId('urge-item');
    await item.getByText(o.status.open).waitFor();
    await shot(sp, 'oversight-1-urged');

    // 2. The village's handler finds it on the 督办 page and answers from the ticket.
    const vil = await openActor(DESKTOP);
    actors.push(vil);
    const vp = vil.page;
    await login(vp, stack.base, 'village');
    await vp.getByRole('navigation').getByRole('link', { name: o.nav }).click();
    await vp.getByRole('heading', { name: o.title }).waitFor();
    const row = vp.getByTestId('urge-row').filter({ hasText: tk.code });
    await row.getByText(o.status.open).waitFor();
    await row.getByRole('link', { name: tk.code }).click();
    await vp.getByRole('heading', { name: tk.title }).waitFor();
    await actionButton(vp, 'respond_urge');
    await modalField(vp, t.web.field.reply).fill('已联系供电所,明天上午更换灯具');
    await fillDateTime(vp, t.web.field.finishBy, dayjs().add(1, 'day').format('YYYY-MM-DD 12:00'));
    await submitModal(vp);
    await vp.getByTestId('urge-item').getByText(o.status.responded).waitFor();
    await shot(vp, 'oversight-2-answered');

    // 3. The supervisor sees it answered on the 督办 page.
    await sp.goto(`${stack.base}/urges?status=responded`);
    const answered = sp.getByTestId('urge-row').filter({ hasText: tk.code });
    await answered.getByText('已联系供电所,明天上午更换灯具').waitFor();
    await answered.getByText(o.status.responded).waitFor();
    await shot(sp, 'oversight-3-list');
    // The demo's urge ignored past its deadline was escalated by the sweep on the first read.
    await sp.goto(`${stack.base}/urges?status=escalated`);
    await sp.getByTestId('urge-row').first().getByText(o.status.escalated).waitFor();

    // 4. The ticket's whole trail, internal events included, downloads as Excel.
    await sp.goto(`${stack.base}/tickets/${tk.id}`);
    await sp.getByRole('heading', { name: tk.title }).waitFor();
    const [download] = await Promise.all([
      sp.waitForEvent('download'),
      sp.getByTestId('export-trail').click(),
    ]);
    if (!download.suggestedFilename().endsWith('.xlsx'))
      throw new Error(`trail file name: ${download.suggestedFilename()}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(await download.path())) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('trail has no worksheet');
    const rows: string[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const urgeRow = rows.find((r) => r.includes(t.action.urge));
    if (!urgeRow || !urgeRow.includes(tk.code))
      throw new Error(`no urge row in the trail: ${JSON.stringify(rows.slice(0, 8))}`);
    if (!rows.some((r) => r.includes(t.action.respond_urge)))
      throw new Error('no answer row in the trail');
    if (rows.some((r) => r.join(' ').includes('13900139777')))
      throw new Error('the trail shows the requester phone');
  },
};

export const OVERSIGHT_SCENARIOS: Scenario[] = [urgeAnswered];
