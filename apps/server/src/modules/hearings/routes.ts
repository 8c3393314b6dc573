import { Type } from '@sinclair/typebox';
import {
  BacklogList,
  BacklogQuery,
  ErrorBody,
  HearingList,
  HearingListQuery,
  TicketHearings,
  Uuid,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireStaff } from '../../plugins/auth.js';

const IdParams = Type.Object({ id: Uuid });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export function hearingRoutes(app: App, c: Container): void {
  app.get('/api/tickets/:id/hearings', {
    preHandler: requireStaff,
    schema: {
      tags: ['hearings'],
      summary: '工单的听证(含息诉罢访承诺书)和积案会商记录',
      params: IdParams,
      response: { 200: TicketHearings, ...errors },
    },
    handler: (req) => c.hearings.ofTicket(actorOf(req), req.params.id),
  });

  app.get('/api/hearings', {
    preHandler: requireStaff,
    schema: {
      tags: ['hearings'],
      summary: '听证列表:本人可见工单上的听证,按安排时间倒序',
      querystring: HearingListQuery,
      response: { 200: HearingList, ...errors },
    },
    handler: (req) => c.hearings.list(actorOf(req), req.query),
  });

  app.get('/api/backlog', {
    preHandler: requireStaff,
    schema: {
      tags: ['hearings'],
      summary:
        '积案清单:未办结且受理超过本区设定天数,或重办达到设定次数的工单,附会商和听证情况(不含诉求人个人信息)',
      querystring: BacklogQuery,
      response: { 200: BacklogList, ...errors },
    },
    handler: (req) => c.hearings.backlog(actorOf(req), req.query),
  });

  app.get('/api/backlog/export.xlsx', {
    preHandler: requireStaff,
    schema: {
      tags: ['hearings'],
      summary: '导出当前筛选的积案清单(Excel,不含诉求人个人信息)',
      querystring: BacklogQuery,
    },
    handler: async (req, reply) => {
      const data = await c.hearings.exportBacklog(actorOf(req), req.query);
      const name = `积案清单-${c.clock.now().toISOString().slice(0, 10)}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(data);
    },
  });
}
