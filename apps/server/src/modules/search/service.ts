// The search's part of a list answer: the highlights of each hit, from the
// fields the list already read and the actions' texts of the page's tickets.
import type { Kysely } from 'kysely';
import type { TicketListItem, TicketSummary } from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import { ticketHighlights } from './highlight.js';
import { searchRepository } from './repository.js';
import { searchPlan } from './text.js';

/** The page's summaries with the highlights of `q` in each ticket's title, address, description and replies. */
export async function withHighlights(
  db: Kysely<DB>,
  tenantId: string,
  q: string,
  rows: ReadonlyArray<{ id: string; title: string; address: string; description: string }>,
  items: TicketSummary[],
): Promise<TicketListItem[]> {
  const plan = searchPlan(q);
  if (!plan) return items;
  const texts = await searchRepository(db).texts(
    tenantId,
    rows.map((r) => r.id),
  );
  return items.map((item, i) => {
    const r = rows[i]!;
    return {
      ...item,
      highlights: ticketHighlights(
        { ...r, replies: texts.get(r.id) ?? [] },
        plan.terms,
        plan.fragment ? [plan.fragment] : [],
      ),
    };
  });
}
