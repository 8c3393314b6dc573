import { Type } from '@sinclair/typebox';
import {
  AssessmentAppealBody,
  AssessmentAppealDecisionBody,
  AssessmentAppealPage,
  AssessmentAppealQuery,
  AssessmentAppealView,
  AssessmentRecomputeBody,
  AssessmentSummonsBody,
  AssessmentSummonsList,
  AssessmentSummonsQuery,
  AssessmentSummonsView,
  ErrorBody,
  UnitAssessmentView,
  Uuid,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireStaff } from '../../plugins/auth.js';

const IdParams = Type.Object({ id: Uuid });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** 三率考核 review: frozen months and their versions, appeals to exclude a ticket, summons (末位约谈). */
export function assessmentReviewRoutes(app: App, c: Container): void {
  app.post('/api/assessment/snapshots', {
    preHandler: requireStaff,
    schema: {
      tags: ['assessment'],
      summary: '重新计算已结束月份的考核并封存为新版本(管理员、督查,须说明理由)',
      body: AssessmentRecomputeBody,
      response: { 201: UnitAssessmentView, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await c.assessment.recompute(actorOf(req), req.body)),
  });

  app.get('/api/assessment/appeals', {
    preHandler: requireStaff,
    schema: {
      tags: ['assessment'],
      summary: '考核申诉剔除列表(按状态、单位、月份筛选,分页)',
      querystring: AssessmentAppealQuery,
      response: { 200: AssessmentAppealPage, ...errors },
    },
    handler: (req) => c.assessment.appeals(actorOf(req), req.query),
  });

  app.post('/api/assessment/appeals', {
    preHandler: requireStaff,
    schema: {
      tags: ['assessment'],
      summary: '主办单位申请将某工单从当月考核中剔除(须说明理由)',
      body: AssessmentAppealBody,
      response: { 201: AssessmentAppealView, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await c.assessment.appeal(actorOf(req), req.body)),
  });

  app.post('/api/assessment/appeals/:id/decision', {
    preHandler: requireStaff,
    schema: {
      tags: ['assessment'],
      summary: '审核剔除申诉:同意或驳回(督查、管理员、指挥中心负责人,须写审核意见)',
      params: IdParams,
      body: AssessmentAppealDecisionBody,
      response: { 200: AssessmentAppealView, ...errors },
    },
    handler: (req) => c.assessment.decideAppeal(actorOf(req), req.params.id, req.body),
  });

  app.get('/api/assessment/summons', {
    preHandler: requireStaff,
    schema: {
      tags: ['assessment'],
      summary: '当月末位约谈记录',
      querystring: AssessmentSummonsQuery,
      response: { 200: AssessmentSummonsList, ...errors },
    },
    handler: (req) => c.assessment.summons(actorOf(req), req.query.month),
  });

  app.post('/api/assessment/summons', {
    preHandler: requireStaff,
    schema: {
      tags: ['assessment'],
      summary: '记录末位约谈(日期、参加人员、约谈情况;督查、管理员、指挥中心负责人)',
      body: AssessmentSummonsBody,
      response: { 201: AssessmentSummonsView, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await c.assessment.recordSummons(actorOf(req), req.body)),
  });
}
