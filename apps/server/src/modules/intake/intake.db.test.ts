// Intake through the real HTTP app: a consultation answered from the knowledge
// base, an emergency transferred to a special route, a repeat answered with the
// earlier ticket's progress, and a duplicate merged into a master (following it
// to its reply) and unmerged. Every refusal is a stable 4xx and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zhCN } from '@jiesu/contracts';
import {
  createTestContext,
  DEMO_LOGINS,
  type Client,
  type DemoLogin,
  type District,
  type TestContext,
} from '../../../test/harness.js';
import { expectReplays as expectReplaysIn } from '../../../test/replays.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const PHONE = '13800138000'; // the factories' default requester
const OTHER_PHONE = '13711112222';
const MISSING = '00000000-0000-4000-8000-000000000999';

const lookup = (d: District, code: string, phone = PHONE) =>
  d.anonymous().get(`/api/public/requests/${encodeURIComponent(code)}?phone=${phone}`);

async function events(d: District, id: string) {
  const res = await (await d.login('supervisor')).get(`/api/tickets/${id}/events`);
  expect(res.status).toBe(200);
  return res.body as Array<{
    action: string;
    payload: Record<string, unknown>;
    visibility: string;
  }>;
}

const expectReplays = (id: string) => expectReplaysIn(ctx.c.db, id);

async function knowledgeItem(d: District, body: Record<string, unknown> = {}) {
  const admin = await d.login('admin');
  const res = await admin.post('/api/knowledge', {
    title: '城乡居民最低生活保障申请',
    body: '户籍在本区、家庭人均收入低于本区低保标准的家庭,可向户籍所在街道(乡镇)申请低保。',
    procedure: '1. 向社区提交申请书和收入证明;2. 街道入户调查;3. 公示7天;4. 区民政局审批。',
    policyBasis: '《社会救助暂行办法》第九条至第十二条',
    phone: '010-12345678',
    staff: '各街道社会保障事务所',
    keywords: '低保 救助 困难家庭',
    ...body,
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; title: string; useCount: number };
}

describe('direct answer from the knowledge base', () => {
  it('closes at intake, records the item on the event and counts its use', async () => {
    const d = await ctx.newDistrict();
    const item = await knowledgeItem(d);
    const t = await d.newTicket({ type: 'consult', title: '咨询低保怎么申请' });
    const agent = await d.login('agent');
    const res = await agent.act(t.id, 'answer_directly', {
      answer: '您可向户籍所在街道申请低保,需提交申请书和收入证明。',
      knowledgeItemId: item.id,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'closed', outcome: 'answered_at_intake' });
    const last = (await events(d, t.id)).at(-1)!;
    expect(last.action).toBe('answer_directly');
    expect(last.payload).toMatchObject({
      knowledgeItemId: item.id,
      knowledgeItemTitle: '城乡居民最低生活保障申请',
    });
    expect((await agent.get(`/api/knowledge/${item.id}`)).body.useCount).toBe(1);
    // The requester reads the answer on the public timeline.
    const pub = await lookup(d, t.code);
    expect(pub.body.timeline.at(-1)).toMatchObject({
      action: 'answer_directly',
      text: '您可向户籍所在街道申请低保,需提交申请书和收入证明。',
    });
  });

  it('refuses an unknown or inactive item with 400, writing nothing and counting nothing', async () => {
    const d = await ctx.newDistrict();
    const item = await knowledgeItem(d, { active: false });
    const t = await d.newTicket({ type: 'consult' });
    const agent = await d.login('agent');
    const before = (await events(d, t.id)).length;
    for (const id of [item.id, MISSING]) {
      const res = await agent.act(t.id, 'answer_directly', {
        answer: '已告知办理流程',
        knowledgeItemId: id,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('KNOWLEDGE_ITEM_NOT_FOUND');
      expect(res.body.error.details[0].path).toBe('/input/knowledgeItemId');
    }
    expect((await events(d, t.id)).length).toBe(before);
    expect((await agent.get(`/api/tickets/${t.id}`)).body.state).toBe('received');
    expect((await agent.get(`/api/knowledge/${item.id}`)).body.useCount).toBe(0);
    // Another district's item is as unknown as a missing one.
    const other = await ctx.newDistrict();
    const foreign = await knowledgeItem(other);
    const res = await agent.act(t.id, 'answer_directly', {
      answer: '已告知办理流程',
      knowledgeItemId: foreign.id,
    });
    expect(res.body.error?.code).toBe('KNOWLEDGE_ITEM_NOT_FOUND');
  });
});

describe('special routes', () => {
  it('transfers an emergency to 110 and shows the route on the public timeline', async () => {
    const d = await ctx.newDistrict();
    const t = await d.newTicket({ title: '邻居家中传出打斗声' });
    const agent = await d.login('agent');
    const res = await agent.act(t.id, 'transfer', {
      route: 'police_110',
      note: '已三方通话转接110指挥中心',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'closed', outcome: 'transferred' });
    expect((await events(d, t.id)).at(-1)).toMatchObject({
      action: 'transfer',
      visibility: 'public',
      payload: { route: 'police_110', note: '已三方通话转接110指挥中心' },
    });
    const pub = await lookup(d, t.code);
    expect(pub.body.outcome).toBe('transferred');
    expect(pub.body.timeline.at(-1)).toEqual({
      at: expect.any(String),
      action: 'transfer',
      label: zhCN.action.transfer,
      text: `${zhCN.specialRoute.police_110}:已三方通话转接110指挥中心`,
    });
  });

  it('refuses an unknown route and a missing note with 400', async () => {
    const d = await ctx.newDistrict();
    const t = await d.newTicket();
    const agent = await d.login('agent');
    const bad = await agent.act(t.id, 'transfer', { route: 'police_999', note: '转接' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const noNote = await agent.act(t.id, 'transfer', { route: 'court' });
    expect(noNote.status).toBe(400);
    expect((await agent.get(`/api/tickets/${t.id}`)).body.state).toBe('received');
  });
});

describe('a repeat answered with the progress of the earlier ticket', () => {
  it('records the earlier ticket, its state and unit, and tells the requester', async () => {
    const d = await ctx.newDistrict();
    const earlier = await d.ticketIn('accepted');
    const repeat = await d.newTicket({ title: '路灯还是不亮' });
    const agent = await d.login('agent');
    const res = await agent.act(repeat.id, 'answer_with_progress', {
      relatedTicketId: earlier.id,
      answer: '已告知来电人原工单正在办理,请耐心等待。',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'closed', outcome: 'answered_with_progress' });
    expect((await events(d, repeat.id)).at(-1)!.payload).toMatchObject({
      relatedTicketId: earlier.id,
      relatedTicketCode: earlier.code,
      relatedTicketState: 'accepted',
      relatedUnitName: '东湖社区居委会',
    });
    const text = (await lookup(d, repeat.code)).body.timeline.at(-1).text as string;
    expect(text).toContain(earlier.code);
    expect(text).toContain(zhCN.state.accepted);
    expect(text).toContain('东湖社区居委会');
    expect(text).toContain('已告知来电人原工单正在办理');
    // The earlier ticket is untouched.
    expect((await agent.get(`/api/tickets/${earlier.id}`)).body.state).toBe('accepted');
  });

  it('accepts a ticket of the same place and category from another caller', async () => {
    const d = await ctx.newDistrict();
    const earlier = await d.newTicket({ requester: { phone: OTHER_PHONE } });
    const repeat = await d.newTicket();
    const res = await (
      await d.login('dispatcher')
    ).act(repeat.id, 'answer_with_progress', { relatedTicketId: earlier.id, answer: '同一事项' });
    expect(res.status).toBe(200);
  });

  it('refuses a missing, foreign, own or unrelated ticket with 400 RELATED_TICKET_INVALID', async () => {
    const d = await ctx.newDistrict();
    const other = await ctx.newDistrict();
    const foreign = await other.newTicket();
    // Another caller, another place and category: not the same matter.
    const unrelated = await d.newTicket({
      requester: { phone: OTHER_PHONE },
      categoryId: d.categories.other,
      jurisdictionId: d.nodes.vil3,
    });
    const repeat = await d.newTicket();
    const agent = await d.login('agent');
    const before = (await events(d, repeat.id)).length;
    for (const id of [MISSING, foreign.id, repeat.id, unrelated.id]) {
      const res = await agent.act(repeat.id, 'answer_with_progress', {
        relatedTicketId: id,
        answer: '原工单正在办理',
      });
      expect(res.status, id).toBe(400);
      expect(res.body.error.code).toBe('RELATED_TICKET_INVALID');
      expect(res.body.error.details[0]).toMatchObject({ path: '/input/relatedTicketId' });
    }
    expect((await events(d, repeat.id)).length).toBe(before);
    const bad = await agent.act(repeat.id, 'answer_with_progress', {
      relatedTicketId: 'not-a-uuid',
      answer: '原工单正在办理',
    });
    expect(bad.status).toBe(400);
  });
});

describe('merging duplicates', () => {
  async function setup() {
    const d = await ctx.newDistrict();
    const master = await d.ticketIn('in_progress');
    const dup = await d.newTicket({
      title: '东湖社区路灯坏了',
      requester: { phone: OTHER_PHONE },
    });
    return { d, master, dup, dispatcher: await d.login('dispatcher') };
  }

  it('merges into a master, follows it to its reply, and cannot be unmerged after', async () => {
    const { d, master, dup, dispatcher } = await setup();
    const res = await dispatcher.act(dup.id, 'merge_into', {
      masterTicketId: master.id,
      note: '同一路灯',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'closed', outcome: 'merged' });
    // Closed, it may still be gathered into a common-problem project (共性问题).
    expect(res.body.allowedActions).toEqual(['unmerge', 'link_project']);
    expect((await events(d, dup.id)).at(-1)!.payload).toMatchObject({
      masterTicketId: master.id,
      masterTicketCode: master.code,
      masterTicketState: 'in_progress',
    });
    // Each side shows the other.
    const m = await dispatcher.get(`/api/tickets/${master.id}/merging`);
    expect(m.body).toEqual({
      master: null,
      merged: [expect.objectContaining({ id: dup.id, code: dup.code, state: 'closed' })],
    });
    const s = await dispatcher.get(`/api/tickets/${dup.id}/merging`);
    expect(s.body.master).toMatchObject({ id: master.id, code: master.code, state: 'in_progress' });
    expect(s.body.merged).toEqual([]);
    // The resident of the merged request sees the master and its progress.
    const pub = await lookup(d, dup.code, OTHER_PHONE);
    expect(pub.body.timeline.at(-1).text).toBe(
      zhCN.intake.publicMerged.replace('{code}', master.code),
    );
    expect(pub.body.mergedInto).toMatchObject({
      code: master.code,
      state: 'in_progress',
      stateLabel: zhCN.state.in_progress,
      handlingUnit: '东湖社区居委会',
    });
    expect(pub.body.mergedInto.timeline.map((e: { action: string }) => e.action)).toContain(
      'dispatch',
    );

    // The master is answered: the merged ticket gets the reply on its own timeline.
    const village = await d.login('village');
    const reply = '您反映的东湖社区路灯已更换灯头,恢复照明。';
    expect(
      (
        await village.act(master.id, 'give_feedback', {
          result: '已联系供电所更换灯头,现场确认恢复照明。',
          replyText: reply,
        })
      ).status,
    ).toBe(200);
    expect(
      (await dispatcher.act(master.id, 'send_reply', { replyText: reply, channel: 'sms' })).status,
    ).toBe(200);
    const relayed = (await events(d, dup.id)).at(-1)!;
    expect(relayed).toMatchObject({
      action: 'relay_reply',
      visibility: 'public',
      actorKind: 'system',
      payload: { masterTicketId: master.id, replyText: reply },
    });
    await expectReplays(dup.id);
    const after = await lookup(d, dup.code, OTHER_PHONE);
    expect(after.body.timeline.at(-1)).toMatchObject({ action: 'relay_reply', text: reply });
    expect(after.body.state).toBe('closed');
    expect(after.body.mergedInto.state).toBe('replied');

    // Unmerging is over once the master has replied: not offered, and refused.
    const view = await dispatcher.get(`/api/tickets/${dup.id}`);
    expect(view.body.allowedActions).toEqual(['link_project']);
    expect(view.body.repliedAt).not.toBeNull();
    const n = (await events(d, dup.id)).length;
    const un = await dispatcher.act(dup.id, 'unmerge', { reason: '并非同一路灯' });
    expect(un.status).toBe(409);
    expect(un.body.error.code).toBe('UNMERGE_NOT_ALLOWED');
    expect((await events(d, dup.id)).length).toBe(n);
  });

  it('unmerges before the reply: back to received, linked to nothing', async () => {
    const { d, master, dup, dispatcher } = await setup();
    expect((await dispatcher.act(dup.id, 'merge_into', { masterTicketId: master.id })).status).toBe(
      200,
    );
    const res = await dispatcher.act(dup.id, 'unmerge', { reason: '核实后不是同一路灯' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'received', outcome: null, closedAt: null });
    expect((await dispatcher.get(`/api/tickets/${master.id}/merging`)).body.merged).toEqual([]);
    expect((await dispatcher.get(`/api/tickets/${dup.id}/merging`)).body.master).toBeNull();
    const pub = await lookup(d, dup.code, OTHER_PHONE);
    expect(pub.body.mergedInto).toBeNull();
    expect(pub.body.timeline.at(-1)).toMatchObject({
      action: 'unmerge',
      text: zhCN.intake.publicUnmerged,
    });
    // The master's reply no longer reaches it.
    const village = await d.login('village');
    await village.act(master.id, 'give_feedback', {
      result: '已联系供电所更换灯头,现场确认恢复照明。',
      replyText: '路灯已修复,感谢监督。',
    });
    await dispatcher.act(master.id, 'send_reply', {
      replyText: '路灯已修复,感谢监督。',
      channel: 'sms',
    });
    expect((await events(d, dup.id)).map((e) => e.action)).not.toContain('relay_reply');
    await expectReplays(dup.id);
  });

  it('refuses a bad master with 400 MERGE_TARGET_INVALID and writes nothing', async () => {
    const { d, master, dup, dispatcher } = await setup();
    const closed = await d.newTicket();
    await (await d.login('agent')).act(closed.id, 'answer_directly', { answer: '已答复' });
    const replied = await d.ticketIn('replied');
    const foreign = await (await ctx.newDistrict()).newTicket();
    // A ticket already merged somewhere is no master.
    const merged = await d.newTicket();
    expect(
      (await dispatcher.act(merged.id, 'merge_into', { masterTicketId: master.id })).status,
    ).toBe(200);
    const before = (await events(d, dup.id)).length;
    const cases: Array<[string, string]> = [
      [MISSING, zhCN.error.MERGE_TARGET_INVALID],
      [foreign.id, zhCN.error.MERGE_TARGET_INVALID],
      [dup.id, zhCN.intake.mergeSelf],
      [closed.id, zhCN.intake.mergeMasterClosed],
      [replied.id, zhCN.intake.mergeMasterReplied],
      [merged.id, zhCN.intake.mergeMasterMerged],
    ];
    for (const [id, message] of cases) {
      const res = await dispatcher.act(dup.id, 'merge_into', { masterTicketId: id });
      expect(res.status, message).toBe(400);
      expect(res.body.error.code).toBe('MERGE_TARGET_INVALID');
      expect(res.body.error.details).toEqual([{ path: '/input/masterTicketId', message }]);
    }
    expect((await events(d, dup.id)).length).toBe(before);
    // A ticket others were merged into is not merged away itself.
    const target = await d.newTicket();
    expect((await dispatcher.act(dup.id, 'merge_into', { masterTicketId: target.id })).status).toBe(
      200,
    );
    const res = await dispatcher.act(target.id, 'merge_into', { masterTicketId: master.id });
    expect(res.body.error).toMatchObject({ code: 'MERGE_TARGET_INVALID' });
    expect(res.body.error.details[0].message).toBe(zhCN.intake.mergeHasMerged);
  });

  it('relays an answer at intake of the master too', async () => {
    const d = await ctx.newDistrict();
    const dispatcher = await d.login('dispatcher');
    const master = await d.newTicket({ type: 'consult' });
    const dup = await d.newTicket({ type: 'consult', requester: { phone: OTHER_PHONE } });
    await dispatcher.act(dup.id, 'merge_into', { masterTicketId: master.id });
    await dispatcher.act(master.id, 'answer_directly', {
      answer: '供暖季为11月15日至次年3月15日。',
    });
    expect((await events(d, dup.id)).at(-1)).toMatchObject({
      action: 'relay_reply',
      payload: { replyText: '供暖季为11月15日至次年3月15日。' },
    });
  });
});

describe('who may take these actions', () => {
  async function refusedEverywhere(
    d: District,
    ticketId: string,
    action: string,
    input: Record<string, unknown>,
    allowed: DemoLogin[],
  ) {
    const before = (await events(d, ticketId)).length;
    for (const who of DEMO_LOGINS) {
      if (allowed.includes(who)) continue;
      const client: Client = await d.login(who);
      const res = await client.act(ticketId, action, input);
      // Outside its scope the ticket does not exist for a unit (404); in scope, 403.
      expect([403, 404], `${who} ${action}`).toContain(res.status);
      expect(['ACTION_FORBIDDEN', 'TICKET_NOT_FOUND']).toContain(res.body.error.code);
    }
    expect((await events(d, ticketId)).length).toBe(before);
  }

  it('the centre transfers and answers repeats; only dispatchers merge and unmerge', async () => {
    const d = await ctx.newDistrict();
    const master = await d.newTicket();
    const t = await d.newTicket();
    await refusedEverywhere(d, t.id, 'transfer', { route: 'court', note: '告知向法院起诉' }, [
      'agent',
      'dispatcher',
    ]);
    await refusedEverywhere(
      d,
      t.id,
      'answer_with_progress',
      { relatedTicketId: master.id, answer: '原工单正在办理' },
      ['agent', 'dispatcher'],
    );
    await refusedEverywhere(d, t.id, 'merge_into', { masterTicketId: master.id }, ['dispatcher']);
    const dispatcher = await d.login('dispatcher');
    expect((await dispatcher.act(t.id, 'merge_into', { masterTicketId: master.id })).status).toBe(
      200,
    );
    for (const who of DEMO_LOGINS) {
      const view = await (await d.login(who)).get(`/api/tickets/${t.id}`);
      if (view.status === 404) continue;
      expect(view.body.allowedActions, who).toEqual(
        who === 'dispatcher'
          ? ['unmerge', 'link_project']
          : who === 'supervisor'
            ? ['link_project']
            : [],
      );
    }
    await refusedEverywhere(d, t.id, 'unmerge', { reason: '不是同一件事' }, ['dispatcher']);
    // The relay is the platform's own: there is no route to fire it.
    const relay = await dispatcher.act(t.id, 'relay_reply', {
      masterTicketId: master.id,
      replyText: '伪造的答复',
    });
    expect(relay.status).toBe(404);
  });
});

describe('same place, same category', () => {
  it('lists the last 30 days for the hotline desk only', async () => {
    const d = await ctx.newDistrict();
    const old = await d.newTicket({ title: '四十天前的路灯问题' });
    ctx.clock.advance(40 * 86_400_000);
    // Sessions do not outlive 40 days: sign in again.
    const agent = await d.login('agent', { fresh: true });
    const recent = await d.newTicket({ requester: { phone: OTHER_PHONE } });
    const elsewhere = await d.newTicket({ jurisdictionId: d.nodes.vil3 });
    const otherKind = await d.newTicket({ categoryId: d.categories.other });
    const url = `/api/tickets/similar?jurisdictionId=${d.nodes.vil1}&categoryId=${d.categories.leaf}`;
    const res = await agent.get(url);
    expect(res.status).toBe(200);
    const ids = res.body.map((t: { id: string }) => t.id);
    expect(ids).toContain(recent.id);
    for (const id of [old.id, elsewhere.id, otherKind.id]) expect(ids).not.toContain(id);
    expect((await agent.get(`${url}&days=60`)).body.map((t: { id: string }) => t.id)).toContain(
      old.id,
    );
    expect((await agent.get(`${url}&days=0`)).status).toBe(400);
    const village = await d.login('village', { fresh: true });
    expect((await village.get(url)).status).toBe(403);
  });
});
