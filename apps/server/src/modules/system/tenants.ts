// Creating a tenant (a district): its row, the published national holiday
// table and default time limits. Administrators edit both afterwards.
import type { Kysely } from 'kysely';
import type { LimitUnit, Urgency } from '@jiesu/contracts';
import type { DB, TenantSettings } from '../../db/schema.js';
import { newId } from '../../shared/ids.js';
import { publishedChinaCalendar } from '../calendar/holidays.js';

export interface DefaultPolicy {
  urgency: Urgency | null;
  response: { amount: number; unit: LimitUnit };
  completion: { amount: number; unit: LimitUnit };
}

/**
 * Defaults after RULES.md: emergencies in 2 hours, urgent matters in a day,
 * general requests in 5 working days (Jinan and Weifang practice), signing
 * for a ticket within 2 working hours. Every tenant changes them as it needs.
 */
export const DEFAULT_POLICIES: DefaultPolicy[] = [
  {
    urgency: null,
    response: { amount: 2, unit: 'working_hours' },
    completion: { amount: 5, unit: 'working_days' },
  },
  {
    urgency: 'urgent',
    response: { amount: 1, unit: 'calendar_hours' },
    completion: { amount: 24, unit: 'calendar_hours' },
  },
  {
    urgency: 'emergency',
    response: { amount: 0.5, unit: 'calendar_hours' },
    completion: { amount: 2, unit: 'calendar_hours' },
  },
];

export async function createTenant(
  db: Kysely<DB>,
  t: { id: string; name: string; settings?: TenantSettings; now: Date; policies?: DefaultPolicy[] },
): Promise<void> {
  const policies = t.policies ?? DEFAULT_POLICIES;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('tenants')
      .values({
        id: t.id,
        name: t.name,
        settings: JSON.stringify(t.settings ?? {}),
        created_at: t.now,
      })
      .execute();
    const days = publishedChinaCalendar().map((d) => ({
      tenant_id: t.id,
      day: d.date,
      kind: d.kind,
      name: d.name ?? '',
    }));
    for (let i = 0; i < days.length; i += 500) {
      await trx
        .insertInto('calendar_days')
        .values(days.slice(i, i + 500))
        .execute();
    }
    if (policies.length === 0) return;
    await trx
      .insertInto('time_limit_policies')
      .values(
        policies.map((p) => ({
          id: newId(),
          tenant_id: t.id,
          category_id: null,
          urgency: p.urgency,
          response_amount: p.response.amount,
          response_unit: p.response.unit,
          completion_amount: p.completion.amount,
          completion_unit: p.completion.unit,
          updated_at: t.now,
        })),
      )
      .execute();
  });
}
