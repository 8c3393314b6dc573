// 三率考核 per unit per month, read from the daily rollups (see rollups.ts for
// what each counter counts and formula.ts for the rates, composite and ranks).
//
// Peer groups: townships/streets (their governments), district departments,
// and the villages/communities of one township. Readers: administrators,
// supervisors, the dispatch centre's dispatchers and leaders over every group;
// a unit's leader over its own peer group (a village's: the villages of its
// township). Only administrators save a new configuration version.
import type { Kysely } from 'kysely';
import ExcelJS from 'exceljs';
import {
  UNIT_ASSESSMENT_FIGURES,
  type UnitAssessmentConfigBody,
  type UnitAssessmentConfigList,
  type UnitAssessmentConfigView,
  type UnitAssessmentQuery,
  type UnitAssessmentRow,
  type UnitAssessmentView,
  type UnitPeerGroup,
} from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import type { StaffActor } from '../../shared/actor.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { assessmentRepository } from './repository.js';
import { DEFAULT_CONFIG, rankGroup, rates, type Config } from './formula.js';
import { zeroCounts, type Counts } from './rollups.js';

type ConfigRow = Awaited<ReturnType<ReturnType<typeof assessmentRepository>['configs']>>[number];
type UnitRow = Awaited<ReturnType<ReturnType<typeof assessmentRepository>['units']>>[number];

const isAdmin = (a: StaffActor) => a.grants.some((g) => g.role === 'admin');
const districtWide = (a: StaffActor) =>
  a.grants.some(
    (g) =>
      g.role === 'admin' ||
      g.role === 'supervisor' ||
      (g.unitKind === 'dispatch_centre' && (g.role === 'dispatcher' || g.role === 'unit_leader')),
  );

/** The peer group a unit belongs to, or null when it is compared with none. */
function groupOf(u: Pick<UnitRow, 'kind' | 'level'>): UnitPeerGroup | null {
  if (u.kind === 'department') return 'department';
  if (u.kind === 'government' && u.level === 'township') return 'township';
  if (u.kind === 'government' && u.level === 'village') return 'village';
  return null;
}

const monthAfter = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

function configView(r: ConfigRow | undefined): UnitAssessmentConfigView {
  if (!r)
    return {
      ...DEFAULT_CONFIG,
      weights: { ...DEFAULT_CONFIG.weights },
      effectiveFrom: '2000-01',
      version: 0,
      reason: '系统默认',
      createdAt: null,
      createdBy: null,
    };
  return {
    effectiveFrom: String(r.effective_from).slice(0, 7),
    weights: r.weights,
    basicallySatisfiedWeight: Number(r.basically_satisfied_weight),
    minVolume: r.min_volume,
    bottomN: r.bottom_n,
    reason: r.reason,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by ? { id: r.created_by, name: r.created_by_name ?? '' } : null,
  };
}

export function assessmentService(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;
  const repo = assessmentRepository(db);

  /** The peer group and township the actor may read for the query; throws FORBIDDEN otherwise. */
  function allowed(actor: StaffActor, q: UnitAssessmentQuery, units: UnitRow[]) {
    if (districtWide(actor)) return q.townshipId ?? null;
    const mine = actor.grants
      .filter((g) => g.role === 'unit_leader')
      .map((g) => units.find((u) => u.id === g.unitId))
      .filter((u): u is UnitRow => u !== undefined && groupOf(u) === q.group);
    if (!mine.length) throw new AppError('FORBIDDEN');
    if (q.group !== 'village') return null;
    const townships = mine.map((u) => u.parent_jurisdiction_id);
    if (q.townshipId && !townships.includes(q.townshipId)) throw new AppError('FORBIDDEN');
    return q.townshipId ?? townships[0] ?? null;
  }

  async function compute(actor: StaffActor, q: UnitAssessmentQuery): Promise<UnitAssessmentView> {
    const units = await repo.units(actor.tenantId);
    const townshipId = allowed(actor, q, units);
    const configs = await repo.configs(actor.tenantId);
    const from = `${q.month}-01`;
    const inForce = configs.find((c) => String(c.effective_from).slice(0, 10) <= from);
    const config = configView(inForce);
    const cfg: Config = config;
    const counts = new Map<string, Counts>();
    for (const r of await repo.rollupCounts(actor.tenantId, from, `${monthAfter(q.month)}-01`)) {
      counts.set(r.unit_id, r);
    }
    const townships = units
      .filter((u) => groupOf(u) === 'township')
      .map((u) => ({ id: u.jurisdiction_id, name: u.jurisdiction_name }));
    const townshipName = new Map(townships.map((t) => [t.id, t.name]));
    const members = units.filter(
      (u) =>
        groupOf(u) === q.group &&
        (q.group !== 'village' || !townshipId || u.parent_jurisdiction_id === townshipId),
    );
    const rows = members.map((u) => {
      const c = { ...zeroCounts(), ...counts.get(u.id) };
      for (const k of Object.keys(c) as Array<keyof Counts>) c[k] = Number(c[k]);
      const r = rates(c, cfg);
      const parent = u.parent_jurisdiction_id;
      const row: UnitAssessmentRow = {
        unit: { id: u.id, name: u.name },
        township:
          q.group === 'village' && parent && townshipName.has(parent)
            ? { id: parent, name: townshipName.get(parent)! }
            : null,
        volume: c.dispatched,
        accepted: c.accepted,
        acceptedOnTime: c.accepted_on_time,
        completed: c.completed,
        completedOnTime: c.completed_on_time,
        calledBack: c.called_back,
        rated: c.rated,
        solved: c.solved,
        satisfied: c.satisfied,
        basicallySatisfied: c.basically_satisfied,
        dissatisfied: c.dissatisfied,
        returns: c.returns_upheld,
        returnsFault: c.returns_fault,
        reopened: c.reopened,
        ...r,
        per10k:
          u.kind === 'government' && u.population > 0
            ? Math.round((c.dispatched / u.population) * 10000 * 100) / 100
            : null,
        rank: null,
        bottom: false,
      };
      return { row, peer: q.group === 'village' ? (parent ?? '') : q.group };
    });
    const ranks = rankGroup(
      rows,
      (x) => x.peer,
      (x) => x.row.volume,
      (x) => x.row.composite,
      cfg,
    );
    for (const x of rows) {
      const r = ranks.get(x);
      if (r) Object.assign(x.row, r);
    }
    const items = rows
      .map((x) => x.row)
      .sort(
        (a, b) =>
          (a.township?.name ?? '').localeCompare(b.township?.name ?? '', 'zh') ||
          (a.rank ?? Infinity) - (b.rank ?? Infinity) ||
          b.volume - a.volume ||
          a.unit.name.localeCompare(b.unit.name, 'zh'),
      );
    return {
      month: q.month,
      group: q.group,
      township:
        townshipId && townshipName.has(townshipId)
          ? { id: townshipId, name: townshipName.get(townshipId)! }
          : null,
      townships: districtWide(actor) ? townships : townships.filter((t) => t.id === townshipId),
      config,
      ranked: ranks.size,
      items,
      figures: [...UNIT_ASSESSMENT_FIGURES],
      source: 'rollups',
    };
  }

  return {
    month: compute,

    async exportMonth(actor: StaffActor, q: UnitAssessmentQuery) {
      const v = await compute(actor, q);
      const pct = (x: number | null) => (x === null ? '' : Math.round(x * 1000) / 10);
      const GROUP = { township: '街乡镇', department: '委办局', village: '村(社区)' } as const;
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet(`三率考核-${GROUP[v.group]}`);
      ws.columns = [
        { header: '排名', key: 'rank', width: 6 },
        ...(v.group === 'village' ? [{ header: '所属乡镇', key: 'township', width: 14 }] : []),
        { header: '单位', key: 'unit', width: 22 },
        { header: '派单量', key: 'volume', width: 8 },
        { header: '按时签收', key: 'acceptedOnTime', width: 9 },
        { header: '响应率%', key: 'response', width: 9 },
        { header: '回访/评价', key: 'rated', width: 9 },
        { header: '已解决', key: 'solved', width: 8 },
        { header: '解决率%', key: 'resolution', width: 9 },
        { header: '满意', key: 'satisfied', width: 6 },
        { header: '基本满意', key: 'basically', width: 9 },
        { header: '不满意', key: 'dissatisfied', width: 8 },
        { header: '满意率%', key: 'satisfaction', width: 9 },
        { header: '综合得分', key: 'composite', width: 9 },
        { header: '反馈', key: 'completed', width: 6 },
        { header: '按期办结率%', key: 'onTime', width: 11 },
        { header: '退单(有误)', key: 'returns', width: 10 },
        { header: '重办', key: 'reopened', width: 6 },
        { header: '万人诉求比', key: 'per10k', width: 10 },
        { header: '末位', key: 'bottom', width: 6 },
      ];
      ws.getRow(1).font = { bold: true };
      for (const r of v.items)
        ws.addRow({
          rank: r.rank ?? '不参与',
          township: r.township?.name ?? '',
          unit: r.unit.name,
          volume: r.volume,
          acceptedOnTime: r.acceptedOnTime,
          response: pct(r.responseRate),
          rated: r.rated,
          solved: r.solved,
          resolution: pct(r.resolutionRate),
          satisfied: r.satisfied,
          basically: r.basicallySatisfied,
          dissatisfied: r.dissatisfied,
          satisfaction: pct(r.satisfactionRate),
          composite: r.composite ?? '',
          completed: r.completed,
          onTime: pct(r.onTimeRate),
          returns: `${r.returns}(${r.returnsFault})`,
          reopened: r.reopened,
          per10k: r.per10k ?? '',
          bottom: r.bottom ? '是' : '',
        });
      const c = v.config;
      const defs = wb.addWorksheet('指标口径');
      defs.columns = [
        { header: '指标', key: 'label', width: 14 },
        { header: '口径', key: 'definition', width: 100 },
      ];
      defs.getRow(1).font = { bold: true };
      for (const f of v.figures) defs.addRow(f);
      defs.addRow({
        label: '考核配置',
        definition: `第 ${c.version} 版(${c.effectiveFrom} 起):权重 响应 ${c.weights.response} / 解决 ${c.weights.resolution} / 满意 ${c.weights.satisfaction};基本满意计 ${c.basicallySatisfiedWeight};最低派单量 ${c.minVolume};末位 ${c.bottomN} 名。${c.reason}`,
      });
      const data = Buffer.from(await wb.xlsx.writeBuffer());
      return { name: `三率考核-${GROUP[v.group]}-${v.month}.xlsx`, data };
    },

    async configs(actor: StaffActor): Promise<UnitAssessmentConfigList> {
      if (!districtWide(actor) && !actor.grants.some((g) => g.role === 'unit_leader'))
        throw new AppError('FORBIDDEN');
      const rows = await repo.configs(actor.tenantId);
      const today = clock.now().toISOString().slice(0, 7);
      const current = rows.find((r) => String(r.effective_from).slice(0, 7) <= today);
      return {
        current: configView(current),
        versions: rows.map(configView),
        canEdit: isAdmin(actor),
      };
    },

    async saveConfig(
      actor: StaffActor,
      b: UnitAssessmentConfigBody,
    ): Promise<UnitAssessmentConfigView> {
      if (!isAdmin(actor)) throw new AppError('FORBIDDEN');
      const w = b.weights;
      if (w.response + w.resolution + w.satisfaction <= 0)
        throw new AppError('VALIDATION_FAILED', [
          { path: '/weights', message: '权重之和须大于 0' },
        ]);
      const rows = await repo.configs(actor.tenantId);
      const version = (rows[0]?.version ?? 0) + 1;
      await repo.insertConfig({
        id: newId(),
        tenant_id: actor.tenantId,
        version,
        effective_from: `${b.effectiveFrom}-01`,
        weights: b.weights,
        basically_satisfied_weight: b.basicallySatisfiedWeight,
        min_volume: b.minVolume,
        bottom_n: b.bottomN,
        reason: b.reason.trim(),
        created_by: actor.userId,
        created_at: clock.now(),
      });
      return configView((await repo.configs(actor.tenantId))[0]);
    },

    /** Rebuilds the district's rollups from its event trail (the demo seed writes events directly). */
    rebuild: (tenantId: string) => repo.rebuild(tenantId),
  };
}
export type AssessmentService = ReturnType<typeof assessmentService>;
