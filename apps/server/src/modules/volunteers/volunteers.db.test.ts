// 志愿服务 through the API: a village team with five members (leaving keeps history),
// activities with hours summed exactly per person, team and township (property-based),
// help asked on a ticket that lands on its timeline and as the team's activity, public
// applications accepted and refused, masked contacts with a logged reveal, who may edit
// a team, what a resident sees, and the Excel import's row errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { PASSWORD, type District, type DemoLogin } from '../../../test/factories.js';
import { uploadPng } from '../../../test/uploads.js';
import { extraLogin } from '../../../test/extra-users.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const TEAMS = '/api/volunteers/teams';
const PEOPLE = [
  ['张建国', '13800001001', 'captain'],
  ['李秀兰', '13800001002', 'member'],
  ['王德胜', '13800001003', 'mediator'],
  ['赵桂芳', '13800001004', 'elder'],
  ['刘小军', '13800001005', 'member'],
] as const;

async function newTeam(d: District, name = '东湖社区敬老助老志愿队', leaderUserId?: string) {
  const village = await d.login('village');
  const res = await village.post(TEAMS, {
    placeId: d.nodes.vil1,
    name,
    kind: 'volunteer',
    field: 'elderly',
    ...(leaderUserId ? { leaderUserId } : {}),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const memberIds: string[] = [];
  for (const [n, phone, role] of PEOPLE) {
    const r = await village.post(`${TEAMS}/${res.body.team.id}/members`, {
      kind: 'person',
      name: n,
      phone,
      role,
      skills: ['陪护'],
      joinedOn: '2026-01-05',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    memberIds.push(r.body.id);
  }
  return { teamId: res.body.team.id as string, memberIds };
}

async function uploadPhoto(d: District, who: DemoLogin): Promise<string> {
  return uploadPng(await d.login(who), '活动.png');
}

describe('teams and members', () => {
  it('an activity keeps its photos: only the recorder’s own uploads, then open to all staff', async () => {
    const d = await ctx.newDistrict();
    const { teamId, memberIds } = await newTeam(d);
    const village = await d.login('village');
    const mine = await uploadPhoto(d, 'village');
    const theirs = await uploadPhoto(d, 'agent');
    const dept = await d.login('dept');
    // Before it is on an activity, only the uploader opens it.
    expect((await dept.get(`/api/attachments/${mine}`)).status).toBe(404);
    const body = (photoIds: string[]) => ({
      title: '社区环境清洁',
      place: '东湖社区',
      startsAt: '2026-11-10T01:00:00.000Z',
      held: true,
      report: '清理楼道杂物',
      participants: [{ memberId: memberIds[0], hours: 2 }],
      photoIds,
    });
    const refused = await village.post(`${TEAMS}/${teamId}/activities`, body([mine, theirs]));
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('UNKNOWN_ATTACHMENT');
    const acts = await village.get(`/api/volunteers/activities?teamId=${teamId}`);
    expect(acts.body.items).toHaveLength(0);
    const held = await village.post(`${TEAMS}/${teamId}/activities`, body([mine]));
    expect(held.status, JSON.stringify(held.body)).toBe(200);
    expect(held.body.photoIds).toEqual([mine]);
    const read = await dept.get(`/api/attachments/${mine}`);
    expect(read.status).toBe(200);
    // The agent's own upload is still the agent's only.
    expect((await dept.get(`/api/attachments/${theirs}`)).status).toBe(404);
  });

  it('a team with five members; phones masked; leaving keeps the history', async () => {
    const d = await ctx.newDistrict();
    const { teamId, memberIds } = await newTeam(d);
    const village = await d.login('village');
    const got = await village.get(`${TEAMS}/${teamId}`);
    expect(got.body.team).toMatchObject({
      memberCount: 5,
      place: { id: d.nodes.vil1 },
      township: { id: d.nodes.twp1 },
      unit: { id: d.units.vil1 },
      fieldLabel: '敬老助老',
      writable: true,
    });
    expect(got.body.members.map((m: { phone: string }) => m.phone)).toContain('138****1001');
    expect(JSON.stringify(got.body)).not.toContain('13800001001');
    // Duplicate phone of a current member, and a bad phone.
    expect(
      (
        await village.post(`${TEAMS}/${teamId}/members`, {
          kind: 'person',
          name: '重复',
          phone: '13800001002',
          role: 'member',
        })
      ).status,
    ).toBe(409);
    const bad = await village.post(`${TEAMS}/${teamId}/members`, {
      kind: 'person',
      name: '错号',
      phone: '12345',
      role: 'member',
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'INVALID_PHONE']);

    const left = await village.post(`/api/volunteers/members/${memberIds[4]}/leave`, {
      leftOn: '2026-10-31',
      reason: '外出务工',
    });
    expect(left.body).toMatchObject({
      current: false,
      leftOn: '2026-10-31',
      leaveReason: '外出务工',
    });
    const after = await village.get(`${TEAMS}/${teamId}`);
    expect(after.body.team.memberCount).toBe(4);
    expect(after.body.members).toHaveLength(5);
    expect(after.body.members.at(-1)).toMatchObject({ id: memberIds[4], current: false });
    expect((await village.post(`/api/volunteers/members/${memberIds[4]}/leave`, {})).status).toBe(
      409,
    );
    // A leaver may join again: a new membership row, the old one stays.
    const again = await village.post(`${TEAMS}/${teamId}/members`, {
      kind: 'person',
      name: '刘小军',
      phone: '13800001005',
      role: 'member',
    });
    expect(again.status).toBe(200);
    expect((await village.get(`${TEAMS}/${teamId}`)).body.members).toHaveLength(6);
  });

  it('a reveal is logged with its purpose; only keepers may reveal; admins read the log', async () => {
    const d = await ctx.newDistrict();
    const { teamId, memberIds } = await newTeam(d);
    const village = await d.login('village');
    const r = await village.post(`/api/volunteers/members/${memberIds[0]}/reveal`, {
      purpose: '联系队长安排送药',
    });
    expect(r.body).toMatchObject({ phone: '13800001001', revealed: true });
    const dept = await d.login('dept');
    expect((await dept.get(`${TEAMS}/${teamId}`)).status).toBe(200);
    expect(
      (await dept.post(`/api/volunteers/members/${memberIds[0]}/reveal`, { purpose: '想看看' }))
        .status,
    ).toBe(403);
    const reads = await ctx.c.db
      .selectFrom('volunteer_contact_reads')
      .selectAll()
      .where('tenant_id', '=', d.tenantId)
      .execute();
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      user_id: d.users.village,
      member_id: memberIds[0],
      action: 'reveal',
      purpose: '联系队长安排送药',
    });
    // A full export is logged too; the default export is masked.
    const masked = await ctx.app.inject({
      method: 'GET',
      url: `${TEAMS}/${teamId}/members/export.xlsx`,
      headers: await cookieOf(d, 'village'),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(masked.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(2).getCell(2).text).toBe('138****1001');
  });

  it('a department may not edit a village team; the township may; the leader may', async () => {
    const d = await ctx.newDistrict();
    const leader = await extraLogin(ctx, d, 'vil2', 'handler');
    const { teamId, memberIds } = await newTeam(d, '东湖社区服务队', leader.userId);
    const dept = await d.login('dept');
    expect((await dept.patch(`${TEAMS}/${teamId}`, { name: '部门改名' })).status).toBe(403);
    expect(
      (
        await dept.post(`${TEAMS}/${teamId}/members`, {
          kind: 'person',
          name: '某人',
          role: 'member',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await dept.post(TEAMS, {
          placeId: d.nodes.vil1,
          name: '部门建队',
          kind: 'volunteer',
          field: 'other',
        })
      ).status,
    ).toBe(403);
    expect((await dept.get(`${TEAMS}/${teamId}`)).body.team.writable).toBe(false);
    // The neighbouring village may not either.
    const vil2 = await extraLogin(ctx, d, 'vil2', 'unit_leader');
    expect((await vil2.patch(`${TEAMS}/${teamId}`, { name: '邻村改名' })).status).toBe(403);
    const street = await d.login('street');
    expect((await street.patch(`${TEAMS}/${teamId}`, { description: '街道补充说明' })).status).toBe(
      200,
    );
    // The leader runs the team but does not pick its leader.
    expect((await leader.patch(`${TEAMS}/${teamId}`, { description: '队长更新' })).status).toBe(
      200,
    );
    expect((await leader.patch(`${TEAMS}/${teamId}`, { leaderUserId: null })).status).toBe(403);
    expect(
      (await leader.post(`/api/volunteers/members/${memberIds[1]}/leave`, { reason: '搬家' }))
        .status,
    ).toBe(200);
    // The list filters by township, village, field, kind; `mine` is what the actor edits.
    const mine = await leader.get(`${TEAMS}?mine=1`);
    expect(mine.body.items.map((t: { id: string }) => t.id)).toEqual([teamId]);
    expect((await dept.get(`${TEAMS}?mine=1`)).body.items).toEqual([]);
    expect((await dept.get(`${TEAMS}?townshipId=${d.nodes.twp1}`)).body.total).toBe(1);
    expect((await dept.get(`${TEAMS}?townshipId=${d.nodes.twp2}`)).body.total).toBe(0);
    expect((await dept.get(`${TEAMS}?field=elderly&kind=volunteer`)).body.total).toBe(1);
    expect((await dept.get(`${TEAMS}?field=education`)).body.total).toBe(0);
  });
});

async function cookieOf(d: District, who: DemoLogin) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: `${d.tenantId}-${who}`, password: PASSWORD },
  });
  const cookie = res.cookies.find((k) => k.name === 'jiesu_session')!;
  return {
    cookie: `jiesu_session=${cookie.value}`,
    'x-csrf-token': res.json().csrfToken as string,
  };
}

describe('activities and hours', () => {
  it('a planned activity is recorded as held with hours; fractions of a minute are refused', async () => {
    const d = await ctx.newDistrict();
    const { teamId, memberIds } = await newTeam(d);
    const village = await d.login('village');
    const planned = await village.post(`${TEAMS}/${teamId}/activities`, {
      title: '重阳节敬老院慰问',
      place: '东湖社区养老驿站',
      startsAt: '2026-11-10T01:00:00.000Z',
    });
    expect(planned.body).toMatchObject({ status: 'planned', totalMinutes: 0, field: 'elderly' });
    const bad = await village.post(`/api/volunteers/activities/${planned.body.id}/held`, {
      report: '慰问老人20位',
      participants: [{ memberId: memberIds[0], hours: 1.001 }],
    });
    expect(bad.status).toBe(400);
    const held = await village.post(`/api/volunteers/activities/${planned.body.id}/held`, {
      report: '慰问老人20位,打扫卫生',
      participants: [
        { memberId: memberIds[0], hours: 2.5 },
        { memberId: memberIds[1], hours: 3 },
      ],
    });
    expect(held.body).toMatchObject({ status: 'held', totalMinutes: 330, totalHours: 5.5 });
    expect(
      (
        await village.post(`/api/volunteers/activities/${planned.body.id}/held`, {
          report: '重复登记',
          participants: [{ memberId: memberIds[0], hours: 1 }],
        })
      ).status,
    ).toBe(409);
    const team = await village.get(`${TEAMS}/${teamId}`);
    expect(team.body.team.hoursThisYear).toBe(5.5);
    expect(team.body.members.find((m: { id: string }) => m.id === memberIds[0]).hours).toBe(2.5);
  });

  it('hours add up exactly per person, team and township over a year (property)', async () => {
    const d = await ctx.newDistrict();
    const { teamId, memberIds } = await newTeam(d);
    const { teamId: team2, memberIds: members2 } = await newTeam(d, '东湖社区治安巡逻队');
    const village = await d.login('village');
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            team: fc.constantFrom(0, 1),
            // Inside 2026 in Beijing time, or the first hours of 2027 (the next year).
            day: fc.integer({ min: 0, max: 366 }),
            parts: fc.uniqueArray(
              fc.record({
                who: fc.integer({ min: 0, max: 4 }),
                quarter: fc.integer({ min: 1, max: 40 }),
              }),
              { selector: (p) => p.who, minLength: 1, maxLength: 5 },
            ),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        async (acts) => {
          const before = (await village.get('/api/volunteers/summary?year=2026')).body;
          const expected = new Map<string, number>();
          const teamExpected = [0, 0];
          for (const a of acts) {
            const ids = a.team === 0 ? memberIds : members2;
            const starts = new Date(Date.UTC(2025, 11, 31, 16, 30) + a.day * 86_400_000);
            const res = await village.post(`${TEAMS}/${a.team === 0 ? teamId : team2}/activities`, {
              title: `活动${n++}`,
              place: '村委会',
              startsAt: starts.toISOString(),
              held: true,
              report: '已开展',
              participants: a.parts.map((p) => ({ memberId: ids[p.who], hours: p.quarter / 4 })),
            });
            expect(res.status, JSON.stringify(res.body)).toBe(200);
            if (starts < new Date('2026-12-31T16:00:00Z')) {
              for (const p of a.parts) {
                const id = ids[p.who]!;
                expected.set(id, (expected.get(id) ?? 0) + p.quarter * 15);
                teamExpected[a.team]! += p.quarter * 15;
              }
            }
          }
          const after = (await village.get('/api/volunteers/summary?year=2026')).body;
          const minutesOf = (s: typeof after, key: 'byPerson' | 'byTeam', id: string) =>
            s[key].find(
              (x: { member?: { id: string }; team: { id: string } }) =>
                (key === 'byPerson' ? x.member!.id : x.team.id) === id,
            )?.minutes ?? 0;
          for (const [id, mins] of expected)
            expect(minutesOf(after, 'byPerson', id) - minutesOf(before, 'byPerson', id)).toBe(mins);
          expect(minutesOf(after, 'byTeam', teamId) - minutesOf(before, 'byTeam', teamId)).toBe(
            teamExpected[0],
          );
          expect(minutesOf(after, 'byTeam', team2) - minutesOf(before, 'byTeam', team2)).toBe(
            teamExpected[1],
          );
          const tw = (s: typeof after) => s.byTownship[0]?.minutes ?? 0;
          expect(tw(after) - tw(before)).toBe(teamExpected[0]! + teamExpected[1]!);
          expect(after.byTownship[0]?.township.id ?? d.nodes.twp1).toBe(d.nodes.twp1);
        },
      ),
      { numRuns: 6 },
    );
    // The annual summary as Excel carries the same hours.
    const x = await ctx.app.inject({
      method: 'GET',
      url: '/api/volunteers/summary/export.xlsx?year=2026',
      headers: await cookieOf(d, 'village'),
    });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const s = (await village.get('/api/volunteers/summary?year=2026')).body;
    expect(wb.getWorksheet('按队伍')!.rowCount - 1).toBe(s.byTeam.length);
  });
});

describe('help on a ticket', () => {
  it('the handling unit asks a team; the leader accepts, assigns and records; the timeline and the team show it', async () => {
    const d = await ctx.newDistrict();
    const leader = await extraLogin(ctx, d, 'vil2', 'handler');
    const { teamId, memberIds } = await newTeam(d, '东湖社区敬老助老志愿队', leader.userId);
    const t = await d.ticketIn('in_progress');
    const village = await d.login('village');
    const dept = await d.login('dept');
    // Not the ticket's unit: refused.
    expect(
      (await dept.act(t.id, 'request_volunteers', { teamId, description: '请协助' })).status,
    ).toBe(404);
    const asked = await village.act(t.id, 'request_volunteers', {
      teamId,
      description: '独居老人行动不便,请志愿队帮忙送药上门',
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body.state).toBe('in_progress');
    const inbox = await leader.get('/api/volunteers/help-requests?status=requested');
    expect(inbox.body.items).toHaveLength(1);
    const help = inbox.body.items[0];
    expect(help).toMatchObject({
      team: { id: teamId },
      ticket: { id: t.id, code: t.code },
      status: 'requested',
      writable: true,
      requestedUnit: { id: d.units.vil1 },
    });
    // Recording before accepting, or by someone else, is refused.
    const rec = {
      what: '两名队员上门送药并测量血压',
      helpedAt: '2026-11-02T02:00:00.000Z',
      participants: [
        { memberId: memberIds[0], hours: 1.5 },
        { memberId: memberIds[1], hours: 1.25 },
      ],
    };
    expect((await leader.post(`/api/volunteers/help-requests/${help.id}/record`, rec)).status).toBe(
      409,
    );
    expect(
      (
        await dept.post(`/api/volunteers/help-requests/${help.id}/accept`, {
          memberIds: [memberIds[0]],
        })
      ).status,
    ).toBe(403);
    const accepted = await leader.post(`/api/volunteers/help-requests/${help.id}/accept`, {
      memberIds: [memberIds[0], memberIds[1]],
    });
    expect(accepted.body).toMatchObject({ status: 'accepted', acceptedBy: { id: leader.userId } });
    expect(accepted.body.assigned.map((m: { name: string }) => m.name)).toEqual([
      '张建国',
      '李秀兰',
    ]);
    ctx.clock.set('2026-11-02T03:00:00Z');
    const done = await leader.post(`/api/volunteers/help-requests/${help.id}/record`, rec);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', totalHours: 2.75, what: rec.what });

    const events = (await village.get(`/api/tickets/${t.id}/events`)).body;
    const req = events.find((e: { action: string }) => e.action === 'request_volunteers');
    expect(req.payload).toMatchObject({ teamId, teamName: '东湖社区敬老助老志愿队' });
    const rev = events.find((e: { action: string }) => e.action === 'record_volunteer_help');
    expect(rev).toMatchObject({
      actorKind: 'system',
      fromState: 'in_progress',
      toState: 'in_progress',
    });
    expect(rev.payload).toMatchObject({
      helpRequestId: help.id,
      what: rec.what,
      hours: 2.75,
      recordedBy: { id: leader.userId },
      volunteers: [
        { id: memberIds[0], name: '张建国', minutes: 90 },
        { id: memberIds[1], name: '李秀兰', minutes: 75 },
      ],
    });
    const acts = (await leader.get(`/api/volunteers/activities?teamId=${teamId}`)).body.items;
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({
      status: 'held',
      ticket: { id: t.id, code: t.code },
      helpRequestId: help.id,
      totalMinutes: 165,
      report: rec.what,
    });
    const panel = await village.get(`/api/tickets/${t.id}/volunteer-help`);
    expect(panel.body.items[0]).toMatchObject({ status: 'done', writable: false });
    expect((await dept.get(`/api/tickets/${t.id}/volunteer-help`)).status).toBe(404);
    // A finished request cannot be recorded again.
    expect((await leader.post(`/api/volunteers/help-requests/${help.id}/record`, rec)).status).toBe(
      409,
    );
  });
});

describe('help on a household visit', () => {
  it('a grid worker asks a team for help on a planned visit; the leader records it as an activity', async () => {
    const d = await ctx.newDistrict();
    const leader = await extraLogin(ctx, d, 'vil2', 'handler');
    const { teamId, memberIds } = await newTeam(d, '东湖社区敬老助老志愿队', leader.userId);
    const now = ctx.clock.now();
    const householdId = crypto.randomUUID();
    await ctx.c.db
      .insertInto('households')
      .values({
        id: householdId,
        tenant_id: d.tenantId,
        grid_id: d.nodes.grid1,
        address: '东湖小区3号楼201',
        note: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const grid = await d.login('grid');
    const planned = await grid.post('/api/duties/visits', {
      householdId,
      plannedFor: '2026-11-05',
    });
    expect(planned.status, JSON.stringify(planned.body)).toBe(201);
    const body = { teamId, visitId: planned.body.id, description: '独居老人需要送药上门' };
    const agent = await d.login('agent');
    expect((await agent.post('/api/volunteers/help-requests', body)).status).toBe(403);
    const asked = await grid.post('/api/volunteers/help-requests', body);
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body).toMatchObject({ status: 'requested', visitId: planned.body.id });
    const id = asked.body.id as string;
    await leader.post(`/api/volunteers/help-requests/${id}/accept`, { memberIds: [memberIds[2]] });
    const done = await leader.post(`/api/volunteers/help-requests/${id}/record`, {
      what: '队员上门送药并陪老人聊天',
      helpedAt: ctx.clock.now().toISOString(),
      participants: [{ memberId: memberIds[2], hours: 0.5 }],
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const acts = (await leader.get(`/api/volunteers/activities?teamId=${teamId}`)).body.items;
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({ status: 'held', totalMinutes: 30, helpRequestId: id });
  });
});

describe('applications (public)', () => {
  it('a resident signs up with a valid phone, sees only public fields, gets accepted or refused', async () => {
    const d = await ctx.newDistrict();
    const { teamId } = await newTeam(d);
    const village = await d.login('village');
    await village.post(`${TEAMS}/${teamId}/activities`, {
      title: '义诊进社区',
      place: '社区广场',
      startsAt: '2026-11-20T01:00:00.000Z',
    });
    const anon = d.anonymous();
    const places = await anon.get('/api/public/volunteers/places');
    expect(places.body).toEqual([
      { id: d.nodes.vil1, name: '东湖社区', township: '东城街道', teams: 1 },
    ]);
    const page = await anon.get(`/api/public/volunteers/villages/${d.nodes.vil1}`);
    expect(page.body.teams).toHaveLength(1);
    expect(page.body.upcoming.map((u: { title: string }) => u.title)).toEqual(['义诊进社区']);
    const text = JSON.stringify(page.body);
    for (const [n, phone] of PEOPLE) {
      expect(text).not.toContain(n);
      expect(text).not.toContain(phone.slice(-4));
    }
    expect(Object.keys(page.body.teams[0]).sort()).toEqual(
      [
        'acceptsApplications',
        'description',
        'fieldLabel',
        'id',
        'kind',
        'memberCount',
        'name',
      ].sort(),
    );

    const url = `/api/public/volunteers/teams/${teamId}/applications`;
    const bad = await anon.post(url, { name: '陈晓', phone: '1380000' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'INVALID_PHONE']);
    const a1 = await anon.post(url, { name: '陈晓', phone: '139 0000 2001', skills: ['医护'] });
    expect(a1.body).toMatchObject({ status: 'pending' });
    expect((await anon.post(url, { name: '陈晓', phone: '13900002001' })).status).toBe(409);
    const a2 = await anon.post(url, { name: '周敏', phone: '13900002002' });
    const status = (code: string, phone: string) =>
      anon.get(`/api/public/volunteers/applications?code=${code}&phone=${phone}`);
    expect((await status(a1.body.code, '13900002009')).status).toBe(404);
    expect((await status(a1.body.code, '13900002001')).body.status).toBe('pending');

    const list = await village.get('/api/volunteers/applications?status=pending');
    expect(list.body.items.map((x: { phone: string }) => x.phone).sort()).toEqual([
      '139****2001',
      '139****2002',
    ]);
    const byCode = (c: string) => list.body.items.find((x: { code: string }) => x.code === c);
    const dept = await d.login('dept');
    expect(
      (await dept.post(`/api/volunteers/applications/${byCode(a1.body.code).id}/accept`, {}))
        .status,
    ).toBe(403);
    expect((await dept.get('/api/volunteers/applications')).body.items).toEqual([]);
    const ok = await village.post(
      `/api/volunteers/applications/${byCode(a1.body.code).id}/accept`,
      {},
    );
    expect(ok.body).toMatchObject({ status: 'accepted' });
    const no = await village.post(
      `/api/volunteers/applications/${byCode(a2.body.code).id}/refuse`,
      {
        reason: '本队暂时满员,请关注其他队伍',
      },
    );
    expect(no.body.status).toBe('refused');
    expect(
      (await village.post(`/api/volunteers/applications/${byCode(a2.body.code).id}/accept`, {}))
        .status,
    ).toBe(409);
    expect((await status(a1.body.code, '13900002001')).body.status).toBe('accepted');
    expect((await status(a2.body.code, '13900002002')).body).toMatchObject({
      status: 'refused',
      reason: '本队暂时满员,请关注其他队伍',
    });
    const team = await village.get(`${TEAMS}/${teamId}`);
    expect(team.body.members.map((m: { name: string }) => m.name)).toContain('陈晓');
    expect(team.body.team.memberCount).toBe(6);
  });
});

describe('Excel import', () => {
  async function book(rows: string[][]) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('队员');
    ws.addRow(['姓名', '联系电话', '角色', '特长技能', '可服务时间', '加入日期']);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  async function upload(d: District, teamId: string, data: Buffer, step: 'preview' | 'commit') {
    const boundary = '----jiesu' + Math.random().toString(16).slice(2);
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="m.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await ctx.app.inject({
      method: 'POST',
      url: `${TEAMS}/${teamId}/members/import/${step}`,
      headers: {
        ...(await cookieOf(d, 'village')),
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: body,
    });
    return { status: res.statusCode, body: res.json() };
  }

  it('the preview lists each row error; the commit writes only the valid rows', async () => {
    const d = await ctx.newDistrict();
    const { teamId } = await newTeam(d);
    const data = await book([
      ['孙丽', '13700003001', '队员', '医疗,驾驶', '周末', '2026-03-01'],
      ['', '13700003002', '队员', '', '', ''],
      ['钱进', '1370000', '队长', '', '', ''],
      ['吴刚', '13700003004', '司令', '', '', ''],
      ['郑和', '13800001001', '队员', '', '', ''],
      ['冯雪', '13700003001', '队员', '', '', '2026/3/1'],
    ]);
    const p = await upload(d, teamId, data, 'preview');
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(p.body).toMatchObject({ valid: 1, invalid: 5, imported: 0, committed: false });
    const errs = Object.fromEntries(
      p.body.rows.map((r: { row: number; errors: string[] }) => [r.row, r.errors]),
    );
    expect(errs[2]).toEqual([]);
    expect(errs[3]).toEqual(['姓名不能为空']);
    expect(errs[4]).toEqual(['手机号码格式不正确']);
    expect(errs[5]![0]).toContain('角色应为');
    expect(errs[6]).toEqual(['该手机号已是本队队员']);
    expect(errs[7]).toEqual(['加入日期格式应为 YYYY-MM-DD', '与第2行手机号重复']);
    expect((await (await d.login('village')).get(`${TEAMS}/${teamId}`)).body.members).toHaveLength(
      5,
    );
    const c = await upload(d, teamId, data, 'commit');
    expect(c.body).toMatchObject({ imported: 1, committed: true });
    const members = (await (await d.login('village')).get(`${TEAMS}/${teamId}`)).body.members;
    expect(members.find((m: { name: string }) => m.name === '孙丽')).toMatchObject({
      skills: ['医疗', '驾驶'],
      joinedOn: '2026-03-01',
      phone: '137****3001',
    });
    const junk = await upload(d, teamId, Buffer.from('not a workbook'), 'preview');
    expect(junk.status).toBe(400);
  });
});
