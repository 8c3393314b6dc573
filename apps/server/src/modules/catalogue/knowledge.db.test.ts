// The knowledge base (五公开) through HTTP: administrators keep the items and
// export them; every staff member searches them in Chinese, where two-character
// words (低保, 医保, 供暖) must work and title or keyword hits rank first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestContext, type District, type TestContext } from '../../../test/harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const ITEMS = [
  {
    title: '城乡居民最低生活保障(低保)申请',
    body: '家庭人均收入低于本区标准的,可向户籍所在街道申请。',
    procedure: '社区受理、街道入户调查、公示、区民政局审批',
    policyBasis: '《社会救助暂行办法》',
    phone: '010-81234001',
    staff: '街道社会保障事务所',
    keywords: '救助 困难家庭',
  },
  {
    title: '门诊费用报销',
    body: '参保人员在定点医疗机构就医,持社保卡直接结算。',
    procedure: '就医时出示社保卡',
    policyBasis: '本市基本医疗保险规定',
    phone: '010-81234002',
    staff: '区医疗保障局',
    keywords: '医保 社保卡 报销',
  },
  {
    title: '居民供暖报修',
    body: '室温低于18度可报修,供热单位24小时内上门。',
    procedure: '拨打供热热线报修',
    policyBasis: '本市供热采暖管理办法',
    phone: '010-81234003',
    staff: '区城市管理委员会供热科',
    keywords: '暖气 不热',
  },
  {
    // 供暖 only in the body: found, but after the item with it in the title.
    title: '物业服务费缴纳',
    body: '物业费与供暖费分别缴纳,物业不得捆绑收取。',
    procedure: '向物业服务企业缴纳',
    policyBasis: '本市物业管理条例',
    phone: '010-81234004',
    staff: '区住房城乡建设委',
    keywords: '物业费',
  },
];

async function seeded(): Promise<{ d: District; ids: Record<string, string> }> {
  const d = await ctx.newDistrict();
  const admin = await d.login('admin');
  const ids: Record<string, string> = {};
  for (const item of ITEMS) {
    const res = await admin.post('/api/knowledge', item);
    expect(res.status).toBe(201);
    ids[item.title] = res.body.id;
  }
  return { d, ids };
}

const titles = (body: Array<{ title: string }>) => body.map((k) => k.title);

describe('knowledge search', () => {
  it('finds items by two-character words, title and keyword hits first', async () => {
    const { d } = await seeded();
    const agent = await d.login('agent');
    const search = async (q: string) => {
      const res = await agent.get(`/api/knowledge?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      return titles(res.body);
    };
    expect(await search('低保')).toEqual(['城乡居民最低生活保障(低保)申请']);
    // 医保 is only a keyword of its item.
    expect(await search('医保')).toEqual(['门诊费用报销']);
    // 供暖 in a title outranks 供暖 in a body.
    expect(await search('供暖')).toEqual(['居民供暖报修', '物业服务费缴纳']);
    // A caller's sentence is cut into words; the filler words match nothing.
    expect((await search('我想问一下医保怎么报销?'))[0]).toBe('门诊费用报销');
    expect((await search('家里暖气不热怎么办'))[0]).toBe('居民供暖报修');
    expect(await search('火星移民')).toEqual([]);
  });

  it('returns the five fields, and hides inactive items except from administrators', async () => {
    const { d, ids } = await seeded();
    const admin = await d.login('admin');
    const agent = await d.login('agent');
    const id = ids['居民供暖报修']!;
    const item = (await agent.get(`/api/knowledge?q=${encodeURIComponent('供暖')}`)).body[0];
    expect(item).toMatchObject({
      id,
      body: '室温低于18度可报修,供热单位24小时内上门。',
      procedure: '拨打供热热线报修',
      policyBasis: '本市供热采暖管理办法',
      phone: '010-81234003',
      staff: '区城市管理委员会供热科',
      active: true,
      useCount: 0,
    });
    const put = await admin.put(`/api/knowledge/${id}`, { ...ITEMS[2], active: false });
    expect(put.status).toBe(200);
    expect(
      titles((await agent.get(`/api/knowledge?q=${encodeURIComponent('供暖')}`)).body),
    ).toEqual(['物业服务费缴纳']);
    expect((await agent.get('/api/knowledge?all=true')).status).toBe(403);
    const all = await admin.get(`/api/knowledge?all=true&q=${encodeURIComponent('供暖')}`);
    expect(titles(all.body)).toEqual(['居民供暖报修', '物业服务费缴纳']);
    // Without a query: every active item.
    expect((await agent.get('/api/knowledge')).body).toHaveLength(3);
  });

  it('never shows another district its items', async () => {
    await seeded();
    const other = await ctx.newDistrict();
    const res = await (
      await other.login('agent')
    ).get(`/api/knowledge?q=${encodeURIComponent('低保')}`);
    expect(res.body).toEqual([]);
  });
});

describe('knowledge administration', () => {
  it('only administrators create, edit, delete and export', async () => {
    const d = await ctx.newDistrict();
    for (const who of ['agent', 'dispatcher', 'village'] as const) {
      const client = await d.login(who);
      expect((await client.post('/api/knowledge', ITEMS[0])).status).toBe(403);
      expect((await client.get('/api/knowledge/export')).status).toBe(403);
    }
    const admin = await d.login('admin');
    const created = await admin.post('/api/knowledge', {
      ...ITEMS[0],
      categoryId: d.categories.leaf,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ categoryId: d.categories.leaf, categoryName: '路灯损坏' });
    const id = created.body.id as string;
    expect((await (await d.login('agent')).put(`/api/knowledge/${id}`, ITEMS[1])).status).toBe(403);
    expect((await (await d.login('agent')).del(`/api/knowledge/${id}`)).status).toBe(403);
    const updated = await admin.put(`/api/knowledge/${id}`, { ...ITEMS[0], phone: '010-88888888' });
    expect(updated.body).toMatchObject({ phone: '010-88888888', categoryId: null });
    expect((await admin.del(`/api/knowledge/${id}`)).status).toBe(204);
    expect((await admin.get(`/api/knowledge/${id}`)).status).toBe(404);
    expect((await admin.del(`/api/knowledge/${id}`)).status).toBe(404);
  });

  it('refuses bad input with 400 and a stable code', async () => {
    const d = await ctx.newDistrict();
    const admin = await d.login('admin');
    const short = await admin.post('/api/knowledge', { ...ITEMS[0], title: '低' });
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('VALIDATION_FAILED');
    const extra = await admin.post('/api/knowledge', { ...ITEMS[0], colour: 'red' });
    expect(extra.status).toBe(400);
    const cat = await admin.post('/api/knowledge', {
      ...ITEMS[0],
      categoryId: '00000000-0000-4000-8000-000000000999',
    });
    expect(cat.status).toBe(400);
    expect(cat.body.error.code).toBe('UNKNOWN_CATEGORY');
    const missing = await admin.put(
      '/api/knowledge/00000000-0000-4000-8000-000000000999',
      ITEMS[0],
    );
    expect(missing.status).toBe(404);
  });

  it('exports every item with the five fields as an .xlsx workbook', async () => {
    const { d } = await seeded();
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/knowledge/export',
      headers: await cookieOf(d),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      '标题',
      '分类',
      '内容',
      '办理流程',
      '政策依据',
      '咨询电话',
      '责任单位与人员',
      '关键词',
      '状态',
      '使用次数',
      '更新时间',
    ]);
    expect(ws.rowCount).toBe(1 + ITEMS.length);
    const rows = [2, 3, 4, 5].map((n) => (ws.getRow(n).values as unknown[]).slice(1));
    const heating = rows.find((r) => r[0] === '居民供暖报修')!;
    expect(heating.slice(2, 9)).toEqual([
      ITEMS[2]!.body,
      ITEMS[2]!.procedure,
      ITEMS[2]!.policyBasis,
      ITEMS[2]!.phone,
      ITEMS[2]!.staff,
      ITEMS[2]!.keywords,
      '启用',
    ]);
  });
});

/** The admin's session headers, for a raw inject that keeps the binary body. */
async function cookieOf(d: District): Promise<Record<string, string>> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: `${d.tenantId}-admin`, password: 'test-password' },
  });
  const cookie = res.cookies.find((k) => k.name === 'jiesu_session')!;
  return { cookie: `jiesu_session=${cookie.value}` };
}
