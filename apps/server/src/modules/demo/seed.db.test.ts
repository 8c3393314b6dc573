import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDLING_STATES, TRANSITIONS, type TicketState } from '@jiesu/contracts';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { seedDemo } from './seed.js';
import { replay } from '../tickets/workflow.js';
import type { Ticket } from '../../db/schema.js';

let ctx: TestContext;
const tenantId = `demo${Math.random().toString(36).slice(2, 8)}`;
beforeAll(async () => {
  ctx = await createTestContext({ start: '2026-11-21T02:00:00Z' });
  await seedDemo(ctx.c.db, ctx.clock, {
    tickets: 900,
    days: 45,
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
    expect(tickets.length).toBe(900);
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

  it('looks like a working district on its today: old tickets closed, a few overdue', async () => {
    const DAY = 86_400_000;
    const now = ctx.clock.now().getTime();
    const tickets = await ctx.c.db
      .selectFrom('tickets')
      .select(['code', 'state', 'outcome', 'received_at', 'completion_due_at', 'reopen_count'])
      .where('tenant_id', '=', tenantId)
      .execute();
    const open = tickets.filter((t) => t.state !== 'closed');
    const closed = tickets.filter((t) => t.state === 'closed');
    expect(closed.length / tickets.length).toBeGreaterThan(0.75);

    // Past the time limit and two weeks more, a ticket is closed, but for a reopened hard case.
    const past = tickets.filter(
      (t) => t.completion_due_at !== null && t.completion_due_at.getTime() < now - 14 * DAY,
    );
    const stale = past.filter((t) => t.state !== 'closed');
    expect(past.length).toBeGreaterThan(300);
    expect(stale.length / past.length).toBeLessThan(0.01);
    expect(stale.filter((t) => t.reopen_count === 0).map((t) => t.code)).toEqual([]);
    const old = tickets.filter((t) => t.received_at.getTime() < now - 30 * DAY);
    expect(old.length).toBeGreaterThan(200);
    expect(old.filter((t) => t.state !== 'closed').length / old.length).toBeLessThan(0.01);
    expect(
      open.filter((t) => t.received_at.getTime() > now - 21 * DAY).length / open.length,
    ).toBeGreaterThan(0.9);

    // Overdue as the home pages count it: handling, past the completion deadline. A few.
    const overdue = open.filter(
      (t) =>
        HANDLING_STATES.includes(t.state) &&
        t.completion_due_at !== null &&
        t.completion_due_at.getTime() < now,
    );
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.length / open.length).toBeLessThan(0.08);

    // Solved mostly; some unsolved; consultations answered at intake.
    const outcomes = new Map<string | null, number>();
    for (const t of closed) outcomes.set(t.outcome, (outcomes.get(t.outcome) ?? 0) + 1);
    expect((outcomes.get('solved') ?? 0) / closed.length).toBeGreaterThan(0.8);
    expect(outcomes.get('unsolved') ?? 0).toBeGreaterThan(0);
    expect(outcomes.get('answered_at_intake') ?? 0).toBeGreaterThan(0);
    expect(closed.filter((t) => t.reopen_count > 0).length).toBeGreaterThan(0);
  });
});
