// Intake's part of the ticket actions (see tickets/hooks.ts): the knowledge
// item an answer cites, the earlier ticket a repeat follows, the master a
// duplicate is merged into, and the master's reply relayed to its merged
// tickets. Everything runs in the action's transaction, through `c.trx` only.
import { zhCN } from '@jiesu/contracts';
import { AppError } from '../../shared/errors.js';
import type { HookContext, HookRegistry } from '../tickets/hooks.js';
import { ticketRepository } from '../tickets/repository.js';
import { decide } from '../tickets/workflow.js';
import { knowledgeRepository } from '../catalogue/knowledge-repository.js';
import { intakeRepository } from './repository.js';

const refuse = (
  code: 'RELATED_TICKET_INVALID' | 'MERGE_TARGET_INVALID' | 'KNOWLEDGE_ITEM_NOT_FOUND',
  field: string,
  message: string,
) => new AppError(code, [{ path: `/input/${field}`, message }]);

/** 直接答复 from the knowledge base: the item must be in use; its title goes on the event. */
async function citeKnowledgeItem(c: HookContext) {
  const id = c.input.knowledgeItemId as string | undefined;
  if (!id) return;
  const item = await knowledgeRepository(c.trx).usable(c.tenantId, id);
  if (!item) {
    throw refuse('KNOWLEDGE_ITEM_NOT_FOUND', 'knowledgeItemId', zhCN.intake.knowledgeInactive);
  }
  return { knowledgeItemTitle: item.title };
}

async function countKnowledgeUse(c: HookContext) {
  const id = c.input.knowledgeItemId as string | undefined;
  if (id) await knowledgeRepository(c.trx).countUse(c.tenantId, id);
}

/**
 * 重复诉求: the earlier ticket must be another one of the same requester, or of
 * the same place and category. Its code, state and handling unit at this
 * moment are recorded, so the requester's timeline says what it follows.
 */
async function checkRelated(c: HookContext) {
  const id = c.input.relatedTicketId as string;
  if (id === c.ticket.id) {
    throw refuse('RELATED_TICKET_INVALID', 'relatedTicketId', zhCN.intake.relatedSelf);
  }
  const related = await intakeRepository(c.trx).withHolder(c.tenantId, id);
  if (!related) {
    throw refuse('RELATED_TICKET_INVALID', 'relatedTicketId', zhCN.error.RELATED_TICKET_INVALID);
  }
  const samePhone =
    c.ticket.requester_phone !== null && related.requester_phone === c.ticket.requester_phone;
  const samePlace =
    related.jurisdiction_id === c.ticket.jurisdiction_id &&
    related.category_id === c.ticket.category_id;
  if (!samePhone && !samePlace) {
    throw refuse('RELATED_TICKET_INVALID', 'relatedTicketId', zhCN.intake.relatedNotSame);
  }
  return {
    relatedTicketCode: related.code,
    relatedTicketState: related.state,
    relatedUnitName: related.holder_unit_name,
  };
}

/**
 * 并单: the master must be another open ticket of the district that has not
 * been replied yet (its reply is what the merged tickets wait for), not itself
 * merged; and a ticket others were merged into is not merged away. The master
 * is locked, so its reply cannot slip between this check and the commit.
 */
async function checkMaster(c: HookContext) {
  const id = c.input.masterTicketId as string;
  const bad = (message: string) => refuse('MERGE_TARGET_INVALID', 'masterTicketId', message);
  if (id === c.ticket.id) throw bad(zhCN.intake.mergeSelf);
  const master = await ticketRepository(c.trx).forUpdate(c.tenantId, id);
  if (!master) throw bad(zhCN.error.MERGE_TARGET_INVALID);
  if (master.master_id) throw bad(zhCN.intake.mergeMasterMerged);
  if (master.state === 'closed') throw bad(zhCN.intake.mergeMasterClosed);
  if (master.replied_at || master.state === 'replied' || master.state === 'awaiting_callback') {
    throw bad(zhCN.intake.mergeMasterReplied);
  }
  if (await intakeRepository(c.trx).hasMerged(c.tenantId, c.ticket.id)) {
    throw bad(zhCN.intake.mergeHasMerged);
  }
  return { masterTicketCode: master.code, masterTicketState: master.state };
}

/**
 * The merged follow the master: its reply is written on each merged ticket as
 * a `relay_reply` event by the platform, in the same transaction as the reply.
 */
function relayTo(field: 'replyText' | 'answer') {
  return async (c: HookContext) => {
    const replyText = c.input[field];
    if (typeof replyText !== 'string') return;
    const tickets = ticketRepository(c.trx);
    for (const m of await intakeRepository(c.trx).mergedForUpdate(c.tenantId, c.ticket.id)) {
      const { patch, event } = decide(
        m,
        'relay_reply',
        { masterTicketId: c.ticket.id, replyText },
        { at: c.at, actorKind: 'system', actorUserId: null, actorUnitId: null },
      );
      if (!(await tickets.update(m.id, m.version, patch))) throw new AppError('VERSION_CONFLICT');
      await tickets.appendEvent(c.tenantId, m.id, event);
    }
  };
}

export const intakeHooks: HookRegistry = {
  answer_directly: [
    { prepare: citeKnowledgeItem, after: countKnowledgeUse },
    { after: relayTo('answer') },
  ],
  answer_with_progress: [{ prepare: checkRelated }],
  merge_into: [{ prepare: checkMaster }],
  send_reply: [{ after: relayTo('replyText') }],
};
