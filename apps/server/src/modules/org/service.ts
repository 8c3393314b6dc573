import type { OrgRepository } from './repository.js';
import type { RoleGrant, StaffActor } from '../../shared/actor.js';
import type { JurisdictionView, UnitView } from '@jiesu/contracts';

const TENANT_WIDE_ROLES = new Set(['supervisor', 'admin']);

export function orgService(deps: { org: OrgRepository }) {
  const { org } = deps;
  return {
    /** Builds the actor for a user: their grants and the units whose tickets they may see. */
    async actorFor(
      user: {
        id: string;
        tenant_id: string;
        username: string;
        display_name: string;
      },
      kind: 'staff' | 'api' = 'staff',
    ): Promise<StaffActor> {
      const grants = await org.grantsOf(user.id);
      return {
        kind,
        userId: user.id,
        tenantId: user.tenant_id,
        username: user.username,
        displayName: user.display_name,
        grants,
        scope: await scopeOf(user.tenant_id, grants),
      };
    },

    async jurisdictions(tenantId: string): Promise<JurisdictionView[]> {
      const rows = await org.jurisdictions(tenantId);
      return rows.map((j) => ({
        id: j.id,
        parentId: j.parent_id,
        level: j.level,
        code: j.code,
        name: j.name,
        population: j.population,
        hasBoundary: j.boundary !== null,
        centre:
          j.centre_lng !== null && j.centre_lat !== null
            ? { lng: j.centre_lng, lat: j.centre_lat }
            : null,
        households: j.households,
        grade: j.grade,
      }));
    },

    async units(tenantId: string): Promise<UnitView[]> {
      const rows = await org.units(tenantId);
      return rows.map((u) => ({
        id: u.id,
        kind: u.kind,
        name: u.name,
        jurisdictionId: u.jurisdiction_id,
        phone: u.phone,
        active: u.active,
      }));
    },
  };

  async function scopeOf(tenantId: string, grants: RoleGrant[]): Promise<'tenant' | string[]> {
    if (grants.some((g) => g.unitKind === 'dispatch_centre' || TENANT_WIDE_ROLES.has(g.role))) {
      return 'tenant';
    }
    // A government unit (township, village) oversees every unit in its territory;
    // a department, section or grid sees only its own tickets.
    const govPaths = grants
      .filter((g) => g.unitKind === 'government')
      .map((g) => g.jurisdictionPath);
    const under = await org.unitIdsUnder(tenantId, govPaths);
    return [...new Set([...under, ...grants.map((g) => g.unitId)])];
  }
}
export type OrgService = ReturnType<typeof orgService>;
