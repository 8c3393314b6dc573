// The requester's personal data: masked in every staff view, shown only
// through the reveal endpoint to those entitled (the centre; the unit handling
// the ticket unless it is confidential; never the unit complained about), and
// every such read logged in personal_data_reads. The event trail keeps none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  type DemoLogin,
  type District,
  type TestContext,
} from '../../../test/harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

// The requester of `d.newTicket()`.
const NAME = '王小明';
const PHONE = '13800138000';
const MASKED = { name: '王**', phone: '138****8000', masked: true };

async function reads(ticketId: string) {
  return ctx.c.db
    .selectFrom('personal_data_reads')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('id')
    .execute();
}

async function dispatched(d: District, overrides: Record<string, unknown>, leadUnitId: string) {
  const t = await d.newTicket(overrides);
  const res = await (await d.login('dispatcher')).act(t.id, 'dispatch', { leadUnitId });
  if (res.status !== 200) throw new Error(`dispatch failed: ${res.status}`);
  return res.body;
}

const reveal = async (d: District, who: DemoLogin, id: string, purpose?: string) =>
  (await d.login(who)).post(
    `/api/tickets/${id}/requester/reveal`,
    purpose === undefined ? {} : { purpose },
  );

const leaks = (value: unknown) => {
  const text = JSON.stringify(value);
  return text.includes(PHONE) || text.includes(NAME);
};

describe('masking', () => {
  it('masks the requester for everyone who can see the ticket: view, list and trail', async () => {
    const d = await ctx.newDistrict();
    const t = await dispatched(d, {}, d.units.vil1);
    const viewers: DemoLogin[] = [
      'admin',
      'dispatcher',
      'agent',
      'leader',
      'street',
      'village',
      'supervisor',
    ];
    for (const who of viewers) {
      const client = await d.login(who);
      const view = await client.get(`/api/tickets/${t.id}`);
      expect(view.status, who).toBe(200);
      expect(view.body.requester, who).toEqual({
        ...MASKED,
        anonymous: false,
        confidential: false,
      });
      expect(leaks(view.body), `${who} view`).toBe(false);
      const list = await client.get('/api/tickets');
      expect(list.body.items.map((i: { id: string }) => i.id)).toContain(t.id);
      expect(leaks(list.body), `${who} list`).toBe(false);
      const events = await client.get(`/api/tickets/${t.id}/events`);
      expect(events.body.length).toBeGreaterThan(0);
      expect(leaks(events.body), `${who} events`).toBe(false);
    }
    for (const who of ['grid', 'dept'] as DemoLogin[]) {
      expect((await (await d.login(who)).get(`/api/tickets/${t.id}`)).status, who).toBe(404);
    }
    // Looking is not reading: none of this was logged.
    expect(await reads(t.id)).toEqual([]);
  });
});

describe('revealing the requester', () => {
  it('shows the real name and phone to the centre and the handling village, one log row per read', async () => {
    const d = await ctx.newDistrict();
    const t = await dispatched(d, {}, d.units.vil1);
    const first = await reveal(d, 'dispatcher', t.id, '回访核实');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ name: NAME, phone: PHONE });
    expect((await reveal(d, 'dispatcher', t.id)).body).toEqual({ name: NAME, phone: PHONE });
    expect((await reveal(d, 'agent', t.id)).status).toBe(200);
    const village = await reveal(d, 'village', t.id, '上门核实情况');
    expect(village.status).toBe(200);
    expect(village.body).toEqual({ name: NAME, phone: PHONE });

    const rows = await reads(t.id);
    expect(rows.map((r) => [r.user_id, r.purpose])).toEqual([
      [d.users.dispatcher, '回访核实'],
      [d.users.dispatcher, null],
      [d.users.agent, null],
      [d.users.village, '上门核实情况'],
    ]);
    for (const r of rows) {
      expect(r).toMatchObject({ tenant_id: d.tenantId, ticket_id: t.id, fields: 'name,phone' });
      expect(r.at.toISOString()).toBe(ctx.clock.now().toISOString());
    }
    // The view stays masked after a reveal: it is not a switch.
    const view = await (await d.login('village')).get(`/api/tickets/${t.id}`);
    expect(view.body.requester).toMatchObject(MASKED);
  });

  it('refuses a unit that only oversees the ticket, and one that cannot see it, logging nothing', async () => {
    const d = await ctx.newDistrict();
    const t = await dispatched(d, {}, d.units.vil1);
    // The township sees its villages' tickets but does not handle this one.
    const street = await reveal(d, 'street', t.id);
    expect(street.status).toBe(403);
    expect(street.body.error.code).toBe('FORBIDDEN');
    for (const who of ['dept', 'grid'] as DemoLogin[]) {
      const res = await reveal(d, who, t.id);
      expect(res.status, who).toBe(404);
      expect(res.body.error.code).toBe('TICKET_NOT_FOUND');
    }
    expect(await reads(t.id)).toEqual([]);
  });

  it('never reveals to the unit complained about, even when it handles the ticket', async () => {
    const d = await ctx.newDistrict();
    const complaint = { type: 'complaint', subjectUnitId: d.units.vil1 };
    // Dispatched to the village itself: it sees the ticket but not who complained.
    const own = await dispatched(d, complaint, d.units.vil1);
    const village = await d.login('village');
    const view = await village.get(`/api/tickets/${own.id}`);
    expect(view.status).toBe(200);
    expect(view.body.subjectUnit).toEqual({ id: d.units.vil1, name: '东湖社区居委会' });
    expect(view.body.requester).toMatchObject(MASKED);
    expect(view.body.allowedActions).toContain('accept');
    const refused = await reveal(d, 'village', own.id, '想核实一下');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    expect(await reads(own.id)).toEqual([]);
    expect((await reveal(d, 'dispatcher', own.id)).status).toBe(200);
    expect((await reads(own.id)).map((r) => r.user_id)).toEqual([d.users.dispatcher]);

    // Dispatched to the township above it: the village does not even see the ticket,
    // while the township, which handles it and is not complained about, may reveal.
    const above = await dispatched(d, complaint, d.units.twp1);
    const hidden = await reveal(d, 'village', above.id);
    expect(hidden.status).toBe(404);
    expect((await reveal(d, 'street', above.id)).body).toEqual({ name: NAME, phone: PHONE });
    expect((await reads(above.id)).map((r) => r.user_id)).toEqual([d.users.street]);
  });

  it('reveals a confidential requester to the dispatch centre only', async () => {
    const d = await ctx.newDistrict();
    const t = await dispatched(
      d,
      { requester: { name: NAME, phone: PHONE, confidential: true } },
      d.units.vil1,
    );
    const view = await (await d.login('village')).get(`/api/tickets/${t.id}`);
    expect(view.body.requester).toEqual({ ...MASKED, anonymous: false, confidential: true });
    for (const who of ['village', 'leader', 'street', 'supervisor', 'admin'] as DemoLogin[]) {
      const res = await reveal(d, who, t.id);
      expect(res.status, who).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect(await reads(t.id)).toEqual([]);
    for (const who of ['dispatcher', 'agent'] as DemoLogin[]) {
      expect((await reveal(d, who, t.id)).body, who).toEqual({ name: NAME, phone: PHONE });
    }
    expect((await reads(t.id)).map((r) => r.user_id)).toEqual([d.users.dispatcher, d.users.agent]);
  });

  // The list's phone filter answers "is this number the requester?" for anyone who can
  // list the ticket; for a user who may not reveal the requester that is the same leak.
  it('does not let a unit that may not reveal the requester confirm a guessed phone', async () => {
    const d = await ctx.newDistrict();
    const complaint = await dispatched(
      d,
      { type: 'complaint', subjectUnitId: d.units.vil1 },
      d.units.vil1,
    );
    const confidential = await dispatched(
      d,
      { requester: { name: '孙女士', phone: '13600136000', confidential: true } },
      d.units.vil1,
    );
    const village = await d.login('village');
    for (const [t, phone] of [
      [complaint, PHONE],
      [confidential, '13600136000'],
    ] as const) {
      expect((await reveal(d, 'village', t.id)).status).toBe(403);
      const res = await village.get(`/api/tickets?phone=${phone}`);
      if (res.status === 200) {
        expect(res.body.items.map((i: { id: string }) => i.id)).not.toContain(t.id);
      } else {
        expect(res.status).toBe(403);
      }
    }
  });
});

describe('the event trail', () => {
  it('keeps no phone or name in the create event, or in any later event', async () => {
    const d = await ctx.newDistrict();
    const t = await d.ticketIn('awaiting_callback', {
      requester: { name: NAME, phone: '138 0013 8000' },
    });
    const events = await (await d.login('dispatcher')).get(`/api/tickets/${t.id}/events`);
    expect(events.body[0].action).toBe('create');
    expect(leaks(events.body)).toBe(false);
    expect(JSON.stringify(events.body)).not.toContain('138 0013 8000');

    // The stored payloads, not only what the API chooses to show.
    const rows = await ctx.c.db
      .selectFrom('ticket_events')
      .select(['action', 'payload'])
      .where('ticket_id', '=', t.id)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.action)).toEqual([
      'create',
      'dispatch',
      'accept',
      'start_handling',
      'give_feedback',
      'send_reply',
      'queue_callback',
    ]);
    const create = rows[0]!.payload as { snapshot: Record<string, unknown> };
    // The snapshot is there (replay needs it) but without the personal fields.
    expect(create.snapshot).toMatchObject({ id: t.id, title: t.title, state: 'received' });
    expect(Object.keys(create.snapshot)).not.toContain('requester_name');
    expect(Object.keys(create.snapshot)).not.toContain('requester_phone');
    for (const r of rows) {
      const text = JSON.stringify(r.payload);
      expect(text, r.action).not.toContain(PHONE);
      expect(text, r.action).not.toContain('138 0013 8000');
      expect(text, r.action).not.toContain(NAME);
    }
  });
});
