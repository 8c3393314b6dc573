// Administration of the organisation and the category tree. Writes are
// checked against the tree (a node's parent in the same tenant, levels in
// order) so the materialised paths stay right.
import type { Kysely } from 'kysely';
import {
  JURISDICTION_LEVELS,
  type CreateCategoryBody,
  type CreateJurisdictionBody,
  type CreateUnitBody,
  type UpdateCategoryBody,
  type UpdateJurisdictionBody,
  type UpdateUnitBody,
  type UpdateUserBody,
} from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { writeRoles } from '../auth/users.js';
import { validateBoundary } from '../grid/geo.js';

const notFound = (path: string) => new AppError('NOT_FOUND', [{ path, message: '记录不存在' }]);

/** A boundary as stored (JSON text), checked first; null stays null (removes it). */
function boundaryJson(value: unknown): string | null {
  if (value === null) return null;
  const v = validateBoundary(value, '/boundary');
  if (!v.ok) throw new AppError('VALIDATION_FAILED', v.errors);
  return JSON.stringify(v.boundary);
}

function gradeOnGridsOnly(level: string, grade: unknown): void {
  if (grade !== undefined && grade !== null && level !== 'grid')
    throw new AppError('VALIDATION_FAILED', [{ path: '/grade', message: '只有网格有难度等级' }]);
}

export function adminService(deps: {
  db: Kysely<DB>;
  onUserChanged: (userId: string) => void;
  /** A jurisdiction of the tenant was added or changed (names, boundaries): drop caches. */
  onPlacesChanged?: (tenantId: string) => void;
}) {
  const { db, onUserChanged } = deps;
  const placesChanged = (tenantId: string) => deps.onPlacesChanged?.(tenantId);

  /** Codes are unique per district: say which field is wrong instead of a bare conflict. */
  async function ensureCodeFree(tenantId: string, code: string, exceptId: string | null) {
    let q = db
      .selectFrom('jurisdictions')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('code', '=', code);
    if (exceptId) q = q.where('id', '<>', exceptId);
    if (await q.executeTakeFirst())
      throw new AppError('DUPLICATE', [{ path: '/code', message: `区划编码 ${code} 已被使用` }]);
  }

  return {
    async createUnit(tenantId: string, b: CreateUnitBody): Promise<{ id: string }> {
      const j = await db
        .selectFrom('jurisdictions')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', b.jurisdictionId)
        .executeTakeFirst();
      if (!j)
        throw new AppError('UNKNOWN_JURISDICTION', [
          { path: '/jurisdictionId', message: '所属区域不存在' },
        ]);
      const id = newId();
      await db
        .insertInto('units')
        .values({
          id,
          tenant_id: tenantId,
          jurisdiction_id: b.jurisdictionId,
          kind: b.kind,
          key: b.key ?? null,
          name: b.name,
          phone: b.phone ?? null,
        })
        .execute();
      return { id };
    },

    async updateUnit(tenantId: string, id: string, b: UpdateUnitBody): Promise<void> {
      const r = await db
        .updateTable('units')
        .set({ name: b.name, phone: b.phone, active: b.active })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw notFound('/id');
    },

    async createJurisdiction(tenantId: string, b: CreateJurisdictionBody): Promise<{ id: string }> {
      const parent = await db
        .selectFrom('jurisdictions')
        .select(['id', 'path', 'level'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', b.parentId)
        .executeTakeFirst();
      if (!parent)
        throw new AppError('UNKNOWN_JURISDICTION', [
          { path: '/parentId', message: '上级区域不存在' },
        ]);
      if (JURISDICTION_LEVELS.indexOf(b.level) <= JURISDICTION_LEVELS.indexOf(parent.level)) {
        throw new AppError('VALIDATION_FAILED', [
          { path: '/level', message: '层级必须低于上级区域' },
        ]);
      }
      gradeOnGridsOnly(b.level, b.grade);
      const boundary = b.boundary === undefined ? null : boundaryJson(b.boundary);
      await ensureCodeFree(tenantId, b.code, null);
      const id = newId();
      await db
        .insertInto('jurisdictions')
        .values({
          id,
          tenant_id: tenantId,
          parent_id: parent.id,
          level: b.level,
          code: b.code,
          name: b.name,
          population: b.population ?? 0,
          path: `${parent.path}${id}/`,
          boundary,
          centre_lng: b.centre?.lng ?? null,
          centre_lat: b.centre?.lat ?? null,
          households: b.households ?? null,
          grade: b.grade ?? null,
        })
        .execute();
      placesChanged(tenantId);
      return { id };
    },

    async updateJurisdiction(
      tenantId: string,
      id: string,
      b: UpdateJurisdictionBody,
    ): Promise<void> {
      if (b.grade !== undefined && b.grade !== null) {
        const row = await db
          .selectFrom('jurisdictions')
          .select('level')
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id)
          .executeTakeFirst();
        if (!row) throw notFound('/id');
        gradeOnGridsOnly(row.level, b.grade);
      }
      const boundary = b.boundary === undefined ? undefined : boundaryJson(b.boundary);
      if (b.code !== undefined) await ensureCodeFree(tenantId, b.code, id);
      const r = await db
        .updateTable('jurisdictions')
        .set({
          name: b.name,
          code: b.code,
          population: b.population,
          ...(boundary !== undefined ? { boundary } : {}),
          households: b.households,
          grade: b.grade,
          // null clears the centre point; absent leaves it alone.
          ...(b.centre !== undefined
            ? { centre_lng: b.centre?.lng ?? null, centre_lat: b.centre?.lat ?? null }
            : {}),
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw notFound('/id');
      placesChanged(tenantId);
    },

    async createCategory(tenantId: string, b: CreateCategoryBody): Promise<{ id: string }> {
      let path = '/';
      let level = 1;
      if (b.parentId) {
        const p = await db
          .selectFrom('categories')
          .select(['path', 'level'])
          .where('tenant_id', '=', tenantId)
          .where('id', '=', b.parentId)
          .executeTakeFirst();
        if (!p)
          throw new AppError('UNKNOWN_CATEGORY', [
            { path: '/parentId', message: '上级分类不存在' },
          ]);
        path = p.path;
        level = p.level + 1;
        if (level > 5)
          throw new AppError('VALIDATION_FAILED', [{ path: '/parentId', message: '分类最多五级' }]);
      }
      // A new category goes after its siblings.
      const last = await db
        .selectFrom('categories')
        .select((eb) => eb.fn.max('sort').as('sort'))
        .where('tenant_id', '=', tenantId)
        .where((eb) =>
          b.parentId ? eb('parent_id', '=', b.parentId) : eb('parent_id', 'is', null),
        )
        .executeTakeFirst();
      const sort = last?.sort === null || last?.sort === undefined ? 0 : Number(last.sort) + 1;
      const id = newId();
      await db
        .insertInto('categories')
        .values({
          id,
          tenant_id: tenantId,
          parent_id: b.parentId,
          code: b.code,
          name: b.name,
          level,
          path: `${path}${id}/`,
          sort,
        })
        .execute();
      return { id };
    },

    async updateCategory(tenantId: string, id: string, b: UpdateCategoryBody): Promise<void> {
      const r = await db
        .updateTable('categories')
        .set({ name: b.name, active: b.active, sort: b.sort })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw notFound('/id');
    },

    /** Changing roles replaces them all; deactivating ends the user's sessions. */
    async updateUser(tenantId: string, id: string, b: UpdateUserBody): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const user = await trx
          .selectFrom('users')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id)
          .executeTakeFirst();
        if (!user) throw notFound('/id');
        if (b.displayName !== undefined || b.active !== undefined) {
          await trx
            .updateTable('users')
            .set({ display_name: b.displayName, active: b.active })
            .where('id', '=', id)
            .execute();
        }
        if (b.active === false)
          await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
        if (b.roles) await writeRoles(trx, tenantId, id, b.roles);
      });
      onUserChanged(id);
    },
  };
}
export type AdminService = ReturnType<typeof adminService>;
