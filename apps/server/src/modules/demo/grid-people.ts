// The demo district's grid people: every grid gets its grid worker (网格员) —
// the demo's grid-worker login where one is assigned to the grid's unit, else
// an invented person — and a grid head (网格长) from the village committee;
// some grids a supervisor (督导员), a few informants (信息员), and a few a
// predecessor who left, so the management page has a history to show.
// Deterministic: its own stream of the seeded generator.
import type { Insertable, Kysely } from 'kysely';
import type { DB, GridMemberTable } from '../../db/schema.js';
import { newId } from '../../shared/ids.js';
import type { DemoOrg, DemoStaff } from './content/index.js';
import { Random } from './content/prng.js';
import { mobilePhone, person } from './content/names.js';
import { insertChunks } from './stories.js';

const DAY = 86_400_000;
const UTC_OFFSET_MS = 8 * 3_600_000;

export interface GridPeopleDemoContext {
  tenantId: string;
  org: DemoOrg;
  now: Date;
  jurisdictionIds: Map<string, { id: string; path: string }>;
  userIds: Map<string, string>;
}

/** Seeds the grid members; returns how many rows. */
export async function seedGridPeople(db: Kysely<DB>, ctx: GridPeopleDemoContext): Promise<number> {
  const rng = new Random(20261121, 'grid-people');
  const { org, now, tenantId } = ctx;
  const day = (daysAgo: number) =>
    new Date(now.getTime() + UTC_OFFSET_MS - daysAgo * DAY).toISOString().slice(0, 10);
  const staffOf = (unitKey: string, roles: readonly DemoStaff['role'][]) =>
    org.staff.filter((s) => s.unitKey === unitKey && roles.includes(s.role));

  const rows: Insertable<GridMemberTable>[] = [];
  const add = (
    gridId: string,
    role: GridMemberTable['role'],
    who: { name: string; phone: string | null; username?: string },
    since: string,
    until: string | null = null,
  ) =>
    rows.push({
      id: newId(),
      tenant_id: tenantId,
      jurisdiction_id: gridId,
      role,
      user_id: who.username ? (ctx.userIds.get(who.username) ?? null) : null,
      name: who.name,
      phone: who.phone,
      since,
      until,
      created_at: now,
    });
  const staffPerson = (s: DemoStaff) => ({
    name: s.displayName,
    phone: s.phone,
    username: s.username,
  });
  const invented = () => {
    const p = person(rng);
    return { name: p.name, phone: p.phone };
  };

  const grids = org.units.filter((u) => u.kind === 'grid');
  const headIndex = new Map<string, number>();
  for (const unit of grids) {
    const gridId = ctx.jurisdictionIds.get(unit.jurisdictionCode)?.id;
    if (!gridId) continue;

    // The grid worker: the demo's login for this grid, else an invented person.
    const [login] = staffOf(unit.key, ['grid_worker']);
    const workerSince = rng.int(30, 900);
    if (!login && rng.chance(0.12)) {
      // A predecessor who left the day before the present worker started.
      add(gridId, 'worker', invented(), day(workerSince + rng.int(200, 700)), day(workerSince + 1));
    }
    add(gridId, 'worker', login ? staffPerson(login) : invented(), day(workerSince));

    // The grid head: a member of the village committee, taking the village's grids in turn.
    const village = unit.parentKey ?? '';
    const committee = staffOf(village, ['unit_leader', 'handler']);
    const turn = headIndex.get(village) ?? 0;
    headIndex.set(village, turn + 1);
    const member = committee[turn % Math.max(committee.length, 1)];
    add(gridId, 'head', member ? staffPerson(member) : invented(), day(rng.int(300, 1200)));

    if (rng.chance(0.35)) add(gridId, 'supervisor', invented(), day(rng.int(100, 700)));
    if (rng.chance(0.2)) {
      for (let i = rng.int(1, 2); i > 0; i--) {
        const p = person(rng);
        add(gridId, 'informant', { name: p.name, phone: mobilePhone(rng) }, day(rng.int(20, 400)));
      }
    }
  }
  await insertChunks(db, 'grid_members', rows);
  return rows.length;
}
