// Keeps the ticket search documents current in the writing transaction: the
// ticket service writes a new ticket's document with its `create` event, and
// the hooks below add the texts of each action that brings searchable text
// (answers, feedback, replies, progress, what the requester added).
import type { Kysely } from 'kysely';
import type { DB, Ticket } from '../../db/schema.js';
import type { ActionHooks, HookRegistry } from '../tickets/hooks.js';
import { rebuildTicketSearch, searchRepository } from './repository.js';
import { TEXT_ACTIONS, eventTexts, ticketDocument } from './text.js';

/** Writes a new ticket's document, in the creating transaction. */
export async function keepSearchOnCreate(
  trx: Kysely<DB>,
  t: Pick<Ticket, 'id' | 'tenant_id' | 'title' | 'description' | 'address'>,
): Promise<void> {
  await searchRepository(trx).put(t.tenant_id, t.id, ticketDocument(t));
}

const appendTexts: ActionHooks = {
  async after(c) {
    const texts = eventTexts(c.action, c.input);
    if (!texts.length) return;
    // A ticket from before the index (or a restored backup) gets its whole document.
    if (!(await searchRepository(c.trx).append(c.tenantId, c.ticket.id, texts))) {
      await rebuildTicketSearch(c.trx, { tenantId: c.tenantId, ids: [c.ticket.id] });
    }
  },
};

export const searchHooks: HookRegistry = Object.fromEntries(
  TEXT_ACTIONS.map((a) => [a, [appendTexts]]),
);
