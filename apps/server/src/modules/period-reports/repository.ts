// All SQL of the period reports: headline counts, overdue tickets, top categories
// and places, escalations waiting for review, open red-list items. Every query
// is scoped by tenant and by the report's scope (the district, a township's
// territory, or the tickets a unit leads).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { HANDLING_STATES } from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';

export type TicketScope =
  | { kind: 'district' }
  /** Tickets placed in the township's territory; escalations and red items of its units. */
  | { kind: 'township'; path: string }
  /** Tickets the unit leads. */
  | { kind: 'unit'; unitId: string };

const handling = sql.join(HANDLING_STATES);

/** The scope as a condition on tickets `t`. */
function ticketsIn(scope: TicketScope): RawBuilder<boolean> {
  if (scope.kind === 'district') return sql<boolean>`true`;
  if (scope.kind === 'unit') return sql<boolean>`t.lead_unit_id = ${scope.unitId}`;
  return sql<boolean>`EXISTS (SELECT 1 FROM jurisdictions tj
    WHERE tj.id = t.jurisdiction_id AND tj.path LIKE ${scope.path + '%'})`;
}

/** The scope as a condition on a unit id column (escalations, red items). */
function unitIn(column: RawBuilder<unknown>, scope: TicketScope): RawBuilder<boolean> {
  if (scope.kind === 'district') return sql<boolean>`true`;
  if (scope.kind === 'unit') return sql<boolean>`${column} = ${scope.unitId}`;
  return sql<boolean>`${column} IN (SELECT su.id FROM units su
    JOIN jurisdictions sj ON sj.id = su.jurisdiction_id WHERE sj.path LIKE ${scope.path + '%'})`;
}

export interface Range {
  from: Date;
  to: Date;
}

export function periodReportsRepository(db: Kysely<DB>) {
  return {
    async tenant(tenantId: string) {
      return db
        .selectFrom('tenants')
        .select(['name', 'settings'])
        .where('id', '=', tenantId)
        .executeTakeFirst();
    },

    /** Every unit with its place: scopes, pickers and permissions read it. */
    async units(tenantId: string) {
      return db
        .selectFrom('units as u')
        .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
        .where('u.tenant_id', '=', tenantId)
        .where('u.active', '=', true)
        .select([
          'u.id',
          'u.name',
          'u.kind',
          'u.jurisdiction_id',
          'j.name as jurisdiction_name',
          'j.level',
          'j.path',
        ])
        .orderBy('j.path')
        .orderBy('u.name')
        .execute();
    },

    async jurisdiction(tenantId: string, id: string) {
      return db
        .selectFrom('jurisdictions')
        .select(['id', 'name', 'level', 'path'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async headline(tenantId: string, scope: TicketScope, r: Range, now: Date) {
      const { rows } = await sql<{
        received: number;
        dispatched: number;
        completed: number;
        completed_on_time: number;
        overdue_now: number;
      }>`
        SELECT
          count(*) FILTER (WHERE t.received_at >= ${r.from} AND t.received_at < ${r.to})::int AS received,
          count(*) FILTER (WHERE t.dispatched_at >= ${r.from} AND t.dispatched_at < ${r.to})::int AS dispatched,
          count(*) FILTER (WHERE t.feedback_at >= ${r.from} AND t.feedback_at < ${r.to})::int AS completed,
          count(*) FILTER (WHERE t.feedback_at >= ${r.from} AND t.feedback_at < ${r.to}
            AND t.feedback_at <= t.completion_due_at)::int AS completed_on_time,
          count(*) FILTER (WHERE t.state IN (${handling}) AND t.completion_due_at < ${now} AND t.paused_at IS NULL)::int AS overdue_now
        FROM tickets t
        WHERE t.tenant_id = ${tenantId} AND ${ticketsIn(scope)}
      `.execute(db);
      return rows[0]!;
    },

    /** Open tickets past their completion deadline, most overdue first. */
    async overdue(tenantId: string, scope: TicketScope, now: Date, limit: number) {
      const { rows } = await sql<{
        id: string;
        code: string;
        title: string;
        lead_unit_id: string | null;
        lead_unit_name: string | null;
        place: string;
        completion_due_at: Date;
        total: number;
      }>`
        SELECT t.id, t.code, t.title, t.lead_unit_id, u.name AS lead_unit_name,
          j.name AS place, t.completion_due_at, count(*) OVER ()::int AS total
        FROM tickets t
        LEFT JOIN units u ON u.id = t.lead_unit_id
        JOIN jurisdictions j ON j.id = t.jurisdiction_id
        WHERE t.tenant_id = ${tenantId} AND ${ticketsIn(scope)}
          AND t.state IN (${handling}) AND t.completion_due_at < ${now} AND t.paused_at IS NULL
        ORDER BY t.completion_due_at, t.code
        LIMIT ${limit}
      `.execute(db);
      return { total: rows[0]?.total ?? 0, rows };
    },

    /** Overdue now per lead unit, most first. */
    async overdueByUnit(tenantId: string, now: Date) {
      const { rows } = await sql<{ id: string; name: string; n: number }>`
        SELECT u.id, u.name, count(*)::int AS n
        FROM tickets t JOIN units u ON u.id = t.lead_unit_id
        WHERE t.tenant_id = ${tenantId} AND t.state IN (${handling}) AND t.completion_due_at < ${now} AND t.paused_at IS NULL
        GROUP BY u.id, u.name ORDER BY n DESC, u.name
      `.execute(db);
      return rows;
    },

    /**
     * Requests received per category in the period beside the previous period,
     * the most first (ties by category code).
     */
    async topCategories(
      tenantId: string,
      scope: TicketScope,
      r: Range,
      prev: Range,
      limit: number,
    ) {
      const { rows } = await sql<{ id: string; name: string; n: number; prev: number }>`
        SELECT c.id, c.name,
          count(*) FILTER (WHERE t.received_at >= ${r.from})::int AS n,
          count(*) FILTER (WHERE t.received_at < ${prev.to})::int AS prev
        FROM tickets t JOIN categories c ON c.id = t.category_id
        WHERE t.tenant_id = ${tenantId} AND ${ticketsIn(scope)}
          AND ((t.received_at >= ${r.from} AND t.received_at < ${r.to})
            OR (t.received_at >= ${prev.from} AND t.received_at < ${prev.to}))
        GROUP BY c.id, c.name, c.code
        HAVING count(*) FILTER (WHERE t.received_at >= ${r.from}) > 0
        ORDER BY n DESC, c.code
        LIMIT ${limit}
      `.execute(db);
      return rows;
    },

    /** Requests received per village/community (the ticket's place or the village above it). */
    async topVillages(tenantId: string, scope: TicketScope, r: Range, limit: number) {
      const { rows } = await sql<{ name: string; n: number }>`
        SELECT v.name, count(*)::int AS n
        FROM tickets t
        JOIN jurisdictions j ON j.id = t.jurisdiction_id
        JOIN jurisdictions v ON v.tenant_id = t.tenant_id AND v.level = 'village'
          AND j.path LIKE v.path || '%'
        WHERE t.tenant_id = ${tenantId} AND ${ticketsIn(scope)}
          AND t.received_at >= ${r.from} AND t.received_at < ${r.to}
        GROUP BY v.id, v.name ORDER BY n DESC, v.name
        LIMIT ${limit}
      `.execute(db);
      return rows;
    },

    /** Addresses with more than one request in the period (hot spots). */
    async topAddresses(tenantId: string, scope: TicketScope, r: Range, limit: number) {
      const { rows } = await sql<{ name: string; n: number }>`
        SELECT t.address AS name, count(*)::int AS n
        FROM tickets t
        WHERE t.tenant_id = ${tenantId} AND ${ticketsIn(scope)}
          AND t.received_at >= ${r.from} AND t.received_at < ${r.to} AND t.address <> ''
        GROUP BY t.address HAVING count(*) > 1
        ORDER BY n DESC, t.address
        LIMIT ${limit}
      `.execute(db);
      return rows;
    },

    /** Escalations (上交) waiting for review, raised by or addressed to a unit in scope. */
    async escalationsWaiting(tenantId: string, scope: TicketScope, limit: number) {
      const { rows } = await sql<{
        id: string;
        ticket_id: string;
        code: string;
        title: string;
        from_id: string;
        from_name: string;
        to_id: string;
        to_name: string;
        reason: string;
        raised_at: Date;
        total: number;
      }>`
        SELECT e.id, t.id AS ticket_id, t.code, t.title, f.id AS from_id, f.name AS from_name,
          tu.id AS to_id, tu.name AS to_name, e.reason, e.raised_at, count(*) OVER ()::int AS total
        FROM escalations e
        JOIN tickets t ON t.id = e.ticket_id
        JOIN units f ON f.id = e.from_unit_id
        JOIN units tu ON tu.id = e.to_unit_id
        WHERE e.tenant_id = ${tenantId} AND e.state = 'pending'
          AND (${unitIn(sql`e.from_unit_id`, scope)} OR ${unitIn(sql`e.to_unit_id`, scope)})
        ORDER BY e.raised_at
        LIMIT ${limit}
      `.execute(db);
      return { total: rows[0]?.total ?? 0, rows };
    },

    /**
     * Open red-list items (三色清单, red) of units in scope; null when the colour
     * lists are not in this database yet.
     */
    async redItems(tenantId: string, scope: TicketScope, limit: number) {
      const { rows: exists } = await sql<{
        t: string | null;
      }>`SELECT to_regclass('colour_items')::text AS t`.execute(db);
      if (!exists[0]?.t) return null;
      const { rows } = await sql<{
        id: string;
        title: string;
        level: string;
        unit_id: string | null;
        unit_name: string | null;
        code: string | null;
        clear_by: Date | null;
        created_at: Date;
        total: number;
      }>`
        SELECT ci.id::text AS id, ci.title, ci.level, u.id AS unit_id, u.name AS unit_name,
          t.code, ci.clear_by, ci.created_at, count(*) OVER ()::int AS total
        FROM colour_items ci
        LEFT JOIN units u ON u.id = ci.unit_id
        LEFT JOIN tickets t ON t.id = ci.ticket_id
        WHERE ci.tenant_id = ${tenantId} AND ci.colour = 'red' AND ci.status = 'open'
          AND ${unitIn(sql`ci.unit_id`, scope)}
        ORDER BY ci.clear_by NULLS LAST, ci.created_at
        LIMIT ${limit}
      `.execute(db);
      return { total: rows[0]?.total ?? 0, rows };
    },
  };
}
export type PeriodReportsRepository = ReturnType<typeof periodReportsRepository>;
