// What the hearing and consultation actions do beyond the ticket row: a
// scheduled hearing (听证) with its invited experts, its record once held (with
// the requester's signed commitment to stop petitioning, 息诉罢访承诺书, where
// reached), and the regular consultations (会商) on a backlog case. Registered
// in the composition root with the other modules' hooks.
import type { Kysely } from 'kysely';
import { zhCN } from '@jiesu/contracts';
import type { DB, HearingCommitment, HearingExpert, Signature } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { maskName } from '../../shared/phone.js';
import type { HookRegistry } from '../tickets/hooks.js';
import { ticketRepository } from '../tickets/repository.js';
import { hearingsRepository } from './repository.js';

interface CommitmentInput {
  signerName: string;
  signedAt: string;
  text: string;
  attachmentIds?: string[];
}

const unknownAttachment = () =>
  new AppError('UNKNOWN_ATTACHMENT', [
    { path: '/input/attachmentIds', message: zhCN.error.UNKNOWN_ATTACHMENT },
  ]);

/** The uploads a hearing record brings: its own and the commitment's, each once. */
function attachmentIdsOf(input: Record<string, unknown>): string[] {
  const commitment = input.commitment as CommitmentInput | undefined;
  return [
    ...new Set([
      ...((input.attachmentIds as string[] | undefined) ?? []),
      ...(commitment?.attachmentIds ?? []),
    ]),
  ];
}

/**
 * The commitment's signer is the requester (or someone for them): personal data,
 * which the ticket's events and lists never carry. `prepare` replaces the name on
 * the input (so the event records it masked) and keeps the name as written here,
 * for `after` of the same action's transaction to store with the hearing.
 */
const signerNames = new WeakMap<Kysely<DB>, string>();

export const hearingHooks: HookRegistry = {
  schedule_hearing: [
    {
      // The event records the new hearing's id, so a later record_hearing refers to it.
      prepare: () => Promise.resolve({ hearingId: newId() }),
      async after(c) {
        const experts = (c.input.experts as HearingExpert[]).map((e) => ({
          name: e.name.trim(),
          kind: e.kind,
          ...(e.affiliation?.trim() ? { affiliation: e.affiliation.trim() } : {}),
        }));
        await hearingsRepository(c.trx).insertHearing({
          id: c.input.hearingId as string,
          tenant_id: c.tenantId,
          ticket_id: c.ticket.id,
          unit_id: c.unitId!,
          state: 'scheduled',
          scheduled_at: new Date(c.input.scheduledAt as string),
          place: (c.input.place as string).trim(),
          matter: (c.input.matter as string).trim(),
          experts: JSON.stringify(experts),
          scheduled_by: c.actor?.userId ?? null,
          created_at: c.at,
        });
      },
    },
  ],
  record_hearing: [
    {
      async prepare(c) {
        const repo = hearingsRepository(c.trx);
        const hearing = await repo.hearingOfTicket(
          c.tenantId,
          c.ticket.id,
          c.input.hearingId as string,
        );
        if (!hearing) {
          throw new AppError('HEARING_NOT_FOUND', [
            { path: '/input/hearingId', message: zhCN.error.HEARING_NOT_FOUND },
          ]);
        }
        if (hearing.state !== 'scheduled') throw new AppError('HEARING_ALREADY_HELD');
        const ids = attachmentIdsOf(c.input);
        if ((await repo.unclaimedAttachments(c.tenantId, ids)) !== ids.length) {
          throw unknownAttachment();
        }
        const commitment = c.input.commitment as CommitmentInput | undefined;
        if (!commitment) return;
        const name = commitment.signerName.trim();
        signerNames.set(c.trx, name);
        return { commitment: { ...commitment, signerName: maskName(name) } };
      },
      async after(c) {
        const ids = attachmentIdsOf(c.input);
        // The record's files are claimed by the ticket, like the requester's uploads.
        if (
          (await ticketRepository(c.trx).claimAttachments(c.tenantId, c.ticket.id, ids)) !==
          ids.length
        ) {
          throw unknownAttachment();
        }
        const given = c.input.commitment as CommitmentInput | undefined;
        let commitment: HearingCommitment | null = null;
        if (given) {
          commitment = {
            signerName: signerNames.get(c.trx) ?? given.signerName,
            signedAt: new Date(given.signedAt).toISOString(),
            text: given.text.trim(),
            ...(given.attachmentIds?.length ? { attachmentIds: given.attachmentIds } : {}),
          };
          signerNames.delete(c.trx);
        }
        const held = await hearingsRepository(c.trx).markHeld(c.input.hearingId as string, {
          heldAt: new Date(c.input.heldAt as string),
          minutes: (c.input.minutes as string).trim(),
          outcome: (c.input.outcome as string).trim(),
          signatures: (c.input.signatures as Signature[]).map((s) => ({
            name: s.name.trim(),
            signedAt: new Date(s.signedAt).toISOString(),
          })),
          attachmentIds: (c.input.attachmentIds as string[] | undefined) ?? [],
          commitment,
          by: c.actor?.userId ?? null,
          at: c.at,
        });
        if (!held) throw new AppError('HEARING_ALREADY_HELD');
      },
    },
  ],
  record_consultation: [
    {
      async after(c) {
        const nextSteps = (c.input.nextSteps as string | undefined)?.trim();
        await hearingsRepository(c.trx).insertConsultation({
          id: newId(),
          tenant_id: c.tenantId,
          ticket_id: c.ticket.id,
          unit_id: c.unitId!,
          held_at: new Date(c.input.heldAt as string),
          participants: (c.input.participants as string).trim(),
          notes: (c.input.notes as string).trim(),
          next_steps: nextSteps || null,
          recorded_by: c.actor?.userId ?? null,
          recorded_at: c.at,
        });
      },
    },
  ],
};
