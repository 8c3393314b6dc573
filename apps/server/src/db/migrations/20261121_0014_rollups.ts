// [Assessment] per-unit daily rollups maintained from the event trail
//
// unit_day_rollups: one row per unit and local day of the events counted (see
// modules/assessment/rollups.ts for what each counter counts). Written in the
// same transaction as the ticket event; rebuildable from the events.
// unit_assessment_configs: the district's 三率 weights and minimum volume, versioned.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE unit_day_rollups (
      tenant_id text NOT NULL REFERENCES tenants(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      day date NOT NULL,
      dispatched integer NOT NULL DEFAULT 0,
      accepted integer NOT NULL DEFAULT 0,
      accepted_on_time integer NOT NULL DEFAULT 0,
      completed integer NOT NULL DEFAULT 0,
      completed_on_time integer NOT NULL DEFAULT 0,
      called_back integer NOT NULL DEFAULT 0,
      rated integer NOT NULL DEFAULT 0,
      solved integer NOT NULL DEFAULT 0,
      satisfied integer NOT NULL DEFAULT 0,
      basically_satisfied integer NOT NULL DEFAULT 0,
      dissatisfied integer NOT NULL DEFAULT 0,
      returns_upheld integer NOT NULL DEFAULT 0,
      returns_fault integer NOT NULL DEFAULT 0,
      reopened integer NOT NULL DEFAULT 0,
      PRIMARY KEY (tenant_id, day, unit_id)
    );

    CREATE TABLE unit_assessment_configs (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      version integer NOT NULL CHECK (version >= 1),
      effective_from date NOT NULL,
      weights jsonb NOT NULL,
      basically_satisfied_weight double precision NOT NULL
        CHECK (basically_satisfied_weight >= 0 AND basically_satisfied_weight <= 1),
      min_volume integer NOT NULL CHECK (min_volume >= 0),
      bottom_n integer NOT NULL CHECK (bottom_n >= 0),
      reason text NOT NULL,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      UNIQUE (tenant_id, version)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE unit_assessment_configs; DROP TABLE unit_day_rollups;`.execute(db);
}
