// All SQL of the colour lists (三色清单): items, their append-only change log, the
// units keeping lists and the tenant's versioned cadences.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { Colour, ColourItemListQuery } from '@jiesu/contracts';
import type {
  ColourCadenceConfigTable,
  ColourItemChangeTable,
  ColourItemTable,
  DB,
} from '../../db/schema.js';

const NONE = ['00000000-0000-0000-0000-000000000000'];

/** `'tenant'`, or the units whose lists are read. */
export type UnitScope = 'tenant' | string[];

export interface ListFilter extends ColourItemListQuery {
  /** Units resolved from unitId / includeVillages, intersected with the scope. */
  units: UnitScope;
}

export function colourListsRepository(db: Kysely<DB>) {
  function base(tenantId: string) {
    return db
      .selectFrom('colour_items as i')
      .innerJoin('units as u', 'u.id', 'i.unit_id')
      .leftJoin('tickets as t', 't.id', 'i.ticket_id')
      .leftJoin('users as rb', 'rb.id', 'i.raised_by')
      .leftJoin('users as cb', 'cb.id', 'i.cleared_by')
      .where('i.tenant_id', '=', tenantId)
      .select([
        'i.id',
        'i.unit_id',
        'u.name as unit_name',
        'i.level',
        'i.colour',
        'i.title',
        'i.description',
        'i.source',
        'i.ticket_id',
        't.code as ticket_code',
        't.title as ticket_title',
        't.state as ticket_state',
        'i.status',
        'i.clear_by',
        'i.created_at',
        'i.raised_by',
        'rb.display_name as raised_by_name',
        'i.cleared_at',
        'i.cleared_by',
        'cb.display_name as cleared_by_name',
        'i.clear_note',
      ]);
  }

  return {
    /** Government units of villages and townships, with their place and its parent. */
    async keepingUnits(tenantId: string) {
      return db
        .selectFrom('units as u')
        .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
        .select([
          'u.id',
          'u.name',
          'j.id as jurisdiction_id',
          'j.parent_id',
          'j.level',
          'j.path',
          'j.code',
        ])
        .where('u.tenant_id', '=', tenantId)
        .where('u.kind', '=', 'government')
        .where('u.active', '=', true)
        .where('j.level', 'in', ['village', 'township'])
        .orderBy('j.code')
        .orderBy('u.name')
        .execute();
    },

    async cadenceVersions(tenantId: string) {
      return db
        .selectFrom('colour_cadence_configs as c')
        .leftJoin('users as x', 'x.id', 'c.created_by')
        .select([
          'c.version',
          'c.cadences',
          'c.reason',
          'c.created_at',
          'c.created_by',
          'x.display_name as created_by_name',
        ])
        .where('c.tenant_id', '=', tenantId)
        .orderBy('c.version', 'desc')
        .execute();
    },

    async insertCadence(row: Insertable<ColourCadenceConfigTable>) {
      await db.insertInto('colour_cadence_configs').values(row).execute();
    },

    async tenantSettings(tenantId: string) {
      const t = await db
        .selectFrom('tenants')
        .select('settings')
        .where('id', '=', tenantId)
        .executeTakeFirst();
      return t?.settings;
    },

    async insertItem(row: Insertable<ColourItemTable>) {
      await db.insertInto('colour_items').values(row).execute();
    },

    async insertChange(row: Insertable<ColourItemChangeTable>) {
      await db.insertInto('colour_item_changes').values(row).execute();
    },

    async openTicketItem(unitId: string, ticketId: string) {
      return db
        .selectFrom('colour_items')
        .select(['id'])
        .where('unit_id', '=', unitId)
        .where('ticket_id', '=', ticketId)
        .where('status', '=', 'open')
        .executeTakeFirst();
    },

    async item(tenantId: string, id: string) {
      return base(tenantId).where('i.id', '=', id).executeTakeFirst();
    },

    async itemsByIds(tenantId: string, ids: readonly string[]) {
      if (!ids.length) return [];
      return base(tenantId).where('i.id', 'in', ids).execute();
    },

    /** Recolours an open item (false when it was cleared meanwhile). */
    async recolour(id: string, colour: Colour, clearBy: Date): Promise<boolean> {
      const r = await db
        .updateTable('colour_items')
        .set({ colour, clear_by: clearBy })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async clear(id: string, a: { at: Date; by: string; note: string }): Promise<boolean> {
      const r = await db
        .updateTable('colour_items')
        .set({ status: 'cleared', cleared_at: a.at, cleared_by: a.by, clear_note: a.note })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async changes(itemId: string) {
      return db
        .selectFrom('colour_item_changes as c')
        .leftJoin('users as x', 'x.id', 'c.by_user_id')
        .select([
          'c.id',
          'c.at',
          'c.kind',
          'c.from_colour',
          'c.to_colour',
          'c.clear_by',
          'c.reason',
          'c.by_user_id',
          'x.display_name as by_name',
        ])
        .where('c.item_id', '=', itemId)
        .orderBy('c.at')
        .orderBy('c.id')
        .execute();
    },

    async list(tenantId: string, f: ListFilter, now: Date, limit?: number) {
      let q = base(tenantId);
      if (f.units !== 'tenant') q = q.where('i.unit_id', 'in', f.units.length ? f.units : NONE);
      if (f.colour) q = q.where('i.colour', '=', f.colour);
      if (f.level) q = q.where('i.level', '=', f.level);
      if (f.status) q = q.where('i.status', '=', f.status);
      if (f.overdue === '1' || f.overdue === 'true')
        q = q.where('i.status', '=', 'open').where('i.clear_by', '<', now);
      if (f.q) {
        const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q = q.where((eb) => eb.or([eb('i.title', 'ilike', like), eb('t.code', 'ilike', like)]));
      }
      const { count } = await db
        .selectFrom(q.as('x'))
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .executeTakeFirstOrThrow();
      const page = limit ? 1 : (f.page ?? 1);
      const pageSize = limit ?? f.pageSize ?? 20;
      const items = await q
        // Open first, the most pressing deadline first; then the latest cleared.
        .orderBy(sql`CASE WHEN i.status = 'open' THEN 0 ELSE 1 END`)
        .orderBy(sql`CASE WHEN i.status = 'open' THEN i.clear_by END`, 'asc')
        .orderBy('i.cleared_at', 'desc')
        .orderBy('i.created_at', 'desc')
        .orderBy('i.id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return { items, total: Number(count), page, pageSize };
    },

    async counts(tenantId: string, units: UnitScope, level: string | undefined, now: Date) {
      let q = db
        .selectFrom('colour_items as i')
        .where('i.tenant_id', '=', tenantId)
        .select([
          'i.colour',
          sql<string>`count(*) FILTER (WHERE i.status = 'open')`.as('open'),
          sql<string>`count(*) FILTER (WHERE i.status = 'open' AND i.clear_by < ${now})`.as(
            'overdue',
          ),
          sql<string>`count(*) FILTER (WHERE i.status = 'cleared')`.as('cleared'),
        ])
        .groupBy('i.colour');
      if (units !== 'tenant') q = q.where('i.unit_id', 'in', units.length ? units : NONE);
      if (level) q = q.where('i.level', '=', level as 'village' | 'township');
      return q.execute();
    },

    /**
     * The items of some units that were open at some moment of [start, cut), with
     * the colour and clear-by in force at the cut (from the change log).
     */
    async reportItems(tenantId: string, units: string[], start: Date, cut: Date) {
      return db
        .selectFrom('colour_items as i')
        .innerJoin('units as u', 'u.id', 'i.unit_id')
        .leftJoin('tickets as t', 't.id', 'i.ticket_id')
        .innerJoinLateral(
          (eb) =>
            eb
              .selectFrom('colour_item_changes as c')
              .select(['c.to_colour as colour_at', 'c.clear_by as clear_by_at'])
              .whereRef('c.item_id', '=', 'i.id')
              .where('c.at', '<', cut)
              .orderBy('c.at', 'desc')
              .orderBy('c.id', 'desc')
              .limit(1)
              .as('h'),
          (join) => join.onTrue(),
        )
        .select([
          'i.id',
          'i.unit_id',
          'u.name as unit_name',
          'i.title',
          't.code as ticket_code',
          'i.created_at',
          'i.cleared_at',
          'i.clear_note',
          'h.colour_at',
          'h.clear_by_at',
        ])
        .where('i.tenant_id', '=', tenantId)
        .where('i.unit_id', 'in', units.length ? units : NONE)
        .where('i.created_at', '<', cut)
        .where((eb) => eb.or([eb('i.cleared_at', 'is', null), eb('i.cleared_at', '>=', start)]))
        .orderBy('u.name')
        .orderBy('i.created_at')
        .orderBy('i.id')
        .execute();
    },
  };
}
export type ColourListsRepository = ReturnType<typeof colourListsRepository>;
