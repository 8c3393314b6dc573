// Invented 12345 hotline intake payloads: what an agent types while a resident
// is on the line. Seeded, so every run sends the same mix, and pre-serialised,
// so the load generator spends its CPU on sending, not on building JSON.

/** The ids a district offers for intake (from the factories' newDistrict). */
export interface IntakeTargets {
  categories: { streetLight: string; manhole: string; heating: string; urbanGeneral: string };
  jurisdictionIds: string[];
}

/** mulberry32: tiny, fast and good enough to vary test data reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ESTATES = [
  '东湖社区',
  '柳园社区',
  '石门村',
  '金色家园小区',
  '幸福里小区',
  '和平里北区',
  '翠湖嘉园',
  '龙泽苑东区',
  '阳光100小区',
  '桃源新村',
  '滨河花园',
  '丰收路西里',
];
const ROADS = [
  '建设路',
  '人民大街',
  '解放北路',
  '光明街',
  '长安西路',
  '滨河路',
  '朝阳路',
  '新华大街',
  '文化东路',
  '纬二路',
];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧';
const GIVEN = [
  '小明',
  '秀英',
  '桂兰',
  '建国',
  '志强',
  '丽娟',
  '海燕',
  '国庆',
  '淑芬',
  '伟',
  '静',
  '军',
  '红梅',
  '德华',
  '玉珍',
];
const MOBILE_PREFIXES = [
  '138',
  '139',
  '135',
  '136',
  '150',
  '151',
  '158',
  '186',
  '188',
  '131',
  '176',
  '199',
];

type Pick = <T>(items: readonly T[]) => T;
type Int = (min: number, max: number) => number;

interface Draft {
  category: keyof IntakeTargets['categories'];
  title: string;
  description: string;
  address: string;
}

// Each template is one kind of call the hotline gets every day; the numbers and
// places vary so titles and descriptions are not all the same string.
const TEMPLATES: Array<(pick: Pick, int: Int) => Draft> = [
  (pick, int) => {
    const estate = pick(ESTATES);
    const bldg = int(1, 28);
    return {
      category: 'streetLight',
      title: `${estate}${bldg}号楼前路灯不亮`,
      description: `市民来电反映,${estate}${bldg}号楼前的路灯已经${int(3, 20)}天不亮了,晚上老人孩子出行不便,存在安全隐患,此前向物业反映过但一直没人修,希望有关部门尽快维修。`,
      address: `${estate}${bldg}号楼`,
    };
  },
  (pick, int) => {
    const road = pick(ROADS);
    return {
      category: 'streetLight',
      title: `${road}一段路灯夜间全部熄灭`,
      description: `来电人称${road}${int(10, 300)}号至${int(301, 600)}号一段的路灯从上周开始每天晚上都不亮,路面很黑,骑电动车经过时险些摔倒,诉求尽快恢复照明。`,
      address: `${road}${int(10, 600)}号附近`,
    };
  },
  (pick) => {
    const road = pick(ROADS);
    const cross = pick(ROADS.filter((r) => r !== road));
    return {
      category: 'manhole',
      title: `${road}与${cross}交叉口井盖缺失`,
      description: `来电人反映${road}与${cross}交叉口东南角人行道上的井盖丢失,现只用几块砖头围着,夜间行人容易掉进去,附近有小学,上下学孩子很多,请尽快补装井盖。`,
      address: `${road}与${cross}交叉口`,
    };
  },
  (pick, int) => {
    const estate = pick(ESTATES);
    const bldg = int(1, 28);
    return {
      category: 'heating',
      title: `${estate}${bldg}号楼供暖不热`,
      description: `来电人反映其家中(${estate}${bldg}号楼${int(1, 6)}单元${int(1, 18)}0${int(1, 4)}室)暖气片温度很低,室温只有${int(12, 16)}度左右,已联系物业和供热公司${int(2, 5)}次仍未解决,家中有八十多岁的老人,诉求尽快派人检修。`,
      address: `${estate}${bldg}号楼${int(1, 6)}单元`,
    };
  },
  (pick, int) => {
    const estate = pick(ESTATES);
    return {
      category: 'urbanGeneral',
      title: `${estate}附近工地夜间施工噪音扰民`,
      description: `来电人反映${estate}北侧的建筑工地连续${int(3, 15)}天晚上十点以后仍在施工,打桩和渣土车的噪音很大,严重影响周边居民休息,希望相关部门依法查处,规范施工时间。`,
      address: `${estate}北侧工地`,
    };
  },
  (pick, int) => {
    const estate = pick(ESTATES);
    return {
      category: 'urbanGeneral',
      title: `${estate}垃圾清运不及时`,
      description: `来电人称${estate}${int(1, 12)}号楼旁的垃圾桶已经${int(2, 6)}天没有清运,垃圾堆到了路边,天热有异味,还招来很多蚊蝇,请督促环卫部门及时清运。`,
      address: `${estate}${int(1, 12)}号楼旁`,
    };
  },
  (pick, int) => {
    const road = pick(ROADS);
    return {
      category: 'urbanGeneral',
      title: `${road}早市占道经营`,
      description: `来电人反映${road}每天早上六点到九点有商贩在机动车道上摆摊卖菜,造成交通拥堵,公交车无法进站,希望城管部门加强管理,引导商贩进入市场经营。`,
      address: `${road}${int(1, 200)}号至${int(201, 400)}号`,
    };
  },
  (pick, int) => {
    const estate = pick(ESTATES);
    const bldg = int(1, 28);
    return {
      category: 'urbanGeneral',
      title: `${estate}${bldg}号楼电动车飞线充电`,
      description: `来电人反映${estate}${bldg}号楼有住户从${int(2, 6)}楼窗户拉电线下来给电动自行车充电,电线横穿楼道口,存在火灾隐患,已向物业反映但无人处理,请相关部门尽快排查整改。`,
      address: `${estate}${bldg}号楼`,
    };
  },
];

const TYPES: Array<[string, number]> = [
  ['help', 40],
  ['complaint', 30],
  ['consult', 15],
  ['report', 10],
  ['suggestion', 5],
];

function weighted(rand: () => number, items: Array<[string, number]>): string {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [v, w] of items) {
    r -= w;
    if (r < 0) return v;
  }
  return items[items.length - 1]![0];
}

/** One intake body as the agent's client would send it to POST /api/tickets. */
export function intakeBody(t: IntakeTargets, rand: () => number): Record<string, unknown> {
  const pick: Pick = (items) => items[Math.floor(rand() * items.length)]!;
  const int: Int = (min, max) => min + Math.floor(rand() * (max - min + 1));
  const d = pick(TEMPLATES)(pick, int);

  // Most callers give a mobile; some a fixed line or +86; a few stay anonymous.
  const roll = rand();
  let phone: string;
  if (roll < 0.75) phone = `${pick(MOBILE_PREFIXES)}${String(int(0, 99_999_999)).padStart(8, '0')}`;
  else if (roll < 0.9) phone = `010-6${String(int(0, 9_999_999)).padStart(7, '0')}`;
  else phone = `+86 ${pick(MOBILE_PREFIXES)}${String(int(0, 99_999_999)).padStart(8, '0')}`;
  const anonymous = rand() < 0.05;
  const urgencyRoll = rand();

  const body: Record<string, unknown> = {
    channel: 'hotline',
    type: weighted(rand, TYPES),
    categoryId: t.categories[d.category],
    title: d.title,
    description: d.description,
    address: d.address,
    jurisdictionId: pick(t.jurisdictionIds),
    requester: anonymous
      ? { phone, anonymous: true }
      : { name: `${pick([...SURNAMES])}${pick(GIVEN)}`, phone, confidential: rand() < 0.05 },
    urgency: urgencyRoll < 0.02 ? 'emergency' : urgencyRoll < 0.1 ? 'urgent' : 'normal',
  };
  if (rand() < 0.6) {
    body.point = {
      lng: +(116.3 + rand() * 0.2).toFixed(6),
      lat: +(39.8 + rand() * 0.2).toFixed(6),
    };
  }
  return body;
}

/** `n` serialised intake bodies, the same for the same seed. */
export function intakeBodies(t: IntakeTargets, n: number, seed = 12345): string[] {
  const rand = seededRandom(seed);
  return Array.from({ length: n }, () => JSON.stringify(intakeBody(t, rand)));
}
