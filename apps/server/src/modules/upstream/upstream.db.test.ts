// [Interop] the upstream (12345) import: the same 1,000 tickets imported twice leave
// 1,000 tickets (the second run reports them all `existing`; 10,000 in bench/upstream.ts),
// two imports of one batch at once never double, the upstream received time is kept, an
// Excel export is read through a mapping, bad rows are reported and the good ones go in,
// and an `upstream` webhook subscription gets only upstream tickets, with their ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_UPSTREAM_MAPPING } from '@jiesu/contracts';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { writeUpstreamWorkbook } from './excel.js';
import { parseUpstreamTime } from './service.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const N = 1000;

function upstreamTicket(i: number, prefix = 'SJ') {
  return {
    upstreamId: `${prefix}${String(i).padStart(8, '0')}`,
    receivedAt: `2026-10-${String(1 + (i % 28)).padStart(2, '0')} 08:${String(i % 60).padStart(2, '0')}:00`,
    type: i % 2 ? '求助' : 'complaint',
    category: i % 3 ? '010101' : '井盖缺失',
    title: `路灯不亮 ${i}`,
    description: `东湖社区${i}号楼前的路灯已经坏了一周,晚上出行不便。`,
    address: `东湖社区${i}号楼`,
    requester: { name: '张三', phone: `138${String(i).padStart(8, '0')}` },
    upstreamDeadline: '2026-11-20 18:00',
  };
}

const count = async (tenantId: string) =>
  Number(
    (
      await ctx.c.db
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', tenantId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('upstream import', () => {
  it(`imports ${N} tickets once: the second run reports all existing and creates nothing`, async () => {
    const d = await ctx.newDistrict();
    const all = Array.from({ length: N }, (_, i) => upstreamTicket(i));
    const who = { tenantId: d.tenantId, userId: null };
    const t0 = performance.now();
    let created = 0;
    for (let i = 0; i < N; i += 500) {
      const r = await ctx.c.upstream.importJson(who, all.slice(i, i + 500));
      expect(r.errors, JSON.stringify(r.errors.slice(0, 3))).toEqual([]);
      created += r.created;
    }
    const first = performance.now() - t0;
    expect(created).toBe(N);
    expect(await count(d.tenantId)).toBe(N);
    const t1 = performance.now();
    let existing = 0;
    for (let i = 0; i < N; i += 500) {
      const r = await ctx.c.upstream.importJson(who, all.slice(i, i + 500));
      expect(r.created).toBe(0);
      existing += r.existing;
    }
    const second = performance.now() - t1;
    expect(existing).toBe(N);
    expect(await count(d.tenantId)).toBe(N);
    console.log(
      `[upstream] ${N} tickets: first run ${((N / first) * 1000).toFixed(0)}/s, second ${((N / second) * 1000).toFixed(0)}/s`,
    );

    // The upstream received time, the channel, the deadline it gave.
    const t = await ctx.c.db
      .selectFrom('tickets')
      .innerJoin('upstream_tickets as u', 'u.ticket_id', 'tickets.id')
      .selectAll('tickets')
      .select(['u.upstream_deadline'])
      .where('tickets.tenant_id', '=', d.tenantId)
      .where('tickets.upstream_id', '=', 'SJ00000007')
      .executeTakeFirstOrThrow();
    expect(t.received_at.toISOString()).toBe('2026-10-08T00:07:00.000Z');
    expect(t.channel).toBe('upstream');
    expect(t.type).toBe('help');
    expect(new Date(t.upstream_deadline!).toISOString()).toBe('2026-11-20T10:00:00.000Z');
  });

  it('two imports of the same batch at once never double', async () => {
    const d = await ctx.newDistrict();
    const batch = Array.from({ length: 40 }, (_, i) => upstreamTicket(i, 'CC'));
    const who = { tenantId: d.tenantId, userId: null };
    const [a, b] = await Promise.all([
      ctx.c.upstream.importJson(who, batch),
      ctx.c.upstream.importJson(who, batch),
    ]);
    expect(a.created + b.created).toBe(40);
    expect(a.existing + b.existing).toBe(40);
    expect(await count(d.tenantId)).toBe(40);
  });

  it('reports bad rows with row, field and code, and imports the good ones (HTTP)', async () => {
    const d = await ctx.newDistrict();
    const dispatcher = await d.login('dispatcher');
    const good = upstreamTicket(1, 'HT');
    const res = await dispatcher.post('/api/upstream/import', {
      tickets: [
        good,
        { ...upstreamTicket(2, 'HT'), receivedAt: '昨天下午' },
        { ...upstreamTicket(3, 'HT'), category: '不存在的分类' },
        { ...upstreamTicket(4, 'HT'), title: '' },
        { ...upstreamTicket(5, 'HT'), type: '表扬' },
        { ...upstreamTicket(6, 'HT'), requester: { phone: '123' } },
        { ...good, title: '同一编号的第二行' },
        { ...upstreamTicket(7, 'HT'), upstreamId: undefined },
        upstreamTicket(8, 'HT'),
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.created).toBe(2);
    expect(
      res.body.errors.map((e: { row: number; field: string; code: string }) => [
        e.row,
        e.field,
        e.code,
      ]),
    ).toEqual([
      [2, 'receivedAt', 'invalid_time'],
      [3, 'category', 'unknown_category'],
      [4, 'title', 'required'],
      [5, 'type', 'invalid_type'],
      [6, 'requester.phone', 'invalid_phone'],
      [7, 'upstreamId', 'duplicate_in_batch'],
      [8, 'upstreamId', 'required'],
    ]);
    expect(res.body.errors[0].message).toMatch(/时间/);
    expect(await count(d.tenantId)).toBe(2);
    // Too many in one request: 400, nothing written.
    const big = await dispatcher.post('/api/upstream/import', {
      tickets: Array.from({ length: 2001 }, (_, i) => upstreamTicket(i, 'BG')),
    });
    expect(big.status).toBe(400);
    expect(await count(d.tenantId)).toBe(2);
    // Handlers may not import.
    expect(
      (await (await d.login('village')).post('/api/upstream/import', { tickets: [good] })).status,
    ).toBe(403);
  });

  it('reads an Excel export through a saved mapping', async () => {
    const d = await ctx.newDistrict();
    const admin = await d.login('admin');
    const columns = {
      编号: 'upstreamId',
      受理时间: 'receivedAt',
      姓名: 'requesterName',
      电话: 'requesterPhone',
      类型: 'type',
      分类: 'category',
      标题: 'title',
      内容: 'description',
      地址: 'address',
    };
    const bad = await admin.post('/api/upstream/mappings', {
      name: '缺列',
      columns: { 编号: 'upstreamId' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('UPSTREAM_MAPPING_INVALID');
    const m = await admin.post('/api/upstream/mappings', {
      name: '某区导出',
      headerRow: 2,
      columns,
    });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
    const list = await admin.get('/api/upstream/mappings');
    expect(list.body.items.map((x: { name: string }) => x.name)).toEqual([
      DEFAULT_UPSTREAM_MAPPING.name,
      '某区导出',
    ]);

    const rows = [1, 2, 3].map((i) => {
      const t = upstreamTicket(i, 'XL');
      return {
        upstreamId: t.upstreamId,
        receivedAt: '2026/10/15 09:30',
        requesterName: '李四',
        requesterPhone: '13900139000',
        type: '投诉',
        category: i === 2 ? '没有这个分类' : '路灯损坏',
        title: t.title,
        description: t.description,
        address: t.address,
      };
    });
    const file = await writeUpstreamWorkbook({ headerRow: 2, columns }, rows);
    const res = await admin.post(
      `/api/upstream/import/excel?mapping=${encodeURIComponent('某区导出')}`,
      Buffer.concat([
        Buffer.from(
          '--XX\r\nContent-Disposition: form-data; name="file"; filename="12345.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
        ),
        file,
        Buffer.from('\r\n--XX--\r\n'),
      ]),
      { 'content-type': 'multipart/form-data; boundary=XX' },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = res.body;
    expect(body.created).toBe(2);
    expect(body.errors).toEqual([
      expect.objectContaining({ row: 4, field: 'category', code: 'unknown_category' }),
    ]);
    const t = await ctx.c.db
      .selectFrom('tickets')
      .selectAll()
      .where('tenant_id', '=', d.tenantId)
      .where('upstream_id', '=', 'XL00000001')
      .executeTakeFirstOrThrow();
    expect(t.received_at.toISOString()).toBe('2026-10-15T01:30:00.000Z');
    expect(t.requester_name).toBe('李四');
    // The default layout does not fit this file: a clear 400.
    const wrong = await ctx.c.upstream
      .importExcel({ tenantId: d.tenantId, userId: null }, file)
      .catch((e: { code: string }) => e.code);
    expect(wrong).toBe('UPSTREAM_MAPPING_INVALID');
  });

  it('an upstream webhook gets the status of upstream tickets only, with the upstream id', async () => {
    const d = await ctx.newDistrict();
    const admin = await d.login('admin');
    const sub = await admin.post('/api/webhooks', {
      name: '12345 状态回传',
      url: 'http://127.0.0.1:9/status',
      kind: 'upstream',
      eventTypes: ['*'],
    });
    expect(sub.status).toBe(201);
    const r = await ctx.c.upstream.importJson({ tenantId: d.tenantId, userId: null }, [
      upstreamTicket(1, 'WH'),
    ]);
    const local = await d.newTicket();
    const upstreamId = r.rows[0]!.ticketId;
    const dispatcher = await d.login('dispatcher');
    await dispatcher.act(upstreamId, 'dispatch', { leadUnitId: d.units.vil1 });
    await dispatcher.act(local.id, 'dispatch', { leadUnitId: d.units.vil1 });
    const rows = await ctx.c.db
      .selectFrom('webhook_deliveries')
      .select(['ticket_id', 'seq', 'payload'])
      .where('subscription_id', '=', sub.body.webhook.id)
      .orderBy('seq')
      .execute();
    expect(rows.map((x) => [x.ticket_id, x.seq])).toEqual([
      [upstreamId, 1],
      [upstreamId, 2],
    ]);
    expect((rows[1]!.payload as { ticket: { upstreamId: string } }).ticket.upstreamId).toBe(
      'WH00000001',
    );
  });

  it('parses upstream times as Beijing wall time or ISO with a zone', () => {
    expect(parseUpstreamTime('2026-10-01 08:00')!.toISOString()).toBe('2026-10-01T00:00:00.000Z');
    expect(parseUpstreamTime('2026-10-01T08:00:00+08:00')!.toISOString()).toBe(
      '2026-10-01T00:00:00.000Z',
    );
    expect(parseUpstreamTime('2026-02-30 08:00')).toBeNull();
    expect(parseUpstreamTime('2026-10-01T08:00:00')!.toISOString()).toBe(
      '2026-10-01T00:00:00.000Z',
    );
    expect(parseUpstreamTime('2026-10-01 25:00')).toBeNull();
    expect(parseUpstreamTime('下午三点')).toBeNull();
  });
});
