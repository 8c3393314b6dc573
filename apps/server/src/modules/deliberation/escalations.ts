// 上交/提级: what a township cannot solve goes to the district (a village's to
// its township) through a review of whether it qualifies. Accepted, the upper
// level becomes the lead unit and handles it (it may whistle departments); the
// escalation record keeps the unit that asked, which keeps sight of the ticket
// as a watcher. Refused, nothing moves. Counted per unit (see service.stats).
import { zhCN } from '@jiesu/contracts';
import { AppError } from '../../shared/errors.js';
import type { HookContext, HookRegistry } from '../tickets/hooks.js';
import { ticketRepository } from '../tickets/repository.js';
import { deliberationRepository } from './repository.js';

/** The upper level a government escalates to: its parent jurisdiction's government. */
export async function upperGovernment(c: Pick<HookContext, 'trx' | 'tenantId'>, unitId: string) {
  const repo = deliberationRepository(c.trx);
  const unit = await repo.placedUnit(c.tenantId, unitId);
  if (!unit || unit.kind !== 'government' || !['township', 'village'].includes(unit.level))
    throw new AppError('ESCALATION_NOT_ALLOWED');
  const upper = unit.parentJurisdictionId
    ? await repo.governmentAt(c.tenantId, unit.parentJurisdictionId)
    : undefined;
  if (!upper) throw new AppError('ESCALATION_TARGET_MISSING');
  return upper;
}

async function pending(c: HookContext) {
  const e = await deliberationRepository(c.trx).pendingEscalation(c.ticket.id);
  if (!e) throw new AppError('NO_PENDING_ESCALATION');
  return e;
}

export const escalationHooks: HookRegistry = {
  escalate: [
    {
      // The event records to whom it went.
      async prepare(c) {
        const upper = await upperGovernment(c, c.ticket.lead_unit_id!);
        return { toUnitId: upper.id };
      },
      async after(c) {
        const note = typeof c.input.needsNote === 'string' ? c.input.needsNote.trim() : '';
        await deliberationRepository(c.trx).insertEscalation({
          tenant_id: c.tenantId,
          ticket_id: c.ticket.id,
          from_unit_id: c.ticket.lead_unit_id!,
          to_unit_id: c.input.toUnitId as string,
          reason: (c.input.reason as string).trim(),
          tried: (c.input.tried as string).trim(),
          needs: c.input.needs as string[] as never,
          needs_note: note || null,
          state: 'pending',
          raised_by: c.actor?.userId ?? null,
          raised_at: c.at,
        });
      },
    },
  ],
  review_escalation: [
    {
      async prepare(c) {
        const e = await pending(c);
        return { escalationId: e.id, fromUnitId: e.from_unit_id, toUnitId: e.to_unit_id };
      },
      async after(c) {
        const repo = deliberationRepository(c.trx);
        const accepted = c.input.verdict === 'accepted';
        await repo.updateEscalation(c.input.escalationId as string, {
          state: accepted ? 'accepted' : 'refused',
          reviewed_by: c.actor?.userId ?? null,
          reviewed_unit_id: c.unitId,
          reviewed_at: c.at,
          review_note: (c.input.note as string).trim(),
        });
        if (!accepted) return;
        // The upper level leads now; the unit that asked keeps watching its case.
        const tickets = ticketRepository(c.trx);
        const from = c.input.fromUnitId as string;
        const to = c.input.toUnitId as string;
        await tickets.endAssignments(c.ticket.id, c.at, { unitIds: [from, to] });
        await tickets.assignUnits(c.tenantId, c.ticket.id, [to], 'lead', c.at);
        await tickets.assignUnits(c.tenantId, c.ticket.id, [from], 'watcher', c.at);
        // A passed-down chain under the old lead ends with it.
        await tickets.endAssignments(c.ticket.id, c.at, { role: 'delegate' });
        await c.trx
          .updateTable('ticket_delegations')
          .set({ ended_at: c.at, ended_how: 'reassigned' })
          .where('ticket_id', '=', c.ticket.id)
          .where('ended_at', 'is', null)
          .execute();
        // Escalated from the ledger: the case leaves it as escalated.
        const open = await repo.openDeliberation(c.ticket.id);
        if (open) {
          await repo.updateDeliberation(open.id, {
            state: open.state === 'on_ledger' ? 'escalated' : 'refused',
            ended_at: c.at,
            end_note: zhCN.deliberationState.escalated,
          });
        }
      },
    },
  ],
};
