// Dashboard (驾驶舱) rollups: what one ticket event adds to the intake counters of
// its day, top-level category, township, village/community and channel. Pure:
// the event alone decides the counts; the key comes from the ticket, whose
// category, place and channel never change after intake. The ticket service
// applies it in the transaction of the `create` event and of every action's
// event; `repository.naive` counts the same from the event trail. Counters:
//
//   received             — the ticket's `create` event (intake)
//   closed               — an event that takes the ticket into `closed` (办结)
//   reopened             — an event that takes it out of `closed` again (取消合并…)
//   rated                — evaluations: the centre's callbacks and requesters' ratings
//   solved               — …that said "solved"
//   satisfied, basically_satisfied — …by satisfaction
export const DASHBOARD_COUNTERS = [
  'received',
  'closed',
  'reopened',
  'rated',
  'solved',
  'satisfied',
  'basically_satisfied',
] as const;
export type DashboardCounter = (typeof DASHBOARD_COUNTERS)[number];
export type DashboardCounts = Record<DashboardCounter, number>;

/** The event as the rollups read it (an EventDraft or a stored row). */
export interface DashboardEvent {
  action: string;
  from_state: string | null;
  to_state: string;
  payload: Record<string, unknown>;
}

export const zeroDashboardCounts = (): DashboardCounts =>
  Object.fromEntries(DASHBOARD_COUNTERS.map((c) => [c, 0])) as DashboardCounts;

const EVALUATIONS = ['record_callback', 'rate'];

/** The counter deltas of one event; empty when it counts nothing. */
export function dashboardDelta(e: DashboardEvent): Partial<DashboardCounts> {
  const rated = EVALUATIONS.includes(e.action);
  const s = e.payload.satisfaction;
  const all: DashboardCounts = {
    received: e.action === 'create' ? 1 : 0,
    closed: e.to_state === 'closed' && e.from_state !== 'closed' ? 1 : 0,
    reopened: e.from_state === 'closed' && e.to_state !== 'closed' ? 1 : 0,
    rated: rated ? 1 : 0,
    solved: rated && e.payload.solved === true ? 1 : 0,
    satisfied: rated && s === 'satisfied' ? 1 : 0,
    basically_satisfied: rated && s === 'basically_satisfied' ? 1 : 0,
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== 0));
}

/** Adds counts into a running total. */
export function addDashboardCounts(
  into: DashboardCounts,
  more: Partial<DashboardCounts>,
): DashboardCounts {
  for (const c of DASHBOARD_COUNTERS) into[c] += more[c] ?? 0;
  return into;
}
