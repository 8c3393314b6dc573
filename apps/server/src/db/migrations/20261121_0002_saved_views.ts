// Saved inbox views: a named list query per user.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE saved_views (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      user_id uuid NOT NULL REFERENCES users(id),
      name text NOT NULL,
      query jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      UNIQUE (user_id, name)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE saved_views`.execute(db);
}
