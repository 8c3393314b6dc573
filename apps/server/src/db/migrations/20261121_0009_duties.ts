// [Grid] duties: patrols (巡查打卡), household visits (走访), the duty rules per district,
// and patrol reports (三必到 / 四必报) that become tickets or are closed on the spot (未诉先办).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE patrols (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      grid_id uuid NOT NULL REFERENCES jurisdictions(id),
      worker_user_id uuid NOT NULL REFERENCES users(id),
      started_at timestamptz NOT NULL,
      ended_at timestamptz,
      points jsonb NOT NULL DEFAULT '[]',
      note text,
      photos jsonb NOT NULL DEFAULT '[]',
      created_at timestamptz NOT NULL
    );
    CREATE INDEX patrols_grid ON patrols (tenant_id, grid_id, started_at);
    CREATE INDEX patrols_worker ON patrols (worker_user_id, started_at);

    CREATE TABLE visits (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      household_id uuid NOT NULL REFERENCES households(id),
      grid_id uuid NOT NULL REFERENCES jurisdictions(id),
      worker_user_id uuid NOT NULL REFERENCES users(id),
      planned_for date,
      done_at timestamptz,
      note text,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX visits_grid ON visits (tenant_id, grid_id, done_at);
    CREATE INDEX visits_household ON visits (household_id, done_at);

    CREATE TABLE duty_rules (
      tenant_id text PRIMARY KEY REFERENCES tenants(id),
      patrols_per_day integer NOT NULL DEFAULT 1 CHECK (patrols_per_day BETWEEN 0 AND 10),
      key_visits_per_month integer NOT NULL DEFAULT 2 CHECK (key_visits_per_month BETWEEN 0 AND 31),
      five_visit_kinds text[] NOT NULL DEFAULT '{}',
      five_visits_per_month integer NOT NULL DEFAULT 1 CHECK (five_visits_per_month BETWEEN 0 AND 31),
      updated_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL
    );

    CREATE TABLE patrol_reports (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      grid_id uuid NOT NULL REFERENCES jurisdictions(id),
      worker_user_id uuid NOT NULL REFERENCES users(id),
      patrol_id uuid REFERENCES patrols(id),
      kind text NOT NULL,
      grp text NOT NULL CHECK (grp IN ('must_attend','must_report')),
      reported_at timestamptz NOT NULL,
      arrived_at timestamptz,
      description text NOT NULL,
      address text,
      lng double precision,
      lat double precision,
      photos jsonb NOT NULL DEFAULT '[]',
      outcome text NOT NULL CHECK (outcome IN ('ticket','closed_on_spot')),
      ticket_id uuid REFERENCES tickets(id),
      evidence text,
      created_at timestamptz NOT NULL,
      CHECK (outcome <> 'ticket' OR ticket_id IS NOT NULL),
      CHECK (outcome <> 'closed_on_spot' OR evidence IS NOT NULL)
    );
    CREATE INDEX patrol_reports_grid ON patrol_reports (tenant_id, grid_id, reported_at);
    CREATE INDEX patrol_reports_worker ON patrol_reports (worker_user_id, reported_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE patrol_reports;
    DROP TABLE duty_rules;
    DROP TABLE visits;
    DROP TABLE patrols;
  `.execute(db);
}
