// [Volunteers] volunteer and service teams (志愿服务): a village's or township's teams
// (村级服务队, 志愿服务队, "1+X" groups) with dated membership, activities with hours per
// person, help asked of a team on a ticket or a household visit (recorded on the ticket's
// timeline and as the team's activity), residents' applications from the public village
// page, and the yearly hours summary. Contacts are personal data: masked in every list,
// a reveal is logged with its purpose.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, LocalDate, Nullable, Page, PageQuery, Phone, Ref, Uuid } from './common.js';
import { literalUnion } from './common.js';

export const VOLUNTEER_TEAM_KINDS = ['village_service', 'volunteer', 'one_plus_x'] as const;
export type VolunteerTeamKind = (typeof VOLUNTEER_TEAM_KINDS)[number];
export const VOLUNTEER_MEMBER_KINDS = ['resident', 'staff', 'person'] as const;
export type VolunteerMemberKind = (typeof VOLUNTEER_MEMBER_KINDS)[number];
export const VOLUNTEER_ROLES = [
  'captain',
  'member',
  'mediator',
  'elder',
  'cadre',
  'other',
] as const;
export type VolunteerRole = (typeof VOLUNTEER_ROLES)[number];
export const VOLUNTEER_ACTIVITY_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type VolunteerActivityStatus = (typeof VOLUNTEER_ACTIVITY_STATUSES)[number];
export const VOLUNTEER_APPLICATION_STATUSES = ['pending', 'accepted', 'refused'] as const;
export type VolunteerApplicationStatus = (typeof VOLUNTEER_APPLICATION_STATUSES)[number];
export const VOLUNTEER_HELP_STATUSES = ['requested', 'accepted', 'declined', 'done'] as const;
export type VolunteerHelpStatus = (typeof VOLUNTEER_HELP_STATUSES)[number];

/** The fields every tenant starts with; a tenant may add its own. */
export const DEFAULT_VOLUNTEER_FIELDS: ReadonlyArray<{ code: string; label: string }> = [
  { code: 'education', label: '教育' },
  { code: 'health', label: '医疗健康' },
  { code: 'environment', label: '环境' },
  { code: 'left_behind_children', label: '关爱留守儿童' },
  { code: 'elderly', label: '敬老助老' },
  { code: 'patrol', label: '治安巡逻' },
  { code: 'mediation', label: '矛盾调解' },
  { code: 'other', label: '其他' },
];

const Name = Type.String({ minLength: 1, maxLength: 50 });
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Skills = Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 20 });
/** Hours of one person at one activity: more than 0, at most 24, in whole minutes. */
export const VolunteerHours = Type.Number({ exclusiveMinimum: 0, maximum: 24 });
const FieldCode = Type.String({ minLength: 1, maxLength: 40 });

export const VolunteerField = Type.Object({
  code: Type.String(),
  label: Type.String(),
  /** Added by the tenant (not one of the defaults). */
  custom: Type.Boolean(),
});
export type VolunteerField = Static<typeof VolunteerField>;
export const VolunteerFieldList = Type.Object({ items: Type.Array(VolunteerField) });
export type VolunteerFieldList = Static<typeof VolunteerFieldList>;
export const AddVolunteerFieldBody = Type.Object(
  { label: Text(20, 2) },
  { additionalProperties: false },
);
export type AddVolunteerFieldBody = Static<typeof AddVolunteerFieldBody>;

/** A village or township where the actor may set up teams (or that has teams to filter by). */
export const VolunteerPlace = Type.Object({
  id: Uuid,
  name: Type.String(),
  level: literalUnion(['village', 'township']),
  township: Nullable(Ref),
  /** The actor may create teams here. */
  writable: Type.Boolean(),
});
export type VolunteerPlace = Static<typeof VolunteerPlace>;
export const VolunteerPlaceList = Type.Object({ items: Type.Array(VolunteerPlace) });
export type VolunteerPlaceList = Static<typeof VolunteerPlaceList>;

export const VolunteerTeamView = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: literalUnion(VOLUNTEER_TEAM_KINDS),
  field: Type.String(),
  fieldLabel: Type.String(),
  place: Ref,
  township: Nullable(Ref),
  /** The government unit that keeps the team (the village committee or township). */
  unit: Ref,
  /** The staff user who leads it: accepts help requests and reviews applications. */
  leader: Nullable(Ref),
  description: Nullable(Type.String()),
  isPublic: Type.Boolean(),
  acceptsApplications: Type.Boolean(),
  memberCount: Type.Integer(),
  pendingApplications: Type.Integer(),
  /** Hours of the current calendar year (local time). */
  hoursThisYear: Type.Number(),
  createdAt: DateTime,
  dissolvedAt: Nullable(DateTime),
  /** The actor may edit the team, its members and activities. */
  writable: Type.Boolean(),
});
export type VolunteerTeamView = Static<typeof VolunteerTeamView>;

export const VolunteerTeamList = Page(VolunteerTeamView);
export type VolunteerTeamList = Static<typeof VolunteerTeamList>;

export const VolunteerTeamListQuery = Type.Object(
  {
    ...PageQuery,
    townshipId: Type.Optional(Uuid),
    placeId: Type.Optional(Uuid),
    field: Type.Optional(FieldCode),
    kind: Type.Optional(literalUnion(VOLUNTEER_TEAM_KINDS)),
    q: Type.Optional(Text(50)),
    /** 1: only teams the actor may edit or leads. */
    mine: Type.Optional(literalUnion(['1', '0'])),
  },
  { additionalProperties: false },
);
export type VolunteerTeamListQuery = Static<typeof VolunteerTeamListQuery>;

export const CreateVolunteerTeamBody = Type.Object(
  {
    placeId: Uuid,
    name: Text(50, 2),
    kind: literalUnion(VOLUNTEER_TEAM_KINDS),
    field: FieldCode,
    leaderUserId: Type.Optional(Nullable(Uuid)),
    description: Type.Optional(Text(1000)),
    isPublic: Type.Optional(Type.Boolean()),
    acceptsApplications: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateVolunteerTeamBody = Static<typeof CreateVolunteerTeamBody>;

export const UpdateVolunteerTeamBody = Type.Object(
  {
    name: Type.Optional(Text(50, 2)),
    kind: Type.Optional(literalUnion(VOLUNTEER_TEAM_KINDS)),
    field: Type.Optional(FieldCode),
    leaderUserId: Type.Optional(Nullable(Uuid)),
    description: Type.Optional(Text(1000)),
    isPublic: Type.Optional(Type.Boolean()),
    acceptsApplications: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateVolunteerTeamBody = Static<typeof UpdateVolunteerTeamBody>;

export const VolunteerMemberView = Type.Object({
  id: Uuid,
  teamId: Uuid,
  kind: literalUnion(VOLUNTEER_MEMBER_KINDS),
  resident: Nullable(Ref),
  user: Nullable(Ref),
  name: Type.String(),
  /** Masked (138****5678) unless revealed. */
  phone: Nullable(Type.String()),
  revealed: Type.Boolean(),
  role: literalUnion(VOLUNTEER_ROLES),
  skills: Type.Array(Type.String()),
  availability: Nullable(Type.String()),
  joinedOn: LocalDate,
  leftOn: Nullable(LocalDate),
  leaveReason: Nullable(Type.String()),
  current: Type.Boolean(),
  /** Volunteer hours over all the member's activities with the team. */
  hours: Type.Number(),
});
export type VolunteerMemberView = Static<typeof VolunteerMemberView>;

export const VolunteerTeamDetail = Type.Object({
  team: VolunteerTeamView,
  /** Current members first, then those who left (history is kept). */
  members: Type.Array(VolunteerMemberView),
});
export type VolunteerTeamDetail = Static<typeof VolunteerTeamDetail>;

export const AddVolunteerMemberBody = Type.Object(
  {
    kind: literalUnion(VOLUNTEER_MEMBER_KINDS),
    residentId: Type.Optional(Uuid),
    userId: Type.Optional(Uuid),
    /** For a plain person (and to override a resident's or user's name). */
    name: Type.Optional(Text(50)),
    phone: Type.Optional(Text(20)),
    role: literalUnion(VOLUNTEER_ROLES),
    skills: Type.Optional(Skills),
    availability: Type.Optional(Text(200)),
    joinedOn: Type.Optional(LocalDate),
  },
  { additionalProperties: false },
);
export type AddVolunteerMemberBody = Static<typeof AddVolunteerMemberBody>;

export const UpdateVolunteerMemberBody = Type.Object(
  {
    name: Type.Optional(Name),
    phone: Type.Optional(Text(20)),
    role: Type.Optional(literalUnion(VOLUNTEER_ROLES)),
    skills: Type.Optional(Skills),
    availability: Type.Optional(Text(200)),
  },
  { additionalProperties: false },
);
export type UpdateVolunteerMemberBody = Static<typeof UpdateVolunteerMemberBody>;

export const LeaveVolunteerTeamBody = Type.Object(
  { leftOn: Type.Optional(LocalDate), reason: Type.Optional(Text(200)) },
  { additionalProperties: false },
);
export type LeaveVolunteerTeamBody = Static<typeof LeaveVolunteerTeamBody>;

export const RevealVolunteerContactBody = Type.Object(
  { purpose: Text(200, 2) },
  { additionalProperties: false },
);
export type RevealVolunteerContactBody = Static<typeof RevealVolunteerContactBody>;

export const VolunteerParticipant = Type.Object({
  memberId: Uuid,
  name: Type.String(),
  minutes: Type.Integer(),
  hours: Type.Number(),
});
export type VolunteerParticipant = Static<typeof VolunteerParticipant>;

export const VolunteerActivityView = Type.Object({
  id: Uuid,
  team: Ref,
  title: Type.String(),
  field: Type.String(),
  fieldLabel: Type.String(),
  place: Type.String(),
  startsAt: DateTime,
  endsAt: Nullable(DateTime),
  status: literalUnion(VOLUNTEER_ACTIVITY_STATUSES),
  description: Nullable(Type.String()),
  report: Nullable(Type.String()),
  photoIds: Type.Array(Uuid),
  participants: Type.Array(VolunteerParticipant),
  totalMinutes: Type.Integer(),
  totalHours: Type.Number(),
  helpRequestId: Nullable(Uuid),
  ticket: Nullable(Type.Object({ id: Uuid, code: Type.String() })),
  createdAt: DateTime,
  writable: Type.Boolean(),
});
export type VolunteerActivityView = Static<typeof VolunteerActivityView>;
export const VolunteerActivityList = Page(VolunteerActivityView);
export type VolunteerActivityList = Static<typeof VolunteerActivityList>;

export const VolunteerActivityListQuery = Type.Object(
  {
    ...PageQuery,
    teamId: Type.Optional(Uuid),
    status: Type.Optional(literalUnion(VOLUNTEER_ACTIVITY_STATUSES)),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  },
  { additionalProperties: false },
);
export type VolunteerActivityListQuery = Static<typeof VolunteerActivityListQuery>;

export const ParticipantHoursBody = Type.Object(
  { memberId: Uuid, hours: VolunteerHours },
  { additionalProperties: false },
);

export const CreateVolunteerActivityBody = Type.Object(
  {
    title: Text(100, 2),
    field: Type.Optional(FieldCode),
    place: Text(200, 1),
    startsAt: DateTime,
    endsAt: Type.Optional(DateTime),
    description: Type.Optional(Text(2000)),
    /** Record it as held at once (with the participants' hours and the report). */
    held: Type.Optional(Type.Boolean()),
    report: Type.Optional(Text(4000)),
    participants: Type.Optional(Type.Array(ParticipantHoursBody, { maxItems: 500 })),
    photoIds: Type.Optional(Type.Array(Uuid, { maxItems: 20, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type CreateVolunteerActivityBody = Static<typeof CreateVolunteerActivityBody>;

export const RecordVolunteerActivityBody = Type.Object(
  {
    report: Text(4000, 2),
    participants: Type.Array(ParticipantHoursBody, { minItems: 1, maxItems: 500 }),
    photoIds: Type.Optional(Type.Array(Uuid, { maxItems: 20, uniqueItems: true })),
    endsAt: Type.Optional(DateTime),
  },
  { additionalProperties: false },
);
export type RecordVolunteerActivityBody = Static<typeof RecordVolunteerActivityBody>;

// ── Applications (the public sign-up, reviewed by the leader) ──

export const PublicVolunteerApplicationBody = Type.Object(
  {
    name: Name,
    phone: Phone,
    skills: Type.Optional(Skills),
    note: Type.Optional(Text(500)),
  },
  { additionalProperties: false },
);
export type PublicVolunteerApplicationBody = Static<typeof PublicVolunteerApplicationBody>;

export const PublicVolunteerApplicationReceipt = Type.Object({
  /** Kept by the resident to check the status (with the phone). */
  code: Type.String(),
  status: literalUnion(VOLUNTEER_APPLICATION_STATUSES),
});
export type PublicVolunteerApplicationReceipt = Static<typeof PublicVolunteerApplicationReceipt>;

export const PublicVolunteerApplicationQuery = Type.Object(
  { code: Type.String({ minLength: 4, maxLength: 20 }), phone: Phone },
  { additionalProperties: false },
);
export type PublicVolunteerApplicationQuery = Static<typeof PublicVolunteerApplicationQuery>;

export const PublicVolunteerApplicationStatus = Type.Object({
  code: Type.String(),
  teamName: Type.String(),
  status: literalUnion(VOLUNTEER_APPLICATION_STATUSES),
  reason: Nullable(Type.String()),
  createdAt: DateTime,
  reviewedAt: Nullable(DateTime),
});
export type PublicVolunteerApplicationStatus = Static<typeof PublicVolunteerApplicationStatus>;

export const VolunteerApplicationView = Type.Object({
  id: Uuid,
  code: Type.String(),
  team: Ref,
  name: Type.String(),
  /** Masked. */
  phone: Type.String(),
  skills: Type.Array(Type.String()),
  note: Nullable(Type.String()),
  status: literalUnion(VOLUNTEER_APPLICATION_STATUSES),
  reason: Nullable(Type.String()),
  memberId: Nullable(Uuid),
  createdAt: DateTime,
  reviewedAt: Nullable(DateTime),
  reviewedBy: Nullable(Ref),
  writable: Type.Boolean(),
});
export type VolunteerApplicationView = Static<typeof VolunteerApplicationView>;
export const VolunteerApplicationList = Page(VolunteerApplicationView);
export type VolunteerApplicationList = Static<typeof VolunteerApplicationList>;

export const VolunteerApplicationListQuery = Type.Object(
  {
    ...PageQuery,
    teamId: Type.Optional(Uuid),
    status: Type.Optional(literalUnion(VOLUNTEER_APPLICATION_STATUSES)),
  },
  { additionalProperties: false },
);
export type VolunteerApplicationListQuery = Static<typeof VolunteerApplicationListQuery>;

export const AcceptVolunteerApplicationBody = Type.Object(
  { role: Type.Optional(literalUnion(VOLUNTEER_ROLES)) },
  { additionalProperties: false },
);
export type AcceptVolunteerApplicationBody = Static<typeof AcceptVolunteerApplicationBody>;

export const RefuseVolunteerApplicationBody = Type.Object(
  { reason: Text(500, 2) },
  { additionalProperties: false },
);
export type RefuseVolunteerApplicationBody = Static<typeof RefuseVolunteerApplicationBody>;

// ── Help asked of a team (on a ticket or a household visit) ──

export const VolunteerHelpView = Type.Object({
  id: Uuid,
  team: Ref,
  ticket: Nullable(Type.Object({ id: Uuid, code: Type.String(), title: Type.String() })),
  visitId: Nullable(Uuid),
  description: Type.String(),
  status: literalUnion(VOLUNTEER_HELP_STATUSES),
  requestedBy: Nullable(Ref),
  requestedUnit: Nullable(Ref),
  requestedAt: DateTime,
  acceptedBy: Nullable(Ref),
  acceptedAt: Nullable(DateTime),
  assigned: Type.Array(Ref),
  declineReason: Nullable(Type.String()),
  what: Nullable(Type.String()),
  helpedAt: Nullable(DateTime),
  totalHours: Type.Number(),
  activityId: Nullable(Uuid),
  /** The actor may accept, assign and record (the team's leader or keepers). */
  writable: Type.Boolean(),
});
export type VolunteerHelpView = Static<typeof VolunteerHelpView>;
export const VolunteerHelpList = Page(VolunteerHelpView);
export type VolunteerHelpList = Static<typeof VolunteerHelpList>;
export const VolunteerHelpItems = Type.Object({ items: Type.Array(VolunteerHelpView) });
export type VolunteerHelpItems = Static<typeof VolunteerHelpItems>;

export const VolunteerHelpListQuery = Type.Object(
  {
    ...PageQuery,
    teamId: Type.Optional(Uuid),
    status: Type.Optional(literalUnion(VOLUNTEER_HELP_STATUSES)),
  },
  { additionalProperties: false },
);
export type VolunteerHelpListQuery = Static<typeof VolunteerHelpListQuery>;

/** Help on a household visit (on a ticket, the `request_volunteers` action asks). */
export const CreateVolunteerHelpBody = Type.Object(
  { teamId: Uuid, visitId: Uuid, description: Text(2000, 2) },
  { additionalProperties: false },
);
export type CreateVolunteerHelpBody = Static<typeof CreateVolunteerHelpBody>;

export const AcceptVolunteerHelpBody = Type.Object(
  { memberIds: Type.Array(Uuid, { minItems: 1, maxItems: 50, uniqueItems: true }) },
  { additionalProperties: false },
);
export type AcceptVolunteerHelpBody = Static<typeof AcceptVolunteerHelpBody>;

export const DeclineVolunteerHelpBody = Type.Object(
  { reason: Text(500, 2) },
  { additionalProperties: false },
);
export type DeclineVolunteerHelpBody = Static<typeof DeclineVolunteerHelpBody>;

export const RecordVolunteerHelpBody = Type.Object(
  {
    what: Text(2000, 2),
    helpedAt: DateTime,
    participants: Type.Array(ParticipantHoursBody, { minItems: 1, maxItems: 50 }),
    photoIds: Type.Optional(Type.Array(Uuid, { maxItems: 20, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type RecordVolunteerHelpBody = Static<typeof RecordVolunteerHelpBody>;

// ── Hours summary (per person, team and township; a calendar year in local time) ──

export const VolunteerSummaryQuery = Type.Object(
  {
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    townshipId: Type.Optional(Uuid),
    teamId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type VolunteerSummaryQuery = Static<typeof VolunteerSummaryQuery>;

export const VolunteerSummary = Type.Object({
  year: Type.Integer(),
  byTownship: Type.Array(
    Type.Object({
      township: Ref,
      teams: Type.Integer(),
      activities: Type.Integer(),
      people: Type.Integer(),
      minutes: Type.Integer(),
      hours: Type.Number(),
    }),
  ),
  byTeam: Type.Array(
    Type.Object({
      team: Ref,
      place: Ref,
      township: Nullable(Ref),
      activities: Type.Integer(),
      people: Type.Integer(),
      minutes: Type.Integer(),
      hours: Type.Number(),
    }),
  ),
  byPerson: Type.Array(
    Type.Object({
      member: Ref,
      team: Ref,
      activities: Type.Integer(),
      minutes: Type.Integer(),
      hours: Type.Number(),
    }),
  ),
});
export type VolunteerSummary = Static<typeof VolunteerSummary>;

// ── Excel import of members ──

export const VolunteerImportRow = Type.Object({
  row: Type.Integer(),
  name: Type.String(),
  /** Masked. */
  phone: Nullable(Type.String()),
  role: Type.String(),
  errors: Type.Array(Type.String()),
});
export const VolunteerImportPreview = Type.Object({
  rows: Type.Array(VolunteerImportRow),
  valid: Type.Integer(),
  invalid: Type.Integer(),
  /** Rows written (commit only). */
  imported: Type.Integer(),
  committed: Type.Boolean(),
});
export type VolunteerImportPreview = Static<typeof VolunteerImportPreview>;

// ── The public village page ──

export const PublicVolunteerPlaces = Type.Array(
  Type.Object({ id: Uuid, name: Type.String(), township: Type.String(), teams: Type.Integer() }),
);
export type PublicVolunteerPlaces = Static<typeof PublicVolunteerPlaces>;

export const PublicVolunteerVillage = Type.Object({
  village: Type.Object({ id: Uuid, name: Type.String(), township: Type.String() }),
  teams: Type.Array(
    Type.Object({
      id: Uuid,
      name: Type.String(),
      kind: literalUnion(VOLUNTEER_TEAM_KINDS),
      fieldLabel: Type.String(),
      description: Nullable(Type.String()),
      memberCount: Type.Integer(),
      acceptsApplications: Type.Boolean(),
    }),
  ),
  upcoming: Type.Array(
    Type.Object({
      id: Uuid,
      teamName: Type.String(),
      title: Type.String(),
      place: Type.String(),
      startsAt: DateTime,
    }),
  ),
});
export type PublicVolunteerVillage = Static<typeof PublicVolunteerVillage>;

/** Server-side strings (Excel sheets, the import's row messages, the ticket's texts), zh-CN. */
export const volunteerMessages = {
  kind: { village_service: '村级服务队', volunteer: '志愿服务队', one_plus_x: '1+X服务组' },
  role: {
    captain: '队长',
    member: '队员',
    mediator: '调解员',
    elder: '乡贤',
    cadre: '干部',
    other: '其他',
  },
  memberKind: { resident: '居民', staff: '工作人员', person: '其他人员' },
  membersSheet: '队员',
  summarySheets: { township: '按街乡镇', team: '按队伍', person: '按个人' },
  col: {
    name: '姓名',
    phone: '联系电话',
    role: '角色',
    skills: '特长技能',
    availability: '可服务时间',
    joinedOn: '加入日期',
    leftOn: '退出日期',
    hours: '服务时长(小时)',
    team: '队伍',
    place: '村(社区)',
    township: '街乡镇',
    activities: '活动次数',
    people: '参与人数',
    teams: '队伍数',
  },
  importErrors: {
    name: '姓名不能为空',
    phone: '手机号码格式不正确',
    role: '角色应为:队长、队员、调解员、乡贤、干部、其他',
    joinedOn: '加入日期格式应为 YYYY-MM-DD',
    duplicate: '该手机号已是本队队员',
    duplicateRow: '与第{row}行手机号重复',
  },
  unreadable: '无法读取文件,请上传 .xlsx 格式的 Excel 文件(可先下载模板)',
  missingColumns: '缺少列:{columns},请使用导入模板',
  empty: '文件中没有数据行',
  tooManyRows: '一次最多导入 {n} 行',
  teamInactive: '该队伍已解散',
  notMember: '所选人员不是本队现有队员',
  fieldUnknown: '服务领域不存在',
  placeInvalid: '服务队设在村(社区)或街乡镇',
  leaderInvalid: '队长须为本区工作人员',
  personRequired: '请填写姓名',
  residentRequired: '请选择居民',
  userRequired: '请选择工作人员',
  alreadyMember: '该人员已是本队队员',
  alreadyLeft: '该队员已退出',
  activityNotPlanned: '只有计划中的活动可以登记或取消',
  helpNotRequested: '该协助请求已处理',
  helpNotAccepted: '请先接受该协助请求并指派队员',
  applicationReviewed: '该申请已处理',
  applicationsClosed: '该队伍暂不接受报名',
  applicationPending: '您已提交过报名申请,请等待审核',
  hoursMinutes: '服务时长以分钟为最小单位',
  endsBeforeStart: '结束时间不能早于开始时间',
  visitUnknown: '走访记录不存在',
} as const;
