// 吹哨报到: a township government summons departments (or its own sections) to
// a ticket with a deadline; each reports in and joins as a co-unit with its own
// task and limit. Late is derived when read (see `summonsStatus`), never stored.
import { zhCN, type SummonsStatus } from '@jiesu/contracts';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import type { HookContext, HookRegistry } from '../tickets/hooks.js';
import { ticketRepository } from '../tickets/repository.js';
import {
  coordinationRepository,
  type CoordinationRepository,
  type PlacedUnit,
} from './repository.js';

const HOUR = 3_600_000;

/** A summons as read at `now`: waiting, reported in time, reported late, or overdue. */
export function summonsStatus(
  s: { state: 'summoned' | 'reported'; reported_at: Date | null },
  dueAt: Date,
  now: Date,
): SummonsStatus {
  if (s.state === 'reported') {
    return s.reported_at && s.reported_at.getTime() > dueAt.getTime() ? 'reported_late' : 'on_time';
  }
  return now.getTime() > dueAt.getTime() ? 'overdue' : 'waiting';
}

/** Only a township (street) government blows the whistle. */
export async function whistlingGovernment(
  repo: CoordinationRepository,
  tenantId: string,
  unitId: string | null,
): Promise<PlacedUnit> {
  const unit = unitId ? await repo.unit(tenantId, unitId) : undefined;
  // A township (street) government, or the district's when it took an escalated ticket (上交).
  if (!unit || unit.kind !== 'government' || !['township', 'district'].includes(unit.level)) {
    throw new AppError('WHISTLE_NOT_ALLOWED');
  }
  return unit;
}

/**
 * The units summoned must be active departments of the tenant or active
 * sections of the whistling government, and neither the government itself
 * nor the ticket's lead unit.
 */
export async function checkSummoned(
  repo: CoordinationRepository,
  tenantId: string,
  government: PlacedUnit,
  unitIds: string[],
  exclude: ReadonlyArray<string | null>,
): Promise<void> {
  const found = new Map((await repo.units(tenantId, unitIds)).map((u) => [u.id, u]));
  const bad = unitIds.filter((id) => {
    const u = found.get(id);
    if (!u || !u.active || id === government.id || exclude.includes(id)) return true;
    if (u.kind === 'department') return false;
    return !(u.kind === 'section' && u.jurisdictionId === government.jurisdictionId);
  });
  if (bad.length) {
    throw new AppError(
      'WHISTLE_UNITS_INVALID',
      bad.map(() => ({ path: '/input/unitIds', message: zhCN.error.WHISTLE_UNITS_INVALID })),
    );
  }
}

async function reportIn(c: HookContext) {
  const repo = coordinationRepository(c.trx);
  const summons = c.unitId
    ? await repo.waitingSummons(c.unitId, { ticketId: c.ticket.id })
    : undefined;
  if (!summons) throw new AppError('NOT_SUMMONED');
  return { repo, summons, unitId: c.unitId! };
}

export const whistleHooks: HookRegistry = {
  blow_whistle: [
    {
      async prepare(c) {
        const repo = coordinationRepository(c.trx);
        const government = await whistlingGovernment(repo, c.tenantId, c.unitId);
        const unitIds = c.input.unitIds as string[];
        await checkSummoned(repo, c.tenantId, government, unitIds, [c.ticket.lead_unit_id]);
        const waiting = new Set(await repo.waitingUnits(c.ticket.id));
        const again = unitIds.filter((u) => waiting.has(u));
        if (again.length) {
          throw new AppError(
            'WHISTLE_UNIT_PENDING',
            again.map(() => ({ path: '/input/unitIds', message: zhCN.error.WHISTLE_UNIT_PENDING })),
          );
        }
        // The deadline is fixed when the whistle blows and recorded on the event.
        return {
          dueAt: new Date(c.at.getTime() + (c.input.dueHours as number) * HOUR).toISOString(),
        };
      },
      async after(c) {
        const repo = coordinationRepository(c.trx);
        const unitIds = c.input.unitIds as string[];
        await repo.insertWhistle({
          id: newId(),
          tenant_id: c.tenantId,
          ticket_id: c.ticket.id,
          unit_id: c.unitId!,
          topic: (c.input.topic as string).trim(),
          jurisdiction_id: c.ticket.jurisdiction_id,
          due_at: new Date(c.input.dueAt as string),
          created_by: c.actor?.userId ?? null,
          created_at: c.at,
          unitIds,
        });
        // Summoned units see the ticket until they report in.
        await ticketRepository(c.trx).assignUnits(
          c.tenantId,
          c.ticket.id,
          unitIds,
          'summoned',
          c.at,
        );
      },
    },
  ],
  report_in: [
    {
      async prepare(c) {
        await reportIn(c);
      },
      async after(c) {
        const { repo, summons, unitId } = await reportIn(c);
        const note =
          typeof c.input.note === 'string' && c.input.note.trim() ? c.input.note.trim() : null;
        if (!(await repo.markReported(summons.id, c.at, c.actor?.userId ?? null, note))) {
          throw new AppError('NOT_SUMMONED');
        }
        const tickets = ticketRepository(c.trx);
        await tickets.endAssignments(c.ticket.id, c.at, { unitIds: [unitId], role: 'summoned' });
        // The unit joins as a co-unit (协办) with its own task and limit.
        await tickets.ensureAssignment(c.tenantId, c.ticket.id, unitId, 'co', c.at);
        if (!(await repo.hasUnfinishedTask(c.ticket.id, unitId))) {
          await repo.insertWhistleTask({
            tenant_id: c.tenantId,
            ticket_id: c.ticket.id,
            unit_id: unitId,
            whistle_id: summons.whistle_id,
            at: c.at,
            response_due_at: c.deadlines ? new Date(c.deadlines.responseDueAt) : null,
            completion_due_at: c.deadlines ? new Date(c.deadlines.completionDueAt) : null,
          });
        }
      },
    },
  ],
};
