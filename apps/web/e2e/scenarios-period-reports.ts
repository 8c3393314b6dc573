// Browser scenario of [Assessment] reports: a supervisor opens 报表中心 from the
// menu, previews this week's dispatch-meeting pack (调度会材料), downloads it as
// Excel (which holds the same overdue tickets the API lists) and as PDF, then
// switches to the monthly district report and downloads its PDF.
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import type { PeriodReportOptions, WeeklyPack } from '@jiesu/contracts';
import { t } from '../src/i18n';
import { tPeriodReports as r } from '../src/i18n/period-reports';
import { DESKTOP, apiLogin, openActor, shot } from './harness';
import type { Scenario } from './scenarios';
import { login } from './ui';

async function download(p: Page, label: string): Promise<{ d: Download; bytes: Buffer }> {
  const [d] = await Promise.all([
    p.waitForEvent('download'),
    p.locator('a.ant-btn', { hasText: label }).first().click(),
  ]);
  return { d, bytes: await readFile(await d.path()) };
}

function isPdf(bytes: Buffer, what: string) {
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-')
    throw new Error(`${what}: not a PDF (${bytes.subarray(0, 16).toString('latin1')})`);
}

const weeklyPack: Scenario = {
  name: '调度会材料: a supervisor previews the weekly pack, downloads its Excel and PDF and the monthly district PDF',
  async run(stack, actors) {
    const api = await apiLogin(stack.api, 'supervisor');
    const options = await api.call<PeriodReportOptions>('GET', '/api/period-reports/options');
    const week = options.weeks[0]!;
    const pack = await api.call<WeeklyPack>(
      'GET',
      `/api/period-reports/weekly?week=${encodeURIComponent(week.key)}`,
    );

    const sup = await openActor(DESKTOP);
    actors.push(sup);
    const p = sup.page;
    await login(p, stack.base, 'supervisor');
    await p
      .getByRole('navigation', { name: t.web.nav.label })
      .getByRole('link', { name: r.nav })
      .click();
    await p.getByRole('heading', { name: r.title }).waitFor();
    // The preview: this week's headline numbers and the overdue list.
    await p.getByText(`${r.sections.overdue}(${pack.overdue.total})`, { exact: true }).waitFor();
    await p.getByText(r.headline.escalations, { exact: true }).waitFor();
    await p.getByText(r.sections.categories, { exact: true }).waitFor();
    await p.getByText(week.label).first().waitFor();
    await shot(p, 'period-reports-1-weekly');

    // Excel: the overdue sheet holds the overdue tickets the pack lists.
    const x = await download(p, r.excel);
    if (!x.d.suggestedFilename().endsWith('.xlsx'))
      throw new Error(`Excel file name: ${x.d.suggestedFilename()}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.bytes as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('超期工单');
    if (!ws) throw new Error(`no overdue sheet: ${wb.worksheets.map((w) => w.name).join(', ')}`);
    const codes = new Set<string>();
    ws.eachRow((row, n) => {
      const code = row.getCell(2).value;
      if (n > 1 && typeof code === 'string' && code) codes.add(code);
    });
    const expected = pack.overdue.items.map((o) => o.code);
    if (!expected.length) throw new Error('the demo district has no overdue ticket to list');
    const missing = expected.filter((c) => !codes.has(c));
    if (missing.length || codes.size !== expected.length)
      throw new Error(
        `Excel overdue rows ${codes.size}, pack ${expected.length}, missing ${missing.slice(0, 3).join(',')}`,
      );

    // PDF of the pack.
    const pdf = await download(p, r.pdf);
    isPdf(pdf.bytes, 'weekly PDF');

    // The monthly district report: rankings in the preview, and its PDF.
    await Promise.all([
      p.waitForResponse((res) => res.url().includes('/api/period-reports/monthly') && res.ok()),
      p.getByText(r.kinds.monthly, { exact: true }).click(),
    ]);
    await p.getByText('街乡镇三率排名', { exact: true }).waitFor();
    await shot(p, 'period-reports-2-monthly');
    const started = performance.now();
    const monthly = await download(p, r.pdf);
    isPdf(monthly.bytes, 'monthly PDF');
    if (!monthly.d.suggestedFilename().includes('月度报告'))
      throw new Error(`monthly file name: ${monthly.d.suggestedFilename()}`);
    console.log(
      `     monthly district PDF: ${monthly.bytes.length} bytes in ${Math.round(performance.now() - started)} ms (download)`,
    );
  },
};

export const PERIOD_REPORT_SCENARIOS: Scenario[] = [weeklyPack];
