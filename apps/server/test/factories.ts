// Factories shared by the tests and the benchmarks: a small district per
// call (its own tenant), its users signed in through the real login route.
import type { Role, UnitKind, JurisdictionLevel } from '@jiesu/contracts';
import type { Container } from '../src/container.js';
import type { App } from '../src/app.js';
import type { ManualClock, Clock } from '../src/shared/clock.js';
import { newId } from '../src/shared/ids.js';
import { hashPassword } from '../src/shared/passwords.js';
import { createTenant } from '../src/modules/system/tenants.js';

export const PASSWORD = 'test-password';
let passwordHash: Promise<string> | undefined;
// A cheap hash for fixtures: the parameters travel with the hash, so sign-in stays the real code path.
const hashed = () => (passwordHash ??= hashPassword(PASSWORD, { N: 1024 }));

export interface Client {
  username: string;
  userId: string;
  get(url: string): Promise<Res>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<Res>;
  put(url: string, body?: unknown): Promise<Res>;
  patch(url: string, body?: unknown): Promise<Res>;
  del(url: string): Promise<Res>;
  /** Fires a ticket action and returns the response. */
  act(
    ticketId: string,
    action: string,
    input?: Record<string, unknown>,
    extra?: Record<string, unknown>,
  ): Promise<Res>;
}

export interface Res {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test
  headers: Record<string, unknown>;
}

/** Every login a test district has (see `grants` in newDistrict): the permission matrices try each. */
export const DEMO_LOGINS = [
  'admin',
  'dispatcher',
  'agent',
  'leader',
  'street',
  'village',
  'grid',
  'dept',
  'supervisor',
] as const;
export type DemoLogin = (typeof DEMO_LOGINS)[number];

export interface District {
  tenantId: string;
  nodes: Record<'district' | 'twp1' | 'twp2' | 'vil1' | 'vil2' | 'vil3' | 'grid1', string>;
  units: Record<
    'centre' | 'dept' | 'dept2' | 'twp1' | 'twp2' | 'vil1' | 'vil2' | 'vil3' | 'grid1' | 'section1',
    string
  >;
  categories: { root: string; leaf: string; other: string; heating: string };
  users: Record<DemoLogin, string>;
  /** Signs in (once per district and login; `fresh` signs in again, e.g. after the clock moved past the session). */
  login(who: DemoLogin, opts?: { fresh?: boolean }): Promise<Client>;
  anonymous(): Client;
  /** Creates a ticket through the API as the hotline agent; returns its view. */
  newTicket(overrides?: Record<string, unknown>): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Moves a new ticket along the loop up to the given state. */
  ticketIn(state: string, overrides?: Record<string, unknown>): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

let seq = 0;

export async function newDistrict(
  c: Container,
  app: App,
  clock: Clock | ManualClock,
): Promise<District> {
  const tenantId = `t${Date.now().toString(36)}${(seq++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const db = c.db;
  await createTenant(db, { id: tenantId, name: `测试区${tenantId}`, now: clock.now() });

  const nodes = {} as District['nodes'];
  const paths: Record<string, string> = {};
  const node = async (
    key: keyof District['nodes'],
    level: JurisdictionLevel,
    name: string,
    parent?: keyof District['nodes'],
  ) => {
    const id = newId();
    const path = `${parent ? paths[parent] : '/'}${id}/`;
    await db
      .insertInto('jurisdictions')
      .values({
        id,
        tenant_id: tenantId,
        parent_id: parent ? nodes[parent] : null,
        level,
        code: `${tenantId}-${key}`,
        name,
        population: 1000,
        path,
      })
      .execute();
    nodes[key] = id;
    paths[key] = path;
  };
  await node('district', 'district', '测试区');
  await node('twp1', 'township', '东城街道', 'district');
  await node('twp2', 'township', '西山镇', 'district');
  await node('vil1', 'village', '东湖社区', 'twp1');
  await node('vil2', 'village', '柳园社区', 'twp1');
  await node('vil3', 'village', '石门村', 'twp2');
  await node('grid1', 'grid', '东湖社区第一网格', 'vil1');

  const units = {} as District['units'];
  const unit = async (
    key: keyof District['units'],
    kind: UnitKind,
    name: string,
    at: keyof District['nodes'],
  ) => {
    const id = newId();
    await db
      .insertInto('units')
      .values({ id, tenant_id: tenantId, jurisdiction_id: nodes[at], kind, key, name, phone: null })
      .execute();
    units[key] = id;
  };
  await unit('centre', 'dispatch_centre', '区接诉即办指挥中心', 'district');
  await unit('dept', 'department', '区城市管理委员会', 'district');
  await unit('dept2', 'department', '区水务局', 'district');
  await unit('twp1', 'government', '东城街道办事处', 'twp1');
  await unit('twp2', 'government', '西山镇人民政府', 'twp2');
  await unit('section1', 'section', '东城街道城建科', 'twp1');
  await unit('vil1', 'government', '东湖社区居委会', 'vil1');
  await unit('vil2', 'government', '柳园社区居委会', 'vil2');
  await unit('vil3', 'government', '石门村村委会', 'vil3');
  await unit('grid1', 'grid', '东湖社区第一网格', 'grid1');

  const cat = async (
    code: string,
    name: string,
    level: number,
    parent?: { id: string; path: string },
  ) => {
    const id = newId();
    const path = `${parent?.path ?? '/'}${id}/`;
    await db
      .insertInto('categories')
      .values({ id, tenant_id: tenantId, parent_id: parent?.id ?? null, code, name, level, path })
      .execute();
    return { id, path };
  };
  const root = await cat('01', '城乡建设', 1);
  const mid = await cat('0101', '市政设施', 2, root);
  const leaf = await cat('010101', '路灯损坏', 3, mid);
  const other = await cat('010102', '井盖缺失', 3, mid);
  const heatRoot = await cat('02', '供暖', 1);
  const heating = await cat('0201', '供暖不热', 2, heatRoot);
  await db
    .insertInto('time_limit_policies')
    .values({
      id: newId(),
      tenant_id: tenantId,
      category_id: heatRoot.id,
      urgency: null,
      response_amount: 1,
      response_unit: 'calendar_hours',
      completion_amount: 24,
      completion_unit: 'calendar_hours',
      updated_at: clock.now(),
    })
    .execute();

  const users = {} as District['users'];
  const hash = await hashed();
  const grants: Record<DemoLogin, Array<[keyof District['units'], Role]>> = {
    admin: [['centre', 'admin']],
    dispatcher: [['centre', 'dispatcher']],
    agent: [['centre', 'agent']],
    leader: [['twp1', 'unit_leader']],
    street: [['twp1', 'handler']],
    village: [['vil1', 'handler']],
    grid: [['grid1', 'grid_worker']],
    dept: [['dept', 'handler']],
    supervisor: [['centre', 'supervisor']],
  };
  for (const [login, roles] of Object.entries(grants) as Array<
    [DemoLogin, Array<[keyof District['units'], Role]>]
  >) {
    const id = newId();
    await db
      .insertInto('users')
      .values({
        id,
        tenant_id: tenantId,
        username: `${tenantId}-${login}`,
        display_name: `测试${login}`,
        phone: null,
        password_hash: hash,
        created_at: clock.now(),
      })
      .execute();
    await db
      .insertInto('role_assignments')
      .values(
        roles.map(([u, role]) => ({ tenant_id: tenantId, user_id: id, unit_id: units[u], role })),
      )
      .execute();
    users[login] = id;
  }

  const clients = new Map<DemoLogin, Client>();
  const district: District = {
    tenantId,
    nodes,
    units,
    categories: { root: root.id, leaf: leaf.id, other: other.id, heating: heating.id },
    users,
    async login(who, opts = {}) {
      const hit = clients.get(who);
      if (hit && !opts.fresh) return hit;
      const username = `${tenantId}-${who}`;
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: PASSWORD },
      });
      if (res.statusCode !== 200)
        throw new Error(`login ${who} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((k) => k.name === 'jiesu_session')!;
      const csrf = res.json().csrfToken as string;
      const client = makeClient(app, username, users[who], {
        cookie: `jiesu_session=${cookie.value}`,
        'x-csrf-token': csrf,
      });
      clients.set(who, client);
      return client;
    },
    anonymous: () => makeClient(app, '', '', { 'x-tenant': tenantId }),
    async newTicket(overrides = {}) {
      const agent = await district.login('agent');
      const res = await agent.post('/api/tickets', {
        channel: 'hotline',
        type: 'help',
        categoryId: leaf.id,
        title: '小区路灯不亮',
        description: '东湖社区3号楼前的路灯已经坏了一周,晚上出行不便,请尽快维修。',
        address: '东湖社区3号楼',
        jurisdictionId: nodes.vil1,
        requester: { name: '王小明', phone: '13800138000' },
        ...overrides,
      });
      if (res.status !== 201)
        throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async ticketIn(state, overrides = {}) {
      let t = await district.newTicket(overrides);
      const steps: Array<[DemoLogin, string, Record<string, unknown>]> = [
        ['dispatcher', 'dispatch', { leadUnitId: units.vil1 }],
        ['village', 'accept', {}],
        ['village', 'start_handling', {}],
        [
          'village',
          'give_feedback',
          {
            result: '已联系供电所更换灯泡,路灯恢复照明。',
            replyText: '您反映的路灯问题已修复,感谢您的监督。',
          },
        ],
        [
          'dispatcher',
          'send_reply',
          { replyText: '您反映的路灯问题已修复,感谢您的监督。', channel: 'sms' },
        ],
        ['agent', 'queue_callback', {}],
      ];
      for (const [who, action, input] of steps) {
        if (t.state === state) return t;
        const res = await (await district.login(who)).act(t.id, action, input);
        if (res.status !== 200)
          throw new Error(`${action} failed: ${res.status} ${JSON.stringify(res.body)}`);
        t = res.body;
      }
      if (t.state !== state) throw new Error(`cannot reach ${state}`);
      return t;
    },
  };
  return district;
}

function makeClient(
  app: App,
  username: string,
  userId: string,
  headers: Record<string, string>,
): Client {
  const call = async (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<Res> => {
    const res = await app.inject({
      method,
      url,
      headers: { ...headers, ...extra },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    let parsed: unknown = res.body;
    try {
      parsed = res.body ? res.json() : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.statusCode, body: parsed, headers: res.headers };
  };
  return {
    username,
    userId,
    get: (url) => call('GET', url),
    post: (url, body, extra) => call('POST', url, body ?? {}, extra),
    put: (url, body) => call('PUT', url, body ?? {}),
    patch: (url, body) => call('PATCH', url, body ?? {}),
    del: (url) => call('DELETE', url),
    act: (id, action, input = {}, extra = {}) =>
      call('POST', `/api/tickets/${id}/actions/${action}`, { input, ...extra }),
  };
}
