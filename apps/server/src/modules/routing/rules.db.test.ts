// The dispatch catalogue's rules through the API: create, versioned update and
// delete, the change log with before/after, filters, bad input, and who may
// read and who may edit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type DemoLogin, type TestContext } from '../../../test/harness.js';
import { extraLogin } from '../../../test/extra-users.js';
import type { District } from '../../../test/factories.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const changeCount = async (tenantId: string) =>
  Number(
    (
      await ctx.c.db
        .selectFrom('dispatch_rule_changes')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('tenant_id', '=', tenantId)
        .executeTakeFirstOrThrow()
    ).n,
  );

const ruleBody = (d: District, over: Record<string, unknown> = {}) => ({
  categoryId: d.categories.leaf,
  jurisdictionId: d.nodes.district,
  target: 'unit',
  unitId: d.units.dept,
  ...over,
});

describe('dispatch catalogue rules', () => {
  it('creates, updates by version and deletes, logging each change with before and after', async () => {
    ctx.clock.set('2026-11-02T01:00:00Z');
    const d = await ctx.newDistrict();
    const admin = await d.login('admin');
    const created = await admin.post(
      '/api/dispatch-rules',
      ruleBody(d, {
        coUnitIds: [d.units.dept2],
        coTerritorial: ['territorial_township'],
        note: '  路灯归城管委  ',
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      category: { id: d.categories.leaf, name: '路灯损坏', code: '010101' },
      jurisdiction: { id: d.nodes.district, name: '测试区', level: 'district' },
      target: 'unit',
      unit: { id: d.units.dept, name: '区城市管理委员会' },
      coUnits: [{ id: d.units.dept2, name: '区水务局' }],
      coTerritorial: ['territorial_township'],
      note: '路灯归城管委',
      version: 1,
      updatedBy: { id: d.users.admin },
    });
    const id = created.body.id as string;

    ctx.clock.set('2026-11-02T02:00:00Z');
    const updated = await admin.put(`/api/dispatch-rules/${id}`, {
      ...ruleBody(d, { target: 'territorial_township', unitId: null }),
      expectedVersion: 1,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      target: 'territorial_township',
      unit: null,
      coUnits: [],
      coTerritorial: [],
      note: null,
      version: 2,
      updatedAt: '2026-11-02T02:00:00.000Z',
    });
    // A stale version loses: 409, and the rule keeps the winner's content.
    const stale = await admin.put(`/api/dispatch-rules/${id}`, {
      ...ruleBody(d),
      expectedVersion: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect(stale.body.error.message).toContain('派单规则');
    expect((await admin.get(`/api/dispatch-rules/${id}`)).body).toMatchObject({
      version: 2,
      target: 'territorial_township',
    });
    // Saving the same content changes nothing: no new version, no log entry.
    const same = await admin.put(`/api/dispatch-rules/${id}`, {
      ...ruleBody(d, { target: 'territorial_township', unitId: null }),
      expectedVersion: 2,
    });
    expect(same.body.version).toBe(2);

    expect((await admin.del(`/api/dispatch-rules/${id}?expectedVersion=1`)).status).toBe(409);
    ctx.clock.set('2026-11-02T03:00:00Z');
    expect((await admin.del(`/api/dispatch-rules/${id}?expectedVersion=2`)).status).toBe(204);
    expect((await admin.get(`/api/dispatch-rules/${id}`)).status).toBe(404);
    expect((await admin.del(`/api/dispatch-rules/${id}`)).status).toBe(404);

    const history = await admin.get(`/api/dispatch-rules/changes?ruleId=${id}`);
    expect(history.status).toBe(200);
    expect(history.body.total).toBe(3);
    const [del, upd, cre] = history.body.items;
    expect(cre).toMatchObject({
      change: 'create',
      before: null,
      after: {
        categoryCode: '010101',
        jurisdictionName: '测试区',
        target: 'unit',
        unitName: '区城市管理委员会',
        coUnitNames: ['区水务局'],
        coTerritorial: ['territorial_township'],
        version: 1,
      },
      changedBy: { id: d.users.admin, name: '测试admin' },
      changedAt: '2026-11-02T01:00:00.000Z',
    });
    expect(upd).toMatchObject({
      change: 'update',
      before: { target: 'unit', unitId: d.units.dept, version: 1 },
      after: { target: 'territorial_township', unitId: null, unitName: null, version: 2 },
    });
    expect(del).toMatchObject({
      change: 'delete',
      before: { target: 'territorial_township', version: 2 },
      after: null,
      changedAt: '2026-11-02T03:00:00.000Z',
    });
    // The whole log holds the same three.
    expect((await admin.get('/api/dispatch-rules/changes')).body.total).toBe(3);
  });

  it('refuses bad rules with 400 and duplicates with 409, and writes nothing for them', async () => {
    const d = await ctx.newDistrict();
    const other = await ctx.newDistrict();
    const admin = await d.login('admin');
    const bad: Array<[Record<string, unknown>, string, string]> = [
      [ruleBody(d, { unitId: undefined }), 'VALIDATION_FAILED', '/unitId'],
      [ruleBody(d, { target: 'territorial_village' }), 'VALIDATION_FAILED', '/unitId'],
      [ruleBody(d, { categoryId: other.categories.leaf }), 'UNKNOWN_CATEGORY', '/categoryId'],
      [
        ruleBody(d, { jurisdictionId: other.nodes.district }),
        'UNKNOWN_JURISDICTION',
        '/jurisdictionId',
      ],
      [ruleBody(d, { unitId: other.units.dept }), 'UNKNOWN_UNIT', '/unitId'],
      [ruleBody(d, { unitId: d.units.centre }), 'VALIDATION_FAILED', '/unitId'],
      [ruleBody(d, { coUnitIds: [d.units.dept] }), 'VALIDATION_FAILED', '/coUnitIds'],
      [
        ruleBody(d, {
          target: 'territorial_township',
          unitId: null,
          coTerritorial: ['territorial_township'],
        }),
        'VALIDATION_FAILED',
        '/coTerritorial',
      ],
      [ruleBody(d, { target: 'somewhere' }), 'VALIDATION_FAILED', '/target'],
      [ruleBody(d, { colour: 'red' }), 'UNKNOWN_FIELD', '/colour'],
    ];
    for (const [body, code, path] of bad) {
      const res = await admin.post('/api/dispatch-rules', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(res.body.error.details.map((x: { path: string }) => x.path)).toContain(path);
    }
    expect(await changeCount(d.tenantId)).toBe(0);

    expect((await admin.post('/api/dispatch-rules', ruleBody(d))).status).toBe(201);
    const dup = await admin.post('/api/dispatch-rules', ruleBody(d, { unitId: d.units.dept2 }));
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({
      code: 'DUPLICATE',
      message: '该分类在该区域已有派单规则',
    });
    // Moving another rule onto an existing key is a duplicate too.
    const second = await admin.post(
      '/api/dispatch-rules',
      ruleBody(d, { jurisdictionId: d.nodes.twp1 }),
    );
    const moved = await admin.put(`/api/dispatch-rules/${second.body.id}`, {
      ...ruleBody(d),
      expectedVersion: 1,
    });
    expect(moved.status).toBe(409);
    expect(await changeCount(d.tenantId)).toBe(2);
  });

  it('lists by category subtree, area subtree and unit, a page at a time', async () => {
    const d = await ctx.newDistrict();
    const admin = await d.login('admin');
    const make = async (over: Record<string, unknown>) =>
      (await admin.post('/api/dispatch-rules', ruleBody(d, over))).body.id as string;
    const a = await make({});
    const b = await make({ jurisdictionId: d.nodes.twp1, unitId: d.units.dept2 });
    const c = await make({ categoryId: d.categories.root, coUnitIds: [d.units.dept2] });
    const h = await make({ categoryId: d.categories.heating, jurisdictionId: d.nodes.vil3 });
    const ids = async (q: string) =>
      (await admin.get(`/api/dispatch-rules${q}`)).body.items.map((r: { id: string }) => r.id);
    expect((await ids('')).sort()).toEqual([a, b, c, h].sort());
    expect((await ids(`?categoryId=${d.categories.root}`)).sort()).toEqual([a, b, c].sort());
    expect(await ids(`?categoryId=${d.categories.heating}`)).toEqual([h]);
    expect((await ids(`?jurisdictionId=${d.nodes.twp2}`)).sort()).toEqual([h]);
    expect(await ids(`?jurisdictionId=${d.nodes.twp1}`)).toEqual([b]);
    // As lead or as co-unit.
    expect((await ids(`?unitId=${d.units.dept2}`)).sort()).toEqual([b, c].sort());
    const page = (await admin.get('/api/dispatch-rules?pageSize=3&page=2')).body;
    expect(page).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page.items).toHaveLength(1);
    // Catalogue order: category code, then area code.
    expect(await ids('')).toEqual([c, a, b, h]);
  });

  it('lets the administrator and the centre’s leader edit, the desk and supervisors read, no one else', async () => {
    const d = await ctx.newDistrict();
    const admin = await d.login('admin');
    const rule = (await admin.post('/api/dispatch-rules', ruleBody(d))).body;
    const centreLeader = await extraLogin(ctx, d, 'centre', 'unit_leader');
    const townshipLeader = await d.login('leader');
    const readers: DemoLogin[] = ['admin', 'dispatcher', 'agent', 'supervisor'];
    const outsiders: DemoLogin[] = ['leader', 'street', 'village', 'grid', 'dept'];
    for (const who of [...readers, ...outsiders]) {
      const client = await d.login(who);
      const list = await client.get('/api/dispatch-rules');
      const history = await client.get('/api/dispatch-rules/changes');
      const exported = await client.get('/api/dispatch-rules/export');
      const expected = readers.includes(who) ? 200 : 403;
      expect([list.status, history.status, exported.status], who).toEqual([
        expected,
        expected,
        expected,
      ]);
    }
    const before = await changeCount(d.tenantId);
    for (const who of ['dispatcher', 'agent', 'supervisor', ...outsiders] as DemoLogin[]) {
      const client = await d.login(who);
      const create = await client.post(
        '/api/dispatch-rules',
        ruleBody(d, { jurisdictionId: d.nodes.twp2 }),
      );
      const update = await client.put(`/api/dispatch-rules/${rule.id}`, {
        ...ruleBody(d, { unitId: d.units.dept2 }),
        expectedVersion: 1,
      });
      const del = await client.del(`/api/dispatch-rules/${rule.id}`);
      expect([create.status, update.status, del.status], who).toEqual([403, 403, 403]);
      expect(create.body.error.code).toBe('FORBIDDEN');
    }
    expect(await changeCount(d.tenantId)).toBe(before);
    expect((await admin.get(`/api/dispatch-rules/${rule.id}`)).body.version).toBe(1);

    // The dispatch centre's leader edits; a township's leader does not.
    const edited = await centreLeader.put(`/api/dispatch-rules/${rule.id}`, {
      ...ruleBody(d, { unitId: d.units.dept2 }),
      expectedVersion: 1,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.updatedBy.id).toBe(centreLeader.userId);
    expect((await townshipLeader.get('/api/dispatch-rules')).status).toBe(403);

    // Another district's administrator cannot see or touch the rule.
    const other = await ctx.newDistrict();
    const foreign = await other.login('admin');
    expect((await foreign.get(`/api/dispatch-rules/${rule.id}`)).status).toBe(404);
    expect(
      (
        await foreign.put(`/api/dispatch-rules/${rule.id}`, {
          ...ruleBody(d),
          expectedVersion: 2,
        })
      ).status,
    ).toBe(404);
    expect((await foreign.get('/api/dispatch-rules')).body.total).toBe(0);
  });
});
