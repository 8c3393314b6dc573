import { Type } from '@sinclair/typebox';
import {
  CreateWebhookBody,
  CreatedWebhook,
  ErrorBody,
  UpdateWebhookBody,
  Uuid,
  WebhookDeliveryDetail,
  WebhookDeliveryList,
  WebhookDeliveryQuery,
  WebhookDeliveryView,
  WebhookList,
  WebhookView,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireRole } from '../../plugins/auth.js';

const IdParams = Type.Object({ id: Uuid });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const admin = requireRole('admin');

export function webhookRoutes(app: App, c: Container): void {
  app.get('/api/webhooks', {
    config: { scope: 'webhooks' },
    preHandler: admin,
    schema: {
      tags: ['webhooks'],
      summary: '推送订阅列表(含待投递和死信数;不含密钥)',
      response: { 200: WebhookList, ...errors },
    },
    handler: (req) => c.webhooks.list(actorOf(req)),
  });

  app.post('/api/webhooks', {
    config: { scope: 'webhooks' },
    preHandler: admin,
    schema: {
      tags: ['webhooks'],
      summary: '新建推送订阅:地址和事件类型;签名密钥只在此次返回',
      body: CreateWebhookBody,
      response: { 201: CreatedWebhook, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await c.webhooks.create(actorOf(req), req.body)),
  });

  app.patch('/api/webhooks/:id', {
    config: { scope: 'webhooks' },
    preHandler: admin,
    schema: {
      tags: ['webhooks'],
      summary: '修改推送订阅(名称、地址、事件类型、启用或停用)',
      params: IdParams,
      body: UpdateWebhookBody,
      response: { 200: WebhookView, ...errors },
    },
    handler: (req) => c.webhooks.update(actorOf(req), req.params.id, req.body),
  });

  app.delete('/api/webhooks/:id', {
    config: { scope: 'webhooks' },
    preHandler: admin,
    schema: {
      tags: ['webhooks'],
      summary: '停用推送订阅(投递记录保留)',
      params: IdParams,
      response: { 200: WebhookView, ...errors },
    },
    handler: (req) => c.webhooks.remove(actorOf(req), req.params.id),
  });

  app.post('/api/webhooks/:id/ping', {
    config: { scope: 'webhooks' },
    preHandler: admin,
    schema: {
      tags: ['webhooks'],
      summary: '发送一次测试推送(ping,不重试),返回结果',
      params: IdParams,
      response: { 200: WebhookDeliveryDetail, ...errors },
    },
    handler: (req) => c.webhooks.ping(actorOf(req), req.params.id),
  });

  app.get('/api/webhook-deliveries', {
    config: { scope: 'webhooks' },
    preHandler: admin,
    schema: {
      tags: ['webhooks'],
      summary: '推送投递记录,按状态(死信为 dead)、订阅、工单筛选,分页',
      querystring: WebhookDeliveryQuery,
      response: { 200: WebhookDeliveryList, ...errors },
    },
    handler: (req) => c.webhooks.deliveries(actorOf(req), req.query),
  });

  app.get('/api/webhook-deliveries/:id', {
    config: { scope: 'webhooks' },
    preHandler: admin,
    schema: {
      tags: ['webhooks'],
      summary: '一次投递的内容和每次尝试(状态码、耗时、错误)',
      params: IdParams,
      response: { 200: WebhookDeliveryDetail, ...errors },
    },
    handler: (req) => c.webhooks.delivery(actorOf(req), req.params.id),
  });

  app.post('/api/webhook-deliveries/:id/replay', {
    config: { scope: 'webhooks' },
    preHandler: admin,
    schema: {
      tags: ['webhooks'],
      summary: '重发死信:回到待投递,尝试次数清零;同一工单的顺序规则不变',
      params: IdParams,
      response: { 200: WebhookDeliveryView, ...errors },
    },
    handler: (req) => c.webhooks.replay(actorOf(req), req.params.id),
  });
}
