// Resolving a point or an address to its grid, village and township. Each tenant's places
// (names, boundaries, boxes) are indexed once and kept in memory until a jurisdiction of
// that tenant changes through the administration (`invalidate`, called by org/admin.ts) on
// this node, or for at most a minute (another API node's change).
import type { Kysely } from 'kysely';
import type { PlaceResolution, PlaceResolveQuery } from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import { gridRepository } from './repository.js';
import { buildIndex, resolvePlace, type PlaceIndex } from './resolve.js';

/** How long a node keeps a district's place index (cache age is wall-clock, not the domain clock). */
const PLACES_CACHE_TTL_MS = 60_000;

export function placesService(deps: { db: Kysely<DB> }) {
  const repo = gridRepository(deps.db);
  /**
   * A promise, so that concurrent first requests load once. An edit on this node drops it
   * at once (`invalidate`); an edit on another API node shows here within the TTL.
   */
  const cache = new Map<string, { at: number; p: Promise<PlaceIndex> }>();

  function index(tenantId: string): Promise<PlaceIndex> {
    const hit = cache.get(tenantId);
    if (hit && performance.now() - hit.at < PLACES_CACHE_TTL_MS) return hit.p;
    const p = repo.places(tenantId).then(buildIndex);
    const mine = { at: performance.now(), p };
    cache.set(tenantId, mine);
    // A failed load is not kept.
    p.catch(() => cache.get(tenantId) === mine && cache.delete(tenantId));
    return p;
  }

  return {
    /** Forgets the tenant's index: the next resolve reads the places again. */
    invalidate(tenantId: string): void {
      cache.delete(tenantId);
    },

    async resolve(tenantId: string, q: PlaceResolveQuery): Promise<PlaceResolution> {
      if ((q.lng === undefined) !== (q.lat === undefined)) {
        const path = q.lng === undefined ? '/lng' : '/lat';
        throw new AppError('VALIDATION_FAILED', [{ path, message: '经度和纬度须同时给出' }]);
      }
      return resolvePlace(await index(tenantId), q);
    },
  };
}
export type PlacesService = ReturnType<typeof placesService>;
