// The event trail is the ticket's history: replaying a ticket's events from its `create`
// snapshot (workflow.replay) must give the stored row, column for column.
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { DB, Ticket } from '../src/db/schema.js';
import { replay } from '../src/modules/tickets/workflow.js';

export async function expectReplays(db: Kysely<DB>, ticketId: string): Promise<void> {
  const row = await db
    .selectFrom('tickets')
    .selectAll()
    .where('id', '=', ticketId)
    .executeTakeFirstOrThrow();
  const trail = await db
    .selectFrom('ticket_events')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('seq')
    .execute();
  const snapshot = (trail[0]!.payload as { snapshot: Record<string, unknown> }).snapshot;
  // Columns the creation leaves to their default (null) are not in the snapshot.
  const created = {
    ...Object.fromEntries(Object.keys(row).map((k) => [k, null])),
    ...snapshot,
    received_at: new Date(snapshot.received_at as string),
    updated_at: new Date(snapshot.updated_at as string),
    requester_name: row.requester_name,
    requester_phone: row.requester_phone,
  } as unknown as Ticket;
  expect(replay(created, trail.slice(1)), `replay of ${ticketId}`).toEqual(row);
}
