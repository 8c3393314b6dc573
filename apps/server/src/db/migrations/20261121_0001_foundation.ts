// Foundation schema: tenants, organisation, users and sessions, categories,
// time-limit policies, the working calendar, tickets and their event trail.
// Every table carries tenant_id. SQL is kept to what PostgreSQL 15 and
// PGlite (PostgreSQL 18) both accept.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE tenants (
      id text PRIMARY KEY,
      name text NOT NULL,
      settings jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL
    );

    CREATE TABLE jurisdictions (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      parent_id uuid REFERENCES jurisdictions(id),
      level text NOT NULL CHECK (level IN ('city','district','township','village','grid')),
      code text NOT NULL,
      name text NOT NULL,
      population integer NOT NULL DEFAULT 0 CHECK (population >= 0),
      -- '/'-joined ancestor ids including this node: subtree queries are prefix matches.
      path text NOT NULL,
      boundary jsonb,
      centre_lng double precision,
      centre_lat double precision,
      UNIQUE (tenant_id, code)
    );
    CREATE INDEX jurisdictions_path ON jurisdictions (tenant_id, path text_pattern_ops);

    CREATE TABLE units (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      jurisdiction_id uuid NOT NULL REFERENCES jurisdictions(id),
      kind text NOT NULL CHECK (kind IN ('dispatch_centre','department','government','section','grid')),
      key text,
      name text NOT NULL,
      phone text,
      active boolean NOT NULL DEFAULT true,
      UNIQUE (tenant_id, key)
    );
    CREATE INDEX units_jurisdiction ON units (jurisdiction_id);

    CREATE TABLE users (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      username text NOT NULL UNIQUE,
      display_name text NOT NULL,
      phone text,
      password_hash text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL
    );

    CREATE TABLE role_assignments (
      tenant_id text NOT NULL REFERENCES tenants(id),
      user_id uuid NOT NULL REFERENCES users(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      role text NOT NULL CHECK (role IN ('agent','dispatcher','handler','unit_leader','grid_worker','supervisor','admin')),
      PRIMARY KEY (user_id, unit_id, role)
    );
    CREATE INDEX role_assignments_unit ON role_assignments (unit_id);

    CREATE TABLE sessions (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      user_id uuid NOT NULL REFERENCES users(id),
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_user ON sessions (user_id);

    CREATE TABLE api_tokens (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      user_id uuid NOT NULL REFERENCES users(id),
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL,
      revoked_at timestamptz
    );

    CREATE TABLE login_attempts (
      key text PRIMARY KEY,
      failures integer NOT NULL,
      first_failure_at timestamptz NOT NULL,
      locked_until timestamptz
    );

    CREATE TABLE categories (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      parent_id uuid REFERENCES categories(id),
      code text NOT NULL,
      name text NOT NULL,
      level integer NOT NULL CHECK (level BETWEEN 1 AND 5),
      path text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      sort integer NOT NULL DEFAULT 0,
      UNIQUE (tenant_id, code)
    );

    CREATE TABLE time_limit_policies (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      category_id uuid REFERENCES categories(id),
      urgency text CHECK (urgency IN ('emergency','urgent','normal')),
      response_amount numeric NOT NULL CHECK (response_amount > 0),
      response_unit text NOT NULL CHECK (response_unit IN ('calendar_hours','working_hours','working_days')),
      completion_amount numeric NOT NULL CHECK (completion_amount > 0),
      completion_unit text NOT NULL CHECK (completion_unit IN ('calendar_hours','working_hours','working_days')),
      updated_at timestamptz NOT NULL
    );
    CREATE UNIQUE INDEX time_limit_policies_key
      ON time_limit_policies (tenant_id, COALESCE(category_id, '00000000-0000-0000-0000-000000000000'::uuid), COALESCE(urgency, ''));

    CREATE TABLE calendar_days (
      tenant_id text NOT NULL REFERENCES tenants(id),
      day date NOT NULL,
      kind text NOT NULL CHECK (kind IN ('holiday','workday')),
      name text NOT NULL,
      PRIMARY KEY (tenant_id, day)
    );

    CREATE TABLE knowledge_items (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      category_id uuid REFERENCES categories(id),
      title text NOT NULL,
      body text NOT NULL,
      updated_at timestamptz NOT NULL
    );

    CREATE TABLE ticket_code_counters (
      tenant_id text NOT NULL REFERENCES tenants(id),
      day text NOT NULL,
      last integer NOT NULL,
      PRIMARY KEY (tenant_id, day)
    );

    CREATE TABLE tickets (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      code text NOT NULL,
      upstream_id text,
      channel text NOT NULL,
      type text NOT NULL CHECK (type IN ('consult','help','complaint','report','suggestion')),
      category_id uuid NOT NULL REFERENCES categories(id),
      title text NOT NULL,
      description text NOT NULL,
      address text NOT NULL,
      jurisdiction_id uuid NOT NULL REFERENCES jurisdictions(id),
      lng double precision,
      lat double precision,
      requester_name text,
      requester_phone text,
      anonymous boolean NOT NULL DEFAULT false,
      confidential boolean NOT NULL DEFAULT false,
      urgency text NOT NULL CHECK (urgency IN ('emergency','urgent','normal')),
      colour text CHECK (colour IN ('yellow','orange','red')),
      subject_unit_id uuid REFERENCES units(id),
      lead_unit_id uuid REFERENCES units(id),
      holder_unit_id uuid REFERENCES units(id),
      state text NOT NULL CHECK (state IN ('received','dispatched','accepted','in_progress','feedback_given','replied','awaiting_callback','closed')),
      outcome text,
      received_at timestamptz NOT NULL,
      dispatched_at timestamptz,
      accepted_at timestamptz,
      feedback_at timestamptz,
      replied_at timestamptz,
      closed_at timestamptz,
      response_due_at timestamptz,
      completion_due_at timestamptz,
      solved boolean,
      satisfaction text,
      reopen_count integer NOT NULL DEFAULT 0,
      created_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL,
      UNIQUE (tenant_id, code)
    );
    CREATE UNIQUE INDEX tickets_upstream ON tickets (tenant_id, upstream_id) WHERE upstream_id IS NOT NULL;
    CREATE INDEX tickets_state ON tickets (tenant_id, state, received_at DESC);
    CREATE INDEX tickets_received ON tickets (tenant_id, received_at DESC);
    CREATE INDEX tickets_lead ON tickets (lead_unit_id, state);
    CREATE INDEX tickets_holder ON tickets (holder_unit_id, state);
    CREATE INDEX tickets_phone ON tickets (tenant_id, requester_phone);
    CREATE INDEX tickets_due ON tickets (tenant_id, completion_due_at) WHERE state IN ('dispatched','accepted','in_progress');

    -- Lead, co-unit and watcher assignments. [Dispatch] grows co-unit rows into tasks.
    CREATE TABLE ticket_assignments (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      role text NOT NULL CHECK (role IN ('lead','co','watcher')),
      assigned_at timestamptz NOT NULL,
      ended_at timestamptz
    );
    CREATE INDEX ticket_assignments_ticket ON ticket_assignments (ticket_id);
    CREATE INDEX ticket_assignments_unit ON ticket_assignments (unit_id) WHERE ended_at IS NULL;

    CREATE TABLE ticket_events (
      id bigserial PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      seq integer NOT NULL,
      action text NOT NULL,
      from_state text,
      to_state text NOT NULL,
      actor_kind text NOT NULL CHECK (actor_kind IN ('staff','requester','system','api')),
      actor_user_id uuid REFERENCES users(id),
      actor_unit_id uuid REFERENCES units(id),
      at timestamptz NOT NULL,
      reason text,
      visibility text NOT NULL CHECK (visibility IN ('public','internal')),
      payload jsonb NOT NULL DEFAULT '{}'::jsonb,
      UNIQUE (ticket_id, seq)
    );
    CREATE INDEX ticket_events_tenant_at ON ticket_events (tenant_id, at);

    -- The trail is append-only: history is never rewritten.
    CREATE FUNCTION ticket_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'ticket_events is append-only';
    END;
    $$;
    CREATE TRIGGER ticket_events_no_update BEFORE UPDATE OR DELETE ON ticket_events
      FOR EACH ROW EXECUTE FUNCTION ticket_events_append_only();

    CREATE TABLE attachments (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      ticket_id uuid REFERENCES tickets(id),
      storage_key text NOT NULL,
      filename text NOT NULL,
      mime text NOT NULL,
      size integer NOT NULL,
      sha256 text NOT NULL,
      uploaded_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL
    );
    CREATE INDEX attachments_ticket ON attachments (ticket_id);

    -- Every read of a requester's personal data, by whom and why.
    CREATE TABLE personal_data_reads (
      id bigserial PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      user_id uuid NOT NULL REFERENCES users(id),
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      fields text NOT NULL,
      purpose text,
      at timestamptz NOT NULL
    );
    CREATE INDEX personal_data_reads_ticket ON personal_data_reads (ticket_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE personal_data_reads, attachments, ticket_events, ticket_assignments, tickets,
      ticket_code_counters, knowledge_items, calendar_days, time_limit_policies, categories,
      login_attempts, api_tokens, sessions, role_assignments, users, units, jurisdictions, tenants;
    DROP FUNCTION ticket_events_append_only();
  `.execute(db);
}
