// Civility points through the API: the district's default rules and their versions;
// a village committee records points (bulk too) for its own households only, within a
// rule's cap; corrections are reversing entries and the database refuses UPDATE,
// DELETE and TRUNCATE; a deliberation session held twice earns its participants'
// households one entry; the public board ranks the village's households by quarter in
// +08:00 with the address and the head's masked surname only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { PASSWORD, type District } from '../../../test/factories.js';
import { newId } from '../../shared/ids.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const START = '2026-11-02T01:00:00Z';

/** A grid under a village of the test district (vil1 has grid1 already). */
async function gridIn(d: District, village: 'vil1' | 'vil3'): Promise<string> {
  if (village === 'vil1') return d.nodes.grid1;
  const v = await ctx.c.db
    .selectFrom('jurisdictions')
    .select('path')
    .where('id', '=', d.nodes.vil3)
    .executeTakeFirstOrThrow();
  const id = newId();
  await ctx.c.db
    .insertInto('jurisdictions')
    .values({
      id,
      tenant_id: d.tenantId,
      parent_id: d.nodes.vil3,
      level: 'grid',
      code: `${d.tenantId}-g3`,
      name: '石门村第一网格',
      population: 100,
      path: `${v.path}${id}/`,
    })
    .execute();
  return id;
}

/** A household with its head (户主) and, optionally, other members. */
async function household(
  d: District,
  gridId: string,
  address: string,
  head: { name: string; phone?: string },
  others: Array<{ name: string; phone?: string }> = [],
): Promise<string> {
  const id = newId();
  const now = ctx.clock.now();
  await ctx.c.db
    .insertInto('households')
    .values({
      id,
      tenant_id: d.tenantId,
      grid_id: gridId,
      address,
      note: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const people = [
    { ...head, relation: '户主' },
    ...others.map((o) => ({ ...o, relation: '配偶' })),
  ];
  for (const p of people) {
    await ctx.c.db
      .insertInto('residents')
      .values({
        id: newId(),
        tenant_id: d.tenantId,
        household_id: id,
        name: p.name,
        gender: null,
        birth_date: null,
        relation: p.relation,
        phone: p.phone ?? null,
        id_number_cipher: null,
        id_number_hash: null,
        id_number_masked: null,
        kinds: [],
        care_needs: null,
        note: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  return id;
}

async function ruleId(d: District, code: string): Promise<string> {
  const admin = await d.login('admin');
  const rules = await admin.get('/api/civility/rules');
  expect(rules.status, JSON.stringify(rules.body)).toBe(200);
  const r = rules.body.items.find((x: { code: string }) => x.code === code);
  expect(r, code).toBeDefined();
  return r.id;
}

const entriesOf = (householdId: string) =>
  ctx.c.db
    .selectFrom('civility_entries')
    .selectAll()
    .where('household_id', '=', householdId)
    .orderBy('at')
    .execute();

describe('rules', () => {
  it('seeds the defaults; an administrator edits one and the old version stays', async () => {
    ctx.clock.set(START);
    const d = await ctx.newDistrict();
    const admin = await d.login('admin');
    const list = await admin.get('/api/civility/rules');
    expect(list.status).toBe(200);
    expect(list.body.canEdit).toBe(true);
    const labels = list.body.items.map((r: { label: string }) => r.label);
    expect(labels).toEqual(
      expect.arrayContaining(['参与村民议事', '主动报告安全隐患', '门前三包达标', '违规搭建']),
    );
    const join = list.body.items.find((r: { code: string }) => r.code === 'join_deliberation');
    expect(join).toMatchObject({
      points: 5,
      kind: 'event',
      trigger: 'deliberation_session',
      version: 1,
    });

    const village = await d.login('village');
    expect((await village.get('/api/civility/rules')).body.canEdit).toBe(false);
    const body = {
      label: '参与村民议事会',
      points: 4,
      kind: 'event',
      trigger: 'deliberation_session',
      maxPerQuarter: 2,
    };
    expect((await village.put(`/api/civility/rules/${join.id}`, body)).status).toBe(403);
    const edited = await admin.put(`/api/civility/rules/${join.id}`, body);
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ label: '参与村民议事会', points: 4, version: 2 });
    const history = await village.get(`/api/civility/rules/${join.id}/history`);
    expect(
      history.body.items.map((v: { version: number; points: number }) => [v.version, v.points]),
    ).toEqual([
      [2, 4],
      [1, 5],
    ]);
    // An event rule needs its event; a manual one has none; zero points is no rule.
    const bad = await admin.put(`/api/civility/rules/${join.id}`, { ...body, trigger: null });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect((await admin.put(`/api/civility/rules/${join.id}`, { ...body, points: 0 })).status).toBe(
      400,
    );
    const created = await admin.post('/api/civility/rules', {
      code: 'clean_yard',
      label: '庭院整洁',
      points: 1,
      kind: 'manual',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(
      (
        await admin.post('/api/civility/rules', {
          code: 'clean_yard',
          label: '重复',
          points: 1,
          kind: 'manual',
        })
      ).status,
    ).toBe(400);
    // Versions are history: the database refuses to rewrite them.
    await expect(
      ctx.c.db
        .updateTable('civility_rule_versions')
        .set({ points: 9 })
        .where('rule_id', '=', join.id)
        .execute(),
    ).rejects.toThrow(/append-only/);
  });
});

describe('the ledger', () => {
  it('a village records points for its own households (bulk too), within caps; others may not', async () => {
    ctx.clock.set(START);
    const d = await ctx.newDistrict();
    const g1 = await gridIn(d, 'vil1');
    const g3 = await gridIn(d, 'vil3');
    const a = await household(d, g1, '东湖社区1组3号', { name: '王建国', phone: '13700001111' });
    const b = await household(d, g1, '东湖社区2组8号', { name: '李秀英' });
    const far = await household(d, g3, '石门村3组12号', { name: '张三丰' });
    const doorstep = await ruleId(d, 'doorstep_duties'); // +2, at most 3 a quarter
    const join = await ruleId(d, 'join_deliberation');
    const village = await d.login('village');

    const bulk = await village.post('/api/civility/entries', {
      householdIds: [a, b],
      ruleId: doorstep,
      reason: '11月门前三包检查达标',
    });
    expect(bulk.status, JSON.stringify(bulk.body)).toBe(201);
    expect(bulk.body.batchId).toMatch(/^[0-9a-f-]{36}$/);
    expect(bulk.body.items).toHaveLength(2);
    expect(bulk.body.items[0]).toMatchObject({ points: 2, source: 'manual', quarter: '2026-Q4' });

    // Not its village: invisible. Event rules are not entered by hand.
    const other = await village.post('/api/civility/entries', {
      householdIds: [far],
      ruleId: doorstep,
      reason: '检查达标',
    });
    expect(other.status).toBe(404);
    const byHand = await village.post('/api/civility/entries', {
      householdIds: [a],
      ruleId: join,
      reason: '参加议事',
    });
    expect(byHand.status).toBe(400);
    // The township reads but does not record; a department does not even read.
    const street = await d.login('street');
    expect((await street.get('/api/civility/households')).status).toBe(200);
    expect(
      (
        await street.post('/api/civility/entries', {
          householdIds: [a],
          ruleId: doorstep,
          reason: '检查达标',
        })
      ).status,
    ).toBe(403);
    expect((await (await d.login('dept')).get('/api/civility/households')).status).toBe(403);
    expect(
      (
        await (
          await d.login('grid')
        ).post('/api/civility/entries', { householdIds: [a], ruleId: doorstep, reason: '检查达标' })
      ).status,
    ).toBe(403);
    const admin = await d.login('admin');
    expect(
      (
        await admin.post('/api/civility/entries', {
          householdIds: [a],
          ruleId: doorstep,
          reason: '检查达标',
        })
      ).status,
    ).toBe(403);

    // The cap: two more for a (3 in all); a 4th in the same quarter is refused, the whole batch.
    for (let i = 0; i < 2; i++)
      expect(
        (
          await village.post('/api/civility/entries', {
            householdIds: [a],
            ruleId: doorstep,
            reason: '复查达标',
          })
        ).status,
      ).toBe(201);
    const capped = await village.post('/api/civility/entries', {
      householdIds: [b, a],
      ruleId: doorstep,
      reason: '再次复查',
    });
    expect(capped.status).toBe(400);
    expect(capped.body.error.message).toContain('上限');
    expect(await entriesOf(b)).toHaveLength(1);

    // A correction is a reversing entry; it frees the cap; it happens once.
    const first = (await entriesOf(a))[0]!;
    const rev = await village.post(`/api/civility/entries/${first.id}/reverse`, {
      reason: '录入有误',
    });
    expect(rev.status, JSON.stringify(rev.body)).toBe(201);
    expect(rev.body).toMatchObject({ points: -2, source: 'reversal', reversesId: first.id });
    expect(
      (await village.post(`/api/civility/entries/${first.id}/reverse`, { reason: '录入有误' }))
        .status,
    ).toBe(409);
    expect(
      (await village.post(`/api/civility/entries/${rev.body.id}/reverse`, { reason: '录入有误' }))
        .status,
    ).toBe(400);
    expect(
      (
        await village.post('/api/civility/entries', {
          householdIds: [a],
          ruleId: doorstep,
          reason: '复查达标',
        })
      ).status,
    ).toBe(201);

    const ledger = await village.get(`/api/civility/households/${a}`);
    expect(ledger.status).toBe(200);
    expect(ledger.body.household).toMatchObject({
      head: '王**',
      quarterPoints: 6,
      quarterEntries: 5,
      canEnter: true,
    });
    expect(ledger.body.items.find((e: { id: string }) => e.id === first.id).reversedBy).toBe(
      rev.body.id,
    );
    const list = await street.get(`/api/civility/households?villageId=${d.nodes.vil1}`);
    expect(
      list.body.items.map((h: { id: string; quarterPoints: number }) => [h.id, h.quarterPoints]),
    ).toEqual([
      [a, 6],
      [b, 2],
    ]);
    expect(list.body.items[0].canEnter).toBe(false);
    expect(JSON.stringify(list.body)).not.toContain('建国');

    // Append-only in the database itself.
    await expect(
      ctx.c.db
        .updateTable('civility_entries')
        .set({ points: 100 })
        .where('id', '=', first.id)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      ctx.c.db.deleteFrom('civility_entries').where('id', '=', first.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      ctx.c.db.transaction().execute(async (trx) => {
        await sql`TRUNCATE civility_entries`.execute(trx);
      }),
    ).rejects.toThrow(/append-only/);
    expect(await entriesOf(a)).toHaveLength(5);

    // The export lists the quarter's ranking of the village.
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: `${d.tenantId}-street`, password: PASSWORD },
    });
    const cookie = login.cookies.find((k) => k.name === 'jiesu_session')!;
    const xlsx = await ctx.app.inject({
      method: 'GET',
      url: `/api/civility/ranking/export.xlsx?villageId=${d.nodes.vil1}`,
      headers: { cookie: `jiesu_session=${cookie.value}` },
    });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => [r[3], r[4], r[6], r[7]])).toEqual([
      [1, '东湖社区1组3号', '王**', 6],
      [2, '东湖社区2组8号', '李**', 2],
    ]);
  });
});

/** A ticket of the street office, signed off for deliberation in vil1. */
async function inDeliberation(d: District, requester: { name: string; phone: string }) {
  const t = await d.newTicket({ requester });
  expect(
    (await (await d.login('dispatcher')).act(t.id, 'dispatch', { leadUnitId: d.units.twp1 }))
      .status,
  ).toBe(200);
  const street = await d.login('street');
  expect((await street.act(t.id, 'accept', {})).status).toBe(200);
  expect((await street.act(t.id, 'start_handling', {})).status).toBe(200);
  expect(
    (
      await street.act(t.id, 'propose_deliberation', {
        basis: 'unsolved_not_escalable',
        villageUnitId: d.units.vil1,
        reason: '诉求人要求超出政策标准,多次答复仍不认可',
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await (
        await d.login('leader')
      ).act(t.id, 'sign_off_deliberation', { verdict: 'signed', note: '同意下交' })
    ).status,
  ).toBe(200);
  return t;
}

describe('points from ticket events', () => {
  it('a session held twice earns each participant household one entry; settling earns the requester', async () => {
    ctx.clock.set(START);
    const d = await ctx.newDistrict();
    const g1 = await gridIn(d, 'vil1');
    const a = await household(d, g1, '东湖社区1组3号', { name: '王建国' }, [{ name: '刘芳' }]);
    const b = await household(d, g1, '东湖社区2组8号', { name: '李秀英', phone: '13911112222' });
    // The same name in two households: left out rather than guessed.
    const c1 = await household(d, g1, '东湖社区3组1号', { name: '陈明' });
    const c2 = await household(d, g1, '东湖社区3组2号', { name: '陈明' });
    const t = await inDeliberation(d, { name: '李秀英', phone: '13911112222' });
    const village = await d.login('village');
    const panel = await village.put(`/api/elder-panels/${d.units.vil1}`, {
      termStart: '2026-01-01',
      termEnd: '2028-12-31',
      members: Array.from({ length: 5 }, (_, i) => ({ name: `评议员${i + 1}`, kind: 'old_cadre' })),
    });
    expect(panel.status, JSON.stringify(panel.body)).toBe(200);
    const session = {
      heldAt: ctx.clock.now().toISOString(),
      place: '东湖社区党群服务中心',
      convenor: '社区党委书记',
      panelMemberIds: panel.body.members.map((m: { id: string }) => m.id),
      participants: [
        { name: '王建国', kind: 'villager_representative' },
        { name: '刘芳', kind: 'villager_representative' },
        { name: '陈明', kind: 'villager_representative' },
        { name: '外村人', kind: 'villager_representative' },
      ],
      matter: '诉求人要求小区单独加装电梯费用全部由政府承担',
      minutes: '评议团逐一发表意见,认为诉求超出政策标准,建议按加装电梯补贴政策申请补助。',
      finding: 'unreasonable',
      settlement: '按现行政策申请加装电梯补贴,社区协助办理手续',
      signatures: [{ name: '评议员1', signedAt: ctx.clock.now().toISOString() }],
    };
    const held = await village.act(t.id, 'hold_session', session);
    expect(held.status, JSON.stringify(held.body)).toBe(200);
    ctx.clock.advance(3_600_000);
    const again = await village.act(t.id, 'hold_session', {
      ...session,
      heldAt: ctx.clock.now().toISOString(),
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);

    const mine = await entriesOf(a);
    expect(mine).toHaveLength(1); // two of its members took part, twice: one entry
    expect(mine[0]).toMatchObject({ points: 5, source: 'auto', ticket_id: t.id });
    expect(await entriesOf(c1)).toHaveLength(0);
    expect(await entriesOf(c2)).toHaveLength(0);
    expect(await entriesOf(b)).toHaveLength(0);

    const trail = await ctx.c.db
      .selectFrom('ticket_events')
      .select(['action', 'payload'])
      .where('ticket_id', '=', t.id)
      .orderBy('seq')
      .execute();
    const sessionId = (
      trail.find((e) => e.action === 'hold_session')!.payload as { sessionId: string }
    ).sessionId;
    expect((await village.act(t.id, 'archive_session', { sessionId })).status).toBe(200);
    expect(
      (
        await village.act(t.id, 'publish_notice', {
          sessionId,
          text: '经群众评议,该诉求超出政策标准,建议按补贴政策办理。',
        })
      ).status,
    ).toBe(200);
    expect(
      (await village.act(t.id, 'settle_deliberation', { note: '诉求人接受评议结果,签字确认' }))
        .status,
    ).toBe(200);
    expect(await entriesOf(b)).toMatchObject([{ points: 3, source: 'auto', ticket_id: t.id }]);
    // An event's entry is not entered twice even by a direct insert.
    await expect(
      ctx.c.db
        .insertInto('civility_entries')
        .values({ ...mine[0]!, id: newId() })
        .execute(),
    ).rejects.toThrow();
  });
});

describe('the public board', () => {
  it('ranks the village by quarter in +08:00, ties sharing a rank, masked, no sign-in', async () => {
    ctx.clock.set(START);
    const d = await ctx.newDistrict();
    const g1 = await gridIn(d, 'vil1');
    const g3 = await gridIn(d, 'vil3');
    const a = await household(d, g1, '东湖社区1组3号', { name: '王建国', phone: '13700001111' });
    const b = await household(d, g1, '东湖社区2组8号', { name: '李秀英', phone: '13911112222' });
    const c = await household(d, g1, '东湖社区2组9号', { name: '欧阳明' });
    const far = await household(d, g3, '石门村3组12号', { name: '张三丰' });
    const volunteer = await ruleId(d, 'volunteer'); // +2, no cap
    const rule = await ctx.c.db
      .selectFrom('civility_rules')
      .select('id')
      .where('id', '=', volunteer)
      .executeTakeFirstOrThrow();
    const put = (household_id: string, points: number, at: string) =>
      ctx.c.db
        .insertInto('civility_entries')
        .values({
          id: newId(),
          tenant_id: d.tenantId,
          household_id,
          rule_id: rule.id,
          points,
          reason: '志愿服务',
          ticket_id: null,
          source: 'manual',
          reverses_id: null,
          batch_id: null,
          recorded_by: null,
          at,
        })
        .execute();
    // 2026-09-30 23:59:59 in Beijing is still Q3; 10-01 00:00 is Q4.
    await put(a, 10, '2026-09-30T15:59:59Z');
    await put(a, 2, '2026-09-30T16:00:00Z');
    await put(b, 4, '2026-10-15T02:00:00Z');
    await put(c, 2, '2026-11-01T02:00:00Z');
    await put(far, 8, '2026-11-01T02:00:00Z');

    const anon = d.anonymous();
    const villages = await anon.get('/api/public/civility/villages');
    expect(villages.status).toBe(200);
    expect(villages.body.items.map((v: { name: string }) => v.name)).toEqual([
      '东湖社区',
      '石门村',
    ]);
    const q4 = await anon.get(`/api/public/civility/ranking?villageId=${d.nodes.vil1}`);
    expect(q4.status, JSON.stringify(q4.body)).toBe(200);
    expect(q4.body).toMatchObject({ village: { name: '东湖社区' }, quarter: '2026-Q4', total: 3 });
    expect(q4.body.items).toEqual([
      { rank: 1, label: '东湖社区2组8号', head: '李**', points: 4 },
      { rank: 2, label: '东湖社区1组3号', head: '王**', points: 2 },
      { rank: 2, label: '东湖社区2组9号', head: '欧**', points: 2 },
    ]);
    const shown = JSON.stringify(q4.body);
    for (const secret of [
      '建国',
      '秀英',
      '阳明',
      '13700001111',
      '13911112222',
      '1370000',
      '石门村',
    ])
      expect(shown).not.toContain(secret);
    const q3 = await anon.get(
      `/api/public/civility/ranking?villageId=${d.nodes.vil1}&quarter=2026-Q3`,
    );
    expect(q3.body.items).toEqual([{ rank: 1, label: '东湖社区1组3号', head: '王**', points: 10 }]);
    // Not a village, a future quarter, a bad quarter.
    expect((await anon.get(`/api/public/civility/ranking?villageId=${g1}`)).status).toBe(404);
    expect((await anon.get(`/api/public/civility/ranking?villageId=${newId()}`)).status).toBe(404);
    expect(
      (await anon.get(`/api/public/civility/ranking?villageId=${d.nodes.vil1}&quarter=2027-Q1`))
        .status,
    ).toBe(400);
    expect(
      (await anon.get(`/api/public/civility/ranking?villageId=${d.nodes.vil1}&quarter=2026-Q5`))
        .status,
    ).toBe(400);
  });
});
