// Hot spots' and repeat requests' SQL: the window's tickets (the requester only as
// a one-way hash), the places, the alerts with their idempotent key, the
// per-tenant threshold, and the repeat side table.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { TicketState } from '@jiesu/contracts';

export interface WindowTicket {
  id: string;
  code: string;
  title: string;
  description: string;
  address: string;
  state: TicketState;
  received_at: Date;
  jurisdiction_id: string;
  lead_unit_id: string | null;
  /** sha-256 of the phone (or of the ticket id when there is none): counts people, names nobody. */
  requester: string;
}

export interface PlaceRow {
  id: string;
  parent_id: string | null;
  level: string;
  name: string;
  path: string;
}

const requesterKey = (phone: string | null, id: string) =>
  createHash('sha256')
    .update(phone ? `p:${phone}` : `t:${id}`)
    .digest('hex')
    .slice(0, 16);

export type AlertRow = Awaited<ReturnType<ReturnType<typeof hotspotRepository>['alerts']>>[number];

export function hotspotRepository(db: Kysely<DB>) {
  return {
    /** The window's requests (no consultations, no merged duplicates), newest first, at most `cap + 1`. */
    async windowTickets(p: {
      tenantId: string;
      from: Date;
      to: Date;
      under?: string;
      cap: number;
    }): Promise<WindowTicket[]> {
      let q = db
        .selectFrom('tickets as t')
        .select([
          't.id',
          't.code',
          't.title',
          't.description',
          't.address',
          't.state',
          't.received_at',
          't.jurisdiction_id',
          't.lead_unit_id',
          't.requester_phone',
        ])
        .where('t.tenant_id', '=', p.tenantId)
        .where('t.received_at', '>=', p.from)
        .where('t.received_at', '<', p.to)
        .where('t.type', '<>', 'consult')
        .where('t.master_id', 'is', null)
        .orderBy('t.received_at', 'desc')
        .limit(p.cap + 1);
      if (p.under) {
        const under = p.under;
        q = q.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('jurisdictions as j')
              .select('j.id')
              .whereRef('j.id', '=', 't.jurisdiction_id')
              .where('j.path', 'like', `${under}%`),
          ),
        );
      }
      const rows = await q.execute();
      return rows.map(({ requester_phone, ...r }) => ({
        ...r,
        received_at: new Date(r.received_at),
        requester: requesterKey(requester_phone, r.id),
      }));
    },

    places(tenantId: string): Promise<PlaceRow[]> {
      return db
        .selectFrom('jurisdictions')
        .select(['id', 'parent_id', 'level', 'name', 'path'])
        .where('tenant_id', '=', tenantId)
        .execute();
    },

    place(tenantId: string, id: string) {
      return db
        .selectFrom('jurisdictions')
        .select(['id', 'parent_id', 'level', 'name', 'path'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** The tickets by id (for the actions), with their place path. */
    ticketsById(tenantId: string, ids: string[]) {
      if (!ids.length) return Promise.resolve([]);
      return db
        .selectFrom('tickets as t')
        .innerJoin('jurisdictions as j', 'j.id', 't.jurisdiction_id')
        .select([
          't.id',
          't.code',
          't.title',
          't.description',
          't.received_at',
          't.jurisdiction_id',
          't.lead_unit_id',
          't.holder_unit_id',
          't.requester_phone',
          't.category_id',
          'j.path',
        ])
        .where('t.tenant_id', '=', tenantId)
        .where('t.id', 'in', ids)
        .execute();
    },

    /** Projects the given tickets are linked to. */
    projectsOf(tenantId: string, ticketIds: string[]) {
      if (!ticketIds.length) return Promise.resolve([]);
      return db
        .selectFrom('project_tickets as pt')
        .innerJoin('projects as p', 'p.id', 'pt.project_id')
        .select(['pt.ticket_id', 'p.id', 'p.title'])
        .where('pt.tenant_id', '=', tenantId)
        .where('pt.ticket_id', 'in', ticketIds)
        .execute();
    },

    async config(tenantId: string) {
      return db
        .selectFrom('hotspot_configs')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst();
    },

    async saveConfig(
      tenantId: string,
      c: { min_messages: number; min_requesters: number; window_days: number },
      by: string,
      at: Date,
    ) {
      await db
        .insertInto('hotspot_configs')
        .values({ tenant_id: tenantId, ...c, updated_by: by, updated_at: at })
        .onConflict((oc) =>
          oc.column('tenant_id').doUpdateSet({ ...c, updated_by: by, updated_at: at }),
        )
        .execute();
    },

    /** Alerts, newest first, with the names of what they link to. */
    alerts(tenantId: string, opts: { id?: string; openOnly?: boolean; limit?: number } = {}) {
      let q = db
        .selectFrom('hotspot_alerts as a')
        .leftJoin('projects as p', 'p.id', 'a.project_id')
        .leftJoin('broadcasts as b', 'b.id', 'a.broadcast_id')
        .leftJoin('users as u', 'u.id', 'a.acknowledged_by')
        .leftJoin('jurisdictions as j', 'j.id', 'a.jurisdiction_id')
        .selectAll('a')
        .select([
          'p.title as project_title',
          'b.title as broadcast_title',
          'u.display_name as acknowledged_by_name',
          'j.name as jurisdiction_name',
          'j.path as jurisdiction_path',
        ])
        .where('a.tenant_id', '=', tenantId)
        .orderBy('a.created_at', 'desc')
        .orderBy('a.id')
        .limit(opts.limit ?? 500);
      if (opts.id) q = q.where('a.id', '=', opts.id);
      if (opts.openOnly) q = q.where('a.acknowledged_at', 'is', null);
      return q.execute();
    },

    /** Inserts the alert unless its key exists; true when inserted. */
    async insertAlert(
      trx: Kysely<DB>,
      a: {
        id: string;
        tenant_id: string;
        key: string;
        source: 'threshold' | 'manual';
        title: string;
        place: string;
        jurisdiction_id: string | null;
        keywords: string[];
        ticket_ids: string[];
        messages: number;
        requesters: number;
        heat: number;
        from_at: Date;
        to_at: Date;
        at: Date;
      },
    ): Promise<boolean> {
      const { rows } = await sql<{ id: string }>`
        INSERT INTO hotspot_alerts (id, tenant_id, key, source, title, place, jurisdiction_id, keywords,
               ticket_ids, messages, requesters, heat, from_at, to_at, created_at, updated_at)
        VALUES (${a.id}, ${a.tenant_id}, ${a.key}, ${a.source}, ${a.title}, ${a.place}, ${a.jurisdiction_id},
                ${JSON.stringify(a.keywords)}::jsonb, ${JSON.stringify(a.ticket_ids)}::jsonb, ${a.messages},
                ${a.requesters}, ${a.heat}, ${a.from_at}, ${a.to_at}, ${a.at}, ${a.at})
        ON CONFLICT (tenant_id, key) DO NOTHING
        RETURNING id
      `.execute(trx);
      return rows.length > 0;
    },

    /** The group grew or changed: its members and figures (the key stays). */
    async updateAlert(
      trx: Kysely<DB>,
      tenantId: string,
      id: string,
      a: {
        ticket_ids: string[];
        messages: number;
        requesters: number;
        heat: number;
        from_at: Date;
        to_at: Date;
        at: Date;
      },
    ) {
      await trx
        .updateTable('hotspot_alerts')
        .set({
          ticket_ids: JSON.stringify(a.ticket_ids),
          messages: a.messages,
          requesters: a.requesters,
          heat: a.heat,
          from_at: a.from_at,
          to_at: a.to_at,
          updated_at: a.at,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },

    async stamp(
      trx: Kysely<DB>,
      tenantId: string,
      id: string,
      set:
        | { acknowledged_at: Date; acknowledged_by: string }
        | { project_id: string; project_at: Date }
        | { broadcast_id: string; broadcast_at: Date },
    ) {
      await trx
        .updateTable('hotspot_alerts')
        .set(set)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },

    /** The dispatch centre's dispatchers and supervisors: who hears of a new hot spot. */
    centreDesk(tenantId: string) {
      return db
        .selectFrom('role_assignments as r')
        .innerJoin('units as u', 'u.id', 'r.unit_id')
        .innerJoin('users as us', 'us.id', 'r.user_id')
        .select(['us.id', 'us.display_name', 'us.phone'])
        .distinct()
        .where('r.tenant_id', '=', tenantId)
        .where('u.kind', '=', 'dispatch_centre')
        .where('r.role', 'in', ['dispatcher', 'supervisor'])
        .orderBy('us.id')
        .execute();
    },

    // ── repeat requests ──────────────────────────────────────────────────────
    /** The requester's earlier requests since `since`, newest first (at most 50). */
    earlierOf(
      trx: Kysely<DB>,
      tenantId: string,
      phone: string,
      since: Date,
      before: Date,
      exceptId?: string,
    ) {
      let q = trx
        .selectFrom('tickets')
        .select([
          'id',
          'code',
          'title',
          'description',
          'address',
          'state',
          'received_at',
          'jurisdiction_id',
        ])
        .where('tenant_id', '=', tenantId)
        .where('requester_phone', '=', phone)
        .where('received_at', '>=', since)
        .where('received_at', '<', before)
        .orderBy('received_at', 'desc')
        .limit(50);
      if (exceptId) q = q.where('id', '<>', exceptId);
      return q.execute();
    },

    /** The repeat window of the assessment configuration in force (days). */
    async repeatWindowDays(trx: Kysely<DB>, tenantId: string, at: Date, fallback: number) {
      const { rows } = await sql<{ days: number }>`
        SELECT repeat_window_days AS days FROM unit_assessment_configs
         WHERE tenant_id = ${tenantId} AND effective_from <= ${at}::date
         ORDER BY version DESC LIMIT 1
      `.execute(trx);
      return rows[0]?.days ?? fallback;
    },

    rootOf(trx: Kysely<DB>, tenantId: string, ticketId: string) {
      return trx
        .selectFrom('ticket_repeats')
        .select('root_id')
        .where('tenant_id', '=', tenantId)
        .where('ticket_id', '=', ticketId)
        .executeTakeFirst();
    },

    async insertRepeat(
      trx: Kysely<DB>,
      r: {
        ticket_id: string;
        tenant_id: string;
        repeat_of: string;
        root_id: string;
        similarity: number;
        created_at: Date;
      },
    ) {
      await trx.insertInto('ticket_repeats').values(r).execute();
    },

    repeatOf(tenantId: string, ticketId: string) {
      return db
        .selectFrom('ticket_repeats as r')
        .innerJoin('tickets as t', 't.id', 'r.repeat_of')
        .select([
          't.id',
          't.code',
          't.title',
          't.state',
          't.received_at',
          'r.similarity',
          'r.created_at',
        ])
        .where('r.tenant_id', '=', tenantId)
        .where('r.ticket_id', '=', ticketId)
        .executeTakeFirst();
    },

    repeatedBy(tenantId: string, ticketId: string) {
      return db
        .selectFrom('ticket_repeats as r')
        .innerJoin('tickets as t', 't.id', 'r.ticket_id')
        .select(['t.id', 't.code', 't.title', 't.state'])
        .where('r.tenant_id', '=', tenantId)
        .where((eb) => eb.or([eb('r.repeat_of', '=', ticketId), eb('r.root_id', '=', ticketId)]))
        .orderBy('t.received_at')
        .execute();
    },
  };
}
