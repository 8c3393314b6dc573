// The notification adapter: the platform's way to send a text to a person.
// Messages are written to `notification_outbox` in the caller's transaction
// (so a reminder is recorded if and only if the decision to send it commits);
// an SMS gateway drains the queued rows. No gateway is configured here, so the
// outbox is what one inspects to see what would have been sent.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../../shared/ids.js';

export interface OutgoingMessage {
  tenantId: string;
  toUserId: string | null;
  toName: string;
  /** The SMS goes here; without a phone the message is kept for the in-app list only. */
  toPhone: string | null;
  text: string;
  /** What caused it, e.g. 'broadcast_reminder', and that thing's id. */
  source: string;
  sourceId: string | null;
}

export interface Notifier {
  /** Queues the messages in the given executor's transaction; returns how many. */
  queue(db: Kysely<DB> | Transaction<DB>, messages: OutgoingMessage[], at: Date): Promise<number>;
}

export const outboxNotifier: Notifier = {
  async queue(db, messages, at) {
    if (messages.length === 0) return 0;
    await db
      .insertInto('notification_outbox')
      .values(
        messages.map((m) => ({
          id: newId(),
          tenant_id: m.tenantId,
          channel: m.toPhone ? ('sms' as const) : ('in_app' as const),
          to_user_id: m.toUserId,
          to_name: m.toName,
          to_phone: m.toPhone,
          text: m.text,
          source: m.source,
          source_id: m.sourceId,
          created_at: at,
          sent_at: null,
        })),
      )
      .execute();
    return messages.length;
  },
};

/** The outbox rows of one source (e.g. one broadcast's reminders), newest first. */
export async function outboxOf(db: Kysely<DB>, tenantId: string, source: string, sourceId: string) {
  return db
    .selectFrom('notification_outbox')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('source', '=', source)
    .where('source_id', '=', sourceId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}
