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
  Uuid,
  zhCN,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import { actorOf, requireStaff } from '../../plugins/auth.js';
import type { Container } from '../../container.js';

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
      body: CreateTicketBody,
      response: { 201: TicketView, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await c.tickets.createByStaff(actorOf(req), req.body)),
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
  }
}
