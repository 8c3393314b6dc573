// [Insight] hot spots (未诉先办, 举一反三) and repeat requests (重复诉求): the groups of
// requests about one problem at one place from different requesters, ranked by heat;
// the alerts raised when a group crosses the district's threshold and what was started
// from them (立项, 主动排查); and the earlier request of the same requester that a new
// one repeats. No requester's identity is ever in these shapes.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, LocalDate, Nullable, Ref, Uuid } from './common.js';
import { LinkedTicket, TicketStateSchema } from './tickets.js';

export const HotspotQuery = Type.Object(
  {
    /** First local day of the window; default `to` minus the configured window. */
    from: Type.Optional(LocalDate),
    /** Last local day of the window; default today. At most 90 days after `from`. */
    to: Type.Optional(LocalDate),
    /** Only tickets at or below this place (a township, a village). */
    jurisdictionId: Type.Optional(Uuid),
    top: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  },
  { additionalProperties: false },
);
export type HotspotQuery = Static<typeof HotspotQuery>;

export const HotspotConfig = Type.Object({
  /** An alert needs at least this many requests in the group… */
  minMessages: Type.Integer({ minimum: 2, maximum: 1000 }),
  /** …from at least this many different requesters… */
  minRequesters: Type.Integer({ minimum: 2, maximum: 1000 }),
  /** …within the last this many days (also the page's default window). */
  windowDays: Type.Integer({ minimum: 1, maximum: 90 }),
});
export type HotspotConfig = Static<typeof HotspotConfig>;
export const DEFAULT_HOTSPOT_CONFIG: HotspotConfig = {
  minMessages: 5,
  minRequesters: 3,
  windowDays: 30,
};

export const HotspotTicket = Type.Object({
  id: Uuid,
  code: Type.String(),
  title: Type.String(),
  state: TicketStateSchema,
  receivedAt: DateTime,
  place: Type.String(),
  address: Type.String(),
});
export type HotspotTicket = Static<typeof HotspotTicket>;

export const HotspotAlertRef = Type.Object({
  id: Uuid,
  source: Type.Union([Type.Literal('threshold'), Type.Literal('manual')]),
  createdAt: DateTime,
  acknowledgedAt: Nullable(DateTime),
  project: Nullable(Ref),
  broadcast: Nullable(Ref),
});
export type HotspotAlertRef = Static<typeof HotspotAlertRef>;

export const HotspotGroup = Type.Object({
  rank: Type.Integer(),
  title: Type.String(),
  heat: Type.Number(),
  messages: Type.Integer(),
  requesters: Type.Integer(),
  growth: Type.Number(),
  place: Type.String(),
  jurisdiction: Nullable(Ref),
  from: DateTime,
  to: DateTime,
  keywords: Type.Array(Type.String()),
  tickets: Type.Array(HotspotTicket),
  /** Crosses the district's alert threshold. */
  overThreshold: Type.Boolean(),
  /** Projects any of its tickets is already linked to. */
  projects: Type.Array(Ref),
  alert: Nullable(HotspotAlertRef),
});
export type HotspotGroup = Static<typeof HotspotGroup>;

export const HotspotList = Type.Object({
  from: LocalDate,
  to: LocalDate,
  config: HotspotConfig,
  /** Tickets read; the newest `cap` when there were more. */
  scanned: Type.Integer(),
  truncated: Type.Boolean(),
  tookMs: Type.Integer(),
  /** The actor may start a project (立项) / send a sweep instruction (主动排查). */
  canStartProject: Type.Boolean(),
  canSweep: Type.Boolean(),
  items: Type.Array(HotspotGroup),
});
export type HotspotList = Static<typeof HotspotList>;

/** Whether the menu shows 热点发现 and which actions the page offers (never 403). */
export const HotspotAccess = Type.Object({
  read: Type.Boolean(),
  canStartProject: Type.Boolean(),
  canSweep: Type.Boolean(),
});
export type HotspotAccess = Static<typeof HotspotAccess>;

export const HotspotSweepResult = Type.Object({
  groups: Type.Integer(),
  raised: Type.Integer(),
  updated: Type.Integer(),
  notified: Type.Integer(),
});
export type HotspotSweepResult = Static<typeof HotspotSweepResult>;

export const HotspotAlertView = Type.Object({
  id: Uuid,
  source: Type.Union([Type.Literal('threshold'), Type.Literal('manual')]),
  title: Type.String(),
  place: Type.String(),
  jurisdiction: Nullable(Ref),
  keywords: Type.Array(Type.String()),
  ticketIds: Type.Array(Uuid),
  messages: Type.Integer(),
  requesters: Type.Integer(),
  heat: Type.Number(),
  from: DateTime,
  to: DateTime,
  createdAt: DateTime,
  updatedAt: DateTime,
  acknowledgedAt: Nullable(DateTime),
  acknowledgedBy: Nullable(Ref),
  project: Nullable(Ref),
  projectAt: Nullable(DateTime),
  broadcast: Nullable(Ref),
  broadcastAt: Nullable(DateTime),
});
export type HotspotAlertView = Static<typeof HotspotAlertView>;

export const HotspotAlertList = Type.Object({ items: Type.Array(HotspotAlertView) });
export type HotspotAlertList = Static<typeof HotspotAlertList>;

export const HotspotAlertListQuery = Type.Object(
  { open: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type HotspotAlertListQuery = Static<typeof HotspotAlertListQuery>;

/** A group as shown on the page: its tickets (the server recomputes everything else). */
const GroupTickets = Type.Array(Uuid, { minItems: 2, maxItems: 200 });

export const StartHotspotProjectBody = Type.Object(
  {
    ticketIds: GroupTickets,
    title: Type.String({ minLength: 2, maxLength: 100 }),
    /** Default: the unit leading most of the tickets, else the place's township government. */
    ownerUnitId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type StartHotspotProjectBody = Static<typeof StartHotspotProjectBody>;

export const StartHotspotSweepBody = Type.Object(
  {
    ticketIds: GroupTickets,
    title: Type.String({ minLength: 2, maxLength: 60 }),
    /** What the grid workers are to check; default a text naming the problem and its place. */
    body: Type.Optional(Type.String({ minLength: 5, maxLength: 2000 })),
    /** Default three days from now. */
    dueAt: Type.Optional(DateTime),
  },
  { additionalProperties: false },
);
export type StartHotspotSweepBody = Static<typeof StartHotspotSweepBody>;

export const HotspotActionResult = Type.Object({
  alert: HotspotAlertView,
  /** The project or broadcast started. */
  started: Ref,
  linked: Type.Integer(),
  failed: Type.Integer(),
});
export type HotspotActionResult = Static<typeof HotspotActionResult>;

// ── repeat requests ────────────────────────────────────────────────────────────

export const RepeatCheckQuery = Type.Object(
  {
    phone: Type.String({ minLength: 5, maxLength: 20 }),
    title: Type.String({ maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    address: Type.Optional(Type.String({ maxLength: 300 })),
    jurisdictionId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type RepeatCheckQuery = Static<typeof RepeatCheckQuery>;

export const RepeatMatch = Type.Object({
  ticket: LinkedTicket,
  receivedAt: DateTime,
  /** Whole days between the earlier request and now. */
  daysAgo: Type.Integer(),
  similarity: Type.Number(),
});
export type RepeatMatch = Static<typeof RepeatMatch>;

export const RepeatCheck = Type.Object({
  windowDays: Type.Integer(),
  match: Nullable(RepeatMatch),
});
export type RepeatCheck = Static<typeof RepeatCheck>;

export const TicketRepeats = Type.Object({
  /** The earlier request this one repeats. */
  repeatOf: Nullable(RepeatMatch),
  /** Later requests that repeat this one. */
  repeatedBy: Type.Array(LinkedTicket),
});
export type TicketRepeats = Static<typeof TicketRepeats>;
