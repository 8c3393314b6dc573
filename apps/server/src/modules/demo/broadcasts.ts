// The demo's 一令到底: a few broadcasts already sent, partly read — an
// instruction from village 1-1's committee to its three grid workers (one read
// and confirmed, one read only, one not yet, reminded once), and a notice from
// township 1 to all its workers with a login, most of them read.
// Recipients are resolved the way the service does it (workers on duty with a login).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../../shared/ids.js';
import { broadcastRepository } from '../broadcasts/repository.js';
import { outboxNotifier } from '../notify/outbox.js';
import { REMINDER_SOURCE } from '../broadcasts/service.js';
import { gridKey, townshipKey, villageKey, type DemoOrg } from './content/index.js';

const HOUR = 3_600_000;

export interface BroadcastDemoContext {
  tenantId: string;
  org: DemoOrg;
  now: Date;
  jurisdictionIds: Map<string, { id: string; path: string }>;
  unitIds: Map<string, string>;
  userIds: Map<string, string>;
}

export async function seedBroadcasts(db: Kysely<DB>, ctx: BroadcastDemoContext): Promise<number> {
  const { tenantId, org, now } = ctx;
  const repo = broadcastRepository(db);
  const day = new Date(now.getTime() + 8 * HOUR).toISOString().slice(0, 10);
  const place = (unitKey: string) => {
    const unit = org.units.find((u) => u.key === unitKey);
    return unit ? ctx.jurisdictionIds.get(unit.jurisdictionCode) : undefined;
  };
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);

  const plans = [
    {
      unitKey: villageKey(1, 1),
      sender: 'village',
      kind: 'instruction' as const,
      title: '今冬燃气安全入户排查',
      body: '请各网格员于本周内对网格内独居老人、出租房屋逐户开展燃气安全排查,发现隐患当场拍照上报,排查完成后在本指令下回复户数。',
      sentHoursAgo: 30,
      dueInHours: 4 * 24,
      // Who did what, by grid: [read hours ago, acked hours ago] or null for unread.
      reads: new Map<string, [number, number | null]>([
        [gridKey(1, 1, 1), [28, 27]],
        [gridKey(1, 1, 2), [20, null]],
      ]),
      reminded: true,
    },
    {
      unitKey: townshipKey(1),
      sender: 'street',
      kind: 'notice' as const,
      title: '网格员月度例会通知',
      body: '本月网格员例会定于周五下午三点在乡政府三楼会议室召开,请各村网格员准时参加,会上通报巡查走访考核情况。',
      sentHoursAgo: 52,
      dueInHours: null,
      reads: 'most' as const,
      reminded: false,
    },
  ];

  let n = 0;
  for (const p of plans) {
    const target = place(p.unitKey);
    const unitId = ctx.unitIds.get(p.unitKey);
    const sender = ctx.userIds.get(p.sender);
    if (!target || !unitId || !sender) continue;
    const workers = await repo.workersUnder(tenantId, target.path, day);
    if (workers.length === 0) continue;
    const id = newId();
    const sentAt = at(p.sentHoursAgo);
    await repo.insert(
      db,
      {
        id,
        tenant_id: tenantId,
        kind: p.kind,
        title: p.title,
        body: p.body,
        target_id: target.id,
        sender_user_id: sender,
        sender_unit_id: unitId,
        ack_required: p.kind === 'instruction',
        due_at: p.dueInHours ? new Date(sentAt.getTime() + p.dueInHours * HOUR) : null,
        sent_at: sentAt,
      },
      workers,
    );
    const gridKeyOf = new Map(
      org.units
        .filter((u) => u.kind === 'grid')
        .map((u) => [ctx.jurisdictionIds.get(u.jurisdictionCode)?.id, u.key]),
    );
    for (const [i, w] of workers.entries()) {
      const plan =
        p.reads === 'most'
          ? i % 4 === 3
            ? null
            : ([p.sentHoursAgo - 2 - i, null] as [number, number | null])
          : p.reads.get(gridKeyOf.get(w.grid_id) ?? '');
      if (!plan) continue;
      await db
        .updateTable('broadcast_recipients')
        .set({
          read_at: at(plan[0]),
          acked_at: plan[1] === null ? null : at(plan[1]),
          ack_note: plan[1] === null ? null : '已完成排查,共 86 户,发现隐患 2 处已上报。',
        })
        .where('broadcast_id', '=', id)
        .where('user_id', '=', w.user_id)
        .execute();
    }
    if (p.reminded) {
      const remindAt = at(6);
      const pending = await repo.remindPending(db, tenantId, id, remindAt);
      await outboxNotifier.queue(
        db,
        pending.map((r) => ({
          tenantId,
          toUserId: r.user_id,
          toName: r.name,
          toPhone: r.phone,
          text: `【${org.units.find((u) => u.key === p.unitKey)?.name ?? ''}】您有一条指令「${p.title}」尚未阅读并确认收到,请登录网格员工作台查看。`,
          source: REMINDER_SOURCE,
          sourceId: id,
        })),
        remindAt,
      );
    }
    n++;
  }
  return n;
}
