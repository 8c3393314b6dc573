// Colour lists (三色清单, 两级清单): a village or township government puts matters on
// its yellow, orange or red list (from a ticket or found itself), raises or lowers
// them with a reason, clears them with a note; each colour has a clearing and a
// reporting cadence (tenant configuration, versioned). A township reads its villages'
// lists; supervisors, administrators and the dispatch centre read every list.
import type { Kysely } from 'kysely';
import ExcelJS from 'exceljs';
import {
  COLOURS,
  DEFAULT_COLOUR_CADENCES,
  colourListMessages as m,
  type AddColourItemBody,
  type AddTicketToColourListBody,
  type BulkClearColourItemsBody,
  type BulkClearResult,
  type ChangeColourBody,
  type Colour,
  type ColourCadenceConfig,
  type ColourCadenceVersion,
  type ColourCadences,
  type ColourCounts,
  type ColourCountsQuery,
  type ColourFigures,
  type ColourItemDetail,
  type ColourItemList,
  type ColourItemListQuery,
  type ColourItemView,
  type ColourReport,
  type ColourReportQuery,
  type ColourSource,
  type ColourUnit,
  type ColourUnitList,
  type TicketState,
  type UpdateColourCadencesBody,
} from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import { hasRole, isCentre, type StaffActor } from '../../shared/actor.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { utcOffsetOf } from '../calendar/service.js';
import { iso, ref } from '../tickets/presenter.js';
import { ticketRepository } from '../tickets/repository.js';
import { visibleTicket } from '../tickets/visible.js';
import {
  COLOUR_RANK,
  carriedPeriods,
  clearByOf,
  figuresOf,
  itemFlags,
  localDate,
  periodLabel,
  periodOf,
  startOfLocalDate,
} from './cadence.js';
import { colourListsRepository, type UnitScope } from './repository.js';

const EXPORT_LIMIT = 10_000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The roles through which a village's or township's staff keep its list. */
const KEEPER_ROLES = ['handler', 'unit_leader'] as const;

export interface ExportFile {
  name: string;
  contentType: string;
  data: Buffer;
}

interface KeepingUnit extends ColourUnit {
  jurisdictionId: string;
}

interface Access {
  units: Map<string, KeepingUnit>;
  /** `'tenant'`: every list. */
  read: 'tenant' | Set<string>;
  write: Set<string>;
}

type ItemRow = NonNullable<Awaited<ReturnType<ReturnType<typeof colourListsRepository>['item']>>>;

const truthy = (v: string | undefined) => v === '1' || v === 'true';
const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', [{ path, message }]);

async function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  header: string[],
  rows: Array<Array<string | number>>,
  title?: string,
) {
  const ws = wb.addWorksheet(name);
  if (title) {
    ws.addRow([title]).font = { bold: true, size: 14 };
  }
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.views = [{ state: 'frozen', ySplit: title ? 2 : 1 }];
  ws.columns.forEach((c, i) => {
    c.width = Math.min(
      60,
      Math.max(
        10,
        String(header[i] ?? '').length * 2 + 2,
        ...rows.slice(0, 200).map((r) => String(r[i] ?? '').length * 2 + 2),
      ),
    );
  });
}

export function colourListsService(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;
  const repo = colourListsRepository(db);

  async function offsetOf(tenantId: string): Promise<number> {
    return utcOffsetOf(await repo.tenantSettings(tenantId));
  }

  async function cadenceVersions(tenantId: string): Promise<ColourCadenceVersion[]> {
    const rows = await repo.cadenceVersions(tenantId);
    return rows.map((r) => ({
      version: r.version,
      cadences: r.cadences,
      reason: r.reason,
      createdBy: ref(r.created_by, r.created_by_name),
      createdAt: iso(r.created_at),
    }));
  }

  async function cadencesOf(tenantId: string): Promise<ColourCadences> {
    const [latest] = await repo.cadenceVersions(tenantId);
    return latest?.cadences ?? DEFAULT_COLOUR_CADENCES;
  }

  async function accessOf(actor: StaffActor): Promise<Access> {
    const rows = await repo.keepingUnits(actor.tenantId);
    const townshipByPlace = new Map(
      rows.filter((r) => r.level === 'township').map((r) => [r.jurisdiction_id, r.id]),
    );
    const write = new Set(
      actor.grants
        .filter((g) => (KEEPER_ROLES as readonly string[]).includes(g.role))
        .map((g) => g.unitId),
    );
    const units = new Map<string, KeepingUnit>();
    for (const r of rows) {
      units.set(r.id, {
        id: r.id,
        name: r.name,
        level: r.level as 'village' | 'township',
        parentId: r.level === 'village' ? (townshipByPlace.get(r.parent_id ?? '') ?? null) : null,
        jurisdictionId: r.jurisdiction_id,
        writable: false,
      });
    }
    for (const id of [...write]) if (!units.has(id)) write.delete(id);
    for (const id of write) units.get(id)!.writable = true;
    if (hasRole(actor, ['admin', 'supervisor']) || isCentre(actor))
      return { units, read: 'tenant', write };
    const read = new Set(write);
    for (const u of units.values()) if (u.parentId && write.has(u.parentId)) read.add(u.id);
    if (!read.size) throw new AppError('FORBIDDEN');
    return { units, read, write };
  }

  const canRead = (a: Access, unitId: string) =>
    a.units.has(unitId) && (a.read === 'tenant' || a.read.has(unitId));

  /** The units a list or report covers: one unit (with a township's villages), or all readable. */
  function unitsOf(a: Access, unitId?: string, includeVillages?: boolean): UnitScope {
    if (!unitId) return a.read === 'tenant' ? 'tenant' : [...a.read];
    if (!canRead(a, unitId)) throw new AppError(a.units.has(unitId) ? 'FORBIDDEN' : 'NOT_FOUND');
    const ids = [unitId];
    if (includeVillages)
      for (const u of a.units.values())
        if (u.parentId === unitId && canRead(a, u.id)) ids.push(u.id);
    return ids;
  }

  function toView(
    r: ItemRow,
    a: Access,
    cadences: ColourCadences,
    now: Date,
    offset: number,
  ): ColourItemView {
    const clearBy = new Date(r.clear_by);
    const open = r.status === 'open';
    return {
      id: r.id,
      unit: { id: r.unit_id, name: r.unit_name },
      level: r.level,
      colour: r.colour,
      title: r.title,
      description: r.description,
      source: r.source as ColourSource,
      ticket:
        r.ticket_id && r.ticket_code
          ? {
              id: r.ticket_id,
              code: r.ticket_code,
              title: r.ticket_title ?? '',
              state: r.ticket_state as TicketState,
            }
          : null,
      status: r.status,
      overdue: open && clearBy < now,
      carriedPeriods: open ? carriedPeriods(cadences[r.colour].clear, clearBy, now, offset) : 0,
      clearBy: iso(r.clear_by)!,
      createdAt: iso(r.created_at)!,
      raisedBy: ref(r.raised_by, r.raised_by_name),
      clearedAt: iso(r.cleared_at),
      clearedBy: ref(r.cleared_by, r.cleared_by_name),
      clearNote: r.clear_note,
      clearedOnTime: r.cleared_at ? new Date(r.cleared_at) <= clearBy : null,
      writable: open && a.write.has(r.unit_id),
    };
  }

  /** The item, if the actor may read it; writing needs its unit's grant. */
  async function itemFor(actor: StaffActor, a: Access, id: string, write: boolean) {
    const r = await repo.item(actor.tenantId, id);
    if (!r || !canRead(a, r.unit_id)) throw new AppError('NOT_FOUND');
    if (write && !a.write.has(r.unit_id)) throw new AppError('FORBIDDEN');
    if (write && r.status !== 'open') throw new AppError('COLOUR_ITEM_CLEARED');
    return r;
  }

  async function viewOf(actor: StaffActor, a: Access, id: string): Promise<ColourItemDetail> {
    const r = (await repo.item(actor.tenantId, id))!;
    const [cadences, offset] = [await cadencesOf(actor.tenantId), await offsetOf(actor.tenantId)];
    const changes = await repo.changes(id);
    return {
      item: toView(r, a, cadences, clock.now(), offset),
      changes: changes.map((c) => ({
        id: String(c.id),
        at: iso(c.at)!,
        kind: c.kind,
        fromColour: c.from_colour,
        toColour: c.to_colour,
        clearBy: iso(c.clear_by)!,
        reason: c.reason,
        by: ref(c.by_user_id, c.by_name),
      })),
    };
  }

  async function add(
    actor: StaffActor,
    b: AddColourItemBody & { description?: string },
  ): Promise<ColourItemDetail> {
    const a = await accessOf(actor);
    let unitId = b.unitId;
    if (!unitId) {
      if (a.write.size !== 1) throw invalid('/unitId', '请选择列入清单的单位');
      unitId = [...a.write][0]!;
    }
    const unit = a.units.get(unitId);
    if (!unit) throw new AppError('COLOUR_UNIT_INVALID');
    if (!a.write.has(unitId)) throw new AppError('FORBIDDEN');
    const tickets = ticketRepository(db);
    let ticket: { id: string; title: string } | undefined;
    if (b.ticketId) ticket = await visibleTicket(tickets, actor, b.ticketId);
    else if (b.ticketCode) {
      const t = await tickets.byCode(actor.tenantId, b.ticketCode.trim());
      if (!t) throw new AppError('TICKET_NOT_FOUND');
      ticket = await visibleTicket(tickets, actor, t.id);
    }
    const title = (b.title ?? ticket?.title ?? '').trim();
    if (title.length < 2) throw invalid('/title', '请填写事项名称');
    if (ticket && (await repo.openTicketItem(unitId, ticket.id)))
      throw new AppError('COLOUR_ITEM_ON_LIST');
    const now = clock.now();
    const clearBy = clearByOf(
      b.colour,
      now,
      await cadencesOf(actor.tenantId),
      await offsetOf(actor.tenantId),
    );
    const id = newId();
    try {
      await db.transaction().execute(async (trx) => {
        const r = colourListsRepository(trx);
        await r.insertItem({
          id,
          tenant_id: actor.tenantId,
          unit_id: unitId,
          level: unit.level,
          colour: b.colour,
          title,
          description: b.description?.trim() || null,
          source: ticket ? 'ticket' : (b.source ?? 'other'),
          ticket_id: ticket?.id ?? null,
          clear_by: clearBy,
          created_at: now,
          raised_by: actor.userId,
        });
        await r.insertChange({
          tenant_id: actor.tenantId,
          item_id: id,
          at: now,
          kind: 'added',
          from_colour: null,
          to_colour: b.colour,
          clear_by: clearBy,
          reason: null,
          by_user_id: actor.userId,
        });
      });
    } catch (e) {
      // Two cadres putting the same ticket on the same list at once: one wins.
      if ((e as { code?: string }).code === '23505') throw new AppError('COLOUR_ITEM_ON_LIST');
      throw e;
    }
    return viewOf(actor, a, id);
  }

  async function clearOne(actor: StaffActor, id: string, note: string, at: Date) {
    return db.transaction().execute(async (trx) => {
      const r = colourListsRepository(trx);
      const item = await r.item(actor.tenantId, id);
      if (!item || !(await r.clear(id, { at, by: actor.userId, note })))
        throw new AppError('COLOUR_ITEM_CLEARED');
      await r.insertChange({
        tenant_id: actor.tenantId,
        item_id: id,
        at,
        kind: 'cleared',
        from_colour: item.colour,
        to_colour: item.colour,
        clear_by: item.clear_by,
        reason: note,
        by_user_id: actor.userId,
      });
    });
  }

  async function listRows(actor: StaffActor, q: ColourItemListQuery, limit?: number) {
    const a = await accessOf(actor);
    const units = unitsOf(a, q.unitId, truthy(q.includeVillages));
    const now = clock.now();
    const page = await repo.list(actor.tenantId, { ...q, units }, now, limit);
    const [cadences, offset] = [await cadencesOf(actor.tenantId), await offsetOf(actor.tenantId)];
    return { ...page, items: page.items.map((r) => toView(r, a, cadences, now, offset)), offset };
  }

  async function report(actor: StaffActor, q: ColourReportQuery) {
    const a = await accessOf(actor);
    const unit = a.units.get(q.unitId);
    const includeVillages = truthy(q.includeVillages) && unit?.level === 'township';
    const units = unitsOf(a, q.unitId, includeVillages) as string[];
    const [cadences, offset] = [await cadencesOf(actor.tenantId), await offsetOf(actor.tenantId)];
    const now = clock.now();
    const reportUnit = cadences[q.colour].report;
    const day = q.at ?? localDate(now, offset);
    const period = periodOf(reportUnit, startOfLocalDate(day, offset), offset);
    const cut = new Date(Math.min(period.end.getTime(), now.getTime()));
    const rows = (await repo.reportItems(actor.tenantId, units, period.start, cut)).filter(
      (r) => r.colour_at === q.colour,
    );
    const times = rows.map((r) => ({
      row: r,
      createdAt: new Date(r.created_at),
      clearBy: new Date(r.clear_by_at),
      clearedAt: r.cleared_at ? new Date(r.cleared_at) : null,
    }));
    const prev = periodOf(reportUnit, new Date(period.start.getTime() - 1), offset);
    const result: ColourReport = {
      unit: { id: q.unitId, name: unit!.name },
      colour: q.colour,
      includeVillages,
      period: {
        unit: reportUnit,
        start: period.start.toISOString(),
        end: period.end.toISOString(),
        label: periodLabel(reportUnit, period, offset),
        at: localDate(period.start, offset),
        prevAt: localDate(prev.start, offset),
        nextAt: period.end > now ? null : localDate(period.end, offset),
        current: period.end > now,
      },
      figures: figuresOf(times, period, now),
      byUnit: units.map((id) => ({
        unit: { id, name: a.units.get(id)!.name },
        ...figuresOf(
          times.filter((t) => t.row.unit_id === id),
          period,
          now,
        ),
      })),
      items: times
        .map((t) => ({ t, f: itemFlags(t, period, now) }))
        .filter((x) => x.f.inPeriod)
        .map(({ t, f }) => ({
          id: t.row.id,
          unit: { id: t.row.unit_id, name: t.row.unit_name },
          title: t.row.title,
          ticketCode: t.row.ticket_code,
          createdAt: t.createdAt.toISOString(),
          clearBy: t.clearBy.toISOString(),
          clearedAt: iso(t.clearedAt),
          clearNote: f.cleared ? t.row.clear_note : null,
          isNew: f.isNew,
          cleared: f.cleared,
          clearedOnTime: f.clearedOnTime,
          overdue: f.overdue,
          carriedOver: f.carriedOver,
        })),
    };
    return { report: result, offset };
  }

  const localFormat = (offset: number) => (d: string | null) =>
    d
      ? new Date(new Date(d).getTime() + offset * 60_000)
          .toISOString()
          .slice(0, 16)
          .replace('T', ' ')
      : '';

  return {
    /** The lists the actor may read; none (not 403) for staff who keep or read no list. */
    async units(actor: StaffActor): Promise<ColourUnitList> {
      let a: Awaited<ReturnType<typeof accessOf>>;
      try {
        a = await accessOf(actor);
      } catch (e) {
        if (e instanceof AppError && e.code === 'FORBIDDEN') return { items: [] };
        throw e;
      }
      return {
        items: [...a.units.values()]
          .filter((u) => canRead(a, u.id))
          .map((u) => ({
            id: u.id,
            name: u.name,
            level: u.level,
            parentId: u.parentId,
            writable: u.writable,
          })),
      };
    },

    async cadences(tenantId: string): Promise<ColourCadenceConfig> {
      const history = await cadenceVersions(tenantId);
      return {
        current: history[0] ?? {
          version: 0,
          cadences: DEFAULT_COLOUR_CADENCES,
          reason: null,
          createdBy: null,
          createdAt: null,
        },
        history,
      };
    },

    async updateCadences(
      actor: StaffActor,
      b: UpdateColourCadencesBody,
    ): Promise<ColourCadenceConfig> {
      if (!hasRole(actor, ['admin'])) throw new AppError('FORBIDDEN');
      const [latest] = await repo.cadenceVersions(actor.tenantId);
      try {
        await repo.insertCadence({
          tenant_id: actor.tenantId,
          version: (latest?.version ?? 0) + 1,
          cadences: JSON.stringify(b.cadences),
          reason: b.reason.trim(),
          created_by: actor.userId,
          created_at: clock.now(),
        });
      } catch (e) {
        if ((e as { code?: string }).code === '23505') throw new AppError('VERSION_CONFLICT');
        throw e;
      }
      return this.cadences(actor.tenantId);
    },

    async list(actor: StaffActor, q: ColourItemListQuery): Promise<ColourItemList> {
      const { items, total, page, pageSize } = await listRows(actor, q);
      return { items, total, page, pageSize };
    },

    async counts(actor: StaffActor, q: ColourCountsQuery): Promise<ColourCounts> {
      const a = await accessOf(actor);
      const units = unitsOf(a, q.unitId, truthy(q.includeVillages));
      const rows = await repo.counts(actor.tenantId, units, q.level, clock.now());
      return {
        items: COLOURS.map((colour) => {
          const r = rows.find((x) => x.colour === colour);
          return {
            colour,
            open: Number(r?.open ?? 0),
            overdue: Number(r?.overdue ?? 0),
            cleared: Number(r?.cleared ?? 0),
          };
        }),
      };
    },

    async get(actor: StaffActor, id: string): Promise<ColourItemDetail> {
      const a = await accessOf(actor);
      await itemFor(actor, a, id, false);
      return viewOf(actor, a, id);
    },

    add,

    async addTicket(
      actor: StaffActor,
      ticketId: string,
      b: AddTicketToColourListBody,
    ): Promise<ColourItemDetail> {
      const t = await visibleTicket(ticketRepository(db), actor, ticketId);
      return add(actor, {
        unitId: b.unitId,
        colour: b.colour ?? (t.colour as Colour | null) ?? 'yellow',
        ticketId,
        description: b.description,
      });
    },

    async changeColour(
      actor: StaffActor,
      id: string,
      b: ChangeColourBody,
    ): Promise<ColourItemDetail> {
      const a = await accessOf(actor);
      const item = await itemFor(actor, a, id, true);
      if (item.colour === b.colour) throw invalid('/colour', '颜色没有变化');
      const now = clock.now();
      const clearBy = clearByOf(
        b.colour,
        now,
        await cadencesOf(actor.tenantId),
        await offsetOf(actor.tenantId),
      );
      await db.transaction().execute(async (trx) => {
        const r = colourListsRepository(trx);
        if (!(await r.recolour(id, b.colour, clearBy))) throw new AppError('COLOUR_ITEM_CLEARED');
        await r.insertChange({
          tenant_id: actor.tenantId,
          item_id: id,
          at: now,
          kind: COLOUR_RANK[b.colour] > COLOUR_RANK[item.colour] ? 'raised' : 'lowered',
          from_colour: item.colour,
          to_colour: b.colour,
          clear_by: clearBy,
          reason: b.reason.trim(),
          by_user_id: actor.userId,
        });
      });
      return viewOf(actor, a, id);
    },

    async clear(actor: StaffActor, id: string, note: string): Promise<ColourItemDetail> {
      const a = await accessOf(actor);
      await itemFor(actor, a, id, true);
      await clearOne(actor, id, note.trim(), clock.now());
      return viewOf(actor, a, id);
    },

    async bulkClear(actor: StaffActor, b: BulkClearColourItemsBody): Promise<BulkClearResult> {
      const a = await accessOf(actor);
      const rows = new Map(
        (await repo.itemsByIds(actor.tenantId, b.ids)).map((r) => [r.id, r] as const),
      );
      const now = clock.now();
      let cleared = 0;
      const skipped: BulkClearResult['skipped'] = [];
      for (const id of b.ids) {
        const r = rows.get(id);
        if (!r || !canRead(a, r.unit_id)) skipped.push({ id, code: 'missing' });
        else if (!a.write.has(r.unit_id)) skipped.push({ id, code: 'forbidden' });
        else if (r.status !== 'open') skipped.push({ id, code: 'cleared' });
        else {
          try {
            await clearOne(actor, id, b.note.trim(), now);
            cleared += 1;
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            skipped.push({ id, code: 'cleared' });
          }
        }
      }
      return { cleared, skipped };
    },

    async exportList(actor: StaffActor, q: ColourItemListQuery): Promise<ExportFile> {
      const { items, offset } = await listRows(actor, { ...q, page: 1 }, EXPORT_LIMIT);
      const local = localFormat(offset);
      const c = m.col;
      const header = [
        c.unit,
        c.level,
        c.colour,
        c.title,
        c.description,
        c.source,
        c.ticket,
        c.status,
        c.overdue,
        c.carried,
        c.createdAt,
        c.raisedBy,
        c.clearBy,
        c.clearedAt,
        c.clearedBy,
        c.clearNote,
      ];
      const rows = items.map((i) => [
        i.unit.name,
        m.level[i.level],
        m.colour[i.colour],
        i.title,
        i.description ?? '',
        m.source[i.source],
        i.ticket?.code ?? '',
        m.status[i.status],
        i.overdue ? m.yes : '',
        i.carriedPeriods || '',
        local(i.createdAt),
        i.raisedBy?.name ?? '',
        local(i.clearBy),
        local(i.clearedAt),
        i.clearedBy?.name ?? '',
        i.clearNote ?? '',
      ]);
      const wb = new ExcelJS.Workbook();
      await sheet(wb, m.listSheet, header, rows);
      const day = local(clock.now().toISOString()).slice(0, 10);
      const colour = q.colour ? m.colour[q.colour] : '';
      return {
        name: `${m.listSheet}${colour ? `-${colour}` : ''}-${day}.xlsx`,
        contentType: XLSX,
        data: Buffer.from(await wb.xlsx.writeBuffer()),
      };
    },

    async report(actor: StaffActor, q: ColourReportQuery): Promise<ColourReport> {
      return (await report(actor, q)).report;
    },

    async exportReport(actor: StaffActor, q: ColourReportQuery): Promise<ExportFile> {
      const { report: r, offset } = await report(actor, q);
      const local = localFormat(offset);
      const c = m.col;
      const title = m.reportTitle
        .replace('{unit}', r.unit.name)
        .replace('{colour}', m.colour[r.colour])
        .replace('{period}', r.period.label);
      const fig = (f: ColourFigures) => [
        f.opening,
        f.new,
        f.cleared,
        f.clearedOnTime,
        f.overdue,
        f.carriedOver,
      ];
      const figHeader = [
        c.opening,
        c.new,
        c.cleared,
        c.clearedOnTime,
        c.overdueCount,
        c.carriedOver,
      ];
      const wb = new ExcelJS.Workbook();
      await sheet(
        wb,
        m.reportSheet,
        [c.unit, ...figHeader],
        [...r.byUnit.map((u) => [u.unit.name, ...fig(u)]), ['合计', ...fig(r.figures)]],
        title,
      );
      await sheet(
        wb,
        m.reportItemsSheet,
        [
          c.unit,
          c.title,
          c.ticket,
          c.createdAt,
          c.clearBy,
          c.clearedAt,
          c.clearNote,
          c.isNew,
          c.clearedOnTimeFlag,
          c.overdue,
          c.carriedOver,
        ],
        r.items.map((i) => [
          i.unit.name,
          i.title,
          i.ticketCode ?? '',
          local(i.createdAt),
          local(i.clearBy),
          local(i.clearedAt),
          i.clearNote ?? '',
          i.isNew ? m.yes : '',
          i.cleared ? (i.clearedOnTime ? m.yes : m.no) : '',
          i.overdue ? m.yes : '',
          i.carriedOver ? m.yes : '',
        ]),
        title,
      );
      return {
        name: `${title}.xlsx`,
        contentType: XLSX,
        data: Buffer.from(await wb.xlsx.writeBuffer()),
      };
    },
  };
}
export type ColourListsService = ReturnType<typeof colourListsService>;
