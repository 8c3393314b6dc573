import { Type } from '@sinclair/typebox';
import {
  CreatePatrolReportBody,
  CreateVisitBody,
  DutyRulesView,
  DutyToday,
  EndPatrolBody,
  ErrorBody,
  OverdueList,
  OverdueQuery,
  PatrolList,
  PatrolListQuery,
  PatrolPointsBody,
  PatrolReportList,
  PatrolReportListQuery,
  PatrolReportView,
  PatrolView,
  ReportCounts,
  ReportCountsQuery,
  StartPatrolBody,
  UpdateDutyRulesBody,
  Uuid,
  VisitDoneBody,
  VisitView,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireStaff } from '../../plugins/auth.js';

const IdParams = Type.Object({ id: Uuid });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['duties'];

/** Grid duties (网格履职): patrols, visits, rules, overdue lists, patrol reports. */
export function dutiesRoutes(app: App, c: Container): void {
  app.get('/api/duties/today', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '网格员今日履职:今日巡查、本月待走访住户、逾期事项',
      response: { 200: DutyToday, ...errors },
    },
    handler: (req) => c.duties.today(actorOf(req)),
  });

  app.post('/api/duties/patrols', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '开始巡查(打卡)',
      body: StartPatrolBody,
      response: { 201: PatrolView, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await c.duties.startPatrol(actorOf(req), req.body)),
  });

  app.post('/api/duties/patrols/:id/points', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '巡查中记录位置(轨迹点)',
      params: IdParams,
      body: PatrolPointsBody,
      response: { 200: PatrolView, ...errors },
    },
    handler: (req) => c.duties.addPoints(actorOf(req), req.params.id, req.body),
  });

  app.post('/api/duties/patrols/:id/end', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '结束巡查:备注、照片',
      params: IdParams,
      body: EndPatrolBody,
      response: { 200: PatrolView, ...errors },
    },
    handler: (req) => c.duties.endPatrol(actorOf(req), req.params.id, req.body),
  });

  app.get('/api/duties/patrols', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '巡查记录(网格员本人网格;村(社区)、街乡镇看辖区)',
      querystring: PatrolListQuery,
      response: { 200: PatrolList, ...errors },
    },
    handler: (req) => c.duties.patrols(actorOf(req), req.query),
  });

  app.post('/api/duties/visits', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '计划走访或记录走访(本人网格的住户)',
      body: CreateVisitBody,
      response: { 201: VisitView, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await c.duties.createVisit(actorOf(req), req.body)),
  });

  app.post('/api/duties/visits/:id/done', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '完成计划的走访',
      params: IdParams,
      body: VisitDoneBody,
      response: { 200: VisitView, ...errors },
    },
    handler: (req) => c.duties.visitDone(actorOf(req), req.params.id, req.body),
  });

  app.get('/api/duties/rules', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '履职规则:每日巡查次数、重点户和五必访走访次数',
      response: { 200: DutyRulesView, ...errors },
    },
    handler: (req) => c.duties.rules(actorOf(req)),
  });

  app.put('/api/duties/rules', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '修改履职规则(管理员)',
      body: UpdateDutyRulesBody,
      response: { 200: DutyRulesView, ...errors },
    },
    handler: (req) => c.duties.updateRules(actorOf(req), req.body),
  });

  app.get('/api/duties/overdue', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '逾期履职:按网格或网格员,未巡查天数、走访不足',
      querystring: OverdueQuery,
      response: { 200: OverdueList, ...errors },
    },
    handler: (req) => c.duties.overdue(actorOf(req), req.query),
  });

  app.get('/api/duties/overdue/export.xlsx', {
    preHandler: requireStaff,
    schema: { tags, summary: '导出逾期履职(Excel)', querystring: OverdueQuery },
    handler: async (req, reply) => {
      const data = await c.duties.exportOverdue(actorOf(req), req.query);
      const name = `网格履职逾期-${req.query.month ?? c.clock.now().toISOString().slice(0, 7)}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(data);
    },
  });

  app.post('/api/duties/reports', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '巡查上报(三必到、四必报):转为工单或当场办结',
      body: CreatePatrolReportBody,
      response: { 201: PatrolReportView, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await c.duties.createReport(actorOf(req), req.body)),
  });

  app.get('/api/duties/reports', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '巡查上报记录',
      querystring: PatrolReportListQuery,
      response: { 200: PatrolReportList, ...errors },
    },
    handler: (req) => c.duties.reports(actorOf(req), req.query),
  });

  app.get('/api/duties/report-counts', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '巡查上报统计:按网格或网格员,按类别和处置方式',
      querystring: ReportCountsQuery,
      response: { 200: ReportCounts, ...errors },
    },
    handler: (req) => c.duties.reportCounts(actorOf(req), req.query),
  });
}
