// All SQL of civility points: rules and their versions (seeded with the defaults on
// first use), households in scope with their quarter totals, the ledger (append-only:
// inserts only), the households a ticket event concerns, and the villages.
import { sql, type Insertable, type Kysely, type SqlBool } from 'kysely';
import type { CivilityTrigger } from '@jiesu/contracts';
import type { CivilityEntryTable, CivilityRuleTable, DB } from '../../db/schema.js';
import { newId } from '../../shared/ids.js';

export const DEFAULT_CIVILITY_RULES: ReadonlyArray<{
  code: string;
  label: string;
  points: number;
  kind: 'manual' | 'event';
  trigger: CivilityTrigger | null;
  maxPerQuarter: number | null;
}> = [
  {
    code: 'join_deliberation',
    label: '参与村民议事',
    points: 5,
    kind: 'event',
    trigger: 'deliberation_session',
    maxPerQuarter: 3,
  },
  {
    code: 'settled_by_deliberation',
    label: '接受群众评议、化解矛盾纠纷',
    points: 3,
    kind: 'event',
    trigger: 'deliberation_settled',
    maxPerQuarter: 2,
  },
  {
    code: 'report_hazard',
    label: '主动报告安全隐患',
    points: 3,
    kind: 'event',
    trigger: 'report_confirmed',
    maxPerQuarter: 5,
  },
  {
    code: 'doorstep_duties',
    label: '门前三包达标',
    points: 2,
    kind: 'manual',
    trigger: null,
    maxPerQuarter: 3,
  },
  {
    code: 'volunteer',
    label: '参加志愿服务',
    points: 2,
    kind: 'manual',
    trigger: null,
    maxPerQuarter: null,
  },
  {
    code: 'tidy_courtyard',
    label: '“五美庭院”评比入选',
    points: 5,
    kind: 'manual',
    trigger: null,
    maxPerQuarter: 1,
  },
  {
    code: 'waste_sorting',
    label: '垃圾分类到位',
    points: 1,
    kind: 'manual',
    trigger: null,
    maxPerQuarter: 3,
  },
  {
    code: 'illegal_building',
    label: '违规搭建',
    points: -5,
    kind: 'manual',
    trigger: null,
    maxPerQuarter: null,
  },
  {
    code: 'open_burning',
    label: '焚烧秸秆垃圾',
    points: -3,
    kind: 'manual',
    trigger: null,
    maxPerQuarter: null,
  },
  {
    code: 'unreasonable_request',
    label: '经群众评议认定的无理重复诉求',
    points: -3,
    kind: 'manual',
    trigger: null,
    maxPerQuarter: null,
  },
];

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `column LIKE p%` for any of the paths; undefined = no restriction, [] = nothing. */
const underAny = (column: string, paths: string[] | undefined) =>
  paths === undefined
    ? sql<SqlBool>`true`
    : paths.length
      ? sql<SqlBool>`(${sql.join(
          paths.map((p) => sql`${sql.ref(column)} LIKE ${escapeLike(p) + '%'}`),
          sql` OR `,
        )})`
      : sql<SqlBool>`false`;

/** The head of household's name (户主, else the first member still living there). */
const headName = sql<string | null>`(SELECT r.name FROM residents r
  WHERE r.household_id = h.id AND r.left_at IS NULL
  ORDER BY (r.relation = '户主') DESC NULLS LAST, r.created_at, r.id LIMIT 1)`;

export interface HouseholdFilter {
  paths?: string[];
  villageId?: string;
  gridId?: string;
  householdIds?: string[];
  q?: string;
}

export function civilityRepository(db: Kysely<DB>) {
  const households = (tenantId: string, f: HouseholdFilter) => {
    let q = db
      .selectFrom('households as h')
      .innerJoin('jurisdictions as g', 'g.id', 'h.grid_id')
      .innerJoin('jurisdictions as v', 'v.id', 'g.parent_id')
      .where('h.tenant_id', '=', tenantId)
      .where(underAny('g.path', f.paths));
    if (f.villageId) q = q.where('v.id', '=', f.villageId);
    if (f.gridId) q = q.where('g.id', '=', f.gridId);
    if (f.householdIds)
      q = q.where(
        'h.id',
        'in',
        f.householdIds.length ? f.householdIds : ['00000000-0000-0000-0000-000000000000'],
      );
    if (f.q) q = q.where('h.address', 'like', `%${escapeLike(f.q)}%`);
    return q;
  };

  const ruleColumns = [
    'r.id',
    'r.code',
    'r.label',
    'r.points',
    'r.kind',
    'r.trigger',
    'r.max_per_quarter',
    'r.active',
    'r.sort',
    'r.version',
    'r.updated_at',
    'r.updated_by',
  ] as const;

  return {
    async ruleCount(tenantId: string): Promise<number> {
      const { n } = await db
        .selectFrom('civility_rules')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('tenant_id', '=', tenantId)
        .executeTakeFirstOrThrow();
      return Number(n);
    },

    /** Inserts the default rules a district does not have yet, each with its version 1. */
    async seedDefaultRules(tenantId: string, at: Date): Promise<void> {
      const rows = DEFAULT_CIVILITY_RULES.map((r, i) => ({
        id: newId(),
        tenant_id: tenantId,
        code: r.code,
        label: r.label,
        points: r.points,
        kind: r.kind,
        trigger: r.trigger,
        max_per_quarter: r.maxPerQuarter,
        active: true,
        sort: (i + 1) * 10,
        version: 1,
        updated_by: null,
        updated_at: at,
      }));
      const inserted = await db
        .insertInto('civility_rules')
        .values(rows)
        .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
        .returning('id')
        .execute();
      const ids = new Set(inserted.map((r) => r.id));
      const versions = rows
        .filter((r) => ids.has(r.id))
        .map((r) => ({
          rule_id: r.id,
          tenant_id: tenantId,
          version: 1,
          label: r.label,
          points: r.points,
          kind: r.kind,
          trigger: r.trigger,
          max_per_quarter: r.max_per_quarter,
          active: true,
          changed_by: null,
          changed_at: at,
        }));
      if (versions.length) await db.insertInto('civility_rule_versions').values(versions).execute();
    },

    async rules(tenantId: string) {
      return db
        .selectFrom('civility_rules as r')
        .leftJoin('users as u', 'u.id', 'r.updated_by')
        .select([...ruleColumns, 'u.display_name as updated_by_name'])
        .where('r.tenant_id', '=', tenantId)
        .orderBy('r.sort')
        .orderBy('r.code')
        .execute();
    },

    async rule(tenantId: string, id: string) {
      return db
        .selectFrom('civility_rules as r')
        .leftJoin('users as u', 'u.id', 'r.updated_by')
        .select([...ruleColumns, 'u.display_name as updated_by_name'])
        .where('r.tenant_id', '=', tenantId)
        .where('r.id', '=', id)
        .executeTakeFirst();
    },

    async ruleByCode(tenantId: string, code: string) {
      return db
        .selectFrom('civility_rules')
        .select(['id'])
        .where('tenant_id', '=', tenantId)
        .where('code', '=', code)
        .executeTakeFirst();
    },

    async activeRulesFor(tenantId: string, trigger: CivilityTrigger) {
      return db
        .selectFrom('civility_rules')
        .select(['id', 'code', 'label', 'points', 'max_per_quarter'])
        .where('tenant_id', '=', tenantId)
        .where('trigger', '=', trigger)
        .where('active', '=', true)
        .orderBy('sort')
        .execute();
    },

    async maxSort(tenantId: string): Promise<number> {
      const r = await db
        .selectFrom('civility_rules')
        .select((eb) => eb.fn.max('sort').as('m'))
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst();
      return Number(r?.m ?? 0);
    },

    async insertRule(row: Insertable<CivilityRuleTable>) {
      await db.insertInto('civility_rules').values(row).execute();
    },

    /** Writes the new current row, only if it is still at `fromVersion`. */
    async updateRule(
      tenantId: string,
      id: string,
      fromVersion: number,
      patch: Pick<
        CivilityRuleTable,
        'label' | 'points' | 'kind' | 'trigger' | 'max_per_quarter' | 'active' | 'updated_by'
      > & { updated_at: Date },
    ): Promise<boolean> {
      const r = await db
        .updateTable('civility_rules')
        .set({ ...patch, version: fromVersion + 1 })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('version', '=', fromVersion)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async insertRuleVersion(row: Insertable<DB['civility_rule_versions']>) {
      await db.insertInto('civility_rule_versions').values(row).execute();
    },

    async ruleVersions(tenantId: string, ruleId: string) {
      return db
        .selectFrom('civility_rule_versions as v')
        .leftJoin('users as u', 'u.id', 'v.changed_by')
        .selectAll('v')
        .select('u.display_name as changed_by_name')
        .where('v.tenant_id', '=', tenantId)
        .where('v.rule_id', '=', ruleId)
        .orderBy('v.version', 'desc')
        .execute();
    },

    /** Households in scope with their net points in [from, to) and over all time. */
    async householdTotals(
      tenantId: string,
      f: HouseholdFilter,
      range: { from: Date; to: Date },
      page: { limit: number; offset: number },
    ) {
      const base = households(tenantId, f);
      const { n } = await base
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      const quarterPoints = sql<string>`COALESCE((SELECT sum(e.points) FROM civility_entries e
        WHERE e.household_id = h.id AND e.at >= ${range.from} AND e.at < ${range.to}), 0)`;
      const items = await base
        .select([
          'h.id',
          'h.address',
          'g.id as grid_id',
          'g.name as grid_name',
          'g.path as grid_path',
          'v.id as village_id',
          'v.name as village_name',
          headName.as('head_name'),
          quarterPoints.as('quarter_points'),
          sql<string>`(SELECT count(*) FROM civility_entries e
            WHERE e.household_id = h.id AND e.at >= ${range.from} AND e.at < ${range.to})`.as(
            'quarter_entries',
          ),
          sql<string>`COALESCE((SELECT sum(e.points) FROM civility_entries e
            WHERE e.household_id = h.id), 0)`.as('total_points'),
        ])
        .orderBy(quarterPoints, 'desc')
        .orderBy('h.address')
        .orderBy('h.id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      return { total: Number(n), items };
    },

    /** Households by id (in scope), with what the ledger shows of each. */
    async householdsByIds(tenantId: string, ids: string[], paths?: string[]) {
      return households(tenantId, { householdIds: ids, paths })
        .select([
          'h.id',
          'h.address',
          'g.id as grid_id',
          'g.name as grid_name',
          'g.path as grid_path',
          'v.id as village_id',
          'v.name as village_name',
          'v.level as village_level',
        ])
        .execute();
    },

    /** Every entry of the households of a village in [from, to), for the ranking. */
    async villageEntries(tenantId: string, villageId: string, range: { from: Date; to: Date }) {
      return db
        .selectFrom('civility_entries as e')
        .innerJoin('households as h', 'h.id', 'e.household_id')
        .innerJoin('jurisdictions as g', 'g.id', 'h.grid_id')
        .select(['e.household_id', 'e.points', 'e.at'])
        .where('e.tenant_id', '=', tenantId)
        .where('g.parent_id', '=', villageId)
        .where('e.at', '>=', range.from)
        .where('e.at', '<', range.to)
        .execute();
    },

    /** Address, grid and head of the given households (for the ranking's labels). */
    async labels(tenantId: string, ids: string[]) {
      if (!ids.length) return [];
      return db
        .selectFrom('households as h')
        .innerJoin('jurisdictions as g', 'g.id', 'h.grid_id')
        .select(['h.id', 'h.address', 'g.name as grid_name', headName.as('head_name')])
        .where('h.tenant_id', '=', tenantId)
        .where('h.id', 'in', ids)
        .execute();
    },

    async entries(tenantId: string, householdId: string, range?: { from: Date; to: Date }) {
      let q = db
        .selectFrom('civility_entries as e')
        .innerJoin('civility_rules as r', 'r.id', 'e.rule_id')
        .leftJoin('tickets as t', 't.id', 'e.ticket_id')
        .leftJoin('users as u', 'u.id', 'e.recorded_by')
        .leftJoin('civility_entries as x', 'x.reverses_id', 'e.id')
        .select([
          'e.id',
          'e.household_id',
          'e.points',
          'e.reason',
          'e.source',
          'e.ticket_id',
          'e.reverses_id',
          'e.batch_id',
          'e.recorded_by',
          'e.at',
          'r.id as rule_id',
          'r.code as rule_code',
          'r.label as rule_label',
          't.code as ticket_code',
          'u.display_name as recorded_by_name',
          'x.id as reversed_by',
        ])
        .where('e.tenant_id', '=', tenantId)
        .where('e.household_id', '=', householdId);
      if (range) q = q.where('e.at', '>=', range.from).where('e.at', '<', range.to);
      return q.orderBy('e.at', 'desc').orderBy('e.id').execute();
    },

    async entry(tenantId: string, id: string) {
      return db
        .selectFrom('civility_entries as e')
        .leftJoin('civility_entries as x', 'x.reverses_id', 'e.id')
        .select([
          'e.id',
          'e.household_id',
          'e.rule_id',
          'e.points',
          'e.source',
          'e.ticket_id',
          'e.reverses_id',
          'x.id as reversed_by',
        ])
        .where('e.tenant_id', '=', tenantId)
        .where('e.id', '=', id)
        .executeTakeFirst();
    },

    /**
     * How many entries of the rule the household has in [from, to) that still count:
     * neither a reversal nor reversed.
     */
    async countedInRange(householdId: string, ruleId: string, range: { from: Date; to: Date }) {
      const { n } = await db
        .selectFrom('civility_entries as e')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('e.household_id', '=', householdId)
        .where('e.rule_id', '=', ruleId)
        .where('e.source', '<>', 'reversal')
        .where('e.at', '>=', range.from)
        .where('e.at', '<', range.to)
        .where(
          sql<SqlBool>`NOT EXISTS (SELECT 1 FROM civility_entries x WHERE x.reverses_id = e.id)`,
        )
        .executeTakeFirstOrThrow();
      return Number(n);
    },

    /** Inserts entries; an event's entry already there (rule, ticket, household) is skipped. */
    async insertEntries(rows: Insertable<CivilityEntryTable>[]): Promise<string[]> {
      if (!rows.length) return [];
      const r = await db
        .insertInto('civility_entries')
        .values(rows)
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .execute();
      return r.map((x) => x.id);
    },

    /** Households of the place with a member still living there by one of these names. */
    async householdsByMemberName(tenantId: string, placePath: string, names: string[]) {
      if (!names.length) return [];
      return db
        .selectFrom('residents as r')
        .innerJoin('households as h', 'h.id', 'r.household_id')
        .innerJoin('jurisdictions as g', 'g.id', 'h.grid_id')
        .select(['r.name', 'h.id as household_id'])
        .distinct()
        .where('r.tenant_id', '=', tenantId)
        .where('r.left_at', 'is', null)
        .where('r.name', 'in', names)
        .where(underAny('g.path', [placePath]))
        .execute();
    },

    /** Households with a member still living there with this phone. */
    async householdsByPhone(tenantId: string, phone: string) {
      return db
        .selectFrom('residents as r')
        .select('r.household_id')
        .distinct()
        .where('r.tenant_id', '=', tenantId)
        .where('r.left_at', 'is', null)
        .where('r.phone', '=', phone)
        .execute();
    },

    async unitPlacePath(tenantId: string, unitId: string) {
      const r = await db
        .selectFrom('units as u')
        .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
        .select(['j.path'])
        .where('u.tenant_id', '=', tenantId)
        .where('u.id', '=', unitId)
        .executeTakeFirst();
      return r?.path;
    },

    /** Villages (and communities) in scope that have households, with their grids. */
    async villages(tenantId: string, paths?: string[]) {
      return db
        .selectFrom('jurisdictions as v')
        .innerJoin('jurisdictions as t', 't.id', 'v.parent_id')
        .innerJoin('jurisdictions as g', 'g.parent_id', 'v.id')
        .select(['v.id', 'v.name', 't.name as township', 'g.id as grid_id', 'g.name as grid_name'])
        .where('v.tenant_id', '=', tenantId)
        .where('v.level', '=', 'village')
        .where('g.level', '=', 'grid')
        .where(underAny('g.path', paths))
        .where(sql<SqlBool>`EXISTS (SELECT 1 FROM households h WHERE h.grid_id = g.id)`)
        .orderBy('t.code')
        .orderBy('v.code')
        .orderBy('g.code')
        .execute();
    },

    async village(tenantId: string, id: string) {
      return db
        .selectFrom('jurisdictions')
        .select(['id', 'name', 'level', 'path'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
  };
}
export type CivilityRepository = ReturnType<typeof civilityRepository>;
