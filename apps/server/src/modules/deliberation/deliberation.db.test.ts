// 上交 and 下交群评 through the API: an escalation accepted and one refused; a
// delegation from proposal → sign-off → a session with a 5-member elders panel
// (4 or 11 refused) → a public notice residents read without the requester's
// identity → settled; the ledger's figures and the candidates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { extraLogin } from '../../../test/extra-users.js';
import type { District } from '../../../test/factories.js';
import { newId } from '../../shared/ids.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** The district's own government (区政府) and its leader. */
async function withDistrictGovernment(d: District) {
  const id = newId();
  await ctx.c.db
    .insertInto('units')
    .values({
      id,
      tenant_id: d.tenantId,
      jurisdiction_id: d.nodes.district,
      kind: 'government',
      key: 'district-gov',
      name: '测试区人民政府',
      phone: null,
    })
    .execute();
  (d.units as Record<string, string>)['districtGov'] = id;
  return {
    id,
    leader: await extraLogin(ctx, d, 'districtGov' as keyof District['units'], 'unit_leader'),
  };
}

const count = async (
  table:
    'escalations' | 'deliberations' | 'elder_panels' | 'deliberation_sessions' | 'public_notices',
  ticketId?: string,
) => {
  let q = ctx.c.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n'));
  if (ticketId && table !== 'elder_panels') q = q.where('ticket_id', '=', ticketId);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

const events = async (ticketId: string) =>
  ctx.c.db
    .selectFrom('ticket_events')
    .select(['action', 'payload', 'visibility'])
    .where('ticket_id', '=', ticketId)
    .orderBy('seq')
    .execute();

/** A ticket the township's street office leads and is handling. */
async function townshipTicket(d: District, overrides: Record<string, unknown> = {}) {
  const t = await d.newTicket(overrides);
  expect(
    (await (await d.login('dispatcher')).act(t.id, 'dispatch', { leadUnitId: d.units.twp1 }))
      .status,
  ).toBe(200);
  const street = await d.login('street');
  expect((await street.act(t.id, 'accept', {})).status).toBe(200);
  const res = await street.act(t.id, 'start_handling', {});
  expect(res.status).toBe(200);
  return res.body;
}

const ESCALATION = {
  reason: '小区供暖管网老化,需整体改造',
  tried: '街道已协调供热公司三次,临时抢修两次',
  needs: ['funds', 'departments'],
  needsNote: '改造资金约200万元',
};

const elders = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    name: `评议员${i + 1}`,
    kind: (['old_party_member', 'old_cadre', 'model_resident'] as const)[i % 3],
  }));

describe('escalation (上交/提级)', () => {
  it('a township escalates to the district; the centre accepts; the district leads and may whistle; the township keeps sight', async () => {
    const d = await ctx.newDistrict();
    const gov = await withDistrictGovernment(d);
    const t = await townshipTicket(d);
    const street = await d.login('street');

    // A department is not a government: it escalates nothing, and nothing is written.
    const deptTicket = await d.newTicket();
    await (
      await d.login('dispatcher')
    ).act(deptTicket.id, 'dispatch', { leadUnitId: d.units.dept });
    const dept = await d.login('dept');
    await dept.act(deptTicket.id, 'accept', {});
    const refused = await dept.act(deptTicket.id, 'escalate', ESCALATION);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('ESCALATION_NOT_ALLOWED');
    expect(await count('escalations', deptTicket.id)).toBe(0);

    const res = await street.act(t.id, 'escalate', ESCALATION);
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('in_progress');
    expect((await street.act(t.id, 'escalate', ESCALATION)).body.error.code).toBe(
      'ESCALATION_PENDING',
    );
    expect(await count('escalations', t.id)).toBe(1);

    // The township cannot review its own escalation; the centre reviews for the district.
    expect(
      (
        await (
          await d.login('leader')
        ).act(t.id, 'review_escalation', { verdict: 'accepted', note: '同意' })
      ).status,
    ).toBe(403);
    const dispatcher = await d.login('dispatcher');
    const view = await dispatcher.get(`/api/tickets/${t.id}`);
    expect(view.body.allowedActions).toContain('review_escalation');
    const inbox = await dispatcher.get('/api/escalations?box=to&state=pending');
    expect(inbox.body.items.map((e: { ticket: { id: string } }) => e.ticket.id)).toEqual([t.id]);

    const ok = await dispatcher.act(t.id, 'review_escalation', {
      verdict: 'accepted',
      note: '涉及资金和多部门,提级由区统筹',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.state).toBe('in_progress');
    expect(ok.body.leadUnit.id).toBe(gov.id);

    const panel = await street.get(`/api/tickets/${t.id}/deliberation`);
    expect(panel.status).toBe(200);
    expect(panel.body.escalations).toHaveLength(1);
    expect(panel.body.escalations[0]).toMatchObject({
      state: 'accepted',
      fromUnit: { id: d.units.twp1 },
      toUnit: { id: gov.id },
      needs: ['funds', 'departments'],
    });
    // Traceable: the township still sees it, and no longer handles it.
    const seen = await street.get(`/api/tickets/${t.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.allowedActions).not.toContain('give_feedback');
    // The district's government handles it and summons departments.
    const leadView = await gov.leader.get(`/api/tickets/${t.id}`);
    expect(leadView.body.allowedActions).toEqual(
      expect.arrayContaining(['give_feedback', 'blow_whistle']),
    );
    const whistle = await gov.leader.act(t.id, 'blow_whistle', {
      unitIds: [d.units.dept, d.units.dept2],
      topic: '供暖管网改造联合会商',
      dueHours: 24,
    });
    expect(whistle.status).toBe(200);

    const stats = await dispatcher.get('/api/escalations/stats');
    expect(stats.body.units).toEqual([
      {
        unit: { id: d.units.twp1, name: expect.any(String) },
        raised: 1,
        accepted: 1,
        refused: 0,
        pending: 0,
      },
    ]);
    // The requester's timeline says it went up, without staff names.
    const pub = await d.anonymous().get(`/api/public/requests/${t.code}?phone=13800138000`);
    expect(JSON.stringify(pub.body.timeline)).toContain('提级');
  });

  it('a village escalates to its township, which refuses with a reason: nothing moves', async () => {
    const d = await ctx.newDistrict();
    const t = await d.ticketIn('in_progress');
    const village = await d.login('village');
    const res = await village.act(t.id, 'escalate', { ...ESCALATION, needs: ['authority'] });
    expect(res.status).toBe(200);
    const leader = await d.login('leader');
    const box = await leader.get('/api/escalations?box=to');
    expect(box.body.items).toHaveLength(1);
    expect(box.body.items[0].toUnit.id).toBe(d.units.twp1);
    // The centre does not review what is addressed to a township.
    expect(
      (
        await (
          await d.login('dispatcher')
        ).act(t.id, 'review_escalation', { verdict: 'accepted', note: '同意' })
      ).status,
    ).toBe(403);
    const no = await leader.act(t.id, 'review_escalation', {
      verdict: 'refused',
      note: '属村级职责,街道派城建科指导',
    });
    expect(no.status).toBe(200);
    expect(no.body.state).toBe('in_progress');
    expect(no.body.leadUnit.id).toBe(d.units.vil1);
    const row = await ctx.c.db
      .selectFrom('escalations')
      .selectAll()
      .where('ticket_id', '=', t.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      state: 'refused',
      review_note: '属村级职责,街道派城建科指导',
      reviewed_unit_id: d.units.twp1,
    });
    // Reviewed once: a second review finds nothing pending.
    expect(
      (await leader.act(t.id, 'review_escalation', { verdict: 'accepted', note: '同意' })).status,
    ).toBe(403);
    const stats = await leader.get('/api/escalations/stats');
    expect(stats.body.units).toEqual([
      {
        unit: { id: d.units.vil1, name: expect.any(String) },
        raised: 1,
        accepted: 0,
        refused: 1,
        pending: 0,
      },
    ]);
    // A refusal changed nothing for the requester: their timeline does not show it.
    const pub = await d.anonymous().get(`/api/public/requests/${t.code}?phone=13800138000`);
    expect(pub.status).toBe(200);
    expect(pub.body.timeline.map((e: { action: string }) => e.action)).not.toContain(
      'review_escalation',
    );
    // And the village may ask again later.
    expect((await village.act(t.id, 'escalate', ESCALATION)).status).toBe(200);
  });

  it('a township with no district government to take it is told so, and nothing is written', async () => {
    const d = await ctx.newDistrict();
    const t = await townshipTicket(d);
    const res = await (await d.login('street')).act(t.id, 'escalate', ESCALATION);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ESCALATION_TARGET_MISSING');
    expect(await count('escalations', t.id)).toBe(0);
    expect((await events(t.id)).map((e) => e.action)).not.toContain('escalate');
  });
});

describe('elders panels (三老)', () => {
  it('refuses a panel of 4 or 11 members and keeps one of 5; only the village, its township or the centre keep it', async () => {
    const d = await ctx.newDistrict();
    const village = await d.login('village');
    const url = `/api/elder-panels/${d.units.vil1}`;
    const before = await count('elder_panels');
    for (const n of [4, 11]) {
      const res = await village.put(url, {
        termStart: '2026-01-01',
        termEnd: '2028-12-31',
        members: elders(n),
      });
      expect(res.status, `${n} members`).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.body.error.details)).toContain('/members');
    }
    expect(await count('elder_panels')).toBe(before);
    const ok = await village.put(url, {
      termStart: '2026-01-01',
      termEnd: '2028-12-31',
      members: elders(5),
    });
    expect(ok.status).toBe(200);
    expect(ok.body.members.map((m: { name: string }) => m.name)).toEqual(
      elders(5).map((m) => m.name),
    );
    // Another village's committee may not; the township's leader may (a new term supersedes).
    const other = await extraLogin(ctx, d, 'vil2', 'handler');
    expect(
      (await other.put(url, { termStart: '2026-01-01', termEnd: '2028-12-31', members: elders(6) }))
        .status,
    ).toBe(403);
    const next = await (
      await d.login('leader')
    ).put(url, { termStart: '2029-01-01', termEnd: '2031-12-31', members: elders(7) });
    expect(next.status).toBe(200);
    const list = await village.get('/api/elder-panels');
    const mine = list.body.items.find((x: { unit: { id: string } }) => x.unit.id === d.units.vil1);
    expect(mine.panel.members).toHaveLength(7);
    expect(mine.township.id).toBe(d.units.twp1);
    // Duplicate names and an end before the start are refused.
    const dup = elders(5);
    dup[4]!.name = dup[0]!.name;
    expect(
      (await village.put(url, { termStart: '2026-01-01', termEnd: '2028-12-31', members: dup }))
        .status,
    ).toBe(400);
    expect(
      (
        await village.put(url, {
          termStart: '2026-01-01',
          termEnd: '2025-12-31',
          members: elders(5),
        })
      ).status,
    ).toBe(400);
  });
});

describe('village deliberation (下交群评)', () => {
  it('goes from proposal through sign-off, a session, archiving and a public notice to settled', async () => {
    const d = await ctx.newDistrict();
    const t = await townshipTicket(d, { requester: { name: '赵桂兰', phone: '13911112222' } });
    const street = await d.login('street');
    let leader = await d.login('leader');
    let village = await d.login('village');

    // The village must be in the township of the lead unit.
    const far = await street.act(t.id, 'propose_deliberation', {
      basis: 'unsolved_not_escalable',
      villageUnitId: d.units.vil3,
      reason: '诉求人要求超出政策标准',
    });
    expect(far.status).toBe(400);
    expect(far.body.error.code).toBe('DELIBERATION_VILLAGE_INVALID');
    expect(await count('deliberations', t.id)).toBe(0);

    const proposed = await street.act(t.id, 'propose_deliberation', {
      basis: 'unsolved_not_escalable',
      villageUnitId: d.units.vil1,
      reason: '诉求人要求超出政策标准,多次答复仍不认可',
    });
    expect(proposed.status).toBe(200);
    expect(
      (
        await street.act(t.id, 'propose_deliberation', {
          basis: 'repeated_request',
          villageUnitId: d.units.vil1,
          reason: '再次提议下交',
        })
      ).body.error.code,
    ).toBe('DELIBERATION_PENDING');

    // The party committee (the township's leader) signs it off; a handler may not.
    expect(
      (await street.act(t.id, 'sign_off_deliberation', { verdict: 'signed', note: '同意' })).status,
    ).toBe(403);
    const signed = await leader.act(t.id, 'sign_off_deliberation', {
      verdict: 'signed',
      note: '同意下交东湖社区群评',
    });
    expect(signed.status).toBe(200);
    expect(signed.body.state).toBe('in_deliberation');
    expect(signed.body.holderUnit.id).toBe(d.units.vil1);
    // Off the handling clock: never overdue while on the ledger.
    ctx.clock.advance(40 * 86_400_000);
    village = await d.login('village', { fresh: true });
    leader = await d.login('leader', { fresh: true });
    expect((await village.get(`/api/tickets/${t.id}`)).body.overdue).toBe(false);

    const session = {
      heldAt: ctx.clock.now().toISOString(),
      place: '东湖社区党群服务中心',
      convenor: '社区党委书记',
      participants: [
        { name: '村民代表甲', kind: 'villager_representative' },
        { name: '网格员乙', kind: 'grid_worker' },
      ],
      matter: '诉求人要求小区单独加装电梯费用全部由政府承担',
      minutes: '评议团逐一发表意见,认为诉求超出政策标准,建议按加装电梯补贴政策申请补助。',
      finding: 'unreasonable',
      settlement: '按现行政策申请加装电梯补贴,社区协助办理手续',
      signatures: [{ name: '评议员1', signedAt: ctx.clock.now().toISOString() }],
    };
    // No panel yet.
    expect(
      (await village.act(t.id, 'hold_session', { ...session, panelMemberIds: [newId()] })).body
        .error.code,
    ).toBe('ELDERS_PANEL_MISSING');
    const panel = await village.put(`/api/elder-panels/${d.units.vil1}`, {
      termStart: '2026-01-01',
      termEnd: '2028-12-31',
      members: elders(5),
    });
    const ids = panel.body.members.map((m: { id: string }) => m.id);
    const stranger = await village.act(t.id, 'hold_session', {
      ...session,
      panelMemberIds: [ids[0], newId()],
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.code).toBe('PANEL_MEMBER_INVALID');
    expect(await count('deliberation_sessions', t.id)).toBe(0);

    const held = await village.act(t.id, 'hold_session', { ...session, panelMemberIds: ids });
    expect(held.status).toBe(200);
    const trail = await events(t.id);
    const sessionId = trail.find((e) => e.action === 'hold_session')!.payload.sessionId as string;
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);

    // Notice needs the archived record; settling needs the notice.
    expect(
      (
        await village.act(t.id, 'publish_notice', {
          sessionId,
          text: '经群众评议,该诉求超出政策标准,建议按补贴政策办理。',
        })
      ).body.error.code,
    ).toBe('SESSION_NOT_ARCHIVED');
    expect(
      (await village.act(t.id, 'settle_deliberation', { note: '诉求人接受评议结果' })).body.error
        .code,
    ).toBe('NOTICE_REQUIRED');
    expect((await village.act(t.id, 'archive_session', { sessionId })).status).toBe(200);
    expect((await village.act(t.id, 'archive_session', { sessionId })).body.error.code).toBe(
      'SESSION_ARCHIVED',
    );
    // Archived means immutable, in the database itself.
    await expect(
      ctx.c.db
        .updateTable('deliberation_sessions')
        .set({ minutes: '改过的记录' })
        .where('id', '=', sessionId)
        .execute(),
    ).rejects.toThrow(/archived/);

    const notice = await village.act(t.id, 'publish_notice', {
      sessionId,
      text: '经群众评议,该诉求超出政策标准,建议按补贴政策办理。',
    });
    expect(notice.status).toBe(200);
    // Residents read it on the village's board, without the requester's identity.
    const board = await d.anonymous().get(`/api/public/notices?place=${d.nodes.vil1}`);
    expect(board.status).toBe(200);
    expect(board.body.items).toHaveLength(1);
    expect(board.body.items[0]).toMatchObject({ finding: 'unreasonable', village: '东湖社区' });
    const shown = JSON.stringify(board.body);
    for (const secret of ['赵桂兰', '13911112222', '1391111', t.code])
      expect(shown).not.toContain(secret);
    expect(board.body.places.map((p: { id: string }) => p.id)).toEqual([d.nodes.vil1]);
    // The notice ends after the district's 7 days.
    const endsAt = new Date(board.body.items[0].endsAt).getTime();
    expect(endsAt - ctx.clock.now().getTime()).toBe(7 * 86_400_000);
    // The requester is told the outcome on their own page.
    const mine = await d.anonymous().get(`/api/public/requests/${t.code}?phone=13911112222`);
    expect(JSON.stringify(mine.body.timeline)).toContain('超出政策标准');

    const settled = await village.act(t.id, 'settle_deliberation', {
      note: '诉求人接受评议结果,签字确认',
    });
    expect(settled.status).toBe(200);
    expect(settled.body).toMatchObject({ state: 'closed', outcome: 'settled_by_deliberation' });

    const ledger = await leader.get('/api/deliberations');
    expect(ledger.body.items).toHaveLength(1);
    expect(ledger.body.items[0]).toMatchObject({
      state: 'settled',
      sessionCount: 1,
      ledgerDays: 40,
    });
    const stats = await leader.get('/api/deliberations/stats');
    expect(stats.body.townships).toEqual([
      expect.objectContaining({
        unit: { id: d.units.twp1, name: expect.any(String) },
        delegated: 1,
        settled: 1,
        settledRate: 1,
        sessions: 1,
      }),
    ]);
    expect(stats.body.villages[0]).toMatchObject({
      unit: { id: d.units.vil1 },
      settled: 1,
      settledRate: 1,
    });
    const xlsx = await leader.get('/api/deliberations/export');
    expect(xlsx.status).toBe(200);

    // After its days the notice comes down.
    ctx.clock.advance(8 * 86_400_000);
    expect((await d.anonymous().get('/api/public/notices')).body.items).toHaveLength(0);
  });

  it('a refused sign-off leaves the ticket with the unit, which may propose again; a case on the ledger may be escalated', async () => {
    const d = await ctx.newDistrict();
    const gov = await withDistrictGovernment(d);
    const t = await townshipTicket(d);
    const street = await d.login('street');
    const leader = await d.login('leader');
    const propose = {
      basis: 'unsolved_not_escalable',
      villageUnitId: d.units.vil2,
      reason: '诉求人要求超出政策标准',
    };
    expect((await street.act(t.id, 'propose_deliberation', propose)).status).toBe(200);
    const no = await leader.act(t.id, 'sign_off_deliberation', {
      verdict: 'refused',
      note: '尚未穷尽办理手段,继续办理',
    });
    expect(no.status).toBe(200);
    expect(no.body.state).toBe('in_progress');
    expect(no.body.holderUnit.id).toBe(d.units.twp1);
    expect((await street.act(t.id, 'propose_deliberation', propose)).status).toBe(200);
    expect(
      (await leader.act(t.id, 'sign_off_deliberation', { verdict: 'signed', note: '同意' })).status,
    ).toBe(200);

    expect((await street.act(t.id, 'escalate', ESCALATION)).status).toBe(200);
    const up = await (
      await d.login('dispatcher')
    ).act(t.id, 'review_escalation', { verdict: 'accepted', note: '提级办理' });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ state: 'in_progress', leadUnit: { id: gov.id } });
    // The refused sign-off was never delegated: the ledger counts one case, escalated.
    const stats = await leader.get('/api/deliberations/stats');
    expect(stats.body.townships).toEqual([
      expect.objectContaining({ delegated: 1, escalated: 1, settled: 0, settledRate: 0 }),
    ]);
    const rows = await ctx.c.db
      .selectFrom('deliberations')
      .select('state')
      .where('ticket_id', '=', t.id)
      .orderBy('proposed_at')
      .execute();
    expect(rows.map((r) => r.state).sort()).toEqual(['escalated', 'refused']);
  });

  it('proposes as candidates the same requester asking about the same matter N times (N from the settings)', async () => {
    const d = await ctx.newDistrict();
    const phone = '13700001111';
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await townshipTicket(d, { requester: { name: '钱多多', phone } })).id);
    const other = await townshipTicket(d, { requester: { name: '孙一', phone: '13700002222' } });
    const leader = await d.login('leader');
    const c1 = await leader.get('/api/deliberations/candidates');
    expect(c1.body.threshold).toBe(3);
    const found = c1.body.items.filter((x: { basis: string }) => x.basis === 'repeated_request');
    expect(found.map((x: { ticket: { id: string } }) => x.ticket.id).sort()).toEqual(
      [...ids].sort(),
    );
    expect(found.every((x: { repeatCount: number }) => x.repeatCount === 3)).toBe(true);
    expect(c1.body.items.map((x: { ticket: { id: string } }) => x.ticket.id)).not.toContain(
      other.id,
    );
    // No personal data in the candidate list.
    expect(JSON.stringify(c1.body)).not.toContain(phone);

    const admin = await d.login('admin');
    expect((await admin.patch('/api/admin/settings', { repeatThreshold: 4 })).status).toBe(200);
    const c2 = await leader.get('/api/deliberations/candidates');
    expect(c2.body.threshold).toBe(4);
    expect(
      c2.body.items.filter((x: { basis: string }) => x.basis === 'repeated_request'),
    ).toHaveLength(0);
  });
});
