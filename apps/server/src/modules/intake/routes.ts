import { Type } from '@sinclair/typebox';
import { ErrorBody, MergeInfo, SimilarTicketsQuery, TicketSummary, Uuid } from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireStaff } from '../../plugins/auth.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export function intakeRoutes(app: App, c: Container): void {
  app.get('/api/tickets/similar', {
    preHandler: requireStaff,
    schema: {
      tags: ['tickets'],
      summary: '同一地点同类诉求(近若干天,默认 30 天;仅热线坐席和派单员)',
      querystring: SimilarTicketsQuery,
      response: { 200: Type.Array(TicketSummary), ...errors },
    },
    handler: (req) => c.intake.similar(actorOf(req), req.query),
  });

  app.get('/api/tickets/:id/merging', {
    preHandler: requireStaff,
    schema: {
      tags: ['tickets'],
      summary: '并单情况:本工单的主工单,或并入本工单的工单',
      params: Type.Object({ id: Uuid }),
      response: { 200: MergeInfo, ...errors },
    },
    handler: (req) => c.intake.mergeInfo(actorOf(req), req.params.id),
  });
}
