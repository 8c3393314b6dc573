// [Assessment] civility points (乡风文明积分): a per-household ledger under rules a
// district configures (some earned or lost by hand, some by ticket events such as
// taking part in a village deliberation), and a quarterly ranking per village that
// residents read on a public page (address and masked surname only).
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Page, PageQuery, Ref, Uuid, literalUnion } from './common.js';

export const CIVILITY_RULE_KINDS = ['manual', 'event'] as const;
export type CivilityRuleKind = (typeof CIVILITY_RULE_KINDS)[number];

/**
 * The ticket events a rule may be tied to:
 * - `deliberation_session`: a village deliberation session was held (`hold_session`); every
 *   household with a member among the named participants (one household of the village by
 *   that name) earns it, once per case;
 * - `deliberation_settled`: the case was settled by deliberation (`settle_deliberation`);
 *   the requester's household (by phone) earns it;
 * - `report_confirmed`: a resident's report (ticket type 报告) was accepted by the handling
 *   unit (`accept`); the requester's household (by phone) earns it.
 */
export const CIVILITY_TRIGGERS = [
  'deliberation_session',
  'deliberation_settled',
  'report_confirmed',
] as const;
export type CivilityTrigger = (typeof CIVILITY_TRIGGERS)[number];

export const CIVILITY_SOURCES = ['manual', 'auto', 'reversal'] as const;
export type CivilitySource = (typeof CIVILITY_SOURCES)[number];

/** A quarter in the district's local time, `2026-Q4`. */
export const Quarter = Type.String({ pattern: '^\\d{4}-Q[1-4]$', description: 'YYYY-Qn' });

export const CivilityRuleView = Type.Object({
  id: Uuid,
  code: Type.String(),
  label: Type.String(),
  points: Type.Integer(),
  kind: literalUnion(CIVILITY_RULE_KINDS),
  trigger: Nullable(literalUnion(CIVILITY_TRIGGERS)),
  /** At most this many entries of the rule per household per quarter; null: no cap. */
  maxPerQuarter: Nullable(Type.Integer()),
  active: Type.Boolean(),
  version: Type.Integer(),
  updatedAt: DateTime,
  updatedBy: Nullable(Ref),
});
export type CivilityRuleView = Static<typeof CivilityRuleView>;

export const CivilityRuleList = Type.Object({
  items: Type.Array(CivilityRuleView),
  canEdit: Type.Boolean(),
});
export type CivilityRuleList = Static<typeof CivilityRuleList>;

const ruleFields = {
  label: Type.String({ minLength: 2, maxLength: 40 }),
  points: Type.Integer({ minimum: -100, maximum: 100, description: '不为 0' }),
  kind: literalUnion(CIVILITY_RULE_KINDS),
  trigger: Type.Optional(Nullable(literalUnion(CIVILITY_TRIGGERS))),
  maxPerQuarter: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100 }))),
  active: Type.Optional(Type.Boolean()),
};

export const CreateCivilityRuleBody = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$', description: '小写字母、数字、下划线' }),
    ...ruleFields,
  },
  { additionalProperties: false },
);
export type CreateCivilityRuleBody = Static<typeof CreateCivilityRuleBody>;

export const UpdateCivilityRuleBody = Type.Object(ruleFields, { additionalProperties: false });
export type UpdateCivilityRuleBody = Static<typeof UpdateCivilityRuleBody>;

export const CivilityRuleVersion = Type.Object({
  version: Type.Integer(),
  label: Type.String(),
  points: Type.Integer(),
  kind: literalUnion(CIVILITY_RULE_KINDS),
  trigger: Nullable(literalUnion(CIVILITY_TRIGGERS)),
  maxPerQuarter: Nullable(Type.Integer()),
  active: Type.Boolean(),
  changedAt: DateTime,
  changedBy: Nullable(Ref),
});
export type CivilityRuleVersion = Static<typeof CivilityRuleVersion>;

export const CivilityRuleHistory = Type.Object({ items: Type.Array(CivilityRuleVersion) });
export type CivilityRuleHistory = Static<typeof CivilityRuleHistory>;

/** A household as the points pages show it: its address and the head's masked name. */
export const CivilityHouseholdView = Type.Object({
  id: Uuid,
  address: Type.String(),
  grid: Ref,
  village: Ref,
  /** The head of household (户主), masked (王**); null when none is recorded. */
  head: Nullable(Type.String()),
  /** Net points in the quarter asked for. */
  quarterPoints: Type.Integer(),
  quarterEntries: Type.Integer(),
  /** Net points over all time. */
  totalPoints: Type.Integer(),
  canEnter: Type.Boolean(),
});
export type CivilityHouseholdView = Static<typeof CivilityHouseholdView>;

export const CivilityHouseholdListQuery = Type.Object(
  {
    villageId: Type.Optional(Uuid),
    gridId: Type.Optional(Uuid),
    quarter: Type.Optional(Quarter),
    q: Type.Optional(Type.String({ maxLength: 60, description: '地址' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type CivilityHouseholdListQuery = Static<typeof CivilityHouseholdListQuery>;

export const CivilityHouseholdList = Type.Object({
  ...Page(CivilityHouseholdView).properties,
  quarter: Quarter,
});
export type CivilityHouseholdList = Static<typeof CivilityHouseholdList>;

export const CivilityEntryView = Type.Object({
  id: Uuid,
  rule: Type.Object({ id: Uuid, code: Type.String(), label: Type.String() }),
  points: Type.Integer(),
  reason: Type.String(),
  source: literalUnion(CIVILITY_SOURCES),
  ticket: Nullable(Type.Object({ id: Uuid, code: Type.String() })),
  /** The entry this one reverses. */
  reversesId: Nullable(Uuid),
  /** The entry that reversed this one. */
  reversedBy: Nullable(Uuid),
  batchId: Nullable(Uuid),
  recordedBy: Nullable(Ref),
  at: DateTime,
  quarter: Quarter,
});
export type CivilityEntryView = Static<typeof CivilityEntryView>;

export const CivilityLedger = Type.Object({
  household: CivilityHouseholdView,
  items: Type.Array(CivilityEntryView),
});
export type CivilityLedger = Static<typeof CivilityLedger>;

export const CivilityLedgerQuery = Type.Object(
  { quarter: Type.Optional(Quarter) },
  { additionalProperties: false },
);
export type CivilityLedgerQuery = Static<typeof CivilityLedgerQuery>;

export const AddCivilityEntriesBody = Type.Object(
  {
    /** One household, or several for a bulk entry (one batch). */
    householdIds: Type.Array(Uuid, { minItems: 1, maxItems: 200, uniqueItems: true }),
    ruleId: Uuid,
    reason: Type.String({ minLength: 2, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type AddCivilityEntriesBody = Static<typeof AddCivilityEntriesBody>;

export const AddCivilityEntriesResult = Type.Object({
  batchId: Nullable(Uuid),
  items: Type.Array(CivilityEntryView),
});
export type AddCivilityEntriesResult = Static<typeof AddCivilityEntriesResult>;

export const ReverseCivilityEntryBody = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 500 }) },
  { additionalProperties: false },
);
export type ReverseCivilityEntryBody = Static<typeof ReverseCivilityEntryBody>;

export const CivilityPlaces = Type.Object({
  villages: Type.Array(
    Type.Object({ id: Uuid, name: Type.String(), township: Type.String(), grids: Type.Array(Ref) }),
  ),
  quarter: Quarter,
  /** The current and the previous quarters, newest first. */
  quarters: Type.Array(Quarter),
});
export type CivilityPlaces = Static<typeof CivilityPlaces>;

export const CivilityRankingQuery = Type.Object(
  { villageId: Uuid, quarter: Type.Optional(Quarter) },
  { additionalProperties: false },
);
export type CivilityRankingQuery = Static<typeof CivilityRankingQuery>;

export const CivilityExportQuery = Type.Object(
  { villageId: Type.Optional(Uuid), quarter: Type.Optional(Quarter) },
  { additionalProperties: false },
);
export type CivilityExportQuery = Static<typeof CivilityExportQuery>;

/** One line of the public board: never a name or a phone. */
export const PublicCivilityRank = Type.Object({
  rank: Type.Integer(),
  /** The household's address (幸福村3组12号). */
  label: Type.String(),
  /** The head's surname, masked (王**). */
  head: Type.String(),
  points: Type.Integer(),
});
export type PublicCivilityRank = Static<typeof PublicCivilityRank>;

export const PublicCivilityRanking = Type.Object({
  village: Ref,
  quarter: Quarter,
  quarters: Type.Array(Quarter),
  items: Type.Array(PublicCivilityRank),
  /** Households ranked in all (the board shows the first 50). */
  total: Type.Integer(),
});
export type PublicCivilityRanking = Static<typeof PublicCivilityRanking>;

export const PublicCivilityVillages = Type.Object({
  items: Type.Array(Type.Object({ id: Uuid, name: Type.String(), township: Type.String() })),
});
export type PublicCivilityVillages = Static<typeof PublicCivilityVillages>;

export const civilityMessages = {
  sheet: '文明积分排名',
  col: {
    village: '村(社区)',
    quarter: '季度',
    rank: '名次',
    address: '住户',
    grid: '网格',
    head: '户主',
    points: '积分',
    entries: '记录条数',
  },
  ruleCodeTaken: '规则编码已存在',
  triggerRequired: '事件规则须选择触发事件',
  triggerNotAllowed: '手工规则不能设置触发事件',
  ruleNotManual: '该规则由工单事件自动计分,不能手工录入',
  ruleInactive: '该规则已停用',
  capReached: '{address} 本季度“{rule}”已达上限 {n} 次',
  alreadyReversed: '该记录已被冲正',
  reversalNotReversible: '冲正记录不能再冲正',
  householdNotFound: '住户不存在或不在本村(社区)',
  notVillage: '请选择村(社区)',
} as const;
