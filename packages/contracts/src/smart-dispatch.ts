// [Insight] smart dispatch (智能分派): the classifier learns the category (at intake) and
// the lead unit (at dispatch) from the district's own closed tickets and suggests the top 3
// with a confidence; what the agent or dispatcher then chose is recorded, which is the
// model's live accuracy. These are the shapes of the suggestions, the models, the outcome
// record, the configuration and the accuracy figures.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, LocalDate, Nullable, Uuid, literalUnion } from './common.js';

export const DISPATCH_TARGETS = ['category', 'unit'] as const;
export type DispatchTarget = (typeof DISPATCH_TARGETS)[number];
const Target = literalUnion(DISPATCH_TARGETS);

/** Why a suggestion list is empty: no model yet (one may be training), or too little text. */
export const SUGGESTION_REASONS = ['no_model', 'training', 'too_short'] as const;
export type SuggestionReason = (typeof SUGGESTION_REASONS)[number];

export const SuggestBody = Type.Object(
  {
    title: Type.Optional(Type.String({ maxLength: 200 })),
    description: Type.String({ maxLength: 8000 }),
    /** Accepted for the form's convenience; the models read the text only. */
    jurisdictionId: Type.Optional(Uuid),
    targets: Type.Optional(
      Type.Array(Target, { minItems: 1, maxItems: 2, uniqueItems: true, default: ['category'] }),
    ),
  },
  { additionalProperties: false },
);
export type SuggestBody = Static<typeof SuggestBody>;

export const SuggestedItem = Type.Object({
  id: Uuid,
  name: Type.String(),
  /** The model's probability, 0–1. */
  score: Type.Number(),
});
export type SuggestedItem = Static<typeof SuggestedItem>;

export const SuggestionSet = Type.Object({
  target: Target,
  modelVersion: Nullable(Type.Integer()),
  items: Type.Array(SuggestedItem),
  reason: Nullable(literalUnion(SUGGESTION_REASONS)),
});
export type SuggestionSet = Static<typeof SuggestionSet>;

export const SuggestResult = Type.Object({ sets: Type.Array(SuggestionSet) });
export type SuggestResult = Static<typeof SuggestResult>;

/** What was shown for a ticket; the server reads what was chosen from the ticket itself. */
export const SuggestionOutcomeBody = Type.Object(
  {
    ticketId: Uuid,
    target: Target,
    modelVersion: Type.Integer({ minimum: 1 }),
    shown: Type.Array(
      Type.Object(
        { id: Uuid, score: Type.Number({ minimum: 0, maximum: 1 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 3 },
    ),
  },
  { additionalProperties: false },
);
export type SuggestionOutcomeBody = Static<typeof SuggestionOutcomeBody>;

export const SuggestionOutcome = Type.Object({
  id: Uuid,
  ticketId: Uuid,
  target: Target,
  chosenId: Uuid,
  /** The chosen one was among those shown. */
  taken: Type.Boolean(),
  /** 1–3, or null when none of those shown was chosen. */
  rank: Nullable(Type.Integer()),
});
export type SuggestionOutcome = Static<typeof SuggestionOutcome>;

export const DispatchModelView = Type.Object({
  target: Target,
  version: Type.Integer(),
  active: Type.Boolean(),
  trainedAt: DateTime,
  trainedBy: Nullable(Type.String()),
  samples: Type.Integer(),
  labels: Type.Integer(),
  /** Held-out texts the figures were measured on (not trained on). */
  holdout: Type.Integer(),
  macroF1: Nullable(Type.Number()),
  accuracy: Nullable(Type.Number()),
  top3Accuracy: Nullable(Type.Number()),
  features: Type.Integer(),
  trainMs: Type.Integer(),
  bytes: Type.Integer(),
});
export type DispatchModelView = Static<typeof DispatchModelView>;

export const DispatchConfig = Type.Object({
  retrainDays: Type.Integer({ minimum: 1, maximum: 365 }),
  minSamples: Type.Integer({ minimum: 20, maximum: 100000 }),
});
export type DispatchConfig = Static<typeof DispatchConfig>;

export const UpdateDispatchConfigBody = Type.Object(
  {
    retrainDays: Type.Integer({ minimum: 1, maximum: 365 }),
    minSamples: Type.Integer({ minimum: 20, maximum: 100000 }),
  },
  { additionalProperties: false },
);
export type UpdateDispatchConfigBody = Static<typeof UpdateDispatchConfigBody>;

export const SmartDispatchOverview = Type.Object({
  config: DispatchConfig,
  /** Active and earlier models, newest first. */
  models: Type.Array(DispatchModelView),
  training: Type.Boolean(),
  mayTrain: Type.Boolean(),
  /** Closed tickets usable for training now, per target. */
  available: Type.Object({ category: Type.Integer(), unit: Type.Integer() }),
});
export type SmartDispatchOverview = Static<typeof SmartDispatchOverview>;

export const TrainDispatchBody = Type.Object(
  { targets: Type.Optional(Type.Array(Target, { minItems: 1, maxItems: 2, uniqueItems: true })) },
  { additionalProperties: false },
);
export type TrainDispatchBody = Static<typeof TrainDispatchBody>;

export const TRAIN_STATUSES = ['trained', 'too_few_samples', 'busy'] as const;
export type TrainStatus = (typeof TRAIN_STATUSES)[number];

export const TrainDispatchResult = Type.Object({
  results: Type.Array(
    Type.Object({
      target: Target,
      status: literalUnion(TRAIN_STATUSES),
      samples: Type.Integer(),
      model: Nullable(DispatchModelView),
    }),
  ),
});
export type TrainDispatchResult = Static<typeof TrainDispatchResult>;

export const DispatchAccuracyQuery = Type.Object(
  { weeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 104, default: 12 })) },
  { additionalProperties: false },
);
export type DispatchAccuracyQuery = Static<typeof DispatchAccuracyQuery>;

export const AccuracyFigures = Type.Object({
  shown: Type.Integer(),
  top1: Type.Integer(),
  top3: Type.Integer(),
  /** top1 / shown, null when nothing was shown. */
  top1Rate: Nullable(Type.Number()),
  top3Rate: Nullable(Type.Number()),
});
export type AccuracyFigures = Static<typeof AccuracyFigures>;

export const DispatchAccuracy = Type.Object({
  from: DateTime,
  totals: Type.Array(Type.Intersect([Type.Object({ target: Target }), AccuracyFigures])),
  /** Per local ISO week (its Monday) and target, oldest first. */
  weeks: Type.Array(
    Type.Intersect([Type.Object({ week: LocalDate, target: Target }), AccuracyFigures]),
  ),
  /** The most common misses: the first suggestion against what was chosen. */
  misses: Type.Array(
    Type.Object({
      target: Target,
      suggested: Type.Object({ id: Type.String(), name: Type.String() }),
      chosen: Type.Object({ id: Type.String(), name: Type.String() }),
      count: Type.Integer(),
    }),
  ),
});
export type DispatchAccuracy = Static<typeof DispatchAccuracy>;

/** Server-side strings of smart dispatch (the Excel export), zh-CN. */
export const smartDispatchMessages = {
  target: { category: '诉求分类', unit: '主办单位' } satisfies Record<DispatchTarget, string>,
  sheetWeeks: '按周',
  sheetMisses: '常见未采纳',
  sheetModels: '模型',
  weekHeader: ['周(周一)', '对象', '推荐次数', '首选采纳', '前三采纳', '首选采纳率', '前三采纳率'],
  missHeader: ['对象', '首选推荐', '实际选择', '次数'],
  modelHeader: [
    '对象',
    '版本',
    '启用',
    '训练时间',
    '样本数',
    '类别数',
    '留出样本',
    '宏平均F1',
    '准确率',
    '前三准确率',
    '训练耗时(毫秒)',
  ],
  yes: '是',
  no: '否',
  fileName: '智能分派准确率.xlsx',
};
