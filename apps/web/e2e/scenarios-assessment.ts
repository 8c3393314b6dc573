// Browser scenario of [Assessment] 三率考核: the supervisor opens the month's
// ranking of the townships from the menu, with the volume beside every rate and
// the definitions on the page, switches to the departments, and downloads the
// Excel, which holds the same units and a sheet of definitions.
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { UNIT_ASSESSMENT_FIGURES } from '@jiesu/contracts';
import { fmt, t } from '../src/i18n';
import { tUnitAssessment as a } from '../src/i18n/assessment';
import { tAssessmentReview as rv } from '../src/i18n/assessment-review';
import type { TicketList } from '@jiesu/contracts';
import { DESKTOP, apiLogin, openActor, shot } from './harness';
import type { Scenario } from './scenarios';
import { choose, login } from './ui';

const monthRanking: Scenario = {
  name: "a supervisor reads the month's 三率 ranking of townships and departments and downloads it as Excel",
  async run(stack, actors) {
    const sup = await openActor(DESKTOP);
    actors.push(sup);
    const p = sup.page;
    await login(p, stack.base, 'supervisor');
    await p
      .getByRole('navigation', { name: t.web.nav.label })
      .getByRole('link', { name: a.nav })
      .click();
    await p.getByRole('heading', { name: a.title }).waitFor();
    // The townships of the demo district, each with its volume and rates.
    const rows = p.getByTestId('assessment-ranking').locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    if ((await rows.count()) < 2) throw new Error('fewer than two townships in the ranking');
    await p.getByText(UNIT_ASSESSMENT_FIGURES[1]!.definition).waitFor();
    await p.getByRole('columnheader', { name: a.col.volume }).waitFor();
    await shot(p, 'assessment-1-townships');

    // The departments are compared among themselves.
    // Listen before clicking: the answer can come back before a later listener is set.
    await Promise.all([
      p.waitForResponse((r) => r.url().includes('group=department') && r.ok()),
      p.getByText(a.groups.department, { exact: true }).click(),
    ]);
    await rows.first().waitFor();
    const departments = await rows.count();
    await shot(p, 'assessment-2-departments');

    const [download] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('link', { name: a.exportXlsx }).click(),
    ]);
    if (!download.suggestedFilename().endsWith('.xlsx'))
      throw new Error(`file name: ${download.suggestedFilename()}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(await download.path())) as unknown as ExcelJS.Buffer);
    const [ranking, defs] = wb.worksheets;
    if (!ranking || !defs) throw new Error('the workbook lacks a sheet');
    if (ranking.rowCount - 1 !== departments)
      throw new Error(`Excel has ${ranking.rowCount - 1} departments, the page ${departments}`);
    if (!String(ranking.getRow(1).values).includes('响应率')) throw new Error('no 响应率 column');
    if (defs.rowCount < UNIT_ASSESSMENT_FIGURES.length) throw new Error('definitions missing');
  },
};

// The month's review: the township leader appeals one of its tickets of this
// month; the supervisor accepts it and finds it in the public exclusion list;
// last month is frozen (version 1), its bottom township 待约谈 — the supervisor
// records the summons; the Excel carries the exclusions and the summons.
const reviewMonth: Scenario = {
  name: '三率考核 申诉与约谈: a township appeals a ticket, the supervisor accepts it and records a summons on the frozen month',
  async run(stack, actors) {
    // Months as the district (and the browser, Asia/Shanghai) count them.
    // eslint-disable-next-line no-restricted-syntax -- the test reads the real server's wall clock
    const local = new Date(Date.now() + 8 * 3_600_000);
    const ym = (y: number, m: number) => {
      const d = new Date(Date.UTC(y, m, 1));
      return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    };
    const month = ym(local.getUTCFullYear(), local.getUTCMonth());
    const last = ym(local.getUTCFullYear(), local.getUTCMonth() - 1);
    // A ticket of the leader's township received this month (so dispatched to it this month).
    const api = await apiLogin(stack.api, 'leader');
    const unitId = api.me.roles[0]!.unitId;
    const list = await api.call<TicketList>(
      'GET',
      `/api/tickets?unitId=${unitId}&pageSize=100&receivedFrom=${encodeURIComponent(
        new Date(`${month}-01T00:00:00+08:00`).toISOString(),
      )}`,
    );
    const ticket = list.items.find((x) => x.leadUnit?.id === unitId);
    if (!ticket) throw new Error('no ticket of the township this month');

    const leader = await openActor(DESKTOP);
    actors.push(leader);
    const lp = leader.page;
    await login(lp, stack.base, 'leader');
    await lp.goto(`${stack.base}/assessment`);
    await lp.getByRole('heading', { name: a.title }).waitFor();
    await lp.getByRole('tab', { name: rv.tabs.appeals }).click();
    await lp.getByRole('button', { name: rv.newAppeal }).click();
    const form = lp.locator('.ant-modal:visible');
    await form.getByLabel(rv.ticket).fill(ticket.code);
    await form.getByLabel(rv.appealReason).fill('诉求人要求超出政策范围,经议事协商已达成一致');
    await form.getByRole('button', { name: rv.newAppeal }).click();
    await form.waitFor({ state: 'hidden' });
    const mine = lp.getByRole('row').filter({ hasText: ticket.code });
    await mine.getByText(rv.status.pending).waitFor();
    await shot(lp, 'assessment-review-1-appeal');

    const sup = await openActor(DESKTOP);
    actors.push(sup);
    const p = sup.page;
    await login(p, stack.base, 'supervisor');
    await p.goto(`${stack.base}/assessment`);
    await p.getByRole('heading', { name: a.title }).waitFor();
    await p.getByRole('tab', { name: rv.tabs.appeals }).click();
    await p
      .getByRole('row')
      .filter({ hasText: ticket.code })
      .getByRole('button', { name: rv.decide })
      .click();
    const decide = p.locator('.ant-modal:visible');
    await choose(p, rv.accept);
    await decide.getByLabel(rv.note).fill('经核实属议事协商化解的不合理诉求,同意剔除');
    await decide.getByRole('button', { name: rv.decide }).click();
    await decide.waitFor({ state: 'hidden' });
    await p.getByRole('tab', { name: new RegExp(rv.tabs.exclusions) }).click();
    await p
      .getByRole('tabpanel', { name: new RegExp(rv.tabs.exclusions) })
      .getByText(ticket.code)
      .waitFor();
    await shot(p, 'assessment-review-2-exclusions');

    // Last month: frozen, version 1; its bottom township awaits its summons.
    const picker = p.getByLabel(a.month);
    await picker.click();
    await picker.fill(last);
    await Promise.all([
      p.waitForResponse((r) => r.url().includes(`month=${last}`) && r.ok()),
      picker.press('Enter'),
    ]);
    await p.getByText(fmt(rv.frozen, { v: 1 })).waitFor();
    await p.getByRole('button', { name: rv.recordSummons }).first().click();
    const sm = p.locator('.ant-modal:visible');
    const attendees = '区政府督查室主任;该街道办事处主要负责人';
    await sm.getByLabel(rv.attendees).fill(attendees);
    await sm.getByLabel(rv.summonsNotes).fill('通报上月排名末位情况,要求一周内报送整改方案。');
    await sm.getByRole('button', { name: rv.recordSummons }).click();
    await sm.waitFor({ state: 'hidden' });
    await p.getByText(rv.summonsLine.replace('{date} ', '')).first().waitFor();
    await shot(p, 'assessment-review-3-summons');

    const [download] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('link', { name: a.exportXlsx }).click(),
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(await download.path())) as unknown as ExcelJS.Buffer);
    if (!wb.getWorksheet('公开剔除清单')) throw new Error('no exclusion sheet');
    const summons = wb.getWorksheet('末位约谈');
    if (!summons) throw new Error('no summons sheet');
    let found = false;
    summons.eachRow((row) => {
      if (String(row.values).includes(attendees)) found = true;
    });
    if (!found) throw new Error('the summons is not in the Excel');

    // The district's monthly report of that month, as a PDF with its Chinese title.
    const [pdf] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('link', { name: a.monthlyPdf }).click(),
    ]);
    if (!pdf.suggestedFilename().endsWith('.pdf'))
      throw new Error(`PDF file name: ${pdf.suggestedFilename()}`);
    const bytes = await readFile(await pdf.path());
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('not a PDF');
    if (!bytes.includes(Buffer.from('/FontFile2'))) throw new Error('no embedded font in the PDF');
  },
};

export const ASSESSMENT_SCENARIOS: Scenario[] = [monthRanking, reviewMonth];
