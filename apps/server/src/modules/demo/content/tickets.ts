// Demo ticket drafts: invented requests spread over a period, each with the steps (with texts) of
// its life up to the end of the period and the state they reach. Each story runs on the demo's
// time limits and working calendar, so that the state follows from the ticket's age the way it
// does in a working district. Pure: a function of its options.
import type {
  ObjectionReason,
  ObjectionVerdict,
  ReplyChannel,
  Satisfaction,
  SpecialRoute,
  TicketType,
  TimeLimit,
  Urgency,
} from '@jiesu/contracts';
import { catalogueLeaves, type CaseSpec, type LeafSpec } from './catalogue.js';
import { demoTimeLimitPolicies, type DemoCategory } from './categories.js';
import { knowledgeEntries, type KnowledgeEntry } from './knowledge.js';
import { honorific, person, type DemoPerson, type Gender } from './names.js';
import type { DemoJurisdiction, DemoOrg, DemoUnit, LngLat, Terrain } from './org.js';
import { Random, WeightedTable, at } from './prng.js';
import { publishedChinaCalendar } from '../../calendar/holidays.js';
import { CHINA_CALENDAR_SETTINGS, WorkingCalendar } from '../../calendar/deadline.js';
import { pickPolicy } from '../../calendar/policy.js';
import {
  CONVENE_RESOURCES,
  DUE_HOURS,
  HOLDER_PROGRESS,
  WHISTLE_POOL,
  conveneNote,
  decorateDrafts,
  escalationReason,
  partText,
  passDownNote,
  pullBackReason,
  reportInNote,
  sendUpReason,
  whistleTopic,
} from './dispatch.js';

export type DemoChannel =
  'hotline' | 'web' | 'wechat' | 'walk_in' | 'grid_patrol' | 'upstream' | 'api' | 'suggestion_box';

/** The state a draft has reached at the end of the period; the `closed_*` values name the story too. */
export type DemoPlannedState =
  | 'answered_directly'
  | 'received'
  | 'dispatched'
  | 'accepted'
  | 'in_progress'
  | 'feedback_given'
  | 'replied'
  | 'awaiting_callback'
  | 'closed_solved'
  /** Unsolved at the first callback, reopened, handled again, then solved. */
  | 'closed_unsolved_reopened'
  /** Unsolved at the callback and closed as such: the request lies beyond what can be done. */
  | 'closed_unsolved'
  /** Transferred at intake to a special route (110, arbitration…) and closed. */
  | 'transferred'
  /** A repeat of a ticket still being handled, answered with its progress at intake. */
  | 'answered_with_progress'
  /** A duplicate merged into a master ticket; the master's reply is relayed to it. */
  | 'merged';

/** How a ticket's story ends, when the period is long enough to tell all of it. */
type Fate = 'answered_directly' | 'closed_solved' | 'closed_unsolved_reopened' | 'closed_unsolved';

export interface DemoRequester {
  /** Null when the requester stayed anonymous; sometimes only a surname (王先生) on the phone. */
  name: string | null;
  phone: string;
  gender: Gender;
  anonymous: boolean;
  confidential: boolean;
}

export interface DemoFeedback {
  /** 处理结果: what the unit did. */
  result: string;
  /** The reply text the unit proposes for the requester. */
  replyText: string;
}

export interface DemoCallback {
  solved: boolean;
  satisfaction: Satisfaction;
  comment: string;
}

/**
 * One step of the story, in time order, named after the workflow actions of the contracts
 * (plus `create`). Unit keys say which unit acts; the inserter picks a staff member of it
 * holding a role the action needs. Other tickets are named by their `ref`.
 */
export type DemoStep =
  | { action: 'create'; at: Date; unitKey: string | null }
  | { action: 'answer_directly'; at: Date; unitKey: string; answer: string; knowledgeKey: string }
  | {
      action: 'dispatch';
      at: Date;
      unitKey: string;
      leadUnitKey: string;
      coUnitKeys: string[];
      urgency: Urgency;
    }
  | { action: 'accept'; at: Date; unitKey: string }
  | { action: 'start_handling'; at: Date; unitKey: string }
  | { action: 'add_progress'; at: Date; unitKey: string; text: string; toUnitKey: string | null }
  | { action: 'give_feedback'; at: Date; unitKey: string; result: string; replyText: string }
  | { action: 'send_reply'; at: Date; unitKey: string; replyText: string; channel: ReplyChannel }
  | { action: 'queue_callback'; at: Date; unitKey: string }
  // [Handling] the reviewer closes an "unsolved" callback (回访复核).
  | { action: 'review_callback'; at: Date; unitKey: string; decision: 'close'; reason: string }
  | {
      action: 'record_callback';
      at: Date;
      unitKey: string;
      solved: boolean;
      satisfaction: Satisfaction;
      reopen: boolean;
      comment: string;
    }
  // [Dispatch] intake: special routes, repeats, merging (the platform relays the master's reply).
  | { action: 'transfer'; at: Date; unitKey: string; route: SpecialRoute; note: string }
  | {
      action: 'answer_with_progress';
      at: Date;
      unitKey: string;
      relatedRef: string;
      answer: string;
    }
  | { action: 'merge_into'; at: Date; unitKey: string; masterRef: string; note: string }
  | { action: 'relay_reply'; at: Date; unitKey: null; masterRef: string; replyText: string }
  // 首接负责: the lead unit objects, the dispatch centre reviews (upheld: reassigned).
  | { action: 'object'; at: Date; unitKey: string; reason: ObjectionReason; text: string }
  | {
      action: 'review_objection';
      at: Date;
      unitKey: string;
      verdict: ObjectionVerdict;
      note: string;
      /** The unit it is reassigned to, when upheld. */
      newLeadUnitKey: string | null;
      dispatchFault: boolean | null;
    }
  // 协办: a co-unit signs for its task and reports its part.
  | { action: 'accept_task'; at: Date; unitKey: string }
  | { action: 'report_part'; at: Date; unitKey: string; text: string }
  // 吹哨报到: the township's leader summons departments; each reports in.
  | {
      action: 'blow_whistle';
      at: Date;
      unitKey: string;
      summonedKeys: string[];
      topic: string;
      dueHours: number;
    }
  | { action: 'report_in'; at: Date; unitKey: string; note: string | null }
  // 三上三下: the holder passes it down (to a person, for a grid), and it comes back up.
  | {
      action: 'pass_down';
      at: Date;
      unitKey: string;
      toUnitKey: string;
      /** The grid worker it is passed to by name (a demo login without prefix). */
      toUsername: string | null;
      note: string;
    }
  | { action: 'pull_back'; at: Date; unitKey: string; reason: string }
  | { action: 'send_up'; at: Date; unitKey: string; reason: string }
  | {
      action: 'convene';
      at: Date;
      unitKey: string;
      sectionKeys: string[];
      note: string;
      resources: string;
    };

export interface DemoPlannedPath {
  finalState: DemoPlannedState;
  /**
   * The lead unit at the end of the period (after a reassignment, the new one); null when it
   * was never dispatched (closed at intake, or still received).
   */
  leadUnitKey: string | null;
  coUnitKeys: string[];
  /**
   * Units the work is passed down to, in order: a section (a progress note inside the
   * township), or a village committee and a grid (pass_down, 三上三下).
   */
  passDownKeys: string[];
  knowledgeKey: string | null;
  /** The answer given at intake (answered_directly only). */
  answer: string | null;
  /** The final round's feedback, once given. */
  feedback: DemoFeedback | null;
  /** The reply sent to the requester, once sent. */
  reply: string | null;
  /** The final callback, once recorded. */
  callback: DemoCallback | null;
  /** For reopened tickets: the first round that the requester called unsolved. */
  firstRound: { feedback: DemoFeedback; callback: DemoCallback } | null;
  /**
   * The completion deadline of the current round (from the dispatch, or the reopen), as the
   * seeder's engine computes it from the demo's time limits and the working calendar; null
   * until dispatched.
   */
  completionDueAt: Date | null;
  steps: DemoStep[];
}

export interface DemoTicketDraft {
  /** Stable reference within one generation, in time order: 'demo-00001'. */
  ref: string;
  channel: DemoChannel;
  type: TicketType;
  /** A leaf category. */
  categoryCode: string;
  title: string;
  description: string;
  address: string;
  /** A village/community or a grid. */
  jurisdictionCode: string;
  point?: LngLat;
  requester: DemoRequester;
  urgency: Urgency;
  receivedAt: Date;
  /** The unit complained about, for some complaints; never the lead unit. */
  subjectUnitKey: string | null;
  /** The upstream platform's id, for the 'upstream' channel. */
  upstreamId: string | null;
  plannedPath: DemoPlannedPath;
}

export interface DemoTicketOptions {
  count: number;
  seed: number;
  start: Date;
  end: Date;
  org: DemoOrg;
  categories: readonly DemoCategory[];
}

// ---------------------------------------------------------------------------------------------
// Time: the district runs on China Standard Time (UTC+8, no daylight saving).

/** [Handling] what the reviewer records closing an "unsolved" callback. */
const REVIEW_CLOSE_REASON = '经复核,诉求超出承办单位职责范围,已向诉求人解释说明,按未解决办结';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;
const CST = 8 * HOUR;

const localHour = (ms: number): number => new Date(ms + CST).getUTCHours();
const localMonth = (ms: number): number => new Date(ms + CST).getUTCMonth();
const localDayStart = (ms: number): number => Math.floor((ms + CST) / DAY) * DAY - CST;
const isWeekend = (ms: number): boolean => {
  const d = new Date(ms + CST).getUTCDay();
  return d === 0 || d === 6;
};
const monthDay = (ms: number): string => {
  const d = new Date(ms + CST);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
};

/** Relative call volume by local hour: busy mornings and afternoons, quiet nights. */
const DAY_PROFILE = [
  0.3, 0.2, 0.15, 0.1, 0.1, 0.2, 0.6, 1.2, 2.5, 3.2, 3.2, 2.8, 1.8, 2, 2.8, 3, 2.8, 2.2, 1.6, 1.6,
  1.5, 1.2, 0.8, 0.5,
];
/** Noise complaints come in the evening and at night. */
const NIGHT_PROFILE = [
  2, 1.6, 1, 0.5, 0.3, 0.4, 0.8, 1, 1, 1, 1, 1, 1.2, 1, 1, 1, 1, 1, 1.2, 1.8, 2.4, 3, 3.2, 2.8,
];
const dayHours = new WeightedTable(DAY_PROFILE.map((w, h) => [h, w] as const));
const nightHours = new WeightedTable(NIGHT_PROFILE.map((w, h) => [h, w] as const));

/** Moves a moment into office hours (8:00–18:30), the next morning if needed. */
function officeTime(ms: number, rng: Random): number {
  const h = localHour(ms);
  if (h >= 8 && (h < 18 || (h === 18 && new Date(ms + CST).getUTCMinutes() < 30))) return ms;
  const dayStart = localDayStart(ms);
  const next = h < 8 ? dayStart : dayStart + DAY;
  return next + 8 * HOUR + rng.int(0, 90) * MINUTE;
}

/** The callback desk works 9:00–20:00. */
function callbackTime(ms: number, rng: Random): number {
  const h = localHour(ms);
  if (h >= 9 && h < 20) return ms;
  const dayStart = localDayStart(ms);
  const next = h < 9 ? dayStart : dayStart + DAY;
  return next + 9 * HOUR + rng.int(0, 120) * MINUTE;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary for the slots. Everything invented.

const ROADS: Record<Terrain, readonly string[]> = {
  urban: [
    '青岚大街',
    '府前街',
    '滨河路',
    '翠湖路',
    '兴业南街',
    '文化街',
    '新华路',
    '康乐路',
    '建设东路',
    '育才路',
  ],
  plain: ['柳林大街', '前营路', '南河路', '镇府街', '柳园路', '工业东路', '京岚公路'],
  mountain: ['石峪路', '北岭路', '沟口路', '杏花路', '岭上路', '石峪环线'],
};
const SCHOOLS: Record<Terrain, readonly string[]> = {
  urban: ['青岚第二小学', '青岚实验小学', '青岚第一中学', '翠湖小学', '滨河小学'],
  plain: ['柳林镇中心小学', '柳林镇中学', '前营小学'],
  mountain: ['石峪中心小学', '石峪中学'],
};
const KINDERGARTENS: Record<Terrain, readonly string[]> = {
  urban: ['青岚第一幼儿园', '翠湖幼儿园', '童心幼儿园', '小橡树幼儿园'],
  plain: ['柳林镇中心幼儿园', '小太阳幼儿园'],
  mountain: ['石峪中心幼儿园'],
};
const CROPS: Record<Terrain, readonly string[]> = {
  urban: ['蔬菜', '大桃'],
  plain: ['玉米', '小麦', '大桃', '葡萄', '蔬菜', '草莓'],
  mountain: ['板栗', '核桃', '大桃', '苹果', '杏', '梨'],
};
const HOSPITALS = ['青岚区医院', '青岚区中医医院', '青岚区妇幼保健院', '燕川市第三医院'];
const SHOPS = [
  '惠民超市',
  '鑫源便利店',
  '老王五金店',
  '益康大药房',
  '金凤百货',
  '宏达建材店',
  '好邻居便利店',
  '福满多超市',
  '万家福超市',
  '利民粮油店',
  '丰收农资店',
  '顺心家电行',
];
const RESTAURANTS = [
  '老街炸酱面馆',
  '川香阁饭庄',
  '张记烧烤',
  '好运来饺子馆',
  '农家小院餐厅',
  '兰州牛肉拉面馆',
  '喜家宴酒楼',
  '一品麻辣烫',
  '小蔡羊蝎子',
  '老魏家卤肉馆',
];
const COMPANIES = [
  '燕川宏达建筑工程有限公司',
  '青岚恒信物流有限公司',
  '燕川华腾装饰工程有限公司',
  '青岚鑫隆商贸有限公司',
  '燕川泰和物业管理有限公司',
  '青岚众诚家政服务有限公司',
  '燕川顺安保安服务有限公司',
  '青岚富源食品有限公司',
  '燕川绿野农业发展有限公司',
  '青岚金石机械加工厂',
];
/** Building sites, named after the place so that a village's site is not in another township. */
const SITES = [
  '{twp}安置房项目',
  '{road}管线改造工程',
  '{v}道路改造工程',
  '{twp}文体中心项目',
  '{road}雨污分流工程',
  '{estate}综合整治工程',
];
const AGENCIES = ['启明星教育', '博学堂培训学校', '小天才艺术中心', '优学课堂', '乐动体育'];
const CLUBS = [
  '康体健身中心',
  '丽人美发工作室',
  '洁车坊洗车店',
  '海豚游泳馆',
  '悦享瑜伽馆',
  '名匠美容院',
];
const SCENIC = ['石峪大峡谷景区', '杏花岭景区', '北岭森林公园', '燕川湖湿地公园'];
const INNS = ['山里人家民宿', '云栖小院', '杏林山居', '石峪人家', '半山小院', '溪畔民宿'];
const BUSES = ['青岚3路', '青岚7路', '青岚12路', '青岚15路', '青岚21路', '燕川902路'];
const DAYTIMES = ['上午8点左右', '上午10点多', '中午12点半', '下午3点', '下午5点多', '傍晚6点'];
const CLOCKS = ['夜里10点多', '夜里11点', '半夜12点', '凌晨1点', '凌晨2点多'];
const ESTATE_SUFFIXES = ['家园', '西里', '东里', '小区', '嘉园', '花园', '北区', '南区', '新村'];
const RURAL_SPOTS = [
  '{v}村委会门口',
  '{v}村东口',
  '{v}村西头',
  '{v}{grp}组路口',
  '{v}村民广场',
  '{v}文化活动室旁',
  '{v}村南的桥头',
  '{v}村北的小路上',
  '{v}{grp}组大槐树下',
  '{v}小卖部门口',
];
const URBAN_SPOTS = [
  '{estate}南门',
  '{estate}北门外',
  '{estate}{bldg}楼下',
  '{estate}地下车库入口',
  '{estate}东侧绿地',
  '{road}{num}号附近',
  '{road}公交站附近',
  '{estate}西门外的便道',
];

type Voice = 'first' | 'third' | 'patrol';

const VOICE: Record<Voice, { i: string; we: string; elder: string[]; child: string[] }> = {
  first: {
    i: '我',
    we: '我们',
    elder: ['我父亲', '我母亲', '家里老人', '我爷爷', '我奶奶'],
    child: ['我家孩子', '我儿子', '我女儿'],
  },
  third: {
    i: '其',
    we: '周边居民',
    elder: ['其父亲', '其母亲', '其家中老人'],
    child: ['其孩子', '其儿子', '其女儿'],
  },
  patrol: {
    i: '居民',
    we: '周边居民',
    elder: ['辖区一位老人'],
    child: ['辖区居民的孩子'],
  },
};

const CHANNEL_VOICE: Record<DemoChannel, Voice> = {
  hotline: 'third',
  upstream: 'third',
  walk_in: 'third',
  web: 'first',
  wechat: 'first',
  api: 'first',
  suggestion_box: 'first',
  grid_patrol: 'patrol',
};

const PREFIXES: Record<DemoChannel, readonly string[]> = {
  hotline: [
    '来电人反映：',
    '市民来电反映：',
    '来电人称：',
    '来电人为{v}{resident}，反映：',
    '诉求人来电反映：',
  ],
  upstream: ['市级平台转办，来电人反映：', '市民热线转来诉求，来电人称：'],
  walk_in: ['{resident}到{v}我来办工作室反映：', '{resident}到{v}说事室反映：'],
  web: ['', '您好，', '我是{v}{resident}，', '我是{v}的{resident}，'],
  wechat: ['', '你好，', '我是{v}{resident}，', '我住在{v}，'],
  api: ['', '您好，', '我是{v}{resident}，'],
  suggestion_box: ['说事箱来信：', '说事箱留言：'],
  grid_patrol: ['网格员日常巡查发现：', '网格员巡查时发现：', '网格员入户走访时了解到：'],
};

const REPORT_PREFIXES: Record<Voice, readonly string[]> = {
  first: ['我要举报：', '实名举报：', '举报：'],
  third: ['来电人举报：', '市民来电举报：', '来电人实名举报：'],
  patrol: ['网格员巡查发现：'],
};
const CONSULT_PREFIXES: Record<Voice, readonly string[]> = {
  first: ['请问：', '您好，想咨询一下：', '我是{v}{resident}，想问一下：', '你好，'],
  third: [
    '来电人咨询：',
    '来电人称其家住{home}，咨询：',
    '市民来电咨询：',
    '来电人（{v}{resident}）咨询：',
  ],
  patrol: ['网格员代居民咨询：'],
};
const WALK_IN_CONSULT_PREFIXES = [
  '{resident}到{v}我来办工作室咨询：',
  '{resident}到{v}便民服务站咨询：',
];
const HELP_ASKS: Record<Voice, readonly string[]> = {
  first: ['希望{want}。', '麻烦帮忙{want}，谢谢！', '请相关部门{want}。', '恳请{want}。'],
  third: ['来电人希望{want}。', '诉求人希望{want}。', '来电人请相关部门{want}。'],
  patrol: ['需相关部门{want}。', '已拍照留存，请相关部门{want}。'],
};
const COMPLAINT_HISTORY: Record<Voice, readonly string[]> = {
  first: [
    '{i}已于{date}向相关部门反映过，至今没有解决。',
    '之前反映过好几次，一直没人管。',
    '',
    '',
  ],
  third: [
    '来电人称已于{date}反映过，至今未解决。',
    '来电人表示此前多次反映未果，情绪较为激动。',
    '',
    '',
  ],
  patrol: [''],
};
const COMPLAINT_ASKS: Record<Voice, readonly string[]> = {
  first: ['要求{want}。', '强烈要求{want}！', '希望{want}，给个说法。'],
  third: ['来电人要求{want}。', '诉求人要求{want}，并希望尽快给予答复。'],
  patrol: ['需相关部门{want}。'],
};
const REPORT_ASKS: Record<Voice, readonly string[]> = {
  first: ['请执法部门依法查处。', '请相关部门尽快核查处理。', '希望{want}。'],
  third: ['来电人要求相关部门依法查处。', '来电人希望{want}。'],
  patrol: ['请相关部门{want}。', '已上报，请相关部门依法处置。'],
};
const SUGGESTION_ASKS: Record<Voice, readonly string[]> = {
  first: ['建议{suggest}。', '{i}建议{suggest}，希望能够采纳。'],
  third: ['来电人建议{suggest}。', '诉求人建议{suggest}。'],
  patrol: ['建议{suggest}。'],
};
/** Optional details between the matter and the request, so that texts vary in length and tone. */
const EXTRAS: Record<Voice, readonly string[]> = {
  first: [
    '有需要可以随时电话联系我。',
    '白天上班不方便接电话，请傍晚联系。',
    '{i}家里有老人，希望能尽快处理。',
    '相关材料和照片都可以提供。',
  ],
  third: [
    '来电人表示这一情况已持续较长时间。',
    '工作人员可先电话联系来电人，白天不方便时可发短信。',
    '来电人情绪平稳，希望尽快处理。',
    '来电人称可提供相关材料和照片。',
  ],
  patrol: ['网格员已登记台账，将持续跟踪。'],
};
/** Extra details that only fit matters of public places (facilities, environment, traffic, safety). */
const PUBLIC_EXTRAS: Record<Voice, readonly string[]> = {
  first: [
    '这个问题已经影响到周边{resident}的正常生活。',
    '附近不少{resident}都有同样的感受。',
    '已经拍了照片，可以提供给工作人员。',
  ],
  third: [
    '来电人称周边{resident}对此反映强烈。',
    '来电人同意工作人员上门查看。',
    '来电人称可提供现场照片。',
  ],
  patrol: ['网格员已现场拍照取证，并提醒周边居民注意安全。'],
};
const isPublicMatter = (code: string): boolean => /^(01|02|03|09)/.test(code);
/** The last resort for a text that is still too short. */
const CALL_BACK: Record<Voice, string> = {
  first: '方便的话请电话回复我，谢谢。',
  third: '来电人希望工作人员电话答复。',
  patrol: '请相关部门予以答复。',
};
const CONSULT_TAILS: Record<Voice, readonly string[]> = {
  first: ['麻烦给解答一下，谢谢。', '希望工作人员给予解答。', ''],
  third: ['请给予解答。', ''],
  patrol: [''],
};

const REPLY_TEMPLATES = [
  '{hon}您好，您反映的{topic}问题，经{unitShort}核实办理，{outcome}。感谢您对我们工作的支持。',
  '{hon}您好！关于您反映的{topic}问题，{unitShort}已进行处理：{outcome}。如仍有问题，请再次拨打12345反映。',
  '您好，您的诉求已由{unitShort}办理完毕，处理结果：{outcome}。感谢您的理解与支持。',
];
const REOPEN_RESULT =
  '针对回访中诉求人反映的问题，{unit}于{fdate}再次组织人员到现场核实，重新制定了处置方案，目前{outcome}，已请诉求人确认。';
const CONSULT_RESULT =
  '{fdate}，{unit}工作人员电话联系诉求人，就其咨询的“{topic}”相关问题进行了解答，并告知了办理渠道和所需材料，诉求人表示清楚。';

const COMMENTS: Record<Satisfaction | 'unsolved', readonly string[]> = {
  satisfied: [
    '问题已经解决了，很满意',
    '处理得很及时，谢谢',
    '工作人员态度很好，问题解决了',
    '已经修好了，非常感谢',
    '回复很详细，满意',
  ],
  basically_satisfied: [
    '问题解决了，就是时间有点长',
    '基本解决了，希望以后多注意',
    '解决了，但中间沟通不太及时',
    '还行，比之前好多了',
  ],
  dissatisfied: ['问题是解决了，但来回折腾了好几趟', '拖得太久了，早就该办了'],
  unsolved: [
    '说是处理了，可问题还在',
    '根本没人来过，问题依旧',
    '只处理了一部分，还没彻底解决',
    '过了两天又恢复原样了',
  ],
};

const CLOSED_UNSOLVED_COMMENTS = [
  '问题还是没解决，不过工作人员把原因讲清楚了',
  '说是不符合政策，暂时没办法',
  '答复是收到了，但问题没有解决',
  '理解有难处，但问题还在',
];

/** Progress notes of a difficult case whose second round drags on. */
const HARD_PROGRESS = [
  '已组织相关方现场协调，各方意见分歧较大，正在研究处置方案',
  '问题涉及历史遗留，已提请上级部门会商',
  '已召开议事协调会，初步形成解决方案，正在征求诉求人意见',
  '已约谈相关责任单位，督促限期整改，持续跟进中',
  '正在协调资金和施工队伍，待条件具备后实施',
];

// ---------------------------------------------------------------------------------------------
// The org, indexed for generation.

interface Place {
  village: DemoJurisdiction;
  township: DemoJurisdiction;
  townshipTerrain: Terrain;
  terrain: Terrain;
  grids: DemoJurisdiction[];
  gridTable: WeightedTable<DemoJurisdiction>;
  estates: string[];
  twpUnit: DemoUnit;
  villageUnit: DemoUnit;
  sectionBySlug: Map<string, DemoUnit>;
  gridUnitByCode: Map<string, DemoUnit>;
}

interface OrgIndex {
  places: Place[];
  /** By village or grid code. */
  placeByCode: Map<string, Place>;
  unitByKey: Map<string, DemoUnit>;
  gridWorkerByGridKey: Map<string, DemoOrg['staff'][number]>;
  /** The governments of townships and streets (they whistle and are watched by the district). */
  townshipKeys: Set<string>;
}

function indexOrg(org: DemoOrg): OrgIndex {
  const byCode = new Map(org.jurisdictions.map((j) => [j.code, j]));
  const unitByKey = new Map(org.units.map((u) => [u.key, u]));
  const unitsByJurisdiction = new Map<string, DemoUnit[]>();
  for (const u of org.units) {
    const list = unitsByJurisdiction.get(u.jurisdictionCode) ?? [];
    list.push(u);
    unitsByJurisdiction.set(u.jurisdictionCode, list);
  }
  const governmentOf = (code: string): DemoUnit => {
    const unit = unitsByJurisdiction.get(code)?.find((u) => u.kind === 'government');
    if (!unit) throw new Error(`demo org: no government unit for jurisdiction ${code}`);
    return unit;
  };
  const places: Place[] = [];
  for (const village of org.jurisdictions) {
    if (village.level !== 'village') continue;
    const township = byCode.get(village.parentCode ?? '');
    if (!township) throw new Error(`demo org: village ${village.code} has no township`);
    const grids = org.jurisdictions.filter((j) => j.parentCode === village.code);
    const twpUnit = governmentOf(township.code);
    const sectionBySlug = new Map<string, DemoUnit>();
    for (const u of org.units) {
      if (u.kind === 'section' && u.parentKey === twpUnit.key) {
        sectionBySlug.set(u.key.slice(u.key.lastIndexOf('-') + 1), u);
      }
    }
    const gridUnitByCode = new Map<string, DemoUnit>();
    for (const g of grids) {
      const unit = unitsByJurisdiction.get(g.code)?.find((u) => u.kind === 'grid');
      if (unit) gridUnitByCode.set(g.code, unit);
    }
    const base = village.name.replace(/社区$|村$/, '');
    const offset = village.code.split('').reduce((a, c) => a + c.charCodeAt(0), 0);
    const estates = [0, 3, 5].map(
      (k) => base + at(ESTATE_SUFFIXES, (offset + k) % ESTATE_SUFFIXES.length),
    );
    places.push({
      village,
      township,
      townshipTerrain: township.terrain ?? 'plain',
      terrain: village.terrain ?? 'plain',
      grids,
      gridTable: new WeightedTable(grids.map((g) => [g, Math.max(1, g.population)] as const)),
      estates,
      twpUnit,
      villageUnit: governmentOf(village.code),
      sectionBySlug,
      gridUnitByCode,
    });
  }
  if (places.length === 0) throw new Error('demo org: no villages');
  const gridWorkerByGridKey = new Map<string, DemoOrg['staff'][number]>();
  for (const s of org.staff) {
    if (s.role === 'grid_worker' && !gridWorkerByGridKey.has(s.unitKey)) {
      gridWorkerByGridKey.set(s.unitKey, s);
    }
  }
  const placeByCode = new Map<string, Place>();
  for (const p of places) {
    placeByCode.set(p.village.code, p);
    for (const g of p.grids) placeByCode.set(g.code, p);
  }
  return {
    places,
    placeByCode,
    unitByKey,
    gridWorkerByGridKey,
    townshipKeys: new Set(places.map((p) => p.twpUnit.key)),
  };
}

const areaFits = (leaf: LeafSpec, place: Place): boolean => {
  switch (leaf.area) {
    case 'any':
      return true;
    case 'urban':
      return place.terrain === 'urban';
    case 'rural':
      return place.terrain !== 'urban';
    case 'mountain':
      return place.terrain === 'mountain';
  }
};

// ---------------------------------------------------------------------------------------------
// Slot filling.

class Slots {
  private readonly cache = new Map<string, string>();

  constructor(
    private readonly rng: Random,
    private readonly place: Place,
    private readonly voice: Voice,
    private readonly receivedMs: number,
  ) {}

  set(key: string, value: string): void {
    this.cache.set(key, value);
  }

  fill(template: string): string {
    let open = template.indexOf('{');
    if (open < 0) return template;
    let out = '';
    let from = 0;
    while (open >= 0) {
      const close = template.indexOf('}', open);
      if (close < 0) break;
      out += template.slice(from, open) + this.get(template.slice(open + 1, close));
      from = close + 1;
      open = template.indexOf('{', from);
    }
    return out + template.slice(from);
  }

  get(key: string): string {
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const value = this.fill(this.make(key));
    this.cache.set(key, value);
    return value;
  }

  private make(key: string): string {
    const { rng, place } = this;
    const urban = place.terrain === 'urban';
    const v = VOICE[this.voice];
    switch (key) {
      case 'i':
        return v.i;
      case 'we':
        return v.we;
      case 'elder':
        return rng.pick(v.elder);
      case 'child':
        return rng.pick(v.child);
      case 'v':
        return place.village.name;
      case 'twp':
        return place.township.name;
      case 'resident':
        return urban ? '居民' : '村民';
      case 'loc':
        return urban && rng.chance(0.6) ? '{estate}' : '{v}';
      case 'estate':
        return urban ? rng.pick(place.estates) : '{v}';
      case 'grp':
        return String(rng.int(1, 9));
      case 'bldg':
        return `${rng.int(1, 28)}号楼`;
      case 'num':
        return String(rng.int(1, 199));
      case 'home':
        return urban
          ? `{estate}{bldg}${rng.int(1, 6)}单元${rng.int(1, 18)}0${rng.int(1, 4)}`
          : `{v}${rng.int(1, 9)}组${rng.int(1, 80)}号`;
      case 'spot':
        return rng.pick(urban ? URBAN_SPOTS : RURAL_SPOTS);
      case 'road':
        return rng.pick(ROADS[place.townshipTerrain]);
      case 'road2': {
        const road = this.get('road');
        const others = ROADS[place.townshipTerrain].filter((r) => r !== road);
        return rng.pick(others);
      }
      case 'school':
        return rng.pick(SCHOOLS[place.townshipTerrain]);
      case 'kinder':
        return rng.pick(KINDERGARTENS[place.townshipTerrain]);
      case 'crop':
        return rng.pick(CROPS[place.townshipTerrain]);
      case 'hospital':
        return rng.pick(HOSPITALS);
      case 'clinic':
        return urban
          ? rng.pick(['{twp}社区卫生服务中心', '{v}卫生服务站'])
          : rng.pick(['{v}卫生室', '{twp}社区卫生服务中心']);
      case 'shop':
        return rng.pick(SHOPS);
      case 'restaurant':
        return rng.pick(RESTAURANTS);
      case 'company':
        return rng.pick(COMPANIES);
      case 'site':
        return rng.pick(SITES);
      case 'agency':
        return rng.pick(AGENCIES);
      case 'club':
        return rng.pick(CLUBS);
      case 'scenic':
        return rng.pick(SCENIC);
      case 'inn':
        return rng.pick(INNS);
      case 'bus':
        return rng.pick(BUSES);
      case 'station':
        return urban
          ? rng.pick(['{estate}站', '{road}口站', '{road}北站'])
          : rng.pick(['{v}站', '{v}村口站']);
      case 'daytime':
        return rng.pick(DAYTIMES);
      case 'clock':
        return rng.pick(CLOCKS);
      case 'today': {
        const h = localHour(this.receivedMs);
        if (h < 9) return rng.pick(['今天凌晨', '昨天夜里', '今天一早']);
        if (h < 13) return rng.pick(['今天早上', '今天上午', '今天早上6点多']);
        if (h < 18) return rng.pick(['今天上午', '今天中午', '今天下午']);
        return rng.pick(['今天下午', '今天傍晚', '今天下午3点多']);
      }
      case 'date':
        return monthDay(this.receivedMs - rng.int(1, 30) * DAY);
      case 'since':
        return rng.pick([
          `从${monthDay(this.receivedMs - rng.int(3, 25) * DAY)}开始`,
          `自${monthDay(this.receivedMs - rng.int(3, 25) * DAY)}起`,
          '近一周以来',
          '这半个月来',
          '最近一段时间',
          `这${rng.int(3, 9)}天`,
        ]);
      case 'days':
        return String(rng.int(2, 9));
      case 'weeks':
        return String(rng.int(2, 5));
      case 'months':
        return String(rng.int(2, 8));
      case 'n':
        return String(rng.int(2, 9));
      case 'big':
        return String(rng.int(12, 96));
      case 'amount':
        return String(rng.int(30, 580) * 100);
      case 'fee':
        return String(rng.int(4, 60) * 50);
      case 'age':
        return String(rng.int(80, 96));
      case 'age2':
        return String(rng.int(35, 58));
      default:
        throw new Error(`demo ticket texts: unknown slot {${key}}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Generation.

interface LeafEntry {
  code: string;
  spec: LeafSpec;
  knowledge: KnowledgeEntry[];
  /** Ticket types this leaf can produce, with weights. */
  types: [TicketType, number][];
  urbanCases: CaseSpec[];
  ruralCases: CaseSpec[];
}

interface Caller extends DemoPerson {
  place: Place;
  weight: number;
}

const TYPE_CHANNELS: Record<TicketType, [DemoChannel, number][]> = {
  consult: [
    ['hotline', 70],
    ['wechat', 10],
    ['web', 8],
    ['api', 4],
    ['upstream', 4],
    ['walk_in', 4],
  ],
  help: [
    ['hotline', 56],
    ['wechat', 14],
    ['web', 8],
    ['upstream', 6],
    ['api', 3],
    ['walk_in', 7],
    ['grid_patrol', 6],
  ],
  complaint: [
    ['hotline', 60],
    ['wechat', 13],
    ['web', 10],
    ['upstream', 8],
    ['api', 3],
    ['walk_in', 4],
    ['suggestion_box', 2],
  ],
  report: [
    ['hotline', 50],
    ['wechat', 12],
    ['web', 10],
    ['upstream', 5],
    ['api', 3],
    ['walk_in', 3],
    ['grid_patrol', 15],
    ['suggestion_box', 2],
  ],
  suggestion: [
    ['hotline', 36],
    ['wechat', 16],
    ['web', 16],
    ['api', 4],
    ['walk_in', 6],
    ['suggestion_box', 12],
  ],
};

const channelCache = new Map<string, [DemoChannel, number][]>();

/** Channel weights for a type; walk-ins and the suggestion box need office hours. */
function channelWeights(
  type: TicketType,
  office: boolean,
  patrol: boolean,
): [DemoChannel, number][] {
  const key = `${type}|${office}|${patrol}`;
  let weights = channelCache.get(key);
  if (!weights) {
    weights = TYPE_CHANNELS[type].map(([ch, w]): [DemoChannel, number] => {
      if ((ch === 'walk_in' || ch === 'suggestion_box') && !office) return [ch, 0];
      if (ch === 'grid_patrol' && !patrol) return [ch, 0];
      return [ch, w];
    });
    channelCache.set(key, weights);
  }
  return weights;
}

function isOfficeMoment(ms: number): boolean {
  const h = localHour(ms);
  return !isWeekend(ms) && h >= 8 && h < 18;
}

/** How tickets end, for those not answered at intake. */
const FATES: Partial<Record<Fate, number>> = {
  closed_solved: 90,
  /** Unsolved at the first callback, reopened, handled again, then solved. */
  closed_unsolved_reopened: 7,
  closed_unsolved: 3,
};
/** Share of units that report back after the deadline. */
const LATE = 0.075;
/** Share of reopened tickets whose second round drags on for weeks. */
const PROTRACTED = 0.05;
/** Share of township-led tickets on a matter for departments whose township whistles. */
const WHISTLE = 0.07;
/** Share of summoned departments that report in after the whistle's deadline. */
const LATE_REPORT_IN = 0.2;

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const stop = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('！'), cut.lastIndexOf('？'));
  return stop > max / 2 ? cut.slice(0, stop + 1) : cut.slice(0, max - 1) + '。';
}

/** What every draft of one generation shares. */
interface Generation {
  rng: Random;
  /** A stream of its own for the dispatch-era parts of the stories (issue 4). */
  extra: Random;
  index: OrgIndex;
  unit: (key: string) => DemoUnit;
  leaves: LeafEntry[];
  leafTables: WeightedTable<LeafEntry>[];
  dayTable: WeightedTable<number>;
  placeTable: WeightedTable<Place>;
  callerTable: WeightedTable<Caller>;
  startMs: number;
  endMs: number;
  /** The completion deadline of a leaf's ticket (re)dispatched at `fromMs`. */
  dueAt: (categoryCode: string, urgency: Urgency, fromMs: number) => number;
  /** The moment `hours` working hours after `fromMs`, on the working calendar. */
  afterWorkingHours: (fromMs: number, hours: number) => number;
  workingHoursBetween: (fromMs: number, toMs: number) => number;
  isWorkingDay: (ms: number) => boolean;
}

/** One draft; null in the unlikely case that no village suits the leaf picked. */
function draftOne(g: Generation): DemoTicketDraft | null {
  const { rng, index, unit, leaves, leafTables, dayTable, placeTable, callerTable } = g;
  const { startMs, endMs } = g;
  const { places } = index;
  // When.
  let receivedMs = startMs;
  let leaf = at(leaves, 0);
  for (let attempt = 0; attempt < 20; attempt++) {
    const day = dayTable.pick(rng);
    const month = localMonth(day + HOUR);
    const table = at(leafTables, month);
    if (table.size === 0) continue;
    leaf = table.pick(rng);
    const hour = (leaf.spec.night && rng.chance(0.7) ? nightHours : dayHours).pick(rng);
    receivedMs = day + hour * HOUR + rng.int(0, 3599) * 1000;
    if (receivedMs >= startMs && receivedMs <= endMs) break;
    receivedMs = Math.min(Math.max(receivedMs, startMs), endMs);
  }

  // Who and where.
  let caller: Caller | null = null;
  if (rng.chance(0.05)) {
    const c = callerTable.pick(rng);
    if (areaFits(leaf.spec, c.place)) caller = c;
    else {
      for (let k = 0; k < 10 && !caller; k++) {
        const month = localMonth(receivedMs);
        const other = at(leafTables, month).pick(rng);
        if (areaFits(other.spec, c.place)) {
          leaf = other;
          caller = c;
        }
      }
    }
  }
  let place = caller?.place ?? placeTable.pick(rng);
  for (let k = 0; k < 50 && !areaFits(leaf.spec, place); k++) place = placeTable.pick(rng);
  if (!areaFits(leaf.spec, place)) {
    const fitting = places.filter((p) => areaFits(leaf.spec, p));
    if (fitting.length === 0) return null;
    place = rng.pick(fitting);
  }
  const spec = leaf.spec;

  // What kind of request, through which channel.
  let type = rng.weighted(leaf.types);
  const channel = rng.weighted(
    channelWeights(type, isOfficeMoment(receivedMs), spec.patrol === true && caller === null),
  );
  if (channel === 'grid_patrol' && type !== 'report' && type !== 'help') type = 'report';
  const voice = CHANNEL_VOICE[channel];

  const grid = place.gridTable.pick(rng);
  const gridUnit = place.gridUnitByCode.get(grid.code);
  const onGrid = channel === 'grid_patrol' || rng.chance(0.8);

  // Requester.
  let requester: DemoRequester;
  const patrolWorker = gridUnit ? index.gridWorkerByGridKey.get(gridUnit.key) : undefined;
  if (caller) {
    requester = {
      name: caller.name,
      phone: caller.phone,
      gender: caller.gender,
      anonymous: false,
      confidential: rng.chance(0.1),
    };
  } else if (channel === 'grid_patrol' && patrolWorker) {
    requester = {
      name: patrolWorker.displayName,
      phone: patrolWorker.phone,
      gender: patrolWorker.gender,
      anonymous: false,
      confidential: false,
    };
  } else {
    const p = person(rng);
    const anonymous =
      channel !== 'walk_in' &&
      channel !== 'grid_patrol' &&
      rng.chance(type === 'report' ? 0.15 : 0.03);
    const shortName = channel === 'hotline' && rng.chance(0.15);
    requester = {
      name: anonymous ? null : shortName ? honorific(p) : p.name,
      phone: p.phone,
      gender: p.gender,
      anonymous,
      confidential: !anonymous && rng.chance(type === 'report' ? 0.3 : 0.05),
    };
  }

  const urgency: Urgency =
    type === 'consult' || type === 'suggestion'
      ? 'normal'
      : rng.weighted<Urgency>([
          ['emergency', spec.urgency[0]],
          ['urgent', spec.urgency[1]],
          ['normal', spec.urgency[2]],
        ]);

  // Texts.
  const slots = new Slots(rng, place, voice, receivedMs);
  const kbEntry = type === 'consult' && leaf.knowledge.length > 0 ? rng.pick(leaf.knowledge) : null;
  const cases = place.terrain === 'urban' ? leaf.urbanCases : leaf.ruralCases;
  const theCase = rng.pick(cases.length > 0 ? cases : spec.cases);
  let description: string;
  let title: string;
  let topic = spec.name;
  if (type === 'consult') {
    const question = kbEntry ? rng.pick(kbEntry.questions) : rng.pick(spec.asks ?? []);
    const prefix = rng.pick(
      channel === 'walk_in'
        ? WALK_IN_CONSULT_PREFIXES
        : channel === 'grid_patrol'
          ? CONSULT_PREFIXES.patrol
          : CONSULT_PREFIXES[voice],
    );
    description = slots.fill(prefix + question + rng.pick(CONSULT_TAILS[voice]));
    if (kbEntry) topic = kbEntry.item.title;
    title = kbEntry
      ? rng.pick([`咨询${topic}`, `关于${topic}的咨询`, `${topic}相关问题咨询`])
      : `咨询${spec.name}问题`;
  } else {
    const issue = theCase[0];
    const want = rng.pick(spec.wants);
    slots.set('want', slots.fill(want));
    if (spec.suggests) slots.set('suggest', slots.fill(rng.pick(spec.suggests)));
    let prefix = rng.pick(PREFIXES[channel]);
    let ask: string;
    let history = '';
    switch (type) {
      case 'help':
        ask = rng.pick(HELP_ASKS[voice]);
        break;
      case 'complaint':
        history = rng.pick(COMPLAINT_HISTORY[voice]);
        ask = rng.pick(COMPLAINT_ASKS[voice]);
        break;
      case 'report':
        if (voice !== 'patrol' && channel !== 'walk_in' && channel !== 'suggestion_box') {
          prefix = requester.anonymous
            ? voice === 'first'
              ? '匿名举报：'
              : '来电人匿名举报：'
            : rng.pick(REPORT_PREFIXES[voice]);
        }
        ask = rng.pick(REPORT_ASKS[voice]);
        break;
      case 'suggestion':
        ask = rng.pick(SUGGESTION_ASKS[voice]);
        break;
    }
    let extra = '';
    if (rng.chance(0.55)) {
      const pool = isPublicMatter(leaf.code)
        ? [...EXTRAS[voice], ...PUBLIC_EXTRAS[voice]]
        : EXTRAS[voice];
      const [a, b] = rng.shuffle(pool);
      extra = (a ?? '') + (b !== undefined && rng.chance(0.25) ? b : '');
    }
    description = slots.fill(prefix + issue + extra + history + ask);
    if (description.length > 300) description = slots.fill(prefix + issue + ask);
    const base = slots.fill(rng.pick(spec.titles));
    const core = base.replace(/^(反映|投诉|举报|关于)/, '').replace(/(问题|的诉求)$/, '');
    if (type === 'suggestion') {
      title = rng.chance(0.5) ? `关于${slots.get('loc')}${spec.name}的建议` : `建议解决${core}问题`;
    } else if (type === 'report' && !base.startsWith('举报') && rng.chance(0.6)) {
      title = `举报${base.replace(/^(反映|投诉)/, '')}`;
    } else title = base;
  }
  if (title.length > 40) title = clip(`${spec.name}问题`, 40);
  const detailAddress = slots.get(rng.chance(0.5) ? 'home' : 'spot');
  const address =
    place.township.name +
    (detailAddress.startsWith(place.village.name) ? '' : place.village.name) +
    detailAddress;
  // A walk-in is not a call: the record names the resident differently.
  if (channel === 'walk_in') description = description.replaceAll('来电人', '诉求人');
  if (description.length < 40) description += `诉求地址：${address}。`;
  if (description.length < 40) description += CALL_BACK[voice];
  description = clip(description, 300);

  // Where exactly.
  const jurisdictionCode = onGrid ? grid.code : place.village.code;
  const box = (onGrid ? grid.boundary : place.village.boundary)?.coordinates[0];
  let point: LngLat | undefined;
  const withPoint = channel === 'hotline' || channel === 'upstream' ? 0.6 : 0.9;
  if (box && rng.chance(withPoint)) {
    const [w, s] = at(box, 0);
    const [e, nn] = at(box, 2);
    point = {
      lng: Math.round((w + (e - w) * rng.between(0.1, 0.9)) * 1e6) / 1e6,
      lat: Math.round((s + (nn - s) * rng.between(0.1, 0.9)) * 1e6) / 1e6,
    };
  }

  // Who handles it.
  let subjectUnitKey: string | null = null;
  if (type === 'complaint' && spec.subjectVillage && rng.chance(0.5)) {
    subjectUnitKey = place.villageUnit.key;
  }
  let leadUnitKey: string;
  const passDownKeys: string[] = [];
  const section = (spec.sections ?? [])
    .map((s) => place.sectionBySlug.get(s))
    .find((u): u is DemoUnit => u !== undefined);
  const villageMayHandle = subjectUnitKey === null;
  if (spec.to === 'township') {
    leadUnitKey = place.twpUnit.key;
    const r = rng.float();
    if (section && (r < 0.6 || !villageMayHandle)) passDownKeys.push(section.key);
    else if (villageMayHandle && r < 0.9) {
      passDownKeys.push(place.villageUnit.key);
      if (gridUnit && rng.chance(0.3)) passDownKeys.push(gridUnit.key);
    }
  } else if (spec.to === 'village') {
    if ((channel === 'walk_in' || channel === 'grid_patrol') && villageMayHandle) {
      leadUnitKey = place.villageUnit.key;
      if (gridUnit && rng.chance(0.4)) passDownKeys.push(gridUnit.key);
    } else {
      leadUnitKey = place.twpUnit.key;
      if (villageMayHandle) {
        passDownKeys.push(place.villageUnit.key);
        if (gridUnit && rng.chance(0.4)) passDownKeys.push(gridUnit.key);
      } else if (section) passDownKeys.push(section.key);
    }
  } else {
    leadUnitKey = unit(spec.to).key;
  }
  const coUnitKeys: string[] = [];
  if (spec.co && rng.chance(spec.complex ? 0.6 : 0.3)) {
    for (const target of spec.co) {
      if (!rng.chance(0.7)) continue;
      const key =
        target === 'township'
          ? place.twpUnit.key
          : target === 'village'
            ? place.villageUnit.key
            : unit(target).key;
      if (key !== leadUnitKey && key !== subjectUnitKey && !coUnitKeys.includes(key)) {
        coUnitKeys.push(key);
      }
    }
  }
  const lead = unit(leadUnitKey);

  // Story: the ticket's whole life as the district lives it, then cut at the end of the period.
  // What has happened by then decides the state, so the state follows from the time limits: old
  // tickets are closed, recent ones still open, and the few that ran late are overdue.
  const fate: Fate =
    kbEntry !== null && rng.chance(0.75) ? 'answered_directly' : rng.weightedKey<Fate>(FATES);
  // A difficult case (积案): reopened, and the second round drags on for weeks.
  const protracted = fate === 'closed_unsolved_reopened' && rng.chance(PROTRACTED);
  const fast = urgency === 'emergency' || spec.utility !== undefined;

  const steps: DemoStep[] = [];
  const createUnit =
    channel === 'hotline' || channel === 'upstream'
      ? 'centre'
      : channel === 'walk_in' || channel === 'suggestion_box'
        ? place.villageUnit.key
        : channel === 'grid_patrol'
          ? (gridUnit?.key ?? place.villageUnit.key)
          : null;
  steps.push({ action: 'create', at: new Date(receivedMs), unitKey: createUnit });
  // The dispatch-era parts of the story draw from a stream of their own.
  const x = g.extra;
  /** Co-units' tasks (协办) by unit: from the dispatch, or from reporting in to a whistle. */
  const tasks = new Map<string, { state: 'open' | 'accepted' | 'reported'; whistle: boolean }>();
  for (const k of coUnitKeys) tasks.set(k, { state: 'open', whistle: false });
  /** The first round's passing down (三上三下), top first. */
  const chain: Array<{ from: string; to: string; at: number }> = [];
  let startedAt = receivedMs;
  /**
   * A moment of office work: moved into office hours unless the matter runs round the clock,
   * or the office hours come only after `before`.
   */
  const daytime = (ms: number, before: number): number => {
    if (fast) return ms;
    const moved = officeTime(ms, x);
    return moved < before ? moved : ms;
  };

  const hon =
    requester.name === null
      ? ''
      : honorific({ surname: requester.name.slice(0, 1), gender: requester.gender });
  const unitShort =
    lead.kind === 'department' && !lead.shortName.startsWith('区') ? lead.name : lead.shortName;
  const [, resultTemplate, outcomeTemplate] = theCase;
  const outcome = type === 'consult' ? `已电话解答${topic}相关问题` : slots.fill(outcomeTemplate);
  slots.set('unit', lead.name);
  slots.set('outcome', outcome);
  const replyText = (): string =>
    rng
      .pick(REPLY_TEMPLATES)
      .replace('{hon}', hon)
      .replace('{topic}', topic)
      .replace('{unitShort}', unitShort)
      .replace('{outcome}', outcome);
  const solvedCallback = (afterReopen: boolean): DemoCallback => {
    const satisfaction = rng.weightedKey<Satisfaction>(
      afterReopen
        ? { satisfied: 55, basically_satisfied: 35, dissatisfied: 10 }
        : { satisfied: 80, basically_satisfied: 16, dissatisfied: 4 },
    );
    return { solved: true, satisfaction, comment: rng.pick(COMMENTS[satisfaction]) };
  };
  const unsolvedCallback = (): DemoCallback => ({
    solved: false,
    satisfaction: 'dissatisfied',
    comment: rng.pick(COMMENTS.unsolved),
  });
  /** Unsolved, and closed as such: the request lies beyond what the unit can do. */
  const closedUnsolvedCallback = (): DemoCallback => ({
    solved: false,
    satisfaction: rng.weightedKey<Satisfaction>({ dissatisfied: 70, basically_satisfied: 30 }),
    comment: rng.pick(CLOSED_UNSOLVED_COMMENTS),
  });

  /** Accept, start and pass down; returns the time of the last step. */
  const handle = (from: number, second: boolean): number => {
    let t = from;
    if (urgency === 'emergency') t += rng.int(3, 20) * MINUTE;
    else if (spec.utility || urgency === 'urgent') t += rng.int(10, 60) * MINUTE;
    else {
      t = officeTime(t + rng.int(20, 300) * MINUTE, rng);
      // On rest days the duty staff sign some; the rest wait for the next working morning (the
      // response limit counts working hours).
      if (!g.isWorkingDay(t) && rng.chance(0.5)) t = g.afterWorkingHours(t, rng.between(0.1, 1.5));
    }
    // A few units sign late: the response is overdue.
    if (urgency !== 'emergency' && rng.chance(0.07)) {
      t = officeTime(t + rng.int(20, 40) * HOUR, rng);
    }
    steps.push({ action: 'accept', at: new Date(t), unitKey: leadUnitKey });
    // Work starts with a visit: at once for emergencies, within hours for urgent matters, within
    // a working day or two otherwise.
    if (urgency === 'emergency') t += rng.int(1, 10) * MINUTE;
    else if (fast || urgency === 'urgent') t += rng.int(10, 120) * MINUTE;
    else t = g.afterWorkingHours(t, rng.between(1, 14));
    steps.push({ action: 'start_handling', at: new Date(t), unitKey: leadUnitKey });
    startedAt = t;
    if (second) return t;
    let holder = leadUnitKey;
    for (const key of passDownKeys) {
      t += (fast ? rng.int(5, 20) : rng.int(10, 120)) * MINUTE;
      const to = unit(key);
      if (to.kind === 'section') {
        // A section works inside its township: a note, the township keeps the ticket.
        steps.push({
          action: 'add_progress',
          at: new Date(t),
          unitKey: holder,
          text: `已转${to.name}具体承办`,
          toUnitKey: key,
        });
        continue;
      }
      // 三上三下: the village committee, or the grid worker by name, holds it for a while.
      const worker = to.kind === 'grid' ? index.gridWorkerByGridKey.get(key) : undefined;
      steps.push({
        action: 'pass_down',
        at: new Date(t),
        unitKey: holder,
        toUnitKey: key,
        toUsername: worker?.username ?? null,
        note: passDownNote(x, to),
      });
      chain.push({ from: holder, to: key, at: t });
      holder = key;
    }
    return t;
  };

  /**
   * Before the lead reports back, the ticket comes back up the chain: sent up level by level,
   * pulled back by the township, or sent up because the village cannot solve it, whereupon the
   * township's leader convenes its sections (召集科室会商).
   */
  const comeBackUp = (feedback: number): void => {
    const last = chain[chain.length - 1];
    if (!last) return;
    const span = feedback - last.at;
    // One after the other, in office hours where they fit, all before the feedback.
    let cursor = last.at;
    const when = (f: number): Date => {
      let ms = Math.max(daytime(last.at + Math.floor(span * f), feedback), cursor + MINUTE);
      if (ms >= feedback) ms = cursor + Math.floor((feedback - cursor) / 2);
      cursor = ms;
      return new Date(ms);
    };
    const bottom = unit(last.to);
    if (x.chance(0.6)) {
      steps.push({
        action: 'add_progress',
        at: when(0.3),
        unitKey: bottom.key,
        text: x.pick(HOLDER_PROGRESS),
        toUnitKey: null,
      });
    }
    const top = at(chain, 0).from;
    const sections = [...place.sectionBySlug.values()];
    const r = x.float();
    const escalate =
      r < 0.08 && index.townshipKeys.has(top) && unit(at(chain, 0).to).kind === 'government';
    if (!escalate && r < 0.4) {
      steps.push({
        action: 'pull_back',
        at: when(0.75),
        unitKey: top,
        reason: pullBackReason(x, place.township.name),
      });
    } else {
      [...chain].reverse().forEach((d, i) => {
        steps.push({
          action: 'send_up',
          at: when(0.6 + 0.08 * i),
          unitKey: d.to,
          reason:
            escalate && d.from === top
              ? escalationReason(x, place.township.name)
              : sendUpReason(x, unit(d.to), place.township.name),
        });
      });
      if (escalate && sections.length) {
        // The sections whose work the matter is, or the one the leader thinks of.
        const preferred = (spec.sections ?? [])
          .map((slug) => place.sectionBySlug.get(slug))
          .filter((u): u is DemoUnit => u !== undefined);
        const picked = preferred.length ? preferred.slice(0, 2) : [x.pick(sections)];
        steps.push({
          action: 'convene',
          at: when(0.85),
          unitKey: top,
          sectionKeys: picked.map((u) => u.key),
          note: conveneNote(picked, spec.name),
          resources: x.pick(CONVENE_RESOURCES),
        });
      }
    }
    chain.length = 0;
  };

  /**
   * Whether a co-unit is late with its part in the first round: only where the requester
   * later calls the result unsolved, and the ticket is reopened (the part comes then).
   */
  const partLate = (): boolean => fate === 'closed_unsolved_reopened' && x.chance(0.5);

  /**
   * 吹哨报到: now and then a township's leader summons departments to a matter it cannot
   * settle alone; each reports in (most in time, some late) and reports its part.
   */
  const whistle = (feedback: number): void => {
    const pool = (WHISTLE_POOL[spec.name] ?? []).filter((k) => !tasks.has(k));
    if (!index.townshipKeys.has(leadUnitKey) || fast || type === 'consult') return;
    if (pool.length === 0 || !x.chance(WHISTLE)) return;
    const blow = daytime(startedAt + (feedback - startedAt) * x.between(0.05, 0.25), feedback);
    const room = (feedback - blow) / HOUR;
    const options = DUE_HOURS.filter((h) => h * 1.3 <= room * 0.8);
    if (options.length === 0) return;
    const dueHours = x.pick(options);
    const summoned = x.shuffle(pool).slice(0, pool.length > 1 && x.chance(0.3) ? 2 : 1);
    steps.push({
      action: 'blow_whistle',
      at: new Date(blow),
      unitKey: leadUnitKey,
      summonedKeys: summoned,
      topic: whistleTopic(x, place.village.name, spec.name),
      dueHours,
    });
    for (const key of summoned) {
      const late = x.chance(LATE_REPORT_IN);
      // A quick whistle is answered at once; a day's one at the next office hours.
      const target = blow + dueHours * HOUR * (late ? x.between(1.05, 1.3) : x.between(0.1, 0.9));
      const reportIn = dueHours < 24 ? target : daytime(target, feedback);
      steps.push({
        action: 'report_in',
        at: new Date(reportIn),
        unitKey: key,
        note: reportInNote(x),
      });
      tasks.set(key, { state: 'accepted', whistle: true });
      if (!partLate()) {
        const part = daytime(reportIn + (feedback - reportIn) * x.between(0.3, 0.9), feedback);
        steps.push({
          action: 'report_part',
          at: new Date(part),
          unitKey: key,
          text: partText(x, unit(key), unit(leadUnitKey), spec.name, part, true),
        });
        tasks.set(key, { state: 'reported', whistle: true });
      }
    }
  };

  /**
   * 协办: the co-units sign for their tasks and report their parts before the lead reports
   * back. One late with its part (the feedback names it missing) reports it in the second
   * round; so a closed ticket has no unfinished task.
   */
  const coWork = (since: number, feedback: number, second: boolean): void => {
    for (const [key, task] of tasks) {
      if (task.state === 'reported') continue;
      const co = unit(key);
      let accepted: number;
      let report = true;
      if (!second) {
        if (task.whistle) continue;
        if (partLate()) {
          // Signed for, or not even that, before the lead's feedback.
          if (x.chance(0.5)) continue;
          report = false;
        }
        accepted = fast
          ? since + x.int(5, 40) * MINUTE
          : officeTime(since + x.int(30, 360) * MINUTE, x);
        if (accepted >= feedback - MINUTE) {
          accepted = since + (feedback - since) * x.between(0.1, 0.4);
        }
      } else {
        accepted = daytime(since + (feedback - since) * 0.1, feedback);
      }
      if (task.state === 'open') {
        steps.push({ action: 'accept_task', at: new Date(accepted), unitKey: key });
        task.state = 'accepted';
      }
      if (!report) continue;
      const part = daytime(accepted + (feedback - accepted) * x.between(0.4, 0.95), feedback);
      steps.push({
        action: 'report_part',
        at: new Date(part),
        unitKey: key,
        text: partText(x, co, unit(leadUnitKey), spec.name, part, false),
      });
      task.state = 'reported';
    }
  };

  /**
   * When the unit reports back, counted from the (re)dispatch at `from`: nearly always before
   * the deadline `due`, a few late, and a difficult case's second round weeks late.
   */
  const feedbackAt = (from: number, due: number, second: boolean): number => {
    if (second && protracted) return g.afterWorkingHours(due, rng.between(40, 250));
    const late = rng.chance(LATE);
    if (fast) {
      // Round the clock: emergencies within the two hours, utilities within the day.
      const d = urgency === 'emergency' ? rng.int(40, 105) * MINUTE : rng.int(3, 22) * HOUR;
      if (late) return due + Math.min(due - from, DAY) * rng.between(0.1, 0.8);
      return Math.min(from + d, due - rng.int(5, 30) * MINUTE);
    }
    // Late by a few working days; a long holiday does not stretch that to weeks.
    if (late) return Math.min(g.afterWorkingHours(due, rng.between(1, 24)), due + 8 * DAY);
    // In office hours, a share of the working time the limit gives; more of them near its end.
    const share = Math.min(0.98, Math.pow(rng.between(0.1, 1), 0.7));
    return g.afterWorkingHours(from, share * g.workingHoursBetween(from, due));
  };

  /** One handling round from a (re)dispatch at `from`, to its callback. */
  const round = (from: number, second: boolean): number => {
    const due = g.dueAt(leaf.code, urgency, from);
    let t = handle(from, second);
    if (second && protracted) {
      // Meetings and coordination while the matter drags on.
      for (const text of rng.shuffle(HARD_PROGRESS).slice(0, rng.int(1, 3))) {
        t = officeTime(t + rng.between(2, 12) * DAY, rng);
        steps.push({
          action: 'add_progress',
          at: new Date(t),
          unitKey: leadUnitKey,
          text,
          toUnitKey: null,
        });
      }
    }
    t = Math.max(
      t + (fast ? rng.int(5, 20) : rng.int(20, 120)) * MINUTE,
      feedbackAt(from, due, second),
    );
    // Between the start and the feedback: whistles, the chain back up, the co-units' parts.
    if (!second) whistle(t);
    comeBackUp(t);
    coWork(from, t, second);
    slots.set('fdate', monthDay(t));
    const co =
      coUnitKeys.length > 0
        ? `${coUnitKeys.map((k) => unit(k).shortName).join('、')}按职责配合处置。`
        : '';
    const result =
      type === 'consult'
        ? slots.fill(CONSULT_RESULT.replace('{topic}', topic))
        : slots.fill(second ? REOPEN_RESULT : resultTemplate) + (second ? '' : co);
    const fb: DemoFeedback = { result, replyText: replyText() };
    steps.push({
      action: 'give_feedback',
      at: new Date(t),
      unitKey: leadUnitKey,
      result: fb.result,
      replyText: fb.replyText,
    });
    t = callbackTime(t + rng.int(60, 1200) * MINUTE, rng);
    const replyChannel: ReplyChannel =
      channel === 'web' || channel === 'wechat' || channel === 'api'
        ? rng.weightedKey<ReplyChannel>({ web: 5, sms: 3, phone: 2 })
        : rng.weightedKey<ReplyChannel>({ phone: 6, sms: 3, web: 1 });
    steps.push({
      action: 'send_reply',
      at: new Date(t),
      unitKey: 'centre',
      replyText: fb.replyText,
      channel: replyChannel,
    });
    t = callbackTime(t + rng.int(5, 1440) * MINUTE, rng);
    steps.push({ action: 'queue_callback', at: new Date(t), unitKey: 'centre' });
    t = callbackTime(t + rng.int(60, 2880) * MINUTE, rng);
    const reopen = fate === 'closed_unsolved_reopened' && !second;
    const cb = reopen
      ? unsolvedCallback()
      : fate === 'closed_unsolved'
        ? closedUnsolvedCallback()
        : solvedCallback(second);
    steps.push({
      action: 'record_callback',
      at: new Date(t),
      unitKey: 'centre',
      solved: cb.solved,
      satisfaction: cb.satisfaction,
      reopen,
      comment: cb.comment,
    });
    // [Handling] "unsolved" without a reopen waits for the reviewer, who closes it.
    if (!cb.solved && !reopen) {
      t += 30 * MINUTE;
      steps.push({
        action: 'review_callback',
        at: new Date(t),
        unitKey: 'centre',
        decision: 'close',
        reason: REVIEW_CLOSE_REASON,
      });
    }
    return t;
  };

  if (fate === 'answered_directly' && kbEntry) {
    steps.push({
      action: 'answer_directly',
      at: new Date(receivedMs + rng.int(2, 12) * MINUTE),
      unitKey: 'centre',
      answer: `您好，${kbEntry.item.body}`,
      knowledgeKey: kbEntry.item.key,
    });
  } else {
    let t = receivedMs;
    if (urgency === 'emergency') t += rng.int(2, 8) * MINUTE;
    else if (channel === 'hotline' || channel === 'upstream') {
      // Most calls are dispatched at once; some wait for the dispatcher to check them.
      t += (rng.chance(0.85) ? rng.int(3, 25) : rng.int(30, 180)) * MINUTE;
    } else {
      // Online and village submissions wait for the dispatch desk: office hours, and on rest
      // days a duty dispatcher who goes through the queue once, in the morning.
      t = officeTime(t + rng.int(20, 300) * MINUTE, rng);
      if (!g.isWorkingDay(t)) {
        const day = localDayStart(t) + (localHour(t) < 12 ? 0 : DAY);
        t = Math.max(
          t,
          g.isWorkingDay(day + HOUR)
            ? day + 8 * HOUR + rng.int(0, 90) * MINUTE
            : day + 9 * HOUR + rng.int(0, 240) * MINUTE,
        );
      }
    }
    steps.push({
      action: 'dispatch',
      at: new Date(t),
      unitKey: 'centre',
      leadUnitKey,
      coUnitKeys: [...coUnitKeys],
      urgency,
    });
    const firstEnd = round(t, false);
    // The reopen sends it straight back to the lead unit, with a new clock.
    if (fate === 'closed_unsolved_reopened') round(firstEnd, true);
  }

  // The period ends here: the steps still to come have not happened, and the story so far is
  // the state the ticket is in. (The parts of a round were planned in their own order.)
  steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  const cut = steps.findIndex((s) => s.at.getTime() > endMs);
  if (cut > 0) steps.length = cut;
  const story: Omit<DemoPlannedPath, 'leadUnitKey' | 'coUnitKeys' | 'steps'> = {
    finalState: 'received',
    passDownKeys: [],
    knowledgeKey: null,
    answer: null,
    feedback: null,
    reply: null,
    callback: null,
    firstRound: null,
    completionDueAt: null,
  };
  /** The current lead, and when its clock started (dispatch, reassignment or reopen). */
  let currentLead: string | null = null;
  let clockFrom: number | null = null;
  for (const s of steps) {
    switch (s.action) {
      case 'create':
        break;
      case 'answer_directly':
        story.finalState = 'answered_directly';
        story.knowledgeKey = s.knowledgeKey;
        story.answer = s.answer;
        break;
      case 'dispatch':
        story.finalState = 'dispatched';
        currentLead = s.leadUnitKey;
        clockFrom = s.at.getTime();
        break;
      case 'review_objection':
        if (s.newLeadUnitKey !== null) {
          story.finalState = 'dispatched';
          currentLead = s.newLeadUnitKey;
          clockFrom = s.at.getTime();
        }
        break;
      case 'pass_down':
        story.passDownKeys.push(s.toUnitKey);
        break;
      case 'accept':
        story.finalState = 'accepted';
        break;
      case 'start_handling':
        story.finalState = 'in_progress';
        break;
      case 'add_progress':
        if (s.toUnitKey !== null) story.passDownKeys.push(s.toUnitKey);
        break;
      case 'give_feedback':
        story.finalState = 'feedback_given';
        story.feedback = { result: s.result, replyText: s.replyText };
        break;
      case 'send_reply':
        story.finalState = 'replied';
        story.reply = s.replyText;
        break;
      case 'queue_callback':
        story.finalState = 'awaiting_callback';
        break;
      case 'record_callback': {
        const cb: DemoCallback = {
          solved: s.solved,
          satisfaction: s.satisfaction,
          comment: s.comment,
        };
        if (s.reopen && story.feedback) {
          story.firstRound = { feedback: story.feedback, callback: cb };
          story.feedback = null;
          story.reply = null;
          story.finalState = 'dispatched';
          clockFrom = s.at.getTime();
        } else {
          story.callback = cb;
          story.finalState = !s.solved
            ? 'closed_unsolved'
            : story.firstRound
              ? 'closed_unsolved_reopened'
              : 'closed_solved';
        }
        break;
      }
      default:
        // The rest leave the state where it is (objections, co-units, whistles, the chain).
        break;
    }
  }
  if (clockFrom !== null) story.completionDueAt = new Date(g.dueAt(leaf.code, urgency, clockFrom));
  const dispatched = currentLead !== null;

  return {
    ref: '',
    channel,
    type,
    categoryCode: leaf.code,
    title,
    description,
    address,
    jurisdictionCode,
    ...(point ? { point } : {}),
    requester,
    urgency,
    receivedAt: new Date(receivedMs),
    subjectUnitKey,
    upstreamId: null,
    plannedPath: {
      ...story,
      leadUnitKey: currentLead,
      coUnitKeys: dispatched ? coUnitKeys : [],
      steps,
    },
  };
}

export function demoTicketDrafts(opts: DemoTicketOptions): DemoTicketDraft[] {
  const { count, seed, org, categories } = opts;
  const startMs = opts.start.getTime();
  const endMs = opts.end.getTime();
  if (!(endMs > startMs)) throw new Error('demoTicketDrafts: end must be after start');
  if (count <= 0) return [];

  const rng = new Random(seed, 'tickets');
  const index = indexOrg(org);
  const { places, unitByKey } = index;
  const unit = (key: string): DemoUnit => {
    const u = unitByKey.get(key);
    if (!u) throw new Error(`demo tickets: no unit ${key}`);
    return u;
  };

  // Leaves: the categories given, with the texts of the catalogue.
  const specByCode = new Map(catalogueLeaves().map((l) => [l.code, l.spec]));
  const knowledge = knowledgeEntries();
  const leaves: LeafEntry[] = [];
  for (const c of categories) {
    if (c.level !== 3) continue;
    const spec = specByCode.get(c.code);
    if (!spec) continue;
    const kb = knowledge.filter((k) => k.item.categoryCode === c.code);
    const types = (Object.entries(spec.types) as [TicketType, number][]).filter(
      ([t]) =>
        (t !== 'consult' || kb.length > 0 || (spec.asks?.length ?? 0) > 0) &&
        (t !== 'suggestion' || (spec.suggests?.length ?? 0) > 0),
    );
    if (types.length === 0) continue;
    leaves.push({
      code: c.code,
      spec,
      knowledge: kb,
      types,
      urbanCases: spec.cases.filter((k) => k[3] !== 'rural'),
      ruralCases: spec.cases.filter((k) => k[3] !== 'urban'),
    });
  }
  if (leaves.length === 0) throw new Error('demoTicketDrafts: no usable leaf category');

  // One leaf table per month, so that the season shapes the mix.
  const leafTables = Array.from(
    { length: 12 },
    (_, m) => new WeightedTable(leaves.map((l) => [l, l.spec.weight * (l.spec.season?.[m] ?? 1)])),
  );

  // Days in the period, weekdays busier than weekends.
  const days: [number, number][] = [];
  for (let d = localDayStart(startMs); d < endMs; d += DAY) {
    days.push([d, isWeekend(d + HOUR) ? 0.6 : 1]);
  }
  const dayTable = new WeightedTable(days);

  // Residents: urban people call a bit more per head.
  const placeTable = new WeightedTable(
    places.map((p) => [p, p.village.population * (p.terrain === 'urban' ? 1.3 : 1)] as const),
  );

  // Repeat callers: ~60 numbers behind ~5% of tickets, a few of them very frequent.
  const callerRng = new Random(seed, 'callers');
  const callers: Caller[] = Array.from({ length: 60 }, (_, k) => ({
    ...person(callerRng),
    place: placeTable.pick(callerRng),
    weight: 1 / Math.pow(k + 1, 0.7),
  }));
  const callerTable = new WeightedTable(callers.map((c) => [c, c.weight] as const));

  // Deadlines as the seeder's engine will set them: the demo's time limits on the working
  // calendar. A category's path of codes stands in for its path of ids.
  const calendar = new WorkingCalendar(publishedChinaCalendar(), CHINA_CALENDAR_SETTINGS);
  const policies = demoTimeLimitPolicies().map((p) => ({
    category_id: p.categoryCode,
    urgency: p.urgency,
    completion: p.completion,
  }));
  const parentOf = new Map(categories.map((c) => [c.code, c.parentCode]));
  const pathOf = (code: string): string => {
    const parent = parentOf.get(code);
    return `${parent ? pathOf(parent) : '/'}${code}/`;
  };
  const limits = new Map<string, TimeLimit>();
  const dueAt = (categoryCode: string, urgency: Urgency, fromMs: number): number => {
    const key = `${categoryCode}|${urgency}`;
    let limit = limits.get(key);
    if (!limit) {
      limit = pickPolicy(policies, pathOf(categoryCode), urgency)?.completion;
      if (!limit) throw new Error(`demo tickets: no time limit for ${categoryCode}`);
      limits.set(key, limit);
    }
    return calendar.addLimit(new Date(fromMs), limit).getTime();
  };

  const g: Generation = {
    rng,
    extra: new Random(seed, 'dispatch'),
    index,
    unit,
    leaves,
    leafTables,
    dayTable,
    placeTable,
    callerTable,
    startMs,
    endMs,
    dueAt,
    // To the minute, like the rest of a story.
    afterWorkingHours: (fromMs, hours) =>
      hours > 0
        ? Math.floor(
            calendar
              .addLimit(new Date(fromMs), { amount: hours, unit: 'working_hours' })
              .getTime() / MINUTE,
          ) * MINUTE
        : fromMs,
    workingHoursBetween: (fromMs, toMs) =>
      calendar.workingMsBetween(new Date(fromMs), new Date(toMs)) / HOUR,
    isWorkingDay: (ms) => calendar.isWorkingDay(new Date(ms + CST).toISOString().slice(0, 10)),
  };
  const drafts: DemoTicketDraft[] = [];
  for (let n = 0; n < count; n++) {
    const draft = draftOne(g);
    if (draft) drafts.push(draft);
  }

  const keyed = drafts.map((d, i) => [d.receivedAt.getTime(), i] as const);
  keyed.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const sorted = keyed.map(([, i]) => at(drafts, i));
  sorted.forEach((d, i) => {
    d.ref = `demo-${String(i + 1).padStart(5, '0')}`;
    if (d.channel === 'upstream') {
      const day = new Date(d.receivedAt.getTime() + CST)
        .toISOString()
        .slice(0, 10)
        .replace(/-/g, '');
      d.upstreamId = `SJ${day}${String(i + 1).padStart(6, '0')}`;
    }
  });
  // Stories that need other tickets (repeats, merges), special routes, and the last day.
  const specs = new Map(leaves.map((l) => [l.code, l.spec]));
  decorateDrafts(sorted, {
    rng: new Random(seed, 'intake'),
    endMs,
    count,
    unit,
    townships: [...new Set(places.map((p) => p.twpUnit))],
    dueAt,
    leafName: (code) => specs.get(code)?.name ?? '',
    leafSpec: (code) => {
      const spec = specs.get(code);
      if (!spec) throw new Error(`demo tickets: no leaf ${code}`);
      return spec;
    },
    place: (code) => {
      const p = index.placeByCode.get(code);
      if (!p) throw new Error(`demo tickets: no place ${code}`);
      return { township: p.township, village: p.village };
    },
  });
  return sorted;
}
