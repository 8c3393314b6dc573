// The households and residents ledger (住户台账). Who sees it: administrators
// and supervisors the whole district; a township or village government, or a
// grid unit, its own subtree; a grid member (grid_members.user_id) their grids.
// Departments and the dispatch centre's agents and dispatchers get 403. Who
// keeps it: the same, except supervisors, who only read. Names and phones are
// masked in every list; ID numbers are stored only encrypted, with a keyed hash
// for duplicates and a masked form; a detail read, a reveal of the full phone
// and ID number, and every export are logged in resident_reads.
import type { Kysely } from 'kysely';
import {
  RESIDENT_IMPORT_COLUMNS,
  type CreateResidentKindBody,
  type HouseholdBody,
  type HouseholdList,
  type HouseholdListQuery,
  type HouseholdView,
  type MoveOutBody,
  type ReorderResidentKindsBody,
  type ResidentBody,
  type ResidentBrief,
  type ResidentExportQuery,
  type ResidentImportError,
  type ResidentImportErrorCode,
  type ResidentImportJob,
  type ResidentKindList,
  type ResidentList,
  type ResidentListQuery,
  type ResidentReadList,
  type ResidentReadQuery,
  type ResidentView,
  type RevealResidentBody,
  type UpdateResidentKindBody,
} from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import { hasRole, type StaffActor } from '../../shared/actor.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { maskName, maskPhone, normalisePhone } from '../../shared/phone.js';
import { fieldCipher } from './crypto.js';
import { exportWorkbook, readWorkbook, templateWorkbook, type ExportColumn } from './excel.js';
import {
  idBirthDate,
  idGender,
  isValidIdNumber,
  maskIdNumber,
  normaliseIdNumber,
} from './idnumber.js';
import {
  insertJsonRows,
  residentsRepository,
  type LedgerFilter,
  type ResidentRow,
} from './repository.js';

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', [{ path, message }]);

const UTC_OFFSET_MS = 8 * 3_600_000;
const COMMIT_CHUNK = 500;
const MAX_EXPORT_ROWS = 50_000;

/** What the actor may do in the ledger: see (paths), keep (editPaths). */
interface Scope {
  /** undefined: the whole district. */
  paths?: string[];
  editPaths?: string[];
  editAll: boolean;
  /** May export unmasked data. */
  fullExport: boolean;
  admin: boolean;
}

/** A validated import row, as stored in the job (ID number already encrypted). */
interface ImportRow {
  row: number;
  gridId: string;
  gridName: string;
  address: string;
  name: string;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  relation: string | null;
  phone: string | null;
  idCipher: string | null;
  idHash: string | null;
  idMasked: string | null;
  kinds: string[];
  careNeeds: string | null;
  note: string | null;
}

const GENDER_LABEL = { male: '男', female: '女' } as const;

export function residentsService(deps: { db: Kysely<DB>; clock: Clock; secret: string }) {
  const { db, clock } = deps;
  const repo = residentsRepository(db);
  const cipher = fieldCipher(deps.secret);
  const seeded = new Set<string>();
  /** Running commits, so tests and the bench can wait for one. */
  const running = new Map<string, Promise<void>>();

  const today = () => new Date(clock.now().getTime() + UTC_OFFSET_MS).toISOString().slice(0, 10);

  async function kindsOf(tenantId: string) {
    if (!seeded.has(tenantId)) {
      const existing = await repo.kinds(tenantId);
      if (existing.length) {
        seeded.add(tenantId);
        return existing;
      }
      await repo.seedDefaultKinds(tenantId);
      seeded.add(tenantId);
    }
    return repo.kinds(tenantId);
  }

  async function scopeOf(actor: StaffActor): Promise<Scope> {
    const admin = hasRole(actor, ['admin']);
    if (admin || hasRole(actor, ['supervisor'])) {
      const own = actor.grants
        .filter((g) => g.unitKind === 'government' || g.unitKind === 'grid')
        .map((g) => g.jurisdictionPath);
      return { editAll: admin, editPaths: own, fullExport: admin, admin };
    }
    const paths = actor.grants
      .filter((g) => g.unitKind === 'government' || g.unitKind === 'grid')
      .map((g) => g.jurisdictionPath);
    paths.push(...(await repo.memberGridPaths(actor.tenantId, actor.userId, today())));
    if (!paths.length) throw new AppError('FORBIDDEN');
    const fullExport = actor.grants.some(
      (g) => g.unitKind === 'government' && g.role === 'unit_leader',
    );
    return { paths, editPaths: paths, editAll: false, fullExport, admin: false };
  }

  const sees = (s: Scope, path: string) => !s.paths || s.paths.some((p) => path.startsWith(p));
  const keeps = (s: Scope, path: string) =>
    s.editAll || (s.editPaths ?? []).some((p) => path.startsWith(p));

  async function filterOf(
    actor: StaffActor,
    s: Scope,
    q: { gridId?: string; villageId?: string; kind?: string; keyPopulation?: boolean; q?: string },
  ): Promise<LedgerFilter> {
    const f: LedgerFilter = {
      paths: s.paths,
      gridId: q.gridId,
      villageId: q.villageId,
      kind: q.kind,
      q: q.q?.trim() || undefined,
    };
    if (q.keyPopulation) {
      const kinds = await kindsOf(actor.tenantId);
      f.keyCodes = kinds.filter((k) => k.key_population).map((k) => k.code);
    }
    return f;
  }

  const ageOf = (birth: string | null): number | null => {
    if (!birth) return null;
    const t = today();
    let age = Number(t.slice(0, 4)) - Number(birth.slice(0, 4));
    if (t.slice(5) < birth.slice(5)) age -= 1;
    return age;
  };

  async function keyCodes(tenantId: string): Promise<Set<string>> {
    return new Set((await kindsOf(tenantId)).filter((k) => k.key_population).map((k) => k.code));
  }

  function brief(r: ResidentRow, key: Set<string>): ResidentBrief {
    return {
      id: r.id,
      name: maskName(r.name),
      gender: r.gender,
      age: ageOf(r.birth_date),
      relation: r.relation,
      phone: r.phone ? maskPhone(r.phone) : null,
      idNumber: r.id_number_masked,
      kinds: r.kinds,
      keyPopulation: r.kinds.some((k) => key.has(k)),
      careNeeds: r.care_needs,
      leftAt: r.left_at ? r.left_at.toISOString() : null,
    };
  }

  async function visibleHousehold(actor: StaffActor, s: Scope, id: string) {
    const h = await repo.household(actor.tenantId, id);
    if (!h || !sees(s, h.grid_path)) throw new AppError('NOT_FOUND');
    return h;
  }

  async function visibleResident(actor: StaffActor, s: Scope, id: string) {
    const r = await repo.resident(actor.tenantId, id);
    if (!r || !sees(s, r.grid_path)) throw new AppError('NOT_FOUND');
    return r;
  }

  async function keptGrid(actor: StaffActor, s: Scope, gridId: string) {
    const g = await repo.grid(actor.tenantId, gridId);
    if (!g || !sees(s, g.path)) throw invalid('/gridId', '网格不存在或不在您的管辖范围内');
    if (!keeps(s, g.path)) throw new AppError('FORBIDDEN');
    return g;
  }

  async function checkKinds(tenantId: string, codes: string[]) {
    const known = new Set((await kindsOf(tenantId)).map((k) => k.code));
    const bad = codes.filter((c) => !known.has(c));
    if (bad.length) throw invalid('/kinds', `未知的人员类别:${bad.join('、')}`);
    return [...new Set(codes)];
  }

  /** Normalises and encrypts the person fields of a body. */
  function personFields(b: ResidentBody) {
    let phone: string | null = null;
    if (b.phone && b.phone.trim()) {
      phone = normalisePhone(b.phone);
      if (!phone)
        throw new AppError('INVALID_PHONE', [{ path: '/phone', message: '电话号码格式不正确' }]);
    }
    let id: string | null = null;
    if (b.idNumber && b.idNumber.trim()) {
      id = normaliseIdNumber(b.idNumber);
      if (!isValidIdNumber(id))
        throw invalid('/idNumber', '身份证号码不正确(位数、出生日期或校验位有误)');
    }
    return {
      name: b.name.trim(),
      gender: b.gender ?? (id ? idGender(id) : null),
      birth_date: b.birthDate ?? (id ? idBirthDate(id) : null),
      relation: b.relation?.trim() || null,
      phone,
      id_number_cipher: id ? cipher.encrypt(id) : null,
      id_number_hash: id ? cipher.hash(id) : null,
      id_number_masked: id ? maskIdNumber(id) : null,
      care_needs: b.careNeeds?.trim() || null,
      note: b.note?.trim() || null,
    };
  }

  async function residentView(
    actor: StaffActor,
    s: Scope,
    r: ResidentRow,
    reveal: boolean,
  ): Promise<ResidentView> {
    const key = await keyCodes(actor.tenantId);
    const full = reveal && r.id_number_cipher ? cipher.decrypt(r.id_number_cipher) : null;
    return {
      id: r.id,
      household: { id: r.household_id, address: r.address },
      grid: { id: r.grid_id, name: r.grid_name },
      name: r.name,
      gender: r.gender,
      birthDate: r.birth_date,
      age: ageOf(r.birth_date),
      relation: r.relation,
      phone: r.phone ? (reveal ? r.phone : maskPhone(r.phone)) : null,
      idNumber: reveal ? full : r.id_number_masked,
      revealed: reveal,
      kinds: r.kinds,
      keyPopulation: r.kinds.some((k) => key.has(k)),
      careNeeds: r.care_needs,
      note: r.note,
      leftAt: r.left_at ? r.left_at.toISOString() : null,
      canEdit: keeps(s, r.grid_path),
      updatedAt: r.updated_at.toISOString(),
    };
  }

  const jobView = (
    j: NonNullable<Awaited<ReturnType<typeof repo.importJob>>>,
  ): ResidentImportJob => {
    const rows = (j.rows as ImportRow[]).slice(0, 20);
    return {
      id: j.id,
      status: j.status,
      fileName: j.file_name,
      total: j.total,
      valid: j.valid,
      invalid: j.invalid,
      done: j.done,
      householdsCreated: j.households_created,
      errors: j.errors as ResidentImportError[],
      sample:
        j.status === 'previewed'
          ? rows.map((r) => ({
              row: r.row,
              grid: r.gridName,
              address: r.address,
              name: maskName(r.name),
              idNumber: r.idMasked,
              kinds: r.kinds,
            }))
          : [],
      failure: j.failure,
      createdAt: j.created_at.toISOString(),
      finishedAt: j.finished_at ? j.finished_at.toISOString() : null,
    };
  };

  async function commit(tenantId: string, jobId: string, rows: ImportRow[]): Promise<void> {
    try {
      const gridIds = [...new Set(rows.map((r) => r.gridId))];
      const known = new Map<string, string>();
      for (const h of await repo.households_of_grids(tenantId, gridIds))
        known.set(`${h.grid_id}\u0000${h.address}`, h.id);
      let done = 0;
      let created = 0;
      for (let i = 0; i < rows.length; i += COMMIT_CHUNK) {
        const chunk = rows.slice(i, i + COMMIT_CHUNK);
        const at = clock.now();
        const newHouseholds: Array<{
          id: string;
          tenant_id: string;
          grid_id: string;
          address: string;
          note: null;
          import_id: string;
          created_at: Date;
          updated_at: Date;
        }> = [];
        const residentRows = chunk.map((r) => {
          const k = `${r.gridId}\u0000${r.address}`;
          let hid = known.get(k);
          if (!hid) {
            hid = newId();
            known.set(k, hid);
            newHouseholds.push({
              id: hid,
              tenant_id: tenantId,
              grid_id: r.gridId,
              address: r.address,
              note: null,
              import_id: jobId,
              created_at: at,
              updated_at: at,
            });
          }
          return {
            id: newId(),
            tenant_id: tenantId,
            household_id: hid,
            name: r.name,
            gender: r.gender,
            birth_date: r.birthDate,
            relation: r.relation,
            phone: r.phone,
            id_number_cipher: r.idCipher,
            id_number_hash: r.idHash,
            id_number_masked: r.idMasked,
            kinds: r.kinds,
            care_needs: r.careNeeds,
            note: r.note,
            import_id: jobId,
            created_at: at,
            updated_at: at,
          };
        });
        await repo.transaction(async (tx) => {
          await insertJsonRows(tx, 'households', newHouseholds);
          await insertJsonRows(tx, 'residents', residentRows);
          await tx
            .updateTable('resident_imports')
            .set({ done: done + chunk.length, households_created: created + newHouseholds.length })
            .where('id', '=', jobId)
            .execute();
        });
        done += chunk.length;
        created += newHouseholds.length;
      }
      await repo.finishImport(tenantId, jobId, { status: 'done', finished_at: clock.now() });
    } catch (err) {
      // All or nothing for the valid rows: whatever was written is taken back.
      await repo.undoImport(tenantId, jobId);
      const dup =
        err instanceof Error && /residents_id_number|households_address/.test(err.message);
      await repo.finishImport(tenantId, jobId, {
        status: 'failed',
        done: 0,
        failure: dup
          ? '导入期间有人登记了相同的身份证号或住户,已全部撤回,请重新导入'
          : '写入失败,已全部撤回,请稍后重试',
        finished_at: clock.now(),
      });
    }
  }

  return {
    // ── kinds ──
    async kinds(actor: StaffActor): Promise<ResidentKindList> {
      const s = await scopeOf(actor);
      const rows = await kindsOf(actor.tenantId);
      return {
        items: rows
          .filter((k) => s.admin || k.active)
          .map((k) => ({
            code: k.code,
            label: k.label,
            sort: k.sort,
            keyPopulation: k.key_population,
            active: k.active,
          })),
        canEdit: s.admin,
      };
    },

    async createKind(actor: StaffActor, b: CreateResidentKindBody): Promise<ResidentKindList> {
      if (!hasRole(actor, ['admin'])) throw new AppError('FORBIDDEN');
      const kinds = await kindsOf(actor.tenantId);
      const label = b.label.trim();
      if (kinds.some((k) => k.code === b.code))
        throw new AppError('DUPLICATE', [{ path: '/code', message: '类别编码已存在' }]);
      if (kinds.some((k) => k.label === label))
        throw new AppError('DUPLICATE', [{ path: '/label', message: '类别名称已存在' }]);
      await repo.insertKind({
        tenant_id: actor.tenantId,
        code: b.code,
        label,
        sort: Math.max(0, ...kinds.map((k) => k.sort)) + 10,
        key_population: b.keyPopulation ?? false,
        active: true,
      });
      return this.kinds(actor);
    },

    async updateKind(
      actor: StaffActor,
      code: string,
      b: UpdateResidentKindBody,
    ): Promise<ResidentKindList> {
      if (!hasRole(actor, ['admin'])) throw new AppError('FORBIDDEN');
      const kinds = await kindsOf(actor.tenantId);
      if (!kinds.some((k) => k.code === code)) throw new AppError('NOT_FOUND');
      const label = b.label?.trim();
      if (label && kinds.some((k) => k.label === label && k.code !== code))
        throw new AppError('DUPLICATE', [{ path: '/label', message: '类别名称已存在' }]);
      await repo.updateKind(actor.tenantId, code, {
        ...(label ? { label } : {}),
        ...(b.keyPopulation !== undefined ? { key_population: b.keyPopulation } : {}),
        ...(b.active !== undefined ? { active: b.active } : {}),
      });
      return this.kinds(actor);
    },

    async reorderKinds(actor: StaffActor, b: ReorderResidentKindsBody): Promise<ResidentKindList> {
      if (!hasRole(actor, ['admin'])) throw new AppError('FORBIDDEN');
      const kinds = await kindsOf(actor.tenantId);
      const known = new Set(kinds.map((k) => k.code));
      if (b.codes.some((c) => !known.has(c))) throw invalid('/codes', '含未知的人员类别');
      const rest = kinds.map((k) => k.code).filter((c) => !b.codes.includes(c));
      await repo.reorderKinds(actor.tenantId, [...new Set(b.codes), ...rest]);
      return this.kinds(actor);
    },

    // ── households ──
    async households(actor: StaffActor, q: HouseholdListQuery): Promise<HouseholdList> {
      const s = await scopeOf(actor);
      const pageSize = q.pageSize ?? 20;
      const page = q.page ?? 1;
      const f = await filterOf(actor, s, q);
      const [rows, total, key] = await Promise.all([
        repo.households(actor.tenantId, f, { limit: pageSize, offset: (page - 1) * pageSize }),
        repo.countHouseholds(actor.tenantId, f),
        keyCodes(actor.tenantId),
      ]);
      const members = await repo.members(
        actor.tenantId,
        rows.map((r) => r.id),
        false,
      );
      return {
        items: rows.map((h) => ({
          id: h.id,
          grid: { id: h.grid_id, name: h.grid_name },
          village: { id: h.village_id, name: h.village_name },
          address: h.address,
          note: h.note,
          members: members.filter((m) => m.household_id === h.id).map((m) => brief(m, key)),
          canEdit: keeps(s, h.grid_path),
          updatedAt: h.updated_at.toISOString(),
        })),
        total,
        page,
        pageSize,
      };
    },

    async household(actor: StaffActor, id: string): Promise<HouseholdView> {
      const s = await scopeOf(actor);
      const h = await visibleHousehold(actor, s, id);
      const [members, key] = await Promise.all([
        repo.members(actor.tenantId, [h.id], true),
        keyCodes(actor.tenantId),
      ]);
      return {
        id: h.id,
        grid: { id: h.grid_id, name: h.grid_name },
        village: { id: h.village_id, name: h.village_name },
        address: h.address,
        note: h.note,
        members: members.map((m) => brief(m, key)),
        canEdit: keeps(s, h.grid_path),
        updatedAt: h.updated_at.toISOString(),
      };
    },

    async createHousehold(actor: StaffActor, b: HouseholdBody): Promise<HouseholdView> {
      const s = await scopeOf(actor);
      await keptGrid(actor, s, b.gridId);
      const address = b.address.trim();
      if (!address) throw invalid('/address', '请填写地址');
      if (await repo.householdAt(actor.tenantId, b.gridId, address))
        throw new AppError('DUPLICATE', [{ path: '/address', message: '本网格已有该地址的住户' }]);
      const id = newId();
      const at = clock.now();
      await repo.insertHousehold({
        id,
        tenant_id: actor.tenantId,
        grid_id: b.gridId,
        address,
        note: b.note?.trim() || null,
        created_at: at,
        updated_at: at,
      });
      return this.household(actor, id);
    },

    async updateHousehold(actor: StaffActor, id: string, b: HouseholdBody): Promise<HouseholdView> {
      const s = await scopeOf(actor);
      const h = await visibleHousehold(actor, s, id);
      if (!keeps(s, h.grid_path)) throw new AppError('FORBIDDEN');
      await keptGrid(actor, s, b.gridId);
      const address = b.address.trim();
      if (!address) throw invalid('/address', '请填写地址');
      const other = await repo.householdAt(actor.tenantId, b.gridId, address);
      if (other && other.id !== id)
        throw new AppError('DUPLICATE', [{ path: '/address', message: '本网格已有该地址的住户' }]);
      await repo.updateHousehold(actor.tenantId, id, {
        grid_id: b.gridId,
        address,
        note: b.note?.trim() || null,
        updated_at: clock.now(),
      });
      return this.household(actor, id);
    },

    // ── residents ──
    async residents(actor: StaffActor, q: ResidentListQuery): Promise<ResidentList> {
      const s = await scopeOf(actor);
      const pageSize = q.pageSize ?? 20;
      const page = q.page ?? 1;
      const f = {
        ...(await filterOf(actor, s, q)),
        householdId: q.householdId,
        includeLeft: q.includeLeft,
      };
      const [rows, total, key] = await Promise.all([
        repo.residents(actor.tenantId, f, { limit: pageSize, offset: (page - 1) * pageSize }),
        repo.countResidents(actor.tenantId, f),
        keyCodes(actor.tenantId),
      ]);
      return {
        items: rows.map((r) => ({
          ...brief(r, key),
          household: { id: r.household_id, address: r.address },
          grid: { id: r.grid_id, name: r.grid_name },
        })),
        total,
        page,
        pageSize,
      };
    },

    /** A resident's detail, masked; the read is logged. */
    async resident(actor: StaffActor, id: string): Promise<ResidentView> {
      const s = await scopeOf(actor);
      const r = await visibleResident(actor, s, id);
      await repo.logReads([
        {
          tenant_id: actor.tenantId,
          user_id: actor.userId,
          resident_id: id,
          action: 'view',
          count: null,
          purpose: null,
          at: clock.now(),
        },
      ]);
      return residentView(actor, s, r, false);
    },

    /** The full phone and ID number: an explicit action, logged with its purpose. */
    async reveal(actor: StaffActor, id: string, b: RevealResidentBody): Promise<ResidentView> {
      const s = await scopeOf(actor);
      const r = await visibleResident(actor, s, id);
      await repo.logReads([
        {
          tenant_id: actor.tenantId,
          user_id: actor.userId,
          resident_id: id,
          action: 'reveal',
          count: null,
          purpose: b.purpose?.trim() || null,
          at: clock.now(),
        },
      ]);
      return residentView(actor, s, r, true);
    },

    async createResident(actor: StaffActor, b: ResidentBody): Promise<ResidentView> {
      const s = await scopeOf(actor);
      const h = await visibleHousehold(actor, s, b.householdId);
      if (!keeps(s, h.grid_path)) throw new AppError('FORBIDDEN');
      const p = personFields(b);
      if (!p.name) throw invalid('/name', '请填写姓名');
      const kinds = await checkKinds(actor.tenantId, b.kinds ?? []);
      if (p.id_number_hash && (await repo.residentByIdHash(actor.tenantId, p.id_number_hash)))
        throw new AppError('DUPLICATE', [{ path: '/idNumber', message: '该身份证号已登记' }]);
      const id = newId();
      const at = clock.now();
      await repo.insertResident({
        id,
        tenant_id: actor.tenantId,
        household_id: h.id,
        ...p,
        kinds,
        created_at: at,
        updated_at: at,
      });
      return residentView(actor, s, (await repo.resident(actor.tenantId, id))!, false);
    },

    async updateResident(actor: StaffActor, id: string, b: ResidentBody): Promise<ResidentView> {
      const s = await scopeOf(actor);
      const r = await visibleResident(actor, s, id);
      if (!keeps(s, r.grid_path)) throw new AppError('FORBIDDEN');
      const h = await visibleHousehold(actor, s, b.householdId);
      if (!keeps(s, h.grid_path)) throw new AppError('FORBIDDEN');
      const p = personFields(b);
      if (!p.name) throw invalid('/name', '请填写姓名');
      const kinds = await checkKinds(actor.tenantId, b.kinds ?? []);
      if (p.id_number_hash && (await repo.residentByIdHash(actor.tenantId, p.id_number_hash, id)))
        throw new AppError('DUPLICATE', [{ path: '/idNumber', message: '该身份证号已登记' }]);
      // An omitted ID number keeps the stored one (the client never holds it in clear).
      const idPatch =
        b.idNumber === undefined
          ? {}
          : {
              id_number_cipher: p.id_number_cipher,
              id_number_hash: p.id_number_hash,
              id_number_masked: p.id_number_masked,
            };
      const phonePatch = b.phone === undefined ? {} : { phone: p.phone };
      await repo.updateResident(actor.tenantId, id, {
        household_id: h.id,
        name: p.name,
        gender: p.gender,
        birth_date: p.birth_date,
        relation: p.relation,
        ...phonePatch,
        ...idPatch,
        kinds,
        care_needs: p.care_needs,
        note: p.note,
        updated_at: clock.now(),
      });
      return residentView(actor, s, (await repo.resident(actor.tenantId, id))!, false);
    },

    async moveOut(actor: StaffActor, id: string, b: MoveOutBody): Promise<ResidentView> {
      const s = await scopeOf(actor);
      const r = await visibleResident(actor, s, id);
      if (!keeps(s, r.grid_path)) throw new AppError('FORBIDDEN');
      if (r.left_at) throw new AppError('DUPLICATE', [{ path: '/', message: '该人员已迁出' }]);
      const at = b.leftOn ? new Date(`${b.leftOn}T00:00:00+08:00`) : clock.now();
      await repo.updateResident(actor.tenantId, id, { left_at: at, updated_at: clock.now() });
      return residentView(actor, s, (await repo.resident(actor.tenantId, id))!, false);
    },

    async reads(actor: StaffActor, q: ResidentReadQuery): Promise<ResidentReadList> {
      if (!hasRole(actor, ['admin', 'supervisor'])) throw new AppError('FORBIDDEN');
      const pageSize = q.pageSize ?? 20;
      const page = q.page ?? 1;
      const { items, total } = await repo.reads(actor.tenantId, q.residentId, {
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return {
        items: items.map((l) => ({
          id: String(l.id),
          user: { id: l.user_id, name: l.user_name },
          resident: l.resident_id
            ? { id: l.resident_id, name: maskName(l.resident_name ?? '') }
            : null,
          action: l.action,
          count: l.count,
          purpose: l.purpose,
          at: l.at.toISOString(),
        })),
        total,
        page,
        pageSize,
      };
    },

    // ── Excel ──
    async template(actor: StaffActor): Promise<Buffer> {
      await scopeOf(actor);
      const kinds = (await kindsOf(actor.tenantId)).filter((k) => k.active);
      return templateWorkbook(
        kinds.map((k) => ({ label: k.label, keyPopulation: k.key_population })),
      );
    },

    async exportXlsx(actor: StaffActor, q: ResidentExportQuery): Promise<Buffer> {
      const s = await scopeOf(actor);
      if (q.full && !s.fullExport) throw new AppError('FORBIDDEN');
      const f = { ...(await filterOf(actor, s, q)), includeLeft: q.includeLeft };
      const total = await repo.countResidents(actor.tenantId, f);
      if (total > MAX_EXPORT_ROWS)
        throw invalid('/', `一次最多导出 ${MAX_EXPORT_ROWS} 人,请缩小筛选范围`);
      const rows = await repo.residents(actor.tenantId, f, { limit: MAX_EXPORT_ROWS, offset: 0 });
      const labels = new Map((await kindsOf(actor.tenantId)).map((k) => [k.code, k.label]));
      const full = Boolean(q.full);
      await repo.logReads([
        {
          tenant_id: actor.tenantId,
          user_id: actor.userId,
          resident_id: null,
          action: full ? 'export_full' : 'export',
          count: rows.length,
          purpose: null,
          at: clock.now(),
        },
      ]);
      return exportWorkbook(
        rows.map((r): Record<ExportColumn, string> => ({
          '村(社区)': r.village_name,
          网格: r.grid_name,
          地址: r.address,
          姓名: full ? r.name : maskName(r.name),
          性别: r.gender ? GENDER_LABEL[r.gender] : '',
          出生日期: r.birth_date ?? '',
          与户主关系: r.relation ?? '',
          联系电话: r.phone ? (full ? r.phone : maskPhone(r.phone)) : '',
          身份证号: r.id_number_cipher
            ? full
              ? cipher.decrypt(r.id_number_cipher)
              : (r.id_number_masked ?? '')
            : '',
          人员类别: r.kinds.map((k) => labels.get(k) ?? k).join('、'),
          照护需求: r.care_needs ?? '',
          备注: r.note ?? '',
          迁出日期: r.left_at
            ? new Date(r.left_at.getTime() + UTC_OFFSET_MS).toISOString().slice(0, 10)
            : '',
        })),
      );
    },

    /** Parses and validates an upload; stores the valid rows in a job in preview. */
    async previewImport(
      actor: StaffActor,
      data: Buffer,
      fileName: string | null,
    ): Promise<ResidentImportJob> {
      const s = await scopeOf(actor);
      if (!s.editAll && !(s.editPaths ?? []).length) throw new AppError('FORBIDDEN');
      const sheet = await readWorkbook(data);
      if (!sheet.ok) throw invalid('/file', sheet.message);

      const kinds = (await kindsOf(actor.tenantId)).filter((k) => k.active);
      const kindBy = new Map<string, string>();
      for (const k of kinds) {
        kindBy.set(k.label, k.code);
        kindBy.set(k.code, k.code);
      }
      const grids = await repo.allGrids(actor.tenantId);
      const byCode = new Map(grids.map((g) => [g.code, g]));
      const byName = new Map<string, typeof grids>();
      for (const g of grids) byName.set(g.name, [...(byName.get(g.name) ?? []), g]);

      const errors: ResidentImportError[] = [];
      const err = (row: number, column: string, code: ResidentImportErrorCode, message: string) =>
        errors.push({ row, column, code, message });
      const candidates: Array<ImportRow & { clearId: string | null }> = [];
      const seenIds = new Map<string, number>();
      const badRows = new Set<number>();

      for (const { row, cells: c } of sheet.rows) {
        const before = errors.length;
        for (const col of ['网格', '地址', '姓名'] as const)
          if (!c[col]) err(row, col, 'REQUIRED', `${col}不能为空`);
        if (c.地址.length > 200) err(row, '地址', 'TOO_LONG', '地址不能超过 200 字');
        if (c.姓名.length > 40) err(row, '姓名', 'TOO_LONG', '姓名不能超过 40 字');
        let grid: (typeof grids)[number] | undefined;
        if (c.网格) {
          grid = byCode.get(c.网格);
          if (!grid) {
            const named = byName.get(c.网格) ?? [];
            if (named.length > 1) {
              const mine = named.filter((g) => keeps(s, g.path));
              if (mine.length === 1) grid = mine[0];
              else err(row, '网格', 'UNKNOWN_GRID', `网格名称"${c.网格}"不唯一,请填写网格编码`);
            } else grid = named[0];
            if (!grid && named.length === 0)
              err(row, '网格', 'UNKNOWN_GRID', `网格"${c.网格}"不存在`);
          }
          if (grid && !keeps(s, grid.path)) {
            err(row, '网格', 'GRID_OUT_OF_SCOPE', `网格"${c.网格}"不在您的管辖范围内`);
            grid = undefined;
          }
        }
        let id: string | null = null;
        if (c.身份证号) {
          id = normaliseIdNumber(c.身份证号);
          if (!isValidIdNumber(id)) {
            err(
              row,
              '身份证号',
              'INVALID_ID_NUMBER',
              '身份证号码不正确(位数、出生日期或校验位有误)',
            );
            id = null;
          } else {
            const first = seenIds.get(id);
            if (first !== undefined)
              err(row, '身份证号', 'DUPLICATE_IN_FILE', `身份证号与第 ${first} 行重复`);
            else seenIds.set(id, row);
          }
        }
        let phone: string | null = null;
        if (c.联系电话) {
          phone = normalisePhone(c.联系电话);
          if (!phone) err(row, '联系电话', 'INVALID_PHONE', '电话号码格式不正确');
        }
        let gender: 'male' | 'female' | null = null;
        if (c.性别) {
          if (c.性别 === '男' || c.性别 === 'male') gender = 'male';
          else if (c.性别 === '女' || c.性别 === 'female') gender = 'female';
          else err(row, '性别', 'INVALID_GENDER', '性别只能填"男"或"女"');
        } else if (id) gender = idGender(id);
        let birth: string | null = null;
        if (c.出生日期) {
          const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(c.出生日期);
          const iso = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : null;
          const d = iso ? new Date(`${iso}T00:00:00Z`) : null;
          if (!iso || !d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso)
            err(row, '出生日期', 'INVALID_DATE', '出生日期格式应为 YYYY-MM-DD');
          else birth = iso;
        } else if (id) birth = idBirthDate(id);
        const kindCodes: string[] = [];
        for (const label of c.人员类别
          .split(/[、,，;；\s]+/)
          .map((x) => x.trim())
          .filter(Boolean)) {
          const code = kindBy.get(label);
          if (!code) err(row, '人员类别', 'UNKNOWN_KIND', `未知的人员类别"${label}"`);
          else if (!kindCodes.includes(code)) kindCodes.push(code);
        }
        if (errors.length > before) {
          badRows.add(row);
          continue;
        }
        candidates.push({
          row,
          gridId: grid!.id,
          gridName: grid!.name,
          address: c.地址,
          name: c.姓名,
          gender,
          birthDate: birth,
          relation: c.与户主关系 || null,
          phone,
          idCipher: null,
          idHash: id ? cipher.hash(id) : null,
          idMasked: id ? maskIdNumber(id) : null,
          kinds: kindCodes,
          careNeeds: c.照护需求 || null,
          note: c.备注 || null,
          clearId: id,
        });
      }
      // Duplicates against the ledger, by the keyed hash.
      const existing = await repo.existingIdHashes(
        actor.tenantId,
        candidates.flatMap((r) => (r.idHash ? [r.idHash] : [])),
      );
      const rows: ImportRow[] = [];
      for (const r of candidates) {
        if (r.idHash && existing.has(r.idHash)) {
          err(r.row, '身份证号', 'DUPLICATE_IN_DB', '该身份证号已在台账中登记');
          badRows.add(r.row);
          continue;
        }
        const { clearId, ...rest } = r;
        rows.push({ ...rest, idCipher: clearId ? cipher.encrypt(clearId) : null });
      }
      errors.sort((a, b) => a.row - b.row);

      const id = newId();
      await repo.insertImport({
        id,
        tenant_id: actor.tenantId,
        user_id: actor.userId,
        file_name: fileName,
        status: 'previewed',
        total: sheet.rows.length,
        valid: rows.length,
        invalid: badRows.size,
        rows: JSON.stringify(rows),
        errors: JSON.stringify(errors),
        failure: null,
        created_at: clock.now(),
      });
      return jobView((await repo.importJob(actor.tenantId, id))!);
    },

    async importJob(actor: StaffActor, id: string): Promise<ResidentImportJob> {
      await scopeOf(actor);
      const j = await repo.importJob(actor.tenantId, id);
      if (!j || (j.user_id !== actor.userId && !hasRole(actor, ['admin'])))
        throw new AppError('NOT_FOUND');
      return jobView(j);
    },

    /** Starts writing the job's valid rows in chunks; poll importJob for progress. */
    async commitImport(actor: StaffActor, id: string): Promise<ResidentImportJob> {
      await scopeOf(actor);
      const j = await repo.importJob(actor.tenantId, id);
      if (!j || j.user_id !== actor.userId) throw new AppError('NOT_FOUND');
      if (j.valid === 0) throw invalid('/', '没有可导入的有效行');
      if (!(await repo.startImport(actor.tenantId, id, clock.now())))
        throw new AppError('DUPLICATE', [{ path: '/', message: '该导入已确认过' }]);
      const p = commit(actor.tenantId, id, j.rows as ImportRow[]).finally(() => running.delete(id));
      running.set(id, p);
      return jobView((await repo.importJob(actor.tenantId, id))!);
    },

    /** Resolves when the job's commit (if running in this process) has finished. */
    async settled(id: string): Promise<void> {
      await running.get(id);
    },

    /** For the demo seeder: the cipher under the configured key. */
    cipher,
    columns: RESIDENT_IMPORT_COLUMNS,
  };
}

export type ResidentsService = ReturnType<typeof residentsService>;
