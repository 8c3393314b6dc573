// Help asked of a volunteer team on a ticket (志愿队协助). `request_volunteers` records
// the request beside its event; `record_volunteer_help` (fired by the volunteers service
// for the team's leader) writes the help as the team's held activity with each
// volunteer's minutes, in the action's transaction, so the timeline and the team's hours
// never disagree.
import type { Kysely } from 'kysely';
import { volunteerMessages as m } from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import type { HookRegistry } from '../tickets/hooks.js';

export interface HelpRecord {
  tenantId: string;
  helpRequestId: string;
  what: string;
  helpedAt: Date;
  volunteers: Array<{ id: string; name: string; minutes: number }>;
  photoIds: string[];
  recordedBy: string;
  at: Date;
  /** The ticket's code and address: the activity's title and place. */
  ticket: { id: string; code: string; address: string | null } | null;
}

const stateError = (message: string) =>
  new AppError('ACTION_NOT_ALLOWED_IN_STATE', [{ path: '/', message }], message);

/** Writes the help as a held activity of the team and closes the request (inside a transaction). */
export async function writeHelpRecord(trx: Kysely<DB>, r: HelpRecord): Promise<string> {
  const help = await trx
    .selectFrom('volunteer_help_requests as h')
    .innerJoin('volunteer_teams as t', 't.id', 'h.team_id')
    .select(['h.id', 'h.status', 'h.team_id', 'h.assigned_member_ids', 't.field'])
    .where('h.tenant_id', '=', r.tenantId)
    .where('h.id', '=', r.helpRequestId)
    .forUpdate()
    .executeTakeFirst();
  if (!help) throw new AppError('NOT_FOUND');
  if (help.status !== 'accepted') throw stateError(m.helpNotAccepted);
  const ids = r.volunteers.map((v) => v.id);
  const members = await trx
    .selectFrom('volunteer_members')
    .select('id')
    .where('team_id', '=', help.team_id)
    .where('id', 'in', ids)
    .execute();
  if (members.length !== new Set(ids).size)
    throw new AppError('VALIDATION_FAILED', [{ path: '/participants', message: m.notMember }]);
  const activityId = newId();
  await trx
    .insertInto('volunteer_activities')
    .values({
      id: activityId,
      tenant_id: r.tenantId,
      team_id: help.team_id,
      title: r.ticket ? `协助工单 ${r.ticket.code}` : '入户走访协助',
      field: help.field,
      place: r.ticket?.address || '—',
      starts_at: r.helpedAt,
      ends_at: null,
      status: 'held',
      description: null,
      report: r.what,
      photo_ids: JSON.stringify(r.photoIds),
      help_request_id: help.id,
      ticket_id: r.ticket?.id ?? null,
      created_by: r.recordedBy,
      created_at: r.at,
      recorded_at: r.at,
      recorded_by: r.recordedBy,
    })
    .execute();
  await trx
    .insertInto('volunteer_participations')
    .values(
      r.volunteers.map((v) => ({
        activity_id: activityId,
        member_id: v.id,
        tenant_id: r.tenantId,
        minutes: v.minutes,
      })),
    )
    .execute();
  await trx
    .updateTable('volunteer_help_requests')
    .set({ status: 'done', what: r.what, helped_at: r.helpedAt, activity_id: activityId })
    .where('id', '=', help.id)
    .execute();
  return activityId;
}

export const volunteerHooks: HookRegistry = {
  request_volunteers: [
    {
      async prepare(c) {
        const team = await c.trx
          .selectFrom('volunteer_teams')
          .select(['id', 'name', 'dissolved_at'])
          .where('tenant_id', '=', c.tenantId)
          .where('id', '=', c.input.teamId as string)
          .executeTakeFirst();
        if (!team || team.dissolved_at)
          throw new AppError('VALIDATION_FAILED', [
            { path: '/input/teamId', message: team ? m.teamInactive : '服务队不存在' },
          ]);
        // Recorded on the event, so the timeline names the team without a join.
        return { teamName: team.name, helpRequestId: newId() };
      },
      async after(c) {
        await c.trx
          .insertInto('volunteer_help_requests')
          .values({
            id: c.input.helpRequestId as string,
            tenant_id: c.tenantId,
            team_id: c.input.teamId as string,
            ticket_id: c.ticket.id,
            visit_id: null,
            description: (c.input.description as string).trim(),
            requested_by: c.actor?.userId ?? null,
            requested_unit_id: c.unitId,
            requested_at: c.at,
            assigned_member_ids: JSON.stringify([]),
          })
          .execute();
      },
    },
  ],
  record_volunteer_help: [
    {
      async after(c) {
        const input = c.input as {
          helpRequestId: string;
          what: string;
          helpedAt: string;
          volunteers: HelpRecord['volunteers'];
          recordedBy: { id: string };
          photoIds?: string[];
        };
        await writeHelpRecord(c.trx, {
          tenantId: c.tenantId,
          helpRequestId: input.helpRequestId,
          what: input.what,
          helpedAt: new Date(input.helpedAt),
          volunteers: input.volunteers,
          photoIds: input.photoIds ?? [],
          recordedBy: input.recordedBy.id,
          at: c.at,
          ticket: { id: c.ticket.id, code: c.ticket.code, address: c.ticket.address },
        });
      },
    },
  ],
};
