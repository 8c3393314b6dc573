// The resident side: raise a request without signing in, follow it with its
// code and phone, add information, rate the answer. A wrong phone gets the
// same answer as an unknown code, so codes cannot be probed for phones.
import type { Kysely } from 'kysely';
import {
  OPEN_STATES,
  transitionFor,
  zhCN,
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

const NEXT_STEPS =
  '您的诉求已受理。我们将尽快转交承办单位办理,承办单位会与您联系;办理完成后会答复您并回访。您可凭受理编号和手机号随时查询进度。';

export function publicService(deps: { db: Kysely<DB>; clock: Clock; tickets: TicketService }) {
  const { db, tickets } = deps;
  const repo = ticketRepository(db);

  async function find(tenantId: string, code: string, phone: string): Promise<Ticket> {
    const t = await repo.byCode(tenantId, code.trim());
    const p = normalisePhone(phone);
    if (!t || !p || t.requester_phone !== p) throw new AppError('REQUEST_NOT_FOUND');
    return t;
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
      // Only public events, and never a staff member's name.
      timeline: events
        .filter((e) => e.visibility === 'public')
        .map((e) => ({
          at: e.at.toISOString(),
          action: e.action,
          label: zhCN.action[e.action as TicketAction | 'create'] ?? e.action,
          text: publicText(e.action, e.payload, e.actor_unit_name),
        })),
      canRate: transitionFor('rate').from.includes(t.state),
      canAddInformation: OPEN_STATES.includes(t.state),
    };
  }

  return {
    async raise(tenantId: string, body: PublicRequestBody) {
      if (!normalisePhone(body.phone)) {
        throw new AppError('INVALID_PHONE', [
          { path: '/phone', message: zhCN.error.INVALID_PHONE },
        ]);
      }
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
      );
      return { code: t.code, receivedAt: t.received_at.toISOString(), nextSteps: NEXT_STEPS };
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

function publicText(
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
    default:
      return null;
  }
}
