// The catalogue as an Excel workbook: export, re-import unchanged, import with
// changes (logged as `import`), and an import with errors that changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { CATALOGUE_COLUMNS } from '@jiesu/contracts';
import { createTestContext, type District, type TestContext } from '../../../test/harness.js';
import { PASSWORD, type DemoLogin } from '../../../test/factories.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function cookieOf(d: District, who: DemoLogin): Promise<Record<string, string>> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: `${d.tenantId}-${who}`, password: PASSWORD },
  });
  return {
    cookie: `jiesu_session=${res.cookies.find((c) => c.name === 'jiesu_session')!.value}`,
    'x-csrf-token': res.json().csrfToken as string,
  };
}

async function exportBook(d: District): Promise<ExcelJS.Workbook> {
  const res = await ctx.app.inject({
    method: 'GET',
    url: '/api/dispatch-rules/export',
    headers: await cookieOf(d, 'dispatcher'),
  });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  expect(res.headers['content-disposition']).toContain(encodeURIComponent('派单目录'));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

async function importBook(d: District, data: Buffer, who: DemoLogin = 'admin') {
  const boundary = '----jiesu' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="catalogue.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/dispatch-rules/import',
    headers: {
      ...(await cookieOf(d, who)),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: body,
  });
  return { status: res.statusCode, body: res.json() };
}

async function bookOf(rows: string[][], header: readonly string[] = CATALOGUE_COLUMNS) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('派单目录');
  ws.addRow([...header]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const rows = (ws: ExcelJS.Worksheet) =>
  ws
    .getSheetValues()
    .slice(1)
    .map((r) => (r as unknown[]).slice(1).map((v) => (v ?? '') as string));

async function snapshot(tenantId: string) {
  const rules = await ctx.c.db
    .selectFrom('dispatch_rules')
    .select(['id', 'category_id', 'jurisdiction_id', 'target', 'unit_id', 'version'])
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
  const changes = await ctx.c.db
    .selectFrom('dispatch_rule_changes')
    .select(['rule_id', 'change', 'before', 'after'])
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
  return { rules, changes };
}

describe('the catalogue workbook', () => {
  it('exports with Chinese headers, re-imports as unchanged, imports edits as versioned changes', async () => {
    const d = await ctx.newDistrict();
    const admin = await d.login('admin');
    const lamp = await admin.post('/api/dispatch-rules', {
      categoryId: d.categories.leaf,
      jurisdictionId: d.nodes.district,
      target: 'unit',
      unitId: d.units.dept,
      coUnitIds: [d.units.dept2],
      coTerritorial: ['territorial_township'],
      note: '路灯',
    });
    await admin.post('/api/dispatch-rules', {
      categoryId: d.categories.root,
      jurisdictionId: d.nodes.twp1,
      target: 'territorial_village',
    });

    const wb = await exportBook(d);
    const ws = wb.getWorksheet('派单目录')!;
    expect(rows(ws)).toEqual([
      [...CATALOGUE_COLUMNS],
      ['01', '城乡建设', `${d.tenantId}-twp1`, '东城街道', '属地村社区', '', '', ''],
      [
        '010101',
        '路灯损坏',
        `${d.tenantId}-district`,
        '测试区',
        '指定单位',
        '区城市管理委员会',
        '区水务局、属地街乡镇',
        '路灯',
      ],
    ]);

    // The file as exported changes nothing.
    const before = await snapshot(d.tenantId);
    const same = await importBook(d, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(same).toEqual({ status: 200, body: { created: 0, updated: 0, unchanged: 2 } });
    expect(await snapshot(d.tenantId)).toEqual(before);

    // Edit one row, add one: one update and one creation, both logged as imports.
    ws.getRow(3).getCell(6).value = '区水务局';
    ws.getRow(3).getCell(7).value = '属地街乡镇；区城市管理委员会';
    ws.addRow(['0201', '供暖不热', `${d.tenantId}-twp2`, '', '属地街乡镇', '', '', '冬季']);
    const edited = await importBook(d, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(edited).toEqual({ status: 200, body: { created: 1, updated: 1, unchanged: 1 } });
    const rule = (await admin.get(`/api/dispatch-rules/${lamp.body.id}`)).body;
    expect(rule).toMatchObject({
      version: 2,
      unit: { id: d.units.dept2 },
      coUnits: [{ id: d.units.dept }],
      coTerritorial: ['territorial_township'],
      updatedBy: { id: d.users.admin },
    });
    const heating = (await admin.get(`/api/dispatch-rules?categoryId=${d.categories.heating}`)).body
      .items;
    expect(heating).toMatchObject([
      {
        jurisdiction: { id: d.nodes.twp2 },
        target: 'territorial_township',
        note: '冬季',
        version: 1,
      },
    ]);
    const history = (await admin.get('/api/dispatch-rules/changes?pageSize=10')).body.items;
    const imports = history.filter((c: { change: string }) => c.change === 'import');
    expect(imports).toHaveLength(2);
    const update = imports.find((c: { ruleId: string }) => c.ruleId === lamp.body.id);
    expect(update).toMatchObject({
      before: { unitName: '区城市管理委员会', version: 1 },
      after: { unitName: '区水务局', coUnitNames: ['区城市管理委员会'], version: 2 },
      changedBy: { id: d.users.admin },
    });
    expect(imports.find((c: { ruleId: string }) => c.ruleId !== lamp.body.id).before).toBeNull();
  });

  it('refuses a file with errors as a whole, naming every bad row in Chinese', async () => {
    const d = await ctx.newDistrict();
    const admin = await d.login('admin');
    await admin.post('/api/dispatch-rules', {
      categoryId: d.categories.leaf,
      jurisdictionId: d.nodes.district,
      target: 'unit',
      unitId: d.units.dept,
    });
    const before = await snapshot(d.tenantId);
    const district = `${d.tenantId}-district`;
    const file = await bookOf([
      // 2: good (an update of the existing rule) — still not applied.
      ['010101', '路灯损坏', district, '测试区', '指定单位', '区水务局', '', ''],
      // 3: unknown category code
      ['999999', '', district, '', '指定单位', '区水务局', '', ''],
      // 4: unknown unit and unknown co-unit
      ['010102', '', district, '', '指定单位', '不存在的局', '也不存在', ''],
      // 5: target missing
      ['0201', '', district, '', '', '', '', ''],
      // (blank row: skipped)
      ['', '', '', '', '', '', '', ''],
      // 7: same key as row 2
      ['010101', '', district, '', '属地街乡镇', '', '', ''],
      // 8: territorial with a unit, and a wrong area name
      ['01', '', `${d.tenantId}-twp1`, '西山镇', '属地村社区', '区水务局', '', ''],
      // 9: unknown target; unknown area code
      ['01', '', 'nowhere', '', '随便派', '', '', ''],
    ]);
    const res = await importBook(d, file);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('CATALOGUE_IMPORT_INVALID');
    expect(res.body.error.message).toBe('导入文件有错误,未做任何修改');
    const messages = res.body.error.details.map((x: { message: string }) => x.message);
    expect(messages).toEqual([
      '第3行:分类编码“999999”不存在',
      '第4行:单位“不存在的局”不存在或已停用',
      '第4行:单位“也不存在”不存在或已停用',
      '第5行:“承办方式”不能为空',
      '第7行:与第2行的分类编码和区域编码重复',
      '第8行:区域“西山镇”与编码对应的“东城街道”不一致',
      '第8行:属地承办时不填承办单位',
      '第9行:区域编码“nowhere”不存在',
      '第9行:承办方式“随便派”无效,应为:指定单位、属地街乡镇、属地村社区',
    ]);
    expect(res.body.error.details[0].path).toBe('/rows/3');
    expect(await snapshot(d.tenantId)).toEqual(before);
  });

  it('refuses what is not a catalogue workbook, and imports only for editors', async () => {
    const d = await ctx.newDistrict();
    const notExcel = await importBook(d, Buffer.from('分类编码,分类\n01,城乡建设\n'));
    expect(notExcel.status).toBe(400);
    expect(notExcel.body.error.code).toBe('CATALOGUE_IMPORT_INVALID');
    expect(notExcel.body.error.details[0].message).toContain('.xlsx');
    const noHeader = await importBook(
      d,
      await bookOf([['01', '城乡建设']], ['分类编码', '分类', '区域编码', '区域', '承办方式']),
    );
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.error.details.map((x: { message: string }) => x.message)).toEqual([
      '第1行缺少列“承办单位”',
      '第1行缺少列“协办单位”',
      '第1行缺少列“备注”',
    ]);
    const empty = await importBook(d, await bookOf([]));
    expect(empty.body.error.details[0].message).toBe('文件中没有派单规则');

    const good = await bookOf([
      ['0201', '', `${d.tenantId}-district`, '', '属地街乡镇', '', '', ''],
    ]);
    const refused = await importBook(d, good, 'dispatcher');
    expect(refused.status).toBe(403);
    expect((await snapshot(d.tenantId)).rules).toHaveLength(0);
    expect((await importBook(d, good)).body).toEqual({ created: 1, updated: 0, unchanged: 0 });
  });
});
