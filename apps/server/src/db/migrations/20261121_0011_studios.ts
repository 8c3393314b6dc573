// [Grid] village studios (我来办工作室): one per village or community, with a
// published phone; its duty roster (a committee member on each working day,
// the secretary's reception weekday); the reception log of walk-in visitors,
// each answered on the spot or turned into a ticket (channel 'studio'), graded
// small / big / hard; and the regular-check ledger (定期排查).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE studios (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      village_id uuid NOT NULL REFERENCES jurisdictions(id),
      name text NOT NULL,
      phone text NOT NULL,
      address text NOT NULL,
      opening_note text,
      secretary_name text,
      secretary_weekday smallint CHECK (secretary_weekday BETWEEN 1 AND 7),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (tenant_id, village_id)
    );

    CREATE TABLE studio_duties (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      studio_id uuid NOT NULL REFERENCES studios(id) ON DELETE CASCADE,
      day date NOT NULL,
      name text NOT NULL,
      user_id uuid REFERENCES users(id),
      UNIQUE (studio_id, day, name)
    );
    CREATE INDEX studio_duties_day ON studio_duties (studio_id, day);

    CREATE TABLE studio_receptions (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      studio_id uuid NOT NULL REFERENCES studios(id),
      received_at timestamptz NOT NULL,
      visitor_name text NOT NULL,
      visitor_phone text,
      matter text NOT NULL,
      staff_name text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('answered','ticket')),
      answer text,
      ticket_id uuid REFERENCES tickets(id),
      grade text CHECK (grade IN ('small','big','hard')),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      CHECK ((outcome = 'answered' AND answer IS NOT NULL AND ticket_id IS NULL)
          OR (outcome = 'ticket' AND ticket_id IS NOT NULL))
    );
    CREATE INDEX studio_receptions_studio ON studio_receptions (studio_id, received_at DESC);

    CREATE TABLE studio_reception_reads (
      tenant_id text NOT NULL REFERENCES tenants(id),
      reception_id uuid NOT NULL REFERENCES studio_receptions(id),
      user_id uuid NOT NULL REFERENCES users(id),
      at timestamptz NOT NULL
    );
    CREATE INDEX studio_reception_reads_reception ON studio_reception_reads (reception_id);

    CREATE TABLE studio_checks (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      studio_id uuid NOT NULL REFERENCES studios(id),
      checked_on date NOT NULL,
      kind text NOT NULL CHECK (kind IN ('safety','dispute','environment','other')),
      cycle text NOT NULL CHECK (cycle IN ('weekly','monthly','other')),
      checker text NOT NULL,
      area text NOT NULL,
      items text NOT NULL,
      findings text NOT NULL,
      follow_up text NOT NULL CHECK (follow_up IN ('none','handled','ticket')),
      follow_up_note text,
      ticket_id uuid REFERENCES tickets(id),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      CHECK ((follow_up = 'ticket') = (ticket_id IS NOT NULL))
    );
    CREATE INDEX studio_checks_studio ON studio_checks (studio_id, checked_on DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE studio_checks;
    DROP TABLE studio_reception_reads;
    DROP TABLE studio_receptions;
    DROP TABLE studio_duties;
    DROP TABLE studios;
  `.execute(db);
}
