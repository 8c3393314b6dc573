// Civility points (乡风文明积分). Who sees the ledger: administrators and supervisors
// the whole district; a government or grid unit its own subtree. Who records points by
// hand: a village (community) committee's handlers and leaders, for the households of
// their village, one or several at a time. Ticket events record the event-tied rules'
// points (hooks.ts). Only administrators edit rules; each change is a new version.
// The ledger is append-only: a mistake is undone by a reversing entry. Names are
// masked everywhere (王**); the public board shows address and masked surname only.
import type { Kysely } from 'kysely';
import ExcelJS from 'exceljs';
import {
  civilityMessages as m,
  type AddCivilityEntriesBody,
  type AddCivilityEntriesResult,
  type CivilityEntryView,
  type CivilityExportQuery,
  type CivilityHouseholdList,
  type CivilityHouseholdListQuery,
  type CivilityHouseholdView,
  type CivilityLedger,
  type CivilityLedgerQuery,
  type CivilityPlaces,
  type CivilityRankingQuery,
  type CivilityRuleHistory,
  type CivilityRuleList,
  type CivilityRuleView,
  type CivilityTrigger,
  type CreateCivilityRuleBody,
  type PublicCivilityRanking,
  type PublicCivilityVillages,
  type ReverseCivilityEntryBody,
  type UpdateCivilityRuleBody,
} from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import { hasRole, type StaffActor } from '../../shared/actor.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { maskName } from '../../shared/phone.js';
import { orgRepository } from '../org/repository.js';
import { effectiveSettings } from '../org/settings.js';
import { iso, ref } from '../tickets/presenter.js';
import { civilityRepository, type CivilityRepository } from './repository.js';
import {
  maskHead,
  quarterOf,
  quarterRange,
  quarterTotals,
  rankByPoints,
  recentQuarters,
} from './ranking.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The public board lists the first 50 households of the village. */
export const PUBLIC_TOP = 50;

export interface ExportFile {
  name: string;
  contentType: string;
  data: Buffer;
}

interface Scope {
  /** Jurisdiction subtrees read; undefined: the whole district. */
  paths?: string[];
  /** Village subtrees whose households the actor records points for. */
  enterPaths: string[];
  admin: boolean;
}

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', [{ path, message }], message);

type RuleRow = Awaited<ReturnType<CivilityRepository['rules']>>[number];
type EntryRow = Awaited<ReturnType<CivilityRepository['entries']>>[number];

function ruleView(r: RuleRow): CivilityRuleView {
  return {
    id: r.id,
    code: r.code,
    label: r.label,
    points: r.points,
    kind: r.kind,
    trigger: r.trigger,
    maxPerQuarter: r.max_per_quarter,
    active: r.active,
    version: r.version,
    updatedAt: iso(r.updated_at)!,
    updatedBy: ref(r.updated_by, r.updated_by_name),
  };
}

/** Ensures the district has its rules (the defaults on first use). */
export async function ensureCivilityRules(db: Kysely<DB>, tenantId: string, at: Date) {
  const repo = civilityRepository(db);
  if ((await repo.ruleCount(tenantId)) === 0) await repo.seedDefaultRules(tenantId, at);
}

/** The district's UTC offset in minutes (+08:00 unless set otherwise). */
export async function utcOffsetOf(db: Kysely<DB>, tenantId: string): Promise<number> {
  const tenant = await orgRepository(db).tenant(tenantId);
  return effectiveSettings(tenant?.settings).utcOffsetMinutes;
}

export function civilityService(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;
  const repo = civilityRepository(db);
  const seeded = new Set<string>();

  async function rulesOf(tenantId: string) {
    if (!seeded.has(tenantId)) {
      await ensureCivilityRules(db, tenantId, clock.now());
      seeded.add(tenantId);
    }
    return repo.rules(tenantId);
  }

  function scopeOf(actor: StaffActor): Scope {
    const admin = hasRole(actor, ['admin']);
    const enterPaths = actor.grants
      .filter(
        (g) =>
          g.unitKind === 'government' &&
          g.jurisdictionLevel === 'village' &&
          (g.role === 'handler' || g.role === 'unit_leader'),
      )
      .map((g) => g.jurisdictionPath);
    if (admin || hasRole(actor, ['supervisor'])) return { enterPaths, admin };
    const paths = actor.grants
      .filter((g) => g.unitKind === 'government' || g.unitKind === 'grid')
      .map((g) => g.jurisdictionPath);
    if (!paths.length) throw new AppError('FORBIDDEN');
    return { paths, enterPaths, admin };
  }

  const enters = (s: Scope, gridPath: string) => s.enterPaths.some((p) => gridPath.startsWith(p));

  async function currentQuarter(tenantId: string, quarter?: string) {
    const offset = await utcOffsetOf(db, tenantId);
    const now = quarterOf(clock.now(), offset);
    const q = quarter ?? now;
    if (q > now) throw invalid('/quarter', '不能查询未来的季度');
    return { quarter: q, now, offset, range: quarterRange(q, offset) };
  }

  function entryView(e: EntryRow, offset: number): CivilityEntryView {
    return {
      id: e.id,
      rule: { id: e.rule_id, code: e.rule_code, label: e.rule_label },
      points: e.points,
      reason: e.reason,
      source: e.source,
      ticket: e.ticket_id && e.ticket_code ? { id: e.ticket_id, code: e.ticket_code } : null,
      reversesId: e.reverses_id,
      reversedBy: e.reversed_by,
      batchId: e.batch_id,
      recordedBy: ref(e.recorded_by, e.recorded_by_name),
      at: iso(e.at)!,
      quarter: quarterOf(new Date(e.at), offset),
    };
  }

  /** The village's ranking in the quarter: every household with an entry in it. */
  async function rankingOf(tenantId: string, villageId: string, quarter: string, offset: number) {
    const range = quarterRange(quarter, offset);
    const entries = await repo.villageEntries(tenantId, villageId, range);
    const totals = quarterTotals(
      entries.map((e) => ({ householdId: e.household_id, points: e.points, at: new Date(e.at) })),
      quarter,
      offset,
    );
    const labels = new Map(
      (
        await repo.labels(
          tenantId,
          totals.map((t) => t.householdId),
        )
      ).map((l) => [l.id, l]),
    );
    return rankByPoints(
      totals.map((t) => {
        const l = labels.get(t.householdId);
        return {
          key: t.householdId,
          label: l?.address ?? '',
          points: t.points,
          entries: t.entries,
          grid: l?.grid_name ?? '',
          head: l?.head_name ?? null,
        };
      }),
    );
  }

  async function publicVillage(tenantId: string, villageId: string) {
    const v = await repo.village(tenantId, villageId);
    if (!v || v.level !== 'village') throw new AppError('NOT_FOUND');
    return v;
  }

  async function checkRuleBody(
    body: UpdateCivilityRuleBody,
  ): Promise<{ trigger: CivilityTrigger | null; max: number | null }> {
    if (body.points === 0) throw invalid('/points', '分值不能为 0');
    const trigger = body.trigger ?? null;
    if (body.kind === 'event' && !trigger) throw invalid('/trigger', m.triggerRequired);
    if (body.kind === 'manual' && trigger) throw invalid('/trigger', m.triggerNotAllowed);
    return { trigger, max: body.maxPerQuarter ?? null };
  }

  return {
    async rules(actor: StaffActor): Promise<CivilityRuleList> {
      const s = scopeOf(actor);
      return { items: (await rulesOf(actor.tenantId)).map(ruleView), canEdit: s.admin };
    },

    async createRule(actor: StaffActor, body: CreateCivilityRuleBody): Promise<CivilityRuleView> {
      if (!hasRole(actor, ['admin'])) throw new AppError('FORBIDDEN');
      await rulesOf(actor.tenantId);
      const { trigger, max } = await checkRuleBody(body);
      if (await repo.ruleByCode(actor.tenantId, body.code)) throw invalid('/code', m.ruleCodeTaken);
      const id = newId();
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const r = civilityRepository(trx);
        const row = {
          label: body.label.trim(),
          points: body.points,
          kind: body.kind,
          trigger,
          max_per_quarter: max,
          active: body.active ?? true,
        };
        await r.insertRule({
          id,
          tenant_id: actor.tenantId,
          code: body.code,
          ...row,
          sort: (await r.maxSort(actor.tenantId)) + 10,
          version: 1,
          updated_by: actor.userId,
          updated_at: now,
        });
        await r.insertRuleVersion({
          rule_id: id,
          tenant_id: actor.tenantId,
          version: 1,
          ...row,
          changed_by: actor.userId,
          changed_at: now,
        });
      });
      return ruleView((await repo.rule(actor.tenantId, id))!);
    },

    async updateRule(
      actor: StaffActor,
      id: string,
      body: UpdateCivilityRuleBody,
    ): Promise<CivilityRuleView> {
      if (!hasRole(actor, ['admin'])) throw new AppError('FORBIDDEN');
      const current = await repo.rule(actor.tenantId, id);
      if (!current) throw new AppError('NOT_FOUND');
      const { trigger, max } = await checkRuleBody(body);
      const now = clock.now();
      const row = {
        label: body.label.trim(),
        points: body.points,
        kind: body.kind,
        trigger,
        max_per_quarter: max,
        active: body.active ?? current.active,
      };
      await db.transaction().execute(async (trx) => {
        const r = civilityRepository(trx);
        const ok = await r.updateRule(actor.tenantId, id, current.version, {
          ...row,
          updated_by: actor.userId,
          updated_at: now,
        });
        if (!ok) throw new AppError('VERSION_CONFLICT');
        await r.insertRuleVersion({
          rule_id: id,
          tenant_id: actor.tenantId,
          version: current.version + 1,
          ...row,
          changed_by: actor.userId,
          changed_at: now,
        });
      });
      return ruleView((await repo.rule(actor.tenantId, id))!);
    },

    async ruleHistory(actor: StaffActor, id: string): Promise<CivilityRuleHistory> {
      scopeOf(actor);
      if (!(await repo.rule(actor.tenantId, id))) throw new AppError('NOT_FOUND');
      const rows = await repo.ruleVersions(actor.tenantId, id);
      return {
        items: rows.map((v) => ({
          version: v.version,
          label: v.label,
          points: v.points,
          kind: v.kind,
          trigger: v.trigger,
          maxPerQuarter: v.max_per_quarter,
          active: v.active,
          changedAt: iso(v.changed_at)!,
          changedBy: ref(v.changed_by, v.changed_by_name),
        })),
      };
    },

    async places(actor: StaffActor): Promise<CivilityPlaces> {
      const s = scopeOf(actor);
      const { now } = await currentQuarter(actor.tenantId);
      const rows = await repo.villages(actor.tenantId, s.paths);
      const villages = new Map<string, CivilityPlaces['villages'][number]>();
      for (const r of rows) {
        const v = villages.get(r.id) ?? { id: r.id, name: r.name, township: r.township, grids: [] };
        v.grids.push({ id: r.grid_id, name: r.grid_name });
        villages.set(r.id, v);
      }
      return { villages: [...villages.values()], quarter: now, quarters: recentQuarters(now, 8) };
    },

    async households(
      actor: StaffActor,
      q: CivilityHouseholdListQuery,
    ): Promise<CivilityHouseholdList> {
      const s = scopeOf(actor);
      const { quarter, range } = await currentQuarter(actor.tenantId, q.quarter);
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 20;
      const r = await repo.householdTotals(
        actor.tenantId,
        { paths: s.paths, villageId: q.villageId, gridId: q.gridId, q: q.q?.trim() || undefined },
        range,
        { limit: pageSize, offset: (page - 1) * pageSize },
      );
      return {
        total: r.total,
        page,
        pageSize,
        quarter,
        items: r.items.map((h): CivilityHouseholdView => ({
          id: h.id,
          address: h.address,
          grid: { id: h.grid_id, name: h.grid_name },
          village: { id: h.village_id, name: h.village_name },
          head: h.head_name ? maskName(h.head_name) : null,
          quarterPoints: Number(h.quarter_points),
          quarterEntries: Number(h.quarter_entries),
          totalPoints: Number(h.total_points),
          canEnter: enters(s, h.grid_path),
        })),
      };
    },

    async ledger(actor: StaffActor, id: string, q: CivilityLedgerQuery): Promise<CivilityLedger> {
      const s = scopeOf(actor);
      const { range, offset } = await currentQuarter(actor.tenantId, q.quarter);
      const found = await repo.householdTotals(
        actor.tenantId,
        { paths: s.paths, householdIds: [id] },
        range,
        { limit: 1, offset: 0 },
      );
      const h = found.items[0];
      if (!h) throw new AppError('NOT_FOUND');
      const entries = await repo.entries(actor.tenantId, id);
      return {
        household: {
          id: h.id,
          address: h.address,
          grid: { id: h.grid_id, name: h.grid_name },
          village: { id: h.village_id, name: h.village_name },
          head: h.head_name ? maskName(h.head_name) : null,
          quarterPoints: Number(h.quarter_points),
          quarterEntries: Number(h.quarter_entries),
          totalPoints: Number(h.total_points),
          canEnter: enters(s, h.grid_path),
        },
        items: entries.map((e) => entryView(e, offset)),
      };
    },

    /** Records a manual rule's points for one household or several (one batch), all or none. */
    async addEntries(
      actor: StaffActor,
      body: AddCivilityEntriesBody,
    ): Promise<AddCivilityEntriesResult> {
      const s = scopeOf(actor);
      if (!s.enterPaths.length) throw new AppError('FORBIDDEN');
      await rulesOf(actor.tenantId);
      const rule = await repo.rule(actor.tenantId, body.ruleId);
      if (!rule) throw invalid('/ruleId', '积分规则不存在');
      if (rule.kind !== 'manual') throw invalid('/ruleId', m.ruleNotManual);
      if (!rule.active) throw invalid('/ruleId', m.ruleInactive);
      const households = await repo.householdsByIds(actor.tenantId, body.householdIds, s.paths);
      if (households.length !== body.householdIds.length) throw new AppError('NOT_FOUND');
      if (households.some((h) => !enters(s, h.grid_path))) throw new AppError('FORBIDDEN');
      const { offset } = await currentQuarter(actor.tenantId);
      const now = clock.now();
      const range = quarterRange(quarterOf(now, offset), offset);
      const batchId = body.householdIds.length > 1 ? newId() : null;
      const ids = await db.transaction().execute(async (trx) => {
        const r = civilityRepository(trx);
        if (rule.max_per_quarter !== null) {
          for (const h of households) {
            if ((await r.countedInRange(h.id, rule.id, range)) >= rule.max_per_quarter) {
              throw invalid(
                '/householdIds',
                m.capReached
                  .replace('{address}', h.address)
                  .replace('{rule}', rule.label)
                  .replace('{n}', String(rule.max_per_quarter)),
              );
            }
          }
        }
        return r.insertEntries(
          body.householdIds.map((hid) => ({
            id: newId(),
            tenant_id: actor.tenantId,
            household_id: hid,
            rule_id: rule.id,
            points: rule.points,
            reason: body.reason.trim(),
            ticket_id: null,
            source: 'manual' as const,
            reverses_id: null,
            batch_id: batchId,
            recorded_by: actor.userId,
            at: now,
          })),
        );
      });
      const items: CivilityEntryView[] = [];
      for (const hid of body.householdIds) {
        const rows = await repo.entries(actor.tenantId, hid, { from: now, to: new Date(+now + 1) });
        items.push(...rows.filter((e) => ids.includes(e.id)).map((e) => entryView(e, offset)));
      }
      return { batchId, items };
    },

    /** Undoes an entry by a new one with the opposite points; an entry is reversed once. */
    async reverse(
      actor: StaffActor,
      id: string,
      body: ReverseCivilityEntryBody,
    ): Promise<CivilityEntryView> {
      const s = scopeOf(actor);
      const e = await repo.entry(actor.tenantId, id);
      if (!e) throw new AppError('NOT_FOUND');
      const [h] = await repo.householdsByIds(actor.tenantId, [e.household_id], s.paths);
      if (!h) throw new AppError('NOT_FOUND');
      if (!enters(s, h.grid_path)) throw new AppError('FORBIDDEN');
      if (e.source === 'reversal') throw invalid('/id', m.reversalNotReversible);
      if (e.reversed_by) throw new AppError('DUPLICATE', undefined, m.alreadyReversed);
      const now = clock.now();
      const newEntry = newId();
      try {
        await repo.insertEntries([
          {
            id: newEntry,
            tenant_id: actor.tenantId,
            household_id: e.household_id,
            rule_id: e.rule_id,
            points: -e.points,
            reason: body.reason.trim(),
            ticket_id: e.ticket_id,
            source: 'reversal',
            reverses_id: e.id,
            batch_id: null,
            recorded_by: actor.userId,
            at: now,
          },
        ]);
      } catch {
        throw new AppError('DUPLICATE', undefined, m.alreadyReversed);
      }
      const offset = await utcOffsetOf(db, actor.tenantId);
      const row = (await repo.entries(actor.tenantId, e.household_id)).find(
        (x) => x.id === newEntry,
      );
      // ON CONFLICT DO NOTHING: a concurrent reversal won.
      if (!row) throw new AppError('DUPLICATE', undefined, m.alreadyReversed);
      return entryView(row, offset);
    },

    async exportRanking(actor: StaffActor, q: CivilityExportQuery): Promise<ExportFile> {
      const s = scopeOf(actor);
      const { quarter, offset } = await currentQuarter(actor.tenantId, q.quarter);
      const villages = new Map<string, string>();
      for (const r of await repo.villages(actor.tenantId, s.paths))
        if (!q.villageId || r.id === q.villageId) villages.set(r.id, r.name);
      if (q.villageId && !villages.size) throw new AppError('NOT_FOUND');
      const c = m.col;
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet(m.sheet);
      ws.addRow([c.village, c.quarter, c.rank, c.address, c.grid, c.head, c.points, c.entries]);
      ws.getRow(1).font = { bold: true };
      ws.views = [{ state: 'frozen', ySplit: 1 }];
      for (const [id, name] of villages) {
        for (const r of await rankingOf(actor.tenantId, id, quarter, offset)) {
          ws.addRow([
            name,
            quarter,
            r.rank,
            r.item.label,
            r.item.grid,
            r.item.head ? maskName(r.item.head) : '',
            r.item.points,
            r.item.entries,
          ]);
        }
      }
      [18, 10, 8, 34, 20, 10, 8, 10].forEach((w, i) => (ws.getColumn(i + 1).width = w));
      const one = q.villageId ? `-${villages.get(q.villageId)}` : '';
      return {
        name: `${m.sheet}${one}-${quarter}.xlsx`,
        contentType: XLSX,
        data: Buffer.from(await wb.xlsx.writeBuffer()),
      };
    },

    async publicVillages(tenantId: string): Promise<PublicCivilityVillages> {
      const seen = new Map<string, { id: string; name: string; township: string }>();
      for (const r of await repo.villages(tenantId))
        if (!seen.has(r.id)) seen.set(r.id, { id: r.id, name: r.name, township: r.township });
      return { items: [...seen.values()] };
    },

    /** The village's board: the first 50 households, address and masked surname only. */
    async publicRanking(tenantId: string, q: CivilityRankingQuery): Promise<PublicCivilityRanking> {
      const v = await publicVillage(tenantId, q.villageId);
      const { quarter, now, offset } = await currentQuarter(tenantId, q.quarter);
      const ranked = await rankingOf(tenantId, v.id, quarter, offset);
      return {
        village: { id: v.id, name: v.name },
        quarter,
        quarters: recentQuarters(now, 4),
        total: ranked.length,
        items: ranked.slice(0, PUBLIC_TOP).map((r) => ({
          rank: r.rank,
          label: r.item.label,
          head: maskHead(r.item.head),
          points: r.item.points,
        })),
      };
    },
  };
}
export type CivilityService = ReturnType<typeof civilityService>;
