// All SQL of the grids' people: the grid list in a scope, a grid's members,
// adding and ending a member, the staff a member may be linked to, and the
// village's public grid board. "Current" means on duty on the given local day:
// since ≤ day and (no until, or until after day).
import { sql, type Insertable, type Kysely, type SqlBool } from 'kysely';
import type { DB, GridMemberTable, TenantSettings } from '../../db/schema.js';
import { oneOf } from '../../db/fragments.js';

export interface GridFilter {
  /** Jurisdiction subtrees the actor sees (path prefixes); undefined = the whole district. */
  paths?: string[];
  villageId?: string;
  townshipId?: string;
  q?: string;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function gridPeopleRepository(db: Kysely<DB>) {
  /** Grids with their village and township (the village's parent). */
  const gridRows = (tenantId: string) =>
    db
      .selectFrom('jurisdictions as g')
      .innerJoin('jurisdictions as v', 'v.id', 'g.parent_id')
      .leftJoin('jurisdictions as t', 't.id', 'v.parent_id')
      .where('g.tenant_id', '=', tenantId)
      .where('g.level', '=', 'grid');

  const filtered = (tenantId: string, f: GridFilter) => {
    let q = gridRows(tenantId);
    if (f.paths) {
      const paths = f.paths;
      q = paths.length
        ? q.where((eb) => eb.or(paths.map((p) => eb('g.path', 'like', `${escapeLike(p)}%`))))
        : q.where(sql<SqlBool>`false`);
    }
    if (f.villageId) q = q.where('v.id', '=', f.villageId);
    if (f.townshipId) q = q.where('t.id', '=', f.townshipId);
    if (f.q) {
      const like = `%${escapeLike(f.q)}%`;
      q = q.where((eb) =>
        eb.or([eb('g.name', 'like', like), eb('v.name', 'like', like), eb('t.name', 'like', like)]),
      );
    }
    return q;
  };

  const current = (day: string) =>
    sql<SqlBool>`m.since <= ${day}::date AND (m.until IS NULL OR m.until > ${day}::date)`;

  return {
    async tenantSettings(tenantId: string): Promise<TenantSettings | undefined> {
      const row = await db
        .selectFrom('tenants')
        .select('settings')
        .where('id', '=', tenantId)
        .executeTakeFirst();
      return row?.settings;
    },

    async grids(tenantId: string, f: GridFilter, page: { limit: number; offset: number }) {
      return filtered(tenantId, f)
        .select([
          'g.id',
          'g.name',
          'g.path',
          'g.households',
          'g.grade',
          sql<boolean>`g.boundary IS NOT NULL`.as('has_boundary'),
          'v.id as village_id',
          'v.name as village_name',
          't.id as township_id',
          't.name as township_name',
        ])
        .orderBy('g.code')
        .orderBy('g.id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
    },

    async countGrids(tenantId: string, f: GridFilter): Promise<number> {
      const r = await filtered(tenantId, f)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    /** One grid with its village and township, or undefined. */
    async grid(tenantId: string, id: string) {
      return gridRows(tenantId)
        .where('g.id', '=', id)
        .select([
          'g.id',
          'g.name',
          'g.path',
          'v.id as village_id',
          'v.name as village_name',
          't.id as township_id',
          't.name as township_name',
        ])
        .executeTakeFirst();
    },

    /** Members of the grids on duty on `day`, oldest first. */
    async currentMembers(tenantId: string, gridIds: string[], day: string) {
      if (gridIds.length === 0) return [];
      return db
        .selectFrom('grid_members as m')
        .select(['m.id', 'm.jurisdiction_id', 'm.role', 'm.name', 'm.phone', 'm.since'])
        .where('m.tenant_id', '=', tenantId)
        .where(oneOf('m.jurisdiction_id', gridIds))
        .where(current(day))
        .orderBy('m.since')
        .orderBy('m.created_at')
        .execute();
    },

    /** Every member of a grid, past and present. */
    async members(tenantId: string, gridId: string) {
      return db
        .selectFrom('grid_members as m')
        .leftJoin('users as u', 'u.id', 'm.user_id')
        .select([
          'm.id',
          'm.jurisdiction_id',
          'm.role',
          'm.user_id',
          'u.display_name as user_name',
          'm.name',
          'm.phone',
          'm.since',
          'm.until',
        ])
        .where('m.tenant_id', '=', tenantId)
        .where('m.jurisdiction_id', '=', gridId)
        .orderBy('m.since', 'desc')
        .orderBy('m.created_at', 'desc')
        .execute();
    },

    async member(tenantId: string, id: string) {
      return db
        .selectFrom('grid_members as m')
        .leftJoin('users as u', 'u.id', 'm.user_id')
        .select([
          'm.id',
          'm.jurisdiction_id',
          'm.role',
          'm.user_id',
          'u.display_name as user_name',
          'm.name',
          'm.phone',
          'm.since',
          'm.until',
        ])
        .where('m.tenant_id', '=', tenantId)
        .where('m.id', '=', id)
        .executeTakeFirst();
    },

    async insertMember(row: Insertable<GridMemberTable>): Promise<void> {
      await db.insertInto('grid_members').values(row).execute();
    },

    /** Ends a member still without an end date; false when already ended (or gone). */
    async endMember(tenantId: string, id: string, until: string): Promise<boolean> {
      const r = await db
        .updateTable('grid_members')
        .set({ until })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('until', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    /** Active staff with a role in a unit placed on one of the jurisdictions (the grid, its village). */
    async staffOf(tenantId: string, jurisdictionIds: string[]) {
      return db
        .selectFrom('users as u')
        .innerJoin('role_assignments as ra', 'ra.user_id', 'u.id')
        .innerJoin('units as un', 'un.id', 'ra.unit_id')
        .select(['u.id', 'u.display_name as name'])
        .distinct()
        .where('u.tenant_id', '=', tenantId)
        .where('u.active', '=', true)
        .where('un.active', '=', true)
        .where(oneOf('un.jurisdiction_id', jurisdictionIds))
        .where('un.kind', 'in', ['government', 'grid'])
        .orderBy('u.display_name')
        .orderBy('u.id')
        .execute();
    },

    /** A village (or community) with its township. */
    async village(tenantId: string, id: string) {
      return db
        .selectFrom('jurisdictions as v')
        .leftJoin('jurisdictions as t', 't.id', 'v.parent_id')
        .select(['v.id', 'v.name', 't.id as township_id', 't.name as township_name'])
        .where('v.tenant_id', '=', tenantId)
        .where('v.id', '=', id)
        .where('v.level', '=', 'village')
        .executeTakeFirst();
    },

    /** The active government unit of a place (a village committee, a township government). */
    async governmentOf(tenantId: string, jurisdictionId: string) {
      return db
        .selectFrom('units')
        .select(['name', 'phone'])
        .where('tenant_id', '=', tenantId)
        .where('jurisdiction_id', '=', jurisdictionId)
        .where('kind', '=', 'government')
        .where('active', '=', true)
        .orderBy('name')
        .limit(1)
        .executeTakeFirst();
    },

    /** The grids of a village, in code order. */
    async gridsOf(tenantId: string, villageId: string) {
      return db
        .selectFrom('jurisdictions as g')
        .select(['g.id', 'g.name', 'g.households'])
        .where('g.tenant_id', '=', tenantId)
        .where('g.parent_id', '=', villageId)
        .where('g.level', '=', 'grid')
        .orderBy('g.code')
        .orderBy('g.id')
        .execute();
    },

    /** Villages with at least one grid, with their township's name and their grid count. */
    async places(tenantId: string) {
      return db
        .selectFrom('jurisdictions as v')
        .innerJoin('jurisdictions as g', (j) =>
          j.onRef('g.parent_id', '=', 'v.id').on('g.level', '=', 'grid'),
        )
        .leftJoin('jurisdictions as t', 't.id', 'v.parent_id')
        .select([
          'v.id',
          'v.name',
          't.name as township_name',
          (eb) => eb.fn.countAll<string>().as('grids'),
        ])
        .where('v.tenant_id', '=', tenantId)
        .where('v.level', '=', 'village')
        .groupBy(['v.id', 'v.name', 'v.code', 't.name', 't.code'])
        .orderBy('t.code')
        .orderBy('v.code')
        .execute();
    },
  };
}
export type GridPeopleRepository = ReturnType<typeof gridPeopleRepository>;
