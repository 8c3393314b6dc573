// [Assessment] dashboard rollups: intake and closing counted per local day, top-level
// category, township, village/community and channel, kept in the same transaction as
// the ticket's `create` event and as each event that closes or reopens it (see
// modules/dashboard/rollups.ts); rebuildable from the event trail. The dashboard
// (驾驶舱) reads only these rows and the jurisdictions.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE intake_day_rollups (
      tenant_id text NOT NULL REFERENCES tenants(id),
      day date NOT NULL,
      category_id uuid NOT NULL REFERENCES categories(id),
      township_id uuid REFERENCES jurisdictions(id),
      village_id uuid REFERENCES jurisdictions(id),
      channel text NOT NULL,
      received integer NOT NULL DEFAULT 0,
      closed integer NOT NULL DEFAULT 0,
      reopened integer NOT NULL DEFAULT 0,
      rated integer NOT NULL DEFAULT 0,
      solved integer NOT NULL DEFAULT 0,
      satisfied integer NOT NULL DEFAULT 0,
      basically_satisfied integer NOT NULL DEFAULT 0
    );
    -- One row per key; a ticket placed above any village (or township) keys on the nil uuid.
    CREATE UNIQUE INDEX intake_day_rollups_key ON intake_day_rollups (
      tenant_id, day, category_id,
      (COALESCE(township_id, '00000000-0000-0000-0000-000000000000'::uuid)),
      (COALESCE(village_id, '00000000-0000-0000-0000-000000000000'::uuid)),
      channel
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS intake_day_rollups`.execute(db);
}
