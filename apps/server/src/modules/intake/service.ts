// Intake views beside the ticket: the same-place same-category tickets an agent
// sees while taking a call, and what a ticket is merged with.
import type { Kysely } from 'kysely';
import type { MergeInfo, SimilarTicketsQuery, TicketSummary } from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { isCentre, type StaffActor } from '../../shared/actor.js';
import { toSummary } from '../tickets/presenter.js';
import { ticketRepository } from '../tickets/repository.js';
import { visibleTicket } from '../tickets/visible.js';
import { intakeRepository, type TicketBriefRow } from './repository.js';

const DAY_MS = 86_400_000;

const toBrief = (t: TicketBriefRow) => ({
  id: t.id,
  code: t.code,
  title: t.title,
  state: t.state,
  outcome: t.outcome,
  receivedAt: t.received_at.toISOString(),
  repliedAt: t.replied_at?.toISOString() ?? null,
});

export function intakeService(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;
  const tickets = ticketRepository(db);
  const repo = intakeRepository(db);

  return {
    /**
     * Tickets of the same place and category received in the last `days` days,
     * newest first: what the hotline desk checks before taking a new one.
     */
    async similar(actor: StaffActor, q: SimilarTicketsQuery): Promise<TicketSummary[]> {
      if (!isCentre(actor, ['agent', 'dispatcher'])) throw new AppError('FORBIDDEN');
      const now = clock.now();
      const page = await tickets.list(
        actor.tenantId,
        actor.scope,
        {
          jurisdictionId: q.jurisdictionId,
          categoryId: q.categoryId,
          receivedFrom: new Date(now.getTime() - (q.days ?? 30) * DAY_MS).toISOString(),
          sort: '-receivedAt',
          pageSize: 20,
        },
        now,
      );
      return page.items.map((t) => toSummary(t, now));
    },

    /** The master of a merged ticket, and the tickets merged into this one. */
    async mergeInfo(actor: StaffActor, id: string): Promise<MergeInfo> {
      const t = await visibleTicket(tickets, actor, id);
      const master = t.master_id ? await repo.brief(actor.tenantId, t.master_id) : undefined;
      const merged = await repo.mergedInto(actor.tenantId, id);
      return { master: master ? toBrief(master) : null, merged: merged.map(toBrief) };
    },
  };
}
export type IntakeService = ReturnType<typeof intakeService>;
