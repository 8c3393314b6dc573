// 一令到底: who sends, who receives, who sees what.
// Senders: staff (handler, leader) of a government unit at district, township or
// village level, and administrators; each sends to a place inside its own
// jurisdiction (a township, a village, a grid). Recipients are resolved when it
// is sent — the grid workers with a login on duty that day under the place —
// and never change afterwards (a worker who joins later does not receive it).
// The sent list and each broadcast's recipients are seen by the senders of the
// jurisdiction (and supervisors, read-only); a worker sees only their own.
import type { Kysely } from 'kysely';
import ExcelJS from 'exceljs';
import type {
  AckBroadcastBody,
  BroadcastDetail,
  BroadcastDetailQuery,
  BroadcastList,
  BroadcastListQuery,
  BroadcastRecipientView,
  BroadcastSummary,
  BroadcastTargets,
  CreateBroadcastBody,
  InboxBroadcastDetail,
  InboxBroadcastList,
  OutboxList,
  RemindResult,
} from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import type { RoleGrant, StaffActor } from '../../shared/actor.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { maskPhone } from '../../shared/phone.js';
import { effectiveSettings } from '../org/settings.js';
import { outboxNotifier, outboxOf, type Notifier } from '../notify/outbox.js';
import { broadcastRepository } from './repository.js';

type Repo = ReturnType<typeof broadcastRepository>;
type SummaryRow = NonNullable<Awaited<ReturnType<Repo['one']>>>;

export const REMINDER_SOURCE = 'broadcast_reminder';
const KIND_LABEL = { notice: '通知', instruction: '指令' } as const;
const SENDER_LEVELS = new Set(['district', 'township', 'village']);
const TARGET_LEVELS = new Set(['district', 'township', 'village', 'grid']);

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', [{ path, message }]);
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** The grants that let the actor send down: government staff of a place, administrators. */
export function senderGrants(actor: StaffActor): RoleGrant[] {
  return actor.grants.filter(
    (g) =>
      g.role === 'admin' ||
      (g.unitKind === 'government' &&
        (g.role === 'handler' || g.role === 'unit_leader') &&
        g.jurisdictionLevel !== undefined &&
        SENDER_LEVELS.has(g.jurisdictionLevel)),
  );
}

/** The sender grant that covers a place (the closest one), if any. */
function grantFor(actor: StaffActor, path: string): RoleGrant | undefined {
  return senderGrants(actor)
    .filter((g) => path.startsWith(g.jurisdictionPath))
    .sort((a, b) => b.jurisdictionPath.length - a.jurisdictionPath.length)[0];
}

/** Subtrees whose broadcasts the actor reads; undefined = the whole district (supervisors). */
function readablePaths(actor: StaffActor): string[] | undefined {
  if (actor.grants.some((g) => g.role === 'supervisor')) return undefined;
  const paths = senderGrants(actor).map((g) => g.jurisdictionPath);
  if (paths.length === 0) throw new AppError('FORBIDDEN');
  return paths;
}

const readable = (paths: string[] | undefined, path: string) =>
  !paths || paths.some((p) => path.startsWith(p));

function summary(r: SummaryRow): BroadcastSummary {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    target: { id: r.target_id, name: r.target_name },
    senderUnit: { id: r.sender_unit_id, name: r.sender_unit_name },
    sender: { id: r.sender_user_id, name: r.sender_name },
    ackRequired: r.ack_required,
    dueAt: iso(r.due_at),
    sentAt: iso(r.sent_at)!,
    progress: { recipients: Number(r.recipients), read: Number(r.read), acked: Number(r.acked) },
  };
}

export function broadcastService(deps: { db: Kysely<DB>; clock: Clock; notifier?: Notifier }) {
  const { db, clock } = deps;
  const notifier = deps.notifier ?? outboxNotifier;
  const repo = broadcastRepository(db);

  async function offsetMs(tenantId: string): Promise<number> {
    return effectiveSettings(await repo.tenantSettings(tenantId)).utcOffsetMinutes * 60_000;
  }
  /** Today in the district's local time, 'YYYY-MM-DD'. */
  async function today(tenantId: string): Promise<string> {
    return new Date(clock.now().getTime() + (await offsetMs(tenantId))).toISOString().slice(0, 10);
  }

  async function visible(actor: StaffActor, id: string) {
    const paths = readablePaths(actor);
    const row = await repo.one(actor.tenantId, id);
    if (!row || !readable(paths, row.target_path)) throw new AppError('NOT_FOUND');
    return row;
  }

  async function recipientsOf(actor: StaffActor, id: string): Promise<BroadcastRecipientView[]> {
    const rows = await repo.recipients(actor.tenantId, id);
    return rows.map((r) => ({
      worker: { id: r.user_id, name: r.name },
      grid: { id: r.grid_id, name: r.grid_name },
      village: r.village_id ? { id: r.village_id, name: r.village_name ?? '' } : null,
      phone: r.phone,
      readAt: iso(r.read_at),
      ackedAt: iso(r.acked_at),
      ackNote: r.ack_note,
      remindedAt: iso(r.reminded_at),
      remindCount: r.remind_count,
    }));
  }

  async function detail(
    actor: StaffActor,
    id: string,
    q: BroadcastDetailQuery = {},
  ): Promise<BroadcastDetail> {
    const row = await visible(actor, id);
    const status = q.status ?? 'all';
    const all = await recipientsOf(actor, id);
    const recipients = all.filter((r) =>
      status === 'read'
        ? r.readAt
        : status === 'unread'
          ? !r.readAt
          : status === 'acked'
            ? r.ackedAt
            : status === 'unacked'
              ? !r.ackedAt
              : true,
    );
    return {
      ...summary(row),
      body: row.body,
      canRemind: Boolean(grantFor(actor, row.target_path)),
      recipients,
    };
  }

  return {
    /** Places the actor may send to, with how many grid workers each reaches today. */
    async targets(actor: StaffActor): Promise<BroadcastTargets> {
      const paths = senderGrants(actor).map((g) => g.jurisdictionPath);
      if (paths.length === 0) throw new AppError('FORBIDDEN');
      const day = await today(actor.tenantId);
      const [places, ...workerLists] = await Promise.all([
        repo.places(actor.tenantId, paths),
        ...paths.map((p) => repo.workersUnder(actor.tenantId, p, day)),
      ]);
      const workers = new Map(workerLists.flat().map((w) => [w.user_id, w.grid_path]));
      const gridPaths = [...workers.values()];
      return {
        items: places
          .filter((p) => TARGET_LEVELS.has(p.level))
          .map((p) => ({
            id: p.id,
            name: p.name,
            level: p.level as 'district' | 'township' | 'village' | 'grid',
            parentId: p.parent_id,
            workers: gridPaths.filter((g) => g.startsWith(p.path)).length,
          })),
      };
    },

    async create(actor: StaffActor, b: CreateBroadcastBody): Promise<BroadcastDetail> {
      if (senderGrants(actor).length === 0) throw new AppError('FORBIDDEN');
      const title = b.title.trim();
      const body = b.body.trim();
      if (!title) throw invalid('/title', '请填写标题');
      if (!body) throw invalid('/body', '请填写内容');
      const target = await repo.place(actor.tenantId, b.targetId);
      if (!target || !TARGET_LEVELS.has(target.level))
        throw invalid('/targetId', '请选择街乡镇、村(社区)或网格');
      const grant = grantFor(actor, target.path);
      if (!grant) throw new AppError('FORBIDDEN', undefined, '只能向本辖区内的网格下发');
      const now = clock.now();
      const dueAt = b.dueAt ? new Date(b.dueAt) : null;
      if (dueAt && dueAt.getTime() <= now.getTime())
        throw invalid('/dueAt', '完成时限须晚于当前时间');
      const ackRequired = b.kind === 'instruction' ? true : (b.ackRequired ?? false);
      const day = await today(actor.tenantId);
      const id = newId();
      await db.transaction().execute(async (trx) => {
        const recipients = await repo.workersUnder(actor.tenantId, target.path, day, trx);
        if (recipients.length === 0) throw invalid('/targetId', '该范围内没有在岗且有账号的网格员');
        await repo.insert(
          trx,
          {
            id,
            tenant_id: actor.tenantId,
            kind: b.kind,
            title,
            body,
            target_id: target.id,
            sender_user_id: actor.userId,
            sender_unit_id: grant.unitId,
            ack_required: ackRequired,
            due_at: dueAt,
            sent_at: now,
          },
          recipients,
        );
      });
      return detail(actor, id);
    },

    async list(actor: StaffActor, q: BroadcastListQuery): Promise<BroadcastList> {
      const paths = readablePaths(actor);
      const pageSize = q.pageSize ?? 20;
      const page = q.page ?? 1;
      const { items, total } = await repo.list(
        actor.tenantId,
        paths,
        { q: q.q?.trim() || undefined },
        { limit: pageSize, offset: (page - 1) * pageSize },
      );
      return { items: items.map(summary), total, page, pageSize };
    },

    detail,

    /** Reminds the recipients who have not read it (or, when acknowledgement is asked, not acked). */
    async remind(actor: StaffActor, id: string): Promise<RemindResult> {
      const row = await visible(actor, id);
      if (!grantFor(actor, row.target_path)) throw new AppError('FORBIDDEN');
      const now = clock.now();
      const what = row.ack_required ? '阅读并确认收到' : '阅读';
      const text = `【${row.sender_unit_name}】您有一条${KIND_LABEL[row.kind]}「${row.title}」尚未${what},请登录网格员工作台查看。`;
      const reminded = await db.transaction().execute(async (trx) => {
        const rows = await repo.remindPending(trx, actor.tenantId, id, now);
        return notifier.queue(
          trx,
          rows.map((r) => ({
            tenantId: actor.tenantId,
            toUserId: r.user_id,
            toName: r.name,
            toPhone: r.phone,
            text,
            source: REMINDER_SOURCE,
            sourceId: id,
          })),
          now,
        );
      });
      return { reminded };
    },

    /** The reminders queued for a broadcast's recipients (the outbox), phones masked. */
    async outbox(actor: StaffActor, id: string): Promise<OutboxList> {
      await visible(actor, id);
      const rows = await outboxOf(db, actor.tenantId, REMINDER_SOURCE, id);
      return {
        items: rows.map((r) => ({
          id: r.id,
          channel: r.channel,
          to: { id: r.to_user_id ?? r.id, name: r.to_name },
          phone: r.to_phone ? maskPhone(r.to_phone) : null,
          text: r.text,
          createdAt: iso(r.created_at)!,
          status: r.status,
        })),
      };
    },

    /** The recipient table as Excel (the same filter as the page). */
    async exportRecipients(
      actor: StaffActor,
      id: string,
      q: BroadcastDetailQuery,
    ): Promise<{ name: string; data: Buffer }> {
      const d = await detail(actor, id, q);
      const off = await offsetMs(actor.tenantId);
      const local = (s: string | null) =>
        s ? new Date(new Date(s).getTime() + off).toISOString().slice(0, 16).replace('T', ' ') : '';
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('接收情况');
      ws.columns = [
        { header: '村(社区)', key: 'village', width: 16 },
        { header: '网格', key: 'grid', width: 22 },
        { header: '网格员', key: 'worker', width: 10 },
        { header: '电话', key: 'phone', width: 14 },
        { header: '阅读时间', key: 'read', width: 18 },
        { header: '确认时间', key: 'acked', width: 18 },
        { header: '回复', key: 'note', width: 30 },
        { header: '提醒次数', key: 'reminded', width: 10 },
        { header: '最近提醒', key: 'remindedAt', width: 18 },
      ];
      for (const r of d.recipients)
        ws.addRow({
          village: r.village?.name ?? '',
          grid: r.grid.name,
          worker: r.worker.name,
          phone: r.phone ?? '',
          read: local(r.readAt) || '未读',
          acked: d.ackRequired ? local(r.ackedAt) || '未确认' : '',
          note: r.ackNote ?? '',
          reminded: r.remindCount,
          remindedAt: local(r.remindedAt),
        });
      ws.getRow(1).font = { bold: true };
      const data = Buffer.from(await wb.xlsx.writeBuffer());
      return { name: `${KIND_LABEL[d.kind]}接收情况-${d.title.slice(0, 20)}.xlsx`, data };
    },

    // ── the grid worker ──

    async inbox(actor: StaffActor): Promise<InboxBroadcastList> {
      const [rows, unread] = await Promise.all([
        repo.inbox(actor.tenantId, actor.userId, { limit: 100 }),
        repo.countUnread(actor.tenantId, actor.userId),
      ]);
      return {
        unread,
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          title: r.title,
          senderUnit: { id: r.sender_unit_id, name: r.sender_unit_name },
          ackRequired: r.ack_required,
          dueAt: iso(r.due_at),
          sentAt: iso(r.sent_at)!,
          readAt: iso(r.read_at),
          ackedAt: iso(r.acked_at),
        })),
      };
    },

    /** Opens one of the worker's broadcasts: the first opening records read_at. */
    async open(actor: StaffActor, id: string): Promise<InboxBroadcastDetail> {
      await repo.markRead(actor.tenantId, id, actor.userId, clock.now());
      return mine(actor, id);
    },

    /** 确认收到: records acked_at (and read_at) once; a second call changes nothing. */
    async ack(actor: StaffActor, id: string, b: AckBroadcastBody): Promise<InboxBroadcastDetail> {
      await mine(actor, id);
      await repo.ack(actor.tenantId, id, actor.userId, clock.now(), b.note?.trim() || null);
      return mine(actor, id);
    },
  };

  async function mine(actor: StaffActor, id: string): Promise<InboxBroadcastDetail> {
    const [row] = await repo.inbox(actor.tenantId, actor.userId, { limit: 1, id });
    if (!row) throw new AppError('NOT_FOUND');
    return {
      id: row.id,
      kind: row.kind,
      title: row.title,
      senderUnit: { id: row.sender_unit_id, name: row.sender_unit_name },
      ackRequired: row.ack_required,
      dueAt: iso(row.due_at),
      sentAt: iso(row.sent_at)!,
      readAt: iso(row.read_at),
      ackedAt: iso(row.acked_at),
      body: row.body,
      ackNote: row.ack_note,
    };
  }
}
export type BroadcastService = ReturnType<typeof broadcastService>;
