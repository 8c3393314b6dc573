// 三上三下: the holder passes a ticket down its own territory (township →
// village → grid), each level can pull it back, the holder can send it back up,
// and the township's leader convenes its sections. The lead unit stays
// responsible throughout: only the holder changes (see the EFFECTS of
// pass_down/pull_back/send_up), and feedback waits until the ticket is back
// with the lead (policy.blockedBy).
import { zhCN, type Role } from '@jiesu/contracts';
import { AppError } from '../../shared/errors.js';
import type { HookContext, HookRegistry } from '../tickets/hooks.js';
import { ticketRepository } from '../tickets/repository.js';
import {
  coordinationRepository,
  type CoordinationRepository,
  type PlacedUnit,
} from './repository.js';

/** Who may take a ticket passed down to a unit by name. */
export const TAKERS: Role[] = ['grid_worker', 'handler', 'unit_leader'];

/** A unit whose jurisdiction lies strictly below the holder's, that may hold a ticket. */
export function isBelow(holder: PlacedUnit, target: PlacedUnit): boolean {
  return (
    target.active &&
    (target.kind === 'government' || target.kind === 'grid') &&
    target.path.startsWith(holder.path) &&
    target.path !== holder.path
  );
}

function invalid(path: string): AppError {
  return new AppError('PASS_DOWN_TARGET_INVALID', [
    { path, message: zhCN.error.PASS_DOWN_TARGET_INVALID },
  ]);
}

/**
 * The open delegations from a unit down to the holder, following the chain
 * (from → to) rather than the times, which may tie.
 */
function chainBelow<D extends { from_unit_id: string; to_unit_id: string }>(
  open: D[],
  fromUnitId: string,
): D[] {
  const out: D[] = [];
  let unit = fromUnitId;
  for (;;) {
    const next = open.find((d) => d.from_unit_id === unit && !out.includes(d));
    if (!next) return out;
    out.push(next);
    unit = next.to_unit_id;
  }
}

/** Pulls back the delegations below a unit; the lower units lose the ticket with them. */
async function pullBackBelow(repo: CoordinationRepository, c: HookContext, fromUnitId: string) {
  const ended = chainBelow(await repo.openDelegations(c.ticket.id), fromUnitId);
  await repo.endDelegations(
    ended.map((d) => d.id),
    c.at,
    'pulled_back',
  );
  await ticketRepository(c.trx).endAssignments(c.ticket.id, c.at, {
    unitIds: ended.map((d) => d.to_unit_id),
    role: 'delegate',
  });
}

/** The open delegation to the unit now holding the ticket (the bottom of the chain). */
async function delegationToHolder(repo: CoordinationRepository, c: HookContext) {
  const open = await repo.openDelegations(c.ticket.id);
  const d = open.find((x) => x.to_unit_id === c.ticket.holder_unit_id);
  if (!d) throw new AppError('NOT_PASSED_DOWN');
  return d;
}

/**
 * A ticket given a new lead (objection upheld) drops the whole chain below the
 * old one: the delegations end as reassigned and no lower unit keeps sight of it.
 */
const endChainOnReassign = {
  async after(
    c: HookContext & { updated: { holder_unit_id: string | null; lead_unit_id: string | null } },
  ) {
    if (c.updated.lead_unit_id === c.ticket.lead_unit_id) return;
    const repo = coordinationRepository(c.trx);
    const open = await repo.openDelegations(c.ticket.id);
    await repo.endDelegations(
      open.map((d) => d.id),
      c.at,
      'reassigned',
    );
    await ticketRepository(c.trx).endAssignments(c.ticket.id, c.at, { role: 'delegate' });
  },
};

export const delegationHooks: HookRegistry = {
  pass_down: [
    {
      async prepare(c) {
        const repo = coordinationRepository(c.trx);
        const holder = c.ticket.holder_unit_id
          ? await repo.unit(c.tenantId, c.ticket.holder_unit_id)
          : undefined;
        const target = await repo.unit(c.tenantId, c.input.toUnitId as string);
        if (!holder || !target || !isBelow(holder, target)) throw invalid('/input/toUnitId');
        const userId = c.input.toUserId as string | undefined;
        if (!userId) return;
        const person = (await repo.staffOf(c.tenantId, [target.id], TAKERS)).find(
          (s) => s.id === userId,
        );
        if (!person) throw invalid('/input/toUserId');
        // The event records the person by id and name (the timeline shows the name).
        return { toUserId: undefined, toUser: { id: person.id, name: person.name } };
      },
      async after(c) {
        const repo = coordinationRepository(c.trx);
        const to = c.input.toUnitId as string;
        const note =
          typeof c.input.note === 'string' && c.input.note.trim() ? c.input.note.trim() : null;
        await repo.insertDelegation({
          tenant_id: c.tenantId,
          ticket_id: c.ticket.id,
          from_unit_id: c.ticket.holder_unit_id!,
          to_unit_id: to,
          to_user_id: (c.input.toUser as { id: string } | undefined)?.id ?? null,
          note,
          at: c.at,
        });
        // The lower unit sees the ticket (until it is pulled back from it).
        await ticketRepository(c.trx).ensureAssignment(
          c.tenantId,
          c.ticket.id,
          to,
          'delegate',
          c.at,
        );
      },
    },
  ],
  pull_back: [
    {
      // The passer takes the ticket back: it becomes the holder again.
      async prepare(c) {
        return { toUnitId: c.unitId };
      },
      async after(c) {
        await pullBackBelow(coordinationRepository(c.trx), c, c.unitId!);
      },
    },
  ],
  send_up: [
    {
      // Back to the unit that passed it down to the holder.
      async prepare(c) {
        const d = await delegationToHolder(coordinationRepository(c.trx), c);
        return { toUnitId: d.from_unit_id };
      },
      async after(c) {
        const repo = coordinationRepository(c.trx);
        const d = await delegationToHolder(repo, c);
        // The unit that sent it up keeps sight of what it handled (its delegate
        // assignment stays); it no longer holds it or acts on it.
        await repo.endDelegations([d.id], c.at, 'sent_up');
      },
    },
  ],
  convene: [
    {
      // 召集科室会商: the sections must be the acting government's own. The event
      // records sections, note and resources; nothing else is stored.
      async prepare(c) {
        const repo = coordinationRepository(c.trx);
        const government = c.unitId ? await repo.unit(c.tenantId, c.unitId) : undefined;
        const ids = c.input.sectionIds as string[];
        const found = new Map((await repo.units(c.tenantId, ids)).map((u) => [u.id, u]));
        const bad = ids.filter((id) => {
          const u = found.get(id);
          return (
            !government ||
            !u ||
            !u.active ||
            u.kind !== 'section' ||
            u.jurisdictionId !== government.jurisdictionId
          );
        });
        if (bad.length) {
          throw new AppError(
            'CONVENE_SECTIONS_INVALID',
            bad.map(() => ({
              path: '/input/sectionIds',
              message: zhCN.error.CONVENE_SECTIONS_INVALID,
            })),
          );
        }
      },
    },
  ],
  review_objection: [endChainOnReassign],
};
