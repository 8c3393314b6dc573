// The one place the ticket service updates the 三率 rollups: right after an
// action's event is written, in the action's transaction.
import type { Kysely } from 'kysely';
import type { DB, Ticket } from '../../db/schema.js';
import { assessmentRepository } from './repository.js';
import { rollupDeltas, type RollupEvent } from './rollups.js';

export async function keepRollups(
  trx: Kysely<DB>,
  tenantId: string,
  before: Ticket,
  after: Ticket,
  event: RollupEvent,
): Promise<void> {
  const deltas = rollupDeltas(before, after, event);
  if (deltas.length) await assessmentRepository(trx).applyDeltas(tenantId, event.at, deltas);
}
