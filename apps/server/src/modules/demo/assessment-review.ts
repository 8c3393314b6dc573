// [Assessment] the demo's 三率 review: last month's appeals to exclude a ticket
// (one accepted — listed openly —, one rejected) and one pending this month,
// none from the `leader` login's township (its leader appeals in the demo);
// last month read once by the supervisor, which freezes it (version 1), and a
// summons recorded with the departments' bottom-ranked unit. The townships'
// bottom unit of last month is left 待约谈, for the demo to record.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import type { StaffActor } from '../../shared/actor.js';
import { newId } from '../../shared/ids.js';
import { assessmentService } from '../assessment/service.js';

const prevMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

export async function seedAssessmentReview(
  db: Kysely<DB>,
  clock: Clock,
  c: { tenantId: string; userIds: Map<string, string>; utcOffsetMinutes: number },
): Promise<void> {
  const now = clock.now();
  const supervisor = c.userIds.get('supervisor') ?? null;
  const leader = c.userIds.get('leader');
  const local = new Date(now.getTime() + c.utcOffsetMinutes * 60_000);
  const month = local.toISOString().slice(0, 7);
  const last = prevMonth(month);
  const centre = await db
    .selectFrom('units as u')
    .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
    .select(['u.id', 'u.name', 'j.path'])
    .where('u.tenant_id', '=', c.tenantId)
    .where('u.kind', '=', 'dispatch_centre')
    .executeTakeFirst();
  if (!centre || !supervisor) return;
  const leaderUnits = leader
    ? (
        await db
          .selectFrom('role_assignments')
          .select('unit_id')
          .where('user_id', '=', leader)
          .execute()
      ).map((r) => r.unit_id)
    : [];

  // Tickets dispatched to their current lead unit in a month, newest first, one per unit.
  const candidates = async (m: string) => {
    const { rows } = await sql<{ id: string; unit_id: string; by: string | null }>`
      SELECT DISTINCT ON (t.lead_unit_id) t.id, t.lead_unit_id AS unit_id,
        (SELECT ra.user_id FROM role_assignments ra
          WHERE ra.unit_id = t.lead_unit_id AND ra.role IN ('unit_leader', 'handler')
          ORDER BY ra.role DESC LIMIT 1) AS by
        FROM tickets t
        JOIN units u ON u.id = t.lead_unit_id
        JOIN ticket_events e ON e.ticket_id = t.id AND e.action = 'dispatch'
          AND e.payload->>'leadUnitId' = t.lead_unit_id::text
       WHERE t.tenant_id = ${c.tenantId} AND u.kind IN ('government', 'department')
         AND to_char((e.at AT TIME ZONE 'UTC') + make_interval(mins => ${c.utcOffsetMinutes}), 'YYYY-MM') = ${m}
         ${leaderUnits.length ? sql`AND t.lead_unit_id NOT IN (${sql.join(leaderUnits.map((u) => sql`${u}::uuid`))})` : sql``}
       ORDER BY t.lead_unit_id, e.at DESC
    `.execute(db);
    return rows;
  };
  const HOUR = 3_600_000;
  const lastRows = await candidates(last);
  const thisRows = await candidates(month);
  const appeals: Array<{
    t: { id: string; unit_id: string; by: string | null } | undefined;
    month: string;
    reason: string;
    status: 'pending' | 'accepted' | 'rejected';
    note: string | null;
  }> = [
    {
      t: lastRows[0],
      month: last,
      reason: '诉求人要求超出政策规定,经村民议事会协商已达成一致,诉求人表示理解',
      status: 'accepted',
      note: '经核实,属议事协商化解的不合理诉求,同意剔除',
    },
    {
      t: lastRows[1],
      month: last,
      reason: '该诉求属于物业服务合同纠纷,不属于本单位职责',
      status: 'rejected',
      note: '属地单位负有协调督促职责,应予办理,不予剔除',
    },
    {
      t: thisRows[2] ?? thisRows[0],
      month,
      reason: '同一诉求人就同一事项重复来电,已合并办理',
      status: 'pending',
      note: null,
    },
  ];
  for (const [i, a] of appeals.entries()) {
    if (!a.t) continue;
    const created = new Date(now.getTime() - (48 - i * 12) * HOUR);
    await db
      .insertInto('assessment_appeals')
      .values({
        id: newId(),
        tenant_id: c.tenantId,
        ticket_id: a.t.id,
        unit_id: a.t.unit_id,
        month: a.month,
        reason: a.reason,
        status: a.status,
        decided_by: a.status === 'pending' ? null : supervisor,
        decision_note: a.note,
        decided_at: a.status === 'pending' ? null : new Date(created.getTime() + 6 * HOUR),
        created_by: a.t.by,
        created_at: created,
      })
      .execute();
  }

  // The supervisor reads last month: it is frozen (version 1) with the accepted exclusion.
  const actor: StaffActor = {
    kind: 'staff',
    userId: supervisor,
    tenantId: c.tenantId,
    username: 'supervisor',
    displayName: 'supervisor',
    grants: [
      {
        unitId: centre.id,
        unitName: centre.name,
        unitKind: 'dispatch_centre',
        jurisdictionPath: centre.path,
        role: 'supervisor',
      },
    ],
    scope: 'tenant',
  };
  const service = assessmentService({ db, clock });
  await service.month(actor, { month: last, group: 'township' });
  const departments = await service.month(actor, { month: last, group: 'department' });
  const bottom = departments.items.find((r) => r.bottom);
  if (bottom)
    await service.recordSummons(actor, {
      unitId: bottom.unit.id,
      month: last,
      heldOn: local.toISOString().slice(0, 10) === `${month}-01` ? `${month}-01` : `${month}-02`,
      attendees: `区政府督查室副主任;${bottom.unit.name}主要负责人、分管负责人`,
      notes:
        '通报上月三率考核排名末位情况,分析响应慢、回访满意率低的原因;要求一周内报送整改方案,专人盯办超期工单,下月考核跟踪整改成效。',
    });
}
