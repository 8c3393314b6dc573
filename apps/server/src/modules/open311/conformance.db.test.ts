// [Interop] Open311 GeoReport v2 conformance, in both formats, through the real HTTP app:
// discovery → services → definition → POST (lat/long, address_string, address_id) → token
// → list → each filter and the defaults (90 days, 1,000) → one request →
// servicerequestupdates GET/POST (mySociety) → each error in the spec's body.
// The XML is parsed with the same library that builds it, and its structure is checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { XMLParser } from 'fast-xml-parser';
import { createTestContext, type District, type TestContext } from '../../../test/harness.js';
import { mappingTable } from './mapping.js';
import { scrub, zoned } from './service.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const DAY = 86_400_000;
const LISTS = [
  'service',
  'attribute',
  'value',
  'request',
  'request_update',
  'error',
  'endpoint',
  'format',
];
const parser = new XMLParser({
  parseTagValue: false,
  ignoreDeclaration: true,
  isArray: (name) => LISTS.includes(name),
});

type Fmt = 'xml' | 'json';
/* eslint-disable @typescript-eslint/no-explicit-any -- documents under test */
interface Reply {
  status: number;
  raw: string;
  doc: any;
  type: string;
  errorCode: string | undefined;
}

async function call(
  method: 'GET' | 'POST',
  path: string,
  fmt: Fmt,
  params: Record<string, string> = {},
): Promise<Reply> {
  const qs = new URLSearchParams(params).toString();
  const url = `/open311/v2/${path}.${fmt}`;
  const res = await ctx.app.inject(
    method === 'GET'
      ? { method, url: qs ? `${url}?${qs}` : url }
      : {
          method,
          url,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: qs,
        },
  );
  const type = String(res.headers['content-type'] ?? '');
  const doc = fmt === 'json' ? JSON.parse(res.body) : parser.parse(res.body);
  if (fmt === 'xml')
    expect(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  expect(type).toContain(fmt === 'json' ? 'application/json' : 'text/xml');
  return {
    status: res.statusCode,
    raw: res.body,
    doc,
    type,
    errorCode: res.headers['x-error-code'] as string | undefined,
  };
}

/** The items of a list document: the JSON array, or `<root><item>…` in XML. */
function items(r: Reply, fmt: Fmt, root: string, item: string): any[] {
  if (fmt === 'json') {
    expect(Array.isArray(r.doc)).toBe(true);
    return r.doc;
  }
  expect(Object.keys(r.doc)).toEqual([root]);
  const body = r.doc[root];
  return body === '' ? [] : (body[item] ?? []);
}

/** XML carries text: numbers and booleans are compared as text there. */
const val = (fmt: Fmt, v: unknown) => (fmt === 'xml' ? (v === null ? '' : String(v)) : v);

function expectError(r: Reply, fmt: Fmt, status: number, code: string) {
  expect(r.status, r.raw).toBe(status);
  expect(r.errorCode).toBe(code);
  const errs = items(r, fmt, 'errors', 'error');
  expect(errs).toHaveLength(1);
  expect(Object.keys(errs[0]).sort()).toEqual(['code', 'description']);
  expect(errs[0].code).toEqual(val(fmt, status));
  expect(errs[0].description).toMatch(/[\u4e00-\u9fff]/);
}

const rect = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});

const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
].sort();

interface Setup {
  d: District;
  key: string;
  noScope: string;
  revoked: string;
}

async function setup(): Promise<Setup> {
  const d = await ctx.newDistrict();
  const admin = await d.login('admin');
  for (const [node, boundary] of [
    ['vil1', rect(117.0, 40.0, 117.02, 40.02)],
    ['grid1', rect(117.0, 40.0, 117.01, 40.01)],
  ] as const) {
    expect(
      (await admin.patch(`/api/admin/jurisdictions/${d.nodes[node]}`, { boundary })).status,
    ).toBe(204);
  }
  const key = await ctx.c.users.issueToken(d.users.agent, 'fixmystreet', ['open311']);
  const noScope = await ctx.c.users.issueToken(d.users.agent, 'reader', ['tickets:read']);
  const revoked = await ctx.c.users.issueToken(d.users.agent, 'old', ['open311']);
  await ctx.c.db
    .updateTable('api_tokens')
    .set({ revoked_at: ctx.clock.now() })
    .where('name', '=', 'old')
    .where('tenant_id', '=', d.tenantId)
    .execute();
  return { d, key, noScope, revoked };
}

const ticketCount = async (d: District) =>
  Number(
    (
      await ctx.c.db
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('tenant_id', '=', d.tenantId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.each(['xml', 'json'] as const)('Open311 GeoReport v2 in %s', (fmt) => {
  let s: Setup;
  const j = () => ({ jurisdiction_id: s.d.tenantId });
  const post = (extra: Record<string, string>) => ({
    ...j(),
    api_key: s.key,
    service_code: '010101',
    description: '东湖社区3号楼前的路灯坏了一周,晚上出行不便。',
    'attribute[type]': 'help',
    first_name: '小明',
    last_name: '王',
    phone: '13800138000',
    email: 'wang@example.com',
    ...extra,
  });
  const created: Record<string, { code: string; token: string }> = {};

  beforeAll(async () => {
    s = await setup();
  });

  it('discovery names the GeoReport v2 endpoint with both formats', async () => {
    const r = await call('GET', 'discovery', fmt);
    expect(r.status).toBe(200);
    const d = fmt === 'json' ? r.doc : r.doc.discovery;
    const endpoints = fmt === 'json' ? d.endpoints : d.endpoints.endpoint;
    expect(endpoints).toHaveLength(1);
    expect(endpoints[0].specification).toBe('http://wiki.open311.org/GeoReport_v2');
    expect(endpoints[0].url).toMatch(/\/open311\/v2\/$/);
    const formats = fmt === 'json' ? endpoints[0].formats : endpoints[0].formats.format;
    expect(formats).toEqual(['text/xml', 'application/json']);
    expect(d.changeset).toMatch(/\+08:00$/);
  });

  it('services are the leaf categories, grouped by their top-level category', async () => {
    const r = await call('GET', 'services', fmt, j());
    expect(r.status).toBe(200);
    const list = items(r, fmt, 'services', 'service');
    expect(list.map((x) => x.service_code).sort()).toEqual(['010101', '010102', '0201']);
    const lamp = list.find((x) => x.service_code === '010101');
    expect(lamp).toEqual({
      service_code: '010101',
      service_name: '路灯损坏',
      description: '城乡建设 / 市政设施 / 路灯损坏',
      metadata: val(fmt, true),
      type: 'realtime',
      keywords: '城乡建设,市政设施,路灯损坏',
      group: '城乡建设',
    });
    expect(list.find((x) => x.service_code === '0201').group).toBe('供暖');
  });

  it('a service definition gives the type list (required) and urgency', async () => {
    const r = await call('GET', 'services/010101', fmt, j());
    expect(r.status).toBe(200);
    const def = fmt === 'json' ? r.doc : r.doc.service_definition;
    expect(def.service_code).toBe('010101');
    const attrs = fmt === 'json' ? def.attributes : def.attributes.attribute;
    const type = attrs.find((a: any) => a.code === 'type');
    expect(type).toMatchObject({
      variable: val(fmt, true),
      datatype: 'singlevaluelist',
      required: val(fmt, true),
      order: val(fmt, 1),
    });
    const values = fmt === 'json' ? type.values : type.values.value;
    expect(values).toEqual([
      { key: 'consult', name: '咨询' },
      { key: 'help', name: '求助' },
      { key: 'complaint', name: '投诉' },
      { key: 'report', name: '举报' },
      { key: 'suggestion', name: '建议' },
    ]);
    const urgency = attrs.find((a: any) => a.code === 'urgency');
    expect(urgency).toMatchObject({ datatype: 'singlevaluelist', required: val(fmt, false) });
  });

  it('POST requests with lat/long files the ticket under the grid the point lies in', async () => {
    const r = await call(
      'POST',
      'requests',
      fmt,
      post({
        lat: '40.005',
        long: '117.005',
        media_url: 'https://fms.example.org/photo/1.jpeg',
        'attribute[urgency]': 'urgent',
        account_id: 'fms-user-7',
      }),
    );
    expect(r.status, r.raw).toBe(200);
    const [one] = items(r, fmt, 'service_requests', 'request');
    expect(one.service_request_id).toMatch(/^\d{8}-\d{6}$/);
    expect(one.service_notice).toMatch(/受理/);
    expect(one.account_id).toBe('fms-user-7');
    created.point = { code: one.service_request_id, token: one.token };
    const t = await ctx.c.db
      .selectFrom('tickets')
      .selectAll()
      .where('tenant_id', '=', s.d.tenantId)
      .where('code', '=', one.service_request_id)
      .executeTakeFirstOrThrow();
    expect(t).toMatchObject({
      channel: 'api',
      type: 'help',
      urgency: 'urgent',
      jurisdiction_id: s.d.nodes.grid1,
      lat: 40.005,
      lng: 117.005,
      requester_name: '王小明',
      requester_phone: '13800138000',
      state: 'received',
    });
    expect(t.description).toContain('https://fms.example.org/photo/1.jpeg');
    const ev = await ctx.c.db
      .selectFrom('ticket_events')
      .select(['action', 'actor_kind', 'actor_user_id'])
      .where('ticket_id', '=', t.id)
      .execute();
    expect(ev).toEqual([{ action: 'create', actor_kind: 'api', actor_user_id: s.d.users.agent }]);
  });

  it('POST requests with address_string, and with address_id (a place code)', async () => {
    const byText = await call(
      'POST',
      'requests',
      fmt,
      post({ address_string: '东湖社区8号楼2单元' }),
    );
    expect(byText.status, byText.raw).toBe(200);
    const [a] = items(byText, fmt, 'service_requests', 'request');
    const byId = await call(
      'POST',
      'requests',
      fmt,
      post({ address_id: `${s.d.tenantId}-vil2`, service_code: '010102' }),
    );
    expect(byId.status, byId.raw).toBe(200);
    const [b] = items(byId, fmt, 'service_requests', 'request');
    created.text = { code: a.service_request_id, token: a.token };
    created.id = { code: b.service_request_id, token: b.token };
    const rows = await ctx.c.db
      .selectFrom('tickets')
      .select(['code', 'jurisdiction_id', 'address', 'category_id'])
      .where('tenant_id', '=', s.d.tenantId)
      .where('code', 'in', [a.service_request_id, b.service_request_id])
      .execute();
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(byCode.get(a.service_request_id)).toMatchObject({
      jurisdiction_id: s.d.nodes.vil1,
      address: '东湖社区8号楼2单元',
    });
    expect(byCode.get(b.service_request_id)).toMatchObject({
      jurisdiction_id: s.d.nodes.vil2,
      address: '柳园社区',
      category_id: s.d.categories.other,
    });
  });

  it('tokens/{token} gives the service_request_id', async () => {
    const r = await call('GET', `tokens/${created.point!.token}`, fmt, j());
    expect(r.status).toBe(200);
    expect(items(r, fmt, 'service_requests', 'request')).toEqual([
      { service_request_id: created.point!.code, token: created.point!.token },
    ]);
  });

  it('GET requests lists them with every field, zoned times, and no personal data', async () => {
    const r = await call('GET', 'requests', fmt, j());
    expect(r.status).toBe(200);
    const list = items(r, fmt, 'service_requests', 'request');
    expect(list.map((x) => x.service_request_id).sort()).toEqual(
      [created.point!.code, created.text!.code, created.id!.code].sort(),
    );
    for (const x of list) {
      expect(Object.keys(x).sort()).toEqual(REQUEST_FIELDS);
      expect(x.status).toBe('open');
      expect(x.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
      expect(x.updated_datetime).toMatch(/\+08:00$/);
    }
    const point = list.find((x) => x.service_request_id === created.point!.code);
    expect(point).toMatchObject({
      service_code: '010101',
      service_name: '路灯损坏',
      address_id: `${s.d.tenantId}-grid1`,
      lat: val(fmt, 40.005),
      long: val(fmt, 117.005),
      media_url: 'https://fms.example.org/photo/1.jpeg',
      requested_datetime: zoned(ctx.clock.now(), 480),
    });
    for (const secret of ['13800138000', '王小明', 'wang@example.com', '小明']) {
      expect(r.raw).not.toContain(secret);
    }
  });

  it('filters: service_request_id, service_code, start_date, end_date, status', async () => {
    const codes = [created.point!.code, created.id!.code];
    const byIds = await call('GET', 'requests', fmt, {
      ...j(),
      service_request_id: codes.join(','),
    });
    expect(
      items(byIds, fmt, 'service_requests', 'request')
        .map((x) => x.service_request_id)
        .sort(),
    ).toEqual(codes.sort());
    const byService = await call('GET', 'requests', fmt, { ...j(), service_code: '010102' });
    expect(
      items(byService, fmt, 'service_requests', 'request').map((x) => x.service_request_id),
    ).toEqual([created.id!.code]);
    // A later request: the dates split them.
    const before = ctx.clock.now();
    ctx.clock.advance(2 * DAY);
    const later = await call('POST', 'requests', fmt, post({ address_id: `${s.d.tenantId}-vil3` }));
    const [l] = items(later, fmt, 'service_requests', 'request');
    const mid = new Date(before.getTime() + DAY).toISOString();
    const since = await call('GET', 'requests', fmt, { ...j(), start_date: mid });
    expect(
      items(since, fmt, 'service_requests', 'request').map((x) => x.service_request_id),
    ).toEqual([l.service_request_id]);
    const until = await call('GET', 'requests', fmt, { ...j(), end_date: mid });
    expect(items(until, fmt, 'service_requests', 'request')).toHaveLength(3);
    // status: one closed, the rest open.
    await ctx.c.db
      .updateTable('tickets')
      .set({ state: 'closed', outcome: 'solved', closed_at: ctx.clock.now() })
      .where('tenant_id', '=', s.d.tenantId)
      .where('code', '=', created.text!.code)
      .execute();
    const closed = await call('GET', 'requests', fmt, { ...j(), status: 'closed' });
    expect(
      items(closed, fmt, 'service_requests', 'request').map((x) => [
        x.service_request_id,
        x.status,
      ]),
    ).toEqual([[created.text!.code, 'closed']]);
    const open = await call('GET', 'requests', fmt, { ...j(), status: 'open' });
    expect(
      items(open, fmt, 'service_requests', 'request').map((x) => x.service_request_id),
    ).not.toContain(created.text!.code);
    expect(items(open, fmt, 'service_requests', 'request')).toHaveLength(3);
  });

  it('GET one request; an unknown one is 404', async () => {
    const r = await call('GET', `requests/${created.point!.code}`, fmt, j());
    expect(r.status).toBe(200);
    const list = items(r, fmt, 'service_requests', 'request');
    expect(list).toHaveLength(1);
    expect(list[0].service_request_id).toBe(created.point!.code);
    expect(Object.keys(list[0]).sort()).toEqual(REQUEST_FIELDS);
    expectError(
      await call('GET', 'requests/20990101-000001', fmt, j()),
      fmt,
      404,
      'UNKNOWN_REQUEST',
    );
  });

  it('servicerequestupdates: public events out with extended statuses; resident updates in, once', async () => {
    const dispatcher = await s.d.login('dispatcher');
    const act = await dispatcher.act(created.point!.token, 'dispatch', {
      leadUnitId: s.d.units.vil1,
    });
    expect(act.status).toBe(200);
    const since = new Date(ctx.clock.now().getTime() - 60_000).toISOString();
    const out = await call('GET', 'servicerequestupdates', fmt, { ...j(), start_date: since });
    expect(out.status).toBe(200);
    const ups = items(out, fmt, 'service_request_updates', 'request_update');
    expect(ups).toHaveLength(1);
    expect(ups[0]).toMatchObject({
      service_request_id: created.point!.code,
      status: 'investigating',
      description: '已转交承办单位办理',
      external_status_code: 'dispatch',
      media_url: '',
    });
    expect(ups[0].updated_datetime).toMatch(/\+08:00$/);

    const update = {
      ...j(),
      api_key: s.key,
      service_request_id: created.point!.code,
      update_id: `fms-${fmt}-1`,
      status: 'OPEN',
      updated_datetime: '2026-11-04T10:00:00+08:00',
      description: '路灯还是不亮,请尽快处理。',
      media_url: 'https://fms.example.org/photo/2.jpeg',
      first_name: '小明',
      last_name: '王',
    };
    const first = await call('POST', 'servicerequestupdates', fmt, update);
    expect(first.status, first.raw).toBe(200);
    const [u] = items(first, fmt, 'service_request_updates', 'request_update');
    expect(u.update_id).toMatch(/^[0-9a-f-]{36}$/);
    const again = await call('POST', 'servicerequestupdates', fmt, update);
    expect(items(again, fmt, 'service_request_updates', 'request_update')[0].update_id).toBe(
      u.update_id,
    );
    const infos = await ctx.c.db
      .selectFrom('ticket_events')
      .select(['actor_kind', 'payload'])
      .where('ticket_id', '=', created.point!.token)
      .where('action', '=', 'add_information')
      .execute();
    expect(infos).toHaveLength(1); // the retry wrote nothing
    expect(infos[0]!.actor_kind).toBe('requester');
    expect(String(infos[0]!.payload.text)).toContain('路灯还是不亮');
    // It goes back out as an update with its media_url.
    const out2 = await call('GET', 'servicerequestupdates', fmt, { ...j(), start_date: since });
    const mine = items(out2, fmt, 'service_request_updates', 'request_update').find(
      (x) => x.external_status_code === 'add_information',
    );
    expect(mine).toMatchObject({
      status: 'investigating',
      media_url: 'https://fms.example.org/photo/2.jpeg',
    });
    // A closed ticket: recorded, not an event.
    const onClosed = await call('POST', 'servicerequestupdates', fmt, {
      ...update,
      service_request_id: created.text!.code,
      update_id: `fms-${fmt}-2`,
      status: 'REOPEN',
    });
    expect(onClosed.status).toBe(200);
    const recorded = await ctx.c.db
      .selectFrom('open311_updates')
      .select(['status', 'event_seq'])
      .where('client_update_id', '=', `fms-${fmt}-2`)
      .executeTakeFirstOrThrow();
    expect(recorded).toEqual({ status: 'REOPEN', event_seq: null });
    // Bad status, missing field: 400.
    expectError(
      await call('POST', 'servicerequestupdates', fmt, { ...update, status: 'MAYBE' }),
      fmt,
      400,
      'INVALID_STATUS',
    );
    expectError(
      await call('POST', 'servicerequestupdates', fmt, { ...update, update_id: '' }),
      fmt,
      400,
      'FIELD_REQUIRED',
    );
  });

  it('each error in the spec body, writing nothing', async () => {
    const n = await ticketCount(s.d);
    const e = (p: Record<string, string>) => call('POST', 'requests', fmt, p);
    expectError(
      await e(post({ service_code: '', lat: '40.005', long: '117.005' })),
      fmt,
      400,
      'SERVICE_CODE_REQUIRED',
    );
    expectError(
      await e(post({ description: '长'.repeat(4001), lat: '40.005', long: '117.005' })),
      fmt,
      400,
      'DESCRIPTION_TOO_LONG',
    );
    expectError(
      await e(post({ 'attribute[type]': 'praise', lat: '40.005', long: '117.005' })),
      fmt,
      400,
      'ATTRIBUTE_VALUE_INVALID',
    );
    expectError(
      await e(post({ 'attribute[colour]': 'red', lat: '40.005', long: '117.005' })),
      fmt,
      400,
      'UNKNOWN_ATTRIBUTE',
    );
    expectError(await e(post({})), fmt, 400, 'LOCATION_REQUIRED');
    const { api_key: _k, ...noKey } = post({ lat: '40.005', long: '117.005' });
    expectError(await e(noKey), fmt, 403, 'API_KEY_MISSING');
    expectError(
      await e(post({ api_key: s.noScope, lat: '40.005', long: '117.005' })),
      fmt,
      403,
      'API_KEY_SCOPE',
    );
    expectError(
      await e(post({ api_key: s.revoked, lat: '40.005', long: '117.005' })),
      fmt,
      403,
      'API_KEY_INVALID',
    );
    expectError(
      await e(post({ api_key: 'jst_nope', lat: '40.005', long: '117.005' })),
      fmt,
      403,
      'API_KEY_INVALID',
    );
    expectError(
      await e(post({ service_code: '999999', lat: '40.005', long: '117.005' })),
      fmt,
      404,
      'UNKNOWN_SERVICE',
    );
    expectError(await call('GET', 'services/999999', fmt, j()), fmt, 404, 'UNKNOWN_SERVICE');
    // A parent category is not a service.
    expectError(await call('GET', 'services/0101', fmt, j()), fmt, 404, 'UNKNOWN_SERVICE');
    expectError(await call('GET', 'requests/nope', fmt, j()), fmt, 404, 'UNKNOWN_REQUEST');
    expectError(await call('GET', 'tokens/nope', fmt, j()), fmt, 404, 'UNKNOWN_TOKEN');
    // More than one district on this server: jurisdiction_id is required.
    await ctx.newDistrict();
    expectError(await call('GET', 'services', fmt), fmt, 400, 'JURISDICTION_REQUIRED');
    expectError(
      await call('GET', 'requests', fmt, { ...j(), start_date: 'yesterday' }),
      fmt,
      400,
      'INVALID_DATE',
    );
    expectError(
      await call('GET', 'requests', fmt, { ...j(), status: 'pending' }),
      fmt,
      400,
      'INVALID_STATUS',
    );
    expectError(
      await call('GET', 'requests', fmt, {
        ...j(),
        start_date: '2026-01-01T00:00:00+08:00',
        end_date: '2026-06-01T00:00:00+08:00',
      }),
      fmt,
      400,
      'DATE_RANGE_TOO_LONG',
    );
    expect(await ticketCount(s.d)).toBe(n);
  });
});

describe('GET requests defaults: the last 90 days, at most 1,000', () => {
  let d: District;
  const oldCodes: string[] = [];
  beforeAll(async () => {
    d = await ctx.newDistrict();
    const now = ctx.clock.now();
    // 1,010 tickets inside the 90 days, 5 just outside, inserted directly for the volume.
    await sql`
      INSERT INTO tickets (id, tenant_id, code, channel, type, category_id, title, description,
        address, jurisdiction_id, anonymous, confidential, urgency, state, received_at,
        reopen_count, version, updated_at)
      SELECT gen_random_uuid(), ${d.tenantId}, 'V' || lpad(g::text, 6, '0'), 'web', 'help',
        ${d.categories.leaf}, '路灯', '路灯不亮了', '东湖社区', ${d.nodes.vil1}, false, false,
        'normal', 'received', ${now}::timestamptz - (g * interval '2 hours'), 0, 1,
        ${now}::timestamptz - (g * interval '2 hours')
      FROM generate_series(1, 1010) g
    `.execute(ctx.c.db);
    await sql`
      INSERT INTO tickets (id, tenant_id, code, channel, type, category_id, title, description,
        address, jurisdiction_id, anonymous, confidential, urgency, state, received_at,
        reopen_count, version, updated_at)
      SELECT gen_random_uuid(), ${d.tenantId}, 'OLD' || g, 'web', 'help',
        ${d.categories.leaf}, '路灯', '路灯不亮了', '东湖社区', ${d.nodes.vil1}, false, false,
        'normal', 'received', ${now}::timestamptz - interval '91 days' - (g * interval '1 hour'), 0, 1,
        ${now}::timestamptz - interval '91 days'
      FROM generate_series(1, 5) g
    `.execute(ctx.c.db);
    for (let g = 1; g <= 5; g++) oldCodes.push(`OLD${g}`);
  });

  it.each(['xml', 'json'] as const)('in %s', async (fmt) => {
    const r = await call('GET', 'requests', fmt, { jurisdiction_id: d.tenantId });
    expect(r.status).toBe(200);
    const list = items(r, fmt, 'service_requests', 'request');
    expect(list).toHaveLength(1000);
    // The newest first: V000001 … V001000; the 10 oldest in range and the old ones left out.
    expect(list[0].service_request_id).toBe('V000001');
    expect(list[999].service_request_id).toBe('V001000');
    const codes = new Set(list.map((x) => x.service_request_id));
    for (const c of oldCodes) expect(codes.has(c)).toBe(false);
    // An old one is still there when asked for by id.
    const one = await call('GET', 'requests', fmt, {
      jurisdiction_id: d.tenantId,
      service_request_id: 'OLD1',
    });
    expect(items(one, fmt, 'service_requests', 'request')).toHaveLength(1);
  });
});

describe('the state mapping', () => {
  it('maps every state and outcome; only closed is closed', () => {
    const rows = mappingTable();
    expect(rows.filter((r) => r.status === 'closed').every((r) => r.state === 'closed')).toBe(true);
    expect(rows.find((r) => r.outcome === 'solved')!.extended).toBe('fixed');
    expect(rows.find((r) => r.outcome === 'merged')!.extended).toBe('duplicate');
    expect(rows.find((r) => r.outcome === 'transferred')!.extended).toBe(
      'not_councils_responsibility',
    );
    expect(rows.find((r) => r.state === 'in_deliberation')!.extended).toBe('internal_referral');
  });

  it('scrubs phones, ID numbers and e-mails typed into a description', () => {
    expect(scrub('电话13800138000,身份证110101199001011234,邮箱a.b@example.com')).toBe(
      '电话138****8000,身份证110101********1234,邮箱***@***',
    );
  });
});
