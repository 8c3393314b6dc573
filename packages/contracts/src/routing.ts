// The dispatch catalogue (派单目录): rules category × jurisdiction → responsible unit,
// their change history, the Excel exchange format, and the lead-unit suggestions a
// dispatcher sees for a ticket (the catalogue's answer first, then history).
import { Type, type Static } from '@sinclair/typebox';
import { JURISDICTION_LEVELS, RULE_TARGETS } from './enums.js';
import { DateTime, Nullable, Page, PageQuery, Ref, Uuid, literalUnion } from './common.js';

/** The territorial targets: the government of the ticket's township, or of its village. */
export const TERRITORIAL_TARGETS = ['territorial_township', 'territorial_village'] as const;
export type TerritorialTarget = (typeof TERRITORIAL_TARGETS)[number];

export const RULE_CHANGES = ['create', 'update', 'delete', 'import'] as const;
export type RuleChange = (typeof RULE_CHANGES)[number];

/** The columns of the catalogue workbook, in order; import reads the same headers. */
export const CATALOGUE_COLUMNS = [
  '分类编码',
  '分类',
  '区域编码',
  '区域',
  '承办方式',
  '承办单位',
  '协办单位',
  '备注',
] as const;

const Note = Type.String({ maxLength: 500 });

export const DispatchRuleBody = Type.Object(
  {
    categoryId: Uuid,
    jurisdictionId: Uuid,
    target: literalUnion(RULE_TARGETS, '承办方式:指定单位,或工单所在街乡镇/村社区的政府'),
    unitId: Type.Optional(Nullable(Uuid)),
    coUnitIds: Type.Optional(Type.Array(Uuid, { maxItems: 10, uniqueItems: true })),
    coTerritorial: Type.Optional(
      Type.Array(literalUnion(TERRITORIAL_TARGETS), { maxItems: 2, uniqueItems: true }),
    ),
    note: Type.Optional(Nullable(Note)),
  },
  { additionalProperties: false },
);
export type DispatchRuleBody = Static<typeof DispatchRuleBody>;

export const UpdateDispatchRuleBody = Type.Object(
  {
    ...DispatchRuleBody.properties,
    expectedVersion: Type.Integer({
      minimum: 1,
      description: '读取时的版本号;已被他人修改时返回 409',
    }),
  },
  { additionalProperties: false },
);
export type UpdateDispatchRuleBody = Static<typeof UpdateDispatchRuleBody>;

export const DeleteDispatchRuleQuery = Type.Object(
  { expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);

export const DispatchRuleQuery = Type.Object(
  {
    ...PageQuery,
    categoryId: Type.Optional(Uuid),
    jurisdictionId: Type.Optional(Uuid),
    unitId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type DispatchRuleQuery = Static<typeof DispatchRuleQuery>;

const CodeRef = Type.Object({ id: Uuid, code: Type.String(), name: Type.String() });

export const DispatchRuleView = Type.Object({
  id: Uuid,
  category: CodeRef,
  jurisdiction: Type.Object({
    id: Uuid,
    code: Type.String(),
    name: Type.String(),
    level: literalUnion(JURISDICTION_LEVELS),
  }),
  target: literalUnion(RULE_TARGETS),
  unit: Nullable(Ref),
  coUnits: Type.Array(Ref),
  coTerritorial: Type.Array(literalUnion(TERRITORIAL_TARGETS)),
  note: Nullable(Type.String()),
  version: Type.Integer(),
  updatedAt: DateTime,
  updatedBy: Nullable(Ref),
});
export type DispatchRuleView = Static<typeof DispatchRuleView>;

export const DispatchRuleList = Page(DispatchRuleView);
export type DispatchRuleList = Static<typeof DispatchRuleList>;

/** A rule as it was at one moment, names included so that history reads after renames. */
export const DispatchRuleSnapshot = Type.Object({
  categoryId: Uuid,
  categoryCode: Type.String(),
  categoryName: Type.String(),
  jurisdictionId: Uuid,
  jurisdictionCode: Type.String(),
  jurisdictionName: Type.String(),
  target: literalUnion(RULE_TARGETS),
  unitId: Nullable(Uuid),
  unitName: Nullable(Type.String()),
  coUnitIds: Type.Array(Uuid),
  coUnitNames: Type.Array(Type.String()),
  coTerritorial: Type.Array(literalUnion(TERRITORIAL_TARGETS)),
  note: Nullable(Type.String()),
  version: Type.Integer(),
});
export type DispatchRuleSnapshot = Static<typeof DispatchRuleSnapshot>;

export const DispatchRuleChangeView = Type.Object({
  id: Type.String(),
  ruleId: Uuid,
  change: literalUnion(RULE_CHANGES),
  before: Nullable(DispatchRuleSnapshot),
  after: Nullable(DispatchRuleSnapshot),
  changedBy: Nullable(Ref),
  changedAt: DateTime,
});
export type DispatchRuleChangeView = Static<typeof DispatchRuleChangeView>;

export const DispatchRuleChangeQuery = Type.Object(
  { ...PageQuery, ruleId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export type DispatchRuleChangeQuery = Static<typeof DispatchRuleChangeQuery>;

export const DispatchRuleChangeList = Page(DispatchRuleChangeView);
export type DispatchRuleChangeList = Static<typeof DispatchRuleChangeList>;

export const CatalogueImportResult = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
});
export type CatalogueImportResult = Static<typeof CatalogueImportResult>;

/**
 * A suggested lead unit for a ticket. `catalogue`: the dispatch catalogue's answer
 * (at most one, always first, with its co-units and the rule it came from);
 * `history`: units that led this category before, best first.
 */
export const UnitSuggestion = Type.Object({
  source: literalUnion(['catalogue', 'history'] as const),
  unit: Ref,
  coUnits: Type.Array(Ref),
  /** Earlier tickets of this category the unit led (last year). */
  count: Type.Integer(),
  share: Type.Number(),
  rule: Nullable(
    Type.Object({
      id: Uuid,
      category: Ref,
      jurisdiction: Ref,
      target: literalUnion(RULE_TARGETS),
    }),
  ),
});
export type UnitSuggestion = Static<typeof UnitSuggestion>;
