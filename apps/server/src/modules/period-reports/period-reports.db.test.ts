// The weekly dispatch-meeting pack and the monthly report on a hand-computed case.
//
// Week 2026-W44 (26 Oct – 1 Nov): one 路灯损坏 request and two 井盖缺失 (in 石门村,
// township 2). Week 2026-W45 (2–8 Nov): three 供暖不热 requests dispatched to
// 东城街道 with a 24-hour limit (due 3 Nov 09:00), two 路灯损坏 and one 井盖缺失
// (石门村). On 5 Nov 09:00 the three heating tickets are exactly the overdue ones,
// 2 days past due. Top categories of W45: 供暖不热 3 (+3), 路灯损坏 2 (+1), 井盖缺失 1 (−1).
// Township 1's pack leaves out 石门村's tickets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import type { District } from '../../../test/factories.js';
import { newId } from '../../shared/ids.js';

let ctx: TestContext;
let d: District;
const heating: string[] = [];
let redTable = false;

beforeAll(async () => {
  ctx = await createTestContext();
  d = await ctx.newDistrict();
  const ok = (r: { status: number; body: unknown }) => {
    if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  };
  ctx.clock.set('2026-10-28T02:00:00Z');
  await d.newTicket();
  await d.newTicket({
    categoryId: d.categories.other,
    jurisdictionId: d.nodes.vil3,
    address: '石门村口',
  });
  await d.newTicket({
    categoryId: d.categories.other,
    jurisdictionId: d.nodes.vil3,
    address: '石门村口',
  });

  ctx.clock.set('2026-11-02T01:00:00Z');
  await d.login('agent', { fresh: true }); // the session of 28 October has expired
  for (let i = 0; i < 3; i++) {
    const t = await d.newTicket({
      categoryId: d.categories.heating,
      title: `暖气不热${i + 1}`,
      address: '东湖社区5号楼',
    });
    ok(
      await (
        await d.login('dispatcher', { fresh: true })
      ).act(t.id, 'dispatch', { leadUnitId: d.units.twp1 }),
    );
    heating.push(t.code);
  }
  await d.newTicket();
  await d.newTicket();
  await d.newTicket({
    categoryId: d.categories.other,
    jurisdictionId: d.nodes.vil3,
    address: '石门村口',
  });

  // A red-list item, when the colour lists are in this database.
  const { rows } = await sql<{
    t: string | null;
  }>`SELECT to_regclass('colour_items')::text AS t`.execute(ctx.c.db);
  redTable = Boolean(rows[0]?.t);
  if (redTable)
    await sql`INSERT INTO colour_items (id, tenant_id, unit_id, level, colour, title, clear_by, created_at)
      VALUES (${newId()}, ${d.tenantId}, ${d.units.twp1}, 'township', 'red', '东湖社区老旧管网改造',
        ${new Date('2026-11-30T16:00:00Z')}, ${new Date('2026-11-02T02:00:00Z')})`.execute(
      ctx.c.db,
    );

  ctx.clock.set('2026-11-05T01:00:00Z');
});
afterAll(() => ctx.close());

const WEEK = '/api/period-reports/weekly?week=2026-W45';

describe('周调度会材料', () => {
  it('lists exactly the overdue tickets, the top categories with their change, the headline', async () => {
    const sup = await d.login('supervisor', { fresh: true });
    const res = await sup.get(WEEK);
    expect(res.status).toBe(200);
    const p = res.body;
    expect(p.period).toMatchObject({
      key: '2026-W45',
      firstDay: '2026-11-02',
      lastDay: '2026-11-08',
    });
    expect(p.scope).toMatchObject({ kind: 'district', id: null });
    expect(p.overdue.total).toBe(3);
    expect(p.overdue.items.map((t: { code: string }) => t.code).sort()).toEqual(
      [...heating].sort(),
    );
    expect(p.overdue.items.every((t: { daysOverdue: number }) => t.daysOverdue === 2)).toBe(true);
    expect(p.overdue.items[0].leadUnit).toEqual({ id: d.units.twp1, name: '东城街道办事处' });
    expect(
      p.topCategories.map(
        (c: { category: { name: string }; count: number; previous: number; change: number }) => [
          c.category.name,
          c.count,
          c.previous,
          c.change,
        ],
      ),
    ).toEqual([
      ['供暖不热', 3, 0, 3],
      ['路灯损坏', 2, 1, 1],
      ['井盖缺失', 1, 2, -1],
    ]);
    expect(p.headline).toMatchObject({
      received: 6,
      dispatched: 3,
      completed: 0,
      onTimeRate: null,
      overdueNow: 3,
    });
    expect(p.previousHeadline.received).toBe(3);
    expect(p.topVillages).toEqual([
      { name: '东湖社区', count: 5 },
      { name: '石门村', count: 1 },
    ]);
    expect(p.topAddresses[0]).toEqual({ name: '东湖社区5号楼', count: 3 });
    expect(p.red.available).toBe(redTable);
    if (redTable)
      expect(p.red.items.map((r: { title: string }) => r.title)).toEqual(['东湖社区老旧管网改造']);
    expect(p.escalations).toEqual({ total: 0, items: [] });
  });

  it("gives a township's leader its own township only", async () => {
    const leader = await d.login('leader', { fresh: true });
    const own = await leader.get(WEEK);
    expect(own.status).toBe(200);
    expect(own.body.scope).toMatchObject({ kind: 'township', id: d.nodes.twp1, name: '东城街道' });
    // 石门村 (township 2) is left out: its 井盖缺失 of W45 is not counted.
    expect(own.body.headline.received).toBe(5);
    expect(
      own.body.topCategories.map((c: { category: { name: string } }) => c.category.name),
    ).toEqual(['供暖不热', '路灯损坏']);
    expect((await leader.get(`${WEEK}&townshipId=${d.nodes.twp2}`)).status).toBe(403);
    expect((await (await d.login('village', { fresh: true })).get(WEEK)).status).toBe(403);
    const sup = await d.login('supervisor');
    const twp2 = await sup.get(`${WEEK}&townshipId=${d.nodes.twp2}`);
    expect(twp2.body.overdue.total).toBe(0);
    expect(twp2.body.headline.received).toBe(1);
  });

  it('refuses bad periods with a Chinese message and a code', async () => {
    const sup = await d.login('supervisor');
    for (const url of [
      '/api/period-reports/weekly?week=2025-W53',
      '/api/period-reports/weekly?week=2026-47',
      '/api/period-reports/monthly?month=2026-13',
      '/api/period-reports/quarterly?quarter=2026-Q5',
    ]) {
      const res = await sup.get(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.code).toBe('PERIOD_INVALID');
      expect(res.body.error.message).toMatch(/[周月季]/);
    }
  });

  it('exports the pack as Excel with the overdue rows and as CSV with a BOM and the header', async () => {
    const sup = await d.login('supervisor');
    const x = await ctx.app.inject({
      url: `${WEEK}&format=xlsx`,
      headers: { cookie: await cookieOf('supervisor') },
    });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-disposition']).toContain(encodeURIComponent('周调度会材料'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('超期工单')!;
    const codes = ws
      .getColumn(2)
      .values.slice(2)
      .filter((v) => typeof v === 'string' && v.length > 4);
    expect([...codes].sort()).toEqual([...heating].sort());

    const c = await sup.get(`${WEEK}&format=csv`);
    expect(c.status).toBe(200);
    expect(String(c.headers['content-type'])).toContain('text/csv');
    const text = c.body as string;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split('\r\n')[0]).toBe(
      '序号,工单编号,标题,主办单位,所在地,办结期限,超期天数',
    );
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(1 + 3);
    const cats = await sup.get(`${WEEK}&format=csv&table=categories`);
    expect((cats.body as string).slice(1).split('\r\n')[1]).toBe('1,供暖不热,3,0,+3');
  });

  it('renders the PDF with the Chinese title, the ticket codes and an embedded CJK font', async () => {
    const res = await ctx.app.inject({
      url: `${WEEK}&format=pdf`,
      headers: { cookie: await cookieOf('supervisor') },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/FontFile2/); // the TrueType font program is embedded
    expect(raw).toMatch(/NotoSansSC/);
    const text = await pdfText(pdf);
    expect(text).toContain('周调度会材料');
    expect(text).toContain('2026年第45周');
    for (const code of heating) expect(text).toContain(code);
    expect(text).toMatch(/第 1 页 \/ 共 \d+ 页/);
  });
});

describe('月报和季报', () => {
  it('gives the district its rankings and a unit its 三率 row and overdue tickets', async () => {
    const sup = await d.login('supervisor');
    const m = await sup.get('/api/period-reports/monthly?month=2026-11');
    expect(m.status).toBe(200);
    expect(m.body.scope.kind).toBe('district');
    expect(m.body.rankings.map((r: { group: string }) => r.group)).toEqual([
      'township',
      'department',
    ]);
    expect(m.body.trend.map((t: { month: string }) => t.month)).toEqual([
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    expect(m.body.trend[2].dispatched).toBe(3);
    expect(m.body.overdueByUnit).toEqual([
      { unit: { id: d.units.twp1, name: '东城街道办事处' }, count: 3 },
    ]);

    const leader = await d.login('leader');
    const u = await leader.get(
      `/api/period-reports/quarterly?quarter=2026-Q4&unitId=${d.units.twp1}`,
    );
    expect(u.status).toBe(200);
    expect(u.body.assessment).toMatchObject({ unit: { id: d.units.twp1 }, volume: 3 });
    expect(u.body.overdue.total).toBe(3);
    expect(u.body.trend.map((t: { month: string }) => t.month)).toEqual([
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    // A village of its township, yes; the district and a department, no.
    expect(
      (await leader.get(`/api/period-reports/monthly?month=2026-11&unitId=${d.units.vil1}`)).status,
    ).toBe(200);
    expect((await leader.get('/api/period-reports/monthly?month=2026-11')).status).toBe(403);
    expect(
      (await leader.get(`/api/period-reports/monthly?month=2026-11&unitId=${d.units.dept}`)).status,
    ).toBe(403);
  });

  it('renders the monthly district report as a PDF with the rankings', async () => {
    const res = await ctx.app.inject({
      url: '/api/period-reports/monthly?month=2026-11&format=pdf',
      headers: { cookie: await cookieOf('supervisor') },
    });
    expect(res.statusCode).toBe(200);
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('月度报告');
    expect(text).toContain('街乡镇三率排名');
    expect(text).toContain('东城街道办事处');
  });
});

async function cookieOf(who: 'supervisor'): Promise<string> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: `${d.tenantId}-${who}`, password: 'test-password' },
  });
  const c = res.cookies.find((k) => k.name === 'jiesu_session')!;
  return `jiesu_session=${c.value}`;
}

/** Every page's text, through pdf.js (the PDF's ToUnicode maps give the characters back). */
async function pdfText(data: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), useSystemFonts: false })
    .promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const c = await (await doc.getPage(i)).getTextContent();
    pages.push(c.items.map((it) => ('str' in it ? it.str : '')).join('\n'));
  }
  await doc.destroy();
  return pages.join('\n');
}
