// [Volunteers] volunteer and service teams (志愿服务): teams kept by a village or township
// government, members with dated joining and leaving (a member who leaves keeps the row),
// activities with each participant's minutes (integers: hours sum exactly), the read log
// of members' contacts, residents' applications and help asked of a team on a ticket or
// a household visit. Tenants may add fields beside the default ones.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE volunteer_fields (
      tenant_id text NOT NULL REFERENCES tenants(id),
      code text NOT NULL,
      label text NOT NULL,
      sort integer NOT NULL DEFAULT 100,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, code)
    );

    CREATE TABLE volunteer_teams (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      jurisdiction_id uuid NOT NULL REFERENCES jurisdictions(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('village_service', 'volunteer', 'one_plus_x')),
      field text NOT NULL,
      leader_user_id uuid REFERENCES users(id),
      description text,
      is_public boolean NOT NULL DEFAULT true,
      accepts_applications boolean NOT NULL DEFAULT true,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      dissolved_at timestamptz
    );
    CREATE INDEX volunteer_teams_place ON volunteer_teams (tenant_id, jurisdiction_id);
    CREATE INDEX volunteer_teams_leader ON volunteer_teams (leader_user_id)
      WHERE leader_user_id IS NOT NULL;

    CREATE TABLE volunteer_members (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      team_id uuid NOT NULL REFERENCES volunteer_teams(id),
      kind text NOT NULL CHECK (kind IN ('resident', 'staff', 'person')),
      resident_id uuid REFERENCES residents(id),
      user_id uuid REFERENCES users(id),
      name text NOT NULL,
      phone text,
      role text NOT NULL CHECK (role IN ('captain', 'member', 'mediator', 'elder', 'cadre', 'other')),
      skills text[] NOT NULL DEFAULT '{}',
      availability text,
      joined_on date NOT NULL,
      left_on date,
      leave_reason text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK ((kind = 'resident') = (resident_id IS NOT NULL)),
      CHECK ((kind = 'staff') = (user_id IS NOT NULL)),
      CHECK (left_on IS NULL OR left_on >= joined_on)
    );
    CREATE INDEX volunteer_members_team ON volunteer_members (team_id, left_on);
    -- One current membership per person and team (a member who left may join again).
    CREATE UNIQUE INDEX volunteer_members_one_resident ON volunteer_members (team_id, resident_id)
      WHERE left_on IS NULL AND resident_id IS NOT NULL;
    CREATE UNIQUE INDEX volunteer_members_one_user ON volunteer_members (team_id, user_id)
      WHERE left_on IS NULL AND user_id IS NOT NULL;
    CREATE UNIQUE INDEX volunteer_members_one_phone ON volunteer_members (team_id, phone)
      WHERE left_on IS NULL AND phone IS NOT NULL;

    CREATE TABLE volunteer_contact_reads (
      id bigserial PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      user_id uuid NOT NULL REFERENCES users(id),
      member_id uuid REFERENCES volunteer_members(id),
      team_id uuid REFERENCES volunteer_teams(id),
      action text NOT NULL CHECK (action IN ('reveal', 'export')),
      count integer,
      purpose text,
      at timestamptz NOT NULL
    );
    CREATE INDEX volunteer_contact_reads_member ON volunteer_contact_reads (tenant_id, member_id, at);

    CREATE TABLE volunteer_help_requests (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      team_id uuid NOT NULL REFERENCES volunteer_teams(id),
      ticket_id uuid REFERENCES tickets(id),
      visit_id uuid REFERENCES visits(id),
      description text NOT NULL,
      status text NOT NULL DEFAULT 'requested'
        CHECK (status IN ('requested', 'accepted', 'declined', 'done')),
      requested_by uuid REFERENCES users(id),
      requested_unit_id uuid REFERENCES units(id),
      requested_at timestamptz NOT NULL,
      accepted_by uuid REFERENCES users(id),
      accepted_at timestamptz,
      assigned_member_ids jsonb NOT NULL DEFAULT '[]',
      decline_reason text,
      what text,
      helped_at timestamptz,
      activity_id uuid,
      CHECK (ticket_id IS NOT NULL OR visit_id IS NOT NULL)
    );
    CREATE INDEX volunteer_help_team ON volunteer_help_requests (tenant_id, team_id, status);
    CREATE INDEX volunteer_help_ticket ON volunteer_help_requests (ticket_id)
      WHERE ticket_id IS NOT NULL;

    CREATE TABLE volunteer_activities (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      team_id uuid NOT NULL REFERENCES volunteer_teams(id),
      title text NOT NULL,
      field text NOT NULL,
      place text NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz,
      status text NOT NULL CHECK (status IN ('planned', 'held', 'cancelled')),
      description text,
      report text,
      photo_ids jsonb NOT NULL DEFAULT '[]',
      help_request_id uuid REFERENCES volunteer_help_requests(id),
      ticket_id uuid REFERENCES tickets(id),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      recorded_at timestamptz,
      recorded_by uuid REFERENCES users(id),
      CHECK (ends_at IS NULL OR ends_at >= starts_at)
    );
    CREATE INDEX volunteer_activities_team ON volunteer_activities (tenant_id, team_id, starts_at);
    CREATE INDEX volunteer_activities_upcoming ON volunteer_activities (tenant_id, starts_at)
      WHERE status = 'planned';
    ALTER TABLE volunteer_help_requests
      ADD CONSTRAINT volunteer_help_activity FOREIGN KEY (activity_id)
      REFERENCES volunteer_activities(id);

    CREATE TABLE volunteer_participations (
      activity_id uuid NOT NULL REFERENCES volunteer_activities(id),
      member_id uuid NOT NULL REFERENCES volunteer_members(id),
      tenant_id text NOT NULL REFERENCES tenants(id),
      minutes integer NOT NULL CHECK (minutes > 0 AND minutes <= 1440),
      PRIMARY KEY (activity_id, member_id)
    );
    CREATE INDEX volunteer_participations_member ON volunteer_participations (member_id);

    CREATE TABLE volunteer_applications (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      team_id uuid NOT NULL REFERENCES volunteer_teams(id),
      code text NOT NULL,
      name text NOT NULL,
      phone text NOT NULL,
      skills text[] NOT NULL DEFAULT '{}',
      note text,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'refused')),
      reason text,
      member_id uuid REFERENCES volunteer_members(id),
      created_at timestamptz NOT NULL,
      reviewed_by uuid REFERENCES users(id),
      reviewed_at timestamptz,
      CHECK (status <> 'refused' OR reason IS NOT NULL),
      CHECK (status <> 'accepted' OR member_id IS NOT NULL)
    );
    CREATE UNIQUE INDEX volunteer_applications_code ON volunteer_applications (tenant_id, code);
    CREATE INDEX volunteer_applications_team ON volunteer_applications (tenant_id, team_id, status);
    -- One pending application per phone and team.
    CREATE UNIQUE INDEX volunteer_applications_one_pending ON volunteer_applications (team_id, phone)
      WHERE status = 'pending';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS volunteer_applications;
    DROP TABLE IF EXISTS volunteer_participations;
    ALTER TABLE IF EXISTS volunteer_help_requests DROP CONSTRAINT IF EXISTS volunteer_help_activity;
    DROP TABLE IF EXISTS volunteer_activities;
    DROP TABLE IF EXISTS volunteer_help_requests;
    DROP TABLE IF EXISTS volunteer_contact_reads;
    DROP TABLE IF EXISTS volunteer_members;
    DROP TABLE IF EXISTS volunteer_teams;
    DROP TABLE IF EXISTS volunteer_fields;
  `.execute(db);
}
