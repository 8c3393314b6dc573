// [Dispatch] catalogue: co-units named by territory (the ticket's township or village
// government joins as a co-unit, e.g. a department leads and the township assists),
// and the per-rule history lookup.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE dispatch_rules
      ADD COLUMN co_territorial text[] NOT NULL DEFAULT '{}'
        CHECK (co_territorial <@ ARRAY['territorial_township','territorial_village']::text[]);
    CREATE INDEX dispatch_rule_changes_rule ON dispatch_rule_changes (rule_id, changed_at DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX dispatch_rule_changes_rule;
    ALTER TABLE dispatch_rules DROP COLUMN co_territorial;
  `.execute(db);
}
