// All SQL of the village studios: the villages in a scope with their studio,
// the roster of a month, the reception log and the regular-check ledger, and
// the monthly counts.
import { sql, type Insertable, type Kysely, type SqlBool } from 'kysely';
import type {
  DB,
  StudioCheckTable,
  StudioReceptionTable,
  StudioTable,
  TenantSettings,
} from '../../db/schema.js';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function studioRepository(db: Kysely<DB>) {
  const studioRows = (tenantId: string) =>
    db
      .selectFrom('studios as s')
      .innerJoin('jurisdictions as v', 'v.id', 's.village_id')
      .leftJoin('jurisdictions as t', 't.id', 'v.parent_id')
      .where('s.tenant_id', '=', tenantId)
      .selectAll('s')
      .select([
        'v.name as village_name',
        'v.path as village_path',
        't.id as township_id',
        't.name as township_name',
      ]);

  return {
    async tenantSettings(tenantId: string): Promise<TenantSettings | undefined> {
      const row = await db
        .selectFrom('tenants')
        .select('settings')
        .where('id', '=', tenantId)
        .executeTakeFirst();
      return row?.settings;
    },

    /** Villages (and communities) under the paths (all when undefined), with their township. */
    async villages(tenantId: string, paths: string[] | undefined) {
      let q = db
        .selectFrom('jurisdictions as v')
        .leftJoin('jurisdictions as t', 't.id', 'v.parent_id')
        .select(['v.id', 'v.name', 'v.path', 't.id as township_id', 't.name as township_name'])
        .where('v.tenant_id', '=', tenantId)
        .where('v.level', '=', 'village');
      if (paths) {
        q = paths.length
          ? q.where((eb) =>
              eb.or(
                paths.flatMap((p) => [
                  eb('v.path', 'like', `${escapeLike(p)}%`),
                  // A grid's staff see the studio of the village the grid lies in.
                  eb(sql.val(p), 'like', sql<string>`v.path || '%'`),
                ]),
              ),
            )
          : q.where(sql<SqlBool>`false`);
      }
      return q.orderBy('t.code').orderBy('v.code').execute();
    },

    async village(tenantId: string, id: string) {
      return db
        .selectFrom('jurisdictions as v')
        .leftJoin('jurisdictions as t', 't.id', 'v.parent_id')
        .select(['v.id', 'v.name', 'v.path', 't.id as township_id', 't.name as township_name'])
        .where('v.tenant_id', '=', tenantId)
        .where('v.id', '=', id)
        .where('v.level', '=', 'village')
        .executeTakeFirst();
    },

    async studios(tenantId: string, villageIds: string[]) {
      if (villageIds.length === 0) return [];
      return studioRows(tenantId).where('s.village_id', 'in', villageIds).execute();
    },

    async studio(tenantId: string, id: string) {
      return studioRows(tenantId).where('s.id', '=', id).executeTakeFirst();
    },

    async studioOfVillage(tenantId: string, villageId: string) {
      return studioRows(tenantId).where('s.village_id', '=', villageId).executeTakeFirst();
    },

    async upsertStudio(row: Insertable<StudioTable>) {
      await db
        .insertInto('studios')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'village_id']).doUpdateSet({
            name: row.name,
            phone: row.phone,
            address: row.address,
            opening_note: row.opening_note,
            secretary_name: row.secretary_name,
            secretary_weekday: row.secretary_weekday,
            updated_at: row.updated_at,
          }),
        )
        .execute();
    },

    /** Public: the studios of a district with their village and township. */
    async publicStudios(tenantId: string) {
      return studioRows(tenantId).orderBy('t.code').orderBy('v.code').execute();
    },

    /** Active staff of the village committee (the government unit placed at the village). */
    async committee(tenantId: string, villageId: string) {
      return db
        .selectFrom('users as u')
        .innerJoin('role_assignments as ra', 'ra.user_id', 'u.id')
        .innerJoin('units as un', 'un.id', 'ra.unit_id')
        .select(['u.id', 'u.display_name as name'])
        .distinct()
        .where('u.tenant_id', '=', tenantId)
        .where('u.active', '=', true)
        .where('un.jurisdiction_id', '=', villageId)
        .where('un.kind', '=', 'government')
        .orderBy('u.display_name')
        .orderBy('u.id')
        .execute();
    },

    /** The village committee's unit (the acting unit of tickets a studio raises). */
    async committeeUnit(tenantId: string, villageId: string) {
      return db
        .selectFrom('units')
        .select(['id', 'name'])
        .where('tenant_id', '=', tenantId)
        .where('jurisdiction_id', '=', villageId)
        .where('kind', '=', 'government')
        .where('active', '=', true)
        .orderBy('name')
        .limit(1)
        .executeTakeFirst();
    },

    async duties(tenantId: string, studioIds: string[], from: string, to: string) {
      if (studioIds.length === 0) return [];
      return db
        .selectFrom('studio_duties')
        .select(['studio_id', 'day', 'name', 'user_id'])
        .where('tenant_id', '=', tenantId)
        .where('studio_id', 'in', studioIds)
        .where('day', '>=', from)
        .where('day', '<=', to)
        .orderBy('day')
        .orderBy('id')
        .execute();
    },

    /** Replaces the roster between two days (inclusive) with the given entries. */
    async replaceDuties(
      tenantId: string,
      studioId: string,
      from: string,
      to: string,
      rows: Array<{ id: string; day: string; name: string; user_id: string | null }>,
    ) {
      await db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('studio_duties')
          .where('tenant_id', '=', tenantId)
          .where('studio_id', '=', studioId)
          .where('day', '>=', from)
          .where('day', '<=', to)
          .execute();
        if (rows.length)
          await trx
            .insertInto('studio_duties')
            .values(rows.map((r) => ({ ...r, tenant_id: tenantId, studio_id: studioId })))
            .execute();
      });
    },

    async insertReception(row: Insertable<StudioReceptionTable>) {
      await db.insertInto('studio_receptions').values(row).execute();
    },

    receptionQuery(tenantId: string) {
      return db
        .selectFrom('studio_receptions as r')
        .leftJoin('tickets as tk', 'tk.id', 'r.ticket_id')
        .where('r.tenant_id', '=', tenantId)
        .selectAll('r')
        .select(['tk.code as ticket_code', 'tk.state as ticket_state']);
    },

    async receptions(
      tenantId: string,
      studioId: string,
      range: { from: Date; to: Date } | undefined,
      page: { limit: number; offset: number },
    ) {
      let q = this.receptionQuery(tenantId).where('r.studio_id', '=', studioId);
      let c = db
        .selectFrom('studio_receptions as r')
        .where('r.tenant_id', '=', tenantId)
        .where('r.studio_id', '=', studioId);
      if (range) {
        q = q.where('r.received_at', '>=', range.from).where('r.received_at', '<', range.to);
        c = c.where('r.received_at', '>=', range.from).where('r.received_at', '<', range.to);
      }
      const [rows, n] = await Promise.all([
        q
          .orderBy('r.received_at', 'desc')
          .orderBy('r.id')
          .limit(page.limit)
          .offset(page.offset)
          .execute(),
        c.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(n.n) };
    },

    async reception(tenantId: string, id: string) {
      return this.receptionQuery(tenantId).where('r.id', '=', id).executeTakeFirst();
    },

    async gradeReception(tenantId: string, id: string, grade: StudioReceptionTable['grade']) {
      await db
        .updateTable('studio_receptions')
        .set({ grade })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },

    async logRead(tenantId: string, receptionId: string, userId: string, at: Date) {
      await db
        .insertInto('studio_reception_reads')
        .values({ tenant_id: tenantId, reception_id: receptionId, user_id: userId, at })
        .execute();
    },

    async insertCheck(row: Insertable<StudioCheckTable>) {
      await db.insertInto('studio_checks').values(row).execute();
    },

    async checks(
      tenantId: string,
      studioId: string,
      f: { from?: string; to?: string; kind?: string },
      page: { limit: number; offset: number } | undefined,
    ) {
      const base = () => {
        let q = db
          .selectFrom('studio_checks as c')
          .where('c.tenant_id', '=', tenantId)
          .where('c.studio_id', '=', studioId);
        if (f.from) q = q.where('c.checked_on', '>=', f.from);
        if (f.to) q = q.where('c.checked_on', '<=', f.to);
        if (f.kind) q = q.where('c.kind', '=', f.kind as StudioCheckTable['kind']);
        return q;
      };
      let q = base()
        .leftJoin('tickets as tk', 'tk.id', 'c.ticket_id')
        .selectAll('c')
        .select(['tk.code as ticket_code', 'tk.state as ticket_state'])
        .orderBy('c.checked_on', 'desc')
        .orderBy('c.created_at', 'desc');
      if (page) q = q.limit(page.limit).offset(page.offset);
      const [rows, n] = await Promise.all([
        q.execute(),
        base()
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(n.n) };
    },

    async check(tenantId: string, id: string) {
      return db
        .selectFrom('studio_checks as c')
        .leftJoin('tickets as tk', 'tk.id', 'c.ticket_id')
        .selectAll('c')
        .select(['tk.code as ticket_code', 'tk.state as ticket_state'])
        .where('c.tenant_id', '=', tenantId)
        .where('c.id', '=', id)
        .executeTakeFirst();
    },

    /** Per studio: receptions by outcome and grade in a time range. */
    async receptionCounts(tenantId: string, studioIds: string[], from: Date, to: Date) {
      if (studioIds.length === 0) return [];
      return db
        .selectFrom('studio_receptions')
        .select(['studio_id', 'outcome', 'grade', (eb) => eb.fn.countAll<string>().as('n')])
        .where('tenant_id', '=', tenantId)
        .where('studio_id', 'in', studioIds)
        .where('received_at', '>=', from)
        .where('received_at', '<', to)
        .groupBy(['studio_id', 'outcome', 'grade'])
        .execute();
    },

    async checkCounts(tenantId: string, studioIds: string[], from: string, to: string) {
      if (studioIds.length === 0) return [];
      return db
        .selectFrom('studio_checks')
        .select(['studio_id', 'follow_up', (eb) => eb.fn.countAll<string>().as('n')])
        .where('tenant_id', '=', tenantId)
        .where('studio_id', 'in', studioIds)
        .where('checked_on', '>=', from)
        .where('checked_on', '<=', to)
        .groupBy(['studio_id', 'follow_up'])
        .execute();
    },
  };
}
export type StudioRepository = ReturnType<typeof studioRepository>;
