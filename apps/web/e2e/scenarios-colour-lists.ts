// Browser scenario of [Assessment] colour lists (三色清单): a village cadre puts a ticket
// on the yellow list by its code, raises a matter found on patrol to orange with a
// reason and clears the ticket's item with a note; the township's handler sees both
// on its villages' lists (read only); the weekly yellow report shows the same figures
// as the API and downloads as Excel with them.
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type {
  ColourFigures,
  ColourItemDetail,
  ColourReport,
  ColourUnitList,
  TicketView,
} from '@jiesu/contracts';
import { tColour as c } from '../src/i18n/colour-lists';
import { DESKTOP, apiLogin, openActor, shot, type Stack } from './harness';
import type { Scenario } from './scenarios';
import { choose, login } from './ui';

const visibleModal = (page: Page) => page.locator('.ant-modal:visible');

async function confirmModal(page: Page): Promise<void> {
  const modal = visibleModal(page);
  await modal.locator('.ant-modal-footer .ant-btn-primary').click();
  await modal.waitFor({ state: 'hidden' });
}

/** A broken-railing call dispatched to the `village` user's village and accepted there. */
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
  const cat = cats.find((x) => x.name.includes('路灯'));
  if (!place || !cat) throw new Error('village place or category not found');
  const tk = await agent.call<TicketView>('POST', '/api/tickets', {
    channel: 'hotline',
    type: 'help',
    categoryId: cat.id,
    title: '小区东门路灯不亮(三色清单)',
    description: '来电人反映小区东门的路灯坏了三天,晚上进出很不方便,希望尽快修好。',
    address: '小区东门',
    jurisdictionId: place,
    requester: { name: '孙先生', phone: '13900139555' },
  });
  const act = (who: typeof agent, action: string, input: Record<string, unknown> = {}) =>
    who.call<TicketView>('POST', `/api/tickets/${tk.id}/actions/${action}`, { input });
  await act(dispatcher, 'dispatch', { leadUnitId: unit.unitId });
  return act(village, 'accept');
}

const FOUND = '文化广场护栏松动(巡查发现)';
const REASON = '护栏需文旅站和施工单位共同维修';
const FIGURES: Array<keyof ColourFigures> = [
  'opening',
  'new',
  'cleared',
  'clearedOnTime',
  'overdue',
  'carriedOver',
];

export const colourListsKept: Scenario = {
  name: '三色清单: a village cadre lists a ticket yellow, raises a patrol find to orange, clears one; the township sees it; the weekly yellow report downloads as Excel',
  async run(stack, actors) {
    const tk = await acceptedByVillage(stack);
    const villageApi = await apiLogin(stack.api, 'village');
    const unitId = villageApi.me.roles[0]!.unitId;
    await villageApi.call<ColourItemDetail>('POST', '/api/colour-lists/items', {
      colour: 'yellow',
      title: FOUND,
      source: 'patrol',
    });

    const vil = await openActor(DESKTOP);
    actors.push(vil);
    const vp = vil.page;
    await login(vp, stack.base, 'village');
    await vp.getByRole('navigation').getByRole('link', { name: c.nav }).click();
    await vp.getByRole('heading', { name: c.title }).waitFor();

    // 1. The ticket goes on the yellow list by its code.
    await vp.getByRole('button', { name: c.add }).click();
    const modal = visibleModal(vp);
    await modal.getByLabel(c.ticketCode).fill(tk.code);
    await confirmModal(vp);
    const ticketRow = vp.getByTestId('colour-row').filter({ hasText: tk.code });
    await ticketRow.getByTestId('colour-tag').filter({ hasText: c.colour.yellow }).waitFor();

    // 2. The patrol find is raised to orange, with a reason that the record keeps.
    const foundRow = vp.getByTestId('colour-row').filter({ hasText: FOUND });
    await foundRow.getByRole('button', { name: c.changeColour }).click();
    await modal.waitFor();
    await choose(vp, c.colour.orange);
    await modal.getByLabel(c.reason).fill(REASON);
    await confirmModal(vp);
    await foundRow.getByTestId('colour-tag').filter({ hasText: c.colour.orange }).waitFor();
    await foundRow.getByRole('button', { name: /记\s*录/ }).click();
    await vp.getByTestId('colour-change').filter({ hasText: REASON }).waitFor();
    await shot(vp, 'colour-lists-1-raised');
    await vp.keyboard.press('Escape');
    await modal.waitFor({ state: 'hidden' });

    // 3. The ticket's item is cleared with a note and leaves the open list.
    await ticketRow.getByRole('button', { name: /^清\s*结$/ }).click();
    await modal.waitFor();
    await modal.getByLabel(c.clearNote).fill('路灯已修复,回访群众满意');
    await confirmModal(vp);
    await ticketRow.waitFor({ state: 'detached' });
    await vp.goto(`${stack.base}/colour-lists?status=cleared&q=${encodeURIComponent(tk.code)}`);
    await vp
      .getByTestId('colour-row')
      .filter({ hasText: tk.code })
      .getByText(c.clearedOnTime)
      .waitFor();
    await shot(vp, 'colour-lists-2-cleared');

    // 4. The township sees its village's items, and may not act on them.
    const streetApi = await apiLogin(stack.api, 'street');
    const streetUnits = await streetApi.call<ColourUnitList>('GET', '/api/colour-lists/units');
    if (!streetUnits.items.some((u) => u.id === unitId && !u.writable))
      throw new Error('the street login does not read the village list');
    const twp = await openActor(DESKTOP);
    actors.push(twp);
    const sp = twp.page;
    await login(sp, stack.base, 'street');
    await sp.goto(`${stack.base}/colour-lists?status=all&q=${encodeURIComponent(tk.code)}`);
    await sp
      .getByTestId('colour-row')
      .filter({ hasText: tk.code })
      .getByText(c.status.cleared, { exact: true })
      .waitFor();
    await sp.goto(`${stack.base}/colour-lists?colour=orange&q=${encodeURIComponent(FOUND)}`);
    const seen = sp.getByTestId('colour-row').filter({ hasText: FOUND });
    await seen.getByTestId('colour-tag').filter({ hasText: c.colour.orange }).waitFor();
    if ((await seen.getByRole('button', { name: c.changeColour }).count()) !== 0)
      throw new Error('the township may recolour a village item');
    await shot(sp, 'colour-lists-3-township');

    // 5. The week's yellow report: the page shows the API's figures; the Excel has them too.
    const expected = await villageApi.call<ColourReport>(
      'GET',
      `/api/colour-lists/report?unitId=${unitId}&colour=yellow`,
    );
    const mine = expected.items.find((i) => i.ticketCode === tk.code);
    if (!mine || !mine.isNew || !mine.cleared || !mine.clearedOnTime)
      throw new Error(`the ticket's item in the report: ${JSON.stringify(mine)}`);
    if (expected.items.some((i) => i.title === FOUND))
      throw new Error('the orange item is in the yellow report');
    await vp.goto(`${stack.base}/colour-lists?tab=report`);
    await vp.getByTestId('report-period').filter({ hasText: expected.period.label }).waitFor();
    for (const k of FIGURES)
      await vp.locator(`[data-testid="fig-${k}"][data-value="${expected.figures[k]}"]`).waitFor();
    await vp.getByTestId('report-row').filter({ hasText: tk.code }).waitFor();
    await shot(vp, 'colour-lists-4-report');
    const [download] = await Promise.all([
      vp.waitForEvent('download'),
      vp.getByTestId('report-export').click(),
    ]);
    if (!download.suggestedFilename().endsWith('.xlsx'))
      throw new Error(`report file name: ${download.suggestedFilename()}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(await download.path())) as unknown as ExcelJS.Buffer);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((r) =>
      rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))),
    );
    const total = rows.at(-1);
    const want = ['合计', ...FIGURES.map((k) => String(expected.figures[k]))];
    if (JSON.stringify(total) !== JSON.stringify(want))
      throw new Error(
        `report total row ${JSON.stringify(total)}, expected ${JSON.stringify(want)}`,
      );
    const items: string[] = [];
    wb.worksheets[1]!.eachRow((r) => items.push((r.values as unknown[]).join(' ')));
    if (!items.some((r) => r.includes(tk.code))) throw new Error('the ticket is not in the Excel');
  },
};

export const COLOUR_LISTS_SCENARIOS: Scenario[] = [colourListsKept];
