import { Type } from '@sinclair/typebox';
import {
  ErrorBody,
  TicketAuditQuery,
  UnitAuditList,
  UnitAuditQuery,
  UrgeCounts,
  UrgeCountsQuery,
  UrgeList,
  UrgeListQuery,
  UrgeSweepResult,
  Uuid,
} from '@jiesu/contracts';
import type { FastifyReply } from 'fastify';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireRole, requireStaff } from '../../plugins/auth.js';
import type { ExportFile } from './service.js';

const IdParams = Type.Object({ id: Uuid });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

function download(reply: FastifyReply, f: ExportFile) {
  return reply
    .header('content-type', f.contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
    .send(f.data);
}

export function oversightRoutes(app: App, c: Container): void {
  app.get('/api/urges', {
    preHandler: requireStaff,
    schema: {
      tags: ['oversight'],
      summary:
        '督办清单:状态(待回复/已超期/已升级/已回复)、被督办单位、时间段筛选;读取时先升级超期未回复的督办',
      querystring: UrgeListQuery,
      response: { 200: UrgeList, ...errors },
    },
    handler: (req) => c.oversight.list(actorOf(req), req.query),
  });

  app.get('/api/urges/export.xlsx', {
    preHandler: requireStaff,
    schema: {
      tags: ['oversight'],
      summary: '导出当前筛选的督办清单(Excel)',
      querystring: UrgeListQuery,
    },
    handler: async (req, reply) =>
      download(reply, await c.oversight.exportList(actorOf(req), req.query)),
  });

  app.get('/api/urges/counts', {
    preHandler: requireStaff,
    schema: {
      tags: ['oversight'],
      summary: '各被督办单位的督办次数、回复、超期回复、待回复和升级数(考核用)',
      querystring: UrgeCountsQuery,
      response: { 200: UrgeCounts, ...errors },
    },
    handler: (req) => c.oversight.counts(actorOf(req), req.query),
  });

  app.post('/api/urges/sweep', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['oversight'],
      summary: '升级所有超过期限未回复的督办(幂等:已升级的不再升级),并通知上级领导',
      response: { 200: UrgeSweepResult, ...errors },
    },
    handler: (req) => c.oversight.sweep(actorOf(req).tenantId),
  });

  app.get('/api/tickets/:id/audit', {
    preHandler: requireStaff,
    schema: {
      tags: ['oversight'],
      summary: '导出工单的完整轨迹(含内部事件;诉求人个人信息按时间轴同样脱敏),Excel 或 CSV',
      params: IdParams,
      querystring: TicketAuditQuery,
    },
    handler: async (req, reply) =>
      download(
        reply,
        await c.oversight.ticketTrail(actorOf(req), req.params.id, req.query.format ?? 'xlsx'),
      ),
  });

  app.get('/api/audit/units', {
    preHandler: requireStaff,
    schema: {
      tags: ['oversight'],
      summary: '单位操作记录:该单位人员在时间段内对工单所做的全部操作(附工单编号)',
      querystring: UnitAuditQuery,
      response: { 200: UnitAuditList, ...errors },
    },
    handler: (req) => c.oversight.unitAudit(actorOf(req), req.query),
  });

  app.get('/api/audit/units/export', {
    preHandler: requireStaff,
    schema: {
      tags: ['oversight'],
      summary: '导出单位操作记录(Excel 或 CSV)',
      querystring: UnitAuditQuery,
    },
    handler: async (req, reply) =>
      download(reply, await c.oversight.exportUnitAudit(actorOf(req), req.query)),
  });
}
