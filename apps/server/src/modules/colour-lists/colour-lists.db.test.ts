// 三色清单 through the API: a village keeps its list and its township reads it (two
// levels); other units are refused. Colour changes need a reason and are logged in an
// append-only table; clearing takes a note; overdue items are flagged and counted; the
// weekly yellow report's figures on a small hand-computed week, also as Excel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { PASSWORD, type District, type DemoLogin } from '../../../test/factories.js';
import { extraLogin } from '../../../test/extra-users.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** Moves the clock and signs in again (sessions last 12 hours). */
async function at(d: District, instant: string, who: DemoLogin) {
  ctx.clock.set(instant);
  return d.login(who, { fresh: true });
}

const ITEMS = '/api/colour-lists/items';

describe('permissions (two levels)', () => {
  it('a village writes its own list; its township reads it; others are refused', async () => {
    const d = await ctx.newDistrict();
    const village = await at(d, '2026-11-02T01:00:00Z', 'village');
    const added = await village.post(ITEMS, {
      colour: 'yellow',
      title: '三组路口井盖破损',
      source: 'patrol',
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const item = added.body.item;
    expect(item).toMatchObject({
      unit: { id: d.units.vil1 },
      level: 'village',
      colour: 'yellow',
      status: 'open',
      source: 'patrol',
      ticket: null,
      clearBy: '2026-11-02T15:59:59.999Z',
      overdue: false,
      writable: true,
    });

    // Not its neighbour's, its township's or a department's list.
    for (const [unitId, status, code] of [
      [d.units.vil2, 403, 'FORBIDDEN'],
      [d.units.twp1, 403, 'FORBIDDEN'],
      [d.units.dept, 400, 'COLOUR_UNIT_INVALID'],
    ] as const) {
      const r = await village.post(ITEMS, { unitId, colour: 'red', title: '跨单位列入' });
      expect(r.status, unitId).toBe(status);
      expect(r.body.error.code).toBe(code);
    }
    expect((await village.get(`${ITEMS}?unitId=${d.units.twp1}`)).status).toBe(403);

    // The township sees its villages' lists, may not act on them.
    const street = await d.login('street', { fresh: true });
    const units = (await street.get('/api/colour-lists/units')).body.items;
    expect(units.map((u: { id: string; writable: boolean }) => [u.id, u.writable]).sort()).toEqual(
      [
        [d.units.twp1, true],
        [d.units.vil1, false],
        [d.units.vil2, false],
      ].sort(),
    );
    const seen = await street.get(`${ITEMS}?unitId=${d.units.twp1}&includeVillages=1`);
    expect(seen.status).toBe(200);
    expect(seen.body.items.map((i: { id: string }) => i.id)).toEqual([item.id]);
    expect(seen.body.items[0].writable).toBe(false);
    const recolour = await street.post(`${ITEMS}/${item.id}/colour`, {
      colour: 'orange',
      reason: '街道代为升色',
    });
    expect(recolour.status).toBe(403);

    // Another township: not its village's item, not its list.
    const other = await extraLogin(ctx, d, 'twp2', 'handler');
    expect((await other.get(`${ITEMS}/${item.id}`)).status).toBe(404);
    expect((await other.get(`${ITEMS}?unitId=${d.units.vil1}`)).status).toBe(403);
    expect((await other.get(ITEMS)).body.total).toBe(0);

    // Supervisors read every list and act on none; departments and grids see nothing.
    const sup = await d.login('supervisor', { fresh: true });
    expect((await sup.get(ITEMS)).body.total).toBe(1);
    expect((await sup.post(`${ITEMS}/${item.id}/clear`, { note: '督查清结' })).status).toBe(403);
    for (const who of ['dept', 'grid'] as const) {
      const c = await d.login(who, { fresh: true });
      expect((await c.get(ITEMS)).status, who).toBe(403);
      expect((await c.get(`${ITEMS}/${item.id}`)).status, who).toBe(403);
      // Asked which lists they may read (the workbench menu does), they get none, not an error.
      const mine = await c.get('/api/colour-lists/units');
      expect(mine.status, who).toBe(200);
      expect(mine.body.items, who).toEqual([]);
    }
  });

  it('cadences are the seed defaults, changed by an administrator as a new version', async () => {
    const d = await ctx.newDistrict();
    const admin = await at(d, '2026-11-02T01:00:00Z', 'admin');
    const before = (await admin.get('/api/colour-lists/cadences')).body;
    expect(before.current).toMatchObject({
      version: 0,
      cadences: {
        yellow: { clear: 'day', report: 'week' },
        orange: { clear: 'week', report: 'month' },
        red: { clear: 'month', report: 'quarter' },
      },
    });
    const cadences = { ...before.current.cadences, orange: { clear: 'month', report: 'quarter' } };
    const street = await d.login('street', { fresh: true });
    expect(
      (await street.put('/api/colour-lists/cadences', { cadences, reason: '街道改周期' })).status,
    ).toBe(403);
    const put = await admin.put('/api/colour-lists/cadences', {
      cadences,
      reason: '镇党委会议决定橙色事项按月清理',
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.current).toMatchObject({
      version: 1,
      createdBy: { id: d.users.admin },
      reason: '镇党委会议决定橙色事项按月清理',
    });
    expect(put.body.history).toHaveLength(1);
    // New items follow it: an orange item added on 2 Nov is cleared by the end of November.
    const village = await d.login('village', { fresh: true });
    const r = await village.post(ITEMS, { colour: 'orange', title: '河道垃圾清运需多方协调' });
    expect(r.body.item.clearBy).toBe('2026-11-30T15:59:59.999Z');
  });
});

describe('items', () => {
  it('a ticket goes on the list once; colour changes need a reason and are logged; clearing closes it', async () => {
    const d = await ctx.newDistrict();
    ctx.clock.set('2026-11-02T01:00:00Z');
    const t = await d.ticketIn('accepted');
    const village = await d.login('village', { fresh: true });
    const put = await village.post(`/api/tickets/${t.id}/colour-list`, {});
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const id = put.body.item.id;
    expect(put.body.item).toMatchObject({
      colour: 'yellow',
      source: 'ticket',
      title: t.title,
      ticket: { id: t.id, code: t.code },
      clearBy: '2026-11-02T15:59:59.999Z',
    });
    // Once while open, by id or by code.
    expect((await village.post(`/api/tickets/${t.id}/colour-list`, {})).body.error.code).toBe(
      'COLOUR_ITEM_ON_LIST',
    );
    const byCode = await village.post(ITEMS, { colour: 'orange', ticketCode: t.code });
    expect(byCode.status).toBe(409);
    expect((await village.post(ITEMS, { colour: 'red', ticketCode: 'NO-SUCH' })).status).toBe(404);
    // A ticket the village cannot see is not found.
    const other = await d.newTicket({ title: '别处的诉求' });
    expect(
      (await village.post(ITEMS, { colour: 'yellow', ticketId: other.id })).body.error.code,
    ).toBe('TICKET_NOT_FOUND');

    // Raise (Wed): cleared by Sunday; raise again: by the month's end; lower back.
    const v2 = await at(d, '2026-11-04T02:00:00Z', 'village');
    expect((await v2.post(`${ITEMS}/${id}/colour`, { colour: 'orange' })).status).toBe(400);
    const orange = await v2.post(`${ITEMS}/${id}/colour`, {
      colour: 'orange',
      reason: '需供电所和物业共同处理',
    });
    expect(orange.status, JSON.stringify(orange.body)).toBe(200);
    expect(orange.body.item).toMatchObject({
      colour: 'orange',
      clearBy: '2026-11-08T15:59:59.999Z',
    });
    await v2.post(`${ITEMS}/${id}/colour`, { colour: 'red', reason: '需区级部门立项改造' });
    const lowered = await v2.post(`${ITEMS}/${id}/colour`, {
      colour: 'orange',
      reason: '区住建委已答复,本周协调解决',
    });
    expect(lowered.body.item.clearBy).toBe('2026-11-08T15:59:59.999Z');
    const same = await v2.post(`${ITEMS}/${id}/colour`, { colour: 'orange', reason: '不变' });
    expect(same.status).toBe(400);
    expect(lowered.body.changes.map((c: { kind: string }) => c.kind)).toEqual([
      'added',
      'raised',
      'raised',
      'lowered',
    ]);
    expect(lowered.body.changes[2]).toMatchObject({
      fromColour: 'orange',
      toColour: 'red',
      reason: '需区级部门立项改造',
      clearBy: '2026-11-30T15:59:59.999Z',
      by: { id: d.users.village },
    });
    // The log is append-only.
    await expect(
      sql`UPDATE colour_item_changes SET reason = 'x' WHERE item_id = ${id}`.execute(ctx.c.db),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`DELETE FROM colour_item_changes WHERE item_id = ${id}`.execute(ctx.c.db),
    ).rejects.toThrow(/append-only/);

    // Clear with a note; then nothing more changes.
    const v3 = await at(d, '2026-11-06T08:00:00Z', 'village');
    expect((await v3.post(`${ITEMS}/${id}/clear`, {})).status).toBe(400);
    const cleared = await v3.post(`${ITEMS}/${id}/clear`, { note: '路灯已更换,群众满意' });
    expect(cleared.status).toBe(200);
    expect(cleared.body.item).toMatchObject({
      status: 'cleared',
      clearedOnTime: true,
      clearNote: '路灯已更换,群众满意',
      clearedBy: { id: d.users.village },
      writable: false,
    });
    expect(cleared.body.changes.at(-1)).toMatchObject({ kind: 'cleared', toColour: 'orange' });
    expect((await v3.post(`${ITEMS}/${id}/clear`, { note: '再次清结' })).body.error.code).toBe(
      'COLOUR_ITEM_CLEARED',
    );
    expect(
      (await v3.post(`${ITEMS}/${id}/colour`, { colour: 'red', reason: '清结后升色' })).status,
    ).toBe(409);
    // Cleared, the ticket may go on the list again.
    expect((await v3.post(`/api/tickets/${t.id}/colour-list`, { colour: 'red' })).status).toBe(200);
  });

  it('flags and counts overdue items, carries them over, clears in bulk and exports', async () => {
    const d = await ctx.newDistrict();
    const village = await at(d, '2026-11-02T01:00:00Z', 'village');
    const a = (await village.post(ITEMS, { colour: 'yellow', title: '健身器材松动' })).body.item;
    const b = (await village.post(ITEMS, { colour: 'yellow', title: '楼道堆物清理' })).body.item;
    const c = (await village.post(ITEMS, { colour: 'red', title: '老旧小区加装电梯' })).body.item;
    await village.post(`${ITEMS}/${b.id}/clear`, { note: '已清理' });

    // Thursday: the yellow one left open is three days overdue; the red one is not.
    const v2 = await at(d, '2026-11-05T02:00:00Z', 'village');
    const overdue = await v2.get(`${ITEMS}?overdue=1`);
    expect(overdue.body.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    expect(overdue.body.items[0]).toMatchObject({ overdue: true, carriedPeriods: 3 });
    const counts = (await v2.get('/api/colour-lists/counts')).body.items;
    expect(counts).toEqual([
      { colour: 'yellow', open: 1, overdue: 1, cleared: 1 },
      { colour: 'orange', open: 0, overdue: 0, cleared: 0 },
      { colour: 'red', open: 1, overdue: 0, cleared: 0 },
    ]);
    const yellowOpen = await v2.get(`${ITEMS}?colour=yellow&status=open`);
    expect(yellowOpen.body.total).toBe(1);

    const bulk = await v2.post(`${ITEMS}/clear`, {
      ids: [a.id, b.id, c.id, '00000000-0000-4000-8000-000000000001'],
      note: '周例会集中清结',
    });
    expect(bulk.status, JSON.stringify(bulk.body)).toBe(200);
    expect(bulk.body).toEqual({
      cleared: 2,
      skipped: [
        { id: b.id, code: 'cleared' },
        { id: '00000000-0000-4000-8000-000000000001', code: 'missing' },
      ],
    });
    const done = (await v2.get(`${ITEMS}/${a.id}`)).body.item;
    expect(done).toMatchObject({ status: 'cleared', clearedOnTime: false, overdue: false });

    const rows = await workbookRows(d, 'village', `${ITEMS}/export.xlsx?colour=yellow`, 0);
    expect(rows[0]).toContain('清结期限');
    expect(
      rows
        .slice(1)
        .map((r) => r[3])
        .sort(),
    ).toEqual(['健身器材松动', '楼道堆物清理']);
  });
});

/** Downloads a workbook as a login (the test client parses JSON only) and reads a sheet. */
async function workbookRows(d: District, who: DemoLogin, url: string, sheet: number) {
  const login = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: `${d.tenantId}-${who}`, password: PASSWORD },
  });
  const cookie = login.cookies.find((k) => k.name === 'jiesu_session')!;
  const res = await ctx.app.inject({
    method: 'GET',
    url,
    headers: { cookie: `jiesu_session=${cookie.value}` },
  });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[sheet]!.eachRow((r) =>
    rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))),
  );
  return rows;
}

describe('report on the cadence', () => {
  it('gives a week of the yellow list: brought forward, new, cleared, on time, overdue, carried over', async () => {
    const d = await ctx.newDistrict();
    const add = async (instant: string, title: string, colour = 'yellow') => {
      const v = await at(d, instant, 'village');
      const r = await v.post(ITEMS, { colour, title });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.item.id as string;
    };
    const clear = async (instant: string, id: string) => {
      const v = await at(d, instant, 'village');
      expect((await v.post(`${ITEMS}/${id}/clear`, { note: '已办结' })).status).toBe(200);
    };
    // The week of Mon 9 – Sun 15 November 2026 (China time).
    const a = await add('2026-11-06T02:00:00Z', 'A 上周五列入,本周三清结'); // brought forward, late
    const b = await add('2026-11-09T02:00:00Z', 'B 周一列入当日清结');
    await clear('2026-11-09T06:00:00Z', b); // on time
    const c = await add('2026-11-10T02:00:00Z', 'C 周二列入,下周一清结');
    await clear('2026-11-11T02:00:00Z', a);
    const dd = await add('2026-11-12T02:00:00Z', 'D 周四列入后升为橙色');
    const v = await at(d, '2026-11-12T03:00:00Z', 'village');
    await v.post(`${ITEMS}/${dd}/colour`, { colour: 'orange', reason: '需多方联动' });
    await add('2026-11-15T15:00:00Z', 'F 周日晚列入'); // new, not cleared by its day
    const vil2 = await extraLogin(ctx, d, 'vil2', 'handler');
    await vil2.post(ITEMS, { colour: 'yellow', title: 'E 柳园社区周五列入' });
    await clear('2026-11-16T02:00:00Z', c);

    const village = await at(d, '2026-11-18T04:00:00Z', 'village');
    const q = `unitId=${d.units.vil1}&colour=yellow&at=2026-11-11`;
    const rep = await village.get(`/api/colour-lists/report?${q}`);
    expect(rep.status, JSON.stringify(rep.body)).toBe(200);
    expect(rep.body.period).toMatchObject({
      unit: 'week',
      start: '2026-11-08T16:00:00.000Z',
      end: '2026-11-15T16:00:00.000Z',
      label: '2026年第46周(11-09至11-15)',
      at: '2026-11-09',
      prevAt: '2026-11-02',
      nextAt: '2026-11-16',
      current: false,
    });
    expect(rep.body.figures).toEqual({
      opening: 1,
      new: 3,
      cleared: 2,
      clearedOnTime: 1,
      overdue: 3,
      carriedOver: 2,
    });
    expect(rep.body.items.map((i: { title: string }) => i.title.slice(0, 1)).sort()).toEqual([
      'A',
      'B',
      'C',
      'F',
    ]);

    // The township with its villages; the village may not read the township's report.
    expect(
      (await village.get(`/api/colour-lists/report?unitId=${d.units.twp1}&colour=yellow`)).status,
    ).toBe(403);
    const street = await d.login('street', { fresh: true });
    // vil2's E was added at 2026-11-15T15:00Z too (the clock stood there).
    const twp = await street.get(
      `/api/colour-lists/report?unitId=${d.units.twp1}&colour=yellow&at=2026-11-15&includeVillages=1`,
    );
    expect(twp.status, JSON.stringify(twp.body)).toBe(200);
    expect(twp.body.figures).toEqual({
      opening: 1,
      new: 4,
      cleared: 2,
      clearedOnTime: 1,
      overdue: 4,
      carriedOver: 3,
    });
    expect(
      twp.body.byUnit.map((u: { unit: { id: string }; new: number }) => [u.unit.id, u.new]),
    ).toEqual([
      [d.units.twp1, 0],
      [d.units.vil1, 3],
      [d.units.vil2, 1],
    ]);

    // The previous week: A was new there, not cleared by its day, carried over.
    const prev = await village.get(
      `/api/colour-lists/report?unitId=${d.units.vil1}&colour=yellow&at=2026-11-02`,
    );
    expect(prev.body.figures).toEqual({
      opening: 0,
      new: 1,
      cleared: 0,
      clearedOnTime: 0,
      overdue: 1,
      carriedOver: 1,
    });
    // Orange reports by the month; November is still running.
    const orange = await village.get(
      `/api/colour-lists/report?unitId=${d.units.vil1}&colour=orange`,
    );
    expect(orange.body.period).toMatchObject({
      unit: 'month',
      label: '2026年11月',
      current: true,
      nextAt: null,
    });
    expect(orange.body.figures).toMatchObject({ new: 1, overdue: 1, carriedOver: 1 });

    // The same report as Excel: a summary per unit with the total, and the items.
    const xlsx = `/api/colour-lists/report/export.xlsx?${q}`;
    const summary = await workbookRows(d, 'village', xlsx, 0);
    expect(summary[0]![0]).toContain('黄色清单2026年第46周');
    expect(summary.at(-1)).toEqual(['合计', '1', '3', '2', '1', '3', '2']);
    const items = await workbookRows(d, 'village', xlsx, 1);
    expect(items).toHaveLength(2 + 4);
  });
});
