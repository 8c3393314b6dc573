import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSITIONS, type TicketState } from '@jiesu/contracts';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { seedDemo } from './seed.js';
import { replay } from '../tickets/workflow.js';
import type { Ticket } from '../../db/schema.js';

let ctx: TestContext;
const tenantId = `demo${Math.random().toString(36).slice(2, 8)}`;
beforeAll(async () => {
  ctx = await createTestContext({ start: '2026-11-21T02:00:00Z' });
  await seedDemo(ctx.c.db, ctx.clock, {
    tickets: 600,
    days: 21,
    tenantId,
    usernamePrefix: `${tenantId}-`,
  });
}, 180_000);
afterAll(() => ctx.close());

describe('the demo district', () => {
  it('has the organisation the README promises', async () => {
    const levels = await ctx.c.db
      .selectFrom('jurisdictions')
      .select(['level', (eb) => eb.fn.countAll<string>().as('n')])
      .where('tenant_id', '=', tenantId)
      .groupBy('level')
      .execute();
    const n = Object.fromEntries(levels.map((l) => [l.level, Number(l.n)]));
    expect(n.township).toBe(3);
    expect(n.village).toBeGreaterThanOrEqual(18);
    expect(n.grid).toBeGreaterThanOrEqual(n.village!);
    const depts = await ctx.c.db
      .selectFrom('units')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', 'department')
      .execute();
    expect(depts.length).toBeGreaterThanOrEqual(8);
    const logins = await ctx.c.db
      .selectFrom('users')
      .select('username')
      .where('tenant_id', '=', tenantId)
      .execute();
    for (const l of [
      'admin',
      'dispatcher',
      'agent',
      'leader',
      'street',
      'village',
      'grid',
      'dept',
      'supervisor',
    ]) {
      expect(logins.map((u) => u.username)).toContain(`${tenantId}-${l}`);
    }
  });

  it('has tickets in every state, and each row is what its events replay to', async () => {
    const tickets = await ctx.c.db
      .selectFrom('tickets')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .execute();
    expect(tickets.length).toBe(600);
    const states = new Set(tickets.map((t) => t.state));
    for (const s of [
      'received',
      'dispatched',
      'accepted',
      'in_progress',
      'feedback_given',
      'replied',
      'awaiting_callback',
      'closed',
    ] as TicketState[]) {
      expect(states, s).toContain(s);
    }
    const events = await ctx.c.db
      .selectFrom('ticket_events')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('ticket_id')
      .orderBy('seq')
      .execute();
    const byTicket = new Map<string, typeof events>();
    for (const e of events) byTicket.set(e.ticket_id, [...(byTicket.get(e.ticket_id) ?? []), e]);
    for (const t of tickets) {
      const trail = byTicket.get(t.id)!;
      expect(trail[0]!.action).toBe('create');
      // Each event continues where the previous one ended, through a legal transition.
      for (let i = 1; i < trail.length; i++) {
        const e = trail[i]!;
        expect(e.seq).toBe(i + 1);
        expect(e.from_state).toBe(trail[i - 1]!.to_state);
        expect(TRANSITIONS.find((d) => d.action === e.action)!.from).toContain(e.from_state);
      }
      const snapshot = (trail[0]!.payload as { snapshot: Record<string, unknown> }).snapshot;
      const created = {
        ...snapshot,
        received_at: new Date(snapshot.received_at as string),
        updated_at: new Date(snapshot.updated_at as string),
        requester_name: t.requester_name,
        requester_phone: t.requester_phone,
      } as unknown as Ticket;
      const rebuilt = replay(created, trail.slice(1));
      expect(rebuilt).toEqual(t);
    }
  });
});
