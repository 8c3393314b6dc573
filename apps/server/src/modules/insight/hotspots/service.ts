// Hot spots in the workbench (未诉先办, 举一反三): the pure clustering (cluster.ts) run
// over the district's tickets of a window, ranked by heat; alerts when a group
// crosses the district's threshold (one row per group, idempotent; a message to the
// dispatch centre), raised lazily by the page and by the sweep; and the two things
// one starts from a group: a common-problem project with its tickets linked (立项,
// through the projects service and its permissions) and an instruction to the grid
// workers below its place (主动排查, through the broadcasts service). Requesters
// are counted by a hash of their phone and never shown.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import ExcelJS from 'exceljs';
import {
  DEFAULT_HOTSPOT_CONFIG,
  type HotspotAccess,
  type HotspotActionResult,
  type HotspotAlertList,
  type HotspotAlertListQuery,
  type HotspotAlertRef,
  type HotspotAlertView,
  type HotspotConfig,
  type HotspotGroup,
  type HotspotList,
  type HotspotQuery,
  type HotspotSweepResult,
  type StartHotspotProjectBody,
  type StartHotspotSweepBody,
} from '@jiesu/contracts';
import type { DB } from '../../../db/schema.js';
import type { Clock } from '../../../shared/clock.js';
import { hasRole, isCentre, type StaffActor } from '../../../shared/actor.js';
import { AppError } from '../../../shared/errors.js';
import { newId } from '../../../shared/ids.js';
import { utcOffsetOf } from '../../calendar/service.js';
import { outboxNotifier, type Notifier } from '../../notify/outbox.js';
import { senderGrants, type BroadcastService } from '../../broadcasts/service.js';
import type { projectService } from '../../projects/service.js';
import { findHotspots, heatIndex, type Hotspot } from './cluster.js';
import {
  hotspotRepository,
  type AlertRow,
  type PlaceRow,
  type WindowTicket,
} from './repository.js';

const DAY = 86_400_000;
/** The longest window a page may ask for. */
export const MAX_WINDOW_DAYS = 90;
/** The most tickets clustered per query (the newest of the window). */
export const TICKET_CAP = 4000;
/** Page reads sweep at most this often per district. */
const SWEEP_EVERY_MS = 5 * 60_000;
export const ALERT_SOURCE = 'hotspot_alert';

export interface ExportFile {
  name: string;
  contentType: string;
  data: Buffer;
}

type ProjectService = ReturnType<typeof projectService>;

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', [{ path, message }]);
const iso = (d: Date | string | number | null) => (d ? new Date(d).toISOString() : null);

/** Who reads hot spots: `'tenant'` (the centre, supervisors, administrators) or a township's subtree. */
function readScope(actor: StaffActor): 'tenant' | string[] {
  if (
    hasRole(actor, ['admin', 'supervisor']) ||
    isCentre(actor, ['dispatcher', 'agent', 'supervisor', 'admin'])
  )
    return 'tenant';
  const paths = actor.grants
    .filter(
      (g) =>
        g.unitKind === 'government' &&
        g.jurisdictionLevel === 'township' &&
        (g.role === 'handler' || g.role === 'unit_leader'),
    )
    .map((g) => g.jurisdictionPath);
  if (!paths.length) throw new AppError('FORBIDDEN');
  return paths;
}

/** 立项 from a hot spot: the roles that may create a centre project and link tickets. */
export const canStartHotspotProject = (a: StaffActor) => isCentre(a, ['dispatcher', 'supervisor']);

const memberKey = (ids: string[]) =>
  createHash('sha256')
    .update([...ids].sort().join(','))
    .digest('hex')
    .slice(0, 32);

export interface Group {
  hotspot: Hotspot;
  tickets: WindowTicket[];
  jurisdiction: { id: string; name: string; path: string } | null;
}

export interface Places {
  byId: Map<string, PlaceRow>;
  /** The village (or township, for a township's own tickets) a place belongs to. */
  villageOf(id: string): PlaceRow | undefined;
}

export function indexPlaces(rows: PlaceRow[]): Places {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const memo = new Map<string, PlaceRow | undefined>();
  return {
    byId,
    villageOf(id) {
      if (memo.has(id)) return memo.get(id);
      let p = byId.get(id);
      const start = p;
      while (p && p.level !== 'village' && p.level !== 'township' && p.level !== 'district')
        p = p.parent_id ? byId.get(p.parent_id) : undefined;
      const out = p?.level === 'district' ? start : p;
      memo.set(id, out);
      return out;
    },
  };
}

/** The group's place: the village most of its tickets lie in. */
function mainVillage(tickets: WindowTicket[], places: Places) {
  const count = new Map<string, number>();
  for (const t of tickets) {
    const v = places.villageOf(t.jurisdiction_id);
    if (v) count.set(v.id, (count.get(v.id) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [id, n] of count)
    if (!best || n > count.get(best)! || (n === count.get(best)! && id < best)) best = id;
  const p = best ? places.byId.get(best) : undefined;
  return p ? { id: p.id, name: p.name, path: p.path } : null;
}

/**
 * Runs the clustering over the tickets, one village (community) at a time: a hot spot is
 * one place's problem, and the linkage's cost grows faster than the number of tickets
 * it is given. Groups hottest first. (A road crossing villages yields one group per village.)
 */
export function clusterTickets(
  tickets: WindowTicket[],
  places: Places,
  asOf: number,
  spanDays: number,
): Group[] {
  const parts = new Map<string, WindowTicket[]>();
  for (const t of tickets) {
    const key = places.villageOf(t.jurisdiction_id)?.id ?? '';
    const list = parts.get(key);
    if (list) list.push(t);
    else parts.set(key, [t]);
  }
  const out: Group[] = [];
  for (const part of parts.values()) {
    if (part.length < 2) continue;
    const byId = new Map(part.map((t) => [t.id, t]));
    // Within one village the village is no evidence: its name (and its township's) are cut
    // from the address, so tickets link through the estate or road they name, or their text.
    const messages = part.map((t) => {
      const village = places.villageOf(t.jurisdiction_id);
      const township = village?.parent_id ? places.byId.get(village.parent_id) : undefined;
      let where = t.address;
      for (const name of [township?.name, village?.name])
        if (name) where = where.split(name).join('');
      return {
        id: t.id,
        user: t.requester,
        subject: t.title,
        detail: `${where}。${t.description}`,
        time: t.received_at.getTime(),
        likes: 0,
      };
    });
    const hotspots = findHotspots(messages, {
      windowDays: Math.max(spanDays, 1),
      growthDays: Math.max(3, Math.round(spanDays / 2)),
      asOf,
      minRequesters: 2,
    });
    for (const h of hotspots) {
      const members = h.ids
        .map((id) => byId.get(id)!)
        .sort((a, b) => +b.received_at - +a.received_at);
      out.push({ hotspot: h, tickets: members, jurisdiction: mainVillage(members, places) });
    }
  }
  return out.sort(
    (a, b) =>
      b.hotspot.heat - a.hotspot.heat ||
      b.hotspot.messages - a.hotspot.messages ||
      (a.tickets[0]!.id < b.tickets[0]!.id ? -1 : 1),
  );
}

const placeText = (g: Group) => {
  const v = g.jurisdiction?.name ?? '';
  const p = g.hotspot.place;
  return p && v && !p.includes(v) ? `${v}·${p}` : p || v;
};

function alertView(r: AlertRow): HotspotAlertView {
  return {
    id: r.id,
    source: r.source,
    title: r.title,
    place: r.place,
    jurisdiction: r.jurisdiction_id
      ? { id: r.jurisdiction_id, name: r.jurisdiction_name ?? '' }
      : null,
    keywords: r.keywords,
    ticketIds: r.ticket_ids,
    messages: r.messages,
    requesters: r.requesters,
    heat: Number(r.heat),
    from: iso(r.from_at)!,
    to: iso(r.to_at)!,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    acknowledgedAt: iso(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by
      ? { id: r.acknowledged_by, name: r.acknowledged_by_name ?? '' }
      : null,
    project: r.project_id ? { id: r.project_id, name: r.project_title ?? '' } : null,
    projectAt: iso(r.project_at),
    broadcast: r.broadcast_id ? { id: r.broadcast_id, name: r.broadcast_title ?? '' } : null,
    broadcastAt: iso(r.broadcast_at),
  };
}

const alertRef = (r: AlertRow): HotspotAlertRef => {
  const v = alertView(r);
  return {
    id: v.id,
    source: v.source,
    createdAt: v.createdAt,
    acknowledgedAt: v.acknowledgedAt,
    project: v.project,
    broadcast: v.broadcast,
  };
};

/** The alert whose members overlap the group's most (at least one shared ticket). */
function matchAlert(alerts: AlertRow[], ids: string[]): AlertRow | undefined {
  const mine = new Set(ids);
  let best: AlertRow | undefined;
  let bestN = 0;
  for (const a of alerts) {
    const n = a.ticket_ids.filter((id) => mine.has(id)).length;
    if (n > bestN) {
      best = a;
      bestN = n;
    }
  }
  return best;
}

const sameMembers = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

export function hotspotService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  projects: Pick<ProjectService, 'create' | 'link'>;
  broadcasts: Pick<BroadcastService, 'create'>;
  notifier?: Notifier;
}) {
  const { db, clock, projects, broadcasts } = deps;
  const notifier = deps.notifier ?? outboxNotifier;
  const repo = hotspotRepository(db);
  const lastSweep = new Map<string, number>();

  async function offsetMs(tenantId: string) {
    const t = await db
      .selectFrom('tenants')
      .select('settings')
      .where('id', '=', tenantId)
      .executeTakeFirst();
    return utcOffsetOf(t?.settings ?? undefined) * 60_000;
  }
  const localDay = (ms: number, off: number) => new Date(ms + off).toISOString().slice(0, 10);
  const dayStart = (day: string, off: number) => Date.parse(`${day}T00:00:00Z`) - off;

  async function config(tenantId: string): Promise<HotspotConfig> {
    const r = await repo.config(tenantId);
    return r
      ? { minMessages: r.min_messages, minRequesters: r.min_requesters, windowDays: r.window_days }
      : { ...DEFAULT_HOTSPOT_CONFIG };
  }

  const overThreshold = (g: Group, c: HotspotConfig) =>
    g.hotspot.messages >= c.minMessages && g.hotspot.requesters >= c.minRequesters;

  /** Groups of a window [from, to) below a place; `truncated` when over the cap. */
  async function groupsOf(tenantId: string, from: number, to: number, under?: string) {
    const [tickets, placeRows] = await Promise.all([
      repo.windowTickets({
        tenantId,
        from: new Date(from),
        to: new Date(to),
        under,
        cap: TICKET_CAP,
      }),
      repo.places(tenantId),
    ]);
    const truncated = tickets.length > TICKET_CAP;
    const used = truncated ? tickets.slice(0, TICKET_CAP) : tickets;
    const spanDays = Math.ceil((to - from) / DAY);
    const places = indexPlaces(placeRows);
    return {
      groups: clusterTickets(used, places, Math.min(to, clock.now().getTime()), spanDays),
      scanned: used.length,
      truncated,
      places,
    };
  }

  /** Writes the alerts of the groups over the threshold: new ones with a message, grown ones updated. */
  async function raise(
    tenantId: string,
    groups: Group[],
    c: HotspotConfig,
  ): Promise<HotspotSweepResult> {
    const now = clock.now();
    const hot = groups.filter((g) => overThreshold(g, c));
    let raised = 0;
    let updated = 0;
    let notified = 0;
    if (!hot.length) return { groups: 0, raised, updated, notified };
    const existing = await repo.alerts(tenantId);
    const desk = await repo.centreDesk(tenantId);
    for (const g of hot) {
      const ids = g.tickets.map((t) => t.id);
      const figures = {
        ticket_ids: ids,
        messages: g.hotspot.messages,
        requesters: g.hotspot.requesters,
        heat: g.hotspot.heat,
        from_at: new Date(g.hotspot.from),
        to_at: new Date(g.hotspot.to),
        at: now,
      };
      const match = matchAlert(existing, ids);
      if (match) {
        // The same hot spot seen again: it may have grown; never a second alert.
        const merged = [...new Set([...match.ticket_ids, ...ids])];
        if (sameMembers(merged, match.ticket_ids)) continue;
        await repo.updateAlert(db, tenantId, match.id, {
          ...figures,
          ticket_ids: merged,
          messages: merged.length,
        });
        match.ticket_ids = merged;
        updated++;
        continue;
      }
      const id = newId();
      const place = placeText(g);
      await db.transaction().execute(async (trx) => {
        const inserted = await repo.insertAlert(trx, {
          id,
          tenant_id: tenantId,
          key: memberKey(ids),
          source: 'threshold',
          title: g.hotspot.title,
          place,
          jurisdiction_id: g.jurisdiction?.id ?? null,
          keywords: g.hotspot.keywords,
          ...figures,
        });
        if (!inserted) return;
        raised++;
        notified += await notifier.queue(
          trx,
          desk.map((u) => ({
            tenantId,
            toUserId: u.id,
            toName: u.display_name,
            toPhone: null,
            text: `热点预警:${place}「${g.hotspot.title}」${g.hotspot.messages}件诉求、${g.hotspot.requesters}位诉求人(近${c.windowDays}天),请研判立项或主动排查。`,
            source: ALERT_SOURCE,
            sourceId: id,
          })),
          now,
        );
      });
      existing.push({ ...({} as AlertRow), id, ticket_ids: ids });
    }
    return { groups: hot.length, raised, updated, notified };
  }

  /** The district-wide window of the configuration ending now; alerts for what crosses the threshold. */
  async function sweep(tenantId: string): Promise<HotspotSweepResult> {
    const c = await config(tenantId);
    const now = clock.now().getTime();
    const { groups } = await groupsOf(tenantId, now - c.windowDays * DAY, now + 1);
    lastSweep.set(tenantId, now);
    return raise(tenantId, groups, c);
  }

  function sweepDue(tenantId: string) {
    const last = lastSweep.get(tenantId);
    const now = clock.now().getTime();
    return last === undefined || now - last >= SWEEP_EVERY_MS || now < last;
  }

  async function lazySweep(tenantId: string) {
    if (sweepDue(tenantId)) await sweep(tenantId);
  }

  /** The tickets of a group as shown on the page, checked: all in the tenant and in the actor's scope. */
  async function groupFromIds(actor: StaffActor, ids: string[]) {
    const scope = readScope(actor);
    const unique = [...new Set(ids)];
    const rows = await repo.ticketsById(actor.tenantId, unique);
    if (rows.length !== unique.length) throw new AppError('TICKET_NOT_FOUND');
    if (scope !== 'tenant' && !rows.every((r) => scope.some((p) => r.path.startsWith(p))))
      throw new AppError('TICKET_NOT_FOUND');
    const places = indexPlaces(await repo.places(actor.tenantId));
    const tickets: WindowTicket[] = rows.map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      description: r.description,
      address: '',
      state: 'received',
      received_at: new Date(r.received_at),
      jurisdiction_id: r.jurisdiction_id,
      lead_unit_id: r.lead_unit_id,
      requester: r.requester_phone ?? r.id,
    }));
    const from = Math.min(...tickets.map((t) => +t.received_at));
    const to = Math.max(...tickets.map((t) => +t.received_at));
    const found = clusterTickets(tickets, places, to, Math.ceil((to - from) / DAY) + 1)[0];
    const requesters = new Set(tickets.map((t) => t.requester)).size;
    const stats = { requesters, messages: tickets.length, likes: 0, growth: 1 };
    const hotspot: Hotspot = {
      title: found?.hotspot.title ?? tickets[0]!.title,
      place: found?.hotspot.place ?? '',
      from,
      to,
      ids: unique,
      ...stats,
      heat: heatIndex(stats),
      keywords: found?.hotspot.keywords ?? [],
    };
    const group: Group = { hotspot, tickets, jurisdiction: mainVillage(tickets, places) };
    return { group, rows, places };
  }

  /** The alert of a group, made (as a manual one) when the group never crossed the threshold. */
  async function ensureAlert(tenantId: string, g: Group): Promise<string> {
    const ids = g.tickets.map((t) => t.id);
    const match = matchAlert(await repo.alerts(tenantId), ids);
    if (match) return match.id;
    const key = memberKey(ids);
    const now = clock.now();
    await repo.insertAlert(db, {
      id: newId(),
      tenant_id: tenantId,
      key,
      source: 'manual',
      title: g.hotspot.title,
      place: placeText(g),
      jurisdiction_id: g.jurisdiction?.id ?? null,
      keywords: g.hotspot.keywords,
      ticket_ids: ids,
      messages: g.hotspot.messages,
      requesters: g.hotspot.requesters,
      heat: g.hotspot.heat,
      from_at: new Date(g.hotspot.from),
      to_at: new Date(g.hotspot.to),
      at: now,
    });
    const row = await db
      .selectFrom('hotspot_alerts')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function oneAlert(tenantId: string, id: string): Promise<HotspotAlertView> {
    const [row] = await repo.alerts(tenantId, { id });
    if (!row) throw new AppError('NOT_FOUND');
    return alertView(row);
  }

  async function list(actor: StaffActor, q: HotspotQuery): Promise<HotspotList> {
    return listImpl(actor, q);
  }

  const api = {
    sweep,
    list,

    access(actor: StaffActor): HotspotAccess {
      let read = true;
      try {
        readScope(actor);
      } catch {
        read = false;
      }
      return {
        read,
        canStartProject: read && canStartHotspotProject(actor),
        canSweep: read && senderGrants(actor).length > 0,
      };
    },

    /** The ranked list as Excel: one row per ticket of each group. */
    async exportXlsx(actor: StaffActor, q: HotspotQuery): Promise<ExportFile> {
      const l = await listImpl(actor, q);
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('热点发现');
      ws.addRow([`热点发现 ${l.from} 至 ${l.to}`]).font = { bold: true, size: 14 };
      ws.addRow([
        '排名',
        '热点',
        '地点',
        '热度',
        '诉求数',
        '诉求人数',
        '增长',
        '工单编号',
        '工单标题',
        '受理时间',
        '立项',
        '主动排查',
      ]).font = { bold: true };
      const off = await offsetMs(actor.tenantId);
      const local = (s: string) =>
        new Date(Date.parse(s) + off).toISOString().slice(0, 16).replace('T', ' ');
      for (const g of l.items)
        for (const t of g.tickets)
          ws.addRow([
            g.rank,
            g.title,
            g.place,
            g.heat,
            g.messages,
            g.requesters,
            g.growth,
            t.code,
            t.title,
            local(t.receivedAt),
            g.alert?.project?.name ?? g.projects.map((p) => p.name).join('、'),
            g.alert?.broadcast?.name ?? '',
          ]);
      ws.columns.forEach((c, i) => {
        c.width = [6, 30, 24, 8, 8, 10, 8, 18, 30, 18, 24, 24][i] ?? 12;
      });
      return {
        name: `热点发现-${l.from}-${l.to}.xlsx`,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        data: Buffer.from(await wb.xlsx.writeBuffer()),
      };
    },
  };

  async function listImpl(actor: StaffActor, q: HotspotQuery): Promise<HotspotList> {
    const started = performance.now();
    const scope = readScope(actor);
    const c = await config(actor.tenantId);
    const off = await offsetMs(actor.tenantId);
    const nowMs = clock.now().getTime();
    const to = q.to ?? localDay(nowMs, off);
    const fromDefault = localDay(dayStart(to, off) - (c.windowDays - 1) * DAY, off);
    const from = q.from ?? fromDefault;
    if (Number.isNaN(Date.parse(`${from}T00:00:00Z`))) throw invalid('/from', '日期无效');
    if (Number.isNaN(Date.parse(`${to}T00:00:00Z`))) throw invalid('/to', '日期无效');
    const fromMs = dayStart(from, off);
    const toMs = dayStart(to, off) + DAY;
    if (fromMs >= toMs) throw invalid('/from', '开始日期不能晚于结束日期');
    if (toMs - fromMs > MAX_WINDOW_DAYS * DAY)
      throw invalid('/from', `时间范围最长${MAX_WINDOW_DAYS}天`);
    let under: string | undefined;
    if (q.jurisdictionId) {
      const p = await repo.place(actor.tenantId, q.jurisdictionId);
      if (!p) throw invalid('/jurisdictionId', '地区不存在');
      if (scope !== 'tenant' && !scope.some((s) => p.path.startsWith(s)))
        throw new AppError('FORBIDDEN');
      under = p.path;
    } else if (scope !== 'tenant') under = scope[0];
    // The centre's read of the district keeps the alerts current (at most every few
    // minutes); its default view is the sweep's window, so its groups serve both.
    const asSweep = scope === 'tenant' && !q.from && !q.to && !q.jurisdictionId;
    if (scope === 'tenant' && !asSweep) await lazySweep(actor.tenantId);
    const { groups, scanned, truncated, places } = await groupsOf(
      actor.tenantId,
      fromMs,
      toMs,
      under,
    );
    if (asSweep && sweepDue(actor.tenantId)) {
      lastSweep.set(actor.tenantId, clock.now().getTime());
      await raise(actor.tenantId, groups, c);
    }
    const top = groups.slice(0, q.top ?? 20);
    const ids = top.flatMap((g) => g.tickets.map((t) => t.id));
    const [linked, alerts] = await Promise.all([
      repo.projectsOf(actor.tenantId, ids),
      repo.alerts(actor.tenantId),
    ]);
    const items: HotspotGroup[] = top.map((g, i) => {
      const mine = new Set(g.tickets.map((t) => t.id));
      const projects = new Map(
        linked.filter((l) => mine.has(l.ticket_id)).map((l) => [l.id, { id: l.id, name: l.title }]),
      );
      const alert = matchAlert(alerts, [...mine]);
      return {
        rank: i + 1,
        title: g.hotspot.title,
        heat: g.hotspot.heat,
        messages: g.hotspot.messages,
        requesters: g.hotspot.requesters,
        growth: g.hotspot.growth,
        place: placeText(g),
        jurisdiction: g.jurisdiction ? { id: g.jurisdiction.id, name: g.jurisdiction.name } : null,
        from: iso(g.hotspot.from)!,
        to: iso(g.hotspot.to)!,
        keywords: g.hotspot.keywords,
        tickets: g.tickets.map((t) => ({
          id: t.id,
          code: t.code,
          title: t.title,
          state: t.state,
          receivedAt: t.received_at.toISOString(),
          place: places.villageOf(t.jurisdiction_id)?.name ?? '',
          address: t.address,
        })),
        overThreshold: overThreshold(g, c),
        projects: [...projects.values()],
        alert: alert ? alertRef(alert) : null,
      };
    });
    return {
      from,
      to,
      config: c,
      scanned,
      truncated,
      tookMs: Math.round(performance.now() - started),
      canStartProject: canStartHotspotProject(actor),
      canSweep: senderGrants(actor).length > 0,
      items,
    };
  }

  return {
    ...api,
    async sweepNow(actor: StaffActor): Promise<HotspotSweepResult> {
      if (readScope(actor) !== 'tenant') throw new AppError('FORBIDDEN');
      return sweep(actor.tenantId);
    },

    async config(actor: StaffActor): Promise<HotspotConfig> {
      readScope(actor);
      return config(actor.tenantId);
    },

    async updateConfig(actor: StaffActor, body: HotspotConfig): Promise<HotspotConfig> {
      if (!hasRole(actor, ['admin'])) throw new AppError('FORBIDDEN');
      await repo.saveConfig(
        actor.tenantId,
        {
          min_messages: body.minMessages,
          min_requesters: body.minRequesters,
          window_days: body.windowDays,
        },
        actor.userId,
        clock.now(),
      );
      lastSweep.delete(actor.tenantId);
      return config(actor.tenantId);
    },

    async alerts(actor: StaffActor, q: HotspotAlertListQuery): Promise<HotspotAlertList> {
      const scope = readScope(actor);
      if (scope === 'tenant') await lazySweep(actor.tenantId);
      const rows = await repo.alerts(actor.tenantId, { openOnly: q.open });
      const seen = rows.filter(
        (r) =>
          scope === 'tenant' ||
          (r.jurisdiction_path !== null && scope.some((s) => r.jurisdiction_path!.startsWith(s))),
      );
      return { items: seen.map(alertView) };
    },

    async acknowledge(actor: StaffActor, id: string): Promise<HotspotAlertView> {
      const scope = readScope(actor);
      const [row] = await repo.alerts(actor.tenantId, { id });
      if (
        !row ||
        (scope !== 'tenant' &&
          !(row.jurisdiction_path && scope.some((s) => row.jurisdiction_path!.startsWith(s))))
      )
        throw new AppError('NOT_FOUND');
      if (!row.acknowledged_at)
        await repo.stamp(db, actor.tenantId, id, {
          acknowledged_at: clock.now(),
          acknowledged_by: actor.userId,
        });
      return oneAlert(actor.tenantId, id);
    },

    /** 立项: a common-problem project owned by the unit leading most of the tickets, with them linked. */
    async startProject(
      actor: StaffActor,
      body: StartHotspotProjectBody,
    ): Promise<HotspotActionResult> {
      if (!canStartHotspotProject(actor)) throw new AppError('FORBIDDEN');
      const { group, rows } = await groupFromIds(actor, body.ticketIds);
      const ids = group.tickets.map((t) => t.id);
      const prior = matchAlert(await repo.alerts(actor.tenantId), ids);
      if (prior?.project_id)
        throw new AppError(
          'DUPLICATE',
          [{ path: '/ticketIds', message: `该热点已立项:${prior.project_title ?? ''}` }],
          '该热点已立项',
        );
      let owner = body.ownerUnitId;
      if (!owner) {
        const count = new Map<string, number>();
        for (const r of rows) {
          const u = r.lead_unit_id ?? r.holder_unit_id;
          if (u) count.set(u, (count.get(u) ?? 0) + 1);
        }
        owner = [...count.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
      }
      if (!owner) {
        // Nothing dispatched yet: the government of the place (village, else its township), else the centre.
        const paths = group.jurisdiction?.path.split('/').filter(Boolean).reverse() ?? [];
        const govs = await db
          .selectFrom('units')
          .select(['id', 'kind', 'jurisdiction_id'])
          .where('tenant_id', '=', actor.tenantId)
          .where((eb) =>
            eb.or([
              eb.and([
                eb('kind', '=', 'government'),
                eb('jurisdiction_id', 'in', paths.length ? paths : ['']),
              ]),
              eb('kind', '=', 'dispatch_centre'),
            ]),
          )
          .execute();
        owner =
          paths
            .map((p) => govs.find((u) => u.kind === 'government' && u.jurisdiction_id === p))
            .find(Boolean)?.id ?? govs.find((u) => u.kind === 'dispatch_centre')?.id;
      }
      if (!owner) throw invalid('/ownerUnitId', '请选择牵头单位');
      const off = await offsetMs(actor.tenantId);
      const h = group.hotspot;
      const place = placeText(group);
      const project = await projects.create(actor, {
        title: body.title.trim(),
        problem:
          `热点发现:${place}「${h.title}」,${localDay(h.from, off)}至${localDay(h.to, off)}共${h.messages}件诉求、${h.requesters}位诉求人。` +
          (h.keywords.length ? `关键词:${h.keywords.join('、')}。` : ''),
        ownerUnitId: owner,
        ...(group.jurisdiction ? { jurisdictionId: group.jurisdiction.id } : {}),
        startsOn: localDay(clock.now().getTime(), off),
        state: 'active',
      });
      const link = await projects.link(actor, project.id, { ticketIds: ids });
      const alertId = await ensureAlert(actor.tenantId, group);
      await repo.stamp(db, actor.tenantId, alertId, {
        project_id: project.id,
        project_at: clock.now(),
      });
      return {
        alert: await oneAlert(actor.tenantId, alertId),
        started: { id: project.id, name: project.title },
        linked: link.ok,
        failed: link.failed,
      };
    },

    /** 主动排查: an instruction to every grid worker below the group's place (the broadcasts service decides who may send). */
    async startSweep(actor: StaffActor, body: StartHotspotSweepBody): Promise<HotspotActionResult> {
      const { group } = await groupFromIds(actor, body.ticketIds);
      if (!group.jurisdiction) throw invalid('/ticketIds', '无法确定热点所在地区');
      const ids = group.tickets.map((t) => t.id);
      const prior = matchAlert(await repo.alerts(actor.tenantId), ids);
      if (prior?.broadcast_id)
        throw new AppError(
          'DUPLICATE',
          [{ path: '/ticketIds', message: '该热点已下发主动排查指令' }],
          '该热点已下发主动排查指令',
        );
      const h = group.hotspot;
      const place = placeText(group);
      const now = clock.now().getTime();
      const text =
        body.body?.trim() ||
        `近期${place}接到${h.messages}件关于「${h.title}」的诉求(${h.requesters}位诉求人)。请各网格员对本网格内同类问题开展主动排查,发现隐患及时上报,做到未诉先办。`;
      const sent = await broadcasts.create(actor, {
        kind: 'instruction',
        title: `主动排查:${body.title.trim()}`.slice(0, 80),
        body: text,
        targetId: group.jurisdiction.id,
        dueAt: body.dueAt ?? new Date(now + 3 * DAY).toISOString(),
      });
      const alertId = await ensureAlert(actor.tenantId, group);
      await repo.stamp(db, actor.tenantId, alertId, {
        broadcast_id: sent.id,
        broadcast_at: clock.now(),
      });
      return {
        alert: await oneAlert(actor.tenantId, alertId),
        started: { id: sent.id, name: sent.title },
        linked: sent.progress.recipients,
        failed: 0,
      };
    },
  };
}
export type HotspotService = ReturnType<typeof hotspotService>;
