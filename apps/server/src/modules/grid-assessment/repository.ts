// The SQL of 网格员考核 beyond what the duties module reads: the grid workers
// of a month with their grids, the reports they made, the tickets their grids
// handled (passed down and sent back up, or led) with the deadline, and the
// versions of the district's formula.
import { sql, type Insertable, type Kysely, type SqlBool } from 'kysely';
import type { DB, GridAssessmentFormulaTable } from '../../db/schema.js';
import { oneOf } from '../../db/fragments.js';

export function assessmentRepository(db: Kysely<DB>) {
  return {
    /** Grid workers with a login on duty on `day`, with each grid, its grade, village and township. */
    async workers(tenantId: string, day: string, townshipId?: string) {
      let q = db
        .selectFrom('grid_members as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .innerJoin('jurisdictions as g', 'g.id', 'm.jurisdiction_id')
        .innerJoin('jurisdictions as v', 'v.id', 'g.parent_id')
        .leftJoin('jurisdictions as t', 't.id', 'v.parent_id')
        .select([
          'u.id as user_id',
          'u.display_name as name',
          'g.id as grid_id',
          'g.name as grid_name',
          'g.grade',
          'g.path as grid_path',
          'v.id as village_id',
          'v.name as village_name',
          't.id as township_id',
          't.name as township_name',
        ])
        .where('m.tenant_id', '=', tenantId)
        .where('m.role', '=', 'worker')
        .where('g.level', '=', 'grid')
        .where(
          sql<SqlBool>`m.since <= ${day}::date AND (m.until IS NULL OR m.until > ${day}::date)`,
        );
      if (townshipId) q = q.where('t.id', '=', townshipId);
      return q.orderBy('g.code').execute();
    },

    /** Reports made per worker in [start, end). */
    async reportCounts(tenantId: string, userIds: string[], start: Date, end: Date) {
      if (!userIds.length) return [];
      return db
        .selectFrom('patrol_reports')
        .select(['worker_user_id', (eb) => eb.fn.countAll<string>().as('n')])
        .where('tenant_id', '=', tenantId)
        .where(oneOf('worker_user_id', userIds))
        .where('reported_at', '>=', start)
        .where('reported_at', '<', end)
        .groupBy('worker_user_id')
        .execute();
    },

    /**
     * Tickets a grid handled in [start, end): passed down to the grid (or its worker)
     * and sent back up, or led by the grid's unit and fed back; with when it was done
     * and the completion deadline.
     */
    async ticketsHandled(tenantId: string, gridIds: string[], start: Date, end: Date) {
      if (!gridIds.length) return [];
      const r = await sql<{
        grid_id: string;
        ticket_id: string;
        done_at: Date;
        due_at: Date | null;
      }>`
        SELECT un.jurisdiction_id AS grid_id, d.ticket_id, d.ended_at AS done_at,
               t.completion_due_at AS due_at
        FROM ticket_delegations d
        JOIN units un ON un.id = d.to_unit_id
        JOIN tickets t ON t.id = d.ticket_id
        WHERE d.tenant_id = ${tenantId} AND d.ended_how = 'sent_up'
          AND d.ended_at >= ${start} AND d.ended_at < ${end}
          AND un.jurisdiction_id IN (${sql.join(gridIds)})
        UNION ALL
        SELECT un.jurisdiction_id, t.id, t.feedback_at, t.completion_due_at
        FROM tickets t
        JOIN units un ON un.id = t.lead_unit_id
        WHERE t.tenant_id = ${tenantId} AND un.kind = 'grid'
          AND t.feedback_at >= ${start} AND t.feedback_at < ${end}
          AND un.jurisdiction_id IN (${sql.join(gridIds)})
      `.execute(db);
      return r.rows;
    },

    async formulas(tenantId: string) {
      return db
        .selectFrom('grid_assessment_formulas as f')
        .leftJoin('users as u', 'u.id', 'f.created_by')
        .selectAll('f')
        .select('u.display_name as created_by_name')
        .where('f.tenant_id', '=', tenantId)
        .orderBy('f.version', 'desc')
        .execute();
    },

    async insertFormula(row: Insertable<GridAssessmentFormulaTable>) {
      await db.insertInto('grid_assessment_formulas').values(row).execute();
    },
  };
}
