// [Grid] village studios (我来办工作室): one per village or community with a
// published phone; its duty roster (a committee member on duty every working
// day, the branch secretary's reception weekday 书记接待日); the reception log
// of walk-in visitors, each answered on the spot or turned into a ticket with
// channel 'studio'; the regular-check ledger (定期排查); graded handling —
// small (小事, the village), big (大事, taken up to the township for the
// resident: the ticket's `escalate`), hard (难事, the township whistles
// departments: the ticket's `blow_whistle`). The grade is recorded on the
// reception; the actions themselves stay the ticket's.
import { Type, type Static } from '@sinclair/typebox';
import { TICKET_TYPES } from './enums.js';
import {
  DateTime,
  LocalDate,
  Nullable,
  Page,
  PageQuery,
  Phone,
  Ref,
  Uuid,
  literalUnion,
} from './common.js';
import { TicketStateSchema } from './tickets.js';

export const STUDIO_GRADES = ['small', 'big', 'hard'] as const;
export type StudioGrade = (typeof STUDIO_GRADES)[number];
export const RECEPTION_OUTCOMES = ['answered', 'ticket'] as const;
export type ReceptionOutcome = (typeof RECEPTION_OUTCOMES)[number];
export const CHECK_KINDS = ['safety', 'dispute', 'environment', 'other'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];
export const CHECK_CYCLES = ['weekly', 'monthly', 'other'] as const;
export type CheckCycle = (typeof CHECK_CYCLES)[number];
export const CHECK_FOLLOW_UPS = ['none', 'handled', 'ticket'] as const;
export type CheckFollowUp = (typeof CHECK_FOLLOW_UPS)[number];

const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const Weekday = Type.Integer({ minimum: 1, maximum: 7, description: '星期几(1 = 星期一)' });

export const StudioView = Type.Object({
  id: Uuid,
  village: Ref,
  township: Nullable(Ref),
  name: Type.String(),
  /** The published phone: public. */
  phone: Type.String(),
  address: Type.String(),
  openingNote: Nullable(Type.String()),
  secretaryName: Nullable(Type.String()),
  secretaryWeekday: Nullable(Weekday),
  canEdit: Type.Boolean(),
});
export type StudioView = Static<typeof StudioView>;

/** A village in the actor's reach with its studio, if it has one yet. */
export const StudioListItem = Type.Object({
  village: Ref,
  township: Nullable(Ref),
  studio: Nullable(StudioView),
  canEdit: Type.Boolean({ description: '当前用户可设立或维护本村(社区)工作室' }),
});
export const StudioList = Type.Array(StudioListItem);
export type StudioList = Static<typeof StudioList>;

export const SaveStudioBody = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 60 }),
    phone: Phone,
    address: Type.String({ minLength: 2, maxLength: 200 }),
    openingNote: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    secretaryName: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    secretaryWeekday: Type.Optional(Nullable(Weekday)),
  },
  { additionalProperties: false },
);
export type SaveStudioBody = Static<typeof SaveStudioBody>;

// ── Duty roster (值班表) ───────────────────────────────────────────────────

export const RosterQuery = Type.Object({ month: Month }, { additionalProperties: false });
export type RosterQuery = Static<typeof RosterQuery>;

export const DutyMember = Type.Object({ name: Type.String(), userId: Nullable(Uuid) });

export const RosterDay = Type.Object({
  date: LocalDate,
  weekday: Weekday,
  /** A working day on the district's calendar (weekends, holidays and make-up days counted). */
  working: Type.Boolean(),
  holiday: Nullable(Type.String({ description: '节假日或调休上班日的名称' })),
  secretaryDay: Type.Boolean({ description: '书记接待日' }),
  members: Type.Array(DutyMember),
});

export const RosterMonth = Type.Object({
  studio: Ref,
  month: Month,
  days: Type.Array(RosterDay),
  /** Working days with nobody on duty: the roster is incomplete while any is left. */
  gaps: Type.Array(LocalDate),
  /** Staff of the village committee to put on duty (editors only). */
  candidates: Type.Array(Ref),
  canEdit: Type.Boolean(),
});
export type RosterMonth = Static<typeof RosterMonth>;

export const SaveRosterBody = Type.Object(
  {
    month: Month,
    /** The month's whole roster: what is not listed is taken off. */
    entries: Type.Array(
      Type.Object(
        {
          date: LocalDate,
          name: Type.String({ minLength: 1, maxLength: 40 }),
          userId: Type.Optional(Uuid),
        },
        { additionalProperties: false },
      ),
      { maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);
export type SaveRosterBody = Static<typeof SaveRosterBody>;

// ── Reception log (接待登记) ───────────────────────────────────────────────

export const ReceptionTicket = Type.Object({
  id: Uuid,
  code: Type.String(),
  state: TicketStateSchema,
});

export const ReceptionView = Type.Object({
  id: Uuid,
  receivedAt: DateTime,
  /** Masked (张**, 138****5678) unless revealed through the logged route. */
  visitorName: Type.String(),
  visitorPhone: Nullable(Type.String()),
  matter: Type.String(),
  staffName: Type.String(),
  outcome: literalUnion(RECEPTION_OUTCOMES),
  answer: Nullable(Type.String()),
  ticket: Nullable(ReceptionTicket),
  grade: Nullable(literalUnion(STUDIO_GRADES)),
});
export type ReceptionView = Static<typeof ReceptionView>;

export const ReceptionListQuery = Type.Object(
  { ...PageQuery, month: Type.Optional(Month) },
  { additionalProperties: false },
);
export type ReceptionListQuery = Static<typeof ReceptionListQuery>;

export const ReceptionList = Page(ReceptionView);
export type ReceptionList = Static<typeof ReceptionList>;

/** What a ticket raised from a reception or a check needs besides the matter itself. */
export const StudioTicketInput = Type.Object(
  {
    type: literalUnion(TICKET_TYPES),
    categoryId: Uuid,
    title: Type.String({ minLength: 2, maxLength: 100 }),
    /** Where the matter is; the studio's address when absent. */
    address: Type.Optional(Type.String({ minLength: 2, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type StudioTicketInput = Static<typeof StudioTicketInput>;

export const CreateReceptionBody = Type.Object(
  {
    /** When the visitor came; now when absent. */
    receivedAt: Type.Optional(DateTime),
    visitorName: Type.String({ minLength: 1, maxLength: 50 }),
    visitorPhone: Type.Optional(Phone),
    matter: Type.String({ minLength: 5, maxLength: 2000 }),
    staffName: Type.String({ minLength: 1, maxLength: 40 }),
    outcome: literalUnion(RECEPTION_OUTCOMES),
    /** Required when answered on the spot. */
    answer: Type.Optional(Type.String({ minLength: 2, maxLength: 2000 })),
    /** Required when it becomes a ticket. */
    ticket: Type.Optional(StudioTicketInput),
    grade: Type.Optional(literalUnion(STUDIO_GRADES)),
  },
  { additionalProperties: false },
);
export type CreateReceptionBody = Static<typeof CreateReceptionBody>;

export const GradeReceptionBody = Type.Object(
  { grade: Nullable(literalUnion(STUDIO_GRADES)) },
  { additionalProperties: false },
);
export type GradeReceptionBody = Static<typeof GradeReceptionBody>;

export const RevealedVisitor = Type.Object({ name: Type.String(), phone: Nullable(Type.String()) });
export type RevealedVisitor = Static<typeof RevealedVisitor>;

// ── Regular checks (定期排查) ──────────────────────────────────────────────

export const CheckView = Type.Object({
  id: Uuid,
  checkedOn: LocalDate,
  kind: literalUnion(CHECK_KINDS),
  cycle: literalUnion(CHECK_CYCLES),
  checker: Type.String(),
  area: Type.String(),
  items: Type.String(),
  findings: Type.String(),
  followUp: literalUnion(CHECK_FOLLOW_UPS),
  followUpNote: Nullable(Type.String()),
  ticket: Nullable(ReceptionTicket),
});
export type CheckView = Static<typeof CheckView>;

export const CheckListQuery = Type.Object(
  {
    ...PageQuery,
    from: Type.Optional(LocalDate),
    to: Type.Optional(LocalDate),
    kind: Type.Optional(literalUnion(CHECK_KINDS)),
  },
  { additionalProperties: false },
);
export type CheckListQuery = Static<typeof CheckListQuery>;

export const CheckList = Page(CheckView);
export type CheckList = Static<typeof CheckList>;

export const CreateCheckBody = Type.Object(
  {
    checkedOn: LocalDate,
    kind: literalUnion(CHECK_KINDS),
    cycle: literalUnion(CHECK_CYCLES),
    checker: Type.String({ minLength: 1, maxLength: 60 }),
    area: Type.String({ minLength: 1, maxLength: 200 }),
    items: Type.String({ minLength: 1, maxLength: 1000 }),
    findings: Type.String({ minLength: 1, maxLength: 2000 }),
    followUp: literalUnion(CHECK_FOLLOW_UPS),
    followUpNote: Type.Optional(Type.String({ maxLength: 1000 })),
    /** Required when the follow-up is a ticket. */
    ticket: Type.Optional(StudioTicketInput),
  },
  { additionalProperties: false },
);
export type CreateCheckBody = Static<typeof CreateCheckBody>;

// ── Figures (统计) ──────────────────────────────────────────────────────────

export const StudioStatsQuery = Type.Object({ month: Month }, { additionalProperties: false });
export type StudioStatsQuery = Static<typeof StudioStatsQuery>;

const GradeCounts = Type.Object({
  small: Type.Integer(),
  big: Type.Integer(),
  hard: Type.Integer(),
  ungraded: Type.Integer(),
});

export const StudioStatsItem = Type.Object({
  studio: Ref,
  village: Ref,
  receptions: Type.Integer(),
  answered: Type.Integer({ description: '当场答复' }),
  ticketed: Type.Integer({ description: '转为工单' }),
  grades: GradeCounts,
  checks: Type.Integer(),
  checksTicketed: Type.Integer(),
  /** Working days of the month with nobody on duty. */
  rosterGaps: Type.Integer(),
});

export const StudioStats = Type.Object({
  month: Month,
  items: Type.Array(StudioStatsItem),
  total: Type.Omit(StudioStatsItem, ['studio', 'village']),
});
export type StudioStats = Static<typeof StudioStats>;

// ── The resident page ────────────────────────────────────────────────────────

export const PublicStudioQuery = Type.Object({ place: Uuid }, { additionalProperties: false });
export type PublicStudioQuery = Static<typeof PublicStudioQuery>;

export const PublicStudio = Type.Object({
  village: Ref,
  township: Nullable(Type.String()),
  name: Type.String(),
  phone: Type.String(),
  address: Type.String(),
  openingNote: Nullable(Type.String()),
  secretaryName: Nullable(Type.String()),
  secretaryWeekday: Nullable(Weekday),
  today: LocalDate,
  /** Monday to Sunday of the current week. */
  week: Type.Array(
    Type.Object({
      date: LocalDate,
      weekday: Weekday,
      working: Type.Boolean(),
      members: Type.Array(Type.String()),
    }),
  ),
});
export type PublicStudio = Static<typeof PublicStudio>;

export const PublicStudios = Type.Array(
  Type.Object({ village: Ref, township: Type.String(), name: Type.String() }),
);
export type PublicStudios = Static<typeof PublicStudios>;

/** zh-CN labels the server writes into exports and the web shows for the enums. */
export const studioLabelsZhCN = {
  checkSheet: '定期排查台账',
  checkedOn: '排查日期',
  kind: '排查类别',
  cycle: '周期',
  checker: '排查人',
  area: '区域/点位',
  items: '排查事项',
  findings: '发现问题',
  followUp: '后续处置',
  followUpNote: '处置说明',
  ticket: '工单编号',
  checkKind: {
    safety: '安全隐患',
    dispute: '矛盾纠纷',
    environment: '环境卫生',
    other: '其他',
  } as Record<CheckKind, string>,
  checkCycle: { weekly: '每周', monthly: '每月', other: '不定期' } as Record<CheckCycle, string>,
  checkFollowUp: { none: '无需处置', handled: '已当场处置', ticket: '转为工单' } as Record<
    CheckFollowUp,
    string
  >,
  grade: { small: '小事', big: '大事', hard: '难事' } as Record<StudioGrade, string>,
  outcome: { answered: '当场答复', ticket: '转为工单' } as Record<ReceptionOutcome, string>,
};
