// [Assessment] demo colour lists (三色清单): every township government and a few villages
// (the `village` login's first) keep yellow, orange and red items over the last three
// months — some from their open tickets, most found on patrols and visits; some raised
// with a reason, most cleared (a few late), some open past their clear-by time.
import type { Kysely } from 'kysely';
import { DEFAULT_COLOUR_CADENCES, type Colour } from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import { newId } from '../../shared/ids.js';
import { clearByOf } from '../colour-lists/cadence.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OFFSET = 480;

const MATTERS: Record<Colour, string[]> = {
  yellow: [
    '村口路灯不亮',
    '垃圾桶满溢未清运',
    '健身器材螺丝松动',
    '楼道堆放杂物',
    '井盖破损需更换',
    '宣传栏玻璃碎裂',
    '排水沟落叶堵塞',
    '公厕水龙头漏水',
  ],
  orange: [
    '小区停车位划线与物业协商',
    '河道沿岸垃圾需镇村联合清理',
    '农贸市场周边占道经营',
    '老旧管网漏水需自来水公司配合',
    '邻里宅基地边界纠纷',
  ],
  red: ['老旧小区加装电梯', '村道拓宽需区交通局立项', '历史遗留产权办证问题', '雨污分流改造'],
};
const SOURCES = ['patrol', 'visit', 'meeting', 'other'] as const;
const RAISE_REASONS = ['涉及多个部门,需联合处置', '需上级统筹协调资金和项目'];
const CLEAR_NOTES = ['已现场处理完毕,群众认可', '已协调相关单位解决,回访满意', '已办结并公示'];

export async function seedColourLists(
  db: Kysely<DB>,
  c: { tenantId: string; now: Date; userIds: Map<string, string> },
): Promise<number> {
  const units = await db
    .selectFrom('units as u')
    .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
    .select(['u.id', 'u.name', 'j.level', 'j.code'])
    .where('u.tenant_id', '=', c.tenantId)
    .where('u.kind', '=', 'government')
    .where('j.level', 'in', ['village', 'township'])
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
  const villages = units.filter((u) => u.level === 'village');
  const picked = [
    ...units.filter((u) => u.level === 'township'),
    ...villages.filter((u) => u.id === own?.unit_id),
    ...villages.filter((u) => u.id !== own?.unit_id).slice(0, 4),
  ];
  const keepers = await db
    .selectFrom('role_assignments')
    .select(['unit_id', 'user_id'])
    .where('tenant_id', '=', c.tenantId)
    .where(
      'unit_id',
      'in',
      picked.map((u) => u.id),
    )
    .where('role', 'in', ['handler', 'unit_leader'])
    .orderBy('user_id')
    .execute();
  const keeperOf = (unitId: string) => keepers.find((k) => k.unit_id === unitId)?.user_id ?? null;

  let n = 0;
  for (const [ui, unit] of picked.entries()) {
    const by = keeperOf(unit.id);
    const tickets = await db
      .selectFrom('tickets')
      .select(['id', 'title'])
      .where('tenant_id', '=', c.tenantId)
      .where('holder_unit_id', '=', unit.id)
      .where('state', 'in', ['accepted', 'in_progress'])
      .orderBy('code')
      .limit(2)
      .execute();
    for (const colour of ['yellow', 'orange', 'red'] as const) {
      const names = MATTERS[colour];
      const count = colour === 'yellow' ? 6 : colour === 'orange' ? 4 : 2;
      for (let k = 0; k < count; k++) {
        const seed = ui * 31 + k * 7 + colour.length;
        // Spread over ~90 days; the most recent ones stay open.
        const span = colour === 'yellow' ? 30 : 90;
        // Most cleared: on time, or late for one in four; the rest stay open, half of
        // them put on the list in the last hours (not yet due), half overdue.
        const outcome = seed % 4;
        const fresh = outcome === 0 && k % 2 === 0;
        const created = new Date(
          fresh
            ? c.now.getTime() - (k + 1) * HOUR
            : c.now.getTime() - ((seed * 13) % span) * DAY - ((seed * 5) % 9) * HOUR - 2 * HOUR,
        );
        const ticket = colour !== 'red' && k === 0 ? tickets.shift() : undefined;
        const id = newId();
        // One orange in three started yellow and was raised two days later.
        const raisedFrom: Colour | null =
          (colour === 'orange' && k % 3 === 1) || (colour === 'red' && k === 1)
            ? colour === 'orange'
              ? 'yellow'
              : 'orange'
            : null;
        const first = raisedFrom ?? colour;
        const firstBy = clearByOf(first, created, DEFAULT_COLOUR_CADENCES, OFFSET);
        const raisedAt = raisedFrom
          ? new Date(Math.min(created.getTime() + 2 * DAY, c.now.getTime() - HOUR))
          : null;
        const clearBy = raisedAt
          ? clearByOf(colour, raisedAt, DEFAULT_COLOUR_CADENCES, OFFSET)
          : firstBy;
        const late = outcome === 3;
        const open = outcome === 0 || created.getTime() > c.now.getTime() - 2 * DAY;
        const clearedAt = open
          ? null
          : new Date(
              Math.min(
                c.now.getTime() - HOUR,
                late
                  ? clearBy.getTime() + 2 * DAY
                  : Math.max((raisedAt ?? created).getTime() + HOUR, clearBy.getTime() - 3 * HOUR),
              ),
            );
        await db
          .insertInto('colour_items')
          .values({
            id,
            tenant_id: c.tenantId,
            unit_id: unit.id,
            level: unit.level as 'village' | 'township',
            colour,
            title: ticket?.title ?? names[(ui + k) % names.length]!,
            description: ticket
              ? null
              : colour === 'red'
                ? '需上级部门支持,已报街乡镇'
                : '网格员巡查发现',
            source: ticket ? 'ticket' : SOURCES[seed % SOURCES.length]!,
            ticket_id: ticket?.id ?? null,
            status: clearedAt ? 'cleared' : 'open',
            clear_by: clearBy,
            created_at: created,
            raised_by: by,
            cleared_at: clearedAt,
            cleared_by: clearedAt ? by : null,
            clear_note: clearedAt ? CLEAR_NOTES[seed % CLEAR_NOTES.length]! : null,
          })
          .execute();
        const change = {
          tenant_id: c.tenantId,
          item_id: id,
          by_user_id: by,
        };
        await db
          .insertInto('colour_item_changes')
          .values({
            ...change,
            at: created,
            kind: 'added',
            from_colour: null,
            to_colour: first,
            clear_by: firstBy,
            reason: null,
          })
          .execute();
        if (raisedFrom && raisedAt)
          await db
            .insertInto('colour_item_changes')
            .values({
              ...change,
              at: raisedAt,
              kind: 'raised',
              from_colour: raisedFrom,
              to_colour: colour,
              clear_by: clearBy,
              reason: RAISE_REASONS[seed % RAISE_REASONS.length]!,
            })
            .execute();
        if (clearedAt)
          await db
            .insertInto('colour_item_changes')
            .values({
              ...change,
              at: clearedAt,
              kind: 'cleared',
              from_colour: colour,
              to_colour: colour,
              clear_by: clearBy,
              reason: CLEAR_NOTES[seed % CLEAR_NOTES.length]!,
            })
            .execute();
        n += 1;
      }
    }
  }
  return n;
}
