// [Grid] 网格员考核: each grid worker's month — patrols done vs due, visits done
// vs due, reports made, tickets handled on time — turned into a score by the
// district's formula (base + grade factor × Σ weight × rate), ranked per
// township. The formula is versioned: an administrator saves a new version.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Ref, Uuid } from './common.js';

const Weight = Type.Number({ minimum: 0, maximum: 100 });
const Factor = Type.Number({ minimum: 0, maximum: 5 });

export const AssessmentWeights = Type.Object(
  { patrols: Weight, visits: Weight, reports: Weight, tickets: Weight },
  { additionalProperties: false },
);
export const GradeFactors = Type.Object(
  { A: Factor, B: Factor, C: Factor },
  { additionalProperties: false },
);

export const AssessmentFormulaBody = Type.Object(
  {
    base: Type.Number({ minimum: 0, maximum: 1000 }),
    weights: AssessmentWeights,
    gradeFactors: GradeFactors,
    /** Reports a month that count as full marks for the reports figure. */
    reportTarget: Type.Integer({ minimum: 1, maximum: 100 }),
    note: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type AssessmentFormulaBody = Static<typeof AssessmentFormulaBody>;

export const AssessmentFormulaView = Type.Object({
  ...AssessmentFormulaBody.properties,
  /** 0 for the built-in default (no version saved yet). */
  version: Type.Integer(),
  note: Nullable(Type.String()),
  createdAt: Nullable(DateTime),
  createdBy: Nullable(Ref),
});
export type AssessmentFormulaView = Static<typeof AssessmentFormulaView>;

export const AssessmentFormulaList = Type.Object({
  current: AssessmentFormulaView,
  versions: Type.Array(AssessmentFormulaView),
  canEdit: Type.Boolean(),
});
export type AssessmentFormulaList = Static<typeof AssessmentFormulaList>;

export const AssessmentQuery = Type.Object(
  {
    month: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' })),
    townshipId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type AssessmentQuery = Static<typeof AssessmentQuery>;

const Rate = Type.Number({ minimum: 0, maximum: 1 });

export const AssessmentRow = Type.Object({
  worker: Ref,
  grids: Type.Array(Type.Object({ id: Uuid, name: Type.String(), grade: Nullable(Type.String()) })),
  village: Nullable(Ref),
  township: Nullable(Ref),
  factor: Type.Number(),
  patrolsDue: Type.Integer(),
  patrolsDone: Type.Integer(),
  visitsDue: Type.Integer(),
  visitsDone: Type.Integer(),
  reports: Type.Integer(),
  ticketsHandled: Type.Integer(),
  ticketsOnTime: Type.Integer(),
  rates: Type.Object({ patrols: Rate, visits: Rate, reports: Rate, tickets: Rate }),
  score: Type.Number(),
  /** Rank among the workers of the same township (1 = best; ties share). */
  rank: Type.Integer(),
  rankOf: Type.Integer(),
});
export type AssessmentRow = Static<typeof AssessmentRow>;

export const AssessmentView = Type.Object({
  month: Type.String(),
  /** The last day counted (yesterday during the month; the month's last day after it). */
  asOf: Type.String(),
  monthComplete: Type.Boolean(),
  formula: AssessmentFormulaView,
  items: Type.Array(AssessmentRow),
});
export type AssessmentView = Static<typeof AssessmentView>;
