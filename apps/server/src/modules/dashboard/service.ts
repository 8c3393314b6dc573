// 驾驶舱 (dashboard): intake and closing over a date range, read from the daily
// intake rollups (see rollups.ts) and the jurisdictions — never from the tickets.
//
// Readers: administrators, supervisors and the dispatch centre over the whole
// district (optionally one township); a township's leader over its township; a
// village's leader over its village. Everyone else: 403.
import type { Kysely } from 'kysely';
import type {
  DashboardGeo,
  DashboardGeoQuery,
  DashboardQuery,
  DashboardRanking,
  DashboardScope,
  DashboardView,
  UnitAssessmentQuery,
  UnitAssessmentView,
} from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import type { StaffActor } from '../../shared/actor.js';
import { AppError } from '../../shared/errors.js';
import { dashboardRepository, type Area } from './repository.js';
import { zeroDashboardCounts, type DashboardCounts } from './rollups.js';

const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

const districtWide = (a: StaffActor) =>
  a.grants.some(
    (g) => g.role === 'admin' || g.role === 'supervisor' || g.unitKind === 'dispatch_centre',
  );

/** The last id of a jurisdiction path ('/…/id/'). */
const lastOf = (path: string) => path.split('/').filter(Boolean).at(-1) ?? '';

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10000) / 10000 : null);
const per10k = (n: number, population: number) =>
  population > 0 ? Math.round((n / population) * 10000 * 100) / 100 : null;

const badQuery = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', [{ path: `querystring:/${path}`, message }]);

interface Reach {
  scope: DashboardScope;
  townshipId: string | null;
  villageId: string | null;
}

export function dashboardService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  /** The 三率 month (ranking with composite), read through the assessment's own service. */
  assessment: { month(actor: StaffActor, q: UnitAssessmentQuery): Promise<UnitAssessmentView> };
}) {
  const { db, clock, assessment } = deps;
  const repo = dashboardRepository(db);

  /** What the actor may read, narrowed by the township asked for; FORBIDDEN otherwise. */
  async function reach(actor: StaffActor, townshipId?: string): Promise<Reach> {
    const townships = await repo.townships(actor.tenantId);
    if (townshipId && !townships.some((t) => t.id === townshipId)) {
      throw badQuery('townshipId', '乡镇(街道)不存在');
    }
    if (districtWide(actor)) {
      return {
        scope: townshipId ? 'township' : 'district',
        townshipId: townshipId ?? null,
        villageId: null,
      };
    }
    const leads = actor.grants.filter(
      (g) => g.role === 'unit_leader' && g.unitKind === 'government',
    );
    const twp = leads.find((g) => g.jurisdictionLevel === 'township');
    if (twp) {
      const own = lastOf(twp.jurisdictionPath);
      const wanted = townshipId ?? own;
      if (
        !leads.some(
          (g) => g.jurisdictionLevel === 'township' && lastOf(g.jurisdictionPath) === wanted,
        )
      ) {
        throw new AppError('FORBIDDEN');
      }
      return { scope: 'township', townshipId: wanted, villageId: null };
    }
    const vil = leads.find((g) => g.jurisdictionLevel === 'village');
    if (vil) {
      const parts = vil.jurisdictionPath.split('/').filter(Boolean);
      const own = parts.at(-1)!;
      const parent = parts.at(-2) ?? null;
      if (townshipId && townshipId !== parent) throw new AppError('FORBIDDEN');
      return { scope: 'village', townshipId: parent, villageId: own };
    }
    throw new AppError('FORBIDDEN');
  }

  /** The range asked for, defaulting to the 30 days up to today; 400 when backwards or too long. */
  async function range(tenantId: string, q: DashboardQuery): Promise<[string, string]> {
    const to = q.to ?? (await repo.today(tenantId, clock.now()));
    const from = q.from ?? dayOf(dayNumber(to) - 29);
    if (Number.isNaN(dayNumber(from))) throw badQuery('from', '日期无效');
    if (Number.isNaN(dayNumber(to))) throw badQuery('to', '日期无效');
    if (from > to) throw badQuery('from', '开始日期不能晚于结束日期');
    if (dayNumber(to) - dayNumber(from) + 1 > MAX_DAYS) {
      throw badQuery('from', `日期范围最长 ${MAX_DAYS} 天`);
    }
    return [from, to];
  }

  /** The month's 三率 composite of the townships, or of the villages of one township. */
  async function ranking(
    actor: StaffActor,
    r: Reach,
    to: string,
  ): Promise<DashboardRanking | null> {
    const month = to.slice(0, 7);
    const q: UnitAssessmentQuery =
      r.scope === 'district'
        ? { month, group: 'township' }
        : r.scope === 'village' || districtWide(actor)
          ? { month, group: 'village', ...(r.townshipId ? { townshipId: r.townshipId } : {}) }
          : { month, group: 'township' };
    try {
      const v = await assessment.month(actor, q);
      return {
        month,
        group: q.group === 'village' ? 'village' : 'township',
        items: v.items.map((i) => ({
          unit: i.unit,
          composite: i.composite,
          rank: i.rank,
          volume: i.volume,
        })),
      };
    } catch (e) {
      if (e instanceof AppError && e.code === 'FORBIDDEN') return null;
      throw e;
    }
  }

  return {
    async view(actor: StaffActor, q: DashboardQuery): Promise<DashboardView> {
      const tenantId = actor.tenantId;
      const r = await reach(actor, q.townshipId);
      const [from, to] = await range(tenantId, q);
      const area: Area = r.villageId
        ? { village: r.villageId }
        : r.townshipId
          ? { township: r.townshipId }
          : null;
      const [rows, villages, townships, categories] = await Promise.all([
        repo.slices(tenantId, from, to, area),
        repo.villages(tenantId),
        repo.townships(tenantId),
        repo.topCategories(tenantId),
      ]);
      const counts = (row: DashboardCounts) => {
        const c = zeroDashboardCounts();
        for (const k of Object.keys(c) as Array<keyof DashboardCounts>) c[k] = Number(row[k] ?? 0);
        return c;
      };
      const total = counts(rows.find((x) => x.set === 'total') ?? zeroDashboardCounts());
      const byDay = new Map(rows.filter((x) => x.set === 'day').map((x) => [x.day!, counts(x)]));
      const byVillage = new Map(
        rows.filter((x) => x.set === 'village').map((x) => [x.village_id, counts(x)]),
      );
      const byCategory = new Map(
        rows.filter((x) => x.set === 'category').map((x) => [x.category_id!, counts(x)]),
      );
      const shownVillages = villages.filter((v) =>
        r.villageId ? v.id === r.villageId : r.townshipId ? v.township_id === r.townshipId : true,
      );
      const population = r.villageId
        ? shownVillages.reduce((s, v) => s + v.population, 0)
        : r.townshipId
          ? (townships.find((t) => t.id === r.townshipId)?.population ?? 0)
          : townships.reduce((s, t) => s + t.population, 0);
      const days = dayNumber(to) - dayNumber(from) + 1;
      const trend = Array.from({ length: days }, (_, i) => {
        const day = dayOf(dayNumber(from) + i);
        const c = byDay.get(day);
        return { day, received: c?.received ?? 0, closed: c?.closed ?? 0 };
      });
      const names = new Map(categories.map((c) => [c.id, c.name]));
      const ref = (id: string | null, name: string | null) => (id && name ? { id, name } : null);
      const township = ref(
        r.townshipId,
        townships.find((t) => t.id === r.townshipId)?.name ?? null,
      );
      return {
        from,
        to,
        scope: r.scope,
        township,
        village: ref(r.villageId, villages.find((v) => v.id === r.villageId)?.name ?? null),
        townships: (districtWide(actor)
          ? townships
          : townships.filter((t) => t.id === r.townshipId)
        ).map((t) => ({ id: t.id, name: t.name })),
        kpis: {
          received: total.received,
          closed: total.closed,
          reopened: total.reopened,
          closeRate: ratio(total.closed, total.received),
          rated: total.rated,
          solvedRate: ratio(total.solved, total.rated),
          satisfactionRate: ratio(total.satisfied + total.basically_satisfied, total.rated),
          perDay: Math.round((total.received / days) * 100) / 100,
          per10k: per10k(total.received, population),
        },
        trend,
        categories: [...byCategory.entries()]
          .map(([id, c]) => ({
            category: { id, name: names.get(id) ?? id },
            received: c.received,
            closed: c.closed,
          }))
          .filter((c) => c.received + c.closed > 0)
          .sort((a, b) => b.received - a.received || b.closed - a.closed),
        villages: shownVillages.map((v) => {
          const c = byVillage.get(v.id);
          return {
            village: { id: v.id, name: v.name },
            township: ref(v.township_id, v.township_name),
            population: v.population,
            received: c?.received ?? 0,
            closed: c?.closed ?? 0,
            per10k: per10k(c?.received ?? 0, v.population),
            centre:
              v.centre_lng !== null && v.centre_lat !== null
                ? { lng: Number(v.centre_lng), lat: Number(v.centre_lat) }
                : null,
            hasBoundary: v.boundary !== null,
          };
        }),
        channels: rows
          .filter((x) => x.set === 'channel' && x.channel)
          .map((x) => ({
            channel: x.channel as DashboardView['channels'][number]['channel'],
            received: Number(x.received),
          }))
          .filter((x) => x.received > 0)
          .sort((a, b) => b.received - a.received),
        unplaced: byVillage.get(null)?.received ?? 0,
        ranking: await ranking(actor, r, to),
        source: 'rollups',
      };
    },

    /** The villages' boundaries in the reader's scope, as GeoJSON (for the map). */
    async geo(actor: StaffActor, q: DashboardGeoQuery): Promise<DashboardGeo> {
      const r = await reach(actor, q.townshipId);
      const villages = await repo.villages(actor.tenantId);
      return {
        type: 'FeatureCollection',
        features: villages
          .filter((v) =>
            r.villageId
              ? v.id === r.villageId
              : r.townshipId
                ? v.township_id === r.townshipId
                : true,
          )
          .filter((v) => v.boundary !== null)
          .map((v) => ({
            type: 'Feature' as const,
            id: v.id,
            properties: { id: v.id, name: v.name },
            geometry: typeof v.boundary === 'string' ? JSON.parse(v.boundary) : v.boundary,
          })),
      };
    },
  };
}
export type DashboardService = ReturnType<typeof dashboardService>;
