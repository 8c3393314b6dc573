import {
  ErrorBody,
  MonthlyReportQuery,
  PeriodReport,
  PeriodReportOptions,
  QuarterlyReportQuery,
  WeeklyPack,
  WeeklyPackQuery,
} from '@jiesu/contracts';
import type { FastifyReply } from 'fastify';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireStaff } from '../../plugins/auth.js';
import type { RenderedFile } from './render.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

function download(reply: FastifyReply, f: RenderedFile) {
  return reply
    .header('content-type', f.contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
    .send(f.data);
}

export function periodReportRoutes(app: App, c: Container): void {
  app.get('/api/period-reports/options', {
    preHandler: requireStaff,
    schema: {
      tags: ['period-reports'],
      summary: '报告页的当前周/月/季度和可选范围(区、街乡镇、单位)',
      response: { 200: PeriodReportOptions, ...errors },
    },
    handler: (req) => c.periodReports.options(actorOf(req)),
  });

  app.get('/api/period-reports/weekly', {
    preHandler: requireStaff,
    schema: {
      tags: ['period-reports'],
      summary:
        '周调度会材料:超期工单、红色清单、突出问题(分类前十及周环比、集中村居和地址)、待审核上交、受理派单办结和按期办结率;全区或一个街乡镇。format=xlsx|pdf|csv 时下载文件',
      querystring: WeeklyPackQuery,
      response: { 200: WeeklyPack, ...errors },
    },
    handler: async (req, reply) => {
      const f = req.query.format ?? 'json';
      if (f === 'json') return c.periodReports.weekly(actorOf(req), req.query);
      return download(reply, await c.periodReports.weeklyFile(actorOf(req), req.query, f));
    },
  });

  app.get('/api/period-reports/monthly', {
    preHandler: requireStaff,
    schema: {
      tags: ['period-reports'],
      summary: '月度报告:全区(街乡镇、委办局三率排名,总量,突出问题,走势)或一个单位(三率、超期工单)',
      querystring: MonthlyReportQuery,
      response: { 200: PeriodReport, ...errors },
    },
    handler: async (req, reply) => {
      const f = req.query.format ?? 'json';
      if (f === 'json') return c.periodReports.monthly(actorOf(req), req.query);
      const q = { key: req.query.month, unitId: req.query.unitId, table: req.query.table };
      return download(reply, await c.periodReports.reportFile(actorOf(req), 'monthly', q, f));
    },
  });

  app.get('/api/period-reports/quarterly', {
    preHandler: requireStaff,
    schema: {
      tags: ['period-reports'],
      summary: '季度报告:与月度报告相同的内容,按季度汇总,附季度内逐月走势',
      querystring: QuarterlyReportQuery,
      response: { 200: PeriodReport, ...errors },
    },
    handler: async (req, reply) => {
      const f = req.query.format ?? 'json';
      if (f === 'json') return c.periodReports.quarterly(actorOf(req), req.query);
      const q = { key: req.query.quarter, unitId: req.query.unitId, table: req.query.table };
      return download(reply, await c.periodReports.reportFile(actorOf(req), 'quarterly', q, f));
    },
  });
}
