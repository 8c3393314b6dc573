// SQL of the upstream import: what a batch needs to look up (categories, the district's
// root, tickets already imported) and the saved column mappings.
import { type Insertable, type Kysely } from 'kysely';
import type { DB, UpstreamMappingTable, UpstreamTicketTable } from '../../db/schema.js';

export function upstreamRepository(db: Kysely<DB>) {
  return {
    categories(tenantId: string) {
      return db
        .selectFrom('categories')
        .select(['id', 'code', 'name', 'active', 'path'])
        .where('tenant_id', '=', tenantId)
        .execute();
    },

    /** The district: where a ticket whose address names no known place is put. */
    root(tenantId: string) {
      return db
        .selectFrom('jurisdictions')
        .select(['id'])
        .where('tenant_id', '=', tenantId)
        .where('parent_id', 'is', null)
        .orderBy('path')
        .executeTakeFirst();
    },

    /** Tickets already imported under these upstream ids. */
    existing(tenantId: string, upstreamIds: string[]) {
      if (!upstreamIds.length) return Promise.resolve([]);
      return db
        .selectFrom('tickets')
        .select(['id', 'code', 'upstream_id'])
        .where('tenant_id', '=', tenantId)
        .where('upstream_id', 'in', upstreamIds)
        .execute();
    },

    async insertUpstreamTicket(row: Insertable<UpstreamTicketTable>) {
      await db.insertInto('upstream_tickets').values(row).execute();
    },

    mappings(tenantId: string) {
      return db
        .selectFrom('upstream_mappings')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('name')
        .execute();
    },

    mapping(tenantId: string, by: { id?: string; name?: string }) {
      let q = db.selectFrom('upstream_mappings').selectAll().where('tenant_id', '=', tenantId);
      if (by.id) q = q.where('id', '=', by.id);
      if (by.name) q = q.where('name', '=', by.name);
      return q.executeTakeFirst();
    },

    async insertMapping(row: Insertable<UpstreamMappingTable>) {
      await db.insertInto('upstream_mappings').values(row).execute();
    },

    async updateMapping(
      tenantId: string,
      id: string,
      patch: { name: string; header_row: number; columns: string; updated_at: Date },
    ) {
      const r = await db
        .updateTable('upstream_mappings')
        .set(patch)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async deleteMapping(tenantId: string, id: string) {
      const r = await db
        .deleteFrom('upstream_mappings')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
