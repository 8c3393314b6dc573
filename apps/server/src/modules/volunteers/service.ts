// Volunteer and service teams (志愿服务). A team is kept by a village's or township's
// government: its handlers and leaders (and the township's over its villages' teams)
// edit it, and so does the staff user who leads it; every staff member of the district
// may read teams (to ask one for help), with members' phones masked — a reveal is an
// explicit, logged action with its purpose. Hours are stored as whole minutes per person
// per activity and summed in SQL, so totals per person, team and township are exact.
import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  DEFAULT_VOLUNTEER_FIELDS,
  transitionFor,
  volunteerMessages as m,
  type AcceptVolunteerApplicationBody,
  type AcceptVolunteerHelpBody,
  type AddVolunteerFieldBody,
  type AddVolunteerMemberBody,
  type CreateVolunteerActivityBody,
  type CreateVolunteerHelpBody,
  type CreateVolunteerTeamBody,
  type DeclineVolunteerHelpBody,
  type LeaveVolunteerTeamBody,
  type PublicVolunteerApplicationBody,
  type PublicVolunteerApplicationQuery,
  type PublicVolunteerApplicationReceipt,
  type PublicVolunteerApplicationStatus,
  type PublicVolunteerPlaces,
  type PublicVolunteerVillage,
  type RecordVolunteerActivityBody,
  type RecordVolunteerHelpBody,
  type RefuseVolunteerApplicationBody,
  type RevealVolunteerContactBody,
  type UpdateVolunteerMemberBody,
  type UpdateVolunteerTeamBody,
  type VolunteerActivityList,
  type VolunteerActivityListQuery,
  type VolunteerActivityView,
  type VolunteerApplicationList,
  type VolunteerApplicationListQuery,
  type VolunteerApplicationView,
  type VolunteerField,
  type VolunteerFieldList,
  type VolunteerHelpItems,
  type VolunteerHelpList,
  type VolunteerHelpListQuery,
  type VolunteerHelpView,
  type VolunteerImportPreview,
  type VolunteerMemberView,
  type VolunteerPlaceList,
  type VolunteerRole,
  type VolunteerSummary,
  type VolunteerSummaryQuery,
  type VolunteerTeamDetail,
  type VolunteerTeamList,
  type VolunteerTeamListQuery,
  type VolunteerTeamView,
} from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import { pageOf } from '../../db/fragments.js';
import type { Clock } from '../../shared/clock.js';
import type { StaffActor } from '../../shared/actor.js';
import { hasRole } from '../../shared/actor.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { maskPhone, normalisePhone } from '../../shared/phone.js';
import { utcOffsetOf } from '../calendar/service.js';
import { iso, ref } from '../tickets/presenter.js';
import { ticketRepository } from '../tickets/repository.js';
import { visibleTicket } from '../tickets/visible.js';
import type { TicketService } from '../tickets/service.js';
import { MEMBER_COLUMNS, readMembers, sheetsWorkbook, templateWorkbook } from './excel.js';
import { writeHelpRecord } from './hooks.js';
import { volunteersRepository, type TeamFilter } from './repository.js';

/** The roles through which a village's or township's staff keep its teams. */
const KEEPER_ROLES = ['handler', 'unit_leader'] as const;
const ROLE_BY_LABEL = new Map<string, VolunteerRole>(
  Object.entries(m.role).map(([code, label]) => [label, code as VolunteerRole]),
);

type TeamRow = NonNullable<Awaited<ReturnType<ReturnType<typeof volunteersRepository>['team']>>>;

interface Access {
  admin: boolean;
  userId: string;
  /** Government units (village or township) where the actor keeps teams. */
  keeps: Set<string>;
  /** The government unit of each village and township place. */
  unitOfPlace: Map<string, string>;
  places: Awaited<ReturnType<ReturnType<typeof volunteersRepository>['governmentPlaces']>>;
}

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', [{ path, message }]);
const stateError = (message: string) =>
  new AppError('ACTION_NOT_ALLOWED_IN_STATE', [{ path: '/', message }], message);
const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/** Hours as entered → whole minutes; a fraction of a minute is refused. */
export function minutesOf(hours: number, path = '/hours'): number {
  const exact = hours * 60;
  const minutes = Math.round(exact);
  if (Math.abs(exact - minutes) > 1e-6 || minutes < 1 || minutes > 1440)
    throw invalid(path, m.hoursMinutes);
  return minutes;
}

const CODE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const applicationCode = () =>
  'V' + Array.from({ length: 7 }, () => CODE_CHARS[randomInt(CODE_CHARS.length)]).join('');

export function volunteersService(deps: { db: Kysely<DB>; clock: Clock; tickets: TicketService }) {
  const { db, clock, tickets } = deps;
  const repo = volunteersRepository(db);

  async function offsetOf(tenantId: string): Promise<number> {
    const t = await db
      .selectFrom('tenants')
      .select('settings')
      .where('id', '=', tenantId)
      .executeTakeFirst();
    return utcOffsetOf(t?.settings);
  }

  /** [from, to) of a calendar year in the tenant's local time. */
  async function yearRange(tenantId: string, year: number): Promise<[Date, Date]> {
    const off = (await offsetOf(tenantId)) * 60_000;
    return [new Date(Date.UTC(year, 0, 1) - off), new Date(Date.UTC(year + 1, 0, 1) - off)];
  }

  async function localYear(tenantId: string): Promise<number> {
    const off = (await offsetOf(tenantId)) * 60_000;
    return new Date(clock.now().getTime() + off).getUTCFullYear();
  }

  async function localToday(tenantId: string): Promise<string> {
    const off = (await offsetOf(tenantId)) * 60_000;
    return new Date(clock.now().getTime() + off).toISOString().slice(0, 10);
  }

  async function accessOf(actor: StaffActor): Promise<Access> {
    const places = await repo.governmentPlaces(actor.tenantId);
    const unitOfPlace = new Map(places.map((p) => [p.place_id, p.unit_id]));
    const govUnits = new Set(places.map((p) => p.unit_id));
    const keeps = new Set(
      actor.grants
        .filter(
          (g) => (KEEPER_ROLES as readonly string[]).includes(g.role) && govUnits.has(g.unitId),
        )
        .map((g) => g.unitId),
    );
    return { admin: hasRole(actor, ['admin']), userId: actor.userId, keeps, unitOfPlace, places };
  }

  /** Whether the actor keeps the place (its own government, or the township above it). */
  function keepsPlace(a: Access, placeId: string, parentId: string | null): boolean {
    if (a.admin) return true;
    const own = a.unitOfPlace.get(placeId);
    const above = parentId ? a.unitOfPlace.get(parentId) : undefined;
    return Boolean((own && a.keeps.has(own)) || (above && a.keeps.has(above)));
  }

  /**
   * Photos of an activity or of help given: attachments this user uploaded and that belong
   * to no ticket (once on an activity, every staff member may open them; see attachments).
   */
  async function checkPhotos(actor: StaffActor, ids: string[] | undefined, path: string) {
    const list = [...new Set(ids ?? [])];
    if (!list.length) return list;
    const r = await db
      .selectFrom('attachments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', actor.tenantId)
      .where('uploaded_by', '=', actor.userId)
      .where('ticket_id', 'is', null)
      .where('id', 'in', list)
      .executeTakeFirstOrThrow();
    if (Number(r.n) !== list.length)
      throw new AppError('UNKNOWN_ATTACHMENT', [{ path, message: '附件不存在' }]);
    return list;
  }

  const canEdit = (a: Access, t: TeamRow) =>
    keepsPlace(a, t.jurisdiction_id, t.place_parent_id) || t.leader_user_id === a.userId;

  async function fieldsOf(tenantId: string): Promise<VolunteerField[]> {
    const custom = await repo.fields(tenantId);
    return [
      ...DEFAULT_VOLUNTEER_FIELDS.map((f) => ({ ...f, custom: false })),
      ...custom.map((f) => ({ code: f.code, label: f.label, custom: true })),
    ];
  }
  async function fieldLabels(tenantId: string) {
    return new Map((await fieldsOf(tenantId)).map((f) => [f.code, f.label]));
  }

  async function teamView(
    a: Access,
    r: TeamRow,
    labels: Map<string, string>,
    minutes: number,
  ): Promise<VolunteerTeamView> {
    const township =
      r.place_level === 'village' && r.township_id && r.township_name
        ? { id: r.township_id, name: r.township_name }
        : null;
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      field: r.field,
      fieldLabel: labels.get(r.field) ?? r.field,
      place: { id: r.jurisdiction_id, name: r.place_name },
      township,
      unit: { id: r.unit_id, name: r.unit_name },
      leader: ref(r.leader_user_id, r.leader_name),
      description: r.description,
      isPublic: r.is_public,
      acceptsApplications: r.accepts_applications,
      memberCount: r.member_count,
      pendingApplications: r.pending_applications,
      hoursThisYear: hoursOf(minutes),
      createdAt: iso(r.created_at)!,
      dissolvedAt: iso(r.dissolved_at),
      writable: canEdit(a, r) && !r.dissolved_at,
    };
  }

  async function teamFor(actor: StaffActor, a: Access, id: string, write: boolean) {
    const t = await repo.team(actor.tenantId, id);
    if (!t) throw new AppError('NOT_FOUND');
    if (write && !canEdit(a, t)) throw new AppError('FORBIDDEN');
    if (write && t.dissolved_at) throw stateError(m.teamInactive);
    return t;
  }

  async function oneTeamView(actor: StaffActor, a: Access, id: string) {
    const t = (await repo.team(actor.tenantId, id))!;
    const [from, to] = await yearRange(actor.tenantId, await localYear(actor.tenantId));
    const minutes = await repo.teamMinutes([id], from, to);
    return teamView(a, t, await fieldLabels(actor.tenantId), minutes.get(id) ?? 0);
  }

  function memberView(
    r: Awaited<ReturnType<typeof repo.members>>[number],
    reveal: boolean,
  ): VolunteerMemberView {
    return {
      id: r.id,
      teamId: r.team_id,
      kind: r.kind,
      resident: r.resident_id ? { id: r.resident_id, name: r.resident_name ?? r.name } : null,
      user: r.user_id ? { id: r.user_id, name: r.user_name ?? r.name } : null,
      name: r.name,
      phone: r.phone ? (reveal ? r.phone : maskPhone(r.phone)) : null,
      revealed: reveal,
      role: r.role,
      skills: r.skills,
      availability: r.availability,
      joinedOn: r.joined_on,
      leftOn: r.left_on,
      leaveReason: r.leave_reason,
      current: r.left_on === null,
      hours: hoursOf(r.minutes),
    };
  }

  async function detail(actor: StaffActor, a: Access, id: string): Promise<VolunteerTeamDetail> {
    const team = await oneTeamView(actor, a, id);
    const members = await repo.members(id);
    return { team, members: members.map((r) => memberView(r, false)) };
  }

  async function checkField(tenantId: string, code: string, path = '/field') {
    if (!(await fieldLabels(tenantId)).has(code)) throw invalid(path, m.fieldUnknown);
  }

  async function checkLeader(tenantId: string, id: string | null | undefined) {
    if (!id) return;
    if (!(await repo.user(tenantId, id))) throw invalid('/leaderUserId', m.leaderInvalid);
  }

  function phoneOrNull(raw: string | undefined | null, path: string): string | null {
    if (!raw || !raw.trim()) return null;
    const p = normalisePhone(raw);
    if (!p) throw new AppError('INVALID_PHONE', [{ path, message: m.importErrors.phone }]);
    return p;
  }

  async function memberFor(actor: StaffActor, a: Access, id: string, write: boolean) {
    const mem = await repo.member(actor.tenantId, id);
    if (!mem) throw new AppError('NOT_FOUND');
    const team = await teamFor(actor, a, mem.team_id, write);
    return { mem, team };
  }

  async function memberViewOf(teamId: string, id: string, reveal = false) {
    const r = (await repo.members(teamId)).find((x) => x.id === id)!;
    return memberView(r, reveal);
  }

  // ── activities ──
  type ActivityRow = Awaited<ReturnType<ReturnType<typeof repo.activityRows>['execute']>>[number];

  async function activityViews(
    a: Access,
    rows: ActivityRow[],
    tenantId: string,
  ): Promise<VolunteerActivityView[]> {
    const labels = await fieldLabels(tenantId);
    const parts = await repo.participants(rows.map((r) => r.id));
    const teams = new Map<string, boolean>();
    for (const id of new Set(rows.map((r) => r.team_id))) {
      const t = await repo.team(tenantId, id);
      teams.set(id, Boolean(t && canEdit(a, t) && !t.dissolved_at));
    }
    return rows.map((r) => {
      const ps = parts.filter((p) => p.activity_id === r.id);
      const total = ps.reduce((s, p) => s + p.minutes, 0);
      return {
        id: r.id,
        team: { id: r.team_id, name: r.team_name },
        title: r.title,
        field: r.field,
        fieldLabel: labels.get(r.field) ?? r.field,
        place: r.place,
        startsAt: iso(r.starts_at)!,
        endsAt: iso(r.ends_at),
        status: r.status,
        description: r.description,
        report: r.report,
        photoIds: r.photo_ids,
        participants: ps.map((p) => ({
          memberId: p.member_id,
          name: p.name,
          minutes: p.minutes,
          hours: hoursOf(p.minutes),
        })),
        totalMinutes: total,
        totalHours: hoursOf(total),
        helpRequestId: r.help_request_id,
        ticket: r.ticket_id && r.ticket_code ? { id: r.ticket_id, code: r.ticket_code } : null,
        createdAt: iso(r.created_at)!,
        writable: (teams.get(r.team_id) ?? false) && r.status === 'planned',
      };
    });
  }

  async function participationRows(
    teamId: string,
    activityId: string,
    tenantId: string,
    list: Array<{ memberId: string; hours: number }>,
  ) {
    const ids = list.map((p) => p.memberId);
    if (new Set(ids).size !== ids.length) throw invalid('/participants', m.notMember);
    const members = await db
      .selectFrom('volunteer_members')
      .select('id')
      .where('team_id', '=', teamId)
      .where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000'])
      .execute();
    if (members.length !== ids.length) throw invalid('/participants', m.notMember);
    return list.map((p, i) => ({
      activity_id: activityId,
      member_id: p.memberId,
      tenant_id: tenantId,
      minutes: minutesOf(p.hours, `/participants/${i}/hours`),
    }));
  }

  async function activityFor(actor: StaffActor, a: Access, id: string) {
    const r = await repo.activityRows(actor.tenantId).where('a.id', '=', id).executeTakeFirst();
    if (!r) throw new AppError('NOT_FOUND');
    await teamFor(actor, a, r.team_id, true);
    if (r.status !== 'planned') throw stateError(m.activityNotPlanned);
    return r;
  }

  async function oneActivity(actor: StaffActor, a: Access, id: string) {
    const r = await repo
      .activityRows(actor.tenantId)
      .where('a.id', '=', id)
      .executeTakeFirstOrThrow();
    return (await activityViews(a, [r], actor.tenantId))[0]!;
  }

  // ── applications ──
  type AppRow = Awaited<ReturnType<ReturnType<typeof repo.applicationRows>['execute']>>[number];
  const applicationView = (r: AppRow, writable: boolean): VolunteerApplicationView => ({
    id: r.id,
    code: r.code,
    team: { id: r.team_id, name: r.team_name },
    name: r.name,
    phone: maskPhone(r.phone),
    skills: r.skills,
    note: r.note,
    status: r.status,
    reason: r.reason,
    memberId: r.member_id,
    createdAt: iso(r.created_at)!,
    reviewedAt: iso(r.reviewed_at),
    reviewedBy: ref(r.reviewed_by, r.reviewer_name),
    writable: writable && r.status === 'pending',
  });

  async function applicationFor(actor: StaffActor, a: Access, id: string) {
    const r = await repo.applicationRows(actor.tenantId).where('a.id', '=', id).executeTakeFirst();
    if (!r) throw new AppError('NOT_FOUND');
    await teamFor(actor, a, r.team_id, true);
    if (r.status !== 'pending') throw stateError(m.applicationReviewed);
    return r;
  }

  // ── help ──
  type HelpRow = Awaited<ReturnType<ReturnType<typeof repo.helpRows>['execute']>>[number];
  async function helpViews(a: Access, rows: HelpRow[], tenantId: string) {
    const names = await repo.memberNames([...new Set(rows.flatMap((r) => r.assigned_member_ids))]);
    const edit = new Map<string, boolean>();
    for (const id of new Set(rows.map((r) => r.team_id))) {
      const t = await repo.team(tenantId, id);
      edit.set(id, Boolean(t && canEdit(a, t)));
    }
    return rows.map((r): VolunteerHelpView => ({
      id: r.id,
      team: { id: r.team_id, name: r.team_name },
      ticket:
        r.ticket_id && r.ticket_code
          ? { id: r.ticket_id, code: r.ticket_code, title: r.ticket_title ?? '' }
          : null,
      visitId: r.visit_id,
      description: r.description,
      status: r.status,
      requestedBy: ref(r.requested_by, r.requested_by_name),
      requestedUnit: ref(r.requested_unit_id, r.requested_unit_name),
      requestedAt: iso(r.requested_at)!,
      acceptedBy: ref(r.accepted_by, r.accepted_by_name),
      acceptedAt: iso(r.accepted_at),
      assigned: r.assigned_member_ids.map((id) => ({ id, name: names.get(id) ?? '' })),
      declineReason: r.decline_reason,
      what: r.what,
      helpedAt: iso(r.helped_at),
      totalHours: hoursOf(r.minutes),
      activityId: r.activity_id,
      writable:
        (edit.get(r.team_id) ?? false) && (r.status === 'requested' || r.status === 'accepted'),
    }));
  }

  async function helpFor(actor: StaffActor, a: Access, id: string) {
    const r = await repo.helpRows(actor.tenantId).where('h.id', '=', id).executeTakeFirst();
    if (!r) throw new AppError('NOT_FOUND');
    await teamFor(actor, a, r.team_id, true);
    return r;
  }
  async function oneHelp(actor: StaffActor, a: Access, id: string) {
    const r = await repo.helpRows(actor.tenantId).where('h.id', '=', id).executeTakeFirstOrThrow();
    return (await helpViews(a, [r], actor.tenantId))[0]!;
  }

  /** Teams the actor edits (keeps or leads); undefined for an administrator (every team). */
  async function editableTeamIds(actor: StaffActor, a: Access): Promise<string[] | undefined> {
    if (a.admin) return undefined;
    const kept = await repo.teamIdsAt(actor.tenantId, [...a.keeps]);
    const led = await repo.ledBy(actor.tenantId, actor.userId);
    return [...new Set([...kept, ...led])];
  }

  return {
    // ── fields and places ──
    async fields(actor: StaffActor): Promise<VolunteerFieldList> {
      return { items: await fieldsOf(actor.tenantId) };
    },

    async addField(actor: StaffActor, b: AddVolunteerFieldBody): Promise<VolunteerFieldList> {
      if (!hasRole(actor, ['admin'])) throw new AppError('FORBIDDEN');
      const label = b.label.trim();
      const all = await fieldsOf(actor.tenantId);
      if (all.some((f) => f.label === label))
        throw new AppError('DUPLICATE', [{ path: '/label', message: '该服务领域已存在' }]);
      await repo.addField({
        tenant_id: actor.tenantId,
        code: `c${newId().slice(0, 8)}`,
        label,
        sort: 100 + all.length,
        created_at: clock.now(),
      });
      return { items: await fieldsOf(actor.tenantId) };
    },

    async places(actor: StaffActor): Promise<VolunteerPlaceList> {
      const a = await accessOf(actor);
      const townships = new Map(
        a.places.filter((p) => p.level === 'township').map((p) => [p.place_id, p.place_name]),
      );
      return {
        items: a.places.map((p) => ({
          id: p.place_id,
          name: p.place_name,
          level: p.level as 'village' | 'township',
          township:
            p.level === 'village' && p.parent_id && townships.has(p.parent_id)
              ? { id: p.parent_id, name: townships.get(p.parent_id)! }
              : null,
          writable: keepsPlace(a, p.place_id, p.parent_id),
        })),
      };
    },

    // ── teams ──
    async teams(actor: StaffActor, q: VolunteerTeamListQuery): Promise<VolunteerTeamList> {
      const a = await accessOf(actor);
      const pageSize = q.pageSize ?? 20;
      const page = q.page ?? 1;
      const f: TeamFilter = {
        townshipId: q.townshipId,
        placeId: q.placeId,
        field: q.field,
        kind: q.kind,
        q: q.q?.trim() || undefined,
        ids: q.mine === '1' ? await editableTeamIds(actor, a) : undefined,
      };
      const [rows, total] = await Promise.all([
        repo.teams(actor.tenantId, f, { limit: pageSize, offset: (page - 1) * pageSize }),
        repo.countTeams(actor.tenantId, f),
      ]);
      const [from, to] = await yearRange(actor.tenantId, await localYear(actor.tenantId));
      const minutes = await repo.teamMinutes(
        rows.map((r) => r.id),
        from,
        to,
      );
      const labels = await fieldLabels(actor.tenantId);
      const items: VolunteerTeamView[] = [];
      for (const r of rows) items.push(await teamView(a, r, labels, minutes.get(r.id) ?? 0));
      return { items, total, page, pageSize };
    },

    async team(actor: StaffActor, id: string): Promise<VolunteerTeamDetail> {
      const a = await accessOf(actor);
      await teamFor(actor, a, id, false);
      return detail(actor, a, id);
    },

    async createTeam(actor: StaffActor, b: CreateVolunteerTeamBody): Promise<VolunteerTeamDetail> {
      const a = await accessOf(actor);
      const place = a.places.find((p) => p.place_id === b.placeId);
      if (!place) throw invalid('/placeId', m.placeInvalid);
      if (!keepsPlace(a, place.place_id, place.parent_id)) throw new AppError('FORBIDDEN');
      await checkField(actor.tenantId, b.field);
      await checkLeader(actor.tenantId, b.leaderUserId);
      const id = newId();
      const now = clock.now();
      await repo.insertTeam({
        id,
        tenant_id: actor.tenantId,
        jurisdiction_id: place.place_id,
        unit_id: place.unit_id,
        name: b.name.trim(),
        kind: b.kind,
        field: b.field,
        leader_user_id: b.leaderUserId ?? null,
        description: b.description?.trim() || null,
        is_public: b.isPublic ?? true,
        accepts_applications: b.acceptsApplications ?? true,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      });
      return detail(actor, a, id);
    },

    async updateTeam(
      actor: StaffActor,
      id: string,
      b: UpdateVolunteerTeamBody,
    ): Promise<VolunteerTeamDetail> {
      const a = await accessOf(actor);
      const t = await teamFor(actor, a, id, true);
      // The leader may run the team; who leads it is for its government to decide.
      if (b.leaderUserId !== undefined && !keepsPlace(a, t.jurisdiction_id, t.place_parent_id))
        throw new AppError('FORBIDDEN');
      if (b.field) await checkField(actor.tenantId, b.field);
      await checkLeader(actor.tenantId, b.leaderUserId);
      await repo.updateTeam(actor.tenantId, id, {
        ...(b.name !== undefined ? { name: b.name.trim() } : {}),
        ...(b.kind !== undefined ? { kind: b.kind } : {}),
        ...(b.field !== undefined ? { field: b.field } : {}),
        ...(b.leaderUserId !== undefined ? { leader_user_id: b.leaderUserId } : {}),
        ...(b.description !== undefined ? { description: b.description.trim() || null } : {}),
        ...(b.isPublic !== undefined ? { is_public: b.isPublic } : {}),
        ...(b.acceptsApplications !== undefined
          ? { accepts_applications: b.acceptsApplications }
          : {}),
        updated_at: clock.now(),
      });
      return detail(actor, a, id);
    },

    // ── members ──
    async addMember(
      actor: StaffActor,
      teamId: string,
      b: AddVolunteerMemberBody,
    ): Promise<VolunteerMemberView> {
      const a = await accessOf(actor);
      await teamFor(actor, a, teamId, true);
      let name = b.name?.trim() ?? '';
      let phone = phoneOrNull(b.phone, '/phone');
      let residentId: string | null = null;
      let userId: string | null = null;
      if (b.kind === 'resident') {
        if (!b.residentId) throw invalid('/residentId', m.residentRequired);
        const r = await repo.resident(actor.tenantId, b.residentId);
        if (!r) throw invalid('/residentId', m.residentRequired);
        residentId = r.id;
        name ||= r.name;
        phone ??= r.phone;
      } else if (b.kind === 'staff') {
        if (!b.userId) throw invalid('/userId', m.userRequired);
        const u = await repo.user(actor.tenantId, b.userId);
        if (!u) throw invalid('/userId', m.userRequired);
        userId = u.id;
        name ||= u.display_name;
        phone ??= u.phone ? normalisePhone(u.phone) : null;
      }
      if (!name) throw invalid('/name', m.personRequired);
      const id = newId();
      const now = clock.now();
      try {
        await repo.insertMembers([
          {
            id,
            tenant_id: actor.tenantId,
            team_id: teamId,
            kind: b.kind,
            resident_id: residentId,
            user_id: userId,
            name,
            phone,
            role: b.role,
            skills: (b.skills ?? []).map((s) => s.trim()).filter(Boolean),
            availability: b.availability?.trim() || null,
            joined_on: b.joinedOn ?? (await localToday(actor.tenantId)),
            left_on: null,
            leave_reason: null,
            created_at: now,
            updated_at: now,
          },
        ]);
      } catch (err) {
        if (String((err as { code?: string }).code) === '23505')
          throw new AppError('DUPLICATE', [{ path: '/', message: m.alreadyMember }]);
        throw err;
      }
      return memberViewOf(teamId, id);
    },

    async updateMember(
      actor: StaffActor,
      id: string,
      b: UpdateVolunteerMemberBody,
    ): Promise<VolunteerMemberView> {
      const a = await accessOf(actor);
      const { mem } = await memberFor(actor, a, id, true);
      if (mem.left_on) throw stateError(m.alreadyLeft);
      const phone = b.phone !== undefined ? phoneOrNull(b.phone, '/phone') : undefined;
      try {
        await repo.updateMember(actor.tenantId, id, {
          ...(b.name !== undefined ? { name: b.name.trim() } : {}),
          ...(phone !== undefined ? { phone } : {}),
          ...(b.role !== undefined ? { role: b.role } : {}),
          ...(b.skills !== undefined
            ? { skills: b.skills.map((s) => s.trim()).filter(Boolean) }
            : {}),
          ...(b.availability !== undefined ? { availability: b.availability.trim() || null } : {}),
          updated_at: clock.now(),
        });
      } catch (err) {
        if (String((err as { code?: string }).code) === '23505')
          throw new AppError('DUPLICATE', [{ path: '/phone', message: m.alreadyMember }]);
        throw err;
      }
      return memberViewOf(mem.team_id, id);
    },

    /** Leaving is dated; the row, its hours and its history stay. */
    async leave(
      actor: StaffActor,
      id: string,
      b: LeaveVolunteerTeamBody,
    ): Promise<VolunteerMemberView> {
      const a = await accessOf(actor);
      const { mem } = await memberFor(actor, a, id, true);
      if (mem.left_on) throw stateError(m.alreadyLeft);
      const leftOn = b.leftOn ?? (await localToday(actor.tenantId));
      if (leftOn < mem.joined_on) throw invalid('/leftOn', '退出日期不能早于加入日期');
      await repo.updateMember(actor.tenantId, id, {
        left_on: leftOn,
        leave_reason: b.reason?.trim() || null,
        updated_at: clock.now(),
      });
      return memberViewOf(mem.team_id, id);
    },

    /** The full phone: an explicit action of the team's keepers, logged with its purpose. */
    async reveal(
      actor: StaffActor,
      id: string,
      b: RevealVolunteerContactBody,
    ): Promise<VolunteerMemberView> {
      const a = await accessOf(actor);
      const mem = await repo.member(actor.tenantId, id);
      if (!mem) throw new AppError('NOT_FOUND');
      const team = await teamFor(actor, a, mem.team_id, false);
      if (!canEdit(a, team)) throw new AppError('FORBIDDEN');
      await repo.logReads([
        {
          tenant_id: actor.tenantId,
          user_id: actor.userId,
          member_id: id,
          team_id: mem.team_id,
          action: 'reveal',
          count: null,
          purpose: b.purpose.trim(),
          at: clock.now(),
        },
      ]);
      return memberViewOf(mem.team_id, id, true);
    },

    async contactReads(actor: StaffActor, id: string) {
      if (!hasRole(actor, ['admin', 'supervisor'])) throw new AppError('FORBIDDEN');
      return repo.reads(actor.tenantId, id);
    },

    // ── Excel ──
    template: () => templateWorkbook(),

    /** Members as Excel; phones masked unless `full` (keepers only, logged). */
    async exportMembers(actor: StaffActor, teamId: string, full: boolean): Promise<Buffer> {
      const a = await accessOf(actor);
      const t = await teamFor(actor, a, teamId, false);
      if (full && !canEdit(a, t)) throw new AppError('FORBIDDEN');
      const rows = await repo.members(teamId);
      if (full)
        await repo.logReads([
          {
            tenant_id: actor.tenantId,
            user_id: actor.userId,
            member_id: null,
            team_id: teamId,
            action: 'export',
            count: rows.length,
            purpose: null,
            at: clock.now(),
          },
        ]);
      return sheetsWorkbook([
        {
          name: m.membersSheet,
          header: [...MEMBER_COLUMNS, m.col.leftOn, m.col.hours],
          rows: rows.map((r) => [
            r.name,
            r.phone ? (full ? r.phone : maskPhone(r.phone)) : '',
            m.role[r.role],
            r.skills.join(','),
            r.availability ?? '',
            r.joined_on,
            r.left_on ?? '',
            hoursOf(r.minutes),
          ]),
        },
      ]);
    },

    /** Checks every row (preview), or writes the valid ones (commit). */
    async importMembers(
      actor: StaffActor,
      teamId: string,
      data: Buffer,
      commit: boolean,
    ): Promise<VolunteerImportPreview> {
      const a = await accessOf(actor);
      await teamFor(actor, a, teamId, true);
      const parsed = await readMembers(data);
      if (!parsed.ok) throw invalid('/file', parsed.message);
      const existing = await repo.currentPhones(teamId);
      const seen = new Map<string, number>();
      const today = await localToday(actor.tenantId);
      const checked = parsed.rows.map((r) => {
        const errors: string[] = [];
        if (!r.name) errors.push(m.importErrors.name);
        const phone = r.phone ? normalisePhone(r.phone) : null;
        if (r.phone && !phone) errors.push(m.importErrors.phone);
        const role = r.role ? ROLE_BY_LABEL.get(r.role) : 'member';
        if (!role) errors.push(m.importErrors.role);
        if (r.joinedOn && !/^\d{4}-\d{2}-\d{2}$/.test(r.joinedOn))
          errors.push(m.importErrors.joinedOn);
        if (phone && existing.has(phone)) errors.push(m.importErrors.duplicate);
        if (phone && seen.has(phone))
          errors.push(m.importErrors.duplicateRow.replace('{row}', String(seen.get(phone))));
        if (phone && !seen.has(phone)) seen.set(phone, r.row);
        return { r, phone, role: role ?? 'member', errors };
      });
      const valid = checked.filter((c) => c.errors.length === 0);
      let imported = 0;
      if (commit && valid.length) {
        const now = clock.now();
        await repo.insertMembers(
          valid.map((c) => ({
            id: newId(),
            tenant_id: actor.tenantId,
            team_id: teamId,
            kind: 'person' as const,
            resident_id: null,
            user_id: null,
            name: c.r.name,
            phone: c.phone,
            role: c.role,
            skills: c.r.skills
              .split(/[,,、;;\s]+/)
              .map((s) => s.trim())
              .filter(Boolean)
              .slice(0, 20),
            availability: c.r.availability || null,
            joined_on: c.r.joinedOn || today,
            left_on: null,
            leave_reason: null,
            created_at: now,
            updated_at: now,
          })),
        );
        imported = valid.length;
      }
      return {
        rows: checked.map((c) => ({
          row: c.r.row,
          name: c.r.name,
          phone: c.phone ? maskPhone(c.phone) : c.r.phone ? c.r.phone : null,
          role: c.r.role || m.role.member,
          errors: c.errors,
        })),
        valid: valid.length,
        invalid: checked.length - valid.length,
        imported,
        committed: commit,
      };
    },

    // ── activities ──
    async activities(
      actor: StaffActor,
      q: VolunteerActivityListQuery,
    ): Promise<VolunteerActivityList> {
      const a = await accessOf(actor);
      let base = repo.activityRows(actor.tenantId);
      if (q.teamId) base = base.where('a.team_id', '=', q.teamId);
      if (q.status) base = base.where('a.status', '=', q.status);
      if (q.year) {
        const [from, to] = await yearRange(actor.tenantId, q.year);
        base = base.where('a.starts_at', '>=', from).where('a.starts_at', '<', to);
      }
      const { rows, ...paging } = await pageOf(
        db,
        base,
        (x) => x.orderBy('a.starts_at', 'desc'),
        q,
      );
      return { items: await activityViews(a, rows, actor.tenantId), ...paging };
    },

    async createActivity(
      actor: StaffActor,
      teamId: string,
      b: CreateVolunteerActivityBody,
    ): Promise<VolunteerActivityView> {
      const a = await accessOf(actor);
      const t = await teamFor(actor, a, teamId, true);
      const field = b.field ?? t.field;
      await checkField(actor.tenantId, field);
      if (b.endsAt && b.endsAt < b.startsAt) throw invalid('/endsAt', m.endsBeforeStart);
      const id = newId();
      const held = b.held ?? false;
      if (held && !(b.participants ?? []).length)
        throw invalid('/participants', '请登记参加活动的队员及服务时长');
      if (held && !b.report?.trim()) throw invalid('/report', '请填写活动简报');
      await checkPhotos(actor, b.photoIds, '/photoIds');
      const parts = held
        ? await participationRows(teamId, id, actor.tenantId, b.participants!)
        : [];
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const r = volunteersRepository(trx);
        await r.insertActivity({
          id,
          tenant_id: actor.tenantId,
          team_id: teamId,
          title: b.title.trim(),
          field,
          place: b.place.trim(),
          starts_at: b.startsAt,
          ends_at: b.endsAt ?? null,
          status: held ? 'held' : 'planned',
          description: b.description?.trim() || null,
          report: held ? b.report!.trim() : null,
          photo_ids: JSON.stringify(b.photoIds ?? []),
          help_request_id: null,
          ticket_id: null,
          created_by: actor.userId,
          created_at: now,
          recorded_at: held ? now : null,
          recorded_by: held ? actor.userId : null,
        });
        await r.insertParticipations(parts);
      });
      return oneActivity(actor, a, id);
    },

    async recordActivity(
      actor: StaffActor,
      id: string,
      b: RecordVolunteerActivityBody,
    ): Promise<VolunteerActivityView> {
      const a = await accessOf(actor);
      const r = await activityFor(actor, a, id);
      if (b.endsAt && new Date(b.endsAt) < r.starts_at) throw invalid('/endsAt', m.endsBeforeStart);
      await checkPhotos(actor, b.photoIds, '/photoIds');
      const parts = await participationRows(r.team_id, id, actor.tenantId, b.participants);
      await db.transaction().execute(async (trx) => {
        const tr = volunteersRepository(trx);
        await tr.updateActivity(id, {
          status: 'held',
          report: b.report.trim(),
          ...(b.endsAt ? { ends_at: b.endsAt } : {}),
          ...(b.photoIds ? { photo_ids: JSON.stringify(b.photoIds) } : {}),
          recorded_at: clock.now(),
          recorded_by: actor.userId,
        });
        await tr.insertParticipations(parts);
      });
      return oneActivity(actor, a, id);
    },

    async cancelActivity(actor: StaffActor, id: string): Promise<VolunteerActivityView> {
      const a = await accessOf(actor);
      await activityFor(actor, a, id);
      await repo.updateActivity(id, { status: 'cancelled' });
      return oneActivity(actor, a, id);
    },

    // ── summary ──
    async summary(actor: StaffActor, q: VolunteerSummaryQuery): Promise<VolunteerSummary> {
      const [from, to] = await yearRange(actor.tenantId, q.year);
      let rows = await repo.summaryRows(
        actor.tenantId,
        from,
        to,
        q.teamId ? [q.teamId] : undefined,
      );
      if (q.townshipId)
        rows = rows.filter((r) => r.township_id === q.townshipId || r.place_id === q.townshipId);
      const townshipOf = (r: (typeof rows)[number]) =>
        r.place_level === 'township'
          ? { id: r.place_id, name: r.place_name }
          : r.township_id && r.township_name
            ? { id: r.township_id, name: r.township_name }
            : null;
      type Acc = { minutes: number; activities: Set<string>; people: Set<string> };
      const acc = () => ({ minutes: 0, activities: new Set<string>(), people: new Set<string>() });
      const add = (x: Acc, r: (typeof rows)[number]) => {
        x.minutes += r.minutes;
        x.activities.add(r.activity_id);
        x.people.add(r.member_id);
      };
      const byTeam = new Map<string, Acc & { r: (typeof rows)[number] }>();
      const byPerson = new Map<string, Acc & { r: (typeof rows)[number] }>();
      const byTownship = new Map<
        string,
        Acc & { township: { id: string; name: string }; teams: Set<string> }
      >();
      for (const r of rows) {
        const t = byTeam.get(r.team_id) ?? { ...acc(), r };
        add(t, r);
        byTeam.set(r.team_id, t);
        const p = byPerson.get(r.member_id) ?? { ...acc(), r };
        add(p, r);
        byPerson.set(r.member_id, p);
        const tw = townshipOf(r);
        if (tw) {
          const w = byTownship.get(tw.id) ?? { ...acc(), township: tw, teams: new Set<string>() };
          add(w, r);
          w.teams.add(r.team_id);
          byTownship.set(tw.id, w);
        }
      }
      const desc = <T extends { minutes: number }>(a: T, b: T) => b.minutes - a.minutes;
      return {
        year: q.year,
        byTownship: [...byTownship.values()].sort(desc).map((w) => ({
          township: w.township,
          teams: w.teams.size,
          activities: w.activities.size,
          people: w.people.size,
          minutes: w.minutes,
          hours: hoursOf(w.minutes),
        })),
        byTeam: [...byTeam.values()].sort(desc).map((t) => ({
          team: { id: t.r.team_id, name: t.r.team_name },
          place: { id: t.r.place_id, name: t.r.place_name },
          township: townshipOf(t.r),
          activities: t.activities.size,
          people: t.people.size,
          minutes: t.minutes,
          hours: hoursOf(t.minutes),
        })),
        byPerson: [...byPerson.values()].sort(desc).map((p) => ({
          member: { id: p.r.member_id, name: p.r.member_name },
          team: { id: p.r.team_id, name: p.r.team_name },
          activities: p.activities.size,
          minutes: p.minutes,
          hours: hoursOf(p.minutes),
        })),
      };
    },

    async exportSummary(actor: StaffActor, q: VolunteerSummaryQuery): Promise<Buffer> {
      const s = await this.summary(actor, q);
      const c = m.col;
      return sheetsWorkbook([
        {
          name: m.summarySheets.township,
          header: [c.township, c.teams, c.activities, c.people, c.hours],
          rows: s.byTownship.map((w) => [
            w.township.name,
            w.teams,
            w.activities,
            w.people,
            w.hours,
          ]),
        },
        {
          name: m.summarySheets.team,
          header: [c.team, c.place, c.township, c.activities, c.people, c.hours],
          rows: s.byTeam.map((t) => [
            t.team.name,
            t.place.name,
            t.township?.name ?? '',
            t.activities,
            t.people,
            t.hours,
          ]),
        },
        {
          name: m.summarySheets.person,
          header: [c.name, c.team, c.activities, c.hours],
          rows: s.byPerson.map((p) => [p.member.name, p.team.name, p.activities, p.hours]),
        },
      ]);
    },

    // ── applications ──
    async applications(
      actor: StaffActor,
      q: VolunteerApplicationListQuery,
    ): Promise<VolunteerApplicationList> {
      const a = await accessOf(actor);
      const ids = await editableTeamIds(actor, a);
      let base = repo.applicationRows(actor.tenantId);
      if (ids) base = base.where('a.team_id', 'in', ids.length ? ids : [newId()]);
      if (q.teamId) base = base.where('a.team_id', '=', q.teamId);
      if (q.status) base = base.where('a.status', '=', q.status);
      const { rows, ...paging } = await pageOf(
        db,
        base,
        (x) => x.orderBy('a.created_at', 'desc'),
        q,
      );
      return { items: rows.map((r) => applicationView(r, true)), ...paging };
    },

    async acceptApplication(
      actor: StaffActor,
      id: string,
      b: AcceptVolunteerApplicationBody,
    ): Promise<VolunteerApplicationView> {
      const a = await accessOf(actor);
      const r = await applicationFor(actor, a, id);
      const memberId = newId();
      const now = clock.now();
      const today = await localToday(actor.tenantId);
      await db.transaction().execute(async (trx) => {
        const tr = volunteersRepository(trx);
        if ((await tr.currentPhones(r.team_id)).has(r.phone))
          throw new AppError('DUPLICATE', [{ path: '/', message: m.alreadyMember }]);
        await tr.insertMembers([
          {
            id: memberId,
            tenant_id: actor.tenantId,
            team_id: r.team_id,
            kind: 'person',
            resident_id: null,
            user_id: null,
            name: r.name,
            phone: r.phone,
            role: b.role ?? 'member',
            skills: r.skills,
            availability: null,
            joined_on: today,
            left_on: null,
            leave_reason: null,
            created_at: now,
            updated_at: now,
          },
        ]);
        const ok = await tr.reviewApplication(id, {
          status: 'accepted',
          member_id: memberId,
          reviewed_by: actor.userId,
          reviewed_at: now,
        });
        if (!ok) throw stateError(m.applicationReviewed);
      });
      const row = await repo
        .applicationRows(actor.tenantId)
        .where('a.id', '=', id)
        .executeTakeFirstOrThrow();
      return applicationView(row, true);
    },

    async refuseApplication(
      actor: StaffActor,
      id: string,
      b: RefuseVolunteerApplicationBody,
    ): Promise<VolunteerApplicationView> {
      const a = await accessOf(actor);
      await applicationFor(actor, a, id);
      const ok = await repo.reviewApplication(id, {
        status: 'refused',
        reason: b.reason.trim(),
        reviewed_by: actor.userId,
        reviewed_at: clock.now(),
      });
      if (!ok) throw stateError(m.applicationReviewed);
      const row = await repo
        .applicationRows(actor.tenantId)
        .where('a.id', '=', id)
        .executeTakeFirstOrThrow();
      return applicationView(row, true);
    },

    // ── help requests ──
    async helpInbox(actor: StaffActor, q: VolunteerHelpListQuery): Promise<VolunteerHelpList> {
      const a = await accessOf(actor);
      const ids = await editableTeamIds(actor, a);
      let base = repo.helpRows(actor.tenantId);
      // The teams' keepers and leaders, and whoever asked.
      if (ids)
        base = base.where((eb) =>
          eb.or([
            eb('h.team_id', 'in', ids.length ? ids : [newId()]),
            eb('h.requested_by', '=', actor.userId),
          ]),
        );
      if (q.teamId) base = base.where('h.team_id', '=', q.teamId);
      if (q.status) base = base.where('h.status', '=', q.status);
      const { rows, ...paging } = await pageOf(
        db,
        base,
        (x) => x.orderBy('h.requested_at', 'desc'),
        q,
      );
      return { items: await helpViews(a, rows, actor.tenantId), ...paging };
    },

    /** The help asked on a ticket, for whoever may see the ticket. */
    async ticketHelp(actor: StaffActor, ticketId: string): Promise<VolunteerHelpItems> {
      await visibleTicket(ticketRepository(db), actor, ticketId);
      const a = await accessOf(actor);
      const rows = await repo
        .helpRows(actor.tenantId)
        .where('h.ticket_id', '=', ticketId)
        .orderBy('h.requested_at')
        .execute();
      return { items: await helpViews(a, rows, actor.tenantId) };
    },

    /** Help on a household visit (a ticket asks through its `request_volunteers` action). */
    async requestForVisit(
      actor: StaffActor,
      b: CreateVolunteerHelpBody,
    ): Promise<VolunteerHelpView> {
      if (!hasRole(actor, ['handler', 'unit_leader', 'grid_worker', 'admin']))
        throw new AppError('FORBIDDEN');
      const a = await accessOf(actor);
      const t = await repo.team(actor.tenantId, b.teamId);
      if (!t || t.dissolved_at) throw invalid('/teamId', m.teamInactive);
      const v = await repo.visit(actor.tenantId, b.visitId);
      if (!v) throw invalid('/visitId', m.visitUnknown);
      // A grid worker asks for their own visits; handlers and leaders for any in the district.
      if (v.worker_user_id !== actor.userId && !hasRole(actor, ['handler', 'unit_leader', 'admin']))
        throw new AppError('FORBIDDEN');
      const id = newId();
      await repo.insertHelp({
        id,
        tenant_id: actor.tenantId,
        team_id: b.teamId,
        ticket_id: null,
        visit_id: v.id,
        description: b.description.trim(),
        requested_by: actor.userId,
        requested_unit_id: actor.grants[0]?.unitId ?? null,
        requested_at: clock.now(),
        assigned_member_ids: JSON.stringify([]),
      });
      return oneHelp(actor, a, id);
    },

    async acceptHelp(
      actor: StaffActor,
      id: string,
      b: AcceptVolunteerHelpBody,
    ): Promise<VolunteerHelpView> {
      const a = await accessOf(actor);
      const h = await helpFor(actor, a, id);
      if (h.status !== 'requested') throw stateError(m.helpNotRequested);
      const members = await repo.currentMembers(h.team_id, b.memberIds);
      if (members.length !== b.memberIds.length) throw invalid('/memberIds', m.notMember);
      const ok = await repo.updateHelp(id, 'requested', {
        status: 'accepted',
        accepted_by: actor.userId,
        accepted_at: clock.now(),
        assigned_member_ids: JSON.stringify(b.memberIds),
      });
      if (!ok) throw stateError(m.helpNotRequested);
      return oneHelp(actor, a, id);
    },

    async declineHelp(
      actor: StaffActor,
      id: string,
      b: DeclineVolunteerHelpBody,
    ): Promise<VolunteerHelpView> {
      const a = await accessOf(actor);
      const h = await helpFor(actor, a, id);
      if (h.status !== 'requested') throw stateError(m.helpNotRequested);
      const ok = await repo.updateHelp(id, 'requested', {
        status: 'declined',
        accepted_by: actor.userId,
        accepted_at: clock.now(),
        decline_reason: b.reason.trim(),
      });
      if (!ok) throw stateError(m.helpNotRequested);
      return oneHelp(actor, a, id);
    },

    /**
     * The help given: the team's held activity with each volunteer's hours and, on a
     * ticket still open, the `record_volunteer_help` event — both in one transaction.
     */
    async recordHelp(
      actor: StaffActor,
      id: string,
      b: RecordVolunteerHelpBody,
    ): Promise<VolunteerHelpView> {
      const a = await accessOf(actor);
      const h = await helpFor(actor, a, id);
      if (h.status !== 'accepted') throw stateError(m.helpNotAccepted);
      const ids = b.participants.map((p) => p.memberId);
      const names = await repo.memberNames(ids);
      const team = (await repo.team(actor.tenantId, h.team_id))!;
      const members = await db
        .selectFrom('volunteer_members')
        .select('id')
        .where('team_id', '=', h.team_id)
        .where('id', 'in', ids)
        .execute();
      if (members.length !== new Set(ids).size) throw invalid('/participants', m.notMember);
      const volunteers = b.participants.map((p, i) => ({
        id: p.memberId,
        name: names.get(p.memberId) ?? '',
        minutes: minutesOf(p.hours, `/participants/${i}/hours`),
      }));
      const total = volunteers.reduce((s, v) => s + v.minutes, 0);
      const helpedAt = new Date(b.helpedAt);
      await checkPhotos(actor, b.photoIds, '/photoIds');
      if (helpedAt.getTime() > clock.now().getTime() + 60_000)
        throw invalid('/helpedAt', '协助时间不能晚于当前时间');
      const ticket = h.ticket_id
        ? await ticketRepository(db).byId(actor.tenantId, h.ticket_id)
        : null;
      const def = transitionFor('record_volunteer_help');
      if (ticket && def.from.includes(ticket.state)) {
        await tickets.act(
          actor.tenantId,
          ticket.id,
          'record_volunteer_help',
          {
            input: {
              helpRequestId: id,
              teamName: team.name,
              what: b.what.trim(),
              helpedAt: helpedAt.toISOString(),
              hours: hoursOf(total),
              volunteers,
              recordedBy: { id: actor.userId, name: actor.displayName },
              ...(b.photoIds?.length ? { photoIds: b.photoIds } : {}),
            },
          },
          { system: true },
        );
      } else {
        // A visit's help, or a ticket already closed: the team's activity only.
        await db.transaction().execute((trx) =>
          writeHelpRecord(trx, {
            tenantId: actor.tenantId,
            helpRequestId: id,
            what: b.what.trim(),
            helpedAt,
            volunteers,
            photoIds: b.photoIds ?? [],
            recordedBy: actor.userId,
            at: clock.now(),
            ticket: ticket ? { id: ticket.id, code: ticket.code, address: ticket.address } : null,
          }),
        );
      }
      return oneHelp(actor, a, id);
    },

    // ── the public side ──
    async publicPlaces(tenantId: string): Promise<PublicVolunteerPlaces> {
      const rows = await repo.publicPlaces(tenantId);
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        township: r.township ?? '',
        teams: r.teams,
      }));
    },

    async publicVillage(tenantId: string, villageId: string): Promise<PublicVolunteerVillage> {
      const place = await repo.place(tenantId, villageId);
      if (!place || place.level !== 'village') throw new AppError('NOT_FOUND');
      const labels = await fieldLabels(tenantId);
      const teams = await repo.teams(tenantId, { placeId: villageId }, { limit: 100, offset: 0 });
      const shown = teams.filter((t) => t.is_public);
      const upcoming = shown.length
        ? await repo
            .activityRows(tenantId)
            .where(
              'a.team_id',
              'in',
              shown.map((t) => t.id),
            )
            .where('a.status', '=', 'planned')
            .where('a.starts_at', '>=', clock.now())
            .orderBy('a.starts_at')
            .limit(20)
            .execute()
        : [];
      return {
        village: { id: place.id, name: place.name, township: place.township ?? '' },
        teams: shown.map((t) => ({
          id: t.id,
          name: t.name,
          kind: t.kind,
          fieldLabel: labels.get(t.field) ?? t.field,
          description: t.description,
          memberCount: t.member_count,
          acceptsApplications: t.accepts_applications,
        })),
        upcoming: upcoming.map((u) => ({
          id: u.id,
          teamName: u.team_name,
          title: u.title,
          place: u.place,
          startsAt: iso(u.starts_at)!,
        })),
      };
    },

    async apply(
      tenantId: string,
      teamId: string,
      b: PublicVolunteerApplicationBody,
    ): Promise<PublicVolunteerApplicationReceipt> {
      const t = await repo.team(tenantId, teamId);
      if (!t || !t.is_public || t.dissolved_at) throw new AppError('NOT_FOUND');
      if (!t.accepts_applications) throw stateError(m.applicationsClosed);
      const phone = normalisePhone(b.phone);
      if (!phone)
        throw new AppError('INVALID_PHONE', [{ path: '/phone', message: m.importErrors.phone }]);
      const name = b.name.trim();
      if (!name) throw invalid('/name', m.personRequired);
      for (let attempt = 0; ; attempt++) {
        const code = applicationCode();
        try {
          await repo.insertApplication({
            id: newId(),
            tenant_id: tenantId,
            team_id: teamId,
            code,
            name,
            phone,
            skills: (b.skills ?? []).map((s) => s.trim()).filter(Boolean),
            note: b.note?.trim() || null,
            created_at: clock.now(),
          });
          return { code, status: 'pending' };
        } catch (err) {
          const e = err as { code?: string; constraint?: string; message?: string };
          if (String(e.code) !== '23505') throw err;
          if (`${e.constraint ?? ''}${e.message ?? ''}`.includes('one_pending'))
            throw new AppError('DUPLICATE', [{ path: '/phone', message: m.applicationPending }]);
          if (attempt >= 3) throw err;
        }
      }
    },

    async applicationStatus(
      tenantId: string,
      q: PublicVolunteerApplicationQuery,
    ): Promise<PublicVolunteerApplicationStatus> {
      const phone = normalisePhone(q.phone);
      const r = await repo
        .applicationRows(tenantId)
        .where('a.code', '=', q.code.trim().toUpperCase())
        .executeTakeFirst();
      // A wrong phone reads as a wrong code: the code alone reveals nothing.
      if (!r || !phone || r.phone !== phone) throw new AppError('NOT_FOUND');
      return {
        code: r.code,
        teamName: r.team_name,
        status: r.status,
        reason: r.reason,
        createdAt: iso(r.created_at)!,
        reviewedAt: iso(r.reviewed_at),
      };
    },
  };
}

export type VolunteersService = ReturnType<typeof volunteersService>;
