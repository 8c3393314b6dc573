// Read models over the tickets a user may see: inbox and home-page counts,
// related tickets, lead-unit suggestions from the district's own history, and
// the Excel export of a list. All scoped exactly as the list is.
import { sql, type Kysely } from 'kysely';
import ExcelJS from 'exceljs';
import {
  COLOURS,
  HANDLING_STATES,
  OPEN_STATES,
  TICKET_STATES,
  zhCN,
  type TicketListQuery,
  type TicketStats,
  type TicketSummary,
  type UnitSuggestion,
} from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import type { StaffActor } from '../../shared/actor.js';
import { AppError } from '../../shared/errors.js';
import { inScope, ticketRepository } from './repository.js';
import { utcOffsetOf } from '../calendar/service.js';
import { toSummary } from './presenter.js';
import { canSee } from './policy.js';
import { visibleTicket } from './visible.js';
import { mineOf } from './service.js';

const DAY_MS = 86_400_000;
const EXPORT_LIMIT = 10_000;

export function ticketReports(deps: {
  db: Kysely<DB>;
  clock: Clock;
  /** The dispatch catalogue, whose answer comes before history's (routing module). */
  catalogue?: {
    suggest(
      tenantId: string,
      t: { category_id: string; jurisdiction_id: string },
    ): Promise<Omit<UnitSuggestion, 'source' | 'count' | 'share'> | null>;
  };
}) {
  const { db, clock, catalogue } = deps;
  const repo = ticketRepository(db);

  async function offsetOf(tenantId: string): Promise<number> {
    const t = await db
      .selectFrom('tenants')
      .select('settings')
      .where('id', '=', tenantId)
      .executeTakeFirst();
    return utcOffsetOf(t?.settings);
  }

  /** Tickets in scope: the same rule as the list. */
  const scoped = (actor: StaffActor) =>
    inScope(db.selectFrom('tickets as t').where('t.tenant_id', '=', actor.tenantId), actor.scope);

  return {
    async stats(actor: StaffActor): Promise<TicketStats> {
      const now = clock.now();
      const offsetMin = await offsetOf(actor.tenantId);
      const offsetMs = offsetMin * 60_000;
      const localMidnight = new Date(
        Math.floor((now.getTime() + offsetMs) / DAY_MS) * DAY_MS - offsetMs,
      );
      const since = new Date(localMidnight.getTime() - 29 * DAY_MS);
      const soon = new Date(now.getTime() + DAY_MS);
      const handling = sql.join(HANDLING_STATES);

      const [byState, byColour, counters, byDay, closedByDay, byCategory] = await Promise.all([
        scoped(actor)
          .select(['t.state', (eb) => eb.fn.countAll<string>().as('n')])
          .groupBy('t.state')
          .execute(),
        scoped(actor)
          .where('t.state', 'in', OPEN_STATES)
          .select(['t.colour', (eb) => eb.fn.countAll<string>().as('n')])
          .groupBy('t.colour')
          .execute(),
        scoped(actor)
          .select([
            sql<string>`count(*) FILTER (WHERE t.state IN (${handling}) AND t.completion_due_at < ${now} AND t.paused_at IS NULL)`.as(
              'overdue',
            ),
            sql<string>`count(*) FILTER (WHERE t.state = 'dispatched' AND t.response_due_at < ${now})`.as(
              'response_overdue',
            ),
            sql<string>`count(*) FILTER (WHERE t.state IN (${handling}) AND t.completion_due_at >= ${now} AND t.completion_due_at < ${soon} AND t.paused_at IS NULL)`.as(
              'due_soon',
            ),
            sql<string>`count(*) FILTER (WHERE t.received_at >= ${localMidnight})`.as(
              'received_today',
            ),
            sql<string>`count(*) FILTER (WHERE t.closed_at >= ${localMidnight})`.as('closed_today'),
          ])
          .executeTakeFirstOrThrow(),
        scoped(actor)
          .where('t.received_at', '>=', since)
          .select([
            sql<string>`to_char((t.received_at + make_interval(mins => ${sql.lit(offsetMin)})) AT TIME ZONE 'UTC', 'YYYY-MM-DD')`.as(
              'day',
            ),
            (eb) => eb.fn.countAll<string>().as('n'),
          ])
          .groupBy('day')
          .execute(),
        scoped(actor)
          .where('t.closed_at', '>=', since)
          .select([
            sql<string>`to_char((t.closed_at + make_interval(mins => ${sql.lit(offsetMin)})) AT TIME ZONE 'UTC', 'YYYY-MM-DD')`.as(
              'day',
            ),
            (eb) => eb.fn.countAll<string>().as('n'),
          ])
          .groupBy('day')
          .execute(),
        scoped(actor)
          .where('t.received_at', '>=', since)
          .innerJoin('categories as c', 'c.id', 't.category_id')
          .innerJoin('categories as r', (j) =>
            j.on(sql`r.id::text`, '=', sql`split_part(c.path, '/', 2)`),
          )
          .select(['r.id', 'r.name', (eb) => eb.fn.countAll<string>().as('n')])
          .groupBy(['r.id', 'r.name'])
          .orderBy('n', 'desc')
          .limit(12)
          .execute(),
      ]);

      const states = Object.fromEntries(TICKET_STATES.map((s) => [s, 0])) as TicketStats['byState'];
      for (const r of byState) states[r.state] = Number(r.n);
      const colours = Object.fromEntries(
        [...COLOURS, 'none'].map((c) => [c, 0]),
      ) as TicketStats['byColour'];
      for (const r of byColour) colours[r.colour ?? 'none'] = Number(r.n);
      const received = new Map(byDay.map((r) => [r.day, Number(r.n)]));
      const closed = new Map(closedByDay.map((r) => [r.day, Number(r.n)]));
      const volumeByDay = Array.from({ length: 30 }, (_, i) => {
        const day = new Date(since.getTime() + offsetMs + i * DAY_MS).toISOString().slice(0, 10);
        return { day, received: received.get(day) ?? 0, closed: closed.get(day) ?? 0 };
      });
      return {
        now: now.toISOString(),
        byState: states,
        byColour: colours,
        open: OPEN_STATES.reduce((n, s) => n + states[s], 0),
        overdue: Number(counters.overdue),
        responseOverdue: Number(counters.response_overdue),
        dueSoon: Number(counters.due_soon),
        receivedToday: Number(counters.received_today),
        closedToday: Number(counters.closed_today),
        volumeByDay,
        byCategory: byCategory.map((r) => ({ id: r.id, name: r.name, count: Number(r.n) })),
      };
    },

    /** Other tickets of the same requester, and recent ones of the same category at the same place. */
    async related(
      actor: StaffActor,
      id: string,
    ): Promise<{ sameRequester: TicketSummary[]; samePlace: TicketSummary[] }> {
      const t = await visibleTicket(repo, actor, id);
      const now = clock.now();
      const sameRequester = t.requester_phone
        ? await repo.list(
            actor.tenantId,
            actor.scope,
            { phone: t.requester_phone, pageSize: 21 },
            now,
          )
        : { items: [] };
      const samePlace = await repo.list(
        actor.tenantId,
        actor.scope,
        {
          jurisdictionId: t.jurisdiction_id,
          categoryId: t.category_id,
          receivedFrom: new Date(t.received_at.getTime() - 90 * DAY_MS).toISOString(),
          pageSize: 21,
        },
        now,
      );
      const other = (x: { id: string }) => x.id !== t.id;
      return {
        sameRequester: sameRequester.items
          .filter(other)
          .slice(0, 20)
          .map((x) => toSummary(x, now)),
        samePlace: samePlace.items
          .filter(other)
          .slice(0, 20)
          .map((x) => toSummary(x, now)),
      };
    },

    /**
     * Lead units to dispatch to. First the dispatch catalogue's answer (with its
     * co-units), then the units that led this category before, best first: in
     * the same township over the last year if there are any, else anywhere in
     * the district. A unit is listed once; the catalogue's carries its history.
     */
    async suggestions(actor: StaffActor, id: string): Promise<UnitSuggestion[]> {
      const t = await repo.byId(actor.tenantId, id);
      if (!t || !canSee(actor, t)) throw new AppError('TICKET_NOT_FOUND');
      const since = new Date(clock.now().getTime() - 365 * DAY_MS);
      const place = await db
        .selectFrom('jurisdictions')
        .select('path')
        .where('id', '=', t.jurisdiction_id)
        .executeTakeFirstOrThrow();
      const township = place.path.split('/').filter(Boolean).slice(0, 3).join('/');
      const base = () =>
        db
          .selectFrom('tickets as h')
          .innerJoin('units as u', 'u.id', 'h.lead_unit_id')
          .where('h.tenant_id', '=', actor.tenantId)
          .where('h.category_id', '=', t.category_id)
          .where('h.dispatched_at', '>=', since)
          .where('h.id', '!=', t.id)
          .where('u.active', '=', true)
          .select(['u.id', 'u.name', (eb) => eb.fn.countAll<string>().as('n')])
          .groupBy(['u.id', 'u.name'])
          .orderBy('n', 'desc')
          .limit(3);
      let rows = await base()
        .innerJoin('jurisdictions as hj', 'hj.id', 'h.jurisdiction_id')
        .where('hj.path', 'like', `/${township}/%`)
        .execute();
      if (rows.length === 0) rows = await base().execute();
      const total = rows.reduce((n, r) => n + Number(r.n), 0);
      const history: UnitSuggestion[] = rows.map((r) => ({
        source: 'history',
        unit: { id: r.id, name: r.name },
        coUnits: [],
        count: Number(r.n),
        share: total ? Number(r.n) / total : 0,
        rule: null,
      }));
      const answer = await catalogue?.suggest(actor.tenantId, t);
      if (!answer) return history;
      const same = history.find((h) => h.unit.id === answer.unit.id);
      return [
        { ...answer, source: 'catalogue', count: same?.count ?? 0, share: same?.share ?? 0 },
        ...history.filter((h) => h !== same),
      ];
    },

    /** The filtered list as an .xlsx workbook (no personal data of requesters). */
    async exportXlsx(actor: StaffActor, q: TicketListQuery): Promise<Buffer> {
      const now = clock.now();
      // 我的工单 / 本单位工单 export what they list.
      const page = await repo.list(
        actor.tenantId,
        actor.scope,
        { ...q, page: 1, pageSize: EXPORT_LIMIT },
        now,
        { mine: mineOf(actor, q) },
      );
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('工单');
      ws.columns = [
        { header: '受理编号', key: 'code', width: 18 },
        { header: '受理时间', key: 'receivedAt', width: 20 },
        { header: '渠道', key: 'channel', width: 12 },
        { header: '类型', key: 'type', width: 8 },
        { header: '分类', key: 'category', width: 16 },
        { header: '标题', key: 'title', width: 36 },
        { header: '地址', key: 'address', width: 28 },
        { header: '区域', key: 'jurisdiction', width: 14 },
        { header: '紧急程度', key: 'urgency', width: 10 },
        { header: '状态', key: 'state', width: 10 },
        { header: '主办单位', key: 'lead', width: 22 },
        { header: '办理时限', key: 'due', width: 20 },
        { header: '是否超期', key: 'overdue', width: 10 },
      ];
      const offsetMs = (await offsetOf(actor.tenantId)) * 60_000;
      const local = (d: Date | null) =>
        d ? new Date(d.getTime() + offsetMs).toISOString().slice(0, 16).replace('T', ' ') : '';
      for (const t of page.items) {
        const s = toSummary(t, now);
        ws.addRow({
          code: s.code,
          receivedAt: local(t.received_at),
          channel: zhCN.channel[s.channel],
          type: zhCN.type[s.type],
          category: s.category.name,
          title: s.title,
          address: s.address,
          jurisdiction: s.jurisdiction.name,
          urgency: zhCN.urgency[s.urgency],
          state: zhCN.state[s.state],
          lead: s.leadUnit?.name ?? '',
          due: local(t.completion_due_at),
          overdue: s.overdue ? '是' : '否',
        });
      }
      ws.getRow(1).font = { bold: true };
      ws.views = [{ state: 'frozen', ySplit: 1 }];
      return Buffer.from(await wb.xlsx.writeBuffer());
    },
  };
}
export type TicketReports = ReturnType<typeof ticketReports>;
