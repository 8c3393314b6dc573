// A district's dispatch settings (tenants.settings): the objection window and
// the working calendar's local time, office hours and weekly days off. The
// request schema checks each value; the rules across values are checked here.
import {
  HANDLING_DEFAULTS,
  type TenantSettingsView,
  type UpdateTenantSettingsBody,
  type WorkingPeriod,
} from '@jiesu/contracts';
import type { TenantSettings } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import { CHINA_CALENDAR_SETTINGS } from '../calendar/deadline.js';
import { utcOffsetOf } from '../calendar/service.js';
import { DEFAULT_BACKLOG, DEFAULT_OBJECTION_WINDOW_HOURS } from '../tickets/policy.js';
import type { OrgRepository } from './repository.js';

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', [{ path, message }]);

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Periods each end after they start, listed in order, none overlapping the one before. */
function checkPeriods(periods: readonly WorkingPeriod[]): void {
  let previousEnd = -1;
  periods.forEach((p, i) => {
    const start = minutesOf(p.start);
    const end = minutesOf(p.end);
    if (start === 24 * 60)
      throw invalid(`/workingHours/${i}/start`, `第 ${i + 1} 个时段的开始时间不能是 24:00`);
    if (end <= start)
      throw invalid(`/workingHours/${i}/end`, `第 ${i + 1} 个时段的结束时间须晚于开始时间`);
    if (start < previousEnd)
      throw invalid(
        `/workingHours/${i}/start`,
        `第 ${i + 1} 个时段须在上一个时段结束之后开始(按时间先后排列、互不重叠)`,
      );
    previousEnd = end;
  });
}

/** The seeds' defaults for deliberation (公示 7 days) and for the backlog (积案). */
export const DELIBERATION_DEFAULTS = {
  noticeDays: 7,
  repeatThreshold: 3,
  repeatWindowDays: 180,
  backlogDays: DEFAULT_BACKLOG.days,
  backlogReopens: DEFAULT_BACKLOG.reopens,
} as const;

/** The settings as they apply: what the district set, else the defaults. */
export function effectiveSettings(s: TenantSettings | undefined): TenantSettingsView {
  return {
    objectionWindowHours: s?.objectionWindowHours ?? DEFAULT_OBJECTION_WINDOW_HOURS,
    utcOffsetMinutes: utcOffsetOf(s),
    workingHours: (s?.workingHours ?? CHINA_CALENDAR_SETTINGS.workingHours).periods.map((p) => ({
      start: p.start,
      end: p.end,
    })),
    weekend: [...(s?.weekend ?? CHINA_CALENDAR_SETTINGS.weekend)],
    noticeDays: s?.noticeDays ?? DELIBERATION_DEFAULTS.noticeDays,
    repeatThreshold: s?.repeatThreshold ?? DELIBERATION_DEFAULTS.repeatThreshold,
    repeatWindowDays: s?.repeatWindowDays ?? DELIBERATION_DEFAULTS.repeatWindowDays,
    backlogDays: s?.backlogDays ?? DELIBERATION_DEFAULTS.backlogDays,
    backlogReopens: s?.backlogReopens ?? DELIBERATION_DEFAULTS.backlogReopens,
    suspensionMaxDays: s?.suspensionMaxDays ?? HANDLING_DEFAULTS.suspensionMaxDays,
    noContactAttempts: s?.noContactAttempts ?? HANDLING_DEFAULTS.noContactAttempts,
    extensionReviewer: s?.extensionReviewer ?? 'centre',
  };
}

export function settingsService(deps: {
  org: OrgRepository;
  /** Drops the tenant's cached working calendar after a calendar setting changed. */
  onCalendarChanged: (tenantId: string) => void;
}) {
  const { org, onCalendarChanged } = deps;

  async function get(tenantId: string): Promise<TenantSettingsView> {
    const t = await org.tenant(tenantId);
    if (!t) throw new AppError('NOT_FOUND');
    return effectiveSettings(t.settings);
  }

  return {
    get,

    async update(tenantId: string, b: UpdateTenantSettingsBody): Promise<TenantSettingsView> {
      if (b.workingHours) checkPeriods(b.workingHours);
      if (b.weekend && new Set(b.weekend).size !== b.weekend.length)
        throw invalid('/weekend', '休息日不能重复');
      const patch: Partial<TenantSettings> = {};
      if (b.objectionWindowHours !== undefined) patch.objectionWindowHours = b.objectionWindowHours;
      if (b.utcOffsetMinutes !== undefined) patch.utcOffsetMinutes = b.utcOffsetMinutes;
      if (b.workingHours) patch.workingHours = { periods: b.workingHours };
      if (b.weekend) patch.weekend = [...b.weekend].sort((x, y) => x - y);
      for (const k of [
        'noticeDays',
        'repeatThreshold',
        'repeatWindowDays',
        'backlogDays',
        'backlogReopens',
        'suspensionMaxDays',
        'noContactAttempts',
      ] as const) {
        if (b[k] !== undefined) patch[k] = b[k];
      }
      if (b.extensionReviewer !== undefined) patch.extensionReviewer = b.extensionReviewer;
      if (Object.keys(patch).length > 0 && !(await org.mergeSettings(tenantId, patch)))
        throw new AppError('NOT_FOUND');
      if (b.utcOffsetMinutes !== undefined || b.workingHours || b.weekend)
        onCalendarChanged(tenantId);
      return get(tenantId);
    },
  };
}
export type SettingsService = ReturnType<typeof settingsService>;
