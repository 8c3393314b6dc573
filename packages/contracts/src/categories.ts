import { Type, type Static } from '@sinclair/typebox';
import { LIMIT_UNITS, URGENCIES } from './enums.js';
import { Nullable, Uuid, literalUnion } from './common.js';

export const CategoryView = Type.Object({
  id: Uuid,
  parentId: Nullable(Uuid),
  code: Type.String(),
  name: Type.String(),
  level: Type.Integer(),
  active: Type.Boolean(),
  sort: Type.Integer({ description: '同级排序,小者在前;相同时按编码' }),
});
export type CategoryView = Static<typeof CategoryView>;

export const TimeLimit = Type.Object(
  { amount: Type.Number({ exclusiveMinimum: 0, maximum: 10000 }), unit: literalUnion(LIMIT_UNITS) },
  { additionalProperties: false },
);
export type TimeLimit = Static<typeof TimeLimit>;

export const PolicyView = Type.Object({
  id: Uuid,
  categoryId: Nullable(Uuid),
  urgency: Nullable(literalUnion(URGENCIES)),
  response: TimeLimit,
  completion: TimeLimit,
});
export type PolicyView = Static<typeof PolicyView>;

export const PolicyBody = Type.Object(
  {
    categoryId: Nullable(Uuid),
    urgency: Nullable(literalUnion(URGENCIES)),
    response: TimeLimit,
    completion: TimeLimit,
  },
  { additionalProperties: false },
);
export type PolicyBody = Static<typeof PolicyBody>;

export const CreateCategoryBody = Type.Object(
  {
    parentId: Nullable(Uuid),
    code: Type.String({ pattern: '^[0-9A-Za-z]{1,20}$' }),
    name: Type.String({ minLength: 1, maxLength: 40 }),
  },
  { additionalProperties: false },
);
export type CreateCategoryBody = Static<typeof CreateCategoryBody>;

export const UpdateCategoryBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    active: Type.Optional(Type.Boolean()),
    sort: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 9999, description: '同级排序,小者在前;相同时按编码' }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateCategoryBody = Static<typeof UpdateCategoryBody>;
