// [Proof] Idempotency keys for creating requests (Idempotency-Key header): one row per
// (tenant, caller, route, key), inserted in the transaction that creates the ticket, so a
// committed ticket always has its key and a retry finds it even after a crash. The response
// is stored after the commit (null until then; a replay rebuilds it from the ticket). `json`,
// not `jsonb`, keeps the body's key order, so a replay is the same bytes as the first answer.
// The ticket reference is checked at commit: the key is the transaction's first row.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE idempotency_keys (
      tenant_id text NOT NULL REFERENCES tenants(id),
      caller text NOT NULL,
      route text NOT NULL,
      key text NOT NULL CHECK (char_length(key) BETWEEN 1 AND 255),
      request_hash text NOT NULL,
      ticket_id uuid NOT NULL REFERENCES tickets(id) DEFERRABLE INITIALLY DEFERRED,
      response_status integer,
      response_body json,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, caller, route, key),
      CHECK ((response_status IS NULL) = (response_body IS NULL))
    );
    CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS idempotency_keys`.execute(db);
}
