import { Type } from '@sinclair/typebox';
import {
  CoordinationTargets,
  CreateWhistleBody,
  ErrorBody,
  ReportInBody,
  TicketDelegations,
  Uuid,
  WhistleList,
  WhistleListQuery,
  WhistleStats,
  WhistleStatsQuery,
  WhistleView,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireStaff } from '../../plugins/auth.js';

const IdParams = Type.Object({ id: Uuid });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function coordinationRoutes(app: App, c: Container): void {
  app.get('/api/whistles', {
    preHandler: requireStaff,
    schema: {
      tags: ['whistles'],
      summary: '吹哨列表:mine=1 为召集本单位、待报到的吹哨;否则为本单位发起或被召集的吹哨',
      querystring: WhistleListQuery,
      response: { 200: WhistleList, ...errors },
    },
    handler: (req) => c.coordination.list(actorOf(req), req.query),
  });

  app.post('/api/whistles', {
    preHandler: requireStaff,
    schema: {
      tags: ['whistles'],
      summary: '就某一地点和事项吹哨召集部门(不针对工单)',
      body: CreateWhistleBody,
      response: { 201: WhistleView, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await c.coordination.create(actorOf(req), req.body)),
  });

  app.get('/api/whistles/stats', {
    preHandler: requireStaff,
    schema: {
      tags: ['whistles'],
      summary: '吹哨报到考核:各街乡镇吹哨次数,各部门被召集、按时报到、迟到和未报到次数',
      querystring: WhistleStatsQuery,
      response: { 200: WhistleStats, ...errors },
    },
    handler: (req) => c.coordination.stats(actorOf(req), req.query),
  });

  app.post('/api/whistles/:id/report-in', {
    preHandler: requireStaff,
    schema: {
      tags: ['whistles'],
      summary: '被召集单位报到(工单吹哨即执行工单的报到操作)',
      params: IdParams,
      body: ReportInBody,
      response: { 200: WhistleView, ...errors },
    },
    handler: (req) => c.coordination.reportIn(actorOf(req), req.params.id, req.body),
  });

  app.get('/api/tickets/:id/whistles', {
    preHandler: requireStaff,
    schema: {
      tags: ['whistles'],
      summary: '工单的吹哨报到情况',
      params: IdParams,
      response: { 200: WhistleList, ...errors },
    },
    handler: (req) => c.coordination.ofTicket(actorOf(req), req.params.id),
  });

  app.get('/api/tickets/:id/delegations', {
    preHandler: requireStaff,
    schema: {
      tags: ['tickets'],
      summary: '工单的流转链:逐级下派、收回、上报,以及召集科室会商',
      params: IdParams,
      response: { 200: TicketDelegations, ...errors },
    },
    handler: (req) => c.coordination.delegations(actorOf(req), req.params.id),
  });

  app.get('/api/tickets/:id/coordination-targets', {
    preHandler: requireStaff,
    schema: {
      tags: ['tickets'],
      summary: '当前用户在该工单上可下派、可吹哨召集、可召集会商的单位',
      params: IdParams,
      response: { 200: CoordinationTargets, ...errors },
    },
    handler: (req) => c.coordination.targets(actorOf(req), req.params.id),
  });
}
