// 直派街乡: a ticket dispatched straight to a township/street government is
// copied to the district government, which supervises it as a `watcher`: it
// sees the ticket but is offered no handling action (see tickets/policy.ts).
// The watcher follows the lead: a review that reassigns the ticket to a
// township adds it, one that reassigns it away from the townships ends it.
import type { Ticket } from '../../db/schema.js';
import type { HookContext, HookRegistry } from '../tickets/hooks.js';
import { ticketRepository } from '../tickets/repository.js';
import { routingRepository, type RoutingRepository } from './repository.js';
import { pathIds } from './resolve.js';

/** The active government unit of the district above a jurisdiction path, if any. */
async function districtGovernment(
  r: RoutingRepository,
  tenantId: string,
  path: string,
): Promise<string | null> {
  const ancestors = await r.jurisdictions(tenantId, pathIds(path));
  const district = ancestors.find((j) => j.level === 'district');
  if (!district) return null;
  const [gov] = await r.governmentsAt(tenantId, [district.id]);
  return gov?.id ?? null;
}

/** Whether the unit is the government of a township or street (街乡镇). */
async function townshipGovernment(r: RoutingRepository, tenantId: string, unitId: string) {
  const u = await r.unitPlace(tenantId, unitId);
  return u && u.kind === 'government' && u.level === 'township' ? u : null;
}

async function syncDistrictWatcher(c: HookContext & { updated: Ticket }): Promise<void> {
  const r = routingRepository(c.trx);
  const tickets = ticketRepository(c.trx);
  const lead = c.updated.lead_unit_id;
  if (!lead) return;
  const township = await townshipGovernment(r, c.tenantId, lead);
  if (township) {
    const district = await districtGovernment(r, c.tenantId, township.path);
    if (!district || district === lead) return;
    await tickets.ensureAssignment(c.tenantId, c.ticket.id, district, 'watcher', c.at);
    return;
  }
  // Reassigned away from the townships: the reason to watch has gone.
  const place = (await r.jurisdictions(c.tenantId, [c.ticket.jurisdiction_id]))[0];
  const district = place ? await districtGovernment(r, c.tenantId, place.path) : null;
  if (district) {
    await tickets.endAssignments(c.ticket.id, c.at, { unitIds: [district], role: 'watcher' });
  }
}

export const routingHooks: HookRegistry = {
  dispatch: [{ after: syncDistrictWatcher }],
  review_objection: [
    {
      after: async (c) => {
        if (c.updated.lead_unit_id !== c.ticket.lead_unit_id) await syncDistrictWatcher(c);
      },
    },
  ],
};
