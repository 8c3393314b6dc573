// [Assessment] colour lists (三色清单, 两级清单): yellow / orange / red items kept by a
// village or township government, each cleared on its colour's cadence (日清周报,
// 周清月报, 月清季报). Every addition, colour change and clearing is a row of the
// append-only change log; the cadences are versioned per tenant.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE colour_items (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      level text NOT NULL CHECK (level IN ('village', 'township')),
      colour text NOT NULL CHECK (colour IN ('yellow', 'orange', 'red')),
      title text NOT NULL,
      description text,
      source text NOT NULL DEFAULT 'other'
        CHECK (source IN ('ticket', 'patrol', 'visit', 'meeting', 'other')),
      ticket_id uuid REFERENCES tickets(id),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'cleared')),
      clear_by timestamptz NOT NULL,
      created_at timestamptz NOT NULL,
      raised_by uuid REFERENCES users(id),
      cleared_at timestamptz,
      cleared_by uuid REFERENCES users(id),
      clear_note text,
      CHECK ((status = 'cleared') = (cleared_at IS NOT NULL)),
      CHECK ((cleared_at IS NULL) = (clear_note IS NULL))
    );
    CREATE INDEX colour_items_unit ON colour_items (tenant_id, unit_id, colour, status);
    CREATE INDEX colour_items_open ON colour_items (tenant_id, colour, clear_by) WHERE status = 'open';
    CREATE INDEX colour_items_ticket ON colour_items (ticket_id) WHERE ticket_id IS NOT NULL;
    -- A ticket is on a unit's list at most once while open.
    CREATE UNIQUE INDEX colour_items_one_open_ticket ON colour_items (unit_id, ticket_id)
      WHERE status = 'open' AND ticket_id IS NOT NULL;

    CREATE TABLE colour_item_changes (
      id bigserial PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      item_id uuid NOT NULL REFERENCES colour_items(id),
      at timestamptz NOT NULL,
      kind text NOT NULL CHECK (kind IN ('added', 'raised', 'lowered', 'cleared')),
      from_colour text CHECK (from_colour IN ('yellow', 'orange', 'red')),
      to_colour text NOT NULL CHECK (to_colour IN ('yellow', 'orange', 'red')),
      clear_by timestamptz NOT NULL,
      reason text,
      by_user_id uuid REFERENCES users(id)
    );
    CREATE INDEX colour_item_changes_item ON colour_item_changes (item_id, at);

    CREATE FUNCTION colour_item_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'colour_item_changes is append-only';
    END;
    $$;
    CREATE TRIGGER colour_item_changes_no_update BEFORE UPDATE OR DELETE ON colour_item_changes
      FOR EACH ROW EXECUTE FUNCTION colour_item_changes_append_only();
    CREATE TRIGGER colour_item_changes_no_truncate BEFORE TRUNCATE ON colour_item_changes
      FOR EACH STATEMENT EXECUTE FUNCTION colour_item_changes_append_only();

    CREATE TABLE colour_cadence_configs (
      tenant_id text NOT NULL REFERENCES tenants(id),
      version integer NOT NULL,
      cadences jsonb NOT NULL,
      reason text NOT NULL,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, version)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS colour_cadence_configs;
    DROP TABLE IF EXISTS colour_item_changes;
    DROP FUNCTION IF EXISTS colour_item_changes_append_only();
    DROP TABLE IF EXISTS colour_items;
  `.execute(db);
}
