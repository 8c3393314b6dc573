import type { TicketListQuery } from '@jiesu/contracts';

const ARRAY_KEYS = ['state', 'type', 'channel', 'urgency', 'colour'] as const;
const STRING_KEYS = [
  'unitId',
  'categoryId',
  'jurisdictionId',
  'receivedFrom',
  'receivedTo',
  'phone',
  'q',
  'sort',
  // [Handling] 我的工单
  'assignee',
  'assigneeId',
] as const;

/** The inbox query lives in the URL: shareable, restorable, and what a saved view stores. */
export function parseQuery(sp: URLSearchParams): TicketListQuery {
  const q: Record<string, unknown> = {};
  for (const k of ARRAY_KEYS) {
    const v = sp.getAll(k);
    if (v.length) q[k] = v;
  }
  for (const k of STRING_KEYS) {
    const v = sp.get(k);
    if (v) q[k] = v;
  }
  if (sp.get('overdue') === 'true') q.overdue = true;
  if (sp.get('myUnit') === 'true') q.myUnit = true;
  const page = Number(sp.get('page'));
  const pageSize = Number(sp.get('pageSize'));
  if (page > 0) q.page = page;
  if (pageSize > 0) q.pageSize = pageSize;
  return q as TicketListQuery;
}

export function toParams(q: Record<string, unknown>): URLSearchParams {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    if (Array.isArray(v)) v.forEach((x) => sp.append(k, String(x)));
    else sp.set(k, String(v));
  }
  return sp;
}
