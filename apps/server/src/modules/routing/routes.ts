import { Type } from '@sinclair/typebox';
import {
  CatalogueImportResult,
  DeleteDispatchRuleQuery,
  DispatchRuleBody,
  DispatchRuleChangeList,
  DispatchRuleChangeQuery,
  DispatchRuleList,
  DispatchRuleQuery,
  DispatchRuleView,
  ErrorBody,
  UpdateDispatchRuleBody,
  Uuid,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireStaff } from '../../plugins/auth.js';
import { AppError } from '../../shared/errors.js';

const IdParams = Type.Object({ id: Uuid });
const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  413: ErrorBody,
};
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function routingRoutes(app: App, c: Container): void {
  app.get('/api/dispatch-rules', {
    preHandler: requireStaff,
    schema: {
      tags: ['dispatch-catalogue'],
      summary: '派单目录:规则列表(按分类、区域、单位筛选,分页)',
      querystring: DispatchRuleQuery,
      response: { 200: DispatchRuleList, ...errors },
    },
    handler: (req) => c.routing.list(actorOf(req), req.query),
  });

  app.post('/api/dispatch-rules', {
    preHandler: requireStaff,
    schema: {
      tags: ['dispatch-catalogue'],
      summary: '新增派单规则(管理员、指挥中心负责人)',
      body: DispatchRuleBody,
      response: { 201: DispatchRuleView, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await c.routing.create(actorOf(req), req.body)),
  });

  app.get('/api/dispatch-rules/changes', {
    preHandler: requireStaff,
    schema: {
      tags: ['dispatch-catalogue'],
      summary: '派单目录变更记录(全部,或某条规则的)',
      querystring: DispatchRuleChangeQuery,
      response: { 200: DispatchRuleChangeList, ...errors },
    },
    handler: (req) => c.routing.changes(actorOf(req), req.query),
  });

  app.get('/api/dispatch-rules/export', {
    preHandler: requireStaff,
    schema: { tags: ['dispatch-catalogue'], summary: '导出派单目录(Excel)' },
    handler: async (req, reply) => {
      const data = await c.routing.exportXlsx(actorOf(req));
      const name = `派单目录-${c.clock.now().toISOString().slice(0, 10)}.xlsx`;
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(data);
    },
  });

  app.post('/api/dispatch-rules/import', {
    preHandler: requireStaff,
    schema: {
      tags: ['dispatch-catalogue'],
      summary: '导入派单目录(Excel,与导出格式相同;任一行有误则整份不导入)',
      consumes: ['multipart/form-data'],
      response: { 200: CatalogueImportResult, ...errors },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      if (!req.isMultipart())
        throw new AppError('VALIDATION_FAILED', [
          { path: '/', message: '请以 multipart/form-data 上传文件' },
        ]);
      const file = await req.file({ limits: { fileSize: c.config.maxUploadBytes, files: 1 } });
      if (!file) throw new AppError('VALIDATION_FAILED', [{ path: '/file', message: '缺少文件' }]);
      const data = await file.toBuffer();
      if (file.file.truncated) throw new AppError('FILE_TOO_LARGE');
      return c.routing.importXlsx(actor, data);
    },
  });

  app.get('/api/dispatch-rules/:id', {
    preHandler: requireStaff,
    schema: {
      tags: ['dispatch-catalogue'],
      summary: '派单规则详情',
      params: IdParams,
      response: { 200: DispatchRuleView, ...errors },
    },
    handler: (req) => c.routing.get(actorOf(req), req.params.id),
  });

  app.put('/api/dispatch-rules/:id', {
    preHandler: requireStaff,
    schema: {
      tags: ['dispatch-catalogue'],
      summary: '修改派单规则(须带读取时的版本号,已被他人修改时 409)',
      params: IdParams,
      body: UpdateDispatchRuleBody,
      response: { 200: DispatchRuleView, ...errors },
    },
    handler: (req) => c.routing.update(actorOf(req), req.params.id, req.body),
  });

  app.delete('/api/dispatch-rules/:id', {
    preHandler: requireStaff,
    schema: {
      tags: ['dispatch-catalogue'],
      summary: '删除派单规则',
      params: IdParams,
      querystring: DeleteDispatchRuleQuery,
      response: { 204: Type.Null(), ...errors },
    },
    handler: async (req, reply) => {
      await c.routing.remove(actorOf(req), req.params.id, req.query.expectedVersion);
      return reply.status(204).send(null);
    },
  });
}
