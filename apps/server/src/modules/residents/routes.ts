import { Type } from '@sinclair/typebox';
import {
  CreateResidentKindBody,
  ErrorBody,
  HouseholdBody,
  HouseholdList,
  HouseholdListQuery,
  HouseholdView,
  MoveOutBody,
  ReorderResidentKindsBody,
  ResidentBody,
  ResidentExportQuery,
  ResidentImportJob,
  ResidentKindCodeParams,
  ResidentKindList,
  ResidentList,
  ResidentListQuery,
  ResidentReadList,
  ResidentReadQuery,
  ResidentView,
  RevealResidentBody,
  UpdateResidentKindBody,
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
const tags = ['residents'];
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/** The households and residents ledger (住户台账): grid workers, village and township staff, admins. */
export function residentsRoutes(app: App, c: Container): void {
  const r = c.residents;

  app.get('/api/resident-kinds', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '人员类别(管理员另见已停用的)',
      response: { 200: ResidentKindList, ...errors },
    },
    handler: (req) => r.kinds(actorOf(req)),
  });
  app.post('/api/resident-kinds', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '新增人员类别(管理员)',
      body: CreateResidentKindBody,
      response: { 200: ResidentKindList, ...errors },
    },
    handler: (req) => r.createKind(actorOf(req), req.body),
  });
  app.post('/api/resident-kinds/order', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '调整人员类别顺序(管理员)',
      body: ReorderResidentKindsBody,
      response: { 200: ResidentKindList, ...errors },
    },
    handler: (req) => r.reorderKinds(actorOf(req), req.body),
  });
  app.put('/api/resident-kinds/:code', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '修改人员类别:名称、是否重点人群、停用(管理员)',
      params: ResidentKindCodeParams,
      body: UpdateResidentKindBody,
      response: { 200: ResidentKindList, ...errors },
    },
    handler: (req) => r.updateKind(actorOf(req), req.params.code, req.body),
  });

  app.get('/api/households', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '住户列表(按网格、村(社区)、类别、重点人群、姓名或地址筛选;成员脱敏)',
      querystring: HouseholdListQuery,
      response: { 200: HouseholdList, ...errors },
    },
    handler: (req) => r.households(actorOf(req), req.query),
  });
  app.post('/api/households', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '新增住户',
      body: HouseholdBody,
      response: { 201: HouseholdView, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await r.createHousehold(actorOf(req), req.body)),
  });
  app.get('/api/households/:id', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '住户及其成员(脱敏,含已迁出)',
      params: IdParams,
      response: { 200: HouseholdView, ...errors },
    },
    handler: (req) => r.household(actorOf(req), req.params.id),
  });
  app.put('/api/households/:id', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '修改住户地址、网格、备注',
      params: IdParams,
      body: HouseholdBody,
      response: { 200: HouseholdView, ...errors },
    },
    handler: (req) => r.updateHousehold(actorOf(req), req.params.id, req.body),
  });

  app.get('/api/residents', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '人员列表(脱敏;按网格、村(社区)、类别、重点人群、姓名或地址筛选)',
      querystring: ResidentListQuery,
      response: { 200: ResidentList, ...errors },
    },
    handler: (req) => r.residents(actorOf(req), req.query),
  });
  app.post('/api/residents', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '登记人员(身份证号加密保存)',
      body: ResidentBody,
      response: { 201: ResidentView, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await r.createResident(actorOf(req), req.body)),
  });
  app.get('/api/residents/export', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '导出人员(Excel;默认脱敏,full=true 导出完整信息须有权限;均记入查阅日志)',
      querystring: ResidentExportQuery,
    },
    handler: async (req, reply) => {
      const data = await r.exportXlsx(actorOf(req), req.query);
      return reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          attachment(`住户人员-${c.clock.now().toISOString().slice(0, 10)}.xlsx`),
        )
        .send(data);
    },
  });
  app.get('/api/residents/import-template', {
    preHandler: requireStaff,
    schema: { tags, summary: '人员导入模板(Excel)' },
    handler: async (req, reply) => {
      const data = await r.template(actorOf(req));
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment('住户人员导入模板.xlsx'))
        .send(data);
    },
  });
  app.post('/api/residents/imports', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '上传人员导入文件:逐行校验,返回预览与每行错误(尚未写入)',
      consumes: ['multipart/form-data'],
      response: { 200: ResidentImportJob, ...errors },
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
      return r.previewImport(actor, data, file.filename || null);
    },
  });
  app.get('/api/residents/imports/:id', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '导入任务:预览、进度与结果',
      params: IdParams,
      response: { 200: ResidentImportJob, ...errors },
    },
    handler: (req) => r.importJob(actorOf(req), req.params.id),
  });
  app.post('/api/residents/imports/:id/commit', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '确认导入:有效行分批写入(全部成功或全部撤回),轮询任务查看进度',
      params: IdParams,
      response: { 202: ResidentImportJob, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(202).send(await r.commitImport(actorOf(req), req.params.id)),
  });
  app.get('/api/resident-reads', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '人员信息查阅日志(管理员、督办)',
      querystring: ResidentReadQuery,
      response: { 200: ResidentReadList, ...errors },
    },
    handler: (req) => r.reads(actorOf(req), req.query),
  });
  app.get('/api/residents/:id', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '人员详情(脱敏;每次查看记入日志)',
      params: IdParams,
      response: { 200: ResidentView, ...errors },
    },
    handler: (req) => r.resident(actorOf(req), req.params.id),
  });
  app.put('/api/residents/:id', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '修改人员信息(不传电话或身份证号则保持原值)',
      params: IdParams,
      body: ResidentBody,
      response: { 200: ResidentView, ...errors },
    },
    handler: (req) => r.updateResident(actorOf(req), req.params.id, req.body),
  });
  app.post('/api/residents/:id/reveal', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '查看完整电话与身份证号(记入查阅日志,可填写事由)',
      params: IdParams,
      body: RevealResidentBody,
      response: { 200: ResidentView, ...errors },
    },
    handler: (req) => r.reveal(actorOf(req), req.params.id, req.body),
  });
  app.post('/api/residents/:id/move-out', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '人员迁出',
      params: IdParams,
      body: MoveOutBody,
      response: { 200: ResidentView, ...errors },
    },
    handler: (req) => r.moveOut(actorOf(req), req.params.id, req.body),
  });
}
