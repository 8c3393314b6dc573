import { Type } from '@sinclair/typebox';
import {
  CalendarChangeResult,
  CalendarYearView,
  ErrorBody,
  LocalDate,
  PutCalendarDayBody,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireRole, requireStaff } from '../../plugins/auth.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export function calendarRoutes(app: App, c: Container): void {
  app.get('/api/calendar/:year', {
    preHandler: requireStaff,
    schema: {
      tags: ['calendar'],
      summary: '工作日历:某年的法定节假日和调休上班日',
      params: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
      response: { 200: CalendarYearView, ...errors },
    },
    handler: (req) => c.calendar.year(actorOf(req).tenantId, req.params.year),
  });
  app.put('/api/calendar/days/:date', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['calendar'],
      summary: '设置节假日或调休上班日;跨越该日的在办工单时限重新计算',
      params: Type.Object({ date: LocalDate }),
      body: PutCalendarDayBody,
      response: { 200: CalendarChangeResult, ...errors },
    },
    handler: (req) =>
      c.calendar.putDay(actorOf(req).tenantId, req.params.date, req.body.kind, req.body.name),
  });
  app.delete('/api/calendar/days/:date', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['calendar'],
      summary: '删除节假日或调休设置;跨越该日的在办工单时限重新计算',
      params: Type.Object({ date: LocalDate }),
      response: { 200: CalendarChangeResult, ...errors },
    },
    handler: (req) => c.calendar.deleteDay(actorOf(req).tenantId, req.params.date),
  });
}
