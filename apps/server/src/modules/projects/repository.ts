// All SQL of common-problem projects (共性问题/每月一题): the project rows, their
// milestones, the links to tickets, the lists behind the pages and the monthly
// volume of the project's problem. The links are written by the hooks of the
// ticket actions link_project / unlink_project, inside the action's transaction.
import {
  sql,
  type Insertable,
  type Kysely,
  type RawBuilder,
  type SqlBool,
  type Updateable,
} from 'kysely';
import type { ProjectSort, ProjectState } from '@jiesu/contracts';
import type { DB, ProjectMilestoneTable, ProjectTable } from '../../db/schema.js';
import { oneOf } from '../../db/fragments.js';

/**
 * Who reads which projects: undefined for the whole tenant (the dispatch centre),
 * else the projects owned by one of `owners` or linking a ticket that `scope`
 * may see (led, held or co-handled by one of its units).
 */
export type ProjectVisibility = { owners: string[]; scope: string[] } | undefined;

export interface ProjectFilter {
  ids?: string[];
  state?: ProjectState[];
  ownerUnitId?: string;
  q?: string;
  monthlyTopic?: string;
  sort?: ProjectSort;
  page?: number;
  pageSize?: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const SORTS: Record<ProjectSort, RawBuilder<unknown>> = {
  '-createdAt': sql`p.created_at DESC`,
  createdAt: sql`p.created_at ASC`,
  startsOn: sql`p.starts_on ASC`,
  '-startsOn': sql`p.starts_on DESC`,
  dueOn: sql`p.due_on ASC NULLS LAST`,
  '-dueOn': sql`p.due_on DESC NULLS LAST`,
  '-linkedCount': sql`(SELECT count(*) FROM project_tickets s WHERE s.project_id = p.id) DESC`,
};

/** A ticket (joined as `vt`) that a scope of units may see: the rule of tickets/repository inScope. */
function ticketInScope(units: readonly string[]): RawBuilder<SqlBool> {
  const list = sql.join([...units]);
  return sql<SqlBool>`(vt.lead_unit_id IN (${list}) OR vt.holder_unit_id IN (${list})
    OR EXISTS (SELECT 1 FROM ticket_assignments va
                WHERE va.ticket_id = vt.id AND va.unit_id IN (${list}) AND va.ended_at IS NULL))`;
}

function visibleTo(v: ProjectVisibility): RawBuilder<SqlBool> {
  if (!v) return sql<SqlBool>`true`;
  const owned = oneOf('p.owner_unit_id', v.owners);
  if (v.scope.length === 0) return owned;
  return sql<SqlBool>`(${owned} OR EXISTS (
    SELECT 1 FROM project_tickets vpt JOIN tickets vt ON vt.id = vpt.ticket_id
     WHERE vpt.project_id = p.id AND ${ticketInScope(v.scope)}))`;
}

export function projectRepository(db: Kysely<DB>) {
  const summaries = (tenantId: string) =>
    db
      .selectFrom('projects as p')
      .innerJoin('units as ou', 'ou.id', 'p.owner_unit_id')
      .leftJoin('categories as c', 'c.id', 'p.category_id')
      .leftJoin('jurisdictions as j', 'j.id', 'p.jurisdiction_id')
      .leftJoin('users as cb', 'cb.id', 'p.created_by')
      .selectAll('p')
      .select([
        'ou.name as owner_unit_name',
        'c.name as category_name',
        'j.name as jurisdiction_name',
        'cb.display_name as created_by_name',
        sql<string>`(SELECT count(*) FROM project_tickets s WHERE s.project_id = p.id)`.as(
          'linked_count',
        ),
        sql<string>`(SELECT count(*) FROM project_tickets s JOIN tickets st ON st.id = s.ticket_id
                      WHERE s.project_id = p.id AND st.state <> 'closed')`.as('open_linked_count'),
        sql<string>`(SELECT count(*) FROM project_milestones m
                      WHERE m.project_id = p.id AND m.done_at IS NOT NULL)`.as('milestones_done'),
        sql<string>`(SELECT count(*) FROM project_milestones m WHERE m.project_id = p.id)`.as(
          'milestones_total',
        ),
      ])
      .where('p.tenant_id', '=', tenantId);

  function filtered(tenantId: string, f: ProjectFilter, v: ProjectVisibility) {
    let q = summaries(tenantId).where(visibleTo(v));
    if (f.ids) q = q.where(oneOf('p.id', f.ids));
    if (f.state?.length) q = q.where('p.state', 'in', f.state);
    if (f.ownerUnitId) q = q.where('p.owner_unit_id', '=', f.ownerUnitId);
    if (f.monthlyTopic) q = q.where('p.monthly_topic', '=', f.monthlyTopic);
    if (f.q) {
      const like = `%${escapeLike(f.q)}%`;
      q = q.where((eb) => eb.or([eb('p.title', 'like', like), eb('p.problem', 'like', like)]));
    }
    return q;
  }

  return {
    // ── projects ─────────────────────────────────────────────────────────────
    async insertProject(
      row: Insertable<ProjectTable>,
      milestones: Array<Omit<Insertable<ProjectMilestoneTable>, 'project_id' | 'tenant_id'>>,
    ) {
      await db.insertInto('projects').values(row).execute();
      if (milestones.length) {
        await db
          .insertInto('project_milestones')
          .values(milestones.map((m) => ({ ...m, project_id: row.id, tenant_id: row.tenant_id })))
          .execute();
      }
    },

    /** The bare row, in the tenant. */
    project(tenantId: string, id: string) {
      return db
        .selectFrom('projects')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** The row locked for an update (serialises concurrent edits on PostgreSQL). */
    projectForUpdate(tenantId: string, id: string) {
      return db
        .selectFrom('projects')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
    },

    /** Whether the actor's visibility covers the project. */
    async isVisible(tenantId: string, id: string, v: ProjectVisibility): Promise<boolean> {
      const row = await db
        .selectFrom('projects as p')
        .select('p.id')
        .where('p.tenant_id', '=', tenantId)
        .where('p.id', '=', id)
        .where(visibleTo(v))
        .executeTakeFirst();
      return row !== undefined;
    },

    /** One page of projects with names and counts, and the total. */
    async list(tenantId: string, f: ProjectFilter, v: ProjectVisibility) {
      const page = f.page ?? 1;
      const pageSize = f.pageSize ?? 20;
      const [items, total] = await Promise.all([
        filtered(tenantId, f, v)
          .orderBy(SORTS[f.sort ?? '-createdAt'])
          .orderBy('p.id')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        filtered(tenantId, f, v)
          .clearSelect()
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n), page, pageSize };
    },

    async one(tenantId: string, id: string, v: ProjectVisibility) {
      return filtered(tenantId, { ids: [id] }, v).executeTakeFirst();
    },

    async updateProject(
      id: string,
      version: number,
      patch: Omit<Updateable<ProjectTable>, 'id' | 'tenant_id' | 'version'>,
    ): Promise<boolean> {
      const r = await db
        .updateTable('projects')
        .set({ ...patch, version: version + 1 })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async touch(id: string, at: Date) {
      await db.updateTable('projects').set({ updated_at: at }).where('id', '=', id).execute();
    },

    // ── milestones ───────────────────────────────────────────────────────────
    milestones(projectId: string) {
      return db
        .selectFrom('project_milestones')
        .selectAll()
        .where('project_id', '=', projectId)
        .orderBy('sort')
        .orderBy('id')
        .execute();
    },

    milestone(projectId: string, id: string) {
      return db
        .selectFrom('project_milestones')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async insertMilestone(m: Omit<Insertable<ProjectMilestoneTable>, 'sort'>) {
      await db
        .insertInto('project_milestones')
        .values({
          ...m,
          sort: sql<number>`(SELECT COALESCE(MAX(sort), 0) + 1 FROM project_milestones WHERE project_id = ${m.project_id})`,
        })
        .execute();
    },

    async updateMilestone(
      id: string,
      patch: Pick<Updateable<ProjectMilestoneTable>, 'title' | 'due_on' | 'note' | 'done_at'>,
    ) {
      if (Object.keys(patch).length === 0) return;
      await db.updateTable('project_milestones').set(patch).where('id', '=', id).execute();
    },

    // ── links ────────────────────────────────────────────────────────────────
    async isLinked(projectId: string, ticketId: string): Promise<boolean> {
      const row = await db
        .selectFrom('project_tickets')
        .select('ticket_id')
        .where('project_id', '=', projectId)
        .where('ticket_id', '=', ticketId)
        .executeTakeFirst();
      return row !== undefined;
    },

    async link(r: {
      tenant_id: string;
      project_id: string;
      ticket_id: string;
      linked_at: Date;
      linked_by: string | null;
    }) {
      await db.insertInto('project_tickets').values(r).execute();
    },

    async unlink(projectId: string, ticketId: string): Promise<boolean> {
      const r = await db
        .deleteFrom('project_tickets')
        .where('project_id', '=', projectId)
        .where('ticket_id', '=', ticketId)
        .executeTakeFirst();
      return Number(r.numDeletedRows) === 1;
    },

    /** Every linked ticket's id, code and state, oldest first: what a batch reply walks. */
    linkedStates(projectId: string) {
      return db
        .selectFrom('project_tickets as pt')
        .innerJoin('tickets as t', 't.id', 'pt.ticket_id')
        .select(['t.id', 't.code', 't.state'])
        .where('pt.project_id', '=', projectId)
        .orderBy('t.received_at')
        .orderBy('t.id')
        .execute();
    },

    /** Codes of the tenant's tickets among `ids`. */
    async codes(tenantId: string, ids: string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .selectFrom('tickets')
        .select(['id', 'code'])
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', ids)
        .execute();
      return new Map(rows.map((r) => [r.id, r.code]));
    },

    /** The projects a ticket is in, newest link first. */
    ticketProjects(tenantId: string, ticketId: string) {
      return db
        .selectFrom('project_tickets as pt')
        .innerJoin('projects as p', 'p.id', 'pt.project_id')
        .innerJoin('units as ou', 'ou.id', 'p.owner_unit_id')
        .select([
          'p.id',
          'p.title',
          'p.state',
          'p.owner_unit_id',
          'ou.name as owner_unit_name',
          'pt.linked_at',
        ])
        .where('pt.tenant_id', '=', tenantId)
        .where('pt.ticket_id', '=', ticketId)
        .orderBy('pt.linked_at', 'desc')
        .execute();
    },

    // ── volume ───────────────────────────────────────────────────────────────
    /**
     * Tickets received in [from, to) per local month ('YYYY-MM' at the tenant's
     * UTC offset), in the category's subtree and the jurisdiction's subtree
     * (either may be absent: every category, the whole district).
     */
    async monthlyVolume(
      tenantId: string,
      where: { categoryId: string | null; jurisdictionId: string | null },
      from: Date,
      to: Date,
      offsetMinutes: number,
    ): Promise<Map<string, number>> {
      const cat = where.categoryId
        ? sql`AND c.path LIKE (SELECT path FROM categories WHERE id = ${where.categoryId}) || '%'`
        : sql``;
      const place = where.jurisdictionId
        ? sql`AND j.path LIKE (SELECT path FROM jurisdictions WHERE id = ${where.jurisdictionId}) || '%'`
        : sql``;
      const { rows } = await sql<{ month: string; n: string }>`
        SELECT to_char((t.received_at AT TIME ZONE 'UTC') + (${offsetMinutes}::int * interval '1 minute'), 'YYYY-MM') AS month,
               count(*) AS n
          FROM tickets t
          JOIN categories c ON c.id = t.category_id
          JOIN jurisdictions j ON j.id = t.jurisdiction_id
         WHERE t.tenant_id = ${tenantId}
           AND t.received_at >= ${from} AND t.received_at < ${to}
           ${cat} ${place}
         GROUP BY 1
      `.execute(db);
      return new Map(rows.map((r) => [r.month, Number(r.n)]));
    },
  };
}
export type ProjectRepository = ReturnType<typeof projectRepository>;
