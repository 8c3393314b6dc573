// All SQL of the households and residents ledger: the district's kinds (seeded
// with the defaults on first use), households and residents filtered by scope
// (jurisdiction path prefixes) and by grid, village, kind, key population and
// text, the read log, and import jobs with their chunked commit.
import { sql, type Insertable, type Kysely, type SqlBool, type Transaction } from 'kysely';
import { DEFAULT_RESIDENT_KINDS } from '@jiesu/contracts';
import type { DB, ResidentReadTable, ResidentTable } from '../../db/schema.js';
import { oneOf } from '../../db/fragments.js';

export interface LedgerFilter {
  /** Jurisdiction subtrees the actor sees (path prefixes); undefined = the whole district. */
  paths?: string[];
  gridId?: string;
  villageId?: string;
  householdId?: string;
  kind?: string;
  /** Codes of key-population kinds, when only residents of those kinds are wanted. */
  keyCodes?: string[];
  q?: string;
  includeLeft?: boolean;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const pathsIn = (column: string, paths: string[] | undefined) =>
  paths === undefined
    ? sql<SqlBool>`true`
    : paths.length
      ? sql<SqlBool>`(${sql.join(
          paths.map((p) => sql`${sql.ref(column)} LIKE ${escapeLike(p) + '%'}`),
          sql` OR `,
        )})`
      : sql<SqlBool>`false`;

/** The default kinds as rows of a tenant. */
export const defaultKindRows = (tenantId: string) =>
  DEFAULT_RESIDENT_KINDS.map((k, i) => ({
    tenant_id: tenantId,
    code: k.code,
    label: k.label,
    sort: (i + 1) * 10,
    key_population: k.keyPopulation,
    active: true,
  }));

export function residentsRepository(db: Kysely<DB>) {
  const households = (tenantId: string, f: LedgerFilter) => {
    let q = db
      .selectFrom('households as h')
      .innerJoin('jurisdictions as g', 'g.id', 'h.grid_id')
      .innerJoin('jurisdictions as v', 'v.id', 'g.parent_id')
      .where('h.tenant_id', '=', tenantId)
      .where(pathsIn('g.path', f.paths));
    if (f.gridId) q = q.where('h.grid_id', '=', f.gridId);
    if (f.villageId) q = q.where('v.id', '=', f.villageId);
    if (f.householdId) q = q.where('h.id', '=', f.householdId);
    const memberConds: ReturnType<typeof sql<SqlBool>>[] = [];
    if (f.kind) memberConds.push(sql<SqlBool>`r.kinds @> ARRAY[${f.kind}]::text[]`);
    if (f.keyCodes) memberConds.push(sql<SqlBool>`r.kinds && ${f.keyCodes}::text[]`);
    if (memberConds.length)
      q = q.where(
        sql<SqlBool>`EXISTS (SELECT 1 FROM residents r WHERE r.household_id = h.id AND r.left_at IS NULL AND ${sql.join(memberConds, sql` AND `)})`,
      );
    if (f.q) {
      const like = `%${escapeLike(f.q)}%`;
      q = q.where(
        sql<SqlBool>`(h.address LIKE ${like} OR EXISTS (SELECT 1 FROM residents r WHERE r.household_id = h.id AND r.left_at IS NULL AND r.name LIKE ${like}))`,
      );
    }
    return q;
  };

  const residents = (tenantId: string, f: LedgerFilter) => {
    let q = db
      .selectFrom('residents as r')
      .innerJoin('households as h', 'h.id', 'r.household_id')
      .innerJoin('jurisdictions as g', 'g.id', 'h.grid_id')
      .innerJoin('jurisdictions as v', 'v.id', 'g.parent_id')
      .where('r.tenant_id', '=', tenantId)
      .where(pathsIn('g.path', f.paths));
    if (!f.includeLeft) q = q.where('r.left_at', 'is', null);
    if (f.gridId) q = q.where('h.grid_id', '=', f.gridId);
    if (f.villageId) q = q.where('v.id', '=', f.villageId);
    if (f.householdId) q = q.where('h.id', '=', f.householdId);
    if (f.kind) q = q.where(sql<SqlBool>`r.kinds @> ARRAY[${f.kind}]::text[]`);
    if (f.keyCodes) q = q.where(sql<SqlBool>`r.kinds && ${f.keyCodes}::text[]`);
    if (f.q) {
      const like = `%${escapeLike(f.q)}%`;
      q = q.where((eb) => eb.or([eb('r.name', 'like', like), eb('h.address', 'like', like)]));
    }
    return q;
  };

  const residentColumns = [
    'r.id',
    'r.household_id',
    'r.name',
    'r.gender',
    'r.birth_date',
    'r.relation',
    'r.phone',
    'r.id_number_cipher',
    'r.id_number_masked',
    'r.kinds',
    'r.care_needs',
    'r.note',
    'r.left_at',
    'r.updated_at',
    'h.address',
    'g.id as grid_id',
    'g.name as grid_name',
    'g.path as grid_path',
    'v.id as village_id',
    'v.name as village_name',
  ] as const;

  return {
    async kinds(tenantId: string) {
      return db
        .selectFrom('resident_kinds')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('sort')
        .orderBy('code')
        .execute();
    },

    /** Inserts the default kinds when the district has none yet; idempotent. */
    async seedDefaultKinds(tenantId: string): Promise<void> {
      await db
        .insertInto('resident_kinds')
        .values(defaultKindRows(tenantId))
        .onConflict((oc) => oc.doNothing())
        .execute();
    },

    async insertKind(row: Insertable<DB['resident_kinds']>) {
      await db.insertInto('resident_kinds').values(row).execute();
    },

    async updateKind(
      tenantId: string,
      code: string,
      patch: { label?: string; key_population?: boolean; active?: boolean; sort?: number },
    ): Promise<number> {
      const r = await db
        .updateTable('resident_kinds')
        .set(patch)
        .where('tenant_id', '=', tenantId)
        .where('code', '=', code)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    async reorderKinds(tenantId: string, codes: string[]): Promise<void> {
      await db.transaction().execute(async (tx) => {
        for (const [i, code] of codes.entries())
          await tx
            .updateTable('resident_kinds')
            .set({ sort: (i + 1) * 10 })
            .where('tenant_id', '=', tenantId)
            .where('code', '=', code)
            .execute();
      });
    },

    /** The grids the user is a current member of (grid_members.user_id). */
    async memberGridPaths(tenantId: string, userId: string, day: string): Promise<string[]> {
      const rows = await db
        .selectFrom('grid_members as m')
        .innerJoin('jurisdictions as g', 'g.id', 'm.jurisdiction_id')
        .select('g.path')
        .where('m.tenant_id', '=', tenantId)
        .where('m.user_id', '=', userId)
        .where(
          sql<SqlBool>`m.since <= ${day}::date AND (m.until IS NULL OR m.until > ${day}::date)`,
        )
        .execute();
      return rows.map((r) => r.path);
    },

    async grid(tenantId: string, id: string) {
      return db
        .selectFrom('jurisdictions as g')
        .innerJoin('jurisdictions as v', 'v.id', 'g.parent_id')
        .select(['g.id', 'g.name', 'g.path', 'v.id as village_id', 'v.name as village_name'])
        .where('g.tenant_id', '=', tenantId)
        .where('g.id', '=', id)
        .where('g.level', '=', 'grid')
        .executeTakeFirst();
    },

    /** Every grid of the district (for import matching by name or code). */
    async allGrids(tenantId: string) {
      return db
        .selectFrom('jurisdictions as g')
        .select(['g.id', 'g.name', 'g.code', 'g.path'])
        .where('g.tenant_id', '=', tenantId)
        .where('g.level', '=', 'grid')
        .execute();
    },

    async households(tenantId: string, f: LedgerFilter, page: { limit: number; offset: number }) {
      let q = households(tenantId, f);
      // A search for an exact address shows that household first (「1 号」 before 「10 号」).
      if (f.q) q = q.orderBy(sql`h.address = ${f.q}`, 'desc');
      return q
        .select([
          'h.id',
          'h.address',
          'h.note',
          'h.updated_at',
          'g.id as grid_id',
          'g.name as grid_name',
          'g.path as grid_path',
          'v.id as village_id',
          'v.name as village_name',
        ])
        .orderBy('g.code')
        .orderBy('h.address')
        .orderBy('h.id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
    },

    async countHouseholds(tenantId: string, f: LedgerFilter): Promise<number> {
      const r = await households(tenantId, f)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async household(tenantId: string, id: string) {
      return households(tenantId, { householdId: id })
        .select([
          'h.id',
          'h.address',
          'h.note',
          'h.updated_at',
          'g.id as grid_id',
          'g.name as grid_name',
          'g.path as grid_path',
          'v.id as village_id',
          'v.name as village_name',
        ])
        .executeTakeFirst();
    },

    async insertHousehold(row: Insertable<DB['households']>) {
      await db.insertInto('households').values(row).execute();
    },

    async householdAt(tenantId: string, gridId: string, address: string) {
      return db
        .selectFrom('households')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('grid_id', '=', gridId)
        .where('address', '=', address)
        .executeTakeFirst();
    },

    async updateHousehold(
      tenantId: string,
      id: string,
      patch: { grid_id: string; address: string; note: string | null; updated_at: Date },
    ) {
      await db
        .updateTable('households')
        .set(patch)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },

    /** Members of the households (current first, then those who moved out). */
    async members(tenantId: string, householdIds: string[], includeLeft: boolean) {
      let q = residents(tenantId, { includeLeft }).where(oneOf('r.household_id', householdIds));
      q = q
        .orderBy(sql`r.left_at IS NOT NULL`)
        .orderBy('r.created_at')
        .orderBy('r.id');
      return q.select(residentColumns).execute();
    },

    async residents(tenantId: string, f: LedgerFilter, page: { limit: number; offset: number }) {
      return residents(tenantId, f)
        .select(residentColumns)
        .orderBy('g.code')
        .orderBy('h.address')
        .orderBy('r.created_at')
        .orderBy('r.id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
    },

    async countResidents(tenantId: string, f: LedgerFilter): Promise<number> {
      const r = await residents(tenantId, f)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async resident(tenantId: string, id: string) {
      return residents(tenantId, { includeLeft: true })
        .where('r.id', '=', id)
        .select(residentColumns)
        .executeTakeFirst();
    },

    /** Another current resident with the same ID number hash. */
    async residentByIdHash(tenantId: string, hash: string, exceptId?: string) {
      let q = db
        .selectFrom('residents')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('id_number_hash', '=', hash)
        .where('left_at', 'is', null);
      if (exceptId) q = q.where('id', '<>', exceptId);
      return q.executeTakeFirst();
    },

    /** Which of the hashes belong to current residents. */
    async existingIdHashes(tenantId: string, hashes: string[]): Promise<Set<string>> {
      const found = new Set<string>();
      for (let i = 0; i < hashes.length; i += 1000) {
        const rows = await db
          .selectFrom('residents')
          .select('id_number_hash')
          .where('tenant_id', '=', tenantId)
          .where('left_at', 'is', null)
          .where(oneOf('id_number_hash', hashes.slice(i, i + 1000)))
          .execute();
        for (const r of rows) if (r.id_number_hash) found.add(r.id_number_hash);
      }
      return found;
    },

    async insertResident(row: Insertable<ResidentTable>) {
      await db.insertInto('residents').values(row).execute();
    },

    async updateResident(
      tenantId: string,
      id: string,
      patch: Partial<Omit<Insertable<ResidentTable>, 'id' | 'tenant_id'>>,
    ) {
      await db
        .updateTable('residents')
        .set(patch)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },

    async cipherOf(tenantId: string, id: string) {
      return db
        .selectFrom('residents')
        .select(['id_number_cipher', 'phone'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async logReads(rows: Insertable<ResidentReadTable>[]) {
      if (rows.length) await db.insertInto('resident_reads').values(rows).execute();
    },

    async reads(
      tenantId: string,
      residentId: string | undefined,
      page: { limit: number; offset: number },
    ) {
      let q = db
        .selectFrom('resident_reads as l')
        .innerJoin('users as u', 'u.id', 'l.user_id')
        .leftJoin('residents as r', 'r.id', 'l.resident_id')
        .where('l.tenant_id', '=', tenantId);
      if (residentId) q = q.where('l.resident_id', '=', residentId);
      const [items, total] = await Promise.all([
        q
          .select([
            'l.id',
            'l.action',
            'l.count',
            'l.purpose',
            'l.at',
            'u.id as user_id',
            'u.display_name as user_name',
            'r.id as resident_id',
            'r.name as resident_name',
          ])
          .orderBy('l.at', 'desc')
          .orderBy('l.id', 'desc')
          .limit(page.limit)
          .offset(page.offset)
          .execute(),
        q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    // ── imports ──

    async insertImport(row: Insertable<DB['resident_imports']>) {
      await db.insertInto('resident_imports').values(row).execute();
    },

    async importJob(tenantId: string, id: string) {
      return db
        .selectFrom('resident_imports')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** previewed → running, once; false when it was not in preview any more. */
    async startImport(tenantId: string, id: string, at: Date): Promise<boolean> {
      const r = await db
        .updateTable('resident_imports')
        .set({ status: 'running', started_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('status', '=', 'previewed')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async households_of_grids(tenantId: string, gridIds: string[]) {
      if (!gridIds.length) return [];
      return db
        .selectFrom('households')
        .select(['id', 'grid_id', 'address'])
        .where('tenant_id', '=', tenantId)
        .where(oneOf('grid_id', gridIds))
        .execute();
    },

    transaction<T>(fn: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
      return db.transaction().execute(fn);
    },

    async progress(tenantId: string, id: string, done: number, householdsCreated: number) {
      await db
        .updateTable('resident_imports')
        .set({ done, households_created: householdsCreated })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },

    async finishImport(
      tenantId: string,
      id: string,
      patch: {
        status: 'done' | 'failed';
        failure?: string | null;
        finished_at: Date;
        done?: number;
      },
    ) {
      // The validated rows hold personal data: they are dropped once committed or failed.
      await db
        .updateTable('resident_imports')
        .set({ ...patch, rows: JSON.stringify([]) })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },

    /** Undoes a failed import: its residents, then its households left empty. */
    async undoImport(tenantId: string, id: string) {
      await db.transaction().execute(async (tx) => {
        await tx
          .deleteFrom('residents')
          .where('tenant_id', '=', tenantId)
          .where('import_id', '=', id)
          .execute();
        await tx
          .deleteFrom('households')
          .where('tenant_id', '=', tenantId)
          .where('import_id', '=', id)
          .where(
            sql<SqlBool>`NOT EXISTS (SELECT 1 FROM residents r WHERE r.household_id = households.id)`,
          )
          .execute();
      });
    },
  };
}

export type ResidentsRepository = ReturnType<typeof residentsRepository>;
export type ResidentRow = NonNullable<Awaited<ReturnType<ResidentsRepository['resident']>>>;

/**
 * Inserts many rows through one jsonb parameter (jsonb_populate_recordset): on
 * the embedded engine this is several times faster than a multi-row VALUES list
 * with thousands of bound parameters, and the same on PostgreSQL.
 */
export async function insertJsonRows(
  db: Kysely<DB> | Transaction<DB>,
  table: 'households' | 'residents',
  rows: readonly object[],
  chunk = 2000,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    const json = JSON.stringify(rows.slice(i, i + chunk));
    await sql`INSERT INTO ${sql.table(table)} SELECT * FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${json}::jsonb)`.execute(
      db,
    );
  }
}
