// Property tests of the duty arithmetic: done never exceeds due, the missed days and
// the counted ones add up, due grows with the days, and a month's counted days stop
// at yesterday (today is not overdue yet).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  countedDays,
  daysBetween,
  patrolTally,
  requirement,
  DEFAULT_RULES,
} from './rules.js';

const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2024-01-01', n));

describe('duty rules', () => {
  it('patrols: done ≤ due, missed ≤ days, due monotonic in days', () => {
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 4 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 45 }),
        (from, n, perDay, patrols) => {
          const days = daysBetween(from, addDays(from, n - 1));
          const counts = new Map(days.map((d, i) => [d, patrols[i] ?? 0]));
          const t = patrolTally(days, perDay, counts);
          expect(t.done).toBeLessThanOrEqual(t.due);
          expect(t.missed.length).toBeLessThanOrEqual(days.length);
          if (perDay === 1) expect(t.done + t.missed.length).toBe(days.length);
          const more = patrolTally(daysBetween(from, addDays(from, n)), perDay, counts);
          expect(more.due).toBeGreaterThanOrEqual(t.due);
          expect(more.missed.length).toBeGreaterThanOrEqual(t.missed.length);
        },
      ),
    );
  });

  it('counted days end yesterday within the month, the month end after it', () => {
    fc.assert(
      fc.property(day, (today) => {
        const month = today.slice(0, 7);
        const { days, asOf } = countedDays(month, today);
        expect(asOf < today).toBe(true);
        expect(days.every((d) => d.startsWith(month) && d < today)).toBe(true);
        expect(days.length).toBe(Number(today.slice(8)) - 1);
        const tomorrow = addDays(today, 1);
        expect(countedDays(month, tomorrow).days.length).toBeGreaterThanOrEqual(days.length);
      }),
    );
  });

  it('a household owes the larger of the rules that apply', () => {
    const key = new Set(['elderly_alone', 'key_person']);
    expect(requirement(['registered'], key, DEFAULT_RULES).required).toBe(0);
    expect(requirement(['key_person'], key, DEFAULT_RULES)).toMatchObject({
      key: true,
      five: false,
      required: 2,
    });
    expect(requirement(['low_income'], key, DEFAULT_RULES)).toMatchObject({
      key: false,
      five: true,
      required: 1,
    });
    expect(requirement(['elderly_alone'], key, DEFAULT_RULES)).toMatchObject({
      key: true,
      five: true,
      required: 2,
    });
  });
});
