// [Handling] what the callback desk's actions do beyond the ticket row, inside the
// action's transaction. A reply starts a round (sampled or not, callable after the
// online window); the call's result, the resident's online rating, a failed attempt
// and the review each update the round. The attempt's number and whether it was the
// last allowed are derived here and recorded on the event, so the branch (closed as
// not reached, or same) and a replay need nothing else.
import { CALLBACK_DEFAULTS, zhCN, type CallbackConfig } from '@jiesu/contracts';
import type { Kysely } from 'kysely';
import type { DB, Ticket } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import type { ActionHooks, HookContext, HookRegistry } from '../tickets/hooks.js';
import { callbackRepository } from './repository.js';

const HOUR_MS = 3_600_000;

/** The district's callback rules, else the defaults. */
export async function callbackConfig(db: Kysely<DB>, tenantId: string): Promise<CallbackConfig> {
  const row = await callbackRepository(db).config(tenantId);
  if (!row) return { rules: [], ...CALLBACK_DEFAULTS };
  return {
    rules: row.rules as CallbackConfig['rules'],
    defaultPercent: row.default_percent,
    maxAttempts: row.max_attempts,
    onlineWindowHours: row.online_window_hours,
    closeUnsampledAfterDays: row.close_unsampled_after_days,
  };
}

/**
 * A bucket 0..99 from the ticket and the round (FNV-1a): the same ticket and round always
 * give the same answer, so sampling can be checked and replayed, and a reopened ticket is
 * drawn afresh.
 */
export function sampleBucket(ticketId: string, round: number): number {
  let h = 0x811c9dc5;
  for (const ch of `${ticketId}:${round}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 100;
}

/** The first rule whose type and category match (absent = any), else the default. */
export function pickRule(
  config: Pick<CallbackConfig, 'rules' | 'defaultPercent'>,
  t: Pick<Ticket, 'type' | 'category_id'>,
): { rule: string; percent: number } {
  const i = config.rules.findIndex(
    (r) =>
      (!r.ticketType || r.ticketType === t.type) &&
      (!r.categoryId || r.categoryId === t.category_id),
  );
  return i >= 0
    ? { rule: `rule:${i + 1}`, percent: config.rules[i]!.percent }
    : { rule: 'default', percent: config.defaultPercent };
}

/** Starts the next round at a reply: sampled or not, callable once the online window passed. */
async function startRound(c: HookContext & { updated: Ticket }) {
  if (c.updated.state !== 'replied') return;
  const repo = callbackRepository(c.trx);
  const config = await callbackConfig(c.trx, c.tenantId);
  const last = await repo.latest(c.ticket.id);
  const round = (last?.round ?? 0) + 1;
  const { rule, percent } = pickRule(config, c.ticket);
  const sampled = sampleBucket(c.ticket.id, round) < percent;
  await repo.insert({
    id: newId(),
    tenant_id: c.tenantId,
    ticket_id: c.ticket.id,
    round,
    sampled,
    rule,
    percent,
    status: sampled ? 'queued' : 'not_sampled',
    replied_at: c.at,
    callable_from: new Date(c.at.getTime() + config.onlineWindowHours * HOUR_MS),
  });
}

/**
 * The ticket's current round; one is opened when the ticket was replied before the desk
 * kept rounds (or by a path without the reply hook), so every result has its row.
 */
async function currentRound(c: HookContext) {
  const repo = callbackRepository(c.trx);
  const last = await repo.latest(c.ticket.id);
  if (last) return last;
  const at = c.ticket.replied_at ? new Date(c.ticket.replied_at) : c.at;
  const row = {
    id: newId(),
    tenant_id: c.tenantId,
    ticket_id: c.ticket.id,
    round: 1,
    sampled: true,
    rule: 'manual',
    percent: 100,
    status: 'queued' as const,
    replied_at: at,
    callable_from: at,
  };
  await repo.insert(row);
  return (await repo.latest(c.ticket.id))!;
}

const onResult = (via: 'callback' | 'online'): ActionHooks => ({
  async after(c) {
    const row = await currentRound(c);
    const solved = c.input.solved === true;
    const reopenNow = !solved && c.updated.state === 'dispatched';
    const comment = typeof c.input.comment === 'string' && c.input.comment ? c.input.comment : null;
    await callbackRepository(c.trx).update(row.id, {
      solved,
      satisfaction: c.input.satisfaction as string,
      comment,
      result_by: c.actor?.userId ?? null,
      result_at: c.at,
      via,
      status: solved || reopenNow ? 'done' : 'awaiting_review',
      // A dispatcher who reopens at the call decides at once: recorded as the review.
      ...(reopenNow
        ? {
            review_decision: 'reopen' as const,
            review_reason: comment ?? zhCN.action.record_callback,
            reviewed_by: c.actor?.userId ?? null,
            reviewed_at: c.at,
          }
        : {}),
    });
  },
});

export const callbackHooks: HookRegistry = {
  send_reply: [{ after: startRound }],
  reply_by_project: [{ after: startRound }],
  record_callback: [onResult('callback')],
  rate: [onResult('online')],
  record_callback_attempt: [
    {
      async prepare(c) {
        const config = await callbackConfig(c.trx, c.tenantId);
        const last = await callbackRepository(c.trx).latest(c.ticket.id);
        const attempt = (last?.attempts ?? 0) + 1;
        return {
          round: last?.round ?? 1,
          attempt,
          maxAttempts: config.maxAttempts,
          notReached: attempt >= config.maxAttempts,
        };
      },
      async after(c) {
        const row = await currentRound(c);
        await callbackRepository(c.trx).update(row.id, {
          attempts: c.input.attempt as number,
          last_attempt_at: c.at,
          ...(c.input.notReached === true ? { status: 'not_reached' as const } : {}),
        });
      },
    },
  ],
  review_callback: [
    {
      async prepare(c) {
        const last = await callbackRepository(c.trx).latest(c.ticket.id);
        if (last?.status !== 'awaiting_review') throw new AppError('NO_PENDING_CALLBACK_REVIEW');
        return { round: last.round, callbackId: last.id };
      },
      async after(c) {
        const ok = await callbackRepository(c.trx).review(c.input.callbackId as string, {
          review_decision: c.input.decision as 'reopen' | 'close',
          review_reason: (c.input.reason as string).trim(),
          reviewed_by: c.actor?.userId ?? null,
          reviewed_at: c.at,
        });
        if (!ok) throw new AppError('VERSION_CONFLICT');
      },
    },
  ],
  close_unrated: [
    {
      async after(c) {
        const row = await currentRound(c);
        await callbackRepository(c.trx).update(row.id, { status: 'closed_unrated' });
      },
    },
  ],
};
