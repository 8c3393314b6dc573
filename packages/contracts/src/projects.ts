// [Deliberation]: common-problem projects (共性问题 / 每月一题). A project gathers
// many tickets on one problem under an owner unit with a plan, milestones and a
// budget note; linking a ticket, taking it out and the one reply to all of them
// are ticket actions (link_project, unlink_project, reply_by_project in
// workflow.ts). These are the shapes of the project's own records, its lists,
// the many-ticket operations and the before/after volume figure.
import { Type, type Static } from '@sinclair/typebox';
import { PROJECT_STATES, REPLY_CHANNELS, TICKET_STATES } from './enums.js';
import {
  DateTime,
  LocalDate,
  Nullable,
  Page,
  PageQuery,
  Ref,
  Uuid,
  literalUnion,
} from './common.js';

/** A calendar month, 'YYYY-MM'. */
const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });

const ProjectStateSchema = literalUnion(PROJECT_STATES);

export const MilestoneView = Type.Object({
  id: Uuid,
  title: Type.String(),
  dueOn: Nullable(LocalDate),
  doneAt: Nullable(DateTime),
  note: Nullable(Type.String()),
  sort: Type.Integer(),
});
export type MilestoneView = Static<typeof MilestoneView>;

/** A project as the list shows it. */
export const ProjectSummary = Type.Object({
  id: Uuid,
  title: Type.String(),
  ownerUnit: Ref,
  category: Nullable(Ref),
  jurisdiction: Nullable(Ref),
  state: ProjectStateSchema,
  monthlyTopic: Nullable(Month),
  startsOn: LocalDate,
  dueOn: Nullable(LocalDate),
  linkedCount: Type.Integer({ description: '纳入的工单数' }),
  openLinkedCount: Type.Integer({ description: '纳入的工单中尚未办结的数量' }),
  milestonesDone: Type.Integer(),
  milestonesTotal: Type.Integer(),
  createdAt: DateTime,
  version: Type.Integer(),
});
export type ProjectSummary = Static<typeof ProjectSummary>;

export const ProjectView = Type.Composite([
  ProjectSummary,
  Type.Object({
    problem: Type.String(),
    plan: Type.String(),
    budgetNote: Type.String(),
    completedAt: Nullable(DateTime),
    milestones: Type.Array(MilestoneView),
    createdBy: Nullable(Ref),
    updatedAt: DateTime,
    canEdit: Type.Boolean({ description: '当前用户可修改专项信息和节点' }),
    canLink: Type.Boolean({ description: '当前用户可纳入或移出工单' }),
    canReply: Type.Boolean({ description: '当前用户可统一答复' }),
  }),
]);
export type ProjectView = Static<typeof ProjectView>;

export const PROJECT_SORTS = [
  '-createdAt',
  'createdAt',
  'startsOn',
  '-startsOn',
  'dueOn',
  '-dueOn',
  '-linkedCount',
] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

export const ProjectListQuery = Type.Object(
  {
    ...PageQuery,
    state: Type.Optional(Type.Array(ProjectStateSchema)),
    ownerUnitId: Type.Optional(Uuid),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    monthlyTopic: Type.Optional(Month),
    sort: Type.Optional(literalUnion(PROJECT_SORTS)),
  },
  { additionalProperties: false },
);
export type ProjectListQuery = Static<typeof ProjectListQuery>;

export const ProjectList = Page(ProjectSummary);
export type ProjectList = Static<typeof ProjectList>;

const title = Type.String({ minLength: 2, maxLength: 100 });
const plan = Type.String({ maxLength: 8000 });
const budgetNote = Type.String({ maxLength: 2000 });
const milestoneTitle = Type.String({ minLength: 2, maxLength: 200 });
const note = Type.String({ maxLength: 2000 });

export const NewMilestoneBody = Type.Object(
  { title: milestoneTitle, dueOn: Type.Optional(LocalDate), note: Type.Optional(note) },
  { additionalProperties: false },
);
export type NewMilestoneBody = Static<typeof NewMilestoneBody>;

export const CreateProjectBody = Type.Object(
  {
    title,
    problem: Type.String({ minLength: 5, maxLength: 4000 }),
    ownerUnitId: Uuid,
    categoryId: Type.Optional(Uuid),
    jurisdictionId: Type.Optional(Uuid),
    plan: Type.Optional(plan),
    budgetNote: Type.Optional(budgetNote),
    monthlyTopic: Type.Optional(Month),
    startsOn: LocalDate,
    dueOn: Type.Optional(LocalDate),
    state: Type.Optional(literalUnion(['planning', 'active'] as const)),
    milestones: Type.Optional(Type.Array(NewMilestoneBody, { maxItems: 30 })),
  },
  { additionalProperties: false },
);
export type CreateProjectBody = Static<typeof CreateProjectBody>;

export const UpdateProjectBody = Type.Object(
  {
    expectedVersion: Type.Integer({ minimum: 1 }),
    title: Type.Optional(title),
    problem: Type.Optional(Type.String({ minLength: 5, maxLength: 4000 })),
    ownerUnitId: Type.Optional(Uuid),
    categoryId: Type.Optional(Nullable(Uuid)),
    jurisdictionId: Type.Optional(Nullable(Uuid)),
    plan: Type.Optional(plan),
    budgetNote: Type.Optional(budgetNote),
    monthlyTopic: Type.Optional(Nullable(Month)),
    startsOn: Type.Optional(LocalDate),
    dueOn: Type.Optional(Nullable(LocalDate)),
    state: Type.Optional(ProjectStateSchema),
  },
  { additionalProperties: false },
);
export type UpdateProjectBody = Static<typeof UpdateProjectBody>;

export const UpdateMilestoneBody = Type.Object(
  {
    title: Type.Optional(milestoneTitle),
    dueOn: Type.Optional(Nullable(LocalDate)),
    note: Type.Optional(Nullable(note)),
    /** true marks it done now; false reopens it. */
    done: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateMilestoneBody = Static<typeof UpdateMilestoneBody>;

export const LinkTicketsBody = Type.Object(
  { ticketIds: Type.Array(Uuid, { minItems: 1, maxItems: 500, uniqueItems: true }) },
  { additionalProperties: false },
);
export type LinkTicketsBody = Static<typeof LinkTicketsBody>;

export const UnlinkTicketsBody = Type.Object(
  {
    ticketIds: Type.Array(Uuid, { minItems: 1, maxItems: 500, uniqueItems: true }),
    reason: Type.String({ minLength: 2, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type UnlinkTicketsBody = Static<typeof UnlinkTicketsBody>;

export const ProjectReplyBody = Type.Object(
  {
    text: Type.String({ minLength: 5, maxLength: 4000 }),
    channel: literalUnion(REPLY_CHANNELS),
  },
  { additionalProperties: false },
);
export type ProjectReplyBody = Static<typeof ProjectReplyBody>;

/** One ticket's outcome of an operation on many. */
export const ProjectTicketResult = Type.Object({
  ticketId: Uuid,
  code: Nullable(Type.String()),
  ok: Type.Boolean(),
  status: Type.Integer(),
  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
});
export type ProjectTicketResult = Static<typeof ProjectTicketResult>;

export const ProjectLinkResult = Type.Object({
  results: Type.Array(ProjectTicketResult),
  ok: Type.Integer(),
  failed: Type.Integer(),
});
export type ProjectLinkResult = Static<typeof ProjectLinkResult>;

export const ProjectReplyResult = Type.Object({
  results: Type.Array(ProjectTicketResult, {
    description: '逐件结果:仅含处于待答复阶段(已派单、已签收、办理中、已反馈)的工单',
  }),
  replied: Type.Integer(),
  failed: Type.Integer(),
  skipped: Type.Integer({ description: '未处于待答复阶段而未答复的工单数' }),
  skippedByState: Type.Record(Type.String(), Type.Integer()),
});
export type ProjectReplyResult = Static<typeof ProjectReplyResult>;

export const ProjectTicketsQuery = Type.Object(
  {
    ...PageQuery,
    state: Type.Optional(Type.Array(literalUnion(TICKET_STATES))),
  },
  { additionalProperties: false },
);
export type ProjectTicketsQuery = Static<typeof ProjectTicketsQuery>;

export const VOLUME_PERIODS = ['before', 'start', 'after', 'current'] as const;
export type VolumePeriod = (typeof VOLUME_PERIODS)[number];

/** The monthly volume of the project's problem (its category and place) before and after. */
export const ProjectVolume = Type.Object({
  months: Type.Array(
    Type.Object({
      month: Month,
      count: Type.Integer(),
      period: literalUnion(
        VOLUME_PERIODS,
        'before: 基线月;start: 专项开始当月;after: 开始后已满的月份;current: 本月(未满)',
      ),
    }),
  ),
  beforeAvg: Nullable(Type.Number()),
  afterAvg: Nullable(Type.Number()),
  changePct: Nullable(Type.Number({ description: '成效期月均相对基线月均的变化百分比' })),
  basis: Type.String({ description: '统计口径' }),
});
export type ProjectVolume = Static<typeof ProjectVolume>;

/** The projects a ticket is in, for the ticket page. */
export const TicketProjectView = Type.Object({
  id: Uuid,
  title: Type.String(),
  state: ProjectStateSchema,
  ownerUnit: Ref,
  linkedAt: DateTime,
});
export const TicketProjects = Type.Array(TicketProjectView);
export type TicketProjects = Static<typeof TicketProjects>;
