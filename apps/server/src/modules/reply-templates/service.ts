// [Handling] reply templates (答复口径): a unit's handlers and leaders keep their unit's,
// the administrator and the dispatchers keep the district-wide ones (unit null); the
// handler starts a reply from one (GET /api/tickets/:id/reply-templates, each rendered
// for the ticket). And the candidates of a handover (转交) within the holding unit.
import type { Kysely } from 'kysely';
import {
  REPLY_PLACEHOLDERS,
  REQUESTER_STAND_IN,
  renderReplyTemplate,
  unknownPlaceholders,
  type ApplicableReplyTemplates,
  type HandoverCandidates,
  type ReplyPlaceholder,
  type ReplyTemplateBody,
  type ReplyTemplateList,
  type ReplyTemplatePatch,
  type ReplyTemplateQuery,
  type ReplyTemplateView,
  type Role,
} from '@jiesu/contracts';
import type { DB, Ticket } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { hasRole, isCentre, type StaffActor } from '../../shared/actor.js';
import { utcOffsetOf } from '../calendar/service.js';
import { orgRepository } from '../org/repository.js';
import { actingUnit, canRevealRequester } from '../tickets/policy.js';
import { ticketRepository } from '../tickets/repository.js';
import { visibleTicket } from '../tickets/visible.js';
import { handoverCandidates } from './hooks.js';
import { replyTemplateRepository } from './repository.js';

/** Who keeps a unit's templates, in that unit. */
const KEEPERS: Role[] = ['handler', 'unit_leader'];
/** Who reads templates at all (others get 403). */
const READERS: Role[] = ['handler', 'unit_leader', 'dispatcher', 'agent', 'admin'];

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof replyTemplateRepository>['byId']>>>;

/** The units whose templates the actor keeps (and sees). */
export function keptUnits(actor: StaffActor): string[] {
  return [...new Set(actor.grants.filter((g) => KEEPERS.includes(g.role)).map((g) => g.unitId))];
}

/** Administrators and the dispatch centre's dispatchers keep the district-wide templates. */
export function keepsDistrictWide(actor: StaffActor): boolean {
  return hasRole(actor, ['admin']) || isCentre(actor, ['dispatcher']);
}

function canEdit(actor: StaffActor, unitId: string | null): boolean {
  return unitId === null ? keepsDistrictWide(actor) : keptUnits(actor).includes(unitId);
}

function toView(actor: StaffActor, r: Row): ReplyTemplateView {
  return {
    id: r.id,
    unit: r.unit_id ? { id: r.unit_id, name: r.unit_name ?? '' } : null,
    category: r.category_id ? { id: r.category_id, name: r.category_name ?? '' } : null,
    title: r.title,
    body: r.body,
    active: r.active,
    createdBy: r.created_by ? { id: r.created_by, name: r.created_by_name ?? '' } : null,
    updatedAt: new Date(r.updated_at).toISOString(),
    canEdit: canEdit(actor, r.unit_id),
  };
}

/** Refuses a body with a placeholder the renderer does not know, naming it. */
export function checkPlaceholders(body: string): void {
  const unknown = unknownPlaceholders(body);
  if (!unknown.length) return;
  const names = unknown.map((n) => `{${n}}`).join('、');
  const message = `答复口径中有未知的占位符:${names}。可用的占位符:${REPLY_PLACEHOLDERS.map((p) => `{${p}}`).join('、')}`;
  throw new AppError(
    'REPLY_TEMPLATE_PLACEHOLDER_UNKNOWN',
    unknown.map((n) => ({ path: '/body', message: `未知的占位符:{${n}}` })),
    message,
  );
}

/** "2026年11月20日" in the district's local time. */
export function localDate(at: Date, offsetMin: number): string {
  const d = new Date(at.getTime() + offsetMin * 60_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

export function replyTemplateService(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;
  const repo = replyTemplateRepository(db);
  const tickets = ticketRepository(db);

  function requireReader(actor: StaffActor) {
    if (!hasRole(actor, READERS)) throw new AppError('FORBIDDEN');
  }

  async function load(actor: StaffActor, id: string): Promise<Row> {
    const r = await repo.byId(actor.tenantId, id);
    // Another unit's template does not exist for the actor.
    if (!r || (r.unit_id !== null && !keptUnits(actor).includes(r.unit_id))) {
      throw new AppError('REPLY_TEMPLATE_NOT_FOUND');
    }
    return r;
  }

  async function checkCategory(tenantId: string, id: string | null | undefined) {
    if (!id) return;
    if (!(await repo.category(tenantId, id))) {
      throw new AppError('UNKNOWN_CATEGORY', [{ path: '/categoryId', message: '诉求类别不存在' }]);
    }
  }

  /** The values of the placeholders for this ticket, as this actor may see them. */
  async function valuesFor(
    actor: StaffActor,
    t: Ticket,
  ): Promise<Record<ReplyPlaceholder, string>> {
    const detail = (await tickets.detail(actor.tenantId, t.id))!;
    const offset = utcOffsetOf((await orgRepository(db).tenant(actor.tenantId))?.settings);
    // The name only where the actor has it unmasked: entitled and already revealed (logged).
    const showName =
      !!t.requester_name &&
      !t.anonymous &&
      canRevealRequester(actor, t) &&
      (await repo.revealed(actor.userId, t.id));
    return {
      工单号: t.code,
      受理时间: localDate(new Date(t.received_at), offset),
      地址: t.address,
      诉求类别: detail.category_name,
      承办单位: detail.lead_unit_name ?? detail.holder_unit_name ?? '',
      今天: localDate(clock.now(), offset),
      诉求人: showName ? t.requester_name! : REQUESTER_STAND_IN,
    };
  }

  return {
    async list(actor: StaffActor, q: ReplyTemplateQuery): Promise<ReplyTemplateList> {
      requireReader(actor);
      const page = await repo.list(actor.tenantId, keptUnits(actor), q);
      return { ...page, items: page.items.map((r) => toView(actor, r)) };
    },

    async get(actor: StaffActor, id: string): Promise<ReplyTemplateView> {
      requireReader(actor);
      return toView(actor, await load(actor, id));
    },

    async create(actor: StaffActor, body: ReplyTemplateBody): Promise<ReplyTemplateView> {
      requireReader(actor);
      let unitId: string | null;
      if (body.unitId === undefined) {
        // Absent: the actor's own unit, else (the centre) district-wide.
        unitId = keptUnits(actor)[0] ?? (keepsDistrictWide(actor) ? null : '');
      } else unitId = body.unitId;
      if (unitId === '' || !canEdit(actor, unitId)) throw new AppError('FORBIDDEN');
      checkPlaceholders(body.body);
      await checkCategory(actor.tenantId, body.categoryId);
      const id = newId();
      const now = clock.now();
      await repo.insert({
        id,
        tenant_id: actor.tenantId,
        unit_id: unitId,
        category_id: body.categoryId ?? null,
        title: body.title.trim(),
        body: body.body,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      });
      return toView(actor, (await repo.byId(actor.tenantId, id))!);
    },

    async update(
      actor: StaffActor,
      id: string,
      patch: ReplyTemplatePatch,
    ): Promise<ReplyTemplateView> {
      requireReader(actor);
      const r = await load(actor, id);
      if (!canEdit(actor, r.unit_id)) throw new AppError('FORBIDDEN');
      if (patch.body !== undefined) checkPlaceholders(patch.body);
      await checkCategory(actor.tenantId, patch.categoryId);
      await repo.update(actor.tenantId, id, {
        ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
        ...(patch.body !== undefined ? { body: patch.body } : {}),
        ...(patch.categoryId !== undefined ? { category_id: patch.categoryId } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        updated_at: clock.now(),
      });
      return toView(actor, (await repo.byId(actor.tenantId, id))!);
    },

    /** Soft delete: the template stays (events refer to it), inactive. */
    async remove(actor: StaffActor, id: string): Promise<ReplyTemplateView> {
      requireReader(actor);
      const r = await load(actor, id);
      if (!canEdit(actor, r.unit_id)) throw new AppError('FORBIDDEN');
      await repo.update(actor.tenantId, id, { active: false, updated_at: clock.now() });
      return toView(actor, (await repo.byId(actor.tenantId, id))!);
    },

    /**
     * The templates the actor may start a reply from on this ticket: those of the
     * acting unit (the lead or holder unit the actor belongs to) and the district-wide
     * ones, for the ticket's category, an ancestor category or none; the most specific
     * category first, a unit's before a district-wide one; each rendered.
     */
    async forTicket(actor: StaffActor, ticketId: string): Promise<ApplicableReplyTemplates> {
      const t = await visibleTicket(tickets, actor, ticketId);
      const units = keptUnits(actor).filter((u) => u === t.lead_unit_id || u === t.holder_unit_id);
      const category = await repo.category(actor.tenantId, t.category_id);
      const rows = await repo.applicable(actor.tenantId, units, category?.path ?? '');
      rows.sort(
        (a, b) =>
          (b.category_level ?? 0) - (a.category_level ?? 0) ||
          Number(a.unit_id === null) - Number(b.unit_id === null) ||
          a.title.localeCompare(b.title, 'zh-CN'),
      );
      const values = await valuesFor(actor, t);
      return {
        items: rows.map((r) => ({
          ...toView(actor, r),
          rendered: renderReplyTemplate(r.body, values),
        })),
      };
    },

    /** Who the actor may hand the ticket over to (转交): empty where they may not. */
    async handoverCandidates(actor: StaffActor, ticketId: string): Promise<HandoverCandidates> {
      const t = await visibleTicket(tickets, actor, ticketId);
      const links = await tickets.links(ticketId);
      const detail = (await tickets.detail(actor.tenantId, ticketId))!;
      const assignee =
        detail.assignee_user_id && detail.assignee_name
          ? { id: detail.assignee_user_id, name: detail.assignee_name }
          : null;
      const holderId = actingUnit(actor, 'hand_over', t, links);
      if (!holderId) return { unit: null, assignee, users: [] };
      const found = await handoverCandidates(db, actor.tenantId, holderId);
      return {
        unit: found.unit,
        assignee,
        users: found.users.filter((u) => u.id !== t.assignee_user_id),
      };
    },
  };
}
export type ReplyTemplateService = ReturnType<typeof replyTemplateService>;
