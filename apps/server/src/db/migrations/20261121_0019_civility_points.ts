// [Assessment] civility points (乡风文明积分): the district's rules (the current row plus
// an append-only version per change), and the per-household ledger, append-only in the
// database itself: a correction is a reversing entry, never an update or a delete. An
// entry earned by a ticket event is written at most once per rule, ticket and household.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE civility_rules (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      code text NOT NULL,
      label text NOT NULL,
      points integer NOT NULL CHECK (points <> 0 AND points BETWEEN -100 AND 100),
      kind text NOT NULL CHECK (kind IN ('manual','event')),
      trigger text CHECK (trigger IN ('deliberation_session','deliberation_settled','report_confirmed')),
      max_per_quarter integer CHECK (max_per_quarter IS NULL OR max_per_quarter > 0),
      active boolean NOT NULL DEFAULT true,
      sort integer NOT NULL DEFAULT 0,
      version integer NOT NULL DEFAULT 1,
      updated_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL,
      CHECK ((kind = 'event') = (trigger IS NOT NULL)),
      UNIQUE (tenant_id, code)
    );
    CREATE INDEX civility_rules_trigger ON civility_rules (tenant_id, trigger) WHERE active;

    CREATE TABLE civility_rule_versions (
      rule_id uuid NOT NULL REFERENCES civility_rules(id),
      tenant_id text NOT NULL REFERENCES tenants(id),
      version integer NOT NULL,
      label text NOT NULL,
      points integer NOT NULL,
      kind text NOT NULL,
      trigger text,
      max_per_quarter integer,
      active boolean NOT NULL,
      changed_by uuid REFERENCES users(id),
      changed_at timestamptz NOT NULL,
      PRIMARY KEY (rule_id, version)
    );

    CREATE TABLE civility_entries (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      household_id uuid NOT NULL REFERENCES households(id),
      rule_id uuid NOT NULL REFERENCES civility_rules(id),
      points integer NOT NULL,
      reason text NOT NULL,
      ticket_id uuid REFERENCES tickets(id),
      source text NOT NULL CHECK (source IN ('manual','auto','reversal')),
      reverses_id uuid UNIQUE REFERENCES civility_entries(id),
      batch_id uuid,
      recorded_by uuid REFERENCES users(id),
      at timestamptz NOT NULL,
      CHECK ((source = 'reversal') = (reverses_id IS NOT NULL)),
      CHECK (source <> 'auto' OR ticket_id IS NOT NULL)
    );
    CREATE INDEX civility_entries_household ON civility_entries (household_id, at);
    CREATE INDEX civility_entries_tenant_at ON civility_entries (tenant_id, at);
    -- A ticket event earns a household a rule's points once, however often it recurs.
    CREATE UNIQUE INDEX civility_entries_auto_once ON civility_entries (rule_id, ticket_id, household_id)
      WHERE source = 'auto';

    CREATE FUNCTION civility_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'check_violation';
    END;
    $$;
    CREATE TRIGGER civility_entries_no_update BEFORE UPDATE OR DELETE ON civility_entries
      FOR EACH ROW EXECUTE FUNCTION civility_append_only();
    CREATE TRIGGER civility_entries_no_truncate BEFORE TRUNCATE ON civility_entries
      FOR EACH STATEMENT EXECUTE FUNCTION civility_append_only();
    CREATE TRIGGER civility_rule_versions_no_update BEFORE UPDATE OR DELETE ON civility_rule_versions
      FOR EACH ROW EXECUTE FUNCTION civility_append_only();
    CREATE TRIGGER civility_rule_versions_no_truncate BEFORE TRUNCATE ON civility_rule_versions
      FOR EACH STATEMENT EXECUTE FUNCTION civility_append_only();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS civility_entries;
    DROP TABLE IF EXISTS civility_rule_versions;
    DROP TABLE IF EXISTS civility_rules;
    DROP FUNCTION IF EXISTS civility_append_only();
  `.execute(db);
}
