// [Assessment] the 三率 month's review: frozen snapshots (immutable, versioned
// with a reason), units' appeals to exclude a ticket (accepted exclusions are
// listed openly), and the summons (末位约谈) held with bottom-ranked units.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE assessment_snapshots (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      month text NOT NULL CHECK (month ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
      grp text NOT NULL CHECK (grp IN ('township', 'department', 'village')),
      township_id uuid REFERENCES jurisdictions(id),
      version int NOT NULL CHECK (version >= 1),
      reason text NOT NULL,
      data jsonb NOT NULL,
      config_version int NOT NULL,
      frozen_at timestamptz NOT NULL,
      created_by uuid REFERENCES users(id)
    );
    CREATE UNIQUE INDEX assessment_snapshots_version ON assessment_snapshots
      (tenant_id, month, grp, COALESCE(township_id::text, ''), version);

    -- A frozen month is never rewritten: a recompute adds a version.
    CREATE FUNCTION assessment_snapshots_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'assessment_snapshots is immutable';
    END;
    $$;
    CREATE TRIGGER assessment_snapshots_no_update BEFORE UPDATE OR DELETE ON assessment_snapshots
      FOR EACH ROW EXECUTE FUNCTION assessment_snapshots_immutable();
    CREATE TRIGGER assessment_snapshots_no_truncate BEFORE TRUNCATE ON assessment_snapshots
      FOR EACH STATEMENT EXECUTE FUNCTION assessment_snapshots_immutable();

    CREATE TABLE assessment_appeals (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      month text NOT NULL CHECK (month ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
      reason text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
      decided_by uuid REFERENCES users(id),
      decision_note text,
      decided_at timestamptz,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      CHECK ((status = 'pending') = (decided_at IS NULL))
    );
    CREATE INDEX assessment_appeals_month ON assessment_appeals (tenant_id, month, status);
    -- One live (pending or accepted) appeal per ticket and month.
    CREATE UNIQUE INDEX assessment_appeals_one_live ON assessment_appeals (ticket_id, month)
      WHERE status <> 'rejected';

    CREATE TABLE assessment_summons (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      month text NOT NULL CHECK (month ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
      held_on date NOT NULL,
      attendees text NOT NULL,
      notes text NOT NULL,
      recorded_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      UNIQUE (tenant_id, month, unit_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS assessment_summons;
    DROP TABLE IF EXISTS assessment_appeals;
    DROP TABLE IF EXISTS assessment_snapshots;
    DROP FUNCTION IF EXISTS assessment_snapshots_immutable();
  `.execute(db);
}
