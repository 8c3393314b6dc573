// [Volunteers] demo teams (志愿服务): in the `village` login's village and a few others, a
// village service team and a volunteer team by field, with invented members (names and
// phones made up), activities held over the last months with each volunteer's hours and
// one planned for next week that the public village page shows.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../../shared/ids.js';

const DAY = 86_400_000;
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
];
const GIVEN = [
  '建国',
  '秀兰',
  '德明',
  '桂英',
  '春生',
  '玉梅',
  '立新',
  '淑珍',
  '海涛',
  '小燕',
  '国强',
  '丽华',
];
const TEAMS = [
  {
    name: '村级服务队',
    kind: 'village_service',
    field: 'patrol',
    roles: ['captain', 'cadre', 'member', 'member', 'mediator', 'member'],
  },
  {
    name: '敬老助老志愿队',
    kind: 'volunteer',
    field: 'elderly',
    roles: ['captain', 'member', 'member', 'elder', 'member'],
  },
] as const;
const HELD = [
  ['环境整治义务劳动', '村委会广场', '清理河道垃圾和路边杂草'],
  ['走访独居老人', '各村民小组', '为老人测血压、送米面油'],
  ['夜间治安巡逻', '村主干道', '巡查村内道路,提醒关好门窗'],
] as const;

export async function seedVolunteers(
  db: Kysely<DB>,
  c: { tenantId: string; now: Date; userIds: Map<string, string> },
): Promise<number> {
  const villages = await db
    .selectFrom('units as u')
    .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
    .select(['u.id', 'u.jurisdiction_id', 'j.name'])
    .where('u.tenant_id', '=', c.tenantId)
    .where('u.kind', '=', 'government')
    .where('j.level', '=', 'village')
    .orderBy('j.code')
    .execute();
  const villageUser = c.userIds.get('village');
  const own = villageUser
    ? await db
        .selectFrom('role_assignments')
        .select('unit_id')
        .where('user_id', '=', villageUser)
        .executeTakeFirst()
    : undefined;
  const picked = [
    ...villages.filter((u) => u.id === own?.unit_id),
    ...villages.filter((u) => u.id !== own?.unit_id).slice(0, 5),
  ];
  let seq = 0;
  let n = 0;
  for (const [vi, v] of picked.entries()) {
    for (const [ti, t] of TEAMS.entries()) {
      const teamId = newId();
      await db
        .insertInto('volunteer_teams')
        .values({
          id: teamId,
          tenant_id: c.tenantId,
          jurisdiction_id: v.jurisdiction_id,
          unit_id: v.id,
          name: `${v.name}${t.name}`,
          kind: t.kind,
          field: t.field,
          leader_user_id: v.id === own?.unit_id && ti === 0 ? (villageUser ?? null) : null,
          description:
            ti === 0
              ? '网格员、党员、护河护路员、保洁员组成的村级服务队'
              : '关爱老人,上门探访,代购代办',
          created_by: null,
          created_at: new Date(c.now.getTime() - 200 * DAY),
          updated_at: new Date(c.now.getTime() - 200 * DAY),
        })
        .execute();
      const members = t.roles.map((role, i) => {
        const k = seq++;
        return {
          id: newId(),
          tenant_id: c.tenantId,
          team_id: teamId,
          kind: 'person' as const,
          resident_id: null,
          user_id: null,
          name: `${SURNAMES[k % SURNAMES.length]}${GIVEN[(k * 5 + i) % GIVEN.length]}`,
          phone: `139${String(80000000 + k).padStart(8, '0')}`,
          role,
          skills: i % 2 ? ['驾驶'] : ['医护', '调解'].slice(0, 1 + (i % 2)),
          availability: i % 3 ? '周末' : '工作日晚上',
          joined_on: new Date(c.now.getTime() - (180 - i * 10) * DAY).toISOString().slice(0, 10),
          left_on: null,
          leave_reason: null,
          created_at: c.now,
          updated_at: c.now,
        };
      });
      await db.insertInto('volunteer_members').values(members).execute();
      for (const [hi, [title, place, report]] of HELD.entries()) {
        const id = newId();
        const at = new Date(c.now.getTime() - (20 + hi * 25 + vi) * DAY);
        await db
          .insertInto('volunteer_activities')
          .values({
            id,
            tenant_id: c.tenantId,
            team_id: teamId,
            title,
            field: t.field,
            place,
            starts_at: at,
            status: 'held',
            report,
            photo_ids: JSON.stringify([]),
            help_request_id: null,
            ticket_id: null,
            created_by: null,
            created_at: at,
            recorded_at: at,
            recorded_by: null,
          })
          .execute();
        await db
          .insertInto('volunteer_participations')
          .values(
            members.slice(0, 3 + (hi % 2)).map((m, i) => ({
              activity_id: id,
              member_id: m.id,
              tenant_id: c.tenantId,
              minutes: 60 + ((i + hi) % 4) * 30,
            })),
          )
          .execute();
      }
      await db
        .insertInto('volunteer_activities')
        .values({
          id: newId(),
          tenant_id: c.tenantId,
          team_id: teamId,
          title: ti === 0 ? '防汛隐患排查' : '重阳节敬老院慰问',
          field: t.field,
          place: ti === 0 ? '沿河村道' : '乡敬老院',
          starts_at: new Date(c.now.getTime() + (7 + ti) * DAY),
          status: 'planned',
          photo_ids: JSON.stringify([]),
          help_request_id: null,
          ticket_id: null,
          created_by: null,
          created_at: c.now,
        })
        .execute();
      n++;
    }
  }
  return n;
}
