import { sql, type Kysely } from 'kysely';
import type { DB, TenantSettings } from '../../db/schema.js';
import type { RoleGrant } from '../../shared/actor.js';

export type Executor = Kysely<DB>;

export function orgRepository(db: Kysely<DB>) {
  async function unitsByIds(tenantId: string, ids: readonly string[]) {
    if (ids.length === 0) return [];
    return db
      .selectFrom('units')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', [...new Set(ids)])
      .execute();
  }

  return {
    async grantsOf(userId: string): Promise<RoleGrant[]> {
      const rows = await db
        .selectFrom('role_assignments as ra')
        .innerJoin('units as u', 'u.id', 'ra.unit_id')
        .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
        .select(['ra.unit_id', 'ra.role', 'u.name', 'u.kind', 'j.path', 'j.level'])
        .where('ra.user_id', '=', userId)
        .execute();
      return rows.map((r) => ({
        unitId: r.unit_id,
        role: r.role,
        unitName: r.name,
        unitKind: r.kind,
        jurisdictionPath: r.path,
        jurisdictionLevel: r.level,
      }));
    },

    /** Units attached to any node of the subtrees (prefix match on the materialised path). */
    async unitIdsUnder(tenantId: string, paths: string[]): Promise<string[]> {
      if (paths.length === 0) return [];
      const rows = await db
        .selectFrom('units as u')
        .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
        .select('u.id')
        .where('u.tenant_id', '=', tenantId)
        .where((eb) => eb.or(paths.map((p) => eb('j.path', 'like', `${p}%`))))
        .execute();
      return rows.map((r) => r.id);
    },

    async tenant(tenantId: string) {
      return db.selectFrom('tenants').selectAll().where('id', '=', tenantId).executeTakeFirst();
    },

    /** Merges the given keys into the tenant's settings (other keys stay); false when no such tenant. */
    async mergeSettings(tenantId: string, patch: Partial<TenantSettings>): Promise<boolean> {
      const r = await db
        .updateTable('tenants')
        .set({ settings: sql<TenantSettings>`settings || ${JSON.stringify(patch)}::jsonb` })
        .where('id', '=', tenantId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async jurisdictions(tenantId: string) {
      return db
        .selectFrom('jurisdictions')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('code')
        .execute();
    },

    async jurisdiction(tenantId: string, id: string) {
      return db
        .selectFrom('jurisdictions')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async units(tenantId: string) {
      return db
        .selectFrom('units')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('kind')
        .orderBy('name')
        .execute();
    },

    async unit(tenantId: string, id: string) {
      return db
        .selectFrom('units')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    unitsByIds,

    /** The names of these units (of the tenant), by id. */
    async unitNames(tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
      return new Map((await unitsByIds(tenantId, ids)).map((u) => [u.id, u.name]));
    },

    async dispatchCentre(tenantId: string) {
      return db
        .selectFrom('units')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('kind', '=', 'dispatch_centre')
        .executeTakeFirst();
    },
  };
}
export type OrgRepository = ReturnType<typeof orgRepository>;
