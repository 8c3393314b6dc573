// 下交群评: a request that came back unsolved and does not qualify for 上交, or
// a high-frequency repeated one, is proposed for deliberation; the township
// party committee signs it off; the village branch holds it, convenes the
// elders panel (三老) and others, records and archives the session, posts the
// outcome (公示) without the requester's identity, and settles the case. The
// case stays on the ledger (挂账) until settled or escalated.
import { zhCN } from '@jiesu/contracts';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import type { HookContext, HookRegistry } from '../tickets/hooks.js';
import { ticketRepository } from '../tickets/repository.js';
import { deliberationRepository } from './repository.js';
import { effectiveSettings } from '../org/settings.js';

const DAY = 86_400_000;

function villageInvalid(): AppError {
  return new AppError('DELIBERATION_VILLAGE_INVALID', [
    { path: '/input/villageUnitId', message: zhCN.error.DELIBERATION_VILLAGE_INVALID },
  ]);
}

async function openCase(c: HookContext) {
  const d = await deliberationRepository(c.trx).openDeliberation(c.ticket.id);
  if (!d) throw new AppError('NO_PENDING_DELIBERATION');
  return d;
}

async function sessionOf(c: HookContext, path: string) {
  const s = await deliberationRepository(c.trx).session(c.ticket.id, c.input.sessionId as string);
  if (!s)
    throw new AppError('SESSION_NOT_FOUND', [{ path, message: zhCN.error.SESSION_NOT_FOUND }]);
  return s;
}

export const ledgerHooks: HookRegistry = {
  propose_deliberation: [
    {
      // The village must be a village committee of the township the ticket's
      // lead unit belongs to; that township's government signs it off.
      async prepare(c) {
        const repo = deliberationRepository(c.trx);
        const lead = c.ticket.lead_unit_id
          ? await repo.placedUnit(c.tenantId, c.ticket.lead_unit_id)
          : undefined;
        if (!lead || lead.kind !== 'government' || !['township', 'village'].includes(lead.level))
          throw new AppError('DELIBERATION_NOT_ALLOWED');
        const village = await repo.placedUnit(c.tenantId, c.input.villageUnitId as string);
        if (
          !village ||
          !village.active ||
          village.kind !== 'government' ||
          village.level !== 'village' ||
          !village.parentJurisdictionId
        )
          throw villageInvalid();
        const townshipPath = village.path.slice(
          0,
          village.path.length - village.jurisdictionId.length - 1,
        );
        if (!lead.path.startsWith(townshipPath)) throw villageInvalid();
        const signer = await repo.governmentAt(c.tenantId, village.parentJurisdictionId);
        if (!signer) throw villageInvalid();
        return { signerUnitId: signer.id };
      },
      async after(c) {
        await deliberationRepository(c.trx).insertDeliberation({
          tenant_id: c.tenantId,
          ticket_id: c.ticket.id,
          basis: c.input.basis as 'repeated_request',
          reason: (c.input.reason as string).trim(),
          proposed_by: c.actor?.userId ?? null,
          proposed_unit_id: c.unitId!,
          proposed_at: c.at,
          village_unit_id: c.input.villageUnitId as string,
          signer_unit_id: c.input.signerUnitId as string,
          state: 'proposed',
        });
      },
    },
  ],
  sign_off_deliberation: [
    {
      async prepare(c) {
        const d = await openCase(c);
        return { deliberationId: d.id, villageUnitId: d.village_unit_id };
      },
      async after(c) {
        const signed = c.input.verdict === 'signed';
        const repo = deliberationRepository(c.trx);
        const id = c.input.deliberationId as string;
        const note = (c.input.note as string).trim();
        await repo.updateDeliberation(id, {
          state: signed ? 'on_ledger' : 'refused',
          signed_by: c.actor?.userId ?? null,
          signed_at: c.at,
          sign_note: note,
          ...(signed ? {} : { ended_at: c.at }),
        });
        // The village branch holds the ticket (and sees it) while it is on the ledger.
        if (signed)
          await ticketRepository(c.trx).ensureAssignment(
            c.tenantId,
            c.ticket.id,
            c.input.villageUnitId as string,
            'delegate',
            c.at,
          );
      },
    },
  ],
  hold_session: [
    {
      // Present panel members must sit on the village's current panel; the
      // session's id and panel are recorded in the event.
      async prepare(c) {
        const repo = deliberationRepository(c.trx);
        const d = await openCase(c);
        const panel = await repo.currentPanel(c.tenantId, d.village_unit_id);
        if (!panel) throw new AppError('ELDERS_PANEL_MISSING');
        const ids = c.input.panelMemberIds as string[];
        const members = await repo.eldersByIds(ids);
        if (members.length !== ids.length || members.some((m) => m.panel_id !== panel.id))
          throw new AppError('PANEL_MEMBER_INVALID', [
            { path: '/input/panelMemberIds', message: zhCN.error.PANEL_MEMBER_INVALID },
          ]);
        const attachments = (c.input.attachmentIds as string[] | undefined) ?? [];
        const claimed = await ticketRepository(c.trx).claimAttachments(
          c.tenantId,
          c.ticket.id,
          attachments,
        );
        if (claimed !== attachments.length)
          throw new AppError('UNKNOWN_ATTACHMENT', [
            { path: '/input/attachmentIds', message: zhCN.error.UNKNOWN_ATTACHMENT },
          ]);
        return { sessionId: newId(), deliberationId: d.id, panelId: panel.id };
      },
      async after(c) {
        const i = c.input;
        await deliberationRepository(c.trx).insertSession({
          id: i.sessionId as string,
          tenant_id: c.tenantId,
          deliberation_id: i.deliberationId as string,
          ticket_id: c.ticket.id,
          unit_id: c.unitId!,
          panel_id: i.panelId as string,
          held_at: i.heldAt as string,
          place: (i.place as string).trim(),
          convenor: (i.convenor as string).trim(),
          panel_member_ids: i.panelMemberIds as string[],
          participants: JSON.stringify(i.participants),
          matter: (i.matter as string).trim(),
          minutes: i.minutes as string,
          finding: i.finding as 'reasonable',
          settlement: (i.settlement as string).trim(),
          signatures: JSON.stringify(i.signatures),
          attachment_ids: (i.attachmentIds as string[] | undefined) ?? [],
          recorded_by: c.actor?.userId ?? null,
          recorded_at: c.at,
        });
      },
    },
  ],
  archive_session: [
    {
      async prepare(c) {
        const s = await sessionOf(c, '/input/sessionId');
        if (s.archived_at) throw new AppError('SESSION_ARCHIVED');
        // The seal: what was archived, so a later change would show against the trail.
        return { attachmentIds: s.attachment_ids, signatureCount: s.signatures.length };
      },
      async after(c) {
        await deliberationRepository(c.trx).archiveSession(
          c.input.sessionId as string,
          c.actor?.userId ?? null,
          c.at,
        );
      },
    },
  ],
  publish_notice: [
    {
      // Posted for the district's number of days (or the days given), from now.
      async prepare(c) {
        const s = await sessionOf(c, '/input/sessionId');
        if (!s.archived_at) throw new AppError('SESSION_NOT_ARCHIVED');
        const tenant = await c.trx
          .selectFrom('tenants')
          .select('settings')
          .where('id', '=', c.tenantId)
          .executeTakeFirstOrThrow();
        const days =
          (c.input.days as number | undefined) ?? effectiveSettings(tenant.settings).noticeDays;
        return {
          noticeId: newId(),
          days,
          finding: s.finding,
          endsAt: new Date(c.at.getTime() + days * DAY).toISOString(),
        };
      },
      async after(c) {
        const repo = deliberationRepository(c.trx);
        const d = await openCase(c);
        const village = await repo.placedUnit(c.tenantId, d.village_unit_id);
        const category = await c.trx
          .selectFrom('categories')
          .select('name')
          .where('id', '=', c.ticket.category_id)
          .executeTakeFirst();
        await repo.insertNotice({
          id: c.input.noticeId as string,
          tenant_id: c.tenantId,
          ticket_id: c.ticket.id,
          deliberation_id: d.id,
          session_id: c.input.sessionId as string,
          unit_id: d.village_unit_id,
          jurisdiction_id: village!.jurisdictionId,
          // The title names the matter and the place, never the requester.
          title: `${village!.name}关于“${category?.name ?? ''}”诉求的群众评议结果公示`,
          text: (c.input.text as string).trim(),
          finding: c.input.finding as 'reasonable',
          starts_at: c.at,
          ends_at: c.input.endsAt as string,
          published_by: c.actor?.userId ?? null,
        });
      },
    },
  ],
  settle_deliberation: [
    {
      async after(c) {
        const d = await openCase(c);
        await deliberationRepository(c.trx).updateDeliberation(d.id, {
          state: 'settled',
          ended_at: c.at,
          end_note: (c.input.note as string).trim(),
        });
        // Settled, the ticket owes no co-unit parts any more: unfinished tasks are cancelled.
        await c.trx
          .updateTable('ticket_tasks')
          .set({ state: 'cancelled' })
          .where('ticket_id', '=', c.ticket.id)
          .where('state', 'in', ['open', 'accepted'])
          .execute();
      },
    },
  ],
};
