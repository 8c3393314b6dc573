// The ticket search documents (ticket_search): written whole at creation and
// by the rebuild, extended when an action adds a searchable text; and the SQL
// that finds and ranks the tickets matching a list query's `q`.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';
import {
  TEXT_ACTIONS,
  documentWords,
  eventTexts,
  ticketDocument,
  type DocumentWords,
  type SearchPlan,
} from './text.js';

/** The document of one ticket: title weight A, address and description B, actions' texts C. */
const docOf = (w: DocumentWords) =>
  sql<string>`setweight(to_tsvector('simple', ${w.title}), 'A')
    || setweight(to_tsvector('simple', ${w.body}), 'B')
    || setweight(to_tsvector('simple', ${w.replies}), 'C')`;

/** All the words, each required. */
const allWords = (terms: readonly string[]) => sql`plainto_tsquery('simple', ${terms.join(' ')})`;
/** Any of the words (the fallback when no ticket has them all). */
const anyWord = (terms: readonly string[]) =>
  sql`(${sql.join(
    terms.map((t) => sql`plainto_tsquery('simple', ${t})`),
    sql` || `,
  )})`;

/** Who may find tickets by the requester's name: the hotline desk, except on tickets about its own units. */
export interface NameSearch {
  /** The caller's units: a ticket complaining about one of them is never found by its requester's name. */
  notSubjectOf: readonly string[];
}

export interface MatchOptions {
  /** Set only for users who may see requesters' names. */
  nameSearch?: NameSearch;
  /** Any word instead of all of them. */
  anyWord?: boolean;
}

/** How many of the newest matches are ranked by relevance (see `matchBranches`). */
export const RANKED_CANDIDATES = 2000;
/** Counts of matches stop here: the list says "1000+" (`totalCapped`). */
export const COUNT_CAP = 1000;

/**
 * The ways a ticket matches a plan, each a subquery of ticket ids with their received
 * time (which the newest-first walk orders by): its words
 * (the GIN index), an exact code, a fragment of its address or title (trigram
 * indexes), or (with `nameSearch`) the requester's whole name. Each is joined
 * to the tickets and filtered separately, so that the planner can choose per
 * branch between the index of the words (rare words) and the tickets' newest
 * first index (frequent words, stopping after the first K matches).
 */
export function matchBranches(
  tenantId: string,
  plan: SearchPlan,
  opts: MatchOptions = {},
): RawBuilder<{ ticket_id: string; received_at: Date }>[] {
  const branches: RawBuilder<{ ticket_id: string; received_at: Date }>[] = [];
  if (plan.terms.length) {
    const query = opts.anyWord ? anyWord(plan.terms) : allWords(plan.terms);
    branches.push(sql`(SELECT s.ticket_id, s.received_at FROM ticket_search s
      WHERE s.tenant_id = ${tenantId} AND s.doc @@ ${query})`);
  }
  branches.push(
    sql`(SELECT id AS ticket_id, received_at FROM tickets WHERE tenant_id = ${tenantId} AND code = ${plan.raw})`,
  );
  if (plan.fragment) {
    const like = `%${plan.fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    branches.push(
      sql`(SELECT id AS ticket_id, received_at FROM tickets
        WHERE tenant_id = ${tenantId} AND (address LIKE ${like} OR title LIKE ${like}))`,
    );
  }
  if (opts.nameSearch) {
    const units = opts.nameSearch.notSubjectOf;
    branches.push(sql`(SELECT id AS ticket_id, received_at FROM tickets
      WHERE tenant_id = ${tenantId} AND requester_name = ${plan.raw}
      ${units.length ? sql`AND (subject_unit_id IS NULL OR subject_unit_id NOT IN (${sql.join([...units])}))` : sql``})`);
  }
  return branches;
}

/**
 * The rank of a matching ticket `t` with its document `s` (LEFT JOINed, may be
 * NULL): an exact code ranks first (100); word matches by ts_rank (weights A
 * title, B address/description, C replies, normalised by the document's
 * length); a requester's name or a fragment of the address or title alone 0.001.
 */
export function rankOf(plan: SearchPlan, opts: MatchOptions = {}): RawBuilder<number> {
  const word = plan.terms.length
    ? (() => {
        const query = opts.anyWord ? anyWord(plan.terms) : allWords(plan.terms);
        return sql`CASE WHEN s.doc @@ ${query} THEN ts_rank(s.doc, ${query}, 1) END`;
      })()
    : sql`NULL::real`;
  return sql<number>`GREATEST(CASE WHEN t.code = ${plan.raw} THEN 100::real END, ${word}, 0.001::real)`;
}

export function searchRepository(db: Kysely<DB>) {
  return {
    /** Writes a ticket's whole document. */
    async put(tenantId: string, ticketId: string, words: DocumentWords): Promise<void> {
      // The ticket's received time comes with its row (written in the same transaction).
      await sql`INSERT INTO ticket_search (ticket_id, tenant_id, received_at, doc)
        SELECT id, tenant_id, received_at, ${docOf(words)} FROM tickets
        WHERE tenant_id = ${tenantId} AND id = ${ticketId}
        ON CONFLICT (ticket_id) DO UPDATE SET doc = excluded.doc`.execute(db);
    },

    /** Adds an action's texts (weight C) to a ticket's document; false when it has none yet. */
    async append(tenantId: string, ticketId: string, texts: readonly string[]): Promise<boolean> {
      const words = texts.map(documentWords).join(' ');
      const r = await db
        .updateTable('ticket_search')
        .set({ doc: sql`doc || setweight(to_tsvector('simple', ${words}), 'C')` })
        .where('tenant_id', '=', tenantId)
        .where('ticket_id', '=', ticketId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** The actions' searchable texts of each ticket, in order (what the highlights show). */
    async texts(tenantId: string, ticketIds: readonly string[]): Promise<Map<string, string[]>> {
      return textsOf(db, tenantId, ticketIds);
    },
  };
}
export type SearchRepository = ReturnType<typeof searchRepository>;

async function textsOf(
  db: Kysely<DB>,
  tenantId: string,
  ticketIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(ticketIds.map((id) => [id, []]));
  if (!ticketIds.length) return out;
  const rows = await db
    .selectFrom('ticket_events')
    .select(['ticket_id', 'action', 'payload'])
    .where('tenant_id', '=', tenantId)
    .where('ticket_id', 'in', [...ticketIds])
    .where('action', 'in', TEXT_ACTIONS)
    .orderBy('ticket_id')
    .orderBy('seq')
    .execute();
  for (const r of rows) {
    const payload = (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<
      string,
      unknown
    >;
    out.get(r.ticket_id)?.push(...eventTexts(r.action, payload ?? {}));
  }
  return out;
}

/**
 * Writes the documents of all tickets (of one tenant, or only `ids`) from their
 * texts and events, in batches; returns how many. Used by the migration, the
 * demo seed, `jiesu search reindex`, and when an action finds no document.
 */
export async function rebuildTicketSearch(
  db: Kysely<DB>,
  opts: {
    tenantId?: string;
    ids?: readonly string[];
    batch?: number;
    onBatch?: (n: number) => void;
  } = {},
): Promise<number> {
  const batch = opts.batch ?? 500;
  let after = '00000000-0000-0000-0000-000000000000';
  let done = 0;
  for (;;) {
    let q = db
      .selectFrom('tickets')
      .select(['id', 'tenant_id', 'title', 'description', 'address', 'received_at'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(batch);
    if (opts.tenantId) q = q.where('tenant_id', '=', opts.tenantId);
    if (opts.ids) {
      if (!opts.ids.length) return 0;
      q = q.where('id', 'in', [...opts.ids]);
    }
    const rows = await q.execute();
    if (!rows.length) return done;
    const byTenant = new Map<string, string[]>();
    for (const r of rows) byTenant.set(r.tenant_id, [...(byTenant.get(r.tenant_id) ?? []), r.id]);
    const texts = new Map<string, string[]>();
    for (const [tenantId, ids] of byTenant) {
      for (const [id, t] of await textsOf(db, tenantId, ids)) texts.set(id, t);
    }
    await db
      .insertInto('ticket_search')
      .values(
        rows.map((r) => ({
          ticket_id: r.id,
          tenant_id: r.tenant_id,
          received_at: r.received_at,
          doc: docOf(ticketDocument({ ...r, replies: texts.get(r.id) })),
        })),
      )
      .onConflict((oc) => oc.column('ticket_id').doUpdateSet({ doc: sql`excluded.doc` }))
      .execute();
    done += rows.length;
    opts.onBatch?.(done);
    after = rows[rows.length - 1]!.id;
  }
}
