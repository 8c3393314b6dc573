// The people of each grid (网格长, 督导员, 指挥长, 网格员, 信息员) and the
// village's public grid board. Who sees a grid: the centre and the district's
// administrators and supervisors everywhere, a government (township, village)
// or a grid its own subtree. Who keeps a grid's people: administrators, the
// village committee's leader and handlers for its grids, the township
// government's leader for the grids of its villages. A grid worker's name and
// phone are public (the board shows them); an informant's phone is personal
// data, masked for anyone who may not keep the grid, and never on the board.
import type { Kysely } from 'kysely';
import type {
  AddGridMemberBody,
  EndGridMemberBody,
  GridList,
  GridListQuery,
  GridMemberRole,
  GridMemberView,
  GridMembersView,
  PublicGridBoard,
  PublicGridBoardQuery,
  PublicGridPlaces,
} from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import type { StaffActor } from '../../shared/actor.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { maskPhone, normalisePhone } from '../../shared/phone.js';
import { effectiveSettings } from '../org/settings.js';
import { gridPeopleRepository } from './repository.js';

type Repo = ReturnType<typeof gridPeopleRepository>;
type MemberRow = NonNullable<Awaited<ReturnType<Repo['member']>>>;

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', [{ path, message }]);

/** Jurisdiction subtrees whose grids the actor sees; undefined for the whole district. */
function visiblePaths(actor: StaffActor): string[] | undefined {
  if (actor.scope === 'tenant') return undefined;
  return actor.grants
    .filter((g) => g.unitKind === 'government' || g.unitKind === 'grid')
    .map((g) => g.jurisdictionPath);
}

function sees(actor: StaffActor, path: string): boolean {
  const paths = visiblePaths(actor);
  return !paths || paths.some((p) => path.startsWith(p));
}

/** May the actor add and end the people of the grid at `path`. */
export function mayKeepGrid(actor: StaffActor, path: string): boolean {
  return actor.grants.some(
    (g) =>
      g.role === 'admin' ||
      (g.unitKind === 'government' &&
        path.startsWith(g.jurisdictionPath) &&
        ((g.jurisdictionLevel === 'village' &&
          (g.role === 'unit_leader' || g.role === 'handler')) ||
          (g.jurisdictionLevel === 'township' && g.role === 'unit_leader'))),
  );
}

const ROLE_ORDER: readonly GridMemberRole[] = [
  'worker',
  'head',
  'supervisor',
  'commander',
  'informant',
];

const isCurrent = (m: { since: string; until: string | null }, day: string) =>
  m.since <= day && (m.until === null || m.until > day);

export function gridPeopleService(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;
  const repo = gridPeopleRepository(db);

  /** Today in the district's local time, 'YYYY-MM-DD'. */
  async function today(tenantId: string): Promise<string> {
    const offset = effectiveSettings(await repo.tenantSettings(tenantId)).utcOffsetMinutes;
    return new Date(clock.now().getTime() + offset * 60_000).toISOString().slice(0, 10);
  }

  function view(
    m: MemberRow,
    grid: { id: string; name: string },
    editor: boolean,
    day: string,
  ): GridMemberView {
    const phone =
      m.phone && m.role === 'informant' && !editor ? maskPhone(m.phone) : (m.phone ?? null);
    return {
      id: m.id,
      grid: { id: grid.id, name: grid.name },
      role: m.role,
      user: m.user_id ? { id: m.user_id, name: m.user_name ?? '' } : null,
      name: m.name,
      phone,
      since: m.since,
      until: m.until,
      current: isCurrent(m, day),
    };
  }

  /** The grid, if the actor may see it (else 404: its existence is not told). */
  async function visibleGrid(actor: StaffActor, gridId: string) {
    const grid = await repo.grid(actor.tenantId, gridId);
    if (!grid || !sees(actor, grid.path)) throw new AppError('NOT_FOUND');
    return grid;
  }

  return {
    async list(actor: StaffActor, q: GridListQuery): Promise<GridList> {
      const pageSize = q.pageSize ?? 20;
      const page = q.page ?? 1;
      const f = {
        paths: visiblePaths(actor),
        villageId: q.villageId,
        townshipId: q.townshipId,
        q: q.q?.trim() || undefined,
      };
      const [rows, total, day] = await Promise.all([
        repo.grids(actor.tenantId, f, { limit: pageSize, offset: (page - 1) * pageSize }),
        repo.countGrids(actor.tenantId, f),
        today(actor.tenantId),
      ]);
      const members = await repo.currentMembers(
        actor.tenantId,
        rows.map((r) => r.id),
        day,
      );
      return {
        items: rows.map((r) => ({
          grid: { id: r.id, name: r.name },
          village: { id: r.village_id, name: r.village_name },
          township: r.township_id ? { id: r.township_id, name: r.township_name ?? '' } : null,
          households: r.households,
          grade: r.grade,
          hasBoundary: Boolean(r.has_boundary),
          members: members
            .filter((m) => m.jurisdiction_id === r.id)
            .map((m) => ({ id: m.id, role: m.role, name: m.name })),
          canEdit: mayKeepGrid(actor, r.path),
        })),
        total,
        page,
        pageSize,
      };
    },

    async members(actor: StaffActor, gridId: string): Promise<GridMembersView> {
      const grid = await visibleGrid(actor, gridId);
      const editor = mayKeepGrid(actor, grid.path);
      const [rows, day, candidates] = await Promise.all([
        repo.members(actor.tenantId, gridId),
        today(actor.tenantId),
        editor ? repo.staffOf(actor.tenantId, [grid.id, grid.village_id]) : Promise.resolve([]),
      ]);
      const items = rows.map((m) => view(m, grid, editor, day));
      // Current first, by role (the worker first), then those who left; newest first within.
      items.sort(
        (a, b) =>
          Number(b.current) - Number(a.current) ||
          (a.current ? ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) : 0),
      );
      return {
        grid: { id: grid.id, name: grid.name },
        village: { id: grid.village_id, name: grid.village_name },
        township: grid.township_id
          ? { id: grid.township_id, name: grid.township_name ?? '' }
          : null,
        canEdit: editor,
        items,
        candidates: candidates.map((u) => ({ id: u.id, name: u.name })),
      };
    },

    async addMember(
      actor: StaffActor,
      gridId: string,
      b: AddGridMemberBody,
    ): Promise<GridMemberView> {
      const grid = await visibleGrid(actor, gridId);
      if (!mayKeepGrid(actor, grid.path)) throw new AppError('FORBIDDEN');
      const name = b.name.trim();
      if (!name) throw invalid('/name', '请填写姓名');
      let phone: string | null = null;
      if (b.phone !== undefined && b.phone.trim() !== '') {
        phone = normalisePhone(b.phone);
        if (!phone)
          throw new AppError('INVALID_PHONE', [{ path: '/phone', message: '电话号码格式不正确' }]);
      }
      if (b.role === 'worker' && !phone)
        throw invalid('/phone', '网格员的电话将在网格公示牌上公布,请填写');
      if (b.userId) {
        const staff = await repo.staffOf(actor.tenantId, [grid.id, grid.village_id]);
        if (!staff.some((u) => u.id === b.userId))
          throw invalid('/userId', '只能关联本网格或本村(社区)的工作人员');
      }
      const id = newId();
      await repo.insertMember({
        id,
        tenant_id: actor.tenantId,
        jurisdiction_id: grid.id,
        role: b.role,
        user_id: b.userId ?? null,
        name,
        phone,
        since: b.since,
        until: null,
        created_at: clock.now(),
      });
      const row = await repo.member(actor.tenantId, id);
      return view(row!, grid, true, await today(actor.tenantId));
    },

    async endMember(
      actor: StaffActor,
      memberId: string,
      b: EndGridMemberBody,
    ): Promise<GridMemberView> {
      const m = await repo.member(actor.tenantId, memberId);
      if (!m) throw new AppError('NOT_FOUND');
      const grid = await visibleGrid(actor, m.jurisdiction_id);
      if (!mayKeepGrid(actor, grid.path)) throw new AppError('FORBIDDEN');
      if (m.until !== null) throw invalid('/until', `该人员已于 ${m.until} 离任`);
      if (b.until < m.since) throw invalid('/until', `离任日期须不早于任职日期 ${m.since}`);
      if (!(await repo.endMember(actor.tenantId, memberId, b.until)))
        throw invalid('/until', '该人员已离任');
      return view({ ...m, until: b.until }, grid, true, await today(actor.tenantId));
    },

    /** 网格公示牌: each grid's worker with a phone, its head, and the supervision lines. */
    async board(tenantId: string, q: PublicGridBoardQuery): Promise<PublicGridBoard> {
      const village = await repo.village(tenantId, q.place);
      if (!village) throw new AppError('NOT_FOUND');
      const [grids, day, committee, township] = await Promise.all([
        repo.gridsOf(tenantId, village.id),
        today(tenantId),
        repo.governmentOf(tenantId, village.id),
        village.township_id
          ? repo.governmentOf(tenantId, village.township_id)
          : Promise.resolve(undefined),
      ]);
      const members = await repo.currentMembers(
        tenantId,
        grids.map((g) => g.id),
        day,
      );
      // The latest to start is the one on duty when a grid has two.
      const latest = (gridId: string, role: 'worker' | 'head') =>
        members.filter((m) => m.jurisdiction_id === gridId && m.role === role).at(-1);
      return {
        village: { id: village.id, name: village.name },
        township: village.township_name,
        supervision: {
          village: committee ? { name: committee.name, phone: committee.phone } : null,
          township: township ? { name: township.name, phone: township.phone } : null,
        },
        grids: grids.map((g) => {
          const worker = latest(g.id, 'worker');
          const head = latest(g.id, 'head');
          return {
            id: g.id,
            name: g.name,
            households: g.households,
            worker: worker ? { name: worker.name, phone: worker.phone } : null,
            head: head ? { name: head.name } : null,
          };
        }),
      };
    },

    async places(tenantId: string): Promise<PublicGridPlaces> {
      return (await repo.places(tenantId)).map((p) => ({
        id: p.id,
        name: p.name,
        township: p.township_name ?? '',
        grids: Number(p.grids),
      }));
    },
  };
}
export type GridPeopleService = ReturnType<typeof gridPeopleService>;
