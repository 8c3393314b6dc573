import { fmt, zhCN, type TimeLimit, type Urgency } from '@jiesu/contracts';
import type { Clock } from '../../shared/clock.js';
import type { TenantSettings } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import type { CatalogueRepository } from '../catalogue/repository.js';
import type { OrgRepository } from '../org/repository.js';
import type { CalendarRepository } from './repository.js';
import { pickPolicy } from './policy.js';
import { CHINA_CALENDAR_SETTINGS, WorkingCalendar, type CalendarSettings } from './deadline.js';

export interface Deadlines {
  responseDueAt: Date;
  completionDueAt: Date;
  policyId: string;
  /** The limits counted: recorded on the event so a calendar change can count them again. */
  response: TimeLimit;
  completion: TimeLimit;
}

// Each node keeps a tenant's calendar for a short while; an edit on this node
// drops it at once, an edit on another node shows here within the TTL.
const CACHE_TTL_MS = 30_000;

/** A tenant's UTC offset in minutes; China's when the tenant has not set one. */
export function utcOffsetOf(settings: TenantSettings | undefined): number {
  return settings?.utcOffsetMinutes ?? CHINA_CALENDAR_SETTINGS.utcOffsetMinutes;
}

export function calendarService(deps: {
  calendar: CalendarRepository;
  catalogue: CatalogueRepository;
  org: OrgRepository;
  clock: Clock;
  /**
   * Called after a holiday or make-up working day is set or removed, with the
   * day; returns how many running deadlines moved (see tickets/recalculate.ts).
   */
  onDayChanged?: (tenantId: string, date: string, reason: string) => Promise<number>;
}) {
  const { calendar, catalogue, org, clock } = deps;
  const changed = async (tenantId: string, date: string, reason: string) =>
    deps.onDayChanged ? deps.onDayChanged(tenantId, date, reason) : 0;
  const cache = new Map<string, { at: number; cal: WorkingCalendar }>();

  async function settingsOf(tenantId: string): Promise<CalendarSettings> {
    const t = await org.tenant(tenantId);
    const s = t?.settings ?? {};
    return {
      utcOffsetMinutes: utcOffsetOf(s),
      workingHours: s.workingHours ?? CHINA_CALENDAR_SETTINGS.workingHours,
      weekend: s.weekend ?? CHINA_CALENDAR_SETTINGS.weekend,
    };
  }

  async function calendarFor(tenantId: string): Promise<WorkingCalendar> {
    const hit = cache.get(tenantId);
    const nowMs = Date.now(); // cache age is wall-clock, not the domain clock
    if (hit && nowMs - hit.at < CACHE_TTL_MS) return hit.cal;
    const days = await calendar.days(tenantId);
    const cal = new WorkingCalendar(
      days.map((d) => ({ date: d.day, kind: d.kind, name: d.name })),
      await settingsOf(tenantId),
    );
    cache.set(tenantId, { at: nowMs, cal });
    return cal;
  }

  return {
    calendarFor,
    invalidate(tenantId: string) {
      cache.delete(tenantId);
    },

    async policyFor(tenantId: string, categoryId: string, urgency: Urgency) {
      const [cat, policies] = await Promise.all([
        catalogue.category(tenantId, categoryId),
        catalogue.policies(tenantId),
      ]);
      if (!cat) throw new AppError('UNKNOWN_CATEGORY');
      const p = pickPolicy(policies, cat.path, urgency);
      if (!p) throw new AppError('NO_TIME_LIMIT_POLICY');
      return p;
    },

    async deadlines(
      tenantId: string,
      categoryId: string,
      urgency: Urgency,
      start: Date,
    ): Promise<Deadlines> {
      const p = await this.policyFor(tenantId, categoryId, urgency);
      const cal = await calendarFor(tenantId);
      const response: TimeLimit = { amount: Number(p.response_amount), unit: p.response_unit };
      const completion: TimeLimit = {
        amount: Number(p.completion_amount),
        unit: p.completion_unit,
      };
      return {
        responseDueAt: cal.addLimit(start, response),
        completionDueAt: cal.addLimit(start, completion),
        policyId: p.id,
        response,
        completion,
      };
    },

    /** Counts given limits from a start on the tenant's calendar as it is now. */
    async addLimit(tenantId: string, start: Date, limit: TimeLimit): Promise<Date> {
      return (await calendarFor(tenantId)).addLimit(start, limit);
    },

    async year(tenantId: string, year: number) {
      const days = await calendar.days(tenantId);
      const cal = await calendarFor(tenantId);
      const thisYear = Number(cal.localDateOf(clock.now()).slice(0, 4));
      return {
        year,
        days: days
          .filter((d) => d.day.startsWith(`${year}-`))
          .map((d) => ({ date: d.day, kind: d.kind, name: d.name })),
        missingYears: cal.missingYears(thisYear, thisYear + 1),
      };
    },

    /** Sets a holiday or make-up working day; running deadlines across it are counted again. */
    async putDay(tenantId: string, date: string, kind: 'holiday' | 'workday', name: string) {
      await calendar.putDay(tenantId, date, kind, name);
      cache.delete(tenantId);
      const reason = fmt(zhCN.system.calendarDaySet, {
        date,
        kind: zhCN.system.dayKind[kind],
        name,
      });
      return { recalculated: await changed(tenantId, date, reason) };
    },

    async deleteDay(tenantId: string, date: string) {
      const ok = await calendar.deleteDay(tenantId, date);
      cache.delete(tenantId);
      if (!ok) throw new AppError('NOT_FOUND');
      const reason = fmt(zhCN.system.calendarDayRemoved, { date });
      return { recalculated: await changed(tenantId, date, reason) };
    },
  };
}
export type CalendarService = ReturnType<typeof calendarService>;
