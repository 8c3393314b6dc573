// Civility points earned by ticket events, written in the action's transaction:
// - hold_session (a village deliberation session): the households of the village with a
//   member among the named participants — a name that matches members of more than one
//   household is left out rather than guessed;
// - settle_deliberation: the requester's household (a member with the requester's phone);
// - accept of a resident's report (type 报告): the requester's household.
// At most one entry per rule, ticket and household (a unique index; a second session on
// the same case adds nothing), and never past the rule's cap for the quarter.
import type { CivilityTrigger } from '@jiesu/contracts';
import { newId } from '../../shared/ids.js';
import type { HookContext, HookRegistry } from '../tickets/hooks.js';
import { civilityRepository } from './repository.js';
import { quarterOf, quarterRange } from './ranking.js';
import { ensureCivilityRules, utcOffsetOf } from './service.js';

type Context = HookContext & { updated: unknown };

/** The households the event concerns. */
async function householdsOf(c: Context, trigger: CivilityTrigger): Promise<string[]> {
  const repo = civilityRepository(c.trx);
  if (trigger === 'deliberation_session') {
    const people = (c.input.participants as Array<{ name: string }> | undefined) ?? [];
    const names = [...new Set(people.map((p) => p.name.trim()).filter(Boolean))];
    const place = c.unitId ? await repo.unitPlacePath(c.tenantId, c.unitId) : undefined;
    if (!names.length || !place) return [];
    const rows = await repo.householdsByMemberName(c.tenantId, place, names);
    const byName = new Map<string, Set<string>>();
    for (const r of rows) byName.set(r.name, (byName.get(r.name) ?? new Set()).add(r.household_id));
    return [...new Set([...byName.values()].filter((s) => s.size === 1).flatMap((s) => [...s]))];
  }
  const phone = c.ticket.requester_phone;
  if (!phone || c.ticket.anonymous) return [];
  const rows = await repo.householdsByPhone(c.tenantId, phone);
  return rows.length === 1 ? [rows[0]!.household_id] : [];
}

function award(trigger: CivilityTrigger, reason: (c: Context) => string) {
  return {
    async after(c: Context) {
      const repo = civilityRepository(c.trx);
      await ensureCivilityRules(c.trx, c.tenantId, c.at);
      const rules = await repo.activeRulesFor(c.tenantId, trigger);
      if (!rules.length) return;
      const households = await householdsOf(c, trigger);
      if (!households.length) return;
      const offset = await utcOffsetOf(c.trx, c.tenantId);
      const range = quarterRange(quarterOf(c.at, offset), offset);
      for (const rule of rules) {
        const rows = [];
        for (const h of households) {
          if (
            rule.max_per_quarter !== null &&
            (await repo.countedInRange(h, rule.id, range)) >= rule.max_per_quarter
          )
            continue;
          rows.push({
            id: newId(),
            tenant_id: c.tenantId,
            household_id: h,
            rule_id: rule.id,
            points: rule.points,
            reason: reason(c),
            ticket_id: c.ticket.id,
            source: 'auto' as const,
            reverses_id: null,
            batch_id: null,
            recorded_by: c.actor?.userId ?? null,
            at: c.at,
          });
        }
        await repo.insertEntries(rows);
      }
    },
  };
}

export const civilityHooks: HookRegistry = {
  hold_session: [award('deliberation_session', (c) => `参加工单 ${c.ticket.code} 的村民议事`)],
  settle_deliberation: [
    award('deliberation_settled', (c) => `工单 ${c.ticket.code} 经群众评议化解`),
  ],
  accept: [
    {
      async after(c) {
        if (c.ticket.type !== 'report') return;
        await award('report_confirmed', (x) => `报告的问题经工单 ${x.ticket.code} 受理确认`).after(
          c,
        );
      },
    },
  ],
};
