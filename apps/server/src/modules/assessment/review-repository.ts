// SQL of the 三率 month's review: frozen snapshots (insert and read only — the
// table refuses UPDATE and DELETE), appeals to exclude a ticket, summons.
import { sql, type Insertable, type Kysely } from 'kysely';
import type {
  AssessmentAppealTable,
  AssessmentSnapshotTable,
  AssessmentSummonsTable,
  DB,
} from '../../db/schema.js';

export interface SnapshotKey {
  tenantId: string;
  month: string;
  group: string;
  townshipId: string | null;
}

export function reviewRepository(db: Kysely<DB>) {
  const snapshotsOf = (k: SnapshotKey) =>
    db
      .selectFrom('assessment_snapshots as s')
      .leftJoin('users as u', 'u.id', 's.created_by')
      .where('s.tenant_id', '=', k.tenantId)
      .where('s.month', '=', k.month)
      .where('s.grp', '=', k.group)
      .where((eb) =>
        k.townshipId === null
          ? eb('s.township_id', 'is', null)
          : eb('s.township_id', '=', k.townshipId),
      );

  const appealsBase = () =>
    db
      .selectFrom('assessment_appeals as a')
      .innerJoin('tickets as t', 't.id', 'a.ticket_id')
      .innerJoin('units as un', 'un.id', 'a.unit_id')
      .leftJoin('users as cu', 'cu.id', 'a.created_by')
      .leftJoin('users as du', 'du.id', 'a.decided_by')
      .selectAll('a')
      .select([
        't.code as ticket_code',
        't.title as ticket_title',
        'un.name as unit_name',
        'cu.display_name as created_by_name',
        'du.display_name as decided_by_name',
      ]);

  const summonsBase = () =>
    db
      .selectFrom('assessment_summons as s')
      .innerJoin('units as un', 'un.id', 's.unit_id')
      .leftJoin('users as u', 'u.id', 's.recorded_by')
      .select([
        's.id',
        's.unit_id',
        'un.name as unit_name',
        's.month',
        sql<string>`to_char(s.held_on, 'YYYY-MM-DD')`.as('held_on'),
        's.attendees',
        's.notes',
        's.recorded_by',
        'u.display_name as recorded_by_name',
        's.created_at',
      ]);

  return {
    /** Every version of a frozen month, newest first, without the data. */
    snapshotVersions(k: SnapshotKey) {
      return snapshotsOf(k)
        .select([
          's.version',
          's.reason',
          's.frozen_at',
          's.config_version',
          's.created_by',
          'u.display_name as created_by_name',
        ])
        .orderBy('s.version', 'desc')
        .execute();
    },

    snapshotData(k: SnapshotKey, version: number) {
      return snapshotsOf(k).select('s.data').where('s.version', '=', version).executeTakeFirst();
    },

    /** Stores a version; false when that version exists already (a concurrent freeze). */
    async insertSnapshot(row: Insertable<AssessmentSnapshotTable>): Promise<boolean> {
      const { rows } = await sql<{ id: string }>`
        INSERT INTO assessment_snapshots
          (id, tenant_id, month, grp, township_id, version, reason, data, config_version, frozen_at, created_by)
        VALUES (${row.id}, ${row.tenant_id}, ${row.month}, ${row.grp}, ${row.township_id ?? null},
          ${row.version}, ${row.reason}, ${JSON.stringify(row.data)}::jsonb, ${row.config_version},
          ${row.frozen_at}, ${row.created_by ?? null})
        ON CONFLICT DO NOTHING
        RETURNING id
      `.execute(db);
      return rows.length > 0;
    },

    appeal(tenantId: string, id: string) {
      return appealsBase()
        .where('a.tenant_id', '=', tenantId)
        .where('a.id', '=', id)
        .executeTakeFirst();
    },

    async appeals(
      tenantId: string,
      f: { status?: string; unitId?: string; month?: string; unitIds?: string[] },
      page: number,
      pageSize: number,
    ) {
      let q = appealsBase().where('a.tenant_id', '=', tenantId);
      if (f.status) q = q.where('a.status', '=', f.status as 'pending');
      if (f.unitId) q = q.where('a.unit_id', '=', f.unitId);
      if (f.month) q = q.where('a.month', '=', f.month);
      if (f.unitIds)
        q = f.unitIds.length ? q.where('a.unit_id', 'in', f.unitIds) : q.where(sql<boolean>`false`);
      const total = await q
        .clearSelect()
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      const items = await q
        .orderBy(sql`a.status = 'pending'`, 'desc')
        .orderBy('a.created_at', 'desc')
        .orderBy('a.id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return { items, total: Number(total.n) };
    },

    /** The live (pending or accepted) appeal of a ticket for a month, if any. */
    liveAppeal(ticketId: string, month: string) {
      return db
        .selectFrom('assessment_appeals')
        .select(['id', 'status'])
        .where('ticket_id', '=', ticketId)
        .where('month', '=', month)
        .where('status', '<>', 'rejected')
        .executeTakeFirst();
    },

    async insertAppeal(row: Insertable<AssessmentAppealTable>) {
      await db.insertInto('assessment_appeals').values(row).execute();
    },

    /** Decides a pending appeal; false when it was not pending any more. */
    async decideAppeal(
      tenantId: string,
      id: string,
      d: { status: 'accepted' | 'rejected'; by: string; note: string; at: Date },
    ): Promise<boolean> {
      const r = await db
        .updateTable('assessment_appeals')
        .set({ status: d.status, decided_by: d.by, decision_note: d.note, decided_at: d.at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    /** The month's accepted appeals (the exclusions), oldest decision first. */
    acceptedAppeals(tenantId: string, month: string) {
      return appealsBase()
        .where('a.tenant_id', '=', tenantId)
        .where('a.month', '=', month)
        .where('a.status', '=', 'accepted')
        .orderBy('a.decided_at')
        .orderBy('a.id')
        .execute();
    },

    /** Per unit: appeals asked for the month and how many were accepted. */
    appealCounts(tenantId: string, month: string) {
      return db
        .selectFrom('assessment_appeals')
        .select([
          'unit_id',
          sql<number>`count(*)::int`.as('asked'),
          sql<number>`(count(*) FILTER (WHERE status = 'accepted'))::int`.as('accepted'),
        ])
        .where('tenant_id', '=', tenantId)
        .where('month', '=', month)
        .groupBy('unit_id')
        .execute();
    },

    ticketByIdOrCode(tenantId: string, idOrCode: string) {
      const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrCode);
      return db
        .selectFrom('tickets')
        .select(['id', 'code', 'title', 'lead_unit_id'])
        .where('tenant_id', '=', tenantId)
        .where(isId ? 'id' : 'code', '=', idOrCode)
        .executeTakeFirst();
    },

    unit(tenantId: string, id: string) {
      return db
        .selectFrom('units')
        .select(['id', 'name', 'kind', 'active'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    summons(tenantId: string, month: string) {
      return summonsBase()
        .where('s.tenant_id', '=', tenantId)
        .where('s.month', '=', month)
        .orderBy('s.held_on')
        .orderBy('un.name')
        .execute();
    },

    summonsOf(tenantId: string, month: string, unitId: string) {
      return summonsBase()
        .where('s.tenant_id', '=', tenantId)
        .where('s.month', '=', month)
        .where('s.unit_id', '=', unitId)
        .executeTakeFirst();
    },

    async insertSummons(row: Insertable<AssessmentSummonsTable>): Promise<boolean> {
      const r = await db
        .insertInto('assessment_summons')
        .values(row)
        .onConflict((oc) => oc.columns(['tenant_id', 'month', 'unit_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return r !== undefined;
    },
  };
}
export type ReviewRepository = ReturnType<typeof reviewRepository>;
