// [Grid]: micro-grids (微网格), places under a grid with their own boundary and households.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE jurisdictions DROP CONSTRAINT jurisdictions_level_check;
    ALTER TABLE jurisdictions ADD CONSTRAINT jurisdictions_level_check
      CHECK (level IN ('city','district','township','village','grid','micro_grid'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DELETE FROM jurisdictions WHERE level = 'micro_grid';
    ALTER TABLE jurisdictions DROP CONSTRAINT jurisdictions_level_check;
    ALTER TABLE jurisdictions ADD CONSTRAINT jurisdictions_level_check
      CHECK (level IN ('city','district','township','village','grid'));
  `.execute(db);
}
