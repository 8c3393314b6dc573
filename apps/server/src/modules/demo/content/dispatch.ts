// The dispatch-era parts of the demo stories (issue 4): co-units' parts (协办), objections (异议),
// whistles (吹哨报到), passing down and up (三上三下), special routes, repeats and merges at
// intake. The texts, and the second pass over the drafts that needs other tickets: a repeat
// follows an earlier ticket, a duplicate is merged into a master, and the district's last day
// gets its open objections and waiting whistles. Pure, like the rest of the generator.
import {
  targetOf,
  transitionFor,
  type ObjectionReason,
  type SpecialRoute,
  type TicketAction,
  type TicketState,
  type Urgency,
} from '@jiesu/contracts';
import type { LeafSpec } from './catalogue.js';
import type { DemoJurisdiction, DemoUnit } from './org.js';
import { type Random, at } from './prng.js';
import type { DemoPlannedPath, DemoStep, DemoTicketDraft } from './tickets.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const CST = 8 * HOUR;

const monthDay = (ms: number): string => {
  const d = new Date(ms + CST);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
};
const fill = (template: string, slots: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => slots[k] ?? `{${k}}`);
/** Office hours (8:00–18:00): a moment outside them moves to the next morning. */
function office(rng: Random, ms: number): number {
  const local = new Date(ms + CST);
  const h = local.getUTCHours();
  if (h >= 8 && h < 18) return ms;
  const dayStart = Math.floor((ms + CST) / (24 * HOUR)) * 24 * HOUR - CST;
  return (h < 8 ? dayStart : dayStart + 24 * HOUR) + 8 * HOUR + rng.int(0, 60) * MINUTE;
}
const clip = (text: string, max: number): string =>
  text.length <= max ? text : text.slice(0, max - 1) + '。';

// ---------------------------------------------------------------------------------------------
// 协办: what a co-unit reports to the lead.

const DEPARTMENT_PARTS = [
  '{date}，{co}派员会同{lead}到现场联合核查，对涉及本部门职责的问题依法进行了处置，处置情况已书面反馈主办单位。',
  '{co}已按职责分工完成配合工作：对{topic}问题中涉及本部门的部分进行了核实，提出了处理意见，并向{lead}提供了相关政策依据。',
  '{co}已安排专人对接，涉及本部门职责的部分已于{date}办理完毕，后续将配合{lead}做好跟踪回访。',
  '经{co}现场检查，已对相关责任方下达整改通知，责令限期整改，整改情况已同步{lead}。',
];
const TERRITORY_PARTS = [
  '{co}已组织属地工作人员到现场配合处置，做好诉求人沟通和现场秩序维护，相关情况已报{lead}。',
  '{date}，{co}安排村（居）委会和网格员配合入户核实，核实情况已反馈{lead}，将继续做好属地跟踪。',
];
const WHISTLE_PARTS = [
  '{co}按吹哨要求派员到场，会同{lead}对现场问题进行了联合处置，涉及本部门的部分已于{date}办理完毕。',
  '{co}报到后安排专人跟进，已对{topic}问题中涉及本部门职责的事项依法处理，处理结果已反馈{lead}。',
];

/** A co-unit's part (report_part), in its own words. */
export function partText(
  rng: Random,
  co: DemoUnit,
  lead: DemoUnit,
  topic: string,
  atMs: number,
  whistle: boolean,
): string {
  const pool = whistle
    ? WHISTLE_PARTS
    : co.kind === 'department'
      ? DEPARTMENT_PARTS
      : TERRITORY_PARTS;
  return fill(rng.pick(pool), {
    co: co.name,
    lead: lead.shortName,
    topic,
    date: monthDay(atMs),
  });
}

// ---------------------------------------------------------------------------------------------
// 异议/退单: why a unit objects, and what the dispatch centre decides.

/** Departments a dispatcher may confuse with the one whose duty a matter is. */
export const CONFUSABLE: Readonly<Record<string, readonly string[]>> = {
  'dept-urban': ['dept-enforce', 'dept-housing', 'dept-water'],
  'dept-enforce': ['dept-urban', 'dept-eco'],
  'dept-housing': ['dept-urban', 'dept-planning'],
  'dept-water': ['dept-urban'],
  'dept-eco': ['dept-enforce'],
  'dept-transport': ['dept-police'],
  'dept-police': ['dept-transport'],
  'dept-hrss': ['dept-medical', 'dept-civil'],
  'dept-medical': ['dept-hrss'],
  'dept-market': ['dept-health', 'dept-culture'],
  'dept-health': ['dept-market'],
  'dept-civil': ['dept-hrss'],
  'dept-culture': ['dept-market'],
  'dept-agri': ['dept-forestry'],
  'dept-forestry': ['dept-agri'],
  'dept-planning': ['dept-housing'],
  'dept-edu': ['dept-market'],
  'dept-emergency': ['dept-urban'],
};

export interface ObjectionWords {
  reason: ObjectionReason;
  text: string;
}

/** The objection of a unit the ticket was wrongly sent to (it will be upheld). */
export function wrongUnitObjection(
  wrong: DemoUnit,
  right: DemoUnit,
  topic: string,
  place: { township: string; village: string },
): ObjectionWords {
  if (wrong.kind === 'government') {
    return {
      reason: 'wrong_place',
      text: `经现场核实，诉求地址位于${place.township}${place.village}，不在${wrong.shortName}辖区，请中心改派${right.name}办理。`,
    };
  }
  return {
    reason: 'not_our_duty',
    text: `经核实，该诉求反映的${topic}问题不属于我单位职责，按照职责分工应由${right.shortName}负责，请中心改派。`,
  };
}

/** The review that upholds it: reassigned (改派), counted as a dispatch fault or not. */
export function upheldNote(
  reason: ObjectionReason,
  right: DemoUnit,
  topic: string,
  place: { township: string; village: string },
  fault: boolean,
): string {
  const head =
    reason === 'wrong_place'
      ? `经与来电人再次核实，诉求地址位于${place.township}${place.village}，异议成立，改派${right.name}办理。`
      : `经核查派单目录，${topic}问题由${right.shortName}主办，异议成立，改派${right.name}办理。`;
  const tail =
    reason === 'wrong_place'
      ? fault
        ? '派单时未核准诉求地址，计入派单差错。'
        : '来电人首次提供的地址有误，不计派单差错。'
      : fault
        ? '派单时未对照派单目录，计入派单差错。'
        : '该事项职责边界不清，不计派单差错。';
  return head + tail;
}

/** The objection of the right unit (it will be rejected, or still waits for its review). */
export function unfoundedObjection(
  rng: Random,
  lead: DemoUnit,
  other: DemoUnit | null,
  topic: string,
): ObjectionWords {
  const r = rng.float();
  if (other && r < 0.6) {
    return {
      reason: 'not_our_duty',
      text: `该诉求反映的${topic}问题涉及${other.shortName}的职责，我单位无相应执法权限，建议改派${other.shortName}办理。`,
    };
  }
  if (lead.kind === 'government' && r < 0.85) {
    return {
      reason: 'wrong_place',
      text: '诉求地址描述不清，经初步核实疑似位于相邻乡镇，申请退回中心重新核实地址。',
    };
  }
  return {
    reason: 'other',
    text: '诉求人反映的情况与实际不符，工作人员初步核实现场未发现相关问题，申请退回。',
  };
}

export function rejectedNote(
  reason: ObjectionReason,
  lead: DemoUnit,
  topic: string,
  place: { township: string; village: string },
): string {
  switch (reason) {
    case 'not_our_duty':
      return `经核查派单目录，${topic}问题由${lead.shortName}主办，派单无误，异议不予支持，请按时办理。`;
    case 'wrong_place':
      return `经与来电人核实，诉求地址位于${place.township}${place.village}，属你单位辖区，异议不予支持，请抓紧办理。`;
    case 'other':
      return '经回听录音并与诉求人联系，反映情况属实，异议不予支持，请你单位按要求核实处置并按时反馈。';
  }
}

// ---------------------------------------------------------------------------------------------
// 吹哨报到: which departments a township summons, for which matters.

/** By leaf name: departments a township summons for it. */
export const WHISTLE_POOL: Readonly<Record<string, readonly string[]>> = {
  私搭乱建: ['dept-enforce', 'dept-planning'],
  占用公共空间: ['dept-enforce', 'dept-urban'],
  物业服务: ['dept-housing'],
  房屋漏水: ['dept-housing'],
  露天焚烧: ['dept-eco', 'dept-enforce', 'dept-urban'],
  消防通道堵塞: ['dept-emergency', 'dept-police'],
  宅基地: ['dept-planning'],
  土地承包流转: ['dept-agri'],
  病媒生物防制: ['dept-health', 'dept-urban'],
  病虫害与技术指导: ['dept-agri'],
  垃圾清运不及时: ['dept-urban', 'dept-enforce'],
  电动自行车充电: ['dept-emergency', 'dept-urban'],
  邻里纠纷: ['dept-police'],
  生活噪声: ['dept-police'],
  最低生活保障: ['dept-civil'],
  临时救助: ['dept-civil'],
  独居老人关爱: ['dept-civil'],
  文体活动场地: ['dept-culture'],
};
const WHISTLE_TOPICS = [
  '{v}{topic}问题，请派员到现场联合会商处置',
  '{v}{topic}问题现场联合处置',
  '就{v}{topic}问题召集相关部门现场办公',
];
const REPORT_IN_NOTES = [
  '已派执法人员到达现场',
  '科室负责人带队到场对接',
  '已安排专人到现场查看',
  '',
];
/** The whistle's deadline, in hours: quick ones on the spot, others within a day or two. */
export const DUE_HOURS = [2, 4, 8, 24, 48] as const;

export const whistleTopic = (rng: Random, village: string, topic: string): string =>
  fill(rng.pick(WHISTLE_TOPICS), { v: village, topic });
export const reportInNote = (rng: Random): string | null => rng.pick(REPORT_IN_NOTES) || null;

// ---------------------------------------------------------------------------------------------
// 三上三下: notes and reasons of passing down, sending up and pulling back.

export function passDownNote(rng: Random, to: DemoUnit): string {
  return to.kind === 'grid'
    ? rng.pick(['请网格员上门核实情况，做好解释和跟踪工作', '请网格员到现场查看，拍照留存后上报'])
    : fill(
        rng.pick([
          '请{to}安排人员入户核实并具体承办，处置情况及时上报',
          '转{to}具体承办，请于两个工作日内上报处置情况',
        ]),
        { to: to.shortName },
      );
}
export const HOLDER_PROGRESS = [
  '已入户核实情况，正在协调处置',
  '已到现场查看并拍照留存，正在联系相关责任人',
  '已与诉求人电话沟通，约定时间上门处理',
];
export function sendUpReason(rng: Random, from: DemoUnit, township: string): string {
  return from.kind === 'grid'
    ? rng.pick([
        '已上门核实并做好解释工作，处置情况上报村委会',
        '现场问题已处置完毕，照片已上传，报村里审核',
      ])
    : fill(
        rng.pick([
          '已按要求处置完毕，处置情况及照片已上传，请{twp}审核反馈',
          '现场已整改到位，报{twp}汇总反馈',
        ]),
        { twp: township },
      );
}
export const escalationReason = (rng: Random, township: string): string =>
  fill(
    rng.pick([
      '涉及多个部门职责和资金，村里无法单独解决，请{twp}协调处置',
      '当事人拒不配合整改，村里协调未果，请{twp}组织相关科室处理',
    ]),
    { twp: township },
  );
export const pullBackReason = (rng: Random, township: string): string =>
  fill(
    rng.pick([
      '村里已完成现场处置，收回由{twp}统一反馈',
      '诉求人要求尽快答复，收回由{twp}直接办理',
    ]),
    { twp: township },
  );
export const conveneNote = (sections: readonly DemoUnit[], topic: string): string =>
  `召集${sections.map((s) => s.shortName).join('、')}会商${topic}问题处置方案，明确分工、限期办结`;
export const CONVENE_RESOURCES = [
  '协调专项资金用于现场整治',
  '抽调执法力量和施工队伍配合村里处置',
  '安排工作专班驻村督办',
];

// ---------------------------------------------------------------------------------------------
// Special routes at intake (转特殊渠道).

/** By leaf name: the special route, and whether only emergencies/urgent calls take it. */
const TRANSFER_ROUTES: Readonly<
  Record<string, { route: SpecialRoute; urgent: boolean; share: number }>
> = {
  治安隐患: { route: 'police_110', urgent: true, share: 0.3 },
  电信诈骗: { route: 'police_110', urgent: true, share: 0.3 },
  燃气安全隐患: { route: 'fire_119', urgent: true, share: 0.3 },
  邻里纠纷: { route: 'court', urgent: false, share: 0.04 },
  拖欠工资: { route: 'arbitration', urgent: false, share: 0.05 },
  劳动合同纠纷: { route: 'arbitration', urgent: false, share: 0.05 },
  预付卡退费: { route: 'court', urgent: false, share: 0.04 },
  村务公开: { route: 'discipline', urgent: false, share: 0.05 },
};
const ROUTE_NOTES: Partial<Record<SpecialRoute, string>> = {
  police_110:
    '经研判，来电反映的情况属于警情，已即时转110报警服务台处置，并告知来电人保持电话畅通。',
  fire_119:
    '来电人反映现场存在燃气泄漏危险，情况紧急，已即时转119处置，并提醒来电人开窗通风、远离现场、不要开关电器。',
  court: '该诉求属于民事纠纷，已告知来电人可申请人民调解，或依法向青岚区人民法院提起诉讼。',
  arbitration:
    '该诉求属于劳动争议，已告知来电人向青岚区劳动人事争议仲裁院申请仲裁，并告知了所需材料和办理地址。',
  discipline: '该诉求反映村干部违纪违规问题，已告知来电人向区纪委监委反映，并提供了信访举报渠道。',
};

/**
 * Matters many residents see at once, so that a second report is a duplicate: facilities,
 * environment, traffic, fire safety and disasters (not a person's own dispute or fraud call).
 */
const SHARED_MATTER = /^(01|02|03|0902|0903)/;
/** A second caller's report of a matter already being handled (并单). */
const DUPLICATE_PREFIXES = ['来电人反映：', '市民来电反映：', '来电人称：'];
const DUPLICATE_TAILS = [
  '来电人称周边多位居民都有同样的反映。',
  '来电人称此前已有邻居反映过，希望尽快解决。',
  '来电人表示附近住户都受到影响。',
];

// ---------------------------------------------------------------------------------------------
// The second pass: stories that need other tickets, and the district's last day.

export interface PlaceNames {
  township: DemoJurisdiction;
  village: DemoJurisdiction;
}

export interface DecorateContext {
  rng: Random;
  endMs: number;
  count: number;
  unit: (key: string) => DemoUnit;
  /** The township (street) governments. */
  townships: readonly DemoUnit[];
  /** The completion deadline of a clock started at `fromMs`, as the seeder's engine sets it. */
  dueAt: (categoryCode: string, urgency: Urgency, fromMs: number) => number;
  leafName: (code: string) => string;
  leafSpec: (code: string) => LeafSpec;
  place: (jurisdictionCode: string) => PlaceNames;
}

/** Actions of the foundation: a draft with only these is a plain story, free to rewrite. */
const FOUNDATION = new Set<DemoStep['action']>([
  'create',
  'answer_directly',
  'dispatch',
  'accept',
  'start_handling',
  'add_progress',
  'give_feedback',
  'send_reply',
  'queue_callback',
  'record_callback',
]);
const OPEN_FOR_MERGE: readonly TicketState[] = [
  'received',
  'dispatched',
  'accepted',
  'in_progress',
  'feedback_given',
];
const IN_HANDLING: readonly TicketState[] = [
  'dispatched',
  'accepted',
  'in_progress',
  'feedback_given',
];
/** Share of dispatches to a department or township that the unit objects to (异议). */
const OBJECTION = 0.03;
/** Share of those sent to the wrong unit: the objection is upheld. */
const UPHELD = 0.3;
/** The last day always has a few objections to review and a couple of whistles waiting. */
const MIN_OPEN_OBJECTIONS = 3;
const MIN_WAITING_WHISTLES = 2;
/** The units of the README's `leader` and `dept` logins. */
const DEMO_TOWNSHIP = 'twp-1';
const DEMO_DEPARTMENT = 'dept-urban';

/** The state a story has reached at `ms`, through the state machine of the contracts. */
export function stateAt(d: DemoTicketDraft, ms: number): TicketState {
  let state: TicketState = 'received';
  for (const s of d.plannedPath.steps) {
    if (s.action === 'create') continue;
    if (s.at.getTime() > ms) break;
    state = targetOf(transitionFor(s.action as TicketAction), state, inputOf(s))?.to ?? state;
  }
  return state;
}

/** The fields of a step that select a branch of its transition. */
function inputOf(s: DemoStep): Record<string, unknown> {
  switch (s.action) {
    case 'record_callback':
      return { solved: s.solved, reopen: s.reopen };
    case 'review_callback':
      return { decision: s.decision };
    case 'review_objection':
      return { verdict: s.verdict };
    default:
      return {};
  }
}

/** The lead unit at `ms`: the dispatch's, or the one an upheld objection reassigned it to. */
export function leadAt(d: DemoTicketDraft, ms: number): string | null {
  let lead: string | null = null;
  for (const s of d.plannedPath.steps) {
    if (s.at.getTime() > ms) break;
    if (s.action === 'dispatch') lead = s.leadUnitKey;
    if (s.action === 'review_objection' && s.newLeadUnitKey) lead = s.newLeadUnitKey;
  }
  return lead;
}

const closedPath = (
  finalState: DemoPlannedPath['finalState'],
  steps: DemoStep[],
  reply: string | null,
): DemoPlannedPath => ({
  finalState,
  leadUnitKey: null,
  coUnitKeys: [],
  passDownKeys: [],
  knowledgeKey: null,
  answer: null,
  feedback: null,
  reply,
  callback: null,
  firstRound: null,
  completionDueAt: null,
  steps,
});

function insertStep(d: DemoTicketDraft, step: DemoStep): void {
  const steps = d.plannedPath.steps;
  const i = steps.findIndex((s) => s.at.getTime() > step.at.getTime());
  steps.splice(i < 0 ? steps.length : i, 0, step);
}

/**
 * Rewrites a few plain drafts as special routes, merged duplicates and repeats answered with
 * progress, and makes sure the last day has objections to review and whistles waiting.
 * `drafts` are in time order with their refs; they are changed in place.
 */
export function decorateDrafts(drafts: DemoTicketDraft[], c: DecorateContext): void {
  /** Drafts rewritten here, and those others now refer to (a master, a repeat's original). */
  const taken = new Set<DemoTicketDraft>();
  const referenced = new Set<DemoTicketDraft>();
  // Rewritten are only stories that had reached a dispatch: the last calls of the day stay
  // in the dispatcher's queue.
  const plain = (d: DemoTicketDraft): boolean =>
    !taken.has(d) &&
    !referenced.has(d) &&
    d.plannedPath.steps[1]?.action === 'dispatch' &&
    d.plannedPath.steps.every((s) => FOUNDATION.has(s.action));
  const endMs = c.endMs;
  const { rng } = c;
  /** The index of the first draft received at or after `ms` (drafts are in time order). */
  const firstFrom = (ms: number): number => {
    let lo = 0;
    let hi = drafts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at(drafts, mid).receivedAt.getTime() < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  // 0. 首接负责: now and then the unit a ticket is dispatched to objects, before it signs for
  // it. Sent to the wrong unit (another township, a department taken for the right one), the
  // objection is upheld and the right unit gets it with a new clock; otherwise it is rejected
  // and the unit signs, its clock never stopped.
  for (const d of drafts) {
    const p = d.plannedPath;
    const dispatch = p.steps[1];
    const spec = c.leafSpec(d.categoryCode);
    if (dispatch?.action !== 'dispatch' || d.type === 'consult' || d.urgency === 'emergency') {
      continue;
    }
    if (spec.utility !== undefined || !rng.chance(OBJECTION)) continue;
    const lead = c.unit(dispatch.leadUnitKey);
    const township = c.townships.includes(lead);
    if (lead.kind !== 'department' && !township) continue;
    const dispatchMs = dispatch.at.getTime();
    const accept = p.steps.find((s) => s.action === 'accept');
    // Before the unit signs: the review, too, unless the period ends first.
    const signMs = accept?.at.getTime() ?? endMs + 12 * HOUR;
    const objectMs = Math.min(
      office(
        rng,
        dispatchMs + Math.max(10 * MINUTE, (signMs - dispatchMs) * rng.between(0.1, 0.3)),
      ),
      dispatchMs + 20 * HOUR,
    );
    if (objectMs > endMs || objectMs >= signMs - 10 * MINUTE) continue;
    const reviewMs = objectMs + Math.max(MINUTE, (signMs - objectMs) * rng.between(0.3, 0.8));
    const topic = spec.name;
    const names = {
      township: c.place(d.jurisdictionCode).township.name,
      village: c.place(d.jurisdictionCode).village.name,
    };
    let wrong: DemoUnit | null = null;
    if (rng.chance(UPHELD)) {
      const departments =
        lead.kind === 'department'
          ? (CONFUSABLE[lead.key] ?? [])
          : (spec.co ?? []).filter((k) => k.startsWith('dept-'));
      const candidates = (
        township && (departments.length === 0 || rng.chance(0.7))
          ? c.townships.filter((u) => u !== lead)
          : departments.map(c.unit)
      ).filter((u) => !dispatch.coUnitKeys.includes(u.key) && u.key !== d.subjectUnitKey);
      if (candidates.length) wrong = rng.pick(candidates);
    }
    const reviewed = reviewMs <= endMs;
    if (wrong) {
      const words = wrongUnitObjection(wrong, lead, topic, names);
      // A wrong address may be the caller's; a wrong department is the dispatcher's.
      const fault = rng.chance(words.reason === 'wrong_place' ? 0.5 : 0.85);
      dispatch.leadUnitKey = wrong.key;
      insertStep(d, { action: 'object', at: new Date(objectMs), unitKey: wrong.key, ...words });
      if (reviewed) {
        insertStep(d, {
          action: 'review_objection',
          at: new Date(reviewMs),
          unitKey: 'centre',
          verdict: 'upheld',
          note: upheldNote(words.reason, lead, topic, names, fault),
          newLeadUnitKey: lead.key,
          dispatchFault: fault,
        });
        // The new clock runs from the reassignment (a reopen's clock, if any, still wins).
        if (!p.steps.some((s) => s.action === 'record_callback' && s.reopen)) {
          p.completionDueAt = new Date(c.dueAt(d.categoryCode, d.urgency, reviewMs));
        }
      } else p.leadUnitKey = wrong.key;
    } else {
      const others = CONFUSABLE[lead.key] ?? (spec.co ?? []).filter((k) => k.startsWith('dept-'));
      const other = others.length ? c.unit(rng.pick(others)) : null;
      const words = unfoundedObjection(rng, lead, other, topic);
      insertStep(d, { action: 'object', at: new Date(objectMs), unitKey: lead.key, ...words });
      if (reviewed) {
        insertStep(d, {
          action: 'review_objection',
          at: new Date(reviewMs),
          unitKey: 'centre',
          verdict: 'rejected',
          note: rejectedNote(words.reason, lead, topic, names),
          newLeadUnitKey: null,
          dispatchFault: null,
        });
      }
    }
  }

  // 1. Special routes: a call that is not the platform's to handle is transferred at once.
  const maxTransfers = Math.max(2, Math.round(c.count * 0.004));
  let transfers = 0;
  for (const d of rng.shuffle(drafts)) {
    if (transfers >= maxTransfers) break;
    const rule = TRANSFER_ROUTES[c.leafName(d.categoryCode)];
    if (!rule || !plain(d) || (d.channel !== 'hotline' && d.channel !== 'upstream')) continue;
    if (rule.urgent && d.urgency === 'normal') continue;
    if (!rng.chance(rule.share)) continue;
    const atMs = d.receivedAt.getTime() + rng.int(2, 12) * MINUTE;
    if (atMs > endMs) continue;
    d.plannedPath = closedPath(
      'transferred',
      [
        at(d.plannedPath.steps, 0),
        {
          action: 'transfer',
          at: new Date(atMs),
          unitKey: 'centre',
          route: rule.route,
          note: ROUTE_NOTES[rule.route]!,
        },
      ],
      null,
    );
    taken.add(d);
    transfers++;
  }

  // 2. 并单: another resident reports the same matter at the same place while the first ticket
  // is still being handled; the dispatcher merges it into that master, and the master's reply
  // reaches it too.
  const maxMerges = Math.max(2, Math.round(c.count * 0.005));
  const byMatter = new Map<string, DemoTicketDraft[]>();
  const matterOf = (d: DemoTicketDraft) =>
    `${d.categoryCode}|${c.place(d.jurisdictionCode).village.code}`;
  for (const d of drafts) {
    const list = byMatter.get(matterOf(d)) ?? [];
    list.push(d);
    byMatter.set(matterOf(d), list);
  }
  const mergedInto = new Map<DemoTicketDraft, number>();
  let merges = 0;
  for (const d of rng.shuffle(drafts)) {
    if (merges >= maxMerges) break;
    if (!plain(d) || !SHARED_MATTER.test(d.categoryCode) || d.type === 'consult') continue;
    const mergeMs = d.receivedAt.getTime() + rng.int(5, 30) * MINUTE;
    if (mergeMs > endMs) continue;
    const master = (byMatter.get(matterOf(d)) ?? []).find(
      (m) =>
        m !== d &&
        !taken.has(m) &&
        (m.type === 'help' || m.type === 'complaint' || m.type === 'report') &&
        (m.channel === 'hotline' || m.channel === 'upstream') &&
        m.receivedAt.getTime() < d.receivedAt.getTime() &&
        (mergedInto.get(m) ?? 0) < 2 &&
        OPEN_FOR_MERGE.includes(stateAt(m, mergeMs)) &&
        !m.plannedPath.steps.some((s) => s.action === 'send_reply' && s.at.getTime() <= mergeMs),
    );
    if (!master) continue;
    const relays: DemoStep[] = [];
    for (const s of master.plannedPath.steps) {
      if (s.action === 'send_reply' && s.at.getTime() > mergeMs) {
        relays.push({
          action: 'relay_reply',
          at: s.at,
          unitKey: null,
          masterRef: master.ref,
          replyText: s.replyText,
        });
      }
    }
    // Another caller, the same matter: the agent records it in the master's words.
    d.channel = 'hotline';
    d.upstreamId = null;
    d.type = master.type;
    d.urgency = master.urgency;
    d.subjectUnitKey = master.subjectUnitKey;
    d.title = master.title;
    d.description = clip(
      master.description.replace(/^[^：]{0,30}：/, rng.pick(DUPLICATE_PREFIXES)) +
        rng.pick(DUPLICATE_TAILS),
      300,
    );
    d.jurisdictionCode = master.jurisdictionCode;
    d.address = master.address;
    if (master.point) d.point = master.point;
    else delete d.point;
    const last = relays[relays.length - 1];
    d.plannedPath = closedPath(
      'merged',
      [
        { action: 'create', at: d.receivedAt, unitKey: 'centre' },
        {
          action: 'merge_into',
          at: new Date(mergeMs),
          unitKey: 'centre',
          masterRef: master.ref,
          note: '与在办工单反映同一点位同一问题，并入主工单统一办理',
        },
        ...relays,
      ],
      last?.action === 'relay_reply' ? last.replyText : null,
    );
    taken.add(d);
    referenced.add(master);
    mergedInto.set(master, (mergedInto.get(master) ?? 0) + 1);
    merges++;
  }

  // 3. 重复诉求: the requester calls again about a ticket still being handled, with nothing
  // new; the agent answers with its progress instead of dispatching it again.
  const maxRepeats = Math.max(2, Math.round(c.count * 0.003));
  let repeats = 0;
  for (const a of rng.shuffle(drafts)) {
    if (repeats >= maxRepeats) break;
    const dispatch = a.plannedPath.steps.find((s) => s.action === 'dispatch');
    if (!dispatch || taken.has(a) || a.type === 'consult' || a.channel === 'grid_patrol') continue;
    const from = dispatch.at.getTime() + rng.between(1, 4) * 24 * HOUR;
    const i = firstFrom(from);
    const repeat = drafts.slice(i, i + 40).find((d) => plain(d) && d !== a);
    if (!repeat) continue;
    const answerMs = repeat.receivedAt.getTime() + rng.int(3, 12) * MINUTE;
    const lead = leadAt(a, answerMs);
    if (answerMs > endMs || !lead || !IN_HANDLING.includes(stateAt(a, answerMs))) continue;
    const when = monthDay(a.receivedAt.getTime());
    repeat.channel = 'hotline';
    repeat.type = a.type;
    repeat.categoryCode = a.categoryCode;
    repeat.jurisdictionCode = a.jurisdictionCode;
    repeat.address = a.address;
    if (a.point) repeat.point = a.point;
    else delete repeat.point;
    repeat.requester = { ...a.requester };
    repeat.urgency = a.urgency;
    repeat.subjectUnitKey = a.subjectUnitKey;
    repeat.upstreamId = null;
    repeat.title = clip(`再次反映${a.title}`, 40);
    let description = `来电人称其于${when}反映的“${a.title}”问题目前仍在办理中，此次来电询问办理进展，未反映新的情况。`;
    if (description.length < 40) description += `诉求地址：${a.address}。`;
    repeat.description = clip(description, 300);
    repeat.plannedPath = closedPath(
      'answered_with_progress',
      [
        { action: 'create', at: repeat.receivedAt, unitKey: 'centre' },
        {
          action: 'answer_with_progress',
          at: new Date(answerMs),
          unitKey: 'centre',
          relatedRef: a.ref,
          answer: `您好，您于${when}反映的“${a.title}”问题已转${c.unit(lead).name}办理，目前正在处理中，办理结果将及时答复您，请您耐心等待。`,
        },
      ],
      null,
    );
    taken.add(repeat);
    referenced.add(a);
    repeats++;
  }

  // 4. The objections of the last day still wait for their review (异议审核 has work).
  const objected = (d: DemoTicketDraft) => d.plannedPath.steps.some((s) => s.action === 'object');
  const reviewed = (d: DemoTicketDraft) =>
    d.plannedPath.steps.some((s) => s.action === 'review_objection');
  let open = drafts.filter((d) => objected(d) && !reviewed(d)).length;
  const objectable = drafts.filter((d) => {
    const p = d.plannedPath;
    const dispatch = p.steps.find((s) => s.action === 'dispatch');
    const lead = p.leadUnitKey ?? '';
    return (
      dispatch !== undefined &&
      (p.finalState === 'dispatched' || p.finalState === 'accepted') &&
      !p.steps.some((s) => s.action === 'record_callback') &&
      !objected(d) &&
      (lead.startsWith('dept-') || lead.startsWith('twp-')) &&
      endMs - dispatch.at.getTime() < 22 * HOUR &&
      endMs - dispatch.at.getTime() > 20 * MINUTE
    );
  });
  for (const d of rng.shuffle(objectable)) {
    if (open >= MIN_OPEN_OBJECTIONS) break;
    const dispatch = d.plannedPath.steps.find((s) => s.action === 'dispatch')!;
    const lead = c.unit(d.plannedPath.leadUnitKey!);
    const others = CONFUSABLE[lead.key] ?? [];
    const other = others.length ? c.unit(rng.pick(others)) : null;
    const words = unfoundedObjection(rng, lead, other, c.leafName(d.categoryCode));
    const atMs = Math.min(
      dispatch.at.getTime() + rng.int(10, 150) * MINUTE,
      endMs - rng.int(1, 15) * MINUTE,
    );
    if (atMs <= dispatch.at.getTime()) continue;
    insertStep(d, { action: 'object', at: new Date(atMs), unitKey: lead.key, ...words });
    open++;
  }

  // 5. A couple of whistles blown on the last day, the departments not yet reported in.
  const waitingWhistle = (d: DemoTicketDraft): boolean => {
    const steps = d.plannedPath.steps;
    return steps.some(
      (w) =>
        w.action === 'blow_whistle' &&
        w.at.getTime() + w.dueHours * HOUR > endMs &&
        w.summonedKeys.some(
          (k) =>
            !steps.some(
              (s) =>
                s.action === 'report_in' && s.unitKey === k && s.at.getTime() >= w.at.getTime(),
            ),
        ),
    );
  };
  let waiting = drafts.filter(waitingWhistle).length;
  const whistlable = drafts.filter((d) => {
    const p = d.plannedPath;
    const last = p.steps[p.steps.length - 1]!;
    const pool = WHISTLE_POOL[c.leafName(d.categoryCode)] ?? [];
    return (
      (p.leadUnitKey ?? '').startsWith('twp-') &&
      (p.finalState === 'accepted' || p.finalState === 'in_progress') &&
      !p.steps.some((s) => s.action === 'blow_whistle' || s.action === 'record_callback') &&
      pool.some((k) => !p.coUnitKeys.includes(k)) &&
      endMs - last.at.getTime() > 30 * MINUTE &&
      endMs - d.receivedAt.getTime() < 10 * 24 * HOUR
    );
  });
  // The README's `leader` township, and its `dept` department, first: both logins have one
  // to show (吹哨待报到).
  const rank = (d: DemoTicketDraft) =>
    (d.plannedPath.leadUnitKey === DEMO_TOWNSHIP ? 0 : 2) +
    ((WHISTLE_POOL[c.leafName(d.categoryCode)] ?? []).includes(DEMO_DEPARTMENT) ? 0 : 1);
  const ordered = rng.shuffle(whistlable).sort((a, b) => rank(a) - rank(b));
  for (const d of ordered) {
    if (waiting >= MIN_WAITING_WHISTLES) break;
    const p = d.plannedPath;
    const last = p.steps[p.steps.length - 1]!;
    const pool = (WHISTLE_POOL[c.leafName(d.categoryCode)] ?? []).filter(
      (k) => !p.coUnitKeys.includes(k),
    );
    const blowMs = Math.min(
      Math.max(last.at.getTime() + rng.int(10, 60) * MINUTE, endMs - rng.int(120, 720) * MINUTE),
      endMs - 5 * MINUTE,
    );
    if (blowMs <= last.at.getTime()) continue;
    const summoned = rng
      .shuffle(pool)
      .sort((a, b) => Number(b === DEMO_DEPARTMENT) - Number(a === DEMO_DEPARTMENT))
      .slice(0, pool.length > 1 && rng.chance(0.4) ? 2 : 1);
    insertStep(d, {
      action: 'blow_whistle',
      at: new Date(blowMs),
      unitKey: p.leadUnitKey!,
      summonedKeys: summoned,
      topic: whistleTopic(
        rng,
        c.place(d.jurisdictionCode).village.name,
        c.leafName(d.categoryCode),
      ),
      dueHours: rng.pick([24, 48]),
    });
    waiting++;
  }
}
