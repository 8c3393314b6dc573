import {
  CentreAssessmentQuery,
  CentreAssessmentView,
  ErrorBody,
  UnitAssessmentConfigBody,
  UnitAssessmentConfigList,
  UnitAssessmentConfigView,
  UnitAssessmentQuery,
  UnitAssessmentView,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireStaff } from '../../plugins/auth.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** 三率考核: units' monthly response, resolution and satisfaction rates, ranked within peer groups. */
export function assessmentRoutes(app: App, c: Container): void {
  app.get('/api/assessment/units', {
    preHandler: requireStaff,
    schema: {
      tags: ['assessment'],
      summary: '单位三率考核(月度):响应率、解决率、满意率、综合得分与同类单位内排名',
      querystring: UnitAssessmentQuery,
      response: { 200: UnitAssessmentView, ...errors },
    },
    handler: (req) => c.assessment.month(actorOf(req), req.query),
  });

  app.get('/api/assessment/units/export.xlsx', {
    preHandler: requireStaff,
    schema: {
      tags: ['assessment'],
      summary: '导出单位三率考核(Excel,含指标口径)',
      querystring: UnitAssessmentQuery,
    },
    handler: async (req, reply) => {
      const { name, data } = await c.assessment.exportMonth(actorOf(req), req.query);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(data);
    },
  });

  app.get('/api/assessment/centre', {
    preHandler: requireStaff,
    schema: {
      tags: ['assessment'],
      summary: '双向考核:派单中心的派单准确率、平均派单用时与改派(按月,含近几个月趋势)',
      querystring: CentreAssessmentQuery,
      response: { 200: CentreAssessmentView, ...errors },
    },
    handler: (req) => c.assessment.centre(actorOf(req), req.query),
  });

  app.get('/api/assessment/configs', {
    preHandler: requireStaff,
    schema: {
      tags: ['assessment'],
      summary: '三率考核配置(权重、最低派单量;当前版本与历史版本)',
      response: { 200: UnitAssessmentConfigList, ...errors },
    },
    handler: (req) => c.assessment.configs(actorOf(req)),
  });

  app.post('/api/assessment/configs', {
    preHandler: requireStaff,
    schema: {
      tags: ['assessment'],
      summary: '保存新版三率考核配置(管理员,须说明理由)',
      body: UnitAssessmentConfigBody,
      response: { 201: UnitAssessmentConfigView, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await c.assessment.saveConfig(actorOf(req), req.body)),
  });
}
