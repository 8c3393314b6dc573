// The interface strings of [Insight] in the workbench, zh-CN.
import type { ReplyHint } from '@jiesu/contracts';

export const tInsight = {
  replyHints: {
    title: '{field}:内容提示',
    intro: '群众看到的答复最好讲清:做了什么、结果如何(或不能办的依据)、什么时间。',
    hint: {
      too_short: '除去问候、“已收悉”、致谢等套话后,几乎没有实际内容。',
      no_action: '没有写明采取了什么措施(如核实、到场、维修、协调、约谈)。',
      no_result: '没有写明办理结果,或不能办理的依据、下一步安排。',
      no_date: '没有写明时间(办理日期或预计完成时间)。',
    } satisfies Record<ReplyHint, string>,
  },
} as const;
