import { HANDLING_STATES, type TicketListQuery } from '@jiesu/contracts';

/** The home page's lists; App prefetches them on a cold load of `/`. */
export const HOME_OVERDUE: TicketListQuery = {
  pageSize: 6,
  overdue: true,
  sort: 'completionDueAt',
};
export const HOME_DUE_SOON: TicketListQuery = {
  pageSize: 6,
  state: [...HANDLING_STATES],
  overdue: false,
  sort: 'completionDueAt',
};
