// [Dispatch]: whistles and report-ins (吹哨报到) and passing down and up (三上三下).
// The ticket actions themselves are rows of the state machine (workflow.ts);
// these are the shapes of the lists, the ticket page's panels and the
// assessment figures that read their records.
import { Type, type Static } from '@sinclair/typebox';
import { DELEGATION_ENDINGS, SUMMONS_STATES, SUMMONS_STATUSES, UNIT_KINDS } from './enums.js';
import { DateTime, Nullable, Ref, Uuid, literalUnion } from './common.js';
import { LinkedTicket } from './tickets.js';

export const SummonsView = Type.Object({
  id: Uuid,
  unit: Ref,
  state: literalUnion(SUMMONS_STATES),
  status: literalUnion(
    SUMMONS_STATUSES,
    '按读取时的时间推导:待报到、按时报到、迟到报到、超时未报到',
  ),
  reportedAt: Nullable(DateTime),
  reportedBy: Nullable(Ref),
  note: Nullable(Type.String()),
});
export type SummonsView = Static<typeof SummonsView>;

export const WhistleView = Type.Object({
  id: Uuid,
  /** The ticket the whistle was blown for; null for a whistle to a place and topic. */
  ticket: Nullable(LinkedTicket),
  /** The government that blew it. */
  unit: Ref,
  jurisdiction: Nullable(Ref),
  topic: Type.String(),
  dueAt: DateTime,
  dueInMinutes: Type.Integer({ description: '距报到时限的分钟数,已过时限为负数' }),
  createdAt: DateTime,
  createdBy: Nullable(Ref),
  summonses: Type.Array(SummonsView),
});
export type WhistleView = Static<typeof WhistleView>;

export const WhistleList = Type.Object({ now: DateTime, items: Type.Array(WhistleView) });
export type WhistleList = Static<typeof WhistleList>;

export const WhistleListQuery = Type.Object(
  {
    mine: Type.Optional(
      literalUnion(
        ['1', 'true', '0', 'false'],
        '为 1 时只列出召集本人所在单位、尚未报到的吹哨(吹哨待报到)',
      ),
    ),
    from: Type.Optional(DateTime),
    to: Type.Optional(DateTime),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
  },
  { additionalProperties: false },
);
export type WhistleListQuery = Static<typeof WhistleListQuery>;

/** A whistle to a place and topic, without a ticket (its own small lifecycle). */
export const CreateWhistleBody = Type.Object(
  {
    jurisdictionId: Uuid,
    topic: Type.String({ minLength: 2, maxLength: 1000 }),
    unitIds: Type.Array(Uuid, { minItems: 1, maxItems: 10, uniqueItems: true }),
    dueHours: Type.Integer({ minimum: 1, maximum: 168 }),
  },
  { additionalProperties: false },
);
export type CreateWhistleBody = Static<typeof CreateWhistleBody>;

export const ReportInBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export type ReportInBody = Static<typeof ReportInBody>;

export const WhistleStatsQuery = Type.Object(
  { from: Type.Optional(DateTime), to: Type.Optional(DateTime) },
  { additionalProperties: false },
);
export type WhistleStatsQuery = Static<typeof WhistleStatsQuery>;

/** Assessment of both sides: whistles blown per government, report-ins per summoned unit. */
export const WhistleStats = Type.Object({
  now: DateTime,
  from: Nullable(DateTime),
  to: Nullable(DateTime),
  governments: Type.Array(
    Type.Object({
      unit: Ref,
      whistles: Type.Integer({ description: '吹哨次数' }),
      summonses: Type.Integer({ description: '召集部门次数' }),
      reportedOnTime: Type.Integer(),
      late: Type.Integer({ description: '迟到报到与超时未报到' }),
    }),
  ),
  units: Type.Array(
    Type.Object({
      unit: Ref,
      summoned: Type.Integer({ description: '被召集次数' }),
      reportedOnTime: Type.Integer({ description: '按时报到' }),
      reportedLate: Type.Integer({ description: '迟到报到' }),
      overdue: Type.Integer({ description: '超时未报到' }),
      waiting: Type.Integer({ description: '未到时限、尚未报到' }),
    }),
  ),
});
export type WhistleStats = Static<typeof WhistleStats>;

export const DelegationView = Type.Object({
  id: Uuid,
  from: Ref,
  to: Ref,
  toUser: Nullable(Ref),
  note: Nullable(Type.String()),
  at: DateTime,
  endedAt: Nullable(DateTime),
  endedHow: Nullable(literalUnion(DELEGATION_ENDINGS)),
});
export type DelegationView = Static<typeof DelegationView>;

/** 召集科室会商: recorded on the ticket's events; listed here for the ticket page. */
export const ConveningView = Type.Object({
  at: DateTime,
  by: Nullable(Ref),
  unit: Nullable(Ref),
  sections: Type.Array(Ref),
  note: Type.String(),
  resources: Nullable(Type.String()),
});
export type ConveningView = Static<typeof ConveningView>;

/** The chain of passing down on a ticket: who passed to whom, when, open or how it ended. */
export const TicketDelegations = Type.Object({
  lead: Nullable(Ref),
  holder: Nullable(Ref),
  chain: Type.Array(DelegationView),
  convenings: Type.Array(ConveningView),
});
export type TicketDelegations = Static<typeof TicketDelegations>;

/** Where the holder may pass a ticket down to: units below it, with the staff who may take it. */
export const PassDownTarget = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: literalUnion(UNIT_KINDS),
  users: Type.Array(Ref),
});
export type PassDownTarget = Static<typeof PassDownTarget>;

/** Units the acting government may summon (吹哨) or convene (会商). */
export const CoordinationTargets = Type.Object({
  passDown: Type.Array(PassDownTarget),
  summon: Type.Array(
    Type.Object({ id: Uuid, name: Type.String(), kind: literalUnion(UNIT_KINDS) }),
  ),
  sections: Type.Array(Ref),
});
export type CoordinationTargets = Static<typeof CoordinationTargets>;
