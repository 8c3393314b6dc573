// [Handling] the callback desk (回访台). One row per ticket per round: a round starts with
// each reply (send_reply, reply_by_project) and the reopen after an "unsolved" ends it.
// The row says whether the round is sampled for a call (a deterministic hash of ticket and
// round against the district's rule), from when it may be called (the resident may rate
// online first), the failed attempts, the result and, for "unsolved", the review. The
// ticket's events stay the record the rates are computed from; this is the desk's state.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE callbacks (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      round int NOT NULL CHECK (round >= 1),
      sampled boolean NOT NULL,
      rule text NOT NULL,
      percent int NOT NULL CHECK (percent BETWEEN 0 AND 100),
      status text NOT NULL CHECK (status IN
        ('queued', 'awaiting_review', 'done', 'not_reached', 'not_sampled', 'closed_unrated')),
      replied_at timestamptz NOT NULL,
      callable_from timestamptz NOT NULL,
      attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      last_attempt_at timestamptz,
      solved boolean,
      satisfaction text,
      comment text,
      result_by uuid REFERENCES users(id),
      result_at timestamptz,
      via text CHECK (via IN ('callback', 'online')),
      review_decision text CHECK (review_decision IN ('reopen', 'close')),
      review_reason text,
      reviewed_by uuid REFERENCES users(id),
      reviewed_at timestamptz,
      UNIQUE (ticket_id, round),
      CHECK ((solved IS NULL) = (result_at IS NULL)),
      CHECK (status <> 'awaiting_review' OR solved = false),
      CHECK ((review_decision IS NULL) = (reviewed_at IS NULL))
    );
    CREATE INDEX callbacks_desk ON callbacks (tenant_id, status, callable_from);
    CREATE INDEX callbacks_replied ON callbacks (tenant_id, replied_at);
    CREATE TABLE callback_configs (
      tenant_id text PRIMARY KEY REFERENCES tenants(id),
      rules jsonb NOT NULL DEFAULT '[]'::jsonb,
      default_percent int NOT NULL DEFAULT 100 CHECK (default_percent BETWEEN 0 AND 100),
      max_attempts int NOT NULL DEFAULT 3 CHECK (max_attempts BETWEEN 1 AND 10),
      online_window_hours int NOT NULL DEFAULT 24 CHECK (online_window_hours BETWEEN 0 AND 720),
      close_unsampled_after_days int NOT NULL DEFAULT 7
        CHECK (close_unsampled_after_days BETWEEN 1 AND 90),
      updated_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS callback_configs;
    DROP TABLE IF EXISTS callbacks;
  `.execute(db);
}
