// [Interop] notifications: the outbox (0010) grows into a delivery queue for four channels
// (SMS through an HTTP gateway, WeChat template messages, email, in-app), with a template key
// and its parameters, attempts with a backoff schedule, the last error, a dead state, and a
// read mark for in-app rows. Per-district channel settings (secrets kept apart and never
// returned) and the marks that make the deadline sweep notify once per deadline.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE notification_outbox DROP CONSTRAINT IF EXISTS notification_outbox_channel_check;
    ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_channel_check
      CHECK (channel IN ('sms', 'wechat', 'email', 'in_app'));
    ALTER TABLE notification_outbox DROP CONSTRAINT IF EXISTS notification_outbox_status_check;
    ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_status_check
      CHECK (status IN ('queued', 'sent', 'failed', 'dead'));
    ALTER TABLE notification_outbox
      ADD COLUMN to_email text,
      ADD COLUMN to_openid text,
      ADD COLUMN template text,
      ADD COLUMN params jsonb,
      ADD COLUMN ticket_id uuid REFERENCES tickets(id),
      ADD COLUMN attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      ADD COLUMN next_attempt_at timestamptz,
      ADD COLUMN last_error text,
      ADD COLUMN note text,
      ADD COLUMN read_at timestamptz;
    ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_address_check CHECK (
      (channel <> 'sms' OR to_phone IS NOT NULL)
      AND (channel <> 'wechat' OR to_openid IS NOT NULL)
      AND (channel <> 'email' OR to_email IS NOT NULL)
      AND (read_at IS NULL OR channel = 'in_app'));
    CREATE INDEX notification_outbox_sender ON notification_outbox (status, next_attempt_at)
      WHERE status = 'queued';
    CREATE INDEX notification_outbox_inbox ON notification_outbox (to_user_id, created_at DESC)
      WHERE channel = 'in_app';
    CREATE INDEX notification_outbox_unread ON notification_outbox (to_user_id)
      WHERE channel = 'in_app' AND read_at IS NULL;

    CREATE TABLE notification_channels (
      tenant_id text NOT NULL REFERENCES tenants(id),
      channel text NOT NULL CHECK (channel IN ('sms', 'wechat', 'email')),
      enabled boolean NOT NULL DEFAULT false,
      settings jsonb NOT NULL DEFAULT '{}'::jsonb,
      secrets jsonb NOT NULL DEFAULT '{}'::jsonb,
      updated_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, channel)
    );

    CREATE TABLE notification_deadline_marks (
      tenant_id text NOT NULL REFERENCES tenants(id),
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      kind text NOT NULL CHECK (kind IN ('due_soon', 'overdue')),
      due_at timestamptz NOT NULL,
      at timestamptz NOT NULL,
      PRIMARY KEY (ticket_id, kind, due_at)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE notification_deadline_marks;
    DROP TABLE notification_channels;
    DROP INDEX notification_outbox_unread;
    DROP INDEX notification_outbox_inbox;
    DROP INDEX notification_outbox_sender;
    ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_address_check;
    DELETE FROM notification_outbox WHERE channel NOT IN ('sms', 'in_app') OR status = 'dead';
    ALTER TABLE notification_outbox
      DROP COLUMN to_email, DROP COLUMN to_openid, DROP COLUMN template, DROP COLUMN params,
      DROP COLUMN ticket_id, DROP COLUMN attempts, DROP COLUMN next_attempt_at,
      DROP COLUMN last_error, DROP COLUMN note, DROP COLUMN read_at;
    ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_channel_check;
    ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_channel_check
      CHECK (channel IN ('sms', 'in_app'));
    ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_status_check;
    ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_status_check
      CHECK (status IN ('queued', 'sent', 'failed'));
  `.execute(db);
}
