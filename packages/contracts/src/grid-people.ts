// [Grid]: the people of a grid (网格) — grid head (网格长), supervisor (网格督导员),
// commander (网格指挥长), grid worker (网格员) and informants (网格信息员) — and
// the village's public grid board (网格公示牌), which names each grid's worker
// with a phone to call, and the lines to complain to above them (监督电话).
// A grid worker's name and phone are public by design; an informant's phone is
// personal data, shown to the staff who keep the grid's people only.
import { Type, type Static } from '@sinclair/typebox';
import { LocalDate, Nullable, Page, PageQuery, Phone, Ref, Uuid, literalUnion } from './common.js';
import { GridGrade } from './grid.js';

export const GRID_MEMBER_ROLES = [
  'head',
  'supervisor',
  'commander',
  'worker',
  'informant',
] as const;
export type GridMemberRole = (typeof GRID_MEMBER_ROLES)[number];

const RoleSchema = literalUnion(GRID_MEMBER_ROLES);

export const GridMemberView = Type.Object({
  id: Uuid,
  grid: Ref,
  role: RoleSchema,
  /** The staff account when the member is one (a grid worker's login, a committee member). */
  user: Nullable(Ref),
  name: Type.String(),
  /** An informant's phone is masked (138****5678) for those who may not edit the grid. */
  phone: Nullable(Type.String()),
  since: LocalDate,
  until: Nullable(LocalDate),
  /** On duty today: since ≤ today and (no until, or until after today). */
  current: Type.Boolean(),
});
export type GridMemberView = Static<typeof GridMemberView>;

/** A grid's people as the management drawer shows them, current first, then those who left. */
export const GridMembersView = Type.Object({
  grid: Ref,
  village: Ref,
  township: Nullable(Ref),
  canEdit: Type.Boolean({ description: '当前用户可增减本网格人员' }),
  items: Type.Array(GridMemberView),
  /** Staff of the grid's unit and of the village committee, to link a member to (editors only). */
  candidates: Type.Array(Ref),
});
export type GridMembersView = Static<typeof GridMembersView>;

export const AddGridMemberBody = Type.Object(
  {
    role: RoleSchema,
    name: Type.String({ minLength: 1, maxLength: 40 }),
    phone: Type.Optional(Phone),
    /** A staff user of the grid's unit or of the village committee. */
    userId: Type.Optional(Uuid),
    since: LocalDate,
  },
  { additionalProperties: false },
);
export type AddGridMemberBody = Static<typeof AddGridMemberBody>;

export const EndGridMemberBody = Type.Object({ until: LocalDate }, { additionalProperties: false });
export type EndGridMemberBody = Static<typeof EndGridMemberBody>;

/** A current member as the grid list shows them: no phones. */
export const GridMemberBrief = Type.Object({ id: Uuid, role: RoleSchema, name: Type.String() });
export type GridMemberBrief = Static<typeof GridMemberBrief>;

export const GridListItem = Type.Object({
  grid: Ref,
  village: Ref,
  township: Nullable(Ref),
  households: Nullable(Type.Integer()),
  grade: Nullable(GridGrade),
  hasBoundary: Type.Boolean(),
  members: Type.Array(GridMemberBrief),
  canEdit: Type.Boolean(),
});
export type GridListItem = Static<typeof GridListItem>;

export const GridListQuery = Type.Object(
  {
    ...PageQuery,
    villageId: Type.Optional(Uuid),
    townshipId: Type.Optional(Uuid),
    q: Type.Optional(Type.String({ maxLength: 50 })),
  },
  { additionalProperties: false },
);
export type GridListQuery = Static<typeof GridListQuery>;

export const GridList = Page(GridListItem);
export type GridList = Static<typeof GridList>;

// ── The resident grid board (网格公示牌) ──────────────────────────────────────

export const PublicGridBoardQuery = Type.Object({ place: Uuid }, { additionalProperties: false });
export type PublicGridBoardQuery = Static<typeof PublicGridBoardQuery>;

const NamedPhone = Type.Object({ name: Type.String(), phone: Nullable(Type.String()) });

export const PublicGridBoard = Type.Object({
  village: Type.Object({ id: Uuid, name: Type.String() }),
  township: Nullable(Type.String()),
  /** 监督电话: the village committee's and the township government's phones. */
  supervision: Type.Object({
    village: Nullable(NamedPhone),
    township: Nullable(NamedPhone),
  }),
  grids: Type.Array(
    Type.Object({
      id: Uuid,
      name: Type.String(),
      households: Nullable(Type.Integer()),
      worker: Nullable(NamedPhone),
      head: Nullable(Type.Object({ name: Type.String() })),
    }),
  ),
});
export type PublicGridBoard = Static<typeof PublicGridBoard>;

/** Villages and communities that have grids, to choose from. */
export const PublicGridPlaces = Type.Array(
  Type.Object({ id: Uuid, name: Type.String(), township: Type.String(), grids: Type.Integer() }),
);
export type PublicGridPlaces = Static<typeof PublicGridPlaces>;
