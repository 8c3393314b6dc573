// SQL of the 三率 assessment: the rollups (kept per event, rebuilt from the
// trail), the naive count over the trail that they must equal, the units of the
// peer groups and the versioned configuration.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB, UnitAssessmentConfigTable } from '../../db/schema.js';
import type { Insertable } from 'kysely';
import { COUNTED_ACTIONS, COUNTERS, type Counts, type Delta } from './rollups.js';

/** The tenant's offset from UTC in minutes (default: China, +08:00). */
const offsetOf = (tenantId: string) =>
  sql<number>`COALESCE((SELECT (settings->>'utcOffsetMinutes')::int FROM tenants WHERE id = ${tenantId}), 480)`;

/** The local day of a timestamp expression, under the tenant's offset. */
const localDay = (at: RawBuilder<unknown>, tenantId: string) =>
  sql`((${at} AT TIME ZONE 'UTC') + make_interval(mins => ${offsetOf(tenantId)}))::date`;

const cols = sql.join(COUNTERS.map((c) => sql.ref(c)));
const sums = sql.join(COUNTERS.map((c) => sql`sum(${sql.ref(c)})::int AS ${sql.ref(c)}`));

/**
 * The naive computation, straight from the event trail: every counted event of
 * the period, with the lead unit and the deadlines in force just before it
 * found among the ticket's earlier events. Grouped per unit, or per unit and
 * local day (what the rollups hold).
 */
function naive(tenantId: string, range: { from: Date; to: Date } | null, perDay: boolean) {
  return sql<{ unit_id: string; day: string } & Counts>`
    WITH ev AS (
      SELECT e.action, e.to_state, e.at, e.payload,
        ${localDay(sql`e.at`, tenantId)} AS day,
        (SELECT (CASE p.action WHEN 'dispatch' THEN p.payload->>'leadUnitId'
                               WHEN 'review_objection' THEN p.payload->>'newLeadUnitId'
                               ELSE p.payload->>'toUnitId' END)::uuid
           FROM ticket_events p
          WHERE p.ticket_id = e.ticket_id AND p.seq < e.seq
            AND (p.action = 'dispatch'
              OR (p.action = 'review_objection' AND p.payload->>'verdict' = 'upheld')
              OR (p.action = 'review_escalation' AND p.payload->>'verdict' = 'accepted'))
          ORDER BY p.seq DESC LIMIT 1) AS lead_before,
        (SELECT p.payload->'deadlines'
           FROM ticket_events p
          WHERE p.ticket_id = e.ticket_id AND p.seq < e.seq
            AND p.action IN ('dispatch', 'review_objection', 'record_callback', 'recalculate_deadlines')
            AND p.payload->'deadlines' IS NOT NULL
          ORDER BY p.seq DESC LIMIT 1) AS clock
      FROM ticket_events e
      WHERE e.tenant_id = ${tenantId}
        AND e.action IN (${sql.join([...COUNTED_ACTIONS])})
        AND (e.action <> 'review_objection' OR e.payload->>'verdict' = 'upheld')
        AND (e.action <> 'reply_by_project' OR e.from_state IN ('dispatched', 'accepted', 'in_progress'))
        ${range ? sql`AND e.at >= ${range.from} AND e.at < ${range.to}` : sql``}
    ), rows AS (
      SELECT lead_before AS unit_id, day,
        (action = 'record_callback' AND to_state = 'dispatched')::int AS dispatched,
        (action = 'accept')::int AS accepted,
        (action = 'accept' AND (clock->>'responseDueAt' IS NULL
          OR at <= (clock->>'responseDueAt')::timestamptz))::int AS accepted_on_time,
        (action IN ('give_feedback', 'reply_by_project'))::int AS completed,
        (action IN ('give_feedback', 'reply_by_project') AND (clock->>'completionDueAt' IS NULL
          OR at <= (clock->>'completionDueAt')::timestamptz))::int AS completed_on_time,
        (action = 'record_callback')::int AS called_back,
        (action IN ('record_callback', 'rate'))::int AS rated,
        (action IN ('record_callback', 'rate') AND payload->>'solved' = 'true')::int AS solved,
        (action IN ('record_callback', 'rate') AND payload->>'satisfaction' = 'satisfied')::int AS satisfied,
        (action IN ('record_callback', 'rate') AND payload->>'satisfaction' = 'basically_satisfied')::int AS basically_satisfied,
        (action IN ('record_callback', 'rate') AND payload->>'satisfaction' = 'dissatisfied')::int AS dissatisfied,
        (action = 'review_objection')::int AS returns_upheld,
        (action = 'review_objection' AND payload->>'dispatchFault' = 'true')::int AS returns_fault,
        (action = 'record_callback' AND to_state = 'dispatched')::int AS reopened
      FROM ev WHERE action <> 'dispatch'
      UNION ALL
      SELECT (CASE action WHEN 'dispatch' THEN payload->>'leadUnitId'
                          ELSE payload->>'newLeadUnitId' END)::uuid, day,
        1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
      FROM ev WHERE action IN ('dispatch', 'review_objection')
    )
    SELECT unit_id, ${perDay ? sql`to_char(day, 'YYYY-MM-DD')` : sql`NULL`} AS day, ${sums}
      FROM rows WHERE unit_id IS NOT NULL
     GROUP BY unit_id${perDay ? sql`, day` : sql``}
  `;
}

export function assessmentRepository(db: Kysely<DB>) {
  return {
    /** Adds one event's deltas (sorted by unit, so concurrent actions lock rows in one order). */
    async applyDeltas(tenantId: string, at: Date, deltas: readonly Delta[]): Promise<void> {
      for (const d of deltas) {
        const values = sql.join(COUNTERS.map((c) => sql`${d.counts[c] ?? 0}`));
        const set = sql.join(
          COUNTERS.map(
            (c) => sql`${sql.ref(c)} = unit_day_rollups.${sql.ref(c)} + excluded.${sql.ref(c)}`,
          ),
        );
        await sql`
          INSERT INTO unit_day_rollups (tenant_id, unit_id, day, ${cols})
          VALUES (${tenantId}, ${d.unitId}, ${localDay(sql`${at}::timestamptz`, tenantId)}, ${values})
          ON CONFLICT (tenant_id, day, unit_id) DO UPDATE SET ${set}
        `.execute(db);
      }
    },

    /** Rebuilds the tenant's rollups from its whole event trail (demo seed, repair). */
    async rebuild(tenantId: string): Promise<void> {
      await db.deleteFrom('unit_day_rollups').where('tenant_id', '=', tenantId).execute();
      await sql`
        INSERT INTO unit_day_rollups (tenant_id, unit_id, day, ${cols})
        SELECT ${tenantId}, unit_id, day::date, ${cols} FROM (${naive(tenantId, null, true)}) n
      `.execute(db);
    },

    /** The naive per-unit counts of events in [from, to) (UTC instants). */
    async naiveCounts(tenantId: string, from: Date, to: Date) {
      const { rows } = await naive(tenantId, { from, to }, false).execute(db);
      return rows;
    },

    /** Per-unit sums of the rollups over local days [fromDay, toDay). */
    async rollupCounts(tenantId: string, fromDay: string, toDay: string) {
      const { rows } = await sql<{ unit_id: string } & Counts>`
        SELECT unit_id, ${sums} FROM unit_day_rollups
         WHERE tenant_id = ${tenantId} AND day >= ${fromDay}::date AND day < ${toDay}::date
         GROUP BY unit_id
      `.execute(db);
      return rows;
    },

    async tenantOffset(tenantId: string): Promise<number> {
      const { rows } = await sql<{ o: number }>`SELECT ${offsetOf(tenantId)} AS o`.execute(db);
      return Number(rows[0]!.o);
    },

    /** Active units with their place: the candidates of every peer group. */
    units(tenantId: string) {
      return db
        .selectFrom('units as u')
        .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
        .select([
          'u.id',
          'u.name',
          'u.kind',
          'j.level',
          'j.id as jurisdiction_id',
          'j.name as jurisdiction_name',
          'j.parent_id as parent_jurisdiction_id',
          'j.path',
          'j.population',
        ])
        .where('u.tenant_id', '=', tenantId)
        .where('u.active', '=', true)
        .orderBy('u.name')
        .execute();
    },

    configs(tenantId: string) {
      return db
        .selectFrom('unit_assessment_configs as c')
        .leftJoin('users as u', 'u.id', 'c.created_by')
        .selectAll('c')
        .select('u.display_name as created_by_name')
        .where('c.tenant_id', '=', tenantId)
        .orderBy('c.version', 'desc')
        .execute();
    },

    async insertConfig(row: Insertable<UnitAssessmentConfigTable>) {
      await db
        .insertInto('unit_assessment_configs')
        .values({ ...row, weights: JSON.stringify(row.weights) })
        .execute();
    },
  };
}
export type AssessmentRepository = ReturnType<typeof assessmentRepository>;
