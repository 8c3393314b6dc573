import { describe, it, expect } from 'vitest';
import { HANDLING_STATES, type TicketState } from '@jiesu/contracts';
import { publishedChinaCalendar } from '../../calendar/holidays.js';
import { CHINA_CALENDAR_SETTINGS, WorkingCalendar } from '../../calendar/deadline.js';
import {
  demoCategories,
  demoKnowledgeItems,
  demoOrg,
  demoTicketDrafts,
  demoTimeLimitPolicies,
  type DemoPlannedState,
  type DemoTicketDraft,
} from './index.js';

const PHONE = /^1[3-9]\d{9}$/;
const HAN = /[\u4e00-\u9fff]/;
const START = new Date('2025-09-01T00:00:00+08:00');
const END = new Date('2026-03-01T00:00:00+08:00');
const DAY = 86_400_000;

const org = demoOrg();
const categories = demoCategories();
const leaves = categories.filter((c) => c.level === 3);
const byCode = new Map(org.jurisdictions.map((j) => [j.code, j]));
const unitByKey = new Map(org.units.map((u) => [u.key, u]));
const generate = (seed: number, count = 5000): DemoTicketDraft[] =>
  demoTicketDrafts({ count, seed, start: START, end: END, org, categories });
const drafts = generate(7);
/** The same district seen on a Wednesday morning. */
const wednesday = new Date('2026-03-04T10:00:00+08:00');
const midweek = demoTicketDrafts({
  count: 5000,
  seed: 7,
  start: new Date(wednesday.getTime() - 183 * DAY),
  end: wednesday,
  org,
  categories,
});
const closed = (d: DemoTicketDraft): boolean =>
  ['answered_directly', 'closed_solved', 'closed_unsolved_reopened', 'closed_unsolved'].includes(
    d.plannedPath.finalState,
  );

describe('demo org', () => {
  const townships = org.jurisdictions.filter((j) => j.level === 'township');
  const villages = org.jurisdictions.filter((j) => j.level === 'village');
  const grids = org.jurisdictions.filter((j) => j.level === 'grid');

  it('has a city, a district, 3 townships, 18–22 villages and 2–4 grids per village', () => {
    expect(org.jurisdictions.filter((j) => j.level === 'city')).toHaveLength(1);
    expect(org.jurisdictions.filter((j) => j.level === 'district')).toHaveLength(1);
    expect(townships).toHaveLength(3);
    expect(villages.length).toBeGreaterThanOrEqual(18);
    expect(villages.length).toBeLessThanOrEqual(22);
    for (const v of villages) {
      const n = grids.filter((g) => g.parentCode === v.code).length;
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(4);
    }
    expect(new Set(townships.map((t) => t.kind))).toEqual(new Set(['street', 'town', 'township']));
  });

  it('uses division-style codes nested in their parents', () => {
    const lengths = { city: 6, district: 6, township: 9, village: 12, grid: 15 } as const;
    expect(new Set(org.jurisdictions.map((j) => j.code)).size).toBe(org.jurisdictions.length);
    for (const j of org.jurisdictions) {
      expect(j.code).toMatch(/^\d+$/);
      expect(j.code).toHaveLength(lengths[j.level]);
      if (j.level === 'township' || j.level === 'village' || j.level === 'grid') {
        expect(j.code.startsWith(j.parentCode ?? 'none')).toBe(true);
      }
      if (j.parentCode !== null) expect(byCode.has(j.parentCode)).toBe(true);
    }
  });

  it('has populations whose children sum to the parent, about 80,000 in the district', () => {
    const district = org.jurisdictions.find((j) => j.level === 'district');
    expect(district?.population).toBe(80000);
    for (const parent of org.jurisdictions) {
      if (parent.level === 'city' || parent.level === 'grid') continue;
      const sum = org.jurisdictions
        .filter((c) => c.parentCode === parent.code)
        .reduce((a, c) => a + c.population, 0);
      expect(Math.abs(sum - parent.population)).toBeLessThanOrEqual(parent.population * 0.01);
    }
  });

  it('draws grids as closed squares inside their village', () => {
    const bad = grids.filter((g) => {
      const ring = g.boundary?.coordinates[0] ?? [];
      const box = byCode.get(g.parentCode ?? '')?.boundary?.coordinates[0] ?? [];
      const [w = 0, s = 0] = box[0] ?? [];
      const [e = 0, n = 0] = box[2] ?? [];
      const { lng, lat } = g.centre;
      const closed = ring.length === 5 && JSON.stringify(ring[0]) === JSON.stringify(ring[4]);
      return !closed || !(lng > w && lng < e && lat > s && lat < n);
    });
    expect(bad.map((g) => g.code)).toEqual([]);
  });

  it('has the dispatch centre, ≥ 10 departments, governments, sections and grid units', () => {
    const kinds = org.units.map((u) => u.kind);
    expect(kinds.filter((k) => k === 'dispatch_centre')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'department').length).toBeGreaterThanOrEqual(10);
    expect(kinds.filter((k) => k === 'grid')).toHaveLength(grids.length);
    // Every township and village has its government, and the district has one (区政府).
    expect(org.units.filter((u) => u.kind === 'government')).toHaveLength(
      townships.length + villages.length + 1,
    );
    expect(unitByKey.get('district-gov')).toMatchObject({
      kind: 'government',
      jurisdictionCode: org.jurisdictions.find((j) => j.level === 'district')?.code,
    });
    for (const t of townships) {
      const gov = org.units.find((u) => u.kind === 'government' && u.jurisdictionCode === t.code);
      const sections = org.units.filter((u) => u.kind === 'section' && u.parentKey === gov?.key);
      expect(sections.length).toBeGreaterThanOrEqual(3);
      expect(sections.length).toBeLessThanOrEqual(5);
    }
    expect(new Set(org.units.map((u) => u.key)).size).toBe(org.units.length);
    for (const u of org.units) {
      expect(byCode.has(u.jurisdictionCode)).toBe(true);
      if (u.parentKey !== null) expect(unitByKey.has(u.parentKey)).toBe(true);
      expect(u.name).toMatch(HAN);
    }
    expect(unitByKey.get('dept-urban')?.name).toContain('城市管理委员会');
    expect(unitByKey.get('twp-1')?.kind).toBe('government');
    expect(unitByKey.get('vil-1-3')?.kind).toBe('government');
    expect(unitByKey.get('grid-1-3-2')?.kind).toBe('grid');
  });

  it('has the named demo logins and ~30 more staff', () => {
    const expected: [string, string, string][] = [
      ['admin', 'centre', 'admin'],
      ['dispatcher', 'centre', 'dispatcher'],
      ['agent', 'centre', 'agent'],
      ['leader', 'twp-1', 'unit_leader'],
      ['street', 'twp-1', 'handler'],
      ['village', 'vil-1-1', 'handler'],
      ['grid', 'grid-1-1-1', 'grid_worker'],
      ['dept', 'dept-urban', 'handler'],
      ['supervisor', 'centre', 'supervisor'],
    ];
    for (const [username, unitKey, role] of expected) {
      const s = org.staff.find((x) => x.username === username);
      expect(s, username).toMatchObject({ unitKey, role });
    }
    expect(org.staff.length).toBeGreaterThanOrEqual(35);
    expect(new Set(org.staff.map((s) => s.username)).size).toBe(org.staff.length);
    for (const s of org.staff) {
      expect(unitByKey.has(s.unitKey)).toBe(true);
      expect(s.phone).toMatch(PHONE);
      expect(s.displayName).toMatch(HAN);
      expect(s.username).toMatch(/^[a-zA-Z0-9_.-]{3,40}$/);
    }
  });
});

describe('demo categories, policies and knowledge', () => {
  it('is a three-level tree of ~10 roots, 2–4 branches each, 2–5 leaves per branch', () => {
    const roots = categories.filter((c) => c.level === 1);
    expect(roots.length).toBeGreaterThanOrEqual(10);
    for (const root of roots) {
      expect(root.code).toMatch(/^\d{2}$/);
      const branches = categories.filter((c) => c.parentCode === root.code);
      expect(branches.length).toBeGreaterThanOrEqual(2);
      expect(branches.length).toBeLessThanOrEqual(4);
      for (const branch of branches) {
        expect(branch.code).toMatch(new RegExp(`^${root.code}\\d{2}$`));
        const kids = categories.filter((c) => c.parentCode === branch.code);
        expect(kids.length).toBeGreaterThanOrEqual(2);
        expect(kids.length).toBeLessThanOrEqual(5);
        for (const leaf of kids) {
          expect(leaf.code).toMatch(new RegExp(`^${branch.code}\\d{2}$`));
          expect(leaf.level).toBe(3);
        }
      }
    }
    expect(new Set(categories.map((c) => c.code)).size).toBe(categories.length);
    expect(categories.find((c) => c.name === '施工噪声')?.parentCode).toBe(
      categories.find((c) => c.name === '噪声污染')?.code,
    );
  });

  it('gives every leaf a dispatch rule pointing at a real department or the territory', () => {
    for (const leaf of leaves) {
      const rule = leaf.rule;
      expect(rule, leaf.name).not.toBeNull();
      if (!rule) continue;
      for (const target of [rule.dispatchTo, ...rule.coUnits]) {
        if (target !== 'township' && target !== 'village') {
          expect(unitByKey.get(target)?.kind, `${leaf.name} → ${target}`).toBe('department');
        }
      }
      const mix = rule.urgencyMix.emergency + rule.urgencyMix.urgent + rule.urgencyMix.normal;
      expect(mix).toBeCloseTo(1, 5);
    }
    const utilities = leaves.filter((l) => l.rule?.utility);
    expect(new Set(utilities.map((l) => l.rule?.utility))).toEqual(
      new Set(['water', 'power', 'gas', 'heating']),
    );
  });

  it('has a default time limit, 2-hour emergencies and 24-hour utilities', () => {
    const policies = demoTimeLimitPolicies();
    const fallback = policies.find((p) => p.categoryCode === null && p.urgency === null);
    expect(fallback?.completion).toEqual({ amount: 5, unit: 'working_days' });
    const emergency = policies.find((p) => p.categoryCode === null && p.urgency === 'emergency');
    expect(emergency?.completion).toEqual({ amount: 2, unit: 'calendar_hours' });
    for (const leaf of leaves) {
      const own = policies.find((p) => p.categoryCode === leaf.code && p.urgency === null);
      if (leaf.rule?.utility) {
        expect(own?.completion).toEqual({ amount: 24, unit: 'calendar_hours' });
      } else if (leaf.rule?.complex) {
        expect(own?.completion).toEqual({ amount: 10, unit: 'working_days' });
      } else expect(own).toBeUndefined();
    }
  });

  it('has ~30 knowledge items, each on a leaf', () => {
    const items = demoKnowledgeItems();
    expect(items.length).toBeGreaterThanOrEqual(25);
    expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
    const leafCodes = new Set(leaves.map((l) => l.code));
    for (const item of items) {
      expect(leafCodes.has(item.categoryCode)).toBe(true);
      expect(item.title).toMatch(HAN);
      expect(item.body.length).toBeGreaterThan(40);
      // 五公开: procedure, policy basis, phone and responsible staff are all filled.
      expect(item.procedure.length).toBeGreaterThan(20);
      expect(item.policyBasis).toMatch(/《.+》/);
      expect(item.phone).toMatch(/^\d{8}$/);
      expect(item.staff).toMatch(HAN);
    }
  });
});

describe('demo ticket drafts', () => {
  it('is deterministic in its seed', () => {
    const a = generate(11, 300);
    const b = generate(11, 300);
    const c = generate(12, 300);
    expect(a).toEqual(b);
    expect(c.map((d) => d.description)).not.toEqual(a.map((d) => d.description));
    expect(demoOrg()).toEqual(org);
    expect(demoCategories()).toEqual(categories);
  });

  it('returns the number asked for, in time order, within the period', () => {
    expect(drafts).toHaveLength(5000);
    const times = drafts.map((d) => d.receivedAt.getTime());
    expect(times.every((t, i) => t >= (times[i - 1] ?? START.getTime()))).toBe(true);
    expect(times.every((t) => t >= START.getTime() && t <= END.getTime())).toBe(true);
    expect(new Set(drafts.map((d) => d.ref)).size).toBe(drafts.length);
  });

  it('uses every leaf, every type, every channel and every planned path', () => {
    const used = new Set(drafts.map((d) => d.categoryCode));
    for (const leaf of leaves) expect(used.has(leaf.code), leaf.name).toBe(true);
    expect(new Set(drafts.map((d) => d.type))).toEqual(
      new Set(['consult', 'help', 'complaint', 'report', 'suggestion']),
    );
    expect(new Set(drafts.map((d) => d.channel))).toEqual(
      new Set([
        'hotline',
        'web',
        'wechat',
        'walk_in',
        'grid_patrol',
        'upstream',
        'api',
        'suggestion_box',
      ]),
    );
    const states: DemoPlannedState[] = [
      'answered_directly',
      'received',
      'dispatched',
      'accepted',
      'in_progress',
      'feedback_given',
      'replied',
      'awaiting_callback',
      'closed_solved',
      'closed_unsolved_reopened',
      'closed_unsolved',
    ];
    const seen = new Set(drafts.map((d) => d.plannedPath.finalState));
    for (const s of states) expect(seen.has(s), s).toBe(true);
  });

  it('writes Chinese titles and varied Chinese descriptions of the right length', () => {
    const bad = drafts.filter(
      (d) =>
        !HAN.test(d.title) ||
        d.title.length > 40 ||
        !HAN.test(d.description) ||
        d.description.length < 40 ||
        d.description.length > 300 ||
        /[{}]/.test(d.title + d.description + d.address) ||
        !HAN.test(d.address),
    );
    expect(bad.map((d) => [d.title, d.description])).toEqual([]);
    const distinct = new Set(drafts.map((d) => d.description)).size;
    expect(distinct / drafts.length).toBeGreaterThanOrEqual(0.95);
  });
  it('has valid requesters, with some repeat callers', () => {
    const bad = drafts.filter(
      ({ requester: r }) =>
        !PHONE.test(r.phone) || (r.anonymous ? r.name !== null : !HAN.test(r.name ?? '')),
    );
    expect(bad.map((d) => d.requester)).toEqual([]);
    const perPhone = new Map<string, number>();
    for (const d of drafts) {
      perPhone.set(d.requester.phone, (perPhone.get(d.requester.phone) ?? 0) + 1);
    }
    const repeated = [...perPhone.values()].filter((n) => n > 1);
    const fromRepeat = repeated.reduce((a, n) => a + n, 0) / drafts.length;
    expect(repeated.length).toBeGreaterThanOrEqual(30);
    expect(fromRepeat).toBeGreaterThan(0.03);
    expect(fromRepeat).toBeLessThan(0.12);
    expect(Math.max(...perPhone.values())).toBeGreaterThanOrEqual(5);
  });
  it('places every ticket in an existing village or grid, near it', () => {
    const bad = drafts.filter((d) => {
      const j = byCode.get(d.jurisdictionCode);
      if (j?.level !== 'village' && j?.level !== 'grid') return true;
      if (!d.point) return false;
      const { lng, lat } = d.point;
      return Math.abs(lng - j.centre.lng) > 0.02 || Math.abs(lat - j.centre.lat) > 0.02;
    });
    expect(bad.map((d) => [d.ref, d.jurisdictionCode, d.point])).toEqual([]);
  });
  it('routes to existing units and never to the unit complained about', () => {
    const bad = drafts.filter((d) => {
      const p = d.plannedPath;
      const dispatched = p.finalState !== 'answered_directly' && p.finalState !== 'received';
      if (dispatched ? !unitByKey.has(p.leadUnitKey ?? '') : p.leadUnitKey !== null) return true;
      if (![...p.coUnitKeys, ...p.passDownKeys].every((k) => unitByKey.has(k))) return true;
      if (d.subjectUnitKey === null) return false;
      return (
        d.type !== 'complaint' ||
        !unitByKey.has(d.subjectUnitKey) ||
        p.leadUnitKey === d.subjectUnitKey ||
        p.coUnitKeys.includes(d.subjectUnitKey) ||
        p.passDownKeys.includes(d.subjectUnitKey)
      );
    });
    expect(bad.map((d) => [d.ref, d.subjectUnitKey, d.plannedPath.leadUnitKey])).toEqual([]);
    expect(drafts.some((d) => d.subjectUnitKey !== null)).toBe(true);
  });
  it('tells stories that fit the final state, in time order, before the end', () => {
    const kbKeys = new Set(demoKnowledgeItems().map((i) => i.key));
    const beforeFeedback = [
      'answered_directly',
      'received',
      'dispatched',
      'accepted',
      'in_progress',
    ];
    const problems: string[] = [];
    for (const d of drafts) {
      const p = d.plannedPath;
      const fail = (why: string): void => {
        problems.push(`${d.ref} ${p.finalState}: ${why}`);
      };
      const times = p.steps.map((s) => s.at.getTime());
      if (p.steps[0]?.action !== 'create' || times[0] !== d.receivedAt.getTime()) fail('create');
      if (times.some((t, i) => i > 0 && t < (times[i - 1] ?? 0))) fail('order');
      if ((times[times.length - 1] ?? 0) > END.getTime()) fail('after the end');
      const last = p.steps[p.steps.length - 1]?.action;
      const feedbacks = p.steps.filter((s) => s.action === 'give_feedback').length;
      switch (p.finalState) {
        case 'answered_directly':
          if (d.type !== 'consult' || !kbKeys.has(p.knowledgeKey ?? '') || !p.answer) fail('kb');
          if (last !== 'answer_directly') fail(`last ${last}`);
          break;
        case 'received':
          if (last !== 'create') fail(`last ${last}`);
          break;
        case 'closed_solved':
          if (p.callback?.solved !== true || last !== 'record_callback') fail('callback');
          break;
        case 'closed_unsolved_reopened':
          if (p.firstRound?.callback.solved !== false || p.callback?.solved !== true) {
            fail('callbacks');
          }
          if (feedbacks !== 2) fail(`${feedbacks} feedbacks`);
          break;
        case 'closed_unsolved':
          if (p.callback?.solved !== false || last !== 'record_callback') fail('callback');
          if (p.firstRound !== null) fail('reopened');
          break;
        default: {
          if (p.callback !== null) fail('callback before the end');
          // An open ticket is where its last step left it (a reopen sends it back to dispatched).
          const reopened = p.steps.filter((s) => s.action === 'record_callback').length;
          if ((p.firstRound !== null) !== (reopened === 1)) fail('first round');
          const lastOf: Partial<Record<DemoPlannedState, string[]>> = {
            dispatched: ['dispatch', 'record_callback'],
            accepted: ['accept'],
            in_progress: ['start_handling', 'add_progress'],
            feedback_given: ['give_feedback'],
            replied: ['send_reply'],
            awaiting_callback: ['queue_callback'],
          };
          if (!lastOf[p.finalState]?.includes(last ?? '')) {
            fail(`last ${last}`);
          }
        }
      }
      const dispatched = !['received', 'answered_directly'].includes(p.finalState);
      if ((p.completionDueAt !== null) !== dispatched) fail('deadline');
      if ((p.feedback === null) !== beforeFeedback.includes(p.finalState)) fail('feedback');
      const f = p.feedback;
      if (
        f &&
        (f.result.length < 30 ||
          !HAN.test(f.result) ||
          !HAN.test(f.replyText) ||
          /[{}]/.test(f.result + f.replyText))
      ) {
        fail(`feedback text ${f.result}`);
      }
    }
    expect(problems).toEqual([]);
  });
  it('closes nearly everything, older tickets all but a few difficult cases', () => {
    const share = drafts.filter(closed).length / drafts.length;
    expect(share).toBeGreaterThan(0.9);
    expect(share).toBeLessThan(0.98);
    const recent = drafts.filter((d) => END.getTime() - d.receivedAt.getTime() < 3 * DAY);
    expect(recent.filter(closed).length / recent.length).toBeLessThan(0.5);
    // Past the longest time limit (15 days) and two weeks more, a ticket still open is a rare,
    // difficult one: reopened, or at least long overdue.
    const old = drafts.filter((d) => END.getTime() - d.receivedAt.getTime() > 30 * DAY);
    const oldOpen = old.filter((d) => !closed(d));
    expect(old.length).toBeGreaterThan(3500);
    expect(oldOpen.length / old.length).toBeLessThan(0.01);
    expect(oldOpen.length).toBeLessThanOrEqual(40);
    // The same by the ticket's own deadline: open two weeks after it ran out means reopened.
    const stale = drafts.filter(
      (d) =>
        !closed(d) &&
        d.plannedPath.completionDueAt !== null &&
        d.plannedPath.completionDueAt.getTime() < END.getTime() - 14 * DAY,
    );
    expect(stale.length).toBeLessThanOrEqual(40);
    expect(stale.filter((d) => d.plannedPath.firstRound === null).map((d) => d.ref)).toEqual([]);
  });

  it('keeps open tickets recent: just received ones early, the last weeks in handling', () => {
    for (const [now, list, share] of [
      [END, drafts, 0.4],
      [wednesday, midweek, 0.6],
    ] as const) {
      const open = list.filter((d) => !closed(d));
      const age = (d: DemoTicketDraft): number => now.getTime() - d.receivedAt.getTime();
      const lastDay = open.filter((d) => age(d) < DAY);
      const early = ['received', 'dispatched', 'accepted'];
      expect(lastDay.length).toBeGreaterThan(5);
      expect(
        lastDay.filter((d) => early.includes(d.plannedPath.finalState)).length / lastDay.length,
        now.toISOString(),
      ).toBeGreaterThan(share);
      const weeks = open.filter((d) => age(d) > 2 * DAY && age(d) < 21 * DAY);
      const handling = ['in_progress', 'feedback_given', 'replied', 'awaiting_callback'];
      expect(weeks.length).toBeGreaterThan(100);
      expect(
        weeks.filter((d) => handling.includes(d.plannedPath.finalState)).length / weeks.length,
      ).toBeGreaterThan(0.9);
      expect(open.filter((d) => age(d) < 21 * DAY).length / open.length).toBeGreaterThan(0.9);
      expect(open.filter((d) => age(d) < 30 * DAY).length / open.length).toBeGreaterThan(0.97);
    }
  });

  it('plans the deadlines the engine will set, a few of them overdue and some due soon', () => {
    // The deadline of the current round, recomputed from the steps: the demo's limits (the exact
    // urgency first, as pickPolicy does) on the working calendar, from the dispatch or the reopen.
    const calendar = new WorkingCalendar(publishedChinaCalendar(), CHINA_CALENDAR_SETTINGS);
    const policies = demoTimeLimitPolicies();
    const limitOf = (code: string, urgency: string) =>
      (
        policies.find((p) => p.categoryCode === code && p.urgency === urgency) ??
        policies.find((p) => p.categoryCode === null && p.urgency === urgency) ??
        policies.find((p) => p.categoryCode === code && p.urgency === null) ??
        policies.find((p) => p.categoryCode === null && p.urgency === null)
      )?.completion;
    const wrong = drafts.filter((d) => {
      let from: Date | null = null;
      for (const s of d.plannedPath.steps) {
        if (s.action === 'dispatch' || (s.action === 'record_callback' && s.reopen)) from = s.at;
      }
      const limit = limitOf(d.categoryCode, d.urgency);
      const due = from && limit ? calendar.addLimit(from, limit).getTime() : null;
      return (d.plannedPath.completionDueAt?.getTime() ?? null) !== due;
    });
    expect(wrong.map((d) => d.ref)).toEqual([]);

    // A Sunday night (END) and a Wednesday morning: the home pages' counters look real.
    for (const [now, list] of [
      [END, drafts],
      [wednesday, midweek],
    ] as const) {
      const open = list.filter((d) => !closed(d));
      const handling = open.filter((d) =>
        HANDLING_STATES.includes(d.plannedPath.finalState as TicketState),
      );
      const dueIn = (d: DemoTicketDraft): number =>
        (d.plannedPath.completionDueAt?.getTime() ?? Infinity) - now.getTime();
      const overdue = handling.filter((d) => dueIn(d) < 0).length;
      expect(overdue / open.length, now.toISOString()).toBeGreaterThan(0.02);
      expect(overdue / open.length, now.toISOString()).toBeLessThan(0.09);
      if (now === wednesday) {
        expect(handling.filter((d) => dueIn(d) >= 0 && dueIn(d) < DAY).length).toBeGreaterThan(3);
      }
    }
  });

  it('puts heating complaints in the heating season', () => {
    const heating = leaves.find((l) => l.rule?.utility === 'heating')?.code;
    const months = drafts
      .filter((d) => d.categoryCode === heating)
      .map((d) => new Date(d.receivedAt.getTime() + 8 * 3_600_000).getUTCMonth() + 1);
    expect(months.length).toBeGreaterThan(50);
    for (const m of months) expect([10, 11, 12, 1, 2, 3, 4]).toContain(m);
  });
});
