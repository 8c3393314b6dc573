// SQL of the webhook outbox: subscriptions, the deliveries (one per subscription and
// ticket event), the claim of due deliveries and the attempt log.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { WebhookDeliveryQuery } from '@jiesu/contracts';
import type {
  DB,
  WebhookAttemptTable,
  WebhookDeliveryTable,
  WebhookSubscriptionTable,
} from '../../db/schema.js';

export type ClaimedDelivery = {
  id: string;
  tenant_id: string;
  subscription_id: string;
  ticket_id: string | null;
  seq: number;
  event_type: string;
  payload: Record<string, unknown>;
  attempts: number;
};

export function webhookRepository(db: Kysely<DB>) {
  const deliveries = () =>
    db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
      .leftJoin('tickets as t', 't.id', 'd.ticket_id')
      .select([
        'd.id',
        'd.subscription_id',
        's.name as subscription_name',
        'd.ticket_id',
        't.code as ticket_code',
        'd.seq',
        'd.event_type',
        'd.status',
        'd.attempts',
        'd.next_attempt_at',
        'd.last_status',
        'd.last_error',
        'd.created_at',
        'd.delivered_at',
      ]);

  return {
    /** The active subscriptions of a tenant: read by the listener in every event's transaction. */
    active(tenantId: string) {
      return db
        .selectFrom('webhook_subscriptions')
        .select(['id', 'kind', 'event_types'])
        .where('tenant_id', '=', tenantId)
        .where('active', '=', true)
        .execute();
    },

    async insertDeliveries(rows: Insertable<WebhookDeliveryTable>[]) {
      if (!rows.length) return;
      await db
        .insertInto('webhook_deliveries')
        .values(rows)
        .onConflict((oc) =>
          oc
            .columns(['subscription_id', 'ticket_id', 'seq'])
            .where('ticket_id', 'is not', null)
            .doNothing(),
        )
        .execute();
    },

    async insertSubscription(row: Insertable<WebhookSubscriptionTable>) {
      await db.insertInto('webhook_subscriptions').values(row).execute();
    },

    subscription(tenantId: string, id: string) {
      return db
        .selectFrom('webhook_subscriptions')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    subscriptionsByIds(ids: string[]) {
      if (!ids.length) return Promise.resolve([]);
      return db
        .selectFrom('webhook_subscriptions')
        .select(['id', 'url', 'secret_cipher'])
        .where('id', 'in', ids)
        .execute();
    },

    async subscriptions(tenantId: string) {
      return db
        .selectFrom('webhook_subscriptions as s')
        .selectAll('s')
        .select((eb) => [
          eb
            .selectFrom('webhook_deliveries as d')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('d.subscription_id', '=', 's.id')
            .where('d.status', 'in', ['pending', 'delivering'])
            .as('pending'),
          eb
            .selectFrom('webhook_deliveries as d')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('d.subscription_id', '=', 's.id')
            .where('d.status', '=', 'dead')
            .as('dead'),
        ])
        .where('s.tenant_id', '=', tenantId)
        .orderBy('s.created_at')
        .execute();
    },

    async updateSubscription(
      tenantId: string,
      id: string,
      patch: Partial<Pick<WebhookSubscriptionTable, 'name' | 'url' | 'event_types'>> & {
        active?: boolean;
        updated_at: Date;
      },
    ): Promise<boolean> {
      const r = await db
        .updateTable('webhook_subscriptions')
        .set(patch)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    /**
     * Claims due deliveries: pending and due, or delivering past their lock (a worker that
     * died mid-send). Per (subscription, ticket) only the lowest seq not yet delivered may
     * go: a later event waits while an earlier one is pending, retrying or dead. SKIP LOCKED
     * lets several workers claim side by side on PostgreSQL.
     */
    async claim(now: Date, lockUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
      const r = await sql<ClaimedDelivery>`
        UPDATE webhook_deliveries d
           SET status = 'delivering', locked_until = ${lockUntil}
         WHERE d.id IN (
           SELECT c.id FROM webhook_deliveries c
             JOIN webhook_subscriptions s ON s.id = c.subscription_id AND s.active
            WHERE ((c.status = 'pending' AND c.next_attempt_at <= ${now})
                OR (c.status = 'delivering' AND c.locked_until < ${now}))
              AND NOT EXISTS (
                SELECT 1 FROM webhook_deliveries e
                 WHERE e.subscription_id = c.subscription_id
                   AND e.ticket_id = c.ticket_id
                   AND e.seq < c.seq
                   AND e.status <> 'delivered')
            ORDER BY c.next_attempt_at, c.seq
            LIMIT ${limit}
            FOR UPDATE OF c SKIP LOCKED)
        RETURNING d.id, d.tenant_id, d.subscription_id, d.ticket_id, d.seq, d.event_type,
                  d.payload, d.attempts`.execute(db);
      return r.rows;
    },

    /** Records one try and its outcome; false when the delivery is no longer ours (replayed, reclaimed). */
    async finish(
      id: string,
      attempt: Insertable<WebhookAttemptTable>,
      outcome: {
        status: 'delivered' | 'pending' | 'dead';
        nextAttemptAt: Date;
        lastStatus: number | null;
        lastError: string | null;
        deliveredAt: Date | null;
      },
    ): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('webhook_deliveries')
          .set({
            status: outcome.status,
            attempts: attempt.attempt,
            next_attempt_at: outcome.nextAttemptAt,
            locked_until: null,
            last_status: outcome.lastStatus,
            last_error: outcome.lastError,
            delivered_at: outcome.deliveredAt,
          })
          .where('id', '=', id)
          .where('status', '=', 'delivering')
          .where('attempts', '=', attempt.attempt - 1)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) return false;
        await trx.insertInto('webhook_attempts').values(attempt).execute();
        return true;
      });
    },

    async list(tenantId: string, q: WebhookDeliveryQuery) {
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 20;
      let base = deliveries().where('d.tenant_id', '=', tenantId);
      if (q.status) base = base.where('d.status', '=', q.status);
      if (q.subscriptionId) base = base.where('d.subscription_id', '=', q.subscriptionId);
      if (q.ticketId) base = base.where('d.ticket_id', '=', q.ticketId);
      const [items, total] = await Promise.all([
        base
          .orderBy('d.created_at', 'desc')
          .orderBy('d.seq', 'desc')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        base
          .clearSelect()
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { items, total: total.n, page, pageSize };
    },

    delivery(tenantId: string, id: string) {
      return deliveries()
        .select('d.payload')
        .where('d.tenant_id', '=', tenantId)
        .where('d.id', '=', id)
        .executeTakeFirst();
    },

    attempts(deliveryId: string) {
      return db
        .selectFrom('webhook_attempts')
        .selectAll()
        .where('delivery_id', '=', deliveryId)
        .orderBy('at')
        .orderBy('attempt')
        .execute();
    },

    /** A dead delivery back to pending with its tries reset; false when it is not dead. */
    async replay(tenantId: string, id: string, now: Date): Promise<boolean> {
      const r = await db
        .updateTable('webhook_deliveries')
        .set({ status: 'pending', attempts: 0, next_attempt_at: now, locked_until: null })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('status', '=', 'dead')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}
export type WebhookRepository = ReturnType<typeof webhookRepository>;
