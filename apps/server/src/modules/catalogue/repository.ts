import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export function catalogueRepository(db: Kysely<DB>) {
  return {
    categories(tenantId: string) {
      return db
        .selectFrom('categories')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('code')
        .execute();
    },
    category(tenantId: string, id: string) {
      return db
        .selectFrom('categories')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    policies(tenantId: string) {
      return db
        .selectFrom('time_limit_policies')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .execute();
    },
    async upsertPolicy(row: {
      id: string;
      tenant_id: string;
      category_id: string | null;
      urgency: DB['time_limit_policies']['urgency'];
      response_amount: number;
      response_unit: DB['time_limit_policies']['response_unit'];
      completion_amount: number;
      completion_unit: DB['time_limit_policies']['completion_unit'];
      updated_at: Date;
    }) {
      // One policy per (category, urgency): replace it in one transaction.
      await db.transaction().execute(async (trx) => {
        let q = trx.deleteFrom('time_limit_policies').where('tenant_id', '=', row.tenant_id);
        q =
          row.category_id === null
            ? q.where('category_id', 'is', null)
            : q.where('category_id', '=', row.category_id);
        q =
          row.urgency === null
            ? q.where('urgency', 'is', null)
            : q.where('urgency', '=', row.urgency);
        await q.execute();
        await trx.insertInto('time_limit_policies').values(row).execute();
      });
    },
    async deletePolicy(tenantId: string, id: string) {
      const r = await db
        .deleteFrom('time_limit_policies')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    knowledge(tenantId: string, q: string | undefined, limit: number) {
      let query = db
        .selectFrom('knowledge_items')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('title')
        .limit(limit);
      if (q) {
        const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        query = query.where((eb) => eb.or([eb('title', 'like', like), eb('body', 'like', like)]));
      }
      return query.execute();
    },
  };
}
export type CatalogueRepository = ReturnType<typeof catalogueRepository>;
