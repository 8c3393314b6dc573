// All SQL of the volunteer teams. Every query is scoped by tenant.
import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type {
  DB,
  VolunteerActivityTable,
  VolunteerApplicationTable,
  VolunteerContactReadTable,
  VolunteerHelpRequestTable,
  VolunteerMemberTable,
  VolunteerTeamTable,
} from '../../db/schema.js';

export interface TeamFilter {
  /** Team ids the list is limited to (undefined: every team). */
  ids?: string[];
  townshipId?: string;
  placeId?: string;
  field?: string;
  kind?: string;
  q?: string;
}

export function volunteersRepository(db: Kysely<DB>) {
  const teamRows = (tenantId: string) =>
    db
      .selectFrom('volunteer_teams as t')
      .innerJoin('jurisdictions as j', 'j.id', 't.jurisdiction_id')
      .leftJoin('jurisdictions as tw', (jn) =>
        jn.onRef('tw.id', '=', 'j.parent_id').on('j.level', '=', 'village'),
      )
      .innerJoin('units as u', 'u.id', 't.unit_id')
      .leftJoin('users as l', 'l.id', 't.leader_user_id')
      .select([
        't.id',
        't.name',
        't.kind',
        't.field',
        't.jurisdiction_id',
        't.unit_id',
        't.leader_user_id',
        't.description',
        't.is_public',
        't.accepts_applications',
        't.created_at',
        't.dissolved_at',
        'j.name as place_name',
        'j.level as place_level',
        'j.parent_id as place_parent_id',
        'tw.id as township_id',
        'tw.name as township_name',
        'u.name as unit_name',
        'l.display_name as leader_name',
        sql<number>`(SELECT count(*)::int FROM volunteer_members m WHERE m.team_id = t.id AND m.left_on IS NULL)`.as(
          'member_count',
        ),
        sql<number>`(SELECT count(*)::int FROM volunteer_applications a WHERE a.team_id = t.id AND a.status = 'pending')`.as(
          'pending_applications',
        ),
      ])
      .where('t.tenant_id', '=', tenantId);

  function filtered(tenantId: string, f: TeamFilter) {
    let q = teamRows(tenantId).where('t.dissolved_at', 'is', null);
    if (f.ids)
      q = q.where('t.id', 'in', f.ids.length ? f.ids : ['00000000-0000-0000-0000-000000000000']);
    if (f.placeId) q = q.where('t.jurisdiction_id', '=', f.placeId);
    if (f.townshipId)
      q = q.where((eb) =>
        eb.or([eb('t.jurisdiction_id', '=', f.townshipId!), eb('j.parent_id', '=', f.townshipId!)]),
      );
    if (f.field) q = q.where('t.field', '=', f.field);
    if (f.kind) q = q.where('t.kind', '=', f.kind as VolunteerTeamTable['kind']);
    if (f.q) q = q.where('t.name', 'like', `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
    return q;
  }

  return {
    async fields(tenantId: string) {
      return db
        .selectFrom('volunteer_fields')
        .select(['code', 'label', 'sort'])
        .where('tenant_id', '=', tenantId)
        .orderBy('sort')
        .orderBy('code')
        .execute();
    },
    async addField(row: Insertable<DB['volunteer_fields']>) {
      await db.insertInto('volunteer_fields').values(row).execute();
    },

    /** Village and township places with their government unit. */
    async governmentPlaces(tenantId: string) {
      return db
        .selectFrom('units as u')
        .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
        .leftJoin('jurisdictions as p', 'p.id', 'j.parent_id')
        .select([
          'u.id as unit_id',
          'j.id as place_id',
          'j.name as place_name',
          'j.level',
          'j.parent_id',
          'p.name as parent_name',
          'j.code',
        ])
        .where('u.tenant_id', '=', tenantId)
        .where('u.kind', '=', 'government')
        .where('u.active', '=', true)
        .where('j.level', 'in', ['village', 'township'])
        .orderBy('j.code')
        .execute();
    },

    async user(tenantId: string, id: string) {
      return db
        .selectFrom('users')
        .select(['id', 'display_name', 'phone'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async resident(tenantId: string, id: string) {
      return db
        .selectFrom('residents')
        .select(['id', 'name', 'phone', 'left_at'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async visit(tenantId: string, id: string) {
      return db
        .selectFrom('visits')
        .select(['id', 'worker_user_id'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    team: (tenantId: string, id: string) =>
      teamRows(tenantId).where('t.id', '=', id).executeTakeFirst(),
    teams: (tenantId: string, f: TeamFilter, page: { limit: number; offset: number }) =>
      filtered(tenantId, f)
        .orderBy('j.code')
        .orderBy('t.name')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
    async countTeams(tenantId: string, f: TeamFilter) {
      const r = await db
        .selectFrom(filtered(tenantId, f).as('x'))
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      return r.n;
    },
    /** Teams whose leader is the user. */
    async ledBy(tenantId: string, userId: string) {
      const rows = await db
        .selectFrom('volunteer_teams')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('leader_user_id', '=', userId)
        .execute();
      return rows.map((r) => r.id);
    },
    async teamIdsAt(tenantId: string, unitIds: string[]) {
      if (!unitIds.length) return [];
      const rows = await db
        .selectFrom('volunteer_teams as t')
        .innerJoin('jurisdictions as j', 'j.id', 't.jurisdiction_id')
        .leftJoin('units as pu', (jn) =>
          jn.onRef('pu.jurisdiction_id', '=', 'j.parent_id').on('pu.kind', '=', 'government'),
        )
        .select('t.id')
        .where('t.tenant_id', '=', tenantId)
        .where((eb) => eb.or([eb('t.unit_id', 'in', unitIds), eb('pu.id', 'in', unitIds)]))
        .execute();
      return [...new Set(rows.map((r) => r.id))];
    },
    async insertTeam(row: Insertable<VolunteerTeamTable>) {
      await db.insertInto('volunteer_teams').values(row).execute();
    },
    async updateTeam(tenantId: string, id: string, patch: Updateable<VolunteerTeamTable>) {
      await db
        .updateTable('volunteer_teams')
        .set(patch)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },
    /** Minutes per team over [from, to). */
    async teamMinutes(teamIds: string[], from: Date, to: Date) {
      if (!teamIds.length) return new Map<string, number>();
      const rows = await db
        .selectFrom('volunteer_participations as p')
        .innerJoin('volunteer_activities as a', 'a.id', 'p.activity_id')
        .select(['a.team_id', sql<number>`sum(p.minutes)::int`.as('minutes')])
        .where('a.team_id', 'in', teamIds)
        .where('a.status', '=', 'held')
        .where('a.starts_at', '>=', from)
        .where('a.starts_at', '<', to)
        .groupBy('a.team_id')
        .execute();
      return new Map(rows.map((r) => [r.team_id, r.minutes]));
    },

    // ── members ──
    async members(teamId: string) {
      return db
        .selectFrom('volunteer_members as m')
        .leftJoin('residents as r', 'r.id', 'm.resident_id')
        .leftJoin('users as u', 'u.id', 'm.user_id')
        .select([
          'm.id',
          'm.team_id',
          'm.kind',
          'm.resident_id',
          'm.user_id',
          'm.name',
          'm.phone',
          'm.role',
          'm.skills',
          'm.availability',
          'm.joined_on',
          'm.left_on',
          'm.leave_reason',
          'r.name as resident_name',
          'u.display_name as user_name',
          sql<number>`coalesce((SELECT sum(p.minutes) FROM volunteer_participations p JOIN volunteer_activities a ON a.id = p.activity_id WHERE p.member_id = m.id AND a.status = 'held'), 0)::int`.as(
            'minutes',
          ),
        ])
        .where('m.team_id', '=', teamId)
        .orderBy(sql`m.left_on IS NOT NULL`)
        .orderBy(sql`CASE m.role WHEN 'captain' THEN 0 ELSE 1 END`)
        .orderBy('m.joined_on')
        .orderBy('m.name')
        .execute();
    },
    async member(tenantId: string, id: string) {
      return db
        .selectFrom('volunteer_members')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async currentMembers(teamId: string, ids: string[]) {
      if (!ids.length) return [];
      return db
        .selectFrom('volunteer_members')
        .select(['id', 'name'])
        .where('team_id', '=', teamId)
        .where('id', 'in', ids)
        .where('left_on', 'is', null)
        .execute();
    },
    async currentPhones(teamId: string) {
      const rows = await db
        .selectFrom('volunteer_members')
        .select('phone')
        .where('team_id', '=', teamId)
        .where('left_on', 'is', null)
        .where('phone', 'is not', null)
        .execute();
      return new Set(rows.map((r) => r.phone!));
    },
    async insertMembers(rows: Insertable<VolunteerMemberTable>[]) {
      if (rows.length) await db.insertInto('volunteer_members').values(rows).execute();
    },
    async updateMember(tenantId: string, id: string, patch: Updateable<VolunteerMemberTable>) {
      await db
        .updateTable('volunteer_members')
        .set(patch)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },
    async logReads(rows: Insertable<VolunteerContactReadTable>[]) {
      if (rows.length) await db.insertInto('volunteer_contact_reads').values(rows).execute();
    },
    async reads(tenantId: string, memberId: string) {
      return db
        .selectFrom('volunteer_contact_reads')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('member_id', '=', memberId)
        .orderBy('at', 'desc')
        .execute();
    },

    // ── activities ──
    activityRows(tenantId: string) {
      return db
        .selectFrom('volunteer_activities as a')
        .innerJoin('volunteer_teams as t', 't.id', 'a.team_id')
        .leftJoin('tickets as k', 'k.id', 'a.ticket_id')
        .select([
          'a.id',
          'a.team_id',
          't.name as team_name',
          'a.title',
          'a.field',
          'a.place',
          'a.starts_at',
          'a.ends_at',
          'a.status',
          'a.description',
          'a.report',
          'a.photo_ids',
          'a.help_request_id',
          'a.ticket_id',
          'k.code as ticket_code',
          'a.created_at',
        ])
        .where('a.tenant_id', '=', tenantId);
    },
    async participants(activityIds: string[]) {
      if (!activityIds.length) return [];
      return db
        .selectFrom('volunteer_participations as p')
        .innerJoin('volunteer_members as m', 'm.id', 'p.member_id')
        .select(['p.activity_id', 'p.member_id', 'm.name', 'p.minutes'])
        .where('p.activity_id', 'in', activityIds)
        .orderBy('m.name')
        .execute();
    },
    async insertActivity(row: Insertable<VolunteerActivityTable>) {
      await db.insertInto('volunteer_activities').values(row).execute();
    },
    async updateActivity(id: string, patch: Updateable<VolunteerActivityTable>) {
      await db.updateTable('volunteer_activities').set(patch).where('id', '=', id).execute();
    },
    async insertParticipations(
      rows: Array<{ activity_id: string; member_id: string; tenant_id: string; minutes: number }>,
    ) {
      if (rows.length) await db.insertInto('volunteer_participations').values(rows).execute();
    },

    // ── applications ──
    applicationRows(tenantId: string) {
      return db
        .selectFrom('volunteer_applications as a')
        .innerJoin('volunteer_teams as t', 't.id', 'a.team_id')
        .leftJoin('users as u', 'u.id', 'a.reviewed_by')
        .selectAll('a')
        .select(['t.name as team_name', 'u.display_name as reviewer_name'])
        .where('a.tenant_id', '=', tenantId);
    },
    async insertApplication(row: Insertable<VolunteerApplicationTable>) {
      await db.insertInto('volunteer_applications').values(row).execute();
    },
    /** Moves a pending application on; false when someone else reviewed it first. */
    async reviewApplication(id: string, patch: Updateable<VolunteerApplicationTable>) {
      const r = await db
        .updateTable('volunteer_applications')
        .set(patch)
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    // ── help requests ──
    helpRows(tenantId: string) {
      return db
        .selectFrom('volunteer_help_requests as h')
        .innerJoin('volunteer_teams as t', 't.id', 'h.team_id')
        .leftJoin('tickets as k', 'k.id', 'h.ticket_id')
        .leftJoin('users as rb', 'rb.id', 'h.requested_by')
        .leftJoin('units as ru', 'ru.id', 'h.requested_unit_id')
        .leftJoin('users as ab', 'ab.id', 'h.accepted_by')
        .selectAll('h')
        .select([
          't.name as team_name',
          'k.code as ticket_code',
          'k.title as ticket_title',
          'rb.display_name as requested_by_name',
          'ru.name as requested_unit_name',
          'ab.display_name as accepted_by_name',
          sql<number>`coalesce((SELECT sum(p.minutes) FROM volunteer_participations p WHERE p.activity_id = h.activity_id), 0)::int`.as(
            'minutes',
          ),
        ])
        .where('h.tenant_id', '=', tenantId);
    },
    async insertHelp(row: Insertable<VolunteerHelpRequestTable>) {
      await db.insertInto('volunteer_help_requests').values(row).execute();
    },
    async helpForUpdate(tenantId: string, id: string) {
      return db
        .selectFrom('volunteer_help_requests')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
    },
    async updateHelp(
      id: string,
      from: 'requested' | 'accepted',
      patch: Updateable<VolunteerHelpRequestTable>,
    ) {
      const r = await db
        .updateTable('volunteer_help_requests')
        .set(patch)
        .where('id', '=', id)
        .where('status', '=', from)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async memberNames(ids: string[]) {
      if (!ids.length) return new Map<string, string>();
      const rows = await db
        .selectFrom('volunteer_members')
        .select(['id', 'name'])
        .where('id', 'in', ids)
        .execute();
      return new Map(rows.map((r) => [r.id, r.name]));
    },

    // ── the summary ──
    async summaryRows(tenantId: string, from: Date, to: Date, teamIds?: string[]) {
      let q = db
        .selectFrom('volunteer_participations as p')
        .innerJoin('volunteer_activities as a', 'a.id', 'p.activity_id')
        .innerJoin('volunteer_members as m', 'm.id', 'p.member_id')
        .innerJoin('volunteer_teams as t', 't.id', 'a.team_id')
        .innerJoin('jurisdictions as j', 'j.id', 't.jurisdiction_id')
        .leftJoin('jurisdictions as tw', (jn) =>
          jn.onRef('tw.id', '=', 'j.parent_id').on('j.level', '=', 'village'),
        )
        .select([
          'p.activity_id',
          'p.member_id',
          'p.minutes',
          'm.name as member_name',
          't.id as team_id',
          't.name as team_name',
          'j.id as place_id',
          'j.name as place_name',
          'j.level as place_level',
          'tw.id as township_id',
          'tw.name as township_name',
        ])
        .where('a.tenant_id', '=', tenantId)
        .where('a.status', '=', 'held')
        .where('a.starts_at', '>=', from)
        .where('a.starts_at', '<', to);
      if (teamIds)
        q = q.where(
          't.id',
          'in',
          teamIds.length ? teamIds : ['00000000-0000-0000-0000-000000000000'],
        );
      return q.execute();
    },

    // ── public ──
    async publicPlaces(tenantId: string) {
      return db
        .selectFrom('volunteer_teams as t')
        .innerJoin('jurisdictions as j', 'j.id', 't.jurisdiction_id')
        .leftJoin('jurisdictions as p', 'p.id', 'j.parent_id')
        .select([
          'j.id',
          'j.name',
          'j.code',
          'p.name as township',
          sql<number>`count(*)::int`.as('teams'),
        ])
        .where('t.tenant_id', '=', tenantId)
        .where('t.is_public', '=', true)
        .where('t.dissolved_at', 'is', null)
        .where('j.level', '=', 'village')
        .groupBy(['j.id', 'j.name', 'j.code', 'p.name'])
        .orderBy('j.code')
        .execute();
    },
    async place(tenantId: string, id: string) {
      return db
        .selectFrom('jurisdictions as j')
        .leftJoin('jurisdictions as p', 'p.id', 'j.parent_id')
        .select(['j.id', 'j.name', 'j.level', 'p.name as township'])
        .where('j.tenant_id', '=', tenantId)
        .where('j.id', '=', id)
        .executeTakeFirst();
    },
  };
}

export type VolunteersRepository = ReturnType<typeof volunteersRepository>;
