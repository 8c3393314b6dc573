import { Type, type Static } from '@sinclair/typebox';
import { JURISDICTION_LEVELS, ROLES, UNIT_KINDS } from './enums.js';
import { Nullable, Uuid, literalUnion } from './common.js';

export const JurisdictionView = Type.Object({
  id: Uuid,
  parentId: Nullable(Uuid),
  level: literalUnion(JURISDICTION_LEVELS),
  code: Type.String(),
  name: Type.String(),
  population: Type.Integer(),
  hasBoundary: Type.Boolean(),
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
