// [Interop] notifications: the ticket event listener (the rules' messages, written in the
// event's transaction), the deadline sweep (due soon / overdue, once per deadline), my
// in-app list, and the districts' channel settings (secrets write-only).
import type { Kysely } from 'kysely';
import {
  CONFIGURABLE_CHANNELS,
  EmailChannelSettings,
  SmsChannelSettings,
  WechatChannelSettings,
  zhCN,
  type ChannelConfigInput,
  type ChannelConfigList,
  type ChannelConfigView,
  type ConfigurableChannel,
  type DeadlineSweepResult,
  type NotificationItem,
  type NotificationKind,
  type NotificationList,
  type NotificationQuery,
  type NotificationReadResult,
} from '@jiesu/contracts';
import { Value } from '@sinclair/typebox/value';
import type { DB, Ticket } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import type { StaffActor } from '../../shared/actor.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import type { TicketEventListener } from '../tickets/hooks.js';
import { notifyRepository, type NewOutboxRow, type OutboxRow } from './repository.js';
import type { RealtimeHub } from './realtime.js';
import { RULES, beijing, render, requesterReachable, smsForStaff } from './rules.js';

export const NOTIFY_SOURCE = 'ticket_event';
export const DEADLINE_SOURCE = 'ticket_deadline';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function toItem(r: OutboxRow): NotificationItem {
  return {
    id: r.id,
    kind: r.template,
    text: r.text,
    ticketId: r.ticket_id,
    createdAt: iso(r.created_at)!,
    readAt: iso(r.read_at),
  };
}

/** The rows one message makes for the staff of some units: in-app always, SMS when urgent. */
async function staffRows(
  trx: Kysely<DB>,
  base: Omit<NewOutboxRow, 'id' | 'channel' | 'to_user_id' | 'to_name'>,
  ticket: Ticket,
  unitIds: string[],
): Promise<NewOutboxRow[]> {
  const staff = await notifyRepository(trx).unitStaff(base.tenant_id, unitIds);
  const rows: NewOutboxRow[] = [];
  for (const u of staff) {
    rows.push({
      ...base,
      id: newId(),
      channel: 'in_app',
      to_user_id: u.id,
      to_name: u.display_name,
    });
    if (smsForStaff(ticket) && u.phone) {
      rows.push({
        ...base,
        id: newId(),
        channel: 'sms',
        to_user_id: u.id,
        to_name: u.display_name,
        to_phone: u.phone,
      });
    }
  }
  return rows;
}

async function write(trx: Kysely<DB>, hub: RealtimeHub | undefined, rows: NewOutboxRow[]) {
  await notifyRepository(trx).insert(rows);
  await hub?.announce(
    trx,
    rows.filter((r) => r.channel === 'in_app').map((r) => r.id),
  );
  return rows.length;
}

/**
 * The listener: the messages the rules give for this event, written in its transaction (a
 * failed action leaves none). Nothing else: delivery is the sender's.
 */
export function notificationListener(deps: { hub?: RealtimeHub }): TicketEventListener {
  return async ({ trx, tenantId, ticket, event }) => {
    const rules = RULES.filter((r) => r.on === event.action);
    if (!rules.length) return;
    const rows: NewOutboxRow[] = [];
    for (const rule of rules) {
      const params = rule.params({ ticket, event });
      const base = {
        tenant_id: tenantId,
        text: render(rule.kind, params),
        template: rule.kind,
        params,
        ticket_id: ticket.id,
        source: NOTIFY_SOURCE,
        source_id: ticket.id,
        created_at: event.at,
      };
      if (rule.to === 'requester') {
        if (!requesterReachable(ticket)) continue;
        // The phone goes into this row's address only; the name is not copied.
        rows.push({
          ...base,
          id: newId(),
          channel: 'sms',
          to_user_id: null,
          to_name: '诉求人',
          to_phone: ticket.requester_phone,
        });
      } else {
        const units = [...new Set(rule.to({ ticket, event }))];
        rows.push(...(await staffRows(trx, base, ticket, units)));
      }
    }
    await write(trx, deps.hub, rows);
  };
}

const CHANNEL_SCHEMAS = {
  sms: SmsChannelSettings,
  wechat: WechatChannelSettings,
  email: EmailChannelSettings,
} as const;
const SECRET_KEYS: Record<ConfigurableChannel, string[]> = {
  sms: ['authValue'],
  wechat: ['appSecret'],
  email: ['password'],
};

export function notificationService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  hub?: RealtimeHub;
  /** Hours before the completion deadline when the holder is reminded (default 4). */
  dueSoonHours?: number;
}) {
  const { db, clock } = deps;
  const repo = notifyRepository(db);
  const dueSoonHours = deps.dueSoonHours ?? 4;

  function view(
    channel: ConfigurableChannel,
    row: Awaited<ReturnType<typeof repo.channels>>[number] | undefined,
  ): ChannelConfigView {
    return {
      channel,
      enabled: row?.enabled ?? false,
      configured: !!row,
      settings: row?.settings ?? {},
      secretsSet: Object.entries(row?.secrets ?? {})
        .filter(([, v]) => !!v)
        .map(([k]) => k),
      updatedAt: iso(row?.updated_at ?? null),
    };
  }

  return {
    async mine(actor: StaffActor, q: NotificationQuery): Promise<NotificationList> {
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 20;
      const [{ items, total }, unread] = await Promise.all([
        repo.mine(actor.tenantId, actor.userId, { unread: q.unread, page, pageSize }),
        repo.unread(actor.tenantId, actor.userId),
      ]);
      return { items: items.map(toItem), total, page, pageSize, unread };
    },

    async read(actor: StaffActor, id: string): Promise<NotificationReadResult> {
      if (!(await repo.mineById(actor.tenantId, actor.userId, id))) {
        throw new AppError('NOTIFICATION_NOT_FOUND');
      }
      const updated = await repo.markRead(actor.tenantId, actor.userId, clock.now(), id);
      return { updated, unread: await repo.unread(actor.tenantId, actor.userId) };
    },

    async readAll(actor: StaffActor): Promise<NotificationReadResult> {
      const updated = await repo.markRead(actor.tenantId, actor.userId, clock.now());
      return { updated, unread: 0 };
    },

    async channels(actor: StaffActor): Promise<ChannelConfigList> {
      const rows = await repo.channels(actor.tenantId);
      return {
        items: CONFIGURABLE_CHANNELS.map((c) =>
          view(
            c,
            rows.find((r) => r.channel === c),
          ),
        ),
      };
    },

    async putChannel(
      actor: StaffActor,
      channel: ConfigurableChannel,
      input: ChannelConfigInput,
    ): Promise<ChannelConfigView> {
      const schema = CHANNEL_SCHEMAS[channel];
      if (!Value.Check(schema, input.settings)) {
        const first = [...Value.Errors(schema, input.settings)][0];
        throw new AppError('NOTIFICATION_CHANNEL_INVALID', [
          {
            path: `/settings${first?.path ?? ''}`,
            message: zhCN.error.NOTIFICATION_CHANNEL_INVALID,
          },
        ]);
      }
      const allowed = SECRET_KEYS[channel];
      const given = Object.entries(input.secrets ?? {});
      const wrong = given.find(([k]) => !allowed.includes(k));
      if (wrong) {
        throw new AppError('NOTIFICATION_CHANNEL_INVALID', [
          { path: `/secrets/${wrong[0]}`, message: zhCN.error.NOTIFICATION_CHANNEL_INVALID },
        ]);
      }
      const old = await repo.channel(actor.tenantId, channel);
      const secrets: Record<string, string> = { ...(old?.secrets ?? {}) };
      for (const [k, v] of given) {
        if (v) secrets[k] = v as string;
        else delete secrets[k];
      }
      await repo.putChannel({
        tenant_id: actor.tenantId,
        channel,
        enabled: input.enabled,
        settings: input.settings as Record<string, unknown>,
        secrets,
        updated_by: actor.userId,
        updated_at: clock.now(),
      });
      return view(channel, await repo.channel(actor.tenantId, channel));
    },

    /**
     * The deadline sweep: every open ticket in handling whose completion deadline is within
     * `dueSoonHours` (due soon) or has passed (overdue) notifies its holding unit once per
     * deadline and kind (a new deadline — an extension — notifies again).
     */
    async sweepDeadlines(tenantId?: string): Promise<DeadlineSweepResult> {
      const now = clock.now();
      const out: DeadlineSweepResult = { dueSoon: 0, overdue: 0, queued: 0 };
      const due = await repo.dueBefore(new Date(now.getTime() + dueSoonHours * 3_600_000));
      for (const t of due) {
        if (tenantId && t.tenant_id !== tenantId) continue;
        const dueAt = new Date(t.completion_due_at!);
        const kind: NotificationKind = dueAt.getTime() <= now.getTime() ? 'overdue' : 'due_soon';
        const unit = t.holder_unit_id ?? t.lead_unit_id;
        if (!unit) continue;
        const queued = await db.transaction().execute(async (trx) => {
          const r = notifyRepository(trx);
          if (!(await r.mark(t.tenant_id, t.id, kind, dueAt, now))) return -1;
          const params = { code: t.code, title: t.title.slice(0, 30), due: beijing(dueAt) };
          const rows = await staffRows(
            trx,
            {
              tenant_id: t.tenant_id,
              text: render(kind, params),
              template: kind,
              params,
              ticket_id: t.id,
              source: DEADLINE_SOURCE,
              source_id: t.id,
              created_at: now,
            },
            t,
            [unit],
          );
          return write(trx, deps.hub, rows);
        });
        if (queued < 0) continue;
        out[kind === 'overdue' ? 'overdue' : 'dueSoon']++;
        out.queued += queued;
      }
      return out;
    },
  };
}
export type NotificationService = ReturnType<typeof notificationService>;
