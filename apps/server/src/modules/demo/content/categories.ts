// The demo category tree (three levels) with, on each leaf, the hints the dispatch catalogue and
// the time-limit policy are built from.
import type { TimeLimit, Urgency } from '@jiesu/contracts';
import {
  CATALOGUE,
  catalogueLeaves,
  type Area,
  type DispatchTarget,
  type UtilityKind,
} from './catalogue.js';
import type { SectionSlug } from './org.js';

export type { Area, DispatchTarget, UtilityKind } from './catalogue.js';

export interface DemoLeafRule {
  /** Department key, or 'township' / 'village' for the territorial government of the place. */
  dispatchTo: DispatchTarget;
  /** Township sections that usually handle it when the township leads, preferred first. */
  sections: SectionSlug[];
  /** Units often joined as co-units (一单多派); same notation as `dispatchTo`. */
  coUnits: DispatchTarget[];
  /** Typical urgency mix; the shares sum to 1. */
  urgencyMix: Record<Urgency, number>;
  /** Water, power, gas or heating: the short 24-hour limit applies. */
  utility: UtilityKind | null;
  /** A complex matter: the long limit applies. */
  complex: boolean;
  /** Where such requests arise: any village, rural only, mountain only, urban only. */
  area: Area;
}

export interface DemoCategory {
  /** '01', '0102', '010203'. */
  code: string;
  name: string;
  level: 1 | 2 | 3;
  parentCode: string | null;
  /** Order among siblings, from 1. */
  sortOrder: number;
  /** Leaves only. */
  rule: DemoLeafRule | null;
}

export interface DemoTimeLimitPolicy {
  /** A category (leaf, or a branch applying to its leaves) or null for every category. */
  categoryCode: string | null;
  urgency: Urgency | null;
  response: TimeLimit;
  completion: TimeLimit;
  /** Why this row exists, for the administrator's screen. */
  note: string;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The tree, flat, parents before children. */
export function demoCategories(): DemoCategory[] {
  const out: DemoCategory[] = [];
  CATALOGUE.forEach((root, ri) => {
    const rootCode = pad2(ri + 1);
    out.push({
      code: rootCode,
      name: root.name,
      level: 1,
      parentCode: null,
      sortOrder: ri + 1,
      rule: null,
    });
    root.branches.forEach((branch, bi) => {
      const branchCode = rootCode + pad2(bi + 1);
      out.push({
        code: branchCode,
        name: branch.name,
        level: 2,
        parentCode: rootCode,
        sortOrder: bi + 1,
        rule: null,
      });
      branch.leaves.forEach((leaf, li) => {
        const [emergency, urgent, normal] = leaf.urgency;
        out.push({
          code: branchCode + pad2(li + 1),
          name: leaf.name,
          level: 3,
          parentCode: branchCode,
          sortOrder: li + 1,
          rule: {
            dispatchTo: leaf.to,
            sections: [...(leaf.sections ?? [])],
            coUnits: [...(leaf.co ?? [])],
            urgencyMix: { emergency, urgent, normal },
            utility: leaf.utility ?? null,
            complex: leaf.complex ?? false,
            area: leaf.area,
          },
        });
      });
    });
  });
  return out;
}

const hours = (amount: number): TimeLimit => ({ amount, unit: 'calendar_hours' });
const workingHours = (amount: number): TimeLimit => ({ amount, unit: 'working_hours' });
const workingDays = (amount: number): TimeLimit => ({ amount, unit: 'working_days' });

/**
 * Time limits after RULES.md (Beijing practice, configurable): emergency 2 hours; water, power,
 * gas and heating 24 hours; general 7 days (5 working days); complex 15 days (10 working days).
 *
 * Matching: the most specific row wins — (category, urgency) over (category, null) over
 * (null, urgency) over (null, null); a category row applies to its descendants, the nearest
 * ancestor first. Emergency rows are repeated on the special categories so that the order
 * between "category" and "urgency" never decides anything.
 */
export function demoTimeLimitPolicies(): DemoTimeLimitPolicy[] {
  const rows: DemoTimeLimitPolicy[] = [
    {
      categoryCode: null,
      urgency: null,
      response: workingHours(2),
      completion: workingDays(5),
      note: '一般诉求：2个工作小时内响应，5个工作日内办结（约7个自然日）',
    },
    {
      categoryCode: null,
      urgency: 'urgent',
      response: hours(1),
      completion: workingDays(3),
      note: '紧急程度为“急”：1小时内响应，3个工作日内办结',
    },
    {
      categoryCode: null,
      urgency: 'emergency',
      response: hours(0.5),
      completion: hours(2),
      note: '紧急诉求：30分钟内响应，2小时内办结',
    },
  ];
  for (const leaf of catalogueLeaves()) {
    const { spec, code } = leaf;
    if (spec.utility) {
      rows.push(
        {
          categoryCode: code,
          urgency: null,
          response: hours(1),
          completion: hours(24),
          note: `水电气热（${spec.name}）：1小时内响应，24小时内办结`,
        },
        {
          categoryCode: code,
          urgency: 'emergency',
          response: hours(0.5),
          completion: hours(2),
          note: `水电气热（${spec.name}）紧急：30分钟内响应，2小时内办结`,
        },
      );
    } else if (spec.complex) {
      rows.push(
        {
          categoryCode: code,
          urgency: null,
          response: workingHours(2),
          completion: workingDays(10),
          note: `复杂诉求（${spec.name}）：2个工作小时内响应，10个工作日内办结（约15个自然日）`,
        },
        {
          categoryCode: code,
          urgency: 'urgent',
          response: hours(1),
          completion: workingDays(5),
          note: `复杂诉求（${spec.name}）急件：1小时内响应，5个工作日内办结`,
        },
        {
          categoryCode: code,
          urgency: 'emergency',
          response: hours(0.5),
          completion: hours(2),
          note: `复杂诉求（${spec.name}）紧急：30分钟内响应，2小时内先期处置`,
        },
      );
    }
  }
  return rows;
}
