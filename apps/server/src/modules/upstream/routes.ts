import { Type } from '@sinclair/typebox';
import {
  ErrorBody,
  UpstreamExcelQuery,
  UpstreamImportBody,
  UpstreamImportResult,
  UpstreamMappingBody,
  UpstreamMappingList,
  UpstreamMappingView,
  Uuid,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireRole } from '../../plugins/auth.js';
import { AppError } from '../../shared/errors.js';

const IdParams = Type.Object({ id: Uuid });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const importers = requireRole('admin', 'dispatcher');
const admin = requireRole('admin');

export function upstreamRoutes(app: App, c: Container): void {
  app.post('/api/upstream/import', {
    config: { scope: 'import' },
    preHandler: importers,
    bodyLimit: 16 * 1024 * 1024,
    schema: {
      tags: ['upstream'],
      summary:
        '导入上级平台(12345)工单(JSON,每次最多 2000 件):按上级工单编号幂等,已导入的报 existing;受理时间取上级平台的;有误的行逐行报告,其余照常导入(每件工单一个事务)',
      body: UpstreamImportBody,
      response: { 200: UpstreamImportResult, ...errors },
    },
    handler: (req) => {
      const a = actorOf(req);
      return c.upstream.importJson({ tenantId: a.tenantId, userId: a.userId }, req.body.tickets);
    },
  });

  app.post('/api/upstream/import/excel', {
    config: { scope: 'import' },
    preHandler: importers,
    schema: {
      tags: ['upstream'],
      summary: '导入 12345 导出的 Excel(按保存的列映射读取;默认 12345 标准导出),规则同 JSON 导入',
      consumes: ['multipart/form-data'],
      querystring: UpstreamExcelQuery,
      response: { 200: UpstreamImportResult, ...errors },
    },
    handler: async (req) => {
      const a = actorOf(req);
      if (!req.isMultipart())
        throw new AppError('VALIDATION_FAILED', [
          { path: '/', message: '请以 multipart/form-data 上传文件' },
        ]);
      const file = await req.file({ limits: { fileSize: c.config.maxUploadBytes, files: 1 } });
      if (!file) throw new AppError('VALIDATION_FAILED', [{ path: '/file', message: '缺少文件' }]);
      const data = await file.toBuffer();
      if (file.file.truncated) throw new AppError('FILE_TOO_LARGE');
      return c.upstream.importExcel(
        { tenantId: a.tenantId, userId: a.userId },
        data,
        req.query.mapping,
      );
    },
  });

  app.get('/api/upstream/mappings', {
    config: { scope: 'import' },
    preHandler: importers,
    schema: {
      tags: ['upstream'],
      summary: 'Excel 列映射(第一项为内置的 12345 标准导出)',
      response: { 200: UpstreamMappingList, ...errors },
    },
    handler: (req) => c.upstream.mappings(actorOf(req)),
  });

  app.post('/api/upstream/mappings', {
    config: { scope: 'import' },
    preHandler: admin,
    schema: {
      tags: ['upstream'],
      summary: '新建列映射:表头 → 字段,表头所在行',
      body: UpstreamMappingBody,
      response: { 201: UpstreamMappingView, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await c.upstream.createMapping(actorOf(req), req.body)),
  });

  app.put('/api/upstream/mappings/:id', {
    config: { scope: 'import' },
    preHandler: admin,
    schema: {
      tags: ['upstream'],
      summary: '修改列映射',
      params: IdParams,
      body: UpstreamMappingBody,
      response: { 200: UpstreamMappingView, ...errors },
    },
    handler: (req) => c.upstream.updateMapping(actorOf(req), req.params.id, req.body),
  });

  app.delete('/api/upstream/mappings/:id', {
    config: { scope: 'import' },
    preHandler: admin,
    schema: {
      tags: ['upstream'],
      summary: '删除列映射',
      params: IdParams,
      response: { 200: Type.Object({ ok: Type.Boolean() }), ...errors },
    },
    handler: (req) => c.upstream.deleteMapping(actorOf(req), req.params.id),
  });
}
