// [Grid] grid worker assessment formula, versioned per district: a base score
// plus weighted performance rates (patrols, visits, reports, tickets on time),
// the performance part scaled by the grid's difficulty grade (A/B/C factors).
// A new version is a new row; months are scored with the version in force.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE grid_assessment_formulas (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      version integer NOT NULL CHECK (version >= 1),
      base double precision NOT NULL CHECK (base >= 0 AND base <= 1000),
      weights jsonb NOT NULL,
      grade_factors jsonb NOT NULL,
      report_target integer NOT NULL CHECK (report_target >= 1),
      note text,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      UNIQUE (tenant_id, version)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE grid_assessment_formulas;`.execute(db);
}
