// SQL of the dashboard (驾驶舱): the intake rollups (kept per event, rebuilt from
// the trail), the naive count over the trail that they must equal, and the reads
// of the dashboard, which touch only the rollups, the categories and the
// jurisdictions.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';
import { DASHBOARD_COUNTERS, type DashboardCounts } from './rollups.js';

const NIL = sql`'00000000-0000-0000-0000-000000000000'::uuid`;

/** The tenant's offset from UTC in minutes (default: China, +08:00). */
const offsetOf = (tenantId: string) =>
  sql<number>`COALESCE((SELECT (settings->>'utcOffsetMinutes')::int FROM tenants WHERE id = ${tenantId}), 480)`;

/** The local day of a timestamp expression, under the tenant's offset. */
const localDay = (at: RawBuilder<unknown>, tenantId: string) =>
  sql`((${at} AT TIME ZONE 'UTC') + make_interval(mins => ${offsetOf(tenantId)}))::date`;

/** The top-level category of a category path ('/root/…/leaf/'). */
const topCategory = (path: RawBuilder<unknown>) => sql`split_part(${path}, '/', 2)::uuid`;

/** The township and the village (or community) a jurisdiction lies in, if any. */
const ancestor = (j: string, level: 'township' | 'village') =>
  sql`(SELECT a.id FROM jurisdictions a
        WHERE a.tenant_id = ${sql.ref(`${j}.tenant_id`)} AND a.level = ${level}
          AND ${sql.ref(`${j}.path`)} LIKE a.path || '%' LIMIT 1)`;

const cols = sql.join(DASHBOARD_COUNTERS.map((c) => sql.ref(c)));
const sums = sql.join(DASHBOARD_COUNTERS.map((c) => sql`sum(${sql.ref(c)})::int AS ${sql.ref(c)}`));
const KEY = sql`(tenant_id, day, category_id, (COALESCE(township_id, ${NIL})), (COALESCE(village_id, ${NIL})), channel)`;

export interface RollupKeyRow extends DashboardCounts {
  day: string;
  category_id: string;
  township_id: string | null;
  village_id: string | null;
  channel: string;
}

/**
 * The naive count, straight from the event trail: every counting event with its
 * ticket's top-level category, township, village and channel, per local day.
 */
function naive(tenantId: string) {
  return sql<RollupKeyRow>`
    WITH places AS MATERIALIZED (
      SELECT j.id, ${ancestor('j', 'township')} AS township_id, ${ancestor('j', 'village')} AS village_id
        FROM jurisdictions j WHERE j.tenant_id = ${tenantId}
    ), ev AS (
      SELECT ${localDay(sql`e.at`, tenantId)} AS day, ${topCategory(sql`c.path`)} AS category_id,
        p.township_id, p.village_id, t.channel,
        -- IS TRUE: a comparison with a missing state or field counts 0, never NULL.
        (e.action = 'create')::int AS received,
        ((e.to_state = 'closed' AND e.from_state IS DISTINCT FROM 'closed') IS TRUE)::int AS closed,
        ((e.from_state = 'closed' AND e.to_state <> 'closed') IS TRUE)::int AS reopened,
        (e.action IN ('record_callback', 'rate'))::int AS rated,
        ((e.action IN ('record_callback', 'rate') AND e.payload->>'solved' = 'true') IS TRUE)::int AS solved,
        ((e.action IN ('record_callback', 'rate')
          AND e.payload->>'satisfaction' = 'satisfied') IS TRUE)::int AS satisfied,
        ((e.action IN ('record_callback', 'rate')
          AND e.payload->>'satisfaction' = 'basically_satisfied') IS TRUE)::int AS basically_satisfied
      FROM ticket_events e
      JOIN tickets t ON t.id = e.ticket_id
      JOIN categories c ON c.id = t.category_id
      JOIN places p ON p.id = t.jurisdiction_id
      WHERE e.tenant_id = ${tenantId}
        AND (e.action IN ('create', 'record_callback', 'rate') OR e.to_state = 'closed' OR e.from_state = 'closed')
    )
    SELECT to_char(day, 'YYYY-MM-DD') AS day, category_id, township_id, village_id, channel, ${sums}
      FROM ev
     GROUP BY day, category_id, township_id, village_id, channel
    HAVING ${sql.join(
      DASHBOARD_COUNTERS.map((c) => sql`sum(${sql.ref(c)})`),
      sql` + `,
    )} > 0
  `;
}

/** Which rows the dashboard reads: the whole district, a township's or a village's. */
export type Area = { township: string } | { village: string } | null;

const areaFilter = (area: Area) =>
  area === null
    ? sql``
    : 'township' in area
      ? sql`AND township_id = ${area.township}`
      : sql`AND village_id = ${area.village}`;

export interface SliceRow extends DashboardCounts {
  set: 'day' | 'category' | 'village' | 'channel' | 'total';
  day: string | null;
  category_id: string | null;
  village_id: string | null;
  channel: string | null;
}

export function dashboardRepository(db: Kysely<DB>) {
  return {
    /** Adds one event's counts under its ticket's key (the ticket row is read in the same transaction). */
    async apply(
      tenantId: string,
      ticketId: string,
      at: Date,
      counts: Partial<DashboardCounts>,
    ): Promise<void> {
      const values = sql.join(DASHBOARD_COUNTERS.map((c) => sql`${counts[c] ?? 0}::int`));
      const set = sql.join(
        DASHBOARD_COUNTERS.map(
          (c) => sql`${sql.ref(c)} = intake_day_rollups.${sql.ref(c)} + excluded.${sql.ref(c)}`,
        ),
      );
      await sql`
        INSERT INTO intake_day_rollups (tenant_id, day, category_id, township_id, village_id, channel, ${cols})
        SELECT t.tenant_id, ${localDay(sql`${at}::timestamptz`, tenantId)}, ${topCategory(sql`c.path`)},
          ${ancestor('j', 'township')}, ${ancestor('j', 'village')}, t.channel, ${values}
          FROM tickets t
          JOIN categories c ON c.id = t.category_id
          JOIN jurisdictions j ON j.id = t.jurisdiction_id
         WHERE t.id = ${ticketId} AND t.tenant_id = ${tenantId}
        ON CONFLICT ${KEY} DO UPDATE SET ${set}
      `.execute(db);
    },

    /** Rebuilds the tenant's rollups from its whole event trail (demo seed, repair). */
    async rebuild(tenantId: string): Promise<void> {
      await db.deleteFrom('intake_day_rollups').where('tenant_id', '=', tenantId).execute();
      await sql`
        INSERT INTO intake_day_rollups (tenant_id, day, category_id, township_id, village_id, channel, ${cols})
        SELECT ${tenantId}, day::date, category_id, township_id, village_id, channel, ${cols}
          FROM (${naive(tenantId)}) n
      `.execute(db);
    },

    /** The naive rows, per full key (what the rollups must hold). */
    async naiveRows(tenantId: string): Promise<RollupKeyRow[]> {
      return (await naive(tenantId).execute(db)).rows;
    },

    /** The stored rows, per full key. */
    async rollupRows(tenantId: string): Promise<RollupKeyRow[]> {
      const { rows } = await sql<RollupKeyRow>`
        SELECT to_char(day, 'YYYY-MM-DD') AS day, category_id, township_id, village_id, channel, ${cols}
          FROM intake_day_rollups WHERE tenant_id = ${tenantId}
      `.execute(db);
      return rows;
    },

    /**
     * The dashboard's sums over local days [from, to] in one pass over the
     * rollups: per day, per top-level category, per village, per channel, and the total.
     */
    async slices(tenantId: string, from: string, to: string, area: Area): Promise<SliceRow[]> {
      const { rows } = await sql<SliceRow>`
        SELECT CASE WHEN GROUPING(day) = 0 THEN 'day'
                    WHEN GROUPING(category_id) = 0 THEN 'category'
                    WHEN GROUPING(village_id) = 0 THEN 'village'
                    WHEN GROUPING(channel) = 0 THEN 'channel' ELSE 'total' END AS set,
               to_char(day, 'YYYY-MM-DD') AS day, category_id, village_id, channel, ${sums}
          FROM intake_day_rollups
         WHERE tenant_id = ${tenantId} AND day >= ${from}::date AND day <= ${to}::date ${areaFilter(area)}
         GROUP BY GROUPING SETS ((day), (category_id), (village_id), (channel), ())
      `.execute(db);
      return rows;
    },

    /** The tenant's villages/communities with their township, population, centre and boundary. */
    villages(tenantId: string) {
      return db
        .selectFrom('jurisdictions as v')
        .leftJoin('jurisdictions as t', (j) =>
          j.onRef('t.id', '=', 'v.parent_id').on('t.level', '=', 'township'),
        )
        .select([
          'v.id',
          'v.name',
          'v.population',
          'v.centre_lng',
          'v.centre_lat',
          'v.boundary',
          'v.code',
          't.id as township_id',
          't.name as township_name',
        ])
        .where('v.tenant_id', '=', tenantId)
        .where('v.level', '=', 'village')
        .orderBy('v.code')
        .execute();
    },

    townships(tenantId: string) {
      return db
        .selectFrom('jurisdictions')
        .select(['id', 'name', 'population'])
        .where('tenant_id', '=', tenantId)
        .where('level', '=', 'township')
        .orderBy('code')
        .execute();
    },

    /** The top-level categories (their names for the chart). */
    topCategories(tenantId: string) {
      return db
        .selectFrom('categories')
        .select(['id', 'name'])
        .where('tenant_id', '=', tenantId)
        .where('parent_id', 'is', null)
        .orderBy('sort')
        .orderBy('code')
        .execute();
    },

    async today(tenantId: string, now: Date): Promise<string> {
      const { rows } = await sql<{
        d: string;
      }>`SELECT to_char(${localDay(sql`${now}::timestamptz`, tenantId)}, 'YYYY-MM-DD') AS d`.execute(
        db,
      );
      return rows[0]!.d;
    },
  };
}
export type DashboardRepository = ReturnType<typeof dashboardRepository>;
