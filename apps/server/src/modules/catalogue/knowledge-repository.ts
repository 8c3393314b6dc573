// The knowledge base's SQL. A district has hundreds to a few thousand items:
// matching each search word with strpos over title, keywords and body reads
// them all, which at that size takes a millisecond or two and needs no index
// (and, unlike a trigram index, works for two-character words).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** How much a word found in each field counts: title and keyword hits rank first. */
const WEIGHT = { title: 10, keywords: 8, body: 2 } as const;

/** An item's own fields, as administrators write them. */
export interface KnowledgeFields {
  category_id: string | null;
  title: string;
  body: string;
  procedure: string;
  policy_basis: string;
  phone: string;
  staff: string;
  keywords: string;
}

export function knowledgeRepository(db: Kysely<DB>) {
  const base = () =>
    db
      .selectFrom('knowledge_items as k')
      .leftJoin('categories as c', 'c.id', 'k.category_id')
      .selectAll('k')
      .select('c.name as category_name');

  return {
    byId(tenantId: string, id: string) {
      return base().where('k.tenant_id', '=', tenantId).where('k.id', '=', id).executeTakeFirst();
    },

    /**
     * Items matching any of the words, best first: each word scores by where it
     * is found; ties go to the items used most. Without words: the most used.
     */
    search(tenantId: string, terms: string[], opts: { includeInactive: boolean; limit: number }) {
      let q = base().where('k.tenant_id', '=', tenantId);
      if (!opts.includeInactive) q = q.where('k.active', '=', true);
      if (terms.length === 0) {
        return q.orderBy('k.use_count', 'desc').orderBy('k.title').limit(opts.limit).execute();
      }
      const hit = (column: string, w: string, weight: number) =>
        sql`(CASE WHEN strpos(lower(${sql.ref(column)}), ${w}) > 0 THEN ${sql.lit(weight)} ELSE 0 END)`;
      const score = sql<number>`(${sql.join(
        terms.map(
          (w) =>
            sql`${hit('k.title', w, WEIGHT.title)} + ${hit('k.keywords', w, WEIGHT.keywords)} + ${hit('k.body', w, WEIGHT.body)}`,
        ),
        sql` + `,
      )})`;
      return q
        .select(score.as('score'))
        .where(sql<boolean>`${score} > 0`)
        .orderBy(sql`${score}`, 'desc')
        .orderBy('k.use_count', 'desc')
        .orderBy('k.title')
        .limit(opts.limit)
        .execute();
    },

    all(tenantId: string) {
      return base().where('k.tenant_id', '=', tenantId).orderBy('k.title').execute();
    },

    async insert(
      row: KnowledgeFields & { id: string; tenant_id: string; active: boolean; updated_at: Date },
    ) {
      await db.insertInto('knowledge_items').values(row).execute();
    },

    async update(
      tenantId: string,
      id: string,
      patch: Partial<KnowledgeFields & { active: boolean }> & { updated_at: Date },
    ): Promise<boolean> {
      const r = await db
        .updateTable('knowledge_items')
        .set(patch)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async remove(tenantId: string, id: string): Promise<boolean> {
      const r = await db
        .deleteFrom('knowledge_items')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numDeletedRows) === 1;
    },

    /** An item an answer may cite: it exists in the tenant and is in use. */
    usable(tenantId: string, id: string) {
      return db
        .selectFrom('knowledge_items')
        .select(['id', 'title'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('active', '=', true)
        .executeTakeFirst();
    },

    async countUse(tenantId: string, id: string): Promise<void> {
      await db
        .updateTable('knowledge_items')
        .set({ use_count: sql`use_count + 1` })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },
  };
}
export type KnowledgeRepository = ReturnType<typeof knowledgeRepository>;
export type KnowledgeRow = NonNullable<Awaited<ReturnType<KnowledgeRepository['byId']>>>;
