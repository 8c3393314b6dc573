// 督办 on the ticket: `urge` records an urge for a unit on the ticket (the unit
// holding it by default) with a deadline; `respond_urge` records the urged unit's
// answer. Both run inside the ticket action's transaction, so the urge row and the
// ticket's event commit together.
import { oversightMessages, zhCN } from '@jiesu/contracts';
import { outboxNotifier } from '../notify/outbox.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import type { HookContext, HookRegistry } from '../tickets/hooks.js';
import { oversightRepository } from './repository.js';

/** The unit an urge is for: one handling the ticket (lead, holder or co-unit). */
function urgedUnit(c: HookContext): string {
  const t = c.ticket;
  const chosen = (c.input.unitId as string | undefined) ?? t.holder_unit_id ?? t.lead_unit_id;
  const handling = new Set(
    [
      t.lead_unit_id,
      t.holder_unit_id,
      ...c.links.assignments.filter((a) => a.role === 'co').map((a) => a.unitId),
    ].filter((u): u is string => u !== null),
  );
  if (!chosen || !handling.has(chosen) || chosen === c.unitId) {
    throw new AppError('URGE_UNIT_INVALID', [
      { path: '/input/unitId', message: zhCN.error.URGE_UNIT_INVALID },
    ]);
  }
  return chosen;
}

export const oversightHooks: HookRegistry = {
  urge: [
    {
      async prepare(c) {
        const unitId = urgedUnit(c);
        if (new Date(c.input.deadline as string).getTime() <= c.at.getTime()) {
          throw new AppError('URGE_DEADLINE_PAST', [
            { path: '/input/deadline', message: zhCN.error.URGE_DEADLINE_PAST },
          ]);
        }
        const repo = oversightRepository(c.trx);
        if (await repo.openUrge(c.ticket.id, unitId)) throw new AppError('URGE_PENDING');
        const unit = await repo.unit(c.tenantId, unitId);
        // Recorded on the event, so the timeline names the urged unit without a join.
        return { unitId, unitName: unit?.name ?? '', urgeId: newId() };
      },
      async after(c) {
        await oversightRepository(c.trx).insert({
          id: c.input.urgeId as string,
          tenant_id: c.tenantId,
          ticket_id: c.ticket.id,
          unit_id: c.input.unitId as string,
          by_user_id: c.actor?.userId ?? null,
          by_unit_id: c.unitId,
          note: (c.input.note as string).trim(),
          due_at: new Date(c.input.deadline as string),
          created_at: c.at,
        });
      },
    },
  ],
  // The sweep acts for the platform: the urge is stamped escalated and the leaders
  // above get a message, with the event on the ticket's timeline, in one transaction.
  escalate_urge: [
    {
      async after(c) {
        const urgeId = c.input.urgeId as string;
        const toUnitId = c.input.toUnitId as string;
        const r = oversightRepository(c.trx);
        if (!(await r.markEscalated(urgeId, c.at, toUnitId)))
          throw new AppError('VERSION_CONFLICT');
        const urge = await c.trx
          .selectFrom('urges as u')
          .innerJoin('units as n', 'n.id', 'u.unit_id')
          .select(['u.note', 'n.name as unit_name'])
          .where('u.id', '=', urgeId)
          .executeTakeFirstOrThrow();
        const text = oversightMessages.urgeNotice
          .replace('{unit}', urge.unit_name)
          .replace('{code}', c.ticket.code)
          .replace('{note}', urge.note.length > 40 ? `${urge.note.slice(0, 40)}…` : urge.note);
        const leaders = await r.leadersOf(c.tenantId, toUnitId);
        const target = await r.unit(c.tenantId, toUnitId);
        const to = leaders.length
          ? leaders.map((l) => ({ toUserId: l.id, toName: l.display_name, toPhone: l.phone }))
          : [{ toUserId: null, toName: target?.name ?? '', toPhone: null }];
        await outboxNotifier.queue(
          c.trx,
          to.map((x) => ({
            ...x,
            tenantId: c.tenantId,
            text,
            source: 'urge_escalation',
            sourceId: urgeId,
          })),
          c.at,
        );
      },
    },
  ],
  respond_urge: [
    {
      async prepare(c) {
        const open = c.unitId
          ? await oversightRepository(c.trx).openUrge(c.ticket.id, c.unitId)
          : undefined;
        if (!open) throw new AppError('NOT_URGED');
        return { urgeId: open.id };
      },
      async after(c) {
        const done = await oversightRepository(c.trx).respond(c.input.urgeId as string, {
          at: c.at,
          by: c.actor?.userId ?? null,
          response: (c.input.reply as string).trim(),
          finishBy: c.input.finishBy ? new Date(c.input.finishBy as string) : null,
        });
        if (!done) throw new AppError('NOT_URGED');
      },
    },
  ],
};
