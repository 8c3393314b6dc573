import type { MeView, Role } from '@jiesu/contracts';

export function rolesOf(me: MeView | undefined): Set<Role> {
  return new Set((me?.roles ?? []).map((r) => r.role));
}

export function hasAny(me: MeView | undefined, ...roles: Role[]): boolean {
  const mine = rolesOf(me);
  return roles.some((r) => mine.has(r));
}

/** The dispatch centre and those above it: their lists cover the district, not only their units. */
export function seesDistrict(me: MeView | undefined): boolean {
  return hasAny(me, 'dispatcher', 'agent', 'supervisor', 'admin');
}
