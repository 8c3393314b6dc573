// [Insight] smart dispatch: per tenant and target (the category at intake, the lead unit at
// dispatch) the classifier models trained from the district's own closed tickets — one
// active at a time, older versions kept with their figures —, every top-3 shown to an
// agent or dispatcher with what they chose (the live accuracy), and the tenant's retraining
// configuration with a lease so that two nodes never train the same district at once.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE dispatch_models (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      target text NOT NULL CHECK (target IN ('category', 'unit')),
      version integer NOT NULL CHECK (version > 0),
      trained_at timestamptz NOT NULL,
      trained_by uuid REFERENCES users(id),
      samples integer NOT NULL,
      labels integer NOT NULL,
      holdout integer NOT NULL,
      macro_f1 double precision,
      accuracy double precision,
      top3_accuracy double precision,
      features integer NOT NULL,
      train_ms integer NOT NULL,
      bytes integer NOT NULL,
      -- The compact model (pruned features, int8 weights); dropped from old versions.
      model bytea,
      active boolean NOT NULL DEFAULT false,
      UNIQUE (tenant_id, target, version)
    );
    CREATE UNIQUE INDEX dispatch_models_one_active ON dispatch_models (tenant_id, target)
      WHERE active;

    CREATE TABLE dispatch_suggestions (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      target text NOT NULL CHECK (target IN ('category', 'unit')),
      model_version integer NOT NULL,
      shown jsonb NOT NULL,
      chosen_id uuid NOT NULL,
      taken boolean NOT NULL,
      rank smallint CHECK (rank BETWEEN 1 AND 3),
      at timestamptz NOT NULL,
      by_user_id uuid REFERENCES users(id),
      CHECK (taken = (rank IS NOT NULL)),
      UNIQUE (tenant_id, ticket_id, target)
    );
    CREATE INDEX dispatch_suggestions_at ON dispatch_suggestions (tenant_id, target, at);

    CREATE TABLE dispatch_configs (
      tenant_id text PRIMARY KEY REFERENCES tenants(id),
      retrain_days integer NOT NULL DEFAULT 7 CHECK (retrain_days BETWEEN 1 AND 365),
      min_samples integer NOT NULL DEFAULT 200 CHECK (min_samples BETWEEN 20 AND 100000),
      lease_until timestamptz,
      updated_at timestamptz NOT NULL
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS dispatch_configs;
    DROP TABLE IF EXISTS dispatch_suggestions;
    DROP TABLE IF EXISTS dispatch_models;
  `.execute(db);
}
