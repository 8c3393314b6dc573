import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export function catalogueRepository(db: Kysely<DB>) {
  return {
    /** The whole tree in display order: see `treeOrder`. */
    async categories(tenantId: string) {
      const rows = await db
        .selectFrom('categories')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('sort')
        .orderBy('code')
        .execute();
      return treeOrder(rows);
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
  };
}
/**
 * Rows already sorted by (sort, code), rearranged depth first: every parent
 * before its children, siblings keeping their order. A flat list in this order
 * (a select of leaves, say) reads like the tree.
 */
export function treeOrder<T extends { id: string; parent_id: string | null }>(rows: T[]): T[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string | null, T[]>();
  for (const r of rows) {
    const parent = r.parent_id !== null && ids.has(r.parent_id) ? r.parent_id : null;
    const list = children.get(parent);
    if (list) list.push(r);
    else children.set(parent, [r]);
  }
  const out: T[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null) => {
    for (const r of children.get(parent) ?? []) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      out.push(r);
      visit(r.id);
    }
  };
  visit(null);
  // Anything unreachable (a cycle, which paths should make impossible) still appears.
  for (const r of rows) if (!seen.has(r.id)) out.push(r);
  return out;
}

export type CatalogueRepository = ReturnType<typeof catalogueRepository>;
