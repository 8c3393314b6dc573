import { describe, it, expect } from 'vitest';
import chineseDays from 'chinese-days';
import { CHINA_CALENDAR_SETTINGS, WorkingCalendar, type CalendarDay } from './deadline.js';
import { knownYears, publishedChinaCalendar } from './holidays.js';

const DAY = 86_400_000;

function byDate(days: CalendarDay[]): Map<string, CalendarDay> {
  return new Map(days.map((d) => [d.date, d]));
}

function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00Z`); t <= Date.parse(`${to}T00:00Z`); t += DAY) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

describe('publishedChinaCalendar', () => {
  const days = publishedChinaCalendar();
  const map = byDate(days);

  it('covers every year the package knows, 2004 to 2026, and not 2027', () => {
    const years = knownYears();
    expect(years[0]).toBe(2004);
    expect(years.at(-1)).toBe(2026);
    expect(years).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(days.some((d) => d.date.startsWith('2027-'))).toBe(false);
  });

  it('has National Day 2026 and its make-up days 09-20 and 10-10', () => {
    for (const date of datesBetween('2026-10-01', '2026-10-07')) {
      expect(map.get(date)).toEqual({ date, kind: 'holiday', name: '国庆节' });
    }
    expect(map.get('2026-09-20')).toEqual({ date: '2026-09-20', kind: 'workday', name: '国庆节' });
    expect(map.get('2026-10-10')).toEqual({ date: '2026-10-10', kind: 'workday', name: '国庆节' });
    expect(map.has('2026-10-08')).toBe(false);
  });

  it('has Spring Festival 2026 and its make-up Saturdays 02-14 and 02-28', () => {
    for (const date of datesBetween('2026-02-15', '2026-02-23')) {
      expect(map.get(date)).toEqual({ date, kind: 'holiday', name: '春节' });
    }
    expect(map.get('2026-02-14')?.kind).toBe('workday');
    expect(map.get('2026-02-28')?.kind).toBe('workday');
  });

  it('is sorted, one row per date, each named in Chinese', () => {
    const dates = days.map((d) => d.date);
    expect(dates).toEqual([...dates].sort());
    expect(new Set(dates).size).toBe(dates.length);
    for (const d of days) {
      expect(d.name).toMatch(/\p{Script=Han}/u);
      // The admin API (PutCalendarDayBody) accepts names up to 40 characters.
      expect(d.name!.length).toBeLessThanOrEqual(40);
    }
  });

  it('puts make-up working days only on weekends', () => {
    for (const d of days.filter((x) => x.kind === 'workday')) {
      expect([0, 6]).toContain(new Date(`${d.date}T00:00Z`).getUTCDay());
    }
  });

  it('returns fresh rows each call', () => {
    const first = publishedChinaCalendar();
    first[0]!.kind = first[0]!.kind === 'holiday' ? 'workday' : 'holiday';
    first.length = 0;
    expect(publishedChinaCalendar()).toEqual(days);
    expect(knownYears()).toHaveLength(23);
  });

  it('gives a calendar that agrees with chinese-days on every date it knows', () => {
    const cal = new WorkingCalendar(days, CHINA_CALENDAR_SETTINGS);
    const disagreements = datesBetween('2004-01-01', '2026-12-31').filter(
      (date) => cal.isWorkingDay(date) !== chineseDays.isWorkday(date),
    );
    expect(disagreements).toEqual([]);
  });

  it('seeds a calendar that warns about 2027 and computes the National Day deadline', () => {
    const cal = new WorkingCalendar(days, CHINA_CALENDAR_SETTINGS);
    expect(cal.missingYears(2025, 2027)).toEqual([2027]);
    expect(
      cal.addLimit(new Date('2026-09-30T16:00:00+08:00'), { amount: 5, unit: 'working_days' }),
    ).toEqual(new Date('2026-10-13T17:30:00+08:00'));
  });
});
