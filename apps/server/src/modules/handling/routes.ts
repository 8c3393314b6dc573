import { Type } from '@sinclair/typebox';
import {
  ErrorBody,
  ExtensionCounts,
  ExtensionCountsQuery,
  HandlingRequestList,
  HandlingRequestQuery,
  SuspensionSweepResult,
  TicketHandlingView,
  Uuid,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireRole, requireStaff } from '../../plugins/auth.js';

const IdParams = Type.Object({ id: Uuid });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export function handlingRoutes(app: App, c: Container): void {
  app.get('/api/tickets/:id/handling', {
    preHandler: requireStaff,
    schema: {
      tags: ['handling'],
      summary: '工单的联系记录(标明计入响应的首次联系)、延期/挂起/终止办理申请与办结计时(是否挂起)',
      params: IdParams,
      response: { 200: TicketHandlingView, ...errors },
    },
    handler: (req) => c.handling.forTicket(actorOf(req), req.params.id),
  });

  app.get('/api/handling/requests', {
    preHandler: requireStaff,
    schema: {
      tags: ['handling'],
      summary:
        '待审批清单:延期、挂起、终止办理申请,按状态、类型、单位筛选;指挥中心看全部,承办单位看本单位',
      querystring: HandlingRequestQuery,
      response: { 200: HandlingRequestList, ...errors },
    },
    handler: (req) => c.handling.list(actorOf(req), req.query),
  });

  app.get('/api/handling/extension-counts', {
    preHandler: requireStaff,
    schema: {
      tags: ['handling'],
      summary:
        '各单位在时间段内的延期申请、同意和不同意次数,以及同意挂起、终止办理的件数(终止办理单列,不计为已解决;考核用,仅指挥中心)',
      querystring: ExtensionCountsQuery,
      response: { 200: ExtensionCounts, ...errors },
    },
    handler: (req) => c.handling.extensionCounts(actorOf(req), req.query),
  });

  app.post('/api/handling/sweep', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['handling'],
      summary: '挂起到期自动恢复办理:每张到期工单记一条平台事件,办结时限顺延至挂起截止时(幂等)',
      response: { 200: SuspensionSweepResult, ...errors },
    },
    handler: (req) => c.handling.sweep(actorOf(req).tenantId),
  });
}
