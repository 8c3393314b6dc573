import { Type, type Static } from '@sinclair/typebox';
import { JURISDICTION_LEVELS, ROLES, UNIT_KINDS } from './enums.js';
import { Nullable, Point, Uuid, literalUnion } from './common.js';
import { Boundary, GridGrade, Households } from './grid.js';

const Population = Type.Integer({ minimum: 0, maximum: 100_000_000, description: '常住人口' });
/** The point a map centres on for this place (WGS-84 longitude and latitude). */
const Centre = Point;

export const JurisdictionView = Type.Object({
  id: Uuid,
  parentId: Nullable(Uuid),
  level: literalUnion(JURISDICTION_LEVELS),
  code: Type.String(),
  name: Type.String(),
  population: Type.Integer(),
  hasBoundary: Type.Boolean(),
  centre: Nullable(Centre),
  households: Nullable(Type.Integer()),
  /** Grids only. */
  grade: Nullable(GridGrade),
});
export type JurisdictionView = Static<typeof JurisdictionView>;

export const UnitView = Type.Object({
  id: Uuid,
  kind: literalUnion(UNIT_KINDS),
  name: Type.String(),
  jurisdictionId: Uuid,
  phone: Nullable(Type.String()),
  active: Type.Boolean(),
});
export type UnitView = Static<typeof UnitView>;

export const RoleAssignmentView = Type.Object({
  unitId: Uuid,
  unitName: Type.String(),
  role: literalUnion(ROLES),
});

export const MeView = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  tenantId: Type.String(),
  tenantName: Type.String(),
  roles: Type.Array(RoleAssignmentView),
  csrfToken: Type.String(),
});
export type MeView = Static<typeof MeView>;

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ pattern: '^[a-zA-Z0-9_.-]{3,40}$' }),
    displayName: Type.String({ minLength: 1, maxLength: 40 }),
    password: Type.String({ minLength: 8, maxLength: 200 }),
    phone: Type.Optional(Type.String({ maxLength: 20 })),
    roles: Type.Array(
      Type.Object({ unitId: Uuid, role: literalUnion(ROLES) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 20 },
    ),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const CreateUnitBody = Type.Object(
  {
    kind: literalUnion(UNIT_KINDS),
    name: Type.String({ minLength: 2, maxLength: 60 }),
    jurisdictionId: Uuid,
    phone: Type.Optional(Type.String({ maxLength: 30 })),
    key: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{2,40}$' })),
  },
  { additionalProperties: false },
);
export type CreateUnitBody = Static<typeof CreateUnitBody>;

export const UpdateUnitBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 60 })),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUnitBody = Static<typeof UpdateUnitBody>;

export const CreateJurisdictionBody = Type.Object(
  {
    parentId: Uuid,
    level: literalUnion(JURISDICTION_LEVELS),
    code: Type.String({ pattern: '^[0-9A-Za-z-]{2,20}$' }),
    name: Type.String({ minLength: 2, maxLength: 40 }),
    population: Type.Optional(Population),
    centre: Type.Optional(Centre),
    boundary: Type.Optional(Boundary),
    households: Type.Optional(Households),
    /** Grids only: 400 for another level. */
    grade: Type.Optional(GridGrade),
  },
  { additionalProperties: false },
);
export type CreateJurisdictionBody = Static<typeof CreateJurisdictionBody>;

export const UpdateJurisdictionBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 40 })),
    code: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z-]{2,20}$' })),
    population: Type.Optional(Population),
    centre: Type.Optional(Nullable(Centre)),
    /** null removes the boundary. */
    boundary: Type.Optional(Nullable(Boundary)),
    households: Type.Optional(Nullable(Households)),
    /** Grids only: 400 for another level; null removes it. */
    grade: Type.Optional(Nullable(GridGrade)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateJurisdictionBody = Static<typeof UpdateJurisdictionBody>;

export const UpdateUserBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    active: Type.Optional(Type.Boolean()),
    roles: Type.Optional(
      Type.Array(
        Type.Object({ unitId: Uuid, role: literalUnion(ROLES) }, { additionalProperties: false }),
        { minItems: 1, maxItems: 20 },
      ),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;
