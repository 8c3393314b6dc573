// [Dispatch]: the dispatch catalogue and its history, co-unit tasks, objections,
// whistles and their summonses, passing down (delegations), merging, and the
// knowledge base's 五公开 fields. Each record has its own small lifecycle beside
// the ticket's one state; every change to a ticket still goes through its events.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- 派单目录: category × jurisdiction → responsible unit, inherited down both trees.
    CREATE TABLE dispatch_rules (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      category_id uuid NOT NULL REFERENCES categories(id),
      jurisdiction_id uuid NOT NULL REFERENCES jurisdictions(id),
      target text NOT NULL CHECK (target IN ('unit','territorial_township','territorial_village')),
      unit_id uuid REFERENCES units(id),
      co_unit_ids uuid[] NOT NULL DEFAULT '{}',
      note text,
      version integer NOT NULL DEFAULT 1,
      updated_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL,
      CHECK ((target = 'unit') = (unit_id IS NOT NULL)),
      UNIQUE (tenant_id, category_id, jurisdiction_id)
    );
    -- Every change to the catalogue: who changed what, when (append-only).
    CREATE TABLE dispatch_rule_changes (
      id bigserial PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      rule_id uuid NOT NULL,
      change text NOT NULL CHECK (change IN ('create','update','delete','import')),
      before jsonb,
      after jsonb,
      changed_by uuid REFERENCES users(id),
      changed_at timestamptz NOT NULL
    );
    CREATE INDEX dispatch_rule_changes_tenant ON dispatch_rule_changes (tenant_id, changed_at DESC);

    -- 协办: a co-unit's own task with its own limit; it reports its part to the lead.
    CREATE TABLE ticket_tasks (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      source text NOT NULL CHECK (source IN ('dispatch','whistle')),
      whistle_id uuid,
      state text NOT NULL CHECK (state IN ('open','accepted','reported','cancelled')),
      assigned_at timestamptz NOT NULL,
      response_due_at timestamptz,
      completion_due_at timestamptz,
      accepted_at timestamptz,
      reported_at timestamptz,
      part text,
      reported_by uuid REFERENCES users(id)
    );
    CREATE INDEX ticket_tasks_ticket ON ticket_tasks (ticket_id);
    CREATE INDEX ticket_tasks_unit ON ticket_tasks (unit_id, state);

    -- 异议/退单 and their review.
    CREATE TABLE ticket_objections (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      reason text NOT NULL CHECK (reason IN ('not_our_duty','wrong_place','other')),
      text text NOT NULL,
      attachment_ids uuid[] NOT NULL DEFAULT '{}',
      raised_by uuid REFERENCES users(id),
      raised_at timestamptz NOT NULL,
      -- the dispatch objected to: when, and by whom (counted per dispatcher)
      dispatched_at timestamptz,
      dispatcher_id uuid REFERENCES users(id),
      state text NOT NULL CHECK (state IN ('open','upheld','rejected')),
      reviewed_by uuid REFERENCES users(id),
      reviewed_at timestamptz,
      review_note text,
      dispatch_fault boolean,
      new_unit_id uuid REFERENCES units(id)
    );
    CREATE INDEX ticket_objections_ticket ON ticket_objections (ticket_id);
    CREATE INDEX ticket_objections_open ON ticket_objections (tenant_id, raised_at) WHERE state = 'open';
    CREATE UNIQUE INDEX ticket_objections_one_open ON ticket_objections (ticket_id) WHERE state = 'open';

    -- 吹哨: a township summons departments to a ticket; each must report in by the deadline.
    CREATE TABLE whistles (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      ticket_id uuid REFERENCES tickets(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      topic text NOT NULL,
      jurisdiction_id uuid REFERENCES jurisdictions(id),
      due_at timestamptz NOT NULL,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL
    );
    CREATE INDEX whistles_ticket ON whistles (ticket_id);
    CREATE TABLE whistle_summonses (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      whistle_id uuid NOT NULL REFERENCES whistles(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      state text NOT NULL CHECK (state IN ('summoned','reported')),
      reported_at timestamptz,
      reported_by uuid REFERENCES users(id),
      note text,
      UNIQUE (whistle_id, unit_id)
    );
    CREATE INDEX whistle_summonses_unit ON whistle_summonses (unit_id, state);

    -- 三上三下: who passed the ticket down to whom; the open rows form the chain to the holder.
    CREATE TABLE ticket_delegations (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      from_unit_id uuid NOT NULL REFERENCES units(id),
      to_unit_id uuid NOT NULL REFERENCES units(id),
      to_user_id uuid REFERENCES users(id),
      note text,
      at timestamptz NOT NULL,
      ended_at timestamptz,
      ended_how text CHECK (ended_how IN ('pulled_back','sent_up','reassigned'))
    );
    CREATE INDEX ticket_delegations_ticket ON ticket_delegations (ticket_id);
    CREATE INDEX ticket_delegations_to ON ticket_delegations (to_unit_id) WHERE ended_at IS NULL;

    -- 并单: a merged ticket follows its master.
    ALTER TABLE tickets ADD COLUMN master_id uuid REFERENCES tickets(id);
    CREATE INDEX tickets_master ON tickets (master_id) WHERE master_id IS NOT NULL;

    ALTER TABLE ticket_assignments DROP CONSTRAINT ticket_assignments_role_check;
    ALTER TABLE ticket_assignments ADD CONSTRAINT ticket_assignments_role_check
      CHECK (role IN ('lead','co','watcher','summoned','delegate'));

    -- 五公开: content, procedure, policy basis, phone and staff; uses counted.
    ALTER TABLE knowledge_items
      ADD COLUMN procedure text NOT NULL DEFAULT '',
      ADD COLUMN policy_basis text NOT NULL DEFAULT '',
      ADD COLUMN phone text NOT NULL DEFAULT '',
      ADD COLUMN staff text NOT NULL DEFAULT '',
      ADD COLUMN keywords text NOT NULL DEFAULT '',
      ADD COLUMN active boolean NOT NULL DEFAULT true,
      ADD COLUMN use_count integer NOT NULL DEFAULT 0;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE knowledge_items
      DROP COLUMN procedure, DROP COLUMN policy_basis, DROP COLUMN phone,
      DROP COLUMN staff, DROP COLUMN keywords, DROP COLUMN active, DROP COLUMN use_count;
    DELETE FROM ticket_assignments WHERE role IN ('summoned','delegate');
    ALTER TABLE ticket_assignments DROP CONSTRAINT ticket_assignments_role_check;
    ALTER TABLE ticket_assignments ADD CONSTRAINT ticket_assignments_role_check
      CHECK (role IN ('lead','co','watcher'));
    ALTER TABLE tickets DROP COLUMN master_id;
    DROP TABLE ticket_delegations;
    DROP TABLE whistle_summonses;
    DROP TABLE whistles;
    DROP TABLE ticket_objections;
    DROP TABLE ticket_tasks;
    DROP TABLE dispatch_rule_changes;
    DROP TABLE dispatch_rules;
  `.execute(db);
}
