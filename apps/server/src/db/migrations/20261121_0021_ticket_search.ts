// [Insight] Chinese full-text search over tickets. The words of a ticket's
// title, address, description and reply texts, cut by jieba in the application
// (modules/search/text.ts), are kept in a side table as a `simple` tsvector with
// a GIN index: two-character words (噪音, 停车), which trigram indexes cannot
// help with, are found by the index on both engines. A side table, not a column
// of tickets: every action rewrites the ticket row, and a document on it would be
// copied and its words re-entered in the index each time; here it is written
// only when searchable text is added. Trigrams (pg_trgm) find fragments of three
// or more characters inside addresses (estates, roads) and titles (written once); the requester's name is
// matched whole (a btree), for the users who may see it only.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { rebuildTicketSearch } from '../../modules/search/repository.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE TABLE ticket_search (
      ticket_id uuid PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
      tenant_id text NOT NULL REFERENCES tenants(id),
      doc tsvector NOT NULL
    );
    CREATE INDEX ticket_search_doc ON ticket_search USING gin (doc);
    CREATE INDEX tickets_address_trgm ON tickets USING gin (address gin_trgm_ops);
    CREATE INDEX tickets_title_trgm ON tickets USING gin (title gin_trgm_ops);
    CREATE INDEX tickets_requester_name ON tickets (tenant_id, requester_name)
      WHERE requester_name IS NOT NULL;
    -- A place filter (a township: its villages' ids) with a search walks only
    -- that place's tickets, newest first, instead of all of them.
    CREATE INDEX tickets_jurisdiction ON tickets (tenant_id, jurisdiction_id, received_at DESC);
  `.execute(db);
  // Tickets that exist already get their documents now (`jiesu search reindex` does it again).
  await rebuildTicketSearch(db as unknown as Kysely<DB>);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS tickets_jurisdiction;
    DROP INDEX IF EXISTS tickets_requester_name;
    DROP INDEX IF EXISTS tickets_title_trgm;
    DROP INDEX IF EXISTS tickets_address_trgm;
    DROP TABLE IF EXISTS ticket_search;
  `.execute(db);
}
