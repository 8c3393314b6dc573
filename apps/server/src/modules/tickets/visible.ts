import type { Ticket } from '../../db/schema.js';
import type { StaffActor } from '../../shared/actor.js';
import { AppError } from '../../shared/errors.js';
import { canSee } from './policy.js';
import type { TicketRepository } from './repository.js';

/**
 * The ticket, if the actor may see it (the pages beside a ticket show what the
 * ticket's readers may read). A ticket outside the actor's scope is reported as
 * missing, not forbidden: its existence is itself information.
 */
export async function visibleTicket(
  repo: TicketRepository,
  actor: StaffActor,
  id: string,
): Promise<Ticket> {
  const t = await repo.byId(actor.tenantId, id);
  if (!t) throw new AppError('TICKET_NOT_FOUND');
  const units = (await repo.assignments(id)).map((a) => a.unit_id);
  if (!canSee(actor, { ...t, unitIds: units })) throw new AppError('TICKET_NOT_FOUND');
  return t;
}
