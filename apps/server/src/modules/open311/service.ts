// [Interop] Open311 GeoReport v2 over our tickets: services from the category tree,
// requests created as tickets on channel `api` by the api_key's token (scope `open311`),
// the public view of tickets (never a requester's name, phone or e-mail), and mySociety's
// servicerequestupdates in both directions. Failures are Open311Failure: the routes
// answer them in the spec's error body.
import { sql, type Kysely } from 'kysely';
import {
  OPEN_STATES,
  TICKET_TYPES,
  URGENCIES,
  targetOf,
  transitionFor,
  zhCN,
  type Open311Attribute,
  type Open311Created,
  type Open311Discovery,
  type Open311Request,
  type Open311Service,
  type Open311ServiceDefinition,
  type Open311Token,
  type Open311Update,
  type Open311UpdateCreated,
  type Outcome,
  type TicketAction,
  type TicketState,
  type TicketType,
  type Urgency,
} from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { normalisePhone } from '../../shared/phone.js';
import type { AuthService } from '../auth/service.js';
import { utcOffsetOf } from '../calendar/service.js';
import type { PlacesService } from '../grid/service.js';
import { publicText } from '../public/service.js';
import type { TicketService } from '../tickets/service.js';
import type { IdempotencyService, Kept } from '../idempotency/service.js';
import {
  INBOUND_PREFIX,
  INBOUND_STATUSES,
  eventStatus,
  open311Status,
  type InboundStatus,
} from './mapping.js';

/** A failure in the spec's terms: 400 bad input, 403 api_key, 404 unknown id or service. */
export class Open311Failure extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    /** A stable code, sent in the `X-Error-Code` header beside the spec's body. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const bad = (code: string, message: string) => new Open311Failure(400, code, message);

export const MAX_DESCRIPTION = 4000;
export const MAX_RESULTS = 1000;
export const DEFAULT_DAYS = 90;
const DAY = 86_400_000;

/** Form fields as they came (query and body merged; `attribute[code]` kept as is). */
export type Params = Record<string, string | undefined>;

const SERVICE_NOTICE =
  '您的诉求已受理。我们将尽快转交承办单位办理;办理完成后会答复您。可凭受理编号查询进度。';

/** The attributes of every service: the ticket type (required), urgency, a title. */
const ATTRIBUTES: Open311Attribute[] = [
  {
    variable: true,
    code: 'type',
    datatype: 'singlevaluelist',
    required: true,
    datatype_description: '诉求类型,取值见 values',
    order: 1,
    description: '诉求类型(投诉/求助/咨询/建议/举报)',
    values: TICKET_TYPES.map((t) => ({ key: t, name: zhCN.type[t] })),
  },
  {
    variable: true,
    code: 'urgency',
    datatype: 'singlevaluelist',
    required: false,
    datatype_description: '紧急程度,不填为一般',
    order: 2,
    description: '紧急程度',
    values: URGENCIES.map((u) => ({ key: u, name: zhCN.urgency[u] })),
  },
  {
    variable: true,
    code: 'title',
    datatype: 'string',
    required: false,
    datatype_description: '2 至 100 个字;不填时取描述的前 30 个字',
    order: 3,
    description: '诉求标题',
    values: [],
  },
];

/** ISO 8601 with the district's zone, e.g. 2026-11-02T09:00:00+08:00. */
export function zoned(d: Date, offsetMin: number): string {
  const local = new Date(d.getTime() + offsetMin * 60_000).toISOString().slice(0, 19);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

/** W3C date-times (what the spec asks): a date, or a date-time with seconds and an optional zone. */
const W3C = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Personal data a resident may have typed into a description: phones and ID numbers masked. */
export function scrub(text: string): string {
  return text
    .replace(/(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)/g, '$1********$2')
    .replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2')
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '***@***');
}

export function open311Service(deps: {
  db: Kysely<DB>;
  clock: Clock;
  auth: AuthService;
  tickets: TicketService;
  places: Pick<PlacesService, 'resolve'>;
  idempotency: Pick<IdempotencyService, 'run'>;
}) {
  const { db, clock } = deps;

  /** jurisdiction_id is the tenant id: required when the server has more than one tenant. */
  async function tenantOf(p: Params): Promise<{ id: string; offset: number }> {
    const id = p.jurisdiction_id?.trim();
    const rows = id
      ? await db.selectFrom('tenants').select(['id', 'settings']).where('id', '=', id).execute()
      : await db.selectFrom('tenants').select(['id', 'settings']).limit(2).execute();
    if (id && !rows.length) {
      throw new Open311Failure(404, 'UNKNOWN_JURISDICTION', `未知的 jurisdiction_id:${id}`);
    }
    if (!id && rows.length !== 1) {
      throw bad('JURISDICTION_REQUIRED', '本服务器有多个辖区,须给出 jurisdiction_id');
    }
    return { id: rows[0]!.id, offset: utcOffsetOf(rows[0]!.settings) };
  }

  /** The api_key: a live token of this tenant with scope `open311`; 403 otherwise. */
  async function tokenOf(p: Params, tenantId: string, ip: string | null) {
    const key = p.api_key?.trim();
    if (!key) throw new Open311Failure(403, 'API_KEY_MISSING', '缺少 api_key');
    const use = await deps.auth.resolveApiToken(key, ip);
    if (!use || use.actor.tenantId !== tenantId) {
      throw new Open311Failure(403, 'API_KEY_INVALID', 'api_key 无效、已过期或已吊销');
    }
    if (!use.scopes.includes('open311')) {
      throw new Open311Failure(403, 'API_KEY_SCOPE', '该 api_key 没有 open311 权限');
    }
    return use;
  }

  /** The services: the active leaf categories, grouped under their top-level category. */
  async function leafCategories(tenantId: string) {
    const cats = await db
      .selectFrom('categories')
      .select(['id', 'parent_id', 'code', 'name', 'path', 'level', 'sort'])
      .where('tenant_id', '=', tenantId)
      .where('active', '=', true)
      .orderBy('path')
      .execute();
    const byId = new Map(cats.map((c) => [c.id, c]));
    const parents = new Set(cats.map((c) => c.parent_id).filter(Boolean));
    return cats
      .filter((c) => !parents.has(c.id))
      .map((c) => {
        const chain = c.path
          .split('/')
          .filter(Boolean)
          .map((id) => byId.get(id)?.name)
          .filter((n): n is string => !!n);
        return { id: c.id, code: c.code, name: c.name, chain };
      });
  }

  async function serviceByCode(tenantId: string, code: string) {
    const found = (await leafCategories(tenantId)).find((c) => c.code === code);
    if (!found) throw new Open311Failure(404, 'UNKNOWN_SERVICE', `未知的 service_code:${code}`);
    return found;
  }

  function checkDate(name: string, v: string | undefined): Date | undefined {
    if (v === undefined || v === '') return undefined;
    const ms = Date.parse(v);
    if (!W3C.test(v) || Number.isNaN(ms)) {
      throw bad('INVALID_DATE', `${name} 不是有效的 ISO 8601 时间`);
    }
    return new Date(ms);
  }

  /** [start, end]: the last 90 days by default, never more than 90 days. */
  function window(p: Params): { start: Date; end: Date } {
    const s = checkDate('start_date', p.start_date);
    const e = checkDate('end_date', p.end_date);
    const end = e ?? (s ? new Date(s.getTime() + DEFAULT_DAYS * DAY) : clock.now());
    const start = s ?? new Date(end.getTime() - DEFAULT_DAYS * DAY);
    if (start > end) throw bad('INVALID_DATE_RANGE', 'start_date 不能晚于 end_date');
    if (end.getTime() - start.getTime() > DEFAULT_DAYS * DAY) {
      throw bad('DATE_RANGE_TOO_LONG', `start_date 至 end_date 不能超过 ${DEFAULT_DAYS} 天`);
    }
    return { start, end };
  }

  const list = (v: string | undefined) =>
    (v ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);

  /** Tickets as Open311 shows them; confidential tickets are never shown. */
  function requestQuery(tenantId: string) {
    return db
      .selectFrom('tickets as t')
      .innerJoin('categories as c', 'c.id', 't.category_id')
      .innerJoin('jurisdictions as j', 'j.id', 't.jurisdiction_id')
      .leftJoin('units as h', (j) =>
        j.on(sql<boolean>`h.id = coalesce(t.holder_unit_id, t.lead_unit_id)`),
      )
      .leftJoin('open311_requests as o', 'o.ticket_id', 't.id')
      .select([
        't.id',
        't.code',
        't.state',
        't.outcome',
        't.description',
        't.address',
        't.lat',
        't.lng',
        't.received_at',
        't.updated_at',
        't.completion_due_at',
        'c.code as service_code',
        'c.name as service_name',
        'j.code as address_id',
        'h.name as agency',
        'o.media_url',
      ])
      .where('t.tenant_id', '=', tenantId)
      .where('t.confidential', '=', false);
  }
  type RequestRow = Awaited<ReturnType<ReturnType<typeof requestQuery>['execute']>>[number];

  /** The latest public word on each ticket: the status notes. */
  async function notesOf(ticketIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (!ticketIds.length) return out;
    const rows = await db
      .selectFrom('ticket_events as e')
      .leftJoin('units as u', 'u.id', 'e.actor_unit_id')
      .select(['e.ticket_id', 'e.action', 'e.payload', 'u.name as unit_name'])
      .where('e.ticket_id', 'in', ticketIds)
      .where('e.visibility', '=', 'public')
      .where('e.action', '<>', 'create')
      .orderBy('e.ticket_id')
      .orderBy('e.seq', 'desc')
      .execute();
    for (const r of rows) {
      if (out.has(r.ticket_id)) continue;
      const text = publicText(r.action, r.payload, r.unit_name);
      if (text) out.set(r.ticket_id, scrub(text));
    }
    return out;
  }

  async function present(rows: RequestRow[], offset: number): Promise<Open311Request[]> {
    const notes = await notesOf(rows.map((r) => r.id));
    return rows.map((r) => ({
      service_request_id: r.code,
      status: open311Status(r.state),
      status_notes: notes.get(r.id) ?? null,
      service_name: r.service_name,
      service_code: r.service_code,
      description: scrub(r.description),
      agency_responsible: r.agency ?? null,
      service_notice: null,
      requested_datetime: zoned(r.received_at, offset),
      updated_datetime: zoned(r.updated_at, offset),
      expected_datetime: r.completion_due_at ? zoned(r.completion_due_at, offset) : null,
      address: r.address,
      address_id: r.address_id,
      zipcode: null,
      lat: r.lat,
      long: r.lng,
      media_url: r.media_url ?? null,
    }));
  }

  /** attribute[code] values checked against the service definition. */
  function attributesOf(p: Params): { type: TicketType; urgency: Urgency; title?: string } {
    const given = new Map<string, string>();
    for (const [k, v] of Object.entries(p)) {
      const m = /^attribute\[(.+)\]$/.exec(k);
      if (!m) continue;
      const def = ATTRIBUTES.find((a) => a.code === m[1]);
      if (!def) throw bad('UNKNOWN_ATTRIBUTE', `未知的属性 attribute[${m[1]}]`);
      given.set(m[1]!, (v ?? '').trim());
    }
    for (const a of ATTRIBUTES) {
      const v = given.get(a.code);
      if (!v) {
        if (a.required) throw bad('ATTRIBUTE_REQUIRED', `缺少必填属性 attribute[${a.code}]`);
        continue;
      }
      if (a.datatype === 'singlevaluelist' && !a.values.some((x) => x.key === v)) {
        throw bad(
          'ATTRIBUTE_VALUE_INVALID',
          `attribute[${a.code}] 的取值须为 ${a.values.map((x) => x.key).join('、')} 之一`,
        );
      }
    }
    const title = given.get('title');
    if (title !== undefined && title !== '' && (title.length < 2 || title.length > 100)) {
      throw bad('ATTRIBUTE_VALUE_INVALID', 'attribute[title] 须为 2 至 100 个字');
    }
    return {
      type: given.get('type') as TicketType,
      urgency: (given.get('urgency') || 'normal') as Urgency,
      ...(title ? { title } : {}),
    };
  }

  function mediaUrlOf(v: string | undefined): string | null {
    const url = v?.trim();
    if (!url) return null;
    if (url.length > 1000 || !/^https?:\/\/[^\s]+$/i.test(url)) {
      throw bad('MEDIA_URL_INVALID', 'media_url 须为 http(s) 链接');
    }
    return url;
  }

  function numberOf(name: string, v: string | undefined, limit: number): number | undefined {
    if (v === undefined || v.trim() === '') return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || Math.abs(n) > limit) throw bad('INVALID_LOCATION', `${name} 无效`);
    return n;
  }

  /** Where the request is: lat/long (resolved to its grid), address_string, or address_id (a place code). */
  async function locationOf(tenantId: string, p: Params) {
    const lat = numberOf('lat', p.lat, 90);
    const lng = numberOf('long', p.long, 180);
    if ((lat === undefined) !== (lng === undefined)) {
      throw bad('INVALID_LOCATION', 'lat 和 long 须同时给出');
    }
    const addressString = p.address_string?.trim() || undefined;
    const addressId = p.address_id?.trim() || undefined;
    if (lat === undefined && !addressString && !addressId) {
      throw bad('LOCATION_REQUIRED', '须给出位置:lat/long、address_string 或 address_id 之一');
    }
    if (addressString && (addressString.length < 2 || addressString.length > 200)) {
      throw bad('INVALID_LOCATION', 'address_string 须为 2 至 200 个字');
    }
    let jurisdictionId: string | undefined;
    let placeName: string | undefined;
    if (addressId) {
      const j = await db
        .selectFrom('jurisdictions')
        .select(['id', 'name'])
        .where('tenant_id', '=', tenantId)
        .where('code', '=', addressId)
        .executeTakeFirst();
      if (!j) throw bad('UNKNOWN_ADDRESS_ID', `未知的 address_id:${addressId}`);
      jurisdictionId = j.id;
      placeName = j.name;
    }
    const point = lat !== undefined && lng !== undefined ? { lat, lng } : undefined;
    if (point && !placeName && !addressString) {
      const r = await deps.places.resolve(tenantId, point);
      const place = r.grid ?? r.village ?? r.township;
      if (!place) throw bad('PLACE_NOT_LOCATED', '该位置不在本辖区的网格内');
      placeName = place.name;
    }
    const address =
      addressString ?? (point ? `${placeName}(${point.lat},${point.lng})` : placeName!);
    return { address, point, jurisdictionId };
  }

  function fromAppError(e: unknown): never {
    if (e instanceof AppError && e.status === 400) {
      throw bad(e.code, e.details?.[0]?.message ?? e.message);
    }
    throw e;
  }

  return {
    discovery(baseUrl: string): Open311Discovery {
      return {
        changeset: '2026-11-22T00:00:00+08:00',
        contact: '请联系本区接诉即办指挥中心',
        key_service: '由本区系统管理员在“API 令牌”页面签发带 open311 权限的令牌',
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: baseUrl,
            changeset: '2026-11-22T00:00:00+08:00',
            type: 'production',
            formats: ['text/xml', 'application/json'],
          },
        ],
      };
    },

    tenantOf,

    async services(p: Params): Promise<Open311Service[]> {
      const tenant = await tenantOf(p);
      return (await leafCategories(tenant.id)).map((c) => ({
        service_code: c.code,
        service_name: c.name,
        description: c.chain.join(' / '),
        metadata: true,
        type: 'realtime',
        keywords: c.chain.join(','),
        group: c.chain[0] ?? c.name,
      }));
    },

    async definition(p: Params, code: string): Promise<Open311ServiceDefinition> {
      const tenant = await tenantOf(p);
      const s = await serviceByCode(tenant.id, code);
      return { service_code: s.code, attributes: ATTRIBUTES };
    },

    /**
     * A request from the api_key's client; with an Idempotency-Key (scoped to the token) a
     * retry, in either format, answers the first one.
     */
    async create(
      p: Params,
      ip: string | null,
      idempotencyKey?: string | string[],
    ): Promise<Kept<Open311Created>> {
      const tenant = await tenantOf(p);
      const use = await tokenOf(p, tenant.id, ip);
      const { api_key: _key, ...request } = p;
      const created = (
        t: { id: string; code: string },
        accountId: string | null,
      ): Open311Created => ({
        service_request_id: t.code,
        token: t.id,
        service_notice: SERVICE_NOTICE,
        account_id: accountId,
      });
      const execute = async (claim: Parameters<TicketService['create']>[4]) => {
        const code = p.service_code?.trim();
        if (!code) throw bad('SERVICE_CODE_REQUIRED', '缺少 service_code');
        const service = await serviceByCode(tenant.id, code);
        const description = (p.description ?? '').trim();
        if (description.length > MAX_DESCRIPTION) {
          throw bad('DESCRIPTION_TOO_LONG', `description 不能超过 ${MAX_DESCRIPTION} 个字`);
        }
        if (description.length < 5) throw bad('DESCRIPTION_REQUIRED', 'description 至少 5 个字');
        const attrs = attributesOf(p);
        const mediaUrl = mediaUrlOf(p.media_url);
        const phone = p.phone?.trim() ? normalisePhone(p.phone) : null;
        if (p.phone?.trim() && !phone) throw bad('INVALID_PHONE', zhCN.error.INVALID_PHONE);
        const name = `${p.last_name?.trim() ?? ''}${p.first_name?.trim() ?? ''}`.slice(0, 50);
        const place = await locationOf(tenant.id, p);
        const accountId = p.account_id?.trim().slice(0, 100) || null;
        const by =
          use.actor.grants.find((g) => g.unitKind === 'dispatch_centre') ?? use.actor.grants[0];
        const ticket = await deps.tickets
          .create(
            tenant.id,
            {
              channel: 'api',
              type: attrs.type,
              urgency: attrs.urgency,
              categoryId: service.id,
              title: attrs.title ?? description.slice(0, 30),
              description: mediaUrl ? `${description}\n\n图片链接:${mediaUrl}` : description,
              address: place.address,
              ...(place.jurisdictionId ? { jurisdictionId: place.jurisdictionId } : {}),
              ...(place.point ? { point: place.point } : {}),
              requester: { ...(name ? { name } : {}), ...(phone ? { phone } : {}) },
            },
            { actorKind: 'api', userId: use.actor.userId, unitId: by?.unitId ?? null },
            async (trx, t) => {
              await trx
                .insertInto('open311_requests')
                .values({
                  ticket_id: t.id,
                  tenant_id: tenant.id,
                  token_id: use.tokenId,
                  media_url: mediaUrl,
                  account_id: accountId,
                  device_id: p.device_id?.trim().slice(0, 100) || null,
                  created_at: clock.now(),
                })
                .execute();
            },
            claim,
          )
          .catch(fromAppError);
        return { ticketId: ticket.id, body: created(ticket, accountId) };
      };
      const rebuild = async (ticketId: string) => {
        const row = await db
          .selectFrom('tickets as t')
          .leftJoin('open311_requests as o', 'o.ticket_id', 't.id')
          .select(['t.id', 't.code', 'o.account_id'])
          .where('t.id', '=', ticketId)
          .executeTakeFirstOrThrow();
        return created(row, row.account_id);
      };
      return deps.idempotency
        .run(
          {
            key: idempotencyKey,
            caller: `token:${use.tokenId}`,
            tenantId: tenant.id,
            route: 'POST /open311/v2/requests',
            body: request,
          },
          200,
          execute,
          rebuild,
        )
        .catch(fromAppError);
    },

    async token(p: Params, token: string): Promise<Open311Token> {
      const tenant = await tenantOf(p);
      const row = /^[0-9a-f-]{36}$/i.test(token)
        ? await db
            .selectFrom('open311_requests as o')
            .innerJoin('tickets as t', 't.id', 'o.ticket_id')
            .select(['t.code', 't.id'])
            .where('o.tenant_id', '=', tenant.id)
            .where('o.ticket_id', '=', token)
            .executeTakeFirst()
        : undefined;
      if (!row) throw new Open311Failure(404, 'UNKNOWN_TOKEN', `未知的 token:${token}`);
      return { service_request_id: row.code, token: row.id };
    },

    async requests(p: Params): Promise<Open311Request[]> {
      const tenant = await tenantOf(p);
      const ids = list(p.service_request_id);
      let q = requestQuery(tenant.id);
      if (ids.length) {
        // The spec: with service_request_id every other filter is ignored.
        q = q.where('t.code', 'in', ids.slice(0, MAX_RESULTS));
      } else {
        const { start, end } = window(p);
        q = q.where('t.received_at', '>=', start).where('t.received_at', '<=', end);
        const codes = list(p.service_code);
        if (codes.length) q = q.where('c.code', 'in', codes);
        const statuses = list(p.status);
        for (const s of statuses) {
          if (s !== 'open' && s !== 'closed')
            throw bad('INVALID_STATUS', 'status 须为 open 或 closed');
        }
        if (statuses.length === 1) {
          q =
            statuses[0] === 'closed'
              ? q.where('t.state', '=', 'closed')
              : q.where('t.state', 'in', [...OPEN_STATES]);
        }
      }
      const rows = await q
        .orderBy('t.received_at', 'desc')
        .orderBy('t.id')
        .limit(MAX_RESULTS)
        .execute();
      return present(rows, tenant.offset);
    },

    async request(p: Params, code: string): Promise<Open311Request[]> {
      const tenant = await tenantOf(p);
      const row = await requestQuery(tenant.id).where('t.code', '=', code).executeTakeFirst();
      if (!row)
        throw new Open311Failure(404, 'UNKNOWN_REQUEST', `未知的 service_request_id:${code}`);
      return present([row], tenant.offset);
    },

    /** mySociety: the public events of the tenant's tickets in the window, oldest first. */
    async updates(p: Params): Promise<Open311Update[]> {
      const tenant = await tenantOf(p);
      const { start, end } = window(p);
      const rows = await db
        .selectFrom('ticket_events as e')
        .innerJoin('tickets as t', 't.id', 'e.ticket_id')
        .leftJoin('units as u', 'u.id', 'e.actor_unit_id')
        .leftJoin('open311_updates as ou', (j) =>
          j.onRef('ou.ticket_id', '=', 'e.ticket_id').onRef('ou.event_seq', '=', 'e.seq'),
        )
        .select([
          'ou.media_url',
          'e.id',
          'e.action',
          'e.from_state',
          'e.to_state',
          'e.at',
          'e.payload',
          't.code',
          't.outcome',
          'u.name as unit_name',
        ])
        .where('t.tenant_id', '=', tenant.id)
        .where('t.confidential', '=', false)
        .where('e.visibility', '=', 'public')
        .where('e.action', '<>', 'create')
        .where('e.at', '>=', start)
        .where('e.at', '<=', end)
        .orderBy('e.at')
        .orderBy('e.id')
        .limit(MAX_RESULTS)
        .execute();
      return rows.map((r) => {
        const outcome =
          r.to_state === 'closed' ? outcomeOf(r.action, r.from_state, r.payload) : null;
        return {
          update_id: String(r.id),
          service_request_id: r.code,
          status: eventStatus({
            from_state: r.from_state,
            to_state: r.to_state,
            outcome: outcome ?? (r.to_state === 'closed' ? r.outcome : null),
          }),
          updated_datetime: zoned(r.at, tenant.offset),
          description: scrub(
            publicText(r.action, r.payload, r.unit_name) ??
              zhCN.action[r.action as TicketAction] ??
              r.action,
          ),
          media_url: r.media_url ?? '',
          external_status_code: r.action,
        };
      });
    },

    /**
     * mySociety: what the resident said on FixMyStreet. While the ticket is open it becomes
     * the requester's `add_information`; once closed it is recorded only. The client's
     * update_id makes a retry answer the same update_id and write nothing.
     */
    async postUpdate(p: Params, ip: string | null): Promise<Open311UpdateCreated> {
      const tenant = await tenantOf(p);
      const use = await tokenOf(p, tenant.id, ip);
      for (const f of [
        'service_request_id',
        'update_id',
        'status',
        'updated_datetime',
        'description',
      ]) {
        if (!p[f]?.trim()) throw bad('FIELD_REQUIRED', `缺少 ${f}`);
      }
      const status = p.status!.trim().toUpperCase() as InboundStatus;
      if (!INBOUND_STATUSES.includes(status)) {
        throw bad('INVALID_STATUS', `status 须为 ${INBOUND_STATUSES.join('、')} 之一`);
      }
      const at = checkDate('updated_datetime', p.updated_datetime!.trim())!;
      const description = p.description!.trim();
      const mediaUrl = mediaUrlOf(p.media_url);
      const text = `${INBOUND_PREFIX[status]}${description}${mediaUrl ? `\n图片链接:${mediaUrl}` : ''}`;
      if (text.length > 2000 || description.length < 2) {
        throw bad('DESCRIPTION_INVALID', 'description 须为 2 至 2000 个字');
      }
      const clientId = p.update_id!.trim().slice(0, 100);
      const t = await db
        .selectFrom('tickets')
        .select(['id', 'state', 'confidential'])
        .where('tenant_id', '=', tenant.id)
        .where('code', '=', p.service_request_id!.trim())
        .executeTakeFirst();
      if (!t || t.confidential) {
        throw new Open311Failure(
          404,
          'UNKNOWN_REQUEST',
          `未知的 service_request_id:${p.service_request_id}`,
        );
      }
      const seen = await db
        .selectFrom('open311_updates')
        .select('id')
        .where('tenant_id', '=', tenant.id)
        .where('ticket_id', '=', t.id)
        .where('client_update_id', '=', clientId)
        .executeTakeFirst();
      if (seen) return { update_id: seen.id };
      const id = newId();
      let seq: number | null = null;
      if (OPEN_STATES.includes(t.state as TicketState)) {
        const updated = await deps.tickets
          .act(tenant.id, t.id, 'add_information', { input: { text } }, { requester: true })
          .catch(fromAppError);
        const last = await db
          .selectFrom('ticket_events')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .where('ticket_id', '=', updated.id)
          .where('action', '=', 'add_information')
          .executeTakeFirst();
        seq = last?.seq ?? null;
      }
      await db
        .insertInto('open311_updates')
        .values({
          id,
          tenant_id: tenant.id,
          ticket_id: t.id,
          client_update_id: clientId,
          status,
          description,
          media_url: mediaUrl,
          updated_datetime: at,
          event_seq: seq,
          token_id: use.tokenId,
          created_at: clock.now(),
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'ticket_id', 'client_update_id']).doNothing())
        .execute();
      return { update_id: id };
    },
  };
}
export type Open311Api = ReturnType<typeof open311Service>;

function outcomeOf(
  action: string,
  from: TicketState | null,
  payload: Record<string, unknown>,
): Outcome | null {
  try {
    return (
      targetOf(transitionFor(action as TicketAction), from ?? 'received', payload)?.outcome ?? null
    );
  } catch {
    return null;
  }
}
