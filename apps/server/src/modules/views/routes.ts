import { Type } from '@sinclair/typebox';
import { ErrorBody, SavedView, SavedViewBody, Uuid } from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireStaff } from '../../plugins/auth.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export function viewRoutes(app: App, c: Container): void {
  app.get('/api/me/views', {
    preHandler: requireStaff,
    schema: {
      tags: ['views'],
      summary: '我保存的工单视图',
      response: { 200: Type.Array(SavedView), ...errors },
    },
    handler: (req) => c.views.list(actorOf(req)),
  });
  app.post('/api/me/views', {
    preHandler: requireStaff,
    schema: {
      tags: ['views'],
      summary: '保存工单视图(同名覆盖)',
      body: SavedViewBody,
      response: { 200: SavedView, ...errors },
    },
    handler: (req) => c.views.save(actorOf(req), req.body.name, req.body.query),
  });
  app.delete('/api/me/views/:id', {
    preHandler: requireStaff,
    schema: {
      tags: ['views'],
      summary: '删除工单视图',
      params: Type.Object({ id: Uuid }),
      response: { 204: Type.Null(), ...errors },
    },
    handler: async (req, reply) => {
      await c.views.remove(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
}
