// The demo district's village studios (我来办工作室): one per village or
// community, with an invented published phone and address, a duty roster for
// the current month (one or two committee members every working day; the
// secretary's reception day Wednesday), a handful of receptions this month —
// most answered on the spot, some linked to the village's walk-in tickets —
// graded small/big/hard, and weekly or monthly checks. Deterministic: its own
// stream of the seeded generator; a few bulk inserts, so startup stays fast.
import type { Insertable, Kysely } from 'kysely';
import type {
  DB,
  StudioCheckTable,
  StudioDutyTable,
  StudioReceptionTable,
  StudioTable,
} from '../../db/schema.js';
import { newId } from '../../shared/ids.js';
import type { WorkingCalendar } from '../calendar/deadline.js';
import type { DemoOrg } from './content/index.js';
import { Random } from './content/prng.js';
import { person } from './content/names.js';
import { insertChunks } from './stories.js';

const DAY = 86_400_000;

export interface StudiosDemoContext {
  tenantId: string;
  org: DemoOrg;
  now: Date;
  jurisdictionIds: Map<string, { id: string; path: string }>;
  userIds: Map<string, string>;
  calendar: WorkingCalendar;
}

const ANSWERS: ReadonlyArray<readonly [string, string]> = [
  [
    '咨询高龄津贴怎么申请,需要哪些材料',
    '携带身份证、户口本到社区服务站填表,次月起发放,已告知办理时间。',
  ],
  ['咨询孩子入学需要开具的居住证明', '已说明需带房产证或租房合同,当场开具居住证明。'],
  [
    '反映邻居装修噪音,想了解允许施工的时间',
    '已告知工作日 8:00—12:00、14:00—18:00 可施工,并联系物业提醒邻居。',
  ],
  ['咨询医保缴费的截止时间和渠道', '已告知年底前可在银行或手机上缴纳,现场演示了手机缴费步骤。'],
  ['询问垃圾分类投放点的开放时间', '已告知早 7:00—9:00、晚 18:00—20:00 定时投放,并发放分类指南。'],
  ['咨询残疾证换证需要办理的手续', '已说明需带旧证和近期照片到街道残联,当场预约了时间。'],
  ['反映楼下路灯时亮时灭', '当场联系物业电工检修,已修好,回访居民确认。'],
  ['咨询养老服务驿站的助餐怎么报名', '已登记报名信息,告知每日 11:30 取餐,费用按月结算。'],
];

const CHECK_AREAS = ['村委会周边', '主街沿线', '集贸市场', '老旧小区', '村东片区', '学校周边'];
const CHECK_ITEMS: Record<StudioCheckTable['kind'], string> = {
  safety: '消防通道、燃气使用、电动车充电、危旧房屋',
  dispute: '邻里纠纷、土地边界、家庭矛盾、劳资纠纷',
  environment: '垃圾堆放、污水排放、违章搭建',
  other: '独居老人走访、困难家庭情况',
};
const FINDINGS: ReadonlyArray<readonly [string, StudioCheckTable['follow_up']]> = [
  ['未发现问题', 'none'],
  ['一处楼道堆放杂物,已督促清理', 'handled'],
  ['两户邻居因排水沟有争执,已调解', 'handled'],
  ['一处电动车飞线充电,已劝导拆除', 'handled'],
  ['未发现问题', 'none'],
];

/** Seeds the studios and their books; returns how many studios. */
export async function seedStudios(db: Kysely<DB>, ctx: StudiosDemoContext): Promise<number> {
  const rng = new Random(20261121, 'studios');
  const { org, now, tenantId, calendar } = ctx;
  const today = calendar.localDateOf(now);
  const month = today.slice(0, 7);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const monthDays = Array.from(
    { length: new Date(Date.UTC(y, m, 0)).getUTCDate() },
    (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`,
  );
  const monthStart = new Date(Date.UTC(y, m - 1, 1) - 8 * 3_600_000);
  const elapsed = Math.max(1, Math.floor((now.getTime() - monthStart.getTime()) / DAY));

  const villages = org.jurisdictions.filter((j) => j.level === 'village');
  const studios: Insertable<StudioTable>[] = [];
  const duties: Insertable<StudioDutyTable>[] = [];
  const receptions: Insertable<StudioReceptionTable>[] = [];
  const checks: Insertable<StudioCheckTable>[] = [];

  // Walk-in tickets of this month, by the village they lie in.
  const walkIns = await db
    .selectFrom('tickets as t')
    .innerJoin('jurisdictions as j', 'j.id', 't.jurisdiction_id')
    .select([
      't.id',
      't.description',
      't.received_at',
      't.requester_name',
      't.requester_phone',
      'j.path',
    ])
    .where('t.tenant_id', '=', tenantId)
    .where('t.channel', '=', 'walk_in')
    .where('t.received_at', '>=', monthStart)
    .orderBy('t.received_at')
    .execute();

  for (const v of villages) {
    const j = ctx.jurisdictionIds.get(v.code);
    const unit = org.units.find((u) => u.kind === 'government' && u.jurisdictionCode === v.code);
    if (!j || !unit) continue;
    const committee = org.staff.filter(
      (s) => s.unitKey === unit.key && (s.role === 'unit_leader' || s.role === 'handler'),
    );
    const people = [
      ...committee.map((s) => ({
        name: s.displayName,
        userId: ctx.userIds.get(s.username) ?? null,
      })),
      ...Array.from({ length: Math.max(0, 3 - committee.length) }, () => ({
        name: person(rng).name,
        userId: null,
      })),
    ];
    const studioId = newId();
    const secretary = people[0]!.name;
    studios.push({
      id: studioId,
      tenant_id: tenantId,
      village_id: j.id,
      name: `${v.name}我来办工作室`,
      phone: `010-6${String(rng.int(1000000, 9999999))}`.replace('-', ''),
      address: `${v.name}党群服务中心一层`,
      opening_note: '工作日 8:30—12:00、13:30—17:30,节假日值班电话畅通',
      secretary_name: secretary,
      secretary_weekday: 3,
      created_at: now,
      updated_at: now,
    });

    // The roster: one or two members every working day (a rare gap left for the page to flag).
    let turn = rng.int(0, people.length - 1);
    for (const day of monthDays) {
      if (!calendar.isWorkingDay(day) || rng.chance(0.03)) continue;
      const onDuty = new Set([people[turn++ % people.length]!]);
      if (rng.chance(0.3)) onDuty.add(people[turn % people.length]!);
      for (const p of onDuty)
        duties.push({
          id: newId(),
          tenant_id: tenantId,
          studio_id: studioId,
          day,
          name: p.name,
          user_id: p.userId,
        });
    }

    // Receptions: answered on the spot, and the village's walk-ins of the month.
    const staffName = () => people[rng.int(0, people.length - 1)]!.name;
    for (let i = rng.int(2, 5); i > 0; i--) {
      const [matter, answer] = rng.pick(ANSWERS);
      const visitor = person(rng);
      const at = new Date(
        monthStart.getTime() +
          rng.int(0, elapsed - 1) * DAY +
          rng.int(9, 16) * 3_600_000 +
          rng.int(0, 59) * 60_000,
      );
      if (at > now) continue;
      receptions.push({
        id: newId(),
        tenant_id: tenantId,
        studio_id: studioId,
        received_at: at,
        visitor_name: visitor.name,
        visitor_phone: rng.chance(0.7) ? visitor.phone : null,
        matter,
        staff_name: staffName(),
        outcome: 'answered',
        answer,
        ticket_id: null,
        grade: 'small',
        created_by: null,
        created_at: at,
      });
    }
    for (const t of walkIns.filter((w) => w.path.startsWith(j.path)).slice(0, 3)) {
      receptions.push({
        id: newId(),
        tenant_id: tenantId,
        studio_id: studioId,
        received_at: t.received_at,
        visitor_name: t.requester_name ?? person(rng).name,
        visitor_phone: t.requester_phone,
        matter: t.description.slice(0, 500),
        staff_name: staffName(),
        outcome: 'ticket',
        answer: null,
        ticket_id: t.id,
        grade: rng.weighted([
          ['small', 5],
          ['big', 3],
          ['hard', 1],
        ] as const),
        created_by: null,
        created_at: t.received_at,
      });
    }

    // Checks: a safety check every week so far, a dispute check once a month.
    for (let w = 0; w * 7 < elapsed; w++) {
      const day = new Date(monthStart.getTime() + (w * 7 + 1) * DAY + 8 * 3_600_000)
        .toISOString()
        .slice(0, 10);
      if (day > today) break;
      const kinds: StudioCheckTable['kind'][] = w === 0 ? ['safety', 'dispute'] : ['safety'];
      for (const kind of kinds) {
        const [findings, followUp] = rng.pick(FINDINGS);
        checks.push({
          id: newId(),
          tenant_id: tenantId,
          studio_id: studioId,
          checked_on: day,
          kind,
          cycle: kind === 'safety' ? 'weekly' : 'monthly',
          checker: `${staffName()}、网格员`,
          area: rng.pick(CHECK_AREAS),
          items: CHECK_ITEMS[kind],
          findings,
          follow_up: followUp,
          follow_up_note: followUp === 'handled' ? '当场处置完毕' : null,
          ticket_id: null,
          created_by: null,
          created_at: now,
        });
      }
    }
  }
  await insertChunks(db, 'studios', studios);
  await insertChunks(db, 'studio_duties', duties);
  await insertChunks(db, 'studio_receptions', receptions);
  await insertChunks(db, 'studio_checks', checks);
  return studios.length;
}
