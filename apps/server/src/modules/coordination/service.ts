// Reads of whistles and delegations (lists, the ticket page, assessment) and the
// whistle "to a place and topic" without a ticket. Ticket whistles, report-ins
// and passing down change tickets, so they are ticket actions (see the hooks in
// whistles.ts and delegations.ts); this service only reads them, or, for a
// report-in through the whistle list, fires the ticket action.
import type { Kysely } from 'kysely';
import {
  zhCN,
  type CoordinationTargets,
  type CreateWhistleBody,
  type ReportInBody,
  type TicketDelegations,
  type WhistleList,
  type WhistleListQuery,
  type WhistleStats,
  type WhistleStatsQuery,
  type WhistleView,
} from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import type { StaffActor } from '../../shared/actor.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { actingUnit } from '../tickets/policy.js';
import { iso, linkedTicket, ref } from '../tickets/presenter.js';
import { ticketRepository } from '../tickets/repository.js';
import { visibleTicket } from '../tickets/visible.js';
import type { TicketService } from '../tickets/service.js';
import { coordinationRepository, type WhistleFilter } from './repository.js';
import { TAKERS } from './delegations.js';
import { checkSummoned, summonsStatus, whistlingGovernment } from './whistles.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Roles through which a summoned unit reports in (the `report_in` row's roles). */
const REPORTERS = new Set(['handler', 'unit_leader']);

type WhistleRow = Awaited<
  ReturnType<ReturnType<typeof coordinationRepository>['whistles']>
>[number];

function toWhistleView(w: WhistleRow, now: Date): WhistleView {
  const due = new Date(w.due_at);
  return {
    id: w.id,
    ticket: linkedTicket(w),
    unit: { id: w.unit_id, name: w.unit_name },
    jurisdiction: ref(w.jurisdiction_id, w.jurisdiction_name),
    topic: w.topic,
    dueAt: due.toISOString(),
    // Whole minutes left (negative once past due), rounded towards the deadline.
    dueInMinutes: Math.trunc((due.getTime() - now.getTime()) / MINUTE),
    createdAt: iso(w.created_at)!,
    createdBy: ref(w.created_by, w.created_by_name),
    summonses: w.summonses.map((s) => {
      const reportedAt = s.reported_at ? new Date(s.reported_at) : null;
      return {
        id: s.id,
        unit: { id: s.unit_id, name: s.unit_name },
        state: s.state,
        status: summonsStatus({ state: s.state, reported_at: reportedAt }, due, now),
        reportedAt: iso(reportedAt),
        reportedBy: ref(s.reported_by, s.reported_by_name),
        note: s.note,
      };
    }),
  };
}

export function coordinationService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  tickets: Pick<TicketService, 'act'>;
}) {
  const { db, clock, tickets } = deps;
  const repo = coordinationRepository(db);
  const ticketRepo = ticketRepository(db);

  /** Whistles the actor may read: blown in its territory or summoning one of its units. */
  function visibility(actor: StaffActor): WhistleFilter['visibleTo'] {
    if (actor.scope === 'tenant') return undefined;
    return { blownBy: actor.scope, summoned: actor.grants.map((g) => g.unitId) };
  }

  async function list(tenantId: string, f: WhistleFilter): Promise<WhistleList> {
    const now = clock.now();
    const rows = await repo.whistles(tenantId, f);
    return { now: now.toISOString(), items: rows.map((w) => toWhistleView(w, now)) };
  }

  async function one(actor: StaffActor, id: string): Promise<WhistleView> {
    const page = await list(actor.tenantId, { ids: [id], visibleTo: visibility(actor) });
    const w = page.items[0];
    if (!w) throw new AppError('WHISTLE_NOT_FOUND');
    return w;
  }

  return {
    /**
     * `mine`: whistles waiting for one of the actor's units to report in (吹哨待报到),
     * soonest due first. Otherwise the whistles the actor may read, newest first.
     */
    list(actor: StaffActor, q: WhistleListQuery): Promise<WhistleList> {
      const range = {
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        limit: q.limit,
      };
      if (q.mine === '1' || q.mine === 'true') {
        const units = actor.grants.filter((g) => REPORTERS.has(g.role)).map((g) => g.unitId);
        return list(actor.tenantId, { ...range, waitingFor: [...new Set(units)] });
      }
      return list(actor.tenantId, { ...range, visibleTo: visibility(actor) });
    },

    async ofTicket(actor: StaffActor, ticketId: string): Promise<WhistleList> {
      await visibleTicket(ticketRepo, actor, ticketId);
      return list(actor.tenantId, { ticketId });
    },

    /** Both sides' records for assessment, over whistles blown in [from, to). */
    async stats(actor: StaffActor, q: WhistleStatsQuery): Promise<WhistleStats> {
      const now = clock.now();
      const from = q.from ? new Date(q.from) : undefined;
      const to = q.to ? new Date(q.to) : undefined;
      const s = await repo.stats(actor.tenantId, { from, to }, now, actor.scope);
      return {
        now: now.toISOString(),
        from: from?.toISOString() ?? null,
        to: to?.toISOString() ?? null,
        governments: s.governments.map((r) => ({
          unit: { id: r.id, name: r.name },
          whistles: Number(r.whistles),
          summonses: Number(r.summonses),
          reportedOnTime: Number(r.on_time),
          late: Number(r.late),
        })),
        units: s.units.map((r) => ({
          unit: { id: r.id, name: r.name },
          summoned: Number(r.summoned),
          reportedOnTime: Number(r.on_time),
          reportedLate: Number(r.reported_late),
          overdue: Number(r.overdue),
          waiting: Number(r.waiting),
        })),
      };
    },

    /** A whistle to a place and topic, without a ticket: by a township's leader, in its territory. */
    async create(actor: StaffActor, body: CreateWhistleBody): Promise<WhistleView> {
      const now = clock.now();
      const id = await db.transaction().execute(async (trx) => {
        const r = coordinationRepository(trx);
        const place = await r.jurisdiction(actor.tenantId, body.jurisdictionId);
        if (!place) {
          throw new AppError('UNKNOWN_JURISDICTION', [
            { path: '/jurisdictionId', message: zhCN.error.UNKNOWN_JURISDICTION },
          ]);
        }
        const leaderOf = actor.grants.filter(
          (g) =>
            g.role === 'unit_leader' &&
            g.unitKind === 'government' &&
            place.path.startsWith(g.jurisdictionPath),
        );
        let government;
        for (const g of leaderOf) {
          try {
            government = await whistlingGovernment(r, actor.tenantId, g.unitId);
            break;
          } catch {
            // not a township: try the next grant
          }
        }
        if (!government) throw new AppError('WHISTLE_NOT_ALLOWED');
        await checkSummoned(r, actor.tenantId, government, body.unitIds, []);
        const whistleId = newId();
        await r.insertWhistle({
          id: whistleId,
          tenant_id: actor.tenantId,
          ticket_id: null,
          unit_id: government.id,
          topic: body.topic.trim(),
          jurisdiction_id: place.id,
          due_at: new Date(now.getTime() + body.dueHours * HOUR),
          created_by: actor.userId,
          created_at: now,
          unitIds: body.unitIds,
        });
        return whistleId;
      });
      return one(actor, id);
    },

    /**
     * A summoned unit reports in. On a ticket's whistle this is the ticket action
     * `report_in` (it joins as a co-unit, with an event); on a whistle to a place
     * the summons is simply marked reported.
     */
    async reportIn(actor: StaffActor, whistleId: string, body: ReportInBody): Promise<WhistleView> {
      const w = await repo.whistle(actor.tenantId, whistleId);
      if (!w) throw new AppError('WHISTLE_NOT_FOUND');
      if (w.ticket_id) {
        await tickets.act(
          actor.tenantId,
          w.ticket_id,
          'report_in',
          { input: body.note ? { note: body.note } : {} },
          { staff: actor },
        );
        return one(actor, whistleId);
      }
      await one(actor, whistleId); // a whistle the actor may not read does not exist for it
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const r = coordinationRepository(trx);
        for (const g of actor.grants.filter((x) => REPORTERS.has(x.role))) {
          const s = await r.waitingSummons(g.unitId, { whistleId });
          if (s && (await r.markReported(s.id, now, actor.userId, body.note?.trim() || null))) {
            return;
          }
        }
        throw new AppError('NOT_SUMMONED');
      });
      return one(actor, whistleId);
    },

    /** The chain of passing down on a ticket and its convenings, for the ticket page. */
    async delegations(actor: StaffActor, ticketId: string): Promise<TicketDelegations> {
      const t = await visibleTicket(ticketRepo, actor, ticketId);
      const [chain, convenings] = await Promise.all([
        repo.chain(ticketId),
        ticketRepo.events(ticketId, 'convene'), // 召集科室会商 as recorded on the events
      ]);
      const sectionIds = convenings.flatMap((e) =>
        Array.isArray(e.payload.sectionIds) ? (e.payload.sectionIds as string[]) : [],
      );
      const names = await repo.unitNames(actor.tenantId, [
        ...sectionIds,
        ...[t.lead_unit_id, t.holder_unit_id].filter((x): x is string => x !== null),
      ]);
      const unitRef = (id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);
      return {
        lead: unitRef(t.lead_unit_id),
        holder: unitRef(t.holder_unit_id),
        chain: chain.map((d) => ({
          id: d.id,
          from: { id: d.from_unit_id, name: d.from_name },
          to: { id: d.to_unit_id, name: d.to_name },
          toUser: ref(d.to_user_id, d.to_user_name),
          note: d.note,
          at: iso(d.at)!,
          endedAt: iso(d.ended_at),
          endedHow: d.ended_how,
        })),
        convenings: convenings.map((e) => ({
          at: iso(e.at)!,
          by: ref(e.actor_user_id, e.actor_name),
          unit: ref(e.actor_unit_id, e.actor_unit_name),
          sections: ((e.payload.sectionIds as string[] | undefined) ?? []).map((id) => ({
            id,
            name: names.get(id) ?? '',
          })),
          note: typeof e.payload.note === 'string' ? e.payload.note : '',
          resources: typeof e.payload.resources === 'string' ? e.payload.resources : null,
        })),
      };
    },

    /**
     * What the actor may pick in the forms of pass_down, blow_whistle and convene
     * on this ticket: the units below the holder with their staff, the units it
     * may summon, its sections. Empty where the actor may not fire the action.
     */
    async targets(actor: StaffActor, ticketId: string): Promise<CoordinationTargets> {
      const t = await visibleTicket(ticketRepo, actor, ticketId);
      const links = await ticketRepo.links(ticketId);
      const out: CoordinationTargets = { passDown: [], summon: [], sections: [] };
      const holderId = actingUnit(actor, 'pass_down', t, links);
      const holder = holderId ? await repo.unit(actor.tenantId, holderId) : undefined;
      if (holder?.kind === 'government') {
        const below = await repo.unitsBelow(actor.tenantId, holder.path);
        const staff = await repo.staffOf(
          actor.tenantId,
          below.map((u) => u.id),
          TAKERS,
        );
        out.passDown = below.map((u) => ({
          id: u.id,
          name: u.name,
          kind: u.kind,
          users: staff.filter((s) => s.unit_id === u.id).map((s) => ({ id: s.id, name: s.name })),
        }));
      }
      const govId =
        actingUnit(actor, 'blow_whistle', t, links) ?? actingUnit(actor, 'convene', t, links);
      const gov = govId ? await repo.unit(actor.tenantId, govId) : undefined;
      if (gov?.kind === 'government') {
        const waiting = new Set(links.summoned);
        out.summon = (await repo.summonable(actor.tenantId, gov.jurisdictionId))
          .filter((u) => u.id !== gov.id && u.id !== t.lead_unit_id && !waiting.has(u.id))
          .map((u) => ({ id: u.id, name: u.name, kind: u.kind }));
        out.sections = (await repo.sectionsAt(actor.tenantId, gov.jurisdictionId)).map((u) => ({
          id: u.id,
          name: u.name,
        }));
      }
      return out;
    },
  };
}
export type CoordinationService = ReturnType<typeof coordinationService>;
