// [Interop] which event sends which message to whom: one table, read by the ticket event
// listener. Residents hear about their own request (the code on submission, the reply, the
// callback, a deliberation notice's outcome) by SMS to the phone they gave — unless they
// asked to stay anonymous or gave none. (The ticket model keeps no WeChat openid, so a
// request made through WeChat is answered by SMS as well; the WeChat adapter serves rows that
// carry an openid.) Staff get an in-app message always and, for urgent and emergency tickets,
// an SMS to their own phone; no text to staff ever carries the requester's name or phone.
import type { NotificationKind } from '@jiesu/contracts';
import { zhCN } from '@jiesu/contracts';
import type { Ticket } from '../../db/schema.js';
import type { EventDraft } from '../tickets/workflow.js';

/** The texts, by kind; `{name}` placeholders are filled from the message's params. */
export const TEMPLATES: Record<NotificationKind, string> = {
  ticket_received: '您的诉求已受理,编号 {code},可凭编号和手机号查询办理进度。',
  ticket_replied: '您的诉求({code})答复:{reply}',
  callback_queued: '我们将回访您对诉求({code})办理情况的评价,请留意来电。',
  notice_published:
    '您的诉求({code})经村(居)民评议,结果为“{finding}”,已在村(社区)公示至 {endsAt}。',
  ticket_dispatched: '新工单 {code}:{title},请及时签收。{due}',
  ticket_urged: '督办:工单 {code} 请于 {deadline} 前答复。{note}',
  whistle_blown: '吹哨报到:工单 {code},{topic},请于 {dueHours} 小时内报到。',
  due_soon: '工单 {code}({title})将于 {due} 到期,请抓紧办理。',
  overdue: '工单 {code}({title})已于 {due} 超期,请尽快办结。',
};

export function render(kind: NotificationKind, params: Record<string, string>): string {
  return TEMPLATES[kind].replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '');
}

/** 'MM月DD日 HH:mm' in Beijing time. */
export function beijing(at: Date | string): string {
  const d = new Date(new Date(at).getTime() + 8 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCMonth() + 1)}月${p(d.getUTCDate())}日 ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** Who gets a staff message: the handlers, leaders and grid workers of these units. */
export type StaffAudience = { units: string[] };

export interface RuleContext {
  ticket: Ticket;
  event: EventDraft;
}

export interface Rule {
  /** The ticket action that fires it. */
  on: string;
  kind: NotificationKind;
  /** The requester, or the staff of the units returned. */
  to: 'requester' | ((c: RuleContext) => string[]);
  params(c: RuleContext): Record<string, string>;
}

const payload = (c: RuleContext) => c.event.payload;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The table. Actions not listed send nothing. */
export const RULES: readonly Rule[] = [
  // ── residents ──
  {
    on: 'create',
    kind: 'ticket_received',
    to: 'requester',
    params: (c) => ({ code: c.ticket.code }),
  },
  {
    on: 'send_reply',
    kind: 'ticket_replied',
    to: 'requester',
    params: (c) => ({ code: c.ticket.code, reply: str(payload(c).replyText).trim() }),
  },
  {
    on: 'reply_by_project',
    kind: 'ticket_replied',
    to: 'requester',
    params: (c) => ({ code: c.ticket.code, reply: str(payload(c).text).trim() }),
  },
  {
    on: 'queue_callback',
    kind: 'callback_queued',
    to: 'requester',
    params: (c) => ({ code: c.ticket.code }),
  },
  {
    on: 'callback_due',
    kind: 'callback_queued',
    to: 'requester',
    params: (c) => ({ code: c.ticket.code }),
  },
  {
    on: 'publish_notice',
    kind: 'notice_published',
    to: 'requester',
    params: (c) => ({
      code: c.ticket.code,
      finding:
        zhCN.deliberationFinding[str(payload(c).finding) as 'reasonable'] ??
        str(payload(c).finding),
      endsAt: payload(c).endsAt ? beijing(str(payload(c).endsAt)) : '',
    }),
  },
  // ── staff ──
  {
    on: 'dispatch',
    kind: 'ticket_dispatched',
    to: (c) => (c.ticket.lead_unit_id ? [c.ticket.lead_unit_id] : []),
    params: (c) => ({
      code: c.ticket.code,
      title: clip(c.ticket.title, 30),
      due: c.ticket.completion_due_at ? `办结时限 ${beijing(c.ticket.completion_due_at)}。` : '',
    }),
  },
  {
    on: 'urge',
    kind: 'ticket_urged',
    to: (c) => (payload(c).unitId ? [str(payload(c).unitId)] : []),
    params: (c) => ({
      code: c.ticket.code,
      deadline: payload(c).deadline ? beijing(str(payload(c).deadline)) : '',
      note: clip(str(payload(c).note).trim(), 60),
    }),
  },
  {
    on: 'blow_whistle',
    kind: 'whistle_blown',
    to: (c) => (Array.isArray(payload(c).unitIds) ? (payload(c).unitIds as string[]) : []),
    params: (c) => ({
      code: c.ticket.code,
      topic: clip(str(payload(c).topic).trim(), 60),
      dueHours: String(payload(c).dueHours ?? ''),
    }),
  },
];

/** Urgent and emergency tickets also reach staff by SMS. */
export const smsForStaff = (t: Ticket) => t.urgency === 'urgent' || t.urgency === 'emergency';

/** Whether the requester can be told by SMS: a phone, not anonymous, not from the upstream platform. */
export const requesterReachable = (t: Ticket) =>
  !!t.requester_phone && !t.anonymous && t.channel !== 'upstream';
