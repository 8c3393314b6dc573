// [Handling] what replies and handovers do beyond the ticket row, inside the action's
// transaction.
//
// Templates: give_feedback and send_reply may name the template (答复口径) the text
// started from; it must exist, be active and be visible to the actor (its unit's or
// district-wide). The event records templateId and the template's title.
//
// The assignee (承办人, tickets.assignee_user_id) is set by the actions' effects in
// tickets/workflow.ts, so replaying the events rebuilds it:
// - accept: the person who accepts;
// - pass_down: the person named (toUser), else nobody;
// - pull_back and send_up: nobody (the unit that has it back assigns it again);
// - hand_over: the colleague or grid worker named (checked here). Lead and holder units stay.
import { zhCN, type Role } from '@jiesu/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import { coordinationRepository } from '../coordination/repository.js';
import { ticketRepository } from '../tickets/repository.js';
import type { ActionHooks, HookRegistry } from '../tickets/hooks.js';
import { replyTemplateRepository } from './repository.js';

/** Who in the holding unit may be handed a ticket. */
const COLLEAGUES: Role[] = ['handler', 'unit_leader', 'grid_worker'];

/**
 * The people a ticket held by `holderId` may be handed over to: the unit's active
 * handlers, leaders and grid workers, and the grid workers of the grids inside its area.
 */
export async function handoverCandidates(db: Kysely<DB>, tenantId: string, holderId: string) {
  const repo = coordinationRepository(db);
  const holder = await repo.unit(tenantId, holderId);
  if (!holder) return { unit: null, users: [] };
  const grids = (await repo.unitsBelow(tenantId, holder.path)).filter((u) => u.kind === 'grid');
  const gridName = new Map(grids.map((g) => [g.id, g.name]));
  const own = await repo.staffOf(tenantId, [holder.id], COLLEAGUES);
  const below = await repo.staffOf(
    tenantId,
    grids.map((g) => g.id),
    ['grid_worker'],
  );
  const users: Array<{
    id: string;
    name: string;
    unit: { id: string; name: string };
    kind: 'colleague' | 'grid_worker';
  }> = [];
  for (const s of own) {
    if (users.some((u) => u.id === s.id)) continue;
    users.push({
      id: s.id,
      name: s.name,
      unit: { id: holder.id, name: holder.name },
      kind: 'colleague',
    });
  }
  for (const s of below) {
    if (users.some((u) => u.id === s.id)) continue;
    users.push({
      id: s.id,
      name: s.name,
      unit: { id: s.unit_id, name: gridName.get(s.unit_id) ?? '' },
      kind: 'grid_worker',
    });
  }
  return { unit: { id: holder.id, name: holder.name }, users };
}

function invalidTarget(): AppError {
  return new AppError('HANDOVER_TARGET_INVALID', [
    { path: '/input/toUserId', message: zhCN.error.HANDOVER_TARGET_INVALID },
  ]);
}

/** The template a reply started from: active and the actor's unit's or district-wide. */
const templateOnReply: ActionHooks = {
  async prepare(c) {
    const id = c.input.templateId as string | undefined;
    if (!id) return;
    const r = await replyTemplateRepository(c.trx).byId(c.tenantId, id);
    const units = new Set(c.actor?.grants.map((g) => g.unitId) ?? []);
    if (!r || !r.active || (r.unit_id !== null && !units.has(r.unit_id))) {
      throw new AppError('REPLY_TEMPLATE_INVALID', [
        { path: '/input/templateId', message: zhCN.error.REPLY_TEMPLATE_INVALID },
      ]);
    }
    return { templateId: r.id, templateTitle: r.title };
  },
};

export const replyTemplateHooks: HookRegistry = {
  give_feedback: [templateOnReply],
  send_reply: [templateOnReply],
  hand_over: [
    {
      async prepare(c) {
        const userId = c.input.toUserId as string;
        if (!c.unitId || userId === c.ticket.assignee_user_id) throw invalidTarget();
        const { users } = await handoverCandidates(c.trx, c.tenantId, c.unitId);
        const to = users.find((u) => u.id === userId);
        if (!to) throw invalidTarget();
        const from = c.ticket.assignee_user_id
          ? await replyTemplateRepository(c.trx).userName(c.ticket.assignee_user_id)
          : undefined;
        // The event names both (the timeline shows the names).
        return {
          toUserName: to.name,
          toUnit: to.unit,
          toKind: to.kind,
          fromUser: from ? { id: from.id, name: from.name } : null,
        };
      },
      async after(c) {
        // A grid worker of a grid below sees the ticket through the grid (as when passed down).
        const unit = c.input.toUnit as { id: string } | undefined;
        if (unit && unit.id !== c.ticket.holder_unit_id) {
          await ticketRepository(c.trx).ensureAssignment(
            c.tenantId,
            c.ticket.id,
            unit.id,
            'delegate',
            c.at,
          );
        }
      },
    },
  ],
};
