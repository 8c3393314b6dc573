// [Assessment] demo urges (督办): the supervisors urge a few units on open tickets —
// some still waiting (one on the `village` login's own ticket, to answer in the demo),
// some answered, one ignored past its deadline (escalated by the sweep on the first
// read of the urge list). Each urge and answer is the ticket's event, written through
// the pure transition engine, beside its urge row.
import { sql, type Kysely } from 'kysely';
import type { TicketAction } from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import { newId } from '../../shared/ids.js';
import { decide } from '../tickets/workflow.js';

const HOUR = 3_600_000;

const NOTES = [
  '群众多次来电反映,请加快办理并于期限前回复进展',
  '该诉求已超过办理时限过半,请说明办理情况和预计办结时间',
  '请主要负责同志亲自过问,限期答复',
  '同一地点近期诉求集中,请举一反三、一并解决',
];
const REPLIES = [
  '已安排专人现场核实,正在协调相关单位处理,预计三日内办结',
  '已完成现场处置,待诉求人确认后反馈',
  '涉及多个部门职责,已提请街道召集会商,本周内形成方案',
];

export async function seedOversight(
  db: Kysely<DB>,
  c: { tenantId: string; now: Date; userIds: Map<string, string> },
): Promise<number> {
  const supervisor = c.userIds.get('supervisor') ?? null;
  const villageUser = c.userIds.get('village');
  const centre = await db
    .selectFrom('units')
    .select('id')
    .where('tenant_id', '=', c.tenantId)
    .where('kind', '=', 'dispatch_centre')
    .executeTakeFirst();
  if (!centre) return 0;
  const villageUnit = villageUser
    ? await db
        .selectFrom('role_assignments')
        .select('unit_id')
        .where('user_id', '=', villageUser)
        .executeTakeFirst()
    : undefined;
  const open = await db
    .selectFrom('tickets as t')
    .innerJoin('units as u', 'u.id', 't.holder_unit_id')
    .select([
      't.id',
      't.holder_unit_id',
      'u.name as unit_name',
      sql<Date>`(SELECT max(e.at) FROM ticket_events e WHERE e.ticket_id = t.id)`.as('last_at'),
    ])
    .where('t.tenant_id', '=', c.tenantId)
    .where('t.state', 'in', ['accepted', 'in_progress'])
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('urges as g').select('g.id').whereRef('g.ticket_id', '=', 't.id'))),
    )
    .orderBy('t.code')
    .execute();
  const roomy = open.filter((t) => c.now.getTime() - new Date(t.last_at).getTime() > 6 * HOUR);
  // The village login's own ticket first, so its handler has an urge to answer.
  const own = roomy.find((t) => t.holder_unit_id === villageUnit?.unit_id);
  const picked = [...(own ? [own] : []), ...roomy.filter((t) => t !== own)].slice(0, 7);
  const kinds = ['open', 'open', 'responded', 'responded', 'responded', 'ignored', 'open'];

  async function append(
    ticketId: string,
    action: TicketAction,
    input: Record<string, unknown>,
    at: Date,
    by: { user: string | null; unit: string },
  ) {
    const t = await db
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', ticketId)
      .executeTakeFirstOrThrow();
    const { patch, event } = decide(t, action, input, {
      at,
      actorKind: 'staff',
      actorUserId: by.user,
      actorUnitId: by.unit,
      reason: null,
    });
    const { seq } = await db
      .selectFrom('ticket_events')
      .select(sql<number>`max(seq)`.as('seq'))
      .where('ticket_id', '=', ticketId)
      .executeTakeFirstOrThrow();
    await db.updateTable('tickets').set(patch).where('id', '=', ticketId).execute();
    await db
      .insertInto('ticket_events')
      .values({
        ...event,
        tenant_id: c.tenantId,
        ticket_id: ticketId,
        seq: Number(seq) + 1,
        payload: JSON.stringify(event.payload),
      })
      .execute();
  }

  for (const [i, t] of picked.entries()) {
    const kind = kinds[i]!;
    const last = new Date(t.last_at).getTime();
    const room = c.now.getTime() - last;
    const at = new Date(last + Math.floor(room * 0.5));
    const due =
      kind === 'open'
        ? new Date(c.now.getTime() + (24 + 24 * (i % 2)) * HOUR)
        : new Date(at.getTime() + Math.floor(room * 0.3));
    const urgeId = newId();
    const unitId = t.holder_unit_id!;
    const note = NOTES[i % NOTES.length]!;
    await append(
      t.id,
      'urge',
      { unitId, unitName: t.unit_name, urgeId, deadline: due.toISOString(), note },
      at,
      { user: supervisor, unit: centre.id },
    );
    await db
      .insertInto('urges')
      .values({
        id: urgeId,
        tenant_id: c.tenantId,
        ticket_id: t.id,
        unit_id: unitId,
        by_user_id: supervisor,
        by_unit_id: centre.id,
        note,
        due_at: due,
        created_at: at,
      })
      .execute();
    if (kind !== 'responded') continue;
    const handler = await db
      .selectFrom('role_assignments')
      .select('user_id')
      .where('unit_id', '=', unitId)
      .where('role', 'in', ['handler', 'unit_leader'])
      .orderBy('user_id')
      .executeTakeFirst();
    const answeredAt = new Date(at.getTime() + Math.floor(room * 0.2));
    const reply = REPLIES[i % REPLIES.length]!;
    const finishBy = new Date(c.now.getTime() + 72 * HOUR).toISOString();
    await append(t.id, 'respond_urge', { reply, finishBy, urgeId }, answeredAt, {
      user: handler?.user_id ?? null,
      unit: unitId,
    });
    await db
      .updateTable('urges')
      .set({
        responded_at: answeredAt,
        responded_by: handler?.user_id ?? null,
        response: reply,
        finish_by: finishBy,
      })
      .where('id', '=', urgeId)
      .execute();
  }
  return picked.length;
}
