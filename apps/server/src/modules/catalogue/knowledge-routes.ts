import { Type } from '@sinclair/typebox';
import {
  ErrorBody,
  KnowledgeItemBody,
  KnowledgeItemView,
  KnowledgeQuery,
  Uuid,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireRole, requireStaff } from '../../plugins/auth.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const IdParams = Type.Object({ id: Uuid });

export function knowledgeRoutes(app: App, c: Container): void {
  app.get('/api/knowledge', {
    preHandler: requireStaff,
    schema: {
      tags: ['knowledge'],
      summary: '知识库检索(中文分词,标题和关键词命中优先;用于直接答复)',
      querystring: KnowledgeQuery,
      response: { 200: Type.Array(KnowledgeItemView), ...errors },
    },
    handler: (req) => c.knowledge.search(actorOf(req), req.query),
  });

  app.get('/api/knowledge/export', {
    preHandler: requireRole('admin'),
    schema: { tags: ['knowledge'], summary: '导出知识库(Excel,含五公开各项)' },
    handler: async (req, reply) => {
      const data = await c.knowledge.exportXlsx(actorOf(req).tenantId);
      const name = `知识库-${c.clock.now().toISOString().slice(0, 10)}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(data);
    },
  });

  app.get('/api/knowledge/:id', {
    preHandler: requireStaff,
    schema: {
      tags: ['knowledge'],
      summary: '知识库条目',
      params: IdParams,
      response: { 200: KnowledgeItemView, ...errors },
    },
    handler: (req) => c.knowledge.get(actorOf(req).tenantId, req.params.id),
  });

  app.post('/api/knowledge', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['knowledge'],
      summary: '新增知识库条目',
      body: KnowledgeItemBody,
      response: { 201: KnowledgeItemView, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await c.knowledge.create(actorOf(req).tenantId, req.body)),
  });

  app.put('/api/knowledge/:id', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['knowledge'],
      summary: '修改知识库条目',
      params: IdParams,
      body: KnowledgeItemBody,
      response: { 200: KnowledgeItemView, ...errors },
    },
    handler: (req) => c.knowledge.update(actorOf(req).tenantId, req.params.id, req.body),
  });

  app.delete('/api/knowledge/:id', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['knowledge'],
      summary: '删除知识库条目(已用于答复的记录保留条目标题)',
      params: IdParams,
      response: { 204: Type.Null(), ...errors },
    },
    handler: async (req, reply) => {
      await c.knowledge.remove(actorOf(req).tenantId, req.params.id);
      return reply.status(204).send(null);
    },
  });
}
