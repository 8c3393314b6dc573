// All SQL of the duties: the worker's grids, patrols, visits, the rules, the
// households owed visits, and patrol reports with their counts.
import { sql, type Insertable, type Kysely, type SqlBool, type Updateable } from 'kysely';
import type {
  DB,
  PatrolReportTable,
  PatrolTable,
  TenantSettings,
  VisitTable,
} from '../../db/schema.js';
import { oneOf } from '../../db/fragments.js';

export function dutiesRepository(db: Kysely<DB>) {
  return {
    async tenantSettings(tenantId: string): Promise<TenantSettings | undefined> {
      const row = await db
        .selectFrom('tenants')
        .select('settings')
        .where('id', '=', tenantId)
        .executeTakeFirst();
      return row?.settings;
    },

    /**
     * The grids a user works as grid worker: a current grid_members row (role worker)
     * linked to the user, or a grid_worker role at a grid unit.
     */
    async workerGrids(tenantId: string, userId: string, day: string) {
      return db
        .selectFrom('jurisdictions as g')
        .select(['g.id', 'g.name', 'g.path'])
        .where('g.tenant_id', '=', tenantId)
        .where('g.level', '=', 'grid')
        .where((eb) =>
          eb.or([
            eb(
              'g.id',
              'in',
              eb
                .selectFrom('grid_members as m')
                .select('m.jurisdiction_id')
                .where('m.tenant_id', '=', tenantId)
                .where('m.user_id', '=', userId)
                .where('m.role', '=', 'worker')
                .where(
                  sql<SqlBool>`m.since <= ${day}::date AND (m.until IS NULL OR m.until > ${day}::date)`,
                ),
            ),
            eb(
              'g.id',
              'in',
              eb
                .selectFrom('role_assignments as ra')
                .innerJoin('units as u', 'u.id', 'ra.unit_id')
                .select('u.jurisdiction_id')
                .where('ra.tenant_id', '=', tenantId)
                .where('ra.user_id', '=', userId)
                .where('ra.role', '=', 'grid_worker')
                .where('u.active', '=', true),
            ),
          ]),
        )
        .orderBy('g.code')
        .execute();
    },

    /** The grid workers of grids: current linked members and grid_worker roles at grid units. */
    async gridWorkers(tenantId: string, gridIds: string[], day: string) {
      if (!gridIds.length) return [];
      const members = await db
        .selectFrom('grid_members as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['m.jurisdiction_id as grid_id', 'u.id', 'u.display_name as name'])
        .where('m.tenant_id', '=', tenantId)
        .where(oneOf('m.jurisdiction_id', gridIds))
        .where('m.role', '=', 'worker')
        .where(
          sql<SqlBool>`m.since <= ${day}::date AND (m.until IS NULL OR m.until > ${day}::date)`,
        )
        .execute();
      const roles = await db
        .selectFrom('role_assignments as ra')
        .innerJoin('units as un', 'un.id', 'ra.unit_id')
        .innerJoin('users as u', 'u.id', 'ra.user_id')
        .select(['un.jurisdiction_id as grid_id', 'u.id', 'u.display_name as name'])
        .where('ra.tenant_id', '=', tenantId)
        .where('ra.role', '=', 'grid_worker')
        .where('u.active', '=', true)
        .where(oneOf('un.jurisdiction_id', gridIds))
        .execute();
      const seen = new Set<string>();
      return [...members, ...roles].filter((r) => {
        const k = `${r.grid_id}/${r.id}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
    },

    /** The grid unit (kind grid) at a grid, if any: a ticket's origin unit. */
    async gridUnit(tenantId: string, gridId: string) {
      return db
        .selectFrom('units')
        .select(['id', 'name'])
        .where('tenant_id', '=', tenantId)
        .where('jurisdiction_id', '=', gridId)
        .where('kind', '=', 'grid')
        .executeTakeFirst();
    },

    async userName(userId: string): Promise<string> {
      const u = await db
        .selectFrom('users')
        .select('display_name')
        .where('id', '=', userId)
        .executeTakeFirst();
      return u?.display_name ?? '';
    },

    // ── rules ──
    async rules(tenantId: string) {
      return db
        .selectFrom('duty_rules')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst();
    },

    async saveRules(row: Insertable<DB['duty_rules']>) {
      await db
        .insertInto('duty_rules')
        .values(row)
        .onConflict((oc) =>
          oc.column('tenant_id').doUpdateSet({
            patrols_per_day: row.patrols_per_day,
            key_visits_per_month: row.key_visits_per_month,
            five_visit_kinds: row.five_visit_kinds,
            five_visits_per_month: row.five_visits_per_month,
            updated_by: row.updated_by,
            updated_at: row.updated_at,
          }),
        )
        .execute();
    },

    async residentKinds(tenantId: string) {
      return db
        .selectFrom('resident_kinds')
        .select(['code', 'label', 'key_population'])
        .where('tenant_id', '=', tenantId)
        .where('active', '=', true)
        .orderBy('sort')
        .orderBy('code')
        .execute();
    },

    // ── patrols ──
    async insertPatrol(row: Insertable<PatrolTable>) {
      await db.insertInto('patrols').values(row).execute();
    },

    async patrol(tenantId: string, id: string) {
      return db
        .selectFrom('patrols as p')
        .innerJoin('jurisdictions as g', 'g.id', 'p.grid_id')
        .innerJoin('users as u', 'u.id', 'p.worker_user_id')
        .selectAll('p')
        .select(['g.name as grid_name', 'g.path as grid_path', 'u.display_name as worker_name'])
        .where('p.tenant_id', '=', tenantId)
        .where('p.id', '=', id)
        .executeTakeFirst();
    },

    async openPatrol(tenantId: string, userId: string) {
      const r = await db
        .selectFrom('patrols')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('worker_user_id', '=', userId)
        .where('ended_at', 'is', null)
        .orderBy('started_at', 'desc')
        .executeTakeFirst();
      return r?.id;
    },

    async updatePatrol(tenantId: string, id: string, patch: Updateable<PatrolTable>) {
      await db
        .updateTable('patrols')
        .set(patch)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },

    async patrols(
      tenantId: string,
      f: { gridIds?: string[]; paths?: string[]; workerUserId?: string; start?: Date; end?: Date },
      page: { limit: number; offset: number },
    ) {
      let q = db
        .selectFrom('patrols as p')
        .innerJoin('jurisdictions as g', 'g.id', 'p.grid_id')
        .innerJoin('users as u', 'u.id', 'p.worker_user_id')
        .where('p.tenant_id', '=', tenantId);
      if (f.gridIds) q = q.where(oneOf('p.grid_id', f.gridIds));
      if (f.paths) {
        const paths = f.paths;
        q = paths.length
          ? q.where((eb) => eb.or(paths.map((p) => eb('g.path', 'like', `${p}%`))))
          : q.where(sql<SqlBool>`false`);
      }
      if (f.workerUserId) q = q.where('p.worker_user_id', '=', f.workerUserId);
      if (f.start) q = q.where('p.started_at', '>=', f.start);
      if (f.end) q = q.where('p.started_at', '<', f.end);
      const [rows, total] = await Promise.all([
        q
          .selectAll('p')
          .select(['g.name as grid_name', 'g.path as grid_path', 'u.display_name as worker_name'])
          .orderBy('p.started_at', 'desc')
          .limit(page.limit)
          .offset(page.offset)
          .execute(),
        q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },

    /** Start times of the patrols of grids in [start, end). */
    async patrolStarts(tenantId: string, gridIds: string[], start: Date, end: Date) {
      if (!gridIds.length) return [];
      return db
        .selectFrom('patrols')
        .select(['grid_id', 'worker_user_id', 'started_at'])
        .where('tenant_id', '=', tenantId)
        .where(oneOf('grid_id', gridIds))
        .where('started_at', '>=', start)
        .where('started_at', '<', end)
        .execute();
    },

    /** Attachments uploaded by the user and not yet on a ticket. */
    async ownAttachments(tenantId: string, userId: string, ids: string[]) {
      if (!ids.length) return 0;
      const r = await db
        .selectFrom('attachments')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('tenant_id', '=', tenantId)
        .where('uploaded_by', '=', userId)
        .where(oneOf('id', ids))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    // ── households and visits ──
    async household(tenantId: string, id: string) {
      return db
        .selectFrom('households')
        .select(['id', 'grid_id', 'address'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** The households of grids with the kinds of their present residents. */
    async householdsWithKinds(tenantId: string, gridIds: string[]) {
      if (!gridIds.length) return [];
      return db
        .selectFrom('households as h')
        .select([
          'h.id',
          'h.grid_id',
          'h.address',
          sql<
            string[]
          >`coalesce((SELECT array_agg(DISTINCT k) FROM residents r, unnest(r.kinds) AS k
            WHERE r.household_id = h.id AND r.left_at IS NULL), '{}')`.as('kinds'),
        ])
        .where('h.tenant_id', '=', tenantId)
        .where(oneOf('h.grid_id', gridIds))
        .orderBy('h.address')
        .execute();
    },

    async insertVisit(row: Insertable<VisitTable>) {
      await db.insertInto('visits').values(row).execute();
    },

    async visit(tenantId: string, id: string) {
      return visitRows(tenantId).where('v.id', '=', id).executeTakeFirst();
    },

    async markVisitDone(tenantId: string, id: string, at: Date, note: string | null) {
      await db
        .updateTable('visits')
        .set({ done_at: at, ...(note !== null ? { note } : {}) })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },

    /** Visits of grids done in [start, end), or planned and not done (any day). */
    async visitsOf(tenantId: string, gridIds: string[], start: Date, end: Date) {
      if (!gridIds.length) return [];
      return visitRows(tenantId)
        .where(oneOf('v.grid_id', gridIds))
        .where((eb) =>
          eb.or([
            eb.and([eb('v.done_at', '>=', start), eb('v.done_at', '<', end)]),
            eb('v.done_at', 'is', null),
          ]),
        )
        .orderBy('v.planned_for')
        .execute();
    },

    /** The last done visit per household. */
    async lastVisits(tenantId: string, householdIds: string[]) {
      if (!householdIds.length) return [];
      return db
        .selectFrom('visits')
        .select(['household_id', (eb) => eb.fn.max('done_at').as('last')])
        .where('tenant_id', '=', tenantId)
        .where(oneOf('household_id', householdIds))
        .where('done_at', 'is not', null)
        .groupBy('household_id')
        .execute();
    },

    // ── reports ──
    async insertReport(row: Insertable<PatrolReportTable>) {
      await db.insertInto('patrol_reports').values(row).execute();
    },

    async reports(
      tenantId: string,
      f: { gridIds?: string[]; paths?: string[]; start?: Date; end?: Date; id?: string },
      page: { limit: number; offset: number },
    ) {
      let q = db
        .selectFrom('patrol_reports as r')
        .innerJoin('jurisdictions as g', 'g.id', 'r.grid_id')
        .innerJoin('users as u', 'u.id', 'r.worker_user_id')
        .leftJoin('tickets as t', 't.id', 'r.ticket_id')
        .where('r.tenant_id', '=', tenantId);
      if (f.id) q = q.where('r.id', '=', f.id);
      if (f.gridIds) q = q.where(oneOf('r.grid_id', f.gridIds));
      if (f.paths) {
        const paths = f.paths;
        q = paths.length
          ? q.where((eb) => eb.or(paths.map((p) => eb('g.path', 'like', `${p}%`))))
          : q.where(sql<SqlBool>`false`);
      }
      if (f.start) q = q.where('r.reported_at', '>=', f.start);
      if (f.end) q = q.where('r.reported_at', '<', f.end);
      const [rows, total] = await Promise.all([
        q
          .selectAll('r')
          .select(['g.name as grid_name', 'u.display_name as worker_name', 't.code as ticket_code'])
          .orderBy('r.reported_at', 'desc')
          .limit(page.limit)
          .offset(page.offset)
          .execute(),
        q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },

    /** Report counts by grid, worker, kind and outcome in [start, end). */
    async reportCounts(tenantId: string, gridIds: string[], start: Date, end: Date) {
      if (!gridIds.length) return [];
      return db
        .selectFrom('patrol_reports as r')
        .innerJoin('users as u', 'u.id', 'r.worker_user_id')
        .select([
          'r.grid_id',
          'r.worker_user_id',
          'u.display_name as worker_name',
          'r.kind',
          'r.outcome',
          (eb) => eb.fn.countAll<string>().as('n'),
        ])
        .where('r.tenant_id', '=', tenantId)
        .where(oneOf('r.grid_id', gridIds))
        .where('r.reported_at', '>=', start)
        .where('r.reported_at', '<', end)
        .groupBy(['r.grid_id', 'r.worker_user_id', 'u.display_name', 'r.kind', 'r.outcome'])
        .execute();
    },
  };

  function visitRows(tenantId: string) {
    return db
      .selectFrom('visits as v')
      .innerJoin('households as h', 'h.id', 'v.household_id')
      .innerJoin('jurisdictions as g', 'g.id', 'v.grid_id')
      .innerJoin('users as u', 'u.id', 'v.worker_user_id')
      .selectAll('v')
      .select(['h.address', 'g.name as grid_name', 'u.display_name as worker_name'])
      .where('v.tenant_id', '=', tenantId);
  }
}
export type DutiesRepository = ReturnType<typeof dutiesRepository>;
