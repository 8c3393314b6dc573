import type { Page } from 'playwright-core';
import { t } from '../src/i18n';

export async function login(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel(t.web.login.username).fill(username);
  await page.getByLabel(t.web.login.password).fill('demo');
  await page.getByRole('button', { name: t.web.login.submit }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.getByRole('button', { name: t.web.nav.logout }).waitFor();
}

/** Opens an antd Select/Cascader by its label, types to search, clicks the first matching option. */
export async function pick(
  page: Page,
  label: string,
  search: string,
  option = search,
): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.click();
  await field.pressSequentially(search);
  const opt = page
    .locator(
      '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option, .ant-cascader-dropdown:not(.ant-select-dropdown-hidden) .ant-cascader-menu-item, .ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper',
    )
    .filter({ hasText: option })
    .first();
  await opt.click();
}

export async function submitModal(page: Page): Promise<void> {
  const modal = page.locator('.ant-modal:visible');
  await modal.getByRole('button', { name: t.web.action.submit }).click();
  await modal.waitFor({ state: 'hidden' });
}

export async function actionButton(page: Page, action: keyof typeof t.action): Promise<void> {
  await page
    .getByRole('toolbar')
    .getByRole('button', { name: t.action[action], exact: true })
    .click();
  await page.locator('.ant-modal:visible').waitFor();
}

export async function expectText(page: Page, text: string): Promise<void> {
  await page.getByText(text, { exact: false }).first().waitFor();
}

/** Clicks an antd radio (button) by its visible text. */
export async function choose(page: Page, text: string): Promise<void> {
  await page
    .locator('label.ant-radio-button-wrapper, label.ant-radio-wrapper')
    .filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) })
    .first()
    .click();
}
