// All SQL of oversight: urges (督办) and their escalation, and the unit audit trail.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { UrgeListQuery, UrgeStatus } from '@jiesu/contracts';
import type { DB, UrgeTable } from '../../db/schema.js';

/** The urge's status at `now` (see URGE_STATUSES). */
const statusAt = (now: Date) => sql<UrgeStatus>`CASE
  WHEN g.responded_at IS NOT NULL THEN 'responded'
  WHEN g.escalated_at IS NOT NULL THEN 'escalated'
  WHEN g.due_at < ${now} THEN 'overdue'
  ELSE 'open' END`;

export interface UrgeScope {
  /** `'tenant'`, or the units whose urges the actor sees (urged or urging). */
  units: 'tenant' | string[];
  /** Only the urges made to these units (not those they made). */
  urgedOnly?: boolean;
}

export function oversightRepository(db: Kysely<DB>) {
  function base(tenantId: string, now: Date) {
    return db
      .selectFrom('urges as g')
      .innerJoin('tickets as t', 't.id', 'g.ticket_id')
      .innerJoin('units as u', 'u.id', 'g.unit_id')
      .leftJoin('users as by', 'by.id', 'g.by_user_id')
      .leftJoin('units as bu', 'bu.id', 'g.by_unit_id')
      .leftJoin('users as rb', 'rb.id', 'g.responded_by')
      .leftJoin('units as eu', 'eu.id', 'g.escalated_to_unit_id')
      .where('g.tenant_id', '=', tenantId)
      .select([
        'g.id',
        'g.note',
        'g.due_at',
        'g.created_at',
        'g.responded_at',
        'g.response',
        'g.finish_by',
        'g.escalated_at',
        'g.by_user_id',
        'g.by_unit_id',
        'g.responded_by',
        'g.escalated_to_unit_id',
        't.id as ticket_id',
        't.code as ticket_code',
        't.title as ticket_title',
        't.state as ticket_state',
        'u.id as unit_id',
        'u.name as unit_name',
        'by.display_name as by_name',
        'bu.name as by_unit_name',
        'rb.display_name as responded_by_name',
        'eu.name as escalated_to_name',
        statusAt(now).as('status'),
      ]);
  }

  return {
    async unit(tenantId: string, id: string) {
      return db
        .selectFrom('units')
        .select(['id', 'name', 'kind', 'jurisdiction_id', 'active'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async openUrge(ticketId: string, unitId: string) {
      return db
        .selectFrom('urges')
        .select(['id', 'due_at'])
        .where('ticket_id', '=', ticketId)
        .where('unit_id', '=', unitId)
        .where('responded_at', 'is', null)
        .executeTakeFirst();
    },

    async insert(row: Insertable<UrgeTable>) {
      await db.insertInto('urges').values(row).execute();
    },

    async respond(
      id: string,
      a: { at: Date; by: string | null; response: string; finishBy: Date | null },
    ): Promise<boolean> {
      const r = await db
        .updateTable('urges')
        .set({
          responded_at: a.at,
          responded_by: a.by,
          response: a.response,
          finish_by: a.finishBy,
        })
        .where('id', '=', id)
        .where('responded_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async list(tenantId: string, scope: UrgeScope, q: UrgeListQuery, now: Date, limit?: number) {
      let query = base(tenantId, now);
      if (scope.units !== 'tenant') {
        const units = scope.units.length ? scope.units : ['00000000-0000-0000-0000-000000000000'];
        query = scope.urgedOnly
          ? query.where('g.unit_id', 'in', units)
          : query.where((eb) =>
              eb.or([eb('g.unit_id', 'in', units), eb('g.by_unit_id', 'in', units)]),
            );
      }
      if (q.unitId) query = query.where('g.unit_id', '=', q.unitId);
      if (q.ticketId) query = query.where('g.ticket_id', '=', q.ticketId);
      if (q.from) query = query.where('g.created_at', '>=', new Date(q.from));
      if (q.to) query = query.where('g.created_at', '<', new Date(q.to));
      if (q.status) query = query.where(statusAt(now), '=', q.status);
      const { count } = await db
        .selectFrom(query.as('x'))
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .executeTakeFirstOrThrow();
      const page = q.page ?? 1;
      const pageSize = limit ?? q.pageSize ?? 20;
      const items = await query
        .orderBy('g.created_at', 'desc')
        .orderBy('g.id')
        .limit(pageSize)
        .offset(limit ? 0 : (page - 1) * pageSize)
        .execute();
      return { items, total: Number(count), page, pageSize };
    },

    async countsByUnit(
      tenantId: string,
      scope: UrgeScope,
      from: Date | null,
      to: Date | null,
      now: Date,
    ) {
      let q = db
        .selectFrom('urges as g')
        .innerJoin('units as u', 'u.id', 'g.unit_id')
        .where('g.tenant_id', '=', tenantId)
        .select([
          'u.id',
          'u.name',
          sql<string>`count(*)`.as('total'),
          sql<string>`count(*) FILTER (WHERE g.responded_at IS NOT NULL)`.as('responded'),
          sql<string>`count(*) FILTER (WHERE g.responded_at > g.due_at)`.as('responded_late'),
          sql<string>`count(*) FILTER (WHERE g.responded_at IS NULL)`.as('waiting'),
          sql<string>`count(*) FILTER (WHERE g.escalated_at IS NOT NULL OR (g.responded_at IS NULL AND g.due_at < ${now}))`.as(
            'escalated',
          ),
        ])
        .groupBy(['u.id', 'u.name'])
        .orderBy(sql`count(*)`, 'desc')
        .orderBy('u.name');
      if (scope.units !== 'tenant')
        q = q.where(
          'g.unit_id',
          'in',
          scope.units.length ? scope.units : ['00000000-0000-0000-0000-000000000000'],
        );
      if (from) q = q.where('g.created_at', '>=', from);
      if (to) q = q.where('g.created_at', '<', to);
      return q.execute();
    },

    /** Unanswered urges past their deadline and not yet escalated (the sweep's work). */
    async waitingPastDue(tenantId: string, now: Date) {
      return db
        .selectFrom('urges as g')
        .innerJoin('tickets as t', 't.id', 'g.ticket_id')
        .innerJoin('units as u', 'u.id', 'g.unit_id')
        .select([
          'g.id',
          'g.note',
          'g.unit_id',
          'g.ticket_id',
          'g.due_at',
          'u.name as unit_name',
          'u.kind as unit_kind',
          'u.jurisdiction_id',
          't.code as ticket_code',
        ])
        .where('g.tenant_id', '=', tenantId)
        .where('g.responded_at', 'is', null)
        .where('g.escalated_at', 'is', null)
        .where('g.due_at', '<', now)
        .orderBy('g.due_at')
        .execute();
    },

    /** Stamps the escalation once: false when another sweep (or an answer) came first. */
    /** How many messages the outbox holds for a source record. */
    async queuedFor(source: string, sourceId: string): Promise<number> {
      const r = await db
        .selectFrom('notification_outbox')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('source', '=', source)
        .where('source_id', '=', sourceId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async markEscalated(id: string, at: Date, toUnitId: string): Promise<boolean> {
      const r = await db
        .updateTable('urges')
        .set({ escalated_at: at, escalated_to_unit_id: toUnitId })
        .where('id', '=', id)
        .where('escalated_at', 'is', null)
        .where('responded_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /**
     * Where an ignored urge goes: the nearest government above the unit (for a
     * government, strictly above its own place; a department, section or grid
     * starts at its own place), else the dispatch centre.
     */
    async escalationTarget(
      tenantId: string,
      unit: { unit_id: string; unit_kind: string; jurisdiction_id: string },
    ): Promise<{ id: string; name: string } | undefined> {
      const j = await db
        .selectFrom('jurisdictions')
        .select(['path'])
        .where('id', '=', unit.jurisdiction_id)
        .executeTakeFirst();
      const chain = (j?.path ?? '').split('/').filter(Boolean).reverse();
      const places = unit.unit_kind === 'government' ? chain.slice(1) : chain;
      if (places.length) {
        const govs = await db
          .selectFrom('units')
          .select(['id', 'name', 'jurisdiction_id'])
          .where('tenant_id', '=', tenantId)
          .where('kind', '=', 'government')
          .where('active', '=', true)
          .where('id', '<>', unit.unit_id)
          .where('jurisdiction_id', 'in', places)
          .orderBy('name')
          .execute();
        for (const p of places) {
          const g = govs.find((x) => x.jurisdiction_id === p);
          if (g) return { id: g.id, name: g.name };
        }
      }
      return db
        .selectFrom('units')
        .select(['id', 'name'])
        .where('tenant_id', '=', tenantId)
        .where('kind', '=', 'dispatch_centre')
        .orderBy('name')
        .executeTakeFirst();
    },

    /** The leaders of a unit (unit_leader), to be told of an escalation. */
    async leadersOf(tenantId: string, unitId: string) {
      return db
        .selectFrom('role_assignments as r')
        .innerJoin('users as x', 'x.id', 'r.user_id')
        .select(['x.id', 'x.display_name', 'x.phone'])
        .where('r.tenant_id', '=', tenantId)
        .where('r.unit_id', '=', unitId)
        .where('r.role', '=', 'unit_leader')
        .where('x.active', '=', true)
        .orderBy('x.display_name')
        .execute();
    },

    /** The events its staff fired through a unit over a period, with the tickets' codes. */
    async unitEvents(
      tenantId: string,
      unitId: string,
      from: Date | null,
      to: Date | null,
      page: number,
      pageSize: number,
    ) {
      let q = db
        .selectFrom('ticket_events as e')
        .innerJoin('tickets as t', 't.id', 'e.ticket_id')
        .leftJoin('users as x', 'x.id', 'e.actor_user_id')
        .where('e.tenant_id', '=', tenantId)
        .where('e.actor_unit_id', '=', unitId);
      if (from) q = q.where('e.at', '>=', from);
      if (to) q = q.where('e.at', '<', to);
      const { count } = await q
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .executeTakeFirstOrThrow();
      const items = await q
        .select([
          'e.id',
          'e.at',
          'e.action',
          'e.from_state',
          'e.to_state',
          'e.reason',
          'e.visibility',
          'e.seq',
          'e.actor_user_id',
          'x.display_name as actor_name',
          't.id as ticket_id',
          't.code as ticket_code',
          't.title as ticket_title',
          't.state as ticket_state',
        ])
        .orderBy('e.at')
        .orderBy('t.code')
        .orderBy('e.seq')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return { items, total: Number(count) };
    },
  };
}
export type OversightRepository = ReturnType<typeof oversightRepository>;
