// Browser scenario of [Assessment] 驾驶舱: a supervisor opens the dashboard, sees the
// trend, categories, village map (or heat view) and ranking charts drawn, changes the
// date range, and clicks the largest category's bar to land on the ticket list
// filtered by that category and the range.
import dayjs from 'dayjs';
import type { Page } from 'playwright-core';
import type { DashboardView } from '@jiesu/contracts';
import { tDashboard as dt } from '../src/i18n/dashboard';
import { DESKTOP, apiLogin, openActor, shot } from './harness';
import type { Scenario } from './scenarios';
import { login } from './ui';

/** A chart is drawn: its container (named by its title) holds a canvas with a size. */
async function drawn(page: Page, testId: string, title: string): Promise<void> {
  const chart = page.getByTestId(testId);
  await chart.locator('canvas').first().waitFor();
  const label = await chart.getAttribute('aria-label');
  if (label !== title) throw new Error(`${testId}: aria-label ${label}, expected ${title}`);
  await page.getByRole('heading', { name: title }).waitFor();
  const box = await chart.boundingBox();
  if (!box || box.width < 100 || box.height < 100) throw new Error(`${testId}: not laid out`);
}

async function setRange(page: Page, from: string, to: string): Promise<void> {
  const inputs = page.locator('.ant-picker-range input');
  await inputs.nth(0).click();
  await inputs.nth(0).fill(from);
  await inputs.nth(0).press('Enter');
  await inputs.nth(1).fill(to);
  await inputs.nth(1).press('Enter');
  await page.waitForURL(
    (u) => u.searchParams.get('from') === from && u.searchParams.get('to') === to,
  );
}

export const dashboardScenario: Scenario = {
  name: '驾驶舱: a supervisor reads the four charts, changes the range and clicks a category into the filtered ticket list',
  async run(stack, actors) {
    const sup = await openActor(DESKTOP);
    actors.push(sup);
    const page = sup.page;
    await login(page, stack.base, 'supervisor');

    // 1. From the menu, the dashboard with its KPIs and four charts.
    await page.getByRole('navigation').getByRole('link', { name: dt.nav }).click();
    await page.getByRole('heading', { name: dt.title, level: 3 }).waitFor();
    await page.getByText(dt.kpi.received, { exact: true }).waitFor();
    await drawn(page, 'chart-trend', dt.trendTitle);
    await drawn(page, 'chart-categories', dt.categoryTitle);
    const geo = await (
      await apiLogin(stack.api, 'supervisor')
    ).call<{ features: unknown[] }>('GET', '/api/dashboard/geo');
    await drawn(page, 'chart-villages', geo.features.length ? dt.mapTitle : dt.heatTitle);
    const month = dayjs().format('YYYY-MM');
    await drawn(page, 'chart-ranking', dt.rankingTitle.replace('{month}', month));
    await shot(page, 'dashboard-1-charts');

    // 2. Another range: the last 60 days; the KPI shows what the API counts for it.
    const from = dayjs().subtract(59, 'day').format('YYYY-MM-DD');
    const to = dayjs().format('YYYY-MM-DD');
    await setRange(page, from, to);
    const api = await apiLogin(stack.api, 'supervisor');
    const v = await api.call<DashboardView>('GET', `/api/dashboard?from=${from}&to=${to}`);
    if (v.trend.length !== 60) throw new Error(`trend has ${v.trend.length} days`);
    await page.waitForFunction(
      ([n]) =>
        Array.from(document.querySelectorAll('.ant-statistic-content-value')).some(
          (e) => e.textContent?.replaceAll(',', '') === n,
        ),
      [String(v.kpis.received)],
    );
    await drawn(page, 'chart-categories', dt.categoryTitle);
    await shot(page, 'dashboard-2-range');

    // 3. A click on the largest category's bar (the top one) opens the ticket list filtered.
    const top = v.categories[0];
    if (!top) throw new Error('no category in the range');
    const chart = page.getByTestId('chart-categories');
    const box = await chart.boundingBox();
    if (!box) throw new Error('category chart has no box');
    // The chart's grid: 8 px above, 24 px below, 110 px of labels on the left.
    const band = (box.height - 8 - 24) / v.categories.length;
    await page.mouse.click(box.x + 110 + 12, box.y + 8 + band / 2);
    await page.waitForURL((u) => u.pathname === '/tickets');
    const url = new URL(page.url());
    if (url.searchParams.get('categoryId') !== top.category.id)
      throw new Error(`filtered by ${url.searchParams.get('categoryId')}, not ${top.category.id}`);
    if (!url.searchParams.get('receivedFrom') || !url.searchParams.get('receivedTo'))
      throw new Error('the range did not travel to the ticket list');
    await page.getByRole('table').waitFor();
    await shot(page, 'dashboard-3-tickets');
  },
};

export const DASHBOARD_SCENARIOS: Scenario[] = [dashboardScenario];
