// 共性问题专项 through the API: a project gathers 20 tickets in various states,
// one batch reply answers exactly those waiting for an answer (the residents see
// it on their follow page), links are refused twice, on a closed project and to
// anyone but the centre, and the monthly volume before and after is counted in
// the tenant's local months over the project's category and place subtrees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { zhCN } from '@jiesu/contracts';
import { createTestContext, type District, type TestContext } from '../../../test/harness.js';
import { PASSWORD } from '../../../test/factories.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const START = '2026-11-02T01:00:00Z';
const PHONE = '13800138000'; // the factories' requester

function projectBody(d: District, extra: Record<string, unknown> = {}) {
  return {
    title: '东城街道路灯集中整治',
    problem: '东城街道多个社区反映路灯损坏、夜间照明不足,诉求反复出现。',
    ownerUnitId: d.units.twp1,
    categoryId: d.categories.leaf,
    jurisdictionId: d.nodes.twp1,
    plan: '摸排全部路灯,分批更换老旧灯具,建立巡查机制。',
    budgetNote: '街道专项经费约 30 万元',
    monthlyTopic: '2026-11',
    startsOn: '2026-11-01',
    dueOn: '2026-12-31',
    milestones: [{ title: '完成摸排', dueOn: '2026-11-15' }, { title: '完成更换' }],
    ...extra,
  };
}

async function projectRows(d: District) {
  return ctx.c.db.selectFrom('projects').selectAll().where('tenant_id', '=', d.tenantId).execute();
}

async function linkRows(d: District) {
  return ctx.c.db
    .selectFrom('project_tickets')
    .selectAll()
    .where('tenant_id', '=', d.tenantId)
    .execute();
}

async function events(ticketId: string) {
  return ctx.c.db
    .selectFrom('ticket_events')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('seq')
    .execute();
}

async function closedTicket(d: District) {
  const t = await d.ticketIn('awaiting_callback');
  const res = await (
    await d.login('agent')
  ).act(t.id, 'record_callback', { solved: true, satisfaction: 'satisfied' });
  expect(res.status).toBe(200);
  expect(res.body.state).toBe('closed');
  return res.body;
}

describe('a project with 20 linked tickets and a batch reply', () => {
  it('links 20 tickets, answers exactly the waiting ones, and the residents see the reply', async () => {
    ctx.clock.set(START);
    const d = await ctx.newDistrict();
    const dispatcher = await d.login('dispatcher');
    const created = await dispatcher.post('/api/projects', projectBody(d));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const p = created.body;
    expect(p).toMatchObject({
      ownerUnit: { id: d.units.twp1 },
      category: { id: d.categories.leaf },
      jurisdiction: { id: d.nodes.twp1 },
      state: 'active',
      monthlyTopic: '2026-11',
      startsOn: '2026-11-01',
      dueOn: '2026-12-31',
      linkedCount: 0,
      milestonesTotal: 2,
      milestonesDone: 0,
      version: 1,
      canEdit: true,
      canLink: true,
      canReply: true,
    });
    expect(p.milestones.map((x: { title: string }) => x.title)).toEqual(['完成摸排', '完成更换']);

    // 20 tickets in every stage of the loop, two of them closed.
    const plan: Array<[string, number]> = [
      ['received', 3],
      ['dispatched', 4],
      ['accepted', 3],
      ['in_progress', 3],
      ['feedback_given', 3],
      ['replied', 1],
      ['awaiting_callback', 1],
    ];
    const tickets: Array<{ id: string; code: string; state: string }> = [];
    for (const [state, n] of plan) {
      for (let i = 0; i < n; i++) tickets.push(await d.ticketIn(state));
    }
    tickets.push(await closedTicket(d), await closedTicket(d));
    expect(tickets).toHaveLength(20);
    const ids = tickets.map((t) => t.id);

    const linked = await dispatcher.post(`/api/projects/${p.id}/tickets`, { ticketIds: ids });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(linked.body).toMatchObject({ ok: 20, failed: 0 });
    expect(linked.body.results.map((r: { ticketId: string }) => r.ticketId)).toEqual(ids);
    expect(linked.body.results.map((r: { code: string }) => r.code)).toEqual(
      tickets.map((t) => t.code),
    );
    expect((await linkRows(d)).map((r) => r.ticket_id).sort()).toEqual([...ids].sort());
    // Each link is the ticket's own event, internal, naming the project.
    const linkEvent = (await events(ids[0]!)).at(-1)!;
    expect(linkEvent).toMatchObject({
      action: 'link_project',
      visibility: 'internal',
      actor_user_id: d.users.dispatcher,
      actor_unit_id: d.units.centre,
    });
    expect(linkEvent.payload).toMatchObject({ projectId: p.id, projectTitle: p.title });
    // Linking changes no ticket's state.
    for (const t of tickets) {
      expect((await dispatcher.get(`/api/tickets/${t.id}`)).body.state).toBe(t.state);
    }

    const view = (await dispatcher.get(`/api/projects/${p.id}`)).body;
    expect(view).toMatchObject({ linkedCount: 20, openLinkedCount: 18 });
    const ofTicket = await dispatcher.get(`/api/tickets/${ids[5]}/projects`);
    expect(ofTicket.status).toBe(200);
    expect(ofTicket.body).toEqual([
      expect.objectContaining({ id: p.id, title: p.title, ownerUnit: expect.any(Object) }),
    ]);

    // The linked tickets as the ticket list shows them: no requester data.
    const list = await dispatcher.get(`/api/projects/${p.id}/tickets?pageSize=50`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(20);
    expect(list.body.items.map((t: { id: string }) => t.id).sort()).toEqual([...ids].sort());
    expect(JSON.stringify(list.body)).not.toContain(PHONE);
    expect(JSON.stringify(list.body)).not.toContain('王小明');
    expect(list.body.items[0]).not.toHaveProperty('requester');
    const paged = await dispatcher.get(`/api/projects/${p.id}/tickets?pageSize=8&page=3`);
    expect(paged.body).toMatchObject({ total: 20, page: 3, pageSize: 8 });
    expect(paged.body.items).toHaveLength(4);

    // A unit sees the project through its tickets, and only the tickets it may see:
    // the village committee leads every dispatched one, not the 3 still received.
    const village = await d.login('village');
    expect((await village.get(`/api/projects/${p.id}`)).body.canLink).toBe(false);
    expect((await village.get(`/api/projects/${p.id}/tickets?pageSize=50`)).body.total).toBe(17);
    expect(
      (await village.get('/api/projects')).body.items.map((x: { id: string }) => x.id),
    ).toEqual([p.id]);
    // A department with none of them does not see the project at all.
    const dept = await d.login('dept');
    expect((await dept.get(`/api/projects/${p.id}`)).status).toBe(404);
    expect((await dept.get(`/api/projects/${p.id}/tickets`)).status).toBe(404);
    expect((await dept.get('/api/projects')).body.total).toBe(0);

    // The one reply.
    const before = new Map<string, number>();
    for (const id of ids) before.set(id, (await events(id)).length);
    const text = '经街道统一摸排,辖区损坏路灯已于本月全部更换完毕,感谢您的反映。';
    const replied = await dispatcher.post(`/api/projects/${p.id}/reply`, { text, channel: 'sms' });
    expect(replied.status, JSON.stringify(replied.body)).toBe(200);
    const waiting = tickets.filter((t) =>
      ['dispatched', 'accepted', 'in_progress', 'feedback_given'].includes(t.state),
    );
    expect(waiting).toHaveLength(13);
    expect(replied.body).toMatchObject({
      replied: 13,
      failed: 0,
      skipped: 7,
      skippedByState: { received: 3, replied: 1, awaiting_callback: 1, closed: 2 },
    });
    expect(replied.body.results.map((r: { ticketId: string }) => r.ticketId).sort()).toEqual(
      waiting.map((t) => t.id).sort(),
    );
    expect(replied.body.results.every((r: { ok: boolean }) => r.ok)).toBe(true);

    for (const t of tickets) {
      const now = (await dispatcher.get(`/api/tickets/${t.id}`)).body;
      const evs = await events(t.id);
      if (waiting.includes(t)) {
        expect(now.state).toBe('replied');
        expect(now.repliedAt).toBe(ctx.clock.now().toISOString());
        // The unit's feedback is kept where given, else the reply stands for it.
        expect(now.feedbackAt).not.toBeNull();
        expect(evs).toHaveLength(before.get(t.id)! + 1);
        expect(evs.at(-1)).toMatchObject({
          action: 'reply_by_project',
          from_state: t.state,
          to_state: 'replied',
          visibility: 'public',
          payload: { projectId: p.id, text, channel: 'sms', projectTitle: p.title },
        });
      } else {
        // Untouched: same state, no event.
        expect(now.state).toBe(t.state);
        expect(evs).toHaveLength(before.get(t.id)!);
      }
    }
    expect((await dispatcher.get(`/api/projects/${p.id}`)).body.openLinkedCount).toBe(18);

    // The resident follows a replied ticket with code and phone and reads the reply.
    const resident = d.anonymous();
    const follow = await resident.get(`/api/public/requests/${waiting[0]!.code}?phone=${PHONE}`);
    expect(follow.status).toBe(200);
    expect(follow.body.state).toBe('replied');
    expect(follow.body.timeline.at(-1)).toMatchObject({
      action: 'reply_by_project',
      label: zhCN.action.reply_by_project,
      text,
    });
    // Their own link to the project is internal: not on the resident's page.
    expect(follow.body.timeline.some((e: { action: string }) => e.action === 'link_project')).toBe(
      false,
    );
    const skippedOne = tickets.find((t) => t.state === 'received')!;
    const other = await resident.get(`/api/public/requests/${skippedOne.code}?phone=${PHONE}`);
    expect(other.body.timeline.some((e: { text: string | null }) => e.text === text)).toBe(false);

    // A second reply finds nothing waiting.
    const again = await dispatcher.post(`/api/projects/${p.id}/reply`, { text, channel: 'web' });
    expect(again.body).toMatchObject({ replied: 0, failed: 0, skipped: 20, results: [] });
  });
});

describe('refusals', () => {
  it('linking twice is 409 and writes nothing more', async () => {
    ctx.clock.set(START);
    const d = await ctx.newDistrict();
    const dispatcher = await d.login('dispatcher');
    const p = (await dispatcher.post('/api/projects', projectBody(d))).body;
    const t1 = await d.ticketIn('dispatched');
    const t2 = await d.ticketIn('dispatched');
    expect(
      (await dispatcher.post(`/api/projects/${p.id}/tickets`, { ticketIds: [t1.id] })).body.ok,
    ).toBe(1);
    const n1 = (await events(t1.id)).length;

    const twice = await dispatcher.post(`/api/projects/${p.id}/tickets`, {
      ticketIds: [t1.id, t2.id],
    });
    expect(twice.status).toBe(200);
    expect(twice.body).toMatchObject({ ok: 1, failed: 1 });
    expect(twice.body.results[0]).toMatchObject({
      ticketId: t1.id,
      ok: false,
      status: 409,
      error: { code: 'PROJECT_ALREADY_LINKED' },
    });
    const direct = await dispatcher.act(t1.id, 'link_project', { projectId: p.id });
    expect(direct.status).toBe(409);
    expect(direct.body.error.code).toBe('PROJECT_ALREADY_LINKED');
    expect((await events(t1.id)).length).toBe(n1);
    expect((await linkRows(d)).map((r) => r.ticket_id).sort()).toEqual([t1.id, t2.id].sort());

    // Unknown project: 404 on the ticket action, nothing written.
    const n2 = (await events(t2.id)).length;
    const unknown = await dispatcher.act(t2.id, 'link_project', {
      projectId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('PROJECT_NOT_FOUND');
    expect((await events(t2.id)).length).toBe(n2);

    // A reply through a project the ticket is not in.
    const p2 = (await dispatcher.post('/api/projects', projectBody(d, { title: '另一个专项' })))
      .body;
    const stray = await dispatcher.act(t2.id, 'reply_by_project', {
      projectId: p2.id,
      text: '统一答复的内容',
      channel: 'sms',
    });
    expect(stray.status).toBe(409);
    expect(stray.body.error.code).toBe('PROJECT_NOT_LINKED');
    expect((await dispatcher.get(`/api/tickets/${t2.id}`)).body.state).toBe('dispatched');

    // Unlinking: the linked one goes, with its event; one not linked is refused.
    const unlinked = await dispatcher.post(`/api/projects/${p.id}/tickets/unlink`, {
      ticketIds: [t2.id],
      reason: '经核实不属于路灯问题',
    });
    expect(unlinked.body).toMatchObject({ ok: 1, failed: 0 });
    expect((await events(t2.id)).at(-1)).toMatchObject({
      action: 'unlink_project',
      reason: '经核实不属于路灯问题',
      payload: { projectId: p.id, projectTitle: p.title },
    });
    expect((await linkRows(d)).map((r) => r.ticket_id)).toEqual([t1.id]);
    const notLinked = await dispatcher.post(`/api/projects/${p.id}/tickets/unlink`, {
      ticketIds: [t2.id],
      reason: '再次移出',
    });
    expect(notLinked.body.results[0]).toMatchObject({
      ok: false,
      status: 409,
      error: { code: 'PROJECT_NOT_LINKED' },
    });
  });

  it('a closed project refuses links; a stale edit is 409', async () => {
    ctx.clock.set(START);
    const d = await ctx.newDistrict();
    const dispatcher = await d.login('dispatcher');
    const p = (await dispatcher.post('/api/projects', projectBody(d))).body;
    const t = await d.ticketIn('dispatched');

    const done = await dispatcher.patch(`/api/projects/${p.id}`, {
      expectedVersion: 1,
      state: 'completed',
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({
      state: 'completed',
      version: 2,
      completedAt: START.replace('Z', '.000Z'),
      canLink: false,
    });
    const stale = await dispatcher.patch(`/api/projects/${p.id}`, {
      expectedVersion: 1,
      title: '改名',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect((await projectRows(d))[0]).toMatchObject({ title: p.title, version: 2 });

    const n = (await events(t.id)).length;
    const refused = await dispatcher.post(`/api/projects/${p.id}/tickets`, { ticketIds: [t.id] });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('PROJECT_CLOSED');
    const direct = await dispatcher.act(t.id, 'link_project', { projectId: p.id });
    expect(direct.status).toBe(409);
    expect(direct.body.error.code).toBe('PROJECT_CLOSED');
    expect(await linkRows(d)).toEqual([]);
    expect((await events(t.id)).length).toBe(n);

    // Reopened, it links again; cancelled, it refuses the reply too.
    const reopened = await dispatcher.patch(`/api/projects/${p.id}`, {
      expectedVersion: 2,
      state: 'active',
    });
    expect(reopened.body).toMatchObject({ state: 'active', completedAt: null });
    expect(
      (await dispatcher.post(`/api/projects/${p.id}/tickets`, { ticketIds: [t.id] })).body.ok,
    ).toBe(1);
    await dispatcher.patch(`/api/projects/${p.id}`, { expectedVersion: 3, state: 'cancelled' });
    const reply = await dispatcher.post(`/api/projects/${p.id}/reply`, {
      text: '统一答复的内容',
      channel: 'sms',
    });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('PROJECT_CLOSED');
    expect((await dispatcher.get(`/api/tickets/${t.id}`)).body.state).toBe('dispatched');
  });

  it('only the centre links and replies; a unit leader runs its own unit’s project', async () => {
    ctx.clock.set(START);
    const d = await ctx.newDistrict();
    const dispatcher = await d.login('dispatcher');
    const leader = await d.login('leader'); // twp1's unit leader
    const street = await d.login('street'); // twp1's handler
    const t = await d.ticketIn('dispatched', {});

    // The leader creates a project for its own unit, not for another.
    const own = await leader.post('/api/projects', projectBody(d));
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(own.body).toMatchObject({ canEdit: true, canLink: false, canReply: false });
    const other = await leader.post('/api/projects', projectBody(d, { ownerUnitId: d.units.dept }));
    expect(other.status).toBe(403);
    expect((await street.post('/api/projects', projectBody(d))).status).toBe(403);
    expect(await projectRows(d)).toHaveLength(1);
    const p = own.body;

    // It edits and ticks off milestones, but may not hand the project to another unit.
    const edited = await leader.patch(`/api/projects/${p.id}`, {
      expectedVersion: 1,
      plan: '分三批更换',
    });
    expect(edited.status).toBe(200);
    const handOver = await leader.patch(`/api/projects/${p.id}`, {
      expectedVersion: 2,
      ownerUnitId: d.units.twp2,
    });
    expect(handOver.status).toBe(403);
    const m1 = p.milestones[0].id;
    const ticked = await leader.patch(`/api/projects/${p.id}/milestones/${m1}`, { done: true });
    expect(ticked.status).toBe(200);
    expect(ticked.body.milestones[0].doneAt).toBe(ctx.clock.now().toISOString());
    expect(ticked.body.milestonesDone).toBe(1);
    const added = await leader.post(`/api/projects/${p.id}/milestones`, {
      title: '建立巡查机制',
      dueOn: '2026-12-20',
    });
    expect(added.body.milestones.map((x: { title: string }) => x.title)).toEqual([
      '完成摸排',
      '完成更换',
      '建立巡查机制',
    ]);
    const untick = await leader.patch(`/api/projects/${p.id}/milestones/${m1}`, { done: false });
    expect(untick.body.milestones[0].doneAt).toBeNull();
    // The handler of the same unit reads, but does not edit.
    expect((await street.get(`/api/projects/${p.id}`)).body.canEdit).toBe(false);
    expect(
      (await street.patch(`/api/projects/${p.id}/milestones/${m1}`, { done: true })).status,
    ).toBe(403);

    // Linking and the reply belong to the centre: 403 and nothing written.
    const n = (await events(t.id)).length;
    const link = await leader.post(`/api/projects/${p.id}/tickets`, { ticketIds: [t.id] });
    expect(link.status).toBe(403);
    expect((await leader.act(t.id, 'link_project', { projectId: p.id })).status).toBe(403);
    const village = await d.login('village');
    expect((await village.act(t.id, 'link_project', { projectId: p.id })).status).toBe(403);
    expect(await linkRows(d)).toEqual([]);
    expect((await events(t.id)).length).toBe(n);
    expect(
      (await leader.post(`/api/projects/${p.id}/reply`, { text: '统一答复内容', channel: 'sms' }))
        .status,
    ).toBe(403);

    // The supervisor links; the agent does not.
    const agent = await d.login('agent');
    expect((await agent.post(`/api/projects/${p.id}/tickets`, { ticketIds: [t.id] })).status).toBe(
      403,
    );
    const supervisor = await d.login('supervisor');
    expect(
      (await supervisor.post(`/api/projects/${p.id}/tickets`, { ticketIds: [t.id] })).body.ok,
    ).toBe(1);
    expect((await dispatcher.get(`/api/projects/${p.id}`)).body.linkedCount).toBe(1);
  });

  it('bad input is 400 and writes nothing', async () => {
    ctx.clock.set(START);
    const d = await ctx.newDistrict();
    const dispatcher = await d.login('dispatcher');
    const bad: Array<[string, Record<string, unknown>]> = [
      ['no title', { title: undefined }],
      ['unknown field', { colour: 'red' }],
      ['bad month', { monthlyTopic: '2026-13' }],
      ['not a day', { startsOn: '2026-02-30' }],
      ['due before start', { dueOn: '2026-10-01' }],
      ['unknown category', { categoryId: '00000000-0000-4000-8000-000000000000' }],
      ['unknown place', { jurisdictionId: '00000000-0000-4000-8000-000000000000' }],
      ['unknown unit', { ownerUnitId: '00000000-0000-4000-8000-000000000000' }],
      ['bad state', { state: 'completed' }],
      [
        'too many milestones',
        { milestones: Array.from({ length: 31 }, () => ({ title: '节点' })) },
      ],
    ];
    for (const [what, patch] of bad) {
      const res = await dispatcher.post('/api/projects', projectBody(d, patch));
      expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error.details?.length ?? 0, what).toBeGreaterThan(0);
    }
    expect(await projectRows(d)).toEqual([]);

    const p = (await dispatcher.post('/api/projects', projectBody(d))).body;
    const t = await d.ticketIn('dispatched');
    const badLinks = [
      { ticketIds: [] },
      { ticketIds: ['not-a-uuid'] },
      { ticketIds: [t.id, t.id] },
      { ticketIds: Array.from({ length: 501 }, () => t.id) },
      { ticketIds: [t.id], extra: 1 },
    ];
    for (const body of badLinks) {
      expect((await dispatcher.post(`/api/projects/${p.id}/tickets`, body)).status).toBe(400);
    }
    expect(await linkRows(d)).toEqual([]);
    await dispatcher.post(`/api/projects/${p.id}/tickets`, { ticketIds: [t.id] });
    const n = (await events(t.id)).length;
    for (const body of [
      { text: '短', channel: 'sms' },
      { text: '统一答复的内容', channel: 'fax' },
      { text: '统一答复的内容' },
    ]) {
      expect((await dispatcher.post(`/api/projects/${p.id}/reply`, body)).status).toBe(400);
    }
    expect((await events(t.id)).length).toBe(n);
    expect((await dispatcher.get(`/api/tickets/${t.id}`)).body.state).toBe('dispatched');

    const m1 = p.milestones[0].id;
    expect((await dispatcher.patch(`/api/projects/${p.id}/milestones/${m1}`, {})).status).toBe(400);
    expect(
      (await dispatcher.patch(`/api/projects/${p.id}`, { title: '没有版本号的修改' })).status,
    ).toBe(400);
    expect(
      (await dispatcher.patch(`/api/projects/${p.id}`, { expectedVersion: 1, dueOn: '2026-01-01' }))
        .status,
    ).toBe(400);
    expect((await dispatcher.post(`/api/projects/${p.id}/milestones`, { title: 'x' })).status).toBe(
      400,
    );
    expect(
      (
        await dispatcher.patch(
          `/api/projects/${p.id}/milestones/00000000-0000-4000-8000-000000000000`,
          { done: true },
        )
      ).status,
    ).toBe(404);
    const after = (await dispatcher.get(`/api/projects/${p.id}`)).body;
    expect(after).toMatchObject({ version: 1, dueOn: '2026-12-31', milestonesDone: 0 });
    expect(after.milestones).toHaveLength(2);
    expect((await dispatcher.get('/api/projects?monthlyTopic=2026-1')).status).toBe(400);
    expect((await dispatcher.get('/api/projects?sort=title')).status).toBe(400);
  });
});

describe('volume before and after', () => {
  it('counts the tickets of the category and place subtrees per local month', async () => {
    ctx.clock.set(START);
    const d = await ctx.newDistrict();
    // Tickets at chosen instants: set the clock, sign in again (sessions last 12 hours), enter.
    const at = async (when: string, overrides: Record<string, unknown> = {}) => {
      ctx.clock.set(when);
      await d.login('agent', { fresh: true });
      return d.newTicket(overrides);
    };
    const perMonth: Record<string, number> = {
      '2025-12': 2,
      '2026-01': 3,
      '2026-02': 2,
      '2026-03': 3,
      '2026-04': 2,
      '2026-05': 3,
      '2026-06': 2, // the start month
      '2026-07': 1,
      '2026-08': 0,
      '2026-09': 1,
      '2026-10': 0,
      '2026-11': 1, // this month, not complete
    };
    // Local month boundaries (UTC+8): 16:30Z on 30 Nov is 1 Dec in Beijing; 15:59Z on 31 May is still May.
    await at('2025-11-30T16:30:00Z');
    await at('2025-11-30T15:30:00Z'); // 30 Nov local: before the window
    await at('2026-05-31T15:59:00Z');
    const placed = { '2025-12': 1, '2026-05': 1 } as Record<string, number>;
    // Both leaves under the root category, both villages of the township.
    let k = 0;
    for (const [month, n] of Object.entries(perMonth)) {
      for (let i = placed[month] ?? 0; i < n; i++) {
        const leaf = k % 2 ? d.categories.other : d.categories.leaf;
        const place = k % 3 ? d.nodes.vil1 : d.nodes.vil2;
        k++;
        await at(`${month}-${String(1 + i).padStart(2, '0')}T04:00:00Z`, {
          categoryId: leaf,
          jurisdictionId: place,
        });
      }
    }
    // Outside the problem: another category in the township, the category in another township.
    await at('2026-01-20T04:00:00Z', { categoryId: d.categories.heating });
    await at('2026-02-20T04:00:00Z', { jurisdictionId: d.nodes.vil3 });

    ctx.clock.set(START);
    const dispatcher = await d.login('dispatcher', { fresh: true });
    const p = (
      await dispatcher.post(
        '/api/projects',
        projectBody(d, {
          categoryId: d.categories.root,
          startsOn: '2026-06-15',
          monthlyTopic: '2026-06',
        }),
      )
    ).body;
    const v = await dispatcher.get(`/api/projects/${p.id}/volume`);
    expect(v.status, JSON.stringify(v.body)).toBe(200);
    const periods = [
      ...Array(6).fill('before'),
      'start',
      'after',
      'after',
      'after',
      'after',
      'current',
    ];
    expect(v.body.months).toEqual(
      Object.entries(perMonth).map(([month, count], i) => ({ month, count, period: periods[i] })),
    );
    // Baseline 15 over 6 months = 2.5; after 2 over 4 months = 0.5: down 80%.
    expect(v.body).toMatchObject({ beforeAvg: 2.5, afterAvg: 0.5, changePct: -80 });
    expect(v.body.basis).toContain('2025-12 至 2026-05');
    expect(v.body.basis).toContain('2026-07 至 2026-10');
    expect(v.body.basis).toContain('城乡建设');
    expect(v.body.basis).toContain('东城街道');

    // Narrower: only the leaf category in one village.
    const narrow = await dispatcher.patch(`/api/projects/${p.id}`, {
      expectedVersion: 1,
      categoryId: d.categories.leaf,
      jurisdictionId: d.nodes.vil2,
    });
    expect(narrow.status).toBe(200);
    const nv = (await dispatcher.get(`/api/projects/${p.id}/volume`)).body;
    const rows = await ctx.c.db
      .selectFrom('tickets')
      .select(['received_at'])
      .where('tenant_id', '=', d.tenantId)
      .where('category_id', '=', d.categories.leaf)
      .where('jurisdiction_id', '=', d.nodes.vil2)
      .execute();
    const expected = new Map<string, number>();
    for (const r of rows) {
      const local = new Date(r.received_at.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
      expected.set(local, (expected.get(local) ?? 0) + 1);
    }
    for (const x of nv.months) expect(x.count, x.month).toBe(expected.get(x.month) ?? 0);
    expect(nv.months.reduce((s: number, x: { count: number }) => s + x.count, 0)).toBeGreaterThan(
      0,
    );

    // A project starting this month has no complete month after: no change yet.
    const fresh = (await dispatcher.post('/api/projects', projectBody(d, { title: '新专项' })))
      .body;
    const fv = (await dispatcher.get(`/api/projects/${fresh.id}/volume`)).body;
    expect(fv.months.map((x: { month: string }) => x.month)).toEqual([
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    expect(fv.months.at(-1).period).toBe('start');
    expect(fv).toMatchObject({ afterAvg: null, changePct: null });
    expect(fv.basis).toContain(zhCN.project.volumeNoAfter);
  });

  it('lists with filters and exports the list', async () => {
    ctx.clock.set(START);
    const d = await ctx.newDistrict();
    const dispatcher = await d.login('dispatcher');
    await dispatcher.post('/api/projects', projectBody(d));
    await dispatcher.post(
      '/api/projects',
      projectBody(d, {
        title: '西山镇供暖不热专项',
        ownerUnitId: d.units.twp2,
        monthlyTopic: '2026-12',
      }),
    );
    const all = (await dispatcher.get('/api/projects')).body;
    expect(all.total).toBe(2);
    expect(
      (await dispatcher.get('/api/projects?q=供暖')).body.items.map(
        (x: { title: string }) => x.title,
      ),
    ).toEqual(['西山镇供暖不热专项']);
    expect((await dispatcher.get(`/api/projects?ownerUnitId=${d.units.twp1}`)).body.total).toBe(1);
    expect((await dispatcher.get('/api/projects?monthlyTopic=2026-12')).body.total).toBe(1);
    expect((await dispatcher.get('/api/projects?state=completed')).body.total).toBe(0);
    expect((await dispatcher.get('/api/projects?pageSize=1&page=2')).body.items).toHaveLength(1);
    const xlsx = await ctx.app.inject({
      method: 'GET',
      url: '/api/projects/export.xlsx?q=供暖',
      headers: { cookie: await loginCookie(d) },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(1).value).toBe('西山镇供暖不热专项');
    expect(ws.getRow(1).getCell(1).value).toBe(zhCN.project.col.title);
  });
});

async function loginCookie(d: District): Promise<string> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: `${d.tenantId}-dispatcher`, password: PASSWORD },
  });
  return `jiesu_session=${res.cookies.find((k) => k.name === 'jiesu_session')!.value}`;
}
