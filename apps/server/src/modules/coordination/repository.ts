// All SQL of whistles (吹哨报到) and passing down (三上三下): their own records
// beside the ticket row and the reads behind the lists, the ticket page and the
// assessment. (The assignments that let the units involved see the ticket are
// written through tickets/repository.ts.)
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DelegationEnding, JurisdictionLevel, Role, UnitKind } from '@jiesu/contracts';
import type { DB, TicketDelegationTable, WhistleTable } from '../../db/schema.js';
import { newId } from '../../shared/ids.js';
import { oneOf } from '../../db/fragments.js';
import { orgRepository } from '../org/repository.js';
import { LINKED_TICKET } from '../tickets/repository.js';

export interface PlacedUnit {
  id: string;
  name: string;
  kind: UnitKind;
  active: boolean;
  jurisdictionId: string;
  path: string;
  level: JurisdictionLevel;
}

export interface WhistleFilter {
  /** Whistles for one ticket. */
  ticketId?: string;
  /** Only whistles with a summons of one of these units still waiting (吹哨待报到). */
  waitingFor?: string[];
  /** Whistles blown by these units or summoning these units; undefined = every whistle. */
  visibleTo?: { blownBy: string[]; summoned: string[] };
  ids?: string[];
  from?: Date;
  to?: Date;
  limit?: number;
}

export function coordinationRepository(db: Kysely<DB>) {
  const placed = () =>
    db
      .selectFrom('units as u')
      .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
      .select([
        'u.id',
        'u.name',
        'u.kind',
        'u.active',
        'u.jurisdiction_id as jurisdictionId',
        'j.path',
        'j.level',
      ]);
  /** The tenant's active units, placed: where a ticket may go. */
  const activePlaced = (tenantId: string) =>
    placed().where('u.tenant_id', '=', tenantId).where('u.active', '=', true);

  return {
    // ── units ────────────────────────────────────────────────────────────────
    unit(tenantId: string, id: string): Promise<PlacedUnit | undefined> {
      return placed().where('u.tenant_id', '=', tenantId).where('u.id', '=', id).executeTakeFirst();
    },

    units(tenantId: string, ids: string[]): Promise<PlacedUnit[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return placed().where('u.tenant_id', '=', tenantId).where('u.id', 'in', ids).execute();
    },

    jurisdiction(tenantId: string, id: string) {
      return db
        .selectFrom('jurisdictions')
        .select(['id', 'path', 'level'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** Active governments and grids strictly below a jurisdiction path: where a holder may pass down. */
    unitsBelow(tenantId: string, path: string): Promise<PlacedUnit[]> {
      return activePlaced(tenantId)
        .where('u.kind', 'in', ['government', 'grid'])
        .where('j.path', 'like', `${path}%`)
        .where('j.path', '<>', path)
        .orderBy('j.path')
        .orderBy('u.name')
        .execute();
    },

    /** Units a government may summon: the tenant's active departments and its own sections. */
    summonable(tenantId: string, jurisdictionId: string): Promise<PlacedUnit[]> {
      return activePlaced(tenantId)
        .where((eb) =>
          eb.or([
            eb('u.kind', '=', 'department'),
            eb.and([eb('u.kind', '=', 'section'), eb('u.jurisdiction_id', '=', jurisdictionId)]),
          ]),
        )
        .orderBy('u.kind')
        .orderBy('u.name')
        .execute();
    },

    sectionsAt(tenantId: string, jurisdictionId: string): Promise<PlacedUnit[]> {
      return activePlaced(tenantId)
        .where('u.kind', '=', 'section')
        .where('u.jurisdiction_id', '=', jurisdictionId)
        .orderBy('u.name')
        .execute();
    },

    /** Active staff of the units holding one of the roles. */
    staffOf(tenantId: string, unitIds: string[], roles: Role[]) {
      if (unitIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('role_assignments as ra')
        .innerJoin('users as us', 'us.id', 'ra.user_id')
        .select(['ra.unit_id', 'us.id', 'us.display_name as name'])
        .where('ra.tenant_id', '=', tenantId)
        .where('ra.unit_id', 'in', unitIds)
        .where('ra.role', 'in', roles)
        .where('us.active', '=', true)
        .orderBy('us.display_name')
        .execute();
    },

    // ── whistles ─────────────────────────────────────────────────────────────
    /** A whistle and a summons of each of `unitIds`. */
    async insertWhistle(w: Insertable<WhistleTable> & { unitIds: string[] }) {
      const { unitIds, ...row } = w;
      await db.insertInto('whistles').values(row).execute();
      await db
        .insertInto('whistle_summonses')
        .values(
          unitIds.map((unit_id) => ({
            id: newId(),
            tenant_id: w.tenant_id,
            whistle_id: w.id,
            unit_id,
            state: 'summoned' as const,
          })),
        )
        .execute();
    },

    whistle(tenantId: string, id: string) {
      return db
        .selectFrom('whistles')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** Units summoned to the ticket's whistles and not yet reported in. */
    async waitingUnits(ticketId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('whistle_summonses as s')
        .innerJoin('whistles as w', 'w.id', 's.whistle_id')
        .select('s.unit_id')
        .where('w.ticket_id', '=', ticketId)
        .where('s.state', '=', 'summoned')
        .execute();
      return rows.map((r) => r.unit_id);
    },

    /** The unit's waiting summons on a whistle (of a ticket, or a given whistle), oldest first. */
    waitingSummons(unitId: string, where: { ticketId: string } | { whistleId: string }) {
      let q = db
        .selectFrom('whistle_summonses as s')
        .innerJoin('whistles as w', 'w.id', 's.whistle_id')
        .select(['s.id', 's.whistle_id', 'w.due_at'])
        .where('s.unit_id', '=', unitId)
        .where('s.state', '=', 'summoned');
      q =
        'ticketId' in where
          ? q.where('w.ticket_id', '=', where.ticketId)
          : q.where('w.id', '=', where.whistleId);
      return q.orderBy('w.created_at').executeTakeFirst();
    },

    async markReported(summonsId: string, at: Date, by: string | null, note: string | null) {
      const r = await db
        .updateTable('whistle_summonses')
        .set({ state: 'reported', reported_at: at, reported_by: by, note })
        .where('id', '=', summonsId)
        .where('state', '=', 'summoned')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async hasUnfinishedTask(ticketId: string, unitId: string): Promise<boolean> {
      const row = await db
        .selectFrom('ticket_tasks')
        .select('id')
        .where('ticket_id', '=', ticketId)
        .where('unit_id', '=', unitId)
        .where('state', 'in', ['open', 'accepted'])
        .executeTakeFirst();
      return row !== undefined;
    },

    /** A co-unit task for a unit that reported in to a whistle (协办 with its own limit). */
    async insertWhistleTask(t: {
      tenant_id: string;
      ticket_id: string;
      unit_id: string;
      whistle_id: string;
      at: Date;
      response_due_at: Date | null;
      completion_due_at: Date | null;
    }) {
      await db
        .insertInto('ticket_tasks')
        .values({
          id: newId(),
          tenant_id: t.tenant_id,
          ticket_id: t.ticket_id,
          unit_id: t.unit_id,
          source: 'whistle',
          whistle_id: t.whistle_id,
          // Reporting in is the unit's sign-on: the task starts accepted.
          state: 'accepted',
          assigned_at: t.at,
          accepted_at: t.at,
          response_due_at: t.response_due_at,
          completion_due_at: t.completion_due_at,
        })
        .execute();
    },

    /** Whistles with their names, newest first. */
    async whistles(tenantId: string, f: WhistleFilter) {
      let q = db
        .selectFrom('whistles as w')
        .innerJoin('units as u', 'u.id', 'w.unit_id')
        .leftJoin('jurisdictions as j', 'j.id', 'w.jurisdiction_id')
        .leftJoin('users as cb', 'cb.id', 'w.created_by')
        .leftJoin('tickets as t', 't.id', 'w.ticket_id')
        .select([
          'w.id',
          'w.topic',
          'w.due_at',
          'w.created_at',
          'w.unit_id',
          'u.name as unit_name',
          'w.jurisdiction_id',
          'j.name as jurisdiction_name',
          'w.created_by',
          'cb.display_name as created_by_name',
          'w.ticket_id',
          ...LINKED_TICKET,
        ])
        .where('w.tenant_id', '=', tenantId);
      if (f.ids) q = q.where(oneOf('w.id', f.ids));
      if (f.ticketId) q = q.where('w.ticket_id', '=', f.ticketId);
      if (f.from) q = q.where('w.created_at', '>=', f.from);
      if (f.to) q = q.where('w.created_at', '<', f.to);
      if (f.waitingFor) {
        const units = f.waitingFor;
        q = q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('whistle_summonses as ws')
              .select('ws.id')
              .whereRef('ws.whistle_id', '=', 'w.id')
              .where(oneOf('ws.unit_id', units))
              .where('ws.state', '=', 'summoned'),
          ),
        );
      }
      if (f.visibleTo) {
        const { blownBy, summoned } = f.visibleTo;
        q = q.where((eb) =>
          eb.or([
            oneOf('w.unit_id', blownBy),
            eb.exists(
              eb
                .selectFrom('whistle_summonses as ws')
                .select('ws.id')
                .whereRef('ws.whistle_id', '=', 'w.id')
                .where(oneOf('ws.unit_id', summoned)),
            ),
          ]),
        );
      }
      const rows = await q
        .orderBy(f.waitingFor ? 'w.due_at' : 'w.created_at', f.waitingFor ? 'asc' : 'desc')
        .orderBy('w.id')
        .limit(f.limit ?? 200)
        .execute();
      if (rows.length === 0) return [];
      const summonses = await db
        .selectFrom('whistle_summonses as s')
        .innerJoin('units as u', 'u.id', 's.unit_id')
        .leftJoin('users as rb', 'rb.id', 's.reported_by')
        .select([
          's.id',
          's.whistle_id',
          's.unit_id',
          'u.name as unit_name',
          's.state',
          's.reported_at',
          's.reported_by',
          'rb.display_name as reported_by_name',
          's.note',
        ])
        .where(
          's.whistle_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('u.name')
        .execute();
      return rows.map((r) => ({ ...r, summonses: summonses.filter((s) => s.whistle_id === r.id) }));
    },

    /**
     * Assessment figures over whistles blown in [from, to): per government the
     * whistles and summonses, per summoned unit how it answered. Lateness is
     * derived from the rows at `now`; nothing is stored as a flag.
     */
    async stats(
      tenantId: string,
      range: { from?: Date; to?: Date },
      now: Date,
      scope: 'tenant' | string[],
    ) {
      const inRange = sql.join(
        [
          sql`w.tenant_id = ${tenantId}`,
          ...(range.from ? [sql`w.created_at >= ${range.from}`] : []),
          ...(range.to ? [sql`w.created_at < ${range.to}`] : []),
        ],
        sql` AND `,
      );
      const scoped = (col: string) =>
        scope === 'tenant'
          ? sql`true`
          : scope.length
            ? sql`${sql.ref(col)} IN (${sql.join(scope)})`
            : sql`false`;
      const late = sql`(s.state = 'reported' AND s.reported_at > w.due_at)`;
      const overdue = sql`(s.state = 'summoned' AND w.due_at < ${now})`;
      const onTime = sql`(s.state = 'reported' AND s.reported_at <= w.due_at)`;
      const governments = await sql<{
        id: string;
        name: string;
        whistles: string;
        summonses: string;
        on_time: string;
        late: string;
      }>`
        SELECT u.id, u.name,
               count(DISTINCT w.id) AS whistles,
               count(s.id) AS summonses,
               count(s.id) FILTER (WHERE ${onTime}) AS on_time,
               count(s.id) FILTER (WHERE ${late} OR ${overdue}) AS late
          FROM whistles w
          JOIN units u ON u.id = w.unit_id
          LEFT JOIN whistle_summonses s ON s.whistle_id = w.id
         WHERE ${inRange} AND ${scoped('w.unit_id')}
         GROUP BY u.id, u.name
         ORDER BY count(DISTINCT w.id) DESC, u.name
      `.execute(db);
      const units = await sql<{
        id: string;
        name: string;
        summoned: string;
        on_time: string;
        reported_late: string;
        overdue: string;
        waiting: string;
      }>`
        SELECT u.id, u.name,
               count(*) AS summoned,
               count(*) FILTER (WHERE ${onTime}) AS on_time,
               count(*) FILTER (WHERE ${late}) AS reported_late,
               count(*) FILTER (WHERE ${overdue}) AS overdue,
               count(*) FILTER (WHERE s.state = 'summoned' AND w.due_at >= ${now}) AS waiting
          FROM whistle_summonses s
          JOIN whistles w ON w.id = s.whistle_id
          JOIN units u ON u.id = s.unit_id
         WHERE ${inRange} AND (${scoped('s.unit_id')} OR ${scoped('w.unit_id')})
         GROUP BY u.id, u.name
         ORDER BY count(*) DESC, u.name
      `.execute(db);
      return { governments: governments.rows, units: units.rows };
    },

    // ── delegations (三上三下) ───────────────────────────────────────────────
    async insertDelegation(d: Omit<Insertable<TicketDelegationTable>, 'id'>) {
      await db
        .insertInto('ticket_delegations')
        .values({ id: newId(), ...d })
        .execute();
    },

    /** The open chain from the lead down to the holder, top first. */
    openDelegations(ticketId: string) {
      return db
        .selectFrom('ticket_delegations')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .where('ended_at', 'is', null)
        .orderBy('at')
        .orderBy('id')
        .execute();
    },

    async endDelegations(ids: string[], at: Date, how: DelegationEnding) {
      if (ids.length === 0) return;
      await db
        .updateTable('ticket_delegations')
        .set({ ended_at: at, ended_how: how })
        .where('id', 'in', ids)
        .where('ended_at', 'is', null)
        .execute();
    },

    /** Every delegation of a ticket with names, in the order they happened. */
    chain(ticketId: string) {
      return db
        .selectFrom('ticket_delegations as d')
        .innerJoin('units as fu', 'fu.id', 'd.from_unit_id')
        .innerJoin('units as tu', 'tu.id', 'd.to_unit_id')
        .leftJoin('users as us', 'us.id', 'd.to_user_id')
        .select([
          'd.id',
          'd.from_unit_id',
          'fu.name as from_name',
          'd.to_unit_id',
          'tu.name as to_name',
          'd.to_user_id',
          'us.display_name as to_user_name',
          'd.note',
          'd.at',
          'd.ended_at',
          'd.ended_how',
        ])
        .where('d.ticket_id', '=', ticketId)
        .orderBy('d.at')
        .orderBy('d.id')
        .execute();
    },

    unitNames: orgRepository(db).unitNames,
  };
}
export type CoordinationRepository = ReturnType<typeof coordinationRepository>;
