// [Interop] realtime: new in-app notifications pushed to the open workbenches of their
// recipients (GET /api/notifications/stream, server-sent events). The event's transaction
// announces the rows it wrote; the push happens only once they are committed:
// - PostgreSQL (several API nodes): `pg_notify` in the same transaction — PostgreSQL delivers
//   it at commit, to every node LISTENing; a rolled-back transaction delivers nothing;
// - the embedded engine (one node): an in-process emitter. The ids are loaded after the
//   transaction (the single connection is free only once it has ended), and rows a rollback
//   removed are not found, so nothing is pushed for them.
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { notifyRepository, type OutboxRow } from './repository.js';

export const PG_CHANNEL = 'jiesu_notifications';

export type Push = (row: OutboxRow, unread: number) => void;

export interface RealtimeHub {
  /** In the writing transaction: the in-app rows it added. */
  announce(trx: Kysely<DB>, ids: string[]): Promise<void>;
  /** A workbench listening for one user's notifications; returns the unsubscribe. */
  subscribe(tenantId: string, userId: string, push: Push): () => void;
  subscribers(): number;
  close(): Promise<void>;
}

export function realtimeHub(deps: { db: Kysely<DB>; databaseUrl?: string }): RealtimeHub {
  const repo = notifyRepository(deps.db);
  const subs = new Map<string, Set<Push>>();
  const local = new EventEmitter();
  let client: pg.Client | null = null;
  let closed = false;

  async function deliver(ids: string[], tries = 0): Promise<void> {
    if (closed || !ids.length) return;
    const wanted = ids.filter((id) => id);
    let rows: OutboxRow[];
    try {
      rows = await repo.byIds(wanted);
    } catch {
      return; // the database is closing
    }
    const counted = new Map<string, number>();
    for (const r of rows) {
      if (r.channel !== 'in_app' || !r.to_user_id) continue;
      const set = subs.get(`${r.tenant_id}/${r.to_user_id}`);
      if (!set?.size) continue;
      let unread = counted.get(r.to_user_id);
      if (unread === undefined) {
        unread = await repo.unread(r.tenant_id, r.to_user_id);
        counted.set(r.to_user_id, unread);
      }
      for (const push of set) push(r, unread);
    }
    // On a pooled connection the load may run before the commit: look again a few times.
    const found = new Set(rows.map((r) => r.id));
    const missing = wanted.filter((id) => !found.has(id));
    if (missing.length && !deps.databaseUrl && tries < 3) {
      setTimeout(() => void deliver(missing, tries + 1), 200 * (tries + 1)).unref();
    }
  }

  local.on('ids', (ids: string[]) => setImmediate(() => void deliver(ids)));

  async function listen(url: string): Promise<void> {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (m) => {
      if (m.channel !== PG_CHANNEL || !m.payload) return;
      try {
        void deliver(JSON.parse(m.payload) as string[]);
      } catch {
        /* not ours */
      }
    });
    c.on('error', () => {
      client = null;
      if (!closed) setTimeout(() => void listen(url).catch(() => undefined), 5_000).unref();
    });
    await c.connect();
    await c.query(`LISTEN ${PG_CHANNEL}`);
    client = c;
  }

  return {
    async announce(trx, ids) {
      if (!ids.length) return;
      if (deps.databaseUrl) {
        // Chunks well under NOTIFY's 8000-byte payload limit.
        for (let i = 0; i < ids.length; i += 100) {
          const payload = JSON.stringify(ids.slice(i, i + 100));
          await sql`SELECT pg_notify(${PG_CHANNEL}, ${payload})`.execute(trx);
        }
      } else {
        local.emit('ids', ids);
      }
    },
    subscribe(tenantId, userId, push) {
      if (deps.databaseUrl && !client && !closed)
        void listen(deps.databaseUrl).catch(() => undefined);
      const key = `${tenantId}/${userId}`;
      const set = subs.get(key) ?? new Set<Push>();
      set.add(push);
      subs.set(key, set);
      return () => {
        set.delete(push);
        if (!set.size) subs.delete(key);
      };
    },
    subscribers: () => [...subs.values()].reduce((n, s) => n + s.size, 0),
    async close() {
      closed = true;
      subs.clear();
      local.removeAllListeners();
      if (client) await client.end().catch(() => undefined);
      client = null;
    },
  };
}
