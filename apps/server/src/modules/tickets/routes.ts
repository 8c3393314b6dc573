import { Type } from '@sinclair/typebox';
import {
  ACTION_INPUTS,
  CreateTicketBody,
  ErrorBody,
  RevealResponse,
  TRANSITIONS,
  TicketEventView,
  TicketList,
  TicketListQuery,
  TicketView,
  TicketStats,
  TicketSummary,
  BulkResult,
  UnitSuggestion,
  Uuid,
  zhCN,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import { actorOf, requireStaff } from '../../plugins/auth.js';
import type { Container } from '../../container.js';
import { IdempotencyHeaders, keyedOf, sendKept } from '../idempotency/http.js';

const IdParams = Type.Object({ id: Uuid });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function ticketRoutes(app: App, c: Container): void {
  app.get('/api/tickets', {
    preHandler: requireStaff,
    schema: {
      tags: ['tickets'],
      summary: '工单列表(筛选、排序、分页)',
      querystring: TicketListQuery,
      response: { 200: TicketList, ...errors },
    },
    handler: (req) => c.tickets.list(actorOf(req), req.query),
  });

  app.post('/api/tickets', {
    preHandler: requireStaff,
    schema: {
      tags: ['tickets'],
      summary: '受理诉求(坐席、来访、网格巡查等渠道)',
      headers: IdempotencyHeaders,
      body: CreateTicketBody,
      response: { 201: TicketView, ...errors, 422: ErrorBody },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      return sendKept(reply, await c.tickets.createByStaff(actor, req.body, keyedOf(req, actor)));
    },
  });

  app.get('/api/tickets/stats', {
    preHandler: requireStaff,
    schema: {
      tags: ['tickets'],
      summary: '工作台统计:各状态、颜色、超期、临期、今日数量,近30天趋势与分类',
      response: { 200: TicketStats, ...errors },
    },
    handler: (req) => c.reports.stats(actorOf(req)),
  });

  app.get('/api/tickets/export', {
    preHandler: requireStaff,
    schema: {
      tags: ['tickets'],
      summary: '导出当前筛选的工单列表(Excel,不含诉求人个人信息)',
      querystring: TicketListQuery,
    },
    handler: async (req, reply) => {
      const data = await c.reports.exportXlsx(actorOf(req), req.query);
      const name = `工单导出-${c.clock.now().toISOString().slice(0, 10)}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(data);
    },
  });

  app.get('/api/tickets/:id/related', {
    preHandler: requireStaff,
    schema: {
      tags: ['tickets'],
      summary: '相关工单:同一诉求人、同一地点同类',
      params: IdParams,
      response: {
        200: Type.Object({
          sameRequester: Type.Array(TicketSummary),
          samePlace: Type.Array(TicketSummary),
        }),
        ...errors,
      },
    },
    handler: (req) => c.reports.related(actorOf(req), req.params.id),
  });

  app.get('/api/tickets/:id/suggestions', {
    preHandler: requireStaff,
    schema: {
      tags: ['tickets'],
      summary: '建议主办单位:先按派单目录(含协办单位),再按本区同类工单的历史派单',
      params: IdParams,
      response: { 200: Type.Array(UnitSuggestion), ...errors },
    },
    handler: (req) => c.reports.suggestions(actorOf(req), req.params.id),
  });

  app.get('/api/tickets/:id', {
    preHandler: requireStaff,
    schema: {
      tags: ['tickets'],
      summary: '工单详情,含当前用户可执行的操作',
      params: IdParams,
      response: { 200: TicketView, ...errors },
    },
    handler: (req) => c.tickets.view(actorOf(req), req.params.id),
  });

  app.get('/api/tickets/:id/events', {
    preHandler: requireStaff,
    schema: {
      tags: ['tickets'],
      summary: '工单的完整事件记录',
      params: IdParams,
      response: { 200: Type.Array(TicketEventView), ...errors },
    },
    handler: (req) => c.tickets.timeline(actorOf(req), req.params.id),
  });

  app.post('/api/tickets/:id/requester/reveal', {
    preHandler: requireStaff,
    schema: {
      tags: ['tickets'],
      summary: '查看诉求人姓名和电话(记录查看日志)',
      params: IdParams,
      body: Type.Object(
        { purpose: Type.Optional(Type.String({ maxLength: 200 })) },
        { additionalProperties: false },
      ),
      response: { 200: RevealResponse, ...errors },
    },
    handler: (req) => c.tickets.revealRequester(actorOf(req), req.params.id, req.body.purpose),
  });

  // One route per staff transition, generated from the state machine table,
  // so each action's input is validated and documented on its own.
  for (const def of TRANSITIONS) {
    if (def.relation === 'requester' || def.relation === 'system') continue;
    const action = def.action;
    app.post(`/api/tickets/:id/actions/${action}`, {
      preHandler: requireStaff,
      schema: {
        tags: ['ticket actions'],
        summary: zhCN.action[action],
        description: `从状态 ${def.from.join(', ')};角色 ${def.roles.join(', ')}(${def.relation})`,
        params: IdParams,
        body: Type.Object(
          {
            input: ACTION_INPUTS[action],
            reason: Type.Optional(Type.String({ maxLength: 2000 })),
            expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: TicketView, ...errors },
      },
      handler: (req) =>
        c.tickets.actByStaff(
          actorOf(req),
          req.params.id,
          action,
          req.body as { input: Record<string, unknown> },
        ),
    });

    app.post(`/api/tickets/bulk/${action}`, {
      preHandler: requireStaff,
      schema: {
        tags: ['ticket actions'],
        summary: `批量${zhCN.action[action]}`,
        description: '每张工单单独执行、单独成败;结果逐条返回',
        body: Type.Object(
          {
            ids: Type.Array(Uuid, { minItems: 1, maxItems: 100, uniqueItems: true }),
            input: ACTION_INPUTS[action],
            reason: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: BulkResult, ...errors },
      },
      handler: (req) => {
        const { ids, input, reason } = req.body as {
          ids: string[];
          input: Record<string, unknown>;
          reason?: string;
        };
        return c.tickets.bulk(actorOf(req), ids, action, { input, reason });
      },
    });
  }
}
