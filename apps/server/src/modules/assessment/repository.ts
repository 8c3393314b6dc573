// SQL of the 三率 assessment: the rollups (kept per event, rebuilt from the
// trail), the naive count over the trail that they must equal, the units of the
// peer groups and the versioned configuration.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { HANDLING_STATES } from '@jiesu/contracts';
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
// Seconds summed over a month outgrow an int: that one is summed as a double.
const sums = sql.join(
  COUNTERS.map((c) =>
    c === 'dispatch_wait_s'
      ? sql`sum(${sql.ref(c)})::float8 AS ${sql.ref(c)}`
      : sql`sum(${sql.ref(c)})::int AS ${sql.ref(c)}`,
  ),
);

/**
 * The naive computation, straight from the event trail: every counted event of
 * the period, with the lead unit and the deadlines in force just before it
 * found among the ticket's earlier events. Grouped per unit, or per unit and
 * local day (what the rollups hold).
 */
function naive(
  tenantId: string,
  range: { from: Date; to: Date } | null,
  perDay: boolean,
  ticketIds?: readonly string[],
) {
  return sql<{ unit_id: string; day: string } & Counts>`
    WITH ev AS (
      SELECT e.action, e.to_state, e.at, e.payload,
        (SELECT t.received_at FROM tickets t WHERE t.id = e.ticket_id) AS received_at,
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
            AND p.action IN ('dispatch', 'review_objection', 'record_callback', 'review_callback', 'recalculate_deadlines')
            AND p.payload->'deadlines' IS NOT NULL
          ORDER BY p.seq DESC LIMIT 1) AS clock,
        -- [Handling] the completion deadline then running: the clock's, or as an approved
        -- extension or the end of a suspension (挂起) moved it since.
        CASE WHEN e.action IN ('give_feedback', 'reply_by_project') THEN
          (SELECT CASE p.action WHEN 'review_extension' THEN p.payload->>'proposedDueAt'
                                WHEN 'resume_handling' THEN p.payload->>'completionDueAt'
                                WHEN 'end_suspension' THEN p.payload->>'completionDueAt'
                                ELSE p.payload->'deadlines'->>'completionDueAt' END
             FROM ticket_events p
            WHERE p.ticket_id = e.ticket_id AND p.seq < e.seq
              AND ((p.action IN ('dispatch', 'review_objection', 'record_callback', 'review_callback', 'recalculate_deadlines')
                    AND p.payload->'deadlines' IS NOT NULL)
                OR (p.action = 'review_extension' AND p.payload->>'decision' = 'approve')
                OR p.action IN ('resume_handling', 'end_suspension'))
            ORDER BY p.seq DESC LIMIT 1)
        END AS completion_due,
        -- [Handling] the first reached contact since the response clock last started.
        CASE WHEN e.action = 'accept' THEN
          (SELECT min(c.at) FROM ticket_events c
            WHERE c.ticket_id = e.ticket_id AND c.seq < e.seq AND c.action = 'record_contact'
              AND c.payload->>'contactOutcome' = 'reached'
              AND c.seq > COALESCE((SELECT max(p.seq) FROM ticket_events p
                WHERE p.ticket_id = e.ticket_id AND p.seq < e.seq
                  AND p.action IN ('dispatch', 'review_objection', 'record_callback', 'review_callback')
                  AND p.payload->'deadlines' IS NOT NULL), 0))
        END AS first_contact
      FROM ticket_events e
      WHERE e.tenant_id = ${tenantId}
        AND e.action IN (${sql.join([...COUNTED_ACTIONS])})
        AND (e.action <> 'review_objection' OR e.payload->>'verdict' = 'upheld')
        AND (e.action <> 'reply_by_project' OR e.from_state IN ('dispatched', 'accepted', 'in_progress'))
        ${range ? sql`AND e.at >= ${range.from} AND e.at < ${range.to}` : sql``}
        ${ticketIds ? (ticketIds.length ? sql`AND e.ticket_id IN (${sql.join(ticketIds.map((id) => sql`${id}::uuid`))})` : sql`AND false`) : sql``}
    ), rows AS (
      SELECT lead_before AS unit_id, day,
        (action IN ('record_callback', 'review_callback') AND to_state = 'dispatched')::int AS dispatched,
        (action = 'accept')::int AS accepted,
        (action = 'accept' AND (clock->>'responseDueAt' IS NULL
          OR at <= (clock->>'responseDueAt')::timestamptz
          OR COALESCE(first_contact <= (clock->>'responseDueAt')::timestamptz, false)))::int AS accepted_on_time,
        (action IN ('give_feedback', 'reply_by_project'))::int AS completed,
        (action IN ('give_feedback', 'reply_by_project') AND (completion_due IS NULL
          OR at <= completion_due::timestamptz))::int AS completed_on_time,
        (action = 'record_callback')::int AS called_back,
        (action IN ('record_callback', 'rate'))::int AS rated,
        (action IN ('record_callback', 'rate') AND payload->>'solved' = 'true')::int AS solved,
        (action IN ('record_callback', 'rate') AND payload->>'satisfaction' = 'satisfied')::int AS satisfied,
        (action IN ('record_callback', 'rate') AND payload->>'satisfaction' = 'basically_satisfied')::int AS basically_satisfied,
        (action IN ('record_callback', 'rate') AND payload->>'satisfaction' = 'dissatisfied')::int AS dissatisfied,
        (action = 'review_objection')::int AS returns_upheld,
        (action = 'review_objection' AND payload->>'dispatchFault' = 'true')::int AS returns_fault,
        (action IN ('record_callback', 'review_callback') AND to_state = 'dispatched')::int AS reopened,
        0 AS repeats,
        (action = 'settle_deliberation')::int AS delegated_settled,
        0 AS first_dispatched,
        0::bigint AS dispatch_wait_s
      FROM ev WHERE action <> 'dispatch'
      UNION ALL
      SELECT (CASE action WHEN 'dispatch' THEN payload->>'leadUnitId'
                          ELSE payload->>'newLeadUnitId' END)::uuid, day,
        1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        (action = 'dispatch' AND COALESCE(payload->>'repeat' = 'true', false))::int,
        0,
        (action = 'dispatch')::int,
        CASE WHEN action = 'dispatch'
             THEN greatest(0, floor(extract(epoch FROM at - received_at)))::bigint
             ELSE 0 END
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

    /**
     * The naive per-unit counts of events in [from, to) (UTC instants); with
     * `ticketIds`, of those tickets' events only (what an accepted exclusion takes out).
     */
    async naiveCounts(tenantId: string, from: Date, to: Date, ticketIds?: readonly string[]) {
      const { rows } = await naive(tenantId, { from, to }, false, ticketIds).execute(db);
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

    /** Open tickets past their completion deadline at `now`, per lead unit (the partial index tickets_due). */
    async overdueOpen(tenantId: string, now: Date) {
      const { rows } = await sql<{ unit_id: string; n: number }>`
        SELECT lead_unit_id AS unit_id, count(*)::int AS n FROM tickets
         WHERE tenant_id = ${tenantId} AND state IN (${sql.join([...HANDLING_STATES])})
           AND completion_due_at < ${now} AND lead_unit_id IS NOT NULL
           AND paused_at IS NULL -- [Handling] not while suspended (挂起)
         GROUP BY lead_unit_id
      `.execute(db);
      return rows;
    },

    /** Patrol reports (三必到, 四必报) per grid path in [from, to): summed up the tree by the caller. */
    async patrolReports(tenantId: string, from: Date, to: Date) {
      const { rows } = await sql<{ path: string; n: number }>`
        SELECT g.path, count(*)::int AS n FROM patrol_reports r
          JOIN jurisdictions g ON g.id = r.grid_id
         WHERE r.tenant_id = ${tenantId} AND r.reported_at >= ${from} AND r.reported_at < ${to}
         GROUP BY g.path
      `.execute(db);
      return rows;
    },

    /** District-wide sums of the rollups per local month over [fromDay, toDay): the dispatch centre's figures. */
    async monthSums(tenantId: string, fromDay: string, toDay: string) {
      const { rows } = await sql<{ month: string } & Counts>`
        SELECT to_char(day, 'YYYY-MM') AS month, ${sums} FROM unit_day_rollups
         WHERE tenant_id = ${tenantId} AND day >= ${fromDay}::date AND day < ${toDay}::date
         GROUP BY 1 ORDER BY 1
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
