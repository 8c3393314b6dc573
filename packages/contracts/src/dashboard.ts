// [Assessment] 驾驶舱 (dashboard): intake and closing over a date range — the daily
// trend, the top-level categories, each village/community with its rate per 10,000
// residents for the map, the channels, the KPI figures and the townships' (or a
// township's villages') 三率 composite ranking of the month. Read from the daily
// intake rollups kept from the event trail, never from a scan of the tickets.
import { Type, type Static } from '@sinclair/typebox';
import { LocalDate, Nullable, Ref, Uuid, literalUnion } from './common.js';
import { CHANNELS } from './enums.js';

export const DashboardQuery = Type.Object(
  {
    /** First local day (inclusive); default: 29 days before `to`. */
    from: Type.Optional(LocalDate),
    /** Last local day (inclusive); default: today. At most 366 days after `from`. */
    to: Type.Optional(LocalDate),
    /** Only this township's (street's) tickets and villages. */
    townshipId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type DashboardQuery = Static<typeof DashboardQuery>;

export const DASHBOARD_SCOPES = ['district', 'township', 'village'] as const;
export type DashboardScope = (typeof DASHBOARD_SCOPES)[number];

const Rate = Nullable(Type.Number({ description: '0–1;无分母时为 null' }));

export const DashboardKpis = Type.Object({
  /** Tickets received (受理) in the range. */
  received: Type.Integer(),
  /** Tickets closed (办结) in the range, whenever received. */
  closed: Type.Integer(),
  /** Closed tickets opened again (e.g. a merge undone). */
  reopened: Type.Integer(),
  /** closed ÷ received. */
  closeRate: Rate,
  /** Evaluations (callbacks and requesters' ratings) in the range. */
  rated: Type.Integer(),
  /** solved ÷ rated. */
  solvedRate: Rate,
  /** (satisfied + basically satisfied) ÷ rated. */
  satisfactionRate: Rate,
  /** received ÷ days of the range. */
  perDay: Type.Number(),
  /** received per 10,000 residents of the places shown. */
  per10k: Nullable(Type.Number()),
});
export type DashboardKpis = Static<typeof DashboardKpis>;

export const DashboardDay = Type.Object({
  day: LocalDate,
  received: Type.Integer(),
  closed: Type.Integer(),
});

export const DashboardCategory = Type.Object({
  category: Ref,
  received: Type.Integer(),
  closed: Type.Integer(),
});

export const DashboardVillage = Type.Object({
  village: Ref,
  township: Nullable(Ref),
  population: Type.Integer(),
  received: Type.Integer(),
  closed: Type.Integer(),
  /** received per 10,000 residents; null without a population. */
  per10k: Nullable(Type.Number()),
  /** The village's centre (for a dot where no boundary is drawn). */
  centre: Nullable(Type.Object({ lng: Type.Number(), lat: Type.Number() })),
  hasBoundary: Type.Boolean(),
});
export type DashboardVillage = Static<typeof DashboardVillage>;

export const DashboardChannel = Type.Object({
  channel: literalUnion(CHANNELS),
  received: Type.Integer(),
});

export const DashboardRankingItem = Type.Object({
  unit: Ref,
  composite: Nullable(Type.Number()),
  rank: Nullable(Type.Integer()),
  volume: Type.Integer(),
});

export const DashboardRanking = Type.Object({
  month: Type.String({ description: 'YYYY-MM' }),
  group: literalUnion(['township', 'village'] as const),
  items: Type.Array(DashboardRankingItem),
});
export type DashboardRanking = Static<typeof DashboardRanking>;

export const DashboardView = Type.Object({
  from: LocalDate,
  to: LocalDate,
  scope: literalUnion(DASHBOARD_SCOPES),
  /** The township the figures are limited to, if any. */
  township: Nullable(Ref),
  /** The village the figures are limited to (a village's leader). */
  village: Nullable(Ref),
  /** The townships the reader may filter by. */
  townships: Type.Array(Ref),
  kpis: DashboardKpis,
  /** Every day of the range, zeros included. */
  trend: Type.Array(DashboardDay),
  /** Top-level categories, most received first. */
  categories: Type.Array(DashboardCategory),
  /** Every village/community in scope, zeros included. */
  villages: Type.Array(DashboardVillage),
  channels: Type.Array(DashboardChannel),
  /** Tickets placed above any village (a township or the district itself). */
  unplaced: Type.Integer(),
  /** The 三率 composite of the month of `to`; null when the reader may not see it. */
  ranking: Nullable(DashboardRanking),
  source: Type.Literal('rollups'),
});
export type DashboardView = Static<typeof DashboardView>;

export const DashboardGeoQuery = Type.Object(
  { townshipId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export type DashboardGeoQuery = Static<typeof DashboardGeoQuery>;

/** The villages' boundaries in scope, as a GeoJSON FeatureCollection (feature id and name = the village). */
export const DashboardGeo = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: Uuid,
      properties: Type.Object({ id: Uuid, name: Type.String() }),
      geometry: Type.Unsafe<unknown>({
        type: 'object',
        additionalProperties: true,
        description: 'GeoJSON Polygon 或 MultiPolygon',
      }),
    }),
  ),
});
export type DashboardGeo = Static<typeof DashboardGeo>;
