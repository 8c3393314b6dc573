// [Insight] reply quality hints: is a feedback or reply text empty of substance?
// A reply that says only "留言已收悉" or thanks the resident tells them nothing. Before
// it is sent, the form shows what is missing: what was done (an action), what came of
// it or why not (a result or its basis), and when (a date or time frame). Pure and
// small, so the workbench runs it as the handler types; measured on real replies in
// bench/reply-quality.ts. Heuristic: hints, never a refusal.

export const REPLY_HINTS = ['too_short', 'no_action', 'no_result', 'no_date'] as const;
export type ReplyHint = (typeof REPLY_HINTS)[number];

/** Greetings, receipts, thanks and formulas that carry no substance. */
const BOILERPLATE = [
  /网友[“"「]?[A-Za-z0-9_]*[”"」]?[::,,]?/g,
  /[“"「][A-Za-z0-9_]+[”"」][::,,]?/g,
  /(您|你)好[!!,,。.]?/g,
  /(您的|你的)?(留言|来信|诉求|问题|反映的问题|来电)(已|均已)?(收悉|收到)[!!,,。.]?/g,
  /(已|均已)(收悉|收到)[!!,,。.]?/g,
  /现(将|就)?(有关|相关)?(情况|问题)?(答复|回复)如下[::]?/g,
  /(特此|专此)(答复|回复)[!!。.]?/g,
  /(非常|十分)?感谢(您|你)(对我们|对我们工作|对.{0,12}工作)?的?(关心|关注|支持|理解|监督)(、|和|与)?(关心|关注|支持|理解|监督)?(、|和|与)?(关心|关注|支持|理解|监督)?[!!。.]?/g,
  /(如有|如您还有)(疑问|问题)[^。!!]*[。!!]?/g,
  /望(您|你)(知晓|理解)[^。!!]*[。!!]?/g,
];

const ACTION =
  /(组织|安排|派员|联系|协调|核实|核查|调查|查勘|勘查|走访|上门|到场|现场|约谈|维修|修复|修缮|清理|清运|整改|处理|办理|下达|拆除|更换|安装|疏通|交由|转交|转办|督促|检查|执法|复查|回访|召开|会商|测量|检测|补发|发放|退还|调解|处罚|立案|告知|答复|经查|经了解|经核|责成|牵头|会同|配合|研究|部署|启动|推进|实施|落实|督办|跟进|排查|巡查|摸排|协商|沟通|对接|了解|侦办|侦查)/;
const RESULT =
  /(已|完成|解决|修复|恢复|到位|办结|完毕|停止|消除|不符合|符合|依据|按照|根据|规定|政策|无法|不能|不予|建议|可以|需要|需|将于|预计|计划|目前|正在|暂无|已经)/;
const DATE =
  /(\d{1,4}\s*年|\d{1,2}\s*月(\s*\d{1,2}\s*日)?|\d{1,2}\s*日|今日|今天|昨日|昨天|当天|当日|本周|下周|本月|下月|近日|日前|目前|\d+\s*个?(工作日|天|小时|周|月)|月底|年底|月初|年内|春节前|节后)/;

/** The substance of a reply: its text without greetings, receipts, thanks and formulas. */
export function replySubstance(text: string): string {
  let s = text;
  for (const re of BOILERPLATE) s = s.replace(re, '');
  return s.replace(/[\s!!,,。.、::;;…"“”'‘’()()]/g, '');
}

export interface ReplyCheck {
  /** Characters of substance once the boilerplate is taken out. */
  substance: number;
  hints: ReplyHint[];
}

/** What a feedback or reply text lacks; an empty list when it says what was done, what came of it and when. */
export function checkReply(text: string): ReplyCheck {
  const s = replySubstance(text);
  const hints: ReplyHint[] = [];
  if (s.length < 15) hints.push('too_short');
  if (!ACTION.test(s)) hints.push('no_action');
  if (!RESULT.test(s)) hints.push('no_result');
  if (!DATE.test(s)) hints.push('no_date');
  return { substance: s.length, hints };
}
