// All SQL of smart dispatch: the training texts of a district's closed tickets, the stored
// models, the suggestions shown with what was chosen, the configuration and its lease.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DispatchTarget } from '@jiesu/contracts';
import type { DB, DispatchModelTable } from '../../../db/schema.js';

/** Most recent closed tickets a model learns from: bounds training to well under a minute. */
export const MAX_SAMPLES = 10_000;
/** Keys of pg_try_advisory_xact_lock: the scheduled retraining's claim. */
const RETRAIN_LOCK = 0x6a5f5344; // 'j_SD'

export interface TrainingRow {
  title: string;
  description: string;
  label: string;
}

/** Model rows without the blob. */
const MODEL_FIGURES = [
  'm.id',
  'm.target',
  'm.version',
  'm.active',
  'm.trained_at',
  'm.trained_by',
  'u.display_name as trained_by_name',
  'm.samples',
  'm.labels',
  'm.holdout',
  'm.macro_f1',
  'm.accuracy',
  'm.top3_accuracy',
  'm.features',
  'm.train_ms',
  'm.bytes',
] as const;

export function smartDispatchRepository(db: Kysely<DB>) {
  /**
   * The texts and labels to learn from: closed tickets, not merged into another (their
   * master carries the case). Category: the leaf the agent chose, still active. Unit: the
   * last lead unit the dispatch centre sent the ticket to — the `dispatch` event, or the
   * new unit of an upheld objection (改派) — still active.
   */
  const closed = (tenantId: string) =>
    db
      .selectFrom('tickets as t')
      .where('t.tenant_id', '=', tenantId)
      .where('t.state', '=', 'closed')
      .where('t.master_id', 'is', null);
  const byCategory = (tenantId: string) =>
    closed(tenantId)
      .innerJoin('categories as c', 'c.id', 't.category_id')
      .where('c.active', '=', true)
      .select(['t.title', 't.description', 't.category_id as label', 't.closed_at']);

  function trainingQuery(tenantId: string, target: DispatchTarget) {
    if (target === 'category') return byCategory(tenantId);
    const lead = db
      .selectFrom('ticket_events as e')
      .where('e.tenant_id', '=', tenantId)
      .where((eb) =>
        eb.or([
          eb('e.action', '=', 'dispatch'),
          eb.and([
            eb('e.action', '=', 'review_objection'),
            eb(sql`e.payload->>'verdict'`, '=', 'upheld'),
          ]),
        ]),
      )
      .distinctOn('e.ticket_id')
      .select([
        'e.ticket_id',
        sql<string>`coalesce(e.payload->>'newLeadUnitId', e.payload->>'leadUnitId')`.as('unit_id'),
      ])
      .orderBy('e.ticket_id')
      .orderBy('e.seq', 'desc')
      .as('l');
    // The same columns as `byCategory`: one type for both.
    return closed(tenantId)
      .innerJoin(lead, 'l.ticket_id', 't.id')
      .innerJoin('units as u', (j) =>
        j.on(sql`u.id::text`, '=', sql.ref('l.unit_id')).on('u.tenant_id', '=', tenantId),
      )
      .where('u.active', '=', true)
      .select([
        't.title',
        't.description',
        'u.id as label',
        't.closed_at',
      ]) as unknown as ReturnType<typeof byCategory>;
  }

  return {
    async trainingRows(tenantId: string, target: DispatchTarget): Promise<TrainingRow[]> {
      const rows = await trainingQuery(tenantId, target)
        .orderBy('t.closed_at', 'desc')
        .limit(MAX_SAMPLES)
        .execute();
      return rows.map((r) => ({ title: r.title, description: r.description, label: r.label }));
    },

    async trainingCount(tenantId: string, target: DispatchTarget): Promise<number> {
      const r = await db
        .selectFrom(trainingQuery(tenantId, target).as('x'))
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async config(tenantId: string) {
      return db
        .selectFrom('dispatch_configs')
        .select(['retrain_days', 'min_samples', 'lease_until'])
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst();
    },

    async saveConfig(tenantId: string, retrainDays: number, minSamples: number, now: Date) {
      await db
        .insertInto('dispatch_configs')
        .values({
          tenant_id: tenantId,
          retrain_days: retrainDays,
          min_samples: minSamples,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.column('tenant_id').doUpdateSet({
            retrain_days: retrainDays,
            min_samples: minSamples,
            updated_at: now,
          }),
        )
        .execute();
    },

    /**
     * Takes the district's training lease until `until` unless another holder's lease
     * runs; true when taken. One statement, so two nodes cannot both win.
     */
    async takeLease(tenantId: string, now: Date, until: Date): Promise<boolean> {
      const r = await db
        .insertInto('dispatch_configs')
        .values({ tenant_id: tenantId, lease_until: until, updated_at: now })
        .onConflict((oc) =>
          oc
            .column('tenant_id')
            .doUpdateSet({ lease_until: until })
            .where((eb) =>
              eb.or([
                eb('dispatch_configs.lease_until', 'is', null),
                eb('dispatch_configs.lease_until', '<', now),
              ]),
            ),
        )
        .returning('tenant_id')
        .executeTakeFirst();
      return r !== undefined;
    },

    async releaseLease(tenantId: string) {
      await db
        .updateTable('dispatch_configs')
        .set({ lease_until: null })
        .where('tenant_id', '=', tenantId)
        .execute();
    },

    /**
     * The districts due for retraining, each with its lease taken, under a transaction-level
     * advisory lock so that nodes ticking at once do not both claim; empty when another node
     * holds the lock. A district is due when a target has no model, or its newest is older
     * than the district's interval (default 7 days).
     */
    async claimDue(now: Date, until: Date): Promise<string[]> {
      return db.transaction().execute(async (trx) => {
        const lock = await sql<{
          ok: boolean;
        }>`SELECT pg_try_advisory_xact_lock(${RETRAIN_LOCK}) AS ok`.execute(trx);
        if (!lock.rows[0]?.ok) return [];
        const due = await sql<{ id: string }>`
          SELECT t.id FROM tenants t
          LEFT JOIN dispatch_configs c ON c.tenant_id = t.id
          WHERE (c.lease_until IS NULL OR c.lease_until < ${now})
            AND EXISTS (SELECT 1 FROM tickets k WHERE k.tenant_id = t.id AND k.state = 'closed')
            AND (
              SELECT count(*) FROM dispatch_models m
              WHERE m.tenant_id = t.id AND m.active
                AND m.trained_at > ${now}::timestamptz
                  - make_interval(days => coalesce(c.retrain_days, 7))
            ) < 2
          ORDER BY t.id`.execute(trx);
        const ids = due.rows.map((r) => r.id);
        for (const id of ids)
          await trx
            .insertInto('dispatch_configs')
            .values({ tenant_id: id, lease_until: until, updated_at: now })
            .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ lease_until: until }))
            .execute();
        return ids;
      });
    },

    /** Stores a model as the active one of its target; keeps the blobs of the last three. */
    async saveModel(row: Omit<Insertable<DispatchModelTable>, 'version' | 'active'>) {
      return db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${RETRAIN_LOCK}, hashtext(${row.tenant_id}))`.execute(
          trx,
        );
        const last = await trx
          .selectFrom('dispatch_models')
          .select((eb) => eb.fn.max('version').as('v'))
          .where('tenant_id', '=', row.tenant_id)
          .where('target', '=', row.target)
          .executeTakeFirst();
        const version = Number(last?.v ?? 0) + 1;
        await trx
          .updateTable('dispatch_models')
          .set({ active: false })
          .where('tenant_id', '=', row.tenant_id)
          .where('target', '=', row.target)
          .where('active', '=', true)
          .execute();
        await trx
          .updateTable('dispatch_models')
          .set({ model: null })
          .where('tenant_id', '=', row.tenant_id)
          .where('target', '=', row.target)
          .where('version', '<=', version - 3)
          .where('model', 'is not', null)
          .execute();
        await trx
          .insertInto('dispatch_models')
          .values({ ...row, version, active: true })
          .execute();
        return version;
      });
    },

    async models(tenantId: string) {
      return db
        .selectFrom('dispatch_models as m')
        .leftJoin('users as u', 'u.id', 'm.trained_by')
        .select(MODEL_FIGURES)
        .where('m.tenant_id', '=', tenantId)
        .orderBy('m.trained_at', 'desc')
        .orderBy('m.version', 'desc')
        .limit(20)
        .execute();
    },

    async model(tenantId: string, target: DispatchTarget, version: number) {
      return db
        .selectFrom('dispatch_models as m')
        .leftJoin('users as u', 'u.id', 'm.trained_by')
        .select(MODEL_FIGURES)
        .where('m.tenant_id', '=', tenantId)
        .where('m.target', '=', target)
        .where('m.version', '=', version)
        .executeTakeFirst();
    },

    async activeVersion(tenantId: string, target: DispatchTarget) {
      const r = await db
        .selectFrom('dispatch_models')
        .select('version')
        .where('tenant_id', '=', tenantId)
        .where('target', '=', target)
        .where('active', '=', true)
        .executeTakeFirst();
      return r?.version;
    },

    async modelBlob(tenantId: string, target: DispatchTarget, version: number) {
      const r = await db
        .selectFrom('dispatch_models')
        .select('model')
        .where('tenant_id', '=', tenantId)
        .where('target', '=', target)
        .where('version', '=', version)
        .executeTakeFirst();
      return r?.model ?? undefined;
    },

    async names(tenantId: string, target: DispatchTarget, ids: string[]) {
      if (ids.length === 0) return [];
      const table = target === 'category' ? 'categories' : 'units';
      return db
        .selectFrom(table)
        .select(['id', 'name', 'active'])
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', ids)
        .execute();
    },

    async ticket(tenantId: string, ticketId: string) {
      return db
        .selectFrom('tickets')
        .select(['id', 'category_id', 'lead_unit_id'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', ticketId)
        .executeTakeFirst();
    },

    /** Records an outcome once per ticket and target; returns the stored row. */
    async recordOutcome(row: Insertable<DB['dispatch_suggestions']>) {
      await db
        .insertInto('dispatch_suggestions')
        .values(row)
        .onConflict((oc) => oc.columns(['tenant_id', 'ticket_id', 'target']).doNothing())
        .execute();
      return db
        .selectFrom('dispatch_suggestions')
        .select(['id', 'ticket_id', 'target', 'chosen_id', 'taken', 'rank'])
        .where('tenant_id', '=', row.tenant_id)
        .where('ticket_id', '=', row.ticket_id)
        .where('target', '=', row.target)
        .executeTakeFirstOrThrow();
    },

    /** Per local week (Monday) and target: how many shown, taken first, taken in the top 3. */
    async weekly(tenantId: string, from: Date, offsetMinutes: number) {
      // Grouped by position: the week expression carries a parameter, so it is written once.
      const r = await sql<{
        week: string;
        target: DispatchTarget;
        shown: string;
        top1: string;
        top3: string;
      }>`
        SELECT to_char(date_trunc('week', (s.at AT TIME ZONE 'UTC')
                 + make_interval(mins => ${offsetMinutes})), 'YYYY-MM-DD') AS week,
               s.target,
               count(*) AS shown,
               count(*) FILTER (WHERE s.rank = 1) AS top1,
               count(*) FILTER (WHERE s.rank IS NOT NULL) AS top3
        FROM dispatch_suggestions s
        WHERE s.tenant_id = ${tenantId} AND s.at >= ${from}
        GROUP BY 1, 2
        ORDER BY 1, 2`.execute(db);
      return r.rows;
    },

    /** The most common misses: the first suggestion shown against what was chosen. */
    async misses(tenantId: string, from: Date, limit: number) {
      return db
        .selectFrom('dispatch_suggestions as s')
        .where('s.tenant_id', '=', tenantId)
        .where('s.at', '>=', from)
        .where((eb) => eb.or([eb('s.rank', 'is', null), eb('s.rank', '>', 1)]))
        .select([
          's.target',
          sql<string>`s.shown->0->>'id'`.as('suggested_id'),
          's.chosen_id',
          (eb) => eb.fn.countAll<string>().as('n'),
        ])
        .groupBy(['s.target', sql`s.shown->0->>'id'`, 's.chosen_id'])
        .orderBy(sql`count(*)`, 'desc')
        .orderBy('s.target')
        .orderBy(sql`s.shown->0->>'id'`)
        .limit(limit)
        .execute();
    },

    async tenantSettings(tenantId: string) {
      const t = await db
        .selectFrom('tenants')
        .select('settings')
        .where('id', '=', tenantId)
        .executeTakeFirst();
      return t?.settings;
    },
  };
}

export type SmartDispatchRepository = ReturnType<typeof smartDispatchRepository>;
