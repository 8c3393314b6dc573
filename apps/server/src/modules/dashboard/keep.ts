// The one place the ticket service updates the dashboard's intake rollups: right
// after a `create` or action event is written, in its transaction.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { dashboardRepository } from './repository.js';
import { dashboardDelta, type DashboardEvent } from './rollups.js';

export async function keepDashboardRollups(
  trx: Kysely<DB>,
  tenantId: string,
  ticketId: string,
  event: DashboardEvent & { at: Date },
): Promise<void> {
  const counts = dashboardDelta(event);
  if (Object.keys(counts).length) {
    await dashboardRepository(trx).apply(tenantId, ticketId, event.at, counts);
  }
}
