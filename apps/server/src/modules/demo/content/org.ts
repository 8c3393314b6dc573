// The demo district: a fictional suburban district of a fictional city, modelled on the seeds
// (a mountain township, a plains town, an urban street). Pure data, a fixed function of nothing.
import type { JurisdictionLevel, Role, UnitKind } from '@jiesu/contracts';
import { Random, at } from './prng.js';
import { mobilePhone, personName, type Gender } from './names.js';

export interface LngLat {
  lng: number;
  lat: number;
}

/** A GeoJSON Polygon (RFC 7946): one exterior ring, counter-clockwise, first point repeated last. */
export interface GeoJsonPolygon {
  type: 'Polygon';
  coordinates: [number, number][][];
}

/** The finer kind of a jurisdiction: 街道 street, 镇 town, 乡 township; 村 village, 社区 community. */
export type JurisdictionKind =
  'city' | 'district' | 'street' | 'town' | 'township' | 'village' | 'community' | 'grid';

export type Terrain = 'urban' | 'plain' | 'mountain';

export interface DemoJurisdiction {
  /** Administrative-division style code: city 6, district 6, township 9, village 12, grid 15 digits. */
  code: string;
  name: string;
  /** The name with its parents', from the district down, e.g. 青岚区石峪乡东沟村. */
  fullName: string;
  level: JurisdictionLevel;
  kind: JurisdictionKind;
  parentCode: string | null;
  population: number;
  households: number;
  /** Township level and below. */
  terrain: Terrain | null;
  centre: LngLat;
  /** Villages/communities (their grids' bounding box) and grids (a square); null above. */
  boundary: GeoJsonPolygon | null;
  /** Grid difficulty grade, which weights the grid worker's pay (seed 001); grids only. */
  grade: 'A' | 'B' | 'C' | null;
}

export interface DemoUnit {
  /** Stable key: 'centre', 'dept-urban', 'twp-1', 'sec-1-safety', 'vil-1-3', 'grid-1-3-2'. */
  key: string;
  name: string;
  /** The name as staff say it inside the district, e.g. 区城管委, 东沟村委会. */
  shortName: string;
  kind: UnitKind;
  /** The jurisdiction the unit answers for (its territory, or the district for departments). */
  jurisdictionCode: string;
  parentKey: string | null;
  phone: string;
  /** One line of duties, shown on the unit's profile. */
  duty: string;
}

/** Township sections (科室); not every township has every one. */
export type SectionSlug = 'safety' | 'construction' | 'social' | 'agri' | 'community' | 'hotline';

export interface DemoStaff {
  username: string;
  displayName: string;
  phone: string;
  gender: Gender;
  unitKey: string;
  role: Role;
  /** Job title shown beside the name, e.g. 副乡长, 网格员. */
  title: string;
}

export interface DemoOrg {
  /** Tenant: the district that runs the platform. */
  tenant: { code: string; name: string };
  cityCode: string;
  districtCode: string;
  /** Every jurisdiction, parents before children: city, district, townships, villages, grids. */
  jurisdictions: DemoJurisdiction[];
  /** Every unit, parents before children. */
  units: DemoUnit[];
  staff: DemoStaff[];
}

export const DEMO_CITY_CODE = '139900';
export const DEMO_DISTRICT_CODE = '139901';
const CITY_NAME = '燕川市';
const DISTRICT_NAME = '青岚区';
const DISTRICT_CENTRE: LngLat = { lng: 117.1, lat: 40.2 };
const DISTRICT_POPULATION = 80000;

interface TownshipSpec {
  name: string;
  kind: 'street' | 'town' | 'township';
  terrain: Terrain;
  population: number;
  centre: LngLat;
  /** Distance between village centres, in degrees. */
  spacing: number;
  /** Side of a grid square, in degrees. */
  gridSide: number;
  villages: readonly string[];
  sections: readonly (readonly [SectionSlug, string])[];
}

const TOWNSHIPS: readonly TownshipSpec[] = [
  {
    name: '石峪乡',
    kind: 'township',
    terrain: 'mountain',
    population: 13600,
    centre: { lng: 117.15, lat: 40.31 },
    spacing: 0.028,
    gridSide: 0.007,
    villages: ['石峪村', '东沟村', '梨树台村', '北岭村', '杏花峪村', '长岭子村', '碾盘沟村'],
    sections: [
      ['safety', '综治办'],
      ['construction', '村镇建设科'],
      ['social', '社会事务科'],
      ['agri', '农业服务中心'],
      ['hotline', '接诉即办工作专班'],
    ],
  },
  {
    name: '柳林镇',
    kind: 'town',
    terrain: 'plain',
    population: 26400,
    centre: { lng: 117.03, lat: 40.21 },
    spacing: 0.022,
    gridSide: 0.006,
    villages: ['柳林社区', '前营村', '后营村', '南河村', '大庄子村', '韩家庄村', '西洼村'],
    sections: [
      ['safety', '综治办'],
      ['construction', '城建科'],
      ['social', '社会事务科'],
      ['agri', '农业服务中心'],
    ],
  },
  {
    name: '青岚街道',
    kind: 'street',
    terrain: 'urban',
    population: 40000,
    centre: { lng: 117.11, lat: 40.14 },
    spacing: 0.009,
    gridSide: 0.0025,
    villages: ['青岚里社区', '翠湖社区', '滨河社区', '文化街社区', '新华园社区', '康乐苑社区'],
    sections: [
      ['safety', '平安建设办公室'],
      ['construction', '城市管理办公室'],
      ['social', '民生保障办公室'],
      ['community', '社区建设办公室'],
    ],
  },
];

/** District departments (委办局): key, full name, short name, duty. */
const DEPARTMENTS: readonly (readonly [string, string, string, string])[] = [
  [
    'dept-urban',
    '青岚区城市管理委员会',
    '区城管委',
    '市政道路、路灯、环卫、公厕、供热、燃气、电力协调',
  ],
  [
    'dept-enforce',
    '青岚区城市管理综合行政执法局',
    '区城管执法局',
    '违法建设、占道经营、餐饮油烟、噪声等执法',
  ],
  [
    'dept-housing',
    '青岚区住房和城乡建设委员会',
    '区住建委',
    '物业监管、房屋安全、建设工地、老旧小区改造',
  ],
  ['dept-water', '青岚区水务局', '区水务局', '供水、排水、河道、防汛'],
  ['dept-transport', '青岚区交通局', '区交通局', '公路养护、公交、出租汽车、客运'],
  [
    'dept-market',
    '青岚区市场监督管理局',
    '区市场监管局',
    '商品质量、价格、食品安全、特种设备、消费维权',
  ],
  ['dept-eco', '青岚区生态环境局', '区生态环境局', '大气、水、噪声污染防治'],
  ['dept-hrss', '青岚区人力资源和社会保障局', '区人社局', '劳动保障监察、社会保险、就业'],
  ['dept-edu', '青岚区教育委员会', '区教委', '入学入园、学校管理、校外培训监管'],
  ['dept-health', '青岚区卫生健康委员会', '区卫健委', '医疗服务、公共卫生、人口家庭'],
  ['dept-civil', '青岚区民政局', '区民政局', '养老服务、社会救助、残疾人福利、婚姻殡葬'],
  ['dept-agri', '青岚区农业农村局', '区农业农村局', '农业生产、农业补贴、农村经营管理'],
  ['dept-police', '燕川市公安局青岚分局', '青岚公安分局', '治安、交通管理、户籍、反诈'],
  ['dept-planning', '燕川市规划和自然资源委员会青岚分局', '区规自分局', '规划、土地、地质灾害防治'],
  ['dept-culture', '青岚区文化和旅游局', '区文旅局', '公共文化、景区、民宿与旅游市场'],
  ['dept-medical', '青岚区医疗保障局', '区医保局', '医疗保险待遇与报销'],
  ['dept-forestry', '青岚区园林绿化局', '区园林绿化局', '森林防火、林木、野生动物保护'],
  ['dept-emergency', '青岚区应急管理局', '区应急局', '安全生产、应急救援、防灾减灾'],
];

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export const townshipKey = (t: number): string => `twp-${t}`;
export const sectionKey = (t: number, slug: SectionSlug): string => `sec-${t}-${slug}`;
export const villageKey = (t: number, v: number): string => `vil-${t}-${v}`;
export const gridKey = (t: number, v: number, g: number): string => `grid-${t}-${v}-${g}`;

const pad3 = (n: number): string => String(n).padStart(3, '0');
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Splits `total` into integer parts proportional to `weights`; the parts sum to `total` exactly. */
function split(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  const rest = total - parts.reduce((a, b) => a + b, 0);
  parts[parts.length - 1] = at(parts, parts.length - 1) + rest;
  return parts;
}

function rectangle(west: number, south: number, east: number, north: number): GeoJsonPolygon {
  const [w, s, e, n] = [round6(west), round6(south), round6(east), round6(north)];
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}

function landline(rng: Random): string {
  return `6951${String(rng.int(0, 9999)).padStart(4, '0')}`;
}

export function demoOrg(): DemoOrg {
  const rng = new Random(20240601, 'org');
  const jurisdictions: DemoJurisdiction[] = [];
  const units: DemoUnit[] = [];
  const districtFull = DISTRICT_NAME;

  jurisdictions.push({
    code: DEMO_CITY_CODE,
    name: CITY_NAME,
    fullName: CITY_NAME,
    level: 'city',
    kind: 'city',
    parentCode: null,
    population: 1_260_000,
    households: 468_000,
    terrain: null,
    centre: { lng: 117.02, lat: 40.05 },
    boundary: null,
    grade: null,
  });
  jurisdictions.push({
    code: DEMO_DISTRICT_CODE,
    name: DISTRICT_NAME,
    fullName: districtFull,
    level: 'district',
    kind: 'district',
    parentCode: DEMO_CITY_CODE,
    population: DISTRICT_POPULATION,
    households: 0,
    terrain: null,
    centre: DISTRICT_CENTRE,
    boundary: null,
    grade: null,
  });

  units.push({
    key: 'centre',
    name: '青岚区接诉即办指挥中心',
    shortName: '区接诉即办中心',
    kind: 'dispatch_centre',
    jurisdictionCode: DEMO_DISTRICT_CODE,
    parentKey: null,
    phone: '12345',
    duty: '受理、派单、督办、回复、回访和考核全区群众诉求',
  });
  // The district government: copied on tickets dispatched straight to a township (直派街乡)
  // to supervise them. A fixed phone keeps the generator's random sequence as it was.
  units.push({
    key: 'district-gov',
    name: '青岚区人民政府',
    shortName: '区政府',
    kind: 'government',
    jurisdictionCode: DEMO_DISTRICT_CODE,
    parentKey: null,
    phone: '010-69120000',
    duty: '统筹全区属地管理,督办直派街乡的群众诉求',
  });
  for (const [key, name, shortName, duty] of DEPARTMENTS) {
    units.push({
      key,
      name,
      shortName,
      kind: 'department',
      jurisdictionCode: DEMO_DISTRICT_CODE,
      parentKey: null,
      phone: landline(rng),
      duty,
    });
  }

  const townshipPopulations = split(
    DISTRICT_POPULATION,
    TOWNSHIPS.map((t) => t.population),
  );
  let districtHouseholds = 0;

  TOWNSHIPS.forEach((spec, ti) => {
    const t = ti + 1;
    const twpCode = `${DEMO_DISTRICT_CODE}${pad3(t)}`;
    const twpFull = districtFull + spec.name;
    const twpPopulation = at(townshipPopulations, ti);
    const twpJurisdiction: DemoJurisdiction = {
      code: twpCode,
      name: spec.name,
      fullName: twpFull,
      level: 'township',
      kind: spec.kind,
      parentCode: DEMO_DISTRICT_CODE,
      population: twpPopulation,
      households: 0,
      terrain: spec.terrain,
      centre: spec.centre,
      boundary: null,
      grade: null,
    };
    jurisdictions.push(twpJurisdiction);

    const isStreet = spec.kind === 'street';
    units.push({
      key: townshipKey(t),
      name: isStreet ? `${spec.name}办事处` : `${spec.name}人民政府`,
      shortName: spec.name,
      kind: 'government',
      jurisdictionCode: twpCode,
      parentKey: null,
      phone: landline(rng),
      duty: isStreet
        ? '街道辖区属地管理、社区治理和公共服务'
        : '乡镇辖区属地管理、村务指导和公共服务',
    });
    for (const [slug, sectionName] of spec.sections) {
      units.push({
        key: sectionKey(t, slug),
        name: spec.name + sectionName,
        shortName: sectionName,
        kind: 'section',
        jurisdictionCode: twpCode,
        parentKey: townshipKey(t),
        phone: landline(rng),
        duty: SECTION_DUTIES[slug],
      });
    }

    // The seat village/community (listed first) is the largest.
    const villageWeights = spec.villages.map((_, vi) => (vi === 0 ? 1.6 : rng.between(0.6, 1.2)));
    const villagePopulations = split(twpPopulation, villageWeights);
    const cols = 3;
    const rows = Math.ceil(spec.villages.length / cols);
    let twpHouseholds = 0;

    spec.villages.forEach((villageName, vi) => {
      const v = vi + 1;
      const code = `${twpCode}${pad3(v)}`;
      const isCommunity = villageName.endsWith('社区');
      const terrain: Terrain = isCommunity ? 'urban' : spec.terrain;
      const population = at(villagePopulations, vi);
      const perHousehold = terrain === 'urban' ? 2.4 : 2.7;
      const households = Math.round(population / perHousehold);
      twpHouseholds += households;
      const col = vi % cols;
      const row = Math.floor(vi / cols);
      const jitter = spec.spacing * 0.15;
      const centre: LngLat = {
        lng: round6(
          spec.centre.lng + (col - (cols - 1) / 2) * spec.spacing + rng.between(-jitter, jitter),
        ),
        lat: round6(
          spec.centre.lat - (row - (rows - 1) / 2) * spec.spacing + rng.between(-jitter, jitter),
        ),
      };
      const gridCount = terrain === 'urban' ? rng.int(3, 4) : population > 2400 ? 3 : rng.int(2, 3);
      const gridCols = 2;
      const gridRows = Math.ceil(gridCount / gridCols);
      const side = isCommunity && spec.terrain !== 'urban' ? 0.003 : spec.gridSide;
      const west = centre.lng - (gridCols * side) / 2;
      const north = centre.lat + (gridRows * side) / 2;
      const villageFull = twpFull + villageName;
      jurisdictions.push({
        code,
        name: villageName,
        fullName: villageFull,
        level: 'village',
        kind: isCommunity ? 'community' : 'village',
        parentCode: twpCode,
        population,
        households,
        terrain,
        centre,
        boundary: rectangle(west, north - gridRows * side, west + gridCols * side, north),
        grade: null,
      });
      const committee = isCommunity ? '居民委员会' : '村民委员会';
      units.push({
        key: villageKey(t, v),
        name: villageName + committee,
        shortName: isCommunity ? `${villageName}居委会` : `${villageName}委会`,
        kind: 'government',
        jurisdictionCode: code,
        parentKey: townshipKey(t),
        phone: landline(rng),
        duty: isCommunity
          ? '社区居民自治、我来办工作室接待和网格管理'
          : '村民自治、村务管理、我来办工作室接待',
      });

      const gridPopulations = split(
        population,
        Array.from({ length: gridCount }, () => rng.between(0.8, 1.2)),
      );
      for (let g = 1; g <= gridCount; g++) {
        const gCol = (g - 1) % gridCols;
        const gRow = Math.floor((g - 1) / gridCols);
        const gWest = west + gCol * side;
        const gNorth = north - gRow * side;
        const gridPopulation = at(gridPopulations, g - 1);
        const gridName = `第${at(ORDINALS, g - 1)}网格`;
        const gridCode = `${code}${pad3(g)}`;
        jurisdictions.push({
          code: gridCode,
          name: gridName,
          fullName: villageFull + gridName,
          level: 'grid',
          kind: 'grid',
          parentCode: code,
          population: gridPopulation,
          households: Math.round(gridPopulation / perHousehold),
          terrain,
          centre: { lng: round6(gWest + side / 2), lat: round6(gNorth - side / 2) },
          boundary: rectangle(gWest, gNorth - side, gWest + side, gNorth),
          grade:
            terrain === 'mountain'
              ? 'A'
              : terrain === 'plain'
                ? rng.pick(['A', 'B'] as const)
                : rng.pick(['B', 'C'] as const),
        });
        units.push({
          key: gridKey(t, v, g),
          name: villageName + gridName,
          shortName: gridName,
          kind: 'grid',
          jurisdictionCode: gridCode,
          parentKey: villageKey(t, v),
          phone: mobilePhone(rng),
          duty: '网格巡查、入户走访、隐患上报、政策宣传',
        });
      }
    });
    twpJurisdiction.households = twpHouseholds;
    districtHouseholds += twpHouseholds;
  });

  const district = at(jurisdictions, 1);
  district.households = districtHouseholds;

  return {
    tenant: { code: DEMO_DISTRICT_CODE, name: CITY_NAME + DISTRICT_NAME },
    cityCode: DEMO_CITY_CODE,
    districtCode: DEMO_DISTRICT_CODE,
    jurisdictions,
    units,
    staff: demoStaff(units, new Random(20240601, 'staff')),
  };
}

const SECTION_DUTIES: Record<SectionSlug, string> = {
  safety: '平安建设、矛盾纠纷调解、信访维稳',
  construction: '村镇建设、违法建设治理、环境整治、物业指导',
  social: '民政、社会救助、养老助残、退役军人服务',
  agri: '农业技术推广、农业补贴、林果生产服务',
  community: '社区建设、物业管理指导、居民议事',
  hotline: '接诉即办工单签收、转派、督办和回访',
};

/** The named demo logins (fixed), then ~30 more staff spread over the units. */
function demoStaff(units: readonly DemoUnit[], rng: Random): DemoStaff[] {
  const unitKeys = new Set(units.map((u) => u.key));
  const staff: DemoStaff[] = [];
  const add = (
    username: string,
    displayName: string,
    gender: Gender,
    unitKey: string,
    role: Role,
    title: string,
  ): void => {
    if (!unitKeys.has(unitKey)) throw new Error(`demo staff ${username}: no unit ${unitKey}`);
    staff.push({ username, displayName, phone: mobilePhone(rng), gender, unitKey, role, title });
  };

  add('admin', '周立群', 'male', 'centre', 'admin', '系统管理员');
  add('dispatcher', '孙晓燕', 'female', 'centre', 'dispatcher', '派单员');
  add('agent', '陈思雨', 'female', 'centre', 'agent', '话务员');
  add('leader', '刘建国', 'male', townshipKey(1), 'unit_leader', '副乡长（分管接诉即办）');
  add('street', '王海涛', 'male', townshipKey(1), 'handler', '接诉即办专班工作人员');
  add('village', '赵春生', 'male', villageKey(1, 1), 'handler', '村委会委员');
  add('grid', '李桂芝', 'female', gridKey(1, 1, 1), 'grid_worker', '网格员');
  add('dept', '马骏', 'male', 'dept-urban', 'handler', '接诉即办联络员');
  add('supervisor', '郑文华', 'female', 'centre', 'supervisor', '督办科科长');

  const used = new Set(staff.map((s) => s.displayName));
  const more = (username: string, unitKey: string, role: Role, title: string): void => {
    let gender: Gender = rng.chance(0.5) ? 'male' : 'female';
    let name = personName(rng, gender).name;
    while (used.has(name)) {
      gender = rng.chance(0.5) ? 'male' : 'female';
      name = personName(rng, gender).name;
    }
    used.add(name);
    add(username, name, gender, unitKey, role, title);
  };

  // The 12345 desk: agents take calls and do callbacks, dispatchers route.
  for (let i = 2; i <= 5; i++) more(`agent${i}`, 'centre', 'agent', '话务员');
  more('callback1', 'centre', 'agent', '回访员');
  more('callback2', 'centre', 'agent', '回访员');
  more('dispatcher2', 'centre', 'dispatcher', '派单员');
  more('dispatcher3', 'centre', 'dispatcher', '派单员');
  more('supervisor2', 'centre', 'supervisor', '督办专员');

  more('dept-urban-leader', 'dept-urban', 'unit_leader', '副主任');
  for (const key of [
    'dept-water',
    'dept-housing',
    'dept-hrss',
    'dept-market',
    'dept-transport',
    'dept-eco',
    'dept-civil',
    'dept-agri',
    'dept-police',
    'dept-health',
  ]) {
    more(`${key}-handler`, key, 'handler', '接诉即办联络员');
  }

  more('twp-2-leader', townshipKey(2), 'unit_leader', '副镇长');
  more('twp-2-handler', townshipKey(2), 'handler', '接诉即办专班工作人员');
  more('twp-3-leader', townshipKey(3), 'unit_leader', '副主任');
  more('twp-3-handler', townshipKey(3), 'handler', '接诉即办专班工作人员');
  more('sec-1-construction-handler', sectionKey(1, 'construction'), 'handler', '科员');
  more('sec-1-social-handler', sectionKey(1, 'social'), 'handler', '科员');
  more('sec-3-construction-handler', sectionKey(3, 'construction'), 'handler', '科员');

  more('vil-1-1-leader', villageKey(1, 1), 'unit_leader', '村党支部书记、村委会主任');
  more('vil-1-2-handler', villageKey(1, 2), 'handler', '村委会委员');
  more('vil-2-1-handler', villageKey(2, 1), 'handler', '社区居委会委员');
  more('vil-3-2-handler', villageKey(3, 2), 'handler', '社区居委会委员');
  more('grid-1-1-2-worker', gridKey(1, 1, 2), 'grid_worker', '网格员');
  more('grid-1-2-1-worker', gridKey(1, 2, 1), 'grid_worker', '网格员');
  more('grid-2-1-1-worker', gridKey(2, 1, 1), 'grid_worker', '网格员');
  more('grid-3-2-1-worker', gridKey(3, 2, 1), 'grid_worker', '网格员');
  // The district government's duty leader: handles what townships escalate (上交/提级).
  more('district-leader', 'district-gov', 'unit_leader', '区政府副秘书长');
  // [Grid] 一令到底: village 1-1 has a worker login on each of its three grids.
  more('grid-1-1-3-worker', gridKey(1, 1, 3), 'grid_worker', '网格员');
  return staff;
}
