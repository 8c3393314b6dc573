import { describe, it, expect } from 'vitest';
import {
  HANDLING_STATES,
  SPECIAL_ROUTES,
  targetOf,
  transitionFor,
  type TicketState,
} from '@jiesu/contracts';
import { publishedChinaCalendar } from '../../calendar/holidays.js';
import { CHINA_CALENDAR_SETTINGS, WorkingCalendar } from '../../calendar/deadline.js';
import {
  demoCategories,
  demoKnowledgeItems,
  demoOrg,
  demoTicketDrafts,
  demoTimeLimitPolicies,
  type DemoPlannedState,
  type DemoStep,
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
/** Closed at intake, without a dispatch. */
const AT_INTAKE: DemoPlannedState[] = [
  'answered_directly',
  'transferred',
  'answered_with_progress',
  'merged',
];
const CLOSED: DemoPlannedState[] = [
  ...AT_INTAKE,
  'closed_solved',
  'closed_unsolved_reopened',
  'closed_unsolved',
];
const closed = (d: DemoTicketDraft): boolean => CLOSED.includes(d.plannedPath.finalState);
const HOUR = 3_600_000;

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
    const lengths = { city: 6, district: 6, township: 9, village: 12, grid: 15, micro_grid: 17 };
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
      'transferred',
      'answered_with_progress',
      'merged',
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
      const dispatched = p.steps.some((s) => s.action === 'dispatch');
      if (dispatched ? !unitByKey.has(p.leadUnitKey ?? '') : p.leadUnitKey !== null) return true;
      if (![...p.coUnitKeys, ...p.passDownKeys].every((k) => unitByKey.has(k))) return true;
      if (!p.steps.every((s) => s.unitKey === null || unitByKey.has(s.unitKey))) return true;
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
    const beforeFeedback = [...AT_INTAKE, 'received', 'dispatched', 'accepted', 'in_progress'];
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
          // [Handling] the "unsolved" callback waits for the reviewer, who closes it.
          if (p.callback?.solved !== false || last !== 'review_callback') fail('callback');
          if (p.steps.at(-2)?.action !== 'record_callback') fail('callback before review');
          if (p.firstRound !== null) fail('reopened');
          break;
        case 'transferred':
          if (last !== 'transfer' || p.steps.length !== 2) fail(`last ${last}`);
          break;
        case 'answered_with_progress':
          if (last !== 'answer_with_progress' || p.steps.length !== 2) fail(`last ${last}`);
          break;
        case 'merged':
          if (p.steps[1]?.action !== 'merge_into') fail('merge');
          if (!p.steps.slice(2).every((s) => s.action === 'relay_reply')) fail('after the merge');
          break;
        default: {
          if (p.callback !== null) fail('callback before the end');
          // An open ticket is where its steps left it (see the state machine test below).
          const reopened = p.steps.filter((s) => s.action === 'record_callback').length;
          if ((p.firstRound !== null) !== (reopened === 1)) fail('first round');
        }
      }
      const dispatched = p.steps.some((s) => s.action === 'dispatch');
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
        if (
          s.action === 'dispatch' ||
          (s.action === 'record_callback' && s.reopen) ||
          (s.action === 'review_objection' && s.verdict === 'upheld')
        ) {
          from = s.at;
        }
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

// ---------------------------------------------------------------------------------------------
// The dispatch-era stories: every step is one the platform would accept from that unit.

const townshipKeys = new Set(
  org.units
    .filter((u) => u.kind === 'government' && byCode.get(u.jurisdictionCode)?.level === 'township')
    .map((u) => u.key),
);
const draftsByRef = (list: DemoTicketDraft[]) => new Map(list.map((d) => [d.ref, d]));

/** The fields of a step that select a branch of its transition. */
const branchInput = (s: DemoStep): Record<string, unknown> =>
  s.action === 'record_callback'
    ? { solved: s.solved, reopen: s.reopen }
    : s.action === 'review_objection'
      ? { verdict: s.verdict }
      : s.action === 'review_callback'
        ? { decision: s.decision }
        : {};

/**
 * Walks a story through the state machine of the contracts, keeping what the policy reads
 * (lead, holder, the chain passed down, tasks, summonses, objections), and reports every step
 * the platform would refuse: wrong state, wrong relation, or a rule of tickets/policy.ts.
 */
function walk(d: DemoTicketDraft): { state: TicketState; problems: string[] } {
  const problems: string[] = [];
  let state: TicketState = 'received';
  let lead: string | null = null;
  let holder: string | null = null;
  let dispatchedAt = 0;
  const chain: Array<{ from: string; to: string }> = [];
  const tasks = new Map<string, 'open' | 'accepted' | 'reported' | 'cancelled'>();
  const summoned = new Set<string>();
  let objections = 0;
  let objectionOpen = false;
  const unfinished = (k: string | null) => {
    const v = k === null ? undefined : tasks.get(k);
    return v === 'open' || v === 'accepted';
  };
  for (const s of d.plannedPath.steps) {
    if (s.action === 'create') continue;
    const def = transitionFor(s.action);
    const fail = (why: string) => problems.push(`${d.ref} ${s.action} by ${s.unitKey}: ${why}`);
    if (!def.from.includes(state)) {
      fail(`from ${state}`);
      break;
    }
    const u = s.unitKey;
    switch (def.relation) {
      case 'centre':
        if (u !== 'centre') fail('not the centre');
        break;
      case 'lead':
        if (u !== lead && u !== holder) fail('not the lead or holder');
        break;
      case 'lead_unit':
        if (u !== lead) fail('not the lead unit');
        break;
      case 'holder':
        if (u !== holder) fail('not the holder');
        break;
      case 'passer':
        if (!chain.some((c) => c.from === u)) fail('passed nothing down');
        break;
      case 'co':
        if (!unfinished(u)) fail('no unfinished task');
        break;
      case 'summoned':
        if (u === null || !summoned.has(u)) fail('not summoned');
        break;
      case 'system':
        if (u !== null) fail('not the platform');
        break;
      case 'requester':
        fail('a requester step');
        break;
    }
    // The rules beyond the relation (policy.blockedBy and the hooks' checks).
    switch (s.action) {
      case 'give_feedback':
        if (holder !== lead) fail('feedback while passed down');
        break;
      case 'object':
        if (objections > 0) fail('a second objection');
        if (s.at.getTime() - dispatchedAt > 24 * HOUR) fail('after the 24 h window');
        break;
      case 'review_objection':
        if (!objectionOpen) fail('no open objection');
        if (s.verdict === 'upheld' && (!s.newLeadUnitKey || s.newLeadUnitKey === lead)) {
          fail('upheld without a new unit');
        }
        if (s.verdict === 'rejected' && (s.newLeadUnitKey || s.dispatchFault !== null)) {
          fail('rejected with a reassignment');
        }
        break;
      case 'accept_task':
        if (tasks.get(u ?? '') !== 'open') fail('no open task');
        break;
      case 'send_up':
        if (holder === lead) fail('not passed down');
        break;
      case 'pass_down': {
        const from = unitByKey.get(holder ?? '');
        const to = unitByKey.get(s.toUnitKey);
        if (from?.kind !== 'government') fail('only a government passes down');
        if (to?.parentKey !== holder || (to.kind !== 'government' && to.kind !== 'grid')) {
          fail(`${s.toUnitKey} is not below ${holder}`);
        }
        const worker = org.staff.find((p) => p.username === s.toUsername);
        if (s.toUsername && (worker?.unitKey !== s.toUnitKey || worker.role !== 'grid_worker')) {
          fail(`${s.toUsername} does not work in ${s.toUnitKey}`);
        }
        break;
      }
      case 'blow_whistle':
        if (!townshipKeys.has(u ?? '')) fail('not a township government');
        for (const k of s.summonedKeys) {
          if (unitByKey.get(k)?.kind !== 'department' || k === lead || summoned.has(k)) {
            fail(`cannot summon ${k}`);
          }
        }
        if (s.dueHours < 1 || s.dueHours > 168) fail('due hours');
        break;
      case 'convene':
        if (!townshipKeys.has(u ?? '')) fail('not a township government');
        for (const k of s.sectionKeys) {
          if (unitByKey.get(k)?.kind !== 'section' || unitByKey.get(k)?.parentKey !== u) {
            fail(`${k} is not its section`);
          }
        }
        break;
      default:
        break;
    }
    state = targetOf(def, state, branchInput(s))?.to ?? state;
    switch (s.action) {
      case 'dispatch':
        lead = holder = s.leadUnitKey;
        dispatchedAt = s.at.getTime();
        for (const k of s.coUnitKeys) tasks.set(k, 'open');
        break;
      case 'object':
        objections++;
        objectionOpen = true;
        break;
      case 'review_objection':
        objectionOpen = false;
        if (s.newLeadUnitKey) {
          lead = holder = s.newLeadUnitKey;
          chain.length = 0;
          dispatchedAt = s.at.getTime();
          if (unfinished(lead)) tasks.set(lead, 'cancelled');
        }
        break;
      case 'record_callback':
        if (s.reopen) holder = lead;
        break;
      case 'accept_task':
        tasks.set(u!, 'accepted');
        break;
      case 'report_part':
        tasks.set(u!, 'reported');
        break;
      case 'blow_whistle':
        for (const k of s.summonedKeys) summoned.add(k);
        break;
      case 'report_in':
        summoned.delete(u!);
        if (!unfinished(u)) tasks.set(u!, 'accepted');
        break;
      case 'pass_down':
        chain.push({ from: holder!, to: s.toUnitKey });
        holder = s.toUnitKey;
        break;
      case 'pull_back':
        chain.length = chain.findIndex((c) => c.from === u);
        holder = u;
        break;
      case 'send_up':
        holder = chain.pop()!.from;
        break;
      default:
        break;
    }
  }
  return { state, problems };
}

const stepsOf = <A extends DemoStep['action']>(d: DemoTicketDraft, action: A) =>
  d.plannedPath.steps.filter((s): s is Extract<DemoStep, { action: A }> => s.action === action);

describe('demo dispatch stories', () => {
  it('are all steps the platform accepts: state, relation and the rules of the policy', () => {
    for (const list of [drafts, midweek, generate(13, 1500)]) {
      const problems: string[] = [];
      for (const d of list) {
        const w = walk(d);
        problems.push(...w.problems);
        const expected: TicketState = closed(d)
          ? 'closed'
          : (d.plannedPath.finalState as TicketState);
        if (w.state !== expected) problems.push(`${d.ref}: ${w.state}, planned ${expected}`);
      }
      expect(problems).toEqual([]);
    }
  });

  it('keeps to the rules, with objections to review and whistles waiting, whatever the day', () => {
    // The seeder runs on the day the demo starts: a night, a weekend, a holiday.
    for (let k = 0; k < 4; k++) {
      const end = new Date(Date.parse('2026-09-30T20:00:00+08:00') + k * 3.6 * 24 * HOUR);
      const list = demoTicketDrafts({
        count: 2000,
        seed: 5 + k,
        start: new Date(end.getTime() - 60 * DAY),
        end,
        org,
        categories,
      });
      expect(list.flatMap((d) => walk(d).problems)).toEqual([]);
      const open = list.filter(
        (d) => stepsOf(d, 'object').length > stepsOf(d, 'review_objection').length,
      );
      expect(open.length, end.toISOString()).toBeGreaterThanOrEqual(3);
      const waiting = list.filter((d) =>
        stepsOf(d, 'blow_whistle').some(
          (w) =>
            w.at.getTime() + w.dueHours * HOUR > end.getTime() &&
            w.summonedKeys.some((u) => !stepsOf(d, 'report_in').some((r) => r.unitKey === u)),
        ),
      );
      expect(waiting.length, end.toISOString()).toBeGreaterThanOrEqual(2);
    }
  });

  it('gives co-units tasks they sign for and report on before the lead reports back', () => {
    const withCo = drafts.filter((d) => stepsOf(d, 'dispatch').some((s) => s.coUnitKeys.length));
    expect(withCo.length).toBeGreaterThan(200);
    let complete = 0;
    let missing = 0;
    for (const d of withCo) {
      const feedback = stepsOf(d, 'give_feedback')[0];
      if (!feedback) continue;
      const co = stepsOf(d, 'dispatch')[0]!.coUnitKeys;
      const reported = stepsOf(d, 'report_part').filter((s) => s.at < feedback.at);
      if (co.every((k) => reported.some((r) => r.unitKey === k))) complete++;
      else missing++;
      for (const r of reported) {
        expect(r.text).toMatch(HAN);
        expect(r.text).not.toMatch(/[{}]/);
        expect(r.text).toContain(unitByKey.get(r.unitKey)!.name);
      }
    }
    expect(complete / (complete + missing)).toBeGreaterThan(0.8);
    expect(missing).toBeGreaterThan(0);
    // A closed ticket has no unfinished task: every co-unit's part came in (a late one after
    // the reopen), and every department that reported in to a whistle reported its part.
    for (const d of drafts.filter((x) => closed(x) && stepsOf(x, 'dispatch').length)) {
      const owed = [
        ...stepsOf(d, 'dispatch')[0]!.coUnitKeys,
        ...stepsOf(d, 'report_in').map((s) => s.unitKey),
      ];
      const parts = stepsOf(d, 'report_part').map((s) => s.unitKey);
      expect(
        owed.filter((k) => !parts.includes(k)),
        d.ref,
      ).toEqual([]);
    }
    // Open tickets show tasks at every stage: some signed for, some still to sign.
    const openCo = withCo.filter((d) => !closed(d));
    expect(openCo.some((d) => stepsOf(d, 'accept_task').length > 0)).toBe(true);
  });

  it('has a few objections, mostly rejected, some upheld and reassigned, some waiting today', () => {
    for (const [now, list] of [
      [END, drafts],
      [wednesday, midweek],
    ] as const) {
      const dispatched = list.filter((d) => stepsOf(d, 'dispatch').length > 0);
      const objected = list.filter((d) => stepsOf(d, 'object').length > 0);
      const share = objected.length / dispatched.length;
      expect(share, now.toISOString()).toBeGreaterThan(0.01);
      expect(share, now.toISOString()).toBeLessThan(0.04);
      const reviews = list.flatMap((d) => stepsOf(d, 'review_objection'));
      const upheld = reviews.filter((r) => r.verdict === 'upheld');
      expect(reviews.length - upheld.length).toBeGreaterThan(upheld.length);
      expect(upheld.length).toBeGreaterThan(5);
      expect(upheld.some((r) => r.dispatchFault)).toBe(true);
      expect(upheld.some((r) => !r.dispatchFault)).toBe(true);
      for (const r of upheld) expect(r.note).toContain(unitByKey.get(r.newLeadUnitKey!)!.name);
      // 异议审核 has work: objections of the last day still waiting for their review.
      const waiting = objected.filter((d) => stepsOf(d, 'review_objection').length === 0);
      expect(waiting.length, now.toISOString()).toBeGreaterThanOrEqual(3);
      for (const d of waiting) {
        expect(now.getTime() - stepsOf(d, 'object')[0]!.at.getTime()).toBeLessThan(24 * HOUR);
        expect(['dispatched', 'accepted']).toContain(d.plannedPath.finalState);
      }
    }
  });

  it('has townships whistle for departments: most report in time, some late, some waiting', () => {
    for (const [now, list] of [
      [END, drafts],
      [wednesday, midweek],
    ] as const) {
      let onTime = 0;
      let late = 0;
      let waiting = 0;
      for (const d of list) {
        for (const w of stepsOf(d, 'blow_whistle')) {
          expect(d.plannedPath.leadUnitKey).toBe(w.unitKey);
          const due = w.at.getTime() + w.dueHours * HOUR;
          for (const k of w.summonedKeys) {
            const r = stepsOf(d, 'report_in').find((s) => s.unitKey === k && s.at >= w.at);
            if (!r) {
              if (due > now.getTime()) waiting++;
            } else if (r.at.getTime() > due) late++;
            else onTime++;
          }
        }
      }
      expect(onTime, now.toISOString()).toBeGreaterThan(late);
      expect(late, now.toISOString()).toBeGreaterThan(0);
      expect(waiting, now.toISOString()).toBeGreaterThanOrEqual(2);
    }
  });

  it('passes tickets down to villages and grid workers, and back up before the feedback', () => {
    const down = drafts.flatMap((d) => stepsOf(d, 'pass_down'));
    expect(down.length).toBeGreaterThan(300);
    expect(down.filter((s) => unitByKey.get(s.toUnitKey)?.kind === 'government').length).toBe(
      down.filter((s) => townshipKeys.has(s.unitKey)).length,
    );
    expect(down.filter((s) => s.toUsername !== null).length).toBeGreaterThan(3);
    const all = drafts.flatMap((d) => d.plannedPath.steps);
    expect(all.filter((s) => s.action === 'send_up').length).toBeGreaterThan(100);
    expect(all.filter((s) => s.action === 'pull_back').length).toBeGreaterThan(30);
    expect(all.filter((s) => s.action === 'convene').length).toBeGreaterThan(5);
    // Today, some villages and grids hold tickets they were passed.
    const holding = drafts.filter((d) => {
      const ups = stepsOf(d, 'send_up').length + stepsOf(d, 'pull_back').length;
      return !closed(d) && stepsOf(d, 'pass_down').length > ups;
    });
    expect(holding.length).toBeGreaterThan(3);
  });

  it('transfers, answers repeats with progress and merges duplicates, at intake', () => {
    for (const [now, list] of [
      [END, drafts],
      [wednesday, midweek],
    ] as const) {
      const refs = draftsByRef(list);
      const transfers = list.flatMap((d) => stepsOf(d, 'transfer'));
      expect(transfers.length).toBeGreaterThanOrEqual(5);
      for (const s of transfers) expect(SPECIAL_ROUTES).toContain(s.route);
      expect(new Set(transfers.map((s) => s.route)).size).toBeGreaterThan(1);

      const repeats = list.filter((d) => d.plannedPath.finalState === 'answered_with_progress');
      expect(repeats.length).toBeGreaterThanOrEqual(5);
      for (const d of repeats) {
        const s = stepsOf(d, 'answer_with_progress')[0]!;
        const related = refs.get(s.relatedRef)!;
        expect(related.receivedAt.getTime()).toBeLessThan(d.receivedAt.getTime());
        expect(related.requester.phone).toBe(d.requester.phone);
        expect(related.categoryCode).toBe(d.categoryCode);
        // Still being handled when the requester called again.
        const upTo = { ...related, plannedPath: { ...related.plannedPath } };
        upTo.plannedPath.steps = related.plannedPath.steps.filter((x) => x.at <= s.at);
        expect(HANDLING_STATES.concat(['feedback_given'])).toContain(walk(upTo).state);
        expect(s.answer).toContain(related.title);
      }

      const merged = list.filter((d) => d.plannedPath.finalState === 'merged');
      expect(merged.length).toBeGreaterThanOrEqual(10);
      let relayed = 0;
      for (const d of merged) {
        const m = stepsOf(d, 'merge_into')[0]!;
        const master = refs.get(m.masterRef)!;
        expect(master.plannedPath.finalState).not.toBe('merged');
        expect([master.categoryCode, master.jurisdictionCode]).toEqual([
          d.categoryCode,
          d.jurisdictionCode,
        ]);
        const replies = stepsOf(master, 'send_reply');
        // Merged while the master was open and not replied; every later reply is relayed.
        expect(replies.every((r) => r.at > m.at) || replies.length === 0).toBe(true);
        const later = replies.filter((r) => r.at > m.at && r.at.getTime() <= now.getTime());
        expect(
          stepsOf(d, 'relay_reply').map((r) => [r.at.getTime(), r.replyText, r.masterRef]),
        ).toEqual(later.map((r) => [r.at.getTime(), r.replyText, master.ref]));
        relayed += later.length;
      }
      expect(relayed).toBeGreaterThan(0);
    }
  });
});
