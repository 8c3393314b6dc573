// Common-problem projects (共性问题/每月一题): a project gathers the tickets of one
// problem under an owner unit, with a plan, milestones and a budget note. Its
// own records are written here; linking tickets, taking them out and the one
// reply to all of them are ticket actions fired per ticket (each its own
// transaction and event), with the per-ticket outcome reported back.
import type { Kysely, Updateable } from 'kysely';
import ExcelJS from 'exceljs';
import {
  fmt,
  transitionFor,
  zhCN,
  type CreateProjectBody,
  type LinkTicketsBody,
  type MilestoneView,
  type NewMilestoneBody,
  type ProjectLinkResult,
  type ProjectList,
  type ProjectListQuery,
  type ProjectReplyBody,
  type ProjectReplyResult,
  type ProjectSummary,
  type ProjectTicketResult,
  type ProjectTicketsQuery,
  type ProjectView,
  type ProjectVolume,
  type TicketAction,
  type TicketList,
  type TicketProjects,
  type UnlinkTicketsBody,
  type UpdateMilestoneBody,
  type UpdateProjectBody,
  type VolumePeriod,
} from '@jiesu/contracts';
import type { DB, ProjectTable } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import { isCentre, type StaffActor } from '../../shared/actor.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { utcOffsetOf } from '../calendar/service.js';
import { orgRepository } from '../org/repository.js';
import { catalogueRepository } from '../catalogue/repository.js';
import { iso, ref, toSummary } from '../tickets/presenter.js';
import { ticketRepository } from '../tickets/repository.js';
import { visibleTicket } from '../tickets/visible.js';
import type { TicketService } from '../tickets/service.js';
import { projectRepository, type ProjectFilter, type ProjectVisibility } from './repository.js';

/** Months of the baseline before the start month. */
export const BASELINE_MONTHS = 6;
const EXPORT_LIMIT = 2000;
const m = zhCN.project;

type SummaryRow = NonNullable<Awaited<ReturnType<ReturnType<typeof projectRepository>['one']>>>;
type MilestoneRow = Awaited<ReturnType<ReturnType<typeof projectRepository>['milestones']>>[number];

// ── who may do what ───────────────────────────────────────────────────────────
/** The desk's dispatchers and the supervisors run projects across the district. */
const centreManager = (a: StaffActor) => isCentre(a, ['dispatcher', 'supervisor']);
const leaderOf = (a: StaffActor, unitId: string) =>
  a.grants.some((g) => g.role === 'unit_leader' && g.unitId === unitId);
/** Edit details and milestones: the centre, or the leader of the owner unit. */
export const canEditProject = (a: StaffActor, ownerUnitId: string) =>
  centreManager(a) || leaderOf(a, ownerUnitId);
/** Link and unlink: the roles of the link_project row (the centre's dispatchers and supervisors). */
export const canLinkTickets = (a: StaffActor) =>
  transitionFor('link_project').roles.some((r) => isCentre(a, [r]));
/** The one reply: the roles of the reply_by_project row (the centre's dispatchers). */
export const canReplyToTickets = (a: StaffActor) =>
  transitionFor('reply_by_project').roles.some((r) => isCentre(a, [r]));

/** Projects a user reads: all in the tenant for the centre; else its units' and its tickets'. */
function visibility(a: StaffActor): ProjectVisibility {
  if (a.scope === 'tenant') return undefined;
  const owners = [...new Set([...a.grants.map((g) => g.unitId), ...a.scope])];
  return { owners, scope: a.scope };
}

// ── days and months ───────────────────────────────────────────────────────────
/** A real calendar day 'YYYY-MM-DD' (the schema only checks the shape). */
function isDay(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function checkDays(fields: Record<string, string | null | undefined>) {
  const bad = Object.entries(fields).filter(([, v]) => typeof v === 'string' && !isDay(v));
  if (bad.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      bad.map(([k]) => ({ path: `/${k}`, message: zhCN.project.invalidDay })),
    );
  }
}

const monthIndex = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7)) - 1;
const monthLabel = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
const round1 = (x: number) => Math.round(x * 10) / 10;

// ── presenters ────────────────────────────────────────────────────────────────
function toSummaryView(p: SummaryRow): ProjectSummary {
  return {
    id: p.id,
    title: p.title,
    ownerUnit: { id: p.owner_unit_id, name: p.owner_unit_name },
    category: ref(p.category_id, p.category_name),
    jurisdiction: ref(p.jurisdiction_id, p.jurisdiction_name),
    state: p.state,
    monthlyTopic: p.monthly_topic,
    startsOn: p.starts_on,
    dueOn: p.due_on,
    linkedCount: Number(p.linked_count),
    openLinkedCount: Number(p.open_linked_count),
    milestonesDone: Number(p.milestones_done),
    milestonesTotal: Number(p.milestones_total),
    createdAt: iso(p.created_at)!,
    version: p.version,
  };
}

function toMilestoneView(r: MilestoneRow): MilestoneView {
  return {
    id: r.id,
    title: r.title,
    dueOn: r.due_on,
    doneAt: iso(r.done_at),
    note: r.note,
    sort: r.sort,
  };
}

export function projectService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  tickets: Pick<TicketService, 'act'>;
}) {
  const { db, clock, tickets } = deps;
  const repo = projectRepository(db);
  const ticketRepo = ticketRepository(db);

  async function offsetOf(tenantId: string): Promise<number> {
    return utcOffsetOf((await orgRepository(db).tenant(tenantId))?.settings);
  }

  /** The project as the actor may read it; one it may not read does not exist for it. */
  async function summaryRow(actor: StaffActor, id: string): Promise<SummaryRow> {
    const p = await repo.one(actor.tenantId, id, visibility(actor));
    if (!p) throw new AppError('PROJECT_NOT_FOUND');
    return p;
  }

  async function view(actor: StaffActor, id: string): Promise<ProjectView> {
    const p = await summaryRow(actor, id);
    const milestones = await repo.milestones(id);
    return {
      ...toSummaryView(p),
      problem: p.problem,
      plan: p.plan,
      budgetNote: p.budget_note,
      completedAt: iso(p.completed_at),
      milestones: milestones.map(toMilestoneView),
      createdBy: ref(p.created_by, p.created_by_name),
      updatedAt: iso(p.updated_at)!,
      canEdit: canEditProject(actor, p.owner_unit_id),
      canLink: canLinkTickets(actor) && !['completed', 'cancelled'].includes(p.state),
      canReply: canReplyToTickets(actor) && p.state !== 'cancelled',
    };
  }

  /** The category, place and owner unit named in a body exist in the tenant (400 otherwise). */
  async function checkRefs(
    trx: Kysely<DB>,
    tenantId: string,
    b: { ownerUnitId?: string; categoryId?: string | null; jurisdictionId?: string | null },
  ) {
    if (b.ownerUnitId) {
      const [u] = await orgRepository(trx).unitsByIds(tenantId, [b.ownerUnitId]);
      if (!u || !u.active) {
        throw new AppError('UNKNOWN_UNIT', [
          { path: '/ownerUnitId', message: zhCN.error.UNKNOWN_UNIT },
        ]);
      }
    }
    if (b.categoryId && !(await catalogueRepository(trx).category(tenantId, b.categoryId))) {
      throw new AppError('UNKNOWN_CATEGORY', [
        { path: '/categoryId', message: zhCN.error.UNKNOWN_CATEGORY },
      ]);
    }
    if (b.jurisdictionId && !(await orgRepository(trx).jurisdiction(tenantId, b.jurisdictionId))) {
      throw new AppError('UNKNOWN_JURISDICTION', [
        { path: '/jurisdictionId', message: zhCN.error.UNKNOWN_JURISDICTION },
      ]);
    }
  }

  function checkDates(startsOn: string, dueOn: string | null | undefined) {
    checkDays({ startsOn, dueOn });
    if (dueOn && dueOn < startsOn) {
      throw new AppError('VALIDATION_FAILED', [{ path: '/dueOn', message: m.dueBeforeStart }]);
    }
  }

  /** Loads, locks and checks the project an editor changes; returns the row. */
  async function forEdit(trx: Kysely<DB>, actor: StaffActor, id: string) {
    const r = projectRepository(trx);
    const p = await r.projectForUpdate(actor.tenantId, id);
    if (!p || !(await r.isVisible(actor.tenantId, id, visibility(actor)))) {
      throw new AppError('PROJECT_NOT_FOUND');
    }
    if (!canEditProject(actor, p.owner_unit_id)) throw new AppError('FORBIDDEN');
    return { r, p };
  }

  /** Fires one ticket action on each ticket, each in its own transaction; collects the outcomes. */
  async function fireEach(
    actor: StaffActor,
    ids: string[],
    action: TicketAction,
    input: Record<string, unknown>,
    reason?: string,
  ): Promise<ProjectTicketResult[]> {
    const codes = await repo.codes(actor.tenantId, ids);
    const results: ProjectTicketResult[] = [];
    for (const id of ids) {
      const code = codes.get(id) ?? null;
      try {
        await tickets.act(actor.tenantId, id, action, { input, reason }, { staff: actor });
        results.push({ ticketId: id, code, ok: true, status: 200 });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        results.push({
          ticketId: id,
          code,
          ok: false,
          status: err.status,
          error: { code: err.code, message: err.message },
        });
      }
    }
    return results;
  }

  const listFilter = (q: ProjectListQuery): ProjectFilter => ({
    state: q.state,
    ownerUnitId: q.ownerUnitId,
    q: q.q?.trim() || undefined,
    monthlyTopic: q.monthlyTopic,
    sort: q.sort,
    page: q.page,
    pageSize: q.pageSize,
  });

  return {
    view,

    async list(actor: StaffActor, q: ProjectListQuery): Promise<ProjectList> {
      const page = await repo.list(actor.tenantId, listFilter(q), visibility(actor));
      return { ...page, items: page.items.map(toSummaryView) };
    },

    async create(actor: StaffActor, body: CreateProjectBody): Promise<ProjectView> {
      if (!canEditProject(actor, body.ownerUnitId)) {
        const leader = actor.grants.some((g) => g.role === 'unit_leader');
        throw new AppError(
          'FORBIDDEN',
          leader ? [{ path: '/ownerUnitId', message: m.ownerOnly }] : undefined,
        );
      }
      checkDates(body.startsOn, body.dueOn);
      (body.milestones ?? []).forEach((x, i) => {
        if (x.dueOn && !isDay(x.dueOn)) {
          throw new AppError('VALIDATION_FAILED', [
            { path: `/milestones/${i}/dueOn`, message: zhCN.project.invalidDay },
          ]);
        }
      });
      const now = clock.now();
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await checkRefs(trx, actor.tenantId, body);
        await projectRepository(trx).insertProject(
          {
            id,
            tenant_id: actor.tenantId,
            title: body.title.trim(),
            problem: body.problem.trim(),
            category_id: body.categoryId ?? null,
            jurisdiction_id: body.jurisdictionId ?? null,
            owner_unit_id: body.ownerUnitId,
            plan: body.plan?.trim() ?? '',
            budget_note: body.budgetNote?.trim() ?? '',
            state: body.state ?? 'active',
            monthly_topic: body.monthlyTopic ?? null,
            starts_on: body.startsOn,
            due_on: body.dueOn ?? null,
            completed_at: null,
            created_by: actor.userId,
            created_at: now,
            updated_at: now,
            version: 1,
          },
          (body.milestones ?? []).map((x, i) => ({
            id: newId(),
            title: x.title.trim(),
            due_on: x.dueOn ?? null,
            done_at: null,
            note: x.note?.trim() || null,
            sort: i + 1,
          })),
        );
      });
      return view(actor, id);
    },

    async update(actor: StaffActor, id: string, body: UpdateProjectBody): Promise<ProjectView> {
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const { r, p } = await forEdit(trx, actor, id);
        if (body.expectedVersion !== p.version) throw new AppError('VERSION_CONFLICT');
        if (
          body.ownerUnitId !== undefined &&
          body.ownerUnitId !== p.owner_unit_id &&
          !centreManager(actor)
        ) {
          throw new AppError('FORBIDDEN', [{ path: '/ownerUnitId', message: m.ownerChangeCentre }]);
        }
        const startsOn = body.startsOn ?? p.starts_on;
        const dueOn = body.dueOn === undefined ? p.due_on : body.dueOn;
        checkDates(startsOn, dueOn);
        await checkRefs(trx, actor.tenantId, body);
        const patch: Updateable<ProjectTable> = { updated_at: now };
        if (body.title !== undefined) patch.title = body.title.trim();
        if (body.problem !== undefined) patch.problem = body.problem.trim();
        if (body.ownerUnitId !== undefined) patch.owner_unit_id = body.ownerUnitId;
        if (body.categoryId !== undefined) patch.category_id = body.categoryId;
        if (body.jurisdictionId !== undefined) patch.jurisdiction_id = body.jurisdictionId;
        if (body.plan !== undefined) patch.plan = body.plan.trim();
        if (body.budgetNote !== undefined) patch.budget_note = body.budgetNote.trim();
        if (body.monthlyTopic !== undefined) patch.monthly_topic = body.monthlyTopic;
        if (body.startsOn !== undefined) patch.starts_on = body.startsOn;
        if (body.dueOn !== undefined) patch.due_on = body.dueOn;
        if (body.state !== undefined && body.state !== p.state) {
          patch.state = body.state;
          patch.completed_at = body.state === 'completed' ? now : null;
        }
        if (!(await r.updateProject(id, p.version, patch))) throw new AppError('VERSION_CONFLICT');
      });
      return view(actor, id);
    },

    async addMilestone(actor: StaffActor, id: string, body: NewMilestoneBody) {
      checkDays({ dueOn: body.dueOn });
      await db.transaction().execute(async (trx) => {
        const { r } = await forEdit(trx, actor, id);
        await r.insertMilestone({
          id: newId(),
          tenant_id: actor.tenantId,
          project_id: id,
          title: body.title.trim(),
          due_on: body.dueOn ?? null,
          done_at: null,
          note: body.note?.trim() || null,
        });
        await r.touch(id, clock.now());
      });
      return view(actor, id);
    },

    /** Edits a milestone; `done` marks it done now (or reopens it). */
    async updateMilestone(
      actor: StaffActor,
      id: string,
      milestoneId: string,
      body: UpdateMilestoneBody,
    ) {
      checkDays({ dueOn: body.dueOn });
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const { r } = await forEdit(trx, actor, id);
        const ms = await r.milestone(id, milestoneId);
        if (!ms) {
          throw new AppError('NOT_FOUND', [{ path: '/milestoneId', message: m.milestoneNotFound }]);
        }
        await r.updateMilestone(milestoneId, {
          ...(body.title !== undefined ? { title: body.title.trim() } : {}),
          ...(body.dueOn !== undefined ? { due_on: body.dueOn } : {}),
          ...(body.note !== undefined ? { note: body.note?.trim() || null } : {}),
          ...(body.done !== undefined ? { done_at: body.done ? (ms.done_at ?? now) : null } : {}),
        });
        await r.touch(id, now);
      });
      return view(actor, id);
    },

    /** Links many tickets: link_project on each (its own event); the outcome per ticket. */
    async link(actor: StaffActor, id: string, body: LinkTicketsBody): Promise<ProjectLinkResult> {
      if (!canLinkTickets(actor)) throw new AppError('FORBIDDEN');
      const p = await summaryRow(actor, id);
      if (p.state === 'completed' || p.state === 'cancelled') throw new AppError('PROJECT_CLOSED');
      const results = await fireEach(actor, body.ticketIds, 'link_project', { projectId: id });
      const ok = results.filter((x) => x.ok).length;
      return { results, ok, failed: results.length - ok };
    },

    async unlink(
      actor: StaffActor,
      id: string,
      body: UnlinkTicketsBody,
    ): Promise<ProjectLinkResult> {
      if (!canLinkTickets(actor)) throw new AppError('FORBIDDEN');
      const p = await summaryRow(actor, id);
      if (p.state === 'completed' || p.state === 'cancelled') throw new AppError('PROJECT_CLOSED');
      const reason = body.reason.trim();
      const results = await fireEach(
        actor,
        body.ticketIds,
        'unlink_project',
        { projectId: id, reason },
        reason,
      );
      const ok = results.filter((x) => x.ok).length;
      return { results, ok, failed: results.length - ok };
    },

    /**
     * The one reply: reply_by_project on every linked ticket still waiting for
     * an answer (dispatched, accepted, in progress, feedback given); the others
     * are counted as skipped, by state.
     */
    async reply(
      actor: StaffActor,
      id: string,
      body: ProjectReplyBody,
    ): Promise<ProjectReplyResult> {
      if (!canReplyToTickets(actor)) throw new AppError('FORBIDDEN');
      const p = await summaryRow(actor, id);
      if (p.state === 'cancelled') throw new AppError('PROJECT_CLOSED');
      const from = transitionFor('reply_by_project').from;
      const linked = await repo.linkedStates(id);
      const due = linked.filter((t) => from.includes(t.state));
      const skippedByState: Record<string, number> = {};
      for (const t of linked) {
        if (!from.includes(t.state)) skippedByState[t.state] = (skippedByState[t.state] ?? 0) + 1;
      }
      const results = await fireEach(
        actor,
        due.map((t) => t.id),
        'reply_by_project',
        { projectId: id, text: body.text.trim(), channel: body.channel },
      );
      const replied = results.filter((x) => x.ok).length;
      return {
        results,
        replied,
        failed: results.length - replied,
        skipped: linked.length - due.length,
        skippedByState,
      };
    },

    /** The linked tickets the actor may see, as the ticket list shows them (requester never shown). */
    async tickets(actor: StaffActor, id: string, q: ProjectTicketsQuery): Promise<TicketList> {
      await summaryRow(actor, id);
      const now = clock.now();
      const page = await ticketRepo.list(actor.tenantId, actor.scope, { ...q, projectId: id }, now);
      return { ...page, items: page.items.map((t) => toSummary(t, now)) };
    },

    /** Which projects a ticket is in (for the ticket page). */
    async ofTicket(actor: StaffActor, ticketId: string): Promise<TicketProjects> {
      await visibleTicket(ticketRepo, actor, ticketId);
      const rows = await repo.ticketProjects(actor.tenantId, ticketId);
      return rows.map((r) => ({
        id: r.id,
        title: r.title,
        state: r.state,
        ownerUnit: { id: r.owner_unit_id, name: r.owner_unit_name },
        linkedAt: iso(r.linked_at)!,
      }));
    },

    /**
     * Monthly tickets received on the project's problem (its category subtree
     * and place subtree) from six months before the start month to now: the
     * baseline is those six months, the effect the complete months after the
     * start month; the start month and the current month are shown, not counted.
     */
    async volume(actor: StaffActor, id: string): Promise<ProjectVolume> {
      const p = await summaryRow(actor, id);
      const now = clock.now();
      const offset = await offsetOf(actor.tenantId);
      const offsetMs = offset * 60_000;
      const start = monthIndex(p.starts_on);
      const current = monthIndex(new Date(now.getTime() + offsetMs).toISOString());
      const first = start - BASELINE_MONTHS;
      const last = Math.max(current, start);
      const monthStart = (i: number) =>
        new Date(Date.UTC(Math.floor(i / 12), i % 12, 1) - offsetMs);
      const counts = await repo.monthlyVolume(
        actor.tenantId,
        { categoryId: p.category_id, jurisdictionId: p.jurisdiction_id },
        monthStart(first),
        new Date(Math.min(now.getTime(), monthStart(last + 1).getTime())),
        offset,
      );
      const period = (i: number): VolumePeriod =>
        i < start ? 'before' : i === start ? 'start' : i < current ? 'after' : 'current';
      const months: ProjectVolume['months'] = [];
      for (let i = first; i <= last; i++) {
        const month = monthLabel(i);
        months.push({ month, count: counts.get(month) ?? 0, period: period(i) });
      }
      const before = months.filter((x) => x.period === 'before');
      const after = months.filter((x) => x.period === 'after');
      const avg = (xs: typeof months) =>
        xs.length ? xs.reduce((s, x) => s + x.count, 0) / xs.length : null;
      const beforeAvg = avg(before);
      const afterAvg = avg(after);
      const changePct =
        beforeAvg && afterAvg !== null ? round1((afterAvg / beforeAvg - 1) * 100) : null;
      let basis = fmt(m.volumeBasis, {
        category: p.category_name ?? m.allCategories,
        place: p.jurisdiction_name ?? m.wholeDistrict,
        beforeFrom: before[0]!.month,
        beforeTo: before.at(-1)!.month,
      });
      basis += after.length
        ? fmt(m.volumeAfter, {
            n: after.length,
            afterFrom: after[0]!.month,
            afterTo: after.at(-1)!.month,
          })
        : m.volumeNoAfter;
      return {
        months,
        beforeAvg: beforeAvg === null ? null : round1(beforeAvg),
        afterAvg: afterAvg === null ? null : round1(afterAvg),
        changePct,
        basis,
      };
    },

    /** The list as filtered, as a workbook (no requester data: projects carry none). */
    async exportXlsx(actor: StaffActor, q: ProjectListQuery): Promise<Buffer> {
      const page = await repo.list(
        actor.tenantId,
        { ...listFilter(q), page: 1, pageSize: EXPORT_LIMIT },
        visibility(actor),
      );
      const offsetMs = (await offsetOf(actor.tenantId)) * 60_000;
      const local = (d: Date) =>
        new Date(d.getTime() + offsetMs).toISOString().slice(0, 16).replace('T', ' ');
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet(m.exportSheet);
      const col = m.col;
      ws.columns = [
        { header: col.title, key: 'title', width: 32 },
        { header: col.state, key: 'state', width: 10 },
        { header: col.ownerUnit, key: 'owner', width: 24 },
        { header: col.category, key: 'category', width: 16 },
        { header: col.jurisdiction, key: 'jurisdiction', width: 16 },
        { header: col.monthlyTopic, key: 'topic', width: 10 },
        { header: col.startsOn, key: 'startsOn', width: 12 },
        { header: col.dueOn, key: 'dueOn', width: 12 },
        { header: col.linked, key: 'linked', width: 10 },
        { header: col.openLinked, key: 'open', width: 10 },
        { header: col.milestones, key: 'milestones', width: 10 },
        { header: col.budgetNote, key: 'budget', width: 30 },
        { header: col.createdAt, key: 'createdAt', width: 18 },
      ];
      for (const p of page.items) {
        const s = toSummaryView(p);
        ws.addRow({
          title: s.title,
          state: zhCN.projectState[s.state],
          owner: s.ownerUnit.name,
          category: s.category?.name ?? '',
          jurisdiction: s.jurisdiction?.name ?? '',
          topic: s.monthlyTopic ?? '',
          startsOn: s.startsOn,
          dueOn: s.dueOn ?? '',
          linked: s.linkedCount,
          open: s.openLinkedCount,
          milestones: `${s.milestonesDone}/${s.milestonesTotal}`,
          budget: p.budget_note,
          createdAt: local(p.created_at),
        });
      }
      ws.getRow(1).font = { bold: true };
      ws.views = [{ state: 'frozen', ySplit: 1 }];
      return Buffer.from(await wb.xlsx.writeBuffer());
    },
  };
}
export type ProjectService = ReturnType<typeof projectService>;
