import { Type, type Static } from '@sinclair/typebox';
import { LocalDate, literalUnion } from './common.js';

export const CalendarDayView = Type.Object({
  date: LocalDate,
  kind: literalUnion(['holiday', 'workday'] as const, 'holiday 法定节假日;workday 调休上班日'),
  name: Type.String(),
});
export type CalendarDayView = Static<typeof CalendarDayView>;

export const CalendarYearView = Type.Object({
  year: Type.Integer(),
  days: Type.Array(CalendarDayView),
  missingYears: Type.Array(Type.Integer(), { description: '尚未录入节假日安排的年份' }),
});

export const PutCalendarDayBody = Type.Object(
  {
    kind: literalUnion(['holiday', 'workday'] as const),
    name: Type.String({ minLength: 1, maxLength: 40 }),
  },
  { additionalProperties: false },
);

export const CalendarChangeResult = Type.Object({
  recalculated: Type.Integer({
    minimum: 0,
    description: '因该日调整而重新计算时限的在办工单数',
  }),
});
export type CalendarChangeResult = Static<typeof CalendarChangeResult>;
