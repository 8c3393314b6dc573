// Repeat requests (重复诉求) in the product: at intake, the earlier request of the same
// requester (phone) within the repeat window on the same matter (repeat.ts: similar
// text, same place) is recorded beside the new ticket — in the create transaction,
// on the `create` event as `repeatOf` — and counted by the assessment and the
// deliberation candidates. The desk checks it before submitting (`check`), the
// ticket page shows it (`ofTicket`).
import type { Kysely } from 'kysely';
import type { RepeatCheck, RepeatCheckQuery, RepeatMatch, TicketRepeats } from '@jiesu/contracts';
import type { DB } from '../../../db/schema.js';
import type { Clock } from '../../../shared/clock.js';
import { isCentre, type StaffActor } from '../../../shared/actor.js';
import { AppError } from '../../../shared/errors.js';
import { normalisePhone } from '../../../shared/phone.js';
import { DEFAULT_CONFIG } from '../../assessment/formula.js';
import { ticketRepository } from '../../tickets/repository.js';
import { visibleTicket } from '../../tickets/visible.js';
import { bestRepeat } from './repeat.js';
import { hotspotRepository } from './repository.js';

const DAY = 86_400_000;

interface NewTicketLike {
  id: string;
  tenant_id: string;
  requester_phone?: string | null;
  title: string;
  description: string;
  address: string;
  jurisdiction_id: string;
  received_at: Date | string;
}

/**
 * In the create transaction (through `trx` only): finds the earlier request this
 * one repeats and records it; returns it for the `create` event, or null.
 */
export async function markRepeat(
  trx: Kysely<DB>,
  t: NewTicketLike,
): Promise<{ id: string; code: string; similarity: number } | null> {
  if (!t.requester_phone) return null;
  const repo = hotspotRepository(trx);
  const at = new Date(t.received_at);
  const days = await repo.repeatWindowDays(trx, t.tenant_id, at, DEFAULT_CONFIG.repeatWindowDays);
  const earlier = await repo.earlierOf(
    trx,
    t.tenant_id,
    t.requester_phone,
    new Date(at.getTime() - days * DAY),
    at,
    t.id,
  );
  const best = bestRepeat(t, earlier);
  if (!best) return null;
  const root = (await repo.rootOf(trx, t.tenant_id, best.match.id))?.root_id ?? best.match.id;
  await repo.insertRepeat(trx, {
    ticket_id: t.id,
    tenant_id: t.tenant_id,
    repeat_of: best.match.id,
    root_id: root,
    similarity: best.similarity,
    created_at: at,
  });
  return { id: best.match.id, code: best.match.code, similarity: best.similarity };
}

export function repeatService(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;
  const repo = hotspotRepository(db);
  const tickets = ticketRepository(db);

  const match = (
    t: { id: string; code: string; title: string; state: RepeatMatch['ticket']['state'] },
    receivedAt: Date | string,
    similarity: number,
    now: number,
  ): RepeatMatch => ({
    ticket: { id: t.id, code: t.code, title: t.title, state: t.state },
    receivedAt: new Date(receivedAt).toISOString(),
    daysAgo: Math.max(0, Math.floor((now - new Date(receivedAt).getTime()) / DAY)),
    similarity: Number(similarity),
  });

  return {
    /** Before submitting: does this caller's request repeat one of theirs in the window? */
    async check(actor: StaffActor, q: RepeatCheckQuery): Promise<RepeatCheck> {
      if (!isCentre(actor, ['agent', 'dispatcher'])) throw new AppError('FORBIDDEN');
      const phone = normalisePhone(q.phone);
      if (!phone)
        throw new AppError('INVALID_PHONE', [{ path: '/phone', message: '电话号码格式不正确' }]);
      const now = clock.now();
      const days = await repo.repeatWindowDays(
        db,
        actor.tenantId,
        now,
        DEFAULT_CONFIG.repeatWindowDays,
      );
      const earlier = await repo.earlierOf(
        db,
        actor.tenantId,
        phone,
        new Date(now.getTime() - days * DAY),
        now,
      );
      const best = bestRepeat(
        {
          title: q.title,
          description: q.description ?? '',
          address: q.address ?? '',
          jurisdiction_id: q.jurisdictionId ?? '',
        },
        earlier,
      );
      return {
        windowDays: days,
        match: best
          ? match(best.match, best.match.received_at, best.similarity, now.getTime())
          : null,
      };
    },

    /** The ticket page: what this ticket repeats, and which later ones repeat it. */
    async ofTicket(actor: StaffActor, id: string): Promise<TicketRepeats> {
      await visibleTicket(tickets, actor, id);
      const [of, by] = await Promise.all([
        repo.repeatOf(actor.tenantId, id),
        repo.repeatedBy(actor.tenantId, id),
      ]);
      return {
        repeatOf: of
          ? match(of, of.received_at, of.similarity, new Date(of.created_at).getTime())
          : null,
        repeatedBy: by.filter((t) => t.id !== id),
      };
    },
  };
}
export type RepeatService = ReturnType<typeof repeatService>;
