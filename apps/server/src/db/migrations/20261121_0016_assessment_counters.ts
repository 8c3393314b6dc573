// [Assessment] more counters in the daily rollups and the repeat window
//
// unit_day_rollups gains: repeats (dispatched tickets that repeat the same
// requester's earlier request on the same matter within the window),
// delegated_settled (下交群评 cases settled on the ledger), first_dispatched and
// dispatch_wait_s (first dispatches and the seconds from receipt to them: the
// dispatch centre's time to dispatch). unit_assessment_configs gains the repeat
// window in days (default 30).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE unit_day_rollups
      ADD COLUMN repeats integer NOT NULL DEFAULT 0,
      ADD COLUMN delegated_settled integer NOT NULL DEFAULT 0,
      ADD COLUMN first_dispatched integer NOT NULL DEFAULT 0,
      ADD COLUMN dispatch_wait_s bigint NOT NULL DEFAULT 0;
    ALTER TABLE unit_assessment_configs
      ADD COLUMN repeat_window_days integer NOT NULL DEFAULT 30
        CHECK (repeat_window_days >= 1 AND repeat_window_days <= 365);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE unit_assessment_configs DROP COLUMN repeat_window_days;
    ALTER TABLE unit_day_rollups DROP COLUMN repeats, DROP COLUMN delegated_settled,
      DROP COLUMN first_dispatched, DROP COLUMN dispatch_wait_s;
  `.execute(db);
}
