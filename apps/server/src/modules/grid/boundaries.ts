// Drawing a grid's boundary (绘制网格边界): the editor reads the grid's boundary
// with its village's and the village's other grids' outlines, and saves a drawn
// or imported polygon. Who may: whoever keeps the grid's people (the village
// committee, the township's leader, administrators — see grid-people). The
// geometry is checked by geo.ts (closed rings, ranges, no self-intersection);
// a saved boundary drops the tenant's place index, so the next resolve uses it.
import type { Kysely } from 'kysely';
import type { GeoBoundary, GridBoundaryView, SaveGridBoundaryBody } from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { StaffActor } from '../../shared/actor.js';
import { AppError } from '../../shared/errors.js';
import { mayKeepGrid } from '../grid-people/service.js';
import { validateBoundary } from './geo.js';
import { gridRepository } from './repository.js';

function sees(actor: StaffActor, path: string): boolean {
  if (actor.scope === 'tenant') return true;
  return actor.grants.some(
    (g) =>
      (g.unitKind === 'government' || g.unitKind === 'grid') && path.startsWith(g.jurisdictionPath),
  );
}

/** A stored boundary, if it is a valid polygon; a broken one reads as none. */
function usable(value: unknown): GeoBoundary | null {
  if (value === null || value === undefined) return null;
  const v = validateBoundary(typeof value === 'string' ? JSON.parse(value) : value);
  return v.ok ? v.boundary : null;
}

export function gridBoundaryService(deps: {
  db: Kysely<DB>;
  onPlacesChanged: (tenantId: string) => void;
}) {
  const repo = gridRepository(deps.db);

  async function visible(actor: StaffActor, gridId: string) {
    const g = await repo.gridWithVillage(actor.tenantId, gridId);
    if (!g || !sees(actor, g.path)) throw new AppError('NOT_FOUND');
    return g;
  }

  async function view(actor: StaffActor, gridId: string): Promise<GridBoundaryView> {
    const g = await visible(actor, gridId);
    const siblings = await repo.siblingOutlines(actor.tenantId, g.village_id, g.id);
    const centre =
      g.centre_lng !== null && g.centre_lat !== null
        ? { lng: g.centre_lng, lat: g.centre_lat }
        : g.village_lng !== null && g.village_lat !== null
          ? { lng: g.village_lng, lat: g.village_lat }
          : null;
    return {
      grid: { id: g.id, name: g.name },
      village: { id: g.village_id, name: g.village_name },
      boundary: usable(g.boundary),
      villageBoundary: usable(g.village_boundary),
      neighbours: siblings.flatMap((n) => {
        const b = usable(n.boundary);
        return b ? [{ id: n.id, name: n.name, boundary: b }] : [];
      }),
      centre,
      canEdit: mayKeepGrid(actor, g.path),
    };
  }

  return {
    view,

    async save(
      actor: StaffActor,
      gridId: string,
      b: SaveGridBoundaryBody,
    ): Promise<GridBoundaryView> {
      const g = await visible(actor, gridId);
      if (!mayKeepGrid(actor, g.path)) throw new AppError('FORBIDDEN');
      let stored: string | null = null;
      if (b.boundary !== null) {
        const v = validateBoundary(b.boundary, '/boundary');
        if (!v.ok) throw new AppError('VALIDATION_FAILED', v.errors);
        stored = JSON.stringify(v.boundary);
      }
      await repo.setBoundary(actor.tenantId, g.id, stored);
      deps.onPlacesChanged(actor.tenantId);
      return view(actor, gridId);
    },
  };
}
export type GridBoundaryService = ReturnType<typeof gridBoundaryService>;
