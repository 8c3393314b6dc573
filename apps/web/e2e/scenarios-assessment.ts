// Browser scenario of [Assessment] 三率考核: the supervisor opens the month's
// ranking of the townships from the menu, with the volume beside every rate and
// the definitions on the page, switches to the departments, and downloads the
// Excel, which holds the same units and a sheet of definitions.
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { UNIT_ASSESSMENT_FIGURES } from '@jiesu/contracts';
import { t } from '../src/i18n';
import { tUnitAssessment as a } from '../src/i18n/assessment';
import { DESKTOP, openActor, shot } from './harness';
import type { Scenario } from './scenarios';
import { login } from './ui';

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
    const rows = p.locator('.ant-table-tbody tr.ant-table-row');
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

export const ASSESSMENT_SCENARIOS: Scenario[] = [monthRanking];
