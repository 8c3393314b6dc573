// Seed data for the holiday table: China's public holidays and make-up working days (调休上班)
// as published by the State Council, taken from the `chinese-days` package.
//
// The package's JavaScript API only answers per date (isWorkday, getDayDetail), so it cannot say
// which years it knows; its published JSON (dist/chinese-days.json, documented in its README for
// non-JS users) is the complete table the API is built from, with names. We read that file once,
// when this module loads. The package only knows years up to its release (2026 for 1.5.7): later
// years come back as plain weekday/weekend calendars, which is why the platform keeps its own
// editable table and warns about missing years (WorkingCalendar.missingYears).
import { createRequire } from 'node:module';
import type { CalendarDay } from './deadline.js';

// Values look like "National Day,国庆节,3": English name, Chinese name, holiday length in days.
interface PackageTable {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const require = createRequire(import.meta.url);
const table = parseTable(require('chinese-days/dist/chinese-days.json'));

const PUBLISHED: readonly CalendarDay[] = Object.freeze(buildDays(table));
const KNOWN_YEARS: readonly number[] = Object.freeze(
  [...new Set(PUBLISHED.map((d) => Number(d.date.slice(0, 4))))].sort((a, b) => a - b),
);

/**
 * Every public holiday and make-up working day the package knows, sorted by date, with the
 * Chinese name of the holiday it belongs to (a make-up day carries the name of the holiday it
 * pays for, e.g. 2026-10-10 → 国庆节). Holidays include the weekend days inside a holiday span,
 * as the State Council's notices count them (国庆节 2026: 10-01…10-07). Returns fresh objects,
 * so a caller may edit them before inserting.
 */
export function publishedChinaCalendar(): CalendarDay[] {
  return PUBLISHED.map((d) => ({ ...d }));
}

/** The years for which the package has the State Council's holiday arrangement. */
export function knownYears(): number[] {
  return [...KNOWN_YEARS];
}

function buildDays(t: PackageTable): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (const [date, value] of Object.entries(t.holidays)) {
    days.push({ date, kind: 'holiday', name: chineseName(date, value) });
  }
  for (const [date, value] of Object.entries(t.workdays)) {
    if (t.holidays[date] !== undefined) {
      // A date cannot be both; refuse to guess which the State Council meant.
      throw new Error(`chinese-days lists ${date} as both a holiday and a make-up workday`);
    }
    days.push({ date, kind: 'workday', name: chineseName(date, value) });
  }
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function chineseName(date: string, value: string): string {
  const parts = value.split(',');
  const name = parts.length >= 3 ? parts[parts.length - 2]!.trim() : '';
  // A format change in a package upgrade must fail loudly, not seed the table with junk names.
  if (!/\p{Script=Han}/u.test(name)) {
    throw new Error(`chinese-days: unexpected entry for ${date}: ${JSON.stringify(value)}`);
  }
  return name;
}

function parseTable(raw: unknown): PackageTable {
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const isStringRecord = (v: unknown): v is Record<string, string> =>
    isRecord(v) && Object.values(v).every((x) => typeof x === 'string');
  if (!isRecord(raw) || !isStringRecord(raw['holidays']) || !isStringRecord(raw['workdays'])) {
    throw new Error('chinese-days: dist/chinese-days.json has an unexpected shape');
  }
  return { holidays: raw['holidays'], workdays: raw['workdays'] };
}
