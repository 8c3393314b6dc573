import { Type } from '@sinclair/typebox';
import { AttachmentView, ErrorBody, Uuid } from '@jiesu/contracts';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireStaff } from '../../plugins/auth.js';
import { AppError } from '../../shared/errors.js';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  413: ErrorBody,
  429: ErrorBody,
};

async function readUpload(req: FastifyRequest, maxBytes: number) {
  if (!req.isMultipart())
    throw new AppError('VALIDATION_FAILED', [
      { path: '/', message: '请以 multipart/form-data 上传文件' },
    ]);
  const file = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!file) throw new AppError('VALIDATION_FAILED', [{ path: '/file', message: '缺少文件' }]);
  const data = await file.toBuffer();
  if (file.file.truncated) throw new AppError('FILE_TOO_LARGE');
  return { filename: file.filename, data };
}

export function attachmentRoutes(
  app: App,
  c: Container,
  publicLimit: { max: number; timeWindow: number },
): void {
  app.post('/api/attachments', {
    preHandler: requireStaff,
    schema: {
      tags: ['attachments'],
      summary: '上传附件(图片、录音、视频、PDF)',
      consumes: ['multipart/form-data'],
      response: { 201: AttachmentView, ...errors },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const { filename, data } = await readUpload(req, c.attachments.maxBytes);
      return reply
        .status(201)
        .send(await c.attachments.upload(actor.tenantId, actor.userId, filename, data));
    },
  });

  app.post('/api/public/attachments', {
    config: { rateLimit: publicLimit },
    schema: {
      tags: ['public'],
      summary: '群众上传诉求图片',
      consumes: ['multipart/form-data'],
      response: { 201: AttachmentView, ...errors },
    },
    handler: async (req, reply) => {
      const tenant = await c.defaultTenant(
        typeof req.headers['x-tenant'] === 'string' ? req.headers['x-tenant'] : undefined,
      );
      const { filename, data } = await readUpload(req, c.attachments.maxBytes);
      return reply.status(201).send(await c.attachments.upload(tenant, null, filename, data));
    },
  });

  app.get('/api/attachments/:id', {
    preHandler: requireStaff,
    schema: { tags: ['attachments'], summary: '下载附件', params: Type.Object({ id: Uuid }) },
    handler: async (req, reply) => {
      const f = await c.attachments.read(actorOf(req), req.params.id);
      return reply
        .header('content-type', f.mime)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
        .header('x-content-type-options', 'nosniff')
        .send(f.data);
    },
  });
}
