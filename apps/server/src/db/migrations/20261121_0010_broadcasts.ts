// [Grid] broadcast down (一令到底) with reads and acknowledgements.
// A broadcast's recipients are resolved once, when it is sent: one row per grid
// worker (a grid_members 'worker' with a login, on duty that day) under the
// target place. Reminders go through the notification outbox, which an SMS
// gateway drains (none is configured in this deployment: rows stay 'queued').
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE broadcasts (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      kind text NOT NULL CHECK (kind IN ('notice','instruction')),
      title text NOT NULL,
      body text NOT NULL,
      target_id uuid NOT NULL REFERENCES jurisdictions(id),
      sender_user_id uuid NOT NULL REFERENCES users(id),
      sender_unit_id uuid NOT NULL REFERENCES units(id),
      ack_required boolean NOT NULL,
      due_at timestamptz,
      sent_at timestamptz NOT NULL,
      CHECK (kind = 'notice' OR ack_required)
    );
    CREATE INDEX broadcasts_sent ON broadcasts (tenant_id, sent_at DESC);

    CREATE TABLE broadcast_recipients (
      broadcast_id uuid NOT NULL REFERENCES broadcasts(id) ON DELETE CASCADE,
      tenant_id text NOT NULL REFERENCES tenants(id),
      user_id uuid NOT NULL REFERENCES users(id),
      grid_id uuid NOT NULL REFERENCES jurisdictions(id),
      name text NOT NULL,
      phone text,
      read_at timestamptz,
      acked_at timestamptz,
      ack_note text,
      reminded_at timestamptz,
      remind_count integer NOT NULL DEFAULT 0,
      PRIMARY KEY (broadcast_id, user_id),
      CHECK (acked_at IS NULL OR read_at IS NOT NULL)
    );
    CREATE INDEX broadcast_recipients_user ON broadcast_recipients (user_id);

    CREATE TABLE notification_outbox (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      channel text NOT NULL CHECK (channel IN ('sms','in_app')),
      to_user_id uuid REFERENCES users(id),
      to_name text NOT NULL,
      to_phone text,
      text text NOT NULL,
      source text NOT NULL,
      source_id uuid,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','sent','failed')),
      created_at timestamptz NOT NULL,
      sent_at timestamptz
    );
    CREATE INDEX notification_outbox_source ON notification_outbox (tenant_id, source, source_id);
    CREATE INDEX notification_outbox_queued ON notification_outbox (created_at) WHERE status = 'queued';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE notification_outbox;
    DROP TABLE broadcast_recipients;
    DROP TABLE broadcasts;
  `.execute(db);
}
