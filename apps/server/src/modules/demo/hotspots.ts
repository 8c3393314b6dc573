// [Insight] a visible hot spot in the demo district: a handful of recent lift-fault
// requests (电梯故障) of one township, from different callers, are retold as one
// problem at one (invented) estate of one community — 枫林苑小区7号楼's lift — so the
// 热点发现 page has something to show and to start a project from. The tickets keep
// their category, units and histories (the lift's department leads, the township
// co-handles); only the texts and the place (a community of the same township)
// change. Pure, on the drafts before their stories are run, so every row and event
// agrees.
import type { DemoCategory, DemoOrg, DemoTicketDraft } from './content/index.js';

const DAY = 86_400_000;
export const DEMO_HOTSPOT_ESTATE = '枫林苑小区';

const TEXTS: Array<[string, string]> = [
  [
    '枫林苑小区7号楼电梯频繁故障',
    '来电人反映枫林苑小区7号楼电梯近期频繁故障,一周内停了三次,楼里老人上下楼非常困难,希望督促维保单位尽快修好电梯。',
  ],
  [
    '枫林苑7号楼电梯困人',
    '来电人反映枫林苑小区7号楼电梯昨晚困人二十多分钟,电梯故障已经不是第一次了,担心存在安全隐患,要求彻底检修电梯。',
  ],
  [
    '枫林苑小区7号楼电梯停运',
    '来电人称枫林苑小区7号楼电梯停运四天,物业说在等配件,住在高层的老人下不了楼,请督促尽快修复电梯。',
  ],
  [
    '枫林苑小区7号楼电梯故障问题',
    '来电人反映枫林苑小区7号楼电梯三天两头出故障,门关不上,物业维修后没几天又坏,希望相关部门检查电梯安全。',
  ],
  [
    '枫林苑7号楼电梯安全隐患',
    '来电人反映枫林苑小区7号楼电梯运行时异响抖动,多次故障停梯,希望对电梯进行全面检测,消除安全隐患。',
  ],
  [
    '枫林苑小区7号楼电梯又坏了',
    '来电人反映枫林苑小区7号楼电梯又坏了,家里孩子上学、老人看病都要爬楼,请尽快维修电梯。',
  ],
];

/** Retells up to six recent lift-fault drafts as one hot spot (in place); returns their refs. */
export function retellDemoHotspot(
  drafts: DemoTicketDraft[],
  c: { org: DemoOrg; categories: readonly DemoCategory[]; now: Date },
): string[] {
  const leaf = c.categories.find((x) => x.level === 3 && x.name === '电梯故障');
  if (!leaf) return [];
  const byCode = new Map(c.org.jurisdictions.map((j) => [j.code, j]));
  const up = (code: string, level: string) => {
    let j = byCode.get(code);
    while (j && j.level !== level) j = j.parentCode ? byCode.get(j.parentCode) : undefined;
    return j;
  };
  const from = c.now.getTime() - 26 * DAY;
  const to = c.now.getTime() - DAY / 2;
  // Not consultations, not merged or answered with another's progress, and no village or
  // grid unit in the story: moving them within the township changes no one's work.
  const candidates = drafts
    .filter(
      (d) =>
        d.categoryCode === leaf.code &&
        d.type !== 'consult' &&
        d.receivedAt.getTime() >= from &&
        d.receivedAt.getTime() < to &&
        d.plannedPath.finalState !== 'merged' &&
        d.plannedPath.finalState !== 'answered_with_progress' &&
        !/"(vil|grid)-/.test(JSON.stringify(d.plannedPath)),
    )
    .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime());
  const byTownship = new Map<string, DemoTicketDraft[]>();
  for (const d of candidates) {
    const twp = up(d.jurisdictionCode, 'township')?.code;
    if (!twp) continue;
    const list = byTownship.get(twp) ?? [];
    if (!list.some((x) => x.requester.phone === d.requester.phone)) list.push(d);
    byTownship.set(twp, list);
  }
  const picked = [...byTownship.values()]
    .sort((a, b) => b.length - a.length)[0]
    ?.slice(0, TEXTS.length);
  if (!picked || picked.length < 3) return [];
  const village = up(picked[0]!.jurisdictionCode, 'village');
  const township = village?.parentCode ? byCode.get(village.parentCode) : undefined;
  if (!village || !township) return [];
  for (const [i, d] of picked.entries()) {
    const [title, description] = TEXTS[i]!;
    d.title = title;
    d.description = description;
    d.address = `${township.name}${village.name}${DEMO_HOTSPOT_ESTATE}7号楼`;
    d.jurisdictionCode = village.code;
    delete d.point;
  }
  return picked.map((d) => d.ref);
}
