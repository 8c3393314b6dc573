// The households and residents ledger through the API: scope (a grid worker sees
// their own grid only, a department and the centre's dispatcher get 403, a
// supervisor reads but does not keep), masking in lists, ID numbers encrypted at
// rest with a keyed hash, every detail read and reveal logged, kinds configurable
// per district, the Excel import's validation (checksum, unknown grid, unknown
// kind, duplicates in the file and in the ledger, out of scope) and its commit,
// and the export (masked unless the exporter may and asks for full).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESIDENT_IMPORT_COLUMNS } from '@jiesu/contracts';
import { createTestContext, type District, type TestContext } from '../../../test/harness.js';
import type { DemoLogin } from '../../../test/factories.js';
import { newId } from '../../shared/ids.js';
import { PASSWORD } from '../../../test/factories.js';
import { idCheckChar } from './idnumber.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const idOf = (first17: string) => first17 + idCheckChar(first17);
const ID1 = idOf('11010119560308123');
const ID2 = idOf('11010120150601002');

/** A second grid under 石门村 (another township): outside the test grid worker's scope. */
async function otherGrid(d: District): Promise<string> {
  const vil3 = await ctx.c.db
    .selectFrom('jurisdictions')
    .select('path')
    .where('id', '=', d.nodes.vil3)
    .executeTakeFirstOrThrow();
  const id = newId();
  await ctx.c.db
    .insertInto('jurisdictions')
    .values({
      id,
      tenant_id: d.tenantId,
      parent_id: d.nodes.vil3,
      level: 'grid',
      code: `G-${id.slice(0, 6)}`,
      name: '石门村第一网格',
      population: 0,
      path: `${vil3.path}${id}/`,
      boundary: null,
      centre_lng: null,
      centre_lat: null,
    })
    .execute();
  return id;
}

async function cookieOf(d: District, who: DemoLogin) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: `${d.tenantId}-${who}`, password: PASSWORD },
  });
  const cookie = res.cookies.find((k) => k.name === 'jiesu_session')!;
  return {
    cookie: `jiesu_session=${cookie.value}`,
    'x-csrf-token': res.json().csrfToken as string,
  };
}

async function upload(d: District, data: Buffer, who: DemoLogin) {
  const boundary = '----jiesu' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="residents.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/residents/imports',
    headers: {
      ...(await cookieOf(d, who)),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: body,
  });
  return { status: res.statusCode, body: res.json() };
}

async function book(rows: string[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('住户人员');
  ws.addRow([...RESIDENT_IMPORT_COLUMNS]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function setup(d: District) {
  const village = await d.login('village');
  const h = await village.post('/api/households', {
    gridId: d.nodes.grid1,
    address: '东湖路 1 号 3 单元 201',
  });
  expect(h.status).toBe(201);
  const r = await village.post('/api/residents', {
    householdId: h.body.id,
    name: '王秀兰',
    relation: '户主',
    phone: '13800138001',
    idNumber: ID1,
    kinds: ['elderly_alone', 'registered'],
    careNeeds: '定期服药',
  });
  expect(r.status).toBe(201);
  return { household: h.body.id as string, resident: r.body.id as string };
}

describe('residents ledger', () => {
  it('scope: the grid worker sees their grid; other grids 404; departments and the centre 403; supervisors read only', async () => {
    const d = await ctx.newDistrict();
    const { household, resident } = await setup(d);
    const g2 = await otherGrid(d);
    const admin = await d.login('admin');
    const far = await admin.post('/api/households', { gridId: g2, address: '石门村 8 号' });
    expect(far.status).toBe(201);

    const grid = await d.login('grid');
    const list = await grid.get('/api/households');
    expect(list.status).toBe(200);
    expect(list.body.items.map((h: { id: string }) => h.id)).toEqual([household]);
    expect((await grid.get(`/api/households/${far.body.id}`)).status).toBe(404);
    expect((await grid.get(`/api/residents/${resident}`)).status).toBe(200);
    expect((await grid.post('/api/households', { gridId: g2, address: 'x' })).status).toBe(400);
    expect((await admin.get('/api/households')).body.total).toBe(2);

    for (const who of ['dept', 'dispatcher', 'agent'] as const) {
      const c = await d.login(who);
      expect((await c.get('/api/households')).status).toBe(403);
      expect((await c.get(`/api/residents/${resident}`)).status).toBe(403);
    }
    // The other township's neighbourhood does not see 东湖社区.
    const street = await d.login('street');
    expect((await street.get('/api/residents')).body.total).toBe(1);

    const sup = await d.login('supervisor');
    expect((await sup.get('/api/residents')).body.total).toBe(1);
    expect(
      (await sup.post('/api/households', { gridId: d.nodes.grid1, address: 'y' })).status,
    ).toBe(403);
  });

  it('masks lists, encrypts the ID number at rest, logs every detail read and reveal', async () => {
    const d = await ctx.newDistrict();
    const { resident } = await setup(d);
    const grid = await d.login('grid');
    const list = await grid.get('/api/residents');
    expect(list.body.items[0]).toMatchObject({
      name: '王**',
      phone: '138****8001',
      idNumber: `110***********${ID1.slice(-4)}`,
      keyPopulation: true,
      careNeeds: '定期服药',
      gender: 'male',
    });
    const stored = await ctx.c.db
      .selectFrom('residents')
      .selectAll()
      .where('id', '=', resident)
      .executeTakeFirstOrThrow();
    expect(stored.id_number_cipher).toBeTruthy();
    expect(JSON.stringify(stored)).not.toContain(ID1);
    expect(stored.birth_date).toBe('1956-03-08');

    const detail = await grid.get(`/api/residents/${resident}`);
    expect(detail.body).toMatchObject({ name: '王秀兰', phone: '138****8001', revealed: false });
    const full = await grid.post(`/api/residents/${resident}/reveal`, { purpose: '入户走访核对' });
    expect(full.body).toMatchObject({ phone: '13800138001', idNumber: ID1, revealed: true });

    expect((await grid.get('/api/resident-reads')).status).toBe(403);
    const log = await (await d.login('admin')).get(`/api/resident-reads?residentId=${resident}`);
    expect(log.status).toBe(200);
    expect(log.body.items.map((l: { action: string }) => l.action)).toEqual(['reveal', 'view']);
    expect(log.body.items[0]).toMatchObject({
      purpose: '入户走访核对',
      user: { name: '测试grid' },
    });

    // Duplicate ID number refused; bad checksum refused.
    const again = await grid.post('/api/residents', {
      householdId: detail.body.household.id,
      name: '王某',
      idNumber: ID1,
    });
    expect(again.status).toBe(409);
    const bad = await grid.post('/api/residents', {
      householdId: detail.body.household.id,
      name: '王某',
      idNumber: ID1.slice(0, 17) + (ID1[17] === '1' ? '2' : '1'),
    });
    expect(bad.status).toBe(400);
  });

  it('kinds: 14 defaults, admin adds, renames, disables, reorders; others may not', async () => {
    const d = await ctx.newDistrict();
    const admin = await d.login('admin');
    const k = await admin.get('/api/resident-kinds');
    expect(k.body.items).toHaveLength(14);
    expect(k.body.items[0]).toMatchObject({ code: 'registered', label: '户籍人口' });
    expect(
      (
        await admin.post('/api/resident-kinds', {
          code: 'drug_rehab',
          label: '社区戒毒人员',
          keyPopulation: true,
        })
      ).status,
    ).toBe(200);
    expect(
      (await admin.post('/api/resident-kinds', { code: 'drug_rehab2', label: '社区戒毒人员' }))
        .status,
    ).toBe(409);
    expect(
      (await admin.put('/api/resident-kinds/pregnant', { label: '孕产妇(含哺乳期)' })).status,
    ).toBe(200);
    expect(
      (await admin.put('/api/resident-kinds/foreign_national', { active: false })).status,
    ).toBe(200);
    const r = await admin.post('/api/resident-kinds/order', {
      codes: ['drug_rehab', 'registered'],
    });
    expect(r.body.items.slice(0, 2).map((x: { code: string }) => x.code)).toEqual([
      'drug_rehab',
      'registered',
    ]);
    const grid = await d.login('grid');
    const seen = await grid.get('/api/resident-kinds');
    expect(seen.body.items).toHaveLength(14); // the disabled one hidden
    expect(seen.body.canEdit).toBe(false);
    expect((await grid.put('/api/resident-kinds/pregnant', { label: 'x' })).status).toBe(403);
  });

  it('import: preview with per-row errors, then a commit of the valid rows; export masked unless full', async () => {
    const d = await ctx.newDistrict();
    await setup(d); // ID1 is in the ledger
    await otherGrid(d);
    const rows = [
      [
        '东湖社区第一网格',
        '东湖路 2 号',
        '李建国',
        '',
        '',
        '户主',
        '13900139000',
        ID2,
        '户籍人口、留守儿童',
        '',
        '',
      ],
      [
        '东湖社区第一网格',
        '东湖路 2 号',
        '李小明',
        '男',
        '2015-06-01',
        '子女',
        '',
        '',
        '留守儿童',
        '',
        '',
      ],
      [
        '东湖社区第一网格',
        '东湖路 3 号',
        '赵一',
        '',
        '',
        '',
        '',
        ID2.slice(0, 17) + (ID2[17] === '1' ? '2' : '1'),
        '',
        '',
        '',
      ],
      ['不存在的网格', '东湖路 4 号', '钱二', '', '', '', '', '', '', '', ''],
      ['东湖社区第一网格', '东湖路 5 号', '孙三', '', '', '', '', '', '外星人', '', ''],
      ['东湖社区第一网格', '东湖路 6 号', '周四', '', '', '', '', ID2, '', '', ''],
      ['东湖社区第一网格', '东湖路 7 号', '吴五', '', '', '', '', ID1, '', '', ''],
      ['石门村第一网格', '石门村 9 号', '郑六', '', '', '', '', '', '', '', ''],
      ['东湖社区第一网格', '', '', '', '', '', '', '', '', '', ''],
    ];
    const up = await upload(d, await book(rows), 'village');
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ status: 'previewed', total: 9, valid: 2, invalid: 7 });
    const codes = up.body.errors.map((e: { row: number; code: string }) => `${e.row}:${e.code}`);
    expect(codes).toEqual([
      '4:INVALID_ID_NUMBER',
      '5:UNKNOWN_GRID',
      '6:UNKNOWN_KIND',
      '7:DUPLICATE_IN_FILE',
      '8:DUPLICATE_IN_DB',
      '9:GRID_OUT_OF_SCOPE',
      '10:REQUIRED',
      '10:REQUIRED',
    ]);
    expect(up.body.errors[3].message).toContain('第 2 行');
    // Nothing written yet; the job holds no clear ID number.
    const job = await ctx.c.db
      .selectFrom('resident_imports')
      .selectAll()
      .where('id', '=', up.body.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(job.rows)).not.toContain(ID2);

    const village = await d.login('village');
    expect(
      (await (await d.login('grid')).post(`/api/residents/imports/${up.body.id}/commit`)).status,
    ).toBe(404);
    const go = await village.post(`/api/residents/imports/${up.body.id}/commit`);
    expect(go.status).toBe(202);
    await ctx.c.residents.settled(up.body.id);
    const done = await village.get(`/api/residents/imports/${up.body.id}`);
    expect(done.body).toMatchObject({ status: 'done', done: 2, householdsCreated: 1 });
    expect((await village.post(`/api/residents/imports/${up.body.id}/commit`)).status).toBe(409);
    const list = await village.get('/api/households?q=东湖路 2 号');
    expect(list.body.items[0].members.map((m: { name: string }) => m.name)).toEqual([
      '李**',
      '李**',
    ]);
    const kids = await village.get('/api/residents?kind=left_behind_child');
    expect(kids.body.total).toBe(2);
    expect((await village.get('/api/residents?keyPopulation=true')).body.total).toBe(3);

    // Export: masked for the village handler, full refused; full for the admin, logged.
    const ex = async (who: DemoLogin, full: boolean) =>
      ctx.app.inject({
        method: 'GET',
        url: `/api/residents/export${full ? '?full=true' : ''}`,
        headers: await cookieOf(d, who),
      });
    expect((await ex('village', true)).statusCode).toBe(403);
    const masked = await ex('village', false);
    expect(masked.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(masked.rawPayload as unknown as ArrayBuffer);
    const text = JSON.stringify(wb.worksheets[0]!.getSheetValues());
    expect(text).not.toContain(ID1);
    expect(text).toContain('王**');
    const fullEx = await ex('admin', true);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(fullEx.rawPayload as unknown as ArrayBuffer);
    expect(JSON.stringify(wb2.worksheets[0]!.getSheetValues())).toContain(ID1);
    const log = await (await d.login('admin')).get('/api/resident-reads');
    expect(
      log.body.items
        .slice(0, 2)
        .map((l: { action: string; count: number }) => `${l.action}:${l.count}`),
    ).toEqual(['export_full:3', 'export:3']);
  });

  it('the template has the Chinese headers; an unreadable file is a 400', async () => {
    const d = await ctx.newDistrict();
    const t = await ctx.app.inject({
      method: 'GET',
      url: '/api/residents/import-template',
      headers: await cookieOf(d, 'village'),
    });
    expect(t.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(t.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0]!.getRow(1).values as string[]).slice(1)).toEqual([
      ...RESIDENT_IMPORT_COLUMNS,
    ]);
    const bad = await upload(d, Buffer.from('not a workbook'), 'village');
    expect(bad.status).toBe(400);
    expect((await upload(d, await book([]), 'dept')).status).toBe(403);
  });
});
