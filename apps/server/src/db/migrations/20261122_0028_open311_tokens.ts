// [Interop] API tokens scoped to permissions, with their last use and an optional expiry;
// and what an Open311 client sent with a request or an update that a ticket has no column
// for (media_url, the client's own ids), so GET requests can answer it and
// servicerequestupdates stays idempotent on the client's update_id.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE api_tokens ADD COLUMN scopes text[] NOT NULL DEFAULT '{}';
    ALTER TABLE api_tokens ADD COLUMN last_used_at timestamptz;
    ALTER TABLE api_tokens ADD COLUMN last_used_ip text;
    ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz;
    ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_scopes_known CHECK (
      scopes <@ ARRAY['tickets:read', 'tickets:write', 'open311', 'import', 'webhooks']::text[]
    );
    -- Tokens issued before scopes existed reached the ticket API: they keep exactly that.
    UPDATE api_tokens SET scopes = ARRAY['tickets:read', 'tickets:write']::text[];
    CREATE INDEX api_tokens_tenant ON api_tokens (tenant_id, created_at);

    CREATE TABLE open311_requests (
      ticket_id uuid PRIMARY KEY REFERENCES tickets(id),
      tenant_id text NOT NULL REFERENCES tenants(id),
      token_id uuid REFERENCES api_tokens(id),
      media_url text,
      account_id text,
      device_id text,
      created_at timestamptz NOT NULL
    );
    CREATE TABLE open311_updates (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      client_update_id text NOT NULL,
      status text NOT NULL,
      description text NOT NULL,
      media_url text,
      updated_datetime timestamptz NOT NULL,
      -- The add_information event it became; null when the ticket was closed (recorded only).
      event_seq integer,
      token_id uuid REFERENCES api_tokens(id),
      created_at timestamptz NOT NULL,
      UNIQUE (tenant_id, ticket_id, client_update_id)
    );
  `.execute(db);
}
