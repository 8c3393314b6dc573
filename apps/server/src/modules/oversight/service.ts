// Oversight: the urge list (督办) with its lazy escalation sweep, counts per unit for
// assessment, and the audit trail of a ticket and of a unit, exportable. The urge and
// its answer are ticket actions (see hooks.ts); this reads and escalates them.
import type { Kysely } from 'kysely';
import ExcelJS from 'exceljs';
import {
  oversightMessages as m,
  zhCN,
  type AuditFormat,
  type TicketAction,
  type TicketState,
  type UnitAuditList,
  type UnitAuditQuery,
  type UrgeCounts,
  type UrgeCountsQuery,
  type UrgeList,
  type UrgeListQuery,
  type UrgeSweepResult,
  type UrgeView,
} from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import type { StaffActor } from '../../shared/actor.js';
import { AppError } from '../../shared/errors.js';
import { orgRepository } from '../org/repository.js';
import { effectiveSettings } from '../org/settings.js';
import { iso, ref } from '../tickets/presenter.js';
import { ticketRepository } from '../tickets/repository.js';
import type { TicketService } from '../tickets/service.js';
import { oversightRepository, type UrgeScope } from './repository.js';

const EXPORT_LIMIT = 10_000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ExportFile {
  name: string;
  contentType: string;
  data: Buffer;
}

type UrgeRow = Awaited<ReturnType<ReturnType<typeof oversightRepository>['list']>>['items'][number];

function toView(r: UrgeRow): UrgeView {
  return {
    id: r.id,
    ticket: { id: r.ticket_id, code: r.ticket_code, title: r.ticket_title, state: r.ticket_state },
    unit: { id: r.unit_id, name: r.unit_name },
    status: r.status,
    note: r.note,
    dueAt: iso(r.due_at)!,
    createdAt: iso(r.created_at)!,
    by: ref(r.by_user_id, r.by_name),
    byUnit: ref(r.by_unit_id, r.by_unit_name),
    respondedAt: iso(r.responded_at),
    respondedBy: ref(r.responded_by, r.responded_by_name),
    response: r.response,
    finishBy: iso(r.finish_by),
    late: Boolean(r.responded_at && new Date(r.responded_at) > new Date(r.due_at)),
    escalatedAt: iso(r.escalated_at),
    escalatedTo: ref(r.escalated_to_unit_id, r.escalated_to_name),
  };
}

/** The actor's own units and, for a government, the units of its territory. */
function scopeOf(actor: StaffActor, mine = false): UrgeScope {
  const own = actor.grants.map((g) => g.unitId);
  if (mine) return { units: own, urgedOnly: true };
  if (actor.scope === 'tenant') return { units: 'tenant' };
  return { units: [...new Set([...actor.scope, ...own])] };
}

const truthy = (v: string | undefined) => v === '1' || v === 'true';

function csv(rows: Array<Array<string | number>>): Buffer {
  const cell = (v: string | number) => {
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  // A BOM so spreadsheet programs read the Chinese as UTF-8.
  return Buffer.from('\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n');
}

async function sheet(name: string, header: string[], rows: Array<Array<string | number>>) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.columns.forEach((c, i) => {
    c.width = Math.min(
      60,
      Math.max(10, ...rows.slice(0, 200).map((r) => String(r[i] ?? '').length + 2)),
    );
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const actionName = (a: string) => zhCN.action[a as TicketAction] ?? a;
const stateName = (s: string | null) => (s ? (zhCN.state[s as TicketState] ?? s) : '');

/**
 * The event's input, shown as `key: value` pairs (the timeline's payload, already masked);
 * instants in local time, a unit's id left out where its name is recorded beside it.
 */
function detailOf(payload: Record<string, unknown>, local: (d: string) => string): string {
  const parts = Object.entries(payload)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .filter(([k]) => !(k === 'unitId' && 'unitName' in payload))
    .map(([k, v]) => {
      if (typeof v !== 'string') return `${k}: ${JSON.stringify(v)}`;
      return `${k}: ${/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) ? local(v) : v}`;
    });
  const s = parts.join('; ');
  return s.length > 2000 ? `${s.slice(0, 2000)}…` : s;
}

export function oversightService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  tickets: Pick<TicketService, 'timeline' | 'act'>;
}) {
  const { db, clock, tickets } = deps;
  const repo = oversightRepository(db);

  async function localFormatter(tenantId: string) {
    const tenant = await orgRepository(db).tenant(tenantId);
    const offsetMs = effectiveSettings(tenant?.settings).utcOffsetMinutes * 60_000;
    return (d: Date | string | null) =>
      d
        ? new Date(new Date(d).getTime() + offsetMs).toISOString().slice(0, 19).replace('T', ' ')
        : '';
  }

  /**
   * Escalates every urge ignored past its deadline, once: stamps it with the
   * government (or dispatch centre) above and queues a message to that unit's
   * leaders, in one transaction. Running it again escalates nothing more.
   */
  async function sweep(tenantId: string): Promise<UrgeSweepResult> {
    const now = clock.now();
    // Cheap check first: lists run the sweep on every read.
    const due = await repo.waitingPastDue(tenantId, now);
    let escalated = 0;
    let notified = 0;
    for (const u of due) {
      const target = await repo.escalationTarget(tenantId, u);
      if (!target) continue;
      try {
        // A ticket action of the platform: its hook stamps the urge and queues the
        // messages; the event goes on the ticket's timeline.
        await tickets.act(
          tenantId,
          u.ticket_id,
          'escalate_urge',
          {
            input: {
              urgeId: u.id,
              urgedUnitId: u.unit_id,
              toUnitId: target.id,
              deadline: new Date(u.due_at).toISOString(),
            },
          },
          { system: true },
        );
      } catch (e) {
        // Answered or escalated meanwhile (a concurrent sweep): nothing more to do.
        if (e instanceof AppError) continue;
        throw e;
      }
      escalated += 1;
      notified += await repo.queuedFor('urge_escalation', u.id);
    }
    return { escalated, notified };
  }

  async function listRows(actor: StaffActor, q: UrgeListQuery, limit?: number) {
    await sweep(actor.tenantId);
    return repo.list(actor.tenantId, scopeOf(actor, truthy(q.mine)), q, clock.now(), limit);
  }

  function periodOf(from?: string, to?: string) {
    return { from: from ? new Date(from) : null, to: to ? new Date(to) : null };
  }

  return {
    sweep,

    async list(actor: StaffActor, q: UrgeListQuery): Promise<UrgeList> {
      const page = await listRows(actor, q);
      return { ...page, items: page.items.map(toView) };
    },

    async exportList(actor: StaffActor, q: UrgeListQuery): Promise<ExportFile> {
      const page = await listRows(actor, q, EXPORT_LIMIT);
      const local = await localFormatter(actor.tenantId);
      const c = m.urgeCol;
      const rows = page.items
        .map(toView)
        .map((u) => [
          u.ticket.code,
          u.ticket.title,
          u.unit.name,
          m.status[u.status],
          u.note,
          local(u.dueAt),
          u.by?.name ?? '',
          u.byUnit?.name ?? '',
          local(u.createdAt),
          local(u.respondedAt),
          u.response ?? '',
          local(u.finishBy),
          u.escalatedTo?.name ?? '',
        ]);
      const header = [
        c.code,
        c.title,
        c.unit,
        c.status,
        c.note,
        c.dueAt,
        c.by,
        c.byUnit,
        c.createdAt,
        c.respondedAt,
        c.response,
        c.finishBy,
        c.escalatedTo,
      ];
      const day = local(clock.now()).slice(0, 10);
      return {
        name: `${m.urgeSheet}-${day}.xlsx`,
        contentType: XLSX,
        data: await sheet(m.urgeSheet, header, rows),
      };
    },

    async counts(actor: StaffActor, q: UrgeCountsQuery): Promise<UrgeCounts> {
      await sweep(actor.tenantId);
      const p = periodOf(q.from, q.to);
      const rows = await repo.countsByUnit(
        actor.tenantId,
        scopeOf(actor),
        p.from,
        p.to,
        clock.now(),
      );
      return {
        items: rows.map((r) => ({
          unit: { id: r.id, name: r.name },
          total: Number(r.total),
          responded: Number(r.responded),
          respondedLate: Number(r.responded_late),
          waiting: Number(r.waiting),
          escalated: Number(r.escalated),
        })),
      };
    },

    /** The ticket's whole trail, internal events included, as the timeline shows it (masked). */
    async ticketTrail(actor: StaffActor, id: string, format: AuditFormat): Promise<ExportFile> {
      const events = await deps.tickets.timeline(actor, id);
      const t = (await ticketRepository(db).byId(actor.tenantId, id))!;
      const local = await localFormatter(actor.tenantId);
      const c = m.col;
      const header = [
        c.seq,
        c.at,
        c.code,
        c.action,
        c.fromState,
        c.toState,
        c.actorUnit,
        c.actor,
        c.reason,
        c.visibility,
        c.detail,
      ];
      const rows = events.map((e) => [
        e.seq,
        local(e.at),
        t.code,
        actionName(e.action),
        stateName(e.fromState),
        stateName(e.toState),
        e.actorUnit?.name ?? '',
        e.actor?.name ?? m.actorKind[e.actorKind as keyof typeof m.actorKind] ?? '',
        e.reason ?? '',
        m.visibility[e.visibility],
        detailOf(e.payload, local),
      ]);
      const name = `${m.sheetTrail}-${t.code}.${format}`;
      return format === 'csv'
        ? { name, contentType: 'text/csv; charset=utf-8', data: csv([header, ...rows]) }
        : { name, contentType: XLSX, data: await sheet(m.sheetTrail, header, rows) };
    },

    /** A unit's actions over a period: every event fired through it, with the tickets' codes. */
    async unitAudit(actor: StaffActor, q: UnitAuditQuery): Promise<UnitAuditList> {
      const { items, total, page, pageSize } = await unitEvents(actor, q, q.pageSize ?? 50);
      return {
        total,
        page,
        pageSize,
        items: items.map((e) => ({
          id: String(e.id),
          at: iso(e.at)!,
          ticket: {
            id: e.ticket_id,
            code: e.ticket_code,
            title: e.ticket_title,
            state: e.ticket_state,
          },
          action: e.action,
          fromState: e.from_state,
          toState: e.to_state,
          actor: ref(e.actor_user_id, e.actor_name),
          reason: e.reason,
          visibility: e.visibility,
        })),
      };
    },

    async exportUnitAudit(actor: StaffActor, q: UnitAuditQuery): Promise<ExportFile> {
      const { items, unitName } = await unitEvents(actor, { ...q, page: 1 }, EXPORT_LIMIT);
      const local = await localFormatter(actor.tenantId);
      const c = m.col;
      const header = [
        c.at,
        c.code,
        c.title,
        c.action,
        c.fromState,
        c.toState,
        c.actor,
        c.reason,
        c.visibility,
      ];
      const rows = items.map((e) => [
        local(e.at),
        e.ticket_code,
        e.ticket_title,
        actionName(e.action),
        stateName(e.from_state),
        stateName(e.to_state),
        e.actor_name ?? '',
        e.reason ?? '',
        m.visibility[e.visibility],
      ]);
      const format = q.format ?? 'xlsx';
      const name = `${m.sheetUnit}-${unitName}.${format}`;
      return format === 'csv'
        ? { name, contentType: 'text/csv; charset=utf-8', data: csv([header, ...rows]) }
        : { name, contentType: XLSX, data: await sheet(m.sheetUnit, header, rows) };
    },
  };

  /** Tenant-wide readers (centre, supervisors) see every unit; others their own territory. */
  async function unitEvents(actor: StaffActor, q: UnitAuditQuery, pageSize: number) {
    const unit = await repo.unit(actor.tenantId, q.unitId);
    if (!unit) throw new AppError('UNKNOWN_UNIT');
    const scope = scopeOf(actor);
    if (scope.units !== 'tenant' && !scope.units.includes(q.unitId))
      throw new AppError('FORBIDDEN');
    const p = periodOf(q.from, q.to);
    const page = q.page ?? 1;
    const r = await repo.unitEvents(actor.tenantId, q.unitId, p.from, p.to, page, pageSize);
    return { ...r, page, pageSize, unitName: unit.name };
  }
}
export type OversightService = ReturnType<typeof oversightService>;
