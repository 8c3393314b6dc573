// GET /api/tickets: every filter against a small district whose tickets each
// differ in one known way, sorting, paging without gaps or repeats, the
// derived `overdue` flag on the injected clock, and refusal of bad queries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  type Client,
  type District,
  type TestContext,
} from '../../../test/harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

type Key = 'A' | 'B' | 'C' | 'D' | 'E';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ticket views under test
type View = any;

async function ids(client: Client, query: string): Promise<string[]> {
  const res = await client.get(`/api/tickets${query ? `?${query}` : ''}`);
  if (res.status !== 200) throw new Error(`${query}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.items.map((i: { id: string }) => i.id);
}

describe('filters and sorting over one district', () => {
  let d: District;
  let t0: number;
  const T = {} as Record<Key, View>;
  // Maps ticket ids back to their letters, so failures read as `['A', 'D']`.
  const letters = async (client: Client, query: string) => {
    const byId = new Map(Object.entries(T).map(([k, v]) => [v.id as string, k]));
    return (await ids(client, query)).map((id) => byId.get(id) ?? id);
  };
  const sorted = async (client: Client, query: string) => (await letters(client, query)).sort();

  beforeAll(async () => {
    d = await ctx.newDistrict();
    t0 = ctx.clock.now().getTime();
    // One minute apart, in letter order, so received time orders them A..E.
    const make = async (key: Key, overrides: Record<string, unknown>) => {
      T[key] = await d.newTicket(overrides);
      ctx.clock.advance(MINUTE);
    };
    await make('A', {
      type: 'help',
      categoryId: d.categories.leaf,
      jurisdictionId: d.nodes.vil1,
      title: '路灯不亮',
      description: '晚上一片漆黑,出行不便。',
      address: '东湖社区3号楼',
      requester: { name: '甲先生', phone: '13800000001' },
    });
    await make('B', {
      type: 'complaint',
      categoryId: d.categories.other,
      jurisdictionId: d.nodes.vil2,
      urgency: 'urgent',
      title: '井盖丢失',
      description: '学校门口的井盖不见了,很危险。',
      address: '柳园路口',
      requester: { phone: '13800000002' },
    });
    await make('C', {
      type: 'consult',
      categoryId: d.categories.heating,
      jurisdictionId: d.nodes.vil3,
      urgency: 'emergency',
      title: '暖气不热',
      description: '家里暖气一直不热。',
      address: '石门村一组',
      requester: { phone: '010-12345678' },
    });
    await make('D', {
      type: 'help',
      categoryId: d.categories.leaf,
      jurisdictionId: d.nodes.twp1,
      title: '满意度100%?',
      description: '街道办门口路灯闪烁。',
      address: '东城街道_办事处',
      requester: { phone: '13800000001' },
    });
    await make('E', {
      type: 'suggestion',
      categoryId: d.categories.other,
      jurisdictionId: d.nodes.vil1,
      title: '建议增设座椅',
      description: '小区花园缺少座椅。',
      address: '东湖花园',
      requester: {},
    });
    const dispatcher = await d.login('dispatcher');
    for (const [key, unit] of [
      ['A', d.units.vil1],
      ['B', d.units.vil2],
      ['D', d.units.dept],
    ] as const) {
      T[key] = (await dispatcher.act(T[key].id, 'dispatch', { leadUnitId: unit })).body;
    }
    T.E = (
      await dispatcher.act(T.E.id, 'answer_directly', { answer: '已转告物业,物业将统一规划。' })
    ).body;
    expect(Object.values(T).map((t) => t.state)).toEqual([
      'dispatched',
      'dispatched',
      'received',
      'dispatched',
      'closed',
    ]);
  });

  it('filters by state, with repeated state= parameters', async () => {
    const c = await d.login('dispatcher');
    expect(await sorted(c, 'state=received&state=closed')).toEqual(['C', 'E']);
    expect(await sorted(c, 'state=dispatched')).toEqual(['A', 'B', 'D']);
    expect(await sorted(c, 'state=closed')).toEqual(['E']);
    expect(await sorted(c, 'state=replied')).toEqual([]);
  });

  it('filters by type, urgency and their combinations', async () => {
    const c = await d.login('dispatcher');
    expect(await sorted(c, 'type=help')).toEqual(['A', 'D']);
    expect(await sorted(c, 'type=help&type=consult')).toEqual(['A', 'C', 'D']);
    expect(await sorted(c, 'urgency=urgent')).toEqual(['B']);
    expect(await sorted(c, 'urgency=emergency&urgency=urgent')).toEqual(['B', 'C']);
    expect(await sorted(c, 'urgency=normal')).toEqual(['A', 'D', 'E']);
    expect(await sorted(c, 'state=dispatched&type=help&jurisdictionId=' + d.nodes.twp1)).toEqual([
      'A',
      'D',
    ]);
  });

  it('filters by the unit holding the ticket', async () => {
    const c = await d.login('dispatcher');
    expect(await sorted(c, `unitId=${d.units.vil1}`)).toEqual(['A']);
    expect(await sorted(c, `unitId=${d.units.vil2}`)).toEqual(['B']);
    expect(await sorted(c, `unitId=${d.units.dept}`)).toEqual(['D']);
    expect(await sorted(c, `unitId=${d.units.dept2}`)).toEqual([]);
  });

  it('filters by category, a parent including its leaves', async () => {
    const c = await d.login('dispatcher');
    expect(await sorted(c, `categoryId=${d.categories.root}`)).toEqual(['A', 'B', 'D', 'E']);
    expect(await sorted(c, `categoryId=${d.categories.leaf}`)).toEqual(['A', 'D']);
    expect(await sorted(c, `categoryId=${d.categories.other}`)).toEqual(['B', 'E']);
    expect(await sorted(c, `categoryId=${d.categories.heating}`)).toEqual(['C']);
  });

  it('filters by jurisdiction, a township including its villages', async () => {
    const c = await d.login('dispatcher');
    expect(await sorted(c, `jurisdictionId=${d.nodes.district}`)).toEqual([
      'A',
      'B',
      'C',
      'D',
      'E',
    ]);
    expect(await sorted(c, `jurisdictionId=${d.nodes.twp1}`)).toEqual(['A', 'B', 'D', 'E']);
    expect(await sorted(c, `jurisdictionId=${d.nodes.vil1}`)).toEqual(['A', 'E']);
    expect(await sorted(c, `jurisdictionId=${d.nodes.twp2}`)).toEqual(['C']);
    // A village's own filter does not reach its sibling.
    expect(await sorted(c, `jurisdictionId=${d.nodes.vil2}`)).toEqual(['B']);
  });

  it('filters by received time, adjacent windows splitting the tickets without overlap', async () => {
    const c = await d.login('dispatcher');
    const at = (ms: number) => encodeURIComponent(new Date(t0 + ms).toISOString());
    expect(
      await sorted(c, `receivedFrom=${at(30_000)}&receivedTo=${at(3 * MINUTE + 30_000)}`),
    ).toEqual(['B', 'C', 'D']);
    // Boundaries fall exactly on C's received time.
    const early = await sorted(c, `receivedTo=${at(2 * MINUTE)}`);
    const late = await sorted(c, `receivedFrom=${at(2 * MINUTE)}`);
    expect(early).toEqual(['A', 'B']);
    expect(late).toEqual(['C', 'D', 'E']);
    // The same instant written in Beijing time.
    const local = new Date(t0 + 8 * HOUR + 30_000).toISOString().replace('Z', '+08:00');
    expect(await sorted(c, `receivedFrom=${encodeURIComponent(local)}`)).toEqual([
      'B',
      'C',
      'D',
      'E',
    ]);
  });

  it('filters by phone written in any format', async () => {
    const c = await d.login('dispatcher');
    const q = (p: string) => `phone=${encodeURIComponent(p)}`;
    expect(await sorted(c, q('13800000001'))).toEqual(['A', 'D']);
    expect(await sorted(c, q('+86 138-0000-0001'))).toEqual(['A', 'D']);
    expect(await sorted(c, q('138 0000 0002'))).toEqual(['B']);
    expect(await sorted(c, q('010-1234 5678'))).toEqual(['C']);
    expect(await sorted(c, q('01012345678'))).toEqual(['C']);
    expect(await sorted(c, q('13900000000'))).toEqual([]);
  });

  // [Insight] q is a word search now (modules/search): words anywhere, a fragment of 3+
  // characters in the address or title, the exact code.
  it('searches title, description and address by word, and the exact code', async () => {
    const c = await d.login('dispatcher');
    const q = (s: string) => `q=${encodeURIComponent(s)}`;
    expect(await sorted(c, q('3号楼'))).toEqual(['A']); // address
    expect(await sorted(c, q('学校门口'))).toEqual(['B']); // description
    expect(await sorted(c, q('暖气'))).toEqual(['C']); // title
    expect(await sorted(c, q('路灯'))).toEqual(['A', 'D']); // title of A, description of D
    expect(await sorted(c, q(T.C.code))).toEqual(['C']);
    expect(await sorted(c, q('不存在的内容'))).toEqual([]);
    // LIKE wildcards in a fragment are literal characters; a lone mark is no word.
    expect(await sorted(c, q('%'))).toEqual([]);
    expect(await sorted(c, q('100%'))).toEqual(['D']);
    expect(await sorted(c, q('00%'))).toEqual(['D']);
    expect(await sorted(c, q('道_办'))).toEqual(['D']);
  });

  it('sorts by received time both ways, newest first by default', async () => {
    const c = await d.login('dispatcher');
    expect(await letters(c, 'sort=receivedAt')).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(await letters(c, 'sort=-receivedAt')).toEqual(['E', 'D', 'C', 'B', 'A']);
    expect(await letters(c, '')).toEqual(['E', 'D', 'C', 'B', 'A']);
  });

  // `urgency` is the only urgency sort offered, so it must mean most urgent first:
  // emergency, then urgent, then normal — not the alphabetical order of the codes.
  it('sorts by urgency, most urgent first', async () => {
    const c = await d.login('dispatcher');
    const order = await letters(c, 'sort=urgency');
    expect(order.slice(0, 2)).toEqual(['C', 'B']);
    expect(order.slice(2).sort()).toEqual(['A', 'D', 'E']);
  });

  it('pages consistently: total and page size echoed, no ticket twice, none left out', async () => {
    const c = await d.login('dispatcher');
    const pages: string[][] = [];
    for (let page = 1; page <= 4; page++) {
      const res = await c.get(`/api/tickets?sort=receivedAt&pageSize=2&page=${page}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 5, page, pageSize: 2 });
      pages.push(res.body.items.map((i: { id: string }) => i.id));
    }
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1, 0]);
    expect(pages.flat()).toEqual(['A', 'B', 'C', 'D', 'E'].map((k) => T[k as Key].id));
    // A filter narrows the total too.
    const filtered = await c.get('/api/tickets?state=dispatched&pageSize=2');
    expect(filtered.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(filtered.body.items).toHaveLength(2);
  });

  it('applies filters within the user’s scope', async () => {
    const village = await d.login('village');
    expect(await sorted(village, '')).toEqual(['A']);
    expect(await sorted(village, `jurisdictionId=${d.nodes.twp1}`)).toEqual(['A']);
    expect(await sorted(village, `unitId=${d.units.dept}`)).toEqual([]);
    const res = await village.get('/api/tickets');
    expect(res.body.total).toBe(1);
  });
});

describe('paging over tickets received at the same instant', () => {
  it('breaks ties stably, so pages neither repeat nor skip a ticket', async () => {
    const d = await ctx.newDistrict();
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.push((await d.newTicket({ title: `同时受理${i}` })).id);
    const c = await d.login('dispatcher');
    for (const sort of ['receivedAt', '-receivedAt']) {
      const seen: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const res = await c.get(`/api/tickets?sort=${sort}&pageSize=3&page=${page}`);
        expect(res.body.total).toBe(7);
        seen.push(...res.body.items.map((i: { id: string }) => i.id));
      }
      expect(seen, sort).toHaveLength(7);
      expect(new Set(seen).size, sort).toBe(7);
      expect(seen.slice().sort()).toEqual(made.slice().sort());
    }
  });
});

describe('bad query values', () => {
  const cases: Array<[string, string]> = [
    ['state=bogus', 'VALIDATION_FAILED'],
    ['state=received&state=bogus', 'VALIDATION_FAILED'],
    ['type=praise', 'VALIDATION_FAILED'],
    ['urgency=high', 'VALIDATION_FAILED'],
    ['page=0', 'VALIDATION_FAILED'],
    ['page=abc', 'VALIDATION_FAILED'],
    ['pageSize=0', 'VALIDATION_FAILED'],
    ['pageSize=201', 'VALIDATION_FAILED'],
    ['unitId=not-a-uuid', 'VALIDATION_FAILED'],
    ['categoryId=123', 'VALIDATION_FAILED'],
    ['jurisdictionId=x', 'VALIDATION_FAILED'],
    ['receivedFrom=2026-11-02', 'VALIDATION_FAILED'],
    ['receivedTo=yesterday', 'VALIDATION_FAILED'],
    ['overdue=maybe', 'VALIDATION_FAILED'],
    ['sort=title', 'VALIDATION_FAILED'],
    [`q=${'查'.repeat(101)}`, 'VALIDATION_FAILED'],
    [`phone=${'1'.repeat(21)}`, 'VALIDATION_FAILED'],
    ['frobnicate=1', 'UNKNOWN_FIELD'],
  ];
  it('are refused with 400, a stable code and a Chinese message', async () => {
    const d = await ctx.newDistrict();
    const c = await d.login('dispatcher');
    for (const [query, code] of cases) {
      const res = await c.get(`/api/tickets?${encodeURI(query)}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code, query).toBe(code);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

// Last in the file: it moves the shared clock a day forward.
describe('overdue, derived from the injected clock', () => {
  it('turns on when the clock passes the deadline, with no write, and off once feedback is given', async () => {
    const d = await ctx.newDistrict();
    // Heating has a 24-calendar-hour limit (factories); the default is 5 working days.
    const x = await d.newTicket({ categoryId: d.categories.heating, title: '暖气不热' });
    const y = await d.newTicket();
    const z = await d.newTicket();
    const dispatcher = await d.login('dispatcher');
    for (const t of [x, y]) {
      expect((await dispatcher.act(t.id, 'dispatch', { leadUnitId: d.units.vil1 })).status).toBe(
        200,
      );
    }
    const row = async () =>
      ctx.c.db
        .selectFrom('tickets')
        .select(['version', 'updated_at', 'completion_due_at'])
        .where('id', '=', x.id)
        .executeTakeFirstOrThrow();
    const before = await row();
    expect(before.completion_due_at!.getTime()).toBe(ctx.clock.now().getTime() + 24 * HOUR);
    expect(await ids(dispatcher, 'overdue=true')).toEqual([]);

    ctx.clock.advance(25 * HOUR);
    const c = await d.login('dispatcher', { fresh: true }); // sessions expire on the same clock
    expect(await ids(c, 'overdue=true')).toEqual([x.id]);
    expect((await ids(c, 'overdue=false')).sort()).toEqual([y.id, z.id].sort());
    const list = await c.get('/api/tickets');
    const summary = (id: string) => list.body.items.find((i: { id: string }) => i.id === id);
    expect(summary(x.id)).toMatchObject({ overdue: true, responseOverdue: true });
    expect(summary(y.id)).toMatchObject({ overdue: false, responseOverdue: true });
    expect(summary(z.id)).toMatchObject({ overdue: false, responseOverdue: false });
    expect((await c.get(`/api/tickets/${x.id}`)).body.overdue).toBe(true);
    // Nothing was written to make it so.
    expect(await row()).toEqual(before);

    // Still owed while the village works on it; no longer once feedback is given.
    const village = await d.login('village', { fresh: true });
    await village.act(x.id, 'accept');
    await village.act(x.id, 'start_handling');
    expect(await ids(c, 'overdue=true')).toEqual([x.id]);
    const fb = await village.act(x.id, 'give_feedback', {
      result: '已联系供热公司排气,室温恢复正常。',
      replyText: '您反映的暖气问题已处理,感谢您的反映。',
    });
    expect(fb.body).toMatchObject({ state: 'feedback_given', overdue: false });
    expect(await ids(c, 'overdue=true')).toEqual([]);
    expect((await ids(c, 'overdue=false')).sort()).toEqual([x.id, y.id, z.id].sort());
  });
});
