// All SQL of 一令到底: resolving the recipients of a place, the broadcast and
// its recipient rows, the sender's list with read/ack counts, the worker's
// inbox, and the idempotent read / acknowledge / remind updates.
import { sql, type Insertable, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { BroadcastTable, DB, TenantSettings } from '../../db/schema.js';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

type Exec = Kysely<DB> | Transaction<DB>;

/** Rows counted as "still to remind": not read, or (when acknowledgement is asked) not acked. */
export const PENDING = sql<SqlBool>`(r.read_at IS NULL OR (b.ack_required AND r.acked_at IS NULL))`;

export function broadcastRepository(db: Kysely<DB>) {
  const summaries = (tenantId: string) =>
    db
      .selectFrom('broadcasts as b')
      .innerJoin('jurisdictions as j', 'j.id', 'b.target_id')
      .innerJoin('units as un', 'un.id', 'b.sender_unit_id')
      .innerJoin('users as u', 'u.id', 'b.sender_user_id')
      .where('b.tenant_id', '=', tenantId);

  /** A broadcast with its sender, target and recipient counts (list and detail alike). */
  const summaryColumns = [
    'b.id',
    'b.kind',
    'b.title',
    'b.body',
    'b.ack_required',
    'b.due_at',
    'b.sent_at',
    'b.sender_user_id',
    'u.display_name as sender_name',
    'b.sender_unit_id',
    'un.name as sender_unit_name',
    'j.id as target_id',
    'j.name as target_name',
    'j.path as target_path',
    sql<string>`(SELECT count(*) FROM broadcast_recipients r WHERE r.broadcast_id = b.id)`.as(
      'recipients',
    ),
    sql<string>`(SELECT count(*) FROM broadcast_recipients r WHERE r.broadcast_id = b.id AND r.read_at IS NOT NULL)`.as(
      'read',
    ),
    sql<string>`(SELECT count(*) FROM broadcast_recipients r WHERE r.broadcast_id = b.id AND r.acked_at IS NOT NULL)`.as(
      'acked',
    ),
  ] as const;

  const inPaths = (paths: string[] | undefined) =>
    paths === undefined
      ? sql<SqlBool>`true`
      : paths.length
        ? sql<SqlBool>`(${sql.join(
            paths.map((p) => sql`j.path LIKE ${`${escapeLike(p)}%`}`),
            sql` OR `,
          )})`
        : sql<SqlBool>`false`;

  return {
    async tenantSettings(tenantId: string): Promise<TenantSettings | undefined> {
      const row = await db
        .selectFrom('tenants')
        .select('settings')
        .where('id', '=', tenantId)
        .executeTakeFirst();
      return row?.settings;
    },

    async place(tenantId: string, id: string) {
      return db
        .selectFrom('jurisdictions')
        .select(['id', 'name', 'path', 'level', 'parent_id'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** Places under the given subtrees (district, townships, villages, grids), in code order. */
    async places(tenantId: string, paths: string[] | undefined) {
      return db
        .selectFrom('jurisdictions as j')
        .select(['j.id', 'j.name', 'j.level', 'j.parent_id', 'j.path'])
        .where('j.tenant_id', '=', tenantId)
        .where('j.level', 'in', ['district', 'township', 'village', 'grid'])
        .where(inPaths(paths))
        .orderBy('j.code')
        .execute();
    },

    /**
     * The grid workers with a login on duty on `day` under the place at `path`:
     * one row per user (a worker of two grids is listed once, under the first grid).
     */
    async workersUnder(tenantId: string, path: string, day: string, exec: Exec = db) {
      const rows = await sql<{
        user_id: string;
        grid_id: string;
        name: string;
        phone: string | null;
        grid_path: string;
      }>`
        SELECT DISTINCT ON (m.user_id) m.user_id, m.jurisdiction_id AS grid_id, m.name,
               COALESCE(m.phone, u.phone) AS phone, g.path AS grid_path
        FROM grid_members m
        JOIN jurisdictions g ON g.id = m.jurisdiction_id
        JOIN users u ON u.id = m.user_id
        WHERE m.tenant_id = ${tenantId} AND m.role = 'worker' AND m.user_id IS NOT NULL
          AND u.active AND g.path LIKE ${`${escapeLike(path)}%`}
          AND m.since <= ${day}::date AND (m.until IS NULL OR m.until > ${day}::date)
        ORDER BY m.user_id, g.code
      `.execute(exec);
      return rows.rows;
    },

    async insert(
      exec: Exec,
      b: Insertable<BroadcastTable>,
      recipients: Array<{ user_id: string; grid_id: string; name: string; phone: string | null }>,
    ): Promise<void> {
      await exec.insertInto('broadcasts').values(b).execute();
      if (recipients.length)
        await exec
          .insertInto('broadcast_recipients')
          .values(
            recipients.map((r) => ({
              broadcast_id: b.id,
              tenant_id: b.tenant_id,
              user_id: r.user_id,
              grid_id: r.grid_id,
              name: r.name,
              phone: r.phone,
              read_at: null,
              acked_at: null,
              ack_note: null,
              reminded_at: null,
            })),
          )
          .execute();
    },

    /** Sent broadcasts whose target lies under one of the subtrees, newest first, with counts. */
    async list(
      tenantId: string,
      paths: string[] | undefined,
      f: { q?: string },
      page: { limit: number; offset: number },
    ) {
      let q = summaries(tenantId).where(inPaths(paths));
      if (f.q) q = q.where('b.title', 'like', `%${escapeLike(f.q)}%`);
      const [items, total] = await Promise.all([
        q
          .select(summaryColumns)
          .orderBy('b.sent_at', 'desc')
          .orderBy('b.id')
          .limit(page.limit)
          .offset(page.offset)
          .execute(),
        q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    async one(tenantId: string, id: string) {
      return summaries(tenantId).where('b.id', '=', id).select(summaryColumns).executeTakeFirst();
    },

    /** A broadcast's recipients with their grid and village, unread first, then by grid. */
    async recipients(tenantId: string, broadcastId: string) {
      return db
        .selectFrom('broadcast_recipients as r')
        .innerJoin('jurisdictions as g', 'g.id', 'r.grid_id')
        .leftJoin('jurisdictions as v', 'v.id', 'g.parent_id')
        .select([
          'r.user_id',
          'r.name',
          'r.phone',
          'r.read_at',
          'r.acked_at',
          'r.ack_note',
          'r.reminded_at',
          'r.remind_count',
          'g.id as grid_id',
          'g.name as grid_name',
          'v.id as village_id',
          'v.name as village_name',
        ])
        .where('r.tenant_id', '=', tenantId)
        .where('r.broadcast_id', '=', broadcastId)
        .orderBy(sql`r.read_at IS NOT NULL`)
        .orderBy('g.path')
        .orderBy('r.name')
        .execute();
    },

    /** The worker's broadcasts: unread first, then newest first. */
    async inbox(tenantId: string, userId: string, opts: { limit: number; id?: string }) {
      let q = db
        .selectFrom('broadcast_recipients as r')
        .innerJoin('broadcasts as b', 'b.id', 'r.broadcast_id')
        .innerJoin('units as un', 'un.id', 'b.sender_unit_id')
        .select([
          'b.id',
          'b.kind',
          'b.title',
          'b.body',
          'b.ack_required',
          'b.due_at',
          'b.sent_at',
          'b.sender_unit_id',
          'un.name as sender_unit_name',
          'r.read_at',
          'r.acked_at',
          'r.ack_note',
        ])
        .where('r.tenant_id', '=', tenantId)
        .where('r.user_id', '=', userId);
      if (opts.id) q = q.where('b.id', '=', opts.id);
      return q
        .orderBy(sql`r.read_at IS NOT NULL`)
        .orderBy('b.sent_at', 'desc')
        .orderBy('b.id')
        .limit(opts.limit)
        .execute();
    },

    async countUnread(tenantId: string, userId: string): Promise<number> {
      const r = await db
        .selectFrom('broadcast_recipients')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    /** Sets read_at once (a second opening keeps the first time). */
    async markRead(tenantId: string, broadcastId: string, userId: string, at: Date) {
      await db
        .updateTable('broadcast_recipients')
        .set({ read_at: at })
        .where('tenant_id', '=', tenantId)
        .where('broadcast_id', '=', broadcastId)
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .execute();
    },

    /** Sets acked_at (and read_at if missing) once; the first note stays. */
    async ack(
      tenantId: string,
      broadcastId: string,
      userId: string,
      at: Date,
      note: string | null,
    ) {
      await db
        .updateTable('broadcast_recipients')
        .set({ acked_at: at, ack_note: note, read_at: sql`COALESCE(read_at, ${at})` })
        .where('tenant_id', '=', tenantId)
        .where('broadcast_id', '=', broadcastId)
        .where('user_id', '=', userId)
        .where('acked_at', 'is', null)
        .execute();
    },

    /** Marks the pending recipients reminded; returns them (to queue their messages). */
    async remindPending(exec: Exec, tenantId: string, broadcastId: string, at: Date) {
      const r = await sql<{ user_id: string; name: string; phone: string | null }>`
        UPDATE broadcast_recipients r
        SET reminded_at = ${at}, remind_count = r.remind_count + 1
        FROM broadcasts b
        WHERE b.id = r.broadcast_id AND r.tenant_id = ${tenantId}
          AND r.broadcast_id = ${broadcastId} AND ${PENDING}
        RETURNING r.user_id, r.name, r.phone
      `.execute(exec);
      return r.rows;
    },
  };
}
export type BroadcastRepository = ReturnType<typeof broadcastRepository>;
