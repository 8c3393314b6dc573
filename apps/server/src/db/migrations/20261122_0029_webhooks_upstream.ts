// [Interop] webhooks through an outbox, and the upstream (12345) import.
// A subscription names the event types it wants; every ticket event that matches
// an active subscription inserts one delivery row in the event's own transaction
// (unique per subscription, ticket and event seq: exactly once by construction).
// The worker sends due deliveries per (subscription, ticket) strictly in seq order
// and logs every try in webhook_attempts. Upstream mappings say which column of a
// 12345 export is which field; upstream_tickets keeps what the upstream said beyond
// the ticket row (its deadline, the batch) for each imported ticket.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE webhook_subscriptions (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      name text NOT NULL,
      url text NOT NULL,
      kind text NOT NULL DEFAULT 'standard' CHECK (kind IN ('standard', 'upstream')),
      event_types text[] NOT NULL,
      secret_cipher text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX webhook_subscriptions_tenant ON webhook_subscriptions (tenant_id) WHERE active;

    CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      subscription_id uuid NOT NULL REFERENCES webhook_subscriptions(id),
      ticket_id uuid REFERENCES tickets(id),
      seq int NOT NULL,
      event_type text NOT NULL,
      payload jsonb NOT NULL,
      status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'delivering', 'delivered', 'dead')),
      attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      next_attempt_at timestamptz NOT NULL,
      locked_until timestamptz,
      last_status int,
      last_error text,
      created_at timestamptz NOT NULL,
      delivered_at timestamptz
    );
    -- One delivery per subscription and ticket event; pings have no ticket.
    CREATE UNIQUE INDEX webhook_deliveries_once
      ON webhook_deliveries (subscription_id, ticket_id, seq) WHERE ticket_id IS NOT NULL;
    CREATE INDEX webhook_deliveries_due
      ON webhook_deliveries (next_attempt_at) WHERE status IN ('pending', 'delivering');
    CREATE INDEX webhook_deliveries_open
      ON webhook_deliveries (subscription_id, ticket_id, seq) WHERE status <> 'delivered';
    CREATE INDEX webhook_deliveries_list
      ON webhook_deliveries (tenant_id, status, created_at DESC);

    CREATE TABLE webhook_attempts (
      id uuid PRIMARY KEY,
      delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id),
      attempt int NOT NULL,
      at timestamptz NOT NULL,
      status_code int,
      duration_ms int NOT NULL,
      error text
    );
    CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, attempt);

    CREATE TABLE upstream_mappings (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      name text NOT NULL,
      header_row int NOT NULL DEFAULT 1 CHECK (header_row >= 1),
      columns jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (tenant_id, name)
    );

    CREATE TABLE upstream_tickets (
      ticket_id uuid PRIMARY KEY REFERENCES tickets(id),
      tenant_id text NOT NULL REFERENCES tenants(id),
      upstream_id text NOT NULL,
      upstream_received_at timestamptz NOT NULL,
      upstream_deadline timestamptz,
      imported_at timestamptz NOT NULL,
      imported_by uuid REFERENCES users(id),
      UNIQUE (tenant_id, upstream_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE upstream_tickets;
    DROP TABLE upstream_mappings;
    DROP TABLE webhook_attempts;
    DROP TABLE webhook_deliveries;
    DROP TABLE webhook_subscriptions;
  `.execute(db);
}
