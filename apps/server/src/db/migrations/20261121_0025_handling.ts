// [Handling] the handler's toolkit. The contact log lives in the ticket's events
// (`record_contact`); the ticket keeps the first reached contact since its clock
// started, which is the response when it is inside the response limit. Requests a
// reviewer decides (延期, 挂起, 终止办理) are records of their own, one pending per
// ticket. While an approved suspension runs the ticket carries `paused_at` (and the
// bound `paused_until`): its completion clock stands still and it is never overdue.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE tickets ADD COLUMN first_contact_at timestamptz;
    ALTER TABLE tickets ADD COLUMN paused_at timestamptz;
    ALTER TABLE tickets ADD COLUMN paused_until timestamptz;
    ALTER TABLE tickets ADD CONSTRAINT tickets_pause_bounded
      CHECK ((paused_at IS NULL) = (paused_until IS NULL));
    CREATE TABLE handling_requests (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      kind text NOT NULL CHECK (kind IN ('extension', 'suspension', 'termination')),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused', 'lapsed')),
      -- Suspension: waiting_requester | waiting_third_party; termination: no_contact |
      -- withdrawn | other_channel | other (checked by the input schemas).
      reason_kind text,
      reason text NOT NULL,
      proposed_due_at timestamptz,
      previous_due_at timestamptz,
      -- Suspension: the latest end asked for; once approved, when the clock stopped and
      -- when it ran again (by hand, automatically at until_at, or when the ticket left handling).
      until_at timestamptz,
      paused_at timestamptz,
      resumed_at timestamptz,
      unit_id uuid REFERENCES units(id),
      requested_by uuid REFERENCES users(id),
      requested_at timestamptz NOT NULL,
      reviewed_by uuid REFERENCES users(id),
      reviewed_at timestamptz,
      review_note text,
      CHECK ((status = 'pending') = (reviewed_at IS NULL)),
      CHECK (kind <> 'extension' OR proposed_due_at IS NOT NULL),
      CHECK (kind <> 'suspension' OR (until_at IS NOT NULL AND reason_kind IS NOT NULL)),
      CHECK (kind <> 'termination' OR reason_kind IS NOT NULL),
      CHECK (resumed_at IS NULL OR (paused_at IS NOT NULL AND resumed_at >= paused_at))
    );
    CREATE INDEX handling_requests_tenant ON handling_requests (tenant_id, status, requested_at DESC);
    CREATE INDEX handling_requests_ticket ON handling_requests (ticket_id);
    CREATE INDEX handling_requests_unit ON handling_requests (tenant_id, unit_id, requested_at);
    -- One pending request (of any kind) per ticket.
    CREATE UNIQUE INDEX handling_requests_one_pending ON handling_requests (ticket_id)
      WHERE status = 'pending';
    -- The lazy resume finds the pauses that have run out.
    CREATE INDEX tickets_paused ON tickets (tenant_id, paused_until) WHERE paused_at IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS handling_requests;
    DROP INDEX IF EXISTS tickets_paused;
    ALTER TABLE tickets DROP CONSTRAINT IF EXISTS tickets_pause_bounded;
    ALTER TABLE tickets DROP COLUMN IF EXISTS paused_until;
    ALTER TABLE tickets DROP COLUMN IF EXISTS paused_at;
    ALTER TABLE tickets DROP COLUMN IF EXISTS first_contact_at;
  `.execute(db);
}
