// [Grid]: the households and residents ledger. Residents carry kinds from a per-tenant
// list (the common 14 by default); their ID numbers are stored encrypted (AES-256-GCM),
// with a keyed hash for duplicate detection and a masked form for lists — never in clear.
// Every read of a person's detail, every reveal and every export is logged in
// resident_reads; Excel imports keep their validated rows and progress in resident_imports.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE resident_kinds (
      tenant_id text NOT NULL REFERENCES tenants(id),
      code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
      label text NOT NULL,
      sort integer NOT NULL DEFAULT 0,
      key_population boolean NOT NULL DEFAULT false,
      active boolean NOT NULL DEFAULT true,
      PRIMARY KEY (tenant_id, code)
    );
    CREATE UNIQUE INDEX resident_kinds_label ON resident_kinds (tenant_id, label);

    CREATE TABLE resident_imports (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      user_id uuid NOT NULL REFERENCES users(id),
      file_name text,
      status text NOT NULL CHECK (status IN ('previewed','running','done','failed')),
      total integer NOT NULL,
      valid integer NOT NULL,
      invalid integer NOT NULL,
      done integer NOT NULL DEFAULT 0,
      households_created integer NOT NULL DEFAULT 0,
      rows jsonb NOT NULL,
      errors jsonb NOT NULL,
      failure text,
      created_at timestamptz NOT NULL,
      started_at timestamptz,
      finished_at timestamptz
    );
    CREATE INDEX resident_imports_tenant ON resident_imports (tenant_id, created_at);

    CREATE TABLE households (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      grid_id uuid NOT NULL REFERENCES jurisdictions(id),
      address text NOT NULL,
      note text,
      import_id uuid REFERENCES resident_imports(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX households_grid ON households (grid_id);
    CREATE UNIQUE INDEX households_address ON households (tenant_id, grid_id, address);

    CREATE TABLE residents (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      household_id uuid NOT NULL REFERENCES households(id),
      name text NOT NULL,
      gender text CHECK (gender IN ('male','female')),
      birth_date date,
      relation text,
      phone text,
      id_number_cipher text,
      id_number_hash text,
      id_number_masked text,
      kinds text[] NOT NULL DEFAULT '{}',
      care_needs text,
      note text,
      import_id uuid REFERENCES resident_imports(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      left_at timestamptz
    );
    CREATE INDEX residents_household ON residents (household_id);
    CREATE INDEX residents_tenant ON residents (tenant_id, created_at);
    CREATE INDEX residents_kinds ON residents USING gin (kinds);
    CREATE UNIQUE INDEX residents_id_number ON residents (tenant_id, id_number_hash)
      WHERE id_number_hash IS NOT NULL AND left_at IS NULL;

    -- Who read a resident's personal data, when and why: a detail view, a reveal
    -- of the unmasked phone and ID number, an export (resident_id null, count set).
    CREATE TABLE resident_reads (
      id bigserial PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      user_id uuid NOT NULL REFERENCES users(id),
      resident_id uuid REFERENCES residents(id),
      action text NOT NULL CHECK (action IN ('view','reveal','export','export_full')),
      count integer,
      purpose text,
      at timestamptz NOT NULL
    );
    CREATE INDEX resident_reads_tenant ON resident_reads (tenant_id, at);
    CREATE INDEX resident_reads_resident ON resident_reads (resident_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE resident_reads;
    DROP TABLE residents;
    DROP TABLE households;
    DROP TABLE resident_imports;
    DROP TABLE resident_kinds;
  `.execute(db);
}
