// [Interop] How our states and outcomes read in Open311: GeoReport v2's open/closed,
// and mySociety's extended statuses (FixMyStreet) in both directions. The table here
// is the one docs/OPEN311.md prints; mapping.test in the conformance suite walks it.
import {
  HANDLING_STATES,
  OUTCOMES,
  TICKET_STATES,
  type Open311ExtendedStatus,
  type Open311Status,
  type Outcome,
  type TicketState,
} from '@jiesu/contracts';

/** GeoReport v2: only `closed` is closed; every other state is still being worked on. */
export function open311Status(state: TicketState): Open311Status {
  return state === 'closed' ? 'closed' : 'open';
}

/** An open ticket's extended status, by its state. */
export const OPEN_STATE_EXTENDED: Readonly<
  Record<Exclude<TicketState, 'closed'>, Open311ExtendedStatus>
> = {
  received: 'open', // 已受理,待派单
  dispatched: 'investigating', // 已派至承办单位,待签收
  accepted: 'action_scheduled', // 承办单位已签收,安排办理
  in_progress: 'in_progress', // 办理中
  feedback_given: 'in_progress', // 单位已反馈,中心审核
  replied: 'in_progress', // 已答复,待回访评价
  awaiting_callback: 'in_progress', // 待回访
  in_deliberation: 'internal_referral', // 下交群评:交村(社区)议事
};

/** A closed ticket's extended status, by how it was closed. */
export const OUTCOME_EXTENDED: Readonly<Record<Outcome, Open311ExtendedStatus>> = {
  answered_at_intake: 'closed', // 受理时直接答复
  solved: 'fixed', // 已解决
  unsolved: 'no_further_action', // 未解决(办结)
  not_reached: 'closed', // 联系不上,办结
  terminated: 'no_further_action', // 终止办理
  transferred: 'not_councils_responsibility', // 特殊路由:110、法院等
  answered_with_progress: 'duplicate', // 以相关工单的进展答复
  merged: 'duplicate', // 并单
  settled_by_deliberation: 'closed', // 群评后销账
  closed_unrated: 'closed', // 未回访未评价,期满办结
};

export function extendedStatus(state: TicketState, outcome: Outcome | null): Open311ExtendedStatus {
  if (state === 'closed') return outcome ? OUTCOME_EXTENDED[outcome] : 'closed';
  return OPEN_STATE_EXTENDED[state];
}

/** An event's status: its resulting state's, except a ticket sent back into handling after an answer. */
export function eventStatus(e: {
  from_state: TicketState | null;
  to_state: TicketState;
  outcome: Outcome | null;
}): Open311ExtendedStatus {
  if (
    e.from_state &&
    ['replied', 'awaiting_callback', 'closed'].includes(e.from_state) &&
    HANDLING_STATES.includes(e.to_state)
  ) {
    return 'reopen';
  }
  return extendedStatus(e.to_state, e.to_state === 'closed' ? e.outcome : null);
}

/**
 * What FixMyStreet posts to servicerequestupdates (upper case), and what we do with it:
 * the text always reaches the ticket (`add_information` while it is open; recorded only
 * once it is closed); the status says how the resident sees it, as a prefix of the text.
 */
export const INBOUND_STATUSES = [
  'OPEN',
  'CLOSED',
  'FIXED',
  'IN_PROGRESS',
  'ACTION_SCHEDULED',
  'INVESTIGATING',
  'DUPLICATE',
  'NOT_COUNCILS_RESPONSIBILITY',
  'NO_FURTHER_ACTION',
  'INTERNAL_REFERRAL',
  'REOPEN',
] as const;
export type InboundStatus = (typeof INBOUND_STATUSES)[number];

export const INBOUND_PREFIX: Readonly<Record<InboundStatus, string>> = {
  OPEN: '',
  REOPEN: '【居民反映问题仍未解决】',
  FIXED: '【居民反映问题已解决】',
  CLOSED: '【居民反映问题已解决】',
  IN_PROGRESS: '',
  ACTION_SCHEDULED: '',
  INVESTIGATING: '',
  DUPLICATE: '【居民反映与其他诉求重复】',
  NOT_COUNCILS_RESPONSIBILITY: '',
  NO_FURTHER_ACTION: '',
  INTERNAL_REFERRAL: '',
};

/** The rows of the mapping table, for docs and tests. */
export function mappingTable(): Array<{
  state: TicketState;
  outcome: Outcome | null;
  status: Open311Status;
  extended: Open311ExtendedStatus;
}> {
  const open = TICKET_STATES.filter((s) => s !== 'closed').map((s) => ({
    state: s,
    outcome: null,
    status: open311Status(s),
    extended: extendedStatus(s, null),
  }));
  const closed = OUTCOMES.map((o) => ({
    state: 'closed' as const,
    outcome: o,
    status: 'closed' as const,
    extended: extendedStatus('closed', o),
  }));
  return [...open, ...closed];
}
