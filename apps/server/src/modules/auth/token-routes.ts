// [Interop] Administration of API tokens: list, issue (the token shown once), revoke.
import { Type } from '@sinclair/typebox';
import {
  ApiTokenView,
  CreateApiTokenBody,
  CreatedApiToken,
  ErrorBody,
  Uuid,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireRole } from '../../plugins/auth.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

export function apiTokenRoutes(app: App, c: Container): void {
  app.get('/api/admin/tokens', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'API 令牌列表(权限范围、用户、创建、最近使用、吊销)',
      response: { 200: Type.Array(ApiTokenView), ...errors },
    },
    handler: (req) => c.apiTokens.list(actorOf(req).tenantId),
  });

  app.post('/api/admin/tokens', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: '签发 API 令牌(令牌原文仅此一次返回)',
      body: CreateApiTokenBody,
      response: { 201: CreatedApiToken, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await c.apiTokens.issue(actorOf(req).tenantId, req.body)),
  });

  app.delete('/api/admin/tokens/:id', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: '吊销 API 令牌',
      params: Type.Object({ id: Uuid }),
      response: { 204: Type.Null(), 404: ErrorBody, ...errors },
    },
    handler: async (req, reply) => {
      await c.apiTokens.revoke(actorOf(req).tenantId, req.params.id);
      return reply.status(204).send(null);
    },
  });
}
