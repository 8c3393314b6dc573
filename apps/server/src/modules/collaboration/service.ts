// Lists and counts around objections and co-unit tasks. The actions
// themselves run through tickets/service.act with the hooks of this module.
import type { Kysely } from 'kysely';
import type {
  ObjectionList,
  ObjectionListQuery,
  ObjectionStats,
  ObjectionStatsQuery,
  ObjectionView,
  TaskList,
  TaskListQuery,
  TaskView,
} from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import type { StaffActor } from '../../shared/actor.js';
import { ref } from '../tickets/presenter.js';
import { ticketRepository } from '../tickets/repository.js';
import { visibleTicket } from '../tickets/visible.js';
import { collaborationRepository } from './repository.js';
import { toObjectionView } from './objections.js';
import { toTaskView } from './tasks.js';

export function collaborationService(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;
  const repo = collaborationRepository(db);
  const tickets = ticketRepository(db);

  /** The ticket's pages show its tasks and objections to whoever may see the ticket. */
  const requireVisible = (actor: StaffActor, ticketId: string) =>
    visibleTicket(tickets, actor, ticketId);

  async function objectionViews(rows: Awaited<ReturnType<typeof repo.objectionsOfTicket>>) {
    const files = await repo.attachments(rows.flatMap((o) => o.attachment_ids));
    const now = clock.now();
    return rows.map((o) => toObjectionView(o, files, now));
  }

  const date = (s: string | undefined) => (s ? new Date(s) : undefined);

  return {
    /** 异议待审核 for the dispatch centre; a unit sees the objections of its own units. */
    async listObjections(actor: StaffActor, q: ObjectionListQuery): Promise<ObjectionList> {
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 20;
      const { items, total } = await repo.listObjections(actor.tenantId, {
        scope: actor.scope,
        state: q.state,
        reason: q.reason,
        unitId: q.unitId,
        from: date(q.from),
        to: date(q.to),
        q: q.q,
        page,
        pageSize,
      });
      return { items: await objectionViews(items), total, page, pageSize };
    },

    /** Raised, upheld, rejected and faulted, per objecting unit and per dispatcher. */
    async objectionStats(actor: StaffActor, q: ObjectionStatsQuery): Promise<ObjectionStats> {
      const s = await repo.objectionStats(actor.tenantId, {
        scope: actor.scope,
        from: date(q.from),
        to: date(q.to),
      });
      const counts = (r: (typeof s)['total']) => ({
        raised: r.raised,
        open: r.open,
        upheld: r.upheld,
        rejected: r.rejected,
        withFault: r.with_fault,
      });
      return {
        from: q.from ?? null,
        to: q.to ?? null,
        total: counts(s.total),
        byUnit: s.byUnit.map((r) => ({ unit: { id: r.unit_id, name: r.unit_name }, ...counts(r) })),
        byDispatcher: s.byDispatcher.map((r) => ({
          dispatcher: ref(r.dispatcher_id, r.dispatcher_name),
          ...counts(r),
        })),
      };
    },

    async ticketObjections(actor: StaffActor, ticketId: string): Promise<ObjectionView[]> {
      await requireVisible(actor, ticketId);
      return objectionViews(await repo.objectionsOfTicket(ticketId));
    },

    /** 协办任务: `mine` gives the tasks of the reader's own units; otherwise all it may see. */
    async listTasks(actor: StaffActor, q: TaskListQuery): Promise<TaskList> {
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 20;
      const now = clock.now();
      const { items, total } = await repo.listTasks(
        actor.tenantId,
        {
          scope: actor.scope,
          units: q.mine === '1' ? [...new Set(actor.grants.map((g) => g.unitId))] : undefined,
          state: q.state,
          overdue: q.overdue,
          q: q.q,
          page,
          pageSize,
        },
        now,
      );
      return { items: items.map((k) => toTaskView(k, now)), total, page, pageSize };
    },

    async ticketTasks(actor: StaffActor, ticketId: string): Promise<TaskView[]> {
      await requireVisible(actor, ticketId);
      const now = clock.now();
      return (await repo.tasksOfTicket(ticketId)).map((k) => toTaskView(k, now));
    },
  };
}
export type CollaborationService = ReturnType<typeof collaborationService>;
