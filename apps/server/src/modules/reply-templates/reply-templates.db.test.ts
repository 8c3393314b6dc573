// [Handling] reply templates (答复口径) and handover (转交) through the API: who keeps
// and sees which templates, unknown placeholders refused, rendering per ticket (the
// requester's name only once revealed), the order by category specificity, the
// template recorded on the feedback event; hand_over within the holding unit, refused
// to another unit's user, lead/holder unchanged, and the 我的工单 / 本单位工单 lists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zhCN } from '@jiesu/contracts';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { extraLogin } from '../../../test/extra-users.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const ids = (r: { body: { items: Array<{ id: string }> } }) => r.body.items.map((i) => i.id);

describe('reply templates', () => {
  it('a unit keeps its own; another unit neither sees nor edits them; district-wide ones are seen by all', async () => {
    const d = await ctx.newDistrict();
    const village = await d.login('village');
    const street = await d.login('street');
    const admin = await d.login('admin');

    const own = await village.post('/api/reply-templates', {
      title: '路灯维修答复',
      body: '您于{受理时间}反映的{地址}路灯问题(工单{工单号})已处理。',
      categoryId: d.categories.leaf,
    });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(own.body.unit).toEqual({ id: d.units.vil1, name: '东湖社区居委会' });
    expect(own.body.canEdit).toBe(true);

    // A handler may not keep district-wide templates, nor another unit's.
    expect(
      (await village.post('/api/reply-templates', { title: 'x', body: '全区通用', unitId: null }))
        .status,
    ).toBe(403);
    expect(
      (
        await village.post('/api/reply-templates', {
          title: 'x',
          body: '别的单位',
          unitId: d.units.twp1,
        })
      ).status,
    ).toBe(403);

    const wide = await admin.post('/api/reply-templates', {
      title: '通用答复',
      body: '感谢您的来电,{诉求人}。',
      unitId: null,
    });
    expect(wide.status, JSON.stringify(wide.body)).toBe(201);
    expect(wide.body.unit).toBeNull();

    // The township sees the district-wide one, not the village's.
    const seen = await street.get('/api/reply-templates');
    expect(seen.status).toBe(200);
    expect(ids(seen)).toEqual([wide.body.id]);
    expect((await street.get(`/api/reply-templates/${own.body.id}`)).status).toBe(404);
    const edit = await street.patch(`/api/reply-templates/${own.body.id}`, { title: '改' });
    expect(edit.status).toBe(404);
    expect((await street.del(`/api/reply-templates/${own.body.id}`)).status).toBe(404);
    // The village sees both; it may not edit the district-wide one.
    const mine = await village.get('/api/reply-templates?sort=title');
    expect(ids(mine).sort()).toEqual([own.body.id, wide.body.id].sort());
    expect(mine.body.items.find((i: { id: string }) => i.id === wide.body.id).canEdit).toBe(false);
    expect(
      (await village.patch(`/api/reply-templates/${wide.body.id}`, { title: '改' })).status,
    ).toBe(403);
    // Filters: category, q, district-wide only.
    expect(ids(await village.get(`/api/reply-templates?categoryId=${d.categories.leaf}`))).toEqual([
      own.body.id,
    ]);
    expect(ids(await village.get(`/api/reply-templates?q=${encodeURIComponent('来电')}`))).toEqual([
      wide.body.id,
    ]);
    expect(ids(await village.get('/api/reply-templates?districtWide=true'))).toEqual([
      wide.body.id,
    ]);

    // Supervisors and grid workers keep and read none.
    expect((await (await d.login('supervisor')).get('/api/reply-templates')).status).toBe(403);
    expect((await (await d.login('grid')).get('/api/reply-templates')).status).toBe(403);

    // Edit, then soft delete: gone from the list, still there with includeInactive.
    const patched = await village.patch(`/api/reply-templates/${own.body.id}`, {
      title: '路灯答复',
    });
    expect(patched.status).toBe(200);
    expect(patched.body.title).toBe('路灯答复');
    const del = await village.del(`/api/reply-templates/${own.body.id}`);
    expect(del.status).toBe(200);
    expect(del.body.active).toBe(false);
    expect(ids(await village.get('/api/reply-templates'))).toEqual([wide.body.id]);
    expect(ids(await village.get('/api/reply-templates?includeInactive=true'))).toContain(
      own.body.id,
    );
  });

  it('refuses a body with an unknown placeholder, naming it, and stores nothing', async () => {
    const d = await ctx.newDistrict();
    const village = await d.login('village');
    const bad = await village.post('/api/reply-templates', {
      title: '有错',
      body: '工单{工单号}已由{办理人}处理',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('REPLY_TEMPLATE_PLACEHOLDER_UNKNOWN');
    expect(bad.body.error.message).toContain('{办理人}');
    expect(bad.body.error.message).not.toContain('{工单号}、{办理人}');
    expect((await village.get('/api/reply-templates?includeInactive=true')).body.total).toBe(0);
    const ok = await village.post('/api/reply-templates', { title: '好', body: '工单{工单号}' });
    const badPatch = await village.patch(`/api/reply-templates/${ok.body.id}`, {
      body: '{未知}',
    });
    expect(badPatch.status).toBe(400);
    expect(badPatch.body.error.code).toBe('REPLY_TEMPLATE_PLACEHOLDER_UNKNOWN');
    expect((await village.get(`/api/reply-templates/${ok.body.id}`)).body.body).toBe(
      '工单{工单号}',
    );
  });

  it('offers the acting unit’s and district-wide templates for the ticket, most specific first, rendered', async () => {
    const d = await ctx.newDistrict();
    const t = await d.ticketIn('accepted');
    const village = await d.login('village');
    const admin = await d.login('admin');
    const post = async (
      who: typeof village,
      title: string,
      body: string,
      extra: Record<string, unknown> = {},
    ) => {
      const r = await who.post('/api/reply-templates', { title, body, ...extra });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.id as string;
    };
    const any = await post(village, '甲-不限类别', '工单{工单号}已办理。');
    const root = await post(village, '乙-城乡建设', '{诉求类别}问题已处理', {
      categoryId: d.categories.root,
    });
    const leaf = await post(village, '丙-路灯', '您好{诉求人},{地址}的路灯已修复', {
      categoryId: d.categories.leaf,
    });
    const wideLeaf = await post(admin, '丁-全区路灯', '全区路灯口径,承办:{承办单位}', {
      unitId: null,
      categoryId: d.categories.leaf,
    });
    await post(village, '戊-别的类别', '井盖', { categoryId: d.categories.other });
    await post(village, '己-供暖', '供暖', { categoryId: d.categories.heating });
    // Another unit's template never shows.
    const street = await d.login('street');
    await post(street, '街道的', '街道口径');

    const res = await village.get(`/api/tickets/${t.id}/reply-templates`);
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([leaf, wideLeaf, root, any]);
    const byId = new Map(
      res.body.items.map((i: { id: string; rendered: string }) => [i.id, i.rendered]),
    );
    expect(byId.get(any)).toBe(`工单${t.code}已办理。`);
    expect(byId.get(root)).toBe('路灯损坏问题已处理'); // the ticket's own category
    // The requester's name is not shown until revealed (and the reveal is logged).
    expect(byId.get(leaf)).toBe('您好市民,东湖社区3号楼的路灯已修复');
    expect(byId.get(wideLeaf)).toBe('全区路灯口径,承办:东湖社区居委会');
    expect(JSON.stringify(res.body)).not.toContain('王小明');

    expect((await village.post(`/api/tickets/${t.id}/requester/reveal`, {})).status).toBe(200);
    const after = await village.get(`/api/tickets/${t.id}/reply-templates`);
    expect(after.body.items.find((i: { id: string }) => i.id === leaf).rendered).toBe(
      '您好王小明,东湖社区3号楼的路灯已修复',
    );
    // Another user of the same unit has not revealed it: still masked for them.
    const colleague = await extraLogin(ctx, d, 'vil1', 'handler');
    const theirs = await colleague.get(`/api/tickets/${t.id}/reply-templates`);
    expect(theirs.body.items.find((i: { id: string }) => i.id === leaf).rendered).toContain(
      '您好市民',
    );
  });

  it('records the template on the feedback event; refuses one the actor may not use', async () => {
    const d = await ctx.newDistrict();
    const t = await d.ticketIn('in_progress');
    const village = await d.login('village');
    const street = await d.login('street');
    const tpl = (
      await village.post('/api/reply-templates', {
        title: '路灯',
        body: '工单{工单号}的路灯已修复',
      })
    ).body;
    const other = (await street.post('/api/reply-templates', { title: '街道', body: '街道口径' }))
      .body;
    const rendered = (await village.get(`/api/tickets/${t.id}/reply-templates`)).body.items[0]
      .rendered as string;
    expect(rendered).toContain(t.code);

    const refused = await village.act(t.id, 'give_feedback', {
      result: '已更换灯泡,路灯恢复照明。',
      replyText: rendered,
      templateId: other.id,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('REPLY_TEMPLATE_INVALID');
    expect((await village.get(`/api/tickets/${t.id}`)).body.state).toBe('in_progress');

    const ok = await village.act(t.id, 'give_feedback', {
      result: '已更换灯泡,路灯恢复照明。',
      replyText: rendered,
      templateId: tpl.id,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const events = (await village.get(`/api/tickets/${t.id}/events`)).body;
    const fb = events.find((e: { action: string }) => e.action === 'give_feedback');
    expect(fb.payload).toMatchObject({
      templateId: tpl.id,
      templateTitle: '路灯',
      replyText: rendered,
    });
  });
});

describe('handover within the unit', () => {
  it('the acceptor becomes the assignee; hand_over moves it to a colleague, lead and holder stay', async () => {
    const d = await ctx.newDistrict();
    const t = await d.ticketIn('accepted');
    const village = await d.login('village');
    expect(t.assignee).toEqual({ id: d.users.village, name: expect.any(String) });
    const colleague = await extraLogin(ctx, d, 'vil1', 'handler');

    // Candidates: the unit's people and the grid workers of its grids.
    const cand = await village.get(`/api/tickets/${t.id}/handover-candidates`);
    expect(cand.status).toBe(200);
    expect(cand.body.unit.id).toBe(d.units.vil1);
    const candIds = cand.body.users.map((u: { id: string }) => u.id);
    expect(candIds).toContain(colleague.userId);
    expect(candIds).toContain(d.users.grid);
    expect(candIds).not.toContain(d.users.village); // already the assignee
    expect(candIds).not.toContain(d.users.street);

    // To another unit's user: 400, nothing changes.
    const bad = await village.act(t.id, 'hand_over', { toUserId: d.users.street });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('HANDOVER_TARGET_INVALID');
    expect(bad.body.error.message).toBe(zhCN.error.HANDOVER_TARGET_INVALID);
    expect((await village.get(`/api/tickets/${t.id}`)).body.assignee.id).toBe(d.users.village);
    // The township (not the holder) may not hand it over.
    expect(
      (await (await d.login('street')).act(t.id, 'hand_over', { toUserId: colleague.userId }))
        .status,
    ).toBe(403);

    const ok = await village.act(t.id, 'hand_over', { toUserId: colleague.userId, note: '请跟进' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.assignee.id).toBe(colleague.userId);
    expect(ok.body.leadUnit.id).toBe(d.units.vil1);
    expect(ok.body.holderUnit.id).toBe(d.units.vil1);
    expect(ok.body.state).toBe('accepted');
    const ev = (await village.get(`/api/tickets/${t.id}/events`)).body.at(-1);
    expect(ev).toMatchObject({
      action: 'hand_over',
      visibility: 'internal',
      payload: { toUserId: colleague.userId, toUserName: '测试vil1handler', note: '请跟进' },
    });
    expect(ev.payload.fromUser.id).toBe(d.users.village);

    // 我的工单: the new assignee has it, the old one not; 本单位工单: both.
    expect(ids(await colleague.get('/api/tickets?assignee=me'))).toEqual([t.id]);
    expect(ids(await village.get('/api/tickets?assignee=me'))).toEqual([]);
    expect(ids(await village.get('/api/tickets?myUnit=true'))).toEqual([t.id]);
    // The township leader sees the unit's tickets (its scope) but they are not its unit's.
    const leader = await d.login('leader');
    expect(ids(await leader.get('/api/tickets?myUnit=true'))).toEqual([]);
    expect(ids(await leader.get(`/api/tickets?assigneeId=${colleague.userId}`))).toEqual([t.id]);
    // Only leaders look at a colleague's list.
    expect((await village.get(`/api/tickets?assigneeId=${colleague.userId}`)).status).toBe(403);
    // The list item carries the assignee.
    const row = (await colleague.get('/api/tickets?assignee=me')).body.items[0];
    expect(row.assignee).toEqual({ id: colleague.userId, name: '测试vil1handler' });
  });

  it('hands over to a grid worker of the unit’s area, who then sees it; pass_down and send_up set and clear it', async () => {
    const d = await ctx.newDistrict();
    const t = await d.ticketIn('accepted');
    const village = await d.login('village');
    const grid = await d.login('grid');
    expect((await grid.get(`/api/tickets/${t.id}`)).status).toBe(404);
    const ok = await village.act(t.id, 'hand_over', { toUserId: d.users.grid });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.holderUnit.id).toBe(d.units.vil1);
    expect((await grid.get(`/api/tickets/${t.id}`)).status).toBe(200);
    expect(ids(await grid.get('/api/tickets?assignee=me'))).toEqual([t.id]);

    // The township passes another ticket down with a person: that person is the assignee.
    const t2 = await d.newTicket();
    await (await d.login('dispatcher')).act(t2.id, 'dispatch', { leadUnitId: d.units.twp1 });
    const street = await d.login('street');
    const acc = await street.act(t2.id, 'accept');
    expect(acc.body.assignee.id).toBe(d.users.street);
    const down = await street.act(t2.id, 'pass_down', {
      toUnitId: d.units.vil1,
      toUserId: d.users.village,
    });
    expect(down.status, JSON.stringify(down.body)).toBe(200);
    expect((await village.get(`/api/tickets/${t2.id}`)).body.assignee.id).toBe(d.users.village);
    const up = await village.act(t2.id, 'send_up', { reason: '需街道协调' });
    expect(up.status).toBe(200);
    expect(up.body.assignee).toBeNull();
  });
});
