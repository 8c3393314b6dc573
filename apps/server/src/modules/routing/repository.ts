// All SQL of the dispatch catalogue: rules with their names, the change log, and
// the lookups that resolution and import need. (The district's watcher is an
// assignment: see tickets/repository.ts.)
import { sql, type Kysely } from 'kysely';
import type { TerritorialTarget } from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import { oneOf } from '../../db/fragments.js';
import { orgRepository } from '../org/repository.js';

export interface RuleFilter {
  categoryId?: string;
  jurisdictionId?: string;
  unitId?: string;
  page: number;
  pageSize: number;
}

/** A rule's own fields, as a create, an update and an import write them. */
export interface RuleFields {
  category_id: string;
  jurisdiction_id: string;
  target: DB['dispatch_rules']['target'];
  unit_id: string | null;
  co_unit_ids: string[];
  co_territorial: TerritorialTarget[];
  note: string | null;
  updated_by: string | null;
  updated_at: Date;
}

export function routingRepository(db: Kysely<DB>) {
  const withNames = () =>
    db
      .selectFrom('dispatch_rules as r')
      .innerJoin('categories as c', 'c.id', 'r.category_id')
      .innerJoin('jurisdictions as j', 'j.id', 'r.jurisdiction_id')
      .leftJoin('units as u', 'u.id', 'r.unit_id')
      .leftJoin('users as us', 'us.id', 'r.updated_by')
      .selectAll('r')
      .select([
        'c.code as category_code',
        'c.name as category_name',
        'j.code as jurisdiction_code',
        'j.name as jurisdiction_name',
        'j.level as jurisdiction_level',
        'u.name as unit_name',
        'us.display_name as updated_by_name',
      ]);

  return {
    /** Rules of a category subtree, a jurisdiction subtree, naming a unit (as lead or co-unit). */
    async list(tenantId: string, f: RuleFilter) {
      let q = withNames().where('r.tenant_id', '=', tenantId);
      if (f.categoryId) {
        q = q.where(
          sql<boolean>`c.path LIKE (SELECT path FROM categories WHERE id = ${f.categoryId} AND tenant_id = ${tenantId}) || '%'`,
        );
      }
      if (f.jurisdictionId) {
        q = q.where(
          sql<boolean>`j.path LIKE (SELECT path FROM jurisdictions WHERE id = ${f.jurisdictionId} AND tenant_id = ${tenantId}) || '%'`,
        );
      }
      if (f.unitId) {
        const unitId = f.unitId;
        q = q.where((eb) =>
          eb.or([eb('r.unit_id', '=', unitId), sql<boolean>`${unitId}::uuid = ANY(r.co_unit_ids)`]),
        );
      }
      const [items, total] = await Promise.all([
        q
          .orderBy('c.code')
          .orderBy('j.code')
          .limit(f.pageSize)
          .offset((f.page - 1) * f.pageSize)
          .execute(),
        q
          .clearSelect()
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    /** Every rule of the tenant, in catalogue order (the export). */
    all(tenantId: string) {
      return withNames()
        .where('r.tenant_id', '=', tenantId)
        .orderBy('c.code')
        .orderBy('j.code')
        .execute();
    },

    byId(tenantId: string, id: string) {
      return withNames()
        .where('r.tenant_id', '=', tenantId)
        .where('r.id', '=', id)
        .executeTakeFirst();
    },

    /** Locks the rule for a change (the version check below is then exact). */
    async lock(tenantId: string, id: string) {
      return db
        .selectFrom('dispatch_rules')
        .select(['id', 'version'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
    },

    async idByKey(tenantId: string, categoryId: string, jurisdictionId: string) {
      const r = await db
        .selectFrom('dispatch_rules')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('category_id', '=', categoryId)
        .where('jurisdiction_id', '=', jurisdictionId)
        .executeTakeFirst();
      return r?.id;
    },

    async insert(row: RuleFields & { id: string; tenant_id: string }) {
      await db.insertInto('dispatch_rules').values(row).execute();
    },

    /** Applies a change to the version read; false when someone else changed it first. */
    async update(id: string, expectedVersion: number, patch: RuleFields): Promise<boolean> {
      const r = await db
        .updateTable('dispatch_rules')
        .set({ ...patch, version: sql`version + 1` })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async remove(id: string, expectedVersion: number): Promise<boolean> {
      const r = await db
        .deleteFrom('dispatch_rules')
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(r.numDeletedRows) === 1;
    },

    async logChanges(
      rows: Array<{
        tenant_id: string;
        rule_id: string;
        change: DB['dispatch_rule_changes']['change'];
        before: Record<string, unknown> | null;
        after: Record<string, unknown> | null;
        changed_by: string | null;
        changed_at: Date;
      }>,
    ) {
      for (let i = 0; i < rows.length; i += 400) {
        await db
          .insertInto('dispatch_rule_changes')
          .values(
            rows.slice(i, i + 400).map((r) => ({
              ...r,
              before: r.before ? JSON.stringify(r.before) : null,
              after: r.after ? JSON.stringify(r.after) : null,
            })),
          )
          .execute();
      }
    },

    async changes(tenantId: string, q: { ruleId?: string; page: number; pageSize: number }) {
      let base = db.selectFrom('dispatch_rule_changes as x').where('x.tenant_id', '=', tenantId);
      if (q.ruleId) base = base.where('x.rule_id', '=', q.ruleId);
      const [items, total] = await Promise.all([
        base
          .leftJoin('users as u', 'u.id', 'x.changed_by')
          .selectAll('x')
          .select('u.display_name as changed_by_name')
          .orderBy('x.changed_at', 'desc')
          .orderBy('x.id', 'desc')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    unitNames: orgRepository(db).unitNames,

    // ---- lookups for validation, import and resolution ----

    categories(tenantId: string, ids?: readonly string[]) {
      let q = db
        .selectFrom('categories')
        .select(['id', 'code', 'name', 'path', 'active'])
        .where('tenant_id', '=', tenantId);
      if (ids) q = q.where(oneOf('id', ids));
      return q.execute();
    },

    jurisdictions(tenantId: string, ids?: readonly string[]) {
      let q = db
        .selectFrom('jurisdictions')
        .select(['id', 'code', 'name', 'level', 'path'])
        .where('tenant_id', '=', tenantId);
      if (ids) q = q.where(oneOf('id', ids));
      return q.execute();
    },

    units(tenantId: string, ids?: readonly string[]) {
      let q = db
        .selectFrom('units')
        .select(['id', 'name', 'kind', 'active', 'jurisdiction_id'])
        .where('tenant_id', '=', tenantId);
      if (ids) q = q.where(oneOf('id', ids));
      return q.execute();
    },

    /** Rules for any of the categories at any of the jurisdictions. */
    candidates(
      tenantId: string,
      categoryIds: readonly string[],
      jurisdictionIds: readonly string[],
    ) {
      if (!categoryIds.length || !jurisdictionIds.length) return Promise.resolve([]);
      return db
        .selectFrom('dispatch_rules')
        .select([
          'id',
          'category_id',
          'jurisdiction_id',
          'target',
          'unit_id',
          'co_unit_ids',
          'co_territorial',
          'note',
        ])
        .where('tenant_id', '=', tenantId)
        .where('category_id', 'in', [...categoryIds])
        .where('jurisdiction_id', 'in', [...jurisdictionIds])
        .execute();
    },

    /** Active government units at these jurisdictions (the territorial targets). */
    governmentsAt(tenantId: string, jurisdictionIds: readonly string[]) {
      if (!jurisdictionIds.length) return Promise.resolve([]);
      return db
        .selectFrom('units')
        .select(['id', 'jurisdiction_id', 'name'])
        .where('tenant_id', '=', tenantId)
        .where('kind', '=', 'government')
        .where('active', '=', true)
        .where('jurisdiction_id', 'in', [...jurisdictionIds])
        .orderBy('name')
        .execute();
    },

    /** A unit with the level and path of the jurisdiction it answers for. */
    unitPlace(tenantId: string, unitId: string) {
      return db
        .selectFrom('units as u')
        .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
        .select(['u.id', 'u.kind', 'u.active', 'j.level', 'j.path'])
        .where('u.tenant_id', '=', tenantId)
        .where('u.id', '=', unitId)
        .executeTakeFirst();
    },
  };
}
export type RoutingRepository = ReturnType<typeof routingRepository>;
export type RuleRow = NonNullable<Awaited<ReturnType<RoutingRepository['byId']>>>;
