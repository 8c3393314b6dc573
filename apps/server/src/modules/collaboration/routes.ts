import { Type } from '@sinclair/typebox';
import {
  ErrorBody,
  ObjectionList,
  ObjectionListQuery,
  ObjectionStats,
  ObjectionStatsQuery,
  ObjectionView,
  TaskList,
  TaskListQuery,
  TaskView,
  Uuid,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireStaff } from '../../plugins/auth.js';

const IdParams = Type.Object({ id: Uuid });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export function collaborationRoutes(app: App, c: Container): void {
  app.get('/api/objections', {
    preHandler: requireStaff,
    schema: {
      tags: ['objections'],
      summary: '异议列表(派单中心审核;承办单位看本单位的异议)',
      querystring: ObjectionListQuery,
      response: { 200: ObjectionList, ...errors },
    },
    handler: (req) => c.collaboration.listObjections(actorOf(req), req.query),
  });

  app.get('/api/objections/stats', {
    preHandler: requireStaff,
    schema: {
      tags: ['objections'],
      summary: '异议统计:按提出单位、按派单员的提出、成立、驳回、派单差错数',
      querystring: ObjectionStatsQuery,
      response: { 200: ObjectionStats, ...errors },
    },
    handler: (req) => c.collaboration.objectionStats(actorOf(req), req.query),
  });

  app.get('/api/tickets/:id/objections', {
    preHandler: requireStaff,
    schema: {
      tags: ['objections'],
      summary: '工单的异议及审核结果',
      params: IdParams,
      response: { 200: Type.Array(ObjectionView), ...errors },
    },
    handler: (req) => c.collaboration.ticketObjections(actorOf(req), req.params.id),
  });

  app.get('/api/tasks', {
    preHandler: requireStaff,
    schema: {
      tags: ['tasks'],
      summary: '协办任务列表(mine=1 只看本单位)',
      querystring: TaskListQuery,
      response: { 200: TaskList, ...errors },
    },
    handler: (req) => c.collaboration.listTasks(actorOf(req), req.query),
  });

  app.get('/api/tickets/:id/tasks', {
    preHandler: requireStaff,
    schema: {
      tags: ['tasks'],
      summary: '工单的协办任务及各协办单位报送情况',
      params: IdParams,
      response: { 200: Type.Array(TaskView), ...errors },
    },
    handler: (req) => c.collaboration.ticketTasks(actorOf(req), req.params.id),
  });
}
