import {
  AssessmentFormulaBody,
  AssessmentFormulaList,
  AssessmentFormulaView,
  AssessmentQuery,
  AssessmentView,
  ErrorBody,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireStaff } from '../../plugins/auth.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** 网格员考核: the month's figures, scores and ranks; the formula's versions. */
export function gridAssessmentRoutes(app: App, c: Container): void {
  app.get('/api/grid-assessment', {
    preHandler: requireStaff,
    schema: {
      tags: ['grid'],
      summary: '网格员月度考核:巡查、走访、上报、工单按时办理,得分与乡镇内排名',
      querystring: AssessmentQuery,
      response: { 200: AssessmentView, ...errors },
    },
    handler: (req) => c.gridAssessment.month(actorOf(req), req.query),
  });

  app.get('/api/grid-assessment/export.xlsx', {
    preHandler: requireStaff,
    schema: {
      tags: ['grid'],
      summary: '导出网格员月度考核(Excel,含计分公式)',
      querystring: AssessmentQuery,
    },
    handler: async (req, reply) => {
      const { name, data } = await c.gridAssessment.exportMonth(actorOf(req), req.query);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(data);
    },
  });

  app.get('/api/grid-assessment/formulas', {
    preHandler: requireStaff,
    schema: {
      tags: ['grid'],
      summary: '考核计分公式(当前版本与历史版本)',
      response: { 200: AssessmentFormulaList, ...errors },
    },
    handler: (req) => c.gridAssessment.formulas(actorOf(req)),
  });

  app.post('/api/grid-assessment/formulas', {
    preHandler: requireStaff,
    schema: {
      tags: ['grid'],
      summary: '保存新版考核计分公式(管理员)',
      body: AssessmentFormulaBody,
      response: { 201: AssessmentFormulaView, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await c.gridAssessment.saveFormula(actorOf(req), req.body)),
  });
}
