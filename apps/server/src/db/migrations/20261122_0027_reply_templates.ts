// [Handling] reply templates (答复口径) and handover within the unit. A template is kept
// by a unit (or, with unit_id null, district-wide by the dispatch centre and the
// administrator), optionally for one category (null = any); its body carries
// placeholders such as {工单号} rendered per ticket. Templates are never deleted: a
// removed one is inactive. The ticket's assignee (承办人) is the person of the holding
// unit who has it in hand: set by accept, pass_down with a person and hand_over.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE reply_templates (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      unit_id uuid REFERENCES units(id),
      category_id uuid REFERENCES categories(id),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
      active boolean NOT NULL DEFAULT true,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX reply_templates_unit ON reply_templates (tenant_id, unit_id);
    ALTER TABLE tickets ADD COLUMN assignee_user_id uuid REFERENCES users(id);
    CREATE INDEX tickets_assignee ON tickets (tenant_id, assignee_user_id)
      WHERE assignee_user_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS tickets_assignee;
    ALTER TABLE tickets DROP COLUMN IF EXISTS assignee_user_id;
    DROP TABLE IF EXISTS reply_templates;
  `.execute(db);
}
