// [Assessment] urging (督办) with deadlines and escalation. An urge is recorded with
// the ticket's `urge` event; the urged unit's answer with its `respond_urge` event.
// Escalation (ignored past the deadline) is stamped once by the sweep.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE urges (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      by_user_id uuid REFERENCES users(id),
      by_unit_id uuid REFERENCES units(id),
      note text NOT NULL,
      due_at timestamptz NOT NULL,
      responded_at timestamptz,
      responded_by uuid REFERENCES users(id),
      response text,
      finish_by timestamptz,
      escalated_at timestamptz,
      escalated_to_unit_id uuid REFERENCES units(id),
      created_at timestamptz NOT NULL,
      CHECK ((responded_at IS NULL) = (response IS NULL)),
      CHECK ((escalated_at IS NULL) = (escalated_to_unit_id IS NULL))
    );
    CREATE INDEX urges_tenant_created ON urges (tenant_id, created_at DESC);
    CREATE INDEX urges_ticket ON urges (ticket_id);
    CREATE INDEX urges_unit ON urges (tenant_id, unit_id);
    -- The sweep's scan: unanswered, not yet escalated, by deadline.
    CREATE INDEX urges_waiting ON urges (tenant_id, due_at)
      WHERE responded_at IS NULL AND escalated_at IS NULL;
    -- One unanswered urge per unit and ticket.
    CREATE UNIQUE INDEX urges_one_open ON urges (ticket_id, unit_id) WHERE responded_at IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS urges`.execute(db);
}
