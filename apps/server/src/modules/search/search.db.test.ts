// The ticket list's full-text search (q): two-character words, words in a
// reply, combined with the list's filters and scope, ranking, highlights, and
// the requester's name found only by those who may see it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  type Client,
  type District,
  type TestContext,
} from '../../../test/harness.js';
import { sql } from 'kysely';
import { rebuildTicketSearch } from './repository.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ticket views under test
type View = any;
interface Hit {
  id: string;
  highlights?: Array<{
    field: string;
    parts: Array<{ text: string; hit: boolean }>;
    cutStart: boolean;
    cutEnd: boolean;
  }>;
}

describe('full-text search over the ticket list', () => {
  let d: District;
  const T = {} as Record<'noise' | 'parking' | 'lamp' | 'reno' | 'other', View>;
  const search = async (c: Client, query: string) => {
    const res = await c.get(`/api/tickets?${query}`);
    if (res.status !== 200) throw new Error(`${query}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { items: Hit[]; total: number };
  };
  const names = (items: Hit[]) => {
    const byId = new Map(Object.entries(T).map(([k, v]) => [v.id as string, k]));
    return items.map((i) => byId.get(i.id) ?? i.id);
  };
  const q = (s: string) => `q=${encodeURIComponent(s)}`;

  beforeAll(async () => {
    d = await ctx.newDistrict();
    T.noise = await d.newTicket({
      title: '夜间施工噪音扰民',
      description: '工地每天晚上十点以后还在施工,声音很大,影响休息。',
      address: '东湖社区3号楼',
      jurisdictionId: d.nodes.vil1,
      requester: { name: '赵六', phone: '13800000006' },
    });
    ctx.clock.advance(60_000);
    T.parking = await d.newTicket({
      title: '小区停车难',
      description: '小区停车位不够,车辆乱停乱放,消防通道被堵。',
      address: '柳园社区南门',
      jurisdictionId: d.nodes.vil2,
      requester: { name: '钱七', phone: '13800000007' },
    });
    // Reaches feedback_given, led by vil1: the feedback says 更换灯泡.
    ctx.clock.advance(60_000);
    T.lamp = await d.ticketIn('feedback_given', {
      title: '路口路灯不亮',
      description: '石门村路口的路灯坏了好几天。',
      address: '石门村一组',
      jurisdictionId: d.nodes.vil3,
    });
    ctx.clock.advance(60_000);
    T.reno = await d.newTicket({
      title: '楼上装修',
      description: '楼上装修从早到晚,电钻噪音不断,周末也不停。',
      address: '西山镇幸福小区',
      jurisdictionId: d.nodes.vil3,
      requester: { name: '孙八' },
    });
    ctx.clock.advance(60_000);
    T.other = await d.newTicket({
      title: '垃圾未清运',
      description: '垃圾桶满了没人清理。',
      address: '东湖花园',
      jurisdictionId: d.nodes.vil1,
    });
    const dispatcher = await d.login('dispatcher');
    // The noise ticket goes to the department: its handlers see it, not the requester's name.
    const r = await dispatcher.act(T.noise.id, 'dispatch', { leadUnitId: d.units.dept });
    expect(r.status).toBe(200);
  });

  it('finds two-character words (噪音, 停车) and ranks a title match first', async () => {
    const c = await d.login('dispatcher');
    const noise = await search(c, q('噪音'));
    expect(names(noise.items)).toEqual(['noise', 'reno']);
    expect(noise.total).toBe(2);
    expect(names((await search(c, q('停车'))).items)).toEqual(['parking']);
    // All the words are required: 停车 and 噪音 are never in one ticket.
    expect(names((await search(c, q('停车 消防'))).items)).toEqual(['parking']);
  });

  it('finds a word only in a reply (the unit feedback) and highlights it there', async () => {
    const c = await d.login('dispatcher');
    const res = await search(c, q('灯泡'));
    expect(names(res.items)).toEqual(['lamp']);
    const reply = res.items[0]!.highlights!.find((h) => h.field === 'reply')!;
    expect(reply.parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['灯泡']);
    expect(reply.parts.map((p) => p.text).join('')).toContain('更换灯泡');
  });

  it('keeps the reply searchable after a later action in the same transaction', async () => {
    const c = await d.login('dispatcher');
    const reply = await c.act(T.lamp.id, 'send_reply', {
      replyText: '您好,路灯已由供电所修复,如有反复请再来电。',
      channel: 'sms',
    });
    expect(reply.status).toBe(200);
    expect(names((await search(c, q('反复'))).items)).toEqual(['lamp']);
  });

  it('combines with the state and place filters', async () => {
    const c = await d.login('dispatcher');
    expect(names((await search(c, `${q('噪音')}&state=received`)).items)).toEqual(['reno']);
    expect(names((await search(c, `${q('噪音')}&state=dispatched`)).items)).toEqual(['noise']);
    expect(names((await search(c, `${q('噪音')}&jurisdictionId=${d.nodes.twp1}`)).items)).toEqual([
      'noise',
    ]);
    expect(names((await search(c, `${q('噪音')}&jurisdictionId=${d.nodes.twp2}`)).items)).toEqual([
      'reno',
    ]);
    const paged = await search(c, `${q('噪音')}&pageSize=1&page=2`);
    expect(names(paged.items)).toEqual(['reno']);
    expect(paged.total).toBe(2);
  });

  it('never returns tickets outside the caller’s scope', async () => {
    const dept = await d.login('dept');
    expect(names((await search(dept, q('噪音'))).items)).toEqual(['noise']);
    expect((await search(dept, q('停车'))).total).toBe(0);
    const village = await d.login('village');
    expect(names((await search(village, q('灯泡'))).items)).toEqual(['lamp']);
    expect((await search(village, q('噪音'))).total).toBe(0);
  });

  it('finds the requester by name for the hotline desk only', async () => {
    const agent = await d.login('agent');
    expect(names((await search(agent, q('赵六'))).items)).toEqual(['noise']);
    // The department sees the ticket, but not who called.
    const dept = await d.login('dept');
    expect((await search(dept, q('赵六'))).total).toBe(0);
    const supervisor = await d.login('supervisor');
    expect((await search(supervisor, q('赵六'))).total).toBe(0);
  });

  it('finds by exact code and by an address fragment of three characters', async () => {
    const c = await d.login('dispatcher');
    expect(names((await search(c, q(T.parking.code))).items)).toEqual(['parking']);
    expect(names((await search(c, q('区3号'))).items)).toEqual(['noise']);
  });

  it('falls back to any word when no ticket has them all', async () => {
    const c = await d.login('dispatcher');
    const res = await search(c, q('停车 电钻'));
    expect(names(res.items).sort()).toEqual(['parking', 'reno']);
  });

  it('marks exactly the query words in the highlights', async () => {
    const c = await d.login('dispatcher');
    const res = await search(c, q('施工噪音'));
    expect(names(res.items)).toEqual(['noise']);
    const hl = res.items[0]!.highlights!;
    const title = hl.find((h) => h.field === 'title')!;
    expect(title.parts).toEqual([
      { text: '夜间', hit: false },
      { text: '施工', hit: true },
      { text: '噪音', hit: true },
      { text: '扰民', hit: false },
    ]);
    expect(title.cutStart).toBe(false);
    const desc = hl.find((h) => h.field === 'description')!;
    expect(desc.parts.map((p) => p.text).join('')).toBe(T.noise.description);
    expect(desc.parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['施工']);
    // Without q, no highlights.
    const plain = await search(c, 'state=received');
    expect(plain.items.every((i) => i.highlights === undefined)).toBe(true);
  });

  it('sorts by relevance by default when searching, and by time when told', async () => {
    const c = await d.login('dispatcher');
    expect(names((await search(c, `${q('噪音')}&sort=-receivedAt`)).items)).toEqual([
      'reno',
      'noise',
    ]);
    expect(names((await search(c, `${q('噪音')}&sort=relevance`)).items)).toEqual([
      'noise',
      'reno',
    ]);
  });

  it('rebuilds the documents from the tickets and their events', async () => {
    await ctx.c.db.deleteFrom('ticket_search').where('tenant_id', '=', d.tenantId).execute();
    const c = await d.login('dispatcher');
    expect((await search(c, q('灯泡'))).total).toBe(0);
    expect(await rebuildTicketSearch(ctx.c.db, { tenantId: d.tenantId })).toBe(5);
    expect(names((await search(c, q('灯泡'))).items)).toEqual(['lamp']);
    expect(names((await search(c, q('噪音'))).items)).toEqual(['noise', 'reno']);
  });
});

describe('search over many matches: a capped count, relevance among the newest matches', () => {
  it('counts up to 1000, ranks only the newest 2000 matches, and counts exactly without q', async () => {
    const d = await ctx.newDistrict();
    const db = ctx.c.db;
    // The oldest: the word in its title (the best rank), but older than 2000 other matches.
    const oldStrong = await d.newTicket({
      title: '井盖丢失',
      description: '井盖不见了。',
      address: '东湖社区',
      jurisdictionId: d.nodes.vil1,
    });
    ctx.clock.advance(60_000);
    const weak = await d.newTicket({
      title: '道路问题',
      description: '路边有一处井盖松动。',
      address: '柳园社区',
      jurisdictionId: d.nodes.vil2,
    });
    // 2,100 copies of the weak match, each a second newer than the last.
    await sql`INSERT INTO tickets
      SELECT (jsonb_populate_record(NULL::tickets, to_jsonb(t) || jsonb_build_object(
        'id', gen_random_uuid(), 'code', t.code || '-' || g,
        'received_at', t.received_at + g * interval '1 second'))).*
      FROM tickets t, generate_series(1, 2100) g WHERE t.id = ${weak.id}`.execute(db);
    await sql`INSERT INTO ticket_search (ticket_id, tenant_id, received_at, doc)
      SELECT t.id, t.tenant_id, t.received_at, s.doc FROM tickets t, ticket_search s
      WHERE s.ticket_id = ${weak.id} AND t.tenant_id = ${d.tenantId} AND t.id NOT IN (${weak.id}, ${oldStrong.id})`.execute(
      db,
    );
    ctx.clock.advance(3_600_000);
    const newStrong = await d.newTicket({
      title: '井盖破损',
      description: '井盖裂了。',
      address: '石门村',
      jurisdictionId: d.nodes.vil3,
    });
    const c = await d.login('dispatcher');
    const get = async (query: string) => {
      const res = await c.get(`/api/tickets?${query}`);
      expect(res.status).toBe(200);
      return res.body as { items: Array<{ id: string }>; total: number; totalCapped?: boolean };
    };
    const first = await get(`q=${encodeURIComponent('井盖')}&pageSize=200`);
    expect(first.total).toBe(1000);
    expect(first.totalCapped).toBe(true);
    expect(first.items[0]!.id).toBe(newStrong.id);
    // Ranked among the newest 2000 matches: the old title match is not among them.
    const ids = new Set<string>();
    for (let page = 1; page <= 11; page++) {
      const p = await get(`q=${encodeURIComponent('井盖')}&pageSize=200&page=${page}`);
      for (const i of p.items) ids.add(i.id);
      if (page === 11) expect(p.items).toEqual([]);
    }
    expect(ids.size).toBe(2000);
    expect(ids.has(oldStrong.id)).toBe(false);
    const all = await get('pageSize=1');
    expect(all.total).toBe(2103);
    expect(all.totalCapped).toBe(false);
  });
});
