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

  it('a jurisdiction is edited in place: name, code, population and centre; bad input is a 400 in Chinese', async () => {
    const d = await ctx.newDistrict();
    const admin = await d.login('admin');
    const code = `${d.tenantId.slice(0, 8)}-E1`;
    const url = `/api/admin/jurisdictions/${d.nodes.vil2}`;
    const ok = await admin.patch(url, {
      name: '柳园新区社区',
      code,
      population: 4321,
      centre: { lng: 117.05, lat: 40.12 },
    });
    expect(ok.status).toBe(204);
    const find = async (id: string) =>
      ((await admin.get('/api/org/jurisdictions')).body as { id: string }[]).find(
        (j) => j.id === id,
      );
    expect(await find(d.nodes.vil2)).toMatchObject({
      name: '柳园新区社区',
      code,
      population: 4321,
      centre: { lng: 117.05, lat: 40.12 },
      parentId: d.nodes.twp1,
      level: 'village',
    });
    // A partial change leaves the other fields alone; null clears the centre.
    expect((await admin.patch(url, { population: 0, centre: null })).status).toBe(204);
    expect(await find(d.nodes.vil2)).toMatchObject({
      name: '柳园新区社区',
      code,
      population: 0,
      centre: null,
    });
    // The residents' form sees the new name too.
    const shown = (await d.anonymous().get('/api/public/jurisdictions')).body as {
      id: string;
      name: string;
    }[];
    expect(shown.find((j) => j.id === d.nodes.vil2)?.name).toBe('柳园新区社区');

    const refused = async (body: unknown, path: string) => {
      const r = await admin.patch(url, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(r.body.error.details[0].path).toBe(path);
      expect(r.body.error.details[0].message).toMatch(/[\u4e00-\u9fff]/);
    };
    await refused({ population: -1 }, '/population');
    await refused({ population: 12.5 }, '/population');
    await refused({ population: 3_000_000_000 }, '/population');
    await refused({ name: '柳' }, '/name');
    await refused({ code: '中文编码' }, '/code');
    await refused({ centre: { lng: 200, lat: 40 } }, '/centre/lng');
    await refused({ centre: { lng: 117 } }, '/centre');
    expect((await admin.patch(url, {})).status).toBe(400);
    const unknown = await admin.patch(url, { parentId: d.nodes.twp2 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('UNKNOWN_FIELD');
    expect(await find(d.nodes.vil2)).toMatchObject({ parentId: d.nodes.twp1, population: 0 });

    // Codes are unique within the district: the field is named, nothing is changed.
    const vil1 = await find(d.nodes.vil1);
    const dup = await admin.patch(`/api/admin/jurisdictions/${d.nodes.vil1}`, {
      name: '重复编码',
      code,
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE');
    expect(dup.body.error.details[0]).toMatchObject({ path: '/code' });
    expect(await find(d.nodes.vil1)).toEqual(vil1);
    // Keeping one's own code is not a conflict.
    expect((await admin.patch(url, { code, name: '柳园社区' })).status).toBe(204);

    // Another district's node, or a missing one, is not found; only administrators may edit.
    const other = await ctx.newDistrict();
    expect(
      (await admin.patch(`/api/admin/jurisdictions/${other.nodes.vil1}`, { name: '越权修改' }))
        .status,
    ).toBe(404);
    expect((await (await d.login('dispatcher')).patch(url, { name: '无权修改' })).status).toBe(403);
  });

  it('categories: siblings follow their sort order everywhere they are listed; a bad sort is a 400', async () => {
    const d = await ctx.newDistrict();
    const admin = await d.login('admin');
    const c = d.categories;
    const ids = async (client = admin, url = '/api/categories') =>
      ((await client.get(url)).body as { id: string }[]).map((x) => x.id);
    const before = await ids();
    // Depth first, siblings by code while every sort is equal.
    const mid = before[1] ?? '';
    const heatRoot = before[4] ?? '';
    expect(before).toEqual([c.root, mid, c.leaf, c.other, heatRoot, c.heating]);

    // Move 供暖 above 城乡建设, and 井盖缺失 above 路灯损坏.
    const patch = (id: string, sort: unknown) =>
      admin.patch(`/api/admin/categories/${id}`, { sort });
    for (const [id, sort] of [
      [c.root, 2],
      [heatRoot, 1],
      [c.leaf, 5],
      [c.other, 3],
    ] as const)
      expect((await patch(id, sort)).status).toBe(204);
    const after = [heatRoot, c.heating, c.root, mid, c.other, c.leaf];
    expect(await ids()).toEqual(after);
    const listed = (await admin.get('/api/categories')).body as { id: string; sort: number }[];
    expect(listed.find((x) => x.id === c.other)?.sort).toBe(3);
    // The residents' form gets the same order.
    expect(await ids(d.anonymous(), '/api/public/categories')).toEqual(after);

    // A new category goes after its siblings.
    const added = await admin.post('/api/admin/categories', {
      parentId: mid,
      code: '010199',
      name: '新增末位',
    });
    expect(added.status).toBe(201);
    expect(await ids()).toEqual([...after, added.body.id]);
    const top = await admin.post('/api/admin/categories', {
      parentId: null,
      code: '00',
      name: '新增顶级',
    });
    expect((await ids()).at(-1)).toBe(top.body.id);

    for (const bad of [-1, 1.5, '2', 10_000, null]) {
      const r = await patch(c.leaf, bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      expect(r.body.error.details[0].path).toBe('/sort');
      expect(r.body.error.details[0].message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await ids()).slice(0, 6)).toEqual(after);
    // Another district's category is not found.
    const other = await ctx.newDistrict();
    expect((await patch(other.categories.leaf, 1)).status).toBe(404);
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
