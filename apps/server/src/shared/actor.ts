import type { JurisdictionLevel, Role, UnitKind } from '@jiesu/contracts';

export interface RoleGrant {
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
  /** The unit's jurisdiction path: a government unit's scope is this subtree. */
  jurisdictionPath: string;
  /** The level of the unit's jurisdiction (a township government, a village committee…). */
  jurisdictionLevel?: JurisdictionLevel;
  role: Role;
}

/** A signed-in staff user or an API client acting for one; what every policy reads. */
export interface StaffActor {
  kind: 'staff' | 'api';
  userId: string;
  tenantId: string;
  username: string;
  displayName: string;
  grants: RoleGrant[];
  /**
   * Units whose tickets this actor may see; `'tenant'` for the dispatch centre,
   * supervisors and administrators. Computed once at sign-in from the grants.
   */
  scope: 'tenant' | string[];
}

export function hasRole(actor: StaffActor, roles: readonly Role[]): boolean {
  return actor.grants.some((g) => roles.includes(g.role));
}

export function grantsIn(actor: StaffActor, unitIds: ReadonlyArray<string | null>): RoleGrant[] {
  return actor.grants.filter((g) => unitIds.includes(g.unitId));
}

export function isCentre(actor: StaffActor, roles?: readonly Role[]): boolean {
  return actor.grants.some(
    (g) => g.unitKind === 'dispatch_centre' && (!roles || roles.includes(g.role)),
  );
}
