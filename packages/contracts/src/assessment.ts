// [Assessment] 三率考核: each unit's month — response, resolution and satisfaction
// rates and their weighted composite, with on-time completion, returns and
// reopened tickets beside them — read from the daily rollups kept from the
// event trail, ranked within its peer group above a minimum volume. The
// district's weights and minimum volume are versioned configuration.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Ref, Uuid, literalUnion } from './common.js';
import {
  AssessmentVersionQueryField,
  UnitAssessmentReviewRowFields,
  UnitAssessmentReviewViewFields,
} from './assessment-review.js';

export const UNIT_PEER_GROUPS = ['township', 'department', 'village'] as const;
export type UnitPeerGroup = (typeof UNIT_PEER_GROUPS)[number];

const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const Weight = Type.Number({ minimum: 0, maximum: 100 });

export const UnitAssessmentWeights = Type.Object(
  { response: Weight, resolution: Weight, satisfaction: Weight },
  { additionalProperties: false },
);
export type UnitAssessmentWeights = Static<typeof UnitAssessmentWeights>;

export const UnitAssessmentConfigBody = Type.Object(
  {
    /** The first month the version applies to. */
    effectiveFrom: Month,
    weights: UnitAssessmentWeights,
    /** What a 基本满意 counts for in the satisfaction rate (满意 counts 1). */
    basicallySatisfiedWeight: Type.Number({ minimum: 0, maximum: 1 }),
    /** Units with fewer dispatched tickets in the month are shown but not ranked. */
    minVolume: Type.Integer({ minimum: 0, maximum: 100000 }),
    /** How many of the lowest ranked are flagged (末位). */
    bottomN: Type.Integer({ minimum: 0, maximum: 50 }),
    /** A request repeats one of the same requester on the same matter within these days (default 30). */
    repeatWindowDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
    reason: Type.String({ minLength: 2, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type UnitAssessmentConfigBody = Static<typeof UnitAssessmentConfigBody>;

export const UnitAssessmentConfigView = Type.Object({
  ...UnitAssessmentConfigBody.properties,
  repeatWindowDays: Type.Integer({ minimum: 1, maximum: 365 }),
  /** 0 for the built-in default (no version saved yet). */
  version: Type.Integer(),
  reason: Type.String(),
  createdAt: Nullable(DateTime),
  createdBy: Nullable(Ref),
});
export type UnitAssessmentConfigView = Static<typeof UnitAssessmentConfigView>;

export const UnitAssessmentConfigList = Type.Object({
  current: UnitAssessmentConfigView,
  versions: Type.Array(UnitAssessmentConfigView),
  canEdit: Type.Boolean(),
});
export type UnitAssessmentConfigList = Static<typeof UnitAssessmentConfigList>;

export const UnitAssessmentQuery = Type.Object(
  {
    month: Month,
    group: literalUnion(UNIT_PEER_GROUPS),
    /** For the village group: the township (its jurisdiction) whose villages are compared. */
    townshipId: Type.Optional(Uuid),
    ...AssessmentVersionQueryField,
  },
  { additionalProperties: false },
);
export type UnitAssessmentQuery = Static<typeof UnitAssessmentQuery>;

const Rate = Nullable(Type.Number({ minimum: 0, maximum: 1 }));
const Count = Type.Integer({ minimum: 0 });

export const UnitAssessmentRow = Type.Object({
  unit: Ref,
  /** The township a village belongs to (village group). */
  township: Nullable(Ref),
  /** Dispatched to the unit as lead in the month: the volume beside every rate. */
  volume: Count,
  accepted: Count,
  acceptedOnTime: Count,
  completed: Count,
  completedOnTime: Count,
  calledBack: Count,
  rated: Count,
  solved: Count,
  satisfied: Count,
  basicallySatisfied: Count,
  dissatisfied: Count,
  returns: Count,
  returnsFault: Count,
  reopened: Count,
  /** Feedback given after the completion deadline in the month. */
  completedLate: Count,
  /** Open tickets led by the unit past their completion deadline now (the current month only). */
  overdueOpen: Nullable(Count),
  /** completedLate + overdueOpen: the overdue count. */
  overdue: Count,
  /** Dispatched tickets repeating the same requester's request on the matter within the window. */
  repeats: Count,
  /** 下交群评 cases settled on the ledger in the month. */
  delegatedSettled: Count,
  /** Proactive actions (未诉先办): patrol reports in the unit's area, as tickets or settled on the spot; null for departments. */
  proactive: Nullable(Count),
  responseRate: Rate,
  resolutionRate: Rate,
  satisfactionRate: Rate,
  /** Weighted composite of the three rates, 0–100; null when a rate has no base. */
  composite: Nullable(Type.Number()),
  onTimeRate: Rate,
  /** Dispatched per 10,000 residents of the unit's place (governments with a population). */
  per10k: Nullable(Type.Number()),
  /** Rank within the peer group (1 = best); null below the minimum volume or without a composite. */
  rank: Nullable(Type.Integer()),
  /** Among the lowest `bottomN` ranked: flagged for a talk (末位约谈). */
  bottom: Type.Boolean(),
  ...UnitAssessmentReviewRowFields,
});
export type UnitAssessmentRow = Static<typeof UnitAssessmentRow>;

export const UnitAssessmentFigure = Type.Object({
  key: Type.String(),
  label: Type.String(),
  definition: Type.String(),
});

export const UnitAssessmentView = Type.Object({
  month: Month,
  /** How many months from `month` the figures cover (1, or 3 for a quarter). */
  months: Type.Integer({ minimum: 1, maximum: 12 }),
  group: literalUnion(UNIT_PEER_GROUPS),
  township: Nullable(Ref),
  /** Townships whose villages can be compared (for the village group's picker). */
  townships: Type.Array(Ref),
  config: UnitAssessmentConfigView,
  /** How many units were ranked (volume ≥ minimum and every rate defined). */
  ranked: Type.Integer(),
  items: Type.Array(UnitAssessmentRow),
  /** The definition of every figure, shown next to it. */
  figures: Type.Array(UnitAssessmentFigure),
  /** Where the figures come from. */
  source: Type.Literal('rollups'),
  ...UnitAssessmentReviewViewFields,
});
export type UnitAssessmentView = Static<typeof UnitAssessmentView>;

/** The definition of every figure (zh-CN), sent with the assessment and shown beside it. */
export const UNIT_ASSESSMENT_FIGURES: ReadonlyArray<Static<typeof UnitAssessmentFigure>> = [
  {
    key: 'volume',
    label: '派单量',
    definition:
      '当月派给该单位主办的工单次数:派单、异议成立后改派给该单位、回访未解决后重办各计一次。每项比率旁均显示此量。',
  },
  {
    key: 'responseRate',
    label: '响应率',
    definition: '当月在响应时限内签收的次数 ÷ 当月派单量(最高 100%)。未设响应时限的工单按时计。',
  },
  {
    key: 'resolutionRate',
    label: '解决率',
    definition: '当月回访和群众评价中答复“已解决”的次数 ÷ 当月回访和评价总次数。',
  },
  {
    key: 'satisfactionRate',
    label: '满意率',
    definition:
      '(满意次数 + 基本满意次数 × 基本满意权重)÷ 当月回访和评价总次数;基本满意权重由本区考核配置规定。',
  },
  {
    key: 'composite',
    label: '综合得分',
    definition:
      '响应率、解决率、满意率按本区考核配置的权重加权平均,折算为百分制;三项比率任一无基数时不计算。',
  },
  {
    key: 'onTimeRate',
    label: '按期办结率',
    definition: '当月在办结时限内反馈办理结果的次数 ÷ 当月反馈次数。未设办结时限的工单按期计。',
  },
  {
    key: 'returns',
    label: '退单',
    definition: '当月该单位提出异议并经审核成立(退单)的次数;括号内为其中认定派单有误的次数。',
  },
  { key: 'reopened', label: '重办', definition: '当月回访未解决、退回该单位重新办理的次数。' },
  {
    key: 'overdue',
    label: '超期',
    definition:
      '当月超过办结时限才反馈的次数,加上(仅当月)目前仍未反馈且已超过办结时限的在办工单数。',
  },
  {
    key: 'repeats',
    label: '重复诉求',
    definition:
      '当月派给该单位的工单中,同一诉求人在重复诉求认定期内(考核配置规定,默认 30 天)已就同一事项(末级分类)提出过诉求的件数。',
  },
  {
    key: 'delegatedSettled',
    label: '下交化解',
    definition: '当月经村民议事(下交群评)化解、挂账销号的案件数。',
  },
  {
    key: 'proactive',
    label: '主动治理',
    definition:
      '当月该单位辖区内网格员巡查上报的事项数(三必到、四必报),含转为工单和现场办结(未诉先办);委办局不计。',
  },
  {
    key: 'per10k',
    label: '万人诉求比',
    definition: '当月派单量 ÷ 该单位所辖常住人口 × 10000(仅限有人口数据的乡镇、村社区)。',
  },
  {
    key: 'rank',
    label: '排名',
    definition:
      '仅在同类单位(街乡镇之间、委办局之间、同一乡镇的村社区之间)比较;派单量低于最低派单量或比率无基数的单位不参与排名。参与排名的单位多于末位名数时,末位若干名(并列者一并)标记为约谈对象。',
  },
];

// ── 双向考核: the dispatch centre scored too ────────────────────────────────

export const CentreAssessmentQuery = Type.Object(
  { month: Month, months: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 })) },
  { additionalProperties: false },
);
export type CentreAssessmentQuery = Static<typeof CentreAssessmentQuery>;

export const CentreAssessmentMonth = Type.Object({
  month: Month,
  /** Every dispatch to a lead unit in the month: first, after an upheld objection, after 重办. */
  dispatched: Count,
  /** Upheld objections where the reviewer found the dispatch at fault. */
  faultedReturns: Count,
  /** 1 − faultedReturns / dispatched. */
  accuracy: Rate,
  /** Upheld objections: the ticket had to go to another unit (改派). */
  reassignments: Count,
  reassignmentRate: Rate,
  /** First dispatches and the mean minutes from receipt to them. */
  firstDispatched: Count,
  meanMinutesToDispatch: Nullable(Type.Number({ minimum: 0 })),
});
export type CentreAssessmentMonth = Static<typeof CentreAssessmentMonth>;

export const CentreAssessmentView = Type.Object({
  month: Month,
  current: CentreAssessmentMonth,
  /** The months up to and including `month`, oldest first. */
  trend: Type.Array(CentreAssessmentMonth),
  figures: Type.Array(UnitAssessmentFigure),
  source: Type.Literal('rollups'),
});
export type CentreAssessmentView = Static<typeof CentreAssessmentView>;

/** The definition of every figure of the dispatch centre's assessment (zh-CN). */
export const CENTRE_ASSESSMENT_FIGURES: ReadonlyArray<Static<typeof UnitAssessmentFigure>> = [
  {
    key: 'accuracy',
    label: '派单准确率',
    definition: '1 − 当月经审核认定派单有误的退单次数 ÷ 当月派单次数(含改派、重办)。',
  },
  {
    key: 'meanMinutesToDispatch',
    label: '平均派单用时',
    definition: '当月首次派单的工单,自受理(登记)到派单的平均分钟数。',
  },
  {
    key: 'reassignments',
    label: '改派',
    definition: '当月承办单位异议成立、工单改派给其他单位的次数;改派率 = 改派次数 ÷ 派单次数。',
  },
  {
    key: 'dispatched',
    label: '派单次数',
    definition: '当月派给主办单位的次数:首次派单、异议成立后改派、回访未解决后重办各计一次。',
  },
];
