// The demo district's grid duties (invented): for each grid whose worker has a demo
// login, ~45 days of patrols (most days one, a few missed), household visits to the
// key and 五必访 households, and patrol reports (三必到/四必报) — those that became
// tickets point at the demo's grid-patrol tickets of the grid, the rest were closed on
// the spot. The demo grid worker `grid` (李桂芝) has yesterday's patrol done, none yet
// today, a visit planned for today and a few households still to visit this month.
// Deterministic: its own stream of the seeded generator. A few thousand rows at most.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../../shared/ids.js';
import { PATROL_REPORT_KIND_GROUP, type PatrolReportKind } from '@jiesu/contracts';
import type { DemoOrg } from './content/index.js';
import { Random } from './content/prng.js';
import { insertChunks } from './stories.js';
import { DEFAULT_RULES } from '../duties/rules.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const UTC_OFFSET_MS = 8 * HOUR;
const DAYS = 45;

export interface DutiesDemoContext {
  tenantId: string;
  org: DemoOrg;
  now: Date;
  jurisdictionIds: Map<string, { id: string; path: string }>;
  userIds: Map<string, string>;
}

const NOTES = [
  '巡查辖区主要道路和小区,未发现异常',
  '检查楼道消防通道,已提醒住户清理杂物',
  '走访沿街商户,提醒做好门前三包',
  '查看垃圾分类投放点,运转正常',
  '巡查背街小巷,路灯照明正常',
  '检查电动车充电区域,未见飞线充电',
];
const VISIT_NOTES = [
  '老人身体状况良好,已提醒按时服药',
  '了解生活情况,暂无困难',
  '帮助联系社区助餐服务',
  '家中无人,已电话联系',
  '提醒冬季取暖注意一氧化碳中毒',
];
const CLOSED: Array<[PatrolReportKind, string, string]> = [
  ['neighbour_dispute', '楼上楼下因噪音发生争执', '到场调解,双方达成谅解,约定晚十点后不再装修'],
  [
    'resident_in_difficulty',
    '独居老人摔倒在楼道内',
    '到场扶起老人并联系家属,送社区卫生站检查无大碍',
  ],
  ['safety_hazard', '楼道内堆放纸箱等杂物', '联系住户当场清理完毕,拍照留存'],
  ['newcomer', '新搬入一户租住人员', '已登记人员信息并告知社区服务事项'],
  ['damaged_facility', '小区健身器材螺丝松动', '联系物业当场紧固,已可正常使用'],
  ['emergency', '小区内一处下水井冒水', '到场设置警示并通知物业抢修,一小时后恢复'],
];

export async function seedDuties(db: Kysely<DB>, ctx: DutiesDemoContext): Promise<number> {
  const rng = new Random(20261121, 'duties');
  const { org, now, tenantId } = ctx;
  const localDay = (t: number) => new Date(t + UTC_OFFSET_MS).toISOString().slice(0, 10);
  // 00:00 local of `daysAgo` days before today.
  const midnight = (daysAgo: number) =>
    Date.parse(`${localDay(now.getTime() - daysAgo * DAY)}T00:00:00Z`) - UTC_OFFSET_MS;

  const workers: Array<{ gridId: string; userId: string; demo: boolean }> = [];
  for (const s of org.staff) {
    if (s.role !== 'grid_worker') continue;
    const unit = org.units.find((u) => u.key === s.unitKey);
    const gridId = unit && ctx.jurisdictionIds.get(unit.jurisdictionCode)?.id;
    const userId = ctx.userIds.get(s.username);
    if (gridId && userId && !workers.some((w) => w.gridId === gridId))
      workers.push({ gridId, userId, demo: s.username === 'grid' });
  }
  if (!workers.length) return 0;
  const gridIds = workers.map((w) => w.gridId);
  const centres = new Map(
    (
      await db
        .selectFrom('jurisdictions')
        .select(['id', 'centre_lng', 'centre_lat'])
        .where('id', 'in', gridIds)
        .execute()
    ).map((j) => [j.id, { lng: j.centre_lng ?? 117.1, lat: j.centre_lat ?? 40.2 }]),
  );
  const households = await db
    .selectFrom('households as h')
    .select([
      'h.id',
      'h.grid_id',
      sql<string[]>`coalesce((SELECT array_agg(DISTINCT k) FROM residents r, unnest(r.kinds) AS k
        WHERE r.household_id = h.id AND r.left_at IS NULL), '{}')`.as('kinds'),
    ])
    .where('h.tenant_id', '=', tenantId)
    .where('h.grid_id', 'in', gridIds)
    .execute();
  const keyKinds = new Set(
    (
      await db
        .selectFrom('resident_kinds')
        .select('code')
        .where('tenant_id', '=', tenantId)
        .where('key_population', '=', true)
        .execute()
    ).map((k) => k.code),
  );
  const tickets = await db
    .selectFrom('tickets')
    .select(['id', 'jurisdiction_id', 'received_at', 'description', 'address'])
    .where('tenant_id', '=', tenantId)
    .where('channel', '=', 'grid_patrol')
    .where('jurisdiction_id', 'in', gridIds)
    .where('received_at', '>=', new Date(now.getTime() - DAYS * DAY))
    .execute();

  const patrols: Insertable<DB['patrols']>[] = [];
  const visits: Insertable<DB['visits']>[] = [];
  const reports: Insertable<DB['patrol_reports']>[] = [];
  const todayLocal = localDay(now.getTime());

  for (const w of workers) {
    const c = centres.get(w.gridId)!;
    const jitter = () => ({
      lng: Number((c.lng + rng.between(-0.004, 0.004)).toFixed(6)),
      lat: Number((c.lat + rng.between(-0.003, 0.003)).toFixed(6)),
    });
    // Patrols: none yet today; yesterday done for the demo worker; ~88% of days else.
    for (let ago = DAYS; ago >= 1; ago--) {
      if (!(w.demo && ago === 1) && !rng.chance(0.88)) continue;
      const start = midnight(ago) + (8 + rng.int(0, 8)) * HOUR + rng.int(0, 59) * 60_000;
      const minutes = rng.int(40, 150);
      const n = rng.int(3, 7);
      const points = Array.from({ length: n }, (_, i) => ({
        ...jitter(),
        at: new Date(start + (i * minutes * 60_000) / (n - 1)).toISOString(),
      }));
      patrols.push({
        id: newId(),
        tenant_id: tenantId,
        grid_id: w.gridId,
        worker_user_id: w.userId,
        started_at: new Date(start),
        ended_at: new Date(start + minutes * 60_000),
        points: JSON.stringify(points),
        note: rng.pick(NOTES),
        photos: JSON.stringify([]),
        created_at: new Date(start),
      });
    }
    // Visits: key and 五必访 households, mostly up to the rule, some behind.
    const owed = households.filter(
      (h) =>
        h.grid_id === w.gridId &&
        h.kinds.some((k) => keyKinds.has(k) || DEFAULT_RULES.fiveVisitKinds.includes(k)),
    );
    for (const h of owed) {
      const perMonth = h.kinds.some((k) => keyKinds.has(k)) ? 2 : 1;
      const count = Math.max(0, Math.round((DAYS / 30) * perMonth * rng.between(0.55, 1.05)));
      for (let i = 0; i < count; i++) {
        const ago = rng.int(1, DAYS);
        const at = midnight(ago) + (9 + rng.int(0, 8)) * HOUR + rng.int(0, 59) * 60_000;
        visits.push({
          id: newId(),
          tenant_id: tenantId,
          household_id: h.id,
          grid_id: w.gridId,
          worker_user_id: w.userId,
          planned_for: localDay(at),
          done_at: new Date(at),
          note: rng.pick(VISIT_NOTES),
          created_at: new Date(at),
        });
      }
    }
    // A visit planned for today (the demo worker) or a missed plan for others.
    const plannedFor = owed[0];
    if (plannedFor)
      visits.push({
        id: newId(),
        tenant_id: tenantId,
        household_id: plannedFor.id,
        grid_id: w.gridId,
        worker_user_id: w.userId,
        planned_for: w.demo ? todayLocal : localDay(now.getTime() - 3 * DAY),
        done_at: null,
        note: null,
        created_at: new Date(now.getTime() - 5 * DAY),
      });
    // Reports: the grid's patrol tickets, and things closed on the spot.
    for (const t of tickets.filter((x) => x.jurisdiction_id === w.gridId)) {
      const kind: PatrolReportKind = rng.pick([
        'safety_hazard',
        'damaged_facility',
        'stability_threat',
        'neighbour_dispute',
      ]);
      const at = new Date(t.received_at);
      reports.push({
        id: newId(),
        tenant_id: tenantId,
        grid_id: w.gridId,
        worker_user_id: w.userId,
        patrol_id: null,
        kind,
        grp: PATROL_REPORT_KIND_GROUP[kind],
        reported_at: at,
        arrived_at:
          PATROL_REPORT_KIND_GROUP[kind] === 'must_attend'
            ? new Date(at.getTime() - rng.int(10, 40) * 60_000)
            : null,
        description: t.description,
        address: t.address,
        lng: null,
        lat: null,
        photos: JSON.stringify([]),
        outcome: 'ticket',
        ticket_id: t.id,
        evidence: null,
        created_at: at,
      });
    }
    const closed = rng.int(4, 9);
    for (let i = 0; i < closed; i++) {
      const [kind, description, evidence] = rng.pick(CLOSED);
      const ago = rng.int(1, DAYS);
      const at = midnight(ago) + (9 + rng.int(0, 9)) * HOUR + rng.int(0, 59) * 60_000;
      const p = jitter();
      reports.push({
        id: newId(),
        tenant_id: tenantId,
        grid_id: w.gridId,
        worker_user_id: w.userId,
        patrol_id: null,
        kind,
        grp: PATROL_REPORT_KIND_GROUP[kind],
        reported_at: new Date(at),
        arrived_at:
          PATROL_REPORT_KIND_GROUP[kind] === 'must_attend'
            ? new Date(at - rng.int(5, 30) * 60_000)
            : null,
        description,
        address: null,
        lng: p.lng,
        lat: p.lat,
        photos: JSON.stringify([]),
        outcome: 'closed_on_spot',
        ticket_id: null,
        evidence,
        created_at: new Date(at),
      });
    }
  }
  await insertChunks(db, 'patrols', patrols);
  await insertChunks(db, 'visits', visits);
  await insertChunks(db, 'patrol_reports', reports);
  return patrols.length + visits.length + reports.length;
}
