// The resident side: raise a request without signing in, follow it with its
// code and phone, add information, rate the answer. A wrong phone gets the
// same answer as an unknown code, so codes cannot be probed for phones.
import type { Kysely } from 'kysely';
import type { Static } from '@sinclair/typebox';
import type { PublicRequestCreated as CreatedSchema } from '@jiesu/contracts';
import {
  type DeliberationFinding,
  type SuspensionKind,
  type TerminationKind,
  OPEN_STATES,
  fmt,
  transitionFor,
  zhCN,
  type SpecialRoute,
  type TicketState,
  type PublicRequestBody,
  type PublicRequestView,
  type TicketAction,
} from '@jiesu/contracts';
import type { DB, Ticket } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { normalisePhone } from '../../shared/phone.js';
import type { TicketService } from '../tickets/service.js';
import { ticketRepository } from '../tickets/repository.js';
import type { IdempotencyService, Kept, Keyed } from '../idempotency/service.js';

type PublicRequestCreated = Static<typeof CreatedSchema>;

/** Reviews shown to the requester only when they changed something (see publicText). */
const SILENT_UNLESS_TOLD = [
  'review_escalation',
  'sign_off_deliberation',
  'review_extension',
  'review_suspension',
  'review_termination',
];

/** A requester's own entries on a master's timeline, not shown to those merged into it. */
const REQUESTER_OWN = ['add_information', 'rate', 'record_callback'];

const NEXT_STEPS =
  '您的诉求已受理。我们将尽快转交承办单位办理,承办单位会与您联系;办理完成后会答复您并回访。您可凭受理编号和手机号随时查询进度。';

export function publicService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  tickets: TicketService;
  idempotency: Pick<IdempotencyService, 'run'>;
}) {
  const { db, tickets } = deps;
  const repo = ticketRepository(db);

  async function find(tenantId: string, code: string, phone: string): Promise<Ticket> {
    const t = await repo.byCode(tenantId, code.trim());
    const p = normalisePhone(phone);
    if (!t || !p || t.requester_phone !== p) throw new AppError('REQUEST_NOT_FOUND');
    return t;
  }

  type EventRow = Awaited<ReturnType<typeof repo.events>>[number];
  // Only public events, and never a staff member's name.
  const publicTimeline = (events: EventRow[]) =>
    events
      .filter((e) => e.visibility === 'public')
      .map((e) => ({
        at: e.at.toISOString(),
        action: e.action,
        label: zhCN.action[e.action as TicketAction | 'create'] ?? e.action,
        text: publicText(e.action, e.payload, e.actor_unit_name),
      }))
      // A review that changed nothing for the requester (an escalation or a
      // deliberation not approved) is an internal matter: it is left out.
      .filter((e) => e.text !== null || !SILENT_UNLESS_TOLD.includes(e.action));

  /**
   * 并单: the master a merged request follows, with the master's progress. What
   * the master's own requester said or rated is theirs, and is left out.
   */
  async function mergedInto(t: Ticket): Promise<PublicRequestView['mergedInto']> {
    if (!t.master_id || t.state !== 'closed') return null;
    const m = await repo.byId(t.tenant_id, t.master_id);
    if (!m) return null;
    const holder = m.holder_unit_id ? await repo.unitName(m.holder_unit_id) : undefined;
    const events = await repo.events(m.id);
    return {
      code: m.code,
      state: m.state,
      stateLabel: zhCN.state[m.state],
      handlingUnit: holder?.name ?? null,
      completionDueAt: m.completion_due_at?.toISOString() ?? null,
      timeline: publicTimeline(events.filter((e) => !REQUESTER_OWN.includes(e.action))),
    };
  }

  async function present(t: Ticket): Promise<PublicRequestView> {
    const events = await repo.events(t.id);
    const holder = t.holder_unit_id ? await repo.unitName(t.holder_unit_id) : undefined;
    return {
      code: t.code,
      title: t.title,
      state: t.state,
      stateLabel: zhCN.state[t.state],
      outcome: t.outcome,
      receivedAt: t.received_at.toISOString(),
      completionDueAt: t.completion_due_at?.toISOString() ?? null,
      handlingUnit: holder?.name ?? null,
      timeline: publicTimeline(events),
      mergedInto: await mergedInto(t),
      canRate: transitionFor('rate').from.includes(t.state),
      canAddInformation: OPEN_STATES.includes(t.state),
    };
  }

  return {
    /** A resident's request; with an Idempotency-Key a retry answers the first one. */
    async raise(
      tenantId: string,
      body: PublicRequestBody,
      keyed: Keyed = { key: undefined, caller: 'public' },
    ): Promise<Kept<PublicRequestCreated>> {
      if (!normalisePhone(body.phone)) {
        throw new AppError('INVALID_PHONE', [
          { path: '/phone', message: zhCN.error.INVALID_PHONE },
        ]);
      }
      const created = (t: Ticket): PublicRequestCreated => ({
        code: t.code,
        receivedAt: t.received_at.toISOString(),
        nextSteps: NEXT_STEPS,
      });
      return deps.idempotency.run(
        { ...keyed, tenantId, route: 'POST /api/public/requests', body },
        201,
        async (claim) => {
          const t = await tickets.create(
            tenantId,
            {
              channel: 'web',
              type: body.type,
              categoryId: body.categoryId,
              title: body.title ?? body.description.slice(0, 30),
              description: body.description,
              address: body.address,
              jurisdictionId: body.jurisdictionId,
              point: body.point,
              requester: {
                name: body.name,
                phone: body.phone,
                anonymous: body.anonymous,
                confidential: body.confidential,
              },
              attachmentIds: body.attachmentIds,
            },
            { actorKind: 'requester', userId: null, unitId: null },
            undefined,
            claim,
          );
          return { ticketId: t.id, body: created(t) };
        },
        async (ticketId) => created((await repo.byId(tenantId, ticketId))!),
      );
    },

    async lookup(tenantId: string, code: string, phone: string) {
      return present(await find(tenantId, code, phone));
    },

    async act(
      tenantId: string,
      code: string,
      phone: string,
      action: 'rate' | 'add_information',
      input: Record<string, unknown>,
    ) {
      const t = await find(tenantId, code, phone);
      const updated = await tickets.act(tenantId, t.id, action, { input }, { requester: true });
      return present(updated);
    },
  };
}
export type PublicService = ReturnType<typeof publicService>;

/** What an event says to the public (the resident's timeline, [Interop] webhook payloads). */
export function publicText(
  action: string,
  payload: Record<string, unknown>,
  unitName: string | null,
): string | null {
  switch (action) {
    case 'answer_directly':
      return String(payload.answer ?? '');
    case 'send_reply':
      return String(payload.replyText ?? '');
    case 'add_information':
      return String(payload.text ?? '');
    case 'dispatch':
      return '已转交承办单位办理';
    case 'accept':
      return unitName ? `${unitName}已签收` : null;
    case 'record_callback':
    case 'rate':
      return payload.solved ? '问题已解决' : '问题未解决';
    case 'transfer':
      return fmt(zhCN.intake.publicTransfer, {
        route: zhCN.specialRoute[payload.route as SpecialRoute] ?? String(payload.route ?? ''),
        note: String(payload.note ?? ''),
      });
    case 'answer_with_progress': {
      const state = payload.relatedTicketState as TicketState | undefined;
      return fmt(zhCN.intake.publicProgress, {
        code: String(payload.relatedTicketCode ?? ''),
        state: state ? zhCN.state[state] : '',
        unit: payload.relatedUnitName
          ? fmt(zhCN.intake.publicProgressUnit, { unit: String(payload.relatedUnitName) })
          : '',
        answer: String(payload.answer ?? ''),
      });
    }
    case 'merge_into':
      return fmt(zhCN.intake.publicMerged, { code: String(payload.masterTicketCode ?? '') });
    case 'unmerge':
      return zhCN.intake.publicUnmerged;
    case 'relay_reply':
      return String(payload.replyText ?? '');
    case 'review_escalation':
      return payload.verdict === 'accepted' ? zhCN.deliberation.publicEscalated : null;
    case 'sign_off_deliberation':
      return payload.verdict === 'signed' ? zhCN.deliberation.publicDelegated : null;
    case 'publish_notice':
      return fmt(zhCN.deliberation.publicNotice, {
        finding:
          zhCN.deliberationFinding[payload.finding as DeliberationFinding] ??
          String(payload.finding ?? ''),
        text: String(payload.text ?? ''),
        days: String(payload.days ?? ''),
      });
    case 'settle_deliberation':
      return zhCN.deliberation.publicSettled;
    case 'reply_by_project': // 共性问题专项的统一答复
      return String(payload.text ?? '');
    case 'review_extension': // [Handling] only an approved extension is the requester's business
      return payload.decision === 'approve'
        ? fmt(zhCN.handling.publicExtended, {
            due: String(payload.dueLocal ?? ''),
            reason: String(payload.requestReason ?? ''),
          })
        : null;
    // [Handling] the pause and the resumption, with what it waits for — never the notes.
    case 'review_suspension':
      return payload.decision === 'approve'
        ? fmt(zhCN.handling.publicPaused, {
            kind: zhCN.suspensionKind[payload.suspensionKind as SuspensionKind] ?? '',
            until: String(payload.untilLocal ?? ''),
          })
        : null;
    // [Handling] a progress note or a site visit the handler marked public.
    case 'add_progress':
      return String(payload.text ?? '');
    case 'record_site_visit':
      return fmt(zhCN.handling.publicSiteVisit, {
        at: String(payload.visitedAtLocal ?? ''),
        place: String(payload.place ?? ''),
        findings: String(payload.findings ?? ''),
      });
    case 'resume_handling':
    case 'end_suspension':
      return fmt(zhCN.handling.publicResumed, { due: String(payload.dueLocal ?? '') });
    // [Handling] the callback reviewed: reopened, or closed with the reason.
    case 'review_callback':
      return payload.decision === 'reopen'
        ? zhCN.callbacks.publicReopened
        : fmt(zhCN.callbacks.publicClosed, { reason: String(payload.reason ?? '') });
    case 'review_termination':
      return payload.decision === 'approve'
        ? fmt(zhCN.handling.publicTerminated, {
            kind: zhCN.terminationKind[payload.terminationKind as TerminationKind] ?? '',
          })
        : null;
    default:
      return null;
  }
}
