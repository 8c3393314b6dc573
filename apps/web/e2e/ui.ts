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

const OPEN_DROPDOWN =
  '.ant-select-dropdown:not(.ant-select-dropdown-hidden), .ant-cascader-dropdown:not(.ant-select-dropdown-hidden)';

/**
 * Opens an antd Select/Cascader by its label, types to search, clicks the first matching option.
 * A single select closes on the choice; under load the list may still be re-rendering from the
 * search when the click lands, so a dropdown still open is clicked again (and a multiple select,
 * which stays open by design, is closed with Escape) before going on.
 */
export async function pick(
  page: Page,
  label: string,
  search: string,
  option = search,
): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.click();
  await field.pressSequentially(search);
  const options = () =>
    page
      .locator(
        '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option, .ant-cascader-dropdown:not(.ant-select-dropdown-hidden) .ant-cascader-menu-item, .ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper',
      )
      .filter({ hasText: option })
      .first();
  const multiple = await field.evaluate((el) => el.closest('.ant-select-multiple') !== null);
  await options().click();
  if (multiple) {
    // Under load a click can land while the filtered list re-renders: see the tag, else retry.
    const chosen = field
      .locator('xpath=ancestor::div[contains(@class,"ant-select-multiple")][1]')
      .filter({ hasText: option });
    const shown = () =>
      chosen
        .waitFor({ timeout: 3_000 })
        .then(() => true)
        .catch(() => false);
    if (!(await shown()) && (await options().isVisible())) await options().click();
    await chosen.waitFor();
    await page.keyboard.press('Escape');
    return;
  }
  const open = page.locator(OPEN_DROPDOWN).first();
  for (let attempt = 0; attempt < 2; attempt++) {
    const closed = await open
      .waitFor({ state: 'hidden', timeout: 3_000 })
      .then(() => true)
      .catch(() => false);
    if (closed) return;
    // A cascader closes only on a leaf: its option may open the next column instead.
    if (!(await options().isVisible())) return;
    await options().click();
  }
}

export async function submitModal(page: Page): Promise<void> {
  const modal = page.locator('.ant-modal:visible');
  const submit = modal.getByRole('button', { name: t.web.action.submit });
  await submit.click();
  // On a loaded machine a click can land while the modal is still zooming in and be lost:
  // when, after a while, the form is neither busy nor showing an error, click once more.
  for (let i = 0; i < 2; i++) {
    const closed = await modal.waitFor({ state: 'hidden', timeout: 6_000 }).then(
      () => true,
      () => false,
    );
    if (closed) return;
    const busy = await submit
      .evaluate((b) => b.classList.contains('ant-btn-loading'))
      .catch(() => true);
    const errors = await modal.locator('.ant-alert-error, .ant-form-item-explain-error').count();
    if (!busy && errors === 0) await submit.click().catch(() => undefined);
  }
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
