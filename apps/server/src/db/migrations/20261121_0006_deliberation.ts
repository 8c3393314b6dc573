// [Deliberation]: escalation (上交/提级), village deliberation (下交群评) with its
// elders panels (三老), sessions, public notices (公示) and ledger (挂账);
// hearings (听证) and backlog consultations (积案会商); common-problem projects
// (共性问题/每月一题). Each record has its own small lifecycle beside the
// ticket's one state; every change to a ticket still goes through its events.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE tickets DROP CONSTRAINT tickets_state_check;
    ALTER TABLE tickets ADD CONSTRAINT tickets_state_check
      CHECK (state IN ('received','dispatched','accepted','in_progress','feedback_given','replied','awaiting_callback','in_deliberation','closed'));

    -- 上交/提级: a township to the district, a village to its township; the upper level reviews.
    CREATE TABLE escalations (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      from_unit_id uuid NOT NULL REFERENCES units(id),
      to_unit_id uuid NOT NULL REFERENCES units(id),
      reason text NOT NULL,
      tried text NOT NULL,
      needs text[] NOT NULL,
      needs_note text,
      state text NOT NULL CHECK (state IN ('pending','accepted','refused')),
      raised_by uuid REFERENCES users(id),
      raised_at timestamptz NOT NULL,
      reviewed_by uuid REFERENCES users(id),
      reviewed_unit_id uuid REFERENCES units(id),
      reviewed_at timestamptz,
      review_note text
    );
    CREATE INDEX escalations_ticket ON escalations (ticket_id);
    CREATE UNIQUE INDEX escalations_one_pending ON escalations (ticket_id) WHERE state = 'pending';
    CREATE INDEX escalations_to ON escalations (tenant_id, to_unit_id, state);
    CREATE INDEX escalations_from ON escalations (tenant_id, from_unit_id, raised_at);

    -- 三老: a village's elders panel (5–10 members) for a term; a new panel supersedes the old.
    CREATE TABLE elder_panels (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      term_start date NOT NULL,
      term_end date NOT NULL CHECK (term_end >= term_start),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      superseded_at timestamptz
    );
    CREATE UNIQUE INDEX elder_panels_current ON elder_panels (unit_id) WHERE superseded_at IS NULL;
    CREATE TABLE elders (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      panel_id uuid NOT NULL REFERENCES elder_panels(id),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('old_party_member','old_cadre','model_resident')),
      note text,
      sort integer NOT NULL
    );
    CREATE INDEX elders_panel ON elders (panel_id, sort);

    -- 下交群评 and its ledger (挂账): proposed → signed off (on the ledger) → settled or escalated.
    CREATE TABLE deliberations (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      basis text NOT NULL CHECK (basis IN ('unsolved_not_escalable','repeated_request')),
      reason text NOT NULL,
      proposed_by uuid REFERENCES users(id),
      proposed_unit_id uuid NOT NULL REFERENCES units(id),
      proposed_at timestamptz NOT NULL,
      village_unit_id uuid NOT NULL REFERENCES units(id),
      signer_unit_id uuid NOT NULL REFERENCES units(id),
      state text NOT NULL CHECK (state IN ('proposed','refused','on_ledger','settled','escalated')),
      signed_by uuid REFERENCES users(id),
      signed_at timestamptz,
      sign_note text,
      ended_at timestamptz,
      end_note text
    );
    CREATE INDEX deliberations_ticket ON deliberations (ticket_id);
    CREATE UNIQUE INDEX deliberations_one_open ON deliberations (ticket_id)
      WHERE state IN ('proposed','on_ledger');
    CREATE INDEX deliberations_village ON deliberations (tenant_id, village_unit_id, state);
    CREATE INDEX deliberations_signer ON deliberations (tenant_id, signer_unit_id, state);

    CREATE TABLE deliberation_sessions (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      deliberation_id uuid NOT NULL REFERENCES deliberations(id),
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      panel_id uuid NOT NULL REFERENCES elder_panels(id),
      held_at timestamptz NOT NULL,
      place text NOT NULL,
      convenor text NOT NULL,
      panel_member_ids uuid[] NOT NULL,
      participants jsonb NOT NULL,
      matter text NOT NULL,
      minutes text NOT NULL,
      finding text NOT NULL CHECK (finding IN ('reasonable','partly_reasonable','unreasonable')),
      settlement text NOT NULL,
      signatures jsonb NOT NULL,
      attachment_ids uuid[] NOT NULL DEFAULT '{}',
      recorded_by uuid REFERENCES users(id),
      recorded_at timestamptz NOT NULL,
      archived_at timestamptz,
      archived_by uuid REFERENCES users(id)
    );
    CREATE INDEX deliberation_sessions_deliberation ON deliberation_sessions (deliberation_id);
    -- An archived session (its video and signed sheet) is immutable: the database refuses changes.
    CREATE FUNCTION deliberation_sessions_sealed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.archived_at IS NOT NULL THEN
        RAISE EXCEPTION 'deliberation session % is archived', OLD.id USING ERRCODE = 'check_violation';
      END IF;
      RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END $$;
    CREATE TRIGGER deliberation_sessions_sealed BEFORE UPDATE OR DELETE ON deliberation_sessions
      FOR EACH ROW EXECUTE FUNCTION deliberation_sessions_sealed();

    -- 公示: posted in the village for a number of days, without the requester's identity.
    CREATE TABLE public_notices (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      deliberation_id uuid NOT NULL REFERENCES deliberations(id),
      session_id uuid NOT NULL REFERENCES deliberation_sessions(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      jurisdiction_id uuid NOT NULL REFERENCES jurisdictions(id),
      title text NOT NULL,
      text text NOT NULL,
      finding text NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      published_by uuid REFERENCES users(id)
    );
    CREATE INDEX public_notices_place ON public_notices (tenant_id, jurisdiction_id, ends_at);
    CREATE INDEX public_notices_deliberation ON public_notices (deliberation_id);

    -- 听证: a hearing for a long-running case, with invited experts; a commitment where reached.
    CREATE TABLE hearings (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      state text NOT NULL CHECK (state IN ('scheduled','held','cancelled')),
      scheduled_at timestamptz NOT NULL,
      place text NOT NULL,
      matter text NOT NULL,
      experts jsonb NOT NULL,
      scheduled_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      held_at timestamptz,
      minutes text,
      outcome text,
      signatures jsonb,
      attachment_ids uuid[] NOT NULL DEFAULT '{}',
      commitment jsonb,
      recorded_by uuid REFERENCES users(id),
      recorded_at timestamptz
    );
    CREATE INDEX hearings_ticket ON hearings (ticket_id);
    CREATE INDEX hearings_unit ON hearings (tenant_id, unit_id, scheduled_at);

    -- 积案会商: the regular consultations on a backlog case.
    CREATE TABLE consultations (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      held_at timestamptz NOT NULL,
      participants text NOT NULL,
      notes text NOT NULL,
      next_steps text,
      recorded_by uuid REFERENCES users(id),
      recorded_at timestamptz NOT NULL
    );
    CREATE INDEX consultations_ticket ON consultations (ticket_id, held_at);

    -- 共性问题/每月一题: a project gathers the tickets of one problem.
    CREATE TABLE projects (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      title text NOT NULL,
      problem text NOT NULL,
      category_id uuid REFERENCES categories(id),
      jurisdiction_id uuid REFERENCES jurisdictions(id),
      owner_unit_id uuid NOT NULL REFERENCES units(id),
      plan text NOT NULL DEFAULT '',
      budget_note text NOT NULL DEFAULT '',
      state text NOT NULL CHECK (state IN ('planning','active','completed','cancelled')),
      monthly_topic text CHECK (monthly_topic ~ '^[0-9]{4}-[0-9]{2}$'),
      starts_on date NOT NULL,
      due_on date,
      completed_at timestamptz,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      version integer NOT NULL DEFAULT 1
    );
    CREATE INDEX projects_tenant ON projects (tenant_id, state, created_at DESC);
    CREATE TABLE project_milestones (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      project_id uuid NOT NULL REFERENCES projects(id),
      title text NOT NULL,
      due_on date,
      done_at timestamptz,
      note text,
      sort integer NOT NULL
    );
    CREATE INDEX project_milestones_project ON project_milestones (project_id, sort);
    CREATE TABLE project_tickets (
      tenant_id text NOT NULL REFERENCES tenants(id),
      project_id uuid NOT NULL REFERENCES projects(id),
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      linked_at timestamptz NOT NULL,
      linked_by uuid REFERENCES users(id),
      PRIMARY KEY (project_id, ticket_id)
    );
    CREATE INDEX project_tickets_ticket ON project_tickets (ticket_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE project_tickets;
    DROP TABLE project_milestones;
    DROP TABLE projects;
    DROP TABLE consultations;
    DROP TABLE hearings;
    DROP TABLE public_notices;
    DROP TABLE deliberation_sessions;
    DROP FUNCTION deliberation_sessions_sealed();
    DROP TABLE deliberations;
    DROP TABLE elders;
    DROP TABLE elder_panels;
    DROP TABLE escalations;
    UPDATE tickets SET state = 'in_progress' WHERE state = 'in_deliberation';
    ALTER TABLE tickets DROP CONSTRAINT tickets_state_check;
    ALTER TABLE tickets ADD CONSTRAINT tickets_state_check
      CHECK (state IN ('received','dispatched','accepted','in_progress','feedback_given','replied','awaiting_callback','closed'));
  `.execute(db);
}
