import { Type } from '@sinclair/typebox';
import {
  CallbackConfig,
  CallbackList,
  CallbackQuery,
  CallbackStats,
  CallbackStatsQuery,
  CallbackSweepResult,
  ErrorBody,
  TicketCallbacks,
  Uuid,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireRole, requireStaff } from '../../plugins/auth.js';

const IdParams = Type.Object({ id: Uuid });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const tags = ['callbacks'];

export function callbackRoutes(app: App, c: Container): void {
  app.get('/api/callbacks', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary:
        '回访台:待回访(已过网上评价期、最早答复的在前)、待复核、已完成;按类型、分类、承办单位、答复日期筛选;诉求人电话已脱敏',
      querystring: CallbackQuery,
      response: { 200: CallbackList, ...errors },
    },
    handler: (req) => c.callbacks.list(actorOf(req), req.query),
  });

  app.get('/api/callbacks/stats', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary:
        '回访统计(按答复日期):抽中、回访联系上、网上评价、未联系上(不计入满意率)、待复核、复核、重办、未回访办结',
      querystring: CallbackStatsQuery,
      response: { 200: CallbackStats, ...errors },
    },
    handler: (req) => c.callbacks.stats(actorOf(req), req.query),
  });

  app.get('/api/callbacks/export.xlsx', {
    preHandler: requireStaff,
    schema: { tags, summary: '导出当前筛选的回访记录(Excel)', querystring: CallbackQuery },
    handler: async (req, reply) => {
      const data = await c.callbacks.exportXlsx(actorOf(req), req.query);
      const name = `回访台-${c.clock.now().toISOString().slice(0, 10)}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(data);
    },
  });

  app.get('/api/callbacks/config', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary:
        '回访设置:抽样规则(按类型、分类,先匹配者生效)、默认比例、最多拨打次数、网上评价期、未抽中自动办结天数',
      response: { 200: CallbackConfig, ...errors },
    },
    handler: (req) => c.callbacks.config(actorOf(req)),
  });

  app.put('/api/callbacks/config', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '保存回访设置(系统管理员、派单员)',
      body: CallbackConfig,
      response: { 200: CallbackConfig, ...errors },
    },
    handler: (req) => c.callbacks.saveConfig(actorOf(req), req.body),
  });

  app.post('/api/callbacks/sweep', {
    preHandler: requireRole('admin', 'dispatcher'),
    schema: {
      tags,
      summary:
        '回访到期处理:网上评价期已过的抽中工单转入待回访;未抽中且逾期未评价的工单未回访办结(幂等)',
      response: { 200: CallbackSweepResult, ...errors },
    },
    handler: (req) => c.callbacks.sweep(actorOf(req).tenantId),
  });

  app.get('/api/tickets/:id/callbacks', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '工单的回访轮次(每次答复一轮)与未接通记录',
      params: IdParams,
      response: { 200: TicketCallbacks, ...errors },
    },
    handler: (req) => c.callbacks.forTicket(actorOf(req), req.params.id),
  });
}
