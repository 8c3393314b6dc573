// The assessment's part in 派单: whether the ticket repeats a request of the same
// requester on the same matter (leaf category) received within the repeat window
// of the configuration in force, or whether intake recorded it as a repeat of a similar
// request of the requester (ticket_repeats: similar text and place). The answer is recorded on the dispatch event as
// `repeat: true`, so the rollups and the naive count read it from the trail.
import { sql } from 'kysely';
import type { HookRegistry } from '../tickets/hooks.js';
import { DEFAULT_CONFIG } from './formula.js';

export const assessmentHooks: HookRegistry = {
  dispatch: [
    {
      async prepare(c) {
        const t = c.ticket;
        if (!t.requester_phone) return;
        const received = new Date(t.received_at);
        const { rows } = await sql<{ repeat: boolean }>`
          SELECT EXISTS (
            SELECT 1 FROM tickets p
             WHERE p.tenant_id = ${c.tenantId} AND p.requester_phone = ${t.requester_phone}
               AND p.category_id = ${t.category_id} AND p.id <> ${t.id}
               AND p.received_at < ${received}
               AND p.received_at >= ${received}::timestamptz - make_interval(days => COALESCE(
                 (SELECT repeat_window_days FROM unit_assessment_configs
                   WHERE tenant_id = ${c.tenantId} AND effective_from <= ${received}::date
                   ORDER BY version DESC LIMIT 1), ${DEFAULT_CONFIG.repeatWindowDays}))
          ) OR EXISTS (
            -- [Insight] or intake found it repeats the requester's similar request (text and place).
            SELECT 1 FROM ticket_repeats r WHERE r.tenant_id = ${c.tenantId} AND r.ticket_id = ${t.id}
          ) AS repeat
        `.execute(c.trx);
        if (rows[0]?.repeat) return { repeat: true };
      },
    },
  ],
};
