// [Handling] SQL of reply templates (答复口径) and of the ticket's assignee (承办人).
import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { ReplyTemplateQuery } from '@jiesu/contracts';
import type { DB, ReplyTemplateTable } from '../../db/schema.js';

const SORTS = {
  '-updatedAt': sql`r.updated_at DESC`,
  updatedAt: sql`r.updated_at ASC`,
  title: sql`r.title ASC`,
} as const;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function replyTemplateRepository(db: Kysely<DB>) {
  const withNames = () =>
    db
      .selectFrom('reply_templates as r')
      .leftJoin('units as u', 'u.id', 'r.unit_id')
      .leftJoin('categories as c', 'c.id', 'r.category_id')
      .leftJoin('users as cb', 'cb.id', 'r.created_by')
      .selectAll('r')
      .select([
        'u.name as unit_name',
        'c.name as category_name',
        'c.level as category_level',
        'cb.display_name as created_by_name',
      ]);

  return {
    byId(tenantId: string, id: string) {
      return withNames()
        .where('r.tenant_id', '=', tenantId)
        .where('r.id', '=', id)
        .executeTakeFirst();
    },

    /** A page of the templates kept by `unitIds` and the district-wide ones, filtered. */
    async list(tenantId: string, unitIds: string[], q: ReplyTemplateQuery) {
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 20;
      let base = db.selectFrom('reply_templates as r').where('r.tenant_id', '=', tenantId);
      base = base.where((eb) =>
        unitIds.length
          ? eb.or([eb('r.unit_id', 'is', null), eb('r.unit_id', 'in', unitIds)])
          : eb('r.unit_id', 'is', null),
      );
      if (q.districtWide) base = base.where('r.unit_id', 'is', null);
      if (q.unitId) base = base.where('r.unit_id', '=', q.unitId);
      if (q.categoryId) base = base.where('r.category_id', '=', q.categoryId);
      if (!q.includeInactive) base = base.where('r.active', '=', true);
      if (q.q) {
        const like = `%${escapeLike(q.q)}%`;
        base = base.where((eb) => eb.or([eb('r.title', 'like', like), eb('r.body', 'like', like)]));
      }
      const [ids, total] = await Promise.all([
        base
          .select('r.id')
          .orderBy(SORTS[q.sort ?? '-updatedAt'])
          .orderBy('r.id')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const rows = ids.length
        ? await withNames()
            .where(
              'r.id',
              'in',
              ids.map((r) => r.id),
            )
            .execute()
        : [];
      const byId = new Map(rows.map((r) => [r.id, r]));
      return {
        items: ids.map((r) => byId.get(r.id)!).filter(Boolean),
        total: Number(total.n),
        page,
        pageSize,
      };
    },

    /**
     * Active templates of `unitIds` and district-wide ones for a category: its own,
     * an ancestor's (by path prefix) or none.
     */
    applicable(tenantId: string, unitIds: string[], categoryPath: string) {
      return withNames()
        .where('r.tenant_id', '=', tenantId)
        .where('r.active', '=', true)
        .where((eb) =>
          unitIds.length
            ? eb.or([eb('r.unit_id', 'is', null), eb('r.unit_id', 'in', unitIds)])
            : eb('r.unit_id', 'is', null),
        )
        .where((eb) =>
          eb.or([
            eb('r.category_id', 'is', null),
            sql<boolean>`${categoryPath} LIKE c.path || '%'`,
          ]),
        )
        .execute();
    },

    category(tenantId: string, id: string) {
      return db
        .selectFrom('categories')
        .select(['id', 'name', 'path', 'level'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    unitName(tenantId: string, id: string) {
      return db
        .selectFrom('units')
        .select(['id', 'name'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async insert(row: Insertable<ReplyTemplateTable>) {
      await db.insertInto('reply_templates').values(row).execute();
    },

    async update(tenantId: string, id: string, patch: Updateable<ReplyTemplateTable>) {
      await db
        .updateTable('reply_templates')
        .set(patch)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },

    /** Whether the user has revealed the ticket's requester (a logged read). */
    async revealed(userId: string, ticketId: string): Promise<boolean> {
      const r = await db
        .selectFrom('personal_data_reads')
        .select('id')
        .where('user_id', '=', userId)
        .where('ticket_id', '=', ticketId)
        .limit(1)
        .executeTakeFirst();
      return r !== undefined;
    },

    userName(id: string) {
      return db
        .selectFrom('users')
        .select(['id', 'display_name as name'])
        .where('id', '=', id)
        .executeTakeFirst();
    },
  };
}
export type ReplyTemplateRepository = ReturnType<typeof replyTemplateRepository>;
