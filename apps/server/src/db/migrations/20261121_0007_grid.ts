// [Grid]: grids as places with households and a difficulty grade, and the
// people of each grid (grid head, supervisor, commander, grid workers,
// informants), whose names and phones the village's public grid board shows.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE jurisdictions
      ADD COLUMN households integer CHECK (households >= 0),
      ADD COLUMN grade text CHECK (grade IN ('A','B','C'));

    CREATE TABLE grid_members (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      jurisdiction_id uuid NOT NULL REFERENCES jurisdictions(id),
      role text NOT NULL CHECK (role IN ('head','supervisor','commander','worker','informant')),
      user_id uuid REFERENCES users(id),
      name text NOT NULL,
      phone text,
      since date NOT NULL,
      until date,
      created_at timestamptz NOT NULL,
      CHECK (until IS NULL OR until >= since)
    );
    CREATE INDEX grid_members_place ON grid_members (jurisdiction_id) WHERE until IS NULL;
    CREATE INDEX grid_members_user ON grid_members (user_id) WHERE user_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE grid_members;
    ALTER TABLE jurisdictions DROP COLUMN households, DROP COLUMN grade;
  `.execute(db);
}
