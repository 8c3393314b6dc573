// The dispatch catalogue (派单目录): rules category × jurisdiction → responsible
// unit, every change logged with before/after in the same transaction, the Excel
// export and all-or-nothing import, and the catalogue's answer for a ticket.
import type { Kysely } from 'kysely';
import {
  RULE_TARGETS,
  fmt,
  zhCN,
  type CatalogueImportResult,
  type DispatchRuleBody,
  type DispatchRuleChangeList,
  type DispatchRuleChangeQuery,
  type DispatchRuleList,
  type DispatchRuleQuery,
  type DispatchRuleSnapshot,
  type DispatchRuleView,
  type RuleTarget,
  type TerritorialTarget,
  type UpdateDispatchRuleBody,
} from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import type { StaffActor } from '../../shared/actor.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import {
  routingRepository,
  type RoutingRepository,
  type RuleFields,
  type RuleRow,
} from './repository.js';
import { canEditCatalogue, canReadCatalogue } from './policy.js';
import {
  checkRule,
  draftOf,
  sameRule,
  snapshotOf,
  type RuleDraft,
  type RuleLookups,
} from './rules.js';
import { buildWorkbook, readWorkbook, splitList, targetOf, territorialOf } from './excel.js';
import { pathIds, resolveCatalogue } from './resolve.js';

const M = zhCN.catalogue;

/** The catalogue's answer for a ticket, with names, ready to show. */
export interface CatalogueSuggestion {
  unit: { id: string; name: string };
  coUnits: Array<{ id: string; name: string }>;
  rule: {
    id: string;
    category: { id: string; name: string };
    jurisdiction: { id: string; name: string };
    target: RuleTarget;
  };
}

/** A stored rule as a draft: what resolution, comparison and the log read of it. */
function draftOfRow(
  r: Pick<
    RuleRow,
    | 'category_id'
    | 'jurisdiction_id'
    | 'target'
    | 'unit_id'
    | 'co_unit_ids'
    | 'co_territorial'
    | 'note'
  >,
): RuleDraft {
  return {
    categoryId: r.category_id,
    jurisdictionId: r.jurisdiction_id,
    target: r.target,
    unitId: r.unit_id,
    coUnitIds: r.co_unit_ids,
    coTerritorial: r.co_territorial,
    note: r.note,
  };
}

function rowSnapshot(r: RuleRow, unitNames: Map<string, string>): DispatchRuleSnapshot {
  return snapshotOf(draftOfRow(r), r.version, {
    category: { code: r.category_code, name: r.category_name },
    jurisdiction: { code: r.jurisdiction_code, name: r.jurisdiction_name },
    unit: (id) => unitNames.get(id) ?? '',
  });
}

function toView(r: RuleRow, unitNames: Map<string, string>): DispatchRuleView {
  return {
    id: r.id,
    category: { id: r.category_id, code: r.category_code, name: r.category_name },
    jurisdiction: {
      id: r.jurisdiction_id,
      code: r.jurisdiction_code,
      name: r.jurisdiction_name,
      level: r.jurisdiction_level,
    },
    target: r.target,
    unit: r.unit_id ? { id: r.unit_id, name: r.unit_name ?? '' } : null,
    coUnits: r.co_unit_ids.map((id) => ({ id, name: unitNames.get(id) ?? '' })),
    coTerritorial: r.co_territorial,
    note: r.note,
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
    updatedBy: r.updated_by ? { id: r.updated_by, name: r.updated_by_name ?? '' } : null,
  };
}

/** The row a draft writes, changed by `actor` at `at`. */
const rowFields = (d: RuleDraft, actor: StaffActor, at: Date): RuleFields => ({
  category_id: d.categoryId,
  jurisdiction_id: d.jurisdictionId,
  target: d.target,
  unit_id: d.target === 'unit' ? d.unitId : null,
  co_unit_ids: d.coUnitIds,
  co_territorial: d.coTerritorial,
  note: d.note,
  updated_by: actor.userId,
  updated_at: at,
});

type ChangeRow = Parameters<RoutingRepository['logChanges']>[0][number];

/** The change log's rows for what `actor` does to rules at `at`. */
const changeRows =
  (actor: StaffActor, at: Date) =>
  (
    ruleId: string,
    change: ChangeRow['change'],
    before: DispatchRuleSnapshot | null,
    after: DispatchRuleSnapshot | null,
  ): ChangeRow => ({
    tenant_id: actor.tenantId,
    rule_id: ruleId,
    change,
    before,
    after,
    changed_by: actor.userId,
    changed_at: at,
  });

const conflict = () => new AppError('VERSION_CONFLICT', undefined, M.versionConflict);
const duplicate = () =>
  new AppError('DUPLICATE', [{ path: '/jurisdictionId', message: M.duplicate }], M.duplicate);

export function routingService(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;
  const repo = routingRepository(db);

  function mayRead(actor: StaffActor) {
    if (!canReadCatalogue(actor)) throw new AppError('FORBIDDEN');
  }
  function mayEdit(actor: StaffActor) {
    if (!canEditCatalogue(actor)) throw new AppError('FORBIDDEN');
  }

  /** The names of the co-units the rules name. */
  function coUnitNames(r: RoutingRepository, tenantId: string, rows: RuleRow[]) {
    return r.unitNames(
      tenantId,
      rows.flatMap((x) => x.co_unit_ids),
    );
  }

  async function viewOf(r: RoutingRepository, tenantId: string, id: string) {
    const row = (await r.byId(tenantId, id))!;
    return toView(row, await coUnitNames(r, tenantId, [row]));
  }

  /**
   * Locks a rule for a change and reads it; refused when it is gone or (given
   * `expectedVersion`) someone changed it since the client read it.
   */
  async function lockCurrent(
    r: RoutingRepository,
    tenantId: string,
    id: string,
    expectedVersion: number | undefined,
  ): Promise<RuleRow> {
    const locked = await r.lock(tenantId, id);
    if (!locked) throw new AppError('NOT_FOUND');
    if (expectedVersion !== undefined && locked.version !== expectedVersion) throw conflict();
    return (await r.byId(tenantId, id))!;
  }

  /** The rule as it stands, for the log's "before". */
  async function snapshotNow(r: RoutingRepository, tenantId: string, row: RuleRow) {
    return rowSnapshot(row, await coUnitNames(r, tenantId, [row]));
  }

  /** The rows a draft refers to, for checking it and naming it in the log. */
  async function lookupsFor(r: RoutingRepository, tenantId: string, d: RuleDraft) {
    // Sequential: inside a transaction on the embedded engine there is one connection.
    const cats = await r.categories(tenantId, [d.categoryId]);
    const jurs = await r.jurisdictions(tenantId, [d.jurisdictionId]);
    const units = await r.units(
      tenantId,
      [d.unitId, ...d.coUnitIds].filter((x): x is string => Boolean(x)),
    );
    const unitById = new Map(units.map((u) => [u.id, u]));
    const lookups: RuleLookups = {
      category: (id) => cats.find((c) => c.id === id),
      jurisdiction: (id) => jurs.find((j) => j.id === id),
      unit: (id) => unitById.get(id),
    };
    const snapshot = (version: number) =>
      snapshotOf(d, version, {
        category: cats[0]!,
        jurisdiction: jurs[0]!,
        unit: (id) => unitById.get(id)?.name ?? '',
      });
    return { lookups, snapshot };
  }

  function refuse(problems: ReturnType<typeof checkRule>): never {
    throw new AppError(
      problems[0]!.code,
      problems.map((p) => ({ path: p.path, message: p.message })),
    );
  }

  async function suggest(
    tenantId: string,
    ticket: { category_id: string; jurisdiction_id: string },
  ): Promise<CatalogueSuggestion | null> {
    const [cat] = await repo.categories(tenantId, [ticket.category_id]);
    const [place] = await repo.jurisdictions(tenantId, [ticket.jurisdiction_id]);
    if (!cat || !place) return null;
    const categoryChain = pathIds(cat.path).reverse();
    const placeIds = pathIds(place.path).reverse();
    const [rules, chainRows, govs, cats] = await Promise.all([
      repo.candidates(tenantId, categoryChain, placeIds),
      repo.jurisdictions(tenantId, placeIds),
      repo.governmentsAt(tenantId, placeIds),
      repo.categories(tenantId, categoryChain),
    ]);
    if (rules.length === 0) return null;
    const byId = new Map(chainRows.map((j) => [j.id, j]));
    const chain = placeIds
      .map((id) => byId.get(id))
      .filter((j): j is NonNullable<typeof j> => Boolean(j));
    const govAt = new Map<string, string>();
    for (const g of govs) if (!govAt.has(g.jurisdiction_id)) govAt.set(g.jurisdiction_id, g.id);
    const named = await repo.units(
      tenantId,
      rules.flatMap((r) => [...(r.unit_id ? [r.unit_id] : []), ...r.co_unit_ids]),
    );
    const answer = resolveCatalogue({
      rules: rules.map((r) => ({ id: r.id, ...draftOfRow(r) })),
      categoryChain,
      place: { chain: chain.map((j) => ({ id: j.id, level: j.level })) },
      activeUnits: new Set(
        named.filter((u) => u.active && u.kind !== 'dispatch_centre').map((u) => u.id),
      ),
      governmentAt: (id) => govAt.get(id) ?? null,
    });
    if (!answer) return null;
    const names = await repo.unitNames(tenantId, [answer.leadUnitId, ...answer.coUnitIds]);
    const ref = (id: string) => ({ id, name: names.get(id) ?? '' });
    return {
      unit: ref(answer.leadUnitId),
      coUnits: answer.coUnitIds.map(ref),
      rule: {
        id: answer.rule.id,
        category: {
          id: answer.rule.categoryId,
          name: cats.find((c) => c.id === answer.rule.categoryId)?.name ?? '',
        },
        jurisdiction: {
          id: answer.rule.jurisdictionId,
          name: byId.get(answer.rule.jurisdictionId)?.name ?? '',
        },
        target: answer.rule.target,
      },
    };
  }

  return {
    suggest,

    async list(actor: StaffActor, q: DispatchRuleQuery): Promise<DispatchRuleList> {
      mayRead(actor);
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 20;
      const { items, total } = await repo.list(actor.tenantId, { ...q, page, pageSize });
      const names = await coUnitNames(repo, actor.tenantId, items);
      return { items: items.map((r) => toView(r, names)), total, page, pageSize };
    },

    async get(actor: StaffActor, id: string): Promise<DispatchRuleView> {
      mayRead(actor);
      const row = await repo.byId(actor.tenantId, id);
      if (!row) throw new AppError('NOT_FOUND');
      return toView(row, await coUnitNames(repo, actor.tenantId, [row]));
    },

    async create(actor: StaffActor, body: DispatchRuleBody): Promise<DispatchRuleView> {
      mayEdit(actor);
      const d = draftOf(body);
      const tenantId = actor.tenantId;
      return db.transaction().execute(async (trx) => {
        const r = routingRepository(trx);
        const { lookups, snapshot } = await lookupsFor(r, tenantId, d);
        const problems = checkRule(d, lookups);
        if (problems.length) refuse(problems);
        if (await r.idByKey(tenantId, d.categoryId, d.jurisdictionId)) throw duplicate();
        const id = newId();
        const now = clock.now();
        await r.insert({ id, tenant_id: tenantId, ...rowFields(d, actor, now) });
        await r.logChanges([changeRows(actor, now)(id, 'create', null, snapshot(1))]);
        return viewOf(r, tenantId, id);
      });
    },

    async update(
      actor: StaffActor,
      id: string,
      body: UpdateDispatchRuleBody,
    ): Promise<DispatchRuleView> {
      mayEdit(actor);
      const { expectedVersion, ...rest } = body;
      const d = draftOf(rest);
      const tenantId = actor.tenantId;
      return db.transaction().execute(async (trx) => {
        const r = routingRepository(trx);
        const current = await lockCurrent(r, tenantId, id, expectedVersion);
        if (sameRule(draftOfRow(current), d)) return viewOf(r, tenantId, id);
        const { lookups, snapshot } = await lookupsFor(r, tenantId, d);
        const problems = checkRule(d, lookups);
        if (problems.length) refuse(problems);
        const clash = await r.idByKey(tenantId, d.categoryId, d.jurisdictionId);
        if (clash && clash !== id) throw duplicate();
        const now = clock.now();
        const before = await snapshotNow(r, tenantId, current);
        if (!(await r.update(id, expectedVersion, rowFields(d, actor, now)))) throw conflict();
        await r.logChanges([
          changeRows(actor, now)(id, 'update', before, snapshot(expectedVersion + 1)),
        ]);
        return viewOf(r, tenantId, id);
      });
    },

    async remove(actor: StaffActor, id: string, expectedVersion?: number): Promise<void> {
      mayEdit(actor);
      const tenantId = actor.tenantId;
      await db.transaction().execute(async (trx) => {
        const r = routingRepository(trx);
        const current = await lockCurrent(r, tenantId, id, expectedVersion);
        const before = await snapshotNow(r, tenantId, current);
        if (!(await r.remove(id, current.version))) throw conflict();
        await r.logChanges([changeRows(actor, clock.now())(id, 'delete', before, null)]);
      });
    },

    async changes(actor: StaffActor, q: DispatchRuleChangeQuery): Promise<DispatchRuleChangeList> {
      mayRead(actor);
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 20;
      const { items, total } = await repo.changes(actor.tenantId, {
        ruleId: q.ruleId,
        page,
        pageSize,
      });
      return {
        items: items.map((x) => ({
          id: String(x.id),
          ruleId: x.rule_id,
          change: x.change,
          before: (x.before as DispatchRuleSnapshot | null) ?? null,
          after: (x.after as DispatchRuleSnapshot | null) ?? null,
          changedBy: x.changed_by ? { id: x.changed_by, name: x.changed_by_name ?? '' } : null,
          changedAt: x.changed_at.toISOString(),
        })),
        total,
        page,
        pageSize,
      };
    },

    async exportXlsx(actor: StaffActor): Promise<Buffer> {
      mayRead(actor);
      const rows = await repo.all(actor.tenantId);
      const names = await coUnitNames(repo, actor.tenantId, rows);
      return buildWorkbook(
        rows.map((r) => ({
          categoryCode: r.category_code,
          categoryName: r.category_name,
          jurisdictionCode: r.jurisdiction_code,
          jurisdictionName: r.jurisdiction_name,
          target: r.target,
          unitName: r.unit_name,
          coUnitNames: r.co_unit_ids.map((id) => names.get(id) ?? ''),
          coTerritorial: r.co_territorial,
          note: r.note,
        })),
      );
    },

    /**
     * Imports a workbook in the export's format. Every row is checked first; any
     * problem refuses the whole file (400 with each row's messages) and changes
     * nothing. Otherwise each row creates or updates the rule for its category
     * and area in one transaction, logged as `import`; rules the file does not
     * mention are kept, and rows identical to the rule change nothing.
     */
    async importXlsx(actor: StaffActor, data: Buffer): Promise<CatalogueImportResult> {
      mayEdit(actor);
      const sheet = await readWorkbook(data);
      if (!sheet.ok) {
        throw new AppError(
          'CATALOGUE_IMPORT_INVALID',
          sheet.problems.map((message) => ({ path: '/', message })),
        );
      }
      const tenantId = actor.tenantId;
      return db.transaction().execute(async (trx) => {
        const r = routingRepository(trx);
        const cats = await r.categories(tenantId);
        const jurs = await r.jurisdictions(tenantId);
        const units = await r.units(tenantId);
        const existing = await r.all(tenantId);
        const catByCode = new Map(cats.map((c) => [c.code, c]));
        const jurByCode = new Map(jurs.map((j) => [j.code, j]));
        const catById = new Map(cats.map((c) => [c.id, c]));
        const jurById = new Map(jurs.map((j) => [j.id, j]));
        const unitById = new Map(units.map((u) => [u.id, u]));
        const unitsByName = new Map<string, typeof units>();
        for (const u of units) {
          if (!u.active || u.kind === 'dispatch_centre') continue;
          unitsByName.set(u.name, [...(unitsByName.get(u.name) ?? []), u]);
        }
        const ruleByKey = new Map(
          existing.map((x) => [`${x.category_id}|${x.jurisdiction_id}`, x]),
        );
        const lookups: RuleLookups = {
          category: (id) => catById.get(id),
          jurisdiction: (id) => jurById.get(id),
          unit: (id) => unitById.get(id),
        };
        const targets = RULE_TARGETS.map((t) => zhCN.ruleTarget[t]).join('、');

        const problems: Array<{ path: string; message: string }> = [];
        const drafts: Array<{ row: number; draft: RuleDraft }> = [];
        const seen = new Map<string, number>();
        for (const { row, cells } of sheet.rows) {
          const errs: string[] = [];
          const need = (column: keyof typeof cells) => {
            if (!cells[column]) errs.push(fmt(M.required, { column }));
            return cells[column];
          };
          const unitByName = (name: string): string | null => {
            const found = unitsByName.get(name) ?? [];
            if (found.length === 1) return found[0]!.id;
            errs.push(fmt(found.length ? M.ambiguousUnit : M.unknownUnit, { name }));
            return null;
          };

          const catCode = need('分类编码');
          const cat = catCode ? catByCode.get(catCode) : undefined;
          if (catCode && !cat) errs.push(fmt(M.unknownCategoryCode, { code: catCode }));
          if (cat && cells.分类 && cells.分类 !== cat.name) {
            errs.push(fmt(M.nameMismatch, { column: '分类', given: cells.分类, name: cat.name }));
          }
          const jurCode = need('区域编码');
          const jur = jurCode ? jurByCode.get(jurCode) : undefined;
          if (jurCode && !jur) errs.push(fmt(M.unknownJurisdictionCode, { code: jurCode }));
          if (jur && cells.区域 && cells.区域 !== jur.name) {
            errs.push(fmt(M.nameMismatch, { column: '区域', given: cells.区域, name: jur.name }));
          }
          const targetText = need('承办方式');
          const target = targetText ? targetOf(targetText) : null;
          if (targetText && !target) {
            errs.push(fmt(M.unknownTarget, { value: targetText, options: targets }));
          }
          let unitId: string | null = null;
          if (target === 'unit') {
            if (!cells.承办单位) errs.push(M.unitRequired);
            else unitId = unitByName(cells.承办单位);
          } else if (target && cells.承办单位) {
            errs.push(M.unitNotAllowed);
          }
          const coUnitIds: string[] = [];
          const coTerritorial: TerritorialTarget[] = [];
          const tokens = splitList(cells.协办单位);
          if (tokens.length > 10) errs.push(fmt(M.tooManyCoUnits, { n: 10 }));
          for (const token of tokens) {
            const t = territorialOf(token);
            if (t) coTerritorial.push(t);
            else {
              const id = unitByName(token);
              if (id) coUnitIds.push(id);
            }
          }
          if (cells.备注.length > 500) errs.push(fmt(M.noteTooLong, { n: 500 }));

          if (cat && jur) {
            const key = `${cat.id}|${jur.id}`;
            const other = seen.get(key);
            if (other !== undefined) errs.push(fmt(M.duplicateRow, { other }));
            else seen.set(key, row);
          }
          if (!errs.length && cat && jur && target) {
            const draft: RuleDraft = {
              categoryId: cat.id,
              jurisdictionId: jur.id,
              target,
              unitId,
              coUnitIds: [...new Set(coUnitIds)],
              coTerritorial: [...new Set(coTerritorial)],
              note: cells.备注 || null,
            };
            for (const p of checkRule(draft, lookups)) errs.push(p.message);
            if (!errs.length) drafts.push({ row, draft });
          }
          for (const message of errs) {
            problems.push({ path: `/rows/${row}`, message: fmt(M.row, { row, message }) });
          }
        }
        if (problems.length) throw new AppError('CATALOGUE_IMPORT_INVALID', problems);

        const now = clock.now();
        const unitNames = new Map(units.map((u) => [u.id, u.name]));
        const change = changeRows(actor, now);
        const log: ChangeRow[] = [];
        const result = { created: 0, updated: 0, unchanged: 0 };
        for (const { draft } of drafts) {
          const snap = (version: number) =>
            snapshotOf(draft, version, {
              category: catById.get(draft.categoryId)!,
              jurisdiction: jurById.get(draft.jurisdictionId)!,
              unit: (id) => unitNames.get(id) ?? '',
            });
          const old = ruleByKey.get(`${draft.categoryId}|${draft.jurisdictionId}`);
          if (old && sameRule(draftOfRow(old), draft)) {
            result.unchanged++;
            continue;
          }
          if (old) {
            if (!(await r.update(old.id, old.version, rowFields(draft, actor, now)))) {
              throw conflict();
            }
            log.push(change(old.id, 'import', rowSnapshot(old, unitNames), snap(old.version + 1)));
            result.updated++;
          } else {
            const id = newId();
            await r.insert({ id, tenant_id: tenantId, ...rowFields(draft, actor, now) });
            log.push(change(id, 'import', null, snap(1)));
            result.created++;
          }
        }
        await r.logChanges(log);
        return result;
      });
    },
  };
}
export type RoutingService = ReturnType<typeof routingService>;
