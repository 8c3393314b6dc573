import { Type } from '@sinclair/typebox';
import {
  ApplicableReplyTemplates,
  ErrorBody,
  HandoverCandidates,
  ReplyTemplateBody,
  ReplyTemplateList,
  ReplyTemplatePatch,
  ReplyTemplateQuery,
  ReplyTemplateView,
  Uuid,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireStaff } from '../../plugins/auth.js';

const IdParams = Type.Object({ id: Uuid });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export function replyTemplateRoutes(app: App, c: Container): void {
  app.get('/api/reply-templates', {
    preHandler: requireStaff,
    schema: {
      tags: ['handling'],
      summary: '答复口径:本单位的和全区通用的,按单位、类别、关键词筛选,分页排序',
      querystring: ReplyTemplateQuery,
      response: { 200: ReplyTemplateList, ...errors },
    },
    handler: (req) => c.replyTemplates.list(actorOf(req), req.query),
  });

  app.get('/api/reply-templates/:id', {
    preHandler: requireStaff,
    schema: {
      tags: ['handling'],
      summary: '一条答复口径(其他单位的口径视为不存在)',
      params: IdParams,
      response: { 200: ReplyTemplateView, ...errors },
    },
    handler: (req) => c.replyTemplates.get(actorOf(req), req.params.id),
  });

  app.post('/api/reply-templates', {
    preHandler: requireStaff,
    schema: {
      tags: ['handling'],
      summary:
        '新建答复口径:承办人员和单位负责人为本单位,管理员和派单员为全区通用(unitId 为 null);正文中的未知占位符返回 400',
      body: ReplyTemplateBody,
      response: { 201: ReplyTemplateView, ...errors },
    },
    handler: async (req, reply) => {
      const view = await c.replyTemplates.create(actorOf(req), req.body);
      return reply.code(201).send(view);
    },
  });

  app.patch('/api/reply-templates/:id', {
    preHandler: requireStaff,
    schema: {
      tags: ['handling'],
      summary: '修改答复口径(标题、正文、类别、启用)',
      params: IdParams,
      body: ReplyTemplatePatch,
      response: { 200: ReplyTemplateView, ...errors },
    },
    handler: (req) => c.replyTemplates.update(actorOf(req), req.params.id, req.body),
  });

  app.delete('/api/reply-templates/:id', {
    preHandler: requireStaff,
    schema: {
      tags: ['handling'],
      summary: '停用答复口径(不物理删除,已引用它的记录仍可追溯)',
      params: IdParams,
      response: { 200: ReplyTemplateView, ...errors },
    },
    handler: (req) => c.replyTemplates.remove(actorOf(req), req.params.id),
  });

  app.get('/api/tickets/:id/reply-templates', {
    preHandler: requireStaff,
    schema: {
      tags: ['handling'],
      summary:
        '此工单可用的答复口径:承办单位的和全区通用的,类别相符(含上级类别)或不限,越具体越靠前,各附按本工单填好的正文',
      params: IdParams,
      response: { 200: ApplicableReplyTemplates, ...errors },
    },
    handler: (req) => c.replyTemplates.forTicket(actorOf(req), req.params.id),
  });

  app.get('/api/tickets/:id/handover-candidates', {
    preHandler: requireStaff,
    schema: {
      tags: ['handling'],
      summary: '转交候选人:承办单位的在岗人员和辖区内网格员(当前用户不能转交时为空)',
      params: IdParams,
      response: { 200: HandoverCandidates, ...errors },
    },
    handler: (req) => c.replyTemplates.handoverCandidates(actorOf(req), req.params.id),
  });
}
