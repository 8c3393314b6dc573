// Browser scenarios of the households and residents ledger ([Grid]).
// 1. The village committee's handler imports 1,000 residents from an Excel file
//    (made here with exceljs) of which 3 rows are bad — a wrong ID check digit, an
//    unknown grid, an unknown kind: the preview says 997 valid / 3 errors with
//    their row numbers, the confirmed commit's progress bar runs to the end, and
//    the ledger's count grows by 997.
// 2. The demo grid worker on a phone (360 px) looks up a household of her grid
//    in /g/households and sees the members masked, their kinds and care needs.
// 3. The village cadre filters the ledger by village and kind 独居老人, reloads
//    (the filters stay, kept in the address), opens a resident, edits the care
//    needs and the phone (Enter saves; the phone field starts blank, the masked
//    value as a hint), and sees the masked new phone and the new care needs; the
//    administrator's read log shows the cadre's one logged read of that resident.
import ExcelJS from 'exceljs';
import type { GridList, MeView, ResidentList, ResidentReadList } from '@jiesu/contracts';
import { RESIDENT_IMPORT_COLUMNS } from '@jiesu/contracts';
import { t } from '../src/i18n';
import { tResidents } from '../src/i18n/residents';
import { DESKTOP, PHONE, apiLogin, openActor, shot } from './harness';
import { login, pick } from './ui';
import type { Scenario } from './scenarios';

const r = tResidents;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChar = (s: string) =>
  '10X98765432'[[...s].reduce((n, d, i) => n + Number(d) * WEIGHTS[i]!, 0) % 11]!;

/** 1,000 rows for the grid; rows 101, 502 and 903 of the sheet are bad (the header is row 1). */
async function workbook(gridName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('住户人员');
  ws.addRow([...RESIDENT_IMPORT_COLUMNS]);
  const surnames = '王李张刘陈杨赵黄周吴';
  const given = '建国秀英桂兰志强海燕玉梅春生';
  for (let i = 0; i < 1000; i++) {
    const sheetRow = i + 2;
    const birth = `${1950 + (i % 60)}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}`;
    const first17 = `139902${birth}${String(i).padStart(3, '0')}`;
    let id = first17 + checkChar(first17);
    if (sheetRow === 101) id = first17 + (checkChar(first17) === '1' ? '2' : '1');
    ws.addRow([
      sheetRow === 502 ? '不存在的网格' : gridName,
      `导入测试小区 ${Math.floor(i / 3) + 1} 号`,
      surnames[i % 10]! + given[(i * 3) % 14]! + given[(i * 5 + 1) % 14]!,
      '',
      '',
      i % 3 === 0 ? '户主' : '家庭成员',
      `137${String(20_000_000 + i).slice(-8)}`,
      id,
      sheetRow === 903 ? '外星来客' : i % 20 === 0 ? '户籍人口、独居老人' : '户籍人口',
      i % 20 === 0 ? '定期服药' : '',
      '',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const RESIDENTS_SCENARIOS: Scenario[] = [
  {
    name: 'an import of 1,000 residents with 3 bad rows reported',
    async run(stack, actors) {
      const v = await apiLogin(stack.api, 'village');
      const grids = await v.call<GridList>('GET', '/api/grids?pageSize=50');
      const grid = grids.items[0];
      if (!grid) throw new Error('the village user sees no grid');
      const before = (await v.call<ResidentList>('GET', '/api/residents?pageSize=1')).total;
      const file = await workbook(grid.grid.name);

      const staff = await openActor(DESKTOP);
      actors.push(staff);
      const p = staff.page;
      await login(p, stack.base, 'village');
      await p
        .getByRole('navigation', { name: t.web.nav.label })
        .getByRole('link', { name: r.nav })
        .click();
      await p.getByRole('heading', { name: r.title }).waitFor();
      await p.getByTestId('households-table').locator('tbody tr').first().waitFor();

      // Upload: the server validates every row and answers a preview; nothing is written yet.
      await p.getByRole('button', { name: r.import }).click();
      const dialog = p.getByRole('dialog', { name: r.importTitle });
      await dialog.locator('input[type=file]').setInputFiles({
        name: '住户人员-导入.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: file,
      });
      const summary = dialog.getByTestId('import-summary');
      await summary.waitFor({ timeout: 60_000 });
      const text = await summary.innerText();
      const expected = `共 1000 行:有效 997 行,有误 3 行`;
      if (!text.includes(expected)) throw new Error(`preview says "${text}", not "${expected}"`);
      const errors = dialog.getByTestId('import-errors');
      for (const [row, code] of [
        ['101', 'INVALID_ID_NUMBER'],
        ['502', 'UNKNOWN_GRID'],
        ['903', 'UNKNOWN_KIND'],
      ] as const) {
        await errors
          .locator('tr', { hasText: code })
          .filter({ has: p.getByRole('cell', { name: row, exact: true }) })
          .waitFor();
      }
      await shot(p, '45-01-import-preview-997-valid-3-errors');

      // Confirm: the progress bar follows the chunked commit to the end.
      await dialog.getByRole('button', { name: `确认导入 997 行` }).click();
      await dialog.getByTestId('import-progress').waitFor();
      await dialog.getByText('导入完成:写入 997 人', { exact: false }).waitFor({ timeout: 60_000 });
      const progress = await dialog.getByTestId('import-progress').innerText();
      if (!progress.includes('已写入 997 / 997 行'))
        throw new Error(`progress ends at "${progress}"`);
      await dialog.getByText('跳过有误的 3 行').waitFor();
      await shot(p, '45-02-import-done');
      await dialog.locator('.ant-result').getByRole('button', { name: r.close }).click();
      await dialog.waitFor({ state: 'hidden' });

      // The list counts them: 997 more residents than before.
      await p.getByRole('tab', { name: r.tabResidents }).click();
      const total = `共 ${before + 997} 人`;
      await p.getByText(total).waitFor();
      await p.getByLabel(r.search, { exact: true }).fill('导入测试小区');
      await p.getByLabel(r.search, { exact: true }).press('Enter');
      await p.getByText('共 997 人').waitFor();
      // Masked in the list: a surname and stars, 137****xxxx, 139***********xxxx.
      const first = p.getByTestId('residents-table').locator('tbody tr.ant-table-row').first();
      await first.getByText(/^139\*{11}[\dX]{4}$/).waitFor();
      await shot(p, '45-03-residents-after-import');
    },
  },
  {
    name: 'a grid worker looks up a household of her grid on a phone: members masked, kinds and care needs',
    async run(stack, actors) {
      const phone = await openActor(PHONE);
      actors.push(phone);
      const p = phone.page;
      await login(p, stack.base, 'grid');
      await p.goto(`${stack.base}/g/households`);
      await p.getByRole('heading', { name: r.gwTitle }).waitFor();
      const card = p.getByTestId('gw-household').first();
      await card.waitFor();
      const address = (await card.locator('summary strong').first().innerText()).trim();
      // Search by part of the address: the household comes back.
      const part = address.slice(-6);
      await p.getByLabel(r.gwSearch, { exact: true }).fill(part);
      await p.getByLabel(r.gwSearch, { exact: true }).press('Enter');
      const found = p.getByTestId('gw-household').filter({ hasText: address }).first();
      await found.waitFor();
      await found.locator('summary').click();
      await found.locator('li').first().getByText(/\*/).first().waitFor();
      await shot(p, '45-04-grid-worker-household-lookup');
    },
  },
  {
    name: 'a village cadre filters by village and 独居老人, reloads, edits a resident (care needs, phone); the read log shows the read',
    async run(stack, actors) {
      const v = await apiLogin(stack.api, 'village');
      const me = await v.call<MeView>('GET', '/api/auth/me');
      const grids = await v.call<GridList>('GET', '/api/grids?pageSize=50');
      const village = grids.items[0]?.village;
      if (!village) throw new Error('the village user sees no grid');
      const expected = await v.call<ResidentList>(
        'GET',
        `/api/residents?villageId=${village.id}&kind=elderly_alone&pageSize=1`,
      );
      if (!expected.total) throw new Error(`no 独居老人 in ${village.name}`);
      const all = (await v.call<ResidentList>('GET', '/api/residents?pageSize=1')).total;

      const staff = await openActor(DESKTOP);
      actors.push(staff);
      const p = staff.page;
      await login(p, stack.base, 'village');
      await p.goto(`${stack.base}/residents`);
      await p.getByRole('heading', { name: r.title }).waitFor();
      await p.getByRole('tab', { name: r.tabResidents }).click();
      await p.getByText(`共 ${all} 人`).waitFor();

      // Filter: the village, then the kind; the list narrows to the API's count.
      await pick(p, r.filterVillage, village.name);
      await pick(p, r.filterKind, '独居老人');
      const count = `共 ${expected.total} 人`;
      await p.getByText(count).waitFor();
      const url = new URL(p.url());
      if (
        url.searchParams.get('villageId') !== village.id ||
        url.searchParams.get('kind') !== 'elderly_alone' ||
        url.searchParams.get('tab') !== 'residents'
      )
        throw new Error(`filters not in the address: ${p.url()}`);

      // Reload: the same filters, the same tab, the same list.
      await p.reload();
      await p.getByRole('heading', { name: r.title }).waitFor();
      await p.getByText(count).waitFor();
      await p
        .getByRole('tab', { name: r.tabResidents, selected: true })
        .waitFor({ timeout: 5_000 });
      // The selects show the kept filters.
      const chosen = (label: string, text: string) =>
        p
          .locator('.ant-select')
          .filter({ has: p.getByLabel(label, { exact: true }) })
          .filter({ hasText: text })
          .waitFor();
      await chosen(r.filterKind, '独居老人');
      await chosen(r.filterVillage, village.name);
      await shot(p, '45-05-residents-filtered-after-reload');

      // Open the first one, edit its care needs and phone.
      const table = p.getByTestId('residents-table');
      await table
        .locator('tbody tr.ant-table-row')
        .first()
        .getByRole('button', { name: r.view })
        .click();
      const drawer = p.getByRole('dialog', { name: r.detailTitle });
      await drawer.getByTestId('resident-phone').waitFor();
      const name = (
        await drawer.locator('.ant-descriptions-item-content').first().innerText()
      ).trim();
      await drawer.getByRole('button', { name: r.edit }).click();
      const form = p.getByRole('dialog', { name: `${r.editResident} · ${name}` });
      await form.waitFor();
      const phone = form.getByLabel(r.phone, { exact: true });
      if ((await phone.inputValue()) !== '')
        throw new Error('the phone field shows the stored phone');
      // A well-formed ID number with a wrong check digit: the server's 400 lands on the field.
      const idField = form.getByLabel(r.idNumber, { exact: true });
      await idField.fill('110105194912310021');
      await idField.press('Enter');
      await form.getByText('身份证号码不正确', { exact: false }).waitFor();
      await shot(p, '45-06a-resident-edit-id-checksum-error');
      // The 400 is what this step expects, not an error of the page.
      const refused = staff.errors.findIndex((e) => /^http 400 PUT .*\/api\/residents\//.test(e));
      if (refused < 0) throw new Error(`no refused save: ${staff.errors.join('; ')}`);
      staff.errors.splice(refused, 1);
      await idField.fill('');
      const careNeeds = '每日送餐上门,周三测血压';
      await form.getByLabel(r.careNeeds, { exact: true }).fill(careNeeds);
      await phone.fill('139 1234 5678');
      await phone.press('Enter');
      await form.waitFor({ state: 'hidden' });
      await drawer
        .getByTestId('resident-phone')
        .getByText('139****5678', { exact: true })
        .waitFor();
      await drawer
        .getByTestId('resident-care-needs')
        .getByText(careNeeds, { exact: true })
        .waitFor();
      await shot(p, '45-06-resident-edited-masked-phone');
      // The list shows the new care needs too.
      await p.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
      await table.getByText(careNeeds).waitFor();

      // The household's detail lists its residents (the new care needs shown), and
      // 添加成员 opens the form with that household filled in.
      const edited = await v.call<ResidentList>(
        'GET',
        `/api/residents?villageId=${village.id}&kind=elderly_alone&q=${encodeURIComponent(name)}`,
      );
      const target = edited.items[0];
      if (!target) throw new Error(`${name} not found after the edit`);
      await p.getByRole('tab', { name: r.tabHouseholds }).click();
      // The residents tab's search box goes away with its tab: wait for the households
      // tab before typing, and for the search to reach the address before looking.
      await p.getByRole('tab', { name: r.tabHouseholds, selected: true }).waitFor();
      await p.getByTestId('households-table').waitFor();
      const search = p.getByLabel(r.search, { exact: true });
      await search.fill(target.household.address);
      await search.press('Enter');
      await p.waitForURL((u) => u.searchParams.get('q') === target.household.address);
      await p
        .getByTestId('households-table')
        .getByRole('button', { name: target.household.address, exact: true })
        .click();
      const house = p.getByRole('dialog', { name: r.householdDetail });
      await house.locator('tr', { hasText: careNeeds }).filter({ hasText: target.name }).waitFor();
      await house.getByRole('button', { name: r.addMember }).click();
      const add = p.getByRole('dialog', { name: `${r.addResident} · ${target.household.address}` });
      const prefilled = await add.getByLabel(r.household, { exact: true }).inputValue();
      if (prefilled !== target.household.address)
        throw new Error(`add-member household is "${prefilled}"`);
      await shot(p, '45-06b-household-detail-add-member');
      await add.getByRole('button', { name: t.web.common.cancel }).click();
      await add.waitFor({ state: 'hidden' });

      // The read log (administrator): the cadre's detail read of this resident, once —
      // the edit answered with the masked view and did not read again.
      const admin = await apiLogin(stack.api, 'admin');
      const reads = await admin.call<ResidentReadList>(
        'GET',
        `/api/resident-reads?residentId=${target.id}&pageSize=50`,
      );
      const mine = reads.items.filter((l) => l.user.id === me.id && l.action === 'view');
      if (mine.length !== 1) throw new Error(`${mine.length} logged reads, expected 1`);
      const boss = await openActor(DESKTOP);
      actors.push(boss);
      const b = boss.page;
      await login(b, stack.base, 'admin');
      await b.goto(`${stack.base}/residents?tab=reads`);
      await b
        .locator('tr', { hasText: me.displayName })
        .filter({ hasText: r.action.view })
        .filter({ hasText: target.name })
        .first()
        .waitFor();
      await shot(b, '45-07-read-log-shows-the-read');
    },
  },
];
