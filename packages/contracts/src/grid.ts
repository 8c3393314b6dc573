// [Grid]: grids as places — boundaries (GeoJSON), households, difficulty grade —
// and resolving a point or an address to its grid, village and township.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Ref, literalUnion } from './common.js';

/** A grid's difficulty grade (A hardest), which weights the grid worker's pay. */
export const GRID_GRADES = ['A', 'B', 'C'] as const;
export type GridGrade = (typeof GRID_GRADES)[number];
export const GridGrade = literalUnion(GRID_GRADES, '网格难度等级(A 最难)');

export const Households = Type.Integer({ minimum: 0, maximum: 10_000_000, description: '户数' });

/** [longitude, latitude] in WGS-84 degrees (a third number, the altitude, is dropped). */
export type GeoPosition = [number, number];
/** GeoJSON Polygon (RFC 7946): the exterior ring, then holes; each ring closed (first = last). */
export interface GeoPolygon {
  type: 'Polygon';
  coordinates: GeoPosition[][];
}
export interface GeoMultiPolygon {
  type: 'MultiPolygon';
  coordinates: GeoPosition[][][];
}
export type GeoBoundary = GeoPolygon | GeoMultiPolygon;

/**
 * A place's boundary as sent by a client. Only "an object" here: the server checks the
 * geometry itself (type, closed rings of at least four positions, longitude and latitude
 * ranges) and answers 400 with the path of each fault, e.g. `/boundary/coordinates/0/3/1`.
 */
export const Boundary = Type.Unsafe<GeoBoundary>({
  type: 'object',
  description:
    'GeoJSON Polygon 或 MultiPolygon(WGS-84 经度、纬度;每个环至少 4 个点且首尾相同;第一个环为外边界,其后为内洞)',
});

export const PLACE_RESOLVE_METHODS = ['point', 'address', 'none'] as const;
export type PlaceResolveMethod = (typeof PLACE_RESOLVE_METHODS)[number];

export const PlaceResolveQuery = Type.Object(
  {
    lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180, description: '经度(WGS-84)' })),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90, description: '纬度(WGS-84)' })),
    address: Type.Optional(Type.String({ maxLength: 200, description: '地址文字' })),
  },
  { additionalProperties: false },
);
export type PlaceResolveQuery = Static<typeof PlaceResolveQuery>;

/**
 * Where a point or an address lies: the micro-grid, grid, village (community) and township, null where
 * unknown. `method` says what resolved it: the point inside a boundary, a place name found
 * in the address, or nothing. `matched` is the place name found in the address.
 */
export const PlaceResolution = Type.Object({
  /** The micro-grid (微网格) within the grid, where micro-grids are drawn. */
  microGrid: Nullable(Ref),
  grid: Nullable(Ref),
  village: Nullable(Ref),
  township: Nullable(Ref),
  method: literalUnion(PLACE_RESOLVE_METHODS),
  matched: Nullable(Type.String()),
});
export type PlaceResolution = Static<typeof PlaceResolution>;

// ── Drawing a grid's boundary (绘制网格边界) ───────────────────────────────────

/** A stored boundary as the server answers it (already checked: GeoJSON Polygon or MultiPolygon). */
const StoredBoundary = Type.Unsafe<GeoBoundary>({
  type: 'object',
  additionalProperties: true,
  description: 'GeoJSON Polygon 或 MultiPolygon',
});

/** A place's boundary as the editor draws it beside its neighbours. */
export const PlaceOutline = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  boundary: StoredBoundary,
});
export type PlaceOutline = Static<typeof PlaceOutline>;

/** A grid's boundary, its village's and the village's other grids', for the drawing editor. */
export const GridBoundaryView = Type.Object({
  grid: Ref,
  village: Ref,
  boundary: Nullable(StoredBoundary),
  villageBoundary: Nullable(StoredBoundary),
  /** The village's other grids that have a boundary. */
  neighbours: Type.Array(PlaceOutline),
  /** Where to look when nothing is drawn yet: the grid's or the village's centre point. */
  centre: Nullable(
    Type.Object({ lng: Type.Number(), lat: Type.Number() }, { additionalProperties: false }),
  ),
  canEdit: Type.Boolean(),
});
export type GridBoundaryView = Static<typeof GridBoundaryView>;

export const SaveGridBoundaryBody = Type.Object(
  { boundary: Nullable(Boundary) },
  { additionalProperties: false },
);
export type SaveGridBoundaryBody = Static<typeof SaveGridBoundaryBody>;
