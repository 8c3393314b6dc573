import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Uuid } from './common.js';
import type { COLOURS, TICKET_STATES } from './enums.js';

/** Counts for a role's inbox and home page, over the tickets the user may see. */
export const TicketStats = Type.Object({
  now: DateTime,
  byState: Type.Unsafe<Record<(typeof TICKET_STATES)[number], number>>(
    Type.Record(Type.String(), Type.Integer(), { description: '各状态工单数' }),
  ),
  byColour: Type.Unsafe<Record<(typeof COLOURS)[number] | 'none', number>>(
    Type.Record(Type.String(), Type.Integer(), { description: '未办结工单按颜色(none 为未标色)' }),
  ),
  open: Type.Integer(),
  overdue: Type.Integer({ description: '办理超期(按当前时间推导)' }),
  responseOverdue: Type.Integer({ description: '签收超期' }),
  dueSoon: Type.Integer({ description: '24 小时内到期' }),
  receivedToday: Type.Integer(),
  closedToday: Type.Integer(),
  volumeByDay: Type.Array(
    Type.Object({ day: Type.String(), received: Type.Integer(), closed: Type.Integer() }),
    {
      description: '最近 30 天每日受理与办结量(本地日期)',
    },
  ),
  byCategory: Type.Array(Type.Object({ id: Uuid, name: Type.String(), count: Type.Integer() }), {
    description: '最近 30 天一级分类受理量',
  }),
});
export type TicketStats = Static<typeof TicketStats>;

export const SavedView = Type.Object({
  id: Uuid,
  name: Type.String(),
  query: Type.Record(Type.String(), Type.Unknown(), { description: '工单列表查询条件' }),
});
export type SavedView = Static<typeof SavedView>;

export const SavedViewBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 40 }),
    query: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false },
);
