// 首接负责: the lead unit may object to a dispatch (异议/退单) within the
// tenant's window, with a reason and evidence; the dispatch centre reviews it.
// Upheld → the ticket is reassigned (改派) with a new clock, and counted as a
// dispatch fault or not; rejected → the unit keeps it and its clock never
// stopped (the row's deadlines are not touched). The guards (window, one
// objection per ticket, an open objection to review) are in tickets/policy.ts.
import { zhCN, type ObjectionView } from '@jiesu/contracts';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { orgRepository } from '../org/repository.js';
import type { HookRegistry } from '../tickets/hooks.js';
import { attachmentUrl, iso, linkedTicket, ref } from '../tickets/presenter.js';
import { ticketRepository } from '../tickets/repository.js';
import { collaborationRepository, type CollaborationRepository } from './repository.js';

type ObjectionRow = Awaited<ReturnType<CollaborationRepository['objectionsOfTicket']>>[number];
type AttachmentRow = Awaited<ReturnType<CollaborationRepository['attachments']>>[number];

const unknownAttachment = () =>
  new AppError('UNKNOWN_ATTACHMENT', [
    { path: '/input/attachmentIds', message: zhCN.error.UNKNOWN_ATTACHMENT },
  ]);

export const objectionHooks: HookRegistry = {
  object: [
    {
      async prepare(c) {
        const ids = (c.input.attachmentIds as string[] | undefined) ?? [];
        const repo = collaborationRepository(c.trx);
        if ((await repo.unclaimedAttachments(c.tenantId, ids)) !== ids.length) {
          throw unknownAttachment();
        }
      },
      async after(c) {
        const repo = collaborationRepository(c.trx);
        const ids = (c.input.attachmentIds as string[] | undefined) ?? [];
        // Evidence is claimed by the ticket, like the requester's uploads.
        if (
          (await ticketRepository(c.trx).claimAttachments(c.tenantId, c.ticket.id, ids)) !==
          ids.length
        ) {
          throw unknownAttachment();
        }
        const dispatch = await repo.latestDispatch(c.ticket.id);
        await repo.insertObjection({
          id: newId(),
          tenant_id: c.tenantId,
          ticket_id: c.ticket.id,
          unit_id: c.unitId!,
          reason: c.input.reason as ObjectionView['reason'],
          text: c.input.text as string,
          attachment_ids: ids,
          raised_by: c.actor?.userId ?? null,
          raised_at: c.at,
          dispatched_at: dispatch?.at ?? c.ticket.dispatched_at,
          dispatcher_id: dispatch?.actor_user_id ?? null,
          state: 'open',
        });
      },
    },
  ],
  review_objection: [
    {
      async prepare(c) {
        const open = await collaborationRepository(c.trx).openObjection(c.ticket.id);
        if (!open) throw new AppError('NO_OPEN_OBJECTION');
        if (c.input.verdict !== 'upheld') return;
        const unitId = c.input.newLeadUnitId as string | undefined;
        if (!unitId) {
          throw new AppError('NEW_UNIT_REQUIRED', [
            { path: '/input/newLeadUnitId', message: zhCN.error.NEW_UNIT_REQUIRED },
          ]);
        }
        if (unitId === c.ticket.lead_unit_id) {
          throw new AppError('NEW_UNIT_REQUIRED', [
            { path: '/input/newLeadUnitId', message: zhCN.collaboration.newUnitSameAsLead },
          ]);
        }
        const [unit] = await orgRepository(c.trx).unitsByIds(c.tenantId, [unitId]);
        if (!unit || !unit.active || unit.kind === 'dispatch_centre') {
          throw new AppError('UNKNOWN_UNIT', [
            { path: '/input/newLeadUnitId', message: zhCN.error.UNKNOWN_UNIT },
          ]);
        }
        // Recorded on the event: whom the ticket was taken from.
        return { previousLeadUnitId: c.ticket.lead_unit_id };
      },
      async after(c) {
        const repo = collaborationRepository(c.trx);
        const open = (await repo.openObjection(c.ticket.id))!;
        const upheld = c.input.verdict === 'upheld';
        const newUnitId = upheld ? (c.input.newLeadUnitId as string) : null;
        await repo.closeObjection(open.id, {
          state: upheld ? 'upheld' : 'rejected',
          by: c.actor?.userId ?? null,
          at: c.at,
          note: c.input.note as string,
          dispatchFault: upheld ? c.input.dispatchFault === true : null,
          newUnitId,
        });
        if (!newUnitId) return;
        // 改派: the old lead lets go (the units it passed the ticket down to let
        // go with the chain: see coordination/delegations.ts); co-units keep their
        // tasks; the new lead is assigned as dispatch would.
        const tickets = ticketRepository(c.trx);
        const old = c.ticket.lead_unit_id;
        if (old) await tickets.endAssignments(c.ticket.id, c.at, { unitIds: [old] });
        // A co-unit that becomes the lead no longer owes a part of its own.
        await repo.cancelTasks(c.ticket.id, newUnitId);
        await tickets.endAssignments(c.ticket.id, c.at, { unitIds: [newUnitId] });
        await tickets.assignUnits(c.tenantId, c.ticket.id, [newUnitId], 'lead', c.at);
      },
    },
  ],
};

/** An objection row as the API shows it; `now` measures how long an open one has waited. */
export function toObjectionView(
  o: ObjectionRow,
  attachments: AttachmentRow[],
  now: Date,
): ObjectionView {
  const end = o.reviewed_at ? new Date(o.reviewed_at) : now;
  return {
    id: o.id,
    ticket: linkedTicket(o),
    unit: { id: o.unit_id, name: o.unit_name },
    reason: o.reason,
    text: o.text,
    attachments: attachments
      .filter((a) => o.attachment_ids.includes(a.id))
      .map((a) => ({ ...a, url: attachmentUrl(a.id) })),
    raisedBy: ref(o.raised_by, o.raised_by_name),
    raisedAt: iso(o.raised_at)!,
    dispatchedAt: iso(o.dispatched_at),
    dispatcher: ref(o.dispatcher_id, o.dispatcher_name),
    state: o.state,
    reviewedBy: ref(o.reviewed_by, o.reviewed_by_name),
    reviewedAt: iso(o.reviewed_at),
    reviewNote: o.review_note,
    dispatchFault: o.dispatch_fault,
    newUnit: ref(o.new_unit_id, o.new_unit_name),
    waitingMinutes: Math.max(
      0,
      Math.floor((end.getTime() - new Date(o.raised_at).getTime()) / 60_000),
    ),
  };
}
