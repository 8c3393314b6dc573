// [Interop] notifications: the outbox rows (queue, delivery, my in-app list), the staff a
// unit's messages go to, the districts' channel settings and the deadline sweep's marks.
import { sql, type Kysely, type Selectable } from 'kysely';
import { HANDLING_STATES } from '@jiesu/contracts';
import type { DB, NotificationOutboxTable } from '../../db/schema.js';

export type OutboxRow = Selectable<NotificationOutboxTable>;

export interface NewOutboxRow {
  id: string;
  tenant_id: string;
  channel: OutboxRow['channel'];
  to_user_id: string | null;
  to_name: string;
  to_phone?: string | null;
  to_email?: string | null;
  to_openid?: string | null;
  text: string;
  template: string | null;
  params: Record<string, string> | null;
  ticket_id: string | null;
  source: string;
  source_id: string | null;
  created_at: Date;
}

/** The roles that receive a unit's messages. */
export const RECEIVING_ROLES = ['handler', 'unit_leader', 'grid_worker'] as const;

export function notifyRepository(db: Kysely<DB>) {
  return {
    async insert(rows: NewOutboxRow[]): Promise<void> {
      if (!rows.length) return;
      await db
        .insertInto('notification_outbox')
        .values(
          rows.map((r) => ({
            ...r,
            to_phone: r.to_phone ?? null,
            params: r.params ? JSON.stringify(r.params) : null,
            sent_at: null,
            next_attempt_at: r.created_at,
          })),
        )
        .execute();
    },

    /** The active staff holding a receiving role in any of these units, once each. */
    async unitStaff(tenantId: string, unitIds: string[]) {
      if (!unitIds.length) return [];
      return db
        .selectFrom('role_assignments as r')
        .innerJoin('users as u', 'u.id', 'r.user_id')
        .select(['u.id', 'u.display_name', 'u.phone'])
        .distinct()
        .where('r.tenant_id', '=', tenantId)
        .where('r.unit_id', 'in', unitIds)
        .where('r.role', 'in', [...RECEIVING_ROLES])
        .where('u.active', '=', true)
        .orderBy('u.id')
        .execute();
    },

    // ── my in-app list ──
    async mine(
      tenantId: string,
      userId: string,
      q: { unread?: boolean; page: number; pageSize: number },
    ) {
      let base = db
        .selectFrom('notification_outbox')
        .where('tenant_id', '=', tenantId)
        .where('to_user_id', '=', userId)
        .where('channel', '=', 'in_app');
      if (q.unread) base = base.where('read_at', 'is', null);
      const [items, total] = await Promise.all([
        base
          .selectAll()
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    async unread(tenantId: string, userId: string): Promise<number> {
      const r = await db
        .selectFrom('notification_outbox')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('tenant_id', '=', tenantId)
        .where('to_user_id', '=', userId)
        .where('channel', '=', 'in_app')
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async byIds(ids: string[]): Promise<OutboxRow[]> {
      if (!ids.length) return [];
      return db.selectFrom('notification_outbox').selectAll().where('id', 'in', ids).execute();
    },

    async mineById(tenantId: string, userId: string, id: string) {
      return db
        .selectFrom('notification_outbox')
        .selectAll()
        .where('id', '=', id)
        .where('tenant_id', '=', tenantId)
        .where('to_user_id', '=', userId)
        .where('channel', '=', 'in_app')
        .executeTakeFirst();
    },

    /** Marks my unread in-app rows read (one, or all); returns how many changed. */
    async markRead(tenantId: string, userId: string, at: Date, id?: string): Promise<number> {
      let q = db
        .updateTable('notification_outbox')
        .set({ read_at: at })
        .where('tenant_id', '=', tenantId)
        .where('to_user_id', '=', userId)
        .where('channel', '=', 'in_app')
        .where('read_at', 'is', null);
      if (id) q = q.where('id', '=', id);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    // ── the sender ──
    /**
     * Claims up to `limit` queued rows due now (FOR UPDATE SKIP LOCKED, so two senders never
     * take the same row) and leases them until `leaseUntil`: a sender that dies mid-send
     * leaves them to be taken again after the lease.
     */
    async claim(now: Date, limit: number, leaseUntil: Date): Promise<OutboxRow[]> {
      return db.transaction().execute(async (trx) => {
        const rows = await trx
          .selectFrom('notification_outbox')
          .selectAll()
          .where('status', '=', 'queued')
          .where((eb) =>
            eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]),
          )
          .orderBy('next_attempt_at')
          .orderBy('created_at')
          .limit(limit)
          .forUpdate()
          .skipLocked()
          .execute();
        if (rows.length) {
          await trx
            .updateTable('notification_outbox')
            .set({ next_attempt_at: leaseUntil, attempts: sql`attempts + 1` })
            .where(
              'id',
              'in',
              rows.map((r) => r.id),
            )
            .execute();
        }
        return rows.map((r) => ({ ...r, attempts: r.attempts + 1 }));
      });
    },

    async markSent(id: string, at: Date, note: string | null): Promise<void> {
      await db
        .updateTable('notification_outbox')
        .set({ status: 'sent', sent_at: at, note, last_error: null, next_attempt_at: null })
        .where('id', '=', id)
        .execute();
    },

    async markRetry(id: string, error: string, next: Date): Promise<void> {
      await db
        .updateTable('notification_outbox')
        .set({ last_error: error.slice(0, 1000), next_attempt_at: next })
        .where('id', '=', id)
        .execute();
    },

    async markDead(id: string, error: string): Promise<void> {
      await db
        .updateTable('notification_outbox')
        .set({ status: 'dead', last_error: error.slice(0, 1000), next_attempt_at: null })
        .where('id', '=', id)
        .execute();
    },

    // ── channel settings ──
    channels(tenantId: string) {
      return db
        .selectFrom('notification_channels')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .execute();
    },

    channel(tenantId: string, channel: 'sms' | 'wechat' | 'email') {
      return db
        .selectFrom('notification_channels')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('channel', '=', channel)
        .executeTakeFirst();
    },

    async putChannel(row: {
      tenant_id: string;
      channel: 'sms' | 'wechat' | 'email';
      enabled: boolean;
      settings: Record<string, unknown>;
      secrets: Record<string, string>;
      updated_by: string | null;
      updated_at: Date;
    }): Promise<void> {
      const values = {
        ...row,
        settings: JSON.stringify(row.settings),
        secrets: JSON.stringify(row.secrets),
      };
      await db
        .insertInto('notification_channels')
        .values(values)
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'channel']).doUpdateSet({
            enabled: values.enabled,
            settings: values.settings,
            secrets: values.secrets,
            updated_by: values.updated_by,
            updated_at: values.updated_at,
          }),
        )
        .execute();
    },

    // ── the deadline sweep ──
    /** Open, unpaused tickets whose completion deadline is before `until`. */
    dueBefore(until: Date) {
      return db
        .selectFrom('tickets')
        .selectAll()
        .where('completion_due_at', 'is not', null)
        .where('completion_due_at', '<=', until)
        .where('paused_at', 'is', null)
        .where('master_id', 'is', null)
        .where('state', 'in', [...HANDLING_STATES])
        .orderBy('completion_due_at')
        .execute();
    },

    /** Records the mark once; false when this deadline was already notified. */
    async mark(
      tenantId: string,
      ticketId: string,
      kind: 'due_soon' | 'overdue',
      dueAt: Date,
      at: Date,
    ): Promise<boolean> {
      const r = await db
        .insertInto('notification_deadline_marks')
        .values({ tenant_id: tenantId, ticket_id: ticketId, kind, due_at: dueAt, at })
        .onConflict((oc) => oc.doNothing())
        .returning('ticket_id')
        .executeTakeFirst();
      return !!r;
    },
  };
}
export type NotifyRepository = ReturnType<typeof notifyRepository>;
