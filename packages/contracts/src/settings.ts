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

/** A district's dispatch settings as they apply (defaults filled in). */
export const TenantSettingsView = Type.Object({
  objectionWindowHours: ObjectionWindowHours,
  utcOffsetMinutes: UtcOffsetMinutes,
  workingHours: WorkingHours,
  weekend: Weekend,
});
export type TenantSettingsView = Static<typeof TenantSettingsView>;

/** Only the fields given change. */
export const UpdateTenantSettingsBody = Type.Object(
  {
    objectionWindowHours: Type.Optional(ObjectionWindowHours),
    utcOffsetMinutes: Type.Optional(UtcOffsetMinutes),
    workingHours: Type.Optional(WorkingHours),
    weekend: Type.Optional(Weekend),
  },
  { additionalProperties: false },
);
export type UpdateTenantSettingsBody = Static<typeof UpdateTenantSettingsBody>;
