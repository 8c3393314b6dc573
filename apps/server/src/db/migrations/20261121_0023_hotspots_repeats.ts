// [Insight] hot spots and repeat requests.
// - hotspot_configs: per tenant, when a hot spot raises an alert (size, distinct
//   requesters, the window it is looked for in). No row: the defaults.
// - hotspot_alerts: one row per hot spot that crossed the threshold, keyed by a
//   stable key (unique per tenant, so two sweeps never write it twice); its
//   members are updated as the group grows; acknowledgement, the project
//   (立项) and the broadcast (主动排查) started from it are recorded on it.
// - ticket_repeats: a new ticket repeating an earlier one of the same requester
//   on the same matter (similar text and place), found at intake; `root_id` is
//   the first ticket of the chain, so repeats of repeats count on one ticket.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE hotspot_configs (
      tenant_id text PRIMARY KEY REFERENCES tenants(id),
      min_messages integer NOT NULL CHECK (min_messages >= 2),
      min_requesters integer NOT NULL CHECK (min_requesters >= 2),
      window_days integer NOT NULL CHECK (window_days BETWEEN 1 AND 90),
      updated_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL
    );

    CREATE TABLE hotspot_alerts (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      key text NOT NULL,
      source text NOT NULL CHECK (source IN ('threshold', 'manual')),
      title text NOT NULL,
      place text NOT NULL,
      jurisdiction_id uuid REFERENCES jurisdictions(id),
      keywords jsonb NOT NULL DEFAULT '[]',
      ticket_ids jsonb NOT NULL,
      messages integer NOT NULL,
      requesters integer NOT NULL,
      heat real NOT NULL,
      from_at timestamptz NOT NULL,
      to_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      acknowledged_at timestamptz,
      acknowledged_by uuid REFERENCES users(id),
      project_id uuid REFERENCES projects(id),
      project_at timestamptz,
      broadcast_id uuid REFERENCES broadcasts(id),
      broadcast_at timestamptz,
      UNIQUE (tenant_id, key)
    );
    CREATE INDEX hotspot_alerts_recent ON hotspot_alerts (tenant_id, created_at DESC);

    CREATE TABLE ticket_repeats (
      ticket_id uuid PRIMARY KEY REFERENCES tickets(id),
      tenant_id text NOT NULL REFERENCES tenants(id),
      repeat_of uuid NOT NULL REFERENCES tickets(id),
      root_id uuid NOT NULL REFERENCES tickets(id),
      similarity real NOT NULL,
      created_at timestamptz NOT NULL,
      CHECK (repeat_of <> ticket_id)
    );
    CREATE INDEX ticket_repeats_root ON ticket_repeats (tenant_id, root_id, created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS ticket_repeats;
    DROP TABLE IF EXISTS hotspot_alerts;
    DROP TABLE IF EXISTS hotspot_configs;
  `.execute(db);
}
