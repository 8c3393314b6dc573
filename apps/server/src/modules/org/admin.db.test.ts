import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('administration', () => {
  it('an administrator grows the tree; the new village’s unit receives tickets and its township oversees them', async () => {
    const d = await ctx.newDistrict();
    const admin = await d.login('admin');
    const j = await admin.post('/api/admin/jurisdictions', {
      parentId: d.nodes.twp1,
      level: 'village',
      code: `${d.tenantId.slice(0, 8)}99`,
      name: '新建社区',
      population: 3200,
    });
    expect(j.status).toBe(201);
    const u = await admin.post('/api/admin/units', {
      kind: 'government',
      name: '新建社区居委会',
      jurisdictionId: j.body.id,
    });
    expect(u.status).toBe(201);
    const t = await d.newTicket({ jurisdictionId: j.body.id });
    expect(
      (await (await d.login('dispatcher')).act(t.id, 'dispatch', { leadUnitId: u.body.id })).status,
    ).toBe(200);
    expect((await (await d.login('street')).get(`/api/tickets/${t.id}`)).status).toBe(200);
    // A level that is not below its parent is refused.
    const bad = await admin.post('/api/admin/jurisdictions', {
      parentId: d.nodes.vil1,
      level: 'township',
      code: 'x1',
      name: '错误层级',
    });
    expect(bad.status).toBe(400);
    // A deactivated unit cannot be dispatched to.
    expect((await admin.patch(`/api/admin/units/${u.body.id}`, { active: false })).status).toBe(
      204,
    );
    const t2 = await d.newTicket({ jurisdictionId: j.body.id });
    const refused = await (
      await d.login('dispatcher')
    ).act(t2.id, 'dispatch', { leadUnitId: u.body.id });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('UNKNOWN_UNIT');
  });

  it('categories: a new leaf is usable at intake; a deactivated one is refused', async () => {
    const d = await ctx.newDistrict();
    const admin = await d.login('admin');
    const leaf = await admin.post('/api/admin/categories', {
      parentId: d.categories.root,
      code: '0199',
      name: '新增分类',
    });
    expect(leaf.status).toBe(201);
    const cats = (await admin.get('/api/categories')).body;
    expect(cats.find((c: { id: string }) => c.id === leaf.body.id)).toMatchObject({
      level: 2,
      parentId: d.categories.root,
    });
    expect((await d.newTicket({ categoryId: leaf.body.id })).state).toBe('received');
    expect(
      (await admin.patch(`/api/admin/categories/${leaf.body.id}`, { active: false })).status,
    ).toBe(204);
    const res = await (
      await d.login('agent')
    ).post('/api/tickets', {
      channel: 'hotline',
      type: 'help',
      categoryId: leaf.body.id,
      title: '测试停用分类',
      description: '测试停用分类的受理。',
      address: '东湖社区',
      jurisdictionId: d.nodes.vil1,
      requester: {},
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('UNKNOWN_CATEGORY');
  });

  it('roles are replaced as a whole, and a deactivated user is signed out', async () => {
    const d = await ctx.newDistrict();
    const village = await d.login('village');
    expect((await village.get('/api/auth/me')).status).toBe(200);
    const admin = await d.login('admin');
    const r1 = await admin.patch(`/api/admin/users/${d.users.village}`, {
      roles: [{ unitId: d.units.vil2, role: 'handler' }],
    });
    expect(r1.status).toBe(204);
    const me = await village.get('/api/auth/me');
    expect(me.body.roles).toEqual([
      { unitId: d.units.vil2, unitName: '柳园社区居委会', role: 'handler' },
    ]);
    expect(
      (await admin.patch(`/api/admin/users/${d.users.village}`, { active: false })).status,
    ).toBe(204);
    expect((await village.get('/api/auth/me')).status).toBe(401);
    const forbidden = await (
      await d.login('dispatcher')
    ).post('/api/admin/units', {
      kind: 'department',
      name: '某局',
      jurisdictionId: d.nodes.district,
    });
    expect(forbidden.status).toBe(403);
  });
});
