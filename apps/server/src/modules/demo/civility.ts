// [Assessment] demo civility points (文明积分, invented): the district's default rules;
// over the current and the previous quarter, each village committee's staff record
// points for most of its households (门前三包, 志愿服务, 垃圾分类, a few deductions for
// 违规搭建 or burning straw), one bulk entry per village and quarter for the 五美庭院
// selection, one mistaken entry corrected by a reversal; and a few households of the
// village of each of the demo's deliberation sessions earn 参与村民议事 from the
// session's ticket. Deterministic: its own stream of the seeded generator.
import type { Insertable, Kysely } from 'kysely';
import type { CivilityEntryTable, DB } from '../../db/schema.js';
import { newId } from '../../shared/ids.js';
import { civilityRepository } from '../civility/repository.js';
import { previousQuarter, quarterOf, quarterRange } from '../civility/ranking.js';
import { Random } from './content/prng.js';
import { insertChunks } from './stories.js';

const REASONS: Record<string, string[]> = {
  doorstep_duties: ['门前三包检查达标', '门前卫生整洁,无乱堆乱放', '月度门前三包评比达标'],
  volunteer: ['参加村里清扫志愿活动', '协助网格员入户宣传防诈骗', '参加防汛值守志愿服务'],
  waste_sorting: ['垃圾分类检查到位', '厨余垃圾分类投放规范'],
  illegal_building: ['院外私搭彩钢棚,经劝导已自行拆除', '占用村道搭建棚舍'],
  open_burning: ['田间焚烧秸秆', '在院外焚烧生活垃圾'],
  tidy_courtyard: ['入选本季度“五美庭院”'],
};

export async function seedCivility(
  db: Kysely<DB>,
  c: { tenantId: string; now: Date; utcOffsetMinutes: number },
): Promise<number> {
  const rng = new Random(20261121, 'civility');
  const { tenantId, now } = c;
  const offset = c.utcOffsetMinutes;
  const repo = civilityRepository(db);
  await repo.seedDefaultRules(tenantId, new Date(now.getTime() - 200 * 86_400_000));
  const rules = new Map((await repo.rules(tenantId)).map((r) => [r.code, r]));
  const current = quarterOf(now, offset);
  const quarters = [previousQuarter(current), current].map((q) => {
    const r = quarterRange(q, offset);
    return { from: r.from, to: new Date(Math.min(r.to.getTime(), now.getTime())) };
  });
  const at = (q: { from: Date; to: Date }) =>
    new Date(q.from.getTime() + Math.floor(rng.float() * (q.to.getTime() - q.from.getTime())));

  const households = await db
    .selectFrom('households as h')
    .innerJoin('jurisdictions as g', 'g.id', 'h.grid_id')
    .select(['h.id', 'g.parent_id as village_id'])
    .where('h.tenant_id', '=', tenantId)
    .orderBy('g.path')
    .orderBy('h.address')
    .execute();
  // Who records for each village: a handler or leader of its committee.
  const recorders = await db
    .selectFrom('role_assignments as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select(['u.jurisdiction_id', 'r.user_id'])
    .where('r.tenant_id', '=', tenantId)
    .where('u.kind', '=', 'government')
    .where('r.role', 'in', ['handler', 'unit_leader'])
    .orderBy('r.role')
    .execute();
  const recorderOf = new Map<string, string>();
  for (const r of recorders)
    if (!recorderOf.has(r.jurisdiction_id)) recorderOf.set(r.jurisdiction_id, r.user_id);

  const rows: Insertable<CivilityEntryTable>[] = [];
  const entry = (
    householdId: string,
    code: string,
    when: Date,
    by: string | null,
    extra: Partial<Insertable<CivilityEntryTable>> = {},
  ) => {
    const rule = rules.get(code)!;
    const row: Insertable<CivilityEntryTable> = {
      id: newId(),
      tenant_id: tenantId,
      household_id: householdId,
      rule_id: rule.id,
      points: rule.points,
      reason: rng.pick(REASONS[code] ?? [rule.label]),
      ticket_id: null,
      source: 'manual',
      reverses_id: null,
      batch_id: null,
      recorded_by: by,
      at: when,
      ...extra,
    };
    rows.push(row);
    return row;
  };

  const byVillage = new Map<string, string[]>();
  for (const h of households) {
    if (!h.village_id) continue;
    byVillage.set(h.village_id, [...(byVillage.get(h.village_id) ?? []), h.id]);
  }
  let corrected = false;
  for (const [villageId, ids] of byVillage) {
    const by = recorderOf.get(villageId) ?? null;
    for (const q of quarters) {
      if (q.to <= q.from) continue;
      for (const h of ids) {
        if (!rng.chance(0.7)) continue;
        const n = rng.int(1, 3);
        for (let i = 0; i < n; i++)
          entry(
            h,
            rng.weighted([
              ['doorstep_duties', 5],
              ['volunteer', 3],
              ['waste_sorting', 4],
            ] as const),
            at(q),
            by,
          );
        if (rng.chance(0.06)) entry(h, rng.pick(['illegal_building', 'open_burning']), at(q), by);
      }
      // The quarter's 五美庭院: one bulk entry for a few households.
      const batch = newId();
      const when = at(q);
      for (const h of ids.filter(() => rng.chance(0.08)))
        entry(h, 'tidy_courtyard', when, by, { batch_id: batch });
      if (!corrected && ids.length) {
        const wrong = entry(ids[0]!, 'volunteer', when, by);
        entry(ids[0]!, 'volunteer', new Date(when.getTime() + 3_600_000), by, {
          points: -wrong.points!,
          reason: '录入有误,冲正',
          source: 'reversal',
          reverses_id: wrong.id,
        });
        corrected = true;
      }
    }
  }

  // 参与村民议事: a few households of the session's village took part.
  const join = rules.get('join_deliberation')!;
  const sessions = await db
    .selectFrom('deliberation_sessions as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select(['s.ticket_id', 's.held_at', 's.recorded_by', 'u.jurisdiction_id'])
    .where('s.tenant_id', '=', tenantId)
    .where('s.held_at', '>=', quarters[0]!.from)
    .where('s.held_at', '<', now)
    .execute();
  const seen = new Set<string>();
  for (const s of sessions) {
    const ids = byVillage.get(s.jurisdiction_id) ?? [];
    for (let i = 0; i < Math.min(ids.length, rng.int(2, 4)); i++) {
      const h = rng.pick(ids);
      const key = `${s.ticket_id}/${h}`;
      if (seen.has(key)) continue;
      seen.add(key);
      entry(h, 'join_deliberation', new Date(s.held_at), s.recorded_by, {
        reason: '参加村民议事',
        ticket_id: s.ticket_id,
        source: 'auto',
        points: join.points,
      });
    }
  }
  // Reversals after their entries (the ledger reads in time order).
  rows.sort((a, b) => +new Date(a.at as Date) - +new Date(b.at as Date));
  await insertChunks(db, 'civility_entries', rows);
  return rows.length;
}
