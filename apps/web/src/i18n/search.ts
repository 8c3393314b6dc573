// The interface strings of the ticket search (全文检索), zh-CN.
import type { TicketHighlight } from '@jiesu/contracts';

export const tSearch = {
  field: {
    title: '标题',
    address: '地址',
    description: '描述',
    reply: '答复',
  } as Record<TicketHighlight['field'], string>,
  highlights: '检索命中',
  byRelevance: '按相关度排序',
  sortByRelevance: '按相关度',
  placeholder: '按词检索标题、描述、地址、答复,或输入受理编号',
};
