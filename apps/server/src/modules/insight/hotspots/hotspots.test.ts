import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  alerts,
  analyse,
  findHotspots,
  heatIndex,
  nearDuplicatePairs,
  parseHotspotCsv,
  type HotspotMessage,
} from './index.js';

// Invented messages of a fictional district: two estates, a village, a road.
const day = (d: number, h = 9) => Date.UTC(2026, 2, d, h);
let seq = 0;
function msg(user: string, subject: string, detail: string, d: number, likes = 0): HotspotMessage {
  seq += 1;
  return { id: String(1000 + seq), user, subject, detail, time: day(d), likes };
}

const LIFT_QINGCHUAN = [
  msg(
    'U01',
    '晴川花园小区3栋电梯经常故障困人',
    '晴川花园小区3栋的电梯这个月坏了好几次，有老人被困在电梯里，物业只是简单维修。',
    2,
  ),
  msg(
    'U02',
    '投诉晴川花园电梯故障频发',
    '我家住晴川花园3栋，电梯三天两头故障停运，上周还困了人，请督促物业彻底检修电梯。',
    4,
  ),
  msg(
    'U03',
    '晴川花园小区电梯多次困人，物业不作为',
    '晴川花园小区电梯故障困人已经发生多次，物业维修敷衍，居民上下楼很不安全。',
    5,
    3,
  ),
  msg(
    'U04',
    '关于晴川花园电梯安全隐患的反映',
    '晴川花园小区3栋电梯运行时异响，还多次故障困人，希望尽快更换电梯部件。',
    7,
  ),
];
const LIFT_WANGHU = [
  msg(
    'U11',
    '望湖花园小区电梯经常故障困人',
    '望湖花园小区2栋的电梯这个月坏了好几次，有老人被困在电梯里，物业只是简单维修。',
    3,
  ),
  msg(
    'U12',
    '投诉望湖花园电梯故障频发',
    '我家住望湖花园2栋，电梯三天两头故障，请督促物业彻底检修电梯。',
    6,
  ),
];
const RUBBISH_QINGCHUAN = [
  msg(
    'U21',
    '晴川花园小区垃圾清运不及时',
    '晴川花园小区门口的垃圾桶满了好几天没人清运，臭气熏天，苍蝇很多。',
    4,
  ),
];
const LIGHTS_LIUXI = [
  msg(
    'U31',
    '柳溪村主干道路灯不亮一个多月',
    '柳溪村主干道的路灯坏了一个多月一直不亮，晚上漆黑一片，村民出行不便。',
    10,
  ),
  msg(
    'U32',
    '柳溪村主干道路灯不亮请尽快维修',
    '柳溪村主干道路灯不亮，晚上走路看不见，希望尽快维修路灯。',
    12,
  ),
  msg('U31', '再次反映柳溪村主干道路灯不亮', '柳溪村主干道路灯还是不亮，上次反映后无人维修。', 20),
];
// What else a week brings: one message each about other things.
const OTHERS = [
  msg(
    'U41',
    '咨询新生儿医保办理流程',
    '孩子刚出生，想问一下新生儿医保在哪里办理，需要带哪些材料。',
    3,
  ),
  msg(
    'U42',
    '东风路夜间施工噪音扰民',
    '东风路有工地每天晚上十一点后还在施工，噪音很大，影响休息。',
    5,
  ),
  msg(
    'U43',
    '建议增加社区公交线路',
    '我们这里到区医院没有直达公交，老人看病很不方便，建议增加线路。',
    6,
  ),
  msg(
    'U44',
    '反映学校门口交通拥堵',
    '实验小学门口上下学时段车辆乱停，交通拥堵，孩子过马路危险。',
    8,
  ),
  msg('U45', '低保申请多久能批下来', '上个月提交了低保申请材料，请问审批需要多长时间。', 9),
  msg('U46', '农贸市场占道经营', '农贸市场周边商贩占道摆摊，行人只能走机动车道。', 11),
  msg('U47', '小区停车位被长期占用', '锦绣家园地下车库的公共车位被私人长期占用，还上了地锁。', 13),
  msg('U48', '举报餐馆油烟直排', '桂香街一家餐馆油烟直接排到居民楼，家里不敢开窗。', 14),
];
const ALL = [...LIFT_QINGCHUAN, ...LIFT_WANGHU, ...RUBBISH_QINGCHUAN, ...LIGHTS_LIUXI, ...OTHERS];

const ids = (ms: HotspotMessage[]) => ms.map((m) => m.id).sort();

describe('places and problem words', () => {
  it('finds the estate, the village and the road, without the district prefix', () => {
    const a = analyse('关于A3区晴川花园小区电梯故障的投诉');
    expect(a.places.map((p) => p.name)).toEqual(['晴川花园']);
    expect(a.words).toEqual(expect.arrayContaining(['电梯', '故障']));
    expect(a.words).not.toContain('投诉');
    expect(analyse('柳溪村的路灯坏了').places[0]).toMatchObject({
      kind: 'village',
      name: '柳溪村',
    });
    expect(analyse('建议整治东风路夜间施工噪音').places[0]).toMatchObject({ kind: 'road' });
    expect(analyse('小区电梯坏了').places).toEqual([]);
  });
});

describe('findHotspots', () => {
  const hot = findHotspots(ALL);
  const groupOf = (id: string) => hot.find((h) => h.ids.includes(id));

  it('groups one problem at one estate from different requesters', () => {
    expect(groupOf(LIFT_QINGCHUAN[0]!.id)!.ids.sort()).toEqual(ids(LIFT_QINGCHUAN));
    expect(groupOf(LIFT_QINGCHUAN[0]!.id)!.place).toContain('晴川花园');
    expect(groupOf(LIFT_QINGCHUAN[0]!.id)!.requesters).toBe(4);
  });

  it('keeps the same problem at another estate apart', () => {
    expect(groupOf(LIFT_WANGHU[0]!.id)!.ids.sort()).toEqual(ids(LIFT_WANGHU));
  });

  it('keeps another problem at the same estate out', () => {
    expect(groupOf(RUBBISH_QINGCHUAN[0]!.id)).toBeUndefined();
  });

  it('ranks the group with more requesters first and reports its span', () => {
    expect(hot[0]!.ids.sort()).toEqual(ids(LIFT_QINGCHUAN));
    expect(hot[0]!.from).toBe(day(2));
    expect(hot[0]!.to).toBe(day(7));
    expect(hot[0]!.likes).toBe(3);
    const lights = groupOf(LIGHTS_LIUXI[0]!.id)!;
    expect(lights.requesters).toBe(2);
    expect(lights.messages).toBe(3);
  });

  it('does not join messages further apart than the window', () => {
    const late = msg(
      'U33',
      '柳溪村主干道路灯不亮',
      '柳溪村主干道路灯不亮，晚上走路看不见，希望尽快维修路灯。',
      80,
    );
    const far = msg(
      'U34',
      '柳溪村主干道路灯又不亮了',
      '柳溪村主干道路灯又不亮了，晚上看不见，希望尽快维修。',
      85,
    );
    const got = findHotspots([...LIGHTS_LIUXI, late, far], { windowDays: 30 });
    expect(got.map((h) => h.ids.length).sort()).toEqual([2, 3]);
    expect(findHotspots([...LIGHTS_LIUXI, late, far], { windowDays: 90 })[0]!.ids).toHaveLength(5);
  });

  it('does not count one requester writing again as a hot spot', () => {
    const one = [LIGHTS_LIUXI[0]!, LIGHTS_LIUXI[2]!];
    expect(findHotspots(one)).toEqual([]);
    expect(findHotspots(one, { minRequesters: 1 })).toHaveLength(1);
  });

  it('titles a group with the subject of one of its messages', () => {
    expect(LIFT_QINGCHUAN.map((m) => m.subject)).toContain(hot[0]!.title);
  });

  it('is invariant to the input order, and every message is in at most one group', () => {
    const canonical = (hs: ReturnType<typeof findHotspots>) =>
      hs.map((h) => [...h.ids].sort().join(',')).sort();
    const expected = canonical(hot);
    fc.assert(
      fc.property(fc.shuffledSubarray(ALL, { minLength: ALL.length }), (shuffled) => {
        const got = findHotspots(shuffled);
        expect(canonical(got)).toEqual(expected);
        const seen = got.flatMap((h) => h.ids);
        expect(new Set(seen).size).toBe(seen.length);
      }),
      { numRuns: 15 },
    );
  });

  it('puts every message in at most one group, whatever subset is given', () => {
    fc.assert(
      fc.property(fc.subarray(ALL), (subset) => {
        const seen = findHotspots(subset).flatMap((h) => h.ids);
        expect(new Set(seen).size).toBe(seen.length);
        for (const id of seen) expect(subset.some((m) => m.id === id)).toBe(true);
      }),
      { numRuns: 15 },
    );
  });
});

describe('heat index', () => {
  it('rises with distinct requesters, messages, likes and growth', () => {
    const base = fc.record({
      requesters: fc.integer({ min: 1, max: 500 }),
      messages: fc.integer({ min: 1, max: 500 }),
      likes: fc.integer({ min: 0, max: 5000 }),
      growth: fc.double({ min: 0, max: 20, noNaN: true }),
    });
    fc.assert(
      fc.property(base, fc.integer({ min: 1, max: 50 }), (g, d) => {
        // Never lower for more of anything (the index is rounded to 0.1)…
        const h = heatIndex(g);
        expect(heatIndex({ ...g, requesters: g.requesters + d })).toBeGreaterThanOrEqual(h);
        expect(heatIndex({ ...g, messages: g.messages + d })).toBeGreaterThanOrEqual(h);
        expect(heatIndex({ ...g, likes: g.likes + d })).toBeGreaterThanOrEqual(h);
        expect(heatIndex({ ...g, growth: g.growth + d })).toBeGreaterThanOrEqual(h);
        // …and clearly higher for twice as many requesters, messages or likes, or a rise.
        expect(heatIndex({ ...g, requesters: 2 * g.requesters + d })).toBeGreaterThan(h);
        expect(heatIndex({ ...g, messages: 2 * g.messages + d })).toBeGreaterThan(h);
        expect(heatIndex({ ...g, likes: 2 * g.likes + 10 })).toBeGreaterThan(h);
        expect(heatIndex({ ...g, growth: Math.max(1, g.growth) * 1.5 })).toBeGreaterThan(h);
      }),
    );
  });

  it('orders groups: more requesters or more likes → hotter', () => {
    const two = LIFT_WANGHU;
    const liked = two.map((m) => ({ ...m, id: `${m.id}x`, likes: 50 }));
    const [a] = findHotspots(two);
    const [b] = findHotspots(liked);
    expect(b!.heat).toBeGreaterThan(a!.heat);
    expect(findHotspots(LIFT_QINGCHUAN)[0]!.heat).toBeGreaterThan(a!.heat);
  });
});

describe('alerts', () => {
  const hot = findHotspots(ALL);
  it('returns the groups that meet every configured condition', () => {
    expect(alerts(hot, {})).toEqual([]);
    const byRequesters = alerts(hot, { minRequesters: 3 });
    expect(byRequesters.map((a) => a.hotspot.ids.sort())).toEqual([ids(LIFT_QINGCHUAN)]);
    expect(byRequesters[0]!.reasons).toEqual(['requesters 4 ≥ 3']);
    const all = alerts(hot, { minHeat: 0 });
    expect(all).toHaveLength(hot.length);
    expect(alerts(hot, { minHeat: 0, minMessages: 99 })).toEqual([]);
    const top = hot[0]!;
    expect(alerts(hot, { minHeat: top.heat }).map((a) => a.hotspot)).toEqual([top]);
  });
});

describe('near-duplicates', () => {
  it('finds copied texts and only those', () => {
    const t = '晴川花园小区3栋的电梯这个月坏了好几次，有老人被困在电梯里，物业只是简单维修。';
    const pairs = nearDuplicatePairs([
      t,
      `${t}请尽快处理！`,
      '柳溪村主干道的路灯坏了一个多月，晚上漆黑一片。',
    ]);
    expect(pairs).toEqual([[0, 1]]);
  });
});

describe('CSV and the CLI', () => {
  const header = '留言编号,留言用户,留言主题,留言时间,留言详情,反对数,点赞数';
  const row = (m: HotspotMessage, n: number) =>
    [
      m.id,
      m.user,
      m.subject,
      new Date(m.time).toISOString().slice(0, 19).replace('T', ' '),
      // A quoted detail with a line break and a comma, as the exports have.
      `"${m.detail.replace('，', '，\n')},"`,
      '0',
      String(n),
    ].join(',');
  const csv = [header, ...ALL.map((m) => row(m, m.likes))].join('\n');

  it('reads quoted multi-line fields', () => {
    const got = parseHotspotCsv(csv);
    expect(got).toHaveLength(ALL.length);
    expect(got[0]).toMatchObject({ id: ALL[0]!.id, user: 'U01', time: ALL[0]!.time, likes: 0 });
    expect(got[0]!.detail).toContain('\n');
  });

  const root = resolve(import.meta.dirname, '../../../../../..');
  const run = (args: string[]) =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', 'apps/server/src/cli/main.ts', 'hotspots', ...args],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );

  it('prints the hot spots as JSON with the required keys', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotspots-'));
    try {
      const file = join(dir, 'messages.csv');
      writeFileSync(file, `\uFEFF${csv}`);
      const r = run(['--input', file, '--top', '2']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const out = JSON.parse(r.stdout) as Record<string, unknown>[];
      expect(out).toHaveLength(2);
      for (const key of ['rank', 'title', 'heat', 'from', 'to', 'place', 'ids'])
        expect(out[0]).toHaveProperty(key);
      expect(out[0]!.rank).toBe(1);
      expect(out[0]!.ids).toEqual(ids(LIFT_QINGCHUAN).map(Number));
      expect(out[0]!.from).toBe('2026-03-02 09:00:00');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000); // spawns the CLI: seconds on a loaded machine

  it('prints the usage and exits 2 on bad arguments', () => {
    for (const args of [[], ['--input', 'x.csv', '--top', 'many'], ['--nonsense']]) {
      const r = run(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('usage: jiesu hotspots --input FILE.csv');
    }
  }, 120_000);
});
