// [Interop] the upstream (12345) import. A batch is checked row by row; rows with
// errors are reported (row, field, stable code, Chinese message) and the others are
// imported, each ticket in its own transaction through the ticket service's `create`
// (its code, its `create` event, the search document, the rollups, the webhook outbox),
// with channel `upstream` and the upstream's received time. Idempotent on the upstream
// id: ids already imported are found first and reported `existing`; a concurrent
// import of the same id loses on the unique index (tenant, upstream_id) and is
// reported `existing` too, so the same batch twice, or twice at once, never doubles.
import type { Kysely } from 'kysely';
import { Value } from '@sinclair/typebox/value';
import {
  DEFAULT_UPSTREAM_MAPPING,
  TICKET_TYPES,
  UPSTREAM_MAX_BATCH,
  UPSTREAM_ROW_MESSAGES,
  UpstreamTicketInput,
  zhCN,
  type Channel,
  type TicketType,
  type UpstreamImportResult,
  type UpstreamMappingBody,
  type UpstreamMappingList,
  type UpstreamMappingView,
  type UpstreamRowErrorCode,
} from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { normalisePhone } from '../../shared/phone.js';
import type { StaffActor } from '../../shared/actor.js';
import type { TicketService } from '../tickets/service.js';
import type { PlacesService } from '../grid/service.js';
import { upstreamRepository } from './repository.js';
import { readUpstreamWorkbook, unmappedRequired, type Mapping } from './excel.js';

/** Who imports: a staff member, or the CLI (no user). */
export interface Importer {
  tenantId: string;
  userId: string | null;
}

const BEIJING_MS = 8 * 3600_000;

/** ISO 8601 with a zone, or a Beijing wall time `YYYY-MM-DD[ HH:mm[:ss]]` (also with `/`). */
export function parseUpstreamTime(s: string): Date | null {
  const t = s.trim();
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', se = '0'] = m;
    const ms = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +se) - BEIJING_MS;
    const back = new Date(ms + BEIJING_MS);
    if (back.getUTCMonth() !== +mo! - 1 || back.getUTCDate() !== +d! || +h > 23) return null;
    return new Date(ms);
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(t)) {
    const d = new Date(t);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

function typeOf(s: string): TicketType | null {
  const t = s.trim();
  for (const k of TICKET_TYPES) if (t === k || t === zhCN.type[k]) return k;
  return null;
}

type RowError = UpstreamImportResult['errors'][number];

export function upstreamService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  tickets: Pick<TicketService, 'create'>;
  places?: Pick<PlacesService, 'resolve'>;
  /** Tickets created at once (PostgreSQL profits; the embedded engine queues them). */
  concurrency?: number;
}) {
  const { db, clock, tickets } = deps;
  const repo = upstreamRepository(db);
  const concurrency = deps.concurrency ?? 4;

  const err = (
    row: number,
    upstreamId: string | null,
    field: string,
    code: UpstreamRowErrorCode,
  ): RowError => ({ row, upstreamId, field, code, message: UPSTREAM_ROW_MESSAGES[code] });

  async function importItems(
    who: Importer,
    items: ReadonlyArray<{ row: number; item: unknown }>,
  ): Promise<UpstreamImportResult> {
    if (items.length > UPSTREAM_MAX_BATCH) throw new AppError('UPSTREAM_BATCH_TOO_LARGE');
    const { tenantId } = who;
    const now = clock.now();
    const result: UpstreamImportResult = {
      total: items.length,
      created: 0,
      existing: 0,
      failed: 0,
      rows: [],
      errors: [],
    };
    const cats = await repo.categories(tenantId);
    const byCode = new Map(cats.map((c) => [c.code, c]));
    const byName = new Map<string, (typeof cats)[number]>();
    // A name shared by several categories is taken for the deepest, active one first.
    for (const c of [...cats].sort((a, b) => Number(b.active) - Number(a.active)))
      if (!byName.has(c.name)) byName.set(c.name, c);
    const root = await repo.root(tenantId);

    type Valid = {
      row: number;
      upstreamId: string;
      receivedAt: Date;
      deadline: Date | null;
      input: Parameters<TicketService['create']>[1];
    };
    const valid: Valid[] = [];
    const seen = new Set<string>();
    for (const { row, item } of items) {
      const raw = (item ?? {}) as Record<string, unknown>;
      const uid = typeof raw.upstreamId === 'string' ? raw.upstreamId.trim() : null;
      const first = [...Value.Errors(UpstreamTicketInput, raw)][0];
      if (first) {
        const field = first.path.replace(/^\//, '').replaceAll('/', '.') || 'row';
        const top = field.split('.')[0]!;
        const missing = raw[top] === undefined || raw[top] === '';
        result.errors.push(err(row, uid, field, missing ? 'required' : 'invalid'));
        continue;
      }
      const t = raw as UpstreamTicketInput;
      const upstreamId = t.upstreamId.trim();
      if (seen.has(upstreamId)) {
        result.errors.push(err(row, upstreamId, 'upstreamId', 'duplicate_in_batch'));
        continue;
      }
      const receivedAt = parseUpstreamTime(t.receivedAt);
      if (!receivedAt || receivedAt.getTime() > now.getTime() + 5 * 60_000) {
        result.errors.push(err(row, upstreamId, 'receivedAt', 'invalid_time'));
        continue;
      }
      const deadline = t.upstreamDeadline ? parseUpstreamTime(t.upstreamDeadline) : null;
      if (t.upstreamDeadline && !deadline) {
        result.errors.push(err(row, upstreamId, 'upstreamDeadline', 'invalid_time'));
        continue;
      }
      const type = typeOf(t.type);
      if (!type) {
        result.errors.push(err(row, upstreamId, 'type', 'invalid_type'));
        continue;
      }
      const cat = byCode.get(t.category.trim()) ?? byName.get(t.category.trim());
      if (!cat || !cat.active) {
        result.errors.push(err(row, upstreamId, 'category', 'unknown_category'));
        continue;
      }
      const phone = t.requester?.phone?.trim();
      if (phone && !normalisePhone(phone)) {
        result.errors.push(err(row, upstreamId, 'requester.phone', 'invalid_phone'));
        continue;
      }
      seen.add(upstreamId);
      valid.push({
        row,
        upstreamId,
        receivedAt,
        deadline,
        input: {
          channel: (t.channel ?? 'upstream') as Channel,
          type,
          categoryId: cat.id,
          title: t.title.trim(),
          description: t.description.trim(),
          address: t.address.trim(),
          ...(t.point ? { point: t.point } : {}),
          requester: {
            ...(t.requester?.name?.trim() ? { name: t.requester.name.trim() } : {}),
            ...(phone ? { phone } : {}),
          },
          upstreamId,
          receivedAt,
        },
      });
    }

    const known = new Map(
      (
        await repo.existing(
          tenantId,
          valid.map((v) => v.upstreamId),
        )
      ).map((r) => [r.upstream_id!, r]),
    );
    const fresh: Valid[] = [];
    for (const v of valid) {
      const k = known.get(v.upstreamId);
      if (k) {
        result.existing++;
        result.rows.push({
          row: v.row,
          upstreamId: v.upstreamId,
          status: 'existing',
          ticketId: k.id,
          code: k.code,
        });
      } else fresh.push(v);
    }

    const createOne = async (v: Valid) => {
      // Where the address names no place of the district, the ticket goes to the district.
      let jurisdictionId: string | undefined;
      if (deps.places) {
        const r = await deps.places.resolve(tenantId, {
          address: v.input.address,
          ...(v.input.point ?? {}),
        });
        jurisdictionId = (r.grid ?? r.village ?? r.township)?.id ?? root?.id;
      } else jurisdictionId = root?.id;
      try {
        const created = await tickets.create(
          tenantId,
          { ...v.input, ...(jurisdictionId ? { jurisdictionId } : {}) },
          { actorKind: who.userId ? 'staff' : 'system', userId: who.userId, unitId: null },
          (trx, ticket) =>
            upstreamRepository(trx).insertUpstreamTicket({
              ticket_id: ticket.id,
              tenant_id: tenantId,
              upstream_id: v.upstreamId,
              upstream_received_at: v.receivedAt,
              upstream_deadline: v.deadline,
              imported_at: now,
              imported_by: who.userId,
            }),
        );
        result.created++;
        result.rows.push({
          row: v.row,
          upstreamId: v.upstreamId,
          status: 'created',
          ticketId: created.id,
          code: created.code,
        });
      } catch (e) {
        if ((e as { code?: string }).code === '23505') {
          // Imported meanwhile by a concurrent batch: the unique index kept it single.
          const [k] = await repo.existing(tenantId, [v.upstreamId]);
          if (k) {
            result.existing++;
            result.rows.push({
              row: v.row,
              upstreamId: v.upstreamId,
              status: 'existing',
              ticketId: k.id,
              code: k.code,
            });
            return;
          }
        }
        const code = e instanceof AppError ? e.code : null;
        result.errors.push(
          code === 'PLACE_NOT_LOCATED' || code === 'UNKNOWN_JURISDICTION'
            ? err(v.row, v.upstreamId, 'address', 'place_not_located')
            : code === 'INVALID_PHONE'
              ? err(v.row, v.upstreamId, 'requester.phone', 'invalid_phone')
              : code === 'UNKNOWN_CATEGORY'
                ? err(v.row, v.upstreamId, 'category', 'unknown_category')
                : err(v.row, v.upstreamId, 'row', 'failed'),
        );
      }
    };
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, fresh.length) }, async () => {
        while (next < fresh.length) await createOne(fresh[next++]!);
      }),
    );
    result.failed = result.errors.length;
    result.rows.sort((a, b) => a.row - b.row);
    result.errors.sort((a, b) => a.row - b.row);
    return result;
  }

  type MappingRow = NonNullable<Awaited<ReturnType<typeof repo.mapping>>>;
  const mappingView = (m: MappingRow): UpstreamMappingView => ({
    id: m.id,
    name: m.name,
    headerRow: m.header_row,
    columns: m.columns,
    builtIn: false,
    updatedAt: new Date(m.updated_at).toISOString(),
  });
  const builtIn: UpstreamMappingView = {
    id: null,
    name: DEFAULT_UPSTREAM_MAPPING.name,
    headerRow: DEFAULT_UPSTREAM_MAPPING.headerRow,
    columns: DEFAULT_UPSTREAM_MAPPING.columns,
    builtIn: true,
    updatedAt: null,
  };

  function checkMapping(body: UpstreamMappingBody) {
    const missing = unmappedRequired(body.columns);
    const fields = Object.values(body.columns);
    const twice = fields.filter((f, i) => fields.indexOf(f) !== i);
    if (missing.length || twice.length) {
      throw new AppError('UPSTREAM_MAPPING_INVALID', [
        ...missing.map((f) => ({ path: '/columns', message: `没有列对应到字段 ${f}` })),
        ...[...new Set(twice)].map((f) => ({ path: '/columns', message: `字段 ${f} 对应了多列` })),
      ]);
    }
  }

  /** A saved mapping by name, or the built-in 12345 layout when no name is given. */
  async function mappingFor(tenantId: string, name?: string): Promise<Mapping> {
    if (!name || name === builtIn.name) return builtIn;
    const m = await repo.mapping(tenantId, { name });
    if (!m) throw new AppError('UPSTREAM_MAPPING_NOT_FOUND');
    return { headerRow: m.header_row, columns: m.columns };
  }

  return {
    /** JSON batch: rows are numbered from 1 in the order given. */
    importJson(who: Importer, tickets: unknown[]): Promise<UpstreamImportResult> {
      return importItems(
        who,
        tickets.map((item, i) => ({ row: i + 1, item })),
      );
    },

    /** A 12345 export (.xlsx) read through a saved mapping; rows are the sheet's row numbers. */
    async importExcel(
      who: Importer,
      data: Buffer,
      mappingName?: string,
    ): Promise<UpstreamImportResult> {
      const mapping = await mappingFor(who.tenantId, mappingName);
      return importItems(who, await readUpstreamWorkbook(data, mapping));
    },

    async mappings(actor: StaffActor): Promise<UpstreamMappingList> {
      const rows = await repo.mappings(actor.tenantId);
      return { items: [builtIn, ...rows.map(mappingView)] };
    },

    async createMapping(
      actor: StaffActor,
      body: UpstreamMappingBody,
    ): Promise<UpstreamMappingView> {
      checkMapping(body);
      if (
        body.name.trim() === builtIn.name ||
        (await repo.mapping(actor.tenantId, { name: body.name.trim() }))
      )
        throw new AppError('DUPLICATE', [{ path: '/name', message: '已有同名的列映射' }]);
      const now = clock.now();
      const id = newId();
      await repo.insertMapping({
        id,
        tenant_id: actor.tenantId,
        name: body.name.trim(),
        header_row: body.headerRow ?? 1,
        columns: JSON.stringify(body.columns),
        created_at: now,
        updated_at: now,
      });
      return mappingView((await repo.mapping(actor.tenantId, { id }))!);
    },

    async updateMapping(
      actor: StaffActor,
      id: string,
      body: UpstreamMappingBody,
    ): Promise<UpstreamMappingView> {
      checkMapping(body);
      const same = await repo.mapping(actor.tenantId, { name: body.name.trim() });
      if (body.name.trim() === builtIn.name || (same && same.id !== id))
        throw new AppError('DUPLICATE', [{ path: '/name', message: '已有同名的列映射' }]);
      const ok = await repo.updateMapping(actor.tenantId, id, {
        name: body.name.trim(),
        header_row: body.headerRow ?? 1,
        columns: JSON.stringify(body.columns),
        updated_at: clock.now(),
      });
      if (!ok) throw new AppError('UPSTREAM_MAPPING_NOT_FOUND');
      return mappingView((await repo.mapping(actor.tenantId, { id }))!);
    },

    async deleteMapping(actor: StaffActor, id: string): Promise<{ ok: boolean }> {
      if (!(await repo.deleteMapping(actor.tenantId, id)))
        throw new AppError('UPSTREAM_MAPPING_NOT_FOUND');
      return { ok: true };
    },
  };
}
export type UpstreamService = ReturnType<typeof upstreamService>;
