import { Type } from '@sinclair/typebox';
import { CategoryView, ErrorBody, PolicyBody, PolicyView, Uuid } from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireRole, requireStaff } from '../../plugins/auth.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export function catalogueRoutes(app: App, c: Container): void {
  app.get('/api/categories', {
    preHandler: requireStaff,
    schema: {
      tags: ['catalogue'],
      summary: '诉求分类树',
      response: { 200: Type.Array(CategoryView), ...errors },
    },
    handler: (req) => c.catalogue.categories(actorOf(req).tenantId),
  });
  app.get('/api/time-limit-policies', {
    preHandler: requireStaff,
    schema: {
      tags: ['catalogue'],
      summary: '办理时限规则(分类 × 紧急程度)',
      response: { 200: Type.Array(PolicyView), ...errors },
    },
    handler: (req) => c.catalogue.policies(actorOf(req).tenantId),
  });
  app.put('/api/time-limit-policies', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['catalogue'],
      summary: '设置办理时限规则',
      body: PolicyBody,
      response: { 204: Type.Null(), ...errors },
    },
    handler: async (req, reply) => {
      await c.catalogue.putPolicy(actorOf(req).tenantId, req.body);
      return reply.status(204).send(null);
    },
  });
  app.delete('/api/time-limit-policies/:id', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['catalogue'],
      summary: '删除办理时限规则',
      params: Type.Object({ id: Uuid }),
      response: { 204: Type.Null(), ...errors },
    },
    handler: async (req, reply) => {
      await c.catalogue.deletePolicy(actorOf(req).tenantId, req.params.id);
      return reply.status(204).send(null);
    },
  });
}
