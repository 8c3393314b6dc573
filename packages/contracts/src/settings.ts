import { Type, type Static } from '@sinclair/typebox';

/** A local time of day, `HH:MM`; `24:00` is allowed as the end of the last period. */
export const ClockTime = Type.String({
  pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$',
  description: '本地时间 HH:MM(24:00 可作为结束时间)',
});

export const WorkingPeriod = Type.Object(
  { start: ClockTime, end: ClockTime },
  { additionalProperties: false },
);
export type WorkingPeriod = Static<typeof WorkingPeriod>;

const ObjectionWindowHours = Type.Integer({
  minimum: 1,
  maximum: 720,
  description: '派单后承办单位可提出异议的小时数(1–720)',
});
const UtcOffsetMinutes = Type.Integer({
  minimum: -840,
  maximum: 840,
  description: '本地时间相对 UTC 的分钟数,中国为 480',
});
const WorkingHours = Type.Array(WorkingPeriod, {
  minItems: 1,
  maxItems: 8,
  description: '每个工作日的上班时段,按时间先后排列、互不重叠',
});
const Weekend = Type.Array(Type.Integer({ minimum: 0, maximum: 6 }), {
  maxItems: 6,
  uniqueItems: true,
  description: '每周休息日,0 为星期日、6 为星期六',
});

// [Deliberation]
const NoticeDays = Type.Integer({
  minimum: 1,
  maximum: 60,
  description: '群评结果在村(社区)公示的天数,默认 7',
});
const RepeatThreshold = Type.Integer({
  minimum: 2,
  maximum: 50,
  description: '同一诉求人就同一事项诉求达到多少次,列为高频重复诉求(可提议下交群评),默认 3',
});
const RepeatWindowDays = Type.Integer({
  minimum: 7,
  maximum: 730,
  description: '统计高频重复诉求的时间范围(天),默认 180',
});
const BacklogDays = Type.Integer({
  minimum: 7,
  maximum: 3650,
  description: '未办结超过多少天列入积案,默认 60',
});
const BacklogReopens = Type.Integer({
  minimum: 1,
  maximum: 20,
  description: '重办多少次及以上列入积案,默认 2',
});

// [Handling]
const SuspensionMaxDays = Type.Integer({
  minimum: 1,
  maximum: 90,
  description: '挂起(暂停计时)最长天数,到期自动恢复计时,默认 15',
});
const NoContactAttempts = Type.Integer({
  minimum: 1,
  maximum: 10,
  description: '以“多次联系不上”申请终止办理前须有的未接通次数,默认 3',
});
export const EXTENSION_REVIEWERS = ['centre', 'unit_leader', 'either'] as const;
export type ExtensionReviewer = (typeof EXTENSION_REVIEWERS)[number];
const ExtensionReviewerSchema = Type.Union(
  EXTENSION_REVIEWERS.map((v) => Type.Literal(v)),
  {
    description:
      '延期申请由谁审批:centre 派单中心,unit_leader 承办单位负责人,either 两者均可;默认 centre',
  },
);

/** A district's settings as they apply (defaults filled in). */
export const TenantSettingsView = Type.Object({
  objectionWindowHours: ObjectionWindowHours,
  utcOffsetMinutes: UtcOffsetMinutes,
  workingHours: WorkingHours,
  weekend: Weekend,
  noticeDays: NoticeDays,
  repeatThreshold: RepeatThreshold,
  repeatWindowDays: RepeatWindowDays,
  backlogDays: BacklogDays,
  backlogReopens: BacklogReopens,
  suspensionMaxDays: SuspensionMaxDays,
  noContactAttempts: NoContactAttempts,
  extensionReviewer: ExtensionReviewerSchema,
});
export type TenantSettingsView = Static<typeof TenantSettingsView>;

/** Only the fields given change. */
export const UpdateTenantSettingsBody = Type.Object(
  {
    objectionWindowHours: Type.Optional(ObjectionWindowHours),
    utcOffsetMinutes: Type.Optional(UtcOffsetMinutes),
    workingHours: Type.Optional(WorkingHours),
    weekend: Type.Optional(Weekend),
    noticeDays: Type.Optional(NoticeDays),
    repeatThreshold: Type.Optional(RepeatThreshold),
    repeatWindowDays: Type.Optional(RepeatWindowDays),
    backlogDays: Type.Optional(BacklogDays),
    backlogReopens: Type.Optional(BacklogReopens),
    suspensionMaxDays: Type.Optional(SuspensionMaxDays),
    noContactAttempts: Type.Optional(NoContactAttempts),
    extensionReviewer: Type.Optional(ExtensionReviewerSchema),
  },
  { additionalProperties: false },
);
export type UpdateTenantSettingsBody = Static<typeof UpdateTenantSettingsBody>;
