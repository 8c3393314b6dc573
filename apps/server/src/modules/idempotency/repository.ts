// All SQL of idempotency keys. `claim` runs inside the creating transaction.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface KeyId {
  tenantId: string;
  caller: string;
  route: string;
  key: string;
}

/** How long a claim waits for a concurrent request holding the same key to commit. */
export const CLAIM_WAIT_MS = 10_000;

export function idempotencyRepository(db: Kysely<DB>) {
  const byId = (id: KeyId) =>
    db
      .selectFrom('idempotency_keys')
      .where('tenant_id', '=', id.tenantId)
      .where('caller', '=', id.caller)
      .where('route', '=', id.route)
      .where('key', '=', id.key);

  return {
    /** The live (not expired) key, with its stored answer if any. */
    find(id: KeyId, notBefore: Date) {
      return byId(id)
        .select(['request_hash', 'ticket_id', 'response_status', 'response_body', 'created_at'])
        .where('created_at', '>=', notBefore)
        .executeTakeFirst();
    },

    /**
     * Inserts the key bound to the ticket being created, in the caller's transaction;
     * false when another request already holds it. On PostgreSQL a concurrent holder that
     * has not committed makes the insert wait (at most `waitMs`, then SQLSTATE 55P03)
     * for its commit or rollback; an expired key of the same name is free again.
     */
    async claim(
      id: KeyId,
      row: { requestHash: string; ticketId: string; at: Date },
      notBefore: Date,
      waitMs: number = CLAIM_WAIT_MS,
    ): Promise<boolean> {
      await db
        .deleteFrom('idempotency_keys')
        .where('tenant_id', '=', id.tenantId)
        .where('caller', '=', id.caller)
        .where('route', '=', id.route)
        .where('key', '=', id.key)
        .where('created_at', '<', notBefore)
        .execute();
      const before = await sql<{ t: string }>`SELECT current_setting('lock_timeout') AS t`.execute(
        db,
      );
      await sql`SELECT set_config('lock_timeout', ${`${waitMs}ms`}, true)`.execute(db);
      const inserted = await db
        .insertInto('idempotency_keys')
        .values({
          tenant_id: id.tenantId,
          caller: id.caller,
          route: id.route,
          key: id.key,
          request_hash: row.requestHash,
          ticket_id: row.ticketId,
          created_at: row.at,
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'caller', 'route', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      // The rest of the creating transaction waits on locks as it always did.
      await sql`SELECT set_config('lock_timeout', ${before.rows[0]!.t}, true)`.execute(db);
      return inserted !== undefined;
    },

    /** The first answer, once; a later store (a rebuilt replay) changes nothing. */
    async storeResponse(id: KeyId, status: number, body: unknown): Promise<void> {
      await db
        .updateTable('idempotency_keys')
        .set({ response_status: status, response_body: JSON.stringify(body) })
        .where('tenant_id', '=', id.tenantId)
        .where('caller', '=', id.caller)
        .where('route', '=', id.route)
        .where('key', '=', id.key)
        .where('response_status', 'is', null)
        .execute();
    },

    /** Deletes up to `limit` expired keys, skipping rows another sweep holds; returns how many. */
    async deleteExpired(notBefore: Date, limit: number): Promise<number> {
      const r = await sql<{ n: string }>`
        WITH gone AS (
          DELETE FROM idempotency_keys WHERE ctid IN (
            SELECT ctid FROM idempotency_keys WHERE created_at < ${notBefore}
            LIMIT ${limit} FOR UPDATE SKIP LOCKED
          ) RETURNING 1
        )
        SELECT count(*)::text AS n FROM gone
      `.execute(db);
      return Number(r.rows[0]?.n ?? 0);
    },
  };
}
export type IdempotencyRepository = ReturnType<typeof idempotencyRepository>;
