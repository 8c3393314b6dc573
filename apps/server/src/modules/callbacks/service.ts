// [Handling] the callback desk (回访台): its lists, counts, Excel export and settings, the
// ticket's rounds, and the sweep that moves rounds on with the clock — a sampled round
// past its online window queues the ticket for the call (the platform's `callback_due`),
// a round not sampled and not rated in time closes the ticket unrated (`close_unrated`).
// The sweep runs before the desk's reads and by its endpoint, as handling's does. The
// actions themselves go through the ticket service's `act` (hooks.ts).
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import {
  zhCN,
  type CallbackConfig,
  type CallbackList,
  type CallbackQuery,
  type CallbackStats,
  type CallbackStatsQuery,
  type CallbackSweepResult,
  type CallbackView,
  type TicketCallbacks,
} from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { hasRole, isCentre, type StaffActor } from '../../shared/actor.js';
import { maskPhone } from '../../shared/phone.js';
import { utcOffsetOf } from '../calendar/service.js';
import { catalogueRepository } from '../catalogue/repository.js';
import { orgRepository } from '../org/repository.js';
import { ticketRepository } from '../tickets/repository.js';
import type { TicketService } from '../tickets/service.js';
import { visibleTicket } from '../tickets/visible.js';
import { callbackConfig } from './hooks.js';
import { callbackRepository, type CallbackRow } from './repository.js';

/** Tickets moved per sweep at most: a read stays bounded; the next read goes on. */
const SWEEP_LIMIT = 50;
const DAY_MS = 86_400_000;
const EXPORT_MAX = 5000;

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
const ref = (id: string | null, name: string | null | undefined) =>
  id ? { id, name: name ?? '' } : null;

export function toCallbackView(r: CallbackRow): CallbackView {
  return {
    id: r.id,
    round: r.round,
    ticket: {
      id: r.ticket_id,
      code: r.ticket_code,
      title: r.ticket_title,
      type: r.ticket_type,
      state: r.ticket_state,
      category: { id: r.category_id, name: r.category_name },
      unit: ref(r.lead_unit_id, r.unit_name),
      requesterPhone: r.requester_phone ? maskPhone(r.requester_phone) : null,
    },
    sampled: r.sampled,
    rule: r.rule,
    percent: r.percent,
    status: r.status,
    repliedAt: new Date(r.replied_at).toISOString(),
    callableFrom: new Date(r.callable_from).toISOString(),
    attempts: r.attempts,
    lastAttemptAt: iso(r.last_attempt_at),
    result:
      r.solved === null || !r.result_at
        ? null
        : {
            solved: r.solved,
            satisfaction: r.satisfaction as NonNullable<CallbackView['result']>['satisfaction'],
            comment: r.comment,
            via: r.via ?? 'callback',
            by: ref(r.result_by, r.result_by_name),
            at: new Date(r.result_at).toISOString(),
          },
    review:
      r.review_decision && r.reviewed_at
        ? {
            decision: r.review_decision,
            reason: r.review_reason ?? '',
            by: ref(r.reviewed_by, r.reviewed_by_name),
            at: new Date(r.reviewed_at).toISOString(),
          }
        : null,
  };
}

export function callbackService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  tickets: Pick<TicketService, 'act'>;
}) {
  const { db, clock } = deps;
  const repo = callbackRepository(db);

  /** The desk is the 12345 centre's: its agents and dispatchers (supervisors read). */
  function desk(actor: StaffActor) {
    if (!isCentre(actor, ['agent', 'dispatcher', 'supervisor'])) throw new AppError('FORBIDDEN');
  }

  /** Local days [from, to] as instants [from 00:00, the day after `to` 00:00). */
  async function range(tenantId: string, q: { from?: string; to?: string }) {
    const offset = utcOffsetOf((await orgRepository(db).tenant(tenantId))?.settings) * 60_000;
    const at = (d: string) => new Date(`${d}T00:00:00.000Z`).getTime() - offset;
    return {
      from: q.from ? new Date(at(q.from)) : null,
      to: q.to ? new Date(at(q.to) + DAY_MS) : null,
    };
  }

  /** Each move is one platform action; a ticket moved meanwhile is skipped (idempotent). */
  async function sweep(tenantId: string): Promise<CallbackSweepResult> {
    const now = clock.now();
    const config = await callbackConfig(db, tenantId);
    const run = async (
      ids: Array<{ ticket_id: string }>,
      action: 'callback_due' | 'close_unrated',
    ) => {
      let n = 0;
      for (const { ticket_id } of ids) {
        try {
          await deps.tickets.act(tenantId, ticket_id, action, { input: {} }, { system: true });
          n += 1;
        } catch (e) {
          if (e instanceof AppError) continue;
          throw e;
        }
      }
      return n;
    };
    const queued = await run(await repo.dueForQueue(tenantId, now, SWEEP_LIMIT), 'callback_due');
    const before = new Date(now.getTime() - config.closeUnsampledAfterDays * DAY_MS);
    const closed = await run(
      await repo.unsampledUnrated(tenantId, before, SWEEP_LIMIT),
      'close_unrated',
    );
    return { queued, closed };
  }

  async function list(actor: StaffActor, q: CallbackQuery): Promise<CallbackList> {
    desk(actor);
    await sweep(actor.tenantId);
    const { items, total } = await repo.list(
      actor.tenantId,
      q,
      clock.now(),
      await range(actor.tenantId, q),
    );
    return {
      items: items.map(toCallbackView),
      total,
      page: q.page ?? 1,
      pageSize: q.pageSize ?? 20,
    };
  }

  return {
    sweep,
    list,

    async stats(actor: StaffActor, q: CallbackStatsQuery): Promise<CallbackStats> {
      desk(actor);
      await sweep(actor.tenantId);
      const { from, to } = await range(actor.tenantId, q);
      const r = await repo.stats(actor.tenantId, from, to);
      return {
        rounds: r.rounds ?? 0,
        sampled: r.sampled ?? 0,
        reached: r.reached ?? 0,
        ratedOnline: r.rated_online ?? 0,
        notReached: r.not_reached ?? 0,
        awaitingReview: r.awaiting_review ?? 0,
        unsolvedReviewed: r.unsolved_reviewed ?? 0,
        reopened: r.reopened ?? 0,
        closedUnrated: r.closed_unrated ?? 0,
      };
    },

    async exportXlsx(actor: StaffActor, q: CallbackQuery): Promise<Buffer> {
      const page = await list(actor, { ...q, page: 1, pageSize: 200 });
      const all = [...page.items];
      for (let p = 2; all.length < Math.min(page.total, EXPORT_MAX); p++) {
        const more = await list(actor, { ...q, page: p, pageSize: 200 });
        if (!more.items.length) break;
        all.push(...more.items);
      }
      const t = zhCN.callbacks;
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet(t.sheet);
      ws.columns = [
        { header: t.col.code, key: 'code', width: 20 },
        { header: t.col.title, key: 'title', width: 30 },
        { header: t.col.type, key: 'type', width: 8 },
        { header: t.col.category, key: 'category', width: 16 },
        { header: t.col.unit, key: 'unit', width: 20 },
        { header: t.col.round, key: 'round', width: 6 },
        { header: t.col.repliedAt, key: 'repliedAt', width: 18 },
        { header: t.col.status, key: 'status', width: 12 },
        { header: t.col.attempts, key: 'attempts', width: 8 },
        { header: t.col.solved, key: 'solved', width: 8 },
        { header: t.col.satisfaction, key: 'satisfaction', width: 10 },
        { header: t.col.via, key: 'via', width: 8 },
        { header: t.col.review, key: 'review', width: 10 },
        { header: t.col.reason, key: 'reason', width: 30 },
      ];
      for (const c of all) {
        ws.addRow({
          code: c.ticket.code,
          title: c.ticket.title,
          type: zhCN.type[c.ticket.type],
          category: c.ticket.category.name,
          unit: c.ticket.unit?.name ?? '',
          round: c.round,
          repliedAt: c.repliedAt.slice(0, 16).replace('T', ' '),
          status: t.status[c.status],
          attempts: c.attempts,
          solved: c.result ? (c.result.solved ? t.yes : t.no) : '',
          satisfaction: c.result ? zhCN.satisfaction[c.result.satisfaction] : '',
          via: c.result ? t.via[c.result.via] : '',
          review: c.review ? t.decision[c.review.decision] : '',
          reason: c.review?.reason ?? '',
        });
      }
      ws.getRow(1).font = { bold: true };
      return Buffer.from(await wb.xlsx.writeBuffer());
    },

    /** The ticket's rounds with their attempts, for the ticket page (whoever sees the ticket). */
    async forTicket(actor: StaffActor, ticketId: string): Promise<TicketCallbacks> {
      await visibleTicket(ticketRepository(db), actor, ticketId);
      const rounds = await repo.forTicket(ticketId);
      const attempts = await repo.attempts(ticketId);
      const config = await callbackConfig(db, actor.tenantId);
      return {
        rounds: rounds.map((r) => ({
          ...toCallbackView(r),
          attemptLog: attempts
            .filter((a) => ((a.payload.round as number | undefined) ?? 1) === r.round)
            .map((a) => ({
              seq: a.seq,
              at: a.at.toISOString(),
              result: a.payload
                .result as TicketCallbacks['rounds'][number]['attemptLog'][number]['result'],
              note: typeof a.payload.note === 'string' && a.payload.note ? a.payload.note : null,
              by: ref(a.actor_user_id, a.actor_name),
            })),
        })),
        maxAttempts: config.maxAttempts,
      };
    },

    async config(actor: StaffActor): Promise<CallbackConfig> {
      desk(actor);
      return callbackConfig(db, actor.tenantId);
    },

    /** Administrators and dispatchers set the sampling rules and the desk's limits. */
    async saveConfig(actor: StaffActor, body: CallbackConfig): Promise<CallbackConfig> {
      if (!hasRole(actor, ['admin']) && !isCentre(actor, ['dispatcher'])) {
        throw new AppError('FORBIDDEN');
      }
      const catalogue = catalogueRepository(db);
      for (const [i, r] of body.rules.entries()) {
        if (r.categoryId && !(await catalogue.category(actor.tenantId, r.categoryId))) {
          throw new AppError('CALLBACK_CONFIG_INVALID', [
            {
              path: `/rules/${i}/categoryId`,
              message: zhCN.callbacks.unknownCategory.replace('{n}', String(i + 1)),
            },
          ]);
        }
      }
      await repo.saveConfig({
        tenant_id: actor.tenantId,
        rules: body.rules,
        default_percent: body.defaultPercent,
        max_attempts: body.maxAttempts,
        online_window_hours: body.onlineWindowHours,
        close_unsampled_after_days: body.closeUnsampledAfterDays,
        updated_by: actor.userId,
        updated_at: clock.now(),
      });
      return callbackConfig(db, actor.tenantId);
    },
  };
}
export type CallbackService = ReturnType<typeof callbackService>;
