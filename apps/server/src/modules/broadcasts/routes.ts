import { Type } from '@sinclair/typebox';
import {
  AckBroadcastBody,
  BroadcastDetail,
  BroadcastDetailQuery,
  BroadcastList,
  BroadcastListQuery,
  BroadcastTargets,
  CreateBroadcastBody,
  ErrorBody,
  InboxBroadcastDetail,
  InboxBroadcastList,
  OutboxList,
  RemindResult,
  Uuid,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireStaff } from '../../plugins/auth.js';

const IdParams = Type.Object({ id: Uuid });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** 一令到底: the senders' side (/api/broadcasts) and the grid worker's (/api/my/broadcasts). */
export function broadcastRoutes(app: App, c: Container): void {
  app.get('/api/broadcasts/targets', {
    preHandler: requireStaff,
    schema: {
      tags: ['grid'],
      summary: '可下发的范围(本辖区的街乡镇、村(社区)、网格)及其在岗网格员数',
      response: { 200: BroadcastTargets, ...errors },
    },
    handler: (req) => c.broadcasts.targets(actorOf(req)),
  });

  app.post('/api/broadcasts', {
    preHandler: requireStaff,
    schema: {
      tags: ['grid'],
      summary: '一令到底:向本辖区全部网格员下发通知或指令',
      body: CreateBroadcastBody,
      response: { 201: BroadcastDetail, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await c.broadcasts.create(actorOf(req), req.body)),
  });

  app.get('/api/broadcasts', {
    preHandler: requireStaff,
    schema: {
      tags: ['grid'],
      summary: '本辖区已下发的通知、指令及阅读、确认进度',
      querystring: BroadcastListQuery,
      response: { 200: BroadcastList, ...errors },
    },
    handler: (req) => c.broadcasts.list(actorOf(req), req.query),
  });

  app.get('/api/broadcasts/:id', {
    preHandler: requireStaff,
    schema: {
      tags: ['grid'],
      summary: '通知、指令详情及每名网格员的阅读、确认、提醒情况',
      params: IdParams,
      querystring: BroadcastDetailQuery,
      response: { 200: BroadcastDetail, ...errors },
    },
    handler: (req) => c.broadcasts.detail(actorOf(req), req.params.id, req.query),
  });

  app.get('/api/broadcasts/:id/recipients.xlsx', {
    preHandler: requireStaff,
    schema: {
      tags: ['grid'],
      summary: '导出接收情况(Excel)',
      params: IdParams,
      querystring: BroadcastDetailQuery,
    },
    handler: async (req, reply) => {
      const { name, data } = await c.broadcasts.exportRecipients(
        actorOf(req),
        req.params.id,
        req.query,
      );
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(data);
    },
  });

  app.post('/api/broadcasts/:id/remind', {
    preHandler: requireStaff,
    schema: {
      tags: ['grid'],
      summary: '提醒未读(指令:未确认)的网格员(短信,经通知发件箱)',
      params: IdParams,
      response: { 200: RemindResult, ...errors },
    },
    handler: (req) => c.broadcasts.remind(actorOf(req), req.params.id),
  });

  app.get('/api/broadcasts/:id/outbox', {
    preHandler: requireStaff,
    schema: {
      tags: ['grid'],
      summary: '本条通知、指令的提醒短信(发件箱)',
      params: IdParams,
      response: { 200: OutboxList, ...errors },
    },
    handler: (req) => c.broadcasts.outbox(actorOf(req), req.params.id),
  });

  app.get('/api/my/broadcasts', {
    preHandler: requireStaff,
    schema: {
      tags: ['grid'],
      summary: '网格员收到的通知、指令(未读在前)',
      response: { 200: InboxBroadcastList, ...errors },
    },
    handler: (req) => c.broadcasts.inbox(actorOf(req)),
  });

  app.post('/api/my/broadcasts/:id/open', {
    preHandler: requireStaff,
    schema: {
      tags: ['grid'],
      summary: '网格员打开一条通知、指令(首次打开记为已读)',
      params: IdParams,
      response: { 200: InboxBroadcastDetail, ...errors },
    },
    handler: (req) => c.broadcasts.open(actorOf(req), req.params.id),
  });

  app.post('/api/my/broadcasts/:id/ack', {
    preHandler: requireStaff,
    schema: {
      tags: ['grid'],
      summary: '网格员确认收到(可附回复)',
      params: IdParams,
      body: AckBroadcastBody,
      response: { 200: InboxBroadcastDetail, ...errors },
    },
    handler: (req) => c.broadcasts.ack(actorOf(req), req.params.id, req.body),
  });
}
