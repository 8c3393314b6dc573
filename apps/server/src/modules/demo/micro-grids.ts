// The demo district's micro-grids (微网格): the hardest (grade A) grids, mountain villages
// spread over a valley, are cut into an east and a west half, each with half the grid's
// households and residents — as seed 000 cuts its grids into 106 micro-grids.
// Deterministic and without randomness: it does not move any other stream of the demo.
import type { Insertable, Kysely } from 'kysely';
import type { DB, JurisdictionTable } from '../../db/schema.js';
import { newId } from '../../shared/ids.js';
import type { DemoOrg } from './content/index.js';
import { insertChunks } from './stories.js';

const HALVES = ['东片', '西片'] as const;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Seeds the micro-grids; returns how many. */
export async function seedMicroGrids(
  db: Kysely<DB>,
  ctx: {
    tenantId: string;
    org: DemoOrg;
    jurisdictionIds: Map<string, { id: string; path: string }>;
  },
): Promise<number> {
  const rows: Insertable<JurisdictionTable>[] = [];
  for (const g of ctx.org.jurisdictions) {
    const parent = ctx.jurisdictionIds.get(g.code);
    const ring = g.boundary?.coordinates[0];
    if (g.level !== 'grid' || g.grade !== 'A' || !parent || !ring) continue;
    const lngs = ring.map((p) => p[0]);
    const lats = ring.map((p) => p[1]);
    const [w, e, s, n] = [
      Math.min(...lngs),
      Math.max(...lngs),
      Math.min(...lats),
      Math.max(...lats),
    ];
    const mid = round6((w + e) / 2);
    for (const [i, name] of HALVES.entries()) {
      const [west, east] = i === 0 ? [mid, e] : [w, mid];
      const id = newId();
      const share = (x: number) => Math.floor(x / 2) + (i === 0 ? x % 2 : 0);
      rows.push({
        id,
        tenant_id: ctx.tenantId,
        parent_id: parent.id,
        level: 'micro_grid',
        code: `${g.code}${String(i + 1).padStart(2, '0')}`,
        name: `${g.name}${name}`,
        population: share(g.population),
        path: `${parent.path}${id}/`,
        boundary: JSON.stringify({
          type: 'Polygon',
          coordinates: [
            [
              [west, s],
              [east, s],
              [east, n],
              [west, n],
              [west, s],
            ],
          ],
        }),
        centre_lng: round6((west + east) / 2),
        centre_lat: round6((s + n) / 2),
        households: share(g.households),
        grade: null,
      });
    }
  }
  await insertChunks(db, 'jurisdictions', rows);
  return rows.length;
}
